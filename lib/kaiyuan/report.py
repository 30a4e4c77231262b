"""The HTML report site: tables as CSV, every notebook executed on the corpus and rendered.

`python -m kaiyuan report --corpus DIR --out reports/NAME` (behind `make report`).
Article text is untrusted input: every page escapes it (pandas escapes table cells,
`clean_html` sanitises markdown and output HTML with bleach, the index is built with html.escape).
tests/test_report_safety.py builds a report from hostile articles and checks every page.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd

from . import plotting
from .notebooks import KERNEL, NOTEBOOK_DIR, build, ipc_kernel_manager, notebook_scripts
from .config import validate
from .corpus import list_files, mark_output_folder
from .pipeline import Result, run, write_tables

FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
MONO_STACK = f'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace, {FONT_STACK}'
# Every element of every page gets the CJK stack (code and tables included): JupyterLab's own rules read
# its --jp-*-font-family variables, everything else inherits from <html>; code keeps a monospace face
# for Latin and falls back to the bundled CJK font for Chinese (no tofu without a system CJK font).
# Numbers never break inside (JupyterLab's output <pre> has word-break: break-all); long Chinese
# table cells (class long-text, set by mark_long_cells) wrap at a readable width; wide tables scroll.
STYLE = f"""
@font-face {{ font-family: "Noto Sans CJK SC"; src: url("assets/{plotting.FONT_FILE}") format("opentype"); }}
:root {{ --jp-ui-font-family: {FONT_STACK}; --jp-content-font-family: {FONT_STACK};
  --jp-code-font-family: {MONO_STACK}; --jp-code-font-family-default: {MONO_STACK}; --jp-cell-prompt-font-family: {MONO_STACK}; }}
html, body, .jp-RenderedHTMLCommon {{ font-family: {FONT_STACK}; }}
* {{ font-family: inherit; }}
code, pre, kbd, samp, tt, .highlight, .highlight pre, .jp-RenderedText pre, .CodeMirror, .cm-editor, .cm-content {{
  font-family: {MONO_STACK}; }}
