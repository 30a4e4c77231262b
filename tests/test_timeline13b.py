"""Session 13b (issue 18): date classes of the new dev articles d64-d69 that also occur elsewhere (other dev
articles, real pages of AI and company-results coverage).

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- a bare count of hours after the date just told

@pytest.mark.parametrize("later", ["几个小时后", "数小时后", "两小时后", "三个钟头后"])
def test_hours_after_the_date_just_told_stay_on_its_day(later, resolved):
    got = resolved(["11月5日，这家公司的创始人接受采访时称对手会赢。", f"{later}，公司通过官方账号改口。"], "2025-11-08")
    assert got[later] == ("2025-11-05", "2025-11-05", "previous")


def test_a_day_or_more_of_hours_is_not_read_as_the_same_day(resolved):
    got = resolved(["11月5日，这家公司发布新模型。", "48小时后，下载量突破十万。"], "2025-11-08")
    assert "48小时后" not in got


# ---------------------------------------------------------------- quarters counted like months

def test_the_past_four_quarters_run_from_the_quarter_four_back_to_publication(resolved):
    got = resolved(["“过去四个季度，我们在AI上的投入环比增长超过50%。”"], "2025-12-19")
    assert got["过去四个季度"] == ("2024-10-01", "2025-12-19", "publication")


def test_quarters_ago_is_that_calendar_quarter(resolved):
    got = resolved(["两个季度前，公司发布了第一代模型。"], "2025-11-25")
    assert got["两个季度前"] == ("2025-04-01", "2025-06-30", "publication")


# ---------------------------------------------------------------- a quarter that ends at a deadline

@pytest.mark.parametrize("sentence, expression, start, end", [
    ("出口管制让这家公司在截至4月的季度少收约25亿美元。", "截至4月的季度", "2025-02-01", "2025-04-30"),
    ("公司公布了截至4月30日的2026财年第一财季财报。", "截至4月30日的2026财年第一财季", "2025-02-01", "2025-04-30"),
    ("公司公布截至2025年4月27日的第一季度收入为441亿美元。", "截至2025年4月27日的第一季度", "2025-01-28", "2025-04-27"),
])
def test_a_quarter_up_to_a_deadline_is_the_three_months_ending_there(sentence, expression, start, end, resolved):
    got = resolved([sentence], "2025-11-08")
    assert got[expression][:2] == (start, end)
    assert "第一季度" not in got and "第一财季" not in got
