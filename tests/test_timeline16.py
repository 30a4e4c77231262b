"""Session 16 (issue 18): date classes left by session 15, counted on dev and on real pages.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked answer out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (session 16)."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- a quarter word: the calendar quarter from publication

@pytest.mark.parametrize("sentence, published, expression, start, end", [
    ("下个季度，我们会继续跟踪这两个模型的落地情况。", "2025-10-28", "下个季度", "2026-01-01", "2026-03-31"),
    ("公司预计下季度推出新芯片。", "2025-05-20", "下季度", "2025-07-01", "2025-09-30"),
    ("本季度营收有望再创新高。", "2025-11-05", "本季度", "2025-10-01", "2025-12-31"),
    ("这个季度公司发布了两款开源模型。", "2026-02-10", "这个季度", "2026-01-01", "2026-03-31"),
    ("上个季度，这家公司连续开源了三个模型。", "2026-01-15", "上个季度", "2025-10-01", "2025-12-31"),
    ("上一季度的下载量翻了一番。", "2025-08-01", "上一季度", "2025-04-01", "2025-06-30"),
])
def test_a_quarter_word_is_the_calendar_quarter_counted_from_publication(sentence, published, expression, start, end,
                                                                          resolved):
    assert resolved([sentence], published)[expression] == (start, end, "publication")


@pytest.mark.parametrize("sentence", [
    "第三季营收较上季度增长12%。",      # the base of a quarter-on-quarter figure: counted from the quarter reported
    "毛利率比上个季度提高两个百分点。",
    "营收环比上季度增长5%。",
])
def test_last_quarter_after_a_comparison_word_is_not_dated_from_publication(sentence, resolved):
    got = resolved([sentence], "2025-11-13")
    assert not any(k.startswith("上") and "季度" in k for k in got)


def test_every_quarter_is_no_quarter_word(resolved):
    got = resolved(["混元3D几乎保持着每季度一次的更新节奏。"], "2025-11-05")
    assert "本季度" not in got and all(v[:2] == ("", "") for k, v in got.items() if "季度" in k)


# ---------------------------------------------------------------- 这一个月: the month up to publication, like 过去一个月

def test_this_one_month_is_the_span_up_to_publication(resolved):
    got = resolved(["这场分享会让我们有机会把这家公司这一个月的动作连起来看一遍。"], "2025-10-28")
    assert got["这一个月"] == ("2025-09-01", "2025-10-28", "publication")
    assert got["这一个月"] == resolved(["把这家公司过去一个月的动作连起来看。"], "2025-10-28")["过去一个月"]


@pytest.mark.parametrize("texts, expression, start, end", [
    (["2023年OpenAI发布GPT-4。", "这一年，开源阵营迅速壮大。"], "这一年", "2023-01-01", "2023-12-31"),
    (["上周DeepSeek开源了五个代码库。", "这一周，社区非常热闹。"], "这一周", "2025-10-20", "2025-10-26"),
])
def test_this_one_year_or_week_stays_the_unit_just_told(texts, expression, start, end, resolved):
    assert resolved(texts, "2025-10-28")[expression] == (start, end, "previous")


# ---------------------------------------------------------------- a span opened at a thing of that year is background

@pytest.mark.parametrize("opening", [
    "这批开放权重模型是自2019年GPT-2以来的第一批。",    # a name between the year and 以来
    "这是自2019年上线GPT-2以来的首次。",                # a verb and a name
    "从2019年开始，OpenAI没有开放过权重。",              # the word right after the year (unchanged)
])
def test_a_yearless_month_does_not_borrow_the_year_that_opens_a_span(opening, resolved):
    got = resolved([opening, "Meta最近一次重要的开源发布还停留在4月。"], "")
    assert got["2019年"][:2] == ("2019-01-01", "2019-12-31")
    assert got["4月"][:2] == ("", "")


def test_a_yearless_month_still_borrows_a_story_year(resolved):
    got = resolved(["OpenAI在2019年发布GPT-2。", "4月，Meta发布了新模型。"], "")
    assert got["4月"] == ("2019-04-01", "2019-04-30", "previous")
