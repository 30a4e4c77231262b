"""Registry coverage of the 2023-26 debate (session 6), as specifications: a Chinese sentence in, the hand-worked
mentions (actor, surface, version) out. Every sentence is written for this file; none is copied from a corpus.

The rules themselves are in lib/kaiyuan/data/ACTORS.md; these tests pin the entries of the "session 6 (reg6)" block
of lib/kaiyuan/data/actors.yaml: each alias class, and each context rule with both of its readings.
"""
from __future__ import annotations

import pytest

from test_actors import found


# --------------------------------------------------------------------------- model families with a version tail

@pytest.mark.parametrize("sentence, expected", [
    # a replication of a reasoning model, written in Latin and in a Chinese calque; the family keeps the version
    ("伯克利团队发布了Sky-T1-32B-Preview，训练成本不到450美元。", [("Sky-T", "Sky-T1-32B-Preview", "1-32B-Preview")]),
    ("这个名为“天空-T1”的模型完全开源。", [("Sky-T", "天空-T1", "1")]),
    # decentralised training and Ant Group's open families: bare names only with a version number
    ("Prime Intellect 用分散的算力训练了 INTELLECT-3。",
     [("Prime Intellect", "Prime Intellect", ""), ("INTELLECT", "INTELLECT-3", "3")]),
    ("蚂蚁集团开源了万亿参数的 Ling-1T 和推理模型 Ring-1T。",
     [("Ant Group", "蚂蚁集团", ""), ("Ling", "Ling-1T", "1T"), ("Ring", "Ring-1T", "1T")]),
    ("Genmo 发布了开源视频模型 Mochi 1。", [("Genmo", "Genmo", ""), ("Mochi", "Mochi 1", "1")]),
])
def test_new_model_families_keep_their_version(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "我买了一盒 mochi 当点心。",          # the rice cake
    "Ring门铃摄像头很受欢迎。",           # a doorbell, no version, no model words
    "百灵鸟在树上唱歌。",                 # the lark
    "他在S1赛季拿了冠军，s1 阶段的比赛很激烈。",  # a season and a stage, no model words
])
def test_model_names_that_are_ordinary_words_need_their_context(sentence):
    assert found(sentence) == []


def test_lower_case_s1_is_the_model_next_to_model_words():
    assert found("斯坦福研究者公布的 s1 模型只用了一千道题做微调。") == [
        ("Stanford University", "斯坦福", ""), ("s1", "s1", "")]


def test_project_named_after_a_model_is_the_project():
    # Open-R1 is Hugging Face's project, not DeepSeek-R1
    assert found("Hugging Face 启动了 Open-R1 项目，要复现推理模型。") == [
        ("Hugging Face", "Hugging Face", ""), ("Open-R1", "Open-R1", "")]


# --------------------------------------------------------------------------- people: regional forms and short names

@pytest.mark.parametrize("sentence, expected", [
    ("OpenAI联合创始人约翰·舒尔曼离职加入Anthropic。",
     [("OpenAI", "OpenAI", ""), ("John Schulman", "约翰·舒尔曼", ""), ("Anthropic", "Anthropic", "")]),
    ("月之暗面总裁张予彤在达沃斯发言。", [("Moonshot AI", "月之暗面", ""), ("Zhang Yutong", "张予彤", "")]),
    # three mainland spellings of one DeepSeek researcher's name
    ("DeepSeek资深研究员陈德里在乌镇发言，陈德立认为AI会冲击就业。",
     [("DeepSeek", "DeepSeek", ""), ("Chen Deli", "陈德里", ""), ("Chen Deli", "陈德立", "")]),
    # Taiwan's premier by name and by the press's title-plus-surname form 卓揆
    ("行政院长卓荣泰宣布公务机关禁用该服务，卓揆强调资安优先。",
     [("Executive Yuan", "行政院", ""), ("Cho Jung-tai", "卓荣泰", ""), ("Cho Jung-tai", "卓揆", "")]),
    # a Taiwan transliteration of a CEO's surname, with his company nearby
    ("Databricks执行长戈茲说，DBRX要让研究社群受益。",
     [("Databricks", "Databricks", ""), ("Ali Ghodsi", "戈茲", ""), ("DBRX", "DBRX", "")]),
])
def test_people_of_the_debate(sentence, expected):
    assert found(sentence) == expected


def test_bare_surname_counts_after_the_full_name_or_with_its_context():
    assert found("谷歌联合创始人谢尔盖·布林回到公司写代码，布林说他不该退休。") == [
        ("Google", "谷歌", ""), ("Sergey Brin", "谢尔盖·布林", ""), ("Sergey Brin", "布林", "")]
    assert found("众议员葛森海默与拉胡德提出法案，拉胡德说必须禁止。") == [
        ("Josh Gottheimer", "葛森海默", ""), ("Darin LaHood", "拉胡德", ""), ("Darin LaHood", "拉胡德", "")]


@pytest.mark.parametrize("sentence", [
    "美国国务卿布林肯访问北京。",       # Blinken
    "布林值只有真和假两种。",           # a Boolean value
    "拉胡德表示，这款应用会把数据送回国内。",  # another LaHood, nothing to tie it to the congressman
    "徐立是我的高中同学。",             # a common name without SenseTime
    "蒙哥马利是阿拉巴马州的首府。",       # the city
])
def test_short_or_common_names_alone_are_not_the_person(sentence):
    assert found(sentence) == []


def test_common_name_with_its_company_is_the_person():
    assert found("商汤科技董事长徐立表示，日日新将持续迭代。") == [
        ("SenseTime", "商汤科技", ""), ("Xu Li", "徐立", ""), ("SenseNova", "日日新", "")]


