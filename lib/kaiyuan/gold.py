"""Gold annotations: load and validate a folder in the format of GOLD-FORMAT.md (evaluation/README.md).

A gold folder holds one CSV per layer (articles, actors, dates, events, quotes, stance_articles,
boilerplate, body_keep) and optionally sentence stance labels (stance_labels.csv, the project's
label-file format). `load_gold` reads and checks them; any malformed row raises `GoldError`
naming the file, the row and the reason, so `kaiyuan evaluate` can exit non-zero with one line.

    python -m kaiyuan.gold check --gold DIR [--corpus DIR]   # format and snippet check, no analysis
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .script import to_simplified

STANCES = ("supportive", "critical", "neutral")
QUOTE_STANCES = STANCES + ("na", "")
ARTICLE_STANCES = STANCES + ("mixed",)
TARGETS = ("open_source_ai", "meta_openness")

# file -> (required columns, optional columns)
SCHEMA: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "articles.csv": (("article_id", "published", "published_basis", "source", "author", "title", "script"), ()),
    "actors.csv": (("article_id", "actor", "type", "count", "surfaces"), ()),
    "dates.csv": (("article_id", "expression", "context", "start", "end", "granularity", "anchor", "event"), ()),
    "events.csv": (("event_key", "description", "start", "end", "actors", "article_ids"), ()),
    "quotes.csv": (("article_id", "speaker", "snippet", "stance_open_source_ai", "stance_meta"), ()),
    "stance_articles.csv": (("article_id", "target", "label", "rationale"), ()),
    "boilerplate.csv": (("article_id", "snippet", "kind"), ()),
    "body_keep.csv": (("article_id", "snippet"), ()),
    "stance_labels.csv": (("article_id", "sentence_id", "text", "open_source_ai", "meta_openness"), ("notes",)),
}
OPTIONAL_FILES = {"stance_labels.csv"}
# The gold quotes' stance column of each target (GOLD-FORMAT.md names them; a target without a column
# has no quote gold yet and is not scored).
QUOTE_STANCE_GOLD = {"open_source_ai": "stance_open_source_ai", "meta_openness": "stance_meta"}
ENUMS = {
    ("articles.csv", "published_basis"): ("text", "external", "inferred", ""),
    ("articles.csv", "script"): ("simplified", "traditional", "mixed"),
    ("actors.csv", "type"): ("org", "person", "model", "gov", "initiative", "other"),
    ("dates.csv", "granularity"): ("day", "week", "month", "season", "quarter", "year", "years", "decade", "era", ""),
    ("dates.csv", "anchor"): ("absolute", "publication", "previous"),
    ("quotes.csv", "stance_open_source_ai"): QUOTE_STANCES,
    ("quotes.csv", "stance_meta"): QUOTE_STANCES,
    ("stance_articles.csv", "target"): TARGETS,
    ("stance_articles.csv", "label"): ARTICLE_STANCES,
    ("boilerplate.csv", "kind"): ("ad", "disclaimer", "navigation", "html", "unrelated", "metadata", "share", "caption"),
    ("stance_labels.csv", "open_source_ai"): STANCES,
    ("stance_labels.csv", "meta_openness"): STANCES,
}
# columns whose text must be found (normalised) in the article it names
SNIPPET_COLUMNS = {"dates.csv": "context", "quotes.csv": "snippet", "boilerplate.csv": "snippet",
                   "body_keep.csv": "snippet", "stance_labels.csv": "text"}
_PUBLISHED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_NON_WORD = re.compile(r"[\W_]+")


class GoldError(ValueError):
    """A malformed gold file: `file:row: reason` (row 1 is the header)."""

    def __init__(self, path: Path | str, row: int, reason: str):
        super().__init__(f"{path}:{row}: {reason}")
        self.path, self.row, self.reason = str(path), row, reason


def match_key(text: str) -> str:
    """GOLD-FORMAT normalisation: simplified script, NFKC, lower case, whitespace and punctuation removed."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", to_simplified(html.unescape(text or ""))).lower())


@dataclass
class Gold:
    """One annotated corpus: a list of row dicts per file (file name without .csv)."""

    folder: Path
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[dict]:
        return self.tables.get(name, [])

    @property
    def article_ids(self) -> list[str]:
        return sorted({r["article_id"] for r in self["articles"]})

    def rows(self, name: str, article_id: str) -> list[dict]:
        return [r for r in self[name] if r.get("article_id") == article_id]


