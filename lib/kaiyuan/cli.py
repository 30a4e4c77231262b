"""Command line: `python -m kaiyuan run --corpus DIR --out DIR`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import ConfigError
from .corpus import MAX_ARTICLE_CHARS
from .pipeline import run, write_tables


def _parser() -> argparse.ArgumentParser:
    """The command line: run, report, evaluate, check-gold and agreement, with their options."""
    parser = argparse.ArgumentParser(prog="kaiyuan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="analyse a corpus folder and write every table")
    p_run.add_argument("--corpus", required=True, help="folder of .txt/.md/.html articles (optional metadata.csv)")
    p_run.add_argument("--out", required=True, help="folder for the output tables")
    p_run.add_argument("--progress", action="store_true", default=None, help="always show a progress bar")
    p_rep = sub.add_parser("report", help="run, execute every notebook on the corpus, render HTML with index.html")
    p_rep.add_argument("--corpus", required=True)
    p_rep.add_argument("--out", required=True, help="report folder, e.g. reports/seeds")
    p_rep.add_argument("--previous", default=None,
                       help="earlier run to compare with in 04_new_articles: a report folder or its tables/ "
                            "(default: the last report of the same corpus name under reports/, if any)")
    p_ev = sub.add_parser("evaluate", help="score the pipeline against hand annotations (evaluation/README.md)")
    p_ev.add_argument("--corpus", help="article folder (with --gold)")
    p_ev.add_argument("--gold", help="gold folder in the format of evaluation/README.md")
    p_ev.add_argument("--suite", help="floors file naming several corpora (make evaluate: evaluation/floors.yaml)")
    p_ev.add_argument("--out", default=None, help="folder for scores.csv, errors.csv and evaluation.html")
    p_ev.add_argument("--blind", nargs="?", const=True, default=None, metavar="KNOWN",
                      help="registry-blind: drop registry entries named in only one article of the corpus (and in "
                           "no article of the optional KNOWN folder, e.g. seeds) before running")
    p_chk = sub.add_parser("check-gold", help="check a gold annotation folder (format, and snippets against --corpus)")
    p_chk.add_argument("--gold", required=True)
    p_chk.add_argument("--corpus", default=None)
    p_agr = sub.add_parser("agreement", help="inter-annotator agreement of two gold folders, layer by layer")
    p_agr.add_argument("--a", required=True)
    p_agr.add_argument("--b", required=True)
    p_agr.add_argument("--out", default=None)
    _add_run_options((p_run, p_rep, p_ev), (p_run, p_ev))
    return parser


def _add_run_options(runners: tuple, limited: tuple) -> None:
    """The pipeline's options on the commands that run it (`runners`); the article size limit on `limited`."""
    for p in runners:
        p.add_argument("--registry", default=None, help="actor registry YAML (default: the packaged actors.yaml)")
        p.add_argument("--labels", default=None, help="stance label CSV (default: the packaged stance_labels.csv)")
        p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="processes for the per-article stage (default: all cores; output is identical)")
        p.add_argument("--no-cache", action="store_true", help="ignore and do not write the per-article cache")

        p.add_argument("--scheduler", default=None,
                       help="Dask scheduler address (tcp://host:8786) or 'local'; needs pip install 'kaiyuan[dask]'")
    for p in limited:
        p.add_argument("--max-article-chars", type=int, default=MAX_ARTICLE_CHARS, metavar="N",
                       help=f"reject an article longer than N characters, with the reason (default {MAX_ARTICLE_CHARS:,}; 0: no limit)")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the pipeline, write tables; non-zero exit with a clear message on failure."""
    args = _parser().parse_args(argv)
    command = {"evaluate": _evaluate, "agreement": _agreement, "check-gold": _check_gold, "report": _report}
    return command.get(args.command, _run)(args)


def _agreement(args) -> int:
    """`kaiyuan agreement`: inter-annotator agreement of two gold folders."""
    from .agreement import main as agreement_main

    return agreement_main(["--a", args.a, "--b", args.b] + (["--out", args.out] if args.out else []))


def _check_gold(args) -> int:
    """`kaiyuan check-gold`: check a gold folder (and its snippets against --corpus)."""
    from .gold import main as gold_main

    return gold_main(["check", "--gold", args.gold] + (["--corpus", args.corpus] if args.corpus else []))


def _report(args) -> int:
    """`kaiyuan report`: run, execute every notebook, render the HTML report."""
    from .report import build_report

    try:
        index = build_report(args.corpus, args.out, registry=args.registry, labels=args.labels,
                             workers=args.workers, cache=not args.no_cache, previous=args.previous)
    except (FileNotFoundError, ValueError) as err:
        return _input_error(err)
    print(f"kaiyuan: report written to {index}")
    return 0


def _run(args) -> int:
    """`kaiyuan run`: analyse the corpus and write every table; exit 3 when no article could be loaded."""
    try:
        from .report import check_corpus

        check_corpus(Path(args.corpus))
        result = run(args.corpus, progress=args.progress, workers=args.workers, cache=not args.no_cache,
                     scheduler=args.scheduler, registry=args.registry, labels=args.labels,
                     max_article_chars=args.max_article_chars or None)
    except (FileNotFoundError, ConfigError) as err:
        return _input_error(err)
    if result.corpus.articles.empty:
        rejected = result.corpus.load_report
        print(f"kaiyuan: no article could be loaded from {args.corpus} ({len(rejected)} files looked at)", file=sys.stderr)
        for row in rejected.itertuples():
            print(f"  {row.path}: {row.status}: {row.reason}", file=sys.stderr)
        return 3
    written = write_tables(result, args.out)
    n_rej = int((result.corpus.load_report.status == "rejected").sum())
    print(f"kaiyuan: {len(result.corpus.articles)} articles, {len(result.corpus.sentences)} sentences, "
          f"{n_rej} files rejected; {len(written)} files written to {args.out}")
    return 0


def _input_error(err: Exception) -> int:
    """One line on stderr for a problem with the user's input or configuration; exit code 2."""
    from .gold import GoldError

    prefix = "configuration error: " if isinstance(err, ConfigError) else "malformed gold: " if isinstance(err, GoldError) else ""
    print(f"kaiyuan: {prefix}{err}", file=sys.stderr)
    return 2


