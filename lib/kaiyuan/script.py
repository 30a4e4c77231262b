"""Chinese script handling: detect simplified/traditional, convert with OpenCC t2s.

Analysis runs on simplified text; display keeps the original script.  The
simplified text always has the same length as the original, so character
offsets found in one are valid in the other.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

import opencc

_CJK = re.compile(r"[\u3400-\u9fff]")


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    """OpenCC t2s conversion that preserves length (falls back to per-character conversion)."""
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    conv = _t2s().convert
    return "".join(c2 if len(c2 := conv(c)) == 1 else c for c in text)


@functools.lru_cache(maxsize=16384)  # the cleaner normalises each line in every pass
def normalise_for_match(text: str) -> str:
    """Key for pattern matching: simplified, NFKC (full-width to half-width), lower case, stripped."""
    return unicodedata.normalize("NFKC", to_simplified(text)).lower().strip()


@functools.lru_cache(maxsize=65536)
def _char_kind(ch: str) -> str:
    if _t2s().convert(ch) != ch:
        return "t"
    if _s2t().convert(ch) != ch:
        return "s"
    return ""


def _cjk_counts(text: str) -> dict[str, int]:
    """How often each character `_CJK` matches occurs: one C-level count of every character, then the
    ones in its range kept (several times cheaper than `_CJK.findall` over the whole text)."""
    return {c: n for c, n in Counter(text).items() if "\u3400" <= c <= "\u9fff"}


def detect_script(text: str, threshold: float = 0.1) -> str:
    """'simplified', 'traditional', 'mixed' or 'none' from script-specific characters.

    Counts characters that only exist in one script; the minority share must stay
    under `threshold` (sites often leave a few simplified forms in traditional text).
    """
    chars = _cjk_counts(text)
    n_t = n_s = 0
    for c, n in chars.items():
        kind = _char_kind(c)
        n_t += n if kind == "t" else 0
        n_s += n if kind == "s" else 0
    if not n_t and not n_s:
        return "none" if not chars else "simplified"
    if n_t / (n_t + n_s) <= threshold:
        return "simplified"
    if n_s / (n_t + n_s) <= threshold:
        return "traditional"
    return "mixed"