pre, .jp-OutputArea-output pre, .jp-RenderedText pre, p, li, td, th, caption {{ word-break: normal; overflow-wrap: break-word; }}
body {{ max-width: 1100px; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.9em; }} td, th {{ border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; }}
td.long-text {{ min-width: 12em; max-width: 36em; white-space: normal; text-align: left; }}
td.mid-text {{ min-width: 6em; white-space: normal; text-align: left; }}
.jp-OutputArea-output, .jp-RenderedHTMLCommon {{ overflow-x: auto; }}
th {{ background: #f3f3f3; }} .meta {{ color: #666; }} .nowrap {{ white-space: nowrap; }}
"""
LONG_CELL, MID_CELL = 12, 6  # characters: a table cell with Chinese text this long gets a readable minimum width
_HAN = re.compile(r"[\u3400-\u9fff]")


def esc(value) -> str:
    """HTML-escape any value (article text is untrusted)."""
    return html.escape("" if value is None else str(value), quote=True)


# What notebook pages may contain after sanitising (markdown cells and text/html outputs):
# structure, tables and links; no script, style, svg, img, form, iframe or event attribute.
# (Charts are image/png outputs, embedded by nbconvert as data: URIs without passing through here.)
# nbconvert's own clean_html filter allows no headings, paragraphs or table heads, so with
# sanitize_html=True every markdown heading and DataFrame header came out as escaped markup.
SAFE_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
})
SAFE_ATTRIBUTES = {
    "*": ["class", "id", "title", "lang", "dir"],
    "a": ["href", "title"],
    "td": ["colspan", "rowspan", "style"], "th": ["colspan", "rowspan", "style"], "tr": ["style"],
    "table": ["border"], "ol": ["start"],
}
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.S | re.I)


def clean_html(markup) -> str:
    """Sanitise notebook HTML (markdown cells, text/html outputs) with bleach and a reader-page allow-list.

    Disallowed tags are escaped (shown as text), never passed through; attributes outside the
    allow-list (every on* handler, style on anything but table cells) are dropped; href keeps
    only http(s)/mailto or relative URLs; pandas' <style scoped> blocks are removed first
    (the page CSS styles tables).  Used as nbconvert's `clean_html` Jinja filter.
    """
    import bleach
    from bleach.css_sanitizer import CSSSanitizer

    markup = markup.decode() if isinstance(markup, bytes) else str(markup)
    return bleach.clean(_STYLE_BLOCK.sub("", markup), tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES,
                        protocols={"http", "https", "mailto"}, strip=False, strip_comments=True,
                        css_sanitizer=CSSSanitizer())


def table_html(df: pd.DataFrame, max_rows: int = 200) -> str:
    """An escaped HTML table (pandas escapes cell text by default; we make it explicit)."""
    return df.head(max_rows).to_html(index=False, escape=True, border=0, na_rep="")


def render_key(script: Path, corpus: Path, params: dict | None) -> str:
    """What a rendered notebook depends on: its source, its parameters, every corpus file's bytes, and all
    of the package's data and code.  Unchanged key = the pages from the last report are still right."""
    import hashlib
    import json

    from .cache import DATA_DIR, PACKAGE_DIR, make_key

    files = list_files(corpus)
    parts = [script.read_bytes(), json.dumps(params or {}, sort_keys=True)]
    parts += [f"{p.relative_to(corpus).as_posix()}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in files]
    if (params or {}).get("PREVIOUS"):  # the earlier run's tables are an input of the comparison
        parts += [f"previous/{p.name}:{hashlib.sha256(p.read_bytes()).hexdigest()}"
                  for p in sorted(Path(params["PREVIOUS"]).glob("*.csv"))]
    return make_key("report-notebook", *parts, data=sorted(p.name for p in DATA_DIR.iterdir() if p.is_file()),
                    code=sorted(p.name for p in PACKAGE_DIR.glob("*.py")))


def render_notebook(script: Path, out_dir: Path, corpus: Path, params: dict | None = None) -> list[Path]:
    """Execute one notebook with papermill on `corpus`; render a reader page (no code) and a page with code.

    Skipped when the pages of a previous report were made from exactly the same inputs (render_key)."""
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    nb_dir = out_dir / "notebooks"
    nb_dir.mkdir(parents=True, exist_ok=True)
    pages = [out_dir / f"{script.stem}.html", out_dir / f"{script.stem}-code.html"]
    stamp, key = nb_dir / f"{script.stem}.key", render_key(script, corpus, params)
    if stamp.exists() and stamp.read_text() == key and all(p.exists() for p in pages):
        return pages
    src = nb_dir / f"{script.stem}.source.ipynb"
    nbformat.write(build(script), src)
    executed = nb_dir / f"{script.stem}.ipynb"
    pm.execute_notebook(str(src), str(executed), parameters={"CORPUS": str(corpus), "OUTPUT": str(out_dir), **(params or {})},
                        kernel_name=KERNEL, cwd=str(NOTEBOOK_DIR), progress_bar=False,
                        kernel_manager_class=ipc_kernel_manager())
    src.unlink()
    node = nbformat.read(executed, as_version=4)
    pages = []
    stamp.unlink(missing_ok=True)
    for with_code in (False, True):
        exporter = HTMLExporter(template_name="lab", exclude_input=not with_code, exclude_input_prompt=True,
                                exclude_output_prompt=True, sanitize_html=True, filters={"clean_html": clean_html})
        body, _ = exporter.from_notebook_node(node)
        page = out_dir / (f"{script.stem}-code.html" if with_code else f"{script.stem}.html")
        # the notebooks link the codebook's Markdown (right in JupyterLab); the site has it rendered
        body = body.replace('href="codebook.md"', 'href="codebook.html"')
        page.write_text(static_page(body), encoding="utf-8")
        pages.append(page)
    stamp.write_text(key)
    return pages


CSP = ("default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
       "img-src 'self' data:")


def static_page(document: str) -> str:
    """Make a rendered page static and self-contained: no scripts at all (no MathJax/require.js from a CDN,
    so '$...$' in an article stays text), no external stylesheets, a strict CSP, our CJK font and style."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(document, "html.parser")
    for tag in soup.find_all("script"):
        tag.decompose()
    for tag in soup.find_all("link", href=True):
        if tag["href"].startswith(("http:", "https:", "//")):
            tag.decompose()
    head = soup.head or soup
    meta = soup.new_tag("meta", attrs={"http-equiv": "Content-Security-Policy", "content": CSP})
    head.insert(0, meta)
    style = soup.new_tag("style")
    style.string = STYLE
    head.append(style)
    mark_long_cells(soup)
    return str(soup)


def with_long_cells(markup: str) -> str:
    """`markup` with mark_long_cells applied."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    mark_long_cells(soup)
    return str(soup)


def mark_long_cells(soup) -> None:
    """Give table cells holding Chinese text the class long-text (12+ characters) or mid-text (6+): a
    readable minimum width, so a title is not squeezed to three characters a line among many narrow columns."""
    for cell in soup.find_all("td"):
        text = cell.get_text(strip=True)
        if len(text) >= MID_CELL and _HAN.search(text):
            cell["class"] = [*cell.get("class", []), "long-text" if len(text) >= LONG_CELL else "mid-text"]


def index_page(result: Result, corpus: Path, pages: list[Path], tables: list[Path], out_dir: Path) -> Path:
    """index.html: corpus summary, links to each notebook, downloadable tables, the load report."""
    from .views import corpus_summary

    a = result["articles"][["article_id", "title", "outlet", "published", "script", "n_chars_clean", "n_sentences", "warnings"]]
    links = "".join(
        f'<li><a href="{esc(p.name)}">{esc(p.stem)}</a> · <a href="{esc(p.stem)}-code.html">with code</a></li>'
        for p in pages if not p.stem.endswith("-code")
    )
    tlinks = "".join(f'<li><a href="tables/{esc(t.name)}" download>{esc(t.name)}</a> ({len(pd.read_csv(t))} rows)</li>'
                     for t in tables)
    doc = f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>kaiyuan report · {esc(corpus.name)}</title>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<style>{STYLE}</style></head><body>
<h1>kaiyuan report: {esc(corpus.name)}</h1>
<p>{esc(corpus_summary(result))}</p>
<h2>Notebooks</h2><ol>{links}</ol>
<p>Stance labels follow the <a href="codebook.html">annotation codebook</a>.</p>
<h2>Tables (CSV, UTF-8)</h2><ul>{tlinks}</ul>
<h2>Articles</h2>{table_html(a)}
<h2>Load report</h2>{table_html(result["load_report"])}
<p class="meta">Generated by kaiyuan from the files in <code>{esc(corpus.name)}/</code>. Article text is shown as text, never as markup.</p>
</body></html>"""
    page = out_dir / "index.html"
    page.write_text(with_long_cells(doc), encoding="utf-8")
    return page


def write_codebook(out: Path) -> None:
    """Copy notebooks/codebook.md into the report (the notebooks link to it) and render it as a page."""
    from markdown_it import MarkdownIt

    src = NOTEBOOK_DIR / "codebook.md"
    if not src.exists():
        return
    text = src.read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    page = f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>Codebook</title></head><body>{body}</body></html>'
    for path, content in ((out / "codebook.md", text), (out / "codebook.html", static_page(page))):
        if not path.exists() or path.read_text(encoding="utf-8") != content:  # unchanged files keep their date
            path.write_text(content, encoding="utf-8")


def notebook_parameters(script: Path) -> set[str]:
    """Names assigned in a notebook's papermill `parameters` cell (so each notebook gets only its own)."""
    cells = script.read_text(encoding="utf-8").split("# %%")
    cell = next((c for c in cells if c.lstrip().startswith('tags=["parameters"]')), "")
    return set(re.findall(r"^([A-Z_][A-Z0-9_]*)\s*=", cell, re.M))


def resolve_previous(corpus: Path, out: Path, previous: str | Path | None) -> Path | None:
    """The tables of the earlier run to compare with: `previous` (a report or tables folder) or, by default,
    the last report of the same corpus name under reports/.  When those tables are the ones this report is
    about to overwrite, they are first copied to <out>/previous/, and that copy is compared with."""
    from .compare import find_previous, tables_folder

    tables = tables_folder(previous) if previous else find_previous(corpus)
    if tables is None:
        return None
    tables = tables.resolve()
    if tables == out / "tables":
        keep = out / "previous"
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True)
        for csv in sorted(tables.glob("*.csv")):
            shutil.copyfile(csv, keep / csv.name)
        return keep
    return tables


def check_corpus(corpus: Path) -> None:
    """FileNotFoundError with what to give instead, for a corpus path that is missing or a file."""
    if corpus.is_file():
        raise FileNotFoundError(f"{corpus} is a file; give the folder that contains it ({corpus.parent})")
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")


def build_report(corpus_dir: str | Path, out_dir: str | Path, notebooks: list[Path] | None = None,
                 registry: str | Path | None = None, labels: str | Path | None = None,
                 workers: int = 1, cache: bool = True, previous: str | Path | None = None) -> Path:
    """Run the pipeline once, write tables, execute and render every notebook on it, write index.html.

    `previous`: an earlier run (report or tables folder) for notebook 04 to compare with; by default the
    last report of the same corpus name (compare.find_previous).  Nothing is written when the corpus, a
    configuration file or the earlier run is missing.  The notebooks' kernels call kaiyuan.analyze on the
    same inputs and get the cached result.
    """
    corpus, out = Path(corpus_dir).resolve(), Path(out_dir).resolve()
    registry = str(Path(registry).resolve()) if registry else None
    labels = str(Path(labels).resolve()) if labels else None
    check_corpus(corpus)
    validate(registry, labels)  # before anything is written or any notebook runs
    if previous:
        from .compare import tables_folder

        tables_folder(previous)  # a wrong --previous stops the report before anything is written
    mark_output_folder(out, "report")
    (out / "assets").mkdir(exist_ok=True)
    shutil.copyfile(plotting.font_path(), out / "assets" / plotting.FONT_FILE)
    result = run(corpus, workers=workers, cache=cache, registry=registry, labels=labels)
    if result.corpus.articles.empty:
        raise ValueError(f"no article could be loaded from {corpus}")
    earlier = resolve_previous(corpus, out, previous)  # before this run's tables replace it
    tables = [p for p in write_tables(result, out / "tables") if p.suffix == ".csv"]
    write_codebook(out)
    pages = []
    params = {"REGISTRY": registry, "LABELS": labels, "PREVIOUS": str(earlier) if earlier else None}
    for script in notebooks if notebooks is not None else notebook_scripts():
        wanted = notebook_parameters(script)
        pages.extend(render_notebook(script, out, corpus, {k: v for k, v in params.items() if k in wanted}))
    return index_page(result, corpus, pages, tables, out)
