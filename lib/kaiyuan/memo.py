"""Memo tables for pure per-line functions whose rules are not hashable (a dict) or costly to hash (a frozen
dataclass of compiled patterns): one table per rules object, keyed by its identity.

The rules object is kept alive by its entry, so its id cannot be reused by another object while the entry exists;
tables are bounded (cleared when full), so memory stays flat on any corpus.
"""
from __future__ import annotations

_TABLES: dict[int, tuple[object, dict]] = {}
MAX_OWNERS = 16
MAX_ENTRIES = 100_000


def table(owner: object) -> dict:
    """The memo dict of `owner` (created empty on first use)."""
    entry = _TABLES.get(id(owner))
    if entry is None or entry[0] is not owner:
        if len(_TABLES) >= MAX_OWNERS:
            _TABLES.clear()
        entry = _TABLES[id(owner)] = (owner, {})
    if len(entry[1]) >= MAX_ENTRIES:
        entry[1].clear()
    return entry[1]


def call(fn, arg, owner):
    """fn(arg, owner), remembered per owner and function: fn must be pure (same arguments, same answer) and its
    answer must not be changed by the caller; functions are told apart by qualified name."""
    memo = table(owner)
    key = (fn.__qualname__, arg)
    if key not in memo:
        memo[key] = fn(arg, owner)
    return memo[key]
