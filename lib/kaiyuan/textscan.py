"""Shared text-scanning helpers for the per-sentence hot loops (speed only, same answers).

`contains_any(words)(text)` is `any(w in text for w in words)` as ONE precompiled regex alternation
(re.search stops at the first position where any word starts), compiled once per word list.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

_SEARCHERS: dict[int, tuple[Sequence[str], Callable[[str], bool]]] = {}


def _never(_text: str) -> bool:
    return False


def _always(_text: str) -> bool:
    return True


def contains_any(words: Sequence[str]) -> Callable[[str], bool]:
    """A function telling whether a text contains any of `words` as a substring (the same answer as
    `any(w in text for w in words)`). Cached per list object: the rule lists are loaded once and kept."""
    hit = _SEARCHERS.get(id(words))
    if hit is not None and hit[0] is words:
        return hit[1]
    items = list(words)
    if not items:
        fn = _never
    elif any(w == "" for w in items):  # "" is in every text
        fn = _always
    else:
        rx = re.compile("|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w))))
        fn = lambda text: rx.search(text) is not None  # noqa: E731
    if len(_SEARCHERS) >= 1024:  # per-chunk settings build new lists: keep the cache small
        _SEARCHERS.clear()
    _SEARCHERS[id(words)] = (words, fn)
    return fn
