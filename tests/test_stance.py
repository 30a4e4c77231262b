"""Stance: cue baseline, model, evaluation, aggregation and the hand-label files."""
from __future__ import annotations

import functools

import pandas as pd
import pytest

from kaiyuan import stance
from kaiyuan.script import to_simplified

LABEL_FILES = [stance.LABELS_PATH, stance.PASS1_PATH]


@functools.lru_cache(maxsize=1)
def seed_sentences() -> pd.DataFrame:
    from kaiyuan.corpus import load_corpus

    return load_corpus("seeds").sentences


def sent_df(texts: list[str], article_id: str = "x") -> pd.DataFrame:
    rows, pos = [], 0
    for i, t in enumerate(texts):
        rows.append({"article_id": article_id, "sentence_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "text_simplified": to_simplified(t), "kind": "body"})
        pos += len(t)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- cue baseline
def test_cue_supportive_open_source():
    assert stance.cue_label("开源AI能加速创新、增强透明度", "open_source_ai") == "supportive"
    assert stance.cue_label("開源AI能加速創新、增強透明度", "open_source_ai") == "supportive"  # traditional
    assert stance.cue_label("开源AI能加速创新、增强透明度", "meta_openness") == "neutral"  # Meta not mentioned


def test_cue_bait_with_meta_is_critical():
    assert stance.cue_label("Meta免费提供Llama,这可能是一个诱饵。", "meta_openness") == "critical"
    assert stance.cue_label("这可能是一个诱饵。", "meta_openness") == "neutral"  # no Meta: not target-relevant


def test_cue_negation_flips():
    score, hits = stance.cue_score("Meta的Llama 2并不是真正的开源模型。", "meta_openness")
    assert score < 0 and "¬真正的开源" in hits
    score, hits = stance.cue_score("扎克伯格的AI模型LLaMA并不是免费的", "meta_openness")
    assert score < 0 and hits == ["¬免费"]  # 免费 (+0.5) flipped, and the negated openness term
    assert stance.cue_label("Llama 2并不是真正的开源。", "open_source_ai") == "critical"
    score, hits = stance.cue_score("Llama 2并不是真正的开源。", "open_source_ai")
    assert "¬真正的开源" in hits
    assert stance.cue_label("Meta的Llama 2并不是真正的开源。", "meta_openness") == "critical"
    # negation does not reach across punctuation, and 不仅 is not a negator
    assert stance.cue_label("这不是问题,开源AI能加速创新。", "open_source_ai") == "supportive"
    assert stance.cue_label("开源不仅能加速创新,也能增强透明度。", "open_source_ai") == "supportive"


def test_cue_predict_rows():
    s = sent_df(["开源AI能加速创新、增强透明度", "今天天气很好。"])
    out = stance.cue_predict(s)
    assert list(out.columns) == stance.STANCE_COLUMNS
    assert len(out) == 4 and set(out["method"]) == {"cue"}
    got = out.set_index(["sentence_id", "target"])["label"]
    assert got[(0, "open_source_ai")] == "supportive" and got[(1, "open_source_ai")] == "neutral"


# --------------------------------------------------------------------------- label files
@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name)
def test_label_file_valid_and_complete(path):
    raw = pd.read_csv(path, keep_default_na=False)
    assert list(raw.columns) == stance.LABEL_COLUMNS
    for t in stance.TARGETS:
        assert set(raw[t]) <= stance.SENTENCE_LABELS, t
    assert not raw.duplicated(["article_id", "sentence_id"]).any()
    s = seed_sentences()
    joined = stance.load_labels(path, sentences=s)
    # every seed sentence labelled exactly once (join on article_id + text)
    assert len(joined) == len(s) == len(raw)
    assert not joined.duplicated(["article_id", "sentence_id"]).any()
    assert set(zip(joined["article_id"], joined["sentence_id"])) == set(zip(s["article_id"], s["sentence_id"]))


def test_reconciled_labels_note_adjudications():
    final = pd.read_csv(stance.LABELS_PATH, keep_default_na=False)
    p1 = pd.read_csv(stance.PASS1_PATH, keep_default_na=False)
    m = final.merge(p1, on=["article_id", "sentence_id"], suffixes=("", "_1"))
    changed = m[(m["open_source_ai"] != m["open_source_ai_1"]) | (m["meta_openness"] != m["meta_openness_1"])]
    assert changed["notes"].str.startswith("adjudicated:").all()


def test_agreement_function():
    pass2 = stance.DATA / "stance_labels_pass2.csv"
    if not pass2.exists():
        pytest.skip("no second pass")
    ag = stance.agreement(stance.PASS1_PATH, pass2)
    assert ag["target"].tolist() == list(stance.TARGETS)
    assert ag["kappa"].between(-1, 1).all() and ag["raw_agreement"].between(0, 1).all()


def test_labels_survive_resegmentation():
    s = sent_df(["第一句。", "开源AI能加速创新。", "第三句。"])
    labels = pd.DataFrame({"article_id": ["x"] * 3, "sentence_id": [0, 1, 2], "text": s["text"],
                           "open_source_ai": ["neutral", "supportive", "neutral"],
                           "meta_openness": ["neutral"] * 3, "notes": [""] * 3})
    shifted = sent_df(["新加的一句。", "第一句。", "开源AI能加速创新。", "第三句。"])
    import tempfile, os

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "labels.csv")
        labels.to_csv(path, index=False)
        got = stance.load_labels(path, sentences=shifted)
    assert got.loc[got["open_source_ai"] == "supportive", "sentence_id"].tolist() == [2]
    assert len(got) == 3


