"""One pipeline, two front ends: `analyze` runs every step; the CLI writes its tables, notebooks show them.

    files -> corpus (load, clean, sentences)                      per article, cached, parallel
          -> actors.find_mentions -> quotes.extract_quotes        per article, cached, parallel
          -> timeline.extract_expressions                         per article, cached, parallel
          -> counts, co-occurrence, discovery, stance, events, timeline   whole corpus

Per-article results are cached on disk under a key made of the file's raw bytes, its
metadata row, the package version and the hashes of exactly the data files that stage
reads, so editing the actor registry re-runs mentions and quotes but not cleaning.
"""
from __future__ import annotations

import functools
import hashlib
import json
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .cache import DATA_DIR, DiskCache, default_cache_dir, make_key
from .corpus import (
    Article,
    Corpus,
    Rejected,
    article_id_for,
    assemble,
    plan_files,
    process_file,
)

# What each per-article stage depends on: its cache key includes the hashes of these data files
# and of these source modules, so a change to either re-runs exactly the stages that read it.
_CORPUS_CODE = ["corpus.py", "clean.py", "sentences.py", "script.py"]
STAGE_DATA = {
    "corpus": ["boilerplate.yaml"],
    "actors": ["boilerplate.yaml", "actors.yaml"],
    "quotes": ["boilerplate.yaml", "actors.yaml", "quotes.yaml"],
    "time": ["boilerplate.yaml", "time_rules.yaml"],
}
STAGE_CODE = {
    "corpus": _CORPUS_CODE,
    "actors": _CORPUS_CODE + ["actors.py"],
    "quotes": _CORPUS_CODE + ["actors.py", "quotes.py"],
    "time": _CORPUS_CODE + ["timeline.py"],
}
# The corpus-level (aggregate) stage reads all of these; the whole-result cache key includes them.
AGGREGATE_DATA = sorted({n for names in STAGE_DATA.values() for n in names} | {"stance_labels.csv", "stance_labels_pass1.csv", "stance_cues.yaml"})
MIN_JOBS_PER_POOL = 50  # below this, starting worker processes costs more than it saves
AGGREGATE_CODE = sorted({n for names in STAGE_CODE.values() for n in names} | {"pipeline.py", "stance.py", "cache.py"})


