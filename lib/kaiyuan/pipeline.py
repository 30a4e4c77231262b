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
import gc
import hashlib
import json
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .cache import DATA_DIR, DiskCache, default_cache_dir, make_key
from .corpus import (
    MAX_ARTICLE_CHARS,
    SENTENCE_COLUMNS,
    Article,
    Corpus,
    Rejected,
    assemble,
    list_files,
    mark_output_folder,
    plan_files,
    process_file,
)
from .frames import column_list, write_csv

# What each per-article stage depends on: its cache key includes the hashes of these data files
# and of these source modules, so a change to either re-runs exactly the stages that read it.
# Code lists name each stage's entry modules; cache.make_key adds every package module they import.
_CORPUS_CODE = ["corpus.py"]
_CORPUS_DATA = ["boilerplate.yaml", "metadata.yaml"]  # every stage reads the cleaned text and its date
STAGE_DATA = {
    "corpus": _CORPUS_DATA,
    "actors": _CORPUS_DATA + ["actors.yaml"],
    "quotes": _CORPUS_DATA + ["actors.yaml", "quotes.yaml"],
    "time": _CORPUS_DATA + ["time_rules.yaml"],
    "events": _CORPUS_DATA + ["actors.yaml", "time_rules.yaml"],
    "stance": _CORPUS_DATA + ["actors.yaml", "quotes.yaml", "stance_cues.yaml"],  # + the label files (stage_env); quotes: voices
}
STAGE_CODE = {
    "corpus": _CORPUS_CODE,
    "actors": _CORPUS_CODE + ["actors.py"],
    "quotes": _CORPUS_CODE + ["actors.py", "quotes.py"],
    "time": _CORPUS_CODE + ["timeline.py"],
    "events": _CORPUS_CODE + ["actors.py", "timeline.py"],
    "stance": _CORPUS_CODE + ["actors.py", "quotes.py", "stance.py"],
}
# The corpus-level (aggregate) stage reads all of these; the whole-result cache key includes them.
AGGREGATE_DATA = sorted({n for names in STAGE_DATA.values() for n in names} | {"stance_labels.csv", "stance_labels_dev.csv", "stance_labels_pass1.csv", "stance_cues.yaml", "quote_labels.csv"})
MIN_JOBS_PER_POOL = 50  # below this, starting worker processes costs more than it saves
AGGREGATE_CODE = sorted({n for names in STAGE_CODE.values() for n in names} | {"pipeline.py", "stance.py", "cache.py"})


class Job(NamedTuple):
    """One file to analyse, with everything a worker process needs (picklable)."""

    path: str
    root: str
    article_id: str
    meta: dict | None
    cache_dir: str | None
    registry: str | None
    labels: str | None
    max_chars: int | None = MAX_ARTICLE_CHARS


@dataclass
class Result:
    """Everything one run produced: the corpus and every output table by name."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


CACHE_FORMAT = "parts-1"  # how per-article stage results are stored (see _Part); part of every stage key

# The per-article tables every chunk returns (see ChunkOutput.tables):
#   mentions; unknown (occurrences of unregistered names, ranked corpus-wide); quotes; expressions;
#   events; stance (model and hand-label rows); article_stance; and quote_stance (per quote and target,
#   from the stance of the quote's sentences, added after the cached steps)
ARTICLE_TABLES = ("mentions", "unknown", "quotes", "expressions", "events", "stance", "article_stance")


@dataclass
class ChunkOutput:
    """What one chunk of files returns from a worker process or Dask worker: the loaded articles and
    the rejected files' load-report rows, in job order, and each per-article table (ARTICLE_TABLES)
    for the chunk's articles, concatenated in that order. One frame per table and chunk, not per
    article: sending thousands of small frames back cost the parent more to unpickle than to use."""

    articles: list[Article]
    rejected: list[dict]
    tables: dict[str, pd.DataFrame]


def stage_env(stage: str, registry: str | None = None, labels: str | None = None) -> str:
    """Digest of everything one stage reads besides the article: its data files and code, the version
    (a researcher's own registry file replaces the packaged actors.yaml; the stance stage includes
    the label file the model was trained on). Computed once per chunk, not per article."""
    data = STAGE_DATA[stage]
    files = []
    if registry and "actors.yaml" in data:
        data, files = [d for d in data if d != "actors.yaml"], [registry]
    if stage == "stance":
        from .stance import label_paths

        files = files + [str(p) for p in label_paths(labels)]
    return make_key(stage, CACHE_FORMAT, data=data, code=STAGE_CODE[stage], files=files)


def _article_keys(envs: dict[str, str], raw: bytes, rel: str, meta: dict | None, article_id: str = "",
                  max_chars: int | None = MAX_ARTICLE_CHARS) -> dict[str, str]:
    """Cache key per stage for one article: its bytes, path, article_id, size limit and metadata row
    plus the stage's environment (stage_env)."""
    article = b"\0".join([rel.encode("utf-8"), article_id.encode("utf-8"), str(max_chars).encode(),
                          json.dumps(meta or {}, sort_keys=True, ensure_ascii=False).encode("utf-8"),
                          hashlib.sha256(raw).digest()])
    return {stage: hashlib.sha256(env.encode() + b"\0" + article).hexdigest() for stage, env in envs.items()}


