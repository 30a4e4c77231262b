"""Outlet, author, date and junk classes of issue #15 found on unseen pages (session 12, evaluation/SHAPES.md section
13): one short page or credit line per class, written for these tests (a headline, the metadata line, body sentences),
read as `kaiyuan run` reads a .txt file (corpus.process_file); the hand-read date, outlet, author and clean text out.
No page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import credit_fields

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str) -> tuple[dict, str]:
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. an account, then a writer whose surname is 文
def test_a_writer_whose_surname_is_the_text_label_keeps_it(tmp_path):
    # 文 | <account> <name>: text by <account>'s <name>; the second 文 is the surname, not a label
    row, clean = read(tmp_path, TITLE_TW, "文 | 某某星球 文曉明", "編輯 | 李華", *BODY_TW)
    assert (row["outlet"], row["author"]) == ("某某星球", "文曉明")
    assert "文曉明" not in clean


@pytest.mark.parametrize("line, author", [
    ("文：王小明", "王小明"),          # a label with its colon
    ("记者 林若舟 文/王小明", "林若舟"),  # after a space, with a slash: still a label (the first author wins)
])
def test_the_text_label_with_a_separator_stays_a_label(line, author):
    assert credit_fields(line)["author"] == author


# ---------------------------------------------------------------- 2. a portal's WeChat repost credit
def test_a_wechat_repost_credit_names_the_account_and_the_writer(tmp_path):
    credit = "本文来自微信公众号:某某洞见(ID:mouMou-Insights),作者:王小明,头图来自:视觉中国"
    row, clean = read(tmp_path, TITLE, credit, *BODY)
    assert (row["outlet"], row["author"]) == ("某某洞见", "王小明")
    assert "本文来自" not in clean and row["title"] == TITLE


# ---------------------------------------------------------------- 3. a domain under an author label
def test_a_domain_under_an_author_label_is_the_source_site(tmp_path):
    row, _ = read(tmp_path, TITLE, "2024-7-8 15:0:26 Author: moumou.com(查看原文) 阅读量:5 收藏", *BODY)
    assert (row["published"], row["outlet"], row["author"]) == ("2024-07-08", "moumou.com", "")


# ---------------------------------------------------------------- 4. a journal in book-title brackets with its issue
@pytest.mark.parametrize("line, outlet", [
    ("发布日期:2020-09-27 作者:王小明 来源:《某某行政学院学报》2019年第02期 文章浏览量:", "某某行政学院学报"),
    ("2025-03-05 08:12 来源：《某某日报》（2025年03月05日 第 05 版）", "某某日报"),
])
def test_a_source_in_book_title_brackets_is_the_paper_without_its_issue(tmp_path, line, outlet):
    row, _ = read(tmp_path, TITLE, line, *BODY)
    assert row["outlet"] == outlet


# ---------------------------------------------------------------- 5. an op-ed's signature mark
def test_an_op_eds_signature_mark_names_the_writer_and_goes(tmp_path):
    row, clean = read(tmp_path, TITLE_TW, "2025/08/11 05:30", "◎ 王小明", *BODY_TW)
    assert (row["published"], row["author"]) == ("2025-08-11", "王小明")
    assert "王小明" not in clean


# ---------------------------------------------------------------- 6. a writer's bio
def test_a_name_with_a_bio_under_the_headline_is_the_byline_not_the_title(tmp_path):
    row, clean = read(tmp_path, TITLE, "王小明（作者系某某大学教授）", *BODY)
    assert (row["title"], row["author"]) == (TITLE, "王小明")
    assert "作者系" not in clean


def test_a_bio_closing_the_article_names_no_author_outlet_or_date(tmp_path):
    row, clean = read(tmp_path, TITLE, *BODY, "（作者系某某网特约评论员、某某研究院2024年度研究员）")
    assert (row["author"], row["outlet"], row["published"]) == ("", "", "")
    assert "作者系" not in clean


@pytest.mark.parametrize("line", [
    "作者系统地梳理了开源模型的发展历程。",           # 系统 'systematically': a sentence
    "（作者為資深軟體工程師，本文僅代表作者個人觀點）",  # a bio with a disclaimer: the footer marker's line
])
def test_a_sentence_or_a_disclaimer_is_no_bio(line):
    cleaned = clean_text("\n".join([TITLE, *BODY, line]))
    assert "author_bio" not in [r.reason for r in cleaned.removed]


def test_a_paper_and_its_writer_on_an_opinion_date_line(tmp_path):
    row, _ = read(tmp_path, TITLE_TW, "2026-01-12 23:05  某某報/ 王小明(作者為某某大學教授)", *BODY_TW)
    assert (row["published"], row["outlet"], row["author"]) == ("2026-01-12", "某某報", "王小明")


# ---------------------------------------------------------------- 7. a columnist's strip
def test_a_columnists_strip_names_the_writer(tmp_path):
    row, clean = read(tmp_path, TITLE_TW, "講AI｜王小明教授專欄", *BODY_TW)
    assert row["author"] == "王小明" and "專欄" not in clean


# ---------------------------------------------------------------- 8. a WeChat head with a writer before the account
@pytest.mark.parametrize("line, outlet", [
    ("原创 王小明 某某科技评论", "某某科技评论"),  # original, <writer>, <account>: the account is the last word
    ("原创 某某科技观察", "某某科技观察"),        # the account alone (SHAPES.md D23)
])
def test_a_wechat_head_names_the_account_not_the_writer(tmp_path, line, outlet):
    row, _ = read(tmp_path, TITLE, line, "2025年04月09日 08:00 北京", *BODY)
    assert (row["published"], row["outlet"]) == ("2025-04-09", outlet)


# ---------------------------------------------------------------- 9. a manuscript-source label
def test_a_manuscript_source_label_names_the_site(tmp_path):
    row, _ = read(tmp_path, TITLE_TW, "2025-03-18 11:02 | 稿件來源:某某新聞網", *BODY_TW)
    assert (row["published"], row["outlet"]) == ("2025-03-18", "某某新聞網")


# ---------------------------------------------------------------- 10. a numeric date with the year last
@pytest.mark.parametrize("line, date", [
    ("发布时间：19/11/2025", "2025-11-19"),  # the day cannot be a month: read
    ("发布时间：07/12/2026", ""),            # 7 Dec or 12 Jul: never guessed
    ("07/12/2026 10:30", ""),
])
def test_a_numeric_date_line_is_metadata_and_read_only_when_unambiguous(tmp_path, line, date):
    row, clean = read(tmp_path, TITLE, line, *BODY)
    assert row["published"] == date
    assert "/20" not in clean


# ---------------------------------------------------------------- 11. a talk write-up's credits
def test_a_talk_write_ups_credits_name_the_community_and_no_author(tmp_path):
    row, clean = read(tmp_path, TITLE, "分享嘉宾|王小明 某某公司 首席科学家", "编辑整理|李华", "内容校对|张伟",
                      "出品社区|SomeFun", *BODY)
    assert (row["outlet"], row["author"]) == ("SomeFun", "")
    assert clean.split("\n") == [TITLE, *BODY]


# ---------------------------------------------------------------- 12. a reading-time note
@pytest.mark.parametrize("line", ["本文约9200字,建议阅读10+分钟", "閱讀時間約 4 分鐘"])
def test_a_reading_time_note_is_furniture_not_the_title(tmp_path, line):
    row, clean = read(tmp_path, line, TITLE, *BODY)
    assert row["title"] == TITLE and "分" not in clean.split("\n")[0]


def test_a_sentence_about_length_stays(tmp_path):
    sentence = "本文约有三千字的篇幅，分为上下两个部分，先谈模型，再谈社区。"
    _, clean = read(tmp_path, TITLE, sentence, *BODY)
    assert sentence in clean
