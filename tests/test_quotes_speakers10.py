"""Speakers on unseen articles, session 10 (issue 16): each class of attribution found in the newest development batch
and on real Chinese news pages, as a sentence written for this test, in, and the hand-worked speaker out. Mentions are
made by hand (see test_quotes)."""
from __future__ import annotations

from kaiyuan.quotes import extract_quotes
from test_quotes import make_mentions, make_sentences


def speakers(q, needle: str, column: str = "speaker") -> list[str]:
    return [getattr(r, column) for r in q.itertuples() if needle in r.quote]


# ---------------------------------------------------------------- an organisation glossed in Latin is no person
def test_latin_gloss_of_an_organisation_before_a_title_is_not_the_speaker():
    # 公共知识（Public Knowledge） is where the adviser works; the adviser speaks, and 他 is the adviser
    s = make_sentences(["公共知识（Public Knowledge）高级政策顾问尼古拉斯·加西亚认为，这份计划有行动却没有方向。",
                        "他指出，数据、算力和人才才是真正的瓶颈。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "没有方向") == ["尼古拉斯·加西亚"]
    assert speakers(q, "真正的瓶颈") == ["尼古拉斯·加西亚"]


def test_latin_gloss_of_a_person_still_names_the_person():
    # the same shape without a title after it is a person (瑟曼（Mark Surman）认为)
    s = make_sentences(["基金会总裁瑟曼（Mark Surman）认为，开源模型会越来越便宜。", "他指出，监管不能只盯着大公司。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "越来越便宜") == ["Mark Surman"]
    assert speakers(q, "只盯着大公司") == ["Mark Surman"]


# ---------------------------------------------------------------- speech verbs and frames
def test_fanghua_declared_publicly_is_speech():
    s = make_sentences(["王小川创业之初就放话要在今年年底前发布追平GPT-3.5的模型。"])
    q = extract_quotes(s, make_mentions(s, [("王小川", "Wang Xiaochuan", "person")]))
    assert speakers(q, "年底前发布") == ["Wang Xiaochuan"]


def test_tandao_before_a_clause_mark_is_speech_but_a_topic_is_not():
    s = make_sentences(["周鸿祎谈到，「现在创业者应该做什么？做垂直大模型。」", "谈到开源，业界看法不一。"])
    q = extract_quotes(s, make_mentions(s, [("周鸿祎", "Zhou Hongyi", "person")]))
    assert speakers(q, "做垂直大模型") == ["Zhou Hongyi"]
    assert speakers(q, "看法不一") == []  # 谈到开源 "speaking of open source" says nothing


def test_a_verb_with_no_subject_does_not_claim_the_quote_after_a_colon():
    # 说到当下的状态 "speaking of where things stand" opens the sentence; the subject before the colon speaks
    s = make_sentences(["说到当下的状态，王小川只用了一句话：“到今天我们已经有底了。”"])
    q = extract_quotes(s, make_mentions(s, [("王小川", "Wang Xiaochuan", "person")]))
    assert speakers(q, "已经有底了") == ["Wang Xiaochuan"]
    assert list(q.speaker) == ["Wang Xiaochuan"]  # no speakerless "reported" row made of the frame


def test_pronoun_after_a_time_word_opens_the_clause():
    s = make_sentences(["门施长期把开源与欧洲的技术主权绑在一起。",
                        "去年他接受美国《时代》杂志访问时说：“我看不到开源模型有任何风险。”"])
    q = extract_quotes(s, make_mentions(s, [("门施", "Arthur Mensch", "person")]))
    assert speakers(q, "任何风险") == ["Arthur Mensch"]


# ---------------------------------------------------------------- documents speak for who issued them
def test_a_plan_and_the_document_speak_for_who_published_the_titled_plan():
    s = make_sentences(["白宫发布28页的《赢得竞赛：美国人工智能行动计划》，一口气列出90多项政策行动。",
                        "计划写道：“我们需要确保美国拥有建立在美国价值观之上的领先开放模型。”",
                        "文件同时承认，是否开放、如何开放，归根结底由开发者决定。"])
    q = extract_quotes(s, make_mentions(s, [("白宫", "White House", "gov")]))
    assert speakers(q, "领先开放模型", "speaker_org") == ["White House"]
    assert speakers(q, "归根结底", "speaker_org") == ["White House"]


def test_an_official_document_issued_with_yinfa_speaks_for_its_issuer():
    s = make_sentences(["国务院印发《关于深入实施“人工智能+”行动的意见》。", "文件提出，要推动开源生态建设。"])
    q = extract_quotes(s, make_mentions(s, [("国务院", "State Council", "gov")]))
    assert speakers(q, "开源生态", "speaker_org") == ["State Council"]


def test_plan_as_a_verb_is_no_document():
    s = make_sentences(["百度计划明年开源新模型。", "李彦宏表示，开源会带来更多开发者。"])
    q = extract_quotes(s, make_mentions(s, [("百度", "Baidu", "org"), ("李彦宏", "Robin Li", "person")]))
    assert speakers(q, "更多开发者") == ["Robin Li"]
    assert speakers(q, "明年开源") == []


# ---------------------------------------------------------------- a role after an organisation the registry does not know
def test_spokesperson_of_an_unregistered_body_speaks_for_it_as_written():
    s = make_sentences(["峰会最终发表联合声明，约60个国家签署，英国则没有签字。",
                        "英国政府发言人解释说，这份声明在全球治理方面缺乏足够的实际清晰度。"])
    q = extract_quotes(s, make_mentions(s, [("法国", "France", "gov")]))
    assert speakers(q, "实际清晰度", "speaker_org") == ["英国政府"]


def test_official_of_an_unregistered_agency_speaks_for_it():
    s = make_sentences(["国家网信办有关负责人当时表示，出台该办法旨在促进生成式人工智能健康发展。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "健康发展", "speaker_org") == ["国家网信办"]


def test_this_spokesperson_is_no_organisation():
    s = make_sentences(["这位发言人表示，公司会继续开源。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "继续开源", "speaker_org") == [""]


# ---------------------------------------------------------------- "according to" a release, a reading, a compilation, data
def test_according_to_a_press_release_speaks_for_its_publisher():
    s = make_sentences(["根据 Current AI 发布的新闻稿，这一计划的首期资金为4亿美元。"])
    q = extract_quotes(s, make_mentions(s, [("Current AI", "Current AI", "org")]))
    assert speakers(q, "首期资金", "speaker_org") == ["Current AI"]


def test_according_to_an_unnamed_compilation_is_an_unnamed_source():
    s = make_sentences(["据外媒梳理，这一条款被普遍解读为指向中国模型。", "据 开源促进会（OSI） 的解读，这一节建议由商务部门牵头。"])
    q = extract_quotes(s, make_mentions(s, [("开源促进会", "Open Source Initiative", "org")]))
    assert speakers(q, "普遍解读") == ["unnamed foreign media"]
    assert speakers(q, "商务部门牵头") == ["Open Source Initiative"]


def test_confirmed_before_a_colon_is_speech_but_not_with_an_object():
    s = make_sentences(["李开复在接连几场采访中确认：公司不再追逐超大规模模型的预训练。", "李开复确认了这个消息。"])
    q = extract_quotes(s, make_mentions(s, [("李开复", "Kai-Fu Lee", "person")]))
    assert speakers(q, "不再追逐") == ["Kai-Fu Lee"]
    assert speakers(q, "这个消息") == []


# ---------------------------------------------------------------- people after a title, the asker of a question
def test_representative_is_a_title_before_a_name():
    s = make_sentences(["中国常驻联合国代表傅聪表示，永远不要低估中国科研人员的聪明才智。", "他指出，技术遏制无法奏效。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "聪明才智") == ["傅聪"]
    assert speakers(q, "无法奏效") == ["傅聪"]


def test_a_day_of_the_month_ends_the_name_after_a_title():
    s = make_sentences(["大会发言人娄勤俭四日在新闻发布会上表示，这代表着一批中国公司的崛起。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "一批中国公司") == ["娄勤俭"]


def test_the_agency_whose_reporter_asks_is_not_the_speaker():
    s = make_sentences(["国台办发言人朱凤莲12日在例行新闻发布会上答中新社记者问时指出，这种做法已遭到各界反对。"])
    q = extract_quotes(s, make_mentions(s, [("朱凤莲", "Zhu Fenglian", "person"), ("中新社", "China News Service", "org")]))
    assert speakers(q, "各界反对") == ["Zhu Fenglian"]


# ---------------------------------------------------------------- 这位 + organisation + title
def test_this_org_title_is_the_member_of_that_org_named_before():
    s = make_sentences(["杨立昆连发多帖批评末日论。", "辛顿随即反击，他说自己离开谷歌是为了自由地谈论风险。",
                        "这位Meta首席科学家则表示，对方帮了那些想把AI研发锁起来的人。"])
    m = make_mentions(s, [("杨立昆", "Yann LeCun", "person"), ("辛顿", "Geoffrey Hinton", "person"),
                          ("谷歌", "Google", "org"), ("Meta", "Meta", "org")])
    registry = {"Yann LeCun": {"type": "person", "parent": "Meta"}, "Geoffrey Hinton": {"type": "person", "parent": ""},
                "Meta": {"type": "org"}, "Google": {"type": "org"}}
    q = extract_quotes(s, m, registry=registry)
    assert speakers(q, "锁起来") == ["Yann LeCun"]


def test_an_organisation_pronoun_before_a_title_and_a_name_is_not_the_speaker():
    # 该公司董事长刘某 "the company's chairman Liu": the chairman speaks, also after an opening 不过 "but"
    s = make_sentences(["智谱当时没有回应。", "不过该公司董事长刘德兵在6月中下旬曾公开表示，公司希望把中国的AI力量贡献给世界。"])
    q = extract_quotes(s, make_mentions(s, [("智谱", "Zhipu AI", "org")]))
    assert speakers(q, "贡献给世界") == ["刘德兵"]
    s = make_sentences(["智谱发布了新模型。", "该公司董事长刘德兵表示，开源会带来更多开发者。"])
    q = extract_quotes(s, make_mentions(s, [("智谱", "Zhipu AI", "org")]))
    assert speakers(q, "更多开发者") == ["刘德兵"]
