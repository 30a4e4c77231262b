"""Session 9 (issue 18): anchoring and event classes found in the spec sweep and in real pages.

Each case is a short passage (one string per sentence, or a clean text split by kaiyuan.sentences) with a
publication date in and the hand-worked interval or event out.  The sentences are written for these tests;
the classes (and their counts in real pages) are in lib/kaiyuan/data/TIMELINE.md."""
import pandas as pd
import pytest

from kaiyuan import timeline as tl
from kaiyuan.sentences import is_heading_line, split_sentences


def frame(texts: list[str], kinds: list[str] | None = None) -> pd.DataFrame:
    recs, pos = [], 0
    for i, t in enumerate(texts):
        recs.append({"article_id": "a", "sentence_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "text_simplified": t, "kind": (kinds or ["body"] * len(texts))[i]})
        pos += len(t) + 1
    return pd.DataFrame(recs)


def expressions(texts: list[str], published: str, kinds: list[str] | None = None) -> pd.DataFrame:
    return tl.extract_expressions(frame(texts, kinds), pd.DataFrame({"article_id": ["a"], "published": [published]}))


def resolved(texts: list[str], published: str) -> dict:
    """expression -> (start, end, anchor) for a passage of one article."""
    return {r.expression: (r.start, r.end, r.anchor) for r in expressions(texts, published).itertuples()}


def mention(sentence_id: int, actor: str, surface: str, text: str, actor_type: str = "", base: int = 0) -> dict:
    s = base + text.index(surface)
    return {"article_id": "a", "sentence_id": sentence_id, "actor": actor, "actor_type": actor_type,
            "surface": surface, "start": s, "end": s + len(surface), "version": ""}


def events(texts: list[str], published: str, mentions: list[dict] | None = None) -> pd.DataFrame:
    sents = frame(texts)
    x = tl.extract_expressions(sents, pd.DataFrame({"article_id": ["a"], "published": [published]}))
    return tl.build_events(x, sents, pd.DataFrame(mentions) if mentions else None)


# ---------------------------------------------------------------- a one-character year word before a season

@pytest.mark.parametrize("published,sentence,expression,start,end", [
    ("2025-05-10", "公司计划今夏推出新一代模型。", "今夏", "2025-06-01", "2025-08-31"),     # this summer
    ("2025-05-10", "新版本预计今秋上线。", "今秋", "2025-09-01", "2025-11-30"),           # this autumn
    ("2025-06-10", "第三代芯片将于明春量产。", "明春", "2026-03-01", "2026-05-31"),       # next spring
    ("2025-06-10", "去冬以来，多家公司开源了大模型。", "去冬", "2024-12-01", "2025-02-28"),  # last winter: Dec..Feb
    ("2025-06-10", "公司計劃今夏發佈新模型。", "今夏", "2025-06-01", "2025-08-31"),        # traditional script
])
def test_one_character_year_word_before_a_season(published, sentence, expression, start, end):
    got = resolved([sentence], published)
    assert got[expression][:2] == (start, end)


@pytest.mark.parametrize("sentence", [
    "他下个月要去夏威夷参加会议。",     # 去 + 夏威夷 (Hawaii)
    "这份报告说明春季是用电高峰。",     # 说明 + 春季
    "如今夏天越来越热。",               # 如今 + 夏天
    "团队明天去春晚后台采访。",         # 春晚 is the Spring Festival Gala
])
def test_a_season_character_after_another_word_is_no_season(sentence):
    assert not any(e.granularity == "season" for e in expressions([sentence], "2025-06-10").itertuples())


# ---------------------------------------------------------------- tense and speech

def test_a_past_expectation_of_a_bare_year_part_lies_in_the_story_year():
    # 当时曾预期 is past: 年底 is the end of 2019, not of the publication year
    got = resolved(["2019年，这家公司在杭州成立。", "当时曾预期年底前完成首轮融资。"], "2025-06-10")
    assert got["年底"][:2] == ("2019-10-01", "2019-12-31")


def test_a_bare_year_part_after_publication_without_future_cue_is_last_years():
    # a January article looking back: 年末 is last year's fourth quarter
    got = resolved(["回顾刚刚过去的2025年，闭源公司仍于年末反超。"], "2026-01-06")
    assert got["年末"][:2] == ("2025-10-01", "2025-12-31")
    assert "刚刚" not in got                      # 刚刚过去的 qualifies 2025年, it is no "just now"
    assert got["2025年"][:2] == ("2025-01-01", "2025-12-31")


def test_a_bare_year_part_with_a_future_cue_stays_ahead():
    got = resolved(["公司计划在下半年发布新模型。"], "2025-03-10")
    assert got["下半年"][:2] == ("2025-07-01", "2025-12-31")


@pytest.mark.parametrize("sentence,expression,start,end", [
    ("“今年我们会开源更多模型，”他在2024年3月的发布会上说。", "今年", "2024-01-01", "2024-12-31"),
    ("“明年我们一定开放权重，”创始人去年3月接受采访时表示。", "明年", "2025-01-01", "2025-12-31"),
])
def test_a_quote_before_the_attribution_that_dates_it(sentence, expression, start, end):
    # published 2025-06-10: the deictic word inside the quote counts from the date told after the quote
    got = resolved([sentence], "2025-06-10")
    assert got[expression][:2] == (start, end)


def test_a_quote_sentence_takes_the_date_of_the_attribution_sentence_after_it():
    clean = "“今年我们会开源更多模型。”他在2024年3月的发布会上说。"
    texts = [s["text"] for s in split_sentences(clean)]
    assert len(texts) == 2
    assert resolved(texts, "2025-06-10")["今年"][:2] == ("2024-01-01", "2024-12-31")
    # a new quote in the next sentence is no attribution
    got = resolved(["“今年我们会开源更多模型。”", "“2024年3月我们就说过。”"], "2025-06-10")
    assert got["今年"][:2] == ("2025-01-01", "2025-12-31")


def test_a_quote_whose_attribution_names_no_date_stays_on_publication():
    got = resolved(["“今年我们会开源更多模型，”他说。"], "2025-06-10")
    assert got["今年"] == ("2025-01-01", "2025-12-31", "publication")


# ---------------------------------------------------------------- spaced digits

@pytest.mark.parametrize("texts,expression,start,end", [
    (["2024 年 3 月 17 日，这家公司开源了第一代模型。", "仅仅 17 个月后，第二代模型推出。"], "17 个月后",
     "2025-08-01", "2025-08-31"),                                           # counted from March 17
    (["创始人称火星基地将在 20 年后建成。"], "20 年后", "2046-01-01", "2046-12-31"),
])
def test_a_space_between_a_count_and_its_unit(texts, expression, start, end):
    got = resolved(texts, "2026-02-13")
    assert got[expression][:2] == (start, end)


def test_a_spaced_bare_day_takes_the_month_of_the_heading_not_of_the_year_restated_after_it():
    # a year review: heading "1 月", then "2025 年第一个……：20 日发布的" = January 20
    got = resolved(["1 月", "2025 年第一个值得注意的模型，是 20 日发布的推理模型。"], "2025-12-31")
    assert got["20 日"][:2] == ("2025-01-20", "2025-01-20")


def test_an_ordinal_before_a_spaced_day_is_not_a_date():
    assert "20 日" not in resolved(["活动进行到第 20 日时暂停。"], "2025-06-10")


# ---------------------------------------------------------------- events

def test_a_dateline_is_no_event_the_clause_after_it_is():
    text = "某网站 4 月 29 日消息，今日凌晨，阿里巴巴发布了新一代模型 Qwen3。"
    ments = [mention(0, "Alibaba", "阿里巴巴", text), mention(0, "Qwen", "Qwen3", text, "model")]
    ev = events([text], "2025-04-29", ments)
    assert list(ev["label"]) == ["Alibaba 发布 Qwen"]
    assert list(ev["start"]) == ["2025-04-29"]


def test_a_dateline_outlet_is_not_the_acting_party():
    text = "某网站 4 月 29 日消息，阿里巴巴开源了 Qwen3。"
    ments = [mention(0, "Some Site", "某网站", text), mention(0, "Alibaba", "阿里巴巴", text)]
    ev = events([text], "2025-04-29", ments)
    assert list(ev["main_actor"]) == ["Alibaba"]


def test_a_power_station_is_no_dateline():
    # 电 after a verb ("并网发电") ends no dateline: the date's clause is its own
    text = "这座电站去年12月并网发电，今年又扩建了。"
    start = text.index("去年12月")
    cs, ce = tl.clause_bounds(text, start, start + len("去年12月"), tl.load_rules())
    assert text[cs:ce] == "这座电站去年12月并网发电"


def test_a_span_opening_year_in_a_dated_clause_adds_no_event():
    # 自 2019 年以来 says since when the model is the first; the event is August 5
    text = "OpenAI 于2025 年 8 月 5 日发布了其自 2019 年以来的首个开放权重模型。"
    ev = events([text], "2025-09-01", [mention(0, "OpenAI", "OpenAI", text)])
    assert list(ev["start"]) == ["2025-08-05"]


def test_the_owner_before_qixia_does_not_act():
    text = "2024 年 3 月 17 日，马斯克旗下的 xAI 在 GitHub 发布了 Grok-1。"
    ments = [mention(0, "Elon Musk", "马斯克", text, "person"), mention(0, "xAI", "xAI", text, "organisation"),
             mention(0, "Grok", "Grok-1", text, "model")]
    assert events([text], "2025-06-10", ments)["main_actor"].iloc[0] == "xAI"


def test_an_owned_party_the_registry_does_not_hold_leaves_the_owner():
    text = "2023年3月3日，某媒体集团旗下的一家网站写道，模型已外泄。"
    ments = [mention(0, "Some Group", "某媒体集团", text, "organisation")]
    assert events([text], "2023-03-10", ments)["main_actor"].iloc[0] == "Some Group"


# ---------------------------------------------------------------- headings: one rule, in kaiyuan.sentences

def test_timeline_reads_the_sentence_kind_the_splitter_recorded():
    clean = "二、开源之争\n“今年我们会开源，”他在2024年3月的会上说。"
    sents = split_sentences(clean)
    assert [s["kind"] for s in sents] == ["heading", "body"]
    assert tl.is_heading("二、开源之争", "heading") and not tl.is_heading("二、开源之争", "body")


@pytest.mark.parametrize("line,heading", [
    ("二、开源之争", True),
    ("他说：“开源。”", False),        # a final stop before the closing quote
    ("公司宣布开源。", False),
    ("这一行字数很多很多很多很多很多很多很多很多很多而且没有句号", False),   # longer than a heading
])
def test_without_kinds_the_timeline_falls_back_to_the_splitters_heading_rule(line, heading):
    assert is_heading_line(line) is heading
    assert tl.is_heading(line) is heading


def test_a_dateline_in_a_sentence_that_dates_its_news_adds_no_event():
    # the news is Monday's (本周一 = 03-31); the dateline's April 1 is the report's day, not an event
    text = "4月1日消息，某公司首席执行官本周一透露，公司将在今夏发布开放权重模型。"
    ev = events([text], "2025-04-01", [mention(0, "Some Co", "某公司", text, "organisation")])
    assert "2025-04-01" not in set(ev["start"])
    assert "2025-03-31" in set(ev["start"])


def test_open_source_week_is_a_noun_not_the_verb():
    # 开源周 "Open Source Week" names the event; 开源 inside it is no trigger
    text = "今年2月，某公司开源周以开放协作为主题，向开发者展示了五个代码库。"
    ev = events([text], "2025-06-10", [mention(0, "Some Co", "某公司", text, "organisation")])
    assert ev["trigger"].iloc[0] != "开源"
