"""The numbered notebooks: paired and in sync, shaped question -> parameters -> thin calls -> findings,
and their committed outputs free of errors and of this machine's paths."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import jupytext
import nbformat
import pytest

from kaiyuan import notebooks

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = notebooks.notebook_scripts(REPO / "notebooks")
MAX_LINES = 15
PARAMETERS = {"CORPUS", "OUTPUT", "REGISTRY", "LABELS"}
MACHINE_PATHS = ["/work/", "/tmp/", "/root/", "/home/", "/Users/", "C:\\\\", str(REPO)]


def test_the_numbered_notebooks_are_found():
    assert [s.name for s in SCRIPTS] == ["00_corpus.py", "01_stance.py", "02_actors.py", "03_timeline.py",
                                         "04_new_articles.py"]


@pytest.fixture(params=SCRIPTS, ids=[s.stem for s in SCRIPTS], scope="module")
def script(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def cells(script):
    return jupytext.read(script).cells


@pytest.fixture(scope="module")
def stored(script):
    path = script.with_suffix(".ipynb")
    assert path.exists(), f"{path.name} is missing"
    return nbformat.read(path, as_version=4)


def code_cells(cells):
    return [c for c in cells if c.cell_type == "code"]


def test_paired_ipynb_exists_and_is_in_sync(script):
    assert script.with_suffix(".ipynb").exists()
    assert notebooks.in_sync(script), f"{script.name} and its .ipynb differ: run `make sync-notebooks`"


def test_first_cell_states_the_question(cells):
    assert cells[0].cell_type == "markdown"
    assert "Question" in cells[0].source


def test_one_parameters_cell_defines_corpus_output_registry_labels(cells):
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert tagged[0].cell_type == "code"
    assigned = {t.id for node in ast.parse(tagged[0].source).body if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}
    assert PARAMETERS <= assigned


def test_papermill_reads_every_parameter_with_its_help(cells, caplog):
    """papermill parses the parameters cell (`make report` passes these by name); a line it cannot parse
    is only a warning there, so check it here: every parameter found, with its comment as help."""
    from papermill.translators import PythonTranslator

    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])][0]
    found = {p.name: p.help for p in PythonTranslator.inspect({"source": tagged.source})}
    assert "Unable to parse" not in caplog.text
    assert PARAMETERS <= set(found) and all(found[name] for name in PARAMETERS)


def test_house_style_is_set_before_the_analysis(cells):
    """Every notebook calls kaiyuan.plotting.setup() before its first table: the CJK font for figures
    and whole table cells (pandas would cut them at 50 characters)."""
    code = [c.source for c in code_cells(cells)]
    first_setup = next(i for i, src in enumerate(code) if "kaiyuan.plotting.setup()" in src)
    first_analysis = next(i for i, src in enumerate(code) if "kaiyuan.analyze(" in src)
    assert first_setup <= first_analysis


def test_notebook_ends_with_computed_findings_and_limits(cells):
    """Findings are computed for the corpus in hand (views.show_findings), then the method's limits."""
    last, findings, heading = cells[-1], cells[-2], cells[-3]
    assert last.cell_type == "markdown" and "cannot see" in last.source
    assert findings.cell_type == "code" and "views.show_findings(result" in findings.source
    assert heading.cell_type == "markdown" and "## Findings" in heading.source


def test_code_cells_are_thin(cells):
    for cell in code_cells(cells):
        source = cell.source
        assert len(source.strip().splitlines()) <= MAX_LINES, f"cell longer than {MAX_LINES} lines:\n{source}"
        tree = ast.parse(source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.For, ast.AsyncFor, ast.While)), f"loop in a cell:\n{source}"
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)), f"definition in a cell:\n{source}"
            if isinstance(node, ast.Import):
                assert "re" not in {a.name for a in node.names}, f"regular expressions in a cell:\n{source}"
        for line in source.splitlines():
            assert not line.lstrip().startswith(("for ", "while ", "def ", "import re")), line


def test_stored_outputs_have_no_errors_and_no_machine_paths(stored):
    assert any(c.get("outputs") for c in code_cells(stored.cells)), "the notebook has no stored outputs"
    for cell in code_cells(stored.cells):
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"error output in:\n{cell.source}"
            assert output.get("name") != "stderr" or "Traceback" not in output.get("text", "")
            readable = {k: v for k, v in output.get("data", {}).items() if not k.startswith("image/")}  # not base64
            text = json.dumps([output.get("text", ""), readable], ensure_ascii=False)
            for path in MACHINE_PATHS:
                assert path not in text, f"{path!r} in a stored output of:\n{cell.source}"


def test_kernelspec_is_python3(stored, script):
    assert stored.metadata["kernelspec"]["name"] == "python3"
    assert stored.metadata["kernelspec"]["language"] == "python"
    assert jupytext.read(script).metadata["kernelspec"]["name"] == "python3"
