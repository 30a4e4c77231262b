"""One pipeline, two front ends: `analyze` runs every step; the CLI writes its tables, notebooks show them.

files -> corpus (load, clean, sentences) -> actors, stance, timeline -> tables.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .corpus import Corpus, load_corpus


@dataclass
class Result:
    """Everything one run produced: the corpus and every output table by name."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def run(corpus_dir: str | Path, progress: bool | None = None) -> Result:
    """Run every analysis on a corpus folder (uncached)."""
    corpus = load_corpus(corpus_dir, progress=progress)
    tables = {
        "articles": corpus.articles,
        "load_report": corpus.load_report,
        "removed_lines": corpus.removed,
        "repairs": corpus.repairs,
        "sentences": corpus.sentences,
    }
    return Result(corpus=corpus, tables=tables)


@functools.lru_cache(maxsize=4)
def _cached(corpus_dir: str, stamp: tuple) -> Result:
    return run(corpus_dir)


def corpus_stamp(corpus_dir: Path) -> tuple:
    """Cheap identity of a corpus folder's state: (path, size, mtime) of every file."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(corpus_dir.rglob("*")) if p.is_file())


def analyze(corpus_dir: str | Path) -> Result:
    """Cached `run`: the same unchanged corpus folder is analysed once per process."""
    corpus_dir = Path(corpus_dir).resolve()
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    return _cached(str(corpus_dir), corpus_stamp(corpus_dir))


def write_tables(result: Result, out_dir: str | Path) -> list[Path]:
    """Write every table as CSV (UTF-8 with BOM so spreadsheet programs show Chinese) plus clean texts."""
    out = Path(out_dir)
    (out / "clean").mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in result.tables.items():
        path = out / f"{name}.csv"
        df.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    for aid, text in result.corpus.clean.items():
        path = out / "clean" / f"{aid}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