def test_bare_surname_with_its_gloss_counts_once():
    assert found("Meta公共政策主管蒙哥马利（Molly Montgomery）对路透社说。") == [
        ("Meta", "Meta", ""), ("Molly Montgomery", "蒙哥马利（Molly Montgomery）", ""), ("Reuters", "路透社", "")]


# --------------------------------------------------------------------------- parties, governments, documents

def test_us_parties_and_not_another_countrys_democratic_party():
    assert found("共和党参议员与民主党众议员联名提出法案。") == [
        ("Republican Party", "共和党", ""), ("Democratic Party", "民主党", "")]
    assert found("日本立宪民主党对此表示关注。") == []


def test_party_short_form_and_the_words_it_hides_in():
    assert found("众议员说，中共会利用一切工具获取数据。") == [("Chinese Communist Party", "中共", "")]
    assert found("其中共有三家公司开源了模型。") == []      # 其中 + 共有 "in it there are"
    assert found("数据集中共享的部分不多。") == []          # 集中 + 共享


def test_a_government_named_by_its_country_or_its_leader():
    assert found("澳洲政府宣布禁止在政府装置上使用该应用，艾班尼斯政府称行动果断。") == [
        ("Australian Government", "澳洲政府", ""), ("Australian Government", "艾班尼斯政府", "")]


def test_owner_in_front_of_a_document_counts_both():
    # C5: 欧盟官方公报 is the EU and its Official Journal
    assert found("欧盟官方公报刊登了人工智能法案全文。") == [
        ("European Union", "欧盟", ""), ("Official Journal of the European Union", "官方公报", ""),
        ("EU AI Act", "人工智能法案", "")]


def test_foreign_ministry_only_with_its_country():
    assert found("中国外交部发言人回答了提问。") == [("Ministry of Foreign Affairs of China", "中国外交部", "")]


def test_protocol_with_its_acronym_gloss_and_the_foundation():
    assert found("Anthropic 把模型上下文协议（MCP）捐给了 Linux 基金会新成立的 Agentic AI Foundation。") == [
        ("Anthropic", "Anthropic", ""), ("Model Context Protocol", "模型上下文协议（MCP）", ""),
        ("Linux Foundation", "Linux 基金会", ""), ("Agentic AI Foundation", "Agentic AI Foundation", "")]


def test_licence_named_by_its_maker_counts_as_the_licence_and_the_maker():
    assert found("Databricks 的开放模型许可（Databricks Open Model License）允许商用。") == [
        ("Databricks", "Databricks", ""), ("Databricks Open Model License", "Databricks Open Model License", "")]


# --------------------------------------------------------------------------- short Chinese names of labs and models

@pytest.mark.parametrize("sentence, expected", [
    ("国科会推出的台德模型以繁体中文语料训练。",
     [("National Science and Technology Council", "国科会", ""), ("TAIDE", "台德", "")]),
    ("台德双边贸易额创新高。", []),                        # Taiwan-Germany trade
    ("元象发布了开源MoE大模型。", [("XVERSE", "元象", "")]),
    ("一元象征着新的开始。", []),                          # 一元 + 象征
    ("海光信息称其DCU已完成适配。", [("Hygon", "海光信息", "")]),
    ("海光映在湖面上。", []),                              # light on the sea
    ("新加坡人工智能署发布了新的东南亚语言模型SEA-LION。",
     [("AI Singapore", "新加坡人工智能署", ""), ("SEA-LION", "SEA-LION", "")]),
])
def test_short_chinese_names_need_model_or_chip_words(sentence, expected):
    assert found(sentence) == expected


# --------------------------------------------------------------------------- officials, OS projects, labs abroad

@pytest.mark.parametrize("sentence, expected", [
    ("科技部原副部长李萌认为，开源决定规模。",
     [("Ministry of Science and Technology of China", "科技部", ""), ("Li Meng", "李萌", "")]),
    ("李萌今天请假了。", []),                                  # a common name with nothing to tie it to the official
    ("华为把开源鸿蒙和开源欧拉捐给了开放原子开源基金会。",
     [("Huawei", "华为", ""), ("OpenHarmony", "开源鸿蒙", ""), ("openEuler", "开源欧拉", ""),
      ("OpenAtom Foundation", "开放原子开源基金会", "")]),
    ("鸿蒙初辟，天地未分。", []),                              # the myth, not the operating system
    ("欧拉公式很美。", []),                                    # Euler the mathematician
    ("Upstage 的模型被指引用了智谱的代码。", [("Upstage", "Upstage", ""), ("Zhipu AI", "智谱", "")]),
    ("The actors upstage each other.", []),                    # the English verb
    ("Reflection AI 首席执行官 Misha Laskin 说，美国需要自己的开源前沿模型。",
     [("Reflection AI", "Reflection AI", ""), ("Misha Laskin", "Misha Laskin", "")]),
])
def test_officials_projects_and_labs(sentence, expected):
    assert found(sentence) == expected


def test_english_word_model_name_counts_after_the_model_was_named_in_the_article():
    # Arctic far from Snowflake or model words still counts once Snowflake's Arctic was named earlier
    assert found("Snowflake推出了开源模型Arctic。", "企业客户可以免费下载。", "Arctic的训练预算不到200万美元。") == [
        ("Snowflake", "Snowflake", ""), ("Snowflake Arctic", "Arctic", ""), ("Snowflake Arctic", "Arctic", "")]
    assert found("北极圈的冬天很长。", "Arctic Monkeys 发布了新专辑。") == []
