"""Shared fixtures for the corpus-foundation tests.

`seed_corpus` loads the five seed articles once per session; `make_corpus` writes a small
corpus folder of named files (bytes or str) into a test's tmp_path; `passage` builds the sentence
table of a short passage (one string per sentence) for the timeline tests.
"""
from __future__ import annotations

from pathlib import Path

import os

import pandas as pd
import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase, ReadOnlyDatabase

from kaiyuan.corpus import load_corpus

REPO = Path(__file__).resolve().parents[1]
# Property tests are deterministic: a fixed seed (--hypothesis-seed=0 in pyproject addopts) and the committed examples in
# tests/hypothesis-db (counterexamples found earlier, replayed first). CI only reads the database;
# KAIYUAN_RECORD_HYPOTHESIS=1 lets a developer add newly found counterexamples to it.
_DB = DirectoryBasedExampleDatabase(str(Path(__file__).parent / "hypothesis-db"))
settings.register_profile("kaiyuan", print_blob=True,
                          database=_DB if os.environ.get("KAIYUAN_RECORD_HYPOTHESIS") else ReadOnlyDatabase(_DB))
settings.load_profile("kaiyuan")
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_corpus():
    """The seed corpus, loaded once (load_corpus is pure apart from reading the files)."""
    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_raw() -> dict[str, str]:
    """Raw text of every seed article keyed by article_id."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def make_corpus(tmp_path):
    """make_corpus({"a.txt": b"...", "sub/b.md": "..."}) -> folder holding exactly those files."""

    def _make(files: dict[str, bytes | str], folder: str = "corpus") -> Path:
        root = tmp_path / folder
        root.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return root

    return _make


def _passage_frame(texts: list[str]) -> pd.DataFrame:
    """The sentence table of one article "a" whose sentences are `texts` (body sentences, one character between
    them, offsets as the pipeline writes them)."""
    recs, pos = [], 0
    for i, t in enumerate(texts):
        recs.append({"article_id": "a", "sentence_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "text_simplified": t, "kind": "body"})
        pos += len(t) + 1
    return pd.DataFrame(recs)


@pytest.fixture(scope="session")
def passage():
    """passage(texts) -> the sentence table of a one-article passage (shared by the timeline tests of sessions 10-11)."""
    return _passage_frame


@pytest.fixture(scope="session")
def resolved_last(passage):
    """resolved_last(texts, published) -> {expression: (start, end, anchor)} for a one-article passage with its
    publication date (the last reading of a repeated word); shared by the timeline tests of session 12."""
    from kaiyuan import timeline as tl

    def run(texts: list[str], published: str) -> dict:
        rows = tl.extract_expressions(passage(texts), pd.DataFrame({"article_id": ["a"], "published": [published]}))
        return {r.expression: (r.start, r.end, r.anchor) for r in rows.itertuples()}
    return run
