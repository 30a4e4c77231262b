"""Publication date from the page's own metadata lines (data/metadata.yaml).

`find_published(lines)` looks at the head and the foot of an article for short metadata lines
holding a full date (a date alone, date + time + source, a labelled date, a weekday in brackets,
a Minguo year, Chinese numerals, full-width digits), parses each date string with jionlp, and picks
the publication date: a date labelled as published, else an unlabelled date at the head, else one at
the foot, else an "updated" date. A date inside a body sentence is never taken, and a page that
shows no full date gets none: a date is never invented. The line used is returned with the date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .config import load_yaml
from .script import normalise_for_match

RULES_PATH = Path(__file__).parent / "data" / "metadata.yaml"
_SENTENCE_END = re.compile(r"[。！？!?](?![^（(【\[]*[）)】\]])")


@dataclass(frozen=True)
class DateLine:
    """A date found on a metadata line: ISO date, its class (published/head/foot/updated), the line."""

    date: str
    kind: str
    line_no: int
    line: str


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> dict:
    rules = load_yaml(path or RULES_PATH)
    rules["_dates"] = [re.compile(p) for p in rules["dates"]]
    rules["_numeral_date"] = re.compile(rules["numeral_date"])
    rules["_strip"] = [re.compile(p) for p in rules["strip"]]
    rules["_labels"] = {k: re.compile("(?:" + "|".join(v) + ")\\s*[:：]?\\s*$") for k, v in rules["labels"].items()}
    rules["_label_words"] = re.compile("|".join(p for v in rules["labels"].values() for p in v))
    return rules


def _numeral(text: str, digits: dict) -> int:
    """一 .. 三十一 as an int (month and day numbers)."""
    if "十" not in text:
        return digits[text]
    tens, _, units = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)


def arabic_dates(line: str, rules: dict) -> str:
    """Rewrite a Chinese-numeral date (二〇二五年九月三十日) with digits (2025年9月30日)."""
    digits = rules["numeral_digits"]

    def repl(m: re.Match) -> str:
        year = "".join(str(digits[c]) for c in m.group("y"))
        return f"{year}年{_numeral(m.group('m'), digits)}月{_numeral(m.group('d'), digits)}日"

    return rules["_numeral_date"].sub(repl, line)


def parse_date_string(text: str) -> str:
    """ISO date of a date string read by jionlp (the project's date parser, kaiyuan.timeline);
    '' when it is not exactly one day."""
    from .timeline import jionlp_parse

    span = jionlp_parse(text, dt.date(2000, 1, 1))
    return span[0].isoformat() if span and span[0] == span[1] else ""


def _dates_in(norm: str, rules: dict) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every full date on a normalised line."""
    out, taken = [], []
    for pattern in rules["_dates"]:
        for m in pattern.finditer(norm):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            f = m.groupdict()
            year = int(f["roc"]) + 1911 if f.get("roc") else int(f["y"])
            text = f"{year}年{int(f['m'])}月{int(f['d'])}日"
            iso = parse_date_string(text)
            if iso and _plausible(iso):
                out.append((m.start(), m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(out)


def _plausible(iso: str) -> bool:
    year = int(iso[:4])
    return 1990 <= year <= dt.date.today().year + 1


def _is_metadata_line(norm: str, spans: list[tuple[int, int, str]], rules: dict) -> bool:
    """Short, no sentence end outside brackets, and little left once the date and the usual
    metadata words (time, weekday, source, byline, labels, separators) are taken out."""
    if len(norm) > rules["max_line_chars"] or _SENTENCE_END.search(norm):
        return False
    rest = norm
    for a, b, _ in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    for pattern in rules["_strip"] + [rules["_label_words"]]:
        rest = pattern.sub(" ", rest)
    return len(re.sub(r"\s+", "", rest)) <= rules["max_residue_chars"]


def _label(before: str, rules: dict) -> str | None:
    """'published' / 'updated' when the text right before a date is such a label."""
    for kind in ("updated", "published"):
        if rules["_labels"][kind].search(before.rstrip(" ([（【")):
            return kind
    return None


def date_lines(lines: list[str], rules: dict | None = None) -> list[DateLine]:
    """Every full date on a metadata line at the head or the foot of the text, classified."""
    rules = rules or load_rules()
    numbered = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip()]
    head = numbered[:rules["head_lines"]]
    foot = [x for x in numbered[-rules["foot_lines"]:] if x not in head]
    found = []
    for where, part in (("head", head), ("foot", foot)):
        for no, line in part:
            norm = arabic_dates(normalise_for_match(line), rules)
            spans = _dates_in(norm, rules)
            if not spans or not _is_metadata_line(norm, spans, rules):
                continue
            prev_end = 0
            for a, b, iso in spans:
                kind = _label(norm[prev_end:a], rules) or where
                found.append(DateLine(iso, kind, no, line.strip()))
                prev_end = b
    return found


def find_published(lines: list[str]) -> DateLine | None:
    """The publication date a page shows (see the module docstring), or None."""
    found = date_lines(lines)
    if not found:
        return None
    rank = {kind: i for i, kind in enumerate(load_rules()["priority"])}
    return min(found, key=lambda d: (rank[d.kind], d.line_no))
