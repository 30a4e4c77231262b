"""Specification of kaiyuan.timeline: a Chinese sentence and a publication date in, the hand-worked interval out.

Span conventions (年底 = Q4 and 年初 = Q1 as in the annotation codebook, meteorological seasons, 最近 = 3 months back, 几 = 2..5, ...) are
the ones written down in lib/kaiyuan/data/TIMELINE.md and time_rules.yaml.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kaiyuan import timeline as tl

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "timeline_gold.csv"
SEEDS = ROOT / "seeds"
# The gold file was resolved against these publication dates (articles.published of the seeds).
SEED_PUBLISHED = {
    "000_d422d8d9fc554906": "2023-12-05",
    "001_92c9cc38ac8cf0ca": "2024-01-04",
    "002_876d342b0be3a81f": "2024-01-18",
    "003_9ccd58df0aef2da6": "2024-03-28",
    "004_567cbe5d8bff2e7a": "2024-05",
}
MIN_EXACT = 0.9          # share of gold intervals the pipeline must reproduce exactly
MIN_PRECISION = 0.9      # share of pipeline expressions on the seeds that are gold expressions


def rows(text: str, published: str = "2024-03-28") -> pd.DataFrame:
    """All expressions found in one sentence."""
    return tl.parse_text(text, published)


def row(text: str, published: str, expression: str) -> dict:
    """The (first) row for `expression` in the sentence."""
    df = rows(text, published)
    hit = df[df["expression"] == expression]
    assert len(hit), f"{expression!r} not found in {text!r}; found {list(df['expression'])}"
    return hit.iloc[0].to_dict()


def sentences_frame(article_id: str, texts: list[str], simplified: list[str] | None = None) -> pd.DataFrame:
    """A sentences table (CONTRACT.md) for texts joined by newlines into one clean text."""
    recs, pos = [], 0
    for i, t in enumerate(texts):
        recs.append({"article_id": article_id, "sentence_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "text_simplified": (simplified or texts)[i], "kind": "body"})
        pos += len(t) + 1
    return pd.DataFrame(recs)


def articles_frame(**published: str) -> pd.DataFrame:
    """An articles table with just article_id and published."""
    return pd.DataFrame({"article_id": list(published), "published": list(published.values())})


# ------------------------------------------------------------------------------------------
# Hand-worked intervals

RESOLVE_CASES = [
    # published, sentence, expression, start, end, granularity, anchor
    ("2024-03-28", "去年7月,Meta开源Llama 2模型", "去年7月", "2023-07-01", "2023-07-31", "month", "publication"),
    ("2023-12-05", "今天上午,这个社交网络宣布与IBM合作", "今天上午", "2023-12-05", "2023-12-05", "day", "publication"),
    # publication is Tuesday 2023-12-05; last week runs Monday 11-27 .. Sunday 12-03
    ("2023-12-05", "上周与TechCrunch共享的新闻稿如是说", "上周", "2023-11-27", "2023-12-03", "week", "publication"),
    ("2023-12-05", "Stable Diffusion于去年8月发布后", "去年8月", "2022-08-01", "2022-08-31", "month", "publication"),
    # meteorological seasons, not jionlp's solar terms (2023-05-06..2023-08-07)
    ("2024-01-04", "去年夏天发布的 Llama 2 是一个大型语言模型", "去年夏天", "2023-06-01", "2023-08-31", "season",
     "publication"),
    ("2024-01-04", "在去年春天的财报电话会议上", "去年春天", "2023-03-01", "2023-05-31", "season", "publication"),
    ("2024-03-28", "去年冬天发生的事", "去年冬天", "2023-12-01", "2024-02-29", "season", "publication"),
    ("2024-03-28", "2023年秋季", "2023年秋季", "2023-09-01", "2023-11-30", "season", "absolute"),
    # year parts: 年底 = Q4 (Oct-Dec), 年初 = Q1 (Jan-Mar), 年中 = Jun-Jul (the annotation codebook's convention)
    ("2024-01-18", "他告诉我,到今年年底,Meta将拥有超过340,000个GPU", "到今年年底", "2024-10-01", "2024-12-31",
     "quarter", "publication"),
    ("2024-01-18", "Meta到2024年底将拥有近600,000个GPU", "到2024年底", "2024-10-01", "2024-12-31", "quarter",
     "absolute"),
    ("2024-05", "2022年底,就在OpenAI发布GPT-4之前", "2022年底", "2022-10-01", "2022-12-31", "quarter", "absolute"),
    ("2024-03-28", "今年年初发布", "今年年初", "2024-01-01", "2024-03-31", "quarter", "publication"),
    ("2024-03-28", "年初发布", "年初", "2024-01-01", "2024-03-31", "quarter", "publication"),
    ("2024-03-28", "今年年中发布", "今年年中", "2024-06-01", "2024-07-31", "months", "publication"),
    ("2024-03-28", "去年底发布", "去年底", "2023-10-01", "2023-12-31", "quarter", "publication"),
    ("2024-03-28", "2023年第三季度", "2023年第三季度", "2023-07-01", "2023-09-30", "quarter", "absolute"),
    ("2024-03-28", "2023年下半年", "2023年下半年", "2023-07-01", "2023-12-31", "months", "absolute"),
    # absolute dates, numerals
    ("2024-03-28", "成立于1998年,正是它推动了", "1998年", "1998-01-01", "1998-12-31", "year", "absolute"),
    ("2024-03-28", "自2023年2月发布其首个版本", "2023年2月", "2023-02-01", "2023-02-28", "month", "absolute"),
    ("2024-03-28", "２０２３年２月发布", "２０２３年２月", "2023-02-01", "2023-02-28", "month", "absolute"),
    ("2024-03-28", "二〇二三年五月", "二〇二三年五月", "2023-05-01", "2023-05-31", "month", "absolute"),
    ("2024-03-28", "2024年3月28日发布", "2024年3月28日", "2024-03-28", "2024-03-28", "day", "absolute"),
    ("2024-03-28", "更新于2024-01-04", "2024-01-04", "2024-01-04", "2024-01-04", "day", "absolute"),
    ("2024-03-28", "二〇二四年十二月三十一日", "二〇二四年十二月三十一日", "2024-12-31", "2024-12-31", "day", "absolute"),
    # year-less dates take the publication year when nothing earlier is dated
    ("2024-03-28", "极客网·极客观察3月28日最近AI圈突然流行起开源概念", "3月28日", "2024-03-28", "2024-03-28", "day",
     "publication"),
    ("2024-03-28", "3月底发布", "3月底", "2024-03-21", "2024-03-31", "days", "publication"),
    # offsets from the publication date
    ("2024-03-28", "两年前", "两年前", "2022-01-01", "2022-12-31", "year", "publication"),
    ("2024-03-28", "两个月前", "两个月前", "2024-01-01", "2024-01-31", "month", "publication"),
    ("2024-03-28", "三天前", "三天前", "2024-03-25", "2024-03-25", "day", "publication"),
    ("2024-03-28", "十二年前", "十二年前", "2012-01-01", "2012-12-31", "year", "publication"),
    ("2023-12-05", "几年前,“人工智能伙伴关系”承诺", "几年前", "2018-01-01", "2021-12-31", "years", "publication"),
    ("2024-03-28", "前几年", "前几年", "2019-01-01", "2022-12-31", "years", "publication"),
    ("2024-03-28", "上个月推出", "上个月", "2024-02-01", "2024-02-29", "month", "publication"),
    ("2024-03-28", "上周末", "上周末", "2024-03-23", "2024-03-24", "days", "publication"),
    # fuzzy windows ending at publication
    ("2024-03-28", "最近AI圈突然流行起开源概念", "最近", "2023-12-28", "2024-03-28", "months", "publication"),
    ("2024-01-18", "近日,科技界掀起了一场热潮", "近日", "2023-12-18", "2024-01-18", "days", "publication"),
    ("2024-03-28", "不久前发布", "不久前", "2023-12-28", "2024-03-28", "months", "publication"),
    ("2024-03-28", "早些时候发布", "早些时候", "2023-09-28", "2024-03-28", "months", "publication"),
    ("2024-03-28", "今年早些时候发布", "今年早些时候", "2024-01-01", "2024-03-28", "months", "publication"),
    ("2024-01-04", "一个分析近年来有影响力的人工智能论文", "近年来", "2019-01-01", "2024-01-04", "years", "publication"),
    ("2024-03-28", "在过去几年前,OpenAI很少谈及", "过去几年", "2019-01-01", "2024-03-28", "years", "publication"),
    ("2024-03-28", "近两年发展很快", "近两年", "2022-01-01", "2024-03-28", "years", "publication"),
    ("2024-03-28", "这两年发展很快", "这两年", "2022-01-01", "2024-03-28", "years", "publication"),
    ("2024-03-28", "并且这些年变得更加保密", "这些年", "2019-01-01", "2024-03-28", "years", "publication"),
    ("2023-12-05", "截至发表时,一位新闻代表没有回应", "截至发表时", "2023-12-05", "2023-12-05", "day", "publication"),
    # centuries and decades (popular numbering: 20世纪 = 1900-1999; 末/初 = last/first decade)
    # the seeds' written convention (shared/gold-seeds/README.md): 世纪之交 = 1999..2001
    ("2024-01-04", "在世纪之交,当现代网络刚刚兴起", "世纪之交", "1999-01-01", "2001-12-31", "era", "publication"),
    ("2024-05", "世界会怀念20世纪末和21世纪初", "20世纪末", "1990-01-01", "1999-12-31", "era", "absolute"),
    ("2024-05", "世界会怀念20世纪末和21世纪初", "21世纪初", "2000-01-01", "2009-12-31", "era", "absolute"),
    ("2024-03-28", "上世纪90年代", "上世纪90年代", "1990-01-01", "1999-12-31", "decade", "publication"),
    ("2024-03-28", "90年代的互联网", "90年代", "1990-01-01", "1999-12-31", "decade", "publication"),
    ("2024-03-28", "2010年代", "2010年代", "2010-01-01", "2019-12-31", "decade", "absolute"),
]


@pytest.mark.parametrize("published,sentence,expression,start,end,granularity,anchor", RESOLVE_CASES)
def test_resolves_to_hand_worked_interval(published, sentence, expression, start, end, granularity, anchor):
    got = row(sentence, published, expression)
    assert (got["start"], got["end"], got["granularity"], got["anchor"]) == (start, end, granularity, anchor)
    assert got["resolved"] and 0 < got["confidence"] <= 1


def test_five_months_after_counts_from_the_date_just_mentioned_not_from_publication():
    sentence = "自2023年2月發佈其首個版本的LLaMA以來,僅五個月後便推出了LLaMA 2"
    simplified = "自2023年2月发布其首个版本的LLaMA以来,仅五个月后便推出了LLaMA 2"
    x = tl.extract_expressions(sentences_frame("d", [sentence], [simplified]), articles_frame(d="2024-05"))
    got = x[x["expression"] == "五个月后"].iloc[0]
    assert (got["start"], got["end"], got["granularity"], got["anchor"]) == (
        "2023-07-01", "2023-07-31", "month", "previous")
    # jionlp alone counts from the publication date
    assert tl.jionlp_parse("五个月后", dt.date(2024, 5, 1)) != (dt.date(2023, 7, 1), dt.date(2023, 7, 31))


def test_previous_anchor_is_the_last_dated_expression_earlier_in_the_article():
    texts = ["2022年底,他向Nvidia下了订单。", "Meta自那时以来行动迅速。", "2023年2月发布LLaMA,同年7月推出LLaMA 2,次月又更新了许可。"]
    x = tl.extract_expressions(sentences_frame("d", texts), articles_frame(d="2024-05"))
    got = {r.expression: (r.start, r.end, r.granularity, r.anchor) for r in x.itertuples()}
    assert got["自那时以来"] == ("2022-10-01", "2024-05-31", "years", "previous")   # until end of publication month
    assert got["同年7月"] == ("2023-07-01", "2023-07-31", "month", "previous")
    assert got["次月"] == ("2023-08-01", "2023-08-31", "month", "previous")          # the story moved on: after 同年7月


def test_since_then_and_at_that_time_and_after_n_years():
    texts = ["2021年10月,Facebook更名为Meta,当时外界并不看好,此后两年公司大举投入元宇宙。"]
    x = tl.extract_expressions(sentences_frame("d", texts), articles_frame(d="2024-03-28"))
    got = {r.expression: (r.start, r.end, r.granularity, r.anchor) for r in x.itertuples()}
    assert got["当时"] == ("2021-10-01", "2021-10-31", "month", "previous")
    assert got["此后两年"] == ("2021-11-01", "2023-10-31", "years", "previous")


def test_yearless_month_takes_the_year_of_the_previous_expression():
    texts = ["2021年,公司成立。", "3月28日发布了第一个模型。"]
    x = tl.extract_expressions(sentences_frame("d", texts), articles_frame(d="2024-05-01"))
    got = x[x["expression"] == "3月28日"].iloc[0]
    assert (got["start"], got["anchor"]) == ("2021-03-28", "previous")


def test_previous_relative_expression_without_earlier_date_is_unresolved():
    got = row("同年,公司上市", "2024-03-28", "同年")
    assert not got["resolved"] and got["reason"] == "no earlier dated expression in the article to anchor on"


def test_after_n_months_without_earlier_date_counts_from_publication():
    got = row("五个月后将推出新版本", "2024-03-28", "五个月后")
    assert (got["start"], got["end"], got["anchor"]) == ("2024-08-01", "2024-08-31", "publication")


def test_fuzzy_words_never_become_the_previous_anchor():
    texts = ["最近,2023年2月发布的模型很受欢迎。", "几年前的事。", "五个月后推出了新版本。"]
    x = tl.extract_expressions(sentences_frame("d", texts), articles_frame(d="2024-03-28"))
    got = x[x["expression"] == "五个月后"].iloc[0]
    assert (got["start"], got["anchor"]) == ("2023-07-01", "previous")   # 几年前 (confidence 0.3) skipped


# ------------------------------------------------------------------------------------------
# Publication precision

def test_month_precision_publication_keeps_last_month_exact():
    got = row("当上个月推出LLaMA 3时", "2024-05", "上个月")
    assert (got["start"], got["end"], got["granularity"]) == ("2024-04-01", "2024-04-30", "month")
    assert got["confidence"] == pytest.approx(0.95)


def test_month_precision_publication_widens_today_to_the_month_with_lower_confidence():
    got = row("今天,Meta宣布", "2024-05", "今天")
    assert (got["start"], got["end"], got["granularity"]) == ("2024-05-01", "2024-05-31", "month")
    assert got["confidence"] < row("今天,Meta宣布", "2024-05-01", "今天")["confidence"]
    assert "widened" in got["reason"]


def test_month_precision_publication_recent_window():
    got = row("扎克伯格最近辩称", "2024-05", "最近")
    assert (got["start"], got["end"]) == ("2024-02-01", "2024-05-31")


def test_year_precision_publication_widens_last_month_across_the_year():
    got = row("上个月推出", "2024", "上个月")
    assert (got["start"], got["end"], got["granularity"]) == ("2023-12-01", "2024-11-30", "months")


def test_month_precision_publication_widens_last_week_to_a_span_of_days():
    got = row("上周发布", "2024-05", "上周")      # Mon 2024-04-22 .. Sun 2024-05-26
    assert (got["start"], got["end"], got["granularity"]) == ("2024-04-22", "2024-05-26", "days")


@pytest.mark.parametrize("expression", ["去年7月", "上个月", "今天", "最近", "几年前", "近年来", "世纪之交"])
def test_unknown_publication_leaves_relative_expressions_unresolved(expression):
    got = row(f"{expression},Meta发布了模型", "", expression)
    assert not got["resolved"] and got["reason"] == "publication date unknown"
    assert got["start"] == "" and got["end"] == ""


def test_unknown_publication_still_resolves_absolute_and_previous_anchored():
    x = rows("2023年2月发布LLaMA,五个月后推出LLaMA 2", "")
    assert list(x["start"]) == ["2023-02-01", "2023-07-01"]


# ------------------------------------------------------------------------------------------
# Generic, non-dating uses

GENERIC_CASES = [
    ("需要 Meta 的明确许可才能将 Llama 2 集成到每月有超过 7 亿用户的产品中", "每月", "frequency"),
    ("Meta每年仍在该倡议上投入超过150亿美元", "每年", "frequency"),
    ("现在,新兴的生成人工智能行业也面临着类似的问题", "现在", "present"),
    ("该联盟目前专注于开放创新", "目前", "present"),
    ("它的当前排名第6", "当前", "present"),
    ("如今的AI环境大不相同", "如今", "present"),
    ("但到目前为止没有人给开源AI进行明确界定", "到目前为止", "so_far"),
    ("该公司是迄今为止最主要的人工智能芯片供应商之一", "迄今为止", "so_far"),
    ("总有一天,这也可能让他探索增强广告业务的新方法", "总有一天", "future"),
    ("开源AI意味著未来任何人都可以参与科技开发", "未来", "future"),
    ("花了近两年的时间识别儿童性虐待的图像", "近两年", "duration"),
    ("过了一段时间", "一段时间", "duration"),
]


@pytest.mark.parametrize("sentence,expression,category", GENERIC_CASES)
def test_generic_uses_are_reported_unresolved_with_their_category(sentence, expression, category):
    got = row(sentence, "2024-03-28", expression)
    assert not got["resolved"] and got["reason"].startswith(f"generic: {category}")
    assert got["start"] == "" and got["confidence"] == 0


@pytest.mark.parametrize("sentence,expected", [
    ("我们拭目以待,时间会告诉我们答案。", []),
    ("他们需要把 Llama 2 集成到超过 7 亿用户的产品中", []),
    ("24小时内回复", []),
    ("Meta将拥有超过340,000个Nvidia的H100 GPU", []),
    ("开源软件最终确实出现在互联网的大部分内容中", []),
    ("不同年龄的人和相当年轻的公司", []),
    ("当LLaMA 3时", []),
    ("总计约70人,28%的模型", []),
    ("2023年中国市场", ["2023年"]),                                     # 年中 only before non-Han
    ("受到去年发布的最新大型语言模型Llama 2的影响", ["去年"]),          # 受到: 到 is not a deadline
    ("但在发布中,AI联盟强调", []),
])
def test_things_that_are_not_dates_are_not_matched(sentence, expected):
    assert list(rows(sentence)["expression"]) == expected


def test_generic_now_does_not_become_the_previous_anchor():
    x = rows("2023年2月发布LLaMA,现在,五个月后推出LLaMA 2")
    assert x.loc[x["expression"] == "五个月后", "start"].item() == "2023-07-01"


# ------------------------------------------------------------------------------------------
# Table contract

def test_expression_table_columns_offsets_and_order():
    texts = ["去年7月,Meta开源Llama 2模型。", "上个月,马斯克起诉OpenAI,现在双方仍在对峙。"]
    sents = pd.concat([sentences_frame("b", texts), sentences_frame("a", texts[::-1])], ignore_index=True)
    x = tl.extract_expressions(sents, articles_frame(a="2024-03-28", b="2024-03-28"))
    assert list(x.columns) == tl.EXPRESSION_COLUMNS
    assert list(zip(x["article_id"], x["sentence_id"], x["offset_start"])) == sorted(
        zip(x["article_id"], x["sentence_id"], x["offset_start"]))
    clean = {a: "\n".join(g.sort_values("sentence_id")["text"]) for a, g in sents.groupby("article_id")}
    for r in x.itertuples():
        assert clean[r.article_id][r.offset_start:r.offset_end] == r.expression
    assert set(x["source"]) <= {"jionlp", "rule"}
    assert x["resolved"].dtype == bool


def test_traditional_text_is_read_through_text_simplified():
    sents = sentences_frame("t", ["當上個月推出LLaMA 3時"], ["当上个月推出LLaMA 3时"])
    x = tl.extract_expressions(sents, articles_frame(t="2024-05"))
    assert (x["expression"].item(), x["start"].item()) == ("上个月", "2024-04-01")
    assert sents["text"].item()[x["offset_start"].item():x["offset_end"].item()] == "上個月"


def test_unresolved_lists_only_expressions_without_interval_with_reasons():
    x = rows("去年7月,现在,同年")
    u = tl.unresolved(x)
    assert list(u["expression"]) == ["现在"]          # 同年 is anchored on 去年7月
    assert u["reason"].str.startswith("generic: present").all()
    x = tl.parse_text("去年7月,同年", "")
    assert list(tl.unresolved(x)["reason"]) == ["publication date unknown", "no earlier dated expression in the "
                                                "article to anchor on"]


def test_empty_inputs_give_empty_tables_with_columns():
    empty_sents = sentences_frame("a", []).reindex(columns=["article_id", "sentence_id", "start", "end", "text",
                                                            "text_simplified", "kind"])
    x = tl.extract_expressions(empty_sents, articles_frame())
    assert list(x.columns) == tl.EXPRESSION_COLUMNS and x.empty
    ev = tl.build_events(x, empty_sents, None)
    assert list(ev.columns) == tl.EVENT_COLUMNS and ev.empty
    t = tl.merge_timeline(ev)
    assert list(t.columns) == tl.TIMELINE_COLUMNS and t.empty


def test_output_is_deterministic():
    texts = ["去年7月,Meta开源Llama 2模型。", "最近马斯克起诉OpenAI。", "今年年底将推出新平台。"]
    sents, arts = sentences_frame("a", texts), articles_frame(a="2024-03-28")
    first = tl.extract_expressions(sents, arts)
    again = tl.extract_expressions(sents.sample(frac=1, random_state=3), arts)
    pd.testing.assert_frame_equal(first, again)


# ------------------------------------------------------------------------------------------
# jionlp: lazy, silent, and consulted only where it agrees with our conventions

def test_importing_timeline_does_not_import_jionlp_or_print():
    code = ("import sys, kaiyuan; before = 'jionlp' in sys.modules; import kaiyuan.timeline; "
            "print('LOADED' if ('jionlp' in sys.modules and not before) else 'LAZY')")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    assert out.stdout.strip() == "LAZY"


def test_jionlp_banner_and_errors_are_silenced(capsys):
    tl.parse_text("去年7月,上个月,几年前", "2024-03-28")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("expression", ["去年7月", "2023年2月", "今年", "去年", "上周", "今天上午", "两年前", "三天前",
                                        "两周前", "2024年3月28日", "1998年", "今年上半年",
                                        "2023年第三季度", "去年7月18日", "昨天", "本周", "下周"])
def test_jionlp_agrees_with_the_rules_on_whitelisted_shapes(expression):
    got = row(expression, "2024-03-28", expression)
    assert got["source"] == "jionlp", got["reason"]


def test_rules_alone_give_the_same_intervals_as_with_jionlp():
    text = "去年7月,2023年2月,今年,上周,今天上午,两年前,2022年底,今年年底,去年夏天,最近"
    with_j = tl.parse_text(text, "2024-03-28")
    without = tl.parse_text(text, "2024-03-28", use_jionlp=False)
    assert list(with_j["start"]) == list(without["start"]) and list(with_j["end"]) == list(without["end"])
    assert set(without["source"]) == {"rule"}


# ------------------------------------------------------------------------------------------
# Properties

@given(st.text(alphabet=st.sampled_from(list("０１２３４５６７８９年月日ＡＢ去今上个周最近几两五前后，,。 2023abc"))))
def test_normalise_keeps_length(text):
    assert len(tl.normalise(text)) == len(text)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)), st.integers(1, 30))
def test_n_years_ago_is_that_calendar_year(published, n):
    got = row(f"{n}年前", published.isoformat(), f"{n}年前")
    year = published.year - n
    assert (got["start"], got["end"]) == (f"{year:04d}-01-01", f"{year:04d}-12-31")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_last_month_and_last_week_precede_publication(published):
    x = rows("上个月和上周", published.isoformat())
    month, week = x.iloc[0], x.iloc[1]
    assert dt.date.fromisoformat(month["end"]) < published.replace(day=1)
    assert dt.date.fromisoformat(week["end"]) < published
    assert (dt.date.fromisoformat(week["end"]) - dt.date.fromisoformat(week["start"])).days == 6


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("去今明年月日周上下个前后近最几两三五十二〇2019年底初夏冬春世纪之交当时同次此现在每，,。"
                                             "AI的了发布推出")), max_size=40))
@example("0世纪末")  # once aborted the whole run: ValueError year -10 in resolve_century
@example("第0世纪")
def test_any_text_gives_well_formed_rows(text):
    x = tl.parse_text(text, "2024-05", use_jionlp=False)
    for r in x.itertuples():
        assert 0 <= r.offset_start < r.offset_end <= len(text)
        assert text[r.offset_start:r.offset_end] == r.expression
        if r.resolved:
            assert r.start <= r.end and 0 < r.confidence <= 1
        else:
            assert r.start == r.end == "" and r.reason


# ------------------------------------------------------------------------------------------
# Events

def mention(article_id, sentence_id, actor, surface, text, version="", base=0):
    """A mentions row for the first occurrence of surface in text."""
    s = base + text.index(surface)
    return {"article_id": article_id, "sentence_id": sentence_id, "actor": actor, "actor_type": "",
            "surface": surface, "start": s, "end": s + len(surface), "version": version}


def test_event_label_is_actor_plus_trigger_plus_first_actor_after_it():
    text = "去年7月,Meta开源Llama 2模型。"
    sents = sentences_frame("a", [text])
    ments = pd.DataFrame([mention("a", 0, "Meta", "Meta", text), mention("a", 0, "Llama", "Llama 2", text, "2")])
    x = tl.extract_expressions(sents, articles_frame(a="2024-03-28"))
    ev = tl.build_events(x, sents, ments)
    assert list(ev.columns) == tl.EVENT_COLUMNS
    e = ev.iloc[0].to_dict()
    assert e == {"event_id": "a:0:0", "article_id": "a", "sentence_id": 0, "expression": "去年7月",
                 "start": "2023-07-01", "end": "2023-07-31", "granularity": "month", "label": "Meta 开源 Llama 2",
                 "actors": "Llama; Meta", "trigger": "开源", "main_actor": "Meta", "object": "Llama 2"}


@pytest.mark.parametrize("surface,actor,version,label", [
    ("DeepSeek-R1", "DeepSeek-R", "1", "DeepSeek 发布 DeepSeek-R1"),      # letter series: no space
    ("GPT-4", "GPT", "4", "DeepSeek 发布 GPT-4"),                          # hyphen kept
    ("Qwen2.5-72B", "Qwen", "2.5-72B", "DeepSeek 发布 Qwen2.5-72B"),       # written together
    ("骆驼2", "Llama", "2", "DeepSeek 发布 Llama 2"),                      # after a Chinese name: a space
])
def test_a_model_version_is_joined_to_its_family_as_the_article_writes_it(surface, actor, version, label):
    text = f"今年1月20日，DeepSeek发布{surface}。"
    sents = sentences_frame("a", [text])
    ments = pd.DataFrame([mention("a", 0, "DeepSeek", "DeepSeek", text), mention("a", 0, actor, surface, text, version)])
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a="2025-02-01")), sents, ments)
    assert ev.iloc[0]["label"] == label


def test_llama_dash_2_and_llama_2_are_one_merge_key():
    assert tl.to_simplified_key("Llama-2") == tl.to_simplified_key("Llama 2") == "llama2"


@pytest.mark.parametrize("text,label", [
    ("今天上午,Meta与IBM在人工智能领域成立AI联盟。", "成立 AI联盟"),      # bare clause joins the next one
    ("最近马斯克起诉OpenAI,说它缺少开源模型。", "起诉 OpenAI"),
    ("去年夏天发布的 Llama 2 是一个大型语言模型。", "发布 Llama 2"),
    ("Stable Diffusion于去年8月发布后,现在负责80%的图像。", "发布 Stable Diffusion"),   # object before the verb
    ("他说,今年将推出一个新平台。", "推出 新平台"),
])
def test_event_labels_without_mentions(text, label):
    sents = sentences_frame("a", [text])
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a="2024-03-28")), sents, None)
    assert ev["label"].iloc[0] == label
    assert ev["actors"].iloc[0] == ""


def test_event_ids_count_resolved_expressions_within_a_sentence():
    text = "自2023年2月发布LLaMA以来,仅五个月后便推出了LLaMA 2,现在它很受欢迎。"
    sents = sentences_frame("a", ["标题", text])
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a="2024-05")), sents, None)
    assert list(ev["event_id"]) == ["a:1:0", "a:1:1"]            # 现在 is generic: no event
    assert list(ev["label"]) == ["发布 LLaMA", "推出 LLaMA 2"]


def test_actors_fall_back_to_the_sentence_when_the_clause_has_none():
    text = "OSI是一个非盈利组织,成立于1998年。"
    sents = sentences_frame("a", [text])
    ments = pd.DataFrame([mention("a", 0, "Open Source Initiative", "OSI", text)])
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a="2024-03-28")), sents, ments)
    assert (ev["actors"].item(), ev["label"].item()) == ("Open Source Initiative", "Open Source Initiative 成立")


def unknown_frame(article_id, sentence_id, pairs):
    """An actors.unknown_occurrences table: (candidate, tag) names the registry does not hold."""
    return pd.DataFrame([{"key": c.lower(), "candidate": c, "tag": t, "article_id": article_id,
                          "sentence_id": sentence_id, "example": ""} for c, t in pairs])


@pytest.mark.parametrize("text,published,unknown,registered,want", [
    # an acting party the registry does not hold: "Civitai again posted its lawyers' review"
    ("6月22日，Civitai又发文披露律师审阅结果。", "2024-07-10", [("Civitai", "latin")], [],
     ("2024-06-22", "Civitai 发文 披露律师审阅", "Civitai", "Civitai")),
    # a versioned Latin name is a model at family level: "the lab open-sourced the light model InternLM-7B"
    ("去年7月6日，该实验室开源了轻量级模型InternLM-7B。", "2024-07-10", [("InternLM-7B", "latin")], [],
     ("2023-07-06", "开源 InternLM-7B", "InternLM", "InternLM")),
    # a registered name in the clause: the candidates are not needed ("DeepSeek released Janus")
    ("今年1月20日，DeepSeek发布了Janus。", "2025-02-01", [("Janus", "latin")], [("DeepSeek", "DeepSeek")],
     ("2025-01-20", "DeepSeek 发布 Janus", "DeepSeek", "DeepSeek")),
    # a candidate adds to the sentence's registered actors: "someone posted a BT link; Meta did not respond"
    ("3月3日，有人在论坛贴出BT种子链接，Meta没有回应。", "2023-07-20", [("BT", "latin")], [("Meta", "Meta")],
     ("2023-03-03", "BT 贴出", "BT; Meta", "BT")),
])
def test_a_clause_the_registry_leaves_empty_takes_the_discovered_names(text, published, unknown, registered, want):
    sents = sentences_frame("a", [text])
    ments = pd.DataFrame([mention("a", 0, a, s, text) for a, s in registered]) if registered else None
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a=published)), sents, ments,
                         unknown_frame("a", 0, unknown))
    e = ev.iloc[0]
    assert (e["start"], e["label"], e["actors"], e["main_actor"]) == want


def test_discovered_names_keep_h20_and_drop_a_model_version():
    names = tl.unknown_names("英伟达H20和InternLM2.5", 10, [("H20", "latin"), ("InternLM2.5", "latin")], tl.load_rules())
    assert [(n.actor, n.version, n.actor_type, n.start) for n in names] == [("H20", "", "org", 13),
                                                                          ("InternLM", "2.5", "model", 17)]


def test_discovered_names_come_from_the_discovery_layer_end_to_end():
    from kaiyuan import actors

    text = "6月22日，Civitai又发文披露律师审阅结果。"
    sents = sentences_frame("a", [text])
    ments = actors.find_mentions(sents)
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a="2024-07-10")), sents, ments,
                         actors.unknown_occurrences(sents, ments))
    assert ev["main_actor"].item() == "Civitai"


# ------------------------------------------------------------------------------------------
# Merge

def event(event_id, start, end, label, trigger, actors="Llama; Meta", granularity="month"):
    """An events row."""
    article_id, sentence_id, _ = event_id.split(":")
    return {"event_id": event_id, "article_id": article_id, "sentence_id": int(sentence_id), "expression": "x",
            "start": start, "end": end, "granularity": granularity, "label": label, "actors": actors,
            "trigger": trigger}


LLAMA2 = [
    event("003:13:0", "2023-07-01", "2023-07-31", "开源 Llama 2", "开源"),                       # 去年7月
    event("001:15:0", "2023-06-01", "2023-08-31", "发布 Llama 2", "发布", "Llama", "season"),    # 去年夏天
    event("004:14:2", "2023-07-01", "2023-07-31", "推出 LLaMA 2", "推出", "Llama", "month"),     # 五个月后
    event("002:29:0", "2023-01-01", "2023-12-31", "发布 Llama 2模型", "发布", "Llama", "year"),  # 去年
]


def test_same_release_reported_with_different_expressions_is_one_entry():
    t = tl.merge_timeline(pd.DataFrame(LLAMA2))
    assert list(t.columns) == tl.TIMELINE_COLUMNS
    assert len(t) == 1
    e = t.iloc[0].to_dict()
    assert (e["timeline_id"], e["start"], e["end"], e["granularity"]) == ("T001", "2023-07-01", "2023-07-31", "month")
    assert e["label"] == "开源 Llama 2" and e["n_sources"] == 4 and e["article_ids"] == "001; 002; 003; 004"
    assert e["event_ids"] == "001:15:0; 002:29:0; 003:13:0; 004:14:2"
    assert e["actors"] == "Llama; Meta" and not e["conflict"] and e["conflict_with"] == ""


def test_same_event_with_disjoint_dates_is_kept_twice_and_flagged():
    evs = [LLAMA2[0], event("009:3:0", "2024-04-01", "2024-04-30", "推出 Llama 2", "推出")]
    t = tl.merge_timeline(pd.DataFrame(evs))
    assert list(t["timeline_id"]) == ["T001", "T002"]
    assert list(t["conflict"]) == [True, True]
    assert list(t["conflict_with"]) == ["T002", "T001"]


def test_different_objects_or_missing_triggers_are_not_merged():
    evs = [LLAMA2[0], event("005:1:0", "2023-07-01", "2023-07-31", "开源 Llama 3", "开源"),
           event("006:1:0", "2023-07-01", "2023-07-31", "Meta的H100出货量", ""),
           event("007:1:0", "2023-07-01", "2023-07-31", "Meta的H100出货量", "")]
    t = tl.merge_timeline(pd.DataFrame(evs))
    assert len(t) == 4 and not t["conflict"].any()
    assert list(t["label"]) == sorted(t["label"])                 # same start: sorted by label


def test_timeline_is_sorted_and_independent_of_event_order():
    evs = LLAMA2 + [event("000:2:0", "2023-12-05", "2023-12-05", "成立 AI联盟", "成立", "IBM; Meta", "day"),
                    event("003:8:0", "1998-01-01", "1998-12-31", "成立 OSI", "成立", "OSI", "year")]
    first = tl.merge_timeline(pd.DataFrame(evs))
    shuffled = evs[:]
    random.Random(7).shuffle(shuffled)
    pd.testing.assert_frame_equal(first, tl.merge_timeline(pd.DataFrame(shuffled)))
    assert list(first["start"]) == sorted(first["start"])
    assert list(first["label"]) == ["成立 OSI", "开源 Llama 2", "成立 AI联盟"]


# ------------------------------------------------------------------------------------------
# Gold: every temporal expression in the five seed articles, resolved by hand

def load_gold() -> list[dict]:
    """The hand-resolved gold rows."""
    with open(GOLD, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def seeds():
    """Seed corpus and its expressions (skipped while kaiyuan.corpus is not importable)."""
    try:
        from kaiyuan.corpus import load_corpus
    except ImportError as err:  # pragma: no cover - depends on the corpus module being present
        pytest.skip(f"kaiyuan.corpus not importable yet ({err}); gold evaluation needs it")
    corpus = load_corpus(str(SEEDS))
    articles = corpus.articles.copy()
    articles["published"] = articles["article_id"].map(SEED_PUBLISHED).fillna(articles["published"])
    expressions = tl.extract_expressions(corpus.sentences, articles)
    return corpus, expressions


def gold_offsets(corpus, gold: list[dict]) -> list[tuple[dict, int]]:
    """Each gold row with the clean-text offset of its expression (located through its snippet)."""
    out = []
    for g in gold:
        text = corpus.clean_simplified[g["article_id"]]
        at = text.find(g["sentence_snippet"])
        assert at >= 0, f"snippet not in clean text: {g['article_id']} {g['sentence_snippet']!r}"
        out.append((g, at + g["sentence_snippet"].index(g["expression"])))
    return out


def jionlp_alone(g: dict) -> tuple[str, str] | None:
    """jionlp.parse_time on the bare gold expression with the publication date (first day) as base."""
    published = SEED_PUBLISHED[g["article_id"]]
    base = dt.date.fromisoformat(published if len(published) == 10 else published + "-01")
    got = tl.jionlp_parse(g["expression"], base)
    return None if got is None else (got[0].isoformat(), got[1].isoformat())


def test_gold_file_covers_the_seeds_and_is_well_formed():
    gold = load_gold()
    assert {g["article_id"] for g in gold} == set(SEED_PUBLISHED)
    for g in gold:
        assert g["expression"] in g["sentence_snippet"]
        if g["anchor"] == "generic":
            assert g["start"] == g["end"] == g["granularity"] == ""
        else:
            assert g["start"] <= g["end"] and g["anchor"] in ("absolute", "publication", "previous")


def test_pipeline_reproduces_the_gold_timeline_of_the_seeds(seeds):
    corpus, x = seeds
    by_offset = {(r.article_id, r.offset_start): r for r in x.itertuples()}
    located = gold_offsets(corpus, load_gold())
    dated = [(g, off) for g, off in located if g["anchor"] != "generic"]
    generic = [(g, off) for g, off in located if g["anchor"] == "generic"]

    exact, wrong = 0, []
    for g, off in dated:
        r = by_offset.get((g["article_id"], off))
        if r is not None and r.expression == g["expression"] and (r.start, r.end) == (g["start"], g["end"]):
            exact += 1
            assert (r.granularity, r.anchor) == (g["granularity"], g["anchor"]), g
        else:
            wrong.append((g["article_id"][:3], g["expression"], g["start"], g["end"],
                          None if r is None else (r.expression, r.start, r.end)))
    alone = sum(jionlp_alone(g) == (g["start"], g["end"]) for g, _ in dated)
    print(f"\ntimeline gold: pipeline exact {exact}/{len(dated)}, jionlp alone exact {alone}/{len(dated)}")
    assert exact >= MIN_EXACT * len(dated), wrong
    assert alone < exact

    for g, off in generic:
        r = by_offset.get((g["article_id"], off))
        assert r is not None and not r.resolved and r.reason.startswith("generic"), g

    gold_keys = {(g["article_id"], off) for g, off in located}
    extra = [(a[:3], r.expression) for (a, o), r in by_offset.items() if (a, o) not in gold_keys]
    assert (len(by_offset) - len(extra)) >= MIN_PRECISION * len(by_offset), extra


def test_seed_timeline_merges_llama_2_across_articles(seeds):
    corpus, x = seeds
    ev = tl.build_events(x, corpus.sentences, None)
    t = tl.merge_timeline(ev)
    llama2 = t[t["label"].str.contains("Llama 2", case=False)]
    assert len(llama2) == 1
    e = llama2.iloc[0]
    assert (e["start"], e["end"], e["n_sources"]) == ("2023-07-01", "2023-07-31", 4)
    assert list(t["timeline_id"]) == [f"T{i:03d}" for i in range(1, len(t) + 1)]


def test_clause_does_not_end_inside_a_number():
    """'340,000' is one number: the event clause (and its label) keeps the whole figure."""
    from kaiyuan.timeline import clause_bounds, load_rules

    text = "他告诉我,到今年年底,Meta将拥有超过340,000个Nvidia的H100 GPU。"
    start = text.index("到今年年底")
    cs, ce = clause_bounds(text, start, start + len("到今年年底"), load_rules())
    assert text[cs:ce] == "到今年年底,Meta将拥有超过340,000个Nvidia的H100 GPU。"


def test_first_char_guard_keeps_every_match():
    """The lookahead guard only skips positions where no match can start: same matches, same groups."""
    import re

    from kaiyuan.timeline import first_char_guard

    plain = r"(?P<by>到|截至)?(?:(?P<y>[12][0-9]{3})年|(?P<rel>去年|今年))(?P<m>1[0-2]|[1-9])?月?"
    guarded = first_char_guard(plain)
    assert guarded.startswith("(?=[") and guarded != plain
    text = "去年7月,Meta开源Llama 2;到2024年底,它将拥有更多GPU;今年呢?"
    spans = lambda rx: [(m.span(), m.groupdict()) for m in re.finditer(rx, text)]  # noqa: E731
    assert spans(guarded) == spans(plain)
    assert first_char_guard(r"\d+年") == r"\d+年"  # \d is unbounded: left alone


def test_compiled_patterns_are_cached_and_guarded():
    """Patterns compile once per process, and the date patterns carry their first-character guard."""
    from kaiyuan.timeline import compiled_patterns

    assert compiled_patterns() is compiled_patterns()
    guarded = {name for name, _rule, rx in compiled_patterns() if rx.pattern.startswith("(?=[")}
    assert {"calendar", "offset", "fuzzy", "generic"} <= guarded


def test_impossible_dates_are_unresolved_with_a_reason_not_an_exception():
    x = tl.parse_text("早在0世纪末就有人提出，0世纪的说法不成立。", "2024-05-01")
    bad = x[x.expression.str.contains("0世纪")]
    assert len(bad) == 2 and not bad.resolved.any()
    assert bad.reason.str.startswith("impossible date").all()


# ------------------------------------------------------------------------------------------
# Anchoring rules of session 3 (each: a passage with a publication date in, the hand-worked interval out)

def resolved(texts, published):
    x = tl.extract_expressions(sentences_frame("a", texts), articles_frame(a=published))
    return {r.expression: (r.start, r.end) for r in x.itertuples()}


@pytest.mark.parametrize("texts, published, expression, interval", [
    # a bare weekday with its day in brackets: that day (週一（27日） after "上周一（1月27日）")
    (["DeepSeek于1月20日发布R1。", "周一（27日）英伟达股价大跌。"], "2025-02-03", "周一（27日）", ("2025-01-27", "2025-01-27")),
    # a bare weekday refers to the week of the previous dated expression
    (["上周一（2月24日）DeepSeek开源了第一个仓库。", "周二发布了第二个。"], "2025-03-03", "周二", ("2025-02-25", "2025-02-25")),
    # with nothing dated before it: the most recent such weekday on or before publication
    (["周三，OpenAI宣布推迟开放权重模型。"], "2025-07-11", "周三", ("2025-07-09", "2025-07-09")),
    # a bare day number takes the month of the previous dated expression
    (["路透社11月1日报道了此事。", "Meta于4日宣布开放Llama给美国政府。"], "2024-11-06", "4日", ("2024-11-04", "2024-11-04")),
    # same-day and next-day words take the previous date
    (["2023年7月18日，Meta发布Llama 2。", "微软在同一天宣布合作。", "隔天，高通跟进。"], "2023-07-28", "同一天",
     ("2023-07-18", "2023-07-18")),
    (["2023年7月18日，Meta发布Llama 2。", "微软在同一天宣布合作。", "隔天，高通跟进。"], "2023-07-28", "隔天",
     ("2023-07-19", "2023-07-19")),
    # a bare quarter is in the publication year
    (["Meta第二季度的资本支出再创新高。"], "2025-08-02", "第二季度", ("2025-04-01", "2025-06-30")),
    # spaced digits
    (["2023 年 7 月，Meta开源了Llama 2。"], "2024-07-23", "2023 年 7 月", ("2023-07-01", "2023-07-31")),
    # a year named paragraphs before is not the year of a year-less date
    (["1957年苏联发射了人造卫星。", "安德森称这是一次“斯普特尼克时刻”。", "市场震动。", "1月25日，DeepSeek登上榜首。"],
     "2025-02-03", "1月25日", ("2025-01-25", "2025-01-25")),
    # ... but in the same or the next sentence it is
    (["2022年，谷歌发布了PaLM。", "3月又推出了新版本。"], "2024-05-01", "3月", ("2022-03-01", "2022-03-31")),
])
def test_session3_anchoring_rules(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


def test_a_day_count_is_not_a_day_of_the_month():
    got = resolved(["新规要求企业在30日内完成备案。"], "2024-05-01")
    assert "30日" not in got


# ------------------------------------------------------------------------------------------
# Anchoring rules of session 4: an anaphor refers to the most recent event date precise enough for it

@pytest.mark.parametrize("texts, published, expression, interval", [
    # a day anaphor skips a month named in between (the background LLaMA of February)
    (["上周二（18日），Meta发布Llama 2。", "与今年2月面世的LLaMA不同，它允许商用。", "同一天发布的技术论文披露了方法。"],
     "2023-07-28", "同一天", ("2023-07-18", "2023-07-18")),
    # 当时 skips a bare year-shaped date named in between
    (["6月12日，Scale AI宣布获得Meta投资。", "这是仅次于2014年收购WhatsApp的投资。", "Meta当时在声明中称已完成投资。"],
     "2025-07-02", "当时", ("2025-06-12", "2025-06-12")),
    # ... but a date earlier in the same sentence wins
    (["他表示会在Meta待到年底。", "杨立昆2013年加入当时的Facebook。"], "2025-11-21", "当时", ("2013-01-01", "2013-12-31")),
    # N days after counts from the last day, not from a month named in between
    (["上周五（1日），路透社报道了此事。", "路透社援引的是今年6月发表的论文。", "三天后，Meta宣布开放Llama。"],
     "2024-11-06", "三天后", ("2024-11-04", "2024-11-04")),
    # a past-marked sentence (曾) cannot land after publication: the next earlier day is taken
    (["2024年5月10日，奥特曼接受了采访。", "OpenAI计划于明年3月10日发布新模型。", "奥特曼当天曾表示模型已接近完成。"],
     "2024-06-01", "当天", ("2024-05-10", "2024-05-10")),
    # new anaphoric words: 此时, 同期, 时任, 那天, 这一周, 下一周; deictic 上上周
    (["2025年6月30日，百度开源文心4.5。", "百度此时入场，已是追赶者。"], "2025-07-02", "此时", ("2025-06-30", "2025-06-30")),
    (["2025年7月，中国发布了4款开放模型。", "同期美国开发商则是挂零。"], "2025-12-03", "同期", ("2025-07-01", "2025-07-31")),
    (["2025年1月15日，美国商务部公布新规。", "时任商务部长雷蒙多表示支持。"], "2025-08-06", "时任", ("2025-01-15", "2025-01-15")),
    (["2024年2月1日，Ai2发布了OLMo。", "那天Ai2还公开了训练数据。"], "2024-12-03", "那天", ("2024-02-01", "2024-02-01")),
    (["上周DeepSeek每天开源一个仓库。", "这一周，它把地基也拿了出来。"], "2025-03-03", "这一周", ("2025-02-24", "2025-03-02")),
    (["2025年7月11日，奥特曼发文。", "原定于下一周的发布被推迟。"], "2025-08-06", "下一周", ("2025-07-14", "2025-07-20")),
    (["上上周五，DeepSeek发出预告。"], "2025-03-03", "上上周五", ("2025-02-21", "2025-02-21")),
    # a bare weekend on publication: the weekend that is over (published Saturday 2025-04-12)
    (["周末，Llama 4登上排行榜。"], "2025-04-12", "周末", ("2025-04-05", "2025-04-06")),
    # a bare weekday needs a day or week to fall in: after a month it is the most recent one
    (["今年1月，Meta发布了新模型。", "周一，股价大跌。"], "2025-04-12", "周一", ("2025-04-07", "2025-04-07")),
    # a year-less month with spaced digits
    (["2024年，Ai2发布了OLMo。", "10 月又推出了新版本。"], "2024-12-03", "10 月", ("2024-10-01", "2024-10-31")),
    # the story moves forward: a bare weekday after a weekend is the next Monday (not before publication)
    (["1月25日至26日的周末，DeepSeek登上榜首。", "到了周一，抛售蔓延至整个科技板块。"], "2025-02-03", "周一",
     ("2025-01-27", "2025-01-27")),
    # 周四一口气: a weekday followed by 一 (not a list of weekdays)
    (["上周三，DeepSeek开源了DeepGEMM。", "周四一口气放出三样。"], "2025-03-03", "周四", ("2025-02-27", "2025-02-27")),
    # a bracketed day number wins after a day word too
    (["上周一（1月27日）英伟达股价急挫。", "安德森前一日（26日）在X上发文。"], "2025-02-03", "前一日（26日）",
     ("2025-01-26", "2025-01-26")),
    # a day counted back (前一日) is a flashback: 当晚 stays on the story's Monday
    (["上周一（1月27日）英伟达股价急挫。", "安德森前一日在X上发文。", "奥特曼则在当晚发文。"], "2025-02-03", "当晚",
     ("2025-01-27", "2025-01-27")),
    # only a date in the same clause beats the story's date: 此时 after "从2023年8月起……，" is June 30
    (["2025年6月30日，百度开源文心4.5。", "阿里从2023年8月起就开源了多代模型，百度此时入场。"], "2025-07-02", "此时",
     ("2025-06-30", "2025-06-30")),
    # 半 = half the unit in a smaller one; 多 = more than N: the stated-width interval N..N+1 units back
    (["2025年1月，智谱被列入实体清单。", "半年后，智谱开源了GLM-4.5。"], "2025-08-06", "半年后", ("2025-07-01", "2025-07-31")),
    (["一个多月前，R1让全世界看到了它的模型。"], "2025-03-03", "一个多月前", ("2025-01-03", "2025-02-03")),
    (["一年多以前，百度还在坚持闭源。"], "2025-08-22", "一年多以前", ("2023-08-22", "2024-08-22")),
    (["这次重组的伏笔，埋在半个多月前。"], "2025-07-02", "半个多月前", ("2025-06-02", "2025-06-17")),
    # 当初 refers back like 当时; spaced digits in a recent span
    (["去年底，议会就法案进行最后谈判。", "贝尼菲说，我们当初没有让步是对的。"], "2024-03-01", "当初", ("2023-10-01", "2023-12-31")),
    (["开源运动近 25 年来发展迅速。"], "2024-10-31", "近 25 年来", ("1999-01-01", "2024-10-31")),
    # N units after the event just told: counted from it; hours stay on its day
    (["2024年7月12日，法例刊登在公报。", "按规定在刊登后第二十日生效。"], "2024-08-05", "刊登后第二十日",
     ("2024-08-01", "2024-08-01")),
    (["10月27日，MiniMax发布M2。", "发布后短短几天，它登上榜首。"], "2025-11-12", "发布后短短几天", ("2025-10-29", "2025-11-01")),
    (["4月29日，阿里发布Qwen3。", "发布后4小时，下载量破万。"], "2025-05-08", "发布后4小时", ("2025-04-29", "2025-04-29")),
    # fuzzy recent past: an interval ending at publication with a stated width
    (["前几天，Meta宣布了新计划。"], "2025-07-02", "前几天", ("2025-06-25", "2025-07-02")),
    (["OpenAI刚刚发布了新模型。"], "2025-08-06", "刚刚", ("2025-08-03", "2025-08-06")),
    # fixed-date holidays, with a day word after them
    (["2024年12月26日，也就是圣诞节次日，DeepSeek发布V3。"], "", "圣诞节次日", ("2024-12-26", "2024-12-26")),
    (["2024年12月26日，DeepSeek发布V3。", "平安夜，权重已经上传。"], "", "平安夜", ("2024-12-24", "2024-12-24")),
])
def test_session4_anchoring_rules(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


def test_past_cue_wins_over_future_cue():
    rules = tl.load_rules()
    assert tl.sentence_tense("他当时曾预期将于次年开源", rules) == "past"
    assert tl.sentence_tense("模型将于明年发布", rules) == "future"
    assert tl.sentence_tense("模型于明年发布", rules) == ""


# ------------------------------------------------------------------------------------------
# Events of session 4: body text only, labels 'actor + trigger + object', the acting party

def events_of(texts, published, ments=(), kinds=None):
    sents = sentences_frame("a", texts)
    if kinds:
        sents["kind"] = kinds
    return tl.build_events(tl.extract_expressions(sents, articles_frame(a=published)), sents,
                           pd.DataFrame(list(ments)) if ments else None)


def test_a_clause_without_trigger_or_actor_makes_no_event():
    # 开源概念 is an adjective use, no trigger; no actor: a fragment is never a label
    assert events_of(["最近AI圈突然流行起开源概念。"], "2024-03-28").empty


def test_a_bare_verb_without_actor_or_object_makes_no_event():
    assert events_of(["昨天，对此回应。"], "2024-03-28").empty


@pytest.mark.parametrize("line", ["08:42 来源：新浪科技 2024年3月1日", "10:35 更新时间：2024年3月1日",
                                  "责任编辑：王明 2024年3月1日", "原文链接 https://example.com/2024/03/01"])
def test_metadata_credit_and_link_lines_make_no_event(line):
    assert events_of([line, "2024年3月1日，Meta发布了新模型。"], "2024-03-02")["sentence_id"].tolist() == [1]


def test_title_and_headings_make_no_event():
    ev = events_of(["Meta去年7月发布Llama 2", "去年7月发布Llama 2", "去年7月，Meta发布Llama 2。"], "2024-03-28",
                   kinds=["title", "heading", "body"])
    assert ev["sentence_id"].tolist() == [2]


def test_a_bracketed_restatement_adds_no_second_event():
    text = "上周二（18日），Meta正式发布Llama 2。"
    ev = events_of([text], "2023-07-28", [mention("a", 0, "Meta", "Meta", text)])
    assert ev["expression"].tolist() == ["上周二"] and ev["label"].item() == "Meta 发布 Llama 2"


def test_an_outlet_cited_as_source_is_not_the_main_actor():
    text = "据路透社报道，Meta上周五宣布向美国政府开放Llama。"
    ments = [mention("a", 0, "Reuters", "路透社", text), mention("a", 0, "Meta", "Meta", text),
             mention("a", 0, "Llama", "Llama", text)]
    e = events_of([text], "2024-11-06", ments).iloc[0]
    assert (e["main_actor"], e["label"]) == ("Meta", "Meta 开放 Llama")


def test_an_outlet_reporting_alone_is_the_main_actor_of_its_report():
    text = "《金融时报》上周率先报导他计划出走。"
    e = events_of([text], "2025-11-21", [mention("a", 0, "Financial Times", "金融时报", text)]).iloc[0]
    assert (e["main_actor"], e["trigger"]) == ("Financial Times", "报导")


def test_a_model_is_released_not_acting():
    text = "Llama 4在4月推出后表现不如预期。"
    m = dict(mention("a", 0, "Llama", "Llama 4", text, "4"), actor_type="model")
    e = events_of([text], "2025-11-21", [m]).iloc[0]
    assert e["label"] == "推出 Llama 4"


def test_label_is_in_the_articles_script():
    trad, simp = "2024年4月18日，Meta發佈了新一代模型。", "2024年4月18日，Meta发布了新一代模型。"
    sents = sentences_frame("a", [trad], [simp])
    ev = tl.build_events(tl.extract_expressions(sents, articles_frame(a="2024-04-20")), sents,
                         pd.DataFrame([mention("a", 0, "Meta", "Meta", simp)]))
    assert ev["label"].item() == "Meta 發佈 新一代模型" and ev["trigger"].item() == "发布"


def test_an_entry_never_conflicts_with_itself_or_its_own_sentence():
    same_sentence = [event("a:1:0", "2023-07-18", "2023-07-18", "发布 Llama 2", "发布"),
                     event("a:1:1", "2023-02-01", "2023-02-28", "发布 Llama 2", "发布")]
    t = tl.merge_timeline(pd.DataFrame(same_sentence))
    assert len(t) == 2 and not t["conflict"].any()


def test_conflict_needs_the_same_acting_party():
    rows = [dict(event("a:1:0", "2023-07-01", "2023-07-31", "Meta 发布 Llama 2", "发布"), main_actor="Meta", object="Llama 2"),
            dict(event("b:3:0", "2024-07-01", "2024-07-31", "Microsoft 发布 Llama 2", "发布"), main_actor="Microsoft",
                 object="Llama 2"),
            dict(event("c:2:0", "2022-07-01", "2022-07-31", "Meta 发布 Llama 2", "发布"), main_actor="Meta", object="Llama 2")]
    t = tl.merge_timeline(pd.DataFrame(rows)).set_index("main_actor")
    assert t.loc["Microsoft", "conflict_with"] == ""
    assert sorted(t.loc["Meta", "conflict_with"].tolist()) == ["T001", "T002"]


# ------------------------------------------------------------------------------------------
# TimelineJS export and the timeline figure

def tl_entry(tid, start, end, granularity, label, main="Meta", sentences="a:1"):
    return {"timeline_id": tid, "start": start, "end": end, "granularity": granularity, "label": label,
            "main_actor": main, "actors": main, "article_ids": sentences.split(":")[0], "n_sources": 1,
            "event_ids": sentences + ":0", "sentences": sentences, "conflict": False, "conflict_with": ""}


def test_timelinejs_export_is_valid_json_with_the_required_keys_and_escapes_article_text(tmp_path):
    import json

    timeline = pd.DataFrame([tl_entry("T001", "2023-07-18", "2023-07-18", "day", "Meta 发布 Llama 2"),
                             tl_entry("T002", "2023-06-01", "2023-08-31", "season", "Meta <开源> Llama 2", "", "b:2"),
                             tl_entry("T003", "", "", "", "undated")])
    sents = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [1, 2],
                          "text": ["Meta发布了<script>alert(1)</script> “Llama 2” & more", "去年夏天开源"]})
    path = tl.write_timelinejs(timeline, sents, tmp_path / "timeline.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"title", "events"} and len(data["events"]) == 2          # undated entries are left out
    day, season = data["events"]
    assert day["start_date"] == {"year": "2023", "month": "7", "day": "18"} and "end_date" not in day
    assert season["start_date"] == {"year": "2023", "month": "6"}
    assert season["end_date"] == {"year": "2023", "month": "8", "day": "31"}
    assert day["text"]["headline"] == "Meta 发布 Llama 2" and day["group"] == "Meta" and season["group"] == "other"
    assert season["text"]["headline"] == "Meta &lt;开源&gt; Llama 2"
    assert "<script>" not in day["text"]["text"] and "&lt;script&gt;" in day["text"]["text"]
    assert "&amp; more" in day["text"]["text"] and day["unique_id"] == "T001"


def test_pipeline_writes_timeline_json_beside_the_tables(tmp_path):
    import json

    from kaiyuan.pipeline import run, write_tables

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Meta发布Llama 2\n\n2023年7月18日，Meta正式发布了Llama 2模型。\n", encoding="utf-8")
    written = write_tables(run(folder, cache=False), tmp_path / "out")
    assert tmp_path / "out" / "timeline.json" in written
    data = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    assert [e["start_date"] for e in data["events"]] == [{"year": "2023", "month": "7", "day": "18"}]


def test_timeline_figure_colours_the_top_8_main_actors_and_greys_the_rest():
    from kaiyuan import views
    from kaiyuan.pipeline import Result

    actors = [f"A{i}" for i in range(10)]
    rows = [tl_entry(f"T{i:03d}", "2024-01-01", "2024-01-01" if i % 2 else "2024-03-31", "day" if i % 2 else "quarter",
                     f"{a} 发布 X", a, f"a:{i}") for i, a in enumerate(actors + ["A0", "A0", "A1"])]
    result = Result(corpus=None, tables={"timeline": pd.DataFrame(rows)})
    frame = views._timeline_frame(result)
    colours = views._timeline_colours(frame)
    assert len(colours) == 9 and colours[views.OTHER] == views.OTHER_COLOUR
    assert len(set(colours.values())) == 9                                  # 8 distinct named colours + grey
    assert list(colours)[:2] == ["A0", "A1"]                                # most frequent main actors first
    assert (frame["colour_group"] == views.OTHER).sum() == 2                # A8, A9
    assert frame["exact_day"].tolist()[:2] == [False, True]                 # markers for days, bars for intervals


def test_a_sentence_without_names_is_about_the_recent_acting_party():
    texts = ["上周一，DeepSeek开源了FlashMLA。", "周二是DeepEP，一个通信库。"]
    ments = [mention("a", 0, "DeepSeek", "DeepSeek", texts[0], base=0)]
    ev = events_of(texts, "2025-03-03", ments).set_index("sentence_id")
    assert (ev.loc[1, "main_actor"], ev.loc[1, "actors"]) == ("DeepSeek", "DeepSeek")


def test_a_clause_without_listed_trigger_takes_its_verb_when_an_actor_acts():
    text = "李开复本周三转发了这份说明。"
    ev = events_of([text], "2023-11-17", [mention("a", 0, "Kai-Fu Lee", "李开复", text)])
    assert ev["label"].item() == "Kai-Fu Lee 转发" and ev["trigger"].item() == "转发"


def test_an_unlisted_verb_without_an_actor_labels_nothing():
    assert events_of(["这与一年前的论调形成鲜明对比。"], "2025-08-02").empty


# ------------------------------------------------------------------------------------------
# Round 2 (issue 18): each class of expression in new, varied passages (both scripts, outlets' styles,
# full-width digits, spaces, Chinese numerals, different anchors), with the hand-worked interval.

def resolved_any_script(texts, published):
    """Like `resolved`, for passages in either script (text_simplified by the project's converter)."""
    from kaiyuan.script import to_simplified

    simplified = [to_simplified(t) for t in texts]
    x = tl.extract_expressions(sentences_frame("a", texts, simplified), articles_frame(a=published))
    return {r.expression: (r.start, r.end) for r in x.itertuples()}


@pytest.mark.parametrize("texts, published, expression, interval", [
    # absolute dates: spaced digits in a wire-style lead, full-width digits in traditional script, Chinese numerals
    (["OpenAI 于2025 年 8 月 5 日发布了两款开放权重模型。"], "2025-08-10", "2025 年 8 月 5 日", ("2025-08-05", "2025-08-05")),
    (["OpenAI於２０２５年８月５日發佈gpt-oss。"], "2025-08-10", "２０２５年８月５日", ("2025-08-05", "2025-08-05")),
    (["阿里于二〇二五年三月六日开源QwQ-32B。"], "2025-03-10", "二〇二五年三月六日", ("2025-03-06", "2025-03-06")),
    # a year-less date with spaces (tech-site style) takes the publication year
    (["8 月 3 日，通义千问的两款模型出现在魔搭社区上。"], "2023-08-04", "8 月 3 日", ("2023-08-03", "2023-08-03")),
    # a quarter written 第一季 (without 度), traditional script
    (["公司預計2026年第一季推出新模型。"], "2025-12-01", "2026年第一季", ("2026-01-01", "2026-03-31")),
    # two ten-day parts of a month at once
    (["刘德兵在6月中下旬曾公开表示，智谱愿意开放。"], "2025-07-28", "6月中下旬", ("2025-06-11", "2025-06-30")),
    # the deictic family against a different publication date: 前年, 去年下半年, 上个月底, 本月初
    (["前年，Meta开源了Llama 2。"], "2025-03-01", "前年", ("2023-01-01", "2023-12-31")),
    (["去年下半年，Meta陆续发布了Llama 3.1和3.2。"], "2025-03-01", "去年下半年", ("2024-07-01", "2024-12-31")),
    (["上個月底，馬斯克再次起訴OpenAI。"], "2025-03-05", "上个月底", ("2025-02-21", "2025-02-28")),
    # a weekday with a full-width bracketed date in traditional script: the bracket wins
    (["本週四（２月２７日），OpenAI發佈GPT-4.5。"], "2025-03-01", "２月２７日", ("2025-02-27", "2025-02-27")),
])
def test_round2_calendar_classes_in_varied_passages(texts, published, expression, interval):
    assert resolved_any_script(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published, expression, interval", [
    # bracketed romanisation after a Han character is skipped: 上月(yue)6日 is 上月6日
    (["上月(yue)6日，智谱在GitHub上开源了CogVideoX。"], "2024-09-02", "上月(yue)6日", ("2024-08-06", "2024-08-06")),
    (["今年（jīn nián）2月，阿里发布了Qwen2.5-Max。"], "2025-03-10", "今年（jīn nián）2月", ("2025-02-01", "2025-02-28")),
    (["2024年7月26日智谱发布清影。", "三(san)周后，5B版本上线。"], "2024-09-02", "三(san)周后", ("2024-08-12", "2024-08-18")),
])
def test_bracketed_romanisation_is_skipped(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


def test_skip_romanisation_keeps_dates_and_names_in_brackets():
    plain, where = tl.skip_romanisation("上周二(er)(8月27日)发布Llama(Llama 3)")
    assert plain == "上周二(8月27日)发布Llama(Llama 3)"
    assert len(where) == len(plain) and where[3] == 7


@pytest.mark.parametrize("texts, published, expression, interval", [
    # year-month to year-month (a study period)
    (["2024年8月至2025年8月，中国开发商推出的模型占新增下载量的17.1%。"], "2025-09-20", "2024年8月至2025年8月",
     ("2024-08-01", "2025-08-31")),
    # 到 between two months is a range, not a deadline
    (["8月到10月，DeepSeek连续发布了三个版本。"], "2025-11-01", "8月到10月", ("2025-08-01", "2025-10-31")),
    # month parts across a month boundary, traditional script
    (["2024年9月底至10月初，Meta陸續發佈Llama 3.2。"], "2025-03-01", "2024年9月底至10月初", ("2024-09-21", "2024-10-10")),
    # a day range inside one month
    (["1月25日至26日的周末，DeepSeek登上榜首。"], "2025-02-03", "1月25日至26日", ("2025-01-25", "2025-01-26")),
    # years with a dash before one 年
    (["2015-2020年，深度学习框架快速发展。"], "2025-11-01", "2015-2020年", ("2015-01-01", "2020-12-31")),
])
def test_ranges_are_one_expression(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


def test_a_weekday_never_opens_a_range():
    got = resolved(["上周一（2月24日）DeepSeek开源周开幕。", "从周一到周五，每天开源一个代码库。"], "2025-03-03")
    assert "周一到周五" not in got and got["到周五"] == ("2025-02-28", "2025-02-28")


@pytest.mark.parametrize("texts, published, expression, interval", [
    # N年多来: Jan 1 of the year N+1 years back up to publication (近N年 convention), even after a date of the story
    (["两年多来，Meta一直坚持开源。"], "2025-11-01", "两年多来", ("2022-01-01", "2025-11-01")),
    (["《暂行办法》于2023年8月15日起施行。", "两年多来的实践表明，规范与开放可以相互促进。"], "2025-09-30", "两年多来",
     ("2022-01-01", "2025-09-30")),
    # N年间 is a span up to publication
    (["十年间，开源社区发生了巨大变化。"], "2025-09-30", "十年间", ("2015-01-01", "2025-09-30")),
    # 多 after a round number: up to ten more
    (["十多年来，开源软件改变了行业。"], "2025-09-30", "十多年来", ("2005-01-01", "2025-09-30")),
    # 此后 + half a year + 多: the seven months after the story's date
    (["DeepSeek于今年1月发布R1。", "此后半年多，中国模型接连开放权重。"], "2025-09-01", "此后半年多",
     ("2025-02-01", "2025-08-31")),
    # elapsed time since an event ("才过去了两年") dates the event like 两年前
    (["自从他将公司改名以来，才过去了两年。"], "2024-01-18", "过去了两年", ("2022-01-01", "2022-12-31")),
    # 十多天前: ten to twenty days before publication
    (["十多天前，OpenAI发布了Deep Research。"], "2025-03-01", "十多天前", ("2025-02-09", "2025-02-19")),
])
def test_spans_and_durations_convention(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published, expression, interval", [
    # 一年前 = the calendar year before publication, like 两年前 (lexicon.one_unit_finer is empty)
    (["一年前，扎克伯格还把开源称为前进的道路。"], "2025-07-30", "一年前", ("2024-01-01", "2024-12-31")),
    (["兩年前，Meta還在堅持元宇宙。"], "2025-07-30", "两年前", ("2023-01-01", "2023-12-31")),
    # 一年后 after the story's date: the year after it
    (["2024年7月，月之暗面发布了Kimi。", "沉寂一年后，它重回舞台。"], "2025-08-01", "一年后", ("2025-01-01", "2025-12-31")),
])
def test_one_year_is_a_calendar_year(texts, published, expression, interval):
    assert resolved_any_script(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published, interval", [
    # 当初 "originally" about a named party: the earliest date told in a sentence naming it (the seeds' convention:
    # 當初 -> 1998), not the most recent date
    (["OSI成立于1998年，推动了开源软件的发展。", "去年7月，OSI开始起草开源AI定义。", "當初OSI提出開源軟件定義時時間充裕。"],
     "2024-03-28", ("1998-01-01", "1998-12-31")),
    # the party written in Han characters before it, told on two dates: the first
    (["2024年4月16日，李彦宏在大会上说闭源更好。", "2025年2月11日，李彦宏改口支持开源。", "李彦宏当初的判断有其道理。"],
     "2025-07-01", ("2024-04-16", "2024-04-16")),
    # a sentence naming the party without a date of its own is at the date told just before it (a scene's date)
    (["2024年4月16日，深圳，一场开发者大会。", "李彦宏在台上再谈开源。", "2025年2月11日，李彦宏在迪拜改口。",
      "李彦宏当初的判断有其道理。"], "2025-07-01", ("2024-04-16", "2024-04-16")),
    # a pronoun names no party: the date just told, like 当时
    (["2023年5月，双方开始谈判。", "去年底，议会就法案进行最后谈判。", "贝尼菲说，我们当初没有让步是对的。"],
     "2024-03-01", ("2023-10-01", "2023-12-31")),
    # a party never told with a date: the date just told
    (["2023年5月，双方开始谈判。", "Mistral当初的立场很坚定。"], "2024-03-01", ("2023-05-01", "2023-05-31")),
])
def test_dangchu_refers_to_the_first_date_told_of_its_party(texts, published, interval):
    assert resolved_any_script(texts, published)["当初"] == interval


