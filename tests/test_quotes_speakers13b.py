"""Quotes and speakers, session 13b (issue 16): classes found on the blind dev articles d64–d69, each as a sentence
written for this test, in, and the hand-worked speaker out (evaluation/README, annotation rules Q1, Q2 unnamed
speakers). Mentions are made by hand (see test_quotes)."""
from __future__ import annotations

from test_quotes_speakers12 import run, speakers

PEOPLE = [("陈澍", "George Chen", "person"), ("陳澍", "George Chen", "person"), ("OpenAI", "OpenAI", "org"), ("白宫", "White House", "org")]


# ---------------------------------------------------------------- “…”X如此评论: the look-back verb after the quote
def test_so_commented_after_a_whole_sentence_quote_names_its_speaker():
    q = run(["「這番講話與特朗普政府的人工智能觀形成了清晰對比。」亞洲集團合夥人陳澍如此評論。"], PEOPLE)
    assert speakers(q, "清晰對比") == ["George Chen"]


def test_so_judged_after_the_quote_in_simplified_script():
    q = run(["白宫发表了新的出口管制声明。", "“这份技术报告写得极其详细，值得每家实验室学习。”陈澍这样评价。"], PEOPLE)
    assert speakers(q, "值得每家实验室学习") == ["George Chen"]  # not the White House of the sentence before


def test_evaluation_as_a_noun_is_no_speech_verb():
    q = run(["这样评价体系并不完整，开源模型的得分还有很大的提升空间。"], PEOPLE)
    assert speakers(q, "提升空间") == []

