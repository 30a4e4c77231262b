"""kaiyuan.compare (what changed between two runs) on hand-made before/after tables and on a CSV round
trip, and kaiyuan.browse (the sentence browser): joins, filters, HTML escaping, the widget."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from kaiyuan import browse, compare
from kaiyuan.pipeline import Result, run, write_tables


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path / "cache"))


def frame(rows, columns) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype(str)


ARTICLE_COLS = ["article_id", "title", "outlet", "published"]
COUNT_COLS = ["article_id", "actor", "actor_type", "count", "per_1k_chars"]
STANCE_COLS = ["article_id", "target", "label", "supportive", "critical", "neutral", "evidence_sentence_ids"]
TIMELINE_COLS = ["timeline_id", "start", "end", "granularity", "label", "actors", "article_ids", "n_sources",
                 "event_ids", "conflict", "conflict_with"]
UNKNOWN_COLS = ["candidate", "tag", "count", "articles", "example_article_id", "example_sentence_id", "example"]

BEFORE = {
    "articles": frame([("a", "甲", "新华网", "2024-01-04"), ("b", "乙", "極客網", "2024-03-28")], ARTICLE_COLS),
    "actor_counts": frame([("a", "Meta", "org", 2, 4.0), ("a", "Llama", "model", 1, 2.0), ("b", "Meta", "org", 1, 0.5),
                           ("b", "OpenAI", "org", 3, 1.5)], COUNT_COLS),
    "unknown_actors": frame([("张三", "nr", 2, 1, "a", 3, "张三说"), ("Foo Lab", "latin", 1, 1, "b", 2, "Foo Lab")],
                            UNKNOWN_COLS),
    "stance_articles": frame([("a", "open_source_ai", "supportive", 2, 0, 1, "1"), ("b", "open_source_ai", "critical", 0, 2, 1, "2"),
                              ("a", "meta_openness", "critical", 0, 2, 1, "3"), ("b", "meta_openness", "neutral", 0, 0, 3, "")],
                             STANCE_COLS),
    "timeline": frame([("T001", "2023-07-01", "2023-07-31", "month", "发布 Llama 2", "Meta", "a", 1, "a:1:0", False, ""),
                       ("T002", "2023-12-05", "2023-12-05", "day", "成立 AI联盟", "Meta; IBM", "a", 1, "a:4:0", False, "")],
                      TIMELINE_COLS),
}
NOW = {
    "articles": frame([("b", "乙", "極客網", "2024-03-28"), ("c", "丙", "彭博", "2024-05")], ARTICLE_COLS),
    "actor_counts": frame([("b", "Meta", "org", 1, 0.5), ("b", "OpenAI", "org", 3, 1.5), ("c", "Meta", "org", 4, 2.0),
                           ("c", "Mistral AI", "org", 2, 1.0)], COUNT_COLS),
    "unknown_actors": frame([("Foo Lab", "latin", 1, 1, "b", 2, "Foo Lab"), ("李四", "nr", 1, 1, "c", 0, "李四表示")],
                            UNKNOWN_COLS),
    "stance_articles": frame([("b", "open_source_ai", "critical", 0, 2, 1, "2"), ("c", "open_source_ai", "critical", 0, 3, 1, "1"),
                              ("b", "meta_openness", "neutral", 0, 0, 3, ""), ("c", "meta_openness", "critical", 0, 3, 0, "1")],
                             STANCE_COLS),
    "timeline": frame([("T001", "2023-07-01", "2023-07-31", "month", "发布 Llama 2", "Meta", "b", 1, "b:1:0", False, ""),
                       ("T002", "2023-12-05", "2023-12-05", "day", "成立 AI联盟", "Meta; IBM", "c", 1, "c:4:0", True, "T004"),
                       ("T003", "2024-04-01", "2024-04-30", "month", "发布 Llama 3", "Meta", "c", 1, "c:2:0", False, ""),
                       ("T004", "2023-11-01", "2023-11-30", "month", "成立 AI联盟", "Meta; IBM", "c", 1, "c:5:0", True, "T002")],
                      TIMELINE_COLS),
}


# --------------------------------------------------------------------------- compare (hand-worked)

def test_new_articles_lists_new_and_gone():
    out = compare.new_articles(NOW, BEFORE)
    assert out.columns.tolist() == ["change", "article_id", "title", "outlet", "published", "sentence_id", "sentence"]
    assert out.values.tolist() == [["new", "c", "丙", "彭博", "2024-05", "", ""], ["gone", "a", "甲", "新华网", "2024-01-04", "", ""]]


def test_new_and_gone_articles_come_with_their_first_body_sentence():
    now = {**NOW, "sentences": frame([("c", 0, "丙", "title"), ("c", 1, "Mistral AI发布新模型。", "body"),
                                      ("b", 1, "旧句子。", "body")], ["article_id", "sentence_id", "text", "kind"])}
    before = {**BEFORE, "sentences": frame([("a", 0, "甲", "title"), ("a", 1, "Meta发布Llama 2。", "body")],
                                           ["article_id", "sentence_id", "text", "kind"])}
    out = compare.new_articles(now, before)
    assert out[["change", "article_id", "sentence_id", "sentence"]].values.tolist() == [
        ["new", "c", "1", "Mistral AI发布新模型。"], ["gone", "a", "1", "Meta发布Llama 2。"]]


MENTION_COLS = ["article_id", "sentence_id", "actor"]
NOW_EVIDENCE = {
    **NOW,
    "sentences": frame([("c", 1, "Meta和Mistral AI都发布了开源模型。", "body"), ("c", 4, "AI联盟成立于2023年12月。", "body"),
                        ("c", 5, "AI联盟去年11月成立。", "body"), ("c", 2, "今年4月Meta发布Llama 3。", "body"),
                        ("c", 7, "Mistral AI再次表态。", "body")], ["article_id", "sentence_id", "text", "kind"]),
    "mentions": frame([("c", 7, "Mistral AI"), ("c", 1, "Meta"), ("c", 1, "Mistral AI"), ("c", 1, "Mistral AI")], MENTION_COLS),
    "events": frame([("c:4:0", "c", 4), ("c:5:0", "c", 5), ("c:2:0", "c", 2), ("b:1:0", "b", 1)],
                    ["event_id", "article_id", "sentence_id"]),
}


def test_new_actors_come_with_the_sentences_that_mention_them():
    out = compare.new_actors(NOW_EVIDENCE, BEFORE)
    # Mistral AI is the only actor the earlier run never mentioned; sentence 1 counts once, in sentence order
    assert out.values.tolist() == [["Mistral AI", 2, "c", "1", "Meta和Mistral AI都发布了开源模型。"],
                                   ["Mistral AI", 2, "c", "7", "Mistral AI再次表态。"]]
    assert compare.new_actors(NOW_EVIDENCE, NOW_EVIDENCE).empty


def test_article_stance_changes_list_new_and_changed_labels_with_their_evidence():
    before = {**BEFORE, "stance_articles": BEFORE["stance_articles"].replace({"critical": "supportive"})}
    now = {**NOW_EVIDENCE, "stance_articles": NOW["stance_articles"]}
    out = compare.article_stance_changes(now, before)
    # b/open_source_ai was supportive before and is critical now; c is a new article (two targets)
    assert out.values.tolist() == [
        ["meta_openness", "c", "", "critical", "new article", "", "1", "Meta和Mistral AI都发布了开源模型。"],
        ["open_source_ai", "b", "supportive", "critical", "changed", "", "2", ""],
        ["open_source_ai", "c", "", "critical", "new article", "", "1", "Meta和Mistral AI都发布了开源模型。"]]
    # label_sources is carried from the stance table when the run wrote it
    sourced = {**now, "stance_articles": now["stance_articles"].assign(label_sources="hand 2; model 1")}
    assert set(compare.article_stance_changes(sourced, before)["label_sources"]) == {"hand 2; model 1"}


def test_timeline_changes_carry_their_first_source_sentence():
    out = compare.timeline_changes(NOW_EVIDENCE, BEFORE)
    assert out[["timeline_id", "article_id", "sentence_id", "sentence"]].values.tolist() == [
        ["T002", "c", "4", "AI联盟成立于2023年12月。"], ["T003", "c", "2", "今年4月Meta发布Llama 3。"],
        ["T004", "c", "5", "AI联盟去年11月成立。"]]


def test_summary_says_when_there_is_no_earlier_run():
    text = compare.summary(NOW, None)
    assert text.startswith("**No earlier run to compare with.**") and "2 articles" in text
    assert compare.new_articles(NOW, None)["change"].tolist() == ["new", "new"]


def test_summary_counts_every_kind_of_change():
    text = compare.summary(NOW_EVIDENCE, BEFORE, "reports/old")
    assert "`reports/old` (2 articles; now 2)" in text
    assert "- 1 new article: c; 1 removed: a." in text
    assert "- 1 actor never mentioned before; 1 mentioned more often, 1 less often." in text
    assert "- 1 new unknown-name candidate." in text
    assert "- 0 article stance labels changed; 2 labels of new articles." in text
    assert "- 2 new timeline entries; 2 entries in conflict now." in text


def test_an_earlier_run_is_a_report_folder_or_its_tables(tmp_path):
    tables = tmp_path / "reports" / "news" / "tables"
    tables.mkdir(parents=True)
    BEFORE["articles"].to_csv(tables / "articles.csv", index=False, encoding="utf-8-sig")
    assert compare.tables_folder(tmp_path / "reports" / "news") == tables
    assert compare.tables_folder(tables) == tables
    assert compare.previous_run(tables)["articles"]["article_id"].tolist() == ["a", "b"]
    assert compare.previous_run(None) is None and compare.previous_run("") is None
    with pytest.raises(FileNotFoundError, match="earlier run not found"):
        compare.tables_folder(tmp_path / "reports")
    # the default: the last report of the same corpus name
    assert compare.find_previous(tmp_path / "elsewhere" / "news", reports=tmp_path / "reports") == tables
    assert compare.find_previous(tmp_path / "other", reports=tmp_path / "reports") is None


def test_actor_changes_totals_over_articles():
    out = compare.actor_changes(NOW, BEFORE)
    # before: Meta 3, Llama 1, OpenAI 3; now: Meta 5, OpenAI 3, Mistral AI 2 -> OpenAI unchanged, left out
    assert out.columns.tolist() == ["actor", "before", "now", "change", "status"]
    assert out.values.tolist() == [["Mistral AI", 0, 2, 2, "new"], ["Meta", 3, 5, 2, "more"], ["Llama", 1, 0, -1, "fewer"]]


def test_new_unknown_names_only_lists_names_not_seen_before():
    out = compare.new_unknown_names(NOW, BEFORE)
    assert out["candidate"].tolist() == ["李四"]
    assert compare.new_unknown_names(NOW, {"unknown_actors": pd.DataFrame()})["candidate"].tolist() == ["Foo Lab", "李四"]


def test_stance_shifts_counts_articles_per_label_before_and_now():
    out = compare.stance_shifts(NOW, BEFORE)
    assert out.columns.tolist() == ["target", "label", "articles_now", "articles_before"]
    assert out.values.tolist() == [
        ["meta_openness", "critical", 1, 1], ["meta_openness", "neutral", 1, 1],
        ["open_source_ai", "critical", 2, 1], ["open_source_ai", "supportive", 0, 1]]


def test_timeline_changes_lists_new_entries_and_every_conflict():
    out = compare.timeline_changes(NOW, BEFORE)
    # T001 is the same label and interval as before (not listed); T002 is old but now in conflict with T004
    assert list(zip(out["timeline_id"], out["change"])) == [("T002", ""), ("T003", "new"), ("T004", "new")]
    assert compare.timeline_changes({"timeline": pd.DataFrame()}, BEFORE).empty


def test_comparing_with_an_empty_previous_run():
    empty = {name: pd.DataFrame() for name in compare.TABLES}
    assert compare.new_articles(NOW, empty)["change"].tolist() == ["new", "new"]
    assert set(compare.actor_changes(NOW, empty)["status"]) == {"new"}
    assert compare.stance_shifts(NOW, empty)["articles_before"].eq(0).all()
    assert compare.timeline_changes(NOW, empty)["change"].eq("new").all()


def test_subset_tables_keeps_only_the_given_articles():
    sub = compare.subset_tables(NOW, ["b"])
    assert sub["articles"]["article_id"].tolist() == ["b"]
    assert sub["timeline"]["timeline_id"].tolist() == ["T001"]
    assert set(sub["actor_counts"]["article_id"]) == {"b"}


# --------------------------------------------------------------------------- compare on a real run's CSV files

TWO_ARTICLES = {
    "meta.txt": "Meta发布Llama 3开源模型\nMeta上个月发布了Llama 3。扎克伯格表示：“开源让人工智能更安全。”\n2024-05-20\n",
    "openai.txt": "OpenAI回应开源批评\n去年7月，OpenAI发布了新的政策。微软也发表了看法。\n2024-03-01\n",
}


def test_load_tables_round_trips_a_runs_csv_output(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in TWO_ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    result = run(root, cache=False)
    assert len(result["timeline"]) and len(result["actor_counts"]) and len(result["stance_articles"])
    write_tables(result, tmp_path / "tables")
    loaded = compare.load_tables(tmp_path / "tables")
    in_memory = compare.as_tables(result)
    assert set(loaded) == set(compare.TABLES + compare.EVIDENCE)
    for name in compare.TABLES:
        pd.testing.assert_frame_equal(loaded[name], in_memory[name], check_dtype=False, obj=name)
    # the same run compared with its own CSV files: nothing new, nothing changed
    assert compare.new_articles(result, loaded).empty
    assert compare.actor_changes(result, loaded).empty
    assert compare.new_unknown_names(result, loaded).empty
    shifts = compare.stance_shifts(result, loaded)
    assert (shifts["articles_now"] == shifts["articles_before"]).all()
    assert compare.timeline_changes(result, loaded).empty
    # a table missing from the folder comes back empty
    (tmp_path / "tables" / "timeline.csv").unlink()
    assert compare.load_tables(tmp_path / "tables")["timeline"].empty


# --------------------------------------------------------------------------- browse

SENTENCES = pd.DataFrame({
    "article_id": ["a", "a", "a", "b", "b"],
    "sentence_id": [0, 1, 2, 0, 1],
    "start": [0, 10, 20, 0, 10], "end": [9, 19, 29, 9, 19],
    "text": ["Meta发布Llama 2。", "扎克伯格说<script>alert(1)</script>开源更安全。", "这是结尾 & 总结。",
             "OpenAI批評Meta。", "去年7月發布。"],
    "kind": ["title", "body", "body", "title", "body"],
})


@pytest.fixture
def result() -> Result:
    mentions = pd.DataFrame([("a", 0, "Meta"), ("a", 0, "Llama"), ("a", 0, "Meta"), ("a", 1, "Mark Zuckerberg"),
                             ("b", 0, "OpenAI"), ("b", 0, "Meta")], columns=["article_id", "sentence_id", "actor"])
    stance = pd.DataFrame(
        [(a, s, t, lab, m) for a, s in zip(SENTENCES["article_id"], SENTENCES["sentence_id"])
         for t, lab, m in [("open_source_ai", "neutral", "model"), ("meta_openness", "neutral", "model"),
                           ("open_source_ai", "critical", "hand")]],
        columns=["article_id", "sentence_id", "target", "label", "method"])
    stance.loc[(stance.article_id == "a") & (stance.sentence_id == 1) & (stance.target == "open_source_ai")
               & (stance.method == "model"), "label"] = "supportive"
    stance.loc[(stance.article_id == "b") & (stance.sentence_id == 0) & (stance.target == "meta_openness"), "label"] = "critical"
    expressions = pd.DataFrame(
        [("a", 0, "去年", "2023-01-01", "2023-12-31", True), ("a", 0, "7月", "2023-07-01", "2023-07-31", True),
         ("a", 2, "现在", "", "", False), ("b", 1, "去年7月", "2023-07-01", "2023-07-31", True),
         ("b", 0, "2024年", "2024-01-01", "2024-12-31", True)],
        columns=["article_id", "sentence_id", "expression", "start", "end", "resolved"])
    tables = {"sentences": SENTENCES, "mentions": mentions, "stance_sentences": stance,
              "temporal_expressions": expressions}
    return Result(corpus=SimpleNamespace(clean={}), tables=tables)


def test_sentence_table_joins_actors_labels_with_their_source_and_resolved_dates(result):
    t = browse.sentence_table(result)
    assert t[["article_id", "sentence_id"]].values.tolist() == [["a", 0], ["a", 1], ["a", 2], ["b", 0], ["b", 1]]
    assert t["actors"].tolist() == ["Llama; Meta", "Mark Zuckerberg", "", "Meta; OpenAI", ""]
    # every sentence has a hand label for open_source_ai: it is shown, and said to be the annotator's
    assert t["open_source_ai"].tolist() == ["critical"] * 5
    assert t["open_source_ai_source"].tolist() == ["hand"] * 5
    assert t["meta_openness"].tolist() == ["neutral", "neutral", "neutral", "critical", "neutral"]
    assert t["meta_openness_source"].tolist() == ["model"] * 5
    assert browse.label_summary(next(t.itertuples()), ["open_source_ai", "meta_openness"]) == (
        "open_source_ai: critical (hand) · meta_openness: neutral (model)")
    assert t["date_from"].tolist() == ["2023-01-01", "", "", "2024-01-01", "2023-07-01"]
    assert t["date_to"].tolist() == ["2023-12-31", "", "", "2024-12-31", "2023-07-31"]


def test_a_cue_label_is_shown_as_one_when_nothing_better_exists(result):
    st = result.tables["stance_sentences"]
    result.tables["stance_sentences"] = st[st["method"] == "model"].assign(method="cue")
    t = browse.sentence_table(result)
    assert t["open_source_ai_source"].eq("cue").all() and t["meta_openness_source"].eq("cue").all()
    assert t["open_source_ai"].tolist() == ["neutral", "supportive", "neutral", "neutral", "neutral"]


def test_sentence_table_without_mentions_labels_or_dates(result):
    for name in ("mentions", "stance_sentences", "temporal_expressions"):
        result.tables[name] = result.tables[name].iloc[0:0]
    t = browse.sentence_table(result)
    assert len(t) == 5 and t["actors"].eq("").all()
    assert t["date_from"].eq("").all() and t["date_to"].eq("").all()
    assert browse.filter_sentences(t, actor="Meta", date_from="2023").empty


def test_filter_sentences_by_actor_label_article_and_dates(result):
    t = browse.sentence_table(result)

    def keys(**kw):
        rows = browse.filter_sentences(t, **kw)
        return list(zip(rows["article_id"], rows["sentence_id"]))

    assert keys() == list(zip(t["article_id"], t["sentence_id"]))
    assert keys(actor="Meta") == [("a", 0), ("b", 0)]
    assert keys(actor="Met") == []  # whole names, not substrings
    assert keys(label="supportive") == []  # the model said supportive for a:1, the annotator critical
    assert keys(label="critical") == list(zip(t["article_id"], t["sentence_id"]))
    assert keys(label="critical", target="meta_openness") == [("b", 0)]
    assert keys(article="b") == [("b", 0), ("b", 1)]
    assert keys(actor="Meta", article="b") == [("b", 0)]
    # date ranges: a sentence matches when its resolved interval overlaps the range
    assert keys(date_from="2024-01-01") == [("b", 0)]
    assert keys(date_to="2023-06-30") == [("a", 0)]
    assert keys(date_from="2023-07-15", date_to="2023-08-01") == [("a", 0), ("b", 1)]
    # partial bounds cover their whole month or year
    assert keys(date_to="2023-07") == [("a", 0), ("b", 1)]
    assert keys(date_from="2024", date_to="2024") == [("b", 0)]
    assert keys(date_from="2023-08", date_to="2023-12") == [("a", 0)]


def test_context_shows_neighbours_and_escapes_html(result):
    t = browse.sentence_table(result)
    html = browse.context(t, "a", 1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert html == ("Meta发布Llama 2。 <b>扎克伯格说&lt;script&gt;alert(1)&lt;/script&gt;开源更安全。</b> "
                    "这是结尾 &amp; 总结。")
    assert browse.context(t, "b", 0) == "<b>OpenAI批評Meta。</b> 去年7月發布。"


def test_browser_builds_a_widget_box(result):
    import ipywidgets as w

    box = browse.browser(result)
    assert isinstance(box, w.VBox) and len(box.children) == 3
    actor = box.children[0].children[0]
    assert isinstance(actor, w.Dropdown) and "Meta" in actor.options and "Mark Zuckerberg" in actor.options
    actor.value = "Meta"  # triggers a refresh
    box.children[1].children[1].value = "2024"
