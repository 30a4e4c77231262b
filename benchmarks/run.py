"""Benchmark harness: the kaiyuan pipeline against raw jieba segmentation of the same text.

    python benchmarks/run.py --n 1000 [--seed 0] [--workers W] [--repeat R] [--profile]
    python benchmarks/run.py --scaling 1000,10000

For each N the synthetic corpus (benchmarks/generate.py) is generated once under
/tmp/kaiyuan-bench/<N>-<seed>/corpus and reused while the generator and seeds are
unchanged.  Then, in ONE process:

  0. untimed set-up: import kaiyuan, jieba, rjieba; load the jieba dictionary
     (jieba.initialize) and rjieba's; run the pipeline once on seeds/ (warm-up: imports,
     OpenCC, rule files, registries -- reported as warmup_s, not in the timings);
  b. the full pipeline, uncached: kaiyuan.run(corpus_dir, cache=False, progress=False)
     followed by write_tables into a temporary folder, timed as one (pipeline_s), with
     per-stage times from whatever the pipeline exposes (see stage_timings below);
  a. the reference: jieba.lcut over the concatenated corpus.clean_simplified values
     (the text the pipeline analyses), and rjieba.cut over the same text;
  m. memory: resource.getrusage maxrss read right after (b) (process-lifetime peak, so
     it includes the interpreter, pandas, the jieba dictionary and the warm-up), and a
     separate tracemalloc run of (b) (peak of Python allocations made during the run;
     tracemalloc slows the run, so its timing is not used);
  p. --profile: one more run of (b) under pyinstrument -> results/profile_<N>.txt.

A row per N is appended to benchmarks/results/results.csv.  Timings never go into unit tests.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import hashlib
import inspect
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS_DIR = HERE / "results"
RESULTS_CSV = RESULTS_DIR / "results.csv"
BENCH_ROOT = Path(os.environ.get("KAIYUAN_BENCH_DIR", "/tmp/kaiyuan-bench"))
SEEDS = REPO / "seeds"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (benchmarks/generate.py)

COLUMNS = [
    # the columns the brief asks for, in its order ...
    "timestamp", "n", "seed", "workers", "chars", "jieba_s", "rjieba_s", "pipeline_s", "ratio", "per_article_ms",
    "peak_rss_mb", "stages_json", "python", "machine",
    # ... and context to read them by
    "n_articles", "n_sentences", "jieba_chars_per_s", "rjieba_chars_per_s", "pipeline_chars_per_s",
    "rss_before_mb", "tracemalloc_peak_mb", "children_peak_rss_mb", "warmup_s", "repeat", "stage_source",
    "pipeline_cpu_s", "jieba_cpu_s", "rjieba_cpu_s", "ratio_cpu", "per_article_cpu_ms", "loadavg_1m",
    "code_hash", "git_head", "kaiyuan_path", "corpus_dir",
]


# --------------------------------------------------------------------------- machine / memory

def machine_description() -> str:
    """OS, CPU model, logical CPU count and RAM, read from the machine."""
    cpu, mem_gb = platform.machine(), None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024 ** 2
                break
    except OSError:
        pass
    mem = f", {mem_gb:.1f} GB RAM" if mem_gb else ""
    return f"{platform.system()} {platform.release()} {platform.machine()}; {cpu}; {os.cpu_count()} logical CPUs{mem}"


def python_description() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"


def maxrss_mb(who=resource.RUSAGE_SELF) -> float:
    """Peak resident set size (Linux reports KiB) -- the process-lifetime peak, never reset."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process plus its reaped children (worker pools): contention-proof, unlike wall time."""
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


def rss_now_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def code_hash() -> str:
    """Hash of the package source and data files: which code a row measured (others edit concurrently)."""
    import kaiyuan

    h = hashlib.sha256()
    root = Path(kaiyuan.__file__).resolve().parent
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def git_head() -> str:
    try:  # read-only
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


# --------------------------------------------------------------------------- corpus

