"""Registry breadth of session 8, as specifications: a Chinese sentence in, the hand-worked mentions (actor, surface,
version) out. Every sentence is written for this file; none is copied from a corpus or a web page.

The rules are in lib/kaiyuan/data/ACTORS.md; these tests pin the entries of the "session 8 (reg8)" block of
lib/kaiyuan/data/actors.yaml (people, organisations, models, benchmarks and bills named in 2024-26 coverage of chips,
Chinese labs and AI policy), the spellings added to older entries, and three discovery classes (Latin names with
accents, a research unit glued after a new organisation's name, a surname before a common two-character word).
"""
from __future__ import annotations

import pytest

from kaiyuan.actors import discover_unknown, find_mentions, load_registry
from test_actors import corpus_of, found


def candidates(*sentences: str) -> dict:
    """Discovery rows of one article, by candidate."""
    sents, _ = corpus_of(*sentences)
    registry = load_registry()
    return {r.candidate: r for r in discover_unknown(sents, find_mentions(sents, registry), registry).itertuples()}


# --------------------------------------------------------------------------- people: both scripts, short forms

@pytest.mark.parametrize("sentence, expected", [
    ("华为轮值董事长徐直军在大会上公布了芯片路线图。", [("Huawei", "华为", ""), ("Xu Zhijun", "徐直军", "")]),
    ("華為輪值董事長徐直軍說，算力是關鍵。", [("Huawei", "華為", ""), ("Xu Zhijun", "徐直軍", "")]),
    ("面壁智能联合创始人刘知远和首席技术官曾国洋一起出席。",
     [("ModelBest", "面壁智能", ""), ("Liu Zhiyuan", "刘知远", ""), ("Zeng Guoyang", "曾国洋", "")]),
    ("顧能分析師坎達巴圖認為，市場已經消化了衝擊。",
     [("Gartner", "顧能", ""), ("Haritha Khandabattu", "坎達巴圖", "")]),
    ("美国众议院多数党领袖斯卡利斯希望把条款写进国防授权法案。",
     [("US House of Representatives", "美国众议院", ""), ("Steve Scalise", "斯卡利斯", ""), ("NDAA", "国防授权法案", "")]),
])
def test_people_in_both_scripts(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentences, expected", [
    # a common name counts next to the organisation it speaks for, and again later in the same article
    (("华为董事汪涛谈到昇腾芯片的效率。", "汪涛还提到了软件生态。"),
     [("Huawei", "华为", ""), ("Wang Tao (Huawei)", "汪涛", ""), ("Ascend", "昇腾", ""), ("Wang Tao (Huawei)", "汪涛", "")]),
    (("对外经济贸易大学教授张欣接受了采访。", "张欣认为，管制只是一张筹码。"),
     [("University of International Business and Economics", "对外经济贸易大学", ""), ("Zhang Xin (UIBE)", "张欣", ""),
      ("Zhang Xin (UIBE)", "张欣", "")]),
])
def test_common_names_count_with_their_organisation_or_after_it(sentences, expected):
    assert found(*sentences) == expected


@pytest.mark.parametrize("sentence", [
    "歌手张欣在演唱会上唱了新歌。",      # another Zhang Xin
    "作家汪涛出版了一本小说。",          # another Wang Tao
    "文章要去掉陈言，写出新意。",        # 陈言 "trite words"
    "他在家里面壁思过了一整天。",        # 面壁思过 "face the wall and reflect"
    "海纳百川，有容乃大。",              # the idiom, not Baichuan
])
def test_common_words_and_namesakes_are_not_the_actors(sentence):
    assert found(sentence) == []


def test_bare_surname_of_a_senator_needs_the_full_name_or_senate_words():
    assert found("参议员伯尼·桑德斯主持了听证会。", "桑德斯随后提问。") == [
        ("Bernie Sanders", "伯尼·桑德斯", ""), ("Bernie Sanders", "桑德斯", "")]
    assert found("肯德基的桑德斯上校很有名。") == []


# --------------------------------------------------------------------------- organisations

@pytest.mark.parametrize("sentence, expected", [
    ("中国贸促会邀请黄仁勋访问北京。", [("CCPIT", "中国贸促会", ""), ("Jensen Huang", "黄仁勋", "")]),
    ("參議院銀行委員會負責出口管制。", [("Senate Banking Committee", "參議院銀行委員會", "")]),
    ("博通的定制芯片卖得很好。", [("Broadcom", "博通", "")]),
    ("沙特的Humain要和英伟达建数据中心。", [("Humain", "Humain", ""), ("Nvidia", "英伟达", "")]),
    ("清华大学苏世民书院举办了论坛。", [("Tsinghua University", "清华大学", ""), ("Schwarzman College", "苏世民书院", "")]),
    ("达沃斯论坛上，AI公司高管谈开源。", [("World Economic Forum", "达沃斯论坛", "")]),
])
def test_new_organisations(sentence, expected):
    assert found(sentence) == expected


def test_chip_designer_sophgo_is_not_computing_power():
    assert found("部分芯片原本是台积电为算能制造的。") == [("TSMC", "台积电", ""), ("Sophgo", "算能", "")]
    assert found("这台服务器的计算能力很强。") == []


def test_lower_case_french_word_is_not_humain():
    assert found("Le texte dit « un être humain ».") == []


