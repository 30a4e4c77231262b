"""Session 15 (meta15, issue #15): shapes a thirteenth sample of real pages showed read wrong (SHAPES.md section 18):
a site's or paper's 讯 ('news from') opening the first paragraph with no 消息 after the date (the outlet), a breadcrumb
and a mirror's image index never read as the outlet, and page junk the catalogue lacked (an ad slot's placeholder, a
text-to-speech widget, a comment counter, a finance site's risk notice, a caption with its unbracketed photo credit, a
mirror's image alt text). One short page per class, written for these tests, read as `kaiyuan run` reads a .txt file;
the hand-read outlet and clean text out. No page text of real pages."""
from __future__ import annotations

import pytest

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str):
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. the outlet in a 讯 dateline without 消息
@pytest.mark.parametrize("opener, outlet", [
    ("某某大学新闻网讯 7月5日上午，", "某某大学新闻网"),       # a university's news site, the day's time after the date
    ("某大新聞網訊 7月5日上午，", "某大新聞網"),               # the same in traditional script
    ("东岸日报讯（记者 王小明）", "东岸日报"),                 # a regional daily, the reporter in brackets
])
def test_a_news_from_dateline_names_the_outlet(tmp_path, opener, outlet):
    row, clean = read(tmp_path, TITLE, opener + BODY[0], *BODY[1:])
    assert row["outlet"] == outlet
    assert clean.splitlines()[1].endswith(BODY[0]) and outlet not in clean   # the dateline goes, the sentence stays


@pytest.mark.parametrize("opener", ["本网讯 7月5日上午，", "本报讯 7月5日上午，"])  # our site's / our paper's news
def test_our_own_news_from_names_no_outlet(tmp_path, opener):
    row, _ = read(tmp_path, TITLE, opener + BODY[0], *BODY[1:])
    assert row["outlet"] == ""


# ---------------------------------------------------------------- 2. lines that are never the outlet
def test_a_breadcrumb_from_the_home_link_is_not_the_outlet(tmp_path):
    row, _ = read(tmp_path, "星期六 2025年 9月 27日", "主页 国际新闻", "", TITLE, *BODY)   # home, world news
    assert (row["outlet"], row["title"], row["published"]) == ("", TITLE, "2025-09-27")


def test_an_image_index_after_the_headline_is_not_the_outlet(tmp_path):
    row, clean = read(tmp_path, TITLE, "", TITLE + "_第1张图片", "", *BODY)              # picture no. 1 of <headline>
    assert (row["outlet"], row["title"]) == ("", TITLE)
    assert "第1张图片" not in clean


# ---------------------------------------------------------------- 3. page junk
@pytest.mark.parametrize("junk", [
    "- Advertisement -",                 # an ad slot's placeholder
    "— 广告 —",
    "听文章 Powered by 某某网",           # a text-to-speech widget (listen to the article)
    "收听全文",
    "0 Comments",                        # a comment counter
    "3 条评论",
    "現正播放: 足本播放 Play full episode",   # a media player's label (now playing: full episode)
    "某局局長王大明 (資料圖片)",             # a caption naming the person pictured, closed by the file-photo note
])
def test_widget_lines_between_paragraphs_are_junk(tmp_path, junk):
    _, clean = read(tmp_path, TITLE, BODY[0], junk, *BODY[1:])
    assert clean.splitlines()[1:] == BODY


@pytest.mark.parametrize("notice", [
    ["风险提示及免责条款", "市场有风险，投资需谨慎。本文不构成个人投资建议，也未考虑到个别用户特殊的投资目标。"],
    ["市场有风险，投资需谨慎。本文不构成个人投资建议。"],   # markets carry risk, invest with care; not advice
])
def test_a_finance_risk_notice_closing_the_article_is_junk(tmp_path, notice):
    _, clean = read(tmp_path, TITLE, *BODY, *notice)
    assert clean.splitlines()[-1] == BODY[-1]


def test_a_caption_with_its_unbracketed_photo_credit_is_junk(tmp_path):
    _, clean = read(tmp_path, TITLE_TW, "某局局長王大明。 圖：李小華/攝（資料照）", "", *BODY_TW)  # picture: <name>/photo by
    assert clean.splitlines() == [TITLE_TW, *BODY_TW]


@pytest.mark.parametrize("line", [
    "广告公司周三宣布，将在明年推出基于开源模型的新产品。",   # 广告 inside a sentence
    "市场有风险的说法并不新鲜，但这次监管部门给出了具体数字。",  # 市场有风险 opening a sentence that runs on
    "他在图片说明中写道：图：这是模型生成的效果。",
])
def test_sentences_with_those_words_stay(tmp_path, line):
    _, clean = read(tmp_path, TITLE, *BODY, line)
    assert clean.splitlines()[-1] == line
