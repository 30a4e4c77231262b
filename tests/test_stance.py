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
        "quote_id": ["a:q1", "a:q2", "a:q3", "a:q4"]})
    labels = {"open_source_ai": ["supportive", "neutral", "critical", "critical"],
              "meta_openness": ["supportive", "neutral", "neutral", "neutral"]}
    long = pd.DataFrame([(qid, "a", sid, spk, t, lab) for t, labs in labels.items()
                         for qid, sid, spk, lab in zip(q["quote_id"], q["sentence_id"], q["speaker"], labs)],
                        columns=["quote_id", "article_id", "sentence_id", "speaker", "target", "label"])
    out = stance.actor_stance(q, long)
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


# --------------------------------------------------------------------------- relevance before stance
def test_relevance_reaches_one_sentence_either_way():
    s = sent_df(["天气不错。", "公园里人很多。", "他们认为开源模型更值得信任。", "这个判断引来很多讨论。", "晚上下了雨。"])
    assert stance.relevance(s)["open_source_ai"].tolist() == [False, True, True, True, False]


def test_meta_relevance_needs_openness_nearby_or_an_article_about_meta():
    s = sent_df(["Meta公布了季度财报。", "广告收入增长。"])
    assert stance.relevance(s)["meta_openness"].tolist() == [False, False]  # Meta, but not its openness
    s = sent_df(["Meta公布了季度财报。", "Llama模型继续开放下载。"])
    assert stance.relevance(s)["meta_openness"].tolist() == [True, True]
    about_meta = sent_df(["扎克伯格在会上发言。", "Meta将加大投入。", "Llama团队扩张。", "外界反应不一。"])
    assert stance.relevance(about_meta)["meta_openness"].tolist() == [True, True, True, True]  # 3 sentences name Meta


def test_relevance_is_per_article_and_order_independent():
    a = sent_df(["开源很重要。", "无关的一句。"], "a")
    b = sent_df(["无关的一句。", "另一句。"], "b")
    both = pd.concat([b, a], ignore_index=True)  # articles out of order
    assert stance.relevance(both)["open_source_ai"].tolist() == [False, False, True, True]


def test_a_new_target_needs_only_a_yaml_entry(tmp_path):
    import yaml

    raw = yaml.safe_load(stance.CUES_PATH.read_text(encoding="utf-8"))
    raw["targets"]["google_openness"] = {"relevance": ["gemma", "谷歌"], "supportive": {"开放": 1}, "critical": {"封闭": 1}}
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    cues = stance.load_cues(str(path))
    rel = stance.relevance(sent_df(["谷歌发布了Gemma。", "天气很好。", "又一句。"]), cues)
    assert rel["google_openness"].tolist() == [True, True, False]


# --------------------------------------------------------------------------- model decision
def test_polar_label_needs_the_threshold():
    classes = ["critical", "neutral", "supportive"]
    proba = pd.DataFrame([[0.10, 0.45, 0.45], [0.41, 0.50, 0.09], [0.30, 0.40, 0.30]]).to_numpy()
    labels, probs = stance.decide(proba, classes, 0.40)
    assert labels.tolist() == ["supportive", "critical", "neutral"]
    assert [round(p, 2) for p in probs] == [0.45, 0.41, 0.70]


def test_model_rows_are_neutral_for_sentences_not_about_the_target():
    labels = pd.DataFrame({"article_id": ["a"] * 4 + ["b"] * 4, "sentence_id": list(range(4)) * 2,
                           "text": ["开源让创新更快。", "开源是骗局。", "今天下雨。", "开源带来透明。",
                                    "开源模型危险。", "开源推动研究。", "股价上涨。", "开源社区繁荣。"],
                           "open_source_ai": ["supportive", "critical", "neutral", "supportive",
                                              "critical", "supportive", "neutral", "supportive"],
                           "meta_openness": ["neutral"] * 8, "notes": [""] * 8})
    model = stance.train_model(labels)
    s = sent_df(["会议在周一举行。", "与会者很多。", "午饭很好吃。"])
    rows = model.predict(s)
    osa = rows[rows.target == "open_source_ai"]
    assert osa["label"].tolist() == ["neutral"] * 3 and not osa["relevant"].any() and (osa["score"] == 1.0).all()


