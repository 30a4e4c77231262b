"""Cleaning: turn scraped article text into clean article text, recording every change.

The raw text is never modified.  `clean_text` returns a new text plus two audit
lists: the lines it removed (with a reason) and the in-line repairs it made.
All patterns live in ``data/boilerplate.yaml``; this module only applies them.
Cleaning is idempotent: cleaning a clean text changes nothing.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import memo
from .config import load_yaml
from .script import normalise_for_match, to_simplified

DATA_DIR = Path(__file__).parent / "data"
BOILERPLATE_PATH = DATA_DIR / "boilerplate.yaml"

# Sentence-final punctuation (full- and half-width) and closing quotes/brackets.
TERMINALS = "。！？!?…；;"
CLOSERS = "”’」』）)】》\"'"
_HAS_CONTENT = re.compile(r"[A-Za-z\u3400-\u9fff]")
_LIST_NUMBER = re.compile(r"^\s*(\d{1,3}[.)、]|[-*•])\s*")
# pictographs and variation selectors in front of a line (emoji bullets, SHAPES.md A32)
_LIST_BULLET = re.compile(r"^[-*•·]\s+")
_LEADING_ICONS = re.compile("^[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff\\s]+")


@dataclass(frozen=True)
class Removed:
    line_no: int
    text: str
    reason: str


@dataclass(frozen=True)
class Repair:
    line_no: int
    rule: str
    before: str
    after: str


@dataclass
class Cleaned:
    """Result of cleaning one article: clean text, its lines, and the audit trail."""

    text: str
    lines: list[tuple[int, str]]  # (raw line number, clean line)
    title: str = ""  # first line when it looks like a headline, else ""
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules (see data/boilerplate.yaml)."""

    line_rules: tuple[tuple[str, int, re.Pattern], ...]
    tail_markers: tuple[tuple[str, re.Pattern], ...]
    tail_min_share: float
    teaser_labels: re.Pattern
    byline_name: re.Pattern
    caption_max_chars: int
    no_caption_above: re.Pattern
    repairs: tuple[tuple[str, re.Pattern, str], ...]
    title_suffix: re.Pattern
    title_channel_suffix: re.Pattern | None = None
    title_counter_suffix: re.Pattern | None = None
    title_translation_suffix: re.Pattern | None = None
    title_wire_prefix: re.Pattern | None = None
    tail_long_prefixes: tuple[str, ...] = ()
    tail_teaser: re.Pattern | None = None
    teaser_body_opener: re.Pattern | None = None
    headline_window: int = 1
    headline_min_chars: int = 1
    headline_near_longest: float = 1.0
    caption_max_clauses: int = 1_000
    head_masthead: re.Pattern | None = None
    head_category: re.Pattern | None = None
    repeat_min_chars: int = 0
    subtitle_openers: tuple[str, ...] = ()
    section_heading_opener: re.Pattern | None = None
    pinyin_residue: re.Pattern | None = None
    headline_reference_mark: re.Pattern | None = None
    headline_never: re.Pattern | None = None
    affiliation_line: re.Pattern | None = None
    author_list: re.Pattern | None = None
    title_programme_tag: re.Pattern | None = None
    title_markup_residue: re.Pattern | None = None
    title_writer: tuple[re.Pattern, ...] = ()


def _line_patterns(reason: str, rule: dict, spec: dict) -> list[str]:
    """A line rule's patterns; a paper's record lines (`paper_metadata`) also take the affiliation line."""
    extra = [spec["affiliation_line"]] if reason == "paper_metadata" and spec.get("affiliation_line") else []
    return list(rule["patterns"]) + extra