def ensure_corpus(n: int, seed: int, regenerate: bool = False) -> Path:
    """Generate /tmp/kaiyuan-bench/<n>-<seed>/corpus, or reuse it when the generator and seeds are unchanged."""
    base = BENCH_ROOT / f"{n}-{seed}"
    corpus, manifest = base / "corpus", base / "manifest.json"
    fingerprint = generate.generator_fingerprint(SEEDS)
    if not regenerate and manifest.exists() and corpus.is_dir():
        try:
            info = json.loads(manifest.read_text())
        except ValueError:
            info = {}
        if info.get("generator") == fingerprint and info.get("n") == n and info.get("seed") == seed and \
                sum(1 for _ in corpus.glob("gen_*.txt")) == n:
            print(f"[corpus] reusing {corpus}")
            return corpus
    if corpus.exists():
        shutil.rmtree(corpus)
    print(f"[corpus] generating {n} articles (seed {seed}) into {corpus} ...", flush=True)
    stats = generate.generate(n, seed, corpus, SEEDS)
    manifest.write_text(json.dumps(stats, ensure_ascii=False, indent=1))
    print(f"[corpus] done in {stats['seconds']} s: {stats['scripts']}, encodings {stats['encodings']}")
    return corpus


# --------------------------------------------------------------------------- pipeline with stage timings

class _Timed:
    """A stage function wrapped to add its wall time to a sink (module-level class so it pickles)."""

    def __init__(self, name, func, sink):
        self.name, self.func, self.sink = name, func, sink
        self.__name__ = getattr(func, "__name__", name)
        self.__doc__ = getattr(func, "__doc__", None)

    def __call__(self, *args, **kwargs):
        t = time.perf_counter()
        try:
            return self.func(*args, **kwargs)
        finally:
            self.sink[self.name] = self.sink.get(self.name, 0.0) + time.perf_counter() - t


def _wrap_stages(pl, sink: dict) -> list:
    """Wrap the callables of kaiyuan.pipeline.STAGES (list/tuple/dict of callables, (name, callable) pairs,
    names of pipeline functions, or objects with a .func/.fn/.function).  Returns undo actions."""
    stages, undo = pl.STAGES, []

    def wrapped_entry(entry):
        if callable(entry) and not isinstance(entry, type):
            return _Timed(getattr(entry, "__name__", repr(entry)), entry, sink)
        if isinstance(entry, str) and callable(getattr(pl, entry, None)):
            original = getattr(pl, entry)
            setattr(pl, entry, _Timed(entry, original, sink))
            undo.append(lambda e=entry, f=original: setattr(pl, e, f))
            return entry
        if isinstance(entry, tuple) and any(callable(x) for x in entry):
            name = next((x for x in entry if isinstance(x, str)), None)
            out, done = [], False
            for x in entry:
                if callable(x) and not done:
                    out.append(_Timed(name or getattr(x, "__name__", repr(x)), x, sink))
                    done = True
                else:
                    out.append(x)
            return tuple(out)
        for attr in ("func", "fn", "function"):
            f = getattr(entry, attr, None)
            if callable(f):
                try:
                    setattr(entry, attr, _Timed(getattr(entry, "name", None) or getattr(f, "__name__", attr), f, sink))
                    undo.append(lambda e=entry, a=attr, f=f: setattr(e, a, f))
                except (AttributeError, TypeError):  # frozen dataclass and the like: leave it
                    pass
                break
        return entry

    if isinstance(stages, dict):
        new = {k: (_Timed(str(k), v, sink) if callable(v) else wrapped_entry(v)) for k, v in stages.items()}
        pl.STAGES = new
        undo.append(lambda: setattr(pl, "STAGES", stages))
    elif isinstance(stages, list):
        saved = list(stages)
        stages[:] = [wrapped_entry(e) for e in stages]
        undo.append(lambda: stages.__setitem__(slice(None), saved))
    elif isinstance(stages, tuple):
        pl.STAGES = tuple(wrapped_entry(e) for e in stages)
        undo.append(lambda: setattr(pl, "STAGES", stages))
    return undo


