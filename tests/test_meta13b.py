"""Session 13 round 2 (meta13b, issue #15): comment-box furniture, forum rules and share/follow prompts at a page's
foot; a Taiwan reporter's byline naming the paper before the reporter. One short page per class, written for these
tests, read as `kaiyuan run` reads a .txt file; the hand-read author, outlet and clean text out. No page text."""
from __future__ import annotations

import pytest

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str):
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. comment box, forum rules, share and follow prompts
@pytest.mark.parametrize("foot", [
    "暂无评论，快来抢沙发吧",                      # no comments yet, be the first
    "发表评论 暂无评论，快来抢沙发吧",               # the heading and the empty-box note run together
    "我要留言　　發表評論（0）",                     # leave a message, post a comment (0)
    "請遵守討論區守則，文明發言。",                   # keep to the forum rules, speak civilly
    "文明上网，理性发言，请遵守新闻评论服务协议",       # surf civilly, keep to the news-comment agreement
    "喜欢这篇文章吗？分享至",                        # like this article? share it to
    "点击关注「某某科技」，第一时间获取AI前沿动态",     # click to follow <account>
])
def test_comment_box_and_prompt_lines_at_the_foot_are_junk(tmp_path, foot):
    _, clean = read(tmp_path, TITLE, *BODY, foot)
    assert clean.splitlines()[-1] == BODY[-1]


@pytest.mark.parametrize("line", [
    "李某8月6日在某杂志发表评论文章，认为开源模型不该被立法约束。",   # 发表评论 inside a sentence
    "网友被要求遵守评论区规则。",                                 # a report about the rules, no imperative
    "用户应当遵守评论区的社区规范，这是平台在新规中写明的要求。",
])
def test_sentences_about_comments_stay(tmp_path, line):
    _, clean = read(tmp_path, TITLE, *BODY, line)
    assert clean.splitlines()[-1] == line


# ---------------------------------------------------------------- 2. the paper named before its reporter
def test_a_bracketed_writer_credit_naming_paper_and_reporter_alone(tmp_path):
    # 【文／<paper> 記者<name>】 = text by <paper> reporter <name>: the reporter writes, the paper publishes
    row, clean = read(tmp_path, TITLE_TW, "【文／某某科技報 記者林文彬】", *BODY_TW)
    assert (row["author"], row["outlet"]) == ("林文彬", "某某科技報")
    assert "林文彬" not in clean


def test_a_bracketed_writer_credit_glued_to_the_first_sentence(tmp_path):
    row, clean = read(tmp_path, TITLE_TW, "【文／某某科技報 記者林文彬】" + BODY_TW[0], *BODY_TW[1:])
    assert (row["author"], row["outlet"]) == ("林文彬", "某某科技報")
    assert clean.splitlines()[1] == BODY_TW[0]


def test_a_taiwan_byline_with_full_width_slashes(tmp_path):
    # <paper>／ 記者<name>／<place>報導 = <paper> / reporter <name> / reporting from <place>
    row, clean = read(tmp_path, TITLE_TW, "某某時報／ 記者林文彬／台北報導", *BODY_TW)
    assert (row["author"], row["outlet"]) == ("林文彬", "某某時報")
    assert "林文彬" not in clean


# ---------------------------------------------------------------- 3. a bar of article controls; a labelled lead-in
@pytest.mark.parametrize("bar", ["收藏 分享", "分享　收藏　列印"])
def test_a_bar_of_article_controls_is_junk(tmp_path, bar):
    _, clean = read(tmp_path, TITLE, *BODY[:2], bar, BODY[2])
    assert bar not in clean and clean.splitlines()[-1] == BODY[2]


def test_a_key_point_lead_in_under_the_headline_is_junk(tmp_path):
    # 看点：… = key point: the account's summary of the article, not its text
    _, clean = read(tmp_path, TITLE, "**看点：** 本周三，某团队一句话引发热议，几小时后又改口。", *BODY)
    assert clean.splitlines()[1:] == BODY