def test_timeline_figure_of_a_big_timeline_keeps_merged_entries_then_top_actors_days_spread_over_time():
    from kaiyuan import views

    # 100 entries over 100 days: odd ones are intervals; actor B (top) on multiples of 4, rare actors elsewhere
    rows = [tl_entry(f"T{i:03d}", str(dt.date(2024, 1, 1) + dt.timedelta(days=i)),
                     str(dt.date(2024, 1, 1) + dt.timedelta(days=i + (5 if i % 2 else 0))), "days" if i % 2 else "day",
                     f"X 发布 Y{i}", "B" if i % 4 == 0 else f"R{i}", f"a{i}:1") for i in range(100)]
    for r in rows[95:]:
        r["n_sources"] = 3
    kept, note = views.timeline_selection(pd.DataFrame(rows), max_rows=20, top=1)
    ids = kept["timeline_id"].tolist()
    assert len(ids) == 20 and {"T095", "T096", "T097", "T098", "T099"} <= set(ids)      # every merged entry
    singles = kept[kept["n_sources"] == 1]
    assert set(singles["main_actor"]) == {"B"} and (singles["start"] == singles["end"]).all()  # top actor's days
    assert singles["start"].min() == "2024-01-01" and singles["start"].max() >= "2024-03-25"    # spread over time
    assert kept["start"].is_monotonic_increasing
    assert note == "20 of 100 entries: 5 with ≥ 2 sources + 15 single-source (top actors' exact days first, spread over time)"
    assert views.timeline_selection(pd.DataFrame(rows[:10]), max_rows=20)[1] == "all 10 dated entries"


