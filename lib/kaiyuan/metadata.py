"""Publication date from the page's own metadata lines (data/metadata.yaml).

`find_published(lines)` looks at the head and the foot of an article for short metadata lines
holding a full date (a date alone, date + time + source, a labelled date, a weekday in brackets,
a Minguo year, Chinese numerals, full-width digits), parses each date string with jionlp, and picks
the publication date: a date labelled as published, else an unlabelled date at the head, else one at
the foot, else an "updated" date; on a repost page the original's date line (below the reposting
site's, naming its source) comes first. A date inside a body sentence is never taken, and a page that
shows no full date gets none: a date is never invented. The line used is returned with the date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import memo
from .config import load_yaml
from .script import normalise_for_match, to_simplified

RULES_PATH = Path(__file__).parent / "data" / "metadata.yaml"


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
    rules["_swappable_date"] = re.compile(rules.get("swappable_date", "(?!)"))
    rules["_weekday_cue"] = re.compile(rules.get("weekday_cue", "(?!)"))
    rules["_strip"] = [re.compile(p) for p in rules["strip"]]
    rules["_labels"] = {k: re.compile("(?:" + "|".join(v) + ")\\s*" + rules.get("label_separator", "[:：]") + "?\\s*$") for k, v in rules["labels"].items()}
    rules["_label_words"] = re.compile("|".join(p for v in rules["labels"].values() for p in v))
    rules["_summary"] = re.compile("(?:" + "|".join(rules.get("summary_labels", ["(?!)"])) + ")\\s*[:：]")
    rules["_table_row"] = re.compile(rules.get("table_row", "(?!)"))
    rules["_related_bullet"] = re.compile(rules.get("related_entry_bullet", "(?!)"))
    rules["_reference_fact"] = re.compile(rules.get("reference_fact", "(?!)"))
    rules["_markup_tag"] = re.compile(rules.get("markup_tag", "(?!)"), re.IGNORECASE)
    rules["_source_tail"] = re.compile(rules.get("source_tail", "(?!)"))
    rules["_url"] = re.compile(rules.get("url", "(?!)"))
    rules["_strip_separator"] = re.compile(rules["strip_separator"])  # '某某網｜AI趨勢｜': a strip, no headline
    rules["_sentence_end"] = re.compile(rules["sentence_end"])
    rules["_label_with_colon"] = re.compile(rules["label_with_colon"])
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
    """(start, end, ISO date) of every full date on a normalised line (remembered per line: the cleaner and the
    metadata reader both read the head and foot lines)."""
    return list(memo.call(_dates_in_line, norm, rules))


def _dates_in_line(norm: str, rules: dict) -> tuple[tuple[int, int, str], ...]:
    out, taken = [], []
    for pattern in rules["_dates"]:
        for m in pattern.finditer(norm):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            f = m.groupdict()
            year = int(f["roc"]) + 1911 if f.get("roc") else int(f["y"])
            month = rules["month_names"][f["mon"]] if f.get("mon") else int(f["m"])
            text = f"{year}年{month}月{int(f['d'])}日"
            iso = parse_date_string(text)
            if iso and _plausible(iso):
                out.append((m.start(), m.end(), iso))
                taken.append((m.start(), m.end()))
    return tuple(sorted(out))


def date_in_string(text: str) -> str:
    """ISO date of the first full date in a date string, read with the shapes of the metadata lines ('Fri, 03 Jan
    2025 08:42:00 +0800' -> '2025-01-03', an HTML <meta> date in the RFC 822 shape); '' when it holds none."""
    rules = load_rules()
    spans = _dates_in(arabic_dates(normalise_for_match(text or ""), rules), rules)
    return spans[0][2] if spans else ""


def _plausible(iso: str) -> bool:
    year = int(iso[:4])
    return 1990 <= year <= dt.date.today().year + 1


def _is_metadata_line(norm: str, spans: list[tuple[int, int, str]], rules: dict) -> bool:
    """Short, no sentence end outside brackets, and little left once the date and the usual
    metadata words (time, weekday, source, byline, labels, separators) are taken out."""
    length = len(rules["_url"].sub("", norm)) if "//" in norm else len(norm)  # a source link does not count
    if length > rules["max_line_chars"] or rules["_sentence_end"].search(norm):
        return False
    rest = norm
    for a, b, _ in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    for pattern in rules["_strip"] + [rules["_label_words"]]:
        rest = pattern.sub(" ", rest)
    return len(re.sub(r"\s+", "", rest)) <= rules["max_residue_chars"]


def _label(before: str, rules: dict) -> str | None:
    """'published' / 'updated' when the text right before a date is such a label; 'other' when it names another
    date than the page's ('翻译日期：', '最後瀏覽日:'), tried first."""
    for kind in ("other", "updated", "published"):
        if kind in rules["_labels"] and rules["_labels"][kind].search(before.rstrip(" ([（【")):
            return kind
    return None


def date_lines(lines: list[str], rules: dict | None = None) -> list[DateLine]:
    """Every full date on a metadata line at the head or the foot of the text, classified (published, head, foot,
    updated, or other: a date a label names as another than the page's, '翻译日期：…'; the line is metadata all the
    same)."""
    rules = rules or load_rules()
    numbered = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip()]
    head = numbered[:rules["head_lines"]]
    foot = [x for x in numbered[-rules["foot_lines"]:] if x not in head]
    heading = _related_heading(numbered[-rules["foot_lines"] - rules["related_lookback"]:], numbered)
    found = []
    cues = _weekday_cues(head, rules)
    for where, part in (("head", head), ("foot", foot)):
        for no, line in part:
            if rules["_table_row"].search(line):  # '| 首次發布 | 2023年2月24日 |': an infobox row, no metadata line
                continue
            if "<" in line:  # '<p align="right"><font …>2025年08月08日</font></p>': the tags are no words of the line
                line = rules["_markup_tag"].sub(" ", line)
            line = _converter_residue(line)  # '來(lái)源:… 日期:2023-08-01': a mirror's residue is no word of the line
            norm = arabic_dates(normalise_for_match(metadata_part(line, rules)), rules)
            spans = _dates_in(norm, rules) or _cued_swappable_dates(norm, cues, rules)
            if spans and ("http" in norm or "www." in norm):  # a date in a link's path is no date the page shows
                links = [m.span() for m in rules["_url"].finditer(norm)]
                spans = [s for s in spans if not any(a <= s[0] < b for a, b in links)]
            if not spans or rules["_reference_fact"].search(norm):  # '2023年3月14日 [33]': an encyclopedia fact
                continue
            if _is_bio(line):  # '（作者系某某日报评论员，2025年1月3日）': the writer's date, never the page's
                continue
            if heading and no > heading and _list_entry(norm, spans, rules):  # '相关文章' over '• <title> 2024-07-24'
                continue
            if not _is_metadata_line(norm, spans, rules):
                if not (cut := _fused_headline_cut(norm, spans, rules) or _source_tail_cut(norm, spans, rules)):
                    continue
                spans = [(a - cut, b - cut, iso) for a, b, iso in spans]
                norm = norm[cut:]
            prev_end = 0
            for a, b, iso in spans:
                found.append(DateLine(iso, _label(norm[prev_end:a], rules) or where, no, line.strip()))
                prev_end = b
    return found


