"""Session 12 speed changes keep every answer: rows read straight from the column arrays, CJK characters
counted in one pass, each distinct n-gram looked up once, sentences already in order not sorted again,
and the pipeline's run and chunk stage split into named steps."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from kaiyuan import pipeline, quotes, script, stance
from kaiyuan.frames import records


def test_records_are_the_rows_of_itertuples_for_every_column_type():
    df = pd.DataFrame({"article_id": pd.array(["a", "b", "c"], dtype="string"), "sentence_id": [0, 1, 2],
                       "score": [0.5, 0.25, 1.0], "resolved": [True, False, True], "class": ["x", "y", "z"]})
    assert list(records(df)) == list(df.itertuples(index=False))
    gaps = pd.DataFrame({"surface": pd.array(["甲", None], dtype="string"), "score": [np.nan, 1.0]})
    assert [[pd.isna(v) for v in r] for r in records(gaps)] == [[False, True], [True, False]]
    assert [r.sentence_id for r in records(df)] == [0, 1, 2]
    assert [tuple(r) for r in records(df, ["score", "article_id"])] == \
        list(df[["score", "article_id"]].itertuples(index=False, name=None))
    assert list(records(df, ["class"]))[0]._fields == ("_0",)  # a keyword as field name is renamed, as before


def test_records_of_a_group_slice_keep_its_own_rows():
    df = pd.DataFrame({"article_id": ["a", "b", "a"], "start": [3, 5, 9]})
    groups = {aid: [r.start for r in records(g)] for aid, g in df.groupby("article_id")}
    assert groups == {"a": [3, 9], "b": [5]}


@pytest.mark.parametrize("text, script_name", [
    ("開源模型的風險與機遇", "traditional"),      # 開 風 險 機 遇: traditional-only forms
    ("开源模型的风险与机遇", "simplified"),
    ("Meta released Llama 2.", "none"),
    ("的的的", "simplified"),                      # CJK, but no script-specific character
])
def test_script_detection_counts_each_cjk_character(text, script_name):
    assert script.detect_script(text) == script_name
    assert script._cjk_counts(text + "\u33ff\ua000") == dict(Counter(script._CJK.findall(text)))


def test_tfidf_rows_match_scikit_learn_with_repeated_ngrams():
    from sklearn.feature_extraction.text import TfidfVectorizer

    train = ["开源模型开源权重", "Meta开源了Llama，开源社区欢迎。", "批评者认为 开源 有风险"]
    v = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True).fit(train)
    texts = ["开源开源开源", "", "  开源  Llama  ", "未见过的字", "Meta开源了Llama，开源社区欢迎。开源！"]
    ours, theirs = stance.transform_texts(v, texts), v.transform(texts)
    assert (ours != theirs).nnz == 0
    assert ours[0].nnz > 0 and ours[1].nnz == 0  # an empty text has no n-gram


def test_cue_features_lower_case_each_text_once_with_the_same_scores():
    cues = stance.load_cues()
    texts = ["Meta开源了LLAMA，这是开放权重的胜利。", "批评者认为开源AI有风险。", "天气很好。"]
    got = stance.cue_features(texts, cues)
    w = float(cues["model"]["cue_feature_weight"])
    for j, t in enumerate(stance.TARGETS):
        want = [stance._cue_score(x.lower(), cues["targets"][t], cues)[0] for x in texts]
        assert got[:, 2 * j].tolist() == [w * max(s, 0) for s in want]
        assert got[:, 2 * j + 1].tolist() == [w * max(-s, 0) for s in want]


def _sentences(order: list[int]) -> pd.DataFrame:
    texts = ["杨立昆表示：“开源是正确的路。”", "他补充说，封闭模型有风险。", "Meta随后发布了Llama。"]
    starts = [0, 17, 31]
    return pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": order, "start": [starts[i] for i in order],
                         "end": [starts[i] + len(texts[i]) for i in order], "text": [texts[i] for i in order],
                         "text_simplified": [texts[i] for i in order], "kind": ["body"] * 3})


def test_article_built_from_shuffled_sentences_equals_the_ordered_one():
    rules = quotes.load_rules()
    ordered = quotes._build_article("a", _sentences([0, 1, 2]), None, rules)
    shuffled = quotes._build_article("a", _sentences([2, 0, 1]), None, rules)
    assert ordered.ids == shuffled.ids == [0, 1, 2]
    assert ordered.text == shuffled.text and ordered.starts == shuffled.starts == [0, 17, 31]
    assert list(ordered.sents.index) == list(shuffled.sents.index) == [0, 1, 2]
    pd.testing.assert_frame_equal(ordered.sents, shuffled.sents)


def test_corpus_root_rejects_a_file_and_a_missing_folder(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("开源", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="is a file"):
        pipeline._corpus_root(f)
    with pytest.raises(FileNotFoundError, match="not found"):
        pipeline._corpus_root(tmp_path / "missing")
    assert pipeline._corpus_root(tmp_path) == tmp_path.resolve()


def test_chunk_stage_of_no_jobs_is_empty():
    out = pipeline.chunk_stage([])
    assert (out.articles, out.rejected, out.tables) == ([], [], {})