def stage_key(stage: str, raw: bytes, rel: str, meta: dict | None, registry: str | None = None,
              labels: str | None = None, article_id: str = "", max_chars: int | None = MAX_ARTICLE_CHARS) -> str:
    """Cache key of one stage for one article (see _article_keys and stage_env)."""
    return _article_keys({stage: stage_env(stage, registry, labels)}, raw, rel, meta, article_id, max_chars)[stage]


def _sentences_df(articles: list[Article]) -> pd.DataFrame:
    """The sentence table (CONTRACT.md) of some articles, in the order given."""
    return pd.DataFrame([s for a in articles for s in a.sentences], columns=SENTENCE_COLUMNS)


@dataclass(frozen=True)
class _Part:
    """One article's rows of one per-article table: the table's columns and dtypes and one list of
    values per column. This is what the per-article cache stores: a list is several times cheaper to
    unpickle and to concatenate than a DataFrame per article (a warm re-run reads thousands)."""

    columns: tuple
    dtypes: tuple
    values: tuple

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({c: pd.Series(v, dtype=d) for c, d, v in zip(self.columns, self.dtypes, self.values)},
                            columns=list(self.columns))


def _split(table: pd.DataFrame, ids: list[str]) -> dict[str, _Part]:
    """Each article's rows of a multi-article table, in table order (no rows: empty lists)."""
    columns, dtypes = tuple(table.columns), tuple(table.dtypes)
    values = [column_list(table, c) for c in columns]
    rows_of: dict[str, list[int]] = {aid: [] for aid in ids}
    for i, aid in enumerate(table["article_id"].tolist() if len(table) else []):
        rows_of[str(aid)].append(i)
    return {aid: _Part(columns, dtypes, tuple([col[i] for i in rows_of[aid]] for col in values)) for aid in ids}


def _join(parts: list[_Part], keep_empty: bool) -> pd.DataFrame:
    """The articles' parts as one table, exactly as pd.concat of their frames would give it
    (`keep_empty=False`: as `_concat`, which leaves empty frames out of the dtype decision)."""
    first = parts[0]
    if all(p.columns == first.columns and p.dtypes == first.dtypes for p in parts):
        return _Part(first.columns, first.dtypes,
                     tuple([v for p in parts for v in p.values[j]] for j in range(len(first.columns)))).frame()
    frames = [p.frame() for p in parts]
    return pd.concat(frames, ignore_index=True) if keep_empty else _concat(frames)


def _joined_as_is(table: pd.DataFrame, ids: list[str]) -> bool:
    """Whether `table` is what `_join` of its `_split` parts over `ids` gives back: a fresh 0..n-1 index and its
    rows already grouped by article in the order of `ids` (the join keeps each article's rows in table order)."""
    index = table.index
    if not isinstance(index, pd.RangeIndex) or index.start != 0 or index.step != 1:
        return False
    rank = {aid: i for i, aid in enumerate(ids)}
    ranks = [rank[str(a)] for a in table["article_id"].tolist()] if len(table) else []
    return all(a <= b for a, b in zip(ranks, ranks[1:]))


