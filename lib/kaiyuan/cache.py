"""On-disk cache: pickles keyed by content hashes (input bytes, data files, source code, version).

A key never depends on time or paths of the cache itself, so the same inputs always hit
the same entry and any change to an input, a rule file or the code misses it.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

from . import __version__

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
REPO = PACKAGE_DIR.parents[1]


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes ('' when it does not exist)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


@functools.lru_cache(maxsize=256)
def _hash(path: str, mtime_ns: int, size: int) -> str:
    return file_hash(Path(path))


def content_hash(path: Path) -> str:
    """Hash of a file, memoised on (path, mtime, size) so repeated keys cost nothing."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return ""
    return _hash(str(path), st.st_mtime_ns, st.st_size)


def make_key(*parts, data: list[str] = (), code: list[str] = (), files: list = ()) -> str:
    """Key from free-form parts (str/bytes), package data files, package source files and any other
    files (e.g. a researcher's own registry), plus the version."""
    h = hashlib.sha256(__version__.encode())
    for path in files:
        h.update(content_hash(Path(path)).encode())
    for part in parts:
        h.update(b"\0")
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
    for name in data:
        h.update(content_hash(DATA_DIR / name).encode())
    for name in code:
        h.update(content_hash(PACKAGE_DIR / name).encode())
    return h.hexdigest()


def default_cache_dir() -> Path:
    """Cache folder: $KAIYUAN_CACHE, else .kaiyuan-cache/ at the repository root."""
    return Path(os.environ.get("KAIYUAN_CACHE", REPO / ".kaiyuan-cache"))


class DiskCache:
    """Pickle files keyed by hex digests; a missing or unreadable entry is a miss, never an error."""

    def __init__(self, folder: Path | str | None):
        self.folder = Path(folder) if folder else None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str):
        if not self.folder:
            return None
        try:
            with self._path(key).open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def put(self, key: str, value) -> None:
        if not self.folder:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
