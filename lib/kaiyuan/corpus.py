"""Loading a corpus: files -> decoded text -> clean articles and sentences.

Every file under the corpus folder is accounted for in the load report: loaded,
loaded with warnings, or rejected with a reason.  Nothing is skipped silently.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from charset_normalizer import from_bytes

from .cache import CACHE_MARKER, OUTPUT_MARKER
from .clean import Cleaned, clean_text, load_rules
from .metadata import date_in_string, find_credits, find_published, original_outlet, outlet_name
from .script import detect_script, normalise_for_match, to_simplified
from .sentences import split_sentences

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["article_id", "outlet", "author", "title", "published", "published_basis", "note"]
ARTICLE_COLUMNS = [
    "article_id", "source_path", "title", "outlet", "author", "published", "published_basis", "script",
    "encoding", "n_chars_raw", "n_chars_clean", "n_sentences", "duplicate_of", "warnings",
]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "text", "text_simplified", "kind"]
REPORT_COLUMNS = ["path", "status", "encoding", "reason"]
REMOVED_COLUMNS = ["article_id", "line_no", "text", "reason"]
REPAIR_COLUMNS = ["article_id", "line_no", "rule", "before", "after"]

_BINARY_MAGIC = {
    b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx?)", b"\x7fELF": "executable", b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
# Fallback encodings tried (by charset-normalizer) when a file is neither BOM-marked nor UTF-8.
_FALLBACK_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]
# charset-normalizer rejects a decoding when any chunk is messier than 0.2; a retry allows 0.5 for
# the legacy Chinese encodings only (a Big5 article with a timestamp line and ASCII punctuation was
# rejected before: whole-file chaos 0.022). Not for UTF-16: at 0.5 random bytes pass as UTF-16 Han.
_RETRY_ENCODINGS = ["gb18030", "big5", "big5hkscs"]
_RETRY_CHAOS = 0.5
_READABLE = re.compile(
    r"[\s\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff"
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")


class Rejected(Exception):
    """A file that cannot be loaded as an article; the message is the reason."""


def _readable_share(text: str) -> float:
    """Share of characters that can occur in Chinese news text (Han, ASCII, CJK and Latin punctuation)."""
    if not text:
        return 0.0
    return len(_READABLE.findall(text)) / len(text)


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc except \t \n \f \r


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to text, returning (text, encoding); raise Rejected when impossible.

    Order: byte-order mark (UTF-8/16/32), strict UTF-8, then the legacy Chinese encodings
    (GB18030 -- a superset of GBK/GB2312 --, Big5) and BOM-less UTF-16 as detected by
    charset-normalizer.  A detection is only accepted when it reads as Chinese/Latin text, so
    random bytes are not "decoded" as EBCDIC or Korean.  Encoding names use hyphens (utf-16-le).
    """
    if not data.strip(b" \t\r\n\x00"):
        raise Rejected("empty file")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise Rejected(f"binary file ({kind})")
    text = enc = None
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(bom_enc).lstrip("\ufeff")
            except UnicodeDecodeError as err:
                raise Rejected(f"undecodable: {bom_enc} byte-order mark but invalid {bom_enc} ({err.reason})") from None
            enc = bom_enc
            break
    if text is None:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
            if best is None:  # one noisy chunk (a line of digits, ASCII commas) can sink a whole file
                best = from_bytes(data, cp_isolation=_RETRY_ENCODINGS, threshold=_RETRY_CHAOS).best()
            if best is None or _readable_share(str(best)) < 0.9:
                if b"\x00" in data:
                    raise Rejected("binary file (NUL bytes)") from None
                n_bad = data.decode("utf-8", errors="replace").count("\ufffd")
                if n_bad <= max(3, len(data) // 1000):
                    raise Rejected(
                        f"undecodable: UTF-8 with {n_bad} corrupt byte sequence(s), the first at offset {err.start}; "
                        "repair or re-save the file as UTF-8") from None
                raise Rejected(
                    f"undecodable: not UTF-8 (invalid byte 0x{data[err.start]:02x} at offset {err.start}) "
                    "and not GB18030/GBK, Big5 or UTF-16 either") from None
            text, enc = str(best), best.encoding.replace("_", "-")
    if not text.strip():
        raise Rejected("empty file (whitespace only)")
    nuls = text.count("\x00")  # a few stray NULs are removed later (and recorded); many mean a binary file
    controls = len(_CONTROL_CHARS.findall(text)) - nuls
    if controls / len(text) > 0.01 or nuls / len(text) > 0.05 or text.count("\ufffd") / len(text) > 0.01:
        raise Rejected(f"binary or undecodable content ({enc} gives {controls} control characters, {nuls} NUL, "
                       f"{text.count(chr(0xfffd))} replacement characters)")
    return text, enc


def html_to_text(markup: str) -> tuple[str, dict, list[str]]:
    """Article text of an HTML page (scripts, styles, forms dropped), its meta fields, and what was dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    linked = json_ld_fields(soup)  # read before the <script> elements go
    dropped = []
    for tag in soup.find_all(["script", "style", "noscript", "template", "iframe", "svg", "form", "button", "nav"]):
        snippet = " ".join(tag.get_text(" ").split())[:120]
        dropped.append(f"<{tag.name}> {snippet}".strip())
        tag.decompose()
    meta = {}
    for key, attrs in [
        ("title", [{"property": "og:title"}, {"name": "title"}]),
        ("published", [{"property": "article:published_time"}, {"name": "pubdate"}, {"name": "publishdate"},
                       {"name": "date"}, {"itemprop": "datePublished"}]),
        ("author", [{"name": "author"}, {"property": "article:author"}]),
        ("outlet", [{"property": "og:site_name"}]),
    ]:
        for a in attrs:
            node = soup.find("meta", attrs=a)
            if node and node.get("content", "").strip():
                meta[key] = node["content"].strip()
                break
    for key, value in linked.items():  # JSON-LD (schema.org NewsArticle) where no <meta> tag says it
        meta.setdefault(key, value)
    if "published" not in meta and (node := soup.find(attrs={"itemprop": "datePublished"})):  # microdata on any element
        meta["published"] = (node.get("content") or node.get("datetime") or node.get_text(" ")).strip()
    if "title" not in meta and soup.title and soup.title.string:
        meta.update(page_title_fields(soup.title.string.strip(), meta))
    root = soup.find("article") or soup.body or soup
    # a <time> element counts inside the article only (one in a sidebar or a related-reading list dates another
    # page), and after a date line the text shows (it may be an update's time): process_file reads it last
    if (t := root.find("time")) and t.get("datetime"):
        meta["time_element"] = t["datetime"].strip()
    lines = [" ".join(ln.split()) for ln in _block_text(root).split("\n")]
    return "\n".join(ln for ln in lines if ln), meta, dropped


def json_ld_fields(soup) -> dict:
    """title, published, author and outlet of the first schema.org article object in the page's JSON-LD
    (<script type="application/ld+json">: headline, datePublished, author.name, publisher.name); {} when
    there is none or it does not parse."""
    import json

    for node in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(node.string or "")
        except ValueError:
            continue
        for item in _json_ld_items(data):
            if isinstance(item, dict) and (item.get("datePublished") or item.get("headline")):
                fields = {"title": item.get("headline"), "published": item.get("datePublished") or item.get("dateCreated"),
                          "author": _json_ld_name(item.get("author")), "outlet": _json_ld_name(item.get("publisher"))}
                return {k: v.strip() for k, v in fields.items() if isinstance(v, str) and v.strip()}
    return {}


def _json_ld_items(data) -> list:
    """The objects of a JSON-LD block: a list, an @graph, or one object."""
    if isinstance(data, list):
        return [x for d in data for x in _json_ld_items(d)]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return data["@graph"]
    return [data]


def _json_ld_name(value) -> str:
    """The name of a JSON-LD person or organisation (an object, a list of them, or a string)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return value if isinstance(value, str) else ""


def page_title_fields(page_title: str, meta: dict) -> dict:
    """title (and outlet, when the page names none) from a <title> that carries the site's name
    ('…_人工智能_某某网', '… | 某某网'): the suffix is cut as on a headline line (clean.strip_outlet_suffix)."""
    from .clean import strip_outlet_suffix

    title = strip_outlet_suffix(page_title, load_rules())
    out = {"title": title}
    suffix = re.split(r"[_|｜]", page_title[len(title):].strip(" -|–—_｜/"))[-1].strip()
    if suffix and "outlet" not in meta and page_title.startswith(title) and not suffix.endswith(("评", "評")):
        out["outlet"] = suffix
    return out


_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section", "header",
                         "footer", "figcaption", "pre", "table", "ul", "ol"})


