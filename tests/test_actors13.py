"""Session 13 (reg13, issue 16): discovery precision on real pages (web addresses, events named in a bracket, names
only ever quoted), names containing " & ", and registry transliterations."""
import pandas as pd

from actor_frames import sentences  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _unknown(texts: list) -> pd.DataFrame:
    sents = sentences("a1", texts)
    return actors.unknown_occurrences(sents, actors.find_mentions(sents, REG), REG)


def _promoted(texts: list) -> list:
    prom = actors.promoted_occurrences(_unknown(texts), REG)
    return list(prom["actor"]) if len(prom) else []


# --- a web address is no name -------------------------------------------------------------------------------

def test_a_versioned_token_inside_a_web_address_is_no_model():
    # "see the release note at github.com/zorvex/Quanta-7B": a path, not the model Quanta
    texts = ["发布说明见 https://github.com/zorvex/Quanta-7B 页面。"]
    assert "Quanta" not in " ".join(_unknown(texts)["candidate"])
    assert _promoted(texts) == []


def test_a_short_link_code_is_no_name():
    # a tweet's picture link pic.twitter.com/<code> quoted under the post
    assert _promoted(["他在帖子里附上图片 pic.twitter.com/kQv7ZrT2aB 。"]) == []


def test_the_same_name_outside_the_address_still_counts():
    # "Quanta-7B is open ... (download: huggingface.co/zorvex/Quanta-7B)": the model in the text counts once
    texts = ["Quanta-7B已经开源（下载：huggingface.co/zorvex/Quanta-7B）。"]
    assert _promoted(texts).count("Quanta-7B") == 1


# --- an event named in a bracket --------------------------------------------------------------------------------

def test_a_name_glossed_as_a_conference_is_an_event():
    # "at ZAIC (the World Zentra Conference) ... ZAIC's exhibition ... missed ZAIC": a conference, not an actor
    texts = ["公司在ZAIC（世界泽恩人工智能大会）上发布新模型。", "ZAIC上的展台人头攒动。", "两家公司缺席了ZAIC。"]
    assert "ZAIC" not in _promoted(texts)


def test_a_versioned_name_glossing_a_conference_is_an_event():
    # "the AI computing conference (ZICC2024) held in Beijing drew experts": the year is no model version
    assert _promoted(["在京举行的人工智能计算大会（ZICC2024）吸引了众多专家。"]) == []


def test_a_bracket_that_glosses_an_organisation_keeps_the_name():
    # "ZAIC (the Zentra AI Alliance) ...": an alliance is an actor, three mentions
    texts = ["ZAIC（泽恩人工智能联盟）发布报告。", "ZAIC呼吁开放权重。", "ZAIC成员包括多家公司。"]
    assert _promoted(texts).count("ZAIC") == 3


# --- a name the article only ever quotes ------------------------------------------------------------------------

def test_a_nickname_only_ever_in_quote_marks_is_no_actor():
    # "'Rename it ShutAI and I drop the suit' ... changed the badge to 'ShutAI' ... 'call yourself ShutAI'"
    texts = ["他回击：「改名ShutAI就撤诉。」", "有人把访客证改成「ShutAI」字样。", "网友留言：“干脆叫ShutAI吧。”"]
    assert "ShutAI" not in _promoted(texts)


def test_a_name_also_written_outside_quotes_counts_every_time():
    # "'Quanta is strong,' he said ... Quanta released ... Quanta's weights": one unquoted mention is enough
    texts = ["他说：「Quanta很强。」", "Quanta发布了新模型。", "Quanta的权重已公开。"]
    assert _promoted(texts).count("Quanta") == 3


# --- names containing " & " ---------------------------------------------------------------------------------

def test_a_name_with_a_spaced_ampersand_is_one_name():
    # "Lumen & Data (a foundation) published ... Lumen & Data said ... Lumen & Data's framework"
    texts = ["基金会旗下Lumen & Data发布框架。", "Lumen & Data表示框架免费。", "Lumen & Data的框架分三级。"]
    got = _promoted(texts)
    assert got.count("Lumen & Data") == 3 and "Lumen" not in got and "Data" not in got


def test_an_ampersand_between_two_registered_names_joins_nothing():
    # "Google & Microsoft both signed": two registered actors, no unknown name
    sents = sentences("a1", ["Google & Microsoft都签署了协议。"])
    mentions = actors.find_mentions(sents, REG)
    assert sorted(mentions["actor"]) == ["Google", "Microsoft"]
    assert actors.unknown_occurrences(sents, mentions, REG).empty


# --- transliterations of registry people ---------------------------------------------------------------------

def test_registry_people_keep_their_mainland_and_taiwan_spellings():
    sents = sentences("a1", ["勒坤认为开源更安全。", "札克柏格宣布新实验室。", "技术长博斯沃斯表示模型表现好。",
                              "克莱姆·德朗格表示权力集中是最大风险。"])
    got = list(actors.find_mentions(sents, REG)["actor"])
    assert got == ["Yann LeCun", "Mark Zuckerberg", "Andrew Bosworth", "Clem Delangue"]


# --- Chinese organisation names with a suffix that an article keeps repeating ----------------------------------

def test_a_chinese_company_name_written_three_times_counts_every_time():
    # "Qinglan Intelligence released ... Qinglan Intelligence said ... Qinglan Intelligence's model": 3 org mentions
    texts = ["青岚智能发布开源模型。", "青岚智能表示将继续开源。", "测试显示青岚智能的模型领先。"]
    prom = actors.promoted_occurrences(_unknown(texts), REG)
    assert list(prom["actor"]) == ["青岚智能"] * 3 and set(prom["actor_type"]) == {"org"}


def test_a_chinese_company_name_written_twice_is_left_to_discovery():
    assert _promoted(["青岚智能发布开源模型。", "青岚智能表示将继续开源。"]) == []


def test_a_field_of_ai_ending_in_intelligence_is_no_company():
    # "embodied intelligence is hot ... embodied-intelligence firms ... embodied intelligence needs data"
    assert _promoted(["具身智能成为热点。", "具身智能公司很多。", "具身智能需要数据。"]) == []


# --- short titles of registered documents ----------------------------------------------------------------------

def _with_documents(texts: list) -> list:
    sents = sentences("a1", texts)
    return list(actors.with_documents(actors.find_mentions(sents, REG), sents, REG)["actor"])


def test_a_bare_head_word_title_is_no_document_of_its_own():
    # "the Measures take effect in August": 《办法》 alone names no document (办法 ends like 法 "law", but is a head word)
    assert _with_documents(["《办法》自8月15日起施行。"]) == []


def test_a_short_title_of_a_registered_document_counts_for_it():
    # "… published the Interim Measures (hereafter 'the Measures') … the Measures have 24 articles": the bracket is
    # part of the first mention, the later short title is a second mention of the same registered document
    got = _with_documents(["网信办发布了《生成式人工智能服务管理暂行办法》（以下简称《办法》）。", "《办法》共24条。"])
    doc = "Interim Measures for the Management of Generative AI Services"
    assert got.count(doc) == 2 and "《办法》" not in got