@pytest.mark.parametrize("texts, published, expression, interval", [
    # anaphora in traditional script (Taiwan outlet style): 當時 / 同日 / 翌日 take the story's date
    (["2023年7月18日，Meta與微軟聯手發佈Llama 2。", "當時，祖克柏表示開源能讓模型更安全。"], "2025-03-10", "当时",
     ("2023-07-18", "2023-07-18")),
    (["2024年4月18日，Meta發佈Llama 3。", "同日，微軟宣佈支援。", "翌日，亞馬遜跟進。"], "2025-03-10", "翌日",
     ("2024-04-19", "2024-04-19")),
    # year and month anaphora with a part: 同年夏天, 当年年底, 次年初, 隔年1月, 同月18日
    (["2024年4月，Meta发布Llama 3。", "同年夏天，Llama 3.1问世。"], "2025-03-10", "同年夏天", ("2024-06-01", "2024-08-31")),
    (["2024年4月，Meta发布Llama 3。", "当年年底，Llama 3.3问世。"], "2025-03-10", "当年年底", ("2024-10-01", "2024-12-31")),
    (["2024年4月，Meta发布Llama 3。", "次年初，DeepSeek崛起。"], "2025-03-10", "次年初", ("2025-01-01", "2025-03-31")),
    (["2024年4月，Meta发布Llama 3。", "隔年1月，DeepSeek崛起。"], "2025-03-10", "隔年1月", ("2025-01-01", "2025-01-31")),
    (["2024年4月，Meta发布Llama 3。", "同月18日，下载量突破百万。"], "2025-03-10", "同月18日", ("2024-04-18", "2024-04-18")),
    # offsets after the story's date with adverbs before them, and Arabic digits
    (["2024年4月，Meta发布Llama 3。", "短短3个月后，Llama 3.1问世。"], "2025-03-10", "3个月后", ("2024-07-01", "2024-07-31")),
    (["2024年4月，Meta发布Llama 3。", "半年之后，Llama 3.2问世。"], "2025-03-10", "半年之后", ("2024-10-01", "2024-10-31")),
    # since then / the same period
    (["2024年4月，Meta发布Llama 3。", "在那之后，开源阵营迅速壮大。"], "2025-03-10", "在那之后", ("2024-04-01", "2025-03-10")),
    (["2024年4月，Meta发布Llama 3。", "同一时期，阿里发布Qwen 1.5。"], "2025-03-10", "同一时期", ("2024-04-01", "2024-04-30")),
])
def test_round2_anaphora_in_varied_passages(texts, published, expression, interval):
    assert resolved_any_script(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published, expression, interval", [
    # a year-less month after publication in a past-tense sentence is last year's
    (["十二月，DeepSeek发布V3。"], "2025-03-10", "十二月", ("2024-12-01", "2024-12-31")),
    # ... but with a future cue, or when this year's reading is nearer, it is this year's
    (["OpenAI计划8月发布开放权重模型。"], "2025-03-10", "8月", ("2025-08-01", "2025-08-31")),
    (["距離11月的總統大選已不到百日。"], "2024-08-02", "11月", ("2024-11-01", "2024-11-30")),
    # a plan (future cue) after last year's date lies ahead of publication
    (["《人工智能法》去年8月1日正式生效。", "通用模型的义务将从8月2日起适用。"], "2025-07-20", "8月2日", ("2025-08-02", "2025-08-02")),
    # ... the cue counts in the clause of the date: 已于 (past) in the first clause does not hide 将 in the second
    (["《人工智能法》已于去年8月1日生效，针对通用模型的义务将从8月2日起适用。"], "2025-07-21", "8月2日",
     ("2025-08-02", "2025-08-02")),
    # a list of year-less dates goes forward across the new year
    (["12月26日和1月20日，DeepSeek接连发布V3和R1。"], "2025-03-10", "1月20日", ("2025-01-20", "2025-01-20")),
])
def test_yearless_dates_follow_the_texts_direction(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


def test_a_deadline_is_not_the_date_a_later_anaphor_refers_to():
    texts = ["欧洲议会于2024年3月13日表决通过《人工智能法》。", "多数条款则要到2026年8月2日才全面实施。", "当日，议会大楼外有人抗议。"]
    got = resolved(texts, "2024-08-02")
    assert got["到2026年8月2日"] == ("2026-08-02", "2026-08-02") and got["当日"] == ("2024-03-13", "2024-03-13")


@pytest.mark.parametrize("text, published, expression, interval", [
    ("Meta预计全年资本开支最高达720亿美元。", "2025-08-02", "全年", ("2025-01-01", "2025-12-31")),
    ("去年全年，Meta资本支出达390亿美元。", "2025-03-10", "去年", ("2024-01-01", "2024-12-31")),
])
def test_quannian_is_the_publication_year_unless_a_year_precedes_it(text, published, expression, interval):
    got = resolved([text], published)
    assert got[expression] == interval and ("全年" not in got or expression == "全年")


def test_a_date_in_brackets_restates_the_expression_before_it():
    got = resolved(["半个多月前（10月27日），上海人工智能公司MiniMax开源了M2。"], "2025-11-12")
    assert got["半个多月前"] == ("2025-10-27", "2025-10-27") == got["10月27日"]


# ------------------------------------------------------------------------------------------
# Session 5 (issue 18): classes found on real pages (counts in TIMELINE.md §12)

@pytest.mark.parametrize("texts, published, expression, interval", [
    # Taiwan press splits the day word around its date: 今（N）日 / 昨（N）日 / 明（N）日
    (["议会今（23）日三读通过一项科技法案。"], "2025-12-23", "今（23）日", ("2025-12-23", "2025-12-23")),
    (["这位执行长昨（8）日出席了供应商大会。"], "2025-11-09", "昨（8）日", ("2025-11-08", "2025-11-08")),
    (["部长预计明（24）日公布新的补助方案。"], "2025-03-23", "明（24）日", ("2025-03-24", "2025-03-24")),
    # a Minguo year: 113年 = 2024 (with a preposition, a month or a clause end after it; 民國 may be spelt out)
    (["主管部会于113年起开始研拟草案。"], "2025-12-23", "113年", ("2024-01-01", "2024-12-31")),
    (["部会于113年7月15日公告了草案。"], "2025-12-23", "113年7月15日", ("2024-07-15", "2024-07-15")),
    (["这波热潮在民国一一一年之后迅速扩散。"], "2025-06-23", "民国一一一年", ("2022-01-01", "2022-12-31")),
    # a relative year with a spaced month: 今年 8 月
    (["今年 8 月，这家公司发布了首个开放权重模型。"], "2025-11-26", "今年 8 月", ("2025-08-01", "2025-08-31")),
    # a quarter with an Arabic digit and 季 without 度: 今年第1季 = Q1
    (["新模型预计今年第1季推出。"], "2026-01-21", "今年第1季", ("2026-01-01", "2026-03-31")),
])
def test_page_shapes_of_session_5_resolve_to_hand_worked_intervals(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


@pytest.mark.parametrize("phrase", ["这家公司成立113年", "它有113年历史", "明日之星", "经济通通讯社24日专讯"])
def test_durations_and_idioms_are_not_minguo_years_or_day_words(phrase):
    assert resolved([phrase + "。"], "2025-12-23") == {}


@pytest.mark.parametrize("texts, published, expression, interval", [
    # a bare day number after a month part is the most recent such day on or before publication
    (["某部会今年8月底通过了草案。", "议会19日完成了审查。"], "2025-12-23", "19日", ("2025-12-19", "2025-12-19")),
    # after a day or a month it stays in that month, as the story goes on
    (["7月25日，一家公司开源了推理模型。", "28日，另一家发布了新一代基座模型。"], "2025-08-06", "28日",
     ("2025-07-28", "2025-07-28")),
    (["2024年3月5日，法案进入一读。", "8日，委员会完成审查。"], "2025-06-01", "8日", ("2024-03-08", "2024-03-08")),
    (["今年3月，这家公司启动了新一轮融资。", "15日，它宣布完成交割。"], "2025-05-20", "15日", ("2025-03-15", "2025-03-15")),
])
def test_a_bare_day_number_takes_the_month_of_a_previous_day_or_month_only(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published, expression, interval", [
    # a repeated anaphor refers where the first one did: it never counts from its own earlier reading
    (["据报道，上周五（1日）研究人员公开了一篇论文。", "仅仅三天后，Meta宣布向政府开放模型。", "报道援引的是今年6月的另一篇论文。",
      "三天后的转向出乎许多人意料。"], "2024-11-06", "三天后", ("2024-11-04", "2024-11-04")),
    # a day anaphor after an event word takes the date that event was told with, not a later plan
    (["一家议会于2024年3月13日表决通过了法案。", "其中部分条款将于明年8月2日起适用。", "一位委员在表决当日表示满意。"],
     "2024-08-05", "当日", ("2024-03-13", "2024-03-13")),
    # a count forward in a sentence without a future cue stays on or before publication: the next earlier date
    (["今年1月15日，一家公司被列入出口管制名单。", "这家公司6月中下旬曾公开表示影响有限。", "一家报纸本周二（5日）刊出评论。",
      "约半年后，它就交出了新的旗舰模型。"], "2025-08-06", "半年后", ("2025-07-01", "2025-07-31")),
    # ... with a future cue it counts from the date just told
    (["今年1月15日，公司发布了路线图。", "公司本周二（5日）表示，半年后将推出新模型。"], "2025-08-06", "半年后",
     ("2026-02-01", "2026-02-28")),
    # a date that opens a span with 以来 alone is background: a later year-less date keeps the publication year
    (["2024年以来，监管机构持续清理虚假账号。", "2月18日，一家社交平台公布了处置结果。"], "2025-02-20", "2月18日",
     ("2025-02-18", "2025-02-18")),
])
def test_anaphors_refer_to_the_event_date_of_the_story(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published, expression, interval", [
    # 当时 takes a year told as the story's time ...
    (["七月下旬，一家公司上线了新模型。", "开源是这家公司在其模型于2023年面世之前就定下的原则。", "当时市面上的大模型几乎都不开放权重。"],
     "2025-08-05", "当时", ("2023-01-01", "2023-12-31")),
    # ... and skips one told in a comparison (background)
    (["6月12日，一家数据公司宣布获得巨额投资。", "这是仅次于2014年那笔收购的交易。", "投资方当时在声明中称交易已完成。"],
     "2025-07-02", "当时", ("2025-06-12", "2025-06-12")),
])
def test_at_that_time_skips_a_year_only_when_it_is_background(texts, published, expression, interval):
    assert resolved(texts, published)[expression] == interval


