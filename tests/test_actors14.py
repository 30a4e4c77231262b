"""Session 14 (reg14, issue 16): precision of registry matches on unseen real pages: outlets in bylines and credit
lines, the company vs its assistant once the article has named it, a former name glossing its owner, several
names in one gloss bracket; recall of Taiwan's 超智能 context and bare 通义."""
from actor_frames import mentions, promoted  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _mentions(texts: list) -> list:
    return mentions(texts, REG)


def _actors(texts: list) -> list:
    return [a for a, _s in _mentions(texts)]


def _promoted(texts: list) -> list:
    return promoted(texts, REG)


# --- O: an outlet in a byline or credit is no actor; cited in the body it is ------------------------------------

def test_an_outlet_in_a_bracketed_byline_is_no_mention():
    # "... cost under 6 million dollars. (CCTV reporters Liu Xu, Liu Xiaoqian)"
    assert "CCTV" not in _actors(["且設計成本不到600萬美元。（央視記者劉旭劉驍騫）"])


def test_an_outlet_and_its_reporter_in_a_lead_byline_are_no_mentions():
    # "[Global Times reporter Yang Shasha] On 28 July the WAIC closed in Shanghai."
    texts = ["【環球時報報道記者楊沙沙】7月28日，在上海舉辦的世界人工智能大會閉幕。"]
    assert "Global Times" not in _actors(texts)
    assert _promoted(texts) == []


def test_a_compiled_from_credit_line_names_no_actors():
    # "Compiled from CCTV News, National Business Daily, Jinguan News"
    assert _actors(["综合央视新闻、每日经济新闻、锦观新闻"]) == []


def test_all_in_all_at_the_start_of_a_clause_is_no_credit():
    # "All in all, Meta's open-source route ...": 综合来看 followed by a comma stays body text
    assert _actors(["综合来看，Meta的开源路线仍有争议。"]) == ["Meta"]


def test_a_related_reading_pointer_is_no_mention():
    # "... Xiaomi is third with 14.4%. | Related reading (Jiemian News)"
    assert "Jiemian" not in _actors(["小米14.4%位列第三。 | 相关阅读（界面新闻）"])


def test_an_outlet_cited_as_a_source_in_the_body_still_counts():
    # "According to Xinhua, reporters learned on the 17th ..." / "The New York Times says ..."
    assert _actors(["據新華社報導，記者17日從發布會上獲悉。"]) == ["Xinhua"]
    assert _actors(["纽约时报称，DeepSeek以极低成本实现了相媲美的性能。"]) == ["New York Times", "DeepSeek"]


# --- P: Meta AI once the article has named the assistant ---------------------------------------------------------

def test_meta_ai_later_in_an_article_about_the_assistant_is_the_assistant():
    # "The Meta AI assistant has caused debate ... Meta AI is rolling out gradually. ... no setting hides Meta AI."
    texts = ["Meta AI 助手就引发了激烈的争论。", "Meta AI 正在逐步推出。", "没有官方设置可以移除或隐藏 Meta AI。"]
    assert _actors(texts) == ["Meta AI", "Meta AI", "Meta AI"]


def test_meta_ai_with_no_assistant_in_the_article_stays_meta():
    # "Meta AI released a new research paper": the division and the assistant cannot be told apart (C6)
    assert _actors(["Meta AI 发布了一篇新的研究论文。"]) == ["Meta"]


def test_meta_ai_before_a_division_title_is_meta_even_after_the_assistant():
    # "... the assistant Meta AI ... Meta AI chief scientist Yann LeCun"
    texts = ["旗下聊天助手Meta AI全面升级。", "Meta AI首席科学家杨立昆表示反对。"]
    assert _actors(texts)[:3] == ["Meta AI", "Meta", "Yann LeCun"]


# --- G: a gloss bracket counts once with the name before it ------------------------------------------------------

