"""Page shapes of the sixth sample of evaluation/SHAPES.md (section 9: 77 pages read for issue #15, session 8): one
test per class fixed, a line or a page head in, the hand-read date, title or junk class out. The lines are written
for these tests in the catalogued formats; no page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import find_credits, find_published

from test_page_shapes_unseen import BODY, BODY2, TITLE, removed  # the same body sentences and helper

BODY_TW = "數位部週一公布新一期開放資料成果，並表示將導入人工智慧工具，協助各機關整理公共資料集。"


def published(lines: list[str]) -> str:
    found = find_published(lines)
    return found.date if found else ""


# ---------------------------------------------------------------- D35: tags, then '<outlet>·<date> <time>'
def test_d35_a_source_strip_after_related_stock_tags_gives_the_date_and_the_outlet():
    strip = "Example CorpExample Corp(US:EXC) 某某时报·2025-04-06 04:58"
    lines = ["资讯", "某某公司，重磅发布！", strip, BODY, BODY2]
    assert published(lines) == "2025-04-06"
    cleaned = clean_text("\n".join(lines))
    assert removed(cleaned).get(strip) == "date_line"
    assert cleaned.title == "某某公司，重磅发布！"
    assert find_credits([("date_line", strip)])[1] == "某某时报"


@pytest.mark.parametrize("line", [
    "分析人士称，某某时报·2025-04-06 的报道夸大了开源模型的影响。",  # the date goes on into a sentence
    "Example CorpExample Corp(US:EXC) 开源社区·2025-04-06 04:58",  # no outlet name before the date
])
def test_d35_no_date_without_an_outlet_strip_closing_the_line(line):
    assert published([TITLE, line, BODY, BODY2]) == ""


# ---------------------------------------------------------------- A15: HTML tags around a date line in a text file
def test_a15_a_date_line_wrapped_in_markup_is_read_and_removed():
    line = '<p align="right"><font color="#3f3f3f">2025年08月08日</font></p>'
    lines = [TITLE, line, BODY, BODY2]
    assert published(lines) == "2025-08-08"
    cleaned = clean_text("\n".join(lines))
    assert removed(cleaned).get("2025年08月08日</font></p>") == "date_line"  # the opening tags go as markup
    assert cleaned.text.split("\n") == [TITLE, BODY, BODY2]


# ---------------------------------------------------------------- A24: a link as the source on the date line
def test_a24_a_date_line_naming_a_link_as_its_source_gives_the_date():
    line = "news/2025/12/31 13:31:00 文章来源:https://www.example.com/someone/p/19413143"
    assert published(["我的年度大模型回顾", line, BODY, BODY2]) == "2025-12-31"
    assert find_credits([("date_line", line)]) == ("", "")  # 文章来源 'article source' names no author '章来源…'


@pytest.mark.parametrize("line", [
    "https://www.example.com/2025/01/03/open-model.html",  # a date in a link's path is none the page shows
    "原文链接：https://www.example.com/news/2025-01-03/123.html",
])
def test_a24_a_date_inside_a_link_is_never_the_publication_date(line):
    assert published([TITLE, line, BODY, BODY2]) == ""


# ---------------------------------------------------------------- J14: a site menu printed as one line
def test_j14_a_menu_bar_on_one_line_is_junk_and_never_the_title():
    menu = "每日新闻 要闻 本地 经济 娱乐 副刊 社评 观点 国际 教育 体育 英文专栏 图片新闻 即时新闻总览"
    menu_tw = "訂戶專享 個人化新聞 我的書籤 訂戶通知 電子報 電子報(學生版)"
    headline = "某某：香港为何设立AI研发院（上）"
    cleaned = clean_text("\n".join(["某某新闻网", menu, menu_tw, "观点", headline, BODY, BODY2]))
    assert removed(cleaned).get(menu) == "menu_bar" and removed(cleaned).get(menu_tw) == "menu_bar"
    assert cleaned.title == headline


@pytest.mark.parametrize("line", [
    "开源模型下载量超越美国 硅谷加紧追赶",  # a headline of two spaced clauses
    "港股 收市 恒指 跌",  # four words: not yet a menu
])
def test_j14_spaced_headlines_are_no_menu(line):
    cleaned = clean_text("\n".join([line, BODY, BODY2]))
    assert line not in removed(cleaned)


# ---------------------------------------------------------------- T12: an originality badge after the headline
@pytest.mark.parametrize("raw, title", [
    ("從 Llama 1 到 3.1：模型架構演進詳解 原創", "從 Llama 1 到 3.1：模型架構演進詳解"),
    ("从 Llama 1 到 3.1：模型架构演进详解 原创", "从 Llama 1 到 3.1：模型架构演进详解"),
    ("开源大模型的一年回顾 转载", "开源大模型的一年回顾"),
])
def test_t12_a_badge_printed_after_the_headline_is_no_part_of_the_title(raw, title):
    cleaned = clean_text("\n".join([raw, "发布于 2024-11-25 10:31", BODY, BODY2]))
    assert cleaned.title == title


def test_t12_a_headline_ending_in_the_word_original_without_a_space_keeps_it():
    cleaned = clean_text("\n".join(["短视频平台如何鼓励原创", BODY, BODY2]))
    assert cleaned.title == "短视频平台如何鼓励原创"


# ---------------------------------------------------------------- J34: a government site's script notice and keys
def test_j34_script_notice_and_keyboard_hints_are_junk_and_the_headline_is_found():
    head = [
        "您的瀏覽器不支援JavaScript功能,若部份網頁功能無法正常使用時,請開啟瀏覽器JavaScript狀態",
        "友善列印 :",
        "請利用鍵盤按住Ctrl + P開啟列印功能",
        "字級設定 :",
        "IE6請利用鍵盤按住ALT鍵 + V → X → (G)最大(L)較大(M)中(S)較小(A)小,來選擇適合您的文字大小,",
        "而IE7或Firefox瀏覽器則可利用鍵盤 Ctrl + (+)放大 (-)縮小來改變字型大小。",
    ]
    headline = "開放資料十年數位部期許導入AI公共程式"
    lines = head + [headline, "日期:112-11-07", "資料來源:某某部", BODY_TW, BODY_TW]
    cleaned = clean_text("\n".join(lines))
    assert all(line in removed(cleaned) for line in head)
    assert cleaned.title == headline
    assert published(lines) == "2023-11-07"  # a Minguo date with dashes under a 日期 label (D5)
