"""Session 11 speed changes keep every answer: the source-cue date prefix compiled once, hand labels skipped
when no sentence has one, and a chunk's tables joined once (the same frame as joining them again)."""
from __future__ import annotations

from collections import namedtuple

import pandas as pd

from kaiyuan import pipeline, stance, timeline

Mention = namedtuple("Mention", "start end")


def _cited(text: str, name: str) -> bool:
    s = text.index(name)
    return timeline.cited_as_source(Mention(s, s + len(name)), text, 0, timeline.load_rules())


def test_outlet_with_a_week_word_before_its_report_verb_is_a_source():
    # 路透社上周报道 "Reuters reported last week": the week word between the outlet and 报道 is skipped
    assert _cited("路透社上周报道，OpenAI将发布新模型。", "路透社")
    assert _cited("路透社本周报道，OpenAI将发布新模型。", "路透社")


def test_actor_with_a_week_word_before_an_action_verb_is_not_a_source():
    # OpenAI上周五发布 "OpenAI released last Friday": the acting party, not a cited source
    assert not _cited("OpenAI上周五发布了新模型。", "OpenAI")


def test_same_answer_on_every_call_with_the_pattern_compiled_once():
    text = "彭博社上周披露，Meta正在训练新模型。"
    assert [_cited(text, "彭博社") for _ in range(3)] == [True, True, True]


def test_article_outside_the_label_files_has_no_hand_rows():
    sentences = pd.DataFrame({"article_id": ["nolabel-1"] * 2, "sentence_id": [0, 1],
                              "text": ["Meta开源了Llama。", "批评者认为开源有风险。"],
                              "text_simplified": ["Meta开源了Llama。", "批评者认为开源有风险。"]})
    hand = stance.hand_rows(sentences)
    assert len(hand) == 0
    assert list(hand.columns) == stance.STANCE_COLUMNS


def _part(values: list, dtype: str) -> pipeline._Part:
    frame = pd.DataFrame({"article_id": pd.Series(["a"] * len(values), dtype=object),
                          "n": pd.Series(values, dtype=dtype)})
    return pipeline._split(frame, ["a"])["a"]


def test_chunk_table_reuses_the_joined_frame_when_parts_agree():
    parts = [_part([1, 2], "int64"), _part([3], "int64")]
    joined = pipeline._join(parts, keep_empty=True)
    assert pipeline._chunk_table(parts, joined) is joined
    pd.testing.assert_frame_equal(joined, pipeline._join(parts, keep_empty=False))


def test_chunk_table_joins_again_when_an_empty_part_has_other_dtypes():
    # an article without rows (object column) beside one with integers: the empty part is left out of the dtype
    parts = [_part([], "object"), _part([5], "int64")]
    joined = pipeline._join(parts, keep_empty=True)
    table = pipeline._chunk_table(parts, joined)
    assert table is not joined
    assert table["n"].dtype == "int64"
