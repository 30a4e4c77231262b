"""Page shapes of the fifth sample of evaluation/SHAPES.md (section 8: 153 pages checked against the look-up's date
for issue #15): one test per class fixed, a line or a page head in, the hand-read date, title, credit or junk class
out. The lines are written for these tests in the catalogued formats; no page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import credit_fields, find_credits, find_published

from test_page_shapes_unseen import BODY, BODY2, BODY_TW, BODY_TW2, TITLE, removed  # the same page bodies and helper


# ---------------------------------------------------------------- D32: a label naming another date than the page's
@pytest.mark.parametrize("code, other", [
    ("translated on, under a speech", "议会英文记录译文 · 翻译日期:2026-05-02"),
    ("translated on, traditional", "英文原文譯文 · 翻譯日期: 2026-06-21"),
    ("last visited, in a citation", "（最後瀏覽日：2025/12/07）"),
    ("interviewed on", "采访时间：2025年3月2日"),
    ("deadline", "报名截止日期：2025-04-30"),
])
def test_d32_a_date_a_label_names_as_another_is_never_the_publication_date(code, other):
    head = ["口头答复 · 2023-11-07 · 第十四届国会", TITLE, other]
    got = find_published(head + [BODY, BODY2])
    assert got is not None and got.date == "2023-11-07", code
    assert find_published([TITLE, other, BODY, BODY2]) is None, code  # alone, it gives the page no date


def test_d32_the_other_date_line_is_still_metadata_and_names_no_translator():
    other = "议会英文记录译文 · 翻译日期:2026-05-02"
    cleaned = clean_text("\n".join([TITLE, "演讲稿 · 2025-05-28", other, BODY, BODY2]))
    assert removed(cleaned).get(other) == "date_line"
    assert credit_fields("翻译日期: 2026-06-21").get("compiler") is None
    assert find_credits([("date_line", other)]) == ("", "")


# ---------------------------------------------------------------- D33: an encyclopedia fact is no metadata line
@pytest.mark.parametrize("code, head", [
    ("infobox label glued, with an age note", ["聊天机器人", "开发者某某实验室", "首次發布2022年11月30日,17個月前(2022-11-30",
                                              "目前版本2024年2月13日,3個月前(2024-02-13"]),
    ("label on the line above, citation mark", ["软件名称", "某某助手", "最近更新时间", "2023年3月14日 [33]", "开发商", "某某公司"]),
    ("citation range", ["上线时间", "2022年12月1日 [2-3]"]),
])
def test_d33_a_product_date_with_a_citation_mark_or_an_age_note_is_no_publication_date(code, head):
    assert find_published(head + [BODY_TW, BODY_TW2]) is None, code


def test_d33_recency_in_hours_still_reads_as_a_date_line():
    assert find_published([TITLE, "2025-01-27 08:42（3小时前）", BODY, BODY2]).date == "2025-01-27"


@pytest.mark.parametrize("line", ["admin8个月前 (04-15)数码56", "某某用户", "26天前 8"])
def test_relative_ages_and_a_month_day_without_year_give_no_date(line):
    assert find_published([TITLE, line, BODY, BODY2]) is None


# ---------------------------------------------------------------- A3: a long headline fused with its date line
LONG = "某报、某大学、某科技联合开发AIGC“某先生·新闻魔笔” 用AI大模型培育媒体新质生产力"


def test_a3_a_long_headline_with_a_name_dot_fused_with_date_and_source_is_split():
    line = LONG + " 2024-03-25 来源:某某日报"
    got = find_published([line, BODY, BODY2])
    assert got is not None and got.date == "2024-03-25"
    cleaned = clean_text("\n".join([line, BODY, BODY2]))
    assert cleaned.title.replace(" ", "") == LONG.replace(" ", "")
    assert "2024-03-25" not in cleaned.text


@pytest.mark.parametrize("sentence", [
    # a date inside a sentence, no space before it
    "中国初创公司某某于2025年1月27日正式推出新一代推理模型并宣布全部开源供全球开发者免费下载使用",
    # a spaced date, but nothing of a date line (time, label, source) after it
    "据某某研究院统计截至目前我国已经累计发布了一千五百多个大模型 2025年7月27日 数量位居全球首位",
])
def test_a3_a_sentence_holding_a_date_is_no_fused_headline(sentence):
    assert find_published([TITLE, sentence, BODY, BODY2]) is None


# ---------------------------------------------------------------- T11: section headings and the lead are no headline
@pytest.mark.parametrize("code, head, title", [
    ("numbered section heading, no headline", ["一、技术突破与创新路径"], ""),
    ("section heading under the headline", [TITLE, "1、 背景：开源模型的商业化落地打开成长空间"], TITLE),
    ("bracketed numeral", [TITLE, "（二）开源生态与全球影响的深入讨论"], TITLE),
    ("bulleted contents item", [TITLE, "• 二、开源大模型发展历程回顾与展望"], TITLE),
])
def test_t11_a_section_heading_is_never_the_headline(code, head, title):
    cleaned = clean_text("\n".join(head + [BODY, BODY2]))
    assert cleaned.title == title, code


@pytest.mark.parametrize("headline", ["1.5亿美元融资背后：开源模型公司的商业化之路", "2025年开源大模型盘点：谁在领跑"])
def test_t11_a_headline_opening_with_a_number_or_a_year_stays_the_headline(headline):
    assert clean_text("\n".join([headline, BODY, BODY2])).title == headline


# ---------------------------------------------------------------- B1: credit lines, never the title
@pytest.mark.parametrize("code, line, author", [
    ("outlet's reporter, no place before 报导", "某某報記者 王小明/報導", "王小明"),
    ("contributor", "來稿作者：林某某", "林某某"),
    ("chief planner", "總策劃:周某某", ""),
    ("coordination, several names", "統籌:王某某 李某某 張某某", ""),
    ("bracketed role, then authors", "(报告出品方/作者:某某证券,陈某、李某)", None),
])
def test_b1_credit_lines_are_bylines_and_never_the_title(code, line, author):
    cleaned = clean_text("\n".join([line, BODY_TW, BODY_TW2]))
    assert removed(cleaned).get(line) == "byline", code
    assert cleaned.title == "", code
    if author is not None:
        assert find_credits([("byline", line)])[0] == author, code


# ---------------------------------------------------------------- B7: words where an outlet or a name would stand
@pytest.mark.parametrize("code, lines, expected", [
    ("source: the web", [("date_line", "发布时间:2024-02-06 06:18浏览次数: 来源于:网络")], ("", "")),
    ("source with a glued date", [("date_line", "来源:某某新闻网2023-05-29 17:17")], ("", "某某新闻网")),
    ("source: 来源于 an outlet", [("date_line", "来源于：某某日报 2025-01-27")], ("", "某某日报")),
    ("written by: reposted", [("date_line", "时间:2025-09-29 阅读量:26 撰文:转载")], ("", "")),
    ("language switch as the masthead", [("masthead", "简体中文 English")], ("", "")),
    ("a site's news section", [("masthead", "新闻资讯")], ("", "")),
    ("author glued to the date", [("date_line", "作者:问题终结者2025.09.18 18:45浏览量:0")], ("问题终结者", "")),
])
def test_b7_placeholders_are_no_outlet_or_name(code, lines, expected):
    assert find_credits(lines) == expected, code