# --------------------------------------------------------------------------- article stance, voices apart
RULE = {"voice_weight": 0.5, "lead_weight": 1.0, "lead_sentences": 1, "close_weight": 1.0, "close_sentences": 1,
        "min_weight": 2.0, "mixed_share": 0.4}


def _rows(labels: list[str], target: str = "open_source_ai") -> pd.DataFrame:
    return pd.DataFrame({"article_id": "x", "sentence_id": range(len(labels)), "target": target, "label": labels,
                         "score": 0.9, "method": "model", "margin": 0.5, "relevant": True})


def test_quoted_critics_do_not_outweigh_the_articles_own_view():
    # headline + lead supportive (author), two critical quotes in the middle, neutral close
    s = sent_df(["开源模型追上闭源。", "这是开源的胜利。", "批评者说：“开源很危险。”", "另一位说：“开源是幌子。”", "后续待观察。"])
    s.loc[0, "kind"] = "title"
    q = pd.DataFrame({"article_id": ["x", "x"], "sentence_id": [2, 3], "sentence_ids": ["2", "3"],
                      "speaker": ["甲", "乙"], "speaker_org": ["", ""]})
    got = stance.article_stance(_rows(["supportive", "supportive", "critical", "critical", "neutral"]), s, q, RULE)
    row = got.iloc[0]
    # S = title (1 + lead 1) + lead sentence (1 + 1) = 4; C = two voices at 0.5 = 1 -> supportive;
    # voices sorted by code point
    assert (row.label, row.supportive, row.critical) == ("supportive", 4.0, 1.0)
    assert row.voices_critical == "乙; 甲" and row.voices_supportive == "" and row.voice_sentence_ids == "2;3"
    assert row.evidence_sentence_ids == "0;1"


def test_the_deciding_sentences_are_the_authors_own_before_an_equal_voice():
    # four supportive middle sentences of weight 1 (voice_weight 1): two quoted, two the author's;
    # the evidence lists the author's two first, then the earliest quote
    s = sent_df(["标题无立场。", "研究员说：“开放权重让小团队也能做研究。”", "另一位工程师说：“开源让我们少走弯路。”",
                 "开源模型让更多人参与进来。", "作者认为开放是好事。", "其他消息。"])
    s.loc[0, "kind"] = "title"
    q = pd.DataFrame({"article_id": ["x", "x"], "sentence_id": [1, 2], "sentence_ids": ["1", "2"],
                      "speaker": ["甲", "乙"], "speaker_org": ["", ""]})
    rule = dict(RULE, voice_weight=1.0, lead_sentences=0, close_sentences=0)
    row = stance.article_stance(_rows(["neutral", "supportive", "supportive", "supportive", "supportive", "neutral"]),
                                s, q, rule).iloc[0]
    assert (row.label, row.supportive) == ("supportive", 4.0)
    assert row.evidence_sentence_ids == "1;3;4"  # 3 and 4 (the author's), then 1 (the first voice)
    assert row.voices_supportive == "乙; 甲" and row.voice_sentence_ids == "1;2"


