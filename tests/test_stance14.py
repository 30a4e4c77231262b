"""Session 14 (issue 17): the dev harness's fold models are cached, keyed by the training labels.

`predict_held_out` refits one classifier pair per training article it predicts (leave-one-article-out).
The fitted classifiers are cached on disk under a key made from the training labels' content, the
article left out, the cue settings the features read and the fitting code: the same labels give the
same key (a second run reads the folds back), one changed label gives another key (never a stale
fold), and an edit elsewhere (the article rule) keeps the key.
"""
import pandas as pd

from kaiyuan import stance

# Six tiny training articles, one labelled sentence each ("open source lowers the cost" / "openwashing").
LABELS = pd.DataFrame({
    "article_id": ["a", "b", "c", "d", "e", "f"], "sentence_id": [0] * 6,
    "text": ["开源降低了成本，好处很多。", "所谓开源只是洗白。", "开源模型有益于创新。",
             "这是开放式洗涤。", "Meta开源Llama，社区受益。", "Llama的许可限制很多。"],
    "open_source_ai": ["supportive", "critical", "supportive", "critical", "supportive", "neutral"],
    "meta_openness": ["neutral", "neutral", "neutral", "neutral", "supportive", "critical"], "notes": ""})
LABELS["text_simplified"] = LABELS["text"]


def test_same_labels_same_fold_key():
    cues = stance.load_cues()
    assert stance._training_hash(LABELS, cues) == stance._training_hash(LABELS.copy(), cues)


def test_one_changed_label_changes_the_fold_key():
    cues = stance.load_cues()
    changed = LABELS.copy()
    changed.loc[5, "open_source_ai"] = "critical"  # "Llama's licence restricts a lot": now critical of open AI
    assert stance._training_hash(LABELS, cues) != stance._training_hash(changed, cues)


def test_article_rule_edit_keeps_the_fold_key():
    cues = stance.load_cues()
    edited = {**cues, "article_rule": {**cues["article_rule"], "min_weight": 99.0}}
    assert stance._training_hash(LABELS, cues) == stance._training_hash(LABELS, edited)


def test_cached_folds_predict_as_refitted(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path))
    sentences = LABELS[["article_id", "sentence_id", "text", "text_simplified"]]
    first, n = stance.predict_held_out(sentences, LABELS)
    again, _ = stance.predict_held_out(sentences, LABELS)  # every fold read back from the cache
    assert n == 6 and any(tmp_path.rglob("*")) and first.equals(again)


def test_no_cache_fits_every_fold_and_writes_nothing(tmp_path, monkeypatch):
    # `kaiyuan evaluate --no-cache`: the same held-out rows, and the cache folder stays empty
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path))
    sentences = LABELS[["article_id", "sentence_id", "text", "text_simplified"]]
    uncached, n = stance.predict_held_out(sentences, LABELS, cache=False)
    assert n == 6 and not any(tmp_path.rglob("*"))
    cached, _ = stance.predict_held_out(sentences, LABELS)
    assert uncached.equals(cached)
