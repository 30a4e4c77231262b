"""Session 11 (issue 18): classes found on real pages of 2023-2026 AI coverage (both scripts) that dev rarely shows.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (section 12, session 11)."""
import pandas as pd
import pytest

from kaiyuan import timeline as tl


@pytest.fixture
def expressions(passage):
    def run(texts: list[str], published: str) -> pd.DataFrame:
        return tl.extract_expressions(passage(texts), pd.DataFrame({"article_id": ["a"], "published": [published]}))
    return run


@pytest.fixture
def resolved(expressions):
    def run(texts: list[str], published: str) -> dict:
        """expression -> (start, end, anchor) for a passage of one article (the last reading of a repeated word)."""
        return {r.expression: (r.start, r.end, r.anchor) for r in expressions(texts, published).itertuples()}
    return run


# ---------------------------------------------------------------- 次 as a counter

@pytest.mark.parametrize("sentence", ["网易有道以867万2940次年度搜寻量选出年度词汇。", "两国外长举行了一次日韩会谈。"])
def test_ci_after_a_numeral_is_a_counter_and_names_no_next_year_or_day(sentence, resolved):
    assert not {"次年", "次日"} & set(resolved(["2025年，这家公司发布了新模型。", sentence], "2026-02-14"))


def test_the_following_year_is_still_the_year_after_the_date_just_told(resolved):
    assert resolved(["2023年，这家公司成立。", "次年，它开源了第一个模型。"], "2025-06-01")["次年"] == (
        "2024-01-01", "2024-12-31", "previous")


# ---------------------------------------------------------------- two listed years

def test_two_consecutive_listed_years_are_both_years(resolved):
    got = resolved(["在2023、2024年，中国企业依赖Llama建立自己的模型。"], "2025-12-13")
    assert got["2023、2024年"] == ("2023-01-01", "2024-12-31", "absolute")


def test_two_listed_years_apart_span_nothing_the_second_is_read_alone(resolved):
    got = resolved(["这家公司在2019、2023年两次发布模型。"], "2025-12-13")
    assert "2019、2023年" not in got and got["2023年"][:2] == ("2023-01-01", "2023-12-31")


# ---------------------------------------------------------------- 这一年, 过去这一年

def test_this_very_year_after_a_told_year_is_that_year(resolved):
    got = resolved(["2023年，OpenAI发布了GPT-4。", "这一年，开源阵营迅速壮大。"], "2025-06-01")
    assert got["这一年"] == ("2023-01-01", "2023-12-31", "previous")


def test_this_very_year_is_no_span_up_to_publication(expressions):
    # moved from test_timeline.py (session 11: 这一年 is now matched, as the anaphor "that year", never as 近一年)
    row = expressions(["这一年里，开源阵营迅速壮大。"], "2025-06-01").iloc[0]
    assert row.expression == "这一年" and not row.resolved and "no earlier dated expression" in row.reason


def test_this_very_year_right_after_a_year_restates_it(resolved):
    assert "这一年" not in resolved(["经过2025年这一年发展后，更多公司跻身第一梯队。"], "2026-01-15")


def test_the_past_year_with_zhe_is_the_past_year(resolved):
    got = resolved(["这篇报告复盘了过去这一年中国AI的狂飙突进。"], "2026-01-20")
    assert got["过去这一年中"][:2] == ("2025-01-01", "2026-01-20")


# ---------------------------------------------------------------- 全年 after a year told in its sentence

def test_the_whole_year_after_last_year_in_its_sentence_is_last_year(resolved):
    got = resolved(["去年，这家公司营收增长，全年净利润却下降了一成。"], "2025-04-21")
    assert got["全年"][:2] == ("2024-01-01", "2024-12-31")


def test_the_whole_year_alone_is_the_publication_year(resolved):
    got = resolved(["Meta第二季度营收增长，并预计全年资本开支最高达720亿美元。"], "2025-07-31")
    assert got["全年"][:2] == ("2025-01-01", "2025-12-31")