def _chunk_table(parts: list[_Part], joined: pd.DataFrame | None) -> pd.DataFrame:
    """One per-article table of a chunk: `_join(parts, keep_empty=False)`, or the same parts already joined by
    a step (`joined`) when the parts agree in columns and dtypes (then both joins give the same frame)."""
    first = parts[0]
    if joined is not None and all(p.columns == first.columns and p.dtypes == first.dtypes for p in parts):
        return joined
    return _join(parts, keep_empty=False)


def _load_jobs(jobs: list[Job], cache: DiskCache, envs: dict[str, str]) -> tuple[list, dict[str, dict]]:
    """Each job's article, or its rejected file's load-report row, from the cache or loaded now (in job
    order), and each loaded article's cache key per stage (see _article_keys)."""
    results: list = []
    keys: dict[str, dict] = {}
    for job in jobs:
        p, root = Path(job.path), Path(job.root)
        rel, raw = p.relative_to(root).as_posix(), p.read_bytes()
        k = _article_keys(envs, raw, rel, job.meta, job.article_id, job.max_chars)
        article = cache.get(k["corpus"])
        if article is None:
            try:
                article = process_file(p, root, job.meta, data=raw, article_id=job.article_id, max_chars=job.max_chars)
            except Rejected as err:
                article = {"path": rel, "status": "rejected", "encoding": "", "reason": str(err)}
            cache.put(k["corpus"], article)
        if not isinstance(article, dict):
            keys[article.row["article_id"]] = k
        results.append(article)
    return results, keys


class _ChunkSteps:
    """The cached per-article steps of one chunk: each article's values by table name (`done`), and the
    chunk's sentence frame and joined tables, built once (several steps read them)."""

    def __init__(self, articles: list[Article], keys: dict[str, dict], cache: DiskCache) -> None:
        self.ids = [a.row["article_id"] for a in articles]
        self.by_id = {a.row["article_id"]: a for a in articles}
        self.rows = {a.row["article_id"]: a.row for a in articles}
        self.keys, self.cache = keys, cache
        self.done: dict[str, dict] = {aid: {} for aid in self.ids}
        self.frames: dict = {}

    def step(self, stage: str, names: tuple[str, ...], compute) -> None:
        """Fill done[aid][name] from the cache, computing every miss of the chunk in one call."""
        missing = []
        for aid in self.ids:
            value = self.cache.get(self.keys[aid][stage])
            if value is None:
                missing.append(aid)
            else:
                self.done[aid].update(zip(names, value))
        if not missing:
            return
        sub = self.sentences_of(missing)  # built only when a step has something to compute
        tables = compute(missing, sub)
        split = [_split(t, missing) for t in tables]
        for aid in missing:
            value = tuple(part[aid] for part in split)
            self.cache.put(self.keys[aid][stage], value)
            self.done[aid].update(zip(names, value))
        if missing == self.ids:  # the whole chunk computed at once: its tables are already the joined ones
            for name, table in zip(names, tables):
                if _joined_as_is(table, self.ids):
                    self.frames.setdefault((name, tuple(self.ids)), table)

    def sentences_of(self, aids: list[str]) -> pd.DataFrame:
        key = ("sentences", tuple(aids))
        if key not in self.frames:
            self.frames[key] = _sentences_df([self.by_id[a] for a in aids])
        return self.frames[key]

    def of(self, aids: list[str], name: str) -> pd.DataFrame:
        key = (name, tuple(aids))
        if key not in self.frames:
            self.frames[key] = _join([self.done[a][name] for a in aids], keep_empty=True)
        return self.frames[key]

    def table(self, name: str) -> pd.DataFrame:
        """One per-article table over the whole chunk (see _chunk_table)."""
        return _chunk_table([self.done[a][name] for a in self.ids], self.frames.get((name, tuple(self.ids))))


