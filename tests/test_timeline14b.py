"""Session 14b (issue 18): date classes found in the errors of the new dev articles d70-d75, counted on the rest of
dev and on real pages.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (session 14b)."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- 当季: that quarter, after a quarter told

def test_dang_ji_after_a_quarter_is_that_quarter(resolved):
    got = resolved(["这家公司8月公布第二季度财报，当季营收同比增长两成。"], "2025-11-20")
    assert got["当季"][:2] == ("2025-04-01", "2025-06-30")


def test_dang_ji_skips_a_month_told_in_between(resolved):
    got = resolved(["公司11月13日公布第三季度业绩。", "财报显示，公司当季研发支出创下新高。"], "2025-11-16")
    assert got["当季"][:2] == ("2025-07-01", "2025-09-30")


@pytest.mark.parametrize("sentence", [
    "2025年1月，超市里的当季水果价格回落。",
    "2025年1月，正当季的草莓最受欢迎。",
])
def test_dang_ji_of_goods_is_in_season_not_a_date(sentence, resolved):
    assert "当季" not in resolved([sentence], "2025-02-01")


# ---------------------------------------------------------------- 发布几天内: within N units after the event

def test_within_days_of_a_release_runs_from_the_next_day(resolved):
    got = resolved(["7月11日，这家公司开源了新模型。", "新模型上线两天内在排行榜上的调用量超过了对手。"], "2025-07-20")
    assert got["上线两天内"] == ("2025-07-12", "2025-07-13", "previous")


def test_within_a_few_days_of_a_release_ends_at_publication(resolved):
    got = resolved(["本周一（10月27日），这家公司发布了新模型。", "新模型发布几天内就冲上了排行榜前列。"], "2025-10-30")
    assert got["发布几天内"] == ("2025-10-28", "2025-10-30", "previous")


def test_a_count_after_the_release_is_still_that_day(resolved):
    got = resolved(["7月11日，这家公司开源了新模型。", "新模型上线两天后调用量超过了对手。"], "2025-07-20")
    assert got["上线两天后"][:2] == ("2025-07-13", "2025-07-13")


def test_within_days_of_a_week_is_no_date(resolved):
    got = resolved(["9月29日，这家公司发布了新模型。", "至少在这一周，开发者的选择很明确——新模型发布几天内就冲上了前列。"],
                   "2025-10-30")
    assert "发布几天内" not in got or got["发布几天内"][:2] == ("", "")


def test_dang_ji_after_other_dates_told_is_left_unresolved(resolved):
    got = resolved(["公司公布第二季度财报，当季资本开支增长一倍。", "9月16日，公司高管在大会上透露新数据。",
                    "在本周的电话会上，有分析师追问。", "财报显示，公司当季研发支出创下新高。"], "2025-11-16")
    assert got["当季"][:2] == ("", "")
