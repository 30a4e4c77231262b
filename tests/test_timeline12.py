"""Session 12 (issue 18): classes found on real pages of 2023-2026 AI coverage that dev rarely shows.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (section 12, session 12)."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- the first day / week / month of a launch

def test_the_first_day_of_a_launch_is_the_launch_day(resolved):
    got = resolved(["DeepSeek于1月20日发布R1。", "2023年，它还只是一家小公司。", "上线首日，下载量就突破百万。"], "2025-03-02")
    assert got["首日"] == ("2025-01-20", "2025-01-20", "previous")


def test_the_first_week_of_a_public_beta_is_seven_days_from_its_day(resolved):
    got = resolved(["这款应用于2025年3月6日开启公测。", "公测首周，用户数突破百万。"], "2025-06-01")
    assert got["首周"] == ("2025-03-06", "2025-03-12", "previous")


def test_the_first_month_of_a_launch_runs_a_month_from_its_day(resolved):
    got = resolved(["千问App于11月17日上线。", "上线首月，月活用户就超过一千万。"], "2026-01-10")
    assert got["首月"] == ("2025-11-17", "2025-12-16", "previous")


@pytest.mark.parametrize("sentence", ["新用户首月免费，次月起按月收费。", "首日封是集邮爱好者的收藏品。"])
def test_a_first_month_or_day_not_after_an_event_word_is_no_date(sentence, resolved):
    got = resolved(["这家公司于2025年3月6日发布新模型。", sentence], "2025-06-01")
    assert not {"首月", "首日"} & set(got)


# ---------------------------------------------------------------- a two-digit year listed after a four-digit one

def test_a_two_digit_year_listed_after_a_year_is_that_century(resolved):
    got = resolved(["这家公司在2017年及18年两度裁员。"], "2024-06-12")
    assert got["2017年"][:2] == ("2017-01-01", "2017-12-31") and got["18年"][:2] == ("2018-01-01", "2018-12-31")


@pytest.mark.parametrize("sentence, count", [("与2023年和10年前相比，训练成本大降。", "10年前"),
                                             ("任期为5年和10年的两份合同。", None)])
def test_a_count_of_years_after_a_year_is_no_listed_year(sentence, count, resolved):
    got = resolved([sentence], "2025-06-12")
    assert "10年" not in got and (count is None or got[count][:2] == ("2015-01-01", "2015-12-31"))


# ---------------------------------------------------------------- an interval told back from its event

def test_an_interval_told_back_from_its_sentence_date_restates_it(resolved):
    got = resolved(["2023年，公司换了首席执行官。", "2024年报显示，公司营收增长12%，时隔两年重回双位数增长。", "同期，净利润也回升。"],
                   "2025-04-21")
    assert got["时隔两年"][:2] == ("2024-01-01", "2024-12-31") and got["同期"][:2] == ("2024-01-01", "2024-12-31")


def test_an_article_initial_interval_takes_the_date_its_sentence_tells_after_it(resolved):
    got = resolved(["时隔五年之后，OpenAI昨天正式发布了两款开源权重模型。"], "2025-08-06")
    assert got["时隔五年之后"][:2] == ("2025-08-05", "2025-08-05")


def test_an_interval_after_a_date_it_follows_still_counts_forward(resolved):
    got = resolved(["2019年，他离开了OpenAI。", "2019年离开后，时隔五年，他又回到了这家公司。"], "2025-06-01")
    assert got["时隔五年"][:2] == ("2024-01-01", "2024-12-31")


def test_an_interval_whose_clause_ends_with_hou_counts_forward(resolved):
    got = resolved(["2019年，他离开了公司。", "时隔五年重回OpenAI后，他于2024年3月发布新模型。"], "2025-06-01")
    assert got["时隔五年"][:2] == ("2024-01-01", "2024-12-31")


# ---------------------------------------------------------------- a plan told in a dated report

def test_a_plan_a_report_tells_is_not_read_before_the_report(resolved):
    got = resolved(["去年12月有报道称，这家公司计划今年第1季推出新模型。"], "2026-01-21")
    assert got["今年第1季"][:2] == ("2026-01-01", "2026-03-31")


def test_a_plan_after_its_report_still_reads_from_the_report(resolved):
    got = resolved(["奥特曼去年12月表示，公司将在明年推出新模型。"], "2026-01-21")
    assert got["明年"][:2] == ("2026-01-01", "2026-12-31")


# ---------------------------------------------------------------- 近日 right after a future cue

def test_recent_days_right_after_a_future_cue_are_the_days_ahead(resolved):
    assert resolved(["这家实验室的新引擎将于近日上线。"], "2023-06-11")["近日"][:2] == ("2023-06-11", "2023-07-11")


@pytest.mark.parametrize("sentence", ["OpenAI近日表示将开源一款模型。", "近日，OpenAI表示将开源一款模型。"])
def test_recent_days_with_a_plan_told_further_on_stay_the_month_before(sentence, resolved):
    assert resolved([sentence], "2025-06-11")["近日"][:2] == ("2025-05-11", "2025-06-11")