def _block_text(root) -> str:
    """The text of an element with a line break around every block element and at every <br>.

    One iterative walk over the tree (an explicit stack, no recursion and no tree edits), so the cost
    is linear in the document's size and depth: 50,000 nested <div>s are no slower than 50,000 siblings.
    Strings are the ones get_text() yields (no comments, doctypes or processing instructions)."""
    from bs4.element import CData, NavigableString, Tag

    out: list[str] = []
    stack: list = [root]
    while stack:
        node = stack.pop()
        if node is None:  # marks the end of a block element
            out.append("\n")
        elif isinstance(node, Tag):
            if node.name == "br":
                out.append("\n")
                continue
            if node.name in _BLOCK_TAGS and node is not root:
                out.append("\n")
                stack.append(None)
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            out.append(str(node))
    return "".join(out)


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown file (headings, links and emphasis resolved by markdown-it)."""
    text, _, _ = html_to_text(markdown_to_html(source))
    return text


def markdown_to_html(source: str) -> str:
    """HTML rendering of a Markdown file (CommonMark; raw HTML passes through to html_to_text)."""
    from markdown_it import MarkdownIt

    return MarkdownIt().render(source)


def parse_date(value: str) -> str:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from a date-like string, or ''."""
    value = unicodedata.normalize("NFKC", str(value or "")).strip()
    m = re.match(r"^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?", value)
    if not m:
        return ""
    y, mo, d = m.groups()
    if mo and not 1 <= int(mo) <= 12 or d and not 1 <= int(d) <= 31:
        return ""
    return "-".join([y] + [f"{int(x):02d}" for x in (mo, d) if x])


