"""Session 14 speed change keeps every answer: a column's values are read by its label (`df[name].tolist()`),
and `records` over all columns reads each column of `DataFrame.items()`, not by position through
`df.iloc[:, i]` and `df.dtypes` (several times dearer on the small per-article frames)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kaiyuan.frames import column_list, records


def _same(a: list, b: list) -> bool:
    """Equal lists, a missing value (NaN, None, pd.NA) equal to the same kind of missing value, types too."""
    def key(v):
        if isinstance(v, float) and math.isnan(v):
            return ("nan",)
        return (type(v), v)
    return len(a) == len(b) and all(key(x) == key(y) for x, y in zip(a, b))


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": pd.array(["a", "b", "a"], dtype="str"),
        "sentence_id": np.array([0, 1, 2], dtype="int64"),
        "surface": pd.array(["智谱", None, "月之暗面"], dtype="string"),
        "score": [0.5, np.nan, 1.0],
        "resolved": [True, False, True],
        "note": ["甲", None, "乙"],                      # object column with a gap
        "when": pd.to_datetime(["2025-01-02", "2025-03-04", None]),
    })


@pytest.mark.parametrize("name", list(_table().columns))
def test_column_list_is_the_column_as_a_python_list(name):
    df = _table()
    assert _same(column_list(df, name), df[name].tolist())


def test_column_list_of_a_group_slice_is_that_groups_values():
    df = _table()
    groups = {aid: column_list(g, "sentence_id") for aid, g in df.groupby("article_id")}
    assert groups == {"a": [0, 2], "b": [1]}
    assert all(type(x) is int for x in groups["a"])  # Python ints, not numpy scalars


def test_records_over_all_columns_are_the_rows_of_itertuples():
    df = _table()
    got, want = list(records(df)), list(df.itertuples(index=False))
    assert [r._fields for r in got[:1]] == [w._fields for w in want[:1]]
    assert all(_same(list(g), list(w)) for g, w in zip(got, want)) and len(got) == len(want)


def test_records_of_a_subset_keep_the_order_asked_for():
    df = _table()
    assert [tuple(r) for r in records(df, ["sentence_id", "article_id"])] == [(0, "a"), (1, "b"), (2, "a")]
    assert [r.article_id for r in records(df.iloc[1:])] == ["b", "a"]  # a slice: its own rows only


def test_records_of_an_empty_frame_has_no_rows():
    assert list(records(_table().iloc[0:0])) == []
