"""Session 10 (issue 18): anchoring and event classes from the d52-d57 batch, the written conventions and real pages.

Each case is a short passage (one string per sentence) with a publication date in and the hand-worked interval or
event out.  The sentences are written for these tests; the classes and their counts are in
lib/kaiyuan/data/TIMELINE.md (section 12, session 10)."""
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


def mention(texts: list[str], sentence_id: int, actor: str, surface: str, actor_type: str = "") -> dict:
    base = sum(len(t) + 1 for t in texts[:sentence_id])
    s = base + texts[sentence_id].index(surface)
    return {"article_id": "a", "sentence_id": sentence_id, "actor": actor, "actor_type": actor_type,
            "surface": surface, "start": s, "end": s + len(surface), "version": ""}


@pytest.fixture
def events(passage):
    def run(texts: list[str], published: str, mentions: list[dict]) -> pd.DataFrame:
        sents = passage(texts)
        x = tl.extract_expressions(sents, pd.DataFrame({"article_id": ["a"], "published": [published]}))
        return tl.build_events(x, sents, pd.DataFrame(mentions))
    return run


# ---------------------------------------------------------------- an interval after the date just told (时隔三天)

@pytest.mark.parametrize("texts,expression,start,end", [
    (["美国当地时间7月23日，白宫发布行动计划。", "时隔三天，李强在上海提议成立合作组织。"], "时隔三天", "2025-07-26", "2025-07-26"),
    (["6月30日，华为宣布开源两款模型。", "仅隔四天，7月4日，一项研究出现在GitHub上。"], "仅隔四天", "2025-07-04", "2025-07-04"),
    (["2025年3月，公司发布第一代模型。", "相隔两个月，第二代模型上线。"], "相隔两个月", "2025-05-01", "2025-05-31"),
])
def test_an_interval_counts_forward_from_the_date_just_told(texts, expression, start, end, resolved):
    got = resolved(texts, "2025-07-28")
    assert got[expression] == (start, end, "previous")


def test_an_interval_without_an_earlier_date_is_not_counted_from_publication(expressions):
    got = expressions(["时隔六年，这家公司再次发布开源模型。"], "2025-08-06")
    row = got[got.expression == "时隔六年"].iloc[0]
    assert not row.resolved and "no earlier dated expression" in row.reason


def test_a_duration_between_two_events_is_no_interval(resolved):
    assert "相隔不到一周" not in "".join(resolved(["两件事前后相隔不到一周。"], "2025-07-28"))


# ---------------------------------------------------------------- restatements

def test_a_bracketed_day_on_the_named_weekday_wins(resolved):
    # Monday 2025-09-15: by Monday-Sunday weeks 上周日 is the 14th; the writer's bracket says the 7th, a Sunday
    got = resolved(["这笔交易早在上周日（7日）已被率先披露。"], "2025-09-15")
    assert got["上周日"][:2] == ("2025-09-07", "2025-09-07")


def test_a_bracketed_day_on_another_weekday_does_not_win(resolved):
    # 2025-09-09 is a Tuesday: it restates no Sunday, so 上周日 keeps its own reading
    got = resolved(["这笔交易早在上周日（9日）已被披露。"], "2025-09-15")
    assert got["上周日"][:2] == ("2025-09-14", "2025-09-14")


def test_a_count_joined_to_the_date_it_reaches_is_that_date(resolved):
    got = resolved(["今年4月，王小川创立百川智能。", "两个月后的6月15日，首款开源模型发布。"], "2023-10-19")
    assert got["两个月后"] == ("2023-06-15", "2023-06-15", "previous")


# ---------------------------------------------------------------- ages and named releases

def test_an_age_reached_since_a_founding_dates_the_founding(resolved):
    got = resolved(["这家成立刚满半年的大模型公司完成了新一轮融资。"], "2023-10-19")
    assert got["刚满半年"] == ("2023-04-01", "2023-04-30", "publication")


