"""Fast row iteration over DataFrames.

pandas 3 stores text in its own string arrays, and `DataFrame.itertuples` fetches every cell of such a
column one call at a time. `records` converts each column to a Python list once and zips them: the same
namedtuples (field names and values) several times faster, which matters in per-sentence loops.
"""
from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Iterator

import pandas as pd


@functools.lru_cache(maxsize=256)
def _row_type(names: tuple[str, ...]) -> type:
    """The namedtuple class of a set of column names, made once (making one costs more than a small frame's rows)."""
    return namedtuple("Row", names, rename=True)


def column_list(df: pd.DataFrame, name) -> list:
    """`df[name].tolist()`: the column's values read straight from its array (the same list; building the
    Series first cost more than the list on a small frame). Duplicate names fall back to `df[name]`."""
    loc = df.columns.get_loc(name)
    return df._get_column_array(loc).tolist() if isinstance(loc, int) else df[name].tolist()


def records(df: pd.DataFrame, columns: list[str] | None = None) -> Iterator[tuple]:
    """Like `df.itertuples(index=False)` (optionally over a subset of columns), with the same values."""
    names = list(df.columns) if columns is None else list(columns)
    row = _row_type(tuple(str(n) for n in names))
    return map(row._make, zip(*(column_list(df, n) for n in names)))