def events_with_mentions(texts, published, mentions):
    """Events of a passage; mentions are (sentence index, surface, actor, type)."""
    s = sentences_frame("a", texts)
    rows = []
    for sid, surface, actor, kind in mentions:
        text, base = s.loc[sid, "text"], int(s.loc[sid, "start"])
        at = text.index(surface)
        rows.append({"article_id": "a", "sentence_id": sid, "start": base + at, "end": base + at + len(surface),
                     "actor": actor, "actor_type": kind, "surface": surface, "version": ""})
    x = tl.extract_expressions(s, articles_frame(a=published))
    return tl.build_events(x, s, pd.DataFrame(rows))


def test_an_organisation_before_a_person_with_a_role_between_is_the_persons_title():
    ev = events_with_mentions(["2024年3月13日，欧盟内部市场专员布勒东（Thierry Breton）表示欢迎。"], "2024-08-05",
                                           [(0, "欧盟", "European Union", "org"), (0, "布勒东", "Thierry Breton", "person")])
    assert ev.iloc[0]["main_actor"] == "Thierry Breton" and ev.iloc[0]["label"] == "Thierry Breton 表示 欢迎"


def test_an_organisation_and_a_person_joined_by_a_verb_are_not_a_title():
    ev = events_with_mentions(["2024年3月13日，这家公司宣布任命张三为总裁。"], "2024-08-05",
                                           [(0, "这家公司", "Acme", "org"), (0, "张三", "Zhang San", "person")])
    assert ev.iloc[0]["main_actor"] == "Acme"


