"""environment.yml mirrors pyproject.toml: the same packages at the same versions, Python 3.11 in both."""
from __future__ import annotations

import re
import tomllib

import pytest
import yaml


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(requirements) -> set[tuple[str, str]]:
    pins = set()
    for req in requirements:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.\-+!]+)\s*", req)
        assert m, f"not an exact pin: {req!r}"
        pins.add((m.group(1).lower().replace("_", "-"), m.group(2)))
    return pins


@pytest.fixture(scope="module")
def pyproject(repo_root):
    return tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def environment(repo_root):
    return yaml.safe_load((repo_root / "environment.yml").read_text(encoding="utf-8"))


def _pyproject_requirements(pyproject) -> list[str]:
    project = pyproject["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return reqs


def _environment_requirements(environment) -> tuple[list[str], list[str]]:
    conda, pip = [], []
    for dep in environment["dependencies"]:
        if isinstance(dep, dict):
            pip += dep.get("pip", [])
        else:
            conda.append(dep)
    return conda, pip


def test_environment_lists_exactly_the_pyproject_packages_and_versions(pyproject, environment):
    _, pip = _environment_requirements(environment)
    expected = _pins(_pyproject_requirements(pyproject))
    got = _pins(pip)
    assert got - expected == set(), "in environment.yml but not pyproject.toml"
    assert expected - got == set(), "in pyproject.toml but not environment.yml"
    assert len(pip) == len(got), "a package is listed twice in environment.yml"


def test_every_pyproject_requirement_is_an_exact_pin(pyproject):
    reqs = _pyproject_requirements(pyproject)
    assert _pins(reqs)
    names = [_name(r) for r in reqs]
    assert len(names) == len(set(names)), "a package is listed twice in pyproject.toml"


def test_python_is_pinned_to_3_11_in_both(pyproject, environment):
    conda, _ = _environment_requirements(environment)
    pythons = [d for d in conda if _name(d) == "python"]
    assert pythons == ["python=3.11"]
    spec = pyproject["project"]["requires-python"].replace(" ", "")
    assert spec in {">=3.11,<3.12", "==3.11.*", "~=3.11.0"}


def test_conda_side_has_nothing_but_python_and_pip(environment):
    conda, _ = _environment_requirements(environment)
    assert sorted(_name(d) for d in conda) == ["pip", "python"]
