"""Session 16 (meta16, issue #15): shapes a fourteenth sample of real pages and the unseen articles of session 15
showed read wrong (SHAPES.md section 19): a pager naming both neighbours, a text-to-speech player with its time and
speed, a bracketed caption on its own line, an image's bare file name; Markdown marks round the headline; a writer's
credit in brackets closing the headline; and a one-character writer label (文) that is a word's first character
('文教', '文章来源于网络'). One short page per class, written for these tests, read as `kaiyuan run` reads a .txt file;
the hand-read title, author and clean text out. No page text of real pages."""
from __future__ import annotations

import pytest

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str):
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. page junk
@pytest.mark.parametrize("junk", [
    "上一页123下一页",                       # a pager: previous page, pages 1 2 3, next page
    "上一页 1 2 3 下一页",
    "首页 上一页 1 2 下一页 末页",            # first page ... last page
    "🎧 听全文 00:00 / 09:12 倍速 1.0x",      # a text-to-speech player: listen to the full text, 0:00 of 9:12, speed
    "收聽",                                  # the player's label alone (listen)
    "语音播报",                               # voice broadcast
    "(某某公司一楼展厅欢迎屏)",                # a bracketed caption under the photo (the welcome screen in the hall)
    "（圖說：大會在上海舉行。資料圖片）",        # a labelled caption (图说 = caption)
    "图片1.png",                             # an image's file name left by a converter
    "70d210c8-3b41-11ed-9e49-dac502259ad0.png",
])
def test_widget_and_caption_lines_between_paragraphs_are_junk(tmp_path, junk):
    _, clean = read(tmp_path, TITLE, BODY[0], junk, *BODY[1:])
    assert clean.splitlines()[1:] == BODY


@pytest.mark.parametrize("line", [
    "（记者 王小明 报道）",                    # a bracketed byline is no caption (the credits read it)
    "（本文经授权转载，转载请注明出处）",          # a repost notice keeps its own class
    "他说，下一页的内容会在明天公布，上一页已经删除。",   # 上一页/下一页 inside a sentence
    "听全文之后，他认为这次发布的意义被高估了。",
])
def test_lines_that_only_look_like_those_are_not_captions_or_widgets(tmp_path, line):
    _, clean = read(tmp_path, TITLE, BODY[0], line, *BODY[1:])
    assert (line in clean) == (not line.startswith("（"))   # sentences stay; bracketed credit/notice go by their own rule


# ---------------------------------------------------------------- 2. the headline
@pytest.mark.parametrize("head", [
    ["# " + TITLE],                          # a Markdown heading's hashes before it
    [TITLE + "******"],                      # a run of asterisks after it (bold marks that lost their text)
    ["deepseek开源是什么意思__deepseek官网下载_1743581844", "# " + TITLE],   # under a content farm's SEO title line
])
def test_markdown_marks_round_the_headline_are_no_part_of_the_title(tmp_path, head):
    row, _ = read(tmp_path, *head, *BODY)
    assert row["title"] == TITLE


@pytest.mark.parametrize("credit, name", [
    ("（作者：张三丰）", "张三丰"),              # author
    ("【文/李四】", "李四"),                    # written by
    ("(記者 王大明)", "王大明"),                # reporter, traditional script
])
def test_a_bracketed_writer_credit_closing_the_headline_is_the_author(tmp_path, credit, name):
    row, _ = read(tmp_path, TITLE + credit, *BODY)
    assert (row["title"], row["author"]) == (TITLE, name)


@pytest.mark.parametrize("suffix", ["（上）", "（附全文）", "（2025年版）"])   # part one, full text attached, 2025 edition
def test_a_bracket_without_a_writer_label_stays_in_the_title(tmp_path, suffix):
    row, _ = read(tmp_path, TITLE + suffix, *BODY)
    assert row["title"] == TITLE + suffix and row["author"] == ""


# ---------------------------------------------------------------- 3. 文 glued to a word is no writer label
@pytest.mark.parametrize("line", [
    "2026/02/09 南洋商报/文教",                    # a daily's 文教 (culture and education) page on a repost line
    "文章来源于网络，如有侵权请联系删除",             # the article comes from the web; remove on infringement
])
def test_wen_opening_a_word_names_no_writer(tmp_path, line):
    row, _ = read(tmp_path, TITLE, *BODY, line)
    assert row["author"] == ""


@pytest.mark.parametrize("line, name", [("文/王小明", "王小明"), ("文 | 王小明", "王小明"), ("文：王小明", "王小明")])
def test_wen_with_a_separator_still_names_the_writer(tmp_path, line, name):
    row, _ = read(tmp_path, TITLE, line, *BODY)
    assert row["author"] == name


def test_the_paper_before_its_page_name_is_still_the_outlet(tmp_path):
    row, _ = read(tmp_path, "2026/02/09 南洋商报/文教", "", TITLE, *BODY)
    assert (row["outlet"], row["published"], row["author"]) == ("南洋商报", "2026-02-09", "")