@functools.lru_cache(maxsize=8)
def load_rules(path: str | Path = BOILERPLATE_PATH) -> Rules:
    """Read and compile the boilerplate rule file (cached per path)."""
    spec = load_yaml(path)
    line_rules = tuple(
        (reason, int(rule.get("max_chars", 10_000)), re.compile("|".join(f"(?:{p})" for p in _line_patterns(reason, rule, spec))))
        for reason, rule in spec["line_rules"].items()
    )
    tails = tuple(
        (reason, re.compile("|".join(f"(?:{p})" for p in pats))) for reason, pats in spec["tail_markers"].items()
    )
    teaser = re.compile("^(?:" + "|".join(spec["teaser_labels"]) + ")")
    repairs = tuple((r["rule"], re.compile(r["pattern"]), r["replace"]) for r in spec["repairs"])
    return Rules(
        line_rules=line_rules,
        tail_markers=tails,
        tail_min_share=float(spec["tail_min_share"]),
        teaser_labels=teaser,
        byline_name=re.compile(spec["byline_name_pattern"]),
        caption_max_chars=int(spec["caption_max_chars"]),
        caption_max_clauses=int(spec.get("caption_max_clauses", 1_000)),
        head_masthead=re.compile("|".join(f"(?:{p})" for p in spec["head_masthead"])) if spec.get("head_masthead") else None,
        repeat_min_chars=int(spec.get("repeated_paragraph_min_chars", 0)),
        head_category=re.compile(spec["head_category"]) if spec.get("head_category") else None,
        no_caption_above=re.compile(spec.get("no_caption_above_pattern", "(?!)")),
        repairs=repairs,
        title_suffix=re.compile(spec["title_outlet_suffix"]),
        title_channel_suffix=re.compile(spec["title_channel_suffix"]) if spec.get("title_channel_suffix") else None,
        title_counter_suffix=re.compile(spec["title_counter_suffix"]) if spec.get("title_counter_suffix") else None,
        title_translation_suffix=(re.compile(spec["title_translation_suffix"]) if spec.get("title_translation_suffix")
                                  else None),
        title_wire_prefix=re.compile(spec["title_wire_prefix"]) if spec.get("title_wire_prefix") else None,
        tail_long_prefixes=tuple(spec.get("tail_long_line_prefixes", ())),
        headline_window=int(spec.get("headline_window", 1)),
        subtitle_openers=tuple(spec.get("subtitle_openers", ())),
        section_heading_opener=(re.compile(spec["section_heading_opener"]) if spec.get("section_heading_opener")
                                else None),
        pinyin_residue=next((p for rule, p, _ in repairs if rule == "pinyin_annotation"), None),
        headline_min_chars=int(spec.get("headline_min_chars", 1)),
        headline_near_longest=float(spec.get("headline_near_longest", 1.0)),
        teaser_body_opener=(re.compile("|".join(f"(?:{p})" for p in spec["teaser_body_openers"]))
                            if spec.get("teaser_body_openers") else None),
        headline_reference_mark=(re.compile(spec["headline_reference_mark"]) if spec.get("headline_reference_mark")
                                 else None),
        headline_never=(re.compile("|".join(f"(?:{p})" for p in spec.get("headline_never", []) + (
            [spec["affiliation_line"]] if spec.get("affiliation_line") else []))) if spec.get("headline_never") else None),
        affiliation_line=re.compile(spec["affiliation_line"]) if spec.get("affiliation_line") else None,
        author_list=re.compile(spec["author_list"]) if spec.get("author_list") else None,
        title_programme_tag=re.compile(spec["title_programme_tag"]) if spec.get("title_programme_tag") else None,
        title_markup_residue=re.compile(spec["title_markup_residue"]) if spec.get("title_markup_residue") else None,
        title_writer=tuple(re.compile(p) for p in spec.get("title_writer", ())),
        tail_teaser=(re.compile("(?<=[。！？!?”」』])\\s*(?:" + "|".join(spec["tail_teaser_labels"]) + ")")
                     if spec.get("tail_teaser_labels") else None),
    )


def is_markup_only(line: str) -> bool:
    """True when a line holds HTML tags and nothing readable once they are gone."""
    if "<" not in line and "&" not in line:
        return False
    stripped = re.sub(r"<[^>]*>|&[#\w]+;", "", line)
    stripped = _LIST_NUMBER.sub("", stripped)
    return stripped != line.strip() and not _HAS_CONTENT.search(stripped)


def has_terminal(line: str) -> bool:
    """True when a line ends like a sentence (punctuation, possibly before closing quotes)."""
    return bool(line) and line.rstrip(CLOSERS)[-1:] in TERMINALS


