"""Session 13 (issue 18): classes that dev rarely shows, found on dev and on real pages of 2023-2026 AI coverage.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (session 13)."""
import pytest
from timeline_frames import events_of  # tests/timeline_frames.py


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- a window of N units up to a deadline

@pytest.mark.parametrize("sentence, expression", [
    ("在截至今年8月的一年里，中国开发的开放模型下载量占比升至17%。", "截至今年8月的一年里"),
    ("截至今年8月的过去12个月，中国模型的下载量翻了一番。", "截至今年8月的过去12个月"),
])
def test_a_year_up_to_a_deadline_runs_from_a_year_before_it_to_its_end(sentence, expression, resolved):
    got = resolved([sentence], "2025-11-27")
    assert got[expression] == ("2024-08-01", "2025-08-31", "publication")


def test_a_deadline_without_a_window_is_still_the_deadline(resolved):
    got = resolved(["截至今年8月，公司已开源40个模型。"], "2025-09-10")
    assert got["截至今年8月"] == ("2025-08-01", "2025-08-31", "publication")


def test_a_range_before_a_window_stays_the_range(resolved):
    got = resolved(["从2023年到2024年的一年中，模型数量翻番。"], "2025-08-01")
    assert got["2023年到2024年"][:2] == ("2023-01-01", "2024-12-31")


# ---------------------------------------------------------------- 至今 and 前 inside a word

@pytest.mark.parametrize("sentence", ["英伟达股价一度跌至今年最低点。", "公司员工人数已增至今年初的两倍。"])
def test_zhi_jin_before_nian_is_a_verb_and_this_year(sentence, resolved):
    got = resolved([sentence], "2025-04-07")
    assert "至今" not in got and got["今年" if "今年最低" in sentence else "今年初"][:2][0] == "2025-01-01"


def test_zhi_jin_alone_is_still_so_far(resolved):
    got = resolved(["这款模型至今仍是下载量最高的。"], "2025-06-01")
    assert "至今" in got and got["至今"][0] == ""


def test_qian_that_begins_frontier_is_no_years_ago(resolved):
    got = resolved(["谷歌追加投资，为Anthropic未来三年前沿大模型训练锁定算力。"], "2026-04-26")
    assert "三年前" not in got


def test_years_ago_before_a_verb_is_still_years_ago(resolved):
    got = resolved(["该公司三年前提出开源战略。"], "2026-04-26")
    assert got["三年前"][:2] == ("2023-01-01", "2023-12-31")


# ---------------------------------------------------------------- a year part told as an attribute

def test_a_year_part_told_as_an_attribute_is_no_year_for_a_later_month(resolved):
    got = resolved(["OpenAI周二发表两个开源权重模型，应对去年底迅速崛起的中国初创公司DeepSeek的挑战。",
                    "OpenAI原定6月发布这两个新模型，其后两度押后。"], "2025-08-07")
    assert got["去年底"][:2] == ("2024-10-01", "2024-12-31") and got["6月"][:2] == ("2025-06-01", "2025-06-30")


def test_a_year_part_that_tells_the_story_still_lends_its_year(resolved):
    got = resolved(["去年底，DeepSeek发布V3。", "12月，公司又发布了推理模型。"], "2025-03-07")
    assert got["12月"][:2] == ("2024-12-01", "2024-12-31")


# ---------------------------------------------------------------- 近 + count + unit + 前

def test_almost_a_year_ago_is_an_offset_not_a_span(resolved):
    got = resolved(["DeepSeek近1年前推出新模型，震撼业界。"], "2026-01-06")
    assert "近1年" not in got and got["1年前"][:2] == ("2025-01-01", "2025-12-31")


def test_a_span_of_recent_years_is_still_a_span(resolved):
    got = resolved(["近两年，公司营收翻番；在过去几年前，它还很小。"], "2026-01-06")
    assert got["近两年"][:2] == ("2024-01-01", "2026-01-06")


# ---------------------------------------------------------------- an event whose subject is a description

_events = events_of


def test_a_company_described_acts_through_the_company_named_before():
    texts = ["英伟达在官方博客中介绍了这个模型家族。", "该公司早于今年1月6日的CES展上已预告Nemotron这个名字。"]
    ev = _events(texts, "2025-03-19", [(0, "Nvidia", "org", "英伟达"), (1, "Nemotron", "model", "Nemotron")])
    assert ev.set_index("expression").loc["今年1月6日", "main_actor"] == "Nvidia"


def test_a_plan_described_acts_through_the_plan_named_before_not_the_last_topic():
    texts = ["美国业界本周启动了ATOM计划。", "Artificial Analysis发现，中国实验室7月发布了四个模型。",
             "报道称，Meta在4月推出Llama 4。", "这项计划于8月4日正式启动，已获业界领袖支持。"]
    named = [(0, "ATOM Project", "initiative", "ATOM计划"), (1, "Artificial Analysis", "org", "Artificial Analysis"),
             (2, "Meta", "org", "Meta"), (2, "Llama", "model", "Llama 4")]
    ev = _events(texts, "2025-08-07", named)
    assert ev.set_index("expression").loc["8月4日", "main_actor"] == "ATOM Project"


def test_a_name_between_the_description_and_its_verb_acts_itself():
    texts = ["Meta发布了新模型。", "该公司的对手OpenAI于8月5日发布gpt-oss。"]
    ev = _events(texts, "2025-08-07", [(0, "Meta", "org", "Meta"), (1, "OpenAI", "org", "OpenAI")])
    assert ev.set_index("expression").loc["8月5日", "main_actor"] == "OpenAI"
