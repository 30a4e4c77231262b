"""Quotes and speakers, session 14b (issue 16): an indefinite report is an unnamed source (annotation rule Q2), never
the document issued before it (rule Q1). Sentences written for this test; mentions made by hand (see test_quotes)."""
from __future__ import annotations

from test_quotes_speakers12 import run, speakers

PEOPLE = [("微软", "Microsoft", "org"), ("彭博", "Bloomberg", "media"), ("Meta", "Meta", "org")]


# ---------------------------------------------------------------- 有报道称 "there are reports": unnamed reports speak
def test_there_are_reports_after_a_technical_report_is_unnamed():
    q = run(["据微软的技术报告，Phi-4在数学竞赛题上的成功率达到80.4%。",
             "有报道称，它在多项测试中胜过了参数量约为其五倍的模型。"], PEOPLE)
    assert speakers(q, "五倍") == ["unnamed reports"]


def test_some_reports_say_is_unnamed():
    q = run(["Meta发布了一份报告，介绍新模型的训练方法。", "一些报道指出，这个模型的训练成本被低估了。"], PEOPLE)
    assert speakers(q, "训练成本被低估") == ["unnamed reports"]


# ---------------------------------------------------------------- a definite report still speaks for its issuer
def test_the_report_after_according_to_an_outlet_is_the_outlets():
    q = run(["据彭博报道，Meta正在考虑放弃开源路线。", "报道称，公司内部对此存在分歧。"], PEOPLE)
    assert speakers(q, "存在分歧") == ["Bloomberg report"]


def test_the_said_report_after_an_issued_report_is_the_issuers():
    q = run(["据微软的技术报告，Phi-4在数学竞赛题上的成功率达到80.4%。",
             "该报告称，它在多项测试中胜过了参数量约为其五倍的模型。"], PEOPLE)
    assert speakers(q, "五倍") == ["Microsoft report"]