def _weekday_cues(head: list[tuple[int, str]], rules: dict) -> dict[tuple[int, int], int]:
    """{(first number, second number): weekday (Monday 0)} of the head's 'dd/mm 周X' strips ('04/03 週二' -> (4, 3): 1)."""
    cues = {}
    for _, line in head:
        for m in rules["_weekday_cue"].finditer(normalise_for_match(line)):
            cues[(int(m["a"]), int(m["b"]))] = rules["weekdays"][m["w"]]
    return cues


def _cued_swappable_dates(norm: str, cues: dict, rules: dict) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each date on a line whose day and month can swap ('04/03/2025'), read the way the
    page's weekday cue for the same two numbers confirms: exactly one reading falls on that weekday; else unread."""
    out = []
    for m in rules["_swappable_date"].finditer(norm):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if (a, b) not in cues:
            continue
        fits = {d for d in (dt.date(year, b, a), dt.date(year, a, b)) if d.weekday() == cues[(a, b)]}
        if len(fits) == 1 and _plausible(iso := fits.pop().isoformat()):
            out.append((m.start(), m.end(), iso))
    return out


def _is_bio(line: str) -> bool:
    """A writer's bio ('（作者系某某大学教授，…）', the cleaner's `author_bio` line rule, boilerplate.yaml) or a paper's record
    line ('收稿日期:2023-01-05' received on, '基金项目:…' funding; `paper_metadata`): a date on it is the writer's or the
    paper's history, never the page's, and the name in it is no outlet."""
    from .clean import line_reason, load_rules as clean_rules

    return line_reason(line, clean_rules()) in ("author_bio", "paper_metadata")


