"""Configuration files: one strict YAML loader and one up-front check of everything a run reads.

* `load_yaml(path)` is the only YAML loader of the package: a key repeated in a mapping is an error
  (PyYAML would keep the last one silently), and every error names the file and line.
* `validate(registry=None, labels=None)` runs before any article is read (`kaiyuan run`, `report`,
  `evaluate`): a configuration path that does not exist or is a folder, malformed YAML, a data file
  that does not match its schema (`data/schemas.yaml`, checked with fastjsonschema), a registry entry
  that fails the registry's own checks (a duplicate alias or actor), or a bad label value is a
  `ConfigError` whose message is one line: file, entry, problem. The CLI prints it and exits 2.
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from .cache import DATA_DIR

DATA_FILES = ("actors.yaml", "boilerplate.yaml", "metadata.yaml", "quotes.yaml", "stance_cues.yaml", "time_rules.yaml")


class ConfigError(ValueError):
    """A configuration problem, as one line: '<file>: <entry>: <problem>'."""


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that refuses a key repeated in one mapping."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(path: str | Path):
    """Parse a YAML file strictly (duplicate keys rejected); ConfigError names the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a YAML file") from None
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot be read ({err})") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 -- a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "YAML"
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ConfigError(f"{path}: {where}: {problem}") from None


@functools.lru_cache(maxsize=1)
def _schemas() -> dict:
    return load_yaml(DATA_DIR / "schemas.yaml")


@functools.lru_cache(maxsize=16)
def _validator(name: str):
    import fastjsonschema

    schema = _schemas().get(name)
    return fastjsonschema.compile(schema) if schema is not None else None


def check_schema(data, path: Path, name: str) -> None:
    """Validate parsed data against its schema in data/schemas.yaml (ConfigError on the first problem)."""
    import fastjsonschema

    validator = _validator(name)
    if validator is None:
        return
    try:
        validator(data)
    except fastjsonschema.JsonSchemaValueException as err:
        entry = "/".join(str(p) for p in (err.path or [])[1:]) or "(top level)"
        problem = err.message.split(" ", 1)[1] if err.message.startswith("data") and " " in err.message else err.message
        raise ConfigError(f"{path}: {entry}: {problem}") from None


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=32)
def _checked_yaml(stamp: tuple, name: str) -> None:
    path = Path(stamp[0])
    check_schema(load_yaml(path), path, name)


@functools.lru_cache(maxsize=8)
def _checked_registry(stamp: tuple) -> None:
    from .actors import RegistryError, load_registry

    _checked_yaml(stamp, "actors.yaml")
    try:
        load_registry(stamp[0])
    except RegistryError as err:
        raise ConfigError(" ".join(str(err).split())) from None


@functools.lru_cache(maxsize=8)
def _checked_labels(stamp: tuple) -> None:
    from .stance import load_labels

    try:
        load_labels(stamp[0])
    except (ValueError, KeyError) as err:
        raise ConfigError(" ".join(str(err).split())) from None
    except Exception as err:  # pandas parser errors and the like
        raise ConfigError(f"{stamp[0]}: not a readable label CSV ({type(err).__name__}: {err})") from None


def _existing_file(path: str | Path | None, what: str) -> Path | None:
    if path is None:
        return None
    p = Path(path)
    if not p.exists():
        raise ConfigError(f"{p}: {what} file not found")
    if p.is_dir():
        raise ConfigError(f"{p}: is a folder; give the {what} file itself")
    return p.resolve()


def validate(registry: str | Path | None = None, labels: str | Path | None = None) -> None:
    """Check every configuration file a run will read; raise ConfigError (one line) on the first problem."""
    from .stance import label_path

    reg = _existing_file(registry, "registry") or DATA_DIR / "actors.yaml"
    lab = _existing_file(labels, "label") or label_path(None)
    for name in DATA_FILES:
        if name != "actors.yaml":
            _checked_yaml(_stamp(DATA_DIR / name), name)
    _checked_registry(_stamp(reg))
    if lab.exists():
        _checked_labels(_stamp(lab))