def test_an_anniversary_is_no_age(resolved):
    assert not any("满" in e for e in resolved(["平台上线满一周年之际推出新功能。"], "2023-10-19"))


def test_a_count_after_a_named_release_counts_from_the_date_told_with_that_name(resolved):
    texts = ["7月11日，130亿参数的Baichuan-13B登场。", "9月6日，Baichuan 2系列开源。",
             "Baichuan-13B发布一周后，Meta推出了允许商用的Llama 2。"]
    got = resolved(texts, "2023-10-19")
    assert got["发布一周后"][:2] == ("2023-07-17", "2023-07-23")    # the week after 07-11, not after 09-06


def test_a_count_after_a_release_not_told_with_a_date_counts_from_the_date_just_told(resolved):
    got = resolved(["9月6日，第二代模型开源。", "发布一周后，下载量突破百万。"], "2023-10-19")
    assert got["发布一周后"][:2] == ("2023-09-11", "2023-09-17")


# ---------------------------------------------------------------- a window ahead (C5)

@pytest.mark.parametrize("sentence,published,expression,start,end", [
    ("公司预计未来几个月内推出更大的模型。", "2024-04-18", "未来几个月内", "2024-04-18", "2024-09-30"),   # 几 = 5
    ("出口令要求未来90天内设立出口计划。", "2025-07-23", "未来90天内", "2025-07-23", "2025-10-21"),
    ("今后两年内完成全部部署。", "2025-07-28", "今后两年内", "2025-07-28", "2027-12-31"),
])
def test_a_window_ahead_runs_to_the_end_of_the_unit_n_ahead(sentence, published, expression, start, end, resolved):
    assert resolved([sentence], published)[expression][:2] == (start, end)


def test_a_future_without_nei_stays_undated(expressions):
    got = expressions(["公司将在未来几个月发布新模型。"], "2024-04-18")
    assert list(got.expression) == ["未来"] and not got.resolved.any()


def test_a_window_ahead_inside_dated_speech_counts_from_the_speech(resolved):
    # the interview is on the release day (4月18日), two days before publication; 他 carries the speech on
    texts = ["4月18日，Meta发布Llama 3。", "扎克伯格在发布当天的访谈中说，更大的模型仍在训练中。", "他也透露，预计未来几个月内推出。"]
    got = resolved(texts, "2024-04-20")
    assert got["未来几个月内"] == ("2024-04-18", "2024-09-30", "previous")


def test_a_date_told_as_the_attribute_of_another_noun_dates_no_speech(resolved):
    texts = ["4月18日，Meta发布Llama 3。", "扎克伯格提到当天的模型仍不完善。", "他也透露，预计未来几个月内推出。"]
    assert resolved(texts, "2024-04-20")["未来几个月内"][:2] == ("2024-04-20", "2024-09-30")


# ---------------------------------------------------------------- events

def test_a_time_zone_leaves_its_clause_bare_the_event_is_in_the_next(events):
    texts = ["美国当地时间上周三（23日），白宫发布了行动计划。"]
    ev = events(texts, "2025-07-28", [mention(texts, 0, "White House", "白宫", "gov")])
    assert list(ev["label"]) == ["White House 发布 行动计划"]
    assert list(ev["start"]) == ["2025-07-23"]


def test_a_named_event_day_after_a_time_zone_clause(resolved):
    texts = ["北京时间7月23日，白宫发布了行动计划。", "白宫此前于2月6日发起公开征询。", "Anthropic在计划发布当天即发表回应。"]
    assert resolved(texts, "2025-07-28")["当天"][:2] == ("2025-07-23", "2025-07-23")