def _related_heading(tail: list[tuple[int, str]], numbered: list[tuple[int, str]]) -> int:
    """Line number of the first related-reading heading near the foot ('相关文章', '推荐阅读', 'Read more': the
    cleaner's `related_links` tail markers, boilerplate.yaml) below the first third of the page's lines; 0 when there is
    none. The dates listed under it belong to the pages it links to."""
    from .clean import load_rules as clean_rules

    pattern = dict(clean_rules().tail_markers).get("related_links")
    third = numbered[len(numbered) // 3][0] if numbered else 0
    return next((no for no, line in tail if no > third and len(line) <= 40 and pattern
                 and pattern.match(normalise_for_match(line.strip()))), 0)


def _list_entry(norm: str, spans: list[tuple[int, int, str]], rules: dict) -> bool:
    """A dated entry of a related-reading list: it opens with a bullet, or a title of a few Chinese characters
    stands beside its date ('• 开源模型的下一步 2024-07-24'); '（完）2023.11.03' closing the article is none."""
    rest = norm
    for a, b, _ in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    return bool(rules["_related_bullet"].match(norm)) or len(re.findall(r"[\u3400-\u9fff]", rest)) >= rules["related_entry_chars"]


def _fused_headline_cut(norm: str, spans: list[tuple[int, int, str]], rules: dict) -> int:
    """Where the metadata strip starts on a line that carries a long headline before its date line, glued by a
    scraper with a space ('<headline of 30 characters> 2024-03-25 来源:某某日报'): the offset of the first date when the
    piece before it is a headline (`fused_headline`), a space parts them, and the rest is a metadata line naming a
    time, a label or a source; 0 else. A body sentence holding a date ('某某公司于2025年1月27日发布R1') has no space
    before the date and no metadata after it."""
    start = spans[0][0]
    rest = norm[start:]
    if start == 0 or not norm[start - 1].isspace() or not fused_headline(norm, rules)[0]:
        return 0
    rest_spans = [(a - start, b - start, iso) for a, b, iso in spans]
    after = rest[rest_spans[-1][1]:]
    # a time (the first `strip` pattern), a label or a colon after the date: a date line, not the rest of a sentence
    if not (rules["_strip"][0].search(after) or rules["_label_words"].search(after) or re.search(r"[:：]", after)):
        return 0
    return start if _is_metadata_line(rest, rest_spans, rules) else 0


def _source_tail_cut(norm: str, spans: list[tuple[int, int, str]], rules: dict) -> int:
    """Where a source strip '<outlet>·<date> <time>' starts at the end of a line led by tags (a finance
    aggregator's related-stock tags: '某某公司(us:xxx) 某某时报·2025-04-06 04:58'): the offset of the token before
    the date when it names an outlet (credits `outlet_name`, `known_outlets`), nothing but a time follows the date
    and the strip from that token on is a metadata line; 0 else. A sentence holding a date has no outlet token
    right before it and goes on after it."""
    if len(spans) != 1:
        return 0
    start, end, _ = spans[0]
    m = rules["_source_tail"].search(norm[:start])
    after = norm[end:].strip()
    if not m or (after and not rules["_strip"][0].fullmatch(after)):
        return 0
    spec, token = credit_rules(), m.group("outlet")
    if not (spec["outlet_name"].match(token) or token in spec["known_outlets"]):
        return 0
    cut = m.start("outlet")
    return cut if _is_metadata_line(norm[cut:], [(a - cut, b - cut, iso) for a, b, iso in spans], rules) else 0


def metadata_part(line: str, rules: dict | None = None) -> str:
    """The metadata strip of a line that runs on into a summary ('2024.03.05 10:20浏览量:0简介:本文…' -> the
    part before the summary label, SHAPES.md section 7, A3); the whole line when no summary label follows text."""
    rules = rules or load_rules()
    m = rules["_summary"].search(line)
    return line[: m.start()] if m and m.start() > 0 else line


def fused_summary(line: str, rules: dict | None = None) -> tuple[str, str]:
    """(metadata strip, summary) of a date line that runs on into a summary ('2024.03.05 10:20浏览量:0简介:本文
    从…'): the summary, without its label, is text of the article; ('', line) when the line has no such split."""
    rules = rules or load_rules()
    m = rules["_summary"].search(line)
    if not m or m.start() == 0 or not line[m.end():].strip():
        return "", line
    return line[: m.start()].strip(), line[m.end():].strip()


def fused_headline(line: str, rules: dict | None = None) -> tuple[str, str]:
    """(headline, rest) for a date line that also carries the headline, before or after the date
    ('<headline> 2025-01-27 来源：某某报', SHAPES.md A3/D2): a piece of at least `fused_headline_chars`
    characters that the metadata words (time, source, byline, labels) do not explain, with no bar or
    bullet in it (a section strip '某某網｜AI趨勢｜' or a reading-time strip is no headline; a name dot between two
    words, '浦先生·新闻魔笔', '马克·扎克伯格', is no bullet: a middle dot parts a strip only with a space beside it or
    at either end of the piece) and at most
    `fused_headline_max_labels` labels ('作者：… 来源：… 阅读量：…' is a metadata strip). ('', line) else."""
    rules = rules or load_rules()
    norm = normalise_for_match(line)
    spans = _dates_in(norm, rules)
    if not spans or len(norm) != len(line):  # offsets only carry over when normalising kept the length
        return "", line
    for piece in (line[: spans[0][0]], line[spans[-1][1]:]):
        rest = normalise_for_match(_converter_residue(piece))  # a mirror's residue makes no piece a headline
        for pattern in rules["_strip"] + [rules["_label_words"]]:
            rest = pattern.sub(" ", rest)
        labels = len(rules["_label_with_colon"].findall(piece))  # '作者：… 来源：…': a metadata strip
        if (len(re.sub(r"\s+", "", rest)) >= rules["fused_headline_chars"]
                and not rules["_strip_separator"].search(piece.strip()) and labels <= rules.get("fused_headline_max_labels", 99)
                and not _names_writer(piece)):
            head = piece.strip().rstrip("(（【[ ")  # '<headline>(2025年7月26日)': the bracket opens the date
            return head, line.replace(piece, " ", 1).strip()
    return "", line


def _names_writer(piece: str) -> bool:
    """True when a piece of a date line is a byline naming a writer or compiler ('某某網編譯王小明 綜合報導' before
    '2025-08-12 10:30', issue 15 session 10): a credit, never a fused headline."""
    return bool({"author", "compiler"} & credit_fields(piece.strip()).keys())


def find_published(lines: list[str]) -> DateLine | None:
    """The publication date a page shows (see the module docstring), or None. On a repost page the
    original's date line, nearer the body and naming its source, wins over the reposting site's own
    (see repost_original)."""
    found = [d for d in date_lines(lines) if d.kind != "other"]  # '翻译日期：…' is another date than the page's
    if not found:
        return None
    if (original := repost_original(found)) is not None:
        return original
    rank = {kind: i for i, kind in enumerate(load_rules()["priority"])}
    return min(found, key=lambda d: (rank[d.kind], d.line_no))


def repost_original(found: list[DateLine]) -> DateLine | None:
    """The original article's date line on a repost page (SHAPES.md observation 6, D2): the head shows
    the reposting site's date line ('发布时间：2024-07-08  字号：大 中 小') and, below it, the original's
    date and source ('2024-07-05 06:30:00 来源：某某科技报'). The last head line that names a source
    (a 来源 label or an outlet name) and sits below another head date line is the original's; None
    when the page shows one date line, or no later line names a source. An 'updated' line never counts."""
    head = [d for d in found if d.kind in ("published", "head")]
    if len({d.line_no for d in head}) < 2:
        return None
    first = min(d.line_no for d in head)
    rules = credit_rules()
    sourced = [d for d in head if d.line_no > first
               and (credit_fields(d.line, rules).get("outlet") or dated_outlet(d.line, rules))]
    if not sourced:
        return None
    last = max(sourced, key=lambda d: d.line_no)
    return DateLine(last.date, "original", last.line_no, last.line)


def original_outlet(shown: DateLine | None) -> str:
    """The outlet a repost page's original date line names ('2025-07-26 12:49 来源：某某网' under the reposting site's
    '发布时间：… 来源：<site>'; see repost_original): the source of the article, which the page names as the original's;
    '' when the date used is no repost original."""
    if shown is None or shown.kind != "original":
        return ""
    rules = credit_rules()
    return credit_fields(shown.line, rules).get("outlet") or dated_outlet(shown.line, rules)


# ---------------------------------------------------------------- credits (author, outlet)
@functools.lru_cache(maxsize=4)
def credit_rules(path: str | None = None) -> dict:
    spec = load_rules(path)["credits"]
    kinds = {k: spec[f"{k}_labels"] for k in ("author", "compiler", "outlet", "other")}
    labels = sorted({w for words in kinds.values() for w in words}, key=len, reverse=True)
    sep = spec["label_separator"]
    # a label of two characters or more may follow an outlet's name with no space ('某某網編譯王小明', '某某日报记者…')
    glued = "|".join(w for w in labels if len(w) >= 2 and re.match("[\u3400-\u9fff]", w))
    # '撰文：本报记者 王小明': a reporter label right after another label's colon
    after_colon = "|".join(w for w in kinds["author"] if re.search(spec.get("label_after_colon", "(?!)"), w)) or "(?!)"
    return {
        "kind_of": {normalise_for_match(w): k for k, words in kinds.items() for w in words},
        # a label opens the line or follows a separator; a label of two characters or more may also follow an outlet's
        # name or a digit ('时间:2025-11-19 05:02:20来源:某某报'); a reporter label may follow a colon
        "label": re.compile(r"(?:^|(?<=[\s|丨｜/／│,，、(（【〔\[\]】〕)）])|(?<=" + spec["outlet_end"] + r"|\d)(?=(?:" + glued
                            + r"))|(?<=[:：])(?=(?:" + after_colon + r")))("
                            + "|".join(labels) + r")(?!" + spec.get("label_not_before", "(?!)") + r")(?=" + sep + r"\S)"
                            + sep, re.IGNORECASE),
        "stop": re.compile(spec["value_stop"]),
        "report": re.compile(spec["report_suffix"]),
        "outlet_name": re.compile(spec["outlet_name"]),
        "edition": re.compile(spec["outlet_edition"]),
        "with_brand": re.compile(spec["outlet_with_brand"]),
        "masthead_split": re.compile(spec["masthead_split"]),
        "owner_lines": [(o["kind"], re.compile(o["pattern"], re.IGNORECASE)) for o in spec.get("owner_lines", ())],
        "bare_name": re.compile(spec["bare_name"]),
        "glued_name": re.compile(spec["glued_name"]),
        "account_date_line": re.compile(spec.get("account_date_line", "(?!)")),
        "writer_date_line": re.compile(spec.get("writer_date_line", "(?!)")),
        "account_not_name": re.compile(spec.get("account_not_name", "(?!)")),
        "opinion_by": re.compile(spec["opinion_by"]),
        "self_reference": re.compile(spec.get("self_reference", "(?!)")),
        "section_name": re.compile(spec.get("section_name", "(?!)")),
        "outlet_desk": re.compile(spec.get("outlet_desk", "(?!)")),
        "wire_agency": re.compile(spec.get("wire_agency", "(?!)")),
        "wire_name_tail": re.compile(spec.get("wire_name_tail", "(?!)")),
        "dateline_outlet": re.compile(spec.get("dateline_outlet", "(?!)")),
        "editor_note_outlet": re.compile(spec.get("editor_note_outlet", "(?!)")),
        "reporter_outlet": re.compile(spec.get("reporter_outlet", "(?!)")),
        "romanised_outlet": re.compile(spec.get("romanised_outlet", "(?!)")),
        "name_over_date": re.compile(spec.get("name_over_date", "(?!)")),
        "name_under_date": re.compile(spec.get("name_under_date", "(?!)")),
        "name_under_date_max_word_freq": int(spec.get("name_under_date_max_word_freq", 0)),
        "link": re.compile(spec.get("credit_link", "(?!)"), re.IGNORECASE),
        "domain": re.compile(spec.get("credit_domain", "(?!)"), re.IGNORECASE),
        "known_outlets": frozenset(spec.get("known_outlets", ())),
        "not_outlets": frozenset(spec.get("not_outlets", ())),
        "not_names": frozenset(spec.get("not_names", ())),
        "not_outlet_pattern": re.compile(spec.get("not_outlet_pattern", "(?!)")),
        "column_then_name": re.compile(spec["column_then_name"]) if spec.get("column_then_name") else None,
        "label_end": re.compile("(?<=[\u3400-\u9fff]{2})(?:" + "|".join(sorted(
            (w for w in labels if re.match("[\u3400-\u9fff]{2}", w)), key=len, reverse=True)) + ")(?:$|(?=\\s*[:：]))"),
        **_value_patterns(spec),
    }


def _value_patterns(spec: dict) -> dict:
    """Patterns that read a credit's value or a byline's shape (metadata.yaml `credits`, issue 15 session 12)."""
    return {
        "spaced_needs_sep": frozenset(normalise_for_match(w) for w in spec.get("spaced_label_needs_separator", ())),
        "glued_needs_gap": frozenset(normalise_for_match(w) for w in spec.get("glued_label_needs_gap", ())),
        "bare_domain": re.compile(spec.get("credit_bare_domain", "(?!)"), re.IGNORECASE),
        "book_title": re.compile(spec.get("credit_book_title", "(?!)")),
        "column_strip": re.compile(spec.get("column_strip", "(?!)")),
        "outlet_slash_name": re.compile(spec.get("outlet_slash_name", "(?!)")),
        "token_split": re.compile(spec["date_line_token_split"]),
        "bracket_tag": re.compile(spec["bracket_tag"]),
        "news_from_end": re.compile(spec["news_from_end"]),
        "title_suffix_split": re.compile(spec["title_suffix_split"]),
    }


@functools.lru_cache(maxsize=4)
def _repair_pattern(rule: str) -> re.Pattern:
    """The pattern of one of the cleaner's repairs (boilerplate.yaml), to read a raw line as the cleaner will."""
    from .clean import load_rules as clean_rules

    return next((p for name, p, _ in clean_rules().repairs if name == rule), re.compile("(?!)"))


def _pinyin_residue() -> re.Pattern:
    """The cleaner's `pinyin_annotation` repair: one tone-marked syllable in brackets after a character, a
    converter's residue on spam mirrors."""
    return _repair_pattern("pinyin_annotation")


def _converter_residue(line: str) -> str:
    """A raw line without a spam mirror's converter residue, as the cleaner repairs it: pinyin after a character
    ('來(lái)源:…', `pinyin_annotation`) and a '?' where a separator glyph was lost ('電子設計 ? 來源:… ? 2020-12-08',
    `lost_emoji`: a '?' at the line start or after a space, before a space); other lines unchanged."""
    if "(" in line:
        line = _pinyin_residue().sub("", line)
    if "?" in line or "\ufffd" in line:
        line = _repair_pattern("lost_emoji").sub("", line)
    return line


def _credit_value(text: str, rules: dict) -> str:
    """The name right after a label: up to the next separator or space (a Latin name keeps its spaces),
    without a trailing 报道 (report)."""
    text = text.strip().strip("（）()【】〔〕[]?？").strip()
    if (book := rules["book_title"].match(text)):  # '《某某学报》2019年第02期': the journal, not its issue
        return book.group(1).strip()
    if rules["link"].match(text):  # a link is no name; a site's domain alone is ('www.某某.com')
        host = rules["domain"].match(text)
        return host.group(0) if host else ""
    latin = re.match(r"[A-Za-z][A-Za-z .'\-]*[A-Za-z]", text)
    if latin and not re.search(r"[\u3400-\u9fff]", text[latin.end():latin.end() + 1]):
        return latin.group(0)
    name = rules["stop"].split(text, 1)[0]
    name = re.split(r"(?<=[\u3400-\u9fff])(?=(?:19|20)\d\d[-/.年])", name, maxsplit=1)[0]  # '中国新闻网2023-05-29': no date
    name = rules["report"].sub("", name).strip("。.?？")
    tail = rules["wire_name_tail"].search(to_simplified(name))  # '王小明台北5日电': the dateline's place and day
    name = name[: tail.start()] if tail and tail.start() >= 2 else name
    glued = rules["label_end"].search(to_simplified(name))  # '茯神編輯丨…': the next label glued to the name
    return name[: glued.start()] if glued else name


def credit_fields(line: str, rules: dict | None = None) -> dict[str, str]:
    """What one credit line names, by kind: 'author' (作者/记者/撰文/文 labels), 'compiler' (编译/译者),
    'outlet' (来源/专栏), 'other' (编辑, 校对 ...), and 'bare' for an unlabelled name opening the line.
    '记者 林若舟　编辑：何知远' -> {'author': '林若舟', 'other': '何知远'}."""
    rules = rules or credit_rules()
    if "(" in line or "（" in line:  # '作者 |王戰(zhàn)新': a spam mirror's pinyin residue is no part of the name
        line = _pinyin_residue().sub("", line)
    found = [m for m in rules["label"].finditer(to_simplified(line)) if not _name_not_label(line, m, rules)]
    out: dict[str, str] = {}
    head = _credit_value(line[: found[0].start() if found else len(line)], rules)
    if head:
        out["bare"] = head
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(line)
        kind = rules["kind_of"][normalise_for_match(m.group(1))]
        piece = line[m.end():end].strip().rstrip("】）)]〕").strip()  # '【采访/某某栏目 王小明】': the bracket closes the credit
        pair = rules["column_then_name"].match(piece) if rules["column_then_name"] else None
        if kind == "author" and pair:  # '文 | 某某韬略 林岚': a column, then the writer
            out.setdefault("outlet", pair.group(1))
            out.setdefault("author", pair.group(2))
            continue
        value = _credit_value(line[m.end():end], rules)
        if kind in ("author", "compiler") and rules["bare_domain"].match(value):
            kind = "outlet"  # 'Author: sspai.com': a site, not a person
        if kind == "author" and i + 1 < len(found) and rules["outlet_name"].match(normalise_for_match(value)):
            kind = "outlet"  # '文／某某日報 記者王小明': the writer label names the paper, its reporter follows
        if value:
            out.setdefault(kind, value)
    return out


def _name_not_label(line: str, m: re.Match, rules: dict) -> bool:
    """A one-character label after a plain space with no separator after it is part of a name: in '文 | 光子星球
    文燁豪' the second 文 is the writer's surname (metadata.yaml `spaced_label_needs_separator`); one glued to the next
    character is a word's first character ('南洋商报/文教', '文章来源于网络'; `glued_label_needs_gap`)."""
    if normalise_for_match(m.group(1)) in rules["glued_needs_gap"] and m.group(0) == m.group(1):
        return True
    if normalise_for_match(m.group(1)) not in rules["spaced_needs_sep"] or m.start() == 0:
        return False
    return line[m.start() - 1].isspace() and not re.search(r"[:：|丨｜/／│]", m.group(0)[len(m.group(1)):])


def dated_outlet(line: str, rules: dict) -> str:
    """An outlet named without a label on a date line, before or after the date and time
    ('2025-03-02 10:31 新华社' -> '新华社', '某某科技網 2025-01-27 08:42' -> '某某科技網', 'Jing Ji Guan Cha Bao·2026-02-20
    13:56' -> 'Jing Ji Guan Cha Bao', a romanised name on an aggregator's source strip), or ''."""
    if (m := rules["romanised_outlet"].match(line.strip())):
        return m.group(1)
    for token in rules["token_split"].split(line.strip()):
        if not token or re.search(r"\d", token):
            continue
        norm = normalise_for_match(token)
        if (rules["outlet_name"].match(norm) and not rules["section_name"].match(norm)) or norm in rules["known_outlets"]:
            return token
    return ""


def account_name(line: str, rules: dict) -> str:
    """The account a WeChat-style head line names before its date ('某某观察室 2025年04月09日 08:30 北京' -> '某某观察室',
    metadata.yaml `account_date_line`), or ''; a label ('北京时间'), a section or a word where no outlet stands is none."""
    m = rules["account_date_line"].match(to_simplified(line.strip()))  # same length: offsets carry over
    if not m:
        return ""
    key = normalise_for_match(m.group("name"))
    if (load_rules()["_label_words"].search(key) or key in rules["not_outlets"] or rules["section_name"].match(key)
            or rules["account_not_name"].search(key)):  # '科技专栏 2024-10-03': a column of the site
        return ""
    return line.strip()[m.start("name"):m.end("name")]


def strip_writer(line: str, rules: dict) -> str:
    """The writer a blog's post strip names before its date ('常耀斌 2024-07-15 14:31:02 阅读 99' -> '常耀斌', metadata.yaml
    `writer_date_line`), or ''; a label, a section or an outlet name there is none."""
    m = rules["writer_date_line"].match(to_simplified(line.strip()))  # same length: offsets carry over
    key = normalise_for_match(m.group("name")) if m else ""
    if not key or load_rules()["_label_words"].search(key) or rules["outlet_name"].match(key):
        return ""
    return line.strip()[m.start("name"):m.end("name")]


def _outlet_line(line: str, rules: dict) -> str:
    """An outlet name alone on a masthead line, before its section words ('澳聲晨報', '某某日報電子版｜科技'
    -> '某某日報', '濠鏡晨報　國際版' -> '濠鏡晨報', '數位前線 DigiFront｜AI趨勢' -> '數位前線 DigiFront'), or ''."""
    name = rules["edition"].sub("", rules["masthead_split"].split(line.strip())[0].strip())
    key = normalise_for_match(name)
    if rules["section_name"].match(key):
        return ""
    return name if rules["outlet_name"].match(key) or rules["with_brand"].match(key) else ""


def outlet_name(name: str) -> str:
    """An outlet's name without its edition word ('維城日報 網上版' -> '維城日報')."""
    return credit_rules()["edition"].sub("", (name or "").strip())


def owner_outlet(line: str, rules: dict) -> str:
    """The outlet a copyright, 'original', follow or repost line names for the page ('版权所有 © 2025
    某某网 未经授权不得转载' -> '某某网'), by the `owner_lines` patterns in order; '' when none matches."""
    for _, pattern in rules["owner_lines"]:
        if (m := pattern.search(line.strip())):
            return rules["edition"].sub("", m.group("name").strip())
    return ""


def wire_agency(text: str, rules: dict) -> str:
    """The agency or outlet opening a wire dateline ('某某社北京3月2日电' -> '某某社', '（中央社記者…台北5日電）' ->
    '中央社', '某某網·某欄目10月31日電' -> '某某網', '极客湾讯 10月19日消息，…' -> '极客湾'), or ''; the outlet naming itself ('本报…') is none."""
    norm = normalise_for_match(text)
    # '极客湾讯 10月19日消息，' -> '极客湾'; '某某网 AI 科技评论按：' (an editor's note label) -> '某某网'
    m = rules["wire_agency"].match(norm) or rules["dateline_outlet"].match(norm) or rules["editor_note_outlet"].match(norm)
    group = next((g for g in range(1, (m.re.groups if m else 0) + 1) if m.group(g)), 0)
    if not group or len(norm) != len(text) or rules["self_reference"].match(m.group(group)):
        return ""
    return text[m.start(group):m.end(group)]


def reporter_outlet(text: str, rules: dict) -> tuple[str, str]:
    """(outlet, reporter) of a byline whose outlet name runs straight into its reporter label, whatever the name's
    last character ('南方周末記者 黃金萍' -> ('南方周末', '黃金萍'), '21世纪经济报道记者王小明' -> ('21世纪经济报道', '王小明'),
    '某某社驻华盛顿记者 王小明' -> ('某某社', '王小明')); ('', '') when the byline opens with a label ('本报记者 王小明',
    '特约记者 王小明')."""
    line = text.strip()
    m = rules["reporter_outlet"].match(to_simplified(line))  # same length: offsets carry over
    if not m or rules["self_reference"].match(m.group(1)):
        return "", ""
    return line[: m.end(1)], _credit_value(line[m.end():].lstrip(" :：|丨/"), rules)


def _bare_credits(reason: str, text: str, rules: dict) -> list[tuple[str, str]]:
    """(kind, name) of what a byline or date line names before its first label: a news desk, an outlet whose name
    runs into a reporter label (then the reporter is the author), an outlet name, or (a byline) a writer's name."""
    outlet, reporter = reporter_outlet(text, rules) if reason == "byline" else ("", "")
    if outlet:  # '南方周末記者 黃金萍'
        return [("masthead", outlet), ("author", reporter)]
    bare = credit_fields(text, rules).get("bare", "")
    bare = "" if rules["self_reference"].match(normalise_for_match(bare)) else bare  # '本网编辑：…': no name
    desk = rules["outlet_desk"].match(normalise_for_match(bare))  # '某某新聞組／香港14日電', '某某编辑部'
    if desk:
        return [("masthead", bare[: len(desk.group(1))] if desk.group(2) == "编辑部" else bare)]  # a desk keeps its name
    if bare and rules["outlet_name"].match(normalise_for_match(bare)):  # '[某某新聞網]記者…', '某某網編譯… <date>'
        return [("masthead" if reason == "byline" else "dated", bare)]
    return [("bare", bare)] if reason == "byline" and rules["bare_name"].match(bare) else []


def _shaped_name(reason: str, text: str, rules: dict) -> str:
    """A writer named by a byline's shape rather than a label: a columnist's strip ('講港AI｜郭毅可教授專欄' -> '郭毅可',
    a byline) or a paper and its writer on a date line ('2026-01-12 23:05 聯合報/ 周韻采(作者為…)' -> '周韻采'); or ''."""
    norm = to_simplified(text.strip())  # same length: offsets carry over
    m = rules["column_strip"].search(norm) if reason == "byline" else rules["outlet_slash_name"].search(norm)
    return text.strip()[m.start(1):m.end(1)] if m else ""


def _name_over_date(name: str, next_reason: str, rules: dict) -> str:
    """A writer's name alone on the line under the headline, right above the date line ('袁莉' over '2025年2月5日',
    a pen name over '发布2025-11-16 12:34:30'); '' for a masthead ('某某晨報' over its date), a section word ('科技'),
    or a line with no date line under it (a category tag: '人工智慧' over a share bar)."""
    key = normalise_for_match(name)
    if next_reason not in ("date_line", "timestamp") or not rules["name_over_date"].fullmatch(key):
        return ""
    outlet_like = rules["outlet_name"].match(key) or rules["section_name"].match(key) or key in rules["known_outlets"]
    return "" if outlet_like or key in rules["not_names"] else name


def _name_under_date(name: str, prev_reason: str, rules: dict) -> str:
    """A writer's name alone on the line right under the date line ('2025-11-05 科技新知' then '許嘉芸'): only a personal
    name's shape (a common surname, then one or two characters) counts, a category tag stands there too ('人工智慧')."""
    key = normalise_for_match(name)
    if prev_reason not in ("date_line", "timestamp") or not rules["name_under_date"].fullmatch(key):
        return ""
    return "" if _holds_common_word(key, rules["name_under_date_max_word_freq"]) else _name_over_date(name, prev_reason, rules)


def _holds_common_word(text: str, max_freq: int) -> bool:
    """True when a jieba dictionary word of two characters or more inside `text` is more frequent than `max_freq`."""
    from .actors import _jieba_dictionary

    freq = _jieba_dictionary()[0]
    return any(freq.get(text[i:j], 0) > max_freq for i in range(len(text)) for j in range(i + 2, len(text) + 1))


NAME_KINDS = ("author", "compiler", "bare", "glued", "opinion")


def find_credits(removed: list[tuple[str, str]], title_suffix: str = "") -> tuple[str, str]:
    """(author, outlet) the page itself names, from the lines cleaning set aside ((reason, text) in
    line order: byline, date_line, masthead, above_headline; a byline cut from a paragraph counts as a
    byline) and an appended headline suffix.
    Author: a labelled author, else a compiler, else an unlabelled byline or masthead name, else a
    name glued to a date line, else an opinion signature on the headline ('/程弘毅評'). Outlet: a
    labelled source, else a masthead, else an outlet named on the date line without a label
    ('2025-03-02 10:31 新华社'), else the headline's outlet suffix, else a masthead above the headline or
    in the navigation, else the owner a copyright, follow or repost line names (`owner_outlet`), else a WeChat-style
    account before its date ('某某观察室 2025年04月09日 08:30'). '' when the page names none."""
    rules = credit_rules()
    by_kind: dict[str, list[str]] = {}
    add = functools.partial(_add_credit, by_kind, rules)
    for i, (reason, text) in enumerate(removed):
        _line_credits(reason, text, removed[i + 1][0] if i + 1 < len(removed) else "", rules, add,
                      removed[i - 1][0] if i else "")
    _suffix_credits(title_suffix, rules, add)
    pick = lambda *kinds: next((by_kind[k][0] for k in kinds if by_kind.get(k)), "")  # noqa: E731
    return (pick("author", "compiler", "bare", "glued", "opinion"),
            pick("outlet", "masthead", "dated", "suffix", "chrome", "owner", "account"))


def _add_credit(by_kind: dict[str, list[str]], rules: dict, kind: str, value: str) -> None:
    """Record `value` under `kind` unless it is a word where an outlet or a name would stand that is none."""
    key = normalise_for_match(value)
    if kind not in NAME_KINDS and (key in rules["not_outlets"] or rules["not_outlet_pattern"].match(key)):
        return  # '本文为作者原创', '即時新聞 · 2025-05-08', '简体中文 English': a word where an outlet would stand
    if kind in NAME_KINDS and (key in rules["not_names"] or rules["section_name"].match(key)):
        return  # '撰文:转载' (written by: reposted), '科技│开源专栏' (a section, then a column) name no one
    if value and not (kind in NAME_KINDS and re.search(r"\d", value)):  # '王小明台北5日電' is no name
        by_kind.setdefault(kind, []).append(value)


def _line_credits(reason: str, text: str, next_reason: str, rules: dict, add, prev_reason: str = "") -> None:
    """What one line cleaning set aside names, passed to `add(kind, value)` in the order `find_credits` weighs them;
    `next_reason` and `prev_reason` are the reasons of the lines after and before it."""
    if reason in ("byline", "date_line", "masthead"):
        fields = credit_fields(text, rules)
        for kind in ("author", "compiler", "outlet"):
            add(kind, fields.get(kind, ""))
    if reason in ("byline", "date_line"):
        for kind, value in _bare_credits(reason, text, rules):
            add(kind, value)
        add("author", _shaped_name(reason, text, rules))
    if reason == "repost_notice":  # '本文来自微信公众号:某某(ID:…),作者:王小明': the writer of the original
        add("author", credit_fields(text, rules).get("author", ""))
    if reason == "masthead":
        name = text.strip()
        add("bare", name[:-1] if name.endswith(("。", ".")) and rules["bare_name"].match(name[:-1]) else "")
        add("bare", _name_over_date(name, next_reason, rules) or _name_under_date(name, prev_reason, rules))
        add("masthead", _outlet_line(text, rules))
    if reason == "date_line":
        glued = m.group(1) if (m := rules["glued_name"].search(text.strip())) else ""
        # '2025-05-02 05:02:02大公報': a paper's name glued to the time is the outlet, not a writer
        add("dated" if rules["outlet_name"].match(normalise_for_match(glued)) else "glued", glued)
        add("dated", dated_outlet(text, rules))
        add("account", account_name(text, rules))
        add("glued", strip_writer(text, rules))
    if reason == "column":
        _column_tag_credits(text, rules, add)
    if reason in ("byline", "dateline"):  # a wire dateline names its agency
        add("dated", wire_agency(text, rules))
    if reason in ("above_headline", "spam_links"):
        add("chrome", _outlet_line(text, rules))
    add("owner", owner_outlet(text, rules))


def _column_tag_credits(text: str, rules: dict, add) -> None:
    """'[某某新聞網]記者…': a bracketed tag that is an outlet's name (not '【專訪】', '【某報專訊】'), or names one with 讯
    (news from: '【某某日報訊】')."""
    tag = rules["bracket_tag"].match(text.strip())
    name = tag.group(1) if tag else ""
    if rules["outlet_name"].match(normalise_for_match(name)) and not rules["news_from_end"].search(name):
        add("masthead", name)
    elif rules["outlet_name"].match(normalise_for_match(name[:-1])) and rules["news_from_end"].search(name):
        add("dated", name[:-1])  # '【某某日報訊】' (news from <paper>): the paper, as a wire dateline names it


def _suffix_credits(title_suffix: str, rules: dict, add) -> None:
    """An opinion signature ('/程弘毅評') or a site ('_人工智能_某某网') appended to the headline."""
    suffix = rules["title_suffix_split"].split(title_suffix.strip(" -|–—_｜/"))[-1].strip()  # '_人工智能_某某网': the site
    if (m := rules["opinion_by"].match(normalise_for_match(title_suffix.strip()))):
        add("opinion", suffix[: len(m.group(1))])
    elif suffix:
        add("suffix", suffix)
