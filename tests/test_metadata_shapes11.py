"""Date, outlet, author and title classes of issue #15 found on unseen pages (session 11, evaluation/SHAPES.md section
12): one short page or credit line per class, written for these tests (a headline, the metadata line, body sentences),
read as `kaiyuan run` reads a .txt file (corpus.process_file); the hand-read date, outlet, author, title and clean text
out. No page text."""
from __future__ import annotations

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import credit_fields, find_credits

from metadata_pages import BODY, BODY_TW, TITLE, TITLE_TW, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str) -> tuple[dict, str]:
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


# ---------------------------------------------------------------- 1. a spam mirror's residue on a date line
@pytest.mark.parametrize("line, date, outlet", [
    # pinyin after each character of the labels: 來(lái)源 source, 點(diǎn)擊 clicks
    ("來(lái)源:某某網 example.org 日期:2023-08-01 點(diǎn)擊:", "2023-08-01", "某某網"),
    # a '?' where the separator glyph was lost, between the outlet, its labels, the date and a view counter
    ("某某設(shè)計(jì) ? 來源:某某設(shè)計(jì) ? 2020-12-08 22:15 ? 次閱讀", "2020-12-08", "某某設計"),
])
def test_a_date_line_with_a_mirrors_residue_gives_the_date(tmp_path, line, date, outlet):
    row, clean = read(tmp_path, TITLE_TW, line, *BODY_TW)
    assert (row["published"], row["outlet"]) == (date, outlet)
    assert "2020-12-08" not in clean and "2023-08-01" not in clean


def test_a_sentence_with_a_mirrors_residue_and_a_date_gives_none(tmp_path):
    sentence = "某團隊於2023年8月1日發(fā)布新模型，並附上詳細的訓練報告，引發(fā)業界關注。"
    row, _ = read(tmp_path, TITLE_TW, sentence, *BODY_TW)
    assert row["published"] == ""


def test_a_byline_with_a_mirrors_residue_is_a_byline_and_keeps_its_spaces():
    line = "某某週末記者 王小明 某某週末實(shí)習(xí)生 李華 張偉"
    cleaned = clean_text("\n".join([TITLE_TW, line, *BODY_TW]))
    assert [r.reason for r in cleaned.removed] == ["byline"]
    assert cleaned.text.split("\n") == [TITLE_TW, *BODY_TW]


# ---------------------------------------------------------------- 2. an outlet's editor's note label
def test_an_editors_note_label_names_the_outlet_and_the_note_stays(tmp_path):
    note = "6 月 27 日至 29 日，某某大会在深圳举行，来自产学研各领域的专家齐聚于此。"
    row, clean = read(tmp_path, TITLE, "某某网 AI 科技评论按：" + note, *BODY)
    assert row["outlet"] == "某某网"
    assert clean.split("\n")[1] == note


@pytest.mark.parametrize("label", ["编者按：", "本报按："])
def test_an_editors_note_of_no_named_outlet_stays_whole(tmp_path, label):
    line = label + "一年前，某公司首席执行官还在公开场合为开源模型辩护。"
    row, clean = read(tmp_path, TITLE, *BODY[:1], line, *BODY[1:])
    assert row["outlet"] == "" and line in clean


# ---------------------------------------------------------------- 3. an outlet's name running into the reporter label
@pytest.mark.parametrize("line, author, outlet", [
    ("某某周末记者 王小明", "王小明", "某某周末"),          # the name ends in no outlet word
    ("21世纪某某报道记者王小明 实习生李华 博鳌报道", "王小明", "21世纪某某报道"),  # digits first, 报道 last
    ("某某社驻华盛顿记者 王小明", "王小明", "某某社"),     # stationed in Washington
    ("本报记者 王小明", "王小明", ""),                     # a label opens the line: no outlet
    ("特约记者 王小明", "王小明", ""),
])
def test_an_outlet_running_into_the_reporter_label_is_the_outlet(line, author, outlet):
    assert find_credits([("byline", line)]) == (author, outlet)


def test_an_interns_credit_with_the_outlets_name_is_a_byline():
    cleaned = clean_text("\n".join([TITLE, "某某周末记者 王小明", BODY[0], "某某周末实习生 李华 张伟", *BODY[1:]]))
    assert [r.reason for r in cleaned.removed] == ["byline", "byline"]


# ---------------------------------------------------------------- 4. a Latin name alone under the headline
def test_a_latin_name_under_the_headline_is_the_author(tmp_path):
    row, clean = read(tmp_path, TITLE + " | 某某早报", "Annika Lindqvist", *BODY)
    assert (row["author"], row["outlet"]) == ("Annika Lindqvist", "某某早报")
    assert "Annika" not in clean


# ---------------------------------------------------------------- 5. sources named without an outlet word
@pytest.mark.parametrize("line, date, outlet", [
    # a tech site whose name ends in 之家 (home of), after the date and time
    ("2024年06月15日 13:43 某某之家", "2024-06-15", "某某之家"),
    # an aggregator's source strip naming the outlet in romanised syllables (人民日报 -> Ren Min Ri Bao)
    ("Ren Min Ri Bao·2025-11-04 22:06", "2025-11-04", "Ren Min Ri Bao"),
    ("Mou Mou Guan Cha Bao·2026-02-20 13:56", "2026-02-20", "Mou Mou Guan Cha Bao"),
    # a personal name in two words is no outlet
    ("Zhang Shidong·2025-11-04 22:06", "2025-11-04", ""),
])
def test_a_date_line_names_an_outlet_without_an_outlet_word(tmp_path, line, date, outlet):
    row, _ = read(tmp_path, TITLE, line, *BODY)
    assert (row["published"], row["outlet"]) == (date, outlet)