def read_metadata(corpus_dir: Path) -> dict[str, dict]:
    """Rows of metadata.csv at the corpus root keyed by article_id (empty when absent)."""
    path = corpus_dir / METADATA_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        records = list(csv.reader(fh))
    if not records:
        return {}
    header = [h.strip() for h in records[0]]
    out = {}
    for line_no, fields in enumerate(records[1:], start=2):
        if not any(f.strip() for f in fields):
            continue
        warning = ""
        if len(fields) > len(header):
            n_fields = len(fields)
            fields, where = _realign_metadata_row(fields, header)
            if where:
                warning = (f"metadata.csv line {line_no}: {n_fields} fields for {len(header)} columns "
                           f"(unquoted comma in {where}, joined back)")
            else:
                warning = (f"metadata.csv line {line_no}: {n_fields} fields for {len(header)} columns "
                           "(unquoted comma); row ignored")
                fields = fields[:1]  # keep only the article_id
        row = {k: (v or "").strip() for k, v in zip(header, fields) if k}
        row["_line"] = line_no
        if warning:
            row["_warning"] = warning
        if row.get("article_id"):
            out[row["article_id"]] = row
    return out


_METADATA_BASES = {"", "text", "outlet", "metadata", "unknown"}
_FREE_TEXT_COLUMNS = ("title", "outlet", "author", "note")


def _realign_metadata_row(fields: list[str], header: list[str]) -> tuple[list[str], str]:
    """Join the fields an unquoted comma split apart back into one free-text column.

    Tries each free-text column (title first) and keeps the first join that leaves a valid
    `published` date and `published_basis`; returns (fields, column) or (fields, "") when none fits.
    """
    extra = len(fields) - len(header)
    for column in _FREE_TEXT_COLUMNS:
        if column not in header:
            continue
        i = header.index(column)
        joined = fields[:i] + [",".join(fields[i : i + extra + 1])] + fields[i + extra + 1 :]
        row = dict(zip(header, joined))
        published, basis = row.get("published", "").strip(), row.get("published_basis", "").strip()
        if (not published or parse_date(published)) and basis in _METADATA_BASES:
            return joined, column
    return fields, ""


@dataclass
class Article:
    """One loaded article: its table row, clean texts, sentences and audit rows."""

    row: dict
    clean: str
    clean_simplified: str
    sentences: list[dict]
    removed: list[dict]
    repairs: list[dict]
    report: dict
    fingerprint: str = ""


