"""Date, title, byline and junk classes of issue #15 found on unseen pages (session 14, evaluation/SHAPES.md section 16):
one short page per class, written for these tests (a headline, the metadata lines, body sentences), read as
`kaiyuan run` reads a .txt file (corpus.process_file); the hand-read title, date, outlet, author and clean text out.
No page text."""
from __future__ import annotations

import pytest

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str):
    return process_page(tmp_path, "\n".join(lines))


def head(row: dict) -> tuple[str, str, str, str]:
    return row["title"], row["published"], row["outlet"], row["author"]


# ---------------------------------------------------------------- 1. '<year> <month>/<day> <time>' on a date line
@pytest.mark.parametrize("line, date", [
    ("2025 03/21 09:37:51", "2025-03-21"),
    ("2024 11/05 18:02", "2024-11-05"),
])
def test_a_year_then_month_slash_day_is_the_publication_date(tmp_path, line, date):
    # a wire's regional channel prints the year, a space, then month/day and the time
    article = read(tmp_path, TITLE, line, "来源：某某每日电讯", *BODY)
    assert head(article.row) == (TITLE, date, "某某每日电讯", "")


def test_a_month_slash_day_inside_a_sentence_is_no_publication_date(tmp_path):
    article = read(tmp_path, TITLE, "据统计，截至2025 3/4的用户已经转向开源模型，这一比例仍在上升。", *BODY)
    assert article.row["published"] == ""


# ---------------------------------------------------------------- 2. a programme or column tag on the headline
@pytest.mark.parametrize("line, title", [
    (TITLE_TW + "【獨立特派員】", TITLE_TW),            # a broadcaster's programme after the headline
    (TITLE + "【视频】", TITLE),                         # a video tag
    ("「科技週報」" + TITLE_TW, TITLE_TW),              # a weekly column in corner brackets before it
    ("「主權AI」成全球新戰略，台灣如何跟上腳步？", "「主權AI」成全球新戰略，台灣如何跟上腳步？"),  # a quoted term stays
])
def test_a_programme_tag_is_cut_from_the_title_and_recorded(tmp_path, line, title):
    article = read(tmp_path, line, "2025-03-18 11:02 來源：某某新聞網", *BODY_TW)
    assert article.row["title"] == title
    tags = [r for r in article.repairs if "title_programme_tag" in r.values()]
    assert bool(tags) == (title != line)


# ---------------------------------------------------------------- 3. lines that are never the headline
def test_an_abstract_sentence_closed_by_a_latin_full_stop_is_no_title(tmp_path):
    # a journal page opening with its abstract: no headline shown
    article = read(tmp_path, "摘要:", "近年来,开源大模型的发展对自然语言处理领域产生了深刻影响. 随着参数量不断增大,性能持续提升.",
                   *BODY)
    assert article.row["title"] == ""


def test_a_headline_over_its_abstract_stays_the_title(tmp_path):
    article = read(tmp_path, "首页|" + TITLE, TITLE, "扫码查看", "开源大模型的出现标志着人工智能新时代的来临.基于海量数据集的预训练,模型展现出卓越的适应性和创造力.",
                   *BODY)
    assert article.row["title"] == TITLE


def test_an_affiliation_line_under_the_authors_is_no_title(tmp_path):
    article = read(tmp_path, "开源大模型在政务信息管理中的应用模式分析", "王小明 李华",
                   "某某信息科技有限公司 湖南长沙 410110;某某大学计算机学院 湖南长沙 410007", "引言", *BODY)
    assert article.row["title"] == "开源大模型在政务信息管理中的应用模式分析"


def test_a_citation_line_is_no_title(tmp_path):
    article = read(tmp_path, "问答之后: 开源预训练模型的机遇和挑战", "王小明 李华 张三",
                   "引用本文: 王小明, 李华, 张三. 问答之后: 开源预训练模型的机遇和挑战. 某某学报, 2023, 49(4): 705−717",
                   *BODY)
    assert article.row["title"] == "问答之后: 开源预训练模型的机遇和挑战"