def run_kwargs(workers: int | None) -> tuple[dict, dict]:
    """Keyword arguments for kaiyuan.run that its signature accepts: cache=False, progress=False, workers."""
    import kaiyuan

    params = inspect.signature(kaiyuan.run).parameters
    kwargs, notes = {}, {}
    if "cache" in params:
        kwargs["cache"] = False
    if "progress" in params:
        kwargs["progress"] = False
    if workers:
        if "workers" in params:
            kwargs["workers"] = workers
        else:
            notes["workers"] = f"run() has no workers parameter: ran serially (asked for {workers})"
    notes["timings_param"] = "timings" in params
    return kwargs, notes


def timed_pipeline(corpus_dir: Path, workers: int | None, out_dir: Path):
    """Run kaiyuan.run + write_tables once; return (result, seconds, stages, stage_source).

    Stage times, first that applies: run(..., timings=dict) hook; Result.timings filled by run;
    wrappers around kaiyuan.pipeline.STAGES; otherwise kaiyuan.corpus.load_corpus timed inside run
    and "rest of run" = run - load_corpus.  write_tables is always its own stage.
    """
    import kaiyuan
    import kaiyuan.corpus as kc
    import kaiyuan.pipeline as pl

    kwargs, notes = run_kwargs(workers)
    hook: dict | None = {} if notes["timings_param"] else None
    if hook is not None:
        kwargs["timings"] = hook
    wrapped: dict[str, float] = {}
    undo: list = []
    if hook is None and hasattr(pl, "STAGES"):
        undo = _wrap_stages(pl, wrapped)
    load_sink: dict[str, float] = {}
    for mod in (pl, kc):  # fallback probe: harmless when run no longer calls load_corpus
        if hasattr(mod, "load_corpus"):
            original = getattr(mod, "load_corpus")
            setattr(mod, "load_corpus", _Timed("load_corpus", original, load_sink))
            undo.append(lambda m=mod, f=original: setattr(m, "load_corpus", f))
    try:
        c0 = cpu_seconds()
        t0 = time.perf_counter()
        result = kaiyuan.run(corpus_dir, **kwargs)
        t_run = time.perf_counter() - t0
        t1 = time.perf_counter()
        pl.write_tables(result, out_dir)
        t_write = time.perf_counter() - t1
        cpu = cpu_seconds() - c0
    finally:
        for action in reversed(undo):
            action()
    total = t_run + t_write
    internal = getattr(result, "timings", None)
    if hook:
        stages, source = dict(hook), "run(timings=dict) hook"
    elif isinstance(internal, dict) and internal:
        stages, source = dict(internal), "Result.timings (measured inside run)"
    elif wrapped:
        stages, source = dict(wrapped), "wrapped kaiyuan.pipeline.STAGES"
    elif load_sink:
        stages = {"corpus.load_corpus": load_sink["load_corpus"],
                  "rest of run": t_run - load_sink["load_corpus"]}
        source = "fallback: load_corpus timed inside run; rest of run as a whole"
    else:
        stages, source = {"run (no stage breakdown exposed)": t_run}, "fallback: run as a whole"
    stages.pop("total", None)
    untimed = t_run - sum(v for v in stages.values() if isinstance(v, (int, float)))
    if abs(untimed) > 0.005 and not source.startswith("fallback"):
        stages["(run, outside the stages)"] = untimed
    stages["write_tables"] = t_write
    stages = {k: round(float(v), 4) for k, v in stages.items()}
    if notes.get("workers"):
        source += "; " + notes["workers"]
    return result, total, stages, source, kwargs, cpu


def clean_texts(result) -> list[str]:
    """The text the pipeline analyses: corpus.clean_simplified values (sentences as a fallback)."""
    values = getattr(result.corpus, "clean_simplified", None)
    if values:
        return list(values.values())
    return list(result.corpus.sentences.groupby("article_id")["text_simplified"].agg("\n".join))


# --------------------------------------------------------------------------- profile

def _is_kaiyuan(path: str) -> bool:
    return "/kaiyuan/" in (path or "").replace("\\", "/")


