"""Timeline reconstruction: temporal expressions -> dated intervals -> events -> a merged timeline.

All lexicons, span conventions and confidences come from data/time_rules.yaml; the rules are
written down in data/TIMELINE.md.  jionlp is imported lazily (once, banner silenced) and only
consulted for the expression shapes listed in the YAML, where its conventions match ours.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import io
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import pandas as pd

from . import memo
from .frames import records
from .sentences import is_heading_line

RULES_PATH = Path(__file__).resolve().parent / "data" / "time_rules.yaml"
EXPRESSION_COLUMNS = ["article_id", "sentence_id", "expression", "start", "end", "granularity", "anchor",
                      "confidence", "offset_start", "offset_end", "resolved", "reason", "source"]
EVENT_COLUMNS = ["event_id", "article_id", "sentence_id", "expression", "start", "end", "granularity",
                 "label", "actors", "trigger", "main_actor", "object"]
TIMELINE_COLUMNS = ["timeline_id", "start", "end", "granularity", "label", "main_actor", "actors", "article_ids",
                    "n_sources", "event_ids", "sentences", "conflict", "conflict_with"]
HAN = "\u4e00-\u9fff"
PLURAL = {"year": "years", "quarter": "quarter", "month": "months", "week": "days", "day": "days"}

Span = tuple[dt.date, dt.date, str]          # start, end, granularity


# ----------------------------------------------------------------------------------------------
# data

@functools.lru_cache(maxsize=None)
def load_rules(path: str | None = None) -> dict:
    """The parsed rules file (cached): every lexicon, span convention and confidence lives there."""
    from .config import load_yaml

    return load_yaml(path or RULES_PATH)


class _NFKCTable(dict):
    """str.translate table: each character's NFKC form when that is one character, else itself (memoised)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch)
        self[code] = value = n if len(n) == 1 else ch
        return value


_NFKC = _NFKCTable()


@functools.lru_cache(maxsize=1 << 15)  # every sentence is normalised by several steps
def normalise(text: str) -> str:
    """NFKC each character but keep the length, so offsets stay valid (full-width ２０２３ -> 2023)."""
    return text if text.isascii() else text.translate(_NFKC)


def parse_number(text: str, rules: dict | None = None) -> int | None:
    """Integer value of Arabic digits or Chinese numerals (十二 = 12, 两 = 2, 二〇二三 = 2023); None if not a number."""
    rules = rules or load_rules()
    text = normalise(text)
    if text.isdigit():
        return int(text)
    digits, ten = rules["numerals"]["digits"], rules["numerals"]["ten"]
    if ten in text:
        tens_part, _, ones_part = text.partition(ten)
        tens = digits.get(tens_part) if tens_part else 1
        ones = digits.get(ones_part) if ones_part else 0
        return None if tens is None or ones is None else tens * 10 + ones
    values = [digits.get(ch) for ch in text]
    return None if not values or None in values else int("".join(map(str, values)))


def number_range(text: str, rules: dict) -> tuple[int, int] | None:
    """(low, high) for a count: (n, n) for a numeral, the 'few' range (2, 5) for 几/数/若干."""
    if text in rules["numerals"]["few"]["words"]:
        low, high = rules["numerals"]["few"]["range"]
        return low, high
    n = parse_number(text, rules)
    return None if n is None else (n, n)


# ----------------------------------------------------------------------------------------------
# calendar arithmetic

def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month; months 13, 14 roll into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day n months later (clipped to the month's end: Mar 31 - 1 month = Feb 29)."""
    y, m = divmod(day.year * 12 + day.month - 1 + n, 12)
    return min(dt.date(y, m + 1, 1) + dt.timedelta(days=day.day - 1), month_span(y, m + 1)[1])


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """Move a date by n calendar units (year / quarter / month / week / day)."""
    if unit in ("year", "quarter"):
        return add_months(day, (12 if unit == "year" else 3) * n)
    if unit == "month":
        return add_months(day, n)
    return day + dt.timedelta(days=7 * n if unit == "week" else n)


def unit_span(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The calendar year / quarter / month / Monday-Sunday week / day that contains a date."""
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if unit == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return month_span(day.year, first)[0], month_span(day.year, first + 2)[1]
    if unit == "month":
        return month_span(day.year, day.month)
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    return day, day


def span_granularity(start: dt.date, end: dt.date, rules: dict) -> str:
    """Granularity name for a derived span, from its length in days (thresholds in the YAML)."""
    days = (end - start).days + 1
    return next(name for limit, name in rules["span_granularity"] if days <= limit)


# ----------------------------------------------------------------------------------------------
# anchors and resolutions

@dataclass(frozen=True)
class Anchor:
    """An interval other expressions are relative to: the publication date or an earlier expression."""
    start: dt.date
    end: dt.date
    granularity: str
    label: str
    sentence: int = -1  # sentence_id of the expression that set this anchor (-1: publication)
    end_offset: int = -1  # where that expression ends in its sentence (to tell whether a clause lies between)
    clause: str = ""  # the clause it stands in (normalised), to find the date of a named event ("表决当日")
    sentence_text: str = ""  # its whole sentence (normalised), to find the dates told of a party ("李彦宏当初")


@dataclass(frozen=True)
class Resolution:
    """The interval an expression denotes, or why it has none."""
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str = ""
    anchor: str = ""
    confidence: float = 0.0
    reason: str = ""
    source: str = "rule"

    @property
    def resolved(self) -> bool:
        """True when the expression has an interval."""
        return self.start is not None


@dataclass
class Found:
    """A temporal expression found in a sentence: local offsets, raw and normalised text, pattern fields."""
    start: int
    end: int
    text: str
    norm: str
    pattern: str
    rule: str
    fields: dict
    after: str = ""


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: publication date, previous anchor, rules."""
    publication: Anchor | None
    previous: Anchor | None
    rules: dict
    use_jionlp: bool = True
    sentence: int = -1  # sentence_id of the expression being resolved
    history: tuple = ()  # every earlier anchor of the article, oldest first (previous = history[-1])
    text: str = ""  # the sentence (for its tense cues)
    told: Sequence = ()  # (sentence_id, normalised text) of the article's earlier sentences (to find a party's dates)
    story_year: int | None = None  # undated article: the latest year it names (a weekday pins a year-less date near it)


def parse_publication(published) -> Anchor | None:
    """The publication date as an interval ("2024-05" -> 2024-05-01..2024-05-31); None when unknown."""
    text = "" if published is None else str(published).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not m:
        return None
    try:
        year = int(m[1])
        if m[3]:
            day = dt.date(year, int(m[2]), int(m[3]))
            return Anchor(day, day, "day", f"published {text}")
        if m[2]:
            first, last = month_span(year, int(m[2]))
            return Anchor(first, last, "month", f"published {text}")
        return Anchor(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"published {text}")
    except ValueError:
        return None


# ----------------------------------------------------------------------------------------------
# finding expressions

def _word_regex(word: str, spec: dict | None) -> str:
    """Regex for one lexicon word with its not_before / not_after / only_before_non_han / only_after guards."""
    spec = spec or {}
    rx = re.escape(word)
    if spec.get("only_after"):  # "自年中开源": only right after one of these characters
        rx = f"(?<=[{re.escape(spec['only_after'])}])" + rx
    if spec.get("not_before"):
        rx = f"(?<![{re.escape(spec['not_before'])}])" + rx
    if spec.get("not_after"):
        rx += f"(?![{re.escape(spec['not_after'])}])"
    if spec.get("only_before_non_han"):
        rx += f"(?![{HAN}])"
    return rx


def _alternation(entries) -> str:
    """Longest-first alternation of lexicon words (dict word -> spec, or a plain list)."""
    items = entries.items() if isinstance(entries, dict) else [(w, None) for w in entries]
    items = sorted(items, key=lambda kv: (-len(kv[0]), kv[0]))
    return "|".join(_word_regex(w, s if isinstance(s, dict) else None) for w, s in items)


def _generic_words(rules: dict) -> dict:
    """word -> (category, guard spec) for every generic (non-dating) word."""
    return {w: (cat, spec) for cat, block in rules["generic"].items() for w, spec in block["words"].items()}


def _lexicon_atoms(rules: dict) -> dict:
    """Regex atoms built from the lexicon keys (Y_REL, M_PART, FUZZY, ...)."""
    lex = rules["lexicon"]
    seasons = []
    for key in lex["seasons"]:
        seasons.append(re.escape(key) + "(?:" + "|".join(map(re.escape, lex["season_suffixes"])) + ")")
        seasons.append(re.escape(key) + f"(?![{re.escape(lex['season_bare_not_after'])}])")
    return {
        "BY": _alternation(lex["deadline_prefixes"]),
        "Y_REL": _alternation(lex["year_relative"]),
        "Y_REL_SHORT": _alternation(lex["year_relative_short"]),
        "M_REL": _alternation(lex["month_relative"]),
        "D_REL": _alternation(lex["day_relative"]),
        "D_SPLIT": _alternation(lex["split_day_words"]),
        "FESTIVAL": _alternation(lex["festivals"]),
        "W_REL": _alternation(lex["week_relative"]),
        "Q_REL": _alternation(lex.get("quarter_relative", {})),
        "W_PART": _alternation(lex["week_parts"]),
        "D_PART": _alternation(lex["day_parts"]),
        "Y_PART": _alternation(lex["year_parts"]),
        "Y_PART_BARE": _alternation(lex["bare_year_parts"]),
        "M_PART": _alternation(lex["month_parts"]),
        "C_PART": _alternation(lex["century_parts"]),
        "SEASON": "|".join(seasons),
        "FEW": _alternation(rules["numerals"]["few"]["words"]),
        "UNIT": _alternation(lex["units"]),
        "DIR": _alternation(lex["directions"]) if not lex.get("direction_not_after") else
               f"(?:{_alternation(lex['directions'])})(?![{re.escape(lex['direction_not_after'])}])",
        "FUZZY": _alternation(rules["fuzzy"]),
        "GENERIC": _alternation({w: spec for w, (_, spec) in _generic_words(rules).items()}),
        "GAP": _alternation(lex.get("interval_words", {})),
    }


def _first_of_sequence(items) -> tuple[set | None, bool]:
    """(characters a match of this parsed sequence can start with, can it match empty); None = unbounded."""
    out: set = set()
    for op, av in items:
        chars, nullable = _first_of_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op, av) -> tuple[set | None, bool]:
    from re import _constants as C  # noqa: N812  (the stdlib's regex parser, Python 3.11)

    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars: set = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] < 5000:
                chars |= {chr(c) for c in range(a[0], a[1] + 1)}
            else:
                return None, False  # negated sets, categories (\d, \w), huge ranges: unbounded
        return chars, False
    if op is C.SUBPATTERN:
        return _first_of_sequence(av[-1])
    if op is C.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            c, n = _first_of_sequence(branch)
            if c is None:
                return None, False
            chars |= c
            nullable = nullable or n
        return chars, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        c, n = _first_of_sequence(sub)
        return (None, False) if c is None else (c, n or lo == 0)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True
    return None, False


def first_char_guard(regex: str, flags: int = 0) -> str:
    """The regex behind a lookahead for the characters any non-empty match must start with.

    Same matches, found several times faster: a pattern that opens with an optional group defeats the
    regex engine's own first-character scan, so it tries every alternative at every position.  When the
    first characters cannot be bounded (., \\d, negated sets) the regex is returned unchanged.
    """
    try:
        from re import _parser

        chars, _ = _first_of_sequence(_parser.parse(regex, flags))
    except Exception:  # an unexpected parse tree: keep the plain regex
        return regex
    if not chars:
        return regex
    end = "\n)" if flags & re.VERBOSE else ")"  # a trailing '# comment' must not swallow the ')'
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])(?:" + regex + end


@functools.lru_cache(maxsize=None)
def compiled_patterns(path: str | None = None) -> tuple[tuple[str, str, re.Pattern], ...]:
    """(name, rule, compiled regex) for every pattern template in the rules file."""
    rules = load_rules(path)
    atoms = dict(rules["atoms"])
    atoms.update(_lexicon_atoms(rules))
    out = []
    for pat in rules["patterns"]:
        rx = re.sub(r"\$\{(\w+)\}", lambda m: "(?:" + atoms[m[1]] + ")", pat["regex"])
        out.append((pat["name"], pat["rule"], re.compile(first_char_guard(rx, re.VERBOSE), re.VERBOSE)))
    return tuple(out)


def _fields(m: re.Match) -> dict:
    """Named groups that matched, with alternative suffixes folded (m_abs_2 -> m_abs)."""
    out = {}
    for key, value in m.groupdict().items():
        if value is not None:
            out.setdefault(re.sub(r"_\d+$", "", key), value)
    return out


def _folded(fields: dict, rules: dict) -> dict:
    """Fields of shapes that stand for another: a Minguo year as its Gregorian year (114年 = 2025), '24年 as 2024, a split day
    word as the day word (今（23）日 = 今日 with the 23rd in brackets), a one-character year word before a season as
    its year word (今夏 = 今年夏), a unit alias as its unit (数月 = 数个月)."""
    lex = rules["lexicon"]
    if "y_roc" in fields:
        fields["y_abs"] = str(parse_number(re.sub(r"^(?:中华)?民国[ \u3000]?", "", fields.pop("y_roc")), rules)
                              + lex["minguo_offset"])
    if "y_short" in fields or "y_listed" in fields:  # '24年, and 18年 listed after 2017年
        yy = int(fields.pop("y_short")[1:] if "y_short" in fields else fields.pop("y_listed"))
        fields["y_abs"] = str((1900 if yy > lex.get("two_digit_year_pivot", 50) else 2000) + yy)
    if "y_rel_short" in fields:  # 今夏 = 今年夏
        fields["y_rel"] = lex["year_relative_short"][fields.pop("y_rel_short")]["word"]
    if "d_split" in fields:
        fields["d_rel"] = lex["split_day_words"][fields.pop("d_split")]["word"]
    if "gap" in fields:  # 时隔三天 = 三天后, counted from the date just told
        fields.setdefault("dir", "后")
    if fields.get("unit") in lex.get("unit_aliases", {}):
        fields["unit"] = lex["unit_aliases"][fields["unit"]]
    return fields


def _acceptable(rule: str, fields: dict, rules: dict) -> bool:
    """Reject matches the regex cannot rule out: unparseable numbers, "这一年" (= that year, not a span; a relative
    lexicon word)."""
    if rule == "calendar" and "y_abs" in fields and parse_number(fields["y_abs"], rules) is None:
        return False
    if rule == "year_range" and fields.get("y_list") and int(fields["y_to"]) - int(fields["y_from"]) != 1:
        return False  # "2019、2023年" lists two years, it spans none: the second year is read alone
    if rule in ("offset", "offset_event", "recent_span", "after_previous"):
        if rule == "after_previous" and fields.get("n") == "半":
            return True
        rng = number_range(fields.get("n", ""), rules)
        if rng is None or rng[0] < 1:
            return False
        if fields.get("hours") and rng[1] >= 24:  # "48小时后" may be days on: only hours within a day stay on it
            return False
        if fields.get("prefix") == "这" and rng == (1, 1) and _relative_word("这" + fields["n"] + fields["unit"], rules):
            return False
    return True


def _relative_word(word: str, rules: dict) -> bool:
    """A word of a relative lexicon (这一年, 这一周, 这一天 = the year, week, day just told): no span of one unit.
    "这一个月" is in none of them: the month up to the reference, like 过去一个月 (session 16)."""
    lex = rules["lexicon"]
    return any(word in lex.get(name, {}) for name in
               ("year_relative", "month_relative", "week_relative", "day_relative", "quarter_relative"))


@functools.lru_cache(maxsize=None)
def _romanisation_regex(path: str | None = None) -> re.Pattern | None:
    """The bracketed romanisation to skip (`normalise.romanisation`), compiled; None when not configured."""
    rx = load_rules(path).get("normalise", {}).get("romanisation")
    return re.compile(rx) if rx else None


def skip_romanisation(norm: str) -> tuple[str, list[int]]:
    """The normalised text without bracketed romanisation after Han characters ("上月(yue)6日" -> "上月6日"), and
    for each kept character its offset in `norm` (so a match maps back to the text, bracket included)."""
    rx = _romanisation_regex()
    spans = [m.span() for m in rx.finditer(norm)] if rx is not None and "(" in norm else []
    if not spans:
        return norm, list(range(len(norm)))
    dropped = {i for a, b in spans for i in range(a, b)}
    kept = [i for i in range(len(norm)) if i not in dropped]
    return "".join(norm[i] for i in kept), kept


def find_expressions(text: str) -> list[Found]:
    """Temporal expressions in one sentence: all patterns run (over the text without bracketed romanisation),
    overlaps go leftmost, then longest, then first pattern."""
    rules = load_rules()
    norm = normalise(text)
    plain, where = skip_romanisation(norm)
    candidates = []
    for order, (name, rule, rx) in enumerate(compiled_patterns()):
        for m in rx.finditer(plain):
            if m.end() > m.start():
                candidates.append((m.start(), m.start() - m.end(), order, name, rule, m))
    candidates.sort(key=lambda c: c[:3])
    found, taken_until = [], -1
    for start, _, _, name, rule, m in candidates:
        fields = _folded(_fields(m), rules)
        if start < taken_until or not _acceptable(rule, fields, rules):
            continue
        a, b = where[start], where[m.end() - 1] + 1
        found.append(Found(a, b, text[a:b], plain[start:m.end()], name, rule, fields, plain[m.end():m.end() + 16]))
        taken_until = m.end()
    return found


# ----------------------------------------------------------------------------------------------
# resolution helpers

def _unresolved(reason: str, granularity: str = "", anchor: str = "") -> Resolution:
    """A Resolution without interval, carrying the reason."""
    return Resolution(None, None, granularity, anchor, 0.0, reason, "rule")


def _missing_anchor(kind: str, ctx: Context) -> str | None:
    """Why an expression anchored on `kind` cannot be resolved here, or None if the anchor exists."""
    if kind == "publication" and ctx.publication is None:
        return "publication date unknown"
    if kind == "previous" and ctx.previous is None:
        return "no earlier dated expression in the article to anchor on"
    return None


def widen_factor(single: tuple[dt.date, dt.date], union: tuple[dt.date, dt.date], rules: dict) -> float:
    """Confidence factor for a widened interval: share of the union one reading covers, floored (YAML)."""
    days = lambda s: (s[1] - s[0]).days + 1  # noqa: E731
    return max(rules["confidence"]["widen_floor"], days(single) / days(union))


def _sweep(fn: Callable[[dt.date | None], Span], kind: str, ctx: Context) -> tuple[dt.date, dt.date, str, float]:
    """Apply fn at both ends of the anchor; if the readings differ, cover both and return a confidence factor < 1."""
    if kind == "absolute":
        s, e, g = fn(None)
        return s, e, g, 1.0
    anchor = ctx.publication if kind == "publication" else ctx.previous
    a, b = fn(anchor.start), fn(anchor.end)
    if a == b:
        return a[0], a[1], a[2], 1.0
    union = (min(a[0], b[0]), max(a[1], b[1]))
    longest = max((a[:2], b[:2]), key=lambda s: s[1] - s[0])
    return union[0], union[1], widened_granularity(a[2], union, anchor), widen_factor(longest, union, ctx.rules)


def widened_granularity(rule_granularity: str, union: tuple[dt.date, dt.date], anchor: Anchor) -> str:
    """Granularity of a widened interval: the anchor's unit if it is exactly that unit, else a plural span."""
    if anchor.granularity in ("month", "year") and union == unit_span(anchor.start, anchor.granularity):
        return anchor.granularity
    return PLURAL.get(rule_granularity, rule_granularity)


def _anchor_note(kind: str, ctx: Context) -> str:
    """Human-readable note naming the anchor used."""
    if kind == "publication":
        return ctx.publication.label
    if kind == "previous":
        return f"anchored on earlier '{ctx.previous.label}'"
    return "absolute"


def _build(found: Found, ctx: Context, fn, kind: str, base_conf: float, rule_note: str,
           extra_notes=(), jionlp_shape: str | None = None) -> Resolution:
    """Run fn against the anchor, apply confidence factors, cross-check with jionlp, and explain."""
    missing = _missing_anchor(kind, ctx)
    if missing:
        return _unresolved(missing, anchor=kind)
    try:
        start, end, gran, factor = _sweep(fn, kind, ctx)
    except ValueError as err:
        return _unresolved(f"invalid date ({err})", anchor=kind)
    conf_rules = ctx.rules["confidence"]
    conf = base_conf * (conf_rules["previous_factor"] if kind == "previous" else 1.0) * factor
    notes = [rule_note, _anchor_note(kind, ctx), *extra_notes]
    if factor < 1.0:
        anchor = ctx.publication if kind == "publication" else ctx.previous
        notes.append(f"widened: anchor has {anchor.granularity} precision")
    source = "rule"
    if jionlp_shape and ctx.use_jionlp and kind in ("absolute", "publication"):
        got = _jionlp_interval(found.norm[len(found.fields.get("by") or ""):], ctx.publication)
        if got is None:
            notes.append("jionlp silent")
        elif got == (start, end):
            source = "jionlp"
        else:
            notes.append(f"jionlp gave {got[0]}..{got[1]}, rule kept")
    return Resolution(start, end, gran, kind, round(min(conf, 1.0), 3), "; ".join(notes), source)


# ----------------------------------------------------------------------------------------------
# jionlp (lazy)

@functools.lru_cache(maxsize=1)
def _jionlp():
    """jionlp, imported once on first use with its start-up banner silenced."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
    return jionlp


_JIONLP_LOCK = threading.Lock()  # jionlp's shared parser and the stdout redirect are not thread-safe


@functools.lru_cache(maxsize=4096)
def jionlp_parse(text: str, base: dt.date) -> tuple[dt.date, dt.date] | None:
    """Dates of jionlp.parse_time(text, time_base=base); None when jionlp raises or returns no point/span."""
    jio = _jionlp()
    try:
        with _JIONLP_LOCK, contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            res = jio.parse_time(text, time_base={"year": base.year, "month": base.month, "day": base.day})
        if res.get("type") not in ("time_point", "time_span"):
            return None
        start, end = (dt.date.fromisoformat(str(t)[:10]) for t in res["time"])
    except Exception:  # jionlp raises ValueError and others on what it cannot parse
        return None
    return (start, end) if start <= end else None


def _jionlp_interval(text: str, publication: Anchor | None) -> tuple[dt.date, dt.date] | None:
    """jionlp's reading with the publication date as base, widened over a month/year-precision date."""
    if publication is None:
        return jionlp_parse(text, dt.date(2000, 1, 1))
    a, b = jionlp_parse(text, publication.start), jionlp_parse(text, publication.end)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), max(a[1], b[1])