# --------------------------------------------------------------------------- models, products, benchmarks

@pytest.mark.parametrize("sentence, expected", [
    # a maker-named model family keeps its number in the version column, and the company is not counted
    ("MiniMax开源了MiniMax-Text-01和MiniMax-VL-01。",
     [("MiniMax", "MiniMax", ""), ("MiniMax-Text", "MiniMax-Text-01", "01"), ("MiniMax-VL", "MiniMax-VL-01", "01")]),
    ("京东开源了JoyAI-LLM-Flash。", [("JD.com", "京东", ""), ("JoyAI", "JoyAI-LLM-Flash", "LLM-Flash")]),
    ("阶跃星辰开源了图像编辑模型Step1X-Edit。", [("StepFun", "阶跃星辰", ""), ("Step1X", "Step1X-Edit", "Edit")]),
    ("谷歌DeepMind发布了世界模型Genie 3。", [("Google DeepMind", "谷歌DeepMind", ""), ("Genie", "Genie 3", "3")]),
    ("新模型在BrowseComp、Terminal-Bench和TAU-bench上都有提升。",
     [("BrowseComp", "BrowseComp", ""), ("Terminal-Bench", "Terminal-Bench", ""), ("TAU-bench", "TAU-bench", "")]),
    ("AMD的MI308和英特尔的Gaudi芯片也被限制出口。",
     [("AMD", "AMD", ""), ("AMD Instinct", "MI308", ""), ("Intel", "英特尔", ""), ("Gaudi", "Gaudi", "")]),
])
def test_models_products_and_benchmarks(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "巴塞罗那的Gaudi建筑吸引游客。",   # the architect
    "阿拉丁的神灯里住着Genie。",        # the spirit, no version
    "他在星野度假村住了三天。",         # a resort (星野 is also MiniMax's app)
])
def test_model_and_product_names_that_are_ordinary_words(sentence):
    assert found(sentence) == []


# --------------------------------------------------------------------------- bills and policy documents

@pytest.mark.parametrize("sentence, expected", [
    ("议员把「GAIN AI」法案排除在国防授权法案（NDAA）之外。",
     [("GAIN AI Act", "GAIN AI", ""), ("NDAA", "国防授权法案（NDAA）", "")]),
    ("白宫要求修订NIST的人工智能风险管理框架。",
     [("White House", "白宫", ""), ("NIST", "NIST", ""), ("AI Risk Management Framework", "人工智能风险管理框架", "")]),
    ("欧盟委员会同时发布了《通用人工智能模型提供商指南》。",
     [("European Commission", "欧盟委员会", ""), ("GPAI Guidelines", "通用人工智能模型提供商指南", "")]),
])
def test_bills_and_policy_documents(sentence, expected):
    assert found(sentence) == expected


def test_english_gain_is_not_the_bill():
    assert found("Companies want to gain ai talent fast.") == []


# --------------------------------------------------------------------------- spellings added to older entries

@pytest.mark.parametrize("sentence, expected", [
    ("路透引述知情人士说，谈判仍在进行。", [("Reuters", "路透", "")]),
    ("H200比英伟达的布莱克韦尔架构低一代。", [("H200", "H200", ""), ("Nvidia", "英伟达", ""), ("Blackwell", "布莱克韦尔", "")]),
    # Taiwan's word for chip (晶片) is context like 芯片
    ("這款Blackwell晶片供不應求。", [("Blackwell", "Blackwell", "")]),
    ("歐盟委員蒂埃里·布雷東稱讚這部法律。", [("European Union", "歐盟", ""), ("Thierry Breton", "蒂埃里·布雷東", "")]),
    ("众议院中共问题特设委员会对芯片销售展开调查。",
     [("House Select Committee on the CCP", "中共问题特设委员会", "")]),
    ("百川专注医疗大模型。", [("Baichuan AI", "百川", "")]),
])
def test_spellings_added_to_older_entries(sentence, expected):
    assert found(sentence) == expected


def test_short_form_of_modelbest_after_the_company_was_named():
    assert found("面壁智能开源了MiniCPM。", "面壁团队随后回应了质疑。") == [
        ("ModelBest", "面壁智能", ""), ("MiniCPM", "MiniCPM", ""), ("ModelBest", "面壁", "")]


# --------------------------------------------------------------------------- discovery classes

def test_discovery_keeps_accented_latin_names_whole_and_merges_the_surname():
    rows = candidates("法国研究员Émilie Varnier表示，开源模型值得信任。", "Varnier还说，欧洲需要自己的模型。")
    assert rows["Émilie Varnier"].count == 2 and rows["Émilie Varnier"].surfaces == "Varnier;Émilie Varnier"
    assert "Varnier" not in rows and "milie Varnier" not in rows


def test_discovery_keeps_a_research_unit_after_a_new_organisation_name():
    rows = candidates("星桥智能研究院发布了一份开源报告。", "星桥智能研究院的报告引起讨论。")
    assert "星桥智能研究院" in rows and "星桥智能" not in rows


def test_discovery_joins_a_surname_to_a_common_word_given_name_before_a_speech_verb():
    rows = candidates("这家初创公司的首席执行官赵大海表示，小模型更实用。", "他曾公开表示支持开源。")
    assert rows["赵大海"].tag == "speaker"
    assert "曾公开" not in rows and "大海" not in rows