@pytest.mark.parametrize("strip", [
    "Josephine Teo · 数码发展及新闻部长 · 某某峰会",   # speaker · role · event
    "某某科技 发布于 阅读:24 一手编译",               # account, posted, views, a tag: no date
])
def test_a_dateless_strip_under_the_headline_is_no_title(tmp_path, strip):
    article = read(tmp_path, "某某部长在开源模型峰会的开幕讲话", strip, *BODY)
    assert article.row["title"] == "某某部长在开源模型峰会的开幕讲话"


# ---------------------------------------------------------------- 4. '<name>│<institute or column>' under the headline
@pytest.mark.parametrize("line, author", [
    ("瞿南乔│某某研究院_07", "瞿南乔"),     # the writer, the institute, a page counter
    ("程弘毅│數位某某誌_12", "程弘毅"),     # the writer, the magazine column
    ("林若舟｜清华大学人工智能研究院", "林若舟"),
    ("科技│开源专栏", ""),                  # a section, then a column: no writer
])
def test_a_name_bar_institute_line_names_the_writer(tmp_path, line, author):
    article = read(tmp_path, TITLE, line, "2025-12-19 10:00 来源：某某科技评论", *BODY)
    assert head(article.row) == (TITLE, "2025-12-19", "某某科技评论", author)
    assert line not in article.clean


# ---------------------------------------------------------------- 5. '<name> <date> <time> 阅读 <n>': a blog's post strip
@pytest.mark.parametrize("line, author, outlet", [
    ("常耀斌 2024-07-15 14:31:02 阅读 99", "常耀斌", ""),
    ("王小明 2024-07-15 14:31:02", "王小明", ""),
    ("某某科技观察 2024-07-15 14:31:02", "", "某某科技观察"),   # four characters or more: an account, the outlet
    ("发布时间 2024-07-15 14:31:02", "", ""),                  # a label, no one
])
def test_a_name_opening_a_post_strip_is_the_writer(tmp_path, line, author, outlet):
    article = read(tmp_path, TITLE, line, *BODY)
    assert head(article.row) == (TITLE, "2024-07-15", outlet, author)


# ---------------------------------------------------------------- 6. a paper's record lines on a journal page
@pytest.mark.parametrize("line", [
    "[基金项目]国家社会科学基金一般项目“开源模型治理的伦理问题研究”(19BZW026)。",   # funding, bracketed
    "基 金:国家重点研发计划项目(2023YFB3308601);某某省科技计划项目(2024NSFJQ0035)",  # a database's spaced label
    "[作者简介]王小明(1997-),男,某某大学传媒学院博士研究生(苏州 215127)。",          # about the author
])
def test_a_papers_funding_and_bio_lines_are_junk(tmp_path, line):
    article = read(tmp_path, "开源大模型在政务信息管理中的应用模式分析", line, *BODY)
    assert line not in article.clean
    assert BODY[0] in article.clean


def test_a_papers_received_date_is_no_publication_date(tmp_path):
    article = read(tmp_path, "开源大模型在政务信息管理中的应用模式分析", "收稿日期:2023-01-05", *BODY)
    assert article.row["published"] == ""


# ---------------------------------------------------------------- 7. a paper's author row above its affiliation line
@pytest.mark.parametrize("names, author", [
    ("王小明 李华", "王小明"),
    ("王小明,李华,张三", "王小明"),
])
def test_a_row_of_names_above_an_affiliation_is_the_byline(tmp_path, names, author):
    affiliation = "(1.某某大学管理学院, 北京 100101;2.某某科学技术发展战略研究院,北京 100038)"
    article = read(tmp_path, "开源大模型在政务信息管理中的应用模式分析", names, affiliation, *BODY)
    assert head(article.row) == ("开源大模型在政务信息管理中的应用模式分析", "", "", author)
    assert names not in article.clean and affiliation not in article.clean


def test_a_row_of_short_words_without_an_affiliation_is_no_byline(tmp_path):
    # a menu or a tag strip under the headline names no one
    article = read(tmp_path, TITLE, "科技 财经 汽车 视频", *BODY)
    assert article.row["author"] == ""