# ----------------------------------------------------------------------------------------------
# rules

def _year_detail(year: int, f: dict, rules: dict) -> Span:
    """Interval inside a known year: month / day / month part / year part / season, else the whole year."""
    lex = rules["lexicon"]
    if "m_abs" in f:
        return _month_detail(year, parse_number(f["m_abs"], rules), f, rules)
    if "first_n" in f:  # 今年前9月 / 前三个月: the first n months of the year
        n = parse_number(f["first_n"], rules)
        if not 1 <= n <= 12:
            raise ValueError(f"first {n} months")
        return dt.date(year, 1, 1), month_span(year, n)[1], "month" if n == 1 else "months"
    if "y_part" in f:
        spec = lex["year_parts"][f["y_part"]]
        first, last = spec["months"]
        return month_span(year, first)[0], month_span(year, last)[1], spec["granularity"]
    if "season" in f:
        first, last = lex["seasons"][f["season"][0]]["months"]
        return month_span(year, first)[0], month_span(year, last)[1], "season"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _month_detail(year: int, month: int, f: dict, rules: dict) -> Span:
    """Interval inside a known month: a day, a month part (上旬/月底), else the whole month."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month}")
    first, last = month_span(year, month)
    if "d_abs" in f:
        day = dt.date(year, month, parse_number(f["d_abs"], rules))
        return day, day, "day"
    if "m_part" in f:
        a, b = rules["lexicon"]["month_parts"][f["m_part"]]["days"]
        return first.replace(day=a), min(first.replace(day=min(b, last.day)), last), "days"
    return first, last, "month"


def festival_day(year: int, f: dict, rules: dict) -> Span:
    """A fixed-date holiday in a year, moved by a day word after it (圣诞节次日 = December 26)."""
    lex = rules["lexicon"]
    spec = lex["festivals"][f["festival"]]
    if "lunar_new_year" in spec:  # 春节 / 除夕 move with the lunar calendar: a table of Gregorian dates by year
        month, mday = lex["lunar_new_year"][year]
        day = dt.date(year, month, mday) + dt.timedelta(days=spec["lunar_new_year"])
    else:
        day = dt.date(year, spec["month"], spec["day"])
    if f.get("fest_rel"):
        day += dt.timedelta(days=lex["day_relative"][f["fest_rel"]]["offset"])
    return day, day, "day"


def _calendar_shape(f: dict) -> str:
    """Which calendar slots an expression fills, e.g. 'y_rel+m_abs' (used for the jionlp whitelist)."""
    slots = ["y_abs", "y_rel", "m_abs", "m_rel", "d_abs", "d_rel", "w_rel", "y_part", "first_n", "m_part", "season",
             "d_part", "w_part", "y_part_bare", "w_bare", "w_day", "d_only"]
    return "+".join(s for s in slots if s in f)


def _previous_within(ctx: Context, sentences: int | None) -> bool:
    """Whether the previous dated expression is at most `sentences` sentences back. Without a publication
    date (the only alternative anchor), a limit or a known sentence, any previous expression counts."""
    prev = ctx.previous
    if prev is None:
        return False
    if ctx.publication is None or sentences is None or prev.sentence < 0:
        return True
    return ctx.sentence - prev.sentence <= sentences


def _borrows_year(ctx: Context) -> bool:
    """A year-less date (3月28日) takes the year of the previous dated expression only when that one is
    close in the discourse (`anchoring.yearless_max_sentences`); otherwise the publication year: a year
    named paragraphs earlier is not the story's year."""
    return _previous_within(ctx, ctx.rules.get("anchoring", {}).get("yearless_max_sentences")) and not attributive_year(
        ctx.previous, ctx.rules)


def attributive_year(anchor: Anchor | None, rules: dict) -> bool:
    """A bare year told as an attribute of a noun ("依據2019年施行的《條例》", "2022年成立的RAIL", "2019年的GPT-2") is
    background, not the story's year: a year-less date after it does not borrow it (`anchoring.attributive_year`)."""
    spec = rules.get("anchoring", {})
    rx, month = spec.get("attributive_year"), spec.get("year_of_month")
    after = anchor.sentence_text[anchor.end_offset:] if anchor is not None and anchor.end_offset >= 0 else ""
    return bool(anchor is not None and rx and anchor.granularity in spec.get("attributive_granularities", ["year"])
                and _single_year(anchor) and anchor.end_offset >= 0
                and re.match(rx, after) and not (month and re.match(month, after)))


def _sentence_year(ctx: Context) -> bool:
    """Whether a year was told earlier in the expression's own sentence (the previous anchor lies there, inside one
    calendar year): "去年，公司营收增长，全年净利润下降" = 全年 is last year (`year_relative.<word>.sentence_year`)."""
    prev = ctx.previous
    return prev is not None and prev.sentence == ctx.sentence and _single_year(prev)


def _single_year(anchor: Anchor | None) -> bool:
    """True when an anchor lies inside one calendar year (so a year-less month can borrow its year)."""
    return anchor is not None and anchor.start.year == anchor.end.year


def _month_fn(spec: dict, f: dict, rules: dict):
    """Interval function of 上个月 / 次月 (+ a day or month part): the month `offset` months from ref."""
    def fn(ref):
        moved = add_months(ref.replace(day=1), spec["offset"])
        return _month_detail(moved.year, moved.month, f, rules)
    return fn


def _day_fn(spec: dict, f: dict):
    """Interval function of 昨天 / 次日 / 前一日（26日）: the day `offset` days from ref; a span of `days` days or
    `months` months from that day for 首周 / 首月 (the first week, month of a launch)."""
    def fn(ref):
        day = ref + dt.timedelta(days=spec["offset"])
        if "d_rel_day" in f:  # 前一日（26日）: the bracketed day number wins, in the nearest month
            day = nearest_day_number(day, int(f["d_rel_day"]))
        if spec.get("days") or spec.get("months"):
            last = add_months(day, spec["months"]) if spec.get("months") else day + dt.timedelta(days=spec["days"])
            return day, last - dt.timedelta(days=1), "days"
        return day, day, "day"
    return fn


def _quarter_fn(spec: dict):
    """Interval function of 本季度 / 下个季度: the calendar quarter `offset` quarters from ref."""
    def fn(ref):
        first, last = unit_span(shift(unit_span(ref, "quarter")[0], "quarter", spec["offset"]), "quarter")
        return first, last, "quarter"
    return fn


def _week_part(f: dict, lex: dict) -> dict | None:
    """The days of a week a weekday names (五 = Friday), or of two listed ones ("本周三、四" = Wednesday..Thursday)."""
    part = lex["week_parts"].get(f.get("w_part", ""))
    if part is None or "w_part_to" not in f:
        return part
    return {"days": [part["days"][0], lex["week_parts"][f["w_part_to"]]["days"][1]], "granularity": "days"}


def _week_fn(spec: dict, part: dict | None):
    """Interval function of 上周 / 这一周 / 上周五 / 上周末: the week `offset` weeks from ref, or its days."""
    def fn(ref):
        monday = unit_span(ref + dt.timedelta(days=7 * spec["offset"]), "week")[0]
        if part is None:
            return monday, monday + dt.timedelta(days=6), "week"
        a, b = part["days"]
        return monday + dt.timedelta(days=a), monday + dt.timedelta(days=b), part["granularity"]
    return fn


def _yearless_fn(detail: Callable[[int], Span], kind: str, ctx: Context, future: bool) -> Callable:
    """Interval function of a year-less date (12月26日, 3月底, 圣诞节) given its reading in a year.

    The year is the reference's, with two corrections (`anchoring.yearless_direction`): anchored on
    publication, a date that would fall after publication in a clause without a future cue (将, 预计, 计划)
    is last year's when that reading is nearer to publication ("12月，DeepSeek发布V3" in a March article;
    "距离11月的总统大选不到百日" in August stays this year's); borrowing the previous date's year, a date
    that would fall before that date is next year's when that reading is nearer to it and stays on or before
    publication (the story moves forward: "12月26日和1月20日，DeepSeek接连发布" = December, then January; "平安夜"
    after 12月26日 is a flashback two days back)."""
    if not ctx.rules.get("anchoring", {}).get("yearless_direction"):
        return lambda ref: detail(ref.year)
    pub = ctx.publication

    def fn(ref):
        span = detail(ref.year)
        if kind == "publication" and not future and span[0] > ref:
            earlier = detail(ref.year - 1)  # last year's when that reading is nearer to publication
            if (ref - earlier[1]).days < (span[0] - ref).days:
                return earlier
        prev = ctx.previous
        if kind == "previous" and prev is not None and span[1] < prev.start:
            later = detail(ref.year + 1)  # nearer to the previous date than this year's reading: not a flashback
            if (later[0] - prev.end).days < (prev.start - span[1]).days and (pub is None or later[1] <= pub.end):
                return later
        return span
    return fn


def _planned_ahead(detail: Callable[[int], Span], kind: str, ctx: Context, future: bool) -> str:
    """'publication' instead of 'previous' for a year-less date in a clause with a future cue whose borrowed
    year would put it before publication: a plan lies ahead ("去年8月1日生效……义务将从8月2日起适用" in a July
    article = this August, not last year's; `anchoring.yearless_direction`).  Conversely (session 10b), in a
    sentence without any future cue a borrowed year that would put the date after publication is a plan's year,
    not the story's, when the publication year's reading is nearer to publication: "Meta正筹划于明年春天推出新模型。
    彭博社于12月10日报道" in a 12-12 article = this 12-10 ("定于明年3月举行……1月15日截止" in December keeps next year)."""
    pub = ctx.publication
    if kind != "previous" or pub is None or not ctx.rules.get("anchoring", {}).get("yearless_direction"):
        return kind
    borrowed = detail(ctx.previous.start.year)
    if future:
        return "publication" if borrowed[1] < pub.start else kind
    if borrowed[0] <= pub.end or sentence_tense(normalise(ctx.text), ctx.rules) == "future":
        return kind
    own = detail(pub.start.year)
    return "publication" if own[1] <= pub.end and (pub.start - own[1]).days < (borrowed[0] - pub.end).days else kind


def _calendar_reading(f: dict, ctx: Context, future: bool = False) -> tuple[str, Callable, bool]:
    """(anchor kind, interval function of the reference date, year inferred?) of a calendar expression;
    `future`: its clause carries a future cue (year-less dates then lie ahead, `_planned_ahead`)."""
    rules = ctx.rules
    lex = rules["lexicon"]
    yearless_kind = "previous" if _single_year(ctx.previous) and _borrows_year(ctx) else "publication"
    if "y_abs" in f:
        year = parse_number(f["y_abs"], rules)
        return "absolute", (lambda ref: _year_detail(year, f, rules)), False
    if "y_rel" in f:
        spec = lex["year_relative"][f["y_rel"]]
        kind = "previous" if spec.get("sentence_year") and _sentence_year(ctx) else spec["anchor"]
        return kind, (lambda ref: _year_detail(ref.year + spec["offset"], f, rules)), False
    if "m_abs" in f:
        kind = _planned_ahead(lambda y: _year_detail(y, f, rules), yearless_kind, ctx, future)
        return kind, _yearless_fn(lambda y: _year_detail(y, f, rules), kind, ctx, future), True
    if "m_rel" in f:
        spec = lex["month_relative"][f["m_rel"]]
        return spec["anchor"], _month_fn(spec, f, rules), False
    if "d_rel" in f:
        spec = lex["day_relative"][f["d_rel"]]
        return spec["anchor"], _day_fn(spec, f), False
    if "w_rel" in f:
        spec = lex["week_relative"][f["w_rel"]]
        return spec["anchor"], _week_fn(spec, _week_part(f, lex)), False
    if "q_rel" in f:
        spec = lex["quarter_relative"][f["q_rel"]]
        return spec["anchor"], _quarter_fn(spec), False
    if "festival" in f:
        kind = _planned_ahead(lambda y: festival_day(y, f, rules), yearless_kind, ctx, future)
        return kind, _yearless_fn(lambda y: festival_day(y, f, rules), kind, ctx, future), True
    spec = lex["year_parts"][f["y_part_bare"]]

    def detail(year: int) -> Span:
        return month_span(year, spec["months"][0])[0], month_span(year, spec["months"][1])[1], spec["granularity"]

    kind = _past_year_part(lambda ref: detail(ref.year), ctx)
    # like a year-less month: after publication in a clause without a future cue it is last year's when nearer
    # ("闭源巨头仍于年末强势反超" in a January article = last year's Q4)
    return kind, (_yearless_fn(detail, kind, ctx, future) if kind == "publication" else lambda ref: detail(ref.year)), True


def _past_year_part(fn: Callable, ctx: Context) -> str:
    """'previous' for a bare year part (年底, 上半年) in a past-tense sentence whose publication-year reading
    would fall after publication: a past expectation lies in the story's year ("2019年成立。当时曾预期年底前
    完成融资" = the end of 2019, not of the publication year); else 'publication'."""
    pub, prev = ctx.publication, ctx.previous
    if pub is None or not _single_year(prev) or fn(pub.start)[0] <= pub.end:
        return "publication"
    return "previous" if sentence_tense(ctx.text, ctx.rules) == "past" else "publication"


def _story_day(f: dict, ctx: Context) -> Context:
    """In an article without a publication date, a year-less month and day ("3月11日") told far from the last
    date (`anchoring.yearless_max_sentences`) takes the year of the story's most recent day, not of a flashback
    year or quarter told in between ("2024年2月29日入禀……五天后（3月5日）……2017年底……当时……3月11日" = 2024)."""
    limit = ctx.rules.get("anchoring", {}).get("yearless_max_sentences")
    if (ctx.publication is not None or limit is None or "m_abs" not in f or "d_abs" not in f or "y_abs" in f
            or "y_rel" in f or ctx.previous is None or ctx.previous.sentence < 0
            or ctx.sentence - ctx.previous.sentence <= limit):
        return ctx
    day = next((a for a in reversed(ctx.history) if a.granularity == "day"), None)
    return ctx if day is None else replace(ctx, previous=day)


