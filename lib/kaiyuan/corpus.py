"""Loading a corpus: files -> decoded text -> clean articles and sentences.

Every file under the corpus folder is accounted for in the load report: loaded,
loaded with warnings, or rejected with a reason.  Nothing is skipped silently.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from charset_normalizer import from_bytes

from .clean import Cleaned, clean_text, load_rules
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
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


class Rejected(Exception):
    """A file that cannot be loaded as an article; the message is the reason."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to text, returning (text, encoding); raise Rejected when impossible."""
    if not data.strip(b" \t\r\n\x00"):
        raise Rejected("empty file")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise Rejected(f"binary file ({kind})")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as err:
                raise Rejected(f"undecodable: {enc} byte-order mark but invalid {enc} ({err.reason})") from None
            return text.lstrip("\ufeff"), "utf-8-sig" if enc == "utf-8-sig" else enc
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            kind = "binary file (NUL bytes)" if b"\x00" in data else "undecodable: no encoding fits the bytes"
            raise Rejected(kind) from None
        text, enc = str(best), best.encoding
    if not text.strip():
        raise Rejected("empty file (whitespace only)")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls / len(text) > 0.01 or text.count("\ufffd") / len(text) > 0.01:
        raise Rejected(f"binary or undecodable content ({enc} gives {controls} control characters)")
    return text, enc


def html_to_text(markup: str) -> tuple[str, dict, list[str]]:
    """Article text of an HTML page (scripts, styles, forms dropped), its meta fields, and what was dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
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
    if "title" not in meta and soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    if "published" not in meta and (t := soup.find("time")) and t.get("datetime"):
        meta["published"] = t["datetime"].strip()
    root = soup.find("article") or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    for block in root.find_all(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote",
                                "section", "header", "footer", "figcaption", "pre", "table", "ul", "ol"]):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = [" ".join(ln.split()) for ln in root.get_text().split("\n")]
    return "\n".join(ln for ln in lines if ln), meta, dropped


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown file (headings, links and emphasis resolved by markdown-it)."""
    from markdown_it import MarkdownIt

    text, _, _ = html_to_text(MarkdownIt().render(source))
    return text


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


def date_from_lines(removed_or_raw: list[str]) -> str:
    """First standalone date line (e.g. '2024-03-28' or '2024-01-04 20:55:33'), as ISO, or ''."""
    for line in removed_or_raw:
        m = _DATE.match(unicodedata.normalize("NFKC", line).strip())
        if m:
            return parse_date(line)
    return ""


def read_metadata(corpus_dir: Path) -> dict[str, dict]:
    """Rows of metadata.csv at the corpus root keyed by article_id (empty when absent)."""
    path = corpus_dir / METADATA_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["article_id"].strip(): {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)}


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


def article_id_for(path: Path, corpus_dir: Path) -> str:
    """Stable id: the file name without extension; sub-folders joined with '__'."""
    rel = path.relative_to(corpus_dir).with_suffix("")
    return "__".join(rel.parts)