# ---------------------------------------------------------------- 这个夏天, 前阵子, 自年中

def test_this_summer_is_this_years_summer(resolved):
    got = resolved(["沉寂许久的大模型竞技场，在这个夏天又硝烟四起。"], "2025-08-06")
    assert got["这个夏天"][:2] == ("2025-06-01", "2025-08-31")


@pytest.mark.parametrize("word", ["前阵子", "前一阵子", "前段时间"])
def test_a_while_ago_is_the_three_months_up_to_publication(word, resolved):
    got = resolved([f"{word}黄仁勋在访问中将杭州称为中国的硅谷。"], "2025-07-30")
    assert got[word][:2] == ("2025-04-30", "2025-07-30")


def test_a_bare_mid_year_after_a_preposition_is_this_years(resolved):
    got = resolved(["自年中开源Qwen3以来，阿里陆续更新了多款模型。"], "2025-07-30")
    assert got["年中"][:2] == ("2025-06-01", "2025-07-31")


def test_a_bare_mid_year_inside_another_word_is_no_date(resolved):
    assert resolved(["青年中心的志愿者在2025年中国开源大会上发言。"], "2025-07-30") == {
        "2025年": ("2025-01-01", "2025-12-31", "absolute")}


# ---------------------------------------------------------------- a year joined by 的 to a month

def test_a_year_joined_to_a_month_is_that_months_year(resolved):
    got = resolved(["把时钟拨回到一年前，2025 年的 1 月。", "当时，DeepSeek发布了R1模型。"], "2026-01-20")
    assert got["1 月"][:2] == ("2025-01-01", "2025-01-31")
    assert got["当时"][:2] == ("2025-01-01", "2025-01-31")


def test_a_year_told_as_a_nouns_attribute_still_lends_no_year(resolved):
    got = resolved(["依据2019年的条例，2月3日的会议作出决定。"], "2025-03-01")
    assert got["2月3日"][:2] == ("2025-02-03", "2025-02-03")


# ---------------------------------------------------------------- 时任: a role, dated by its own sentence

def test_a_role_takes_the_date_its_own_sentence_tells_after_it(resolved):
    got = resolved(["今年4月，公司发布了新模型。", "时任联合创始人的张三曾在 2023 年公开反对开源。"], "2025-07-01")
    assert got["时任"][:2] == ("2023-01-01", "2023-12-31")


def test_a_role_without_a_date_of_its_own_takes_the_date_just_told(resolved):
    got = resolved(["今年1月15日，美国商务部将智谱列入实体清单。", "时任商务部长雷蒙多当时说，新规将确保安全。"], "2025-07-28")
    assert got["时任"][:2] == ("2025-01-15", "2025-01-15")
    assert got["当时"][:2] == ("2025-01-15", "2025-01-15")


def test_a_role_does_not_take_a_plan_after_publication(resolved):
    got = resolved(["今年4月，公司发布了新模型。", "时任首席执行官张三表示，公司将在2027年上市。"], "2025-07-01")
    assert got["时任"][:2] == ("2025-04-01", "2025-04-30")


# ---------------------------------------------------------------- two listed weekdays

def test_two_listed_weekdays_are_the_days_between_them(resolved):
    # Friday 2023-11-03: this Wednesday and Thursday are 11-01 and 11-02
    got = resolved(["本周三、四两天，两家公司先后开源了模型。"], "2023-11-03")
    assert got["本周三、四"][:2] == ("2023-11-01", "2023-11-02")


def test_a_bracketed_range_restates_two_listed_weekdays(resolved):
    # by Monday-Sunday weeks a Monday 11-06 article's 本周三、四 would be 11-08..09; the writer's bracket says 11-01..02
    got = resolved(["本周三、四（11月1日至2日），两家公司先后开源了模型。"], "2023-11-06")
    assert got["本周三、四"][:2] == ("2023-11-01", "2023-11-02")