def resolve_calendar(found: Found, ctx: Context) -> Resolution:
    """Years, months, days, weeks, seasons and year parts, absolute or relative (去年7月, 2022年底, 上周)."""
    f, rules = found.fields, ctx.rules
    conf = rules["confidence"]
    if "w_bare" in f or "d_only" in f:
        return resolve_bare_day(found, ctx)
    ctx = _story_day(f, ctx)
    year = weekday_year(found, ctx)
    if year is not None:  # "8月5日星期二" in an undated article: the year in which that day is a Tuesday
        f = found.fields = {**f, "y_abs": str(year)}
    kind, fn, yearless = _calendar_reading(f, ctx, clause_tense(found, ctx) == "future")
    missing = _missing_anchor(kind, ctx)
    if missing:
        return _unresolved(missing, anchor=kind)
    try:
        probe = fn(None if kind == "absolute" else (ctx.publication if kind == "publication" else ctx.previous).start)
    except ValueError as err:
        return _unresolved(f"invalid date ({err})", anchor=kind)
    base = conf["calendar"].get(probe[2], 0.7) * (conf["yearless_factor"] if yearless else 1.0)
    shape = _calendar_shape(f)
    notes = ["year inferred"] if yearless else [f"year {year} from the weekday"] if year is not None else []
    if f.get("by"):
        notes.append(f"deadline '{f['by']}': dated at the deadline")
    eligible = shape in rules["jionlp"]["shapes"] and year is None and (
        "y_part" not in f or f["y_part"] in rules["jionlp"]["year_parts"])
    return _build(found, ctx, fn, kind, base, f"calendar {shape}", notes, shape if eligible else None)


def weekday_year(found: Found, ctx: Context) -> int | None:
    """In an article without a publication date, a year-less month and day followed by its weekday ("8月5日星期二",
    "7月11日（周五）") lies in the year, nearest to the latest year the article names, in which that day is that
    weekday (`anchoring.weekday_pins_year`); None otherwise."""
    f, spec = found.fields, ctx.rules.get("anchoring", {}).get("weekday_pins_year")
    if ctx.publication is not None or ctx.story_year is None or not spec or "m_abs" not in f or "d_abs" not in f \
            or "y_abs" in f or "y_rel" in f:
        return None
    m = re.match(spec["after"], found.after)
    if m is None:
        return None
    weekday = ctx.rules["lexicon"]["week_parts"][m["wd"]]["days"][0]
    month, day, near = parse_number(f["m_abs"], ctx.rules), parse_number(f["d_abs"], ctx.rules), ctx.story_year
    fits = []
    for year in range(near - spec["years"], near + spec["years"] + 1):
        with contextlib.suppress(ValueError):
            if dt.date(year, month, day).weekday() == weekday:
                fits.append(year)
    return min(fits, key=lambda y: (abs(y - near), y > near)) if fits else None


def story_year(texts: list[str], founds: list[list[Found]] | None = None) -> int | None:
    """The latest calendar year an article names (for an undated article's weekday dates); `founds`: each
    text's find_expressions, when the caller has them already."""
    founds = founds if founds is not None else [find_expressions(t) for t in texts]
    years = [int(fd.fields["y_abs"]) for per_text in founds for fd in per_text
             if fd.rule == "calendar" and str(fd.fields.get("y_abs", "")).isdigit()]
    return max(years) if years else None


def nearest_day_number(day: dt.date, number: int) -> dt.date:
    """The date with this day-of-month number closest to `day` (this, the previous or the next month)."""
    options = []
    for k in (-1, 0, 1):
        first = add_months(day.replace(day=1), k)
        if number <= month_span(first.year, first.month)[1].day:
            options.append(first.replace(day=number))
    return min(options, key=lambda d: (abs((d - day).days), d))


def _bare_day_kind(ctx: Context, weekday: bool) -> str:
    """'previous' when the previous dated expression is close and precise enough to give a bare weekday
    (a day or a week) or a day number (also a month) its week or month; else 'publication'."""
    spec = ctx.rules.get("anchoring", {})
    close = _previous_within(ctx, spec.get("bare_day_max_sentences", 1))
    key = "bare_weekday_anchor_granularities" if weekday else "bare_day_anchor_granularities"
    precise = close and ctx.previous.granularity in spec.get(key, ("day", "days", "week", "month"))
    return "previous" if precise else "publication"


def _month_inside(ctx: Context) -> Context:
    """For a bare day number (20日): when the previous date is coarser than a month (a year) and a month or day
    told just before lies inside it, that one gives the month ("1 月（heading）……2025 年第一个值得注意的模型：20 日
    发布的 DeepSeek R1" = January 20; the year restates the month's year, it does not replace the month)."""
    spec, prev = ctx.rules.get("anchoring", {}), ctx.previous
    grans = spec.get("bare_day_anchor_granularities", ("day", "month"))
    if prev is None or prev.granularity in grans or ctx.publication is None:
        return ctx
    for a in reversed(ctx.history[:-1]):
        if a.sentence >= 0 and ctx.sentence - a.sentence > spec.get("bare_day_max_sentences", 1):
            break
        if a.granularity in grans and prev.start <= a.start and a.end <= prev.end:
            return replace(ctx, previous=a)
    return ctx


def resolve_bare_day(found: Found, ctx: Context) -> Resolution:
    """周一 / 週一（27日） / 周末 / 17日 without week or month: the weekday in the week of the previous dated
    expression (or the day number in its month); anchored on publication, the most recent one on or before it."""
    f, lex = found.fields, ctx.rules["lexicon"]
    number = f.get("w_day") or f.get("d_only")
    ctx = _month_inside(ctx) if f.get("d_only") else ctx
    kind = _bare_day_kind(ctx, weekday=not number)
    pub = ctx.publication
    part = lex["week_parts"].get(f.get("w_day_part", ""))

    def fn(ref):
        if number:
            day = ref.replace(day=int(number))
            if kind == "publication" and day > ref:  # a day number after publication is last month's
                day = add_months(day.replace(day=1), -1).replace(day=int(number))
            return day, day, "day"
        monday = unit_span(ref, "week")[0]
        a, b = (monday + dt.timedelta(days=d) for d in part["days"])
        week = dt.timedelta(days=7)
        if kind == "publication" and b > ref:  # news sense: the most recent such weekday (weekend) over by publication
            a, b = a - week, b - week
        elif kind == "previous" and b < ctx.previous.start and (pub is None or a + week <= pub.end):
            a, b = a + week, b + week  # the story moves forward: "1月25日至26日的周末……到了周一" = the 27th
        return a, b, part["granularity"]

    return _build(found, ctx, fn, kind, ctx.rules["confidence"]["bare_day"], f"calendar {_calendar_shape(f) or 'bare day'}")


def _offset(found: Found, ctx: Context, low: int, high: int, unit: str, direction: str) -> Resolution:
    """N units before publication (两年前) or after the previous anchor / publication (五个月后)."""
    rules = ctx.rules
    sign = -1 if direction == "back" else 1
    kind = "publication" if direction == "back" or ctx.previous is None else "previous"
    if found.fields.get("gap"):  # 时隔三天 counts from the date just told, never from publication
        told = gap_event_date(found, ctx)
        if told is not None:  # "2024年报显示，……时隔两年重回" = 2024: told back from its own sentence's date
            return Resolution(told.start, told.end, told.granularity, "previous", rules["confidence"]["offset"]["exact"],
                              f"interval told back from its sentence's date '{told.label}'", "rule")
        if ctx.previous is None:
            return _unresolved(_missing_anchor("previous", ctx), anchor="previous")
        kind = "previous"
    # 一年前 = the same month a year before (`lexicon.one_unit_finer`); 两年前 = that whole year
    span_unit = rules["lexicon"].get("one_unit_finer", {}).get(unit, unit) if low == high == 1 else unit

    def fn(ref):
        spans = [unit_span(shift(ref, unit, sign * n), span_unit) for n in range(low, high + 1)]
        return min(s for s, _ in spans), max(e for _, e in spans), span_unit if low == high else PLURAL[unit]
    exact = low == high
    base = rules["confidence"]["offset"]["exact" if exact else "few"]
    shape = f"offset:{unit}:{direction}" if exact and span_unit == unit else None
    eligible = shape in rules["jionlp"]["shapes"]
    return _build(found, ctx, fn, kind, base, f"offset {sign * low}..{sign * high} {unit}", (),
                  shape if eligible else None)


def gap_counts_forward(found: Found, norm: str, rules: dict) -> bool:
    """Whether an interval word (时隔三年) counts forward from an earlier date: the text right before it, or the rest
    of its clause, ends with one of `anchoring.gap_counts_after` ("2019年离开后，时隔五年"; "时隔五年重回OpenAI后，……")."""
    words = rules.get("anchoring", {}).get("gap_counts_after", [])
    before = norm[:found.start].rstrip(" \u3000" + rules["events"]["clause_delimiters"])
    _, ce = clause_bounds(norm, found.start, found.end, rules)
    rest = norm[found.end:ce].rstrip(" \u3000。")
    return any(before.endswith(w) for w in words) or any(rest.endswith(w) for w in words)


def gap_event_date(found: Found, ctx: Context) -> Anchor | None:
    """The date an interval word is told back from: the latest date told earlier in its own sentence ("2024年报显示，
    ……时隔两年重回双位数增长" = 2024), unless it counts forward (`gap_counts_forward`); None otherwise."""
    if not found.fields.get("gap") or gap_counts_forward(found, normalise(ctx.text), ctx.rules):
        return None
    return next((a for a in reversed(ctx.history)
                 if a.sentence == ctx.sentence and 0 <= a.end_offset <= found.start), None)


def gap_restated(items: list[tuple[Found, Resolution]], text: str, rules: dict) -> list[tuple[Found, Resolution]]:
    """An interval word whose own sentence tells its event's date after it takes that date ("时隔三天，上周六（26日），
    李强提议" = the 26th; "时隔三年后，这家公司昨天再次开源" = 昨天), unless it counts forward (`gap_counts_forward`)."""
    out, norm = list(items), normalise(text)
    for i, (f, r) in enumerate(out):
        if not f.fields.get("gap") or r.reason.startswith("interval told back") or gap_counts_forward(f, norm, rules):
            continue
        later = next(((fb, rb) for fb, rb in out[i + 1:] if rb.resolved and not fb.fields.get("gap")
                      and not span_opening_at(norm, fb.start, fb.end, rules)), None)
        if later is not None:
            out[i] = (f, replace(later[1], anchor="previous",
                                 reason=f"interval told back from its sentence's date '{later[0].text}'; was {r.reason}"))
    return out


def resolve_offset(found: Found, ctx: Context) -> Resolution:
    """"两年前", "几年前", "五个月后", "七至十个月前": a count (or a range of counts) of units before/after the anchor."""
    lex = ctx.rules["lexicon"]
    f = found.fields
    low, high = number_range(f["n"], ctx.rules)
    if f.get("n_lo"):  # "七至十个月前": every count from the first to the second
        low, high = sorted((number_range(f["n_lo"], ctx.rules)[0], high))
    return _offset(found, ctx, low, high, lex["units"][f["unit"]], lex["directions"][f["dir"]])


def _approx_count(f: dict, rules: dict) -> tuple[int, int, str] | None:
    """(count, upper count, unit) of 一年多 / 一个多月 / 半年 / 半个多月 / 十多天: 半 is half the unit in a smaller
    one (`lexicon.half_units`); 多 ("more than") after the unit adds one unit (一年多: 1..2 years; 半个多月:
    15..30 days, half a unit), after a round number up to ten (十多天: 10..20 days).  None when half of the
    unit is not defined."""
    lex = rules["lexicon"]
    unit = "month" if f.get("more_unit") else lex["units"][f["unit"]]
    more = bool(f.get("more_unit") or f.get("more"))
    if f["n"] == "半":
        half = lex["half_units"].get(unit)
        return None if half is None else (half[0], 2 * half[0] if more else half[0], half[1])
    n = parse_number(f["n"], rules)
    if n is None or n < 1:
        return None
    upper = n + 10 if f.get("more_n") and n % 10 == 0 else n + 1 if more or f.get("more_n") else n
    return n, upper, unit


def resolve_offset_approx(found: Found, ctx: Context) -> Resolution:
    """"半年后" (six months), "一个多月前" / "一年多以前" (more than N units): 半 as its half-unit count; 多
    as the stated-width interval from N to N+1 units (half a unit more for 半…多) before publication or
    after the previous anchor, at lower confidence."""
    rules = ctx.rules
    got = _approx_count(found.fields, rules)
    if got is None:
        return _unresolved("generic: duration (half of this unit is not a date)")
    n, upper, unit = got
    # "才过去了两年": the time elapsed since the event, which lies that far before publication
    direction = "back" if found.fields.get("elapsed") else rules["lexicon"]["directions"][found.fields["dir"]]
    if upper == n:
        return _offset(found, ctx, n, n, unit, direction)
    sign = -1 if direction == "back" else 1
    kind = "publication" if direction == "back" or ctx.previous is None else "previous"

    def fn(ref):
        a, b = sorted((shift(ref, unit, sign * n), shift(ref, unit, sign * upper)))
        return a, b, PLURAL[unit]
    return _build(found, ctx, fn, kind, rules["confidence"]["offset_more"],
                  f"offset {sign * n}..{sign * upper} {unit} (多: more than {n})")


def resolve_offset_event(found: Found, ctx: Context) -> Resolution:
    """"发布后短短几天" / "刊登后第二十日" / "发布后4小时": N units after the event just told (the previous
    anchor; publication when nothing is dated before); hours and minutes stay on the event's day.
    "发布前六天": N units before it (counted back from the same date); "发布几天内": within N units after it
    (from the next unit to the last)."""
    f, rules = found.fields, ctx.rules
    if f.get("hours"):
        return _offset(found, ctx, 0, 0, "day", "forward")
    low, high = number_range(f["n"], rules)
    if f.get("before"):
        low, high = -high, -low
    res = _offset(found, ctx, 1 if f.get("within") else low, high, rules["lexicon"]["units"][f["unit"]], "forward")
    return _within_told(res, ctx) if f.get("within") else res


def _within_told(res: Resolution, ctx: Context) -> Resolution:
    """A span within N units after an event ends at publication when it would run past it: what "M2发布几天内就
    冲上了前列" tells had happened by the time of writing.  Counted from a date coarser than its unit (a week for
    几天内) it is left unresolved: within days of an unknown day is no date."""
    pub, prev = ctx.publication, ctx.previous
    allowed = ctx.rules.get("anchoring", {}).get("anaphor_precision", {}).get(res.granularity.rstrip("s"))
    if res.resolved and res.anchor == "previous" and allowed and prev is not None and prev.granularity not in allowed:
        return _unresolved(f"within: the date told before ('{prev.label}') is coarser than a {res.granularity.rstrip('s')}",
                           anchor="previous")
    if not res.resolved or pub is None or res.end <= pub.end or res.start > pub.end:
        return res
    return replace(res, end=pub.end, reason=res.reason + "; within: ends at publication")


def _duration(found: Found, rules: dict) -> Resolution | None:
    """Unresolved "generic: duration" when a span pattern is followed by 的时间/之久 (a duration, not a
    date), else None."""
    if any(found.after.startswith(w) for w in rules["duration_followers"]):
        return _unresolved(f"generic: duration ({rules['generic']['duration']['gloss']})")
    return None


def span_count(f: dict, rules: dict) -> tuple[int, int, str]:
    """(low, high, unit) of the count in a span: 两年 (2, 2), 几年 (2, 5), 两年多 (2, 3: 多 after the unit adds
    one), 十多年 (10, 20: 多 after a round number adds up to ten), 半年 (6, 6 months), 半年多 (6, 7 months)."""
    unit = rules["lexicon"]["units"][f["unit"]]
    if f["n"] == "半":
        half, unit = rules["lexicon"]["half_units"][unit]
        return half, half + (1 if f.get("more") else 0), unit
    low, high = number_range(f["n"], rules)
    if f.get("more_n") and high % 10 == 0:
        high += 10
    elif f.get("more") or f.get("more_n"):
        high += 1
    return low, high, unit


def resolve_recent_span(found: Found, ctx: Context) -> Resolution:
    """"近两年", "过去几年", "两年来", "两年多来", "十年间": from N units before publication up to publication."""
    rules = ctx.rules
    if (duration := _duration(found, rules)) is not None:
        return duration
    f = found.fields
    low, high, unit = span_count(f, rules)
    base = rules["confidence"]["recent_span"]["exact" if low == high else "few"]

    def fn(ref):
        back = shift(ref, unit, -high)
        start = dt.date(back.year, 1, 1) if unit == "year" else unit_span(back, unit)[0]
        return start, ref, PLURAL[unit]
    return _build(found, ctx, fn, "publication", base, f"recent span {high} {unit}")


def resolve_after_previous(found: Found, ctx: Context) -> Resolution:
    """"此后两年": the N units following the previous anchor."""
    rules = ctx.rules
    if (duration := _duration(found, rules)) is not None:
        return duration
    f = found.fields
    _, high, unit = span_count(f, rules)
    prev = ctx.previous

    def fn(ref):
        return prev.end + dt.timedelta(days=1), shift(prev.end, unit, high), PLURAL[unit]
    missing = _missing_anchor("previous", ctx)
    if missing:
        return _unresolved(missing, anchor="previous")
    s, e, g = fn(None)
    return Resolution(s, e, g, "previous", rules["confidence"]["after_previous"],
                      f"after previous {high} {unit}; {_anchor_note('previous', ctx)}", "rule")


def resolve_future_span(found: Found, ctx: Context) -> Resolution:
    """"未来几个月内", "今后两年内" (C5): from the reference to the end of the unit N ahead (几 = 5)."""
    rules = ctx.rules
    _, high, unit = span_count(found.fields, rules)

    def fn(ref):
        return ref, unit_span(shift(ref, unit, high), unit)[1], PLURAL[unit]
    return _build(found, ctx, fn, "publication", rules["confidence"]["future_span"], f"future span {high} {unit}")


