"""Title, outlet, author, date and junk classes of issue #15 found on unseen pages (session 13, evaluation/SHAPES.md section
14): one short page per class, written for these tests (a headline, the metadata line, body sentences), read as
`kaiyuan run` reads a .txt file (corpus.process_file); the hand-read title, date, outlet, author and clean text out.
No page text."""
from __future__ import annotations

import pytest

from metadata_pages import BODY, BODY_TW, TITLE, process_page  # tests/metadata_pages.py


def read(tmp_path, *lines: str) -> tuple[dict, str]:
    article = process_page(tmp_path, "\n".join(lines))
    return article.row, article.clean


def head(row: dict) -> tuple[str, str, str, str]:
    return row["title"], row["published"], row["outlet"], row["author"]


# ---------------------------------------------------------------- 1. an opinion page's '<tag><name>:<headline>'
def test_an_opinion_tag_before_name_colon_headline_names_the_writer(tmp_path):
    # 【來論】<name>:<headline> = a contributed commentary by <name>
    row, clean = read(tmp_path, "【來論】林曉東:香港如何把握開源模型的機遇", "2025-03-18 11:02 | 稿件來源:某某新聞網", *BODY_TW)
    assert head(row) == ("香港如何把握開源模型的機遇", "2025-03-18", "某某新聞網", "林曉東")
    assert "林曉東" not in clean


def test_a_name_colon_headline_without_an_opinion_tag_is_a_quote(tmp_path):
    # on a news page '<name>：<headline>' is the speaker the headline quotes, not the writer
    row, _ = read(tmp_path, "王小明：开源是大模型的唯一出路", "2025-03-18 11:02 来源：某某网", *BODY)
    assert head(row) == ("王小明：开源是大模型的唯一出路", "2025-03-18", "某某网", "")


# ---------------------------------------------------------------- 2. an e-paper's '<column>/<headline>\<name>'
@pytest.mark.parametrize("line, author", [
    ("隔岸觀察/開源模型的下一步在哪裡\\林曉東", "林曉東"),
    ("?隔岸觀察/開源模型的下一步在哪裡\\林曉東", "林曉東"),  # a lost glyph opening the line
    ("頭條手記/開源模型的下一步在哪裡\\沈 金", "沈金"),      # a name spaced out over two characters is one name
])
def test_an_e_paper_head_with_column_and_writer_gives_headline_and_author(tmp_path, line, author):
    row, clean = read(tmp_path, line, *BODY_TW)
    assert (row["title"], row["author"]) == ("開源模型的下一步在哪裡", author)
    assert author not in clean


# ---------------------------------------------------------------- 3. a WeChat-style '<account> <date>' line
@pytest.mark.parametrize("line, outlet", [
    ("开源观察室 2025年04月09日 08:30 北京", "开源观察室"),  # account, date, time, place
    ("AI前线 2025-04-09 12:00", "AI前线"),                 # Latin letters beside Chinese characters
    ("硅基研究所· 2025-04-09 00:03", "硅基研究所"),          # an aggregator's account strip with a dot
    ("王小明 2025-04-09 12:00", ""),                        # a two- or three-character name is a writer's, no account
    ("北京时间 2025-04-09 12:00", ""),                      # a label is no account
    ("科技专栏 2025-04-09 09:30 台北", ""),                 # a column of the site is no account
])
def test_an_account_before_the_date_is_the_outlet(tmp_path, line, outlet):
    row, clean = read(tmp_path, TITLE, line, *BODY)
    assert (row["published"], row["outlet"]) == ("2025-04-09", outlet)
    assert "2025" not in clean.split("\n")[0]


# ---------------------------------------------------------------- 4. bios name no outlet and no date
def test_an_owner_line_names_the_outlet_over_an_account_line(tmp_path):
    # '<column> <date> <place>' under the headline, a follow prompt naming the account at the foot: the account
    row, _ = read(tmp_path, TITLE, "AI观察 2025-04-09 21:30 浙江", *BODY, '点击下方卡片，关注"某某边疆"公众号')
    assert (row["published"], row["outlet"]) == ("2025-04-09", "某某边疆")


