"""Session 12b (issue 17): meta_openness relevance from the actor registry, and the Meta-voice rule.

1. A sentence names Meta when it uses any alias the registry holds for Meta, Facebook, Llama, Zuckerberg or
   LeCun, in any script or regional spelling (祖克柏 Taiwan, 朱克伯格 Hong Kong), not only the names of a hand
   list in stance_cues.yaml.
2. A Meta person's own case for open models is Meta's case (codebook 4.1): a sentence about Meta that the
   model leaves meta-neutral takes supportive when it is open_source_ai-supportive and names such a person.
   That label is in the sentence table but is not article evidence (the article's author may still be
   critical, codebook 9.7), as a speaker prior is not counted in the voices table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kaiyuan import stance


def _sentences(*texts, aid="a"):
    return pd.DataFrame({"article_id": aid, "sentence_id": list(range(len(texts))),
                         "text_simplified": [stance._simplified([t])[0] for t in texts]})


@pytest.mark.parametrize("name", ["祖克柏", "朱克伯格", "扎克伯格", "小扎", "Zuckerberg", "楊立昆", "勒昆", "臉書", "羊驼"])
def test_every_registry_spelling_of_a_meta_name_makes_a_sentence_about_meta(name):
    s = _sentences(f"{name}表示，开源是其战略的一部分。")
    assert stance.relevance(s)["meta_openness"].tolist() == [True]


def test_the_taiwan_spelling_reaches_the_next_sentence():
    # "... shows a change in 祖克柏's attitude. He had said open source is part of this mission."
    s = _sentences("股价今天上涨。", "这反映了祖克柏态度上的变化。", "他曾表示，开源战略是其使命的一部分。")
    assert stance.relevance(s)["meta_openness"].tolist() == [False, True, True]


def test_a_sentence_naming_no_meta_actor_is_not_about_meta():
    s = _sentences("阿里巴巴开源了通义千问。")
    assert stance.relevance(s)["meta_openness"].tolist() == [False]


def test_registry_terms_cover_all_aliases_without_redundant_longer_ones():
    terms = stance.registry_terms(["Mark Zuckerberg", "Yann LeCun"])
    assert {"祖克柏", "朱克伯格", "扎克伯格", "杨立昆", "勒昆", "lecun", "zuckerberg"} <= set(terms)
    assert "马克·扎克伯格" not in terms  # contains 扎克伯格: adds no match


def test_the_cue_gate_of_meta_openness_opens_for_the_taiwan_spelling():
    # 免费 "free" is a supportive meta_openness cue; the gate needs a Meta name in the sentence
    assert stance.cue_score("祖克柏说Llama会一直免费。", "meta_openness")[0] > 0
    assert stance.cue_score("祖克柏说模型会一直免费。", "meta_openness")[0] > 0


def _labels(osa, meta):
    return {"open_source_ai": np.array(osa, dtype=object), "meta_openness": np.array(meta, dtype=object)}


def test_a_meta_person_making_the_case_for_open_models_is_meta_supportive():
    s = _sentences("扎克伯格在公开信中说，开源人工智能是前进的道路。", "开源人工智能是前进的道路。")
    labels = _labels(["supportive", "supportive"], ["neutral", "neutral"])
    hit = stance.apply_voice_rules(labels, {"meta_openness": np.array([True, True])}, s, stance.load_cues())
    assert hit["meta_openness"].tolist() == [True, False]
    assert labels["meta_openness"].tolist() == ["supportive", "neutral"]


def test_the_voice_rule_borrows_only_the_supportive_side_and_keeps_a_model_label():
    s = _sentences("杨立昆说，开源模型很危险。", "Meta发言人称，开源让Llama更安全。")
    labels = _labels(["critical", "supportive"], ["neutral", "critical"])
    stance.apply_voice_rules(labels, {"meta_openness": np.array([True, True])}, s, stance.load_cues())
    assert labels["meta_openness"].tolist() == ["neutral", "critical"]


def test_a_voice_rule_label_is_not_article_evidence():
    rows = pd.DataFrame({"article_id": "a", "sentence_id": range(6), "target": "meta_openness",
                         "label": ["supportive"] * 6, "score": 0.9, "method": stance.VOICE_METHOD,
                         "margin": 0.5, "relevant": True})
    assert stance.article_stance(rows)["label"].tolist() == ["neutral"]
    assert stance.article_stance(rows.assign(method="model"))["label"].tolist() == ["supportive"]