@pytest.mark.parametrize("line, outlet", [
    ("时间: 来源: example.de", "example.de"),      # an empty date label, then the source: a credit line
    ("来源：www.example.com", "www.example.com"),  # a site's domain alone names it
    ("来源：https://www.example.com/a/1.html", ""),  # a link to a page names no outlet
])
def test_a_domain_named_as_the_source_is_the_outlet(tmp_path, line, outlet):
    row, clean = read(tmp_path, TITLE, line, *BODY)
    assert row["outlet"] == outlet
    assert "example" not in clean


def test_credit_fields_keep_a_domain_and_drop_a_link():
    assert credit_fields("来源: www.example.com.cn 作者：王小明") == {"outlet": "www.example.com.cn", "author": "王小明"}
    assert credit_fields("文章来源:https://example.com/a/b") == {}


# ---------------------------------------------------------------- 6. a breadcrumb that ends in the headline
def test_a_breadcrumb_ending_in_the_headline_is_navigation_not_the_title():
    crumb = "当前位置:首页 > 数码 > " + TITLE + "：从权重到训练报告的全面开放"
    cleaned = clean_text("\n".join([crumb, TITLE + "：从权重到训练报告的全面开放", *BODY]))
    assert cleaned.title == TITLE + "：从权重到训练报告的全面开放"
    assert [r.reason for r in cleaned.removed] == ["breadcrumb"]


# ---------------------------------------------------------------- 7. junk on unseen pages
@pytest.mark.parametrize("line, reason", [
    ("在这里插入图片描述", "photo_credit"),  # a blog editor's image placeholder left as text
    ("5月前", "page_furniture"),            # five months ago, alone under the headline
    ("编|王小明", "byline"),               # edited by, under '文|<name>'
])
def test_junk_lines_of_unseen_pages_go(line, reason):
    cleaned = clean_text("\n".join([TITLE, line, *BODY]))
    assert [(r.reason, r.text) for r in cleaned.removed] == [(reason, line)]
    assert cleaned.text.split("\n") == [TITLE, *BODY]


@pytest.mark.parametrize("line", ["5月前后，该公司发布了新版模型的全部权重。", "3天前，某团队在社区平台公开了模型。"])
def test_a_sentence_opening_with_a_relative_date_stays(line):
    assert line in clean_text("\n".join([TITLE, line, *BODY])).text


# ---------------------------------------------------------------- 8. a writer's name alone over the date line
@pytest.mark.parametrize("lines, author", [
    ((TITLE, "林若舟", "2025年2月5日", *BODY), "林若舟"),                     # a name over the date line
    ((TITLE, "作者头像", "云端风信子", "发布2025-11-16 12:34:30", *BODY), "云端风信子"),  # a pen name under the avatar
    ((TITLE, "科技", "2025年2月5日", *BODY), ""),                            # a section word is no name
    ((TITLE_TW, "人工智慧", "分享至：Facebook LINE X 複製連結", *BODY_TW), ""),  # a category tag over a share bar
])
def test_a_name_alone_over_the_date_line_is_the_author(tmp_path, lines, author):
    row, clean = read(tmp_path, *lines)
    assert row["author"] == author
    assert lines[1] not in clean


# ---------------------------------------------------------------- 9. words where an outlet would stand that are none
@pytest.mark.parametrize("lines", [
    (TITLE_TW, "人工智能 新聞", *BODY_TW),                # a category tag line: a topic and 'news'
    ("首页>协会服务>", "项目申报", TITLE, "2019-11-20", *BODY),  # a section ending in 申报 (declare) above the headline
    # a spam keyword line whose tail cleaning cut as a title suffix, before the real headline was found
    ("精品某某一区二区在线观看 _某某免费观看_某某久久在线观看", TITLE, *BODY),
])
def test_tags_sections_and_spam_suffixes_name_no_outlet(tmp_path, lines):
    row, _ = read(tmp_path, *lines)
    assert row["outlet"] == ""


# ---------------------------------------------------------------- 10. 点赞 (praise) in a headline is no like prompt
def test_a_headline_praising_with_dianzan_is_the_title_and_prompts_still_go():
    headline = "某公司创始人点赞国产开源大模型，国产方案成国际市场新宠"
    cleaned = clean_text("\n".join([headline, *BODY, "觉得有用，就点个“赞”和“在看”吧", "记得点赞、在看、转发"]))
    assert cleaned.title == headline
    assert [r.reason for r in cleaned.removed] == ["share_prompt", "share_prompt"]


@pytest.mark.parametrize("kicker", ["独家", "原创", "深度"])
def test_a_kicker_word_over_the_date_line_is_no_author(tmp_path, kicker):
    row, _ = read(tmp_path, TITLE, kicker, "2025年2月5日", *BODY)
    assert row["author"] == ""