def line_reason(line: str, rules: Rules) -> str | None:
    """The whole-line rule a line matches, or None."""
    if is_markup_only(line):
        return "html_markup"
    if rules.pinyin_residue and "(" in line:  # '南方周末實(shí)習(xí)生 …': a mirror's pinyin residue does not hide a rule
        line = rules.pinyin_residue.sub("", line)
    # '📱 下载…', '👍 赞同…', '- 作者：…': icons and list bullets do not hide a rule
    norm = _LIST_BULLET.sub("", _LEADING_ICONS.sub("", normalise_for_match(line)))
    for reason, max_chars, pattern in rules.line_rules:
        if len(norm) <= max_chars and pattern.search(norm):
            return reason
    return None


def tail_reason(line: str, rules: Rules) -> str | None:
    """The footer marker a line matches (disclaimer, comment form, related links), or None; leading icons do not
    hide one ('⚠️ 本文不构成任何投资建议…')."""
    norm = _LEADING_ICONS.sub("", normalise_for_match(line))
    if len(norm) > 400 and not norm.startswith(rules.tail_long_prefixes):
        return None
    for reason, pattern in rules.tail_markers:
        if pattern.search(norm):
            return reason
    return None


def repair_line(line: str, rules: Rules) -> tuple[str, list[tuple[str, str, str]]]:
    """Apply in-line repairs until nothing changes; return the line and (rule, before, after) records."""
    records = []
    for _ in range(5):
        changed = False
        for rule, pattern, replace in rules.repairs:
            if replace == "<unescape>":
                new = pattern.sub(lambda m: html.unescape(m.group(0)), line)
            elif replace == "<bare_entity>":
                new = pattern.sub(lambda m: html.unescape("&" + m.group(0)), line)
            elif replace == "<json_unescape>":
                new = pattern.sub(lambda m: chr(int(m.group(1), 16)), line)
            else:
                new = pattern.sub(replace, line)
            if new != line:
                records.append((rule, line, new))
                line, changed = new, True
        stripped = line.strip()
        if stripped != line:
            line, changed = stripped, True
        if not changed:
            break
    return line, records


def split_tail_teaser(line: str, rules: Rules) -> tuple[str, str]:
    """(body, teaser) for a paragraph with a related-reading teaser glued after its last sentence."""
    if rules.tail_teaser is None:
        return line, ""
    m = rules.tail_teaser.search(to_simplified(line))  # same length as the line: offsets carry over
    if m is None:
        return line, ""
    return line[:m.start()].rstrip(), line[m.start():].strip()


def split_title_writer(line: str, rules: Rules) -> tuple[str, str]:
    """(headline, writer) of a headline line that names its writer (boilerplate.yaml `title_writer`: '【來論】<name>:
    <headline>' on an opinion page, '<column>/<headline>\\<name>' on an e-paper); (line, '') for any other line."""
    if len(line) > 80 or not rules.title_writer:
        return line, ""
    for pattern in rules.title_writer:
        if (m := pattern.match(line.strip())):
            return m.group("keep").strip(), "".join(m.group("name").split())  # '沈 金': a spaced name is one
    return line, ""


def split_teaser(line: str, rules: Rules) -> tuple[str, str]:
    """Split a paragraph that starts with a teaser label into (teaser, rest)."""
    if not rules.teaser_labels.match(normalise_for_match(line)):
        return "", line
    end = min((line.find(t) for t in "。！？!?" if t in line), default=-1)
    head = line[: end if end >= 0 else len(line)]
    cut = max(head.rfind(c) for c in "，,；;")
    if cut < 0:
        return line, ""
    cut = _body_opener_start(line, cut, rules)
    return line[: cut + 1], line[cut + 1 :].lstrip()


def _body_opener_start(line: str, cut: int, rules: Rules) -> int:
    """Where the teaser run before the clause break at `cut` really ends: when its last clause ends
    in a sentence-opening frame (像…一样，/当…时，/随着…，), that frame is the body's first clause
    and the teaser stops just before it. Returns the index of the teaser's last character."""
    if rules.teaser_body_opener is None:
        return cut
    start = max(line.rfind(c, 0, cut) for c in "，,；;") + 1
    m = rules.teaser_body_opener.search(to_simplified(line[start:cut]))  # same length: offsets carry over
    return start + m.start() - 1 if m and m.start() > 0 else cut