def test_a_date_that_heads_a_modifier_tells_its_event_in_the_next_clause(events):
    texts = ["7月23日，白宫发布了行动计划。", "就在白宫发布计划的同一天，阿里通义团队开源了Qwen3-Coder。"]
    ments = [mention(texts, 0, "White House", "白宫", "gov"), mention(texts, 1, "White House", "白宫", "gov"),
             mention(texts, 1, "Alibaba", "阿里", "org")]
    ev = events(texts, "2025-07-28", ments)
    second = ev[ev.sentence_id == 1].iloc[0]
    assert (second.start, second.main_actor, second.trigger) == ("2025-07-23", "Alibaba", "开源")


# ---------------------------------------------------------------- an undated article: the weekday pins the year

def test_a_weekday_pins_the_year_of_a_yearless_date_in_an_undated_article(resolved):
    texts = ["在8月5日星期二，OpenAI发布了两款新的语言模型。", "这是该公司自2019年的GPT-2以来首次开放权重。",
             "两款模型在同一天上线。", "2025年1月31日，奥尔特曼在一场问答中表示。"]
    got = resolved(texts, "")
    assert got["8月5日"] == ("2025-08-05", "2025-08-05", "absolute")     # 2025-08-05 is a Tuesday (2019's is a Monday)
    assert got["同一天"][:2] == ("2025-08-05", "2025-08-05")


def test_a_bracketed_weekday_pins_the_year_too(resolved):
    got = resolved(["2023年，这家公司成立。", "7月11日（周五），创始人宣布推迟发布。"], "")
    assert got["7月11日"][:2] == ("2025-07-11", "2025-07-11")             # the Friday nearest 2023: 2025 (2020 is a Saturday)


def test_a_weekday_does_not_move_a_dated_articles_date(resolved):
    got = resolved(["在8月5日星期二，OpenAI发布了两款模型。"], "2025-08-07")
    assert got["8月5日"][:2] == ("2025-08-05", "2025-08-05")
    assert resolved(["8月5日星期一，公司发布了模型。"], "")["8月5日"][0] == ""   # undated, no year named: unresolved


def test_a_weekday_restating_its_date_leaves_the_clause_bare(events):
    texts = ["在8月5日星期二，OpenAI发布了两款模型。"]
    ev = events(texts, "2025-08-07", [mention(texts, 0, "OpenAI", "OpenAI", "org")])
    assert list(ev["trigger"]) == ["发布"]


def test_a_clause_of_a_date_and_its_restatement_is_bare(events):
    texts = ["今年4月，王小川创立百川智能。", "两个月后的6月15日，首款模型Baichuan-7B在GitHub开源。"]
    ev = events(texts, "2023-10-19", [mention(texts, 1, "Baichuan", "Baichuan-7B", "model")])
    second = ev[ev.sentence_id == 1].iloc[0]
    assert (second.start, second.trigger) == ("2023-06-15", "开源")


# ---------------------------------------------------------------- a noun-phrase subject no registry holds

def test_a_sentence_naming_no_known_actor_takes_its_subject_as_the_acting_party(events):
    texts = ["2025年6月30日，华为宣布开源盘古模型。"]
    ev = events(texts, "2025-07-10", [])
    assert (ev.main_actor.iloc[0], ev.trigger.iloc[0]) == ("华为", "开源")


def test_a_place_after_a_preposition_is_no_subject(events):
    ev = events(["过去两年，开源阵营在华盛顿长期处于守势。"], "2025-07-28", [])
    assert "华盛顿" not in set(ev.main_actor)


def test_a_known_actor_is_not_replaced_by_a_subject(events):
    texts = ["2025年6月30日，华为宣布开源盘古模型。"]
    ev = events(texts, "2025-07-10", [mention(texts, 0, "Huawei", "华为", "org")])
    assert ev.main_actor.iloc[0] == "Huawei"


def test_earlier_this_month_runs_from_the_first_of_the_month_to_publication(resolved):
    got = resolved(["英伟达首席执行官本月早些时候表示，中国在开源上领先很远。"], "2025-12-11")
    assert got["本月早些时候"][:2] == ("2025-12-01", "2025-12-11")
    assert "本月" not in got                       # one expression, not 本月 + 早些时候 (six months back)