def test_a_date_restated_in_apposition_keeps_the_event_of_the_next_clause():
    ev = events_with_mentions(["2024年12月26日，也就是圣诞节次日，深度求索正式发布新模型。"], "2025-01-10",
                                           [(0, "深度求索", "DeepSeek", "org")])
    first = ev[ev["expression"] == "2024年12月26日"].iloc[0]
    assert first["trigger"] == "发布" and first["label"].startswith("DeepSeek 发布")


def test_a_numbered_section_heading_makes_no_event():
    ev = events_with_mentions(["03 隔天的彩蛋", "隔天，这家公司又发布了一篇报告。"], "2025-03-03", [(1, "这家公司", "Acme", "org")])
    assert list(ev["sentence_id"]) == [1] or ev.empty


def test_open_source_as_a_road_is_a_noun_not_a_release():
    ev = events_of(["近年来，国产大模型在开源道路上积累了基础。"], "2025-09-30")
    assert ev.empty or "开源" not in set(ev["trigger"])


def test_another_acting_party_before_the_trigger_is_not_its_object():
    ev = events_with_mentions(["2024年3月13日，欧盟与布勒东（Thierry Breton）共同表示。"], "2024-08-05",
                              [(0, "欧盟", "European Union", "org"), (0, "布勒东", "Thierry Breton", "person")])
    assert ev.iloc[0]["main_actor"] == "European Union" and ev.iloc[0]["label"] == "European Union 表示"


