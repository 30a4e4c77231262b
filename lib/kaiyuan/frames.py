"""Fast row iteration over DataFrames.

pandas 3 stores text in its own string arrays, and `DataFrame.itertuples` fetches every cell of such a
column one call at a time. `records` converts each column to a Python list once and zips them: the same
namedtuples (field names and values) several times faster, which matters in per-sentence loops.
"""
from __future__ import annotations

import csv
import functools
import os
from collections import namedtuple
from collections.abc import Iterator

import numpy as np
import pandas as pd


@functools.lru_cache(maxsize=256)
def _row_type(names: tuple[str, ...]) -> type:
    """The namedtuple class of a set of column names, made once (making one costs more than a small frame's rows)."""
    return namedtuple("Row", names, rename=True)


def column_list(df: pd.DataFrame, name) -> list:
    """`df[name].tolist()`. Selecting the column by its label is the cheapest public way to its values:
    going by position (`df.iloc[:, i]` and `df.dtypes`) cost several times more on the small per-article
    frames the analysis loops read."""
    return df[name].tolist()


def _column_array(df: pd.DataFrame, i: int):
    """Column `i`'s values as an array, through public pandas API (its NumPy array, or its extension array)."""
    return df.iloc[:, i].array if isinstance(df.dtypes.iloc[i], pd.api.extensions.ExtensionDtype) \
        else df.iloc[:, i].to_numpy()


def records(df: pd.DataFrame, columns: list[str] | None = None) -> Iterator[tuple]:
    """Like `df.itertuples(index=False)` (optionally over a subset of columns), with the same values."""
    names = list(df.columns) if columns is None else list(columns)
    row = _row_type(tuple(str(n) for n in names))
    values = [s.tolist() for _, s in df.items()] if columns is None else [column_list(df, n) for n in names]
    return map(row._make, zip(*values))


def _plain_dtype(dtype) -> bool:
    """Dtypes whose cells `_csv_cells` writes as pandas does: numpy ints, bools, float64, objects, pandas strings."""
    return isinstance(dtype, pd.StringDtype) or (isinstance(dtype, np.dtype) and (
        dtype.kind in "iubO" or dtype == np.float64))


def _csv_cells(values) -> list:
    """One column's cells as `DataFrame.to_csv` writes them (missing: empty; floats: their shortest repr,
    as numpy's str gives it; ints and bools: as str() gives them), without pandas' per-block formatting."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iub":
        return values.tolist()  # never missing; the csv writer str()s them as pandas does
    if isinstance(values, np.ndarray) and values.dtype == np.float64:
        return ["" if x != x else repr(x) for x in values.tolist()]  # NaN != NaN; repr == numpy's str
    cells = np.array(values if isinstance(values, np.ndarray) else values.astype(object), dtype=object)
    missing = pd.isna(cells)
    if missing.any():
        cells[missing] = ""
    return cells.tolist()


def write_csv(df: pd.DataFrame, path, encoding: str = "utf-8-sig") -> None:
    """`df.to_csv(path, index=False, encoding=encoding)`, byte for byte, with one csv.writer pass over
    per-column lists (pandas' chunked block formatting cost more than the writing on large tables).
    Frames with other column labels or dtypes (dates, categories, ...) go to pandas itself."""
    if df.columns.nlevels != 1 or not df.columns.is_unique or len(df.columns) == 0 or \
            not all(map(_plain_dtype, df.dtypes)):
        df.to_csv(path, index=False, encoding=encoding)
        return
    columns = [_csv_cells(_column_array(df, i)) for i in range(len(df.columns))]
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator=os.linesep, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([str(c) for c in df.columns])
        writer.writerows(zip(*columns))
