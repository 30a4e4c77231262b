"""Page shapes of the fourth sample of evaluation/SHAPES.md (section 7: 64 pages read for issue #15): one test
per class fixed, a line or a page head in, the hand-read date, title, credit or junk class out. The lines are
written for these tests in the catalogued formats; no page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import credit_fields, find_credits, find_published

BODY = "Meta周二发布了新一代开源模型，并在多个基准测试上取得领先成绩，研究人员认为这将改变行业格局。"
BODY2 = "开发者社区随即展开讨论，有人称赞其许可证更宽松，也有人担心大公司借开源之名扩大影响力。"
BODY_TW = "Meta週二發布新一代開源模型，並在多項基準測試上取得領先，研究人員認為這將改變產業格局。"
BODY_TW2 = "開發者社群隨即展開討論，有人稱讚授權更寬鬆，也有人擔心大公司藉開源之名擴大影響力。"
TITLE = "Meta发布新一代开源模型：能否撼动闭源阵营"
TITLE_TW = "Meta發布新一代開源模型　閉源陣營壓力大增"


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
    cleaned = clean_text("\n".join([TITLE_TW, "2024-06-03 09:15 某某報 記者林某某/即時報導", caption, caption, BODY_TW]))
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
    head = [TITLE, "2024.03.05 10:20浏览量:0简介:" + summary]
    got = find_published(head + [BODY, BODY2])
    assert got is not None and got.date == "2024-03-05"
    cleaned = clean_text("\n".join(head + [BODY, BODY2]))
    assert cleaned.text.split("\n")[:2] == [TITLE, summary]
    assert removed(cleaned)["2024.03.05 10:20浏览量:0"] == "date_line"


def test_d25_a_table_row_with_a_release_date_is_no_publication_date():
    rows = ["LLaMA", "| 開發者 | Meta AI |", "| 首次發布 | 2023年2月24日 |", "| 程式語言 | Python |"]
    assert find_published(rows + [BODY_TW, BODY_TW2]) is None


# ---------------------------------------------------------------- credits (B1, B2) and what they name
@pytest.mark.parametrize("code, line, reason", [
    ("B1 writer and editor in brackets", "(文/林某某 編輯/周某某)", "byline"),
    ("B1 compiled by", "整理 | 林某某、周某某", "byline"),
    ("B1 first published by", "原創首發|某某計劃", "byline"),
    ("B2 wire dateline alone, unbracketed", "某某新聞組／香港14日電", "byline"),
    ("B2 agency dateline with month and day", "某某社北京3月2日电", "byline"),
    ("J12 repost note naming an account", "本文来源公众号“某某学社”，仅用于学术分享，侵权删。", "repost_notice"),
    ("J13 collected in a column", "文章被收录于专栏：某某技术周刊", "hashtag"),
    ("J14 avatar alt text", "作者头像", "page_furniture"),
    ("J18 empty view counter", "浏览：", "share_prompt"),
    ("J25 edition switch", "手机版", "page_furniture"),
    ("J3 scan to share", "扫描二维码方便学习和分享", "subscription_pitch"),
    ("J22 audio version", "🎧 更喜欢听？试试本文的音频版本", "page_furniture"),
    ("J26 who the article is for", "📌 适合人群：初学者、开发者", "page_furniture"),
    ("B1 an editorial office alone", "某某之心编辑部", "byline"),
])
def test_fourth_sample_credit_and_chrome_lines_are_removed_by_class(code, line, reason):
    cleaned = clean_text("\n".join([TITLE, line, BODY, BODY2]))
    assert removed(cleaned).get(line) == reason, code
    assert cleaned.title == TITLE and cleaned.text.split("\n") == [TITLE, BODY, BODY2], code


@pytest.mark.parametrize("code, marker", [("related content", "相關內容"), ("popular news", "热门资讯")])
def test_j6_related_content_headings_start_the_footer(code, marker):
    cleaned = clean_text("\n".join([TITLE, BODY, BODY2, marker, "另一篇文章的标题"]))
    assert cleaned.text.split("\n") == [TITLE, BODY, BODY2], code


@pytest.mark.parametrize("code, line, rest", [
    ("B2 outlet in brackets opening the first paragraph", "(某某之聲中文網)《某報》發表評論指出，開源模型的競爭正在加速。",
     "《某報》發表評論指出，開源模型的競爭正在加速。"),
    ("B2 dateline in title brackets with a day", "《某某通訊社19日專訊》某論壇昨日在科學園舉行。",
     "某論壇昨日在科學園舉行。"),
])
def test_outlet_and_dateline_prefixes_glued_to_the_first_paragraph_are_cut(code, line, rest):
    cleaned = clean_text("\n".join([TITLE_TW, line, BODY_TW]))
    assert rest in cleaned.text.split("\n"), code


@pytest.mark.parametrize("code, removed_lines, expected", [
    ("B1 outlet tag in square brackets before the byline", [("byline", "[某某新聞網]記者林某某／綜合報導")],
     ("林某某", "某某新聞網")),
    ("B1 outlet, compiler and name glued on the date line", [("date_line", "某某網編譯陳某某 2025-11-27 04:30")],
     ("陳某某", "某某網")),
    ("B2 outlet in brackets cut from the first paragraph", [("byline", "(某某之聲中文網)《某報》發表")],
     ("", "某某之聲中文網")),
    ("B1 compiled by", [("byline", "整理 | 林某某、周某某")], ("林某某", "")),
    ("B1 first published by", [("byline", "原創首發|某某計劃")], ("", "某某計劃")),
    ("the site naming itself is neither name nor outlet", [("byline", "（本网编辑：周某某）")], ("", "")),
    ("a section above the headline is no outlet", [("above_headline", "某某新聞網"), ("masthead", "國際新聞")],
     ("", "某某新聞網")),
    ("B2 a news desk on its dateline line", [("byline", "某某新聞組／香港14日電")], ("", "某某新聞組")),
    ("an editorial office line names the outlet", [("byline", "某某之心编辑部")], ("", "某某之心")),
    ("B2 the agency of a dateline cut from paragraph 1", [("dateline", "某某中通社3月4日电 某某局长4日")],
     ("", "某某中通社")),
    ("B2 the agency of a bracketed dateline with a day", [("dateline", "《某某通訊社19日專訊》世界")], ("", "某某通訊社")),
    ("B1 an outlet tag cut as a column label", [("column", "[某某新聞網]記者林某某")], ("", "某某新聞網")),
    ("a column label is no outlet", [("column", "【專訪】某某")], ("", "")),
])
def test_credits_of_the_fourth_sample(code, removed_lines, expected):
    assert find_credits(removed_lines) == expected, code


def test_b1_a_label_glued_to_the_name_with_a_colon_ends_it():
    assert credit_fields("作者:林某某发布时间:2026-02-15 15:06:35")["author"] == "林某某"


# ---------------------------------------------------------------- J17, J5: injected keyword lists and ad slots
@pytest.mark.parametrize("code, line, reason", [
    ("J17 keyword list joined by dashes", "免费观看高清-最新影视大全-在线播放专区-热门综艺合集-精品推荐频道", "spam_links"),
    ("J17 keyword list joined by commas", "免费观看高清,最新影视大全,在线播放专区,热门综艺合集,精品推荐频道", "spam_links"),
    ("J17 city switch", "某某市城市切換", "spam_links"),
    ("J5 ad slot printed twice", "廣告 廣告", "ad"),
])
def test_injected_keyword_lists_and_ad_slots_are_junk(code, line, reason):
    cleaned = clean_text("\n".join([line, TITLE, BODY, BODY2]))
    assert removed(cleaned).get(line) == reason and cleaned.title == TITLE, code


@pytest.mark.parametrize("line", [
    "发布时间：2025-07-21 09:15　更新时间：2025-08-01 18:40",  # dashes inside dates join no items
    "[1] ByteDance-Seed/Seed-OSS-36B-Instruct 模型卡，Hugging Face",  # nor dashes inside Latin names
    "刚刚，某某公开信：不会开源全部模型，引发热议",  # a headline of three clauses
])
def test_lines_with_dashes_and_commas_are_no_keyword_list(line):
    cleaned = clean_text("\n".join([TITLE, BODY, line, BODY2]))
    assert removed(cleaned).get(line) != "spam_links"


def test_j11_a_headline_with_its_english_rendering_after_a_bar_counts_once():
    english = TITLE + " | Meta Releases a New Open Model"
    cleaned = clean_text("\n".join([TITLE, english, BODY, BODY2]))
    assert cleaned.title == TITLE and cleaned.text.split("\n") == [TITLE, BODY, BODY2]
