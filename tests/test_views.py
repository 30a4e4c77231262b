"""Notebook displays on hand-made tables: counts and rates worked out by hand, every chart saved as a PNG
with a CSV of exactly the numbers it draws, and no missing-glyph warnings."""
from __future__ import annotations

import warnings
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kaiyuan import views  # noqa: E402
from kaiyuan.pipeline import Result  # noqa: E402

# Three articles: a (500 clean characters), b (1,500) and c (1,000, no actor at all) -> 3,000 characters.
ARTICLES = pd.DataFrame({
    "article_id": ["a", "b", "c"], "source_path": ["a.txt", "b.txt", "c.txt"],
    "title": ["甲", "乙", "丙"], "outlet": ["新华网", "極客網", ""], "author": ["", "", ""],
    "published": ["2024-01-04", "2024-05", ""], "published_basis": ["text", "outlet", "unknown"],
    "script": ["simplified", "traditional", "simplified"], "encoding": ["utf-8", "big5", "gb18030"],
    "n_chars_raw": [600, 2000, 1000], "n_chars_clean": [500, 1500, 1000], "n_sentences": [3, 4, 1],
    "duplicate_of": ["", "", ""], "warnings": ["", "", ""],
})
SENTENCES = pd.DataFrame({
    "article_id": ["a", "a", "a", "b", "b", "b", "b", "c"],
    "sentence_id": [0, 1, 2, 0, 1, 2, 3, 0],
    "start": [0, 10, 20, 0, 10, 20, 30, 0], "end": [9, 19, 29, 9, 19, 29, 39, 9],
    "text": ["Meta发布了开源模型。", "扎克伯格说开源更安全。", "Llama 2是开源的吗？",
             "臉書的Llama並非免費。", "OpenAI批評了Meta。", "微軟與OpenAI合作。", "去年7月發布。", "今天天气很好。"],
    "kind": ["title", "body", "body", "title", "body", "body", "body", "title"],
})
SENTENCES["text_simplified"] = SENTENCES["text"]
# Meta: a 2, b 1 (3 mentions, 2 articles); OpenAI: b 3 (3, 1 article); Llama: a 1, b 1 (2, 2 articles).
MENTIONS = pd.DataFrame(
    [("a", 0, "Meta", "org"), ("a", 1, "Meta", "org"), ("a", 2, "Llama", "model"), ("b", 0, "Llama", "model"),
     ("b", 1, "OpenAI", "org"), ("b", 1, "Meta", "org"), ("b", 2, "OpenAI", "org"), ("b", 2, "Microsoft", "org"),
     ("b", 3, "OpenAI", "org")],
    columns=["article_id", "sentence_id", "actor", "actor_type"],
).assign(surface="", start=0, end=0, version="")
ACTOR_COUNTS = pd.DataFrame(
    [("a", "Meta", "org", 2, 4.0), ("a", "Llama", "model", 1, 2.0), ("b", "Llama", "model", 1, 0.667),
     ("b", "Meta", "org", 1, 0.667), ("b", "Microsoft", "org", 1, 0.667), ("b", "OpenAI", "org", 3, 2.0)],
    columns=["article_id", "actor", "actor_type", "count", "per_1k_chars"],
)
COOCCURRENCE = pd.DataFrame(
    [("Meta", "OpenAI", 2, 1), ("Llama", "Meta", 1, 1), ("Microsoft", "OpenAI", 3, 1)],
    columns=["actor_a", "actor_b", "sentences", "articles"],
)
REMOVED = pd.DataFrame(
    [("a", 3, "广告", "ad"), ("a", 5, "免责声明", "disclaimer"), ("a", 7, "广告二", "ad"),
     ("b", 1, "2024-05-01 10:00", "timestamp"), ("b", 9, "廣告", "ad")],
    columns=["article_id", "line_no", "text", "reason"],
)
STANCE_ARTICLES = pd.DataFrame(
    [("a", "open_source_ai", "supportive", 2.0, 0.0, 1.0, "2;0"), ("a", "meta_openness", "neutral", 0.0, 0.0, 3.0, ""),
     ("b", "meta_openness", "critical", 0.0, 1.5, 2.0, "1")],
    columns=["article_id", "target", "label", "supportive", "critical", "neutral", "evidence_sentence_ids"],
)
STANCE_SENTENCES = pd.DataFrame(
    [("a", 2, "open_source_ai", "supportive", "model"), ("a", 2, "open_source_ai", "supportive", "hand"),
     ("a", 0, "open_source_ai", "supportive", "model"), ("b", 1, "meta_openness", "critical", "cue")],
    columns=["article_id", "sentence_id", "target", "label", "method"],
)
ACTOR_STANCE = pd.DataFrame(
    [("Mark Zuckerberg", "Meta", "open_source_ai", 2, 1, 3, 1, 7, "开源更安全"),
     ("OpenAI", "", "open_source_ai", 0, 2, 1, 0, 3, "风险"),
     ("Mark Zuckerberg", "Meta", "meta_openness", 1, 0, 0, 0, 1, "…")],
    columns=["speaker", "speaker_org", "target", "supportive", "critical", "neutral", "mixed", "n_quotes", "example"],
)
EVENTS = pd.DataFrame(
    [("a:1:0", "a", 1, "去年7月", "2023-07-01", "2023-07-31", "month", "发布 Llama 2", "Meta; Llama", "发布"),
     ("b:3:0", "b", 3, "去年7月", "2023-07-01", "2023-07-31", "month", "发布 Llama 2", "Meta", "发布"),
     ("a:2:0", "a", 2, "1998年", "1998-01-01", "1998-12-31", "year", "成立 OSI", "", "成立")],
    columns=["event_id", "article_id", "sentence_id", "expression", "start", "end", "granularity", "label", "actors",
             "trigger"],
)
TIMELINE = pd.DataFrame(
    [("T001", "1998-01-01", "1998-12-31", "year", "成立 OSI", "", "a", 1, "a:2:0", False, ""),
     ("T002", "2023-07-01", "2023-07-31", "month", "发布 Llama 2", "Meta; Llama", "a; b", 2, "a:1:0; b:3:0", False, ""),
     ("T003", "", "", "", "未定 事件", "OpenAI", "b", 1, "", False, "")],
    columns=["timeline_id", "start", "end", "granularity", "label", "actors", "article_ids", "n_sources", "event_ids",
             "conflict", "conflict_with"],
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def result() -> Result:
    tables = {"articles": ARTICLES, "sentences": SENTENCES, "mentions": MENTIONS, "actor_counts": ACTOR_COUNTS,
              "cooccurrence": COOCCURRENCE, "removed_lines": REMOVED, "stance_articles": STANCE_ARTICLES,
              "stance_sentences": STANCE_SENTENCES, "actor_stance": ACTOR_STANCE, "events": EVENTS, "timeline": TIMELINE}
    clean = {"a": "".join(SENTENCES.loc[SENTENCES.article_id == "a", "text"])}
    return Result(corpus=SimpleNamespace(clean=clean), tables={k: v.copy() for k, v in tables.items()})


def drawn(chart):
    """Call a chart function, close its figure; fail on any missing-glyph warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fig = chart()
            fig.canvas.draw()
        finally:
            plt.close("all")
    problems = [str(w.message) for w in caught if "missing from font" in str(w.message) or "Glyph" in str(w.message)]
    assert problems == []
    return fig


def saved(output, stem) -> pd.DataFrame:
    png, csv = output / "figures" / f"{stem}.png", output / "figures" / f"{stem}.csv"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False)


# --------------------------------------------------------------------------- numbers

def test_top_actors_counts_articles_and_rate_per_1000_characters(result):
    top = views.top_actors(result)
    expected = pd.DataFrame({
        "actor": ["Meta", "OpenAI", "Llama", "Microsoft"], "actor_type": ["org", "org", "model", "org"],
        "mentions": [3, 3, 2, 1], "articles": [2, 1, 2, 1], "per_1k_chars": [1.0, 1.0, 0.667, 0.333],
    })
    pd.testing.assert_frame_equal(top, expected, check_dtype=False)
    assert views.top_actors(result, 2)["actor"].tolist() == ["Meta", "OpenAI"]


def test_actor_matrix_is_rates_per_article_for_the_top_actors_with_every_article(result):
    mat = views.actor_matrix(result, n=2)
    assert mat.index.tolist() == ["Meta", "OpenAI"]
    assert mat.columns.tolist() == ["a", "b", "c"]  # c mentions none of them: a column of zeros
    assert mat.loc["Meta"].tolist() == [4.0, 0.667, 0.0]
    assert mat.loc["OpenAI"].tolist() == [0.0, 2.0, 0.0]


def test_actors_per_article_and_type_shares(result):
    per = views.actors_per_article(result, 2)
    assert list(zip(per["article_id"], per["actor"], per["count"])) == [
        ("a", "Meta", 2), ("a", "Llama", 1), ("b", "OpenAI", 3), ("b", "Llama", 1)]
    shares = views.actor_type_shares(result).set_index("actor_type")
    assert shares.loc["org", "mentions"] == 7 and shares.loc["org", "actors"] == 3
    assert shares.loc["model", "share_of_mentions_%"] == round(100 * 2 / 9, 1)


def test_removed_by_reason_counts_per_article_with_totals(result):
    table = views.removed_by_reason(result)
    assert table["reason"].tolist() == ["ad", "disclaimer", "timestamp"]
    assert table["a"].tolist() == [2, 1, 0] and table["b"].tolist() == [1, 0, 1]
    assert table["total"].tolist() == [3, 1, 1]
    assert table["total"].sum() == len(REMOVED)
    empty = Result(corpus=None, tables={"removed_lines": REMOVED.iloc[0:0]})
    assert views.removed_by_reason(empty).empty


def test_stance_evidence_returns_the_text_of_each_evidence_sentence(result):
    ev = views.stance_evidence(result)
    assert list(zip(ev["article_id"], ev["target"], ev["rank"], ev["sentence_id"])) == [
        ("a", "open_source_ai", 1, 2), ("a", "open_source_ai", 2, 0), ("b", "meta_openness", 1, 1)]
    assert ev["sentence"].tolist() == ["Llama 2是开源的吗？", "Meta发布了开源模型。", "OpenAI批評了Meta。"]
    # each evidence sentence says where its own label comes from (the hand label wins over the model's)
    assert ev["source"].tolist() == ["hand", "model", "cue"]
    assert ev["sentence_label"].tolist() == ["supportive", "supportive", "critical"]
    assert views.stance_evidence(result, width=4)["sentence"].tolist()[0] == "Llam"


def test_timeline_sources_has_one_row_per_event_of_each_entry(result):
    src = views.timeline_sources(result)
    n_events = sum(len([e for e in ids.split(";") if e.strip()]) for ids in TIMELINE["event_ids"])
    assert len(src) == n_events == 3
    assert list(zip(src["timeline_id"], src["article_id"], src["sentence_id"])) == [
        ("T001", "a", 2), ("T002", "a", 1), ("T002", "b", 3)]
    assert src["sentence"].tolist()[2] == "去年7月發布。"
    empty = Result(corpus=None, tables={"timeline": TIMELINE.iloc[0:0], "events": EVENTS.iloc[0:0]})
    assert views.timeline_sources(empty).empty
    assert {"timeline_id", "article_id", "sentence_id"} <= set(views.timeline_sources(empty).columns)


def test_kwic_shows_the_mention_in_its_context(result):
    m = result["mentions"]
    m.loc[m.index[0], ["surface", "start", "end"]] = ["Meta", 0, 4]
    k = views.kwic(result, "Meta", width=4, n=1)
    assert k.to_dict("records") == [{"article_id": "a", "sentence_id": 0, "left": "", "mention": "Meta",
                                     "right": "发布了开"}]


def test_article_table_kept_share(result):
    t = views.article_table(result)
    assert t["kept_%"].tolist() == [83.3, 75.0, 100.0]


# --------------------------------------------------------------------------- charts

def test_length_chart_saves_png_and_the_lengths_it_draws(result, tmp_path):
    fig = drawn(lambda: views.length_chart(result, tmp_path))
    data = saved(tmp_path, "00_article_length")
    assert data["article_id"].tolist() == ["a", "b", "c"]
    assert data["n_chars_raw"].tolist() == [600, 2000, 1000] and data["n_chars_clean"].tolist() == [500, 1500, 1000]
    bars = [p.get_width() for p in fig.axes[0].patches]
    assert sorted(bars) == sorted([600, 2000, 1000, 500, 1500, 1000])


def test_actor_heatmap_saves_the_matrix_it_draws(result, tmp_path):
    fig = drawn(lambda: views.actor_heatmap(result, tmp_path, n=3))
    data = saved(tmp_path, "02_actor_heatmap")
    mat = views.actor_matrix(result, 3)
    assert data["actor"].tolist() == mat.index.tolist()
    assert data[mat.columns.tolist()].values.tolist() == mat.values.tolist()
    assert fig.axes[0].images[0].get_array().shape == mat.shape


def test_cooccurrence_network_saves_the_edges_it_draws(result, tmp_path):
    fig = drawn(lambda: views.cooccurrence_network(result, tmp_path, min_sentences=2))
    data = saved(tmp_path, "02_cooccurrence_network")
    assert sorted(zip(data["actor_a"], data["actor_b"], data["sentences"])) == [
        ("Meta", "OpenAI", 2), ("Microsoft", "OpenAI", 3)]
    from matplotlib.collections import LineCollection

    lines = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert sum(len(c.get_segments()) for c in lines) == len(data)


def test_cooccurrence_network_title_says_what_it_keeps(result, tmp_path):
    fig = drawn(lambda: views.cooccurrence_network(result, tmp_path, min_sentences=1, n=2))
    # top 2 actors are Meta and OpenAI (3 mentions each): 1 of the 3 pairs with >= 1 sentence is drawn
    assert saved(tmp_path, "02_cooccurrence_network")[["actor_a", "actor_b"]].values.tolist() == [["Meta", "OpenAI"]]
    assert "the 2 most-mentioned actors" in fig.axes[0].get_title()
    assert "pairs in ≥1 sentences together (1 of 3 such pairs drawn)" in fig.axes[0].get_title()


def label_clashes(chart) -> list:
    """Pairs of text labels whose drawn boxes overlap in a chart's first axes."""
    fig = chart()
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    finally:
        plt.close(fig)
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


def test_cooccurrence_network_labels_do_not_overlap(monkeypatch):
    # a hub and 30 long-named actors around it: on a circle, their labels cannot all fit side by side
    names = [f"Open Model Laboratory {i:02d}" for i in range(30)]
    pairs = [("Hub", n, 3, 1) for n in names]
    mentions = pd.DataFrame([("a", 0, n, "org") for n in ["Hub"] + names], columns=["article_id", "sentence_id", "actor", "actor_type"])
    res = Result(corpus=SimpleNamespace(), tables={
        "cooccurrence": pd.DataFrame(pairs, columns=["actor_a", "actor_b", "sentences", "articles"]),
        "mentions": mentions, "articles": ARTICLES})
    assert label_clashes(lambda: views.cooccurrence_network(res, None, min_sentences=2, n=40)) == []
    # not vacuous: without the label placement the same labels overlap
    monkeypatch.setattr(views.plotting, "place_labels", lambda *args, **kwargs: None)
    assert label_clashes(lambda: views.cooccurrence_network(res, None, min_sentences=2, n=40))


def test_speaker_variants_are_counted_as_their_actor():
    a = pd.DataFrame([("Meta", "Meta", "open_source_ai", 1, 0, 1, 0, 2, "甲"),
                      ("Meta spokesperson", "Meta", "open_source_ai", 0, 1, 0, 0, 1, "乙"),
                      ("Meta statement", "Meta", "open_source_ai", 0, 0, 2, 0, 2, "丙"),
                      ("Mark Zuckerberg", "Meta", "open_source_ai", 3, 0, 0, 0, 3, "丁"),
                      ("Ahmad Al-Dahle", "Meta", "open_source_ai", 0, 0, 1, 0, 1, "戊")],
                     columns=["speaker", "speaker_org", "target", "supportive", "critical", "neutral", "mixed", "n_quotes", "example"])
    out = views.speakers_as_actors(a)
    assert out[["speaker", "supportive", "critical", "neutral", "n_quotes"]].values.tolist() == [
        ["Ahmad Al-Dahle", 0, 0, 1, 1], ["Mark Zuckerberg", 3, 0, 0, 3], ["Meta", 1, 1, 3, 5]]
    assert out.loc[out["speaker"] == "Meta", "speaker_variants"].item() == "Meta; Meta spokesperson; Meta statement"
    assert views.speaker_actor("Mark Zuckerberg") == "Mark Zuckerberg"  # a person is an actor of their own
    assert views.speaker_actor("Meta和微软") == "Meta和微软"  # two actors: left as it is


def test_actor_stance_chart_bars_sum_to_each_speakers_quotes(result, tmp_path):
    fig = drawn(lambda: views.actor_stance_chart(result, tmp_path, target="open_source_ai"))
    data = saved(tmp_path, "01_actor_stance_open_source_ai")
    assert data["speaker"].tolist() == ["Mark Zuckerberg", "OpenAI"]
    assert data["n_quotes"].tolist() == [7, 3]
    ax = fig.axes[0]
    per_row: dict = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        per_row[y] = per_row.get(y, 0) + patch.get_width()
    # every quote is drawn, the mixed one included
    assert sorted(per_row.values()) == sorted(data["n_quotes"].tolist())


def test_timeline_chart_draws_and_saves_the_dated_entries_only(result, tmp_path):
    fig = drawn(lambda: views.timeline_chart(result, tmp_path))
    data = saved(tmp_path, "03_timeline")
    assert data["timeline_id"].tolist() == ["T001", "T002"]  # T003 has no date
    assert len(fig.axes[0].get_yticklabels()) == 2
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["成立 OSI", "发布 Llama 2  (2)"]


def test_timeline_chart_with_no_dated_entry_still_covers_publications(result, tmp_path):
    result.tables["timeline"] = TIMELINE.iloc[2:3]
    result.tables["articles"] = ARTICLES.assign(published=["2026-03-01", "", ""])
    fig = drawn(lambda: views.timeline_chart(result, tmp_path))
    assert saved(tmp_path, "03_timeline").empty
    import matplotlib.dates as mdates

    right = mdates.num2date(fig.axes[1].get_xlim()[1]).date().isoformat()
    assert right > "2026-03-01"


def test_confusion_chart_saves_every_cell_it_draws(tmp_path):
    fig = drawn(lambda: views.confusion_chart(tmp_path))
    data = saved(tmp_path, "01_confusion")
    assert len(fig.axes) == 6
    assert len(data) == 2 * 3 * 9
    n_labels = data.groupby(["target", "method"])["n"].sum()
    assert n_labels.nunique() == 1  # every method is scored on the same sentences
    scores = views.stance_evaluation()
    assert set(scores["method"]) >= {"majority", "cue", "model"}
    assert (scores["n"] == n_labels.iloc[0]).all()
    summary = views.annotation_summary()
    assert summary["open_source_ai"].sum() == summary["meta_openness"].sum() == n_labels.iloc[0]


# ---------------------------------------------------------------- findings for the corpus in hand
def test_findings_on_a_non_seed_corpus_hold_no_seed_commentary(tmp_path):
    from kaiyuan import views
    from kaiyuan.pipeline import run

    root = tmp_path / "mine"
    root.mkdir()
    (root / "a.txt").write_text("Meta发布Llama 3\n2024-04-20\nMeta于4月18日发布了Llama 3，扎克伯格说：“开源推动创新。”\n",
                                encoding="utf-8")
    result = run(root, cache=False)
    seed_lines = [ln.strip("- *") for p in sorted(views.SEED_FINDINGS_DIR.glob("*.md"))
                  for ln in p.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 30]
    for nb in ("00_corpus", "01_stance", "02_actors", "03_timeline", "04_new_articles"):
        text = views.findings(result, nb)
        assert not any(line in text for line in seed_lines), nb
        assert "The corpus is small (1 articles)" in text or "The corpus is small (1 article" in text
    assert not views.is_seed_corpus(result)


def test_findings_on_the_seeds_say_the_commentary_is_theirs(seeds_dir):
    from kaiyuan import views
    from kaiyuan.pipeline import run

    result = run(seeds_dir)
    assert views.is_seed_corpus(result)
    assert "Commentary on the seed corpus" in views.findings(result, "02_actors")


def test_notebook_sources_hold_no_seed_specific_findings(repo_root):
    for nb in sorted((repo_root / "notebooks").glob("0*.py")):
        text = nb.read_text(encoding="utf-8")
        assert "The seed corpus is small" not in text and "unknown-name table is empty here" not in text, nb.name