MAX_PASSES = 5


def clean_text(raw: str, rules: Rules | None = None) -> Cleaned:
    """Clean one article's text; see the module docstring and data/boilerplate.yaml.

    The rules are applied pass after pass until a pass changes nothing (a repair can turn a line
    into boilerplate, e.g. 'Leave a Reply</p>'), so cleaning a clean text is a no-op.  Every pass
    works on (raw line number, text) pairs: line numbers in the audit always refer to the raw text.
    """
    from .metadata import date_lines, fused_headline, fused_summary

    rules = rules or load_rules()
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [(i + 1, ln) for i, ln in enumerate(raw.split("\n"))]
    # date, time and source lines at the head or the foot (kaiyuan.metadata): metadata, not body
    dated = {d.line_no for d in date_lines([t for _, t in lines])}
    removed: list[Removed] = []
    for no in sorted(dated):  # a headline or a summary fused with its date line stays, the date part goes
        meta, summary = fused_summary(lines[no - 1][1])
        headline, rest = ("", "") if meta else fused_headline(lines[no - 1][1])
        if meta or headline:
            lines[no - 1] = (no, summary if meta else headline)
            dated.discard(no)
            removed.append(Removed(no, meta or rest, "date_line"))
    repairs: list[Repair] = []
    title = ""
    for _ in range(MAX_PASSES):
        kept, title, pass_removed, pass_repairs = _clean_pass(lines, rules, dated)
        removed += pass_removed
        repairs += pass_repairs
        converged = not pass_removed and not pass_repairs
        lines = kept
        if converged:
            break
    removed.sort(key=lambda r: (r.line_no, r.reason))
    return Cleaned(
        text="\n".join(t for _, t in lines),
        lines=lines,
        title=title,
        removed=removed,
        repairs=repairs,
    )


def _clean_pass(lines: list[tuple[int, str]], rules: Rules,
                dated: frozenset = frozenset()) -> tuple[list[tuple[int, str]], str, list, list]:
    """One pass of every rule over (line number, text) pairs: (kept lines, title, removed, repairs).
    `dated`: raw line numbers of the page's date/source lines (removed as 'date_line')."""
    removed: list[Removed] = []
    repairs: list[Repair] = []
    kept = _drop_junk_lines(lines, rules, dated, removed)
    kept = _drop_page_footer(kept, rules, removed)
    kept = _drop_head_credits(kept, lines, rules, removed)
    kept = _repair_lines(kept, rules, removed, repairs)
    kept, title = _find_headline(kept, rules, removed, repairs)
    kept = _drop_repeats_and_closers(kept, rules, bool(title), removed)
    return kept, title, removed, repairs


def _drop(removed: list, entries, reason: str) -> None:
    """Record (line number, text) entries as removed for `reason`."""
    for no, text in entries:
        removed.append(Removed(no, text.strip(), reason))


def _drop_junk_lines(lines, rules: Rules, dated, removed: list) -> list[tuple[int, str]]:
    """Step 1, whole-line rules: the non-blank lines no rule removes (stripped); date/source lines go."""
    kept = []
    for no, text in lines:
        if not text.strip():
            continue
        reason = memo.call(line_reason, text.strip(), rules) or ("date_line" if no in dated else None)
        if reason:
            _drop(removed, [(no, text)], reason)
        else:
            kept.append((no, text.strip()))
    return kept


def _drop_page_footer(kept, rules: Rules, removed: list) -> list[tuple[int, str]]:
    """Step 2, page footer: a tail marker and everything after it (with the short unfinished lines just
    above it); a marker in the first part of the article removes only its own line and the scan goes on."""
    total = sum(len(t) for _, t in kept) or 1
    seen = 0
    out = []
    for idx, (no, text) in enumerate(kept):
        reason = memo.call(tail_reason, text, rules)
        if reason and seen / total >= rules.tail_min_share:
            start = len(out)
            while start > 0 and len(out[start - 1][1]) <= 16 and not has_terminal(out[start - 1][1]):
                start -= 1
            _drop(removed, out[start:], f"before_{reason}")
            _drop(removed, [kept[idx]], reason)
            _drop(removed, kept[idx + 1 :], f"after_{reason}")
            return out[:start]
        if reason:
            _drop(removed, [kept[idx]], reason)
            continue
        out.append((no, text))
        seen += len(text)
    return out


