"""On-disk cache: pickles keyed by content hashes (input bytes, data files, source code, version).

A key never depends on time or paths of the cache itself, so the same inputs always hit
the same entry and any change to an input, a rule file or the code misses it.
"""
from __future__ import annotations

import ast
import functools
import hashlib
import os
import pickle
import sys
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


@functools.lru_cache(maxsize=64)
def _imports(name: str) -> tuple[str, ...]:
    """Package modules (file names) that kaiyuan/<name> imports, read from its source with ast."""
    tree = ast.parse((PACKAGE_DIR / name).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            targets = [node.module] if node.module else [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kaiyuan"):
            targets = [(node.module or "").removeprefix("kaiyuan").lstrip(".") or a.name for a in node.names]
        else:
            continue
        for t in targets:
            if t and (PACKAGE_DIR / f"{t.split('.')[0]}.py").exists():
                found.add(f"{t.split('.')[0]}.py")
    return tuple(sorted(found))


@functools.lru_cache(maxsize=64)
def code_closure(names: tuple[str, ...]) -> tuple[str, ...]:
    """The given package modules and every package module they import, transitively (derived from
    the source, so a helper module a stage starts using is part of its cache key without a list)."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imports(name))
    return tuple(sorted(seen))


def make_key(*parts, data: list[str] = (), code: list[str] = (), files: list = ()) -> str:
    """Key from free-form parts (str/bytes), package data files, package source files (with every
    package module they import) and any other files (e.g. a researcher's own registry: path and
    content, so a missing file never shares a key with another one), plus the version and format."""
    h = hashlib.sha256(f"{__version__}\0{ENTRY_FORMAT}".encode())
    for path in files:
        h.update(b"\0file\0" + str(path).encode("utf-8") + b"\0" + (content_hash(Path(path)) or "missing").encode())
    for part in parts:
        h.update(b"\0")
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
    for name in data:
        h.update(content_hash(DATA_DIR / name).encode())
    for name in code_closure(tuple(code)):
        h.update(name.encode() + content_hash(PACKAGE_DIR / name).encode())
    return h.hexdigest()


def default_cache_dir() -> Path:
    """Cache folder: $KAIYUAN_CACHE, else .kaiyuan-cache/ at the repository root."""
    return Path(os.environ.get("KAIYUAN_CACHE", REPO / ".kaiyuan-cache"))


# A folder holding one of these files was written by kaiyuan (tables, a report, the cache): it is never
# read as corpus input (kaiyuan.corpus.walk_corpus skips it).
OUTPUT_MARKER, CACHE_MARKER = ".kaiyuan-output", ".kaiyuan-cache"
ENTRY_FORMAT = 2            # layout of an entry file: MAGIC, format byte, sha256 of the payload, payload
MAGIC = b"KYC"


class DiskCache:
    """Pickle files keyed by hex digests, each entry with its format version and a checksum of its
    content. A missing entry is a miss; an entry that fails to read, verify or unpickle (truncated,
    one byte changed, edited, from another version) is deleted, reported once on stderr and
    recomputed: never served and never fatal."""

    def __init__(self, folder: Path | str | None):
        self.folder = Path(folder) if folder else None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str):
        if not self.folder:
            return None
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        head = len(MAGIC) + 1 + 32
        payload = blob[head:]
        if (blob[:len(MAGIC)] != MAGIC or blob[len(MAGIC)] != ENTRY_FORMAT
                or hashlib.sha256(payload).digest() != blob[len(MAGIC) + 1:head]):
            return self._discard(path, "checksum or format mismatch")
        try:
            return pickle.loads(payload)
        except Exception as err:  # any unpickling failure: a stale class, a broken stream
            return self._discard(path, f"{type(err).__name__}")

    def _discard(self, path: Path, why: str) -> None:
        try:
            path.unlink()
        except OSError:
            pass
        print(f"kaiyuan: cache entry {path.stem[:12]}… was damaged ({why}); discarded and recomputed",
              file=sys.stderr)
        return None

    def put(self, key: str, value) -> None:
        if not self.folder:
            return
        path = self._path(key)
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            marker = self.folder / CACHE_MARKER
            if not marker.exists():
                marker.write_text("kaiyuan cache folder: never read as corpus input\n", encoding="utf-8")
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(MAGIC + bytes([ENTRY_FORMAT]) + hashlib.sha256(payload).digest() + payload)
        tmp.replace(path)