# --------------------------------------------------------------------------- evaluation and model
def test_loao_evaluation():
    labels = stance.load_labels()
    scores, confusion = stance.evaluate(labels)
    assert list(scores.columns) == stance.SCORE_COLUMNS
    assert len(scores) == 6
    assert set(zip(scores["target"], scores["method"])) == {(t, m) for t in stance.TARGETS
                                                            for m in ("majority", "cue", "model")}
    assert scores["macro_f1"].between(0, 1).all() and scores["accuracy"].between(0, 1).all()
    for (t, m), cm in confusion.items():
        assert list(cm.index) == list(cm.columns) == ["supportive", "neutral", "critical"]
        assert int(cm.values.sum()) == len(labels)
    # the majority class is neutral, so majority predicts nothing else
    maj = confusion[("open_source_ai", "majority")]
    assert maj["neutral"].sum() == len(labels)
    again, _ = stance.evaluate(labels)
    pd.testing.assert_frame_equal(scores, again)


def test_predict_deterministic_with_hand_rows():
    s = seed_sentences()
    a = stance.predict(s)
    b = stance.predict(s)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == stance.STANCE_COLUMNS
    model = a[a["method"] == "model"]
    hand = a[a["method"] == "hand"]
    assert len(model) == len(s) * 2 and len(hand) == len(s) * 2
    assert set(a["label"]) <= stance.SENTENCE_LABELS
    assert model["score"].between(0, 1).all() and (hand["score"] == 1.0).all()


def test_predict_new_text_and_retrain(tmp_path):
    labels = stance.load_labels()
    extra = labels.head(0)
    path = tmp_path / "extended.csv"
    pd.concat([labels[stance.LABEL_COLUMNS], extra[stance.LABEL_COLUMNS]]).to_csv(path, index=False)
    model = stance.retrain(path)
    out = model.predict(sent_df(["Meta的开源策略是一个诱饵。"]))
    assert len(out) == 2 and set(out["method"]) == {"model"}
    # without labels the cue baseline stands in
    new = stance.predict(sent_df(["开源AI能加速创新、增强透明度"], article_id="new"),
                         labels=labels.head(0))
    assert set(new["method"]) == {"cue"}


# --------------------------------------------------------------------------- aggregation
def _st(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "target", "label", "score", "method"])