def _is_caption(idx: int, no: int, text: str, kept, credits: set, next_nonblank: dict, rules: Rules) -> bool:
    """A caption is the line directly above a photo credit (blank lines aside), short and one sentence
    at most; a headline opening the article stays even when a credit follows it (a photo without caption)."""
    return (
        next_nonblank.get(no) in credits
        and len(text) <= rules.caption_max_chars
        and len(re.findall("[，,；;]", text)) < rules.caption_max_clauses
        and not any(c in TERMINALS for c in text.rstrip(CLOSERS)[:-1])  # one sentence at most
        and not (idx == 0 and len(kept) > 1 and is_headline(text))
    )


def _head_credit_reason(idx: int, text: str, first_body: int, rules: Rules, next_text: str = "") -> str | None:
    """Bylines and mastheads above the first body paragraph (the reason), or None; `next_text` is the line under it
    (a paper's row of author names is a byline right above its affiliation line)."""
    if idx < first_body and rules.byline_name.match(text):
        return "byline"
    if 0 < idx < first_body and rules.author_list and rules.author_list.match(text.strip()) and (
            rules.affiliation_line and rules.affiliation_line.search(next_text)):
        return "byline"
    if 0 < idx < first_body and rules.head_masthead and rules.head_masthead.search(normalise_for_match(text)):
        return "masthead"
    if idx == 1 < first_body and rules.head_category and rules.head_category.match(normalise_for_match(text)):
        return "masthead"
    return None


def _drop_head_credits(kept, lines, rules: Rules, removed: list) -> list[tuple[int, str]]:
    """Step 3: captions right above photo credits, bylines and mastheads before the first body paragraph."""
    credits = {r.line_no for r in removed if r.reason == "photo_credit" and not rules.no_caption_above.match(r.text)}
    nonblank = [no for no, t in lines if t.strip()]
    next_nonblank = dict(zip(nonblank, nonblank[1:]))
    raw = dict(lines)
    first_body = next((i for i, (_, t) in enumerate(kept) if len(t) >= 40 and has_terminal(t)), len(kept))
    out = []
    for idx, (no, text) in enumerate(kept):
        reason = _head_credit_reason(idx, text, first_body, rules, raw.get(next_nonblank.get(no), ""))
        if reason is None and _is_caption(idx, no, text, kept, credits, next_nonblank, rules):
            reason = "photo_caption"
        if reason:
            _drop(removed, [(no, text)], reason)
        else:
            out.append((no, text))
    return out


def _repair_lines(kept, rules: Rules, removed: list, repairs: list) -> list[tuple[int, str]]:
    """Step 4: teaser prefixes and glued tail teasers cut, in-line repairs; a line left with no
    letters or characters goes as 'artefact_only'."""
    out = []
    for no, text in kept:
        text, writer = split_title_writer(text, rules)
        if writer:  # '【來論】<name>:<headline>': the writer is a byline, the headline stays
            _drop(removed, [(no, writer)], "byline")
            repairs.append(Repair(no, "title_writer", writer, ""))
        teaser, rest = split_teaser(text, rules)
        if teaser:
            _drop(removed, [(no, teaser)], "teaser")
            text = rest
        text, glued = memo.call(split_tail_teaser, text, rules)
        if glued:
            _drop(removed, [(no, glued)], "tail_teaser")
        fixed, records = memo.call(repair_line, text, rules)
        repairs.extend(Repair(no, rule, *change_snippet(b, a)) for rule, b, a in records)
        if fixed and _HAS_CONTENT.search(fixed):
            out.append((no, fixed))
        elif fixed or text:
            _drop(removed, [(no, text)], "artefact_only")
    return out