def resolve_year_range(found: Found, ctx: Context) -> Resolution:
    """"2015-2020年", "2023至2024年": Jan 1 of the first year .. Dec 31 of the second."""
    a, b = int(found.fields["y_from"]), int(found.fields["y_to"])
    if a > b:
        return _unresolved(f"range ends before it starts ({a} > {b})")
    return Resolution(dt.date(a, 1, 1), dt.date(b, 12, 31), "years", "absolute",
                      ctx.rules["confidence"]["calendar"]["year"], f"year range {a}..{b}; absolute")


def _fiscal_aliases(table: dict) -> tuple[re.Pattern | None, dict]:
    """One regex over every company alias of `lexicon.fiscal_years` of the rules in use (longest first), and
    alias -> company (built only when a fiscal expression was found; `re` caches the compiled pattern)."""
    names = {alias.lower(): company for company, spec in table.items() for alias in spec["aliases"]}
    if not names:
        return None, {}
    return re.compile(_alternation(sorted(names)), re.IGNORECASE), names


def fiscal_company(found: Found, ctx: Context) -> str | None:
    """The company whose fiscal year an expression names: the nearest alias before it in its sentence, else the
    first after it, else the last one of the latest earlier sentence that names one."""
    rx, names = _fiscal_aliases(ctx.rules["lexicon"].get("fiscal_years", {}))
    if rx is None:
        return None
    norm = normalise(ctx.text)
    before = [m[0] for m in rx.finditer(norm[:found.start])]
    after = [m[0] for m in rx.finditer(norm, found.end)]
    if before or after:
        return names[(before[-1] if before else after[0]).lower()]
    for _, text in reversed(ctx.told):
        told = [m[0] for m in rx.finditer(normalise(text))]
        if told:
            return names[told[-1].lower()]
    return None


def fiscal_span(fy: int, first: int, f: dict, rules: dict) -> tuple[dt.date, dt.date, str]:
    """The months of fiscal year fy (starting in month `first`, of the year before unless January), or of its
    quarter (fq) or half (fh)."""
    begin = dt.date(fy if first == 1 else fy - 1, first, 1)
    if f.get("fq"):
        offset, months, gran = 3 * (parse_number(f["fq"], rules) - 1), 3, "quarter"
    elif f.get("fh"):
        offset, months, gran = (0 if f["fh"] == "上" else 6), 6, "months"
    else:
        offset, months, gran = 0, 12, "year"
    start = add_months(begin, offset)
    return start, add_months(start, months) - dt.timedelta(days=1), gran


def nearest_fiscal_year(first: int, f: dict, ctx: Context) -> int:
    """For a quarter told without its year ("第2季财报"): the fiscal year whose quarter lies nearest publication."""
    pub = ctx.publication.start

    def distance(fy: int) -> int:
        start, end, _ = fiscal_span(fy, first, f, ctx.rules)
        return 0 if start <= pub <= end else min(abs((start - pub).days), abs((end - pub).days))
    return min(range(pub.year - 1, pub.year + 3), key=distance)


def results_quarter(found: Found, ctx: Context) -> bool:
    """A bare "第3季" (季 without 度 or 财, no year) on a results page of a company with no fiscal table: the calendar
    quarter, when the sentence or an earlier one holds a results word (`lexicon.calendar_quarter.cues`: 营收, 财报,
    毛利, EPS …; "日月光第3季净利季增45%").  A season of a series ("这部剧的第二季") has none."""
    spec = ctx.rules["lexicon"].get("calendar_quarter", {})
    if "fy" in found.fields or not found.fields.get("fq") or any(w in found.text for w in spec.get("fiscal_words", [])):
        return False
    rx = memo.call(_results_cues, "", ctx.rules)
    return rx is not None and (bool(rx.search(ctx.text)) or any(rx.search(text) for _, text in ctx.told))


def _results_cues(_: str, rules: dict) -> re.Pattern | None:
    """The results words of `lexicon.calendar_quarter.cues` as one regex, compiled once per rules."""
    cues = rules["lexicon"].get("calendar_quarter", {}).get("cues", [])
    return re.compile(_alternation(sorted(cues)), re.IGNORECASE) if cues else None


def calendar_quarter(found: Found, ctx: Context) -> Resolution:
    """A results page's bare quarter read in calendar months: the latest such quarter begun by publication
    ("第二季" in November = this year's; "第4季" in October = the current one; next year's is written 明年第1季)."""
    if ctx.publication is None:
        return _unresolved(_missing_anchor("publication", ctx) or "no publication date", anchor="publication")
    pub = ctx.publication.start
    start, end, gran = fiscal_span(pub.year, 1, found.fields, ctx.rules)
    if start > pub:
        start, end, gran = fiscal_span(pub.year - 1, 1, found.fields, ctx.rules)
    return Resolution(start, end, gran, "publication", ctx.rules["confidence"]["calendar"]["quarter"],
                      f"calendar quarter of {start.year}, the latest begun by publication (results page, no fiscal calendar)")


def resolve_fiscal(found: Found, ctx: Context) -> Resolution:
    """"2026财年第二季度": the months of that quarter (half, year) of the company's fiscal year (`lexicon.fiscal_years`);
    "第2季" without a year: that quarter nearest publication."""
    company = fiscal_company(found, ctx)
    if company is None and results_quarter(found, ctx):
        return calendar_quarter(found, ctx)
    if company is None:
        return _unresolved("fiscal year of a company with no known fiscal calendar (lexicon.fiscal_years)")
    first, f = ctx.rules["lexicon"]["fiscal_years"][company]["first_month"], found.fields
    if "fy" not in f and ctx.publication is None:
        return _unresolved(_missing_anchor("publication", ctx) or "no publication date", anchor="publication")
    fy = int(f["fy"]) if "fy" in f else nearest_fiscal_year(first, f, ctx)
    start, end, gran = fiscal_span(fy, first, f, ctx.rules)
    kind = "absolute" if "fy" in f else "publication"
    return Resolution(start, end, gran, kind, ctx.rules["confidence"]["calendar"]["quarter"],
                      f"fiscal {fy} of {company} (starts in month {first}); {kind}")