def test_a_weak_model_label_stays_in_the_sentence_table_but_is_no_article_evidence(monkeypatch):
    # with evidence_min_score 0.40 (0.0, off, in the packaged stance_cues.yaml): of three supportive model
    # labels, the one at calibrated score 0.30 is not counted (S = 2 < min_weight 3 -> neutral, not
    # supportive); a hand label always counts
    cues = stance.load_cues()
    cues = {**cues, "model": {**cues["model"], "evidence_min_score": 0.40}}
    monkeypatch.setattr(stance, "load_cues", lambda path=None: cues)
    s = sent_df(["开源模型更新了。", "开源让创新更快。", "开放权重方便研究者复现。", "其他消息。"])
    rows = _rows(["supportive", "supportive", "supportive", "neutral"]).assign(score=[0.9, 0.8, 0.3, 0.9])
    assert stance.evidence_labels(rows, cues)["label"].tolist() == ["supportive", "supportive", "neutral", "neutral"]
    rule = dict(RULE, lead_sentences=0, close_sentences=0, min_weight=3.0)
    got = stance.article_stance(rows, s, None, rule).iloc[0]
    assert (got.label, got.supportive) == ("neutral", 2.0)
    hand = _rows(["supportive", "supportive", "supportive", "neutral"]).assign(score=1.0, method="hand").iloc[[2]]
    got = stance.article_stance(pd.concat([rows, hand], ignore_index=True), s, None, rule).iloc[0]
    assert (got.label, got.supportive) == ("supportive", 3.0)


def test_too_little_evidence_is_neutral_and_balance_is_mixed():
    s = sent_df(["第一句。", "第二句。", "第三句。", "第四句。", "第五句。"])
    one = stance.article_stance(_rows(["neutral", "neutral", "supportive", "neutral", "neutral"]), s, None, RULE)
    assert one.iloc[0].label == "neutral" and one.iloc[0].evidence_sentence_ids == ""
    both = stance.article_stance(_rows(["neutral", "supportive", "critical", "supportive", "critical"]), s, None, RULE)
    assert both.iloc[0].label == "mixed"  # S = 1 + 1, C = 1 + 1 (close)


def test_a_role_speaks_for_its_organisation():
    q = pd.DataFrame({"article_id": ["x"], "sentence_id": [1], "sentence_ids": ["1"],
                      "speaker": ["AI Alliance statement"], "speaker_org": ["AI Alliance"]})
    assert stance._quoted_sentences(q) == {("x", 1): "AI Alliance"}


def test_dev_training_labels_are_the_dev_gold():
    gold = stance.DATA.parents[2] / "evaluation" / "dev" / "gold" / "stance_labels.csv"
    if not gold.exists():
        pytest.skip("no evaluation folder (installed package)")
    assert stance.DEV_LABELS_PATH.read_bytes() == gold.read_bytes()


def test_scores_are_calibrated_per_kind_of_label():
    import numpy as np
    from sklearn.isotonic import IsotonicRegression

    # out of fold, polar labels at probability 0.9 were right half of the time; neutral ones always
    polar = IsotonicRegression(out_of_bounds="clip").fit([0.5, 0.9], [0.4, 0.5])
    neutral = IsotonicRegression(out_of_bounds="clip").fit([0.6, 0.9], [1.0, 1.0])
    model = stance.StanceModel(calibrators={("open_source_ai", "polar"): polar, ("open_source_ai", "neutral"): neutral})
    got = model.calibrated("open_source_ai", np.array(["supportive", "neutral"]), np.array([0.9, 0.7]))
    assert got.round(2).tolist() == [0.5, 1.0]
    # no map for the other target: the raw probability is kept
    assert model.calibrated("meta_openness", np.array(["critical"]), np.array([0.8])).tolist() == [0.8]


def test_article_label_says_where_its_sentence_labels_come_from():
    # three polar sentences: two hand-labelled, one automatic; the hand label of sentence 1 wins over
    # the model's; neutral sentences are not counted as sources
    s = sent_df(["开源模型追上闭源。", "这是开源的胜利。", "开源生态更繁荣。", "后续待观察。", "其他消息。"])
    auto = _rows(["supportive", "critical", "supportive", "neutral", "neutral"])
    hand = _rows(["supportive", "supportive"]).assign(method="hand")
    got = stance.article_stance(pd.concat([auto, hand], ignore_index=True), s, None, RULE).iloc[0]
    assert got.label == "supportive" and got.label_sources == "hand 2; model 1"


def test_label_sources_most_frequent_first_then_by_name():
    assert stance.label_sources(["model", "cue", "model", "hand"]) == "model 2; cue 1; hand 1"
    assert stance.label_sources([]) == ""
