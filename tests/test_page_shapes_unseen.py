"""Page shapes of the fourth sample of evaluation/SHAPES.md (section 7: 64 pages read for issue #15): one test
per class fixed, a line or a page head in, the hand-read date, title, credit or junk class out. The lines are
written for these tests in the catalogued formats; no page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import find_published

BODY = "Meta周二发布了新一代开源模型，并在多个基准测试上取得领先成绩，研究人员认为这将改变行业格局。"
BODY2 = "开发者社区随即展开讨论，有人称赞其许可证更宽松，也有人担心大公司借开源之名扩大影响力。"
BODY_TW = "Meta週二發布新一代開源模型，並在多項基準測試上取得領先，研究人員認為這將改變產業格局。"
BODY_TW2 = "開發者社群隨即展開討論，有人稱讚授權更寬鬆，也有人擔心大公司藉開源之名擴大影響力。"
TITLE = "Meta发布新一代开源模型：能否撼动闭源阵营"
TITLE_TW = "Meta發布新一代開源模型 閉源陣營壓力大增"


def removed(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


# ---------------------------------------------------------------- J10: one caption sentence closed by its credit
@pytest.mark.parametrize("code, caption", [
    ("agency in brackets", "祖克柏在發表會上展示新款眼鏡。（歐新社）"),
    ("provided by, half-width brackets", "兩家公司代表在記者會上交換合作備忘錄。(某某電視台提供)"),
    ("photographer", "立法委員出席人工智慧論壇並發表演說。(記者林某某攝)"),
    ("stock picture with a site name", "人工智慧晶片示意圖，業者競相投入研發。（示意圖／某圖庫）"),
    ("file photo, unbracketed", "某某局長。資料圖片"),
    ("outlet file photo glued", "某某局长出席论坛。某某通讯社资料图"),
    ("interviewee's photo", "研究团队正在测试机器人的抓取能力。受访者供图"),
    ("picture: outlet", "與會者合影留念。圖/某某電視台提供"),
    ("image source in capitals", "某某执行长在台上介绍新产品。图片来源：SOMEONE—AGENCY/PICTURE DESK"),
])
def test_j10_a_caption_sentence_closed_by_its_credit_is_junk_and_never_the_title(code, caption):
    cleaned = clean_text("\n".join([caption, BODY_TW, BODY_TW2]))
    assert removed(cleaned).get(caption) == "photo_credit", code
    assert cleaned.title == "" and cleaned.text.split("\n") == [BODY_TW, BODY_TW2], code


def test_j10_the_headline_above_a_credited_caption_stays_the_title():
    caption = "與會者在記者會上合影。圖/某某電視台提供"
    cleaned = clean_text("\n".join([TITLE_TW, "2025-09-01 16:52 某某報 記者林某某/即時報導", caption, caption, BODY_TW]))
    assert cleaned.title == TITLE_TW and caption not in cleaned.text


def test_j10_the_line_above_a_credited_caption_is_not_its_caption():
    short = "這是首度有公共媒體共同宣示合作。"
    cleaned = clean_text("\n".join([TITLE_TW, BODY_TW, short, "代表們在台上合影。（某某社）", BODY_TW2]))
    assert short in cleaned.text.split("\n")


@pytest.mark.parametrize("sentence", [
    "研究人員表示，模型已經開放下載（路透）。這是該公司首次採取此種做法。",  # two sentences: body
    "Meta表示，新模型將以開放權重形式釋出，供研究人員和企業免費使用，不過仍須遵守授權條款的限制規定。（完）",
])
def test_j10_body_paragraphs_with_a_credit_word_stay(sentence):
    cleaned = clean_text("\n".join([TITLE_TW, BODY_TW, sentence, BODY_TW2]))
    assert sentence in cleaned.text.split("\n")


# ---------------------------------------------------------------- titles: what never reads as a headline
@pytest.mark.parametrize("code, head, title", [
    ("a lead-in ending with a colon is no headline", [TITLE, "以下是对这两条路线的比较分析："], TITLE),
    ("a brand in one Latin word is no headline", ["2025-09-30", "oriental"], ""),
    ("a table row is no headline", ["| 首次發布 | 2023年2月24日 |"], ""),
])
def test_lines_that_never_read_as_a_headline(code, head, title):
    assert clean_text("\n".join(head + [BODY, BODY2])).title == title, code


def test_j14_a_docs_site_theme_toggle_is_navigation():
    cleaned = clean_text("\n".join(["Appearance", TITLE, BODY, BODY2]))
    assert removed(cleaned)["Appearance"] == "navigation"


# ---------------------------------------------------------------- dates
def test_a3_a_date_strip_running_on_into_the_summary_gives_the_date_and_keeps_the_summary():
    summary = "本文梳理开源模型的发展脉络，并给出企业选型建议。"
    head = [TITLE, "2025.09.17 13:13浏览量:0简介:" + summary]
    got = find_published(head + [BODY, BODY2])
    assert got is not None and got.date == "2025-09-17"
    cleaned = clean_text("\n".join(head + [BODY, BODY2]))
    assert cleaned.text.split("\n")[:2] == [TITLE, summary]
    assert removed(cleaned)["2025.09.17 13:13浏览量:0"] == "date_line"


def test_d25_a_table_row_with_a_release_date_is_no_publication_date():
    rows = ["LLaMA", "| 開發者 | Meta AI |", "| 首次發布 | 2023年2月24日 |", "| 程式語言 | Python |"]
    assert find_published(rows + [BODY_TW, BODY_TW2]) is None
