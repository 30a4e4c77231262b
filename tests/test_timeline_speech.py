"""C1 (evaluation/README.md): a deictic word inside quoted or reported speech whose date the text gives is
resolved against the speech's date, not publication (`anchoring.speech_date` in time_rules.yaml).

Each case is a short passage (one string per sentence) with a publication date in and the hand-worked
interval out.  The sentences are written for these tests."""
import pandas as pd
import pytest

from kaiyuan import timeline as tl


def resolved(texts: list[str], published: str) -> dict:
    """expression -> (start, end, anchor) for a passage of one article."""
    recs, pos = [], 0
    for i, t in enumerate(texts):
        recs.append({"article_id": "a", "sentence_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "text_simplified": t, "kind": "body"})
        pos += len(t) + 1
    x = tl.extract_expressions(pd.DataFrame(recs), pd.DataFrame({"article_id": ["a"], "published": [published]}))
    return {r.expression: (r.start, r.end, r.anchor) for r in x.itertuples()}


def test_same_sentence_a_dated_post_announces_this_week():
    # published Tuesday 2024-03-19; the post was on Monday the 11th, so 本周 is the week of the 11th
    got = resolved(["上周一（11日），某公司创始人在社交平台发帖预告：「本周我们将公开模型权重。」"], "2024-03-19")
    assert got["本周"] == ("2024-03-11", "2024-03-17", "previous")


def test_same_sentence_speech_dated_by_an_anaphor():
    # 同日 = 11-15; "这两天" ends on the day he said it
    got = resolved(["2023年11月15日，一家公司发布致歉说明。", "创始人同日在朋友圈表示，这是回应这两天外界的讨论。"],
                   "2023-11-17")
    assert got["这两天"] == ("2023-11-13", "2023-11-15", "previous")


def test_speech_carried_by_quote_attribution_and_pronoun():
    # the essay of 上月29日 = 2025-01-29: ten to seven months before January 2025; the week before its week
    got = resolved(["某公司总裁上月29日发表长文，谈论出口管制。",
                    "「对手的模型只相当于我们七至十个月前的水平。」",
                    "他在文中写道。",
                    "他直言，新模型让管制「比一周前更加重要」。"], "2025-02-12")
    assert got["七至十个月前"] == ("2024-03-01", "2024-06-30", "previous")
    assert got["一周前"] == ("2025-01-20", "2025-01-26", "previous")


def test_a_named_medium_takes_the_date_it_was_told_with():
    # 在信中 refers to the open letter of 7月30日: "the past few months" (几 = 5) end on the letter's day
    got = resolved(["创始人本周三（7月30日）发表一封公开信，谈论新的愿景。",
                    "信中的一句话引起开发者警觉。",
                    "创始人在信中写道：“过去几个月，我们看到了系统自我改进的迹象。”"], "2025-08-02")
    assert got["过去几个月"] == ("2025-02-01", "2025-07-30", "previous")


@pytest.mark.parametrize("texts, published, expression, want", [
    # a new speaker ends the speech: this week is the week of publication
    (["某公司总裁上月29日发表长文。", "一家研究机构则表示，本周将公布新的评测。"], "2025-02-12", "本周",
     ("2025-02-10", "2025-02-16", "publication")),
    # a date inside reported speech is not a speech's date ("analysts think ... in January ... at the weekend")
    (["分析人士认为，今年1月对手走红后，该公司在周末仓促登场是一种回应。"], "2025-04-12", "周末",
     ("2025-04-05", "2025-04-06", "publication")),
    # a speech date coarser than the word needs does not pin it: "next week" after a June speech stays on publication
    (["在今年6月首次推迟后，这位CEO在社交平台上解释说：", "“我们原计划下周发布模型。”"], "2025-07-14", "下周",
     ("2025-07-21", "2025-07-27", "publication")),
    # a continued speech's own date, before its speech cue, is not inside the speech
    (["上周日（9日），总统在电视采访中宣布一项投资计划。", "本周一晚间在大会演讲时，他调侃了一位朋友。"], "2025-02-14", "本周一",
     ("2025-02-10", "2025-02-10", "publication")),
])
def test_where_the_speech_date_does_not_apply(texts, published, expression, want):
    assert resolved(texts, published)[expression] == want


def test_n_days_before_the_event_just_told():
    # "six days before the release" counts back from the release date told last; 发布前夕 (no count) is no date
    got = resolved(["一家数据公司在4月24日发布新模型。", "对手的模型在这次发布前六天登场。", "发布前夕，团队还在等待测试结果。"],
                   "2024-05-08")
    assert got["发布前六天"] == ("2024-04-18", "2024-04-18", "previous")
    assert "发布前夕" not in got


def test_undated_article_a_far_yearless_day_takes_the_story_days_year():
    # no publication date: 3月11日, told long after a flashback to late 2017, is in the story's year (2024)
    got = resolved(["某企业家于2024年2月29日起诉一家公司。", "五天后（3月5日），对方公开旧邮件。",
                    "邮件显示，2017年底他曾要求控制权。", "他随即发帖回击。", "他又改了一张照片。",
                    "3月11日，他宣布将开源自家模型。"], "")
    assert got["3月11日"] == ("2024-03-11", "2024-03-11", "previous")


@pytest.mark.parametrize("texts, expression, want", [
    # a month told as the story's time earlier in the same sentence: four days after a day of that month
    (["2025年3月25日，创始人谈到转型。", "公司2023年11月开源了基座模型，四天后又放出长上下文版本。"], "四天后",
     ("2023-11-05", "2023-12-04", "previous")),
    # a month told as a noun's attribute (X月面世的…) is skipped: the day told before it is the referent
    (["上周二（18日）一家公司发布新模型，今年2月面世的旧模型随之降价，同一天还发布了论文。"], "同一天",
     ("2024-07-18", "2024-07-18", "previous")),
])
def test_a_coarser_date_in_the_same_sentence(texts, expression, want):
    assert resolved(texts, "2025-03-29" if "2025" in texts[0] else "2024-07-22")[expression] == want
