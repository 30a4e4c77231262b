"""Session-16 speed changes: each shortcut gives exactly what the slower path gave."""
import pandas as pd

from kaiyuan import pipeline


def _rejoined(table: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    split = pipeline._split(table, ids)
    return pipeline._join([split[a] for a in ids], keep_empty=True)


def test_a_chunk_table_grouped_in_chunk_order_is_its_own_join():
    table = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "sentence_id": [1, 2, 1, 4],
                          "text": ["开源", None, "模型", "权重"], "score": [0.5, float("nan"), 1.0, 2.0]})
    assert pipeline._joined_as_is(table, ["a", "b", "c"])
    pd.testing.assert_frame_equal(table, _rejoined(table, ["a", "b", "c"]))


def test_rows_out_of_chunk_order_are_joined_again():
    table = pd.DataFrame({"article_id": ["b", "a"], "sentence_id": [1, 1]})
    assert not pipeline._joined_as_is(table, ["a", "b"])
    assert _rejoined(table, ["a", "b"])["article_id"].tolist() == ["a", "b"]


def test_a_table_with_another_index_is_joined_again():
    table = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [1, 1]}, index=[3, 7])
    assert not pipeline._joined_as_is(table, ["a", "b"])


def test_an_empty_table_is_its_own_join():
    table = pd.DataFrame({"article_id": pd.Series([], dtype=object), "n": pd.Series([], dtype="int64")})
    assert pipeline._joined_as_is(table, ["a"])
    pd.testing.assert_frame_equal(table, _rejoined(table, ["a"]))
