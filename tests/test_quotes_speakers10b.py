"""Speakers on unseen articles, session 10b (issue 16): each class of attribution found in the registry-blind
development run and on real Chinese news pages, as a sentence written for this test, in, and the hand-worked speaker
out. Mentions are made by hand (see test_quotes)."""
from __future__ import annotations

from kaiyuan.quotes import extract_quotes
from test_quotes import make_mentions, make_sentences


def speakers(q, needle: str, column: str = "speaker") -> list[str]:
    return [getattr(r, column) for r in q.itertuples() if needle in r.quote]


PEOPLE = [("张明", "Zhang Ming", "person"), ("李华", "Li Hua", "person"), ("星辰科技", "Xingchen Tech", "org")]
REGISTRY = {"Zhang Ming": {"type": "person", "parent": "Senate"}, "Li Hua": {"type": "person", "parent": "Senate"},
            "Xingchen Tech": {"type": "org"}}


# ---------------------------------------------------------------- a letter speaks for the people who wrote it
def test_a_letter_two_people_wrote_speaks_for_them_not_their_organisation():
    s = make_sentences(["议员张明与李华联名致信星辰科技，追问模型发布前的风险评估。",
                        "信中指出，该公司的防护措施形同虚设。"])
    q = extract_quotes(s, make_mentions(s, PEOPLE), registry=REGISTRY)
    assert speakers(q, "形同虚设") in (["Zhang Ming"], ["Li Hua"])


def test_a_quote_before_the_letter_attribution_is_the_writers():
    s = make_sentences(["议员张明与李华联名致信星辰科技。", "“不难想象，这个模型会被网络犯罪分子采用。”信中这样警告。"])
    q = extract_quotes(s, make_mentions(s, PEOPLE), registry=REGISTRY)
    assert speakers(q, "网络犯罪分子") in (["Zhang Ming"], ["Li Hua"])


def test_a_letter_with_no_writer_named_is_not_the_addressees():
    # 七名参议员 names nobody: the letter is unnamed, never 星辰科技 it was sent to
    s = make_sentences(["七名参议员周五致信星辰科技，敦促撤回新规。", "这封信称，这项规则每保留一天，风险就更大。"])
    q = extract_quotes(s, make_mentions(s, PEOPLE), registry=REGISTRY)
    assert speakers(q, "每保留一天") == [""]


def test_letter_inside_a_word_is_no_letter():
    # 自信地表示 "said confidently": 张明 speaks; 信息 "information" is no letter either
    s = make_sentences(["议员张明与李华联名致信星辰科技。", "李华自信地表示，开源会带来更多开发者。"])
    q = extract_quotes(s, make_mentions(s, PEOPLE), registry=REGISTRY)
    assert speakers(q, "更多开发者") == ["Li Hua"]


# ---------------------------------------------------------------- a unit of an organisation speaks as written
UNITS = [("华为", "Huawei", "org"), ("阿里", "Alibaba", "org"), ("盘古", "Pangu", "model"), ("通义", "Qwen", "model")]


def test_a_lab_of_a_company_speaks_as_written_and_its_statement_is_the_labs():
    s = make_sentences(["华为诺亚方舟实验室发布正式声明，称该模型是基于自有硬件平台训练的。",
                        "对于代码中的痕迹，该实验室没有回避。", "声明承认，部分基础组件的代码参考了业界开源实践。"])
    q = extract_quotes(s, make_mentions(s, UNITS))
    assert speakers(q, "自有硬件平台") == ["华为诺亚方舟实验室"]
    assert speakers(q, "业界开源实践", "speaker_org") == ["华为诺亚方舟实验室"]


def test_a_team_named_after_a_model_speaks_for_itself_through_guanfang():
    s = make_sentences(["阿里通义团队开源了新的代码模型，官方称其编程能力达到开源模型最佳水平。"])
    q = extract_quotes(s, make_mentions(s, UNITS))
    assert speakers(q, "最佳水平") == ["阿里通义团队"]


def test_a_generic_research_team_is_its_company():
    # 华为研究团队 "Huawei's research team" names no unit of its own: Huawei speaks
    s = make_sentences(["华为研究团队表示，模型将在下月开源。"])
    q = extract_quotes(s, make_mentions(s, UNITS))
    assert speakers(q, "下月开源") == ["Huawei"]
