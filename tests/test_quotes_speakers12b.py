"""Quotes and speakers, session 12 round 2 (issue 16): classes seen on the blind dev articles d58–d63, each as a sentence written
for this test, in, and the hand-worked speaker out (evaluation/README, annotation rules: a quote is its speaker's, not the outlet's
that relays it; an outlet or medium named in 《》 is no document that speaks). Mentions are made by hand (see test_quotes)."""
from __future__ import annotations

from test_quotes_speakers12 import run, speakers

PEOPLE = [("路透社", "Reuters", "org"), ("彭博社", "Bloomberg", "org"), ("Meta", "Meta", "org"),
          ("扎克伯格", "Mark Zuckerberg", "person")]


# ---------------------------------------------------------------- X对路透社否认 "X denied to Reuters": X speaks, not Reuters
def test_a_denial_to_an_outlet_is_the_persons():
    q = run(["被问到此事时，格伦鲍姆对路透社否认：“这不是为了讨好谁。”"], PEOPLE)
    assert speakers(q, "讨好谁") == ["格伦鲍姆"]


def test_an_admission_to_an_outlet_is_the_persons():
    q = run(["扎克伯格向彭博社承认，Meta的模型落后了。"], PEOPLE)
    assert speakers(q, "模型落后") == ["Mark Zuckerberg"]


def test_an_outlet_that_reports_a_denial_still_speaks():
    q = run(["路透社报道，Meta的模型被用于军事用途。"], PEOPLE)
    assert speakers(q, "军事用途") == ["Reuters"]


# ---------------------------------------------------------------- a medium word before a title: an outlet, not a document
def test_a_newsletter_in_title_marks_speaks_as_an_outlet():
    q = run(["Meta的模型曾是首选。", "长期跟踪中国AI的通讯《Recode China AI》指出，Llama训练便宜，但用起来未必便宜。"], PEOPLE)
    assert speakers(q, "训练便宜") == ["Recode China AI"]  # not "Meta document"


def test_a_podcast_in_title_marks_is_where_the_person_spoke():
    q = run(["扎克伯格本人的立场也更复杂。", "今年7月他在播客《20VC》上说，中国在开源上领先美国。"], PEOPLE)
    assert speakers(q, "领先美国") == ["Mark Zuckerberg"]  # not a document


def test_a_technical_report_in_title_marks_still_speaks_for_its_maker():
    q = run(["Meta发布了新模型。", "《Llama 4 技术报告》里这样解释道：“我们用了更少的算力。”"], PEOPLE)
    assert speakers(q, "更少的算力") == ["Meta document"]