def test_article_stance_rule():
    rows = []
    # article m: 2 supportive, 2 critical -> mixed
    for sid, lab in enumerate(["supportive", "supportive", "critical", "critical", "neutral"]):
        rows.append(("m", sid, "open_source_ai", lab, 1.0, "hand"))
    # article s: 3 supportive, 1 critical (25 % < 35 %) -> supportive
    for sid, lab in enumerate(["supportive", "critical", "supportive", "neutral", "supportive"]):
        rows.append(("s", sid, "open_source_ai", lab, 1.0, "hand"))
    # article n: a single weak model sentence -> neutral
    rows += [("n", 0, "open_source_ai", "critical", 0.6, "model"), ("n", 1, "open_source_ai", "neutral", 0.9, "model")]
    # hand label overrides the model row of the same sentence
    rows += [("s", 0, "open_source_ai", "critical", 0.99, "model")]
    out = stance.article_stance(_st(rows)).set_index("article_id")
    assert list(out.reset_index().columns) == stance.ARTICLE_COLUMNS
    assert out.loc["m", "label"] == "mixed"
    assert out.loc["s", "label"] == "supportive"
    assert (out.loc["s", "supportive"], out.loc["s", "critical"]) == (3.0, 1.0)
    assert out.loc["s", "evidence_sentence_ids"] == "0;2;4"
    assert out.loc["n", "label"] == "neutral"
    assert set(out["label"]) <= stance.ARTICLE_LABELS


def test_actor_stance_counts():
    q = pd.DataFrame({
        "article_id": ["a", "a", "a", "a"], "sentence_id": [1, 2, 3, 4], "sentence_ids": ["1", "2", "3", "4"],
        "speaker": ["Meta spokesperson", "Meta spokesperson", "Udbhav Tiwari", ""],
        "speaker_org": ["Meta", "Meta", "Mozilla", ""], "speaker_surface": ["", "", "", "有人"],
        "quote": ["开放很好", "没有评论", "根本就不是开源的", "x"], "kind": ["direct"] * 4,
        "stance_open_source_ai": ["supportive", "neutral", "critical", "critical"],
        "stance_meta": ["supportive", "neutral", "neutral", "neutral"]})
    out = stance.actor_stance(q)
    assert list(out.columns) == stance.ACTOR_COLUMNS
    assert "" not in set(out["speaker"])
    row = out[(out["speaker"] == "Meta spokesperson") & (out["target"] == "open_source_ai")].iloc[0]
    assert (row.supportive, row.critical, row.neutral, row.n_quotes, row.example) == (1, 0, 1, 2, "开放很好")
    assert row.speaker_org == "Meta"


def test_uncertain_orders_by_margin():
    st = _st([("a", 0, "open_source_ai", "neutral", 0.5, "model"), ("a", 1, "open_source_ai", "neutral", 0.9, "model"),
              ("a", 2, "open_source_ai", "critical", 0.4, "model"), ("a", 2, "open_source_ai", "critical", 1.0, "hand")])
    st["margin"] = [0.1, 0.8, 0.05, 1.0]
    out = stance.uncertain(st, n=5)
    assert out["sentence_id"].tolist() == [0, 1]  # sentence 2 is already hand-labelled


@pytest.mark.parametrize("ngram_range", [(1, 3), (2, 3), (1, 1)])
def test_fast_transform_gives_scikit_learns_matrix(ngram_range):
    """transform_texts is a faster route to the same TF-IDF matrix: same columns, counts and weights,
    including whitespace runs, upper case, one-letter words, characters outside the BMP and empty texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    train = ["Meta开源了Llama 2模型。", "扎克伯格说：开源让AI更安全", "OpenAI  批评\t开源", "a b c"]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True).fit(train)
    texts = train + ["", "   ", "开源开源开源，Meta Meta", "ÉCOLE x Y\u3000z", "𠀀𠀁 开源", "没有任何已知字符"]
    fast, slow = stance.transform_texts(vec, texts), vec.transform(texts)
    assert fast.shape == slow.shape
    assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all()
    assert (fast.data == slow.data).all()


def test_fast_transform_falls_back_for_other_analyzers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 4)).fit(["开源模型", "Llama 2"])
    assert (stance.transform_texts(vec, ["开源的Llama"]) != vec.transform(["开源的Llama"])).nnz == 0
