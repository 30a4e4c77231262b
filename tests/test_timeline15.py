"""Session 15 (issue 18): date and event classes counted on dev and on new real pages of 2023-2026 AI coverage
(Taiwanese results news on AI-server suppliers, model releases announced on platforms).

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked answer out.  The classes and their counts are in lib/kaiyuan/data/TIMELINE.md (session 15)."""
import pytest
from timeline_frames import events_of  # tests/timeline_frames.py


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- a results page's bare quarter: calendar months

@pytest.mark.parametrize("texts, published, expression, start, end", [
    (["某封测厂商30日举行法说会，公布第3季营收季增11.8%。"], "2025-10-30", "第3季", "2025-07-01", "2025-09-30"),
    (["某封测厂商30日举行法说会。", "公司预期第4季整体营收将季增1%至2%。"], "2025-10-30", "第4季", "2025-10-01",
     "2025-12-31"),
    (["这家电源厂昨天公布财报。", "第三季则小幅亏损。"], "2025-11-12", "第三季", "2025-07-01", "2025-09-30"),
    (["这家服务器厂第一季每股盈余3元。"], "2026-05-14", "第一季", "2026-01-01", "2026-03-31"),
])
def test_a_bare_quarter_of_a_results_page_without_a_fiscal_calendar_is_the_calendar_quarter(
        texts, published, expression, start, end, resolved):
    assert resolved(texts, published)[expression] == (start, end, "publication")


def test_a_bare_quarter_of_a_company_with_a_fiscal_calendar_stays_fiscal(resolved):
    got = resolved(["辉达周三（27日）公布财报，第2季营收超出预期。"], "2025-08-28")
    assert got["第2季"] == ("2025-05-01", "2025-07-31", "publication")


@pytest.mark.parametrize("texts", [
    ["这部剧的第二季昨天上线。"],                     # a season of a series: no results word
    ["这家公司公布第三财季营收。"],                   # the article says fiscal, and the calendar is not known
])
def test_a_season_or_an_unknown_fiscal_quarter_stays_unresolved(texts, resolved):
    got = resolved(texts, "2025-11-12")
    assert all(v[:2] == ("", "") for k, v in got.items() if "季" in k)


def test_a_bare_quarter_is_the_latest_one_begun_by_publication(resolved):
    got = resolved(["法人预估，第三季获利总和已超越第二季表现。"], "2025-11-19")
    assert got["第二季"] == ("2025-04-01", "2025-06-30", "publication")   # not next year's, though nearer


# ---------------------------------------------------------------- 近期: the recent past unless a future cue

@pytest.mark.parametrize("sentence, start, end", [
    ("首席AI科学家近期宣布离职。", "2025-09-11", "2025-12-11"),
    ("谷歌近期发布的Gemini 3表现出色。", "2025-09-11", "2025-12-11"),
    ("两个团队近期已经合并。", "2025-09-11", "2025-12-11"),
    ("权重与推理代码将于近期上线。", "2025-12-11", "2026-03-11"),
    ("公司近期内将推出新模型。", "2025-12-11", "2026-03-11"),
])
def test_jinqi_is_the_three_months_before_publication_unless_a_future_cue(sentence, start, end, resolved):
    assert resolved([sentence], "2025-12-11")["近期"][:2] == (start, end)


def test_a_decade_with_a_space_before_niandai_is_the_decade(resolved):
    got = resolved(["2000 年代中期，芯片行业转向多核架构。"], "2026-02-17")
    assert got["2000 年代"][:2] == ("2000-01-01", "2009-12-31")


# ---------------------------------------------------------------- events: a platform is where, not who

_events = events_of


@pytest.mark.parametrize("text, named, expression, actor", [
    ("2025年1月31日，在Reddit上的一场问答活动中，萨姆·奥尔特曼被问到是否会公开模型权重。",
     [(0, "Reddit", "org", "Reddit"), (0, "Sam Altman", "person", "萨姆·奥尔特曼")], "2025年1月31日", "Sam Altman"),
    ("根据DeepSeek官方微信账号的文章，上周推出的DeepSeek-R1价格低廉。",
     [(0, "DeepSeek", "org", "DeepSeek"), (0, "WeChat", "org", "微信"), (0, "DeepSeek", "model", "DeepSeek-R1")],
     "上周", "DeepSeek"),
])
def test_a_platform_named_as_the_place_of_a_post_does_not_act(text, named, expression, actor):
    ev = _events([text], "2025-02-05", named).set_index("expression")
    assert ev.loc[expression, "main_actor"] == actor


def test_a_platform_between_a_pronoun_and_its_post_verb_leaves_the_person_acting():
    texts = ["杨立昆批评了这种说法。", "他10月31日在X发帖说，这是大公司的阴谋论。"]
    ev = _events(texts, "2023-11-03", [(0, "Yann LeCun", "person", "杨立昆"), (1, "X", "org", "X")])
    assert ev.set_index("expression").loc["10月31日", "main_actor"] == "Yann LeCun"


def test_a_platform_acts_when_it_is_the_only_party_named():
    ev = _events(["12月25日，权重文件就已经出现在 Hugging Face 上。"], "2024-12-27",
                 [(0, "Hugging Face", "org", "Hugging Face")]).set_index("expression")
    assert ev.loc["12月25日", "main_actor"] == "Hugging Face"


def test_a_company_posting_on_its_own_platform_still_acts():
    ev = _events(["1月20日，X平台工程团队宣布开源最新算法。"], "2026-01-20",
                 [(0, "X", "org", "X")]).set_index("expression")
    assert ev.loc["1月20日", "main_actor"] == "X"


@pytest.mark.parametrize("text, expression", [
    ("OpenAI共同创办人兼执行长奥特曼于5月8日赴华府出席听证会。", "5月8日"),
    ("Google Brain创办人之一吴恩达日前接受访问时直言开源重要。", "日前"),
])
def test_a_founder_title_is_not_the_event_found(text, expression):
    named = [(0, "OpenAI", "org", "OpenAI"), (0, "Sam Altman", "person", "奥特曼")] if "奥特曼" in text else \
        [(0, "Google Brain", "org", "Google Brain"), (0, "Andrew Ng", "person", "吴恩达")]
    ev = _events([text], "2025-12-02", named).set_index("expression")
    assert ev.loc[expression, "trigger"] != "创办"


def test_a_founder_title_between_a_company_and_a_person_leaves_the_person_acting():
    ev = _events(["OpenAI共同创办人兼执行长奥特曼于5月8日赴华府出席听证会。"], "2025-12-02",
                 [(0, "OpenAI", "org", "OpenAI"), (0, "Sam Altman", "person", "奥特曼")]).set_index("expression")
    assert ev.loc["5月8日", "main_actor"] == "Sam Altman"
