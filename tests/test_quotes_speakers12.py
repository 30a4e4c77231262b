"""Quotes and speakers on unseen articles, session 12 (issue 16): each class found on a sample of real Chinese news pages
(82 quotes hand-read on 26 pages, both scripts), as a sentence written for this test, in, and the hand-worked speaker
out. Mentions are made by hand (see test_quotes)."""
from __future__ import annotations

import functools

from kaiyuan.actors import load_registry
from kaiyuan.quotes import extract_quotes
from test_quotes import make_mentions, make_sentences

PEOPLE = [("梁文锋", "Liang Wenfeng", "person"), ("DeepSeek", "DeepSeek", "org"), ("Meta", "Meta", "org"),
          ("扎克伯格", "Mark Zuckerberg", "person")]


def speakers(q, needle: str, column: str = "speaker") -> list[str]:
    return [getattr(r, column) for r in q.itertuples() if needle in r.quote]


@functools.lru_cache(maxsize=1)
def registry():
    return load_registry()  # its discovery rules tell a personal name by its shape (刘永好, 娄勤俭)


def run(texts: list[str], actors=PEOPLE):
    s = make_sentences(texts)
    return extract_quotes(s, make_mentions(s, actors), registry=registry())


# ---------------------------------------------------------------- 即使是X也警告 "even X warned": X speaks
def test_even_industry_insiders_warned_is_reported_speech_of_the_insiders():
    q = run(["Meta的模型曾是开发者的首选。", "即使是中国业界人士也警告，对Meta模型的依赖将阻碍中国的AI努力。"])
    assert speakers(q, "阻碍中国") == ["unnamed industry insiders"]


def test_a_hypothetical_even_if_clause_is_still_no_speaker():
    q = run(["即使开源也表示不了什么，模型仍然封闭。"])
    assert speakers(q, "模型仍然封闭") == []


# ---------------------------------------------------------------- 说起 "to start from" is no speech verb
def test_a_story_that_starts_with_someone_names_no_speaker():
    q = run(["故事得从一个程序员小李说起，他在郑州做算法开发。"])
    assert speakers(q, "郑州") == []


# ---------------------------------------------------------------- an investor is an unnamed speaker
def test_an_investor_who_admits_speaks_as_unnamed_investors():
    q = run(["梁文锋表示，DeepSeek会继续开源。", "“有了开源模型以后，我才真正敢投大模型应用。”一位投资人对记者坦白。"])
    assert speakers(q, "真正敢投") == ["unnamed investors"]  # not Liang Wenfeng, who spoke before


# ---------------------------------------------------------------- a sentence adverb before an unregistered name
def test_no_wonder_before_a_name_is_no_part_of_the_name():
    q = run(["梁文锋表示，团队里多是年轻人。", "难怪张志强感慨：“中青年团队挑起了中国科技事业的大梁！”"])
    assert speakers(q, "挑起了") == ["张志强"]  # not Liang Wenfeng, the speaker before


# ---------------------------------------------------------------- 用X的话说 "in X's words": X speaks
def test_in_the_words_of_an_unregistered_person():
    q = run(["刘永好和梁文锋吃过一顿饭。", "用刘永好的话说：“他们用数学家的脑子做AI。”"])
    assert speakers(q, "数学家的脑子") == ["刘永好"]


def test_in_the_words_of_a_registered_person_is_unchanged():
    q = run(["用梁文锋自己的话说，员工要么是应届生，要么是没毕业的博士生。"])
    assert speakers(q, "应届生") == ["Liang Wenfeng"]


# ---------------------------------------------------------------- 回忆道 "recalled" is a speech verb
def test_recalled_after_a_quote():
    q = run(["“我们以前都知道他非常聪明，小时候他就学完了高中的数学。”梁文惠回忆道。"])
    assert speakers(q, "非常聪明") == ["梁文惠"]


# ---------------------------------------------------------------- a title the dotted name's match starts inside
def test_a_manager_title_is_cut_from_a_long_transliteration():
    q = run(["世界知识产权组织专利分析经理克里斯托弗·哈里森表示：“这是一个蓬勃发展的领域。”"])
    assert speakers(q, "蓬勃发展") == ["克里斯托弗·哈里森"]  # not 理克里斯托弗·哈里森


# ---------------------------------------------------------------- a lead quote before its speaker is named
def test_a_lead_quote_paragraph_is_said_by_the_person_the_next_paragraph_opens_with():
    s = make_sentences(["“我们在攀岩馆聊吧。”", "53岁的创始人梁文锋过往在公众面前有很多标签，如今又多了一个。"], new_paragraph=(1,))
    q = extract_quotes(s, make_mentions(s, PEOPLE), registry=registry())
    assert speakers(q, "攀岩馆") == ["Liang Wenfeng"]


def test_a_quoted_heading_without_a_sentence_end_takes_no_lead_speaker():
    s = make_sentences(["“超级智能已进入视野”", "扎克伯格周三发布了一封公开信。"], new_paragraph=(1,))
    q = extract_quotes(s, make_mentions(s, PEOPLE), registry=registry())
    assert "Mark Zuckerberg" not in speakers(q, "超级智能")


# ---------------------------------------------------------------- 据该报报道 "according to this paper": the paper named before
def test_according_to_this_paper_is_the_outlet_named_before():
    actors = PEOPLE + [("南华早报", "South China Morning Post", "org"), ("李开复", "Kai-Fu Lee", "person")]  # outlets are registry orgs
    q = run(["李开复日前接受南华早报采访时表示，开源模型会越来越强。", "据该报报道，零一万物目前约有200名员工。"], actors)
    assert speakers(q, "200名员工") == ["South China Morning Post"]