def process_file(path: Path, corpus_dir: Path, meta: dict | None = None, data: bytes | None = None) -> Article:
    """Load, clean and split one file (raises Rejected); pure apart from reading the file."""
    data = path.read_bytes() if data is None else data
    rel = path.relative_to(corpus_dir).as_posix()
    fmt = ARTICLE_SUFFIXES[path.suffix.lower()]
    text, encoding = decode_bytes(data)
    article_id = article_id_for(path, corpus_dir)
    warnings, html_meta, pre_removed = [], {}, []
    if fmt == "html":
        body, html_meta, dropped = html_to_text(text)
        pre_removed = [{"article_id": article_id, "line_no": 0, "text": d, "reason": "html_element"} for d in dropped]
    elif fmt == "markdown":
        body = markdown_to_text(text)
    else:
        body = text
    if "\ufffd" in body:
        warnings.append("replacement characters in source (lost characters)")
    cleaned: Cleaned = clean_text(body, load_rules())
    if not cleaned.text.strip():
        raise Rejected("no article text left after cleaning (only boilerplate)")
    removed = pre_removed + [
        {"article_id": article_id, "line_no": r.line_no, "text": r.text, "reason": r.reason} for r in cleaned.removed
    ]
    repairs = [{"article_id": article_id, "line_no": r.line_no, "rule": r.rule, "before": r.before, "after": r.after}
               for r in cleaned.repairs]
    meta = meta or {}
    title, title_basis = meta.get("title", ""), "metadata"
    if not title:
        title, title_basis = (html_meta.get("title") or cleaned.title), "html" if html_meta.get("title") else "text"
    published, basis = parse_date(meta.get("published", "")), meta.get("published_basis", "") or "metadata"
    if not published and html_meta.get("published"):
        published, basis = parse_date(html_meta["published"]), "html meta"
    if not published:
        published = date_from_lines([r.text for r in cleaned.removed if r.reason == "timestamp"])
        basis = "text"
    if not published:
        basis = "unknown"
        warnings.append("no publication date: relative dates stay unresolved")
    if not title:
        warnings.append("no title found")
    author = meta.get("author", "") or html_meta.get("author", "") or next(
        (r.text for r in cleaned.removed if r.reason == "byline"), "")
    script = detect_script(cleaned.text)
    if script == "mixed":
        warnings.append("mixed simplified/traditional script")
    if script == "none":
        warnings.append("no Chinese characters")
    sents = split_sentences(cleaned.text, cleaned.title)
    simplified = to_simplified(cleaned.text)
    for s in sents:
        s["article_id"] = article_id
        s["text_simplified"] = simplified[s["start"]:s["end"]]
    row = {
        "article_id": article_id, "source_path": rel, "title": title, "outlet": meta.get("outlet", "") or html_meta.get("outlet", ""),
        "author": author, "published": published, "published_basis": basis, "script": script, "encoding": encoding,
        "n_chars_raw": len(text), "n_chars_clean": len(cleaned.text), "n_sentences": len(sents), "duplicate_of": "",
        "warnings": "; ".join(warnings),
    }
    key = re.sub(r"[\W_]+", "", normalise_for_match(cleaned.text))
    return Article(
        row=row, clean=cleaned.text, clean_simplified=simplified, sentences=sents, removed=removed, repairs=repairs,
        report={"path": rel, "status": "loaded with warnings" if warnings else "loaded", "encoding": encoding,
                "reason": "; ".join(warnings)},
        fingerprint=hashlib.sha1(key.encode("utf-8")).hexdigest(),
    )


def list_files(corpus_dir: Path) -> list[Path]:
    """Every file under the corpus folder, recursive, sorted (hidden folders included: nothing is skipped)."""
    return sorted(p for p in corpus_dir.rglob("*") if p.is_file())


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


def load_corpus(corpus_dir: str | Path, progress: bool | None = None) -> Corpus:
    """Load every article under `corpus_dir`; raise FileNotFoundError/ValueError on a missing or empty corpus."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    meta = read_metadata(corpus_dir)
    files = list_files(corpus_dir)
    articles, rejected = [], []
    from tqdm.auto import tqdm

    show = progress if progress is not None else len(files) >= 200
    for path in tqdm(files, desc="loading", unit="file", disable=not show):
        rel = path.relative_to(corpus_dir).as_posix()
        why = classify(path, corpus_dir)
        if why == "metadata":
            rejected.append({"path": rel, "status": "metadata", "encoding": "utf-8", "reason": f"{len(meta)} rows"})
            continue
        if why:
            rejected.append({"path": rel, "status": "rejected", "encoding": "", "reason": why})
            continue
        try:
            articles.append(process_file(path, corpus_dir, meta.get(article_id_for(path, corpus_dir))))
        except Rejected as err:
            rejected.append({"path": rel, "status": "rejected", "encoding": "", "reason": str(err)})
    return assemble(articles, rejected)