def _join_split_headline(kept, at, rules: Rules, repairs: list):
    """(kept, at): a headline split over two lines (the first half ends with a colon, comma or dash) joined."""
    if at is not None and at > 0 and continues_headline(kept[at - 1][1], kept[at][1], rules):
        (no, first), (_, second) = kept[at - 1], kept[at]
        repairs.append(Repair(no, "headline_joined", first, first + second))
        return kept[: at - 1] + [(no, first + second)] + kept[at + 1 :], at - 1
    return kept, at


def _tidy_title(kept, rules: Rules, repairs: list) -> None:
    """The headline line (kept[0]) without a wire prefix, a view counter or an appended outlet name."""
    no, text = kept[0]
    text = _strip_wire_prefix(kept, rules, repairs)
    counter = rules.title_counter_suffix.search(text) if rules.title_counter_suffix else None
    if counter and counter.start() >= 6:  # '<headline> 阅读 1.2万': a view counter is no part of the title
        repairs.append(Repair(no, "title_counter_suffix", text, text[: counter.start()]))
        text = text[: counter.start()]
        kept[0] = (no, text)
    tag = rules.title_programme_tag.search(text) if rules.title_programme_tag else None
    if tag and len(text) - len(tag.group(0)) >= 6:  # '<headline>【獨立特派員】', '「科技週報」<headline>': the tag goes
        repairs.append(Repair(no, "title_programme_tag", tag.group(0).strip(), ""))
        text = (text[: tag.start()] + text[tag.end():]).strip()
        kept[0] = (no, text)
    bare = rules.title_markup_residue.sub("", text).strip() if rules.title_markup_residue else text
    if bare != text and len(bare) >= 6:  # '# <headline>', '<headline>**': Markdown marks left by a converter go
        repairs.append(Repair(no, "title_markup_residue", text, bare))
        text = bare
        kept[0] = (no, text)
    stripped = strip_outlet_suffix(text, rules)
    if stripped != text:
        repairs.append(Repair(no, "title_outlet_suffix", text, stripped))
        kept[0] = (no, stripped)


def _drop_title_repeats(kept, title: str, rules: Rules, removed: list) -> list[tuple[int, str]]:
    """The headline's translation on the next line and its later repeats (also with the outlet appended) go."""
    if len(kept) > 2 and is_headline_translation(kept[1][1]):
        _drop(removed, [kept[1]], "headline_translation")
        kept = [kept[0]] + kept[2:]
    key = normalise_for_match(title)
    is_repeat = lambda t: key in (normalise_for_match(t), normalise_for_match(strip_outlet_suffix(t, rules)))  # noqa: E731
    repeat = [is_repeat(t) for _n, t in kept[1:]]
    _drop(removed, [line for line, r in zip(kept[1:], repeat) if r], "repeated_title")
    return [kept[0]] + [line for line, r in zip(kept[1:], repeat) if not r]


def _find_headline(kept, rules: Rules, removed: list, repairs: list) -> tuple[list[tuple[int, str]], str]:
    """Step 5, (kept, title): the longest headline-like line above the first body paragraph; page chrome
    above it goes (kickers, tickers, mastheads); an appended outlet name is cut; later repeats go."""
    kept, at = _join_split_headline(kept, headline_index(kept, rules), rules, repairs)
    if at is None:
        return kept, ""
    _drop(removed, kept[:at], "above_headline")
    kept = kept[at:]
    _tidy_title(kept, rules, repairs)
    title = kept[0][1]
    return _drop_title_repeats(kept, title, rules, removed), title


def _drop_repeats_and_closers(kept, rules: Rules, has_title: bool, removed: list) -> list[tuple[int, str]]:
    """Step 6: repeated paragraphs, an in-page table of contents, the outlet's name closing the page."""
    kept, repeats = drop_repeated_paragraphs(kept, rules.repeat_min_chars)
    _drop(removed, repeats, "repeated_paragraph")
    kept, contents = drop_contents_entries(kept, has_title)
    _drop(removed, contents, "contents_list")
    if len(kept) > 2 and rules.head_masthead and rules.head_masthead.search(normalise_for_match(kept[-1][1])):
        _drop(removed, [kept[-1]], "masthead")  # the outlet's name closing the page, above its link footer (J25, J9)
        kept = kept[:-1]
    return kept


