"""Find and drive headless Chromium for the report tests (no Python browser package needed).

`find_chromium()` returns the browser executable or None.  `render()` loads one page and
returns its DOM after the page's scripts, onload and onerror handlers ran (`--dump-dom`),
optionally writing a screenshot in the same run.  Every call uses a fresh throw-away profile
and switches off everything that would reach the network on its own (updates, sync, QUIC,
first-run pages), so the tests see only what the page itself does.

Install on Debian/Ubuntu: `apt-get install chromium` (.ci/run does this).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--no-default-browser-check"]
SKIP_REASON = "headless Chromium not found: apt-get install chromium (the CI script installs it)"


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable: /usr/bin/chromium first, then the PATH."""
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return None


def render(browser: str, url: str, png: Path | None = None, size: tuple[int, int] = (1200, 2000),
           budget_ms: int = 3000, timeout: float = 60) -> str:
    """DOM of `url` after load plus `budget_ms` of virtual time; also writes a screenshot to `png` if given."""
    args = [f"--virtual-time-budget={budget_ms}", "--dump-dom"]
    if png is not None:
        png = Path(png)
        png.parent.mkdir(parents=True, exist_ok=True)
        args += [f"--screenshot={png}", f"--window-size={size[0]},{size[1]}"]
    with tempfile.TemporaryDirectory(prefix="kaiyuan-chromium-") as profile:
        # own process group: on a timeout the renderer and zygote children go too
        proc = subprocess.Popen([browser, *FLAGS, f"--user-data-dir={profile}", *args, url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RuntimeError(f"chromium did not finish {url} within {timeout:.0f} s: a page that hangs "
                               "headless Chromium usually opened a JavaScript dialog (alert/confirm/prompt)") from None
    err = err.decode("utf-8", errors="replace")[-2000:]
    if proc.returncode != 0 or not out.strip():
        raise RuntimeError(f"chromium failed on {url} (exit {proc.returncode}):\n{err}")
    if png is not None and (not png.exists() or png.stat().st_size == 0):
        raise RuntimeError(f"chromium wrote no screenshot for {url}:\n{err}")
    return out.decode("utf-8", errors="replace")


# A blocking dialog stops headless Chromium for good (no DOM, no screenshot).  `no_dialogs`
# writes a copy of a page, beside it so relative URLs still resolve, whose first script turns
# alert/confirm/prompt into no-ops that record the call on <html data-dialog="...">, so an
# injected alert() shows up in the dumped DOM instead of hanging the test.
DIALOG_GUARD_ID = "kaiyuan-test-dialog-guard"
DIALOG_GUARD = (f'<script id="{DIALOG_GUARD_ID}">for (const k of ["alert", "confirm", "prompt"]) '
                'window[k] = (m) => document.documentElement.setAttribute("data-dialog", k + ":" + m);</script>')


def no_dialogs(page: Path) -> Path:
    """Copy of `page` (same folder, suffix .guarded.html) with the dialog guard as the first thing in <head>."""
    page = Path(page)
    markup = page.read_text(encoding="utf-8")
    head = markup.lower().find("<head")
    at = markup.find(">", head) + 1 if head >= 0 else 0
    guarded = page.with_name(page.stem + ".guarded.html")
    guarded.write_text(markup[:at] + DIALOG_GUARD + markup[at:], encoding="utf-8")
    return guarded


def assert_two_texts_drawn_apart(png: Path, width: int, min_ink: int, what: str) -> None:
    """The screenshot's two 100-pixel bands (two different Chinese texts) both hold glyphs
    (`min_ink` dark pixels) and differ: tofu draws every missing character as the same box."""
    from PIL import Image, ImageChops

    with Image.open(png) as img:
        grey = img.convert("L")
    a, b = grey.crop((0, 0, width, 100)), grey.crop((0, 100, width, 200))
    for line in (a, b):
        assert sum(line.histogram()[:128]) > min_ink, "no glyphs drawn"
    diff = ImageChops.difference(a, b)
    assert sum(diff.histogram()[64:]) > 1_500, f"different Chinese {what} render identically (tofu boxes)"