def _iso(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _check_row(name: str, row: dict) -> str | None:
    """Reason a row is malformed, or None."""
    for (fname, col), allowed in ENUMS.items():
        if fname == name and row.get(col, "") not in allowed:
            return f"{col}={row.get(col)!r} is not one of {', '.join(a for a in allowed if a) or 'the allowed values'}"
    if name == "articles.csv" and row["published"] and not _PUBLISHED.match(row["published"]):
        return f"published={row['published']!r}: use YYYY-MM-DD, YYYY-MM or leave it empty"
    if name == "actors.csv" and not (row["count"].isdigit() and int(row["count"]) > 0):
        return f"count={row['count']!r} is not a positive whole number"
    if name in ("dates.csv", "events.csv"):
        for col in ("start", "end"):
            if row[col] and not _iso(row[col]):
                return f"{col}={row[col]!r} is not an ISO date YYYY-MM-DD"
        if row["start"] and row["end"] and row["start"] > row["end"]:
            return f"start {row['start']} is after end {row['end']}"
        if bool(row["start"]) != bool(row["end"]):
            return "give both start and end, or neither (unresolvable)"
    if name == "stance_labels.csv" and not row["sentence_id"].lstrip("-").isdigit():
        return f"sentence_id={row['sentence_id']!r} is not a whole number"
    if "article_id" in row and not row["article_id"]:
        return "article_id is empty"
    return None


def read_table(path: Path, name: str) -> list[dict]:
    """Read one gold CSV, checking its header and every row (raises GoldError)."""
    required, optional = SCHEMA[name]
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise GoldError(path, 1, f"missing column(s) {', '.join(missing)} (header: {', '.join(header)})")
            rows = []
            for i, raw in enumerate(reader, start=2):
                if None in raw:
                    raise GoldError(path, i, f"{len(raw[None])} more field(s) than the header (unquoted comma?)")
                row = {k: (raw.get(k) or "").strip() for k in required + optional}
                reason = _check_row(name, row)
                if reason:
                    raise GoldError(path, i, reason)
                row["_row"] = i
                rows.append(row)
    except UnicodeDecodeError as err:
        raise GoldError(path, 0, f"not UTF-8 ({err.reason})") from None
    except csv.Error as err:
        raise GoldError(path, 0, f"not a readable CSV ({err})") from None
    return rows


def load_gold(folder: str | Path) -> Gold:
    """Load every gold file of a folder (raises GoldError for a missing or malformed file)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(folder, 0, "gold folder not found")
    gold = Gold(folder)
    for name in SCHEMA:
        path = folder / name
        if not path.exists():
            if name in OPTIONAL_FILES:
                continue
            raise GoldError(path, 0, "gold file missing")
        gold.tables[name.removesuffix(".csv")] = read_table(path, name)
    _check_article_ids(gold)
    return gold


def _check_article_ids(gold: Gold) -> None:
    known = set(gold.article_ids)
    for name in SCHEMA:
        key = name.removesuffix(".csv")
        for row in gold[key]:
            ids = row["article_ids"].split("|") if key == "events" else [row["article_id"]]
            unknown = [a for a in ids if a and a not in known]
            if unknown:
                raise GoldError(gold.folder / name, row["_row"], f"article_id {unknown[0]!r} is not in articles.csv")


def article_texts(corpus: str | Path) -> dict[str, str]:
    """Decoded raw text of every article file in a corpus folder, by article_id (no cleaning)."""
    from .corpus import Rejected, decode_bytes, plan_files

    out = {}
    for path, aid in plan_files(Path(corpus))[0]:
        try:
            out[aid] = decode_bytes(path.read_bytes())[0]
        except Rejected:
            continue
    return out


def check_snippets(gold: Gold, corpus: str | Path) -> list[str]:
    """Problems with gold rows whose article or snippet cannot be found in the corpus files."""
    texts = {aid: match_key(t) for aid, t in article_texts(corpus).items()}
    problems = [f"{gold.folder / 'articles.csv'}: article {aid!r} has no file in {corpus}"
                for aid in gold.article_ids if aid not in texts]
    for name, col in SNIPPET_COLUMNS.items():
        for row in gold[name.removesuffix(".csv")]:
            text = texts.get(row["article_id"])
            if text is not None and match_key(row[col]) not in text:
                problems.append(f"{gold.folder / name}:{row['_row']}: {col} {row[col][:30]!r} not found in the article")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kaiyuan.gold", description="Check a gold annotation folder.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="check the format of every gold file (and snippets against --corpus)")
    p.add_argument("--gold", required=True)
    p.add_argument("--corpus", default=None, help="the article folder the gold describes")
    args = parser.parse_args(argv)
    try:
        gold = load_gold(args.gold)
    except GoldError as err:
        print(f"kaiyuan: malformed gold: {err}", file=sys.stderr)
        return 2
    problems = check_snippets(gold, args.corpus) if args.corpus else []
    for line in problems:
        print(line, file=sys.stderr)
    counts = ", ".join(f"{k} {len(v)}" for k, v in gold.tables.items())
    print(f"kaiyuan: {len(gold.article_ids)} articles; {counts}; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