def drop_contents_entries(kept: list[tuple[int, str]], has_title: bool) -> tuple[list, list]:
    """(kept, dropped): an in-page table of contents (SHAPES.md J24) -- short lines above the first body
    paragraph that come back later in the text as its subheadings (two at least: one repeated line is
    no table); the later subheadings stay."""
    start = 1 if has_title else 0
    first_body = next((i for i, (_, t) in enumerate(kept) if is_body_paragraph(t)), len(kept))
    later = {normalise_for_match(t) for _, t in kept[first_body:]}
    entries = {i for i in range(start, first_body)
               if len(kept[i][1]) <= 40 and not has_terminal(kept[i][1]) and normalise_for_match(kept[i][1]) in later}
    if len(entries) < 2:
        return kept, []
    return [x for i, x in enumerate(kept) if i not in entries], [kept[i] for i in sorted(entries)]


def drop_repeated_paragraphs(kept: list[tuple[int, str]], min_chars: int) -> tuple[list, list]:
    """(kept, dropped): a paragraph of at least `min_chars` printed again later (a content farm's or a
    widget's duplicate, SHAPES.md A16) counts once: the later copies go."""
    if min_chars <= 0:
        return kept, []
    seen, out, dropped = set(), [], []
    for no, text in kept:
        key = normalise_for_match(text)
        if len(key) >= min_chars and key in seen:
            dropped.append((no, text))
            continue
        seen.add(key)
        out.append((no, text))
    return out, dropped


def change_snippet(before: str, after: str, context: int = 8) -> tuple[str, str]:
    """The changed stretch of a line with a little context on each side (for repairs.csv)."""
    pre = 0
    while pre < min(len(before), len(after)) and before[pre] == after[pre]:
        pre += 1
    suf = 0
    while suf < min(len(before), len(after)) - pre and before[-1 - suf] == after[-1 - suf]:
        suf += 1
    lo = max(0, pre - context)
    return before[lo : len(before) - max(0, suf - context)], after[lo : len(after) - max(0, suf - context)]


def headline_index(kept: list[tuple[int, str]], rules: Rules) -> int | None:
    """Index of the headline among the lines above the first body paragraph (at most
    `headline_window` lines): of the lines that read as a headline and are nearly as long as the
    longest one (`headline_near_longest`), the last; what sits above a headline (kicker, ticker,
    masthead) is shorter or comes first. Lines too short to be a headline (UI tokens: 首页, 登录, 菜单)
    do not use up the window. None when the text opens with body or has a single line.
    A section heading ('一、…', `section_heading_opener`) or a list item ('- …', '• …') is never the headline."""
    if len(kept) < 2:
        return None
    first_body = next((i for i, (_, t) in enumerate(kept) if is_body_paragraph(t)), len(kept))
    window, counted = [], 0
    for i in range(min(first_body, len(kept) - 1)):
        if len(_HAS_CONTENT.findall(kept[i][1])) < rules.headline_min_chars:
            continue
        if counted == rules.headline_window:
            break
        counted += 1
        if _headline_candidate(kept[i][1], rules):
            window.append(i)
    if not window:
        return None
    longest = max(_headline_weight(kept[i][1]) for i in window)
    return max(i for i in window if _headline_weight(kept[i][1]) >= rules.headline_near_longest * longest)


def _headline_candidate(line: str, rules: Rules) -> bool:
    """`line` reads as a headline and is none of the lines that never are: a subtitle opening with a dash ('——专访…'),
    a section heading or list item, a summary bullet closed by a citation mark, or a `headline_never` line (an abstract
    sentence, an affiliation, a citation, a dateless strip)."""
    return (is_headline(line) and not line.startswith(rules.subtitle_openers)
            and not (rules.section_heading_opener and rules.section_heading_opener.match(line))
            and not (rules.headline_reference_mark and rules.headline_reference_mark.search(line))
            and not (rules.headline_never and rules.headline_never.search(line)))


