"""Readable report pages: the CJK font reaches every element (code, tables), the codebook is a rendered
page of the site, long Chinese cells wrap at a readable width, numbers never break; and, in headless
Chromium, the codebook's Chinese code spans draw real glyphs, not tofu (this machine may have no CJK font)."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kaiyuan import plotting, report

sys.path.insert(0, str(Path(__file__).parent))
import browser  # noqa: E402  (tests/browser.py)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A report folder holding only what the codebook page needs: the page and the bundled font."""
    out = tmp_path_factory.mktemp("site")
    (out / "assets").mkdir()
    shutil.copyfile(plotting.font_path(), out / "assets" / plotting.FONT_FILE)
    report.write_codebook(out)
    return out


def test_the_codebook_is_a_rendered_page_of_the_site(site):
    soup = BeautifulSoup((site / "codebook.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1") and soup.find("table") and soup.find("code")
    assert "**" not in soup.get_text() and "|---" not in soup.get_text()   # Markdown was rendered, not shown
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert report.FONT_STACK in soup.find("style").string


def test_every_element_gets_the_cjk_stack_and_code_falls_back_to_it():
    assert "* { font-family: inherit; }" in report.STYLE
    for variable in ("--jp-ui-font-family", "--jp-content-font-family", "--jp-code-font-family"):
        assert f"{variable}: " in report.STYLE
    assert report.MONO_STACK.endswith(report.FONT_STACK)
    code_rule = re.search(r"code, pre[^{]*\{\s*font-family: ([^;]+);", report.STYLE).group(1)
    assert code_rule == report.MONO_STACK


def test_output_text_never_breaks_inside_a_number():
    # JupyterLab's own CSS sets word-break: break-all on output <pre> ("removed 2 / 9 lines")
    rule = re.search(r"\.jp-OutputArea-output pre[^{]*\{([^}]*)\}", report.STYLE).group(1)
    assert "word-break: normal" in rule


def test_long_chinese_cells_get_a_readable_width():
    page = report.static_page("<html><head></head><body><table><tr><td>d01</td>"
                              "<td>Meta联手微软推出Llama 2：免费可商用</td><td>新华网</td><td>1,234</td>"
                              "<td>欧盟人工智能法</td></tr></table></body></html>")
    cells = BeautifulSoup(page, "html.parser").find_all("td")
    assert [c.get("class") for c in cells] == [None, ["long-text"], None, None, ["mid-text"]]
    assert "td.long-text { min-width: 12em;" in report.STYLE


@pytest.fixture(scope="module")
def chromium():
    exe = browser.find_chromium()
    if exe is None:
        pytest.skip(browser.SKIP_REASON)
    return exe


HAN = re.compile(r"^[\u3400-\u9fff]{4}")
PROBE_STYLE = """<style>body * { visibility: hidden; } body { margin: 0; padding: 0; }
code.tofu-probe { visibility: visible; position: fixed; left: 20px; font-size: 48px; line-height: 80px; }
#probe-a { top: 10px; } #probe-b { top: 110px; }</style>"""


def probe_page(page: Path) -> Path:
    """A copy of `page` beside it (so the font URL and CSP are the page's own) in which only two of its own
    Chinese <code> spans show, large, cut to their first four characters (different texts), one per row."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    spans, seen = [], set()
    for code in soup.find_all("code"):
        m = HAN.match(code.get_text())
        if m and m.group() not in seen:
            seen.add(m.group())
            spans.append((code, m.group()))
    assert len(spans) >= 2, "the codebook has no Chinese inside code formatting any more"
    for (code, text), name in zip(spans, ("probe-a", "probe-b")):
        code.string, code["id"], code["class"] = text, name, ["tofu-probe"]
    soup.head.append(BeautifulSoup(PROBE_STYLE, "html.parser"))
    probe = page.with_name(page.stem + ".probe.html")
    probe.write_text(str(soup), encoding="utf-8")
    return probe


def test_codebook_code_spans_show_chinese_glyphs_not_tofu(site, chromium, tmp_path):
    probe = probe_page(site / "codebook.html")
    png = tmp_path / "codebook.png"
    browser.render(chromium, probe.as_uri(), png, (600, 220), timeout=60)
    browser.assert_two_texts_drawn_apart(png, 600, 1_000, "code spans")


def test_report_kernels_are_not_interrupted_at_shutdown():
    """jupyter_client interrupts a kernel before shutting it down; an idle ipykernel then logs
    "KeyboardInterrupt caught in kernel" after every notebook.  The report's kernel manager skips that
    interrupt when shutting down, and only then (no kernel here: a real interrupt fails loudly)."""
    import asyncio

    from kaiyuan.notebooks import ipc_kernel_manager

    manager = ipc_kernel_manager()()
    manager.shutting_down = True
    assert asyncio.run(manager._async_interrupt_kernel()) is None
    manager.shutting_down = False
    with pytest.raises(RuntimeError, match="No kernel is running"):
        asyncio.run(manager.interrupt_kernel())