# ------------------------------------------------------------------------------------------
# Session 6: the written conventions audited one by one (issue 18); sentences written afresh

@pytest.mark.parametrize("texts, published, expression, interval", [
    # 数月后 / 数月前: 数 = 2..5 (like 几), 月 without 个 only after 数 (3月后 is "after March")
    (["2024年5月，公司发布预览版。", "数月后，正式版才上线。"], "2025-03-10", "数月后", ("2024-07-01", "2024-10-31")),
    (["数月前，一家初创公司发布了开源模型。"], "2025-03-10", "数月前", ("2024-10-01", "2025-01-31")),
    # a count range before publication covers every count in it: 9..12 months before February 2025
    (["9至12个月前，这类模型的成本还很高。"], "2025-02-12", "9至12个月前", ("2024-02-01", "2024-05-31")),
    (["美国领先中国大约七至十个月前的水平。"], "2025-02-12", "七至十个月前", ("2024-04-01", "2024-07-31")),
    # the first n months of a year (今年前9月 = January..September), not the whole year
    (["今年前9月，两款模型的下载量大增。"], "2025-12-13", "今年前9月", ("2025-01-01", "2025-09-30")),
    (["去年前三个月，营收增长了一成。"], "2025-12-13", "去年前三个月", ("2024-01-01", "2024-03-31")),
    # 今年稍早 (Taiwan, Hong Kong press) = 今年早些时候: January 1 .. publication
    (["執行長今年稍早曾表示，公司仍會開源部分模型。"], "2025-12-11", "今年稍早", ("2025-01-01", "2025-12-11")),
    # lunar holidays from the table in time_rules.yaml: 春节 2026 = February 17, 除夕 the day before
    (["臨近春節，又一款影片模型在網上爆紅。"], "2026-02-20", "春节", ("2026-02-17", "2026-02-17")),
    (["除夕夜，这家公司悄悄上传了新模型的权重。"], "2025-02-05", "除夕", ("2025-01-28", "2025-01-28")),
    # a two-digit year after an apostrophe
    (["'24年1月，这家公司发布了第一代模型。"], "2025-03-10", "'24年1月", ("2024-01-01", "2024-01-31")),
    # a year told as an attribute of a noun is background: the year-less date after it is this year's
    (["主管機關依據2019年施行的條例，禁止公務機關使用。", "行政院在2月3日的會議上宣布禁令。"], "2025-02-19", "2月3日",
     ("2025-02-03", "2025-02-03")),
    # a month and day in brackets restate a relative date counted from the story's day, not from publication
    (["这番话不难理解。11天前（1月20日），一款推理模型横空出世。"], "2025-08-08", "11天前", ("2025-01-20", "2025-01-20")),
])
def test_session6_conventions(texts, published, expression, interval):
    assert resolved_any_script(texts, published)[expression] == interval


@pytest.mark.parametrize("texts, published", [
    # sequence adverbs name no time (TIMELINE.md section 1; the dev gold never dates them): no expression
    (["2月24日，公司开源了第一个代码库。", "此后，又开源了第二个。"], "2025-03-10"),
    (["2月24日，公司开源了第一个代码库。", "随后，研究者撰文批评。"], "2025-03-10"),
    (["2月24日，公司开源了第一个代码库。", "与此同时，另一家公司发布了新模型。"], "2025-03-10"),
    # a slash date without a four-digit year (YY/MM/DD, DD/MM/YY and MM/DD are all written) or a fraction: no date
    (["约1/3的用户选择了开源模型。"], "2025-03-10"),
    (["25/01/27，英伟达股价大跌。"], "2025-03-10"),
])
def test_session6_words_that_date_nothing(texts, published):
    got = resolved_any_script(texts, published)
    assert not any(w in e for e in got for w in ("此后", "随后", "与此同时", "1/3", "25/01/27")), got