def test_a_bio_with_a_career_clause_is_junk_and_names_no_outlet_or_date(tmp_path):
    row, clean = read(tmp_path, TITLE, *BODY, "（作者系某某日报评论员，2025年1月3日起任某某研究院院长）")
    assert head(row) == (TITLE, "", "", "")
    assert "作者系" not in clean


def test_a_bio_holding_a_full_date_gives_no_publication_date(tmp_path):
    row, _ = read(tmp_path, TITLE, *BODY, "（作者系某某日报评论员，2025年1月3日）")
    assert (row["published"], row["outlet"]) == ("", "")


def test_a_bio_without_brackets_alone_on_its_line_is_junk(tmp_path):
    row, clean = read(tmp_path, TITLE, *BODY, "作者为某某大学教授、某某研究院研究员")
    assert "作者为" not in clean and row["title"] == TITLE


def test_a_bio_with_a_disclaimer_is_not_read_as_a_bio_and_a_sentence_stays(tmp_path):
    _, clean = read(tmp_path, TITLE, *BODY, "作者为了验证这一点，重新训练了三个版本的模型。")
    assert "作者为了验证" in clean


# ---------------------------------------------------------------- 5. a paper's name glued to the date line's time
def test_a_paper_glued_to_the_time_is_the_outlet_not_the_writer(tmp_path):
    row, _ = read(tmp_path, TITLE, "2025-05-02 05:02:02某某報", *BODY_TW)
    assert (row["published"], row["outlet"], row["author"]) == ("2025-05-02", "某某報", "")


def test_a_name_glued_to_the_time_stays_the_writer(tmp_path):
    row, _ = read(tmp_path, TITLE, "2024-08-13 00:00:00林曉東", *BODY_TW)
    assert (row["published"], row["outlet"], row["author"]) == ("2024-08-13", "", "林曉東")


# ---------------------------------------------------------------- 6. a site's role over the date line
@pytest.mark.parametrize("role", ["创始人", "管理员", "站长"])
def test_a_site_role_over_the_date_line_is_no_author(tmp_path, role):
    row, _ = read(tmp_path, TITLE, role, "2025-12-09 18:15:10", *BODY)
    assert (row["published"], row["author"]) == ("2025-12-09", "")


# ---------------------------------------------------------------- 7. a forum's repost disclaimer
def test_a_forum_disclaimer_is_junk_and_the_headline_under_it_is_found(tmp_path):
    disclaimer = "此文章由 某某用户 原创或转贴,不代表本站立场和观点,版权归 某某论坛 和作者所有!转贴必须注明作者、出处和本声明"
    row, clean = read(tmp_path, disclaimer, "本帖最后由 某某用户 于 2025-3-21 08:51 编辑", TITLE, *BODY)
    assert (row["title"], row["published"]) == (TITLE, "2025-03-21")
    assert "不代表本站" not in clean


# ---------------------------------------------------------------- 8. a summary bullet with citation marks
def test_a_line_closed_by_citation_marks_is_never_the_headline(tmp_path):
    bullet = "开源机制的战略意义 - 开源成为推动人工智能生态和产业落地的关键机制和长期路线[1][2]"
    row, clean = read(tmp_path, TITLE, "第一财经·2025-08-29 14:58", bullet, *BODY)
    assert (row["title"], row["published"], row["outlet"]) == (TITLE, "2025-08-29", "第一财经")
    assert bullet in clean


# ---------------------------------------------------------------- 9. a wire dateline followed by a slash
def test_a_wire_dateline_with_a_slash_names_the_agency_and_leaves_the_sentence(tmp_path):
    first = "某某社北京9月18日電／據某某報報導，特區政府宣布成立人工智能研發院，推動開源模型在本地落地。"
    row, clean = read(tmp_path, TITLE, first, *BODY_TW)
    assert row["outlet"] == "某某社"
    assert clean.split("\n")[1].startswith("據某某報報導")


# ---------------------------------------------------------------- 10. a page that shows no date
def test_a_page_with_a_date_only_inside_a_sentence_gets_none(tmp_path):
    row, _ = read(tmp_path, TITLE, "吉隆坡，2026年1月12日，某某委员会宣布暂停一款对话式人工智能的访问，引发广泛讨论。", *BODY)
    assert row["published"] == ""
