"""Session 14b (reg14b, issue 16): new actors of Taiwan's, Hong Kong's and mainland AI coverage -- officials named
after a government title that the discovery did not yet know (次长 "vice minister", 署长 "agency director-general",
处长 "department head", 秘书 "secretary")."""
import pandas as pd

from actor_frames import promoted, sentences  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _promoted(texts: list) -> list:
    return sorted(promoted(texts, REG))


# --- an official named after a government title is a person --------------------------------------------------

def test_a_name_after_vice_minister_is_a_person():
    # "Vice Minister of Education Liu Guowei said at the press conference ..."
    assert _promoted(["教育部政务次长刘国伟在记者会上介绍了人工智能人才计划。"]) == ["刘国伟"]


def test_a_name_after_agency_director_general_is_a_person():
    # "Chen Guohua, director-general of the Administration for Digital Industries, explained at the meeting ..."
    assert _promoted(["数位产业署署长陈国华在会上说明算力政策。"]) == ["陈国华"]


def test_a_name_after_executive_secretary_is_a_person():
    # "Yang Jialing, deputy executive secretary of the NSTC, said last year ..."
    assert _promoted(["国科会副执行秘书杨佳玲在会上直言，训练资料以简体为主。"]) == ["杨佳玲"]


def test_a_name_after_department_head_is_a_person():
    # "Zhang Jianguo, head of the science and technology department, explained the plan at the meeting"
    assert _promoted(["科技处处长张建国在会上说明计划。"]) == ["张建国"]


def test_a_title_without_a_name_promotes_nothing():
    # "the vice minister attended the forum": 次长 followed by a verb, no name
    assert _promoted(["次长出席了论坛并致词。"]) == []


# --- Hong Kong's and Taiwan's AI programmes in the registry --------------------------------------------------

def _registry(texts: list) -> list:
    return list(actors.find_mentions(sentences("a1", texts), REG)["actor"])


def test_hong_kong_ai_programme_actors_in_traditional_and_short_forms():
    # "HKUST provost Guo Yike said ...", "the centre belongs to the InnoHK research platform", "ITIB said"
    got = _registry(["香港科技大學首席副校長郭毅可表示，模型將開放。", "該中心隸屬「InnoHK 創新香港研發平台」。",
                     "創科局回應稱會支持研發。", "港科大團隊負責訓練。"])
    assert got == ["Hong Kong University of Science and Technology", "Guo Yike", "InnoHK",
                   "Innovation, Technology and Industry Bureau", "Hong Kong University of Science and Technology"]


def test_taiwan_supercomputing_centre_by_full_and_short_name():
    # "the National Center for High-performance Computing (NCHC) trains the model; NCHC adds compute"
    got = _registry(["國家高速網路與計算中心負責訓練模型。", "國網中心明年擴建算力。"])
    assert got == ["National Center for High-performance Computing"] * 2


# --- a three-character name jieba cut one character short after a title ---------------------------------------

def test_a_name_cut_short_after_a_title_counts_whole():
    # "associate research fellow Cai Miaoci explained on the programme": jieba tags 蔡妙 + 慈
    assert _promoted(["前瞻及应用科技处副研究员蔡妙慈在节目中解释了训练方法。"]) == ["蔡妙慈"]


def test_an_adverb_after_a_titled_name_is_not_part_of_it():
    # "professor Zhang Jianguo is now at the lab": 正 "now" is no name character
    assert "张建国正" not in _promoted(["实验室主任张建国正在实验室测试模型。"])
