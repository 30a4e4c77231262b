"""Session 10b (issue 18): classes found on real pages of 2025-2026 AI coverage (both scripts) that dev rarely shows.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (section 12, session
10b)."""
import pandas as pd
import pytest

from kaiyuan import timeline as tl


@pytest.fixture
def resolved(passage):
    def run(texts: list[str], published: str) -> dict:
        """expression -> (start, end, anchor) for a passage of one article (the last reading of a repeated word)."""
        x = tl.extract_expressions(passage(texts), pd.DataFrame({"article_id": ["a"], "published": [published]}))
        return {r.expression: (r.start, r.end, r.anchor) for r in x.itertuples()}
    return run


# ---------------------------------------------------------------- N units 过后 = N units 后

@pytest.mark.parametrize("texts,published,expression,start,end", [
    (["去年1月，这家公司推出新模型，引发科技股恐慌。", "11个月过后，这些公司的股价收复失地。"], "2026-01-20",
     "11个月过后", "2025-12-01", "2025-12-31"),
    (["7月25日，阶跃星辰开源新模型。", "三天过后，智谱发布了新一代基座模型。"], "2025-08-06",
     "三天过后", "2025-07-28", "2025-07-28"),
])
def test_a_count_followed_by_guohou_counts_forward_from_the_date_just_told(texts, published, expression, start, end, resolved):
    assert resolved(texts, published)[expression] == (start, end, "previous")


# ---------------------------------------------------------------- a month's 早些时候 is that month

def test_earlier_in_a_named_month_is_that_month_not_a_second_window(resolved):
    got = resolved(["我在12月的早些时候发现自己已经离不开大模型了。"], "2025-12-31")
    assert "早些时候" not in got
    assert got["12月"][:2] == ("2025-12-01", "2025-12-31")


def test_a_bare_earlier_keeps_its_window(resolved):
    assert "早些时候" in resolved(["该公司早些时候表示将开源模型。"], "2025-12-31")


# ---------------------------------------------------------------- 刚刚 qualifying an event that just closed

def test_just_closed_qualifies_the_event_and_is_no_just_now(resolved):
    assert "刚刚" not in resolved(["在刚刚落幕的世界人工智能大会期间，多家公司发布了模型。"], "2025-08-06")
    assert "刚刚" not in resolved(["在刚刚闭幕的大会上，三家公司宣布开源。"], "2025-08-06")


def test_just_released_is_still_just_now(resolved):
    assert resolved(["OpenAI刚刚发布了两款开源模型。"], "2025-08-06")["刚刚"][:2] == ("2025-08-03", "2025-08-06")


# ---------------------------------------------------------------- a year borrowed from a plan

def test_a_yearless_day_after_a_plan_for_next_year_is_this_years_when_nearer(resolved):
    # the borrowed 2026 would put a report a year after publication; this year's 12-10 is two days before it
    got = resolved(["Meta正筹划于明年春天推出新模型。", "彭博社于12月10日报道了这一项目。"], "2025-12-12")
    assert got["12月10日"] == ("2025-12-10", "2025-12-10", "publication")


def test_a_yearless_day_after_a_plan_keeps_the_plans_year_when_that_is_nearer(resolved):
    # 2026-01-15 is a month after publication, 2025-01-15 eleven months before it: the schedule's year stands
    got = resolved(["大会定于明年3月举行。", "报名于1月15日截止。"], "2025-12-12")
    assert got["1月15日"][:2] == ("2026-01-15", "2026-01-15")