def hot_spots(session, top: int = 15) -> tuple[list, list, list]:
    """Aggregate a pyinstrument session by function (name, file, line of def).

    Returns (by_self, by_charged, by_inclusive):
      by_self      self time per function; a built-in (C) call is listed with its Python caller;
      by_charged   kaiyuan functions charged with their own self time plus the self time of every
                   library/C frame below them up to the next kaiyuan frame -- "what this function
                   costs apart from the kaiyuan functions it calls", the list to act on;
      by_inclusive kaiyuan functions by inclusive time (recursion counted once).
    """
    root = session.root_frame()
    self_t: dict[tuple, float] = {}
    charged: dict[tuple, float] = {}
    incl: dict[tuple, float] = {}
    stack = [(root, frozenset(), None, None)] if root else []
    while stack:
        frame, ancestors, parent_key, owner = stack.pop()
        if frame.is_synthetic:
            continue
        key = (frame.function, frame.file_path or "", frame.line_no or 0)
        builtin = not frame.file_path or frame.file_path.startswith("<")
        skey = key + ((parent_key,) if builtin and parent_key else (None,))
        own = frame.total_self_time
        self_t[skey] = self_t.get(skey, 0.0) + own
        if _is_kaiyuan(key[1]):
            owner = key
        if owner is not None:
            charged[owner] = charged.get(owner, 0.0) + own
        if key not in ancestors and _is_kaiyuan(key[1]):
            incl[key] = incl.get(key, 0.0) + frame.time
        below = ancestors | {key}
        stack.extend((c, below, key, owner) for c in frame.children)
    by_self = sorted(self_t.items(), key=lambda kv: -kv[1])[:top]
    by_charged = sorted(charged.items(), key=lambda kv: -kv[1])[:top]
    by_incl = sorted(incl.items(), key=lambda kv: -kv[1])[:top]
    return by_self, by_charged, by_incl


def short_path(path: str) -> str:
    import re

    path = (path or "").replace("\\", "/")
    if "/lib/kaiyuan/" in path:
        return "kaiyuan/" + path.split("/lib/kaiyuan/", 1)[1]
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1]
    return re.sub(r"^.*/lib/python3\.\d+/", "", path)


def _where(key) -> str:
    func, path, line = key[:3]
    return f"{func}  ({short_path(path)}:{line})" if path and not path.startswith("<") else f"{func}  (built-in)"