# ---------------------------------------------------------------- counts from taking office

def test_a_count_before_taking_office_counts_back_from_the_inauguration(resolved):
    got = resolved(["1月20日，特朗普宣誓就职。", "他宣称要纠正错误。", "就职两天前，他还发行了虚拟货币。"], "2025-01-24")
    assert got["就职两天前"] == ("2025-01-18", "2025-01-18", "previous")


def test_a_count_after_an_event_verb_counts_from_the_date_told_with_that_verb(resolved):
    # the date told last is the 19th (a rally); the count is from the 20th, the date told with 就职
    got = resolved(["特朗普19日说，他将在20日宣誓就职后推翻多项行政令。",
                    "特朗普19日下午在集会上说，这些行政令在他宣誓就职后的几小时内都会被废除。"], "2025-01-21")
    assert got["就职后的几小时"][:2] == ("2025-01-20", "2025-01-20")


# ---------------------------------------------------------------- events: a pronoun subject

def mention(texts: list[str], sentence_id: int, actor: str, surface: str, actor_type: str) -> dict:
    base = sum(len(t) + 1 for t in texts[:sentence_id])
    s = base + texts[sentence_id].index(surface)
    return {"article_id": "a", "sentence_id": sentence_id, "actor": actor, "actor_type": actor_type,
            "surface": surface, "start": s, "end": s + len(surface), "version": ""}


@pytest.fixture
def events(passage):
    def run(texts: list[str], published: str, mentions: list[dict]) -> pd.DataFrame:
        sents = passage(texts)
        x = tl.extract_expressions(sents, pd.DataFrame({"article_id": ["a"], "published": [published]}))
        return tl.build_events(x, sents, pd.DataFrame(mentions)).set_index("expression")
    return run


INAUGURATION = ["特朗普宣誓就职，成为第47任总统。", "1月20日的仪式结束后，他签署了近百份行政命令。",
                "1月21日，他推翻了拜登政府的近80项政策。", "就职两天前，他还发行了以自己名字命名的虚拟货币。"]
INAUGURATION_MENTIONS = [mention(INAUGURATION, 0, "Donald Trump", "特朗普", "person"),
                         mention(INAUGURATION, 2, "US federal government", "拜登政府", "gov")]


def test_a_pronoun_subject_acts_as_the_person_told_last(events):
    got = events(INAUGURATION, "2025-01-24", INAUGURATION_MENTIONS)
    assert got.loc["1月21日", "main_actor"] == "Donald Trump"      # not the government named after the verb
    assert "Donald Trump" in got.loc["就职两天前", "actors"].split("; ")
    assert got.loc["就职两天前", "main_actor"] == "Donald Trump"   # not the recent sentence's organisation


def test_a_plural_pronoun_is_no_persons_subject(events):
    texts = ["特朗普宣誓就职。", "1月21日，他们推翻了拜登政府的近80项政策。"]
    got = events(texts, "2025-01-24", [mention(texts, 0, "Donald Trump", "特朗普", "person"),
                                      mention(texts, 1, "US federal government", "拜登政府", "gov")])
    assert got.loc["1月21日", "main_actor"] == "US federal government"


def test_a_name_between_the_pronoun_and_the_verb_acts(events):
    texts = ["奥特曼接受了采访。", "他说，3月31日OpenAI宣布将发布开放权重模型。"]
    got = events(texts, "2025-04-01", [mention(texts, 0, "Sam Altman", "奥特曼", "person"),
                                      mention(texts, 1, "OpenAI", "OpenAI", "organisation")])
    assert got.loc["3月31日", "main_actor"] == "OpenAI"


# ---------------------------------------------------------------- the first quarters of a year

def test_the_first_three_quarters_of_a_year_are_its_first_nine_months(resolved):
    got = resolved(["投资者调研记录显示，2024年前三季度，学习机销量增长超过100%。"], "2025-04-20")
    assert got["2024年前三季度"][:2] == ("2024-01-01", "2024-09-30")
