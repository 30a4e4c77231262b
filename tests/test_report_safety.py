"""Article text is untrusted input: the HTML report must show it as text, never as markup.

tests/data/malicious/ holds three hostile articles (two .txt in both scripts, one .html).
Their headlines, body sentences, boilerplate lines and HTML meta fields carry script tags,
event-handler attributes, javascript: links, <svg onload> and HTML entities, in forms that
the cleaner strips (so they reach the removed-lines and repairs tables) and in forms that
survive cleaning (so dangerous characters reach titles and sentences).  Payloads that would
run set `document.body.dataset.pwned`, i.e. a `data-pwned` attribute on <body>, so a
successful injection is visible in the DOM Chromium dumps after running the page.

The report is built once (every notebook, executed with papermill); each page is then
checked twice: statically with a real HTML parser, and, when headless Chromium is
installed, in the browser (DOM after scripts ran, plus a screenshot).
"""
from __future__ import annotations

import html
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from kaiyuan import plotting
from kaiyuan.notebooks import notebook_scripts
from kaiyuan.report import FONT_STACK, STYLE, build_report

sys.path.insert(0, str(Path(__file__).parent))
import browser  # noqa: E402  (tests/browser.py)

MALICIOUS = Path(__file__).parent / "data" / "malicious"
# Strings only an article can bring into a page.  None may appear in markup (tags, attributes,
# script bodies); all of them appear in the pages' text.
MARKERS = ("alert(", "pwned", "document.cookie", "onerror", "onload", "javascript:")
# Raw-HTML snippets that mean "article markup went through unescaped".
RAW_INJECTIONS = ("<script>alert", "<script/", "<svg", "<img src=x", "<img/src", '<a href="javascript', "<a/href")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
FORBIDDEN_TAGS = {"svg", "math", "iframe", "frame", "object", "embed", "form", "base", "applet"}
HEADLINES = ("开源之争", "開源AI定義之爭", "开源权重之辩")


class Page(HTMLParser):
    """Every element with its attributes, every <script> with its body, and the decoded text."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text_parts: list[str] = []
        self._in: str | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        self.elements.append((tag.lower(), attrs))
        if tag.lower() in ("script", "style"):
            self._in = tag.lower()
            if tag.lower() == "script":
                self.scripts.append((attrs, ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() in ("script", "style"):
            self._in = None

    def handle_endtag(self, tag):
        if tag.lower() == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif self._in is None:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)


def markup_problems(markup: str) -> list[str]:
    """Every sign that article markup became page markup (empty list = page is safe)."""
    page, problems = Page(markup), []
    for attrs, body in page.scripts:
        if attrs.get("id") == browser.DIALOG_GUARD_ID:     # the test's own instrumentation (tests/browser.py)
            continue
        where = f"<script {attrs}> {body[:80]!r}"
        if any(m in body for m in MARKERS) or any(m in v for v in attrs.values() for m in MARKERS):
            problems.append(f"script carrying an article payload: {where}")
    for tag, attrs in page.elements:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element {attrs}")
        for name, value in attrs.items():
            compact = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(value)).lower()
            if name.startswith("on"):
                problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "vbscript:", "data:text/html")):
                problems.append(f"script URL {name}={value!r} on <{tag}>")
            if any(m in value for m in MARKERS):
                problems.append(f"article payload in attribute {name}={value[:80]!r} on <{tag}>")
        if tag == "img" and not attrs.get("src", "").startswith(("data:image/png", "data:image/jpeg", "figures/", "assets/")):
            problems.append(f"<img> not from the report: {attrs}")
    lower = markup.lower()
    problems += [f"raw {s!r} in the HTML" for s in RAW_INJECTIONS if s.lower() in lower]
    return problems


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report for the malicious corpus, every notebook executed (built once for this module)."""
    out = tmp_path_factory.mktemp("report-malicious")
    scripts = notebook_scripts()
    with pytest.MonkeyPatch.context() as env:   # keep the per-article cache out of the repository
        env.setenv("KAIYUAN_CACHE", str(tmp_path_factory.mktemp("kaiyuan-cache")))
        index = build_report(MALICIOUS, out, notebooks=scripts)
    pages = sorted(out.glob("*.html"))
    return SimpleNamespace(out=out, index=index, pages=pages, scripts=scripts,
                           text={p.name: p.read_text(encoding="utf-8") for p in pages})