def _run_steps(steps: _ChunkSteps, reg, labels: str | None, cache_dir: str | None) -> None:
    """The chunk's per-article steps in order: actor mentions and unknown-name occurrences; time
    expressions; events; quotes; stance (model and hand labels) and the article's stance."""
    from . import actors, quotes, stance, timeline

    of, by_id, rows = steps.of, steps.by_id, steps.rows

    def find_actors(aids, sub):
        identified = actors.identified_by_removed([r for a in aids for r in by_id[a].removed], reg)
        mentions = actors.find_mentions(sub, reg, identified)
        return mentions, actors.unknown_occurrences(sub, mentions, reg)

    def predict_stance(aids, sub):
        cues = stance.load_cues(registry=reg.path)  # relevance terms from the run's registry
        model = stance.model_for(labels, cache_dir) if stance.label_paths(labels) else None
        pred = model.predict(sub, cues) if model is not None else stance.cue_predict(sub, cues)
        pred = stance.sort_rows(_concat([pred, stance.hand_rows(sub, labels, cues)], stance.STANCE_COLUMNS))
        return pred, stance.article_stance(pred, sub, of(aids, "quotes"))

    steps.step("actors", ("mentions", "unknown"), find_actors)
    steps.step("time", ("expressions",),
               lambda aids, sub: (timeline.extract_expressions(sub, pd.DataFrame([rows[a] for a in aids])),))
    steps.step("events", ("events",), lambda aids, sub: (timeline.build_events(
        of(aids, "expressions"), sub, of(aids, "mentions"), of(aids, "unknown")),))
    steps.step("quotes", ("quotes",), lambda aids, sub: (quotes.extract_quotes(sub, of(aids, "mentions"), reg),))
    steps.step("stance", ("stance", "article_stance"), predict_stance)


def chunk_stage(jobs: list[tuple]) -> ChunkOutput:
    """Per-article work for a chunk of files, each step cached on disk per article under its own key
    (see STAGE_DATA / STAGE_CODE): load, clean and split; actor mentions and unknown-name occurrences;
    time expressions; events; stance (model and hand labels) and the article's stance; quotes.

    Articles missing a step's cache entry are computed together in one call per step (the analysis
    functions take multi-article tables), which spreads pandas' fixed costs over the chunk.  Runs in
    worker processes and on Dask workers, so it takes and returns plain picklable data.
    """
    from . import actors, quotes, stance

    if not jobs:
        return ChunkOutput([], [], {})
    jobs = [Job(*j) for j in jobs]
    cache_dir, registry, labels = jobs[0].cache_dir, jobs[0].registry, jobs[0].labels
    cache = DiskCache(Path(cache_dir) if cache_dir else None)
    envs = {stage: stage_env(stage, registry, labels) for stage in STAGE_DATA}
    results, keys = _load_jobs(jobs, cache, envs)
    articles = [a for a in results if not isinstance(a, dict)]
    rejected = [a for a in results if isinstance(a, dict)]
    if not articles:
        return ChunkOutput([], rejected, {})
    steps = _ChunkSteps(articles, keys, cache)
    _run_steps(steps, actors.load_registry(registry), labels, cache_dir)
    tables = {name: steps.table(name) for name in ARTICLE_TABLES}
    tables["quote_stance"] = quotes.quote_stance(tables["quotes"], tables["stance"], stance.load_quote_labels())
    return ChunkOutput(articles, rejected, tables)


_STAGE_LOCK = threading.Lock()
CHUNK_SIZE = 32  # articles per chunk: large enough to spread pandas' fixed costs, small enough to balance workers


def _chunk_stage_locked(chunk: list[tuple]) -> list:
    """chunk_stage for Dask workers, serialised within each worker process (see _STAGE_LOCK)."""
    with _STAGE_LOCK:
        return chunk_stage(chunk)


