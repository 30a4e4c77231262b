"""Quotes and speakers, session 16 (issue 16): a typed role noun X方 "the X side" speaks for the organisation of that
type named before it (部方 "the ministry" -> the ministry last named; 校方 "the school" -> the university), and a
country side (中方, 美方) for that country's government (`typed_roles` in quotes.yaml; dev d78, real pages).
Sentences written for this test, mentions made by hand (see test_quotes), the hand-worked speaker out."""
from __future__ import annotations

from test_quotes_speakers12 import run, speakers

ACTORS = [("科学技术情报通信部", "Ministry of Science and ICT", "org"), ("LG", "LG AI Research", "org"),
          ("Naver", "Naver", "org"), ("李镇植", "Lee Jin-sik", "person"), ("清华大学", "Tsinghua University", "org"),
          ("智谱", "Zhipu AI", "org"), ("美国商务部", "US Department of Commerce", "org")]


def test_the_ministry_side_is_the_ministry_named_before_not_the_last_speaker():
    q = run(["韩国科学技术情报通信部15日公布第一阶段评审结果，LG与Naver等五支队伍参赛。",
             "李镇植说，团队只用了一半的算力。",
             "部方在声明中说，五支队伍的模型全部获得国际机构认可。"], ACTORS)
    assert speakers(q, "五支队伍的模型全部") == ["Ministry of Science and ICT"]


def test_the_ministry_side_opening_a_sentence_with_cheng():
    q = run(["韩国科学技术情报通信部公布评审结果。", "LG在评审中胜出。", "部方称，第二轮评审将于上半年展开。"], ACTORS)
    assert speakers(q, "第二轮评审将于上半年展开") == ["Ministry of Science and ICT"]


def test_the_school_side_is_the_university_not_the_company():
    q = run(["清华大学与智谱合作开发了这一模型。", "智谱随后发布了新版本。", "校方表示，合作将继续推进开源研究。"], ACTORS)
    assert speakers(q, "合作将继续推进开源研究") == ["Tsinghua University"]


def test_the_chinese_side_is_chinas_government():
    q = run(["美国商务部把智谱列入实体清单。", "中方回应称，这一决定缺乏事实依据，将采取必要措施。"], ACTORS)
    assert speakers(q, "这一决定缺乏事实依据") == ["Chinese government"]


def test_a_typed_role_with_no_organisation_of_its_type_names_no_one():
    q = run(["智谱发布了新模型。", "警方表示，目前没有发现异常情况。"], ACTORS)
    assert speakers(q, "目前没有发现异常情况") == [""]
    assert speakers(q, "目前没有发现异常情况", "speaker_surface") == ["警方"]


def test_fang_mian_aspect_is_no_typed_role():
    q = run(["智谱发布了新模型。", "欧美方面表示，开源模型的竞争正在加剧。"], ACTORS)
    assert "European Union" not in speakers(q, "开源模型的竞争正在加剧")
    assert "US federal government" not in speakers(q, "开源模型的竞争正在加剧")


# ---------------------------------------------------------------- a ministry + 长官/次官 + a name: the person speaks
def test_a_minister_written_after_the_ministry_with_zhangguan_speaks_himself():
    q = run(["去年的启动仪式上，科学技术情报通信部长官裴庆勋向各企业喊话：“希望大家接受更大挑战，为所有人开发AI。”"], ACTORS)
    assert speakers(q, "希望大家接受更大挑战") == ["裴庆勋"]
    assert speakers(q, "希望大家接受更大挑战", "speaker_org") == ["Ministry of Science and ICT"]


def test_a_vice_minister_written_ci_guan_speaks_himself():
    q = run(["科学技术情报通信部第一次官柳济明说，第二轮评审将在上半年进行。"], ACTORS)
    assert speakers(q, "第二轮评审将在上半年进行") == ["柳济明"]


def test_the_ministry_itself_still_speaks_without_a_name():
    q = run(["科学技术情报通信部表示，第二轮评审将在上半年进行。"], ACTORS)
    assert speakers(q, "第二轮评审将在上半年进行") == ["Ministry of Science and ICT"]


def test_a_longer_subject_headed_after_the_side_is_not_the_government():
    q = run(["中美两国团队在日内瓦举行会谈。", "中方代表表示，双方同意继续就人工智能风险保持沟通。"], ACTORS)
    assert "Chinese government" not in speakers(q, "双方同意继续就人工智能风险")


def test_a_taiwan_vice_minister_ci_zhang_after_the_ministry_speaks_himself():
    q = run(["数发部次长侯宜秀今天表示，政府在人工智慧资料与应用方面投入资源。"],
             [("数发部", "Ministry of Digital Affairs", "org")])
    assert speakers(q, "政府在人工智慧资料") == ["侯宜秀"]
