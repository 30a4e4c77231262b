"""Publication-date and title shapes of issue #15 (session 9, evaluation/SHAPES.md section 10): one short page per
shape, written for these tests (a headline, the date line, three body sentences), read as `kaiyuan run` reads a .txt
or .html file (corpus.process_file); the hand-read publication date and title out. No page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import date_in_string

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def page(*head: str, foot: tuple[str, ...] = (), title: str = TITLE, body: list[str] = BODY) -> str:
    return "\n".join([title, *head, *body, *foot])


def page_tw(*head: str, foot: tuple[str, ...] = ()) -> str:
    return page(*head, foot=foot, title=TITLE_TW, body=BODY_TW)


def read(tmp_path, text: str, name: str = "page.txt") -> dict:
    return process_page(tmp_path, text, name).row


# ---------------------------------------------------------------- date lines: every shape the issue names
@pytest.mark.parametrize("text, date", [
    # a relative stamp beside the absolute date: the absolute date counts
    (page("3小时前 | 2025-01-03 08:42"), "2025-01-03"),
    (page("昨天 08:42 · 2025年1月3日"), "2025-01-03"),
    # full-width digits (NFKC makes them ASCII)
    (page("２０２５年１月３日"), "2025-01-03"),
    (page("２０２５－０１－０３　０８：４２　来源：某某日报"), "2025-01-03"),
    # Chinese numerals; 元月 is the first month
    (page("二〇二五年一月三日"), "2025-01-03"),
    (page("二零二五年元月三日"), "2025-01-03"),
    (page("二〇二五年十二月二十一日 星期日"), "2025-12-21"),
    # English formats as the page's own date
    (page("Jan 3, 2025"), "2025-01-03"),
    (page("3 January 2025"), "2025-01-03"),
    (page("2025-Jan-03"), "2025-01-03"),
    (page("January 3rd, 2025"), "2025-01-03"),
    (page("Friday, January 3, 2025"), "2025-01-03"),
    (page("Fri, 03 Jan 2025 08:42:00 GMT"), "2025-01-03"),
    (page("Fri Jan 03 2025 08:42:00 GMT+0800 (China Standard Time)"), "2025-01-03"),
    # published beside updated, in either order; 'updated' alone is the date when nothing else is shown
    (page("发布时间：2025-01-03 08:42  更新时间：2025-01-05 10:00"), "2025-01-03"),
    (page("更新时间：2025-01-05 10:00  发布时间：2025-01-03 08:42"), "2025-01-03"),
    (page("首发 2025-01-03 最后更新 2025-01-05"), "2025-01-03"),
    (page_tw("2025/01/03 08:42 (最後更新：2025/01/05 10:00)"), "2025-01-03"),
    (page_tw("最後更新：2025/01/05 10:00"), "2025-01-05"),
    # labels parted from the date by a slash (a Singapore daily's strip)
    (page("更新/2025年1月5日 9:30", "发布/2025年1月3日 8:42"), "2025-01-03"),
    (page("发布/ 2025年1月3日 8:42 | 更新/ 2025年1月5日 9:30"), "2025-01-03"),
    # date and time, then a source label or an outlet on the same line
    (page("2025-01-03 08:42 来源：某某日报"), "2025-01-03"),
    (page_tw("2025/01/03 08:42 某某日報"), "2025-01-03"),
    # a weekday in brackets after a byline
    (page("记者 王小明 2025年1月3日（星期五）"), "2025-01-03"),
    (page_tw("記者王小明／台北報導 2025年1月3日(週五)"), "2025-01-03"),
    (page("文 / 王小明 2025年1月3日【周五】"), "2025-01-03"),
    # Minguo years
    (page_tw("民國114年1月3日"), "2025-01-03"),
    (page_tw("中華民國114/01/03"), "2025-01-03"),
    (page_tw("114年1月3日 某某日報"), "2025-01-03"),
    # morning and afternoon marks
    (page_tw("2025年1月3日 下午3:42"), "2025-01-03"),
    (page_tw("2025/01/03 上午 08:42"), "2025-01-03"),
    # dotted dates; a day-first date whose day cannot be a month, with dots or underscores
    (page("2025.01.03"), "2025-01-03"),
    (page("某某日报 | 2025.1.3 08:42"), "2025-01-03"),
    (page("29_01_2025某某日報(歐洲版)"), "2025-01-29"),
    # a date glued to the byline or the outlet's name
    (page("王小明2025-01-03"), "2025-01-03"),
    (page("某某网2025-01-03 08:42"), "2025-01-03"),
    (page("作者：王小明2025.01.03"), "2025-01-03"),
    # a repost header: the original's source and date
    (page("原标题：某团队发布新模型", "来源：某某日报 2025年1月3日"), "2025-01-03"),
    (page("发布时间：2025-01-05 10:00", "原标题：某团队发布新模型", "来源：某某日报 2025年1月3日"), "2025-01-03"),
    # foot dates after the body
    (page(foot=("责任编辑：王小明 2025-01-03",)), "2025-01-03"),
    (page(foot=("本文发布于2025年1月3日",)), "2025-01-03"),
    (page(foot=("（完）2025年1月3日",)), "2025-01-03"),
    (page(foot=("Published at: 2025-01-03 08:42:10",)), "2025-01-03"),
])
def test_every_date_line_shape_gives_the_publication_date(tmp_path, text, date):
    row = read(tmp_path, text)
    assert row["published"] == date
    assert row["published_basis"].startswith("text: line")
    assert row["title"] in (TITLE, TITLE_TW)


@pytest.mark.parametrize("text", [
    page(body=BODY + ["该公司在2025年1月3日的发布会上宣布，将于2025年3月开放全部代码。"]),  # dates inside sentences
    page(body=["2025年1月3日，某团队在社区平台公开了新版模型的全部权重，并附上训练报告。"] + BODY[1:]),
    page(foot=("© 2025 某某网 版权所有",)),  # a copyright year
    page(foot=("Copyright © 2018-2025 某某网 All Rights Reserved",)),
    page("3小时前"),  # a relative stamp only
    page("昨天 08:42"),
    page("1月3日 08:42"),  # no year
    page("更新於 發佈於 閱讀時間約 4 分鐘"),  # labels without a date
    page("截至2025年1月3日"),  # 'as of': the figures' date, not the page's
    page(foot=("相关文章", "• 开源模型的下一步 2024-07-24", "• 许可证之争 2025-04-08")),  # other pages' dates
])
def test_a_page_showing_no_date_gets_none(tmp_path, text):
    row = read(tmp_path, text)
    assert row["published"] == "" and row["published_basis"] == "unknown"


def test_a_related_reading_list_under_the_body_gives_no_date_but_the_page_s_own_date_stays(tmp_path):
    text = page("2025-01-03 08:42", foot=("相关文章", "• 开源模型的下一步 2024-07-24"))
    assert read(tmp_path, text)["published"] == "2025-01-03"


def test_the_article_s_foot_date_below_a_related_reading_list_stays(tmp_path):
    text = page(foot=("相关阅读", "· 某公司发布新一代开源模型 可免费商用", "· 开源模型的下一步 2024-07-24", "（完）2025.01.03"))
    assert read(tmp_path, text)["published"] == "2025-01-03"


def test_an_html_meta_date_in_the_rfc_822_shape_is_read():
    assert date_in_string("Fri, 03 Jan 2025 08:42:00 +0800") == "2025-01-03"
    assert date_in_string("no date here") == ""


# ---------------------------------------------------------------- HTML: <meta>, microdata, JSON-LD, <time>
ARTICLE = "".join(f"<p>{s}</p>" for s in BODY)


def html(head: str = "", top: str = "", aside: str = "") -> str:
    return (f"<html><head><title>{TITLE}_科技_某某网</title>{head}</head><body><article><h1>{TITLE}</h1>{top}{ARTICLE}"
            f"</article>{aside}</body></html>")


@pytest.mark.parametrize("markup, date, basis", [
    (html('<meta property="article:published_time" content="2025-01-03T08:42:00+08:00">'), "2025-01-03", "metadata"),
    (html('<meta name="pubdate" content="Fri, 03 Jan 2025 08:42:00 +0800">'), "2025-01-03", "metadata"),
    (html('<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2025-01-05T10:00:00+08:00",'
          '"datePublished":"2025-01-03T08:42:00+08:00"}</script>'), "2025-01-03", "metadata"),
    (html(top='<span itemprop="datePublished" content="2025-01-03">2025年1月3日</span>'), "2025-01-03", "metadata"),
    (html(top='<time datetime="2025-01-03T08:42:00+08:00">1月3日 08:42</time>'), "2025-01-03", "metadata"),
    # a <time> outside the article dates another page; the text's own date line is read
    (html(top="<p>2025-01-03 08:42 来源：某某网</p>", aside="<aside><time datetime='2024-12-30'>12-30</time></aside>"),
     "2025-01-03", "text"),
    # an 'updated' meta tag is no publication date: the published label in the text is
    (html('<meta property="article:modified_time" content="2025-01-05T10:00:00+08:00">', top="<p>发布时间：2025-01-03</p>"),
     "2025-01-03", "text"),
])
def test_html_dates_published_over_modified_and_the_article_s_own_time(tmp_path, markup, date, basis):
    row = read(tmp_path, markup, "page.html")
    assert row["published"] == date and row["published_basis"].startswith(basis)


def test_an_html_page_whose_only_time_element_sits_outside_the_article_gets_no_date(tmp_path):
    row = read(tmp_path, html(aside="<aside><time datetime='2024-12-30'>12-30</time> 相关阅读</aside>"), "page.html")
    assert row["published"] == ""


# ---------------------------------------------------------------- titles
@pytest.mark.parametrize("headline", [
    TITLE + " 阅读 1.2万", TITLE + "阅读1.2万", TITLE + " 浏览量：3456", TITLE + " 1.2万阅读",  # a view counter
])
def test_a_view_counter_after_the_headline_is_no_part_of_the_title(headline):
    assert clean_text("\n".join([headline, "2025-01-03 08:42", *BODY])).title == TITLE


def test_a_headline_ending_in_a_digit_keeps_it():
    assert clean_text("\n".join(["开源模型排行榜前10", "2025-01-03 08:42", *BODY])).title == "开源模型排行榜前10"


@pytest.mark.parametrize("lines", [
    [TITLE, TITLE, "2025-01-03 08:42", *BODY],  # the headline printed twice
    [TITLE, "2025-01-03 08:42", TITLE, *BODY],
    ["当前位置：首页 > 科技 > 正文", TITLE, TITLE, *BODY],
])
def test_a_headline_repeated_on_the_next_line_counts_once(lines):
    cleaned = clean_text("\n".join(lines))
    assert cleaned.title == TITLE and cleaned.text.count(TITLE) == 1


def test_list_items_under_the_headline_are_no_title():
    lines = ["你可能正在违反某模型的社区许可协议", "2025-03-28 · 10分钟 · 某作者", "目录",
             "- 我真的同意了任何许可协议吗？", "- 为什么必须在产品上标注模型名称？", *BODY]
    assert clean_text("\n".join(lines)).title == "你可能正在违反某模型的社区许可协议"


def test_a_headline_below_a_date_line_is_still_found_when_nothing_headline_like_sits_above():
    lines = ["某某部 演讲稿 · 2025-10-15", TITLE, *BODY]
    assert clean_text("\n".join(lines)).title == TITLE