def test_payloads_reach_the_report_data(report):
    """The corpus really is hostile after loading and cleaning: dangerous characters reach titles and sentences."""
    tables = report.out / "tables"
    articles = pd.read_csv(tables / "articles.csv", dtype=str, keep_default_na=False)
    sentences = pd.read_csv(tables / "sentences.csv", dtype=str, keep_default_na=False)
    removed = pd.read_csv(tables / "removed_lines.csv", dtype=str, keep_default_na=False)
    assert len(articles) == 3, articles
    titles = " ".join(articles["title"])
    assert '"><script>alert(1)</script>' in titles          # HTML og:title, decoded by the parser
    assert "<svg/onload=document.body.dataset.pwned=1>" in titles
    assert "<img/src=x onerror=document.body.dataset.pwned=1>" in titles
    assert "<img src=x onerror=document.body.dataset.pwned=1>" in " ".join(articles["outlet"])
    body = " ".join(sentences.loc[sentences["kind"] != "title", "text"])
    for payload in ("<img/src=x onerror=document.body.dataset.pwned=1>", "<svg/onload=document.body.dataset.pwned=1>",
                    '<a/href="javascript:alert(1)">', '">alert(1)', "<svg/onload=alert(1)>"):
        assert payload in body, payload
    lines = " ".join(removed["text"])
    assert "<script>alert(1)</script>" in lines and "&lt;script&gt;" in lines and "<script> alert(document.cookie)" in lines


def test_every_page_was_built(report):
    names = {p.name for p in report.pages}
    expected = {"index.html"} | {f"{s.stem}{suffix}.html" for s in report.scripts for suffix in ("", "-code")}
    assert expected <= names, expected - names
    assert len(report.scripts) >= 1


def test_the_stance_notebook_links_the_rendered_codebook(report):
    assert "codebook.html" in report.text
    for name in ("01_stance.html", "01_stance-code.html"):
        assert 'href="codebook.html"' in report.text[name] and 'href="codebook.md"' not in report.text[name], name


def test_no_page_turns_article_text_into_markup(report):
    problems = {name: markup_problems(markup) for name, markup in report.text.items()}
    assert not any(problems.values()), {k: v[:10] for k, v in problems.items() if v}


