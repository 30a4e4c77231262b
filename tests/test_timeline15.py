"""Session 15 (issue 18): date and event classes counted on dev and on new real pages of 2023-2026 AI coverage
(Taiwanese results news on AI-server suppliers, model releases announced on platforms).

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked answer out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (session 15)."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- a results page's bare quarter: calendar months

@pytest.mark.parametrize("texts, published, expression, start, end", [
    (["某封测厂商30日举行法说会，公布第3季营收季增11.8%。"], "2025-10-30", "第3季", "2025-07-01", "2025-09-30"),
    (["某封测厂商30日举行法说会。", "公司预期第4季整体营收将季增1%至2%。"], "2025-10-30", "第4季", "2025-10-01",
     "2025-12-31"),
    (["这家电源厂昨天公布财报。", "第三季则小幅亏损。"], "2025-11-12", "第三季", "2025-07-01", "2025-09-30"),
    (["这家服务器厂第一季每股盈余3元。"], "2026-05-14", "第一季", "2026-01-01", "2026-03-31"),
])
def test_a_bare_quarter_of_a_results_page_without_a_fiscal_calendar_is_the_calendar_quarter(
        texts, published, expression, start, end, resolved):
    assert resolved(texts, published)[expression] == (start, end, "publication")


def test_a_bare_quarter_of_a_company_with_a_fiscal_calendar_stays_fiscal(resolved):
    got = resolved(["辉达周三（27日）公布财报，第2季营收超出预期。"], "2025-08-28")
    assert got["第2季"] == ("2025-05-01", "2025-07-31", "publication")


@pytest.mark.parametrize("texts", [
    ["这部剧的第二季昨天上线。"],                     # a season of a series: no results word
    ["这家公司公布第三财季营收。"],                   # the article says fiscal, and the calendar is not known
])
def test_a_season_or_an_unknown_fiscal_quarter_stays_unresolved(texts, resolved):
    got = resolved(texts, "2025-11-12")
    assert all(v[:2] == ("", "") for k, v in got.items() if "季" in k)


def test_a_bare_quarter_is_the_latest_one_begun_by_publication(resolved):
    got = resolved(["法人预估，第三季获利总和已超越第二季表现。"], "2025-11-19")
    assert got["第二季"] == ("2025-04-01", "2025-06-30", "publication")   # not next year's, though nearer


# ---------------------------------------------------------------- 近期: the recent past unless a future cue

@pytest.mark.parametrize("sentence, start, end", [
    ("首席AI科学家近期宣布离职。", "2025-09-11", "2025-12-11"),
    ("谷歌近期发布的Gemini 3表现出色。", "2025-09-11", "2025-12-11"),
    ("两个团队近期已经合并。", "2025-09-11", "2025-12-11"),
    ("权重与推理代码将于近期上线。", "2025-12-11", "2026-03-11"),
    ("公司近期内将推出新模型。", "2025-12-11", "2026-03-11"),
])
def test_jinqi_is_the_three_months_before_publication_unless_a_future_cue(sentence, start, end, resolved):
    assert resolved([sentence], "2025-12-11")["近期"][:2] == (start, end)


def test_a_decade_with_a_space_before_niandai_is_the_decade(resolved):
    got = resolved(["2000 年代中期，芯片行业转向多核架构。"], "2026-02-17")
    assert got["2000 年代"][:2] == ("2000-01-01", "2009-12-31")