def continues_headline(first: str, second: str, rules: Rules) -> bool:
    """True when `first` is the first half of a headline split over two lines ('Meta发布新模型：' above
    '能否撼动闭源阵营'): it ends with a colon, comma, enumeration comma or dash (no headline ends there),
    holds at least `headline_min_chars` letters (a kicker such as '独家：' is shorter) and the two
    halves together still read as one headline."""
    return (first.rstrip().endswith(("：", ":", "，", ",", "、", "——", "—"))
            and len(_HAS_CONTENT.findall(first)) >= rules.headline_min_chars
            and not has_terminal(first) and not re.search("[：:]", second) and is_headline(first.rstrip() + second))


def _headline_weight(line: str) -> int:
    """Length for choosing the headline: Chinese characters count whole, a Latin word counts as one
    (an English subtitle is not 'longer' than the Chinese headline above it)."""
    return len(re.findall(r"[\u3400-\u9fff]", line)) + len(re.findall(r"[A-Za-z0-9]+", line))


def is_headline_translation(line: str) -> bool:
    """An English rendering of the headline right under it (bilingual pages, SHAPES.md A11): a headline-
    like line of Latin words without one Chinese character."""
    return (is_headline(line) and not re.search(r"[\u3400-\u9fff]", line)
            and len(re.findall(r"[A-Za-z]+", line)) >= 3 and not has_terminal(line))


def is_body_paragraph(line: str) -> bool:
    """A paragraph of body text: long, ending with a full stop, or holding a sentence end before its
    last characters (a headline may end with a question or exclamation mark, never hold two sentences)."""
    core = line.rstrip(CLOSERS)
    return len(line) >= 40 and (core.endswith(("。", "；", ";")) or (len(line) >= 80 and bool(re.search("[。！？!?；;]", core[:-2]))))


_TABLE_ROW = re.compile(r"^\s*\||\|\s*$")
_ONE_LATIN_WORD = re.compile(r"[A-Za-z]+")


def is_headline(line: str) -> bool:
    """A first line reads as a headline: short, not ending like a body sentence or a lead-in (colon), no
    full stop inside (a caption closed by its credit, '…致詞。（某社）'), not a table row ('| 首次發布 | …|')
    and not one Latin word alone (a brand or a section tag: 'Overview')."""
    core = line.rstrip(CLOSERS)
    return (len(line) <= 80 and not core.endswith(("。", "；", ";", "，", ",", "：", ":")) and "。" not in core
            and not _TABLE_ROW.search(line) and not _ONE_LATIN_WORD.fullmatch(line.strip()))


def _strip_wire_prefix(kept: list[tuple[int, str]], rules: Rules, repairs: list) -> str:
    """The headline without a wire dateline and title label in front of it ('中新社北京3月2日电 题：…',
    SHAPES.md B2): the prefix is recorded as a repair (title_wire_prefix) and kept[0] updated."""
    no, text = kept[0]
    m = rules.title_wire_prefix.match(to_simplified(text)) if rules.title_wire_prefix else None
    if not m or len(text) - m.end() < 6:
        return text
    repairs.append(Repair(no, "title_wire_prefix", text, text[m.end():]))
    kept[0] = (no, text[m.end():])
    return kept[0][1]


def strip_outlet_suffix(title: str, rules: Rules) -> str:
    """Remove one appended outlet name (' - 彭博社'), or a glued channel-and-site chain ('_人工智能_某某网');
    leave titles with several spaced separators alone."""
    english = rules.title_translation_suffix.search(title) if rules.title_translation_suffix else None
    if english and re.search(r"[\u3400-\u9fff]", title[: english.start()]):  # '<中文標題> | <English headline>'
        return title[: english.start()].rstrip()
    chain = rules.title_channel_suffix.search(title) if rules.title_channel_suffix else None
    if chain and len(title[: chain.start()]) >= 6:
        return title[: chain.start()].rstrip()
    if len(re.findall(r"\s[-|–—_｜]\s|｜", title)) > 1:
        return title
    m = rules.title_suffix.search(title)
    # an outlet's name is shorter than the headline it follows: '某某深度观察｜Meta发布新模型' is a
    # column label, then the headline, and stays whole
    if m and len(title[: m.start()]) >= max(6, len(title) - m.start()):
        return title[: m.start()].rstrip()
    return title
