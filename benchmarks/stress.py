"""Stress cases for single hostile files: one huge article, one deeply nested HTML page.

    python benchmarks/stress.py            # every case, rows appended to results/stress.csv

Each case runs `kaiyuan run` in a fresh process on a one-file corpus (uncached, 1 worker) and
records wall time, peak resident memory of that process, and what happened to the file (loaded,
or rejected with its reason). Cases:

* ``article_<N>mb``: one plain-text article of N MB made by repeating a seed article (sentences,
  quotes, names and dates intact). 12 MB (~4.4 M characters) is under the default
  ``--max-article-chars`` (5,000,000) and is analysed; 50 MB is over it and is rejected up front.
* ``article_50mb_nolimit``: the same 50 MB file with ``--max-article-chars 0`` (analysed).
* ``nested_html_50k``: 50,000 nested <div>s (about 560 KB), the shape that used to be quadratic.

Timings never go into unit tests; they are recorded here.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results" / "stress.csv"
COLUMNS = ["timestamp", "case", "bytes", "max_article_chars", "status", "reason", "wall_s", "peak_rss_mb", "git_head"]


def make_article(folder: Path, megabytes: float) -> Path:
    base = (REPO / "seeds" / "002_876d342b0be3a81f.txt").read_text(encoding="utf-8")
    n = int(megabytes * 1e6 / len(base.encode("utf-8"))) + 1
    path = folder / "big.txt"
    path.write_text(base * n, encoding="utf-8")
    return path


def make_nested_html(folder: Path, depth: int) -> Path:
    path = folder / "nested.html"
    path.write_text("<html><body>" + "<div>开源模型。" * depth + "正文。" + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    return path


def run_case(corpus: Path, limit: int | None) -> dict:
    out = corpus.parent / "out"
    cmd = [sys.executable, "-m", "kaiyuan", "run", "--corpus", str(corpus), "--out", str(out), "--no-cache",
           "--workers", "1"]
    if limit is not None:
        cmd += ["--max-article-chars", str(limit)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    status, reason = "failed", proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    report = out / "load_report.csv"
    if report.exists():
        rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
        status, reason = rows[0]["status"], rows[0]["reason"]
    elif "no article could be loaded" in proc.stderr:
        lines = [ln.strip() for ln in proc.stderr.splitlines() if ": rejected: " in ln]
        status, reason = "rejected", lines[0].split(": rejected: ", 1)[1] if lines else reason
    return {"status": status, "reason": reason[:200], "wall_s": round(wall, 2),
            "peak_rss_mb": round(max(peak, before) / 1024, 1)}


def git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="article_12mb,article_50mb,article_50mb_nolimit,nested_html_50k")
    ap.add_argument("--results", default=str(RESULTS))
    args = ap.parse_args(argv)
    rows = []
    for case in args.cases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            limit = None
            if case.startswith("article_"):
                mb = float(case.split("_")[1].removesuffix("mb"))
                path = make_article(corpus, mb)
                limit = 0 if case.endswith("nolimit") else None
            else:
                path = make_nested_html(corpus, 50_000)
            size = path.stat().st_size
            # a fresh interpreter per case, so RUSAGE_CHILDREN's maximum is this case's peak
            result = subprocess.run([sys.executable, __file__, "--_one", str(corpus), str(limit)], capture_output=True,
                                    text=True, env={**os.environ, "PYTHONPATH": str(REPO / "lib")})
            measured = json.loads(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else {
                "status": "failed", "reason": result.stderr[-200:], "wall_s": "", "peak_rss_mb": ""}
        row = {"timestamp": dt.datetime.now().isoformat(timespec="seconds"), "case": case, "bytes": size,
               "max_article_chars": "default" if limit is None else limit, **measured, "git_head": git_head()}
        print(f"{case}: {size / 1e6:.1f} MB -> {row['status']} in {row['wall_s']} s, peak {row['peak_rss_mb']} MB"
              + (f" ({row['reason']})" if row["status"] == "rejected" else ""), flush=True)
        rows.append(row)
    path = Path(args.results)
    new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        if new:
            w.writeheader()
        w.writerows(rows)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--_one":
        lim = None if sys.argv[3] == "None" else int(sys.argv[3])
        print(json.dumps(run_case(Path(sys.argv[2]), lim), ensure_ascii=False))
        sys.exit(0)
    sys.exit(main())