@dataclass
class Result:
    """Everything one run produced: the corpus and every output table by name."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


@dataclass
class ArticleOutput:
    """Per-article stage results (what the cache stores and workers return)."""

    article: Article
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    expressions: pd.DataFrame


def stage_key(stage: str, raw: bytes, rel: str, meta: dict | None, registry: str | None = None) -> str:
    """Cache key of one stage for one article: bytes, path, metadata, the stage's data files and code
    (a researcher's own registry file replaces the packaged actors.yaml in the key)."""
    data = STAGE_DATA[stage]
    files = []
    if registry and "actors.yaml" in data:
        data, files = [d for d in data if d != "actors.yaml"], [registry]
    return make_key(stage, rel, json.dumps(meta or {}, sort_keys=True, ensure_ascii=False),
                    hashlib.sha256(raw).digest(), data=data, code=STAGE_CODE[stage], files=files)


def _sentences_df(article: Article) -> pd.DataFrame:
    from .corpus import SENTENCE_COLUMNS

    return pd.DataFrame(article.sentences, columns=SENTENCE_COLUMNS)


def article_stage(path: str, corpus_dir: str, meta: dict | None, cache_dir: str | None,
                  registry: str | None = None) -> ArticleOutput | dict:
    """Per-article work (load, clean, sentences, mentions, quotes, time expressions), cached per stage.

    Returns an ArticleOutput, or a load-report row (dict) for a rejected file.  Runs in
    worker processes and on Dask workers, so it takes and returns plain picklable data.
    """
    from . import actors, quotes, timeline

    p, root = Path(path), Path(corpus_dir)
    cache = DiskCache(Path(cache_dir) if cache_dir else None)
    rel = p.relative_to(root).as_posix()
    raw = p.read_bytes()
    keys = {stage: stage_key(stage, raw, rel, meta, registry) for stage in STAGE_DATA}
    article = cache.get(keys["corpus"])
    if article is None:
        try:
            article = process_file(p, root, meta, data=raw)
        except Rejected as err:
            article = {"path": rel, "status": "rejected", "encoding": "", "reason": str(err)}
        cache.put(keys["corpus"], article)
    if isinstance(article, dict):
        return article
    sentences = _sentences_df(article)
    mentions = cache.get(keys["actors"])
    if mentions is None:
        mentions = actors.find_mentions(sentences, actors.load_registry(registry))
        cache.put(keys["actors"], mentions)
    found_quotes = cache.get(keys["quotes"])
    if found_quotes is None:
        found_quotes = quotes.extract_quotes(sentences, mentions, actors.load_registry(registry))
        cache.put(keys["quotes"], found_quotes)
    expressions = cache.get(keys["time"])
    if expressions is None:
        expressions = timeline.extract_expressions(sentences, pd.DataFrame([article.row]))
        cache.put(keys["time"], expressions)
    return ArticleOutput(article, mentions, found_quotes, expressions)


# One article at a time per process: the per-article stage is not thread-safe (jionlp's shared TimeParser
# keeps per-call state, and stdout is redirected around it), and Dask workers run tasks in threads.
_STAGE_LOCK = threading.Lock()


def _article_stage_locked(job: tuple) -> ArticleOutput | dict:
    """article_stage for Dask workers, serialised within each worker process (see _STAGE_LOCK)."""
    with _STAGE_LOCK:
        return article_stage(*job)


def _run_articles(jobs: list[tuple], workers: int, scheduler: str | None, progress: bool) -> list:
    """Run article_stage over jobs: in-process, in a process pool, or on a Dask cluster; input order kept."""
    from tqdm.auto import tqdm

    if scheduler:
        from distributed import Client  # optional extra: pip install 'kaiyuan[dask]'

        client = (Client(scheduler) if scheduler != "local"
                  else Client(processes=True, n_workers=workers or None, threads_per_worker=1))
        try:
            futures = client.map(_article_stage_locked, jobs, pure=False)
            return client.gather(futures)
        finally:
            client.close()
    if workers <= 1 or len(jobs) < MIN_JOBS_PER_POOL:
        return [article_stage(*job) for job in tqdm(jobs, desc="articles", unit="file", disable=not progress)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunks = max(1, len(jobs) // (workers * 8))
        it = pool.map(article_stage, *zip(*jobs), chunksize=chunks)
        return list(tqdm(it, total=len(jobs), desc="articles", unit="file", disable=not progress))


def _concat(frames: list[pd.DataFrame], columns: list[str] | None = None) -> pd.DataFrame:
    given = [f for f in frames if f is not None]
    frames = [f for f in given if len(f)]
    if not frames:  # keep the stage's own empty frame (its dtypes) when every article had nothing
        return given[0].iloc[0:0].reset_index(drop=True) if given else pd.DataFrame(columns=columns or [])
    return pd.concat(frames, ignore_index=True)


def run(
    corpus_dir: str | Path,
    progress: bool | None = None,
    workers: int = 1,
    cache: bool | str | Path = True,
    scheduler: str | None = None,
    registry: str | Path | None = None,
    labels: str | Path | None = None,
) -> Result:
    """Run every analysis on a corpus folder and return all tables (see README for their schemas).

    `registry` and `labels` replace the packaged actor registry and stance label file (e.g. a
    researcher's extended copies); `cache=False` or a folder; `workers` processes or a Dask `scheduler`.
    """
    from . import actors, quotes, stance, timeline

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    root = Path(corpus_dir).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    cache_dir = None if cache is False else str(default_cache_dir() if cache is True else cache)
    candidates, rejected, meta = plan_files(root)
    registry = str(Path(registry).resolve()) if registry else None
    labels = str(Path(labels).resolve()) if labels else None
    jobs = [(str(p), str(root), meta.get(article_id_for(p, root)), cache_dir, registry) for p in candidates]
    whole = DiskCache(cache_dir)
    key = result_key(jobs, rejected, [f for f in (registry, labels) if f])
    cached = whole.get(key)
    if cached is not None:
        cached.timings = {"cached": time.perf_counter() - t0}
        return cached
    show = progress if progress is not None else len(jobs) >= 200
    outputs = _run_articles(jobs, workers, scheduler, bool(show))
    done = [o for o in outputs if isinstance(o, ArticleOutput)]
    rejected += [o for o in outputs if isinstance(o, dict)]
    corpus = assemble([o.article for o in done], rejected)
    timings["articles"] = time.perf_counter() - t0

    t = time.perf_counter()
    sentences, articles = corpus.sentences, corpus.articles
    mentions = _concat([o.mentions for o in done], actors.MENTION_COLUMNS)
    registry_obj = actors.load_registry(registry)
    tables = {
        "articles": articles,
        "load_report": corpus.load_report,
        "removed_lines": corpus.removed,
        "repairs": corpus.repairs,
        "sentences": sentences,
        "mentions": mentions,
        "actor_counts": actors.actor_counts(mentions, articles),
        "cooccurrence": actors.cooccurrence(mentions),
        "unknown_actors": actors.discover_unknown(sentences, mentions, registry_obj),
    }
    timings["actors"] = time.perf_counter() - t

    t = time.perf_counter()
    stance_sentences = stance.predict(sentences, stance.load_labels(labels) if labels else None)
    found_quotes = quotes.attach_stance(_concat([o.quotes for o in done], quotes.QUOTE_COLUMNS), stance_sentences)
    tables.update({
        "stance_sentences": stance_sentences,
        "stance_articles": stance.article_stance(stance_sentences),
        "quotes": found_quotes,
        "actor_stance": stance.actor_stance(found_quotes),
    })
    timings["stance"] = time.perf_counter() - t

    t = time.perf_counter()
    expressions = _concat([o.expressions for o in done], timeline.EXPRESSION_COLUMNS)
    events = timeline.build_events(expressions, sentences, mentions)
    tables.update({
        "temporal_expressions": expressions,
        "events": events,
        "timeline": timeline.merge_timeline(events),
    })
    timings["timeline"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    result = Result(corpus=corpus, tables=tables, timings=timings)
    whole.put(key, result)
    return result


def result_key(jobs: list[tuple], others: list[dict], extra_files: list[str] = ()) -> str:
    """Whole-run cache key: every input file's bytes and metadata, the non-article files, all data and code."""
    parts = []
    for path, root, meta, *_ in jobs:
        p = Path(path)
        parts += [p.relative_to(root).as_posix(), json.dumps(meta or {}, sort_keys=True, ensure_ascii=False),
                  hashlib.sha256(p.read_bytes()).digest()]
    parts.append(json.dumps(others, sort_keys=True, ensure_ascii=False))
    return make_key("result", *parts, data=AGGREGATE_DATA, code=AGGREGATE_CODE, files=list(extra_files))


def corpus_stamp(corpus_dir: Path) -> tuple:
    """Cheap identity of a corpus folder's state and of the data files: (path, size, mtime) of each."""
    files = [p for p in sorted(corpus_dir.rglob("*")) if p.is_file()] + sorted(DATA_DIR.glob("*"))
    files += sorted(Path(__file__).parent.glob("*.py"))
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@functools.lru_cache(maxsize=4)
def _cached(corpus_dir: str, stamp: tuple, registry: str | None, labels: str | None) -> Result:
    return run(corpus_dir, registry=registry, labels=labels)


def analyze(corpus_dir: str | Path, registry: str | Path | None = None, labels: str | Path | None = None) -> Result:
    """Cached `run`: an unchanged corpus is analysed once per process (and per article once on disk)."""
    root = Path(corpus_dir).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    extra = tuple((f, Path(f).stat().st_mtime_ns) for f in (registry, labels) if f)
    return _cached(str(root), corpus_stamp(root) + extra, str(registry) if registry else None,
                   str(labels) if labels else None)


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