def _evaluate(args) -> int:
    """`kaiyuan evaluate`: one corpus (--corpus, --gold) or a suite with floors (--suite); exit 2 on bad gold."""
    from pathlib import Path

    from .evaluate import below_floors, evaluate, load_suite, suite_table, write_evaluation
    from .gold import GoldError

    if args.suite:
        suite = load_suite(args.suite)
        corpora, floors = suite["corpora"], suite["floors"]
    elif args.corpus and args.gold:
        corpora, floors = {Path(args.corpus).name: {"corpus": args.corpus, "gold": args.gold, "blind": args.blind}}, {}
    else:
        print("kaiyuan: evaluate needs --corpus and --gold, or --suite", file=sys.stderr)
        return 2
    evaluations = {}
    for name, spec in corpora.items():
        try:
            ev = evaluate(spec["corpus"], spec["gold"], registry=args.registry, labels=args.labels,
                          workers=args.workers, cache=not args.no_cache, max_article_chars=args.max_article_chars or None,
                          blind=spec.get("blind"))
        except (GoldError, ConfigError, FileNotFoundError) as err:
            return _input_error(err)
        evaluations[name] = ev
        if args.out:
            write_evaluation(ev, Path(args.out) / name if len(corpora) > 1 else Path(args.out), name)
    table = suite_table(evaluations)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="-"))
    failed = below_floors(evaluations, floors)
    for line in failed:
        print(f"kaiyuan: below floor: {line}", file=sys.stderr)
    return 1 if failed else 0