def profile_pipeline(corpus_dir: Path, workers: int | None, n: int) -> list[str]:
    """pyinstrument around (b); write results/profile_<n>.txt; return the hot-spot lines."""
    from pyinstrument import Profiler

    import kaiyuan
    import kaiyuan.pipeline as pl

    kwargs, _ = run_kwargs(workers)
    profiler = Profiler(interval=0.001)
    with tempfile.TemporaryDirectory(prefix="kaiyuan-bench-prof-") as tmp:
        gc.collect()
        profiler.start()
        result = kaiyuan.run(corpus_dir, **kwargs)
        pl.write_tables(result, tmp)
        profiler.stop()
    del result
    session = profiler.last_session
    total = session.duration or 1e-9
    by_self, by_charged, by_incl = hot_spots(session)
    lines = [f"pyinstrument profile of kaiyuan.run + write_tables, N={n}, {session.duration:.2f} s "
             f"(interval 1 ms; file:line = where the function is defined)", "",
             "kaiyuan functions by charged time (own code + library/C calls they make directly):",
             f"  {'s':>8} {'%':>5}  function"]
    for key, t in by_charged:
        lines.append(f"  {t:8.3f} {100 * t / total:5.1f}  {_where(key)}")
    lines += ["", "All functions by self time (a built-in is shown with its caller):", f"  {'self s':>8} {'%':>5}  function"]
    for key, t in by_self:
        caller = f"   <- {_where(key[3])}" if key[3] else ""
        lines.append(f"  {t:8.3f} {100 * t / total:5.1f}  {_where(key)}{caller}")
    lines += ["", "kaiyuan functions by inclusive time:", f"  {'incl s':>8} {'%':>5}  function"]
    for key, t in by_incl:
        lines.append(f"  {t:8.3f} {100 * t / total:5.1f}  {_where(key)}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"profile_{n}.txt"
    out.write_text("\n".join(lines) + "\n\n" + "=" * 100 + "\nCall tree (pyinstrument text output)\n\n"
                   + profiler.output_text(unicode=True, color=False), encoding="utf-8")
    lines.append(f"\n[profile] written to {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    return lines


# --------------------------------------------------------------------------- one benchmark

def warm_up() -> float:
    """Untimed set-up: jieba + rjieba dictionaries, and one pipeline run on seeds/ (imports, rules, OpenCC)."""
    import logging

    import jieba
    import rjieba

    import kaiyuan

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()  # the dictionary is loaded here, before any timing
    kwargs, _ = run_kwargs(None)
    t = time.perf_counter()
    seeds = kaiyuan.run(SEEDS, **kwargs)
    warm = time.perf_counter() - t
    text = "\n".join(clean_texts(seeds))
    jieba.lcut(text)
    rjieba.cut(text)
    return warm


def benchmark(n: int, seed: int, workers: int | None, repeat: int, use_tracemalloc: bool, warmup_s: float,
              code_at_start: str, regenerate: bool = False) -> dict:
    import jieba
    import rjieba

    corpus_dir = ensure_corpus(n, seed, regenerate)

    # (b) the pipeline, best of `repeat`
    best = None
    for i in range(repeat):
        if i:
            del result
        gc.collect()
        rss_before, load = rss_now_mb(), os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="kaiyuan-bench-out-") as tmp:
            result, total, stages, source, kwargs, cpu = timed_pipeline(corpus_dir, workers, Path(tmp))
        if best is None or total < best[1]:
            best = (cpu, total, stages, source, rss_before, load)
        peak_rss = maxrss_mb()
    cpu_s, pipeline_s, stages, source, rss_before, load = best
    children_rss = maxrss_mb(resource.RUSAGE_CHILDREN)
    texts = clean_texts(result)
    chars = sum(len(t) for t in texts)
    n_articles = len(result.corpus.articles)
    n_sentences = len(result.corpus.sentences)
    effective_workers = kwargs.get("workers", 1)
    del result
    gc.collect()

    # (a) the reference: jieba.lcut over the same text, dictionary already loaded
    text = "\n".join(texts)
    del texts
    jieba_s = rjieba_s = jieba_cpu = rjieba_cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        c, t = time.process_time(), time.perf_counter()
        tokens = jieba.lcut(text)
        jieba_s, jieba_cpu = min(jieba_s, time.perf_counter() - t), min(jieba_cpu, time.process_time() - c)
        n_tokens = len(tokens)
        del tokens
        gc.collect()
        c, t = time.process_time(), time.perf_counter()
        tokens = rjieba.cut(text)
        rjieba_s, rjieba_cpu = min(rjieba_s, time.perf_counter() - t), min(rjieba_cpu, time.process_time() - c)
        del tokens
    del text

    # (m) tracemalloc peak of one more run of (b)
    trace_peak = float("nan")
    if use_tracemalloc:
        gc.collect()
        with tempfile.TemporaryDirectory(prefix="kaiyuan-bench-out-") as tmp:
            import kaiyuan
            import kaiyuan.pipeline as pl

            t = time.perf_counter()
            tracemalloc.start()
            r = kaiyuan.run(corpus_dir, **kwargs)
            pl.write_tables(r, tmp)
            trace_peak = tracemalloc.get_traced_memory()[1] / 1024 ** 2
            tracemalloc.stop()
            print(f"[memory] tracemalloc pass took {time.perf_counter() - t:.1f} s (not a timing)", flush=True)
            del r
        gc.collect()

    row = {
        "timestamp": dt.datetime.now().isoformat(timespec="seconds"), "n": n, "seed": seed,
        "workers": effective_workers, "chars": chars, "jieba_s": round(jieba_s, 4), "rjieba_s": round(rjieba_s, 4),
        "pipeline_s": round(pipeline_s, 4), "ratio": round(jieba_s / pipeline_s, 4),
        "per_article_ms": round(1000 * pipeline_s / max(n_articles, 1), 3), "peak_rss_mb": round(peak_rss, 1),
        "stages_json": json.dumps(stages, ensure_ascii=False), "python": python_description(),
        "machine": machine_description(), "n_articles": n_articles, "n_sentences": n_sentences,
        "jieba_chars_per_s": round(chars / jieba_s), "rjieba_chars_per_s": round(chars / rjieba_s),
        "pipeline_chars_per_s": round(chars / pipeline_s), "rss_before_mb": round(rss_before, 1),
        "tracemalloc_peak_mb": round(trace_peak, 1), "children_peak_rss_mb": round(children_rss, 1) if effective_workers and effective_workers > 1 else "",
        "warmup_s": round(warmup_s, 3), "repeat": repeat, "pipeline_cpu_s": round(cpu_s, 3),
        "jieba_cpu_s": round(jieba_cpu, 4), "rjieba_cpu_s": round(rjieba_cpu, 4),
        "ratio_cpu": round(jieba_cpu / cpu_s, 4), "per_article_cpu_ms": round(1000 * cpu_s / max(n_articles, 1), 3),
        "loadavg_1m": round(load, 2), "stage_source": source, "code_hash": code_at_start,
        "git_head": git_head(), "kaiyuan_path": str(Path(sys.modules["kaiyuan"].__file__).resolve().parent),
        "corpus_dir": str(corpus_dir),
    }
    row["_tokens"] = n_tokens
    return row


def append_row(row: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    if not new:
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
        if header != COLUMNS:
            if not set(header) <= set(COLUMNS):
                raise SystemExit(f"{path} has columns this script does not know; move it aside and re-run")
            with path.open(encoding="utf-8", newline="") as fh:  # columns were added: rewrite with the new header
                old_rows = list(csv.DictReader(fh))
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=COLUMNS)
                writer.writeheader()
                writer.writerows(old_rows)
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        if new:
            writer.writeheader()
        writer.writerow(row)


def report(row: dict) -> str:
    n_art, chars = row["n_articles"], row["chars"]
    stages = json.loads(row["stages_json"])
    total = row["pipeline_s"]
    lines = [
        f"N={row['n']} seed={row['seed']} workers={row['workers']}: {n_art} articles, {row['n_sentences']} sentences, "
        f"{chars:,} clean characters ({chars / max(n_art, 1):,.0f}/article), {row['_tokens']:,} jieba tokens",
        f"  jieba.lcut   (reference) {row['jieba_s']:9.3f} s  {row['jieba_chars_per_s']:>12,} chars/s",
        f"  rjieba.cut               {row['rjieba_s']:9.3f} s  {row['rjieba_chars_per_s']:>12,} chars/s",
        f"  pipeline (run+write)     {total:9.3f} s  {row['pipeline_chars_per_s']:>12,} chars/s",
        f"  ratio pipeline/jieba throughput = {row['ratio']:.3f} wall, {row['ratio_cpu']:.3f} CPU time  (target >= 0.5: "
        f"{'met' if row['ratio'] >= 0.5 else 'NOT met'})",
        f"  CPU seconds: jieba {row['jieba_cpu_s']:.3f}, rjieba {row['rjieba_cpu_s']:.3f}, pipeline {row['pipeline_cpu_s']:.3f}",
        f"  per article {row['per_article_ms']:.2f} ms wall, {row['per_article_cpu_ms']:.2f} ms CPU "
        f"(load average before the run {row['loadavg_1m']:.2f} on {os.cpu_count()} CPUs"
        + ("; wall >> CPU: the machine was busy, read the CPU figures)" if row["pipeline_s"] > 1.15 * row["pipeline_cpu_s"]
           else ")"),
        f"  stages ({row['stage_source']}):",
    ]
    for name, t in stages.items():
        lines.append(f"    {name:34s} {t:9.3f} s  {100 * t / total:5.1f}%  {1000 * t / max(n_art, 1):8.2f} ms/article")
    lines += [
        f"  memory: peak RSS (getrusage ru_maxrss, process lifetime) {row['peak_rss_mb']:.0f} MB "
        f"(RSS before the run {row['rss_before_mb']:.0f} MB); tracemalloc peak during run+write "
        f"{row['tracemalloc_peak_mb']:.0f} MB"
        + (f"; largest worker process {row['children_peak_rss_mb']:.0f} MB (getrusage RUSAGE_CHILDREN)"
           if row["children_peak_rss_mb"] != "" else ""),
        f"  warm-up (untimed, seeds/): {row['warmup_s']:.2f} s; code {row['code_hash']} @ {row['git_head']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, help="number of articles")
    ap.add_argument("--scaling", help="comma-separated Ns run one after the other, e.g. 1000,10000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=None, help="passed to kaiyuan.run when it accepts workers")
    ap.add_argument("--repeat", type=int, default=1, help="best of R timed runs (default 1)")
    ap.add_argument("--profile", action="store_true", help="pyinstrument run of the pipeline -> results/profile_N.txt")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the extra tracemalloc run")
    ap.add_argument("--regenerate", action="store_true", help="rebuild the corpus even when a matching one exists")
    ap.add_argument("--results", default=str(RESULTS_CSV), help="CSV to append to (default benchmarks/results/results.csv)")
    args = ap.parse_args(argv)
    if not args.n and not args.scaling:
        ap.error("give --n N or --scaling N1,N2,...")
    ns = sorted({int(x) for x in args.scaling.split(",")}) if args.scaling else [args.n]

    try:
        import kaiyuan  # noqa: F401
    except Exception as err:  # the package is being edited: say so plainly
        print(f"kaiyuan does not import: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    print(f"[setup] {python_description()} on {machine_description()}")
    print("[setup] loading jieba/rjieba dictionaries and warming the pipeline up on seeds/ (untimed) ...", flush=True)
    warmup_s = warm_up()
    # Every kaiyuan module the pipeline uses is imported by now: this hash is the code that runs,
    # even if someone edits lib/ while the benchmark goes on.
    code_at_start = code_hash()
    rows = []
    for n in ns:
        row = benchmark(n, args.seed, args.workers, max(1, args.repeat), not args.no_tracemalloc, warmup_s,
                        code_at_start, args.regenerate)
        append_row(row, Path(args.results))
        rows.append(row)
        print(report(row), flush=True)
        if args.profile and (n == ns[-1]):
            print("\n".join(profile_pipeline(Path(row["corpus_dir"]), args.workers, n)), flush=True)
    if len(rows) > 1:
        lo, hi = rows[0], rows[-1]
        r = hi["per_article_ms"] / lo["per_article_ms"]
        r_cpu = hi["per_article_cpu_ms"] / lo["per_article_cpu_ms"]
        print("\nScaling (per-article time):")
        for row in rows:
            print(f"  N={row['n']:>7}  {row['pipeline_s']:9.2f} s  {row['per_article_ms']:8.2f} ms/article wall  "
                  f"{row['per_article_cpu_ms']:8.2f} ms/article CPU  ratio to jieba {row['ratio']:.3f} wall "
                  f"{row['ratio_cpu']:.3f} CPU  peak RSS {row['peak_rss_mb']:.0f} MB")
        ok = lambda x: "yes" if 0.8 <= x <= 1.2 else "NO"  # noqa: E731
        print(f"  per-article time N={hi['n']} / N={lo['n']} = {r:.3f} wall ({ok(r)}), {r_cpu:.3f} CPU ({ok(r_cpu)})"
              f"  -- linear within +/-20% when 0.8..1.2")
    if code_hash() != code_at_start:
        print(f"[note] lib/kaiyuan changed on disk during the benchmark; the figures are for the code imported at "
              f"start ({code_at_start})")
    print(f"[results] appended {len(rows)} row(s) to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
