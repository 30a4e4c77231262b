"""Session 14 round 2 (meta14b, issue #15): junk the six blind dev articles d70-d75 showed kept (comment boxes run
together with counters, follow prompts with a slogan, a copyright notice with a disclaimer after it, a numbered source
list, an investment disclaimer behind an icon, a page counter, a teaser line between paragraphs), a writer's name under
the date line, and a swappable numeric date read by the page's weekday cue. One short page per class, written for
these tests, read as `kaiyuan run` reads a .txt file; the hand-read clean text, author and date out. No page text."""
from __future__ import annotations

import pytest

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str):
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. footer lines: comment box, copyright, sources
@pytest.mark.parametrize("foot", [
    "评论（7） 写下你的看法…… 发表评论",                  # comments (7), write what you think…, post a comment
    "举报 | 发表评论（3）",                               # report | post a comment (3)
    "© 某某财经 版权所有，未经授权不得转载。本文仅代表作者个人观点。",  # copyright, then "the writer's own views"
    "⚠️ 本文不构成任何投资建议，文中数据以官方公布为准。",     # not investment advice, behind a warning icon
    "页面 1 / 2",                                        # page 1 of 2
    "第 2 / 5 页",
])
def test_footer_lines_are_junk(tmp_path, foot):
    _, clean = read(tmp_path, TITLE, *BODY, foot)
    assert clean.splitlines()[-1] == BODY[-1]


def test_a_numbered_source_list_closing_the_article_is_junk(tmp_path):
    _, clean = read(tmp_path, TITLE, *BODY, "[1] 某某模型页面，Hugging Face", "[2] 某某播客，2024年5月",
                    "[3] 2024年度开源模型报告")
    assert clean.splitlines()[-1] == BODY[-1]


@pytest.mark.parametrize("line", [
    "[1] 该数据来自公司去年的财报，未经审计。",             # a footnote that is a sentence
    "他在举报之后发表评论（见下文），称模型存在安全隐患。",   # 举报 and 发表评论 inside a sentence
])
def test_sentences_at_the_foot_stay(tmp_path, line):
    _, clean = read(tmp_path, TITLE, *BODY, line)
    assert clean.splitlines()[-1] == line


# ---------------------------------------------------------------- 2. head and mid-page prompts
def test_a_follow_prompt_with_a_slogan_is_neither_title_nor_body(tmp_path):
    row, clean = read(tmp_path, TITLE, "某某财经·2025-07-03 08:15", "关注某某财经，每天一篇读懂AI的深度稿 +关注", *BODY)
    assert row["title"] == TITLE
    assert "关注某某财经" not in clean


def test_a_follow_sentence_stays(tmp_path):
    line = "关注这一领域的人越来越多，每天都有新模型发布。"
    _, clean = read(tmp_path, TITLE, *BODY, line)
    assert clean.splitlines()[-1] == line


@pytest.mark.parametrize("teaser", [
    "更多新聞：某地高校合辦人工智能課程　下月開放申請",   # more news: <headline>
    "相关：开源之后，谁还在坚持闭源？",                  # related: <headline>?
])
def test_a_teaser_line_between_paragraphs_is_junk(tmp_path, teaser):
    _, clean = read(tmp_path, TITLE, BODY[0], teaser, BODY[1], BODY[2])
    assert clean.splitlines()[1:] == BODY


# ---------------------------------------------------------------- 3. a writer's name under the date line
def test_a_name_under_the_date_line_is_the_author(tmp_path):
    row, _ = read(tmp_path, TITLE_TW, "2025-06-02 科技新知", "林文彬", *BODY_TW)
    assert row["author"] == "林文彬"


@pytest.mark.parametrize("tag", ["人工智慧", "金融", "區塊鏈", "高科技"])  # AI, finance, blockchain, high tech: a
def test_a_category_tag_under_the_date_line_is_no_author(tmp_path, tag):     # surname's shape, a common word inside
    row, _ = read(tmp_path, TITLE_TW, "發布日期：2025/06/02", tag, *BODY_TW)
    assert row["author"] == ""


# ---------------------------------------------------------------- 4. a swappable date and the page's weekday
@pytest.mark.parametrize("strip, published", [
    ("04/03 週二 某地｜16°C - 21°C", "2025-03-04"),   # Tuesday: 4 March 2025 (3 April is a Thursday)
    ("04/03 週四 某地｜16°C - 21°C", "2025-04-03"),   # Thursday: 3 April 2025
])
def test_a_swappable_date_is_read_as_the_weekday_confirms(tmp_path, strip, published):
    row, _ = read(tmp_path, strip, TITLE_TW, "04/03/2025", *BODY_TW)
    assert row["published"] == published


def test_a_swappable_date_without_a_weekday_stays_unread(tmp_path):
    row, _ = read(tmp_path, TITLE_TW, "04/03/2025", *BODY_TW)
    assert row["published"] == ""


# ---------------------------------------------------------------- 5. a caption and its credit fused into a paragraph
def test_a_caption_and_interviewee_credit_fused_mid_paragraph_are_cut(tmp_path):
    _, clean = read(tmp_path, TITLE, BODY[0], "该公司称新模型已上线。林文彬 来源:受访者在随后的采访中，他表示会继续开源。", BODY[1])
    assert clean.splitlines()[2] == "该公司称新模型已上线。在随后的采访中，他表示会继续开源。"


def test_a_sentence_naming_an_interviewee_as_source_stays(tmp_path):
    line = "该公司称新模型已上线。消息来源是多位受访者，他们要求匿名。"
    _, clean = read(tmp_path, TITLE, BODY[0], line, BODY[1])
    assert clean.splitlines()[2] == line


def test_packaged_data_files_validate_against_their_schemas():
    # every setting a rule file gains is declared in schemas.yaml (an undeclared or mistyped key stops the CLI)
    from kaiyuan.config import validate

    validate()