def resolve_century(found: Found, ctx: Context) -> Resolution:
    """"20世纪末", "21世纪初", "上世纪90年代", "90年代": centuries, their parts and decades."""
    f, rules = found.fields, ctx.rules
    conf = rules["confidence"]["century"]
    parts = rules["lexicon"]["century_parts"]

    def detail(base_year: int) -> Span:
        if "c_dec" in f:
            d = base_year + parse_number(f["c_dec"], rules)
            return dt.date(d, 1, 1), dt.date(d + 9, 12, 31), "decade"
        if "c_part" in f:
            a, b = parts[f["c_part"]]["years"]
            return dt.date(base_year + a, 1, 1), dt.date(base_year + b, 12, 31), "era"
        return dt.date(base_year, 1, 1), dt.date(base_year + 99, 12, 31), "era"

    def conf_for(span: Span) -> float:
        return conf["decade"] if span[2] == "decade" else conf["part" if "c_part" in f else "century"]

    if "c" in f:
        century = parse_number(f["c"], rules)
        fn, kind = (lambda ref: detail((century - 1) * 100)), "absolute"
    elif "c_prev" in f:
        fn, kind = (lambda ref: detail((ref.year // 100 - 1) * 100)), "publication"
    elif "dec_full" in f:
        d = int(f["dec_full"])
        fn, kind = (lambda ref: (dt.date(d, 1, 1), dt.date(d + 9, 12, 31), "decade")), "absolute"
    else:
        digits = parse_number(f["dec"], rules)

        def fn(ref):
            d = ref.year // 100 * 100 + digits
            d = d - 100 if d > ref.year else d
            return dt.date(d, 1, 1), dt.date(d + 9, 12, 31), "decade"
        kind = "publication"
    missing = _missing_anchor(kind, ctx)
    if missing:
        return _unresolved(missing, anchor=kind)
    probe = fn(None if kind == "absolute" else ctx.publication.start)
    return _build(found, ctx, fn, kind, conf_for(probe), "century")


def _delta(day: dt.date, spec: dict | None, sign: int) -> dt.date:
    """Move a date by a {months: n} / {days: n} spec from the YAML."""
    spec = spec or {}
    day = add_months(day, sign * spec.get("months", 0))
    return day + dt.timedelta(days=sign * spec.get("days", 0))


def _told_last(found: Found, ctx: Context) -> bool:
    """Whether the anchor an anaphor took is the date told last before it (its own word's earlier readings aside):
    "公布第二季度财报，当季资本开支……" is; a 当季 paragraphs later, after "9月16日" and "本周", is not."""
    told = [a for a in ctx.history if a.label != found.text]
    return not told or told[-1] is ctx.previous


def resolve_fuzzy(found: Found, ctx: Context) -> Resolution:
    """Fixed fuzzy words (最近, 近年来, 世纪之交, 当时, 自那时以来, ...) by the rule named in the YAML."""
    rules = ctx.rules
    spec = rules["fuzzy"][found.fields["word"]]
    rule, gran, conf = spec["rule"], spec.get("granularity", ""), spec.get("confidence", 0.5)
    note = f"fuzzy '{found.fields['word']}' ({spec['gloss']}): {rule}"
    if rule == "offset":
        low, high = rules["numerals"]["few"]["range"] if spec["n"] == "few" else (spec["n"], spec["n"])
        return _offset(found, ctx, low, high, spec["unit"], spec["direction"])
    if rule == "same_as_previous":
        missing = _missing_anchor("previous", ctx)
        if missing:
            return _unresolved(missing, anchor="previous")
        prev = ctx.previous
        if spec.get("told_last") and not _told_last(found, ctx):
            return _unresolved(f"{note}: the {prev.granularity} it refers to is not the date told last", anchor="previous")
        return Resolution(prev.start, prev.end, prev.granularity, "previous", conf,
                          f"{note}; {_anchor_note('previous', ctx)}", "rule")
    if rule == "since_previous":
        missing = _missing_anchor("previous", ctx) or _missing_anchor("publication", ctx)
        if missing:
            return _unresolved(missing, anchor="previous")
        prev, pub = ctx.previous, ctx.publication
        notes = [note, _anchor_note("previous", ctx), "until " + pub.label]
        if pub.start != pub.end:
            conf *= widen_factor((prev.start, pub.start), (prev.start, pub.end), rules)
            notes.append(f"widened: anchor has {pub.granularity} precision")
        return Resolution(prev.start, pub.end, span_granularity(prev.start, pub.end, rules), "previous",
                          round(conf, 3), "; ".join(notes), "rule")
    if rule == "window" and future_window(found, ctx, spec):  # "将于近日推出" = the coming days
        spec, note = {**spec, "back": None, "forward": spec["future"]["forward"]}, note + "; future cue: ahead"
    fns = {
        "window": lambda ref: (_delta(ref, spec.get("back"), -1), _delta(ref, spec.get("forward"), 1), gran),
        "year_to_date": lambda ref: (dt.date(ref.year, 1, 1), ref, gran),
        "month_to_date": lambda ref: (ref.replace(day=1), ref, gran),
        "recent_years": lambda ref: (dt.date(ref.year - spec["years"], 1, 1), ref, gran),
        "publication_day": lambda ref: (ref, ref, "day"),
        "century_turn": lambda ref: (dt.date(ref.year // 100 * 100 - spec["half_width_years"], 1, 1),
                                     dt.date(ref.year // 100 * 100 + spec["half_width_years"], 12, 31), gran),
    }
    return _build(found, ctx, fns[rule], "publication", conf, note)


@functools.lru_cache(maxsize=None)
def _future_cues(word: str, path: str | None = None) -> tuple[re.Pattern, re.Pattern] | None:
    """The compiled (before, after) future-cue regexes of a fuzzy window word (`fuzzy.<word>.future_cue`), or None."""
    cue = load_rules(path)["fuzzy"].get(word, {}).get("future_cue")
    return (re.compile(cue["before"]), re.compile(cue["after"])) if cue else None


def future_window(found: Found, ctx: Context, spec: dict) -> bool:
    """Whether a window word stands right after or before a future cue (`fuzzy.<word>.future_cue`: "将于近日推出")."""
    cues = _future_cues(found.fields.get("word", "")) if spec.get("future") else None
    if cues is None:
        return False
    norm = normalise(ctx.text)
    return bool(cues[0].search(norm[max(0, found.start - 4):found.start]) or cues[1].search(norm[found.end:found.end + 2]))


def resolve_generic(found: Found, ctx: Context) -> Resolution:
    """Words that date nothing (现在, 目前, 每年, 未来...): kept, unresolved, with the category as reason."""
    category, _ = _generic_words(ctx.rules)[found.fields["word"]]
    return _unresolved(f"generic: {category} ({ctx.rules['generic'][category]['gloss']})")


RESOLVERS = {"calendar": resolve_calendar, "offset": resolve_offset, "offset_approx": resolve_offset_approx,
             "offset_event": resolve_offset_event, "recent_span": resolve_recent_span,
             "after_previous": resolve_after_previous, "century": resolve_century, "fuzzy": resolve_fuzzy,
             "year_range": resolve_year_range, "future_span": resolve_future_span,
             "generic": resolve_generic, "fiscal": resolve_fiscal}


def anaphor_precision(found: Found, rules: dict) -> str | None:
    """The precision class an anaphoric expression needs of the date it refers back to (None: any).

    同一天/当天/次日 need a day, 同月/次月 a month or finer, 三天后 the unit it counts in, 当时 anything finer
    than a bare year (`anchoring.anaphor_precision` in time_rules.yaml)."""
    f, lex = found.fields, rules["lexicon"]
    if found.rule == "calendar" and "d_rel" in f and lex["day_relative"][f["d_rel"]]["anchor"] == "previous":
        return "day"
    if found.rule == "calendar" and "m_rel" in f and lex["month_relative"][f["m_rel"]]["anchor"] == "previous":
        return "month"
    if found.rule == "calendar" and "w_rel" in f and lex["week_relative"][f["w_rel"]]["anchor"] == "previous":
        return "week"
    if found.rule in ("offset", "offset_approx") and lex["directions"].get(f.get("dir", "")) == "forward":
        unit = lex["units"].get(f.get("unit", ""))
        if f.get("n") == "半" and unit in lex["half_units"]:  # 半年后 counts in months
            unit = lex["half_units"][unit][1]
        return "month" if f.get("more_unit") else unit
    if found.rule == "offset_event":
        return "day" if f.get("hours") else lex["units"].get(f.get("unit", ""))
    if found.rule == "fuzzy" and rules["fuzzy"][f["word"]]["rule"] == "same_as_previous":
        return rules["fuzzy"][f["word"]].get("precision", "finer_than_year")
    return None


def named_event(found: Found, ctx: Context) -> str:
    """The event a day anaphor names right before it ("在议会表决当日" = 表决, "发布当天" = 发布): two Han
    characters, a linking 的 skipped (`anchoring.named_event_days`); '' when it names none."""
    spec = ctx.rules.get("anchoring", {})
    if found.rule == "offset_event" and found.norm[:2] in spec.get("event_counts_named", []):
        return found.norm[:2]  # "就职后的几小时内" counts from the date told with 就职 (session 11)
    if found.rule != "calendar" or found.fields.get("d_rel") not in spec.get("named_event_days", []):
        return ""
    before = normalise(ctx.text)[:found.start].removesuffix("的")
    return before[-2:] if re.fullmatch(f"[{HAN}]{{2}}", before[-2:]) else ""


def named_party(found: Found, ctx: Context) -> str:
    """The party an "originally" word is about (`fuzzy.<word>.refers: named_party`): a Latin name right after or
    before it ("當初OSI提出" = OSI), else the Han name that opens its clause ("李彦宏当初的判断" = 李彦宏; a longer
    stretch gives its last three characters); '' for a pronoun (`anchoring.party_pronouns`: 我们当初) or none."""
    spec = ctx.rules["fuzzy"].get(found.fields.get("word", ""), {})
    if spec.get("refers") != "named_party":
        return ""
    text = normalise(ctx.text)
    latin = re.match(r"\s*([A-Za-z][A-Za-z0-9.\-]+)", text[found.end:]) or re.search(r"([A-Za-z][A-Za-z0-9.\-]+)\s*$",
                                                                                      text[:found.start])
    if latin:
        return latin[1]
    cs, _ = clause_bounds(text, found.start, found.end, ctx.rules)
    han = re.search(f"[{HAN}]{{2,}}$", text[cs:found.start])
    name = "" if han is None else han[0] if len(han[0]) <= 4 else han[0][-3:]
    return "" if name in ctx.rules.get("anchoring", {}).get("party_pronouns", []) else name


def party_date(found: Found, ctx: Context, history: list[Anchor]) -> Anchor | None:
    """当初 ("originally") about a named party refers to the earliest date the story was at in a sentence naming that
    party: its own date, or the date told last before it ("2024年4月16日，深圳，百度开发者大会。李彦宏在台上说……
    李彦宏当初的判断" = 04-16; "OSI成立于1998年……去年7月，OSI开始起草……當初OSI提出定义时" = 1998); None when it
    names no party or the party is never told at a date."""
    name = named_party(found, ctx)
    if not name:
        return None
    at = []
    for sid, text in ctx.told:
        if name in text:
            in_force = [a for a in history if a.sentence <= sid]
            at += in_force[-1:] + [a for a in in_force if a.sentence == sid]
    return min(at, key=lambda a: (a.start, a.end)) if at else None


@functools.lru_cache(maxsize=4)
def _release_name(path: str | None = None) -> tuple[re.Pattern | None, int]:
    """The compiled shape of a release name before an event verb (`anchoring.release_name`) and its minimum length."""
    spec = load_rules(path).get("anchoring", {}).get("release_name") or {}
    return (re.compile(spec["regex"]) if spec.get("regex") else None), int(spec.get("min_length", 1))


def subject_date(found: Found, ctx: Context, history: list[Anchor]) -> Anchor | None:
    """A count after a named release ("Baichuan-13B发布一周后") counts from the most recent date told in an earlier
    sentence naming it (the Latin name right before the event verb), not from the date told last ("7月11日，
    Baichuan-13B登场……9月6日，Baichuan 2开源……Baichuan-13B发布一周后" = the week after 07-11); None otherwise."""
    if found.rule != "offset_event" or found.fields.get("before"):
        return None
    rx, min_length = _release_name()
    name = rx.search(normalise(ctx.text)[:found.start]) if rx is not None else None
    if name is None or len(name[1]) < min_length:
        return None
    return next((a for a in reversed(history) if a.sentence != ctx.sentence and name[1] in a.sentence_text), None)


def background(anchor: Anchor, rules: dict) -> bool:
    """Whether a date was told as background, in a comparison ("这是仅次于2014年收购WhatsApp的交易"), not as the
    story's time (`anchoring.background_cues`)."""
    return any(cue in anchor.clause for cue in rules.get("anchoring", {}).get("background_cues", []))


def _told_just_before(anchor: Anchor, ctx: Context) -> bool:
    """A coarser date told earlier in the anaphor's own sentence as the story's time (not background, not a
    noun's attribute "今年2月面世的LLaMA"): "2023年11月开源了Yi-34B，四天后又放出200K版本" counts from November."""
    rx = ctx.rules.get("anchoring", {}).get("attributive_date")
    return (anchor.sentence == ctx.sentence and not background(anchor, ctx.rules)
            and not (rx and re.match(rx, anchor.sentence_text[anchor.end_offset:])))


def referents(found: Found, ctx: Context) -> list[Anchor]:
    """Earlier dates an anaphor may refer back to, best first: a date earlier in its own clause
    ("2013年加入当时的Facebook"); else the date of the event it names ("议会于3月13日表决……在议会表决当日" =
    3月13日); else the most recent anchor precise enough for it (同一天 skips a month or a bare year named
    in between); then every other earlier anchor, most recent first.  A repeated anaphor refers where the
    first one did ("仅仅三天后……三天后的转向" = the same day): it never counts from its own earlier reading."""
    if ctx.previous is None:
        return []
    history = [a for a in ctx.history if a.label != found.text] or list(ctx.history)
    need = anaphor_precision(found, ctx.rules)
    allowed = ctx.rules.get("anchoring", {}).get("anaphor_precision", {}).get(need) if need else None
    first = history[-1] if history else ctx.previous
    same_clause = first.sentence == ctx.sentence and 0 <= first.end_offset <= found.start and not any(
        ch in ctx.rules["events"]["clause_delimiters"] for ch in normalise(ctx.text)[first.end_offset:found.start])
    event = "" if same_clause else named_event(found, ctx)
    told = None if same_clause else subject_date(found, ctx, history)
    told = told or next((a for a in reversed(history) if event and event in a.clause), None)
    told = told if told is not None or same_clause else party_date(found, ctx, history)
    if told is not None:
        first = told
    elif allowed and not same_clause and first.granularity not in allowed and (
            need != "finer_than_year" or background(first, ctx.rules)) and not _told_just_before(first, ctx):
        first = next((a for a in reversed(history) if a.granularity in allowed), first)
    return [first] + [a for a in reversed(history) if a is not first and (not allowed or a.granularity in allowed)]


def clause_tense(found: Found, ctx: Context) -> str:
    """The tense cue of the clause an expression stands in (`sentence_tense` of that clause): in "《人工智能法》
    已于去年8月1日生效，针对通用模型的义务将从8月2日起适用" the second clause is future, the first past."""
    text = normalise(ctx.text)
    cs, ce = clause_bounds(text, found.start, found.end, ctx.rules)
    return sentence_tense(text[cs:ce], ctx.rules)


def sentence_tense(text: str, rules: dict) -> str:
    """'past' when the sentence carries a past cue (曾, 已经, 早在 ...; 当时曾预期 is a past expectation),
    'future' for a future cue (将, 预计, 计划 ...), else '' (`anchoring.tense_cues`; past wins)."""
    cues = rules.get("anchoring", {}).get("tense_cues", {})
    if any(c in text for c in cues.get("past", [])):
        return "past"
    return "future" if any(c in text for c in cues.get("future", [])) else ""


def counts_forward(found: Found, rules: dict) -> bool:
    """Whether the expression counts forward from the story's date (三天后, 约半年后, 此后两年, 发布后4小时)."""
    if found.rule == "offset_event" or found.rule == "after_previous":
        return True
    return found.rule in ("offset", "offset_approx") and rules["lexicon"]["directions"].get(found.fields.get("dir", "")) == "forward"


def untensed_by_publication(found: Found, rules: dict) -> bool:
    """Whether an anaphor in a sentence without a tense cue must stay on or before publication
    (`anchoring.untensed_by_publication`: "counts" = counts forward only, "anaphors" = every anaphor)."""
    mode = rules.get("anchoring", {}).get("untensed_by_publication", "")
    return mode == "anaphors" or (mode == "counts" and counts_forward(found, rules))


def fits_tense(res: Resolution, ctx: Context, found: Found | None = None) -> bool:
    """A statement marked as past (曾, 已经) cannot be dated after publication: "他当时曾预期次年……"
    does not land at a date named for next year.  Nor can a count forward from the story's date (约半年后,
    三天后) in a sentence without a future cue: news tells what happened ("今年1月15日被列入黑名单……约半年后
    就交出这样的成果" is not counted from a date named after January)."""
    if not res.resolved or ctx.publication is None:
        return True
    tense = sentence_tense(ctx.text, ctx.rules)
    if tense == "past" or (tense == "" and found is not None and untensed_by_publication(found, ctx.rules)):
        return res.start <= ctx.publication.end
    return True


def resolve(found: Found, ctx: Context) -> Resolution:
    """Resolve one found expression with the rule its pattern names.

    An anaphor is resolved against the best earlier date (`referents`); when that reading breaks the
    sentence's tense (`fits_tense`), the next earlier date that keeps it is taken.

    Article text is untrusted: an expression that names an impossible or out-of-range date
    ("0世纪", "第99999年", "2024年13月") becomes an unresolved expression with the reason, never an
    exception that would stop the article (and the run)."""
    try:
        candidates = referents(found, ctx) or [None]
        first = None
        for anchor in candidates:
            res = RESOLVERS[found.rule](found, ctx if anchor is None else replace(ctx, previous=anchor))
            if res.anchor != "previous" or fits_tense(res, ctx, found):
                return res if first is None else replace(res, reason=res.reason + "; tense: later readings "
                                                          "fell after publication in a past-tense sentence")
            first = first or res
        return first
    except (ValueError, OverflowError, KeyError, TypeError, ZeroDivisionError) as err:
        return _unresolved(f"impossible date: {type(err).__name__}: {err}")


def is_flashback(found: Found, res: Resolution, rules: dict) -> bool:
    """A day counted back from the story's date (前一天, 前一日) is a flashback: the story's time stays
    where it was ("周一……前一日（26日）安德森发文……当晚奥特曼" = Monday evening, not Sunday's)."""
    word = found.fields.get("d_rel")
    if res.anchor == "previous" and found.rule == "offset_event" and found.fields.get("before"):
        return True  # "在Arctic发布前六天登场" looks back from the release told last
    return (res.anchor == "previous" and found.rule == "calendar" and word is not None
            and rules["lexicon"]["day_relative"][word]["offset"] < 0)


def opens_span(found: Found, text: str, rules: dict) -> bool:
    """A date that opens a span ("从2023年8月起就相继开源", "自2019年以来", "2024年以来") is background, not the
    story's date: later anaphors (此时, 当天) and year-less dates do not refer to it (`anchoring.span_opening`)."""
    return _opens(normalise(text[:found.start]), found.after, rules)


def span_opening_at(norm: str, start: int, end: int, rules: dict) -> bool:
    """opens_span for the expression at [start, end) of a normalised sentence (the events' view)."""
    return _opens(norm[:start], norm[end:end + 16], rules)


def _opens(before: str, after: str, rules: dict) -> bool:
    spec = rules.get("anchoring", {}).get("span_opening", {})
    before = before.rstrip(" 于")
    if any(after.startswith(w) for w in spec.get("after_alone", [])):
        return True
    if not any(before.endswith(w) for w in spec.get("before", [])):
        return False
    if any(after.startswith(w) for w in spec.get("after", [])):
        return True
    if not spec.get("between"):
        return False
    # 自2019年GPT-2以来: a thing of that date between it and 以来
    return bool(_span_close_regex(spec["between"], tuple(spec.get("after", []))).match(after))


@functools.lru_cache(maxsize=None)
def _span_close_regex(between: str, after: tuple[str, ...]) -> re.Pattern:
    """`anchoring.span_opening.between` followed by an `after` word (以来, 起, 开始), compiled once per rules."""
    return re.compile(between + "(?:" + "|".join(map(re.escape, after)) + ")")


def is_role(found: Found, rules: dict) -> bool:
    """时任 ("then-serving") names a role, not a time of the story (`fuzzy.<word>.role`)."""
    return found.rule == "fuzzy" and bool(rules["fuzzy"].get(found.fields.get("word", ""), {}).get("role"))


def moves_story(found: Found, res: Resolution, text: str, rules: dict) -> bool:
    """Whether a resolved expression becomes the story's time that later anaphors refer to: not a flashback (前一日),
    a span's opening (从2023年8月起), a deadline (到2026年8月2日) or a role (时任)."""
    return not (is_flashback(found, res, rules) or opens_span(found, text, rules) or is_deadline(found, rules)
                or is_role(found, rules))


def role_dates(items: list[tuple[Found, Resolution]], publication: Anchor | None, rules: dict
               ) -> list[tuple[Found, Resolution]]:
    """A role word (时任) takes the date its own sentence tells after it, the person's own date ("时任联合创始人的张三
    曾在 2023 年公开反对" = 2023), when that date is a calendar date on or before publication."""
    out = list(items)
    for i, (found, res) in enumerate(out):
        if not is_role(found, rules):
            continue
        later = next((r for f, r in out[i + 1:] if f.rule == "calendar" and r.resolved and r.anchor != "generic"
                      and (publication is None or r.start <= publication.end)), None)
        if later is not None:
            out[i] = (found, replace(later, reason=f"role: the date its sentence tells after it; {later.reason}"))
    return out


def is_deadline(found: Found, rules: dict) -> bool:
    """A date introduced as a deadline or target ("到2026年8月2日才全面实施", "截至今年6月") bounds a plan or a
    state; later anaphors (当日, 同月) do not refer to it (`anchoring.deadlines_anchor` false)."""
    return bool(found.fields.get("by")) and not rules.get("anchoring", {}).get("deadlines_anchor", True)


def can_anchor(res: Resolution, rules: dict) -> bool:
    """Whether a resolution may serve as 'previous' anchor: resolved, absolute/publication, confident enough."""
    return (res.resolved and res.anchor in ("absolute", "publication", "previous")
            and res.confidence >= rules["confidence"]["anchor_min"])


# ----------------------------------------------------------------------------------------------
# speech dates (C1): a deictic word inside quoted or reported speech counts from the speech's date

@functools.lru_cache(maxsize=4)
def speech_patterns(path: str | None = None) -> dict:
    """The compiled speech-date rules (`anchoring.speech_date`), with quotes.yaml's speech verbs and quote marks."""
    from .quotes import load_rules as quote_rules

    spec, quotes = load_rules(path)["anchoring"]["speech_date"], quote_rules()
    openers = [m for m in quotes["quote_marks"] if m != '"']
    return {"granularities": frozenset(spec["granularities"]),
            "cue": re.compile("|".join([quotes["_verb_re"].pattern, "[" + "".join(openers) + "：:]"]
                                       + [re.escape(w) for w in spec["occasions"]])),
            "said": re.compile("|".join([quotes["_verb_re"].pattern, "[" + "".join(openers) + "]"])),
            "occasion_of": re.compile("的[^，,。；;：:]{0,4}?(?:" + "|".join(re.escape(w) for w in spec["occasions"]) + ")"),
            "open": frozenset(openers), "close": frozenset(quotes["quote_marks"][m] for m in openers),
            "continuation": re.compile(spec["continuation"]),
            "media": [(re.compile(m["mention"]), re.compile(m["told"])) for m in spec["media"]],
            # pre-filters (run once per sentence): a medium named; a quote mark anywhere
            "any_medium": re.compile(first_char_guard("|".join(f"(?:{m['mention']})" for m in spec["media"]))),
            "marks": re.compile("[" + "".join(openers) + "".join(quotes["quote_marks"][m] for m in openers) + "]"),
            # a quote opened and closed again (标榜「完全开放」, 称作“历史性胜利”): a label or scare quote, no speech
            "closed": re.compile("|".join(f"{re.escape(o)}[^{re.escape(o)}{re.escape(c)}]*{re.escape(c)}"
                                          for o, c in ((o, quotes["quote_marks"][o]) for o in openers)))}


def speech_date_anchor(anchor: Anchor, publication: Anchor | None, sp: dict) -> bool:
    """Whether a date may be a speech's date: precise enough, before publication, not a noun's attribute (X日的) unless
    the noun is the speech's occasion ("在發表當天的訪談中說", "3月5日的演讲上表示")."""
    after = anchor.sentence_text[anchor.end_offset:]
    return (publication is not None and anchor.granularity in sp["granularities"] and anchor.end < publication.start
            and (not after.startswith("的") or bool(sp["occasion_of"].match(after))))


def same_sentence_speech(found: Found, norm: str, own: list[Anchor], publication: Anchor | None, sp: dict) -> Anchor | None:
    """The date of a speech told earlier in the same sentence: the last date before the expression with a speech
    verb, occasion word, colon or quote mark between them ("上周一（11日），马斯克发帖预告：「本周……」"), itself
    not inside speech ("外界认为，今年1月……「作战室」……周末" is no speech of January).  A quote that closes before the
    expression is a label, not the speech it sits in ("去年11月推出的OLMo 2，当时已标榜「完全开放」，但在……的今年": this year)."""
    between = sp["closed"].sub(lambda m: " " * len(m.group()), norm[:found.start]) if sp["marks"].search(norm) else norm
    for a in reversed(own):
        if a.end_offset <= found.start and speech_date_anchor(a, publication, sp) and sp["cue"].search(
                between, a.end_offset, found.start) and not sp["said"].search(norm, 0, a.end_offset - len(a.label)):
            return a
    return None


def speech_start(norm: str, depth: int, sp: dict) -> int:
    """Where the speech of a sentence that goes on with one begins: at once inside or opening a quote, else at
    its first speech cue ("本周一晚间在大皇宫演讲时，他调侃道" dates the speech itself before the cue)."""
    if depth or norm[:1] in sp["open"]:
        return 0
    m = sp["cue"].search(norm)
    return m.start() if m else len(norm)


def quote_depth(text: str, depth: int, sp: dict) -> int:
    """Open quotation marks after the text, given how many were open before it (never below 0)."""
    if not sp["marks"].search(text):
        return depth
    return max(0, depth + sum(map(text.count, sp["open"])) - sum(map(text.count, sp["close"])))


def quote_end(norm: str, sp: dict) -> int | None:
    """Where the quote that opens the sentence closes (the offset after its closing mark); None when the
    sentence does not open with a quote or the quote runs on past it."""
    depth = 0
    for i, ch in enumerate(norm):
        depth += (ch in sp["open"]) - (ch in sp["close"])
        if depth <= 0:
            return i + 1 if i else None
    return None


def quote_attribution(norm: str, founds: list[Found], ctx: Context, sp: dict, later: Sequence[str] = ()
                      ) -> tuple[int, Anchor] | None:
    """A quote that opens the sentence and the date its attribution gives after it closes ("“今年……，”他在2024年
    3月的会上说" = the talk of March 2024): (where the quote closes, that date); None otherwise.  A quote that is
    the whole sentence takes the attribution of the next sentence ("“今年……。”" + "他在2024年3月的会上说。")."""
    close = quote_end(norm, sp) if norm[:1] in sp["open"] else None
    if close is None or ctx.publication is None:
        return None
    if close >= len(norm.rstrip()):  # the whole sentence is the quote: its attribution follows
        nxt = normalise(later[0]) if later else ""
        if not nxt or nxt[:1] in sp["open"]:
            return None
        date = attribution_date(nxt, 0, find_expressions(later[0]), replace(ctx, text=later[0]), sp)
    else:
        date = attribution_date(norm, close, founds, ctx, sp)
    return None if date is None else (close, date)


def attribution_date(norm: str, close: int, founds: list[Found], ctx: Context, sp: dict) -> Anchor | None:
    """The first date after `close` precise enough for a speech, before publication and followed by a speech verb
    or occasion word ("他在2024年3月的会上说")."""
    if not sp["cue"].search(norm, close):
        return None
    for found in founds:
        if found.start < close:
            continue
        res = resolve(found, ctx)
        if res.resolved and res.granularity in sp["granularities"] and res.end < ctx.publication.start \
                and sp["cue"].search(norm, found.end):
            return Anchor(res.start, res.end, res.granularity, found.text, ctx.sentence, found.end, "", norm)
    return None


def is_heading(text: str, kind: str | None = None) -> bool:
    """A title or heading, not narration: the sentence's `kind` as split_sentences recorded it, else (a frame
    without kinds) the sentences module's own rule for a heading line."""
    if isinstance(kind, str) and kind:
        return kind != "body"
    return is_heading_line(text.strip())


def medium_date(norm: str, history: list[Anchor], publication: Anchor | None, sp: dict) -> Anchor | None:
    """The date of the speech whose medium the sentence names ("在备忘录中写道" -> the memo's date)."""
    if not sp["any_medium"].search(norm):
        return None
    for mention, told in sp["media"]:
        if mention.search(norm):
            return next((a for a in reversed(history) if told.search(a.sentence_text)
                         and speech_date_anchor(a, publication, sp)), None)
    return None


def carried_speech(norm: str, depth: int, chain: Anchor | None, history: list[Anchor], later: list[str],
                   publication: Anchor | None, sp: dict) -> Anchor | None:
    """The speech date a sentence inherits: a named medium's; else the running speech's when the sentence goes
    on with it (inside or opening a quote, a pronoun subject, a medium named: "而这场演讲中"); a quote that opens the sentence takes the
    medium its attribution names right after it closes ("“过去几个月……”扎克伯格在备忘录中写道")."""
    named = medium_date(norm, history, publication, sp)
    if named is not None:
        return named
    if chain is not None and (depth or norm[:1] in sp["open"] or sp["continuation"].search(norm)
                              or sp["any_medium"].search(norm)):
        return chain
    if norm[:1] in sp["open"]:
        d = quote_depth(norm, 0, sp)
        for nxt in later[:3]:
            if d == 0:
                return medium_date(normalise(nxt), history, publication, sp)
            d = quote_depth(nxt, d, sp)
    return None


def speech_told(norm: str, own: list[Anchor], publication: Anchor | None, sp: dict) -> Anchor | None:
    """The speech a sentence dates ("阿莫迪上月29日发表长文"): its last date followed by a speech cue."""
    return next((a for a in reversed(own) if speech_date_anchor(a, publication, sp)
                 and sp["cue"].search(norm, a.end_offset)), None)


def at_speech_date(found: Found, res: Resolution, ctx: Context, speech: Anchor) -> Resolution:
    """A deictic expression resolved against a speech's date instead of publication (anchor previous); kept on
    publication when the speech date is coarser than the word needs (a month for 下周: the reading would widen)."""
    first, last = (resolve(found, replace(ctx, publication=Anchor(day, day, "day", speech.label)))
                   for day in (speech.start, speech.end))
    if not first.resolved or (first.start, first.end) != (last.start, last.end):
        return res  # a speech date coarser than the word needs ("今年6月……解释说：「下周」") does not pin it
    if first.end < speech.start and clause_tense(found, ctx) == "future":
        return res  # a plan a report tells lies after it: "去年12月有报道称，……计划今年一季度推出" in January = this year's
    return replace(first, anchor="previous", reason=f"{first.reason}; speech date '{speech.label}'")


# ----------------------------------------------------------------------------------------------
# tables

def _iso(day: dt.date | None) -> str:
    """ISO date string, '' for None."""
    return day.isoformat() if day else ""


def _publications(articles: pd.DataFrame | None) -> dict:
    """Each article's publication anchor by article_id (None when its date is missing or unreadable)."""
    if articles is None or not len(articles):
        return {}
    return {str(a): parse_publication(p) for a, p in zip(articles["article_id"], articles["published"])}


@dataclass
class _Discourse:
    """What one article's reading carries from sentence to sentence."""
    pub: Anchor | None
    year: int | None
    texts: list
    rules: dict
    use_jionlp: bool
    history: list = field(default_factory=list)  # the anchors set so far, oldest first
    told: list = field(default_factory=list)  # (sentence_id, text) of the sentences read so far
    chain: Anchor | None = None  # the running speech's date (C1)
    depth: int = 0  # the quote marks open before the sentence
    founds: list | None = None  # each sentence's find_expressions, computed once (undated articles: story_year)

    def context(self, sid: int, text: str) -> Context:
        """The context an expression of sentence `sid` is resolved in, given the anchors set so far."""
        previous = self.history[-1] if self.history else None
        return Context(self.pub, previous, self.rules, self.use_jionlp, sid, tuple(self.history), text, self.told,
                       self.year)


def _speech_frame(d: _Discourse, i: int, sid: int, text: str, norm: str, heading: bool, founds: list[Found],
                  sp: dict) -> tuple:
    """The speech dates a publication-anchored expression of sentence i may take instead: the speech carried from
    earlier sentences and where it opens, and the attribution of a sentence that opens with a quote."""
    quiet = d.chain is None and not d.depth and norm[:1] not in sp["open"] and not sp["any_medium"].search(norm)
    carried = None if heading or quiet else \
        carried_speech(norm, d.depth, d.chain, d.history, d.texts[i + 1:i + 4], d.pub, sp)
    opens = speech_start(norm, d.depth, sp) if carried is not None else 0
    attributed = None if heading or norm[:1] not in sp["open"] else quote_attribution(
        norm, founds, d.context(sid, text), sp, d.texts[i + 1:i + 2])
    return carried, opens, attributed


def _sentence_items(d: _Discourse, i: int, sid: int, text: str, kind, sp: dict) -> list[tuple[Found, Resolution]]:
    """Resolve sentence i's expressions in order, each one that moves the story becoming an anchor for the next."""
    rules, items, norm, heading = d.rules, [], normalise(text), is_heading(text, kind)
    since, founds = len(d.history), d.founds[i] if d.founds is not None else find_expressions(text)
    carried, opens, attributed = _speech_frame(d, i, sid, text, norm, heading, founds, sp)
    for found in founds:
        ctx = d.context(sid, text)
        res = resolve(found, ctx)
        if res.anchor == "publication" and not heading:
            speech = same_sentence_speech(found, norm, d.history[since:], d.pub, sp) or (
                attributed[1] if attributed and found.end <= attributed[0] else None) or (
                carried if found.start >= opens else None)
            res = res if speech is None else at_speech_date(found, res, ctx, speech)
        items.append((found, res))
        if can_anchor(res, rules) and moves_story(found, res, text, rules):
            cs, ce = clause_bounds(norm, found.start, found.end, rules)
            d.history.append(Anchor(res.start, res.end, res.granularity, found.text, sid, found.end, norm[cs:ce], norm))
    d.told.append((sid, text))
    if not heading:
        d.chain = (len(d.history) > since and speech_told(norm, d.history[since:], d.pub, sp)) or carried
    d.depth = quote_depth(text, d.depth, sp)
    joined = deadline_window(join_ranges(items, text, rules), text, rules)
    return role_dates(gap_restated(restated(joined, text), text, rules), d.pub, rules)


def _article_rows(article_id, group: pd.DataFrame, pub: Anchor | None, text_col: str, rules: dict, sp: dict,
                  use_jionlp: bool) -> list[list]:
    """The expression rows of one article's sentences (in sentence order)."""
    texts = [t if isinstance(t, str) else "" for t in group[text_col]]
    founds = [find_expressions(t) for t in texts] if pub is None else None  # once: story_year and each sentence
    d = _Discourse(pub, story_year(texts, founds) if pub is None else None, texts, rules, use_jionlp, founds=founds)
    kinds = group["kind"].tolist() if "kind" in group.columns else [None] * len(texts)
    rows = []
    for i, (sid, base, text, kind) in enumerate(zip(group["sentence_id"], group["start"], texts, kinds)):
        for found, res in _sentence_items(d, i, int(sid), text, kind, sp):
            rows.append([article_id, int(sid), found.text, _iso(res.start), _iso(res.end), res.granularity,
                         res.anchor, float(res.confidence), int(base) + found.start, int(base) + found.end,
                         bool(res.resolved), res.reason, res.source])
    return rows


def extract_expressions(sentences: pd.DataFrame, articles: pd.DataFrame, use_jionlp: bool = True) -> pd.DataFrame:
    """Every temporal expression in the sentences' text_simplified, resolved to an interval (or a reason)."""
    rules, sp = load_rules(), speech_patterns()
    pubs = _publications(articles)
    ordered = sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    text_col = "text_simplified" if "text_simplified" in ordered.columns else "text"
    rows = []
    for article_id, group in ordered.groupby("article_id", sort=True):
        rows += _article_rows(article_id, group, pubs.get(str(article_id)), text_col, rules, sp, use_jionlp)
    df = pd.DataFrame(rows, columns=EXPRESSION_COLUMNS).astype(
        {"sentence_id": int, "confidence": float, "offset_start": int, "offset_end": int, "resolved": bool})
    return df.sort_values(["article_id", "sentence_id", "offset_start"], kind="stable").reset_index(drop=True)


@functools.lru_cache(maxsize=None)
def _window_regex(path: str | None = None) -> re.Pattern | None:
    """The words after a deadline that make it the end of a window (`deadline_windows.regex`), compiled once."""
    spec = load_rules(path).get("deadline_windows")
    return re.compile(spec["regex"]) if spec else None


def _window_granularity(n: int, unit: str) -> str:
    """A window's granularity: one year (1 year or 12 months) is a year, anything else several units."""
    return "year" if (unit, n) in (("year", 1), ("month", 12)) else PLURAL[unit]


def _window_size(m: re.Match | None, rules: dict, units: dict) -> tuple[int, str] | None:
    """(count, unit) of the window words after a deadline: "的一年里" (1, year), "的季度" (1, quarter); None if none."""
    if m is None:
        return None
    if m["quarter"]:
        return 1, "quarter"
    n = parse_number(m["n"], rules)
    return (n, units[m["unit"]]) if n else None


def _window_span(res: Resolution, n: int, unit: str) -> Resolution:
    """A deadline's reading widened to the window that ends at it: N units back from its start ("截至今年8月的一年里"
    = 2024-08-01..2025-08-31), or a quarter the three months up to its end ("截至4月的季度" = 02-01..04-30)."""
    if unit == "quarter":
        start, granularity = add_months(res.end + dt.timedelta(days=1), -3), "quarter"
    else:
        start, granularity = shift(res.start, unit, -n), _window_granularity(n, unit)
    return replace(res, start=start, granularity=granularity, reason=f"{res.reason}; a {n}-{unit} window up to the deadline")


def deadline_window(items: list[tuple[Found, Resolution]], text: str, rules: dict) -> list[tuple[Found, Resolution]]:
    """A window of N years or months that ends at a deadline ("截至今年8月的一年里" = 2024-08-01..2025-08-31): the
    deadline's start moved N units back to its end, the window words joined to the expression (and any expression
    inside them, "过去12个月", dropped)."""
    rx, norm, out, stop = _window_regex(), normalise(text), [], -1
    units = rules["deadline_windows"]["units"] if rx else {}
    for found, res in items:
        if found.start < stop:
            continue
        m = rx.match(norm, found.end) if rx and found.fields.get("by") and res.resolved and found.pattern != "range" \
            else None
        size = _window_size(m, rules, units)
        if size:
            (n, unit), stop = size, m.end()
            found = replace(found, end=stop, text=text[found.start:stop], norm=norm[found.start:stop])
            res = _window_span(res, n, unit)
        out.append((found, res))
    return out


def _range_pair(a: tuple[Found, Resolution], b: tuple[Found, Resolution], text: str, rules: dict) -> bool:
    """Whether two expressions of a sentence are the two ends of one range: both calendar dates, resolved, in
    order, nothing but a connector between them (`ranges.connectors`; 到 may have been read as b's deadline
    prefix), and the first not a bare weekday (`ranges.not_from`)."""
    spec = rules.get("ranges", {})
    (fa, ra), (fb, rb) = a, b
    if fa.rule != "calendar" or fb.rule != "calendar" or not (ra.resolved and rb.resolved):
        return False
    if any(k in fa.fields for k in spec.get("not_from", [])) or ra.start > rb.end:
        return False
    gap = normalise(text[fa.end:fb.start]).strip(" \u3000") + (fb.fields.get("by") or "")
    return gap in spec.get("connectors", [])


def restated(items: list[tuple[Found, Resolution]], text: str) -> list[tuple[Found, Resolution]]:
    """A fuzzy or relative expression followed by its date in brackets takes that date ("半个多月前（10月27日）" =
    10-27, like 上周一（2月24日）): the bracket is the writer's own resolution of it.  A bare day number in brackets must
    lie inside the relative reading; a month and day win outright ("11天前（1月20日）", counted from the story's day)."""
    out = list(items)
    norm = normalise(text)
    links = load_rules()["anchoring"].get("restatement_links", [])
    for i in range(len(out) - 1):
        (fa, ra), (fb, rb) = out[i], out[i + 1]
        bracketed = norm[fa.end:fb.start] == "(" and norm[fb.end:fb.end + 1] == ")"
        # a full month and day in brackets wins even outside the relative reading: "11天前（1月20日）" counted from the
        # story's day, not from publication (the written convention: the restatement is the expression's date)
        full = "m_abs" in fb.fields and "d_abs" in fb.fields and ra.anchor != "absolute"
        # "两个月后的6月15日": a count told with the date it reaches (`anchoring.restatement_links`) is that date
        linked = full and fa.rule in ("offset", "offset_approx") and norm[fa.end:fb.start] in links
        # "上周日（7日）": a bracketed day on the weekday the word names is the writer's own reading of it
        weekday = "w_part" in fa.fields and ra.granularity == "day" and rb.resolved and rb.start.weekday() == ra.start.weekday()
        if linked and ra.resolved and rb.resolved:
            out[i] = (fa, replace(rb, reason=f"restated as '{fb.text}'; was {ra.reason}"))
            continue
        # a range in brackets restates two listed weekdays: "本周三、四（11月1日至2日）" (session 11)
        day = rb.granularity == "day" or (fb.pattern == "range" and "w_part_to" in fa.fields)
        if bracketed and ra.resolved and rb.resolved and day and (ra.start, ra.end) != (rb.start, rb.end) \
                and (ra.start <= rb.start <= ra.end or full or weekday):
            out[i] = (fa, replace(rb, anchor=ra.anchor, reason=f"restated in brackets as '{fb.text}'; was {ra.reason}"))
    return out


def join_ranges(items: list[tuple[Found, Resolution]], text: str, rules: dict) -> list[tuple[Found, Resolution]]:
    """Ranges as one expression ("2024年8月至2025年8月" = 2024-08-01..2025-08-31; "8月到10月"; "9月底至10月初"): the
    first end's start to the second end's end, the first end's anchor, the lower confidence."""
    out: list[tuple[Found, Resolution]] = []
    for item in items:
        if out and _range_pair(out[-1], item, text, rules):
            (fa, ra), (fb, rb) = out.pop(), item
            gran = PLURAL.get(ra.granularity, ra.granularity)  # a range covers several units
            joined = Found(fa.start, fb.end, text[fa.start:fb.end], fa.norm + "…" + fb.norm, "range", "calendar",
                           {**fb.fields, **fa.fields}, fb.after)
            item = (joined, Resolution(ra.start, rb.end, gran, ra.anchor, min(ra.confidence, rb.confidence),
                                       f"range: {ra.reason} | to: {rb.reason}", "rule"))
        out.append(item)
    return out


def parse_text(text: str, published: str = "", use_jionlp: bool = True) -> pd.DataFrame:
    """Expressions of a single text treated as one sentence of one article (for tests and notebooks)."""
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "start": [0], "end": [len(text)],
                              "text": [text], "text_simplified": [text], "kind": ["body"]})
    articles = pd.DataFrame({"article_id": ["a"], "published": [published]})
    return extract_expressions(sentences, articles, use_jionlp=use_jionlp)


def unresolved(expressions: pd.DataFrame) -> pd.DataFrame:
    """The expressions that got no interval, with the reason (generic words included, reason 'generic: ...')."""
    cols = ["article_id", "sentence_id", "expression", "offset_start", "offset_end", "granularity", "anchor", "reason"]
    return expressions.loc[~expressions["resolved"].astype(bool), cols].reset_index(drop=True)


# ----------------------------------------------------------------------------------------------
# events

def clause_bounds(text: str, start: int, end: int, rules: dict) -> tuple[int, int]:
    """The clause (between ，,；;：:) around [start, end); a clause holding only the expression joins the next."""
    ev = rules["events"]
    delims = set(ev["clause_delimiters"])

    def is_delim(i: int) -> bool:
        # a comma or colon between digits groups a number (340,000; 20:55), it does not end a clause
        digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        return text[i] in delims and not digits

    cs = max((i + 1 for i in range(start) if is_delim(i)), default=0)
    ce = next((i for i in range(end, len(text)) if is_delim(i)), len(text))
    rest = re.sub(r"[（(][^（()）]{0,12}[)）]", "", text[cs:start] + text[end:ce])  # 上周二（18日）: a restatement
    rest = _bare_words().sub("", rest).strip(ev["bare_clause_chars"])  # "美国当地时间上周三（23日），" is bare too
    if rest and len(rest) <= ev.get("bare_clause_dates_max", 0):  # "两个月后的6月15日，": another date restating it
        rest = without_dates(rest).strip(ev["bare_clause_chars"])
    if ce < len(text) and is_dateline(text[cs:start], text[end:ce], rules):
        return after_dateline(text, ce + 1, is_delim)
    if not rest and ce < len(text):
        joined, ce = ce + 1, next((i for i in range(ce + 1, len(text)) if is_delim(i)), len(text))
        if ce < len(text) and text[joined:ce].lstrip().startswith(tuple(ev.get("appositive_openers", []))):
            ce = next((i for i in range(ce + 1, len(text)) if is_delim(i)), len(text))  # "，也就是圣诞节次日，"
        elif ce < len(text) and text[joined:ce].lstrip().startswith(tuple(ev.get("adverbial_openers", []))):
            ce = next((i for i in range(ce + 1, len(text)) if is_delim(i)), len(text))  # "，伴随着外界的期待，"
    return cs, ce


def head_date_clause(text: str, cs: int, ce: int, start: int, end: int, rules: dict) -> tuple[int, int]:
    """The clause of a date that heads a noun phrase ending its clause ("就在白宫发布计划的同一天，阿里开源了Qwen3-Coder"):
    the modifier before it (`events.head_date_links`) names another event of that day, the date's own event is told in
    the next clause."""
    ev = rules["events"]
    if ce >= len(text) or text[end:ce].strip(ev["bare_clause_chars"]) or \
            not text[cs:start].rstrip().endswith(tuple(ev.get("head_date_links", []))):
        return cs, ce
    nxt = next((i for i in range(ce + 1, len(text)) if text[i] in ev["clause_delimiters"]), len(text))
    return ce + 1, nxt


@functools.lru_cache(maxsize=None)
def _bare_words(path: str | None = None) -> re.Pattern:
    """Words a clause may hold besides its date and still be bare (`events.bare_clause_words`: a time zone,
    "美国当地时间上周三（23日），白宫发布……" -> the event is told in the clause after it; `bare_clause_weekday`: the
    weekday restating a date, "在8月5日星期二，OpenAI发布了……")."""
    ev = load_rules(path)["events"]
    words = [re.escape(w) for w in sorted(ev.get("bare_clause_words", []), key=len, reverse=True)]
    return re.compile("|".join(words + [ev.get("bare_clause_weekday", "(?!)")]))


def is_dateline(before: str, after: str, rules: dict) -> bool:
    """Whether a date with this text before and after it in its clause is a dateline ("IT之家 4 月 29 日消息")."""
    spec = rules["events"]["dateline"]
    return after.strip(" \u3000") in spec["words"] and len(before.strip()) <= spec["before_max"]


def without_dates(text: str) -> str:
    """The text with its temporal expressions cut out."""
    for found in reversed(find_expressions(text)):
        text = text[:found.start] + text[found.end:]
    return text


def after_dateline(text: str, cs: int, is_delim: Callable[[int], bool]) -> tuple[int, int]:
    """The clause after a dateline ("IT之家 4 月 29 日消息，"), itself joined with the next while it holds only a time
    phrase ("今日凌晨，阿里巴巴发布了……" -> the whole "今日凌晨，阿里巴巴发布了……")."""
    ce = next((i for i in range(cs, len(text)) if is_delim(i)), len(text))
    while ce < len(text):
        if without_dates(text[cs:ce]).strip(load_rules()["events"]["bare_clause_chars"]):
            break
        ce = next((i for i in range(ce + 1, len(text)) if is_delim(i)), len(text))
    return cs, ce


@functools.lru_cache(maxsize=None)
def _trigger_regexes(path: str | None = None) -> tuple[tuple[str, dict, re.Pattern], ...]:
    """(verb, spec, regex) for each trigger, with its noun/adjective contexts excluded."""
    out = []
    for verb, spec in load_rules(path)["events"]["triggers"].items():
        rx = "".join(f"(?<!{re.escape(w)})" for w in spec.get("not_before_words", [])) + re.escape(verb)
        after = spec.get("not_after_words", [])
        if after:
            rx += "(?!" + "|".join(re.escape(w) for w in sorted(after, key=len, reverse=True)) + ")"
        out.append((verb, spec, re.compile(rx)))
    return tuple(out)


def find_trigger(text: str, cs: int, ce: int, start: int, end: int, rules: dict) -> tuple[str, int] | None:
    """The trigger verb in the clause: event verbs before weak verbs, then nearest to the expression."""
    best = None
    for verb, spec, rx in _trigger_regexes():
        for m in rx.finditer(text, cs, ce):
            p = m.start()
            q = p + len(verb)
            if p < end and q > start:
                continue
            distance = p - end if p >= end else start - q
            key = (spec["priority"], distance, p, verb)
            best = key if best is None or key < best else best
    return None if best is None else (best[3], best[2])


def fallback_trigger(text: str, cs: int, ce: int, start: int, end: int, rules: dict) -> tuple[str, int] | None:
    """A clause without a listed trigger: its first verb after the expression (else the last before it),
    as jieba's part-of-speech tagger (rjieba, with the actor registry) reads it, of at least two
    characters and not a stop verb (`events.fallback_verbs`: 是, 成为, 表明 ... say nothing happened)."""
    from .actors import fast_tagger

    spec = rules["events"]["fallback_verbs"]
    verbs = [(w, cs + a) for w, flag, a, b in fast_tagger().tokens(text[cs:ce])
             if flag in spec["flags"] and len(w) >= spec["min_chars"] and w not in spec["stop"]
             and (cs + b <= start or cs + a >= end)]
    after = [v for v in verbs if v[1] >= end]
    return after[0] if after else (verbs[-1] if verbs else None)


def _latin_object(segment: str, rules: dict, last: bool = False) -> str:
    """A Latin-script name in the segment (first, or last), with Han characters glued to it, suffixes dropped."""
    obj = rules["events"]["object"]
    matches = list(re.finditer(obj["latin"], segment))
    if not matches:
        return ""
    m = matches[-1] if last else matches[0]
    name, tail = m.group().strip(), ""
    for ch in segment[m.end():]:
        if ch in obj["stop_chars"] or not re.match(f"[{HAN}]", ch) or len(tail) >= 4:
            break
        tail += ch
    for suffix in obj["drop_suffixes"]:
        if tail.endswith(suffix):
            tail = tail[: -len(suffix)]
    return (name + tail).strip()


def _han_object(segment: str, rules: dict) -> str:
    """A short run of Han characters after the trigger, leading particles dropped."""
    obj = rules["events"]["object"]
    seg = segment.lstrip()
    changed = True
    while changed:
        changed = False
        for p in sorted(obj["leading_particles"], key=len, reverse=True):
            if seg.startswith(p):
                seg, changed = seg[len(p):], True
    run = ""
    for ch in seg:
        if ch in obj["stop_chars"] or not re.match(f"[{HAN}]", ch) or len(run) >= obj["han_max"]:
            break
        run += ch
    return run if len(run) >= 2 else ""


def _mention_name(m) -> str:
    """Canonical actor name with its model version, joined as the article joins them: 'Llama 2',
    'DeepSeek-R1', 'GPT-4', 'Qwen2.5-72B'; a version after a Chinese name gets a space (骆驼2 -> 'Llama 2')."""
    version = "" if pd.isna(getattr(m, "version", "")) else str(getattr(m, "version", "") or "")
    if not version:
        return str(m.actor)
    surface = str(getattr(m, "surface", "") or "")
    at = surface.rfind(version)
    before = surface[at - 1] if at > 0 else " "
    joint = "" if before.isascii() and before.isalpha() else "-" if before == "-" else " "
    return f"{m.actor}{joint}{version}"


def find_object(text: str, cs: int, ce: int, trigger: tuple[str, int], mentions: list, base: int,
                rules: dict, actor: str = "") -> str:
    """Object of the trigger: first actor/name/noun after it, else the actor or name before it (see TIMELINE.md).
    Before the trigger, another acting party (a person or organisation other than the main actor) is not an
    object: "歐盟內部市場專員布勒東（Thierry Breton）在議會表決當日表示" has no object, not "Thierry Breton"."""
    t_start, t_end = trigger[1], trigger[1] + len(trigger[0])
    not_agents = rules["events"]["not_agents"]
    others = [m for m in mentions if m.end <= base + t_start and str(m.actor) != actor
              and getattr(m, "actor_type", "") not in not_agents]
    if actor and others:
        mentions = [m for m in mentions if m not in others]
        masked = list(text)
        for m in others:  # their Latin glosses in brackets are theirs too
            gloss = re.match(r"[（(][^（()）]{0,40}[)）]", text[m.end - base:])
            stop = m.end - base + (gloss.end() if gloss else 0)
            masked[max(0, m.start - base):stop] = " " * (stop - max(0, m.start - base))
        text = "".join(masked)
    after = [m for m in mentions if base + t_end <= m.start and m.end <= base + ce]
    if after:
        return _mention_name(min(after, key=lambda m: m.start))
    window = rules["events"]["object"]["window"]
    found = _latin_object(text[t_end:min(ce, t_end + window)], rules) or _han_object(text[t_end:ce], rules)
    if found:
        return found
    before = [m for m in mentions if base + cs <= m.start and m.end <= base + t_start]
    if before:
        return _mention_name(max(before, key=lambda m: m.start))
    found = _latin_object(text[cs:t_start], rules, last=True)
    if found:
        return found
    earlier = [m for m in mentions if m.end <= base + t_start]
    return _mention_name(max(earlier, key=lambda m: m.start)) if earlier else ""


def _mentions_by_sentence(mentions: pd.DataFrame | None) -> dict:
    """Mentions grouped by (article_id, sentence_id)."""
    out = defaultdict(list)
    if mentions is None or not len(mentions):
        return out
    for m in records(mentions):
        out[(str(m.article_id), int(m.sentence_id))].append(m)
    return out


def is_event_sentence(kind, text: str, rules: dict) -> bool:
    """Events come only from body text: not a title or heading, not a metadata, credit or link line
    that survived cleaning ("08:42 来源", "10:35 更新时间", "责任编辑", a URL) (`events.sentence_kinds`,
    `events.metadata_line`)."""
    ev = rules["events"]
    if isinstance(kind, str) and kind not in ev["sentence_kinds"]:
        return False
    return not re.search(ev["metadata_line"], text) and not re.search(ev.get("section_heading", "(?!)"), text)


def cited_as_source(m, text: str, base: int, rules: dict) -> bool:
    """Whether a mention is an outlet or person cited as the source (据路透社报道, 《金融时报》上周披露),
    not the acting party (`events.source_cues`: words just before or after the mention)."""
    cues = rules["events"]["source_cues"]
    s, e = m.start - base, m.end - base
    before = text[max(0, s - cues["window"]):s]
    after = text[e:e + cues["window"] + 4].lstrip("》」』\"” ")
    after = memo.call(_source_date_prefix, "", rules).sub("", after)
    return any(w in before for w in cues["before"]) or any(after.startswith(w) for w in cues["after"])


def venue(m, text: str, base: int, rules: dict) -> bool:
    """Whether a mention names the platform or medium where something was posted or released ("在X上宣布",
    "于 Hugging Face 上线", "官方微信账号的文章"), not the acting party (`events.venue_cues`)."""
    cues = rules["events"].get("venue_cues")
    if not cues:
        return False
    before, after, account = memo.call(_venue_patterns, "", rules)
    s, e, w = m.start - base, m.end - base, cues["window"]
    tail = text[e:e + w + 4]
    return bool(account.match(tail)) or bool(before.search(text[max(0, s - w):s]) and after.match(tail))


def _venue_patterns(_: str, rules: dict) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The compiled before / after / account regexes of `events.venue_cues`, once per rules."""
    cues = rules["events"]["venue_cues"]
    return re.compile(cues["before"]), re.compile(cues["after"]), re.compile(cues["account"])


def _source_date_prefix(_: str, rules: dict) -> re.Pattern:
    """The date words cited_as_source skips after a mention (路透社上周五报道), compiled once per rules."""
    return re.compile(rf"^({_alternation(rules['lexicon']['week_relative'])}|[上本]?[月周]?[一二三四五六日0-9]*日?)")


def owner(m, mentions: list, text: str, base: int, rules: dict) -> bool:
    """Whether a mention names the owner of the party named right after it ("马斯克旗下的 xAI": `events.owner_cues`;
    an owned party the registry does not hold leaves the owner as it was)."""
    gap = text[m.end - base:m.end - base + 6]
    cue = next((w for w in rules["events"].get("owner_cues", []) if gap.lstrip(" ").startswith(w)), None)
    if cue is None:
        return False
    stop = m.end + gap.index(cue) + len(cue) + 2  # the cue, 的 and a space
    return any(m.end < x.start <= stop for x in mentions)


def main_actor(text: str, clause: tuple[int, int], trigger: tuple[str, int] | None, mentions: list, base: int,
               rules: dict):
    """The acting party's mention: the first actor before the trigger (in its clause, else earlier in the
    sentence), else the first in the clause.  A person or organisation comes before a model (a model is
    released, it does not act), and an outlet cited as the source (据路透社报道) only when nothing else
    is named (or the event is the report itself: 路透社上周五独家报道).  None when the sentence names no actor."""
    ev = rules["events"]
    cs, ce = clause
    ordered = sorted(mentions, key=lambda m: m.start)
    stop = base + (trigger[1] if trigger else len(text))
    reporting = trigger is not None and ev["triggers"].get(trigger[0], {}).get("class") in ev["report_classes"]
    acting = [m for m in ordered if (reporting or not cited_as_source(m, text, base, rules))
              and not owner(m, ordered, text, base, rules) and not venue(m, text, base, rules)]
    agents = [m for m in acting if getattr(m, "actor_type", "") not in ev["not_agents"]]
    for group in (agents, acting, ordered):
        for pool in ([m for m in group if base + cs <= m.start and m.end <= stop],
                     [m for m in group if m.end <= stop],
                     [m for m in group if base + cs <= m.start and m.end <= base + ce],
                     group):
            if pool:
                return titled_person(pool, text, base, rules)
    return None


def titled_person(pool: list, text: str, base: int, rules: dict):
    """The first mention of the pool, or the person it titles: an organisation named right before a person
    with only a role between them ("Meta首席执行官扎克伯格", "歐盟內部市場專員布勒東") is the person's title
    (`events.title_gap` characters at most, no clause delimiter between)."""
    first, ev = pool[0], rules["events"]
    if getattr(first, "actor_type", "") == "person":
        return first
    for m in pool[1:]:
        gap = text[first.end - base:m.start - base]
        bare = functools.reduce(lambda g, w: g.replace(w, ""), ev.get("title_gap_words", []), gap)
        if getattr(m, "actor_type", "") == "person" and 0 <= len(gap) <= ev.get("title_gap", 0) \
                and not any(ch in ev["clause_delimiters"] + ev.get("title_gap_not", "") for ch in bare) \
                and not any(_verb_in(gap, verb, spec) for verb, spec in ev["triggers"].items()):
            return m
        if m.start - first.end > ev.get("title_gap", 0):
            break
    return first


def _verb_in(gap: str, verb: str, spec: dict) -> bool:
    """Whether a trigger verb occurs in a title gap as a verb, not inside a title noun ("联合创办人兼执行长": 创办 is
    followed by one of its `not_after_words`, so the gap is a title)."""
    at = gap.find(verb)
    while at >= 0:
        if not any(gap.startswith(w, at + len(verb)) for w in spec.get("not_after_words", [])):
            return True
        at = gap.find(verb, at + 1)
    return False


def in_script(value: str, simplified: str, original: str) -> str:
    """A piece of the simplified sentence as the article wrote it (same offsets: 发布 -> 發佈 in a
    traditional-script article)."""
    i = simplified.find(value) if value else -1
    return original[i:i + len(value)] if i >= 0 else value


def event_label(actor: str, trigger: str, obj: str, agent: bool = True) -> str:
    """'actor trigger object' ('Meta 发布 Llama 3'); 'actor trigger' when the actor is its own object
    ('Gavin Newsom 否决', 'Open Source Initiative 成立'); 'trigger object' when there is no acting party
    or the actor is the model released ('推出 Llama 4')."""
    if not actor or (not agent and obj.startswith(actor) and obj[len(actor):][:1] in ("", " ", "-", *"0123456789")):
        return " ".join(x for x in (trigger, obj) if x) or actor
    if obj == actor:
        return f"{actor} {trigger}".strip()
    return " ".join(x for x in (actor, trigger, obj) if x)


@dataclass
class _Sentence:
    """A body sentence of an event: offset of its start, simplified and original text, its mentions."""
    base: int
    text: str
    original: str
    mentions: list
    topic: str = ""  # the acting party of a recent sentence, for a sentence that names no actor
    unknown: list = field(default_factory=list)  # names the registry does not hold (discovery), as mentions
    subjects: bool = True  # actors were looked for (a mentions table was given): a clause's own subject may act
    person: str = ""  # the person of a recent sentence, for a clause whose subject is 他/她
    earlier: tuple = ()  # the mentions of the sentences just before (`events.description_subject.sentences`), in order


class _Named(NamedTuple):
    """A name the registry does not hold, found by the discovery layer, in the shape of a mention."""
    actor: str
    start: int
    end: int
    actor_type: str
    version: str = ""
    surface: str = ""


def unknown_names(text: str, base: int, candidates: list, rules: dict) -> list:
    """The discovery layer's candidates of one sentence [(candidate, tag)] as mentions, in reading order:
    offsets found in the sentence, the type guessed from the tag (the discovery table's guess), a Latin name with a
    version is a model at family level with its version kept apart (`events.unknown_names.family_tail`:
    InternLM-7B -> InternLM + 7B, as the registry counts models), a Han name as written (周伯文)."""
    from .actors import guess_type

    tail, keep = re.compile(rules["events"]["unknown_names"]["family_tail"]), rules["events"]["unknown_names"]["min_chars"]
    out, pos = [], defaultdict(int)
    for cand, tag in candidates:
        surface = normalise(cand)
        at = text.find(surface, pos[surface]) if surface else -1
        if at < 0:
            continue
        pos[surface] = at + len(surface)
        name, kind, version = surface, guess_type(cand, tag), ""
        short = tail.sub("", surface) if surface.isascii() else surface
        if short != surface and len(short) >= keep and re.search("[A-Za-z]{2}", short):
            name, kind, version = short, "model", surface[len(short):].lstrip("-_ ")  # a versioned name is a model
        out.append(_Named(name, base + at, base + at + len(surface), kind, version, surface))
    return sorted(out, key=lambda m: m.start)


def _event_row(e, sent: _Sentence, rules: dict) -> dict | None:
    """One event for a resolved expression: clause, trigger, object, main actor, label; None when the
    clause has neither a trigger nor an actor (a bare time phrase or clause fragment is never a label)."""
    start, end = e.offset_start - sent.base, e.offset_end - sent.base
    text = sent.text
    cs, ce = head_date_clause(text, *clause_bounds(text, start, end, rules), start, end, rules)
    mentions = sent.mentions
    in_clause = [m for m in mentions if m.start >= sent.base + cs and m.end <= sent.base + ce]
    actors = sorted({str(m.actor) for m in (in_clause or mentions)})
    if not in_clause and sent.unknown:  # a clause the registry leaves empty: the names it does not hold
        named = [m for m in sent.unknown if m.start >= sent.base + cs and m.end <= sent.base + ce]
        mentions = sorted(mentions + named, key=lambda m: m.start) if named else mentions
        actors = sorted(set(actors) | {str(m.actor) for m in named})  # candidates add to the sentence's actors
    trigger = find_trigger(text, cs, ce, start, end, rules)
    listed = trigger is not None
    trigger = trigger or fallback_trigger(text, cs, ce, start, end, rules)
    subject = None if mentions or trigger is None or not sent.subjects else \
        subject_name(text, cs, trigger[1], (start, end), sent.base, rules)
    mentions = [subject] if subject is not None else mentions
    m = main_actor(text, (cs, ce), trigger, mentions, sent.base, rules)
    actor = str(m.actor) if m is not None else ""
    person = pronoun_person(text, cs, trigger, mentions, sent, rules)
    if person:  # "他推翻了拜登政府的政策": the person told last acts, not the party named after the verb
        m, actor, actors = None, person, sorted(set(actors) | {person})
    described = "" if person else description_referent(text, cs, trigger[1] if trigger else start, mentions, sent)
    if described:  # "这项计划于8月4日正式启动": the plan named before acts
        m, actor, actors = None, described, sorted(set(actors) | {described})
    if not mentions and sent.topic and not person and not described:  # a sentence without names: the recent topic
        actor, actors = sent.topic, [sent.topic]
    elif actor and actor not in actors:  # the acting party is an actor of its event, even outside the clause
        actors = sorted(actors + [actor])
    if trigger is None and not actor:
        return None
    if listed:
        obj = find_object(text, cs, ce, trigger, mentions, sent.base, rules, actor)
    elif trigger and actor:  # an unlisted verb: only an actor named after it is its object ("Kai-Fu Lee 转发")
        obj = next((_mention_name(x) for x in sorted(mentions, key=lambda x: x.start)
                    if sent.base + trigger[1] + len(trigger[0]) <= x.start <= sent.base + ce), "")
    else:  # an unlisted verb without an acting party labels nothing ("形成 鲜明" is a fragment)
        trigger, obj = None, ""
    if obj in rules["events"]["triggers"]:  # "发文宣布": the next verb is not an object
        obj = ""
    obj_script = in_script(obj, text, sent.original)
    verb = sent.original[trigger[1]:trigger[1] + len(trigger[0])] if trigger else ""
    agent = getattr(m, "actor_type", "") not in rules["events"]["not_agents"]
    if not actor and not obj:  # a bare verb ("回应") is a fragment, not a label
        return None
    return {"label": event_label(actor, verb, obj_script, agent), "actors": "; ".join(actors),
            "trigger": trigger[0] if trigger else "", "main_actor": actor, "object": obj}


@functools.lru_cache(maxsize=4)
def _pronoun_regex(path: str | None = None) -> re.Pattern | None:
    """The compiled pronoun of one person (`events.pronoun_subject.regex`); None when not configured."""
    rx = load_rules(path)["events"].get("pronoun_subject", {}).get("regex")
    return re.compile(rx) if rx else None


def pronoun_person(text: str, cs: int, trigger: tuple[str, int] | None, mentions: list, sent: _Sentence,
                   rules: dict) -> str:
    """The person a pronoun subject (他/她 before the trigger, no name between them) refers to: the last person named
    earlier in the sentence, else the person of a recent sentence (`events.pronoun_subject`); '' otherwise."""
    rx = _pronoun_regex()
    if rx is None or trigger is None:
        return ""
    pronoun = None
    for pronoun in rx.finditer(text[cs:trigger[1]]):
        pass
    if pronoun is None:
        return ""
    at = sent.base + cs + pronoun.start()
    if any(at <= x.start < sent.base + trigger[1] and not venue(x, text, sent.base, rules) for x in mentions):
        return ""  # a name between them acts (a platform between them is where: "他在X上发帖")
    earlier = [x for x in mentions if x.end <= at and getattr(x, "actor_type", "") == "person"]
    return str(max(earlier, key=lambda x: x.start).actor) if earlier else sent.person


@functools.lru_cache(maxsize=4)
def _description_regexes(path: str | None = None) -> tuple:
    """(actor type, compiled description) pairs of `events.description_subject.kinds`."""
    kinds = load_rules(path)["events"].get("description_subject", {}).get("kinds", {})
    return tuple((kind, re.compile(rx)) for kind, rx in sorted(kinds.items()))


def description_referent(text: str, cs: int, stop: int, mentions: list, sent: _Sentence) -> str:
    """The party a description subject refers to ("这项计划于8月4日正式启动" -> the plan named before, "该公司" -> the
    company): the nearest actor of the description's type named before it, in its sentence or the sentences just
    before (`events.description_subject`); '' when the clause has no description before `stop` (its trigger, else
    its date) or a name stands between them."""
    hits = [(d.start(), d.end(), kind) for kind, rx in _description_regexes() for d in rx.finditer(text, cs, stop)]
    if not hits:
        return ""
    start, end, kind = max(hits)
    if any(sent.base + end <= x.start < sent.base + stop for x in mentions):
        return ""
    before = sorted((x for x in mentions if x.end <= sent.base + start), key=lambda x: x.start)
    pool = [x for x in list(sent.earlier) + before if getattr(x, "actor_type", "") == kind]
    return str(pool[-1].actor) if pool else ""


def subject_name(text: str, cs: int, stop: int, date: tuple[int, int], base: int, rules: dict):
    """The subject of a clause in a sentence that names no actor the registry or the discovery layer knows: the first
    word before the trigger that jieba tags as an organisation, person or place (`events.subject_flags`: "华为宣布开源
    盘古……" -> 华为), outside the date and not right after a preposition; None when there is none."""
    from .actors import fast_tagger

    flags, after = rules["events"].get("subject_flags", {}), ""
    for w, flag, a, b in fast_tagger().tokens(text[cs:stop]):
        if flag in flags and len(w) >= 2 and (cs + b <= date[0] or cs + a >= date[1]) and after != "p":
            return _Named(w, base + cs + a, base + cs + b, flags[flag], "", w)
        after = flag  # a place after a preposition is where, not who ("在华盛顿长期处于守势")
    return None


def _event_sentences(keys: set, sentences: pd.DataFrame, mentions, rules: dict, unknown=None) -> dict:
    """(article_id, sentence_id) -> _Sentence for the dated body sentences."""
    text_col = "text_simplified" if "text_simplified" in sentences.columns else "text"
    kinds = sentences["kind"] if "kind" in sentences.columns else [None] * len(sentences)
    ments = _mentions_by_sentence(mentions)
    unknown_by = defaultdict(list)
    if unknown is not None and len(unknown):
        for a, i, c, g in zip(unknown["article_id"], unknown["sentence_id"], unknown["candidate"], unknown["tag"]):
            unknown_by[(str(a), int(i))].append((str(c), str(g)))
    out = {}
    for a, i, b, t, o, k in zip(sentences["article_id"], sentences["sentence_id"], sentences["start"],
                                sentences[text_col], sentences["text"], kinds):
        key = (str(a), int(i))
        if key not in keys:
            continue
        t = normalise(t if isinstance(t, str) else "")
        if is_event_sentence(k, t, rules):
            out[key] = _Sentence(int(b), t, o if isinstance(o, str) and len(o) == len(t) else t, ments.get(key, []),
                                 discourse_topic(key, ments, rules),
                                 unknown_names(t, int(b), unknown_by[key], rules) if key in unknown_by else [],
                                 mentions is not None, discourse_topic(key, ments, rules, ("person",)),
                                 _earlier_mentions(key, ments, rules))
    return out


def _earlier_mentions(key: tuple, mentions: dict, rules: dict) -> tuple:
    """The mentions of the sentences just before `key` (`events.description_subject.sentences`), oldest first."""
    article, sid = key
    back = rules["events"].get("description_subject", {}).get("sentences", 0)
    return tuple(x for b in range(back, 0, -1) for x in sorted(mentions.get((article, sid - b), []), key=lambda x: x.start))


def discourse_topic(key: tuple, mentions: dict, rules: dict, person: tuple = ()) -> str:
    """The actor a sentence without names is about (Chinese drops the subject: "周二是DeepEP" after
    "DeepSeek开源了FlashMLA"): the first person or organisation of the nearest earlier sentence naming
    one, at most `events.topic_sentences` back; '' otherwise.  `person` = ("person",): the person a pronoun subject
    refers to, at most `events.pronoun_subject.sentences` back."""
    article, sid = key
    ev = rules["events"]
    back_max = ev.get("pronoun_subject", {}).get("sentences", 0) if person else ev["topic_sentences"]
    for back in range(1, back_max + 1):
        named = [m for m in sorted(mentions.get((article, sid - back), []), key=lambda m: m.start)
                 if getattr(m, "actor_type", "") not in rules["events"]["not_agents"]
                 and (not person or getattr(m, "actor_type", "") in person)]
        if named:
            return str(named[0].actor)
    return ""


def background_in_clause(e, sent: _Sentence, done: pd.DataFrame, rules: dict) -> bool:
    """A date that opens a span ("自 2019 年以来的首个开源权重模型") in a clause another date of the sentence dates
    ("OpenAI 于2025 年 8 月 5 日发布了……") is background: the clause's event is the other date's, not the span's."""
    start, end = e.offset_start - sent.base, e.offset_end - sent.base
    if not span_opening_at(sent.text, start, end, rules):
        return False
    cs, ce = clause_bounds(sent.text, start, end, rules)
    same = done[(done["article_id"] == e.article_id) & (done["sentence_id"] == e.sentence_id)]
    return any(sent.base + cs <= a and b <= sent.base + ce and (a, b) != (e.offset_start, e.offset_end)
               and not span_opening_at(sent.text, a - sent.base, b - sent.base, rules)
               for a, b in zip(same["offset_start"], same["offset_end"]))


def dated_news(e, sent: _Sentence, done: pd.DataFrame, rules: dict) -> bool:
    """A dateline ("4月1日消息，奥特曼本周一透露") in a sentence that dates its news itself (本周一) adds no event:
    the news has its own date; a dateline alone dates the clause after it."""
    start, end = e.offset_start - sent.base, e.offset_end - sent.base
    text, delims = sent.text, rules["events"]["clause_delimiters"]
    ce = next((i for i in range(end, len(text)) if text[i] in delims), len(text))
    cs = max((i + 1 for i in range(start) if text[i] in delims), default=0)
    if ce == len(text) or not is_dateline(text[cs:start], text[end:ce], rules):
        return False
    same = done[(done["article_id"] == e.article_id) & (done["sentence_id"] == e.sentence_id)]
    return bool((same["offset_start"] >= sent.base + ce).any())


def build_events(expressions: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame | None = None,
                 unknown: pd.DataFrame | None = None) -> pd.DataFrame:
    """One event per resolved expression of a body sentence: label 'main actor + trigger + object', the
    actors mentioned.  A restatement of a date already dated in the sentence (上周二（18日）) adds none.
    `unknown` (actors.unknown_occurrences) supplies the names of a clause the registry leaves empty."""
    rules = load_rules()
    done = expressions[expressions["resolved"].astype(bool)].sort_values(
        ["article_id", "sentence_id", "offset_start"], kind="stable")
    sents = _event_sentences({(str(a), int(i)) for a, i in zip(done["article_id"], done["sentence_id"])},
                             sentences, mentions, rules, unknown)
    rows, seen, k, previous = [], set(), 0, None
    for e in done.itertuples(index=False):
        key = (str(e.article_id), int(e.sentence_id))
        k = k + 1 if key == previous else 0  # k-th resolved expression of this sentence
        previous = key
        if key not in sents or (key, e.start, e.end) in seen or background_in_clause(e, sents[key], done, rules) \
                or dated_news(e, sents[key], done, rules):
            continue
        seen.add((key, e.start, e.end))
        got = _event_row(e, sents[key], rules)
        if got is not None:
            rows.append({"event_id": f"{e.article_id}:{e.sentence_id}:{k}", "article_id": e.article_id,
                         "sentence_id": int(e.sentence_id), "expression": e.expression, "start": e.start,
                         "end": e.end, "granularity": e.granularity, **got})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).astype({"sentence_id": int})


# ----------------------------------------------------------------------------------------------
# merge

def merge_key(trigger: str, obj: str, rules: dict) -> tuple[str, str] | None:
    """(trigger class, object key) identifying the same real event across articles; None if not mergeable."""
    if not trigger:
        return None
    cls = rules["events"]["triggers"].get(trigger, {}).get("class", trigger)
    key = to_simplified_key(obj)
    for suffix in rules["events"]["object"]["drop_suffixes"]:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    if not key and rules["merge"]["require_object"]:
        return None
    return cls, key


def to_simplified_key(obj: str) -> str:
    """An object as a merge key: simplified script, no spaces or hyphens, case-folded (發佈 and 发布
    articles agree, and so do 'Llama-2' and 'Llama 2')."""
    from .script import to_simplified

    return re.sub(r"[\s\-]+", "", to_simplified(obj or "")).casefold()


def _event_order(event_id: str) -> tuple:
    """Sort key for event ids 'article:sentence:k' with numeric sentence and k."""
    article, sentence, k = event_id.rsplit(":", 2)
    return article, int(sentence), int(k)


@dataclass
class _Cluster:
    """Events merged into one timeline entry; rep is the most precise member."""
    key: tuple | None
    rep: dict
    members: list = field(default_factory=list)


def _merge_items(events: pd.DataFrame, rules: dict) -> list[dict]:
    """Dated events as dicts with parsed dates and merge key, narrowest interval first."""
    items = []
    for e in events.to_dict("records"):
        if not e["start"] or not e["end"]:
            continue
        trigger = e["trigger"] if isinstance(e["trigger"], str) else ""
        obj = e.get("object")
        if not isinstance(obj, str):  # an events table without the object column: the label after the trigger
            label = str(e["label"])
            obj = label[label.index(trigger) + len(trigger):].strip() if trigger and trigger in label else ""
        e["_s"], e["_e"] = dt.date.fromisoformat(e["start"]), dt.date.fromisoformat(e["end"])
        e["_key"] = merge_key(trigger, obj, rules)
        items.append(e)
    items.sort(key=lambda e: ((e["_e"] - e["_s"]).days, e["_s"], _event_order(e["event_id"])))
    return items


def _clusters(items: list[dict]) -> list[_Cluster]:
    """Each event joins the first entry with its key whose representative interval overlaps its own."""
    clusters: list[_Cluster] = []
    by_merge_key: dict = defaultdict(list)  # only clusters with the same key can take an event
    for e in items:
        candidates = by_merge_key.get(e["_key"], []) if e["_key"] is not None else []
        home = next((c for c in candidates if e["_s"] <= c.rep["_e"] and c.rep["_s"] <= e["_e"]), None)
        if home is None:
            clusters.append(_Cluster(e["_key"], e, [e]))
            if e["_key"] is not None:
                by_merge_key[e["_key"]].append(clusters[-1])
        else:
            home.members.append(e)
    return clusters


def _entry(c: _Cluster) -> dict:
    """A timeline row for a cluster: the representative's dates and label, every member's sources."""
    members = sorted(c.members, key=lambda e: _event_order(e["event_id"]))
    actors = sorted({a for e in members if isinstance(e["actors"], str) for a in e["actors"].split("; ") if a})
    articles = sorted({str(e["article_id"]) for e in members})
    mains = [e.get("main_actor") for e in members if isinstance(e.get("main_actor"), str) and e.get("main_actor")]
    rep_main = c.rep.get("main_actor") if isinstance(c.rep.get("main_actor"), str) else ""
    main = max(sorted(set(mains)), key=lambda a: (mains.count(a), a == rep_main)) if mains else ""
    sentences = sorted({(str(e["article_id"]), int(e["sentence_id"])) for e in members})
    return {"start": c.rep["start"], "end": c.rep["end"], "granularity": c.rep["granularity"],
            "label": c.rep["label"], "main_actor": main, "actors": "; ".join(actors),
            "article_ids": "; ".join(articles), "n_sources": len(articles),
            "event_ids": "; ".join(e["event_id"] for e in members),
            "sentences": "; ".join(f"{a}:{i}" for a, i in sentences), "_key": c.key}


def same_event(a: dict, b: dict) -> bool:
    """Whether two timeline entries report the same real event: same trigger class and object, the same
    main actor (or shared actors when one has none), and not the same source sentence (an entry, or
    a restatement within one sentence, never conflicts with itself)."""
    if a["timeline_id"] == b["timeline_id"] or a["_key"] is None or a["_key"] != b["_key"]:
        return False
    if set(a["sentences"].split("; ")) & set(b["sentences"].split("; ")):
        return False
    if a["main_actor"] and b["main_actor"]:
        return a["main_actor"] == b["main_actor"]
    return bool(set(a["actors"].split("; ")) & set(b["actors"].split("; ")) - {""})


def merge_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """One row per real event: sources merged when trigger class + object agree and dates overlap;
    entries that are the same event (`same_event`) with disjoint dates are flagged as conflicts."""
    rows = [_entry(c) for c in _clusters(_merge_items(events, load_rules()))]
    rows.sort(key=lambda r: (r["start"], r["label"], r["end"], r["event_ids"]))
    width = max(3, len(str(len(rows))))
    for i, r in enumerate(rows, 1):
        r["timeline_id"] = f"T{i:0{width}d}"
    by_key = defaultdict(list)
    for r in rows:
        by_key[r["_key"]].append(r)
    for r in rows:
        others = [o["timeline_id"] for o in by_key[r["_key"]] if same_event(r, o)] if r["_key"] else []
        r["conflict"], r["conflict_with"] = bool(others), "; ".join(others)
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


# ----------------------------------------------------------------------------------------------
# TimelineJS export

def _tljs_date(iso: str, granularity: str) -> dict:
    """A TimelineJS3 date object at the precision the entry has: a year, a month or a day."""
    d = dt.date.fromisoformat(iso)
    out = {"year": str(d.year)}
    if granularity not in ("year", "years", "decade", "era"):
        out["month"] = str(d.month)
        if granularity in ("day", "days", "week"):
            out["day"] = str(d.day)
    return out


def _tljs_text(entry: dict, sentences: dict) -> str:
    """The entry's source sentences as HTML (article text escaped: TimelineJS renders this field as HTML)."""
    items = []
    for ref in str(entry["sentences"] or "").split("; "):
        if ref and ref in sentences:
            aid = ref.rsplit(":", 1)[0]
            items.append(f"<li>{html.escape(sentences[ref])} <small>({html.escape(aid)})</small></li>")
    period = f"{entry['start']} .. {entry['end']}" if entry["start"] != entry["end"] else str(entry["start"])
    return f"<p>{html.escape(period)}</p><ul>{''.join(items)}</ul>"


def to_timelinejs(timeline: pd.DataFrame, sentences: pd.DataFrame, title: str = "kaiyuan timeline") -> dict:
    """The merged timeline in TimelineJS3 JSON: one event per dated entry with start_date (and end_date for
    an interval), text {headline: label, text: its source sentences}, group = main actor, unique_id."""
    text_col = "text" if "text" in sentences.columns else "text_simplified"
    sents = {f"{a}:{int(i)}": str(t) for a, i, t in zip(sentences["article_id"], sentences["sentence_id"],
                                                          sentences[text_col])} if len(sentences) else {}
    events = []
    for e in timeline.to_dict("records"):
        if not e["start"] or not e["end"] or not isinstance(e["start"], str):
            continue
        item = {"unique_id": str(e["timeline_id"]), "start_date": _tljs_date(e["start"], e["granularity"]),
                "text": {"headline": html.escape(str(e["label"])), "text": _tljs_text(e, sents)},
                "group": str(e.get("main_actor") or "") or "other"}
        if e["start"] != e["end"]:
            item["end_date"] = _tljs_date(e["end"], "day")
        events.append(item)
    return {"title": {"text": {"headline": html.escape(title),
                               "text": f"{len(events)} dated events merged from the corpus (kaiyuan)"}},
            "events": events}


def write_timelinejs(timeline: pd.DataFrame, sentences: pd.DataFrame, path: str | Path) -> Path:
    """Write to_timelinejs as UTF-8 JSON (sorted keys: the same tables give the same file)."""
    import json

    path = Path(path)
    path.write_text(json.dumps(to_timelinejs(timeline, sentences), ensure_ascii=False, indent=1, sort_keys=True),
                    encoding="utf-8")
    return path
