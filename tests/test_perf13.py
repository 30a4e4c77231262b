"""Session 13 speed changes keep every answer: tables written by one csv pass are the bytes DataFrame.to_csv
writes, an article's text is joined from its in-order sentences as the character overlay laid it out, and
the command line and timeline chart split into named helpers behave as before."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kaiyuan import cli, quotes
from kaiyuan.frames import write_csv


def _same_bytes(df: pd.DataFrame, tmp_path) -> bool:
    df.to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8-sig")
    write_csv(df, tmp_path / "fast.csv")
    return (tmp_path / "pandas.csv").read_bytes() == (tmp_path / "fast.csv").read_bytes()


def test_a_table_with_chinese_text_quotes_gaps_and_numbers_is_written_as_pandas_writes_it(tmp_path):
    df = pd.DataFrame({
        "article_id": pd.array(["a1", "a1", "a2", None], dtype="str"),
        "text": pd.array(['他说:"开源,不等于免费。"', "第一行\n第二行", " 前后有空格 ", ""], dtype="str"),
        "sentence_id": [0, 1, 0, 7],
        "score": [0.1 + 0.2, np.nan, 1e16, -0.0],
        "margin": [1e-05, 123456789.123456789, float("inf"), 2.5],
        "relevant": [True, False, True, False],
        "mixed": [None, 1.5, "开源", np.nan],
    })
    assert _same_bytes(df, tmp_path)
    lines = (tmp_path / "fast.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "article_id,text,sentence_id,score,margin,relevant,mixed"
    assert lines[1] == 'a1,"他说:""开源,不等于免费。""",0,0.30000000000000004,1e-05,True,'


def test_shortest_float_reprs_match_pandas_over_many_magnitudes(tmp_path):
    rng = np.random.default_rng(13)
    values = rng.random(3000) * 10.0 ** rng.integers(-12, 22, 3000)
    assert _same_bytes(pd.DataFrame({"x": values, "y": -values}), tmp_path)


@pytest.mark.parametrize("df", [
    pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype=float)}),   # header only
    pd.DataFrame({"published": pd.to_datetime(["2023-01-01", None])}),                  # dates: pandas' own format
    pd.DataFrame({"actor": pd.Categorical(["Meta", "阿里巴巴"])}),                          # categories: pandas
    pd.DataFrame([[1, 2]], columns=["n", "n"]),                                          # duplicate names: pandas
], ids=["empty", "dates", "category", "duplicate-columns"])
def test_empty_and_unusual_tables_are_the_bytes_pandas_writes(df, tmp_path):
    assert _same_bytes(df, tmp_path)


def _overlay(n, starts, texts, simps):
    """The character overlay _build_article used before session 13 (the specification)."""
    text, simp = [" "] * n, [" "] * n
    for start, t, s in zip(starts, texts, simps):
        t = str(t)
        s = str(s) if isinstance(s, str) and len(s) == len(t) else t
        text[start:start + len(t)] = t
        simp[start:start + len(s)] = s
    return "".join(text), "".join(simp)


@pytest.mark.parametrize("n,starts,texts,simps", [
    (14, [0, 6, 10], ["開源模型。", "他說。", "好。"], ["开源模型。", "他说。", "好。"]),          # gaps between sentences
    (9, [0, 4], ["開源。", "對"], ["开源。", None]),                                      # missing simplified: the text
    (6, [0, 3], ["一二三四", "五六"], ["一二三四", "五六"]),                                  # overlap: the later one wins
    (6, [3, 0], ["甲乙", "丙丁"], ["甲乙", "丙丁"]),                                          # out of order
    (3, [0], ["一二三四"], ["一二三"]),                                                    # longer than n, simplified of another length
    (0, [], [], []),
], ids=["gaps", "missing-simplified", "overlap", "out-of-order", "beyond-n", "empty"])
def test_article_text_is_the_overlay_of_its_sentences(n, starts, texts, simps):
    assert quotes._article_texts(n, starts, texts, simps) == _overlay(n, starts, texts, simps)


def test_article_text_keeps_offsets_of_sentences_after_a_gap():
    text, simp = quotes._article_texts(12, [0, 7], ["開源很重要。", "他說。"], ["开源很重要。", "他说。"])
    assert text == "開源很重要。 他說。  " and simp[7:10] == "他说。" and len(simp) == 12


def test_every_command_keeps_its_options():
    parser = cli._parser()
    args = parser.parse_args(["run", "--corpus", "c", "--out", "o", "--workers", "1", "--no-cache"])
    assert (args.command, args.workers, args.no_cache, args.max_article_chars, args.registry) == ("run", 1, True, 5_000_000, None)
    assert parser.parse_args(["evaluate", "--corpus", "c", "--gold", "g", "--blind"]).blind is True
    assert not hasattr(parser.parse_args(["report", "--corpus", "c", "--out", "o"]), "max_article_chars")
    assert parser.parse_args(["agreement", "--a", "x", "--b", "y"]).out is None


def test_run_on_a_missing_folder_is_one_line_and_exit_code_2(tmp_path, capsys):
    assert cli.main(["run", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("kaiyuan: ")
