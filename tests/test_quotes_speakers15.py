"""Quotes and speakers, session 15 (issue 16): a person described by an indefinite count and a noun, with no name, speaks
as an unnamed person even when an organisation describes them (evaluation rule Q2; dev d50, a 74-quote real-page sample).
Sentences written for this test, mentions made by hand (see test_quotes), the hand-worked speaker out."""
from __future__ import annotations

from test_quotes_speakers12 import run, speakers

PEOPLE = [("OpenAI", "OpenAI", "org"), ("深度求索", "DeepSeek", "org"), ("Meta", "Meta", "org"),
          ("梁文锋", "Liang Wenfeng", "person"), ("纽约时报", "The New York Times", "org")]


def test_an_unnamed_employee_after_the_quote_is_not_the_company():
    q = run(["“他是个真正的技术狂，”一位不愿透露姓名的深度求索前员工表示。"], PEOPLE)
    assert speakers(q, "他是个真正的技术狂") == ["unnamed former employee"]


def test_a_person_cited_through_an_outlet_is_not_the_organisation_near_them():
    q = run(["据纽约时报援引一名接近 OpenAI 的人士透露，蒸馏在业内是常见做法，问题在于用它打造竞争模型。"], PEOPLE)
    assert speakers(q, "蒸馏在业内是常见做法") == ["unnamed person"]


def test_an_unnamed_researcher_before_the_verb():
    q = run(["一位Meta研究员在会后表示，开放权重让更多团队能够复现这些结果。"], PEOPLE)
    got = speakers(q, "开放权重让更多团队")
    assert len(got) == 1 and got[0].startswith("unnamed")


def test_a_named_person_after_the_noun_still_speaks():
    q = run(["一位来自深度求索的研究员梁文锋说，开源是吸引人才的最好方式，也是我们的文化。"], PEOPLE)
    assert speakers(q, "开源是吸引人才的最好方式") == ["Liang Wenfeng"]


def test_the_organisation_itself_still_speaks():
    q = run(["深度求索在声明中表示，公司将继续开源模型权重，并公开训练细节。"], PEOPLE)
    assert speakers(q, "公司将继续开源模型权重") == ["DeepSeek"]
