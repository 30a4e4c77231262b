"""Quotes and speakers, session 13 (issue 16): classes found on a sample of real Chinese news pages (62 quotes, 21 pages,
hand-read) and on dev, each as a sentence written for this test, in, and the hand-worked speaker out (evaluation/README,
annotation rules Q1 issuers speak, Q2 unnamed speakers, ADJUDICATION clarification 14: published figures speak for their
publisher). Mentions are made by hand (see test_quotes). The scorer's unnamed-speaker equivalence is specified last."""
from __future__ import annotations

import pytest

from kaiyuan.evaluate import same_unnamed
from test_quotes_speakers12 import run, speakers

PEOPLE = [("OpenAI", "OpenAI", "org"), ("Meta", "Meta", "org"), ("奥特曼", "Sam Altman", "person"),
          ("扎克伯格", "Mark Zuckerberg", "person"), ("特朗普", "Donald Trump", "person"), ("白宫", "White House", "org")]


# ---------------------------------------------------------------- the scorer: unnamed wordings of one source agree
@pytest.mark.parametrize("gold_speaker, got, right", [
    ("unnamed informed sources", "unnamed people familiar with the matter", True),   # 知情人士, two translations
    ("unnamed person close to OpenAI", "unnamed sources", True),                      # 接近OpenAI的人士 / 消息人士
    ("unnamed source", "unnamed people familiar with the matter", True),              # 据悉 / 知情人士
    ("unnamed open-source critics", "unnamed sources", False),  # "open-source" is a modifier, not a source
    ("unnamed industry insiders", "unnamed people familiar with the matter", False),  # 业内人士 is not 知情人士
    ("unnamed person close to OpenAI", "OpenAI", False),        # a named organisation is not the unnamed insider
    ("unnamed media reports", "unnamed reports", True),         # the shared noun still pairs
])
def test_unnamed_wordings_of_one_source_agree(gold_speaker, got, right):
    assert same_unnamed(gold_speaker, got) is right


# ---------------------------------------------------------------- a data source the registry lacks speaks as written
def test_latin_data_source_of_according_to_data_shows_speaks():
    q = run(["据权威机构PitchBook最新数据显示，2025年迄今，全球AI初创企业已吸引约1927亿美元风险投资。"], PEOPLE)
    assert speakers(q, "1927亿美元") == ["PitchBook"]


def test_latin_data_source_after_its_description_speaks():
    q = run(["根据新创产业研究公司Pitchbook数据显示，美国AI新创公司今年首季获种子轮融资骤降。"], PEOPLE)
    assert speakers(q, "种子轮融资骤降") == ["Pitchbook"]


def test_a_subject_word_of_the_data_is_no_source():
    q = run(["根据AI行业数据显示，开源模型下载量增长了三成。"], PEOPLE)
    assert speakers(q, "增长了三成") == []  # AI is what the data is about, nobody published it here


# ---------------------------------------------------------------- a venue right before the verb is a place
def test_an_office_before_the_verb_is_where_the_person_spoke():
    q = run(["特朗普在白宫椭圆形办公室表示，美国制造的AI「必须只有一个核准或否决的源头」。"], PEOPLE)
    assert speakers(q, "核准或否决") == ["Donald Trump"]  # not White House


def test_the_white_house_before_the_verb_is_where_the_person_spoke():
    q = run(["特朗普在白宫表示，美国的人工智能必须只有一个核准或否决的源头。"], PEOPLE)
    assert speakers(q, "核准或否决") == ["Donald Trump"]


def test_now_the_white_house_says_still_has_the_white_house_speak():
    q = run(["现在白宫表示，美国的人工智能必须只有一个核准或否决的源头。"], PEOPLE)
    assert speakers(q, "核准或否决") == ["White House"]  # 现在 "now" holds no 在 of place


# ---------------------------------------------------------------- “A”<unnamed> verb：“B”: both quotes are the unnamed speaker's
def test_an_unnamed_speaker_between_two_quotes_says_both():
    q = run(["“Qwen3以后，我才真正敢投大模型应用。”一位投资人对硅星人坦白：“端侧算力不足是事实。”"], PEOPLE)
    assert speakers(q, "端侧算力") == ["unnamed investors"]
    assert speakers(q, "真正敢投") == ["unnamed investors"]


def test_a_named_speaker_between_two_quotes_still_says_both():
    q = run(["“开源会赢。”奥特曼对记者说：“这确实是我们决定的因素。”"], PEOPLE)
    assert speakers(q, "决定的因素") == ["Sam Altman"]


# ---------------------------------------------------------------- 爆料 "disclosed" and 反问 "asked back" are speech
def test_insiders_disclosing_is_reported_speech():
    q = run(["业内人士爆料，OpenAI这次开源是想抢回市场主动权。"], PEOPLE)
    assert speakers(q, "抢回市场主动权") == ["unnamed industry insiders"]


def test_a_leak_as_a_noun_is_no_speech():
    q = run(["这一爆料引发了开发者的热烈讨论，不少人转发。"], PEOPLE)
    assert speakers(q, "热烈讨论") == []


def test_asking_back_is_speech():
    q = run(["奥特曼反问，如果我们不做，世界会建立在谁的模型上？"], PEOPLE)
    assert speakers(q, "世界会建立") == ["Sam Altman"]  # reported: the verb alone carries the attribution
