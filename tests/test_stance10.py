"""Session 10 (issue 17): a negated openness word is not open_source_ai evidence.

By the codebook's scope rule (2.1) "one named model is not open source" is about that model, and a fact
("does not publish its weights") or a necessity ("without open source there is no ...") is no verdict on
open AI; only meta_openness keeps the negated openness terms as critical evidence (codebook 4.4).
"""
from __future__ import annotations

import pytest

from kaiyuan import stance


@pytest.mark.parametrize("sentence", [
    "这让 K2 属于「开放权重，而非开源」。",  # one named model (scope rule)
    "与此前的几款模型不同，Mistral Large 不公开权重，用户只能通过平台调用。",  # a release fact
    "兩款大模型都沒有開放權重，主攻企業市場。",  # the same, traditional script
    "截至目前，阿里方面未作公开回应。",  # 公开 as "publicly", no openness at all
])
def test_a_negated_openness_word_is_not_open_source_ai_critical(sentence):
    score, hits = stance.cue_score(sentence, "open_source_ai")
    assert not any(h.startswith("¬") for h in hits)
    assert stance.cue_label(sentence, "open_source_ai") == "neutral"


def test_a_necessity_without_open_source_is_not_critical():
    # "without open-source AI there is no AI start-up ecosystem": the negation marks a necessity
    assert stance.cue_label("没有开源AI，就没有AI创业生态，也没有关于大模型的学术研究。", "open_source_ai") != "critical"


def test_a_negated_supportive_cue_still_flips_for_open_source_ai():
    # the negation rule for cues is unchanged: "not real open source" is a negated supportive cue
    score, hits = stance.cue_score("许多所谓开放的AI项目并不是真正的开源。", "open_source_ai")
    assert score < 0 and "¬真正的开源" in hits


def test_meta_openness_keeps_negated_openness_as_critical():
    assert stance.cue_label("Meta 的 Llama 并不是开源的。", "meta_openness") == "critical"
    assert stance.cue_label("Meta 的 Llama 并不是开源的。", "open_source_ai") == "neutral"
