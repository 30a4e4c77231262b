"""Chinese sentence splitting with character offsets into the clean text.

A sentence ends at 。！？；… (and at ASCII ? ! ; next to Chinese text), runs of
them, and any closing quotes or brackets that follow (those belong to the
sentence they close).  A line break always ends a sentence.  Sentences inside a
quotation are split too; kaiyuan.quotes re-joins quotes that span sentences.
"""
from __future__ import annotations

import re

from .clean import CLOSERS

FULL_TERMINALS = "。！？；…"
HALF_TERMINALS = "?!;"
_CJKISH = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’「」『』]")
HEADING_MAX_CHARS = 20
_TERMINAL_CHAR = re.compile(f"[{re.escape(FULL_TERMINALS + HALF_TERMINALS)}]")


def is_heading_line(line: str) -> bool:
    """A heading line: short (HEADING_MAX_CHARS) and without a sentence-final mark before its closing quotes or
    brackets ("二、开源之争" is one; "他说：“开源。”" is not).  split_sentences records it as kind "heading"."""
    return len(line) <= HEADING_MAX_CHARS and line.rstrip(CLOSERS)[-1:] not in FULL_TERMINALS + HALF_TERMINALS


def _is_terminal(text: str, i: int) -> bool:
    ch = text[i]
    if ch in FULL_TERMINALS:
        return True
    if ch in HALF_TERMINALS:
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return bool(_CJKISH.match(prev) or _CJKISH.match(nxt) or (prev in HALF_TERMINALS and prev))
    return False


def split_line(line: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in one line, whitespace trimmed."""
    spans, start, i, n = [], 0, 0, len(line)
    while i < n:
        found = _TERMINAL_CHAR.search(line, i)  # skip straight to the next possible terminal
        if found is None:
            break
        i = found.start()
        if _is_terminal(line, i):
            j = i + 1
            while j < n and (_is_terminal(line, j) or line[j] in CLOSERS):
                j += 1
            spans.append((start, j))
            start = i = j
        else:
            i += 1
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if out and not re.search(r"[\w\u3400-\u9fff]", line[s:e]):
            out[-1] = (out[-1][0], e)  # stray punctuation joins the sentence before it
        else:
            out.append((s, e))
    return out


def split_sentences(clean: str, title: str = "") -> list[dict]:
    """Sentences of a clean text: dicts with sentence_id, start, end, text, kind (title/heading/body)."""
    rows, offset = [], 0
    for line_no, line in enumerate(clean.split("\n")):
        spans = split_line(line)
        is_title = line_no == 0 and bool(title) and line == title
        is_heading = not is_title and len(spans) == 1 and is_heading_line(line)
        kind = "title" if is_title else "heading" if is_heading else "body"
        for s, e in spans:
            rows.append({"sentence_id": len(rows), "start": offset + s, "end": offset + e, "text": line[s:e], "kind": kind})
        offset += len(line) + 1
    return rows