def test_a_former_name_in_a_gloss_is_one_mention_of_the_owner():
    # "developed by Meta (formerly Facebook)"; "head of meta's (formerly Facebook) AI lab"
    assert _mentions(["该助手由 Meta（前身为 Facebook）开发。"]) == [("Meta", "Meta（前身为 Facebook）")]
    assert _actors(["楊立昆自2013年起擔任meta（原Facebook）AI實驗室負責人。"]) == ["Yann LeCun", "Meta"]


def test_a_hereafter_and_formerly_gloss_with_two_items_is_one_mention():
    # "Meta Platforms Inc. (hereafter "Meta", formerly Facebook Inc.) is one of the largest ..."
    got = _mentions(["Meta Platforms Inc.（以下简称“Meta”，原名Facebook Inc.）是全球最大的社交媒体公司之一。"])
    assert got == [("Meta", "Meta Platforms Inc.（以下简称“Meta”，原名Facebook Inc.）")]


def test_several_names_of_one_actor_in_one_bracket_are_one_mention():
    # "Nvidia (Nvidia, 英偉達) CEO Jensen Huang": the Taiwan name with English and mainland names in one bracket
    assert _actors(["輝達（Nvidia，英偉達）執行長黃仁勳8日參加運動會。"]) == ["Nvidia", "Jensen Huang"]


def test_a_platform_without_an_introducer_is_still_its_own_mention():
    # "Meta (WhatsApp) ...": no introducer word, a different actor: both count
    assert _actors(["Meta（WhatsApp）推出新功能。"]) == ["Meta", "WhatsApp"]


# --- recall --------------------------------------------------------------------------------------------------------

def test_wang_in_taiwan_superintelligence_context():
    # "he now reports to Wang Tao (Alexandr Wang), head of the new 'superintelligence' team"
    assert _actors(["如今需向新成立的「超智能」團隊負責人汪滔匯報工作。"]) == ["Alexandr Wang"]


def test_bare_tongyi_next_to_its_maker_is_qwen_but_other_apps_are_not():
    # "domestic open models such as Alibaba's Tongyi"; "Tongyi Lingma, the coding assistant, ..."
    assert _actors(["以及国内的百川和阿里的通义等开源模型。"])[-1] == "Qwen"
    assert "Qwen" not in _actors(["阿里的通义灵码是一款编程助手。"])
    assert "Qwen" not in _actors(["这两个字通义，意思相近。"])


def test_tsmc_people_and_supply_chain_firms_named_in_nvidia_coverage():
    # "TSMC chairman C. C. Wei and Nvidia CEO Jensen Huang attended; founder Morris Chang did not"
    got = _actors(["台積公司董事長魏哲家與輝達執行長黃仁勳一同出席，創辦人張忠謀未出席。"])
    assert got == ["TSMC", "C. C. Wei", "Nvidia", "Jensen Huang", "Morris Chang"]
    # "Nvidia asked suppliers such as Hon Hai to pause H20 production; Micron fell over 11%"
    assert _actors(["輝達已要求鴻海等供應商暫停生產H20晶片，美光科技跌逾11%。"]) == ["Nvidia", "Foxconn", "H20", "Micron"]
    # a lower-case micron is the unit
    assert "Micron" not in _actors(["芯片线宽为 5 micron 左右。"])


def test_a_ticker_with_its_market_glosses_the_company_once():
    # "According to Business Insider, former Meta (META-US) chief AI scientist Yann LeCun ..."
    assert _mentions(["前 Meta (META-US) 首席 AI 科學家楊立昆離職創業。"])[0] == ("Meta", "Meta (META-US)")


def test_the_packaged_registry_and_its_new_settings_pass_the_schema():
    # the command line validates actors.yaml against data/schemas.yaml: every session-14 setting is declared
    from kaiyuan import config
    path = config.DATA_DIR / "actors.yaml"
    config.check_schema(config.load_yaml(path), path, "actors.yaml")
