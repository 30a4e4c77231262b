"""Datelines, headings and credits of issue #15 (session 10, evaluation/SHAPES.md section 11): one short page per class,
written for these tests (a headline, the credit or dateline, body sentences), read as `kaiyuan run` reads a .txt file
(corpus.process_file); the hand-read date, outlet, author and clean text out. No page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import credit_fields, find_credits

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str) -> tuple[dict, str]:
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. a month-day dateline opening the first paragraph
@pytest.mark.parametrize("first, outlet, rest", [
    ("极客湾讯 10月19日消息，" + BODY[0], "极客湾", BODY[0]),
    ("某某之家 10 月 19 日消息，" + BODY[0], "某某之家", BODY[0]),
    ("某某科技讯 北京时间10月19日消息，" + BODY[0], "某某科技", BODY[0]),
    ("某某社10月19日电，" + BODY[0], "某某社", BODY[0]),
    ("10月19日消息，" + BODY[0], "", BODY[0]),
])
def test_a_month_day_dateline_is_cut_and_names_its_outlet_but_no_date(tmp_path, first, outlet, rest):
    row, clean = read(tmp_path, TITLE, first, *BODY[1:])
    assert clean.split("\n")[1] == rest
    assert row["outlet"] == outlet
    assert row["published"] == ""  # a month and day without a year: never a date


@pytest.mark.parametrize("line", ["据外媒10月19日消息，某团队将公开新版模型的全部权重。",
                                  "外媒10月19日消息，某团队将公开新版模型的全部权重。"])
def test_a_sentence_citing_a_source_with_a_month_day_is_body(tmp_path, line):
    row, clean = read(tmp_path, TITLE, line, *BODY[1:])
    assert line in clean and row["outlet"] == ""


# ---------------------------------------------------------------- 2. a writer's pinyin gloss on a heading stays
def test_a_headings_multi_syllable_pinyin_gloss_stays_and_a_mirrors_residue_goes():
    heading = "一、华为的开源（kāiyuán）首秀"
    assert clean_text("\n".join([TITLE, heading, *BODY])).text.split("\n")[1] == heading
    assert clean_text("\n".join([TITLE, "外交部發(fā)言人表示，將密切關注相關進展。", *BODY])).text.split("\n")[1] \
        == "外交部發言人表示，將密切關注相關進展。"


# ---------------------------------------------------------------- 3. credits on unseen pages
@pytest.mark.parametrize("line, expected", [
    # a wire dateline names its reporter: the place and day after the name are cut
    ("（中央社記者王小明台北24日電）", {"bare": "中央社", "author": "王小明"}),
    ("(中央社記者李華華盛頓5日專電)", {"bare": "中央社", "author": "李華"}),
    # a reporter label after another label's colon
    ("撰文：本報記者 王小明　　來源：某某新報網", {"author": "王小明", "outlet": "某某新報網"}),
    ("作者：记者 王小明", {"author": "王小明"}),
    # 评论员 (commentator) and 记者 glued to the outlet's name; 报道 (reported by) as a label
    ("某某網評論員 王小明", {"bare": "某某網", "author": "王小明"}),
    ("某某新闻记者 王小明", {"bare": "某某新闻", "author": "王小明"}),
    ("报道：王小明", {"author": "王小明"}),
    # a source label right after a time, with no space
    ("時間:2025-11-19 05:02:20來源:某某报", {"bare": "時間:2025-11-19", "outlet": "某某报"}),
    # a spam mirror's pinyin residue inside the name
    ("作者 |王戰(zhàn)新", {"author": "王戰新"}),
])
def test_credit_lines_name_their_writer_and_outlet(line, expected):
    assert credit_fields(line) == expected


@pytest.mark.parametrize("lines, author, outlet", [
    # a wire dateline with a bracketed reporter glued to the first paragraph
    ((TITLE, "某某社北京5月29日电 (记者王小明)" + BODY[0], *BODY[1:]), "王小明", "某某社"),
    # an outlet's reporter, an intern and the places reported from, on their own line; the name running into the
    # reporter label is the outlet, though it ends in 报道 'report' (session 11, SHAPES.md section 12)
    ((TITLE, "某某经济报道记者王小明 实习生李华 博鳌、广州报道", *BODY), "王小明", "某某经济报道"),
    # a bracketed compilation credit naming its compiler
    ((TITLE, "（综合外媒报道　编译：王小明）", *BODY), "王小明", ""),
    # a '<paper> news' tag opening the first paragraph names the paper
    ((TITLE_TW, "【某某日報訊】" + BODY_TW[0], *BODY_TW[1:]), "", "某某日報"),
    # a byline with the date and time after it is no headline
    ((TITLE_TW, "某某網編譯王小明 綜合報導 2025-08-12 10:30", *BODY_TW), "王小明", "某某網"),
    # a reporter's credit closing the last paragraph
    ((TITLE, *BODY[:2], BODY[2] + "(记者 王小明 制作 李华)"), "王小明", ""),
    # a WeChat account named as the source
    ((TITLE, "本文来源公众号“某某研究”,仅用于学术分享。", *BODY), "", "某某研究"),
])
def test_pages_name_their_writer_and_outlet(tmp_path, lines, author, outlet):
    row, clean = read(tmp_path, *lines)
    assert (row["author"], row["outlet"]) == (author, outlet)
    assert "王小明" not in clean  # the credit never reaches the analysed text


def test_a_repost_names_the_original_outlet_on_the_originals_date_line(tmp_path):
    row, _ = read(tmp_path, "发布时间 : 2025-07-26 15:24:55   来源 : 某某在线   浏览次数 :", TITLE,
                  "2025-07-26 12:49:15 来源:某某网", *BODY)
    assert (row["published"], row["outlet"]) == ("2025-07-26", "某某网")


def test_find_credits_reads_a_wire_datelines_reporter():
    assert find_credits([("byline", "（中央社記者王小明台北5日電）")]) == ("王小明", "中央社")