def chunks_of(jobs: list[tuple], workers: int) -> list[list[tuple]]:
    """Consecutive chunks of at most CHUNK_SIZE jobs, at least ~4 per worker so work stays balanced."""
    size = max(1, min(CHUNK_SIZE, -(-len(jobs) // max(1, 4 * workers))))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def warm_up(registry: str | None = None) -> None:
    """Load what every article needs (registry, tagger and dictionary frequencies, rule files, jionlp's
    parser) once in this process: forked worker processes inherit it instead of each loading it again."""
    import datetime as dt

    from . import actors, quotes, timeline
    from .clean import load_rules

    reg = actors.load_registry(registry)
    actors.fast_tagger(reg).FREQ  # noqa: B018  (property: reads jieba's dictionary frequencies)
    load_rules(), quotes.load_rules(), timeline.load_rules()
    timeline.jionlp_parse("2023年2月", dt.date(2024, 1, 1))


def _end_with_parent(parent: int) -> None:
    """Worker initializer: a worker process ends when the process that started it is gone (even after
    kill -9), instead of staying behind as an orphan. Linux: the kernel's parent-death signal;
    elsewhere a daemon thread that watches the parent id."""
    import os
    import signal
    import sys

    armed = False
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            armed = ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL) == 0  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if armed:
        return

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="kaiyuan-parent-watch", daemon=True).start()


def _run_articles(jobs: list[tuple], workers: int, scheduler: str | None, progress: bool) -> list:
    """Run chunk_stage over chunks of jobs: in-process, in a process pool, or on a Dask cluster; order kept."""
    from tqdm.auto import tqdm

    parallel = bool(scheduler) or (workers > 1 and len(jobs) >= MIN_JOBS_PER_POOL)
    chunks = chunks_of(jobs, workers if parallel else 1)
    bar = tqdm(total=len(jobs), desc="articles", unit="file", disable=not progress)
    out = _FrozenList()

    def collect(parts) -> None:
        for part in parts:
            out.append(part)
            bar.update(len(part.articles) + len(part.rejected))

    if scheduler:
        from distributed import Client  # optional extra: pip install 'kaiyuan[dask]'

        client = (Client(scheduler) if scheduler != "local"
                  else Client(processes=True, n_workers=workers or None, threads_per_worker=1))
        try:
            collect(client.gather(client.map(_chunk_stage_locked, chunks, pure=False)))
        finally:
            client.close()
    elif not parallel:
        collect(map(chunk_stage, chunks))
    else:
        warm_up(jobs[0].registry)
        gc.freeze()  # the warmed-up state is long-lived: workers neither rescan it nor copy its pages on collections
        import os

        with ProcessPoolExecutor(max_workers=workers, initializer=_end_with_parent, initargs=(os.getpid(),)) as pool:
            collect(pool.map(chunk_stage, chunks))
    bar.close()
    gc.unfreeze()
    return list(out)


class _FrozenList(list):
    """Results collected chunk by chunk; after each chunk the garbage collector's tracked objects are
    frozen (gc.freeze), so collections stop rescanning the ever-growing, long-lived results: without
    this, time per article grows with corpus size."""

    def append(self, item) -> None:
        super().append(item)
        gc.freeze()


def _in_order(table: pd.DataFrame, rank: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by article in article_id order (stable within an article); chunks arrive in file
    order, which need not be article_id order."""
    if table.empty:
        return table
    pos = table["article_id"].map(rank).to_numpy()
    if (pos[1:] >= pos[:-1]).all():
        return table
    return table.iloc[np.argsort(pos, kind="stable")].reset_index(drop=True)


def _concat(frames: list[pd.DataFrame], columns: list[str] | None = None) -> pd.DataFrame:
    given = [f for f in frames if f is not None]
    frames = [f for f in given if len(f)]
    if not frames:  # keep the stage's own empty frame (its dtypes) when every article had nothing
        return given[0].iloc[0:0].reset_index(drop=True) if given else pd.DataFrame(columns=columns or [])
    return pd.concat(frames, ignore_index=True)


def _corpus_root(corpus_dir: str | Path) -> Path:
    """The corpus folder, resolved; FileNotFoundError (one line) for a file or a missing folder."""
    root = Path(corpus_dir).resolve()
    if root.is_file():
        raise FileNotFoundError(f"{corpus_dir} is a file; give the folder that holds the articles")
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    return root


class _Plan(NamedTuple):
    """What a run reads: one Job per candidate file, the files rejected before loading, the cache folder
    (None: no cache) and the resolved registry and label files (None: the packaged ones)."""

    jobs: list[Job]
    rejected: list[dict]
    cache_dir: str | None
    registry: str | None
    labels: str | None


def _plan(root: Path, cache: bool | str | Path, registry: str | Path | None, labels: str | Path | None,
          max_article_chars: int | None) -> _Plan:
    """Check the configuration (ConfigError, one line, before anything is read or cached), then list the jobs."""
    from .config import validate

    validate(registry, labels)
    cache_dir = None if cache is False else str(default_cache_dir() if cache is True else cache)
    candidates, rejected, meta = plan_files(root)
    registry = str(Path(registry).resolve()) if registry else None
    labels = str(Path(labels).resolve()) if labels else None
    jobs = [Job(str(p), str(root), aid, meta.get(aid), cache_dir, registry, labels, max_article_chars)
            for p, aid in candidates]
    return _Plan(jobs, rejected, cache_dir, registry, labels)


def _gather(outputs: list[ChunkOutput], rank: dict[str, int], name: str, columns: list[str]) -> pd.DataFrame:
    """Concatenate one per-article table over the chunks and release the parts (halves the peak memory)."""
    return _in_order(_concat([o.tables.pop(name, None) for o in outputs], columns), rank)


def _actor_tables(corpus: Corpus, gather, registry: str | None) -> dict[str, pd.DataFrame]:
    """The corpus tables and the actor tables: mentions (with promoted unknown people and named documents),
    counts, co-occurrence and the ranked unknown names."""
    from . import actors

    sentences, articles = corpus.sentences, corpus.articles
    unknown = gather("unknown", actors.OCCURRENCE_COLUMNS)
    # unknown people the sentence marks as such count as mentions too, each at its place (provenance kept)
    promoted = actors.promoted_occurrences(unknown, actors.load_registry(registry))
    order = list(pd.unique(sentences["article_id"].astype(str)))
    mentions = actors.with_promoted(gather("mentions", actors.MENTION_COLUMNS),
                                    actors.promoted_mentions(promoted, sentences), order)
    # documents named by their title (《个人超级智能》, 可接受使用政策) count once, their inner names not again
    mentions = actors.with_documents(mentions, sentences, actors.load_registry(registry), order)
    return {
        "articles": articles,
        "load_report": corpus.load_report,
        "removed_lines": corpus.removed,
        "repairs": corpus.repairs,
        "sentences": sentences,
        "mentions": mentions,
        "actor_counts": actors.actor_counts(mentions, articles),
        "cooccurrence": actors.cooccurrence(mentions),
        "unknown_actors": actors.rank_unknown(unknown),
    }


def _stance_tables(gather) -> dict[str, pd.DataFrame]:
    """Sentence and article stance, quotes, each quote's stance and each actor's."""
    from . import quotes, stance

    found_quotes = gather("quotes", quotes.QUOTE_COLUMNS)
    quote_stance = gather("quote_stance", quotes.QUOTE_STANCE_COLUMNS)
    return {
        "stance_sentences": gather("stance", stance.STANCE_COLUMNS),
        "stance_articles": gather("article_stance", stance.ARTICLE_COLUMNS),
        "quotes": found_quotes,
        "quote_stance": quote_stance,
        "actor_stance": stance.actor_stance(found_quotes, quote_stance),
    }


def _timeline_tables(gather) -> dict[str, pd.DataFrame]:
    """Temporal expressions, events and the merged timeline."""
    from . import timeline

    events = gather("events", timeline.EVENT_COLUMNS)
    return {
        "temporal_expressions": gather("expressions", timeline.EXPRESSION_COLUMNS),
        "events": events,
        "timeline": timeline.merge_timeline(events),
    }


def _aggregate(outputs: list[ChunkOutput], rejected: list[dict], registry: str | None, t0: float
               ) -> tuple[Corpus, dict[str, pd.DataFrame], dict[str, float]]:
    """The corpus and every output table from the chunks' outputs, with the time of each corpus-level stage
    (and of the per-article stage: from t0 to here)."""
    rejected = rejected + [r for o in outputs for r in o.rejected]
    corpus = assemble([a for o in outputs for a in o.articles], rejected)
    for o in outputs:
        o.articles = []  # their rows now live in the corpus tables; free the per-article copies
    rank = {aid: i for i, aid in enumerate(corpus.articles["article_id"])}
    gather = functools.partial(_gather, outputs, rank)
    timings = {"articles": time.perf_counter() - t0}
    tables: dict[str, pd.DataFrame] = {}
    for stage, build in (("actors", lambda: _actor_tables(corpus, gather, registry)),
                         ("stance", lambda: _stance_tables(gather)), ("timeline", lambda: _timeline_tables(gather))):
        t = time.perf_counter()
        tables.update(build())
        timings[stage] = time.perf_counter() - t
    return corpus, tables, timings


def run(
    corpus_dir: str | Path,
    progress: bool | None = None,
    workers: int = 1,
    cache: bool | str | Path = True,
    scheduler: str | None = None,
    registry: str | Path | None = None,
    labels: str | Path | None = None,
    max_article_chars: int | None = MAX_ARTICLE_CHARS,
) -> Result:
    """Run every analysis on a corpus folder and return all tables (see README for their schemas).

    `registry` and `labels` replace the packaged actor registry and stance label file (e.g. a
    researcher's extended copies); `cache=False` or a folder; `workers` processes or a Dask `scheduler`.
    """
    from . import stance

    t0 = time.perf_counter()
    plan = _plan(_corpus_root(corpus_dir), cache, registry, labels, max_article_chars)
    jobs, labels = plan.jobs, plan.labels
    whole = DiskCache(plan.cache_dir)
    key = result_key(jobs, plan.rejected, [f for f in (plan.registry, labels) if f])
    cached = whole.get(key)
    if cached is not None:
        cached.timings = {"cached": time.perf_counter() - t0}
        return cached
    show = progress if progress is not None else len(jobs) >= 200
    if jobs and stance.label_paths(labels):
        stance.model_for(labels, plan.cache_dir)  # train once here; worker processes load it from the disk cache
    outputs = _run_articles(jobs, workers, scheduler, bool(show))
    corpus, tables, timings = _aggregate(outputs, plan.rejected, plan.registry, t0)
    timings["total"] = time.perf_counter() - t0
    result = Result(corpus=corpus, tables=tables, timings=timings)
    whole.put(key, result)
    return result


def result_key(jobs: list[tuple], others: list[dict], extra_files: list[str] = ()) -> str:
    """Whole-run cache key: every input file's bytes and metadata, the non-article files, all data and code."""
    parts = []
    for job in jobs:
        job = Job(*job)
        p = Path(job.path)
        parts += [p.relative_to(job.root).as_posix(), job.article_id, str(job.max_chars),
                  json.dumps(job.meta or {}, sort_keys=True, ensure_ascii=False), hashlib.sha256(p.read_bytes()).digest()]
    parts.append(json.dumps(others, sort_keys=True, ensure_ascii=False))
    return make_key("result", *parts, data=AGGREGATE_DATA, code=AGGREGATE_CODE, files=list(extra_files))


def corpus_stamp(corpus_dir: Path) -> tuple:
    """Cheap identity of a corpus folder's state and of the data files: (path, size, mtime) of each."""
    files = list_files(corpus_dir) + sorted(DATA_DIR.glob("*"))
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
    mark_output_folder(out, "tables")
    written = []
    for name, df in result.tables.items():
        path = out / f"{name}.csv"
        write_csv(df, path)  # = df.to_csv(path, index=False, encoding="utf-8-sig"), faster
        written.append(path)
    if "timeline" in result.tables and "sentences" in result.tables:  # for journalists: TimelineJS3 JSON
        from .timeline import write_timelinejs

        written.append(write_timelinejs(result.tables["timeline"], result.tables["sentences"], out / "timeline.json"))
    for aid, text in result.corpus.clean.items():
        path = out / "clean" / f"{aid}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