def test_payloads_are_shown_escaped_as_text(report):
    """Not vacuous: the payloads are on the pages, escaped in the source and verbatim in the text."""
    index = report.text["index.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;开源权重之辩" in index
    assert "&lt;svg/onload=document.body.dataset.pwned=1&gt;" in index
    assert "&lt;img src=x onerror=document.body.dataset.pwned=1&gt;科技网" in index
    text = Page(index).text
    for shown in ('"><script>alert(1)</script>开源权重之辩', "<img/src=x onerror=document.body.dataset.pwned=1>",
                  *HEADLINES):
        assert shown in text, shown
    for stem in ("00_corpus", "00_corpus-code"):
        page = report.text[f"{stem}.html"]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, stem
        assert "&amp;lt;script&amp;gt;" in page, stem            # an entity in the article stays an entity
        text = Page(page).text
        for shown in ("<script>alert(1)</script>", '<a href="javascript:alert(1)">', "&lt;script&gt;alert(1)",
                      "<img src=x onerror=document.body.dataset.pwned=1>", *HEADLINES):
            assert shown in text, (stem, shown)
    for name, markup in report.text.items():    # and the sanitiser did not escape the notebooks' own markup
        for own in ('&lt;h1 id="', '&lt;h2 id="', "&lt;thead&gt;", "&lt;style scoped&gt;"):
            assert own not in markup, (name, own)


def test_index_has_csp_and_cjk_font(report):
    page = Page(report.text["index.html"])
    csp = [a.get("content", "") for t, a in page.elements
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert csp and "script-src 'none'" in csp[0] and "default-src 'self'" in csp[0], csp
    font = report.out / "assets" / plotting.FONT_FILE
    assert font.exists() and font.stat().st_size > 1_000_000
    for name, markup in report.text.items():
        assert "@font-face" in markup and f'url("assets/{plotting.FONT_FILE}")' in markup, name
        assert FONT_STACK in markup and '"Noto Sans CJK SC"' in markup, name


# --- in the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium():
    exe = browser.find_chromium()
    if exe is None:
        pytest.skip(browser.SKIP_REASON)
    return exe


FONT_PROBE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<style>{style} body {{ margin: 0; padding: 0; max-width: none; }}
p {{ font-family: "Noto Sans CJK SC"; font-size: 64px; line-height: 100px; height: 100px; margin: 0; padding: 0 20px; }}</style>
<script>
document.fonts.load('64px "Noto Sans CJK SC"', '开源').then(
  faces => document.body.setAttribute('data-font', faces.length ? faces.map(f => f.status).join(',') : 'none'),
  err => document.body.setAttribute('data-font', 'error ' + err));
</script></head>
<body><p id="a">开源模型权重</p><p id="b">监管数据训练</p></body></html>"""


@pytest.fixture(scope="module")
def rendered(report, chromium, tmp_path_factory):
    """Every page (and a font probe next to them) loaded in headless Chromium: DOM after scripts + screenshot."""
    shots = tmp_path_factory.mktemp("screenshots")
    index_csp = [a["content"] for t, a in Page(report.text["index.html"]).elements
                 if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"][0]
    # the index's own policy (font-src 'self'), with inline script allowed for the probe only
    probe = report.out / "font-probe.html"
    probe.write_text(FONT_PROBE.format(csp=index_csp.replace("script-src 'none'", "script-src 'unsafe-inline'"),
                                       style=STYLE), encoding="utf-8")
    jobs = [(p, shots / f"{p.stem}.png", (1200, 2000)) for p in report.pages] + [(probe, shots / "font-probe.png", (800, 300))]

    def run(job):
        page, png, size = job
        guarded = browser.no_dialogs(page)      # an injected alert() must not hang the browser
        try:
            return browser.render(chromium, guarded.as_uri(), png, size, timeout=30)
        finally:
            guarded.unlink()

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            doms = list(pool.map(run, jobs))
    finally:
        probe.unlink()
    return SimpleNamespace(dom={j[0].name: d for j, d in zip(jobs, doms)}, png={j[0].name: j[1] for j in jobs},
                           folder=shots)


def test_browser_runs_no_payload(report, rendered):
    for page in report.pages:
        dom = rendered.dom[page.name]
        elements = Page(dom).elements
        body = [a for t, a in elements if t == "body"]
        root = [a for t, a in elements if t == "html"]
        assert body and "data-pwned" not in body[0], (page.name, body)
        assert "data-pwned" not in dom, page.name              # no element got the attribute either
        assert root and "data-dialog" not in root[0], (page.name, root)   # nothing called alert()
        problems = [p for p in markup_problems(dom) if not p.startswith("raw ")]
        assert not problems, (page.name, problems[:10])
    dom = rendered.dom["index.html"]
    for headline in HEADLINES:
        assert headline in Page(dom).text, headline


def test_screenshots_show_the_pages(report, rendered):
    from PIL import Image

    for page in report.pages:
        png = rendered.png[page.name]
        assert png.stat().st_size > 20_000, (page.name, png.stat().st_size)
        with Image.open(png) as img:
            grey = img.convert("L")
            assert grey.size == (1200, 2000), grey.size
            lo, hi = grey.getextrema()
            dark = sum(grey.histogram()[:128])
        assert hi - lo > 100 and dark > 2_000, (page.name, lo, hi, dark)   # text, not a blank page


def test_chinese_renders_with_the_bundled_font(rendered):
    """The @font-face font loads under the index's CSP and draws real glyphs (different text, different pixels)."""
    body = [a for t, a in Page(rendered.dom["font-probe.html"]).elements if t == "body"][0]
    assert body.get("data-font") == "loaded", body
    browser.assert_two_texts_drawn_apart(rendered.png["font-probe.html"], 800, 1_500, "strings")


def test_second_report_reuses_the_rendered_notebooks(report, tmp_path_factory, monkeypatch):
    """An unchanged corpus: the second build re-renders nothing (papermill is never called) and keeps every page."""
    import papermill

    out = report.out
    before = {p: p.stat().st_mtime_ns for p in report.pages if p.name != "index.html"}

    def refuse(*args, **kwargs):
        raise AssertionError("a notebook was executed again although nothing changed")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path_factory.mktemp("kaiyuan-cache-2")))
    build_report(MALICIOUS, out, notebooks=report.scripts)
    assert {p: p.stat().st_mtime_ns for p in before} == before
