"""Quotes and speakers, session 14 (issue 16): reported naming. Whoever names a thing says the name: X把Y称为“Z” and
Y被X称为「Z」 are X's words (dev d08, d28, d63, d69; a 105-quote real-page sample). Sentences written for this test,
mentions made by hand (see test_quotes), the hand-worked speaker out."""
from __future__ import annotations

from test_quotes_speakers12 import run, speakers

PEOPLE = [("Meta", "Meta", "org"), ("扎克伯格", "Mark Zuckerberg", "person"), ("米达", "Anjney Midha", "person")]


def test_namer_of_a_short_quoted_name_speaks():
    q = run(["其合伙人米达把这个法案称为对创业公司的“累退税”。"], PEOPLE)
    assert speakers(q, "对创业公司的") == ["Anjney Midha"]


def test_unnamed_namer_speaks_unnamed():
    q = run(["消息一出，不少评论把它称作开源AI的“历史性胜利”。"], PEOPLE)
    got = speakers(q, "历史性胜利")
    assert len(got) == 1 and got[0].startswith("unnamed")


def test_agent_of_passive_naming_speaks():
    q = run(["Meta表示正在训练一款新模型，它被Meta执行长扎克伯格称为「全球性能最强的基础模型」。"], PEOPLE)
    assert "Mark Zuckerberg" in speakers(q, "全球性能最强")


def test_naming_frame_does_not_start_inside_a_clause():
    # the namer is the clause's subject, not a word before 把 in the middle of it
    q = run(["扎克伯格在二季度财报电话会上仍把这个模型称作“开源项目”。"], PEOPLE)
    assert set(speakers(q, "开源项目")) == {"Mark Zuckerberg"}


def test_naming_before_another_speech_verb_still_speaks():
    # the sentence's speech verb (强调) reports the rest; the short quoted name is the namer's too
    q = run(["Meta在发布博客里把新模型称为“迄今最大的飞跃”，强调生成速度提高了三倍。"], PEOPLE)
    assert speakers(q, "迄今最大的飞跃") == ["Meta"]


def test_a_nickname_is_no_speech():
    q = run(["这个被开发者昵称为「抱抱脸」的平台，如今几乎是所有开放模型的第一个落脚处。"], PEOPLE)
    assert all(not s for s in speakers(q, "抱抱脸"))


def test_a_naming_explained_after_a_colon_is_said_by_the_unnamed_namer():
    q = run(["有观察人士把这种做法概括为“双轨”：用开源吸引开发者，同时建设封闭的专有业务。"], PEOPLE)
    assert speakers(q, "用开源吸引开发者") == ["unnamed observers"]
