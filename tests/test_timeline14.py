"""Session 14 (issue 18): date classes counted on dev and on 30 new real pages of 2023-2026 AI coverage
(company results, WAIC, DeepSeek, Qwen, Nvidia).

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (session 14)."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- this year up to the reference date

@pytest.mark.parametrize("sentence, expression", [
    ("今年以来，全球基础模型公司已累计融资700亿美元。", "今年以来"),
    ("这家公司的股价今年迄今涨幅达33%。", "今年迄今"),
    ("该指数今年至今上涨三成。", "今年至今"),
    ("年初至今，开源模型的下载量翻了一番。", "年初至今"),
])
def test_so_far_this_year_runs_from_new_year_to_publication(sentence, expression, resolved):
    got = resolved([sentence], "2025-08-26")
    assert got[expression] == ("2025-01-01", "2025-08-26", "publication")
    assert "今年" not in got and "迄今" not in got and "至今" not in got


def test_so_far_this_year_in_a_dated_report_ends_at_the_report(resolved):
    got = resolved(["一家美国报纸13日报导，中国今年以来在AI领域接连取得进展。"], "2025-08-14")
    assert got["今年以来"] == ("2025-01-01", "2025-08-13", "previous")


def test_this_year_to_the_end_of_the_year_is_still_a_range(resolved):
    got = resolved(["公司计划今年至今年底完成开源。"], "2025-03-01")
    assert "今年至今" not in got and got["今年至今年底"][:2] == ("2025-01-01", "2025-12-31")


# ---------------------------------------------------------------- a company's fiscal year, quarter or half

@pytest.mark.parametrize("sentence, expression, start, end", [
    ("阿里巴巴发布2026财年第二季度财报，云业务收入增长34%。", "2026财年第二季度", "2025-07-01", "2025-09-30"),
    ("辉达将于周三公布2026 会计年度第二季财报。", "2026 会计年度第二季", "2025-05-01", "2025-07-31"),
    ("英伟达预计2026财年第3季营收为540亿美元。", "2026财年第3季", "2025-08-01", "2025-10-31"),
    ("微软2026财年上半年的资本开支超过800亿美元。", "2026财年上半年", "2025-07-01", "2025-12-31"),
    ("英伟达2026财年的营收创新高。", "2026财年", "2025-02-01", "2026-01-31"),
])
def test_a_fiscal_quarter_is_counted_in_the_companys_fiscal_year(sentence, expression, start, end, resolved):
    got = resolved([sentence], "2025-08-26")
    assert got[expression][:2] == (start, end)


def test_the_company_may_be_named_in_an_earlier_sentence(resolved):
    got = resolved(["阿里巴巴周二公布业绩。", "2026财年第二季度，云业务收入同比增长34%。"], "2025-11-25")
    assert got["2026财年第二季度"][:2] == ("2025-07-01", "2025-09-30")


def test_a_fiscal_year_of_an_unknown_company_is_not_guessed(resolved):
    got = resolved(["这家公司2026财年第二季度营收增长。"], "2025-11-25")
    assert got["2026财年第二季度"][:2] == ("", "")


def test_a_fiscal_quarter_inside_a_deadline_window_stays_in_the_window(resolved):
    got = resolved(["辉达公布了截至4月27日的2026财年第一财季财报。"], "2025-08-26")
    assert got["截至4月27日的2026财年第一财季"][:2] == ("2025-01-28", "2025-04-27")
    assert "2026财年第一财季" not in got


# ---------------------------------------------------------------- a quarter told without its year

def test_a_bare_quarter_of_a_results_page_is_that_fiscal_quarter_nearest_publication(resolved):
    got = resolved(["辉达周三（27日）公布财报，第2季营收超出预期。", "分析师关注第3季展望。"], "2025-08-28")
    assert got["第2季"] == ("2025-05-01", "2025-07-31", "publication")
    assert got["第3季"] == ("2025-08-01", "2025-10-31", "publication")


def test_a_season_of_a_series_is_no_quarter(resolved):
    got = resolved(["这部剧的第二季昨天上线。"], "2025-08-28")
    assert got["第二季"][:2] == ("", "")


def test_a_calendar_quarter_word_keeps_its_calendar_reading(resolved):
    got = resolved(["Meta第二季度营收达475亿美元。"], "2025-07-31")
    assert got["第二季度"][:2] == ("2025-04-01", "2025-06-30")


# ---------------------------------------------------------------- that quarter

def test_that_quarter_refers_back_to_the_quarter_not_to_the_reports_day(resolved):
    got = resolved(["11月25日，阿里巴巴发布2026财年第二季度财报。", "该季度阿里云经调整EBITA为36亿元。"], "2025-11-25")
    assert got["该季度"] == ("2025-07-01", "2025-09-30", "previous")