def title_suffix(cleaned: Cleaned) -> str:
    """What cleaning cut from the end of the headline (' - 彭博社', '/程弘毅評'), or ''; a cut from a line that a later
    pass put above the headline (a spam keyword line '<words> _<words>_<words>') is none."""
    title_line = cleaned.lines[0][0] if cleaned.title and cleaned.lines else -1
    cut = next((r for r in cleaned.repairs if r.rule == "title_outlet_suffix" and r.line_no == title_line), None)
    return cut.before[len(cut.after):] if cut and cut.before.startswith(cut.after) else ""


def article_id_for(path: Path, corpus_dir: Path) -> str:
    """Stable id: the file name without extension; sub-folders joined with '__'."""
    rel = path.relative_to(corpus_dir).with_suffix("")
    return "__".join(rel.parts)


MAX_ARTICLE_CHARS = 5_000_000  # default --max-article-chars: about 15 MB of Chinese UTF-8, ~2 GB peak memory


def _decoded(data: bytes, max_chars: int | None) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; Rejected when it is longer than `max_chars` characters."""
    if max_chars and len(data) > 4 * max_chars:  # more bytes than max_chars characters can take
        raise Rejected(f"too long: {len(data):,} bytes, over the limit of {max_chars:,} characters "
                       "(--max-article-chars); split the file or raise the limit")
    text, encoding = decode_bytes(data)
    if max_chars and len(text) > max_chars:
        raise Rejected(f"too long: {len(text):,} characters, over the limit of {max_chars:,} "
                       "(--max-article-chars); split the file or raise the limit")
    return text, encoding


def _without_nul(text: str, article_id: str) -> tuple[str, list[dict]]:
    """NUL bytes would reach every CSV: dropped from the analysed text and recorded as a repair."""
    if "\x00" not in text:
        return text, []
    return text.replace("\x00", ""), [{"article_id": article_id, "line_no": 0, "rule": "nul_bytes_removed",
                                       "before": f"{text.count(chr(0))} NUL character(s)", "after": ""}]


def _page_body(text: str, fmt: str, article_id: str) -> tuple[str, dict, list[dict]]:
    """(body text, the page's <meta> values, removed HTML elements) of a decoded file. Markdown may carry raw HTML
    (<script>, <style>): what the parser drops is recorded either way."""
    if fmt not in ("html", "markdown"):
        return text, {}, []
    body, html_meta, dropped = html_to_text(text if fmt == "html" else markdown_to_html(text))
    if fmt == "markdown":
        html_meta = {}
    return body, html_meta, [{"article_id": article_id, "line_no": 0, "text": d, "reason": "html_element"}
                             for d in dropped]


def _publication(meta: dict, html_meta: dict, body: str) -> tuple[str, str, object]:
    """(published, basis, the date line shown or None): metadata.csv first, then the page's <meta> date, the page's
    date line, its <time datetime=…>; the date line is also read for a repost's original outlet."""
    published, basis = parse_date(meta.get("published", "")), meta.get("published_basis", "") or "metadata"
    if not published and html_meta.get("published"):
        # a date string in another shape ('Fri, 03 Jan 2025 08:42:00 +0800') is read with the date shapes of the
        # text's metadata lines
        published, basis = parse_date(html_meta["published"]) or date_in_string(html_meta["published"]), "metadata"
    need_outlet = not (meta.get("outlet") or html_meta.get("outlet"))
    shown = find_published(body.split("\n")) if not published or need_outlet else None
    if not published and shown is not None:
        published, basis = shown.date, f"text: line {shown.line_no} 「{shown.line[:60]}」"
    if not published and html_meta.get("time_element"):
        published, basis = parse_date(html_meta["time_element"]), "metadata"
    if not published:
        basis = "unknown"
    return published, basis, shown


def _credit_lines(cleaned: Cleaned) -> list[tuple[str, str]]:
    """(reason, text) of every line or part of a line cleaning took as a credit, in line order."""
    lines = sorted([(r.line_no, r.reason, r.text) for r in cleaned.removed]
                   + [(r.line_no, "byline", r.before) for r in cleaned.repairs
                      if r.rule in ("byline_prefix", "outlet_prefix")]
                   + [(r.line_no, "dateline", r.before) for r in cleaned.repairs
                      if r.rule in ("dateline_prefix", "editor_note_prefix")]
                   # a closing credit cut from the last paragraph: the cut part only ('(记者 刘超)')
                   + [(r.line_no, "byline", r.before[len(r.after):]) for r in cleaned.repairs
                      if r.rule == "byline_suffix" and r.before.startswith(r.after)]
                   + [(r.line_no, "column", r.before) for r in cleaned.repairs if r.rule == "column_label_prefix"])
    return [(reason, text) for _, reason, text in lines]


def _sentences(cleaned: Cleaned, article_id: str) -> tuple[list[dict], str]:
    """(sentence records with their simplified text, the simplified clean text) of one article."""
    sents = split_sentences(cleaned.text, cleaned.title)
    simplified = to_simplified(cleaned.text)
    for s in sents:
        s["article_id"] = article_id
        s["text_simplified"] = simplified[s["start"]:s["end"]]
    return sents, simplified


def _script_warnings(script: str) -> list[str]:
    return {"mixed": ["mixed simplified/traditional script"], "none": ["no Chinese characters"]}.get(script, [])


def process_file(path: Path, corpus_dir: Path, meta: dict | None = None, data: bytes | None = None,
                 article_id: str | None = None, max_chars: int | None = MAX_ARTICLE_CHARS) -> Article:
    """Load, clean and split one file (raises Rejected); pure apart from reading the file.

    `article_id` comes from plan_files (unique across the corpus); `max_chars` rejects a longer
    article up front (None or 0: no limit)."""
    data = path.read_bytes() if data is None else data
    rel = path.relative_to(corpus_dir).as_posix()
    fmt = ARTICLE_SUFFIXES[path.suffix.lower()]
    text, encoding = _decoded(data, max_chars)
    article_id = article_id or article_id_for(path, corpus_dir)
    text, nul_repairs = _without_nul(text, article_id)
    body, html_meta, pre_removed = _page_body(text, fmt, article_id)
    warnings = ["replacement characters in source (lost characters)"] if "\ufffd" in body else []
    cleaned: Cleaned = clean_text(body, load_rules())
    if not cleaned.text.strip():
        raise Rejected("no article text left after cleaning (only boilerplate)")
    meta = meta or {}
    title = meta.get("title", "") or html_meta.get("title") or cleaned.title
    published, basis, shown = _publication(meta, html_meta, body)
    warnings += ["no publication date: relative dates stay unresolved"] if not published else []
    warnings += ["no title found"] if not title else []
    text_author, text_outlet = find_credits(_credit_lines(cleaned), title_suffix(cleaned))
    # on a repost page the original's date line names the article's source, before the reposting site's own
    text_outlet = original_outlet(shown) or text_outlet
    warnings += [meta[key] for key in ("_warning", "_id_note") if meta.get(key)]
    warnings += [f"{nul_repairs[0]['before']} removed"] if nul_repairs else []
    script = detect_script(cleaned.text)
    warnings += _script_warnings(script)
    sents, simplified = _sentences(cleaned, article_id)
    row = {
        "article_id": article_id, "source_path": rel, "title": title,
        "outlet": meta.get("outlet", "") or outlet_name(html_meta.get("outlet", "")) or text_outlet,
        "author": meta.get("author", "") or html_meta.get("author", "") or text_author,
        "published": published, "published_basis": basis, "script": script, "encoding": encoding,
        "n_chars_raw": len(text), "n_chars_clean": len(cleaned.text), "n_sentences": len(sents), "duplicate_of": "",
        "warnings": "; ".join(warnings),
    }
    removed = pre_removed + [
        {"article_id": article_id, "line_no": r.line_no, "text": r.text, "reason": r.reason} for r in cleaned.removed
    ]
    repairs = nul_repairs + [{"article_id": article_id, "line_no": r.line_no, "rule": r.rule, "before": r.before,
                              "after": r.after} for r in cleaned.repairs]
    key = re.sub(r"[\W_]+", "", normalise_for_match(cleaned.text))
    return Article(
        row=row, clean=cleaned.text, clean_simplified=simplified, sentences=sents, removed=removed, repairs=repairs,
        report={"path": rel, "status": "loaded with warnings" if warnings else "loaded", "encoding": encoding,
                "reason": "; ".join(warnings)},
        fingerprint=hashlib.sha1(key.encode("utf-8")).hexdigest(),
    )


OUTPUT_MARKERS = (OUTPUT_MARKER, CACHE_MARKER)  # see kaiyuan.cache


def mark_output_folder(folder: Path, kind: str = "output") -> None:
    """Write the marker that keeps a kaiyuan output folder from being read back as input."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text(f"kaiyuan {kind} folder: never read as corpus input\n", encoding="utf-8")


def _row(rel: str, status: str, reason: str) -> dict:
    return {"path": rel, "status": status, "encoding": "", "reason": reason}


def _symlink_target(path: Path) -> tuple[Path | None, str]:
    """(resolved target, '') or (None, why it cannot be followed)."""
    try:
        return path.resolve(strict=True), ""
    except FileNotFoundError:
        return None, f"dangling symlink (target {os.readlink(path)} does not exist)"
    except (RuntimeError, OSError) as err:
        return None, f"symlink loop ({getattr(err, 'strerror', None) or err})"


def walk_corpus(corpus_dir: Path) -> tuple[list[Path], list[dict]]:
    """Every file under the corpus folder (sorted) and a load-report row for every path that is not one.

    Symlinks are followed once: a link to a file is read like a file; a link to a folder is entered
    unless that folder was already entered (a directory loop); dangling links and link loops are
    rejected with the reason. Folders that kaiyuan wrote (OUTPUT_MARKERS) are skipped and reported."""
    root = corpus_dir.resolve()
    files, rows, seen, stack = [], [], {root}, [corpus_dir]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            rows.append(_row(folder.relative_to(corpus_dir).as_posix(), "rejected", f"folder not readable ({err.strerror})"))
            continue
        names = {e.name for e in entries}
        if folder != corpus_dir and names & set(OUTPUT_MARKERS):
            rows.append(_row(folder.relative_to(corpus_dir).as_posix() + "/", "skipped",
                             "kaiyuan output or cache folder (tables, report or cache): never read as input"))
            continue
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(corpus_dir).as_posix()
            target = path
            if entry.is_symlink():
                target, why = _symlink_target(path)
                if target is None:
                    rows.append(_row(rel, "rejected", why))
                    continue
            if target.is_dir():
                target = target.resolve()
                if target in seen or target in (root, *root.parents):
                    rows.append(_row(rel + "/", "rejected", f"directory loop (symlink to {target.name}/, already read)"))
                    continue
                seen.add(target)
                stack.append(path)
            elif target.is_file():
                files.append(path)
            else:
                rows.append(_row(rel, "rejected", "not a regular file (device, socket or pipe)"))
    return sorted(files), rows


def list_files(corpus_dir: Path) -> list[Path]:
    """Every file under the corpus folder, recursive, sorted (see walk_corpus)."""
    return walk_corpus(corpus_dir)[0]


def assign_article_ids(paths: list[Path], corpus_dir: Path) -> tuple[dict[Path, str], list[str]]:
    """article_id per file, unique by construction: the relative path without its extension (sub-folders
    joined with '__'); a file whose id is taken (a.txt beside a.html, sub/b.txt beside sub__b.txt) gets
    '~<extension>' and, if still taken, '~2', '~3', … . Earlier paths (sorted) keep the plain id.
    Returns the ids and one note per renamed file for the load report."""
    ids, taken, notes = {}, set(), []
    base = {p: article_id_for(p, corpus_dir) for p in paths}
    wanted = set(base.values())
    for p in sorted(paths, key=lambda q: q.relative_to(corpus_dir).as_posix()):
        aid = base[p]
        if aid in taken:
            first = aid
            aid = f"{first}~{p.suffix.lstrip('.').lower() or 'file'}"
            n = 2
            while aid in taken or aid in wanted:
                aid, n = f"{first}~{n}", n + 1
            notes.append((p, f"article_id {aid!r}: {first!r} was already taken by another file"))
        taken.add(aid)
        ids[p] = aid
    return ids, notes


@dataclass
class Corpus:
    """A loaded corpus: article, sentence and audit tables plus clean texts keyed by article_id."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    load_report: pd.DataFrame
    removed: pd.DataFrame
    repairs: pd.DataFrame
    clean: dict[str, str] = field(default_factory=dict)
    clean_simplified: dict[str, str] = field(default_factory=dict)


def mark_duplicates(articles: list[Article]) -> None:
    """Flag exact and near duplicates (same text after normalisation, either script) with duplicate_of."""
    first: dict[str, str] = {}
    for art in articles:
        aid = art.row["article_id"]
        if art.fingerprint in first:
            art.row["duplicate_of"] = first[art.fingerprint]
            art.row["warnings"] = "; ".join(filter(None, [art.row["warnings"], f"duplicate of {first[art.fingerprint]}"]))
            art.report["status"] = "loaded with warnings"
            art.report["reason"] = art.row["warnings"]
        else:
            first[art.fingerprint] = aid


def assemble(articles: list[Article], rejected: list[dict]) -> Corpus:
    """Build the corpus tables from per-article results (sorted by article_id)."""
    articles = sorted(articles, key=lambda a: a.row["article_id"])
    mark_duplicates(articles)
    report = sorted([a.report for a in articles] + rejected, key=lambda r: r["path"])
    return Corpus(
        articles=pd.DataFrame([a.row for a in articles], columns=ARTICLE_COLUMNS),
        sentences=pd.DataFrame([s for a in articles for s in a.sentences], columns=SENTENCE_COLUMNS),
        load_report=pd.DataFrame(report, columns=REPORT_COLUMNS),
        removed=pd.DataFrame([r for a in articles for r in a.removed], columns=REMOVED_COLUMNS),
        repairs=pd.DataFrame([r for a in articles for r in a.repairs], columns=REPAIR_COLUMNS),
        clean={a.row["article_id"]: a.clean for a in articles},
        clean_simplified={a.row["article_id"]: a.clean_simplified for a in articles},
    )


def classify(path: Path, corpus_dir: Path) -> str | None:
    """Why a file is not an article candidate (None when it is one)."""
    if path.name == METADATA_FILE and path.parent == corpus_dir:
        return "metadata"
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return f"unsupported file type '{path.suffix or path.name}' (expected .txt, .md, .html, .htm)"
    return None


def plan_files(corpus_dir: Path) -> tuple[list[tuple[Path, str]], list[dict], dict[str, dict]]:
    """Split a corpus folder into article candidates (path, unique article_id) and load-report rows for
    everything else (metadata, unsupported files, symlink problems, skipped output folders)."""
    meta = read_metadata(corpus_dir)
    paths, others = walk_corpus(corpus_dir)
    candidates = []
    for path in paths:
        rel = path.relative_to(corpus_dir).as_posix()
        why = classify(path, corpus_dir)
        if why == "metadata":
            others.append({"path": rel, "status": "metadata", "encoding": "utf-8", "reason": f"{len(meta)} rows"})
        elif why:
            others.append({"path": rel, "status": "rejected", "encoding": "", "reason": why})
        else:
            candidates.append(path)
    ids, notes = assign_article_ids(candidates, corpus_dir)
    renamed = dict(notes)
    planned = [(p, ids[p]) for p in candidates]
    for p, aid in planned:
        if p in renamed:
            meta.setdefault(aid, {})["_id_note"] = renamed[p]
    others += metadata_warnings(meta, {aid for _, aid in planned}, corpus_dir)
    return planned, others, meta


def metadata_warnings(meta: dict[str, dict], ids: set[str], corpus_dir: Path) -> list[dict]:
    """Load-report rows for metadata.csv rows that name no article or carry a date that is not one."""
    rows = []
    for aid, row in sorted(meta.items()):
        if row.get("_line") is None:
            continue
        where = f"{METADATA_FILE} line {row['_line']}"
        if aid not in ids:
            rows.append(_row(METADATA_FILE, "warning", f"{where}: article_id {aid!r} matches no article file; row not used"))
        if row.get("published") and not parse_date(row["published"]):
            rows.append(_row(METADATA_FILE, "warning", f"{where}: published {row['published']!r} is not a date "
                                                      "(YYYY-MM-DD, YYYY-MM or YYYY); ignored"))
    return rows


def load_corpus(corpus_dir: str | Path, progress: bool | None = None) -> Corpus:
    """Load every article under `corpus_dir` (no actor/stance/time analysis); FileNotFoundError if missing."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    from tqdm.auto import tqdm

    candidates, rejected, meta = plan_files(corpus_dir)
    articles = []
    show = progress if progress is not None else len(candidates) >= 200
    for path, aid in tqdm(candidates, desc="loading", unit="file", disable=not show):
        try:
            articles.append(process_file(path, corpus_dir, meta.get(aid), article_id=aid))
        except Rejected as err:
            rejected.append({"path": path.relative_to(corpus_dir).as_posix(), "status": "rejected", "encoding": "",
                             "reason": str(err)})
    return assemble(articles, rejected)
