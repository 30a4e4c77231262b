"""Gold loading, scoring rules and agreement, specified on small hand-worked cases."""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from kaiyuan import cli
from kaiyuan.agreement import agreement
from kaiyuan.evaluate import Namer, same_unnamed, score_actors, article_agreement, score_cleaning, score_dates, score_events, score_quotes
from kaiyuan.gold import SCHEMA, GoldError, load_gold, match_key

ROOT = Path(__file__).resolve().parents[1]
SEEDS_GOLD = ROOT / "evaluation" / "seeds" / "gold"


def write_gold(folder: Path, **tables: list[dict]) -> Path:
    """A gold folder with every file; `tables` gives rows for some of them (others: header only)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (required, optional) in SCHEMA.items():
        rows = tables.get(name.removesuffix(".csv"), [])
        pd.DataFrame(rows, columns=list(required + optional)).to_csv(folder / name, index=False)
    return folder


ARTICLE = {"article_id": "a1", "published": "2025-01-27", "published_basis": "text", "source": "某网",
           "author": "", "title": "DeepSeek發布R1", "script": "traditional"}


class FakeResult(dict):
    """What the scorers read of a pipeline Result: tables by name and corpus.clean."""

    def __init__(self, clean: dict[str, str] | None = None, **tables):
        super().__init__(tables)
        self.corpus = SimpleNamespace(clean=clean or {})


def test_match_key_is_script_case_width_and_punctuation_blind():
    assert match_key("開源ＡＩ，真的 “開放”嗎？") == match_key("开源ai真的开放吗")
    assert match_key("&lt;Meta&gt;") == "meta"


def test_malformed_gold_names_file_row_and_reason(tmp_path):
    bad = dict(ARTICLE, published="27/01/2025")
    folder = write_gold(tmp_path / "g", articles=[bad])
    with pytest.raises(GoldError) as err:
        load_gold(folder)
    assert err.value.path.endswith("articles.csv") and err.value.row == 2 and "YYYY-MM-DD" in err.value.reason


def test_gold_rows_must_name_a_known_article(tmp_path):
    folder = write_gold(tmp_path / "g", articles=[ARTICLE],
                        actors=[{"article_id": "a2", "actor": "Meta", "type": "org", "count": 1, "surfaces": "Meta"}])
    with pytest.raises(GoldError, match="'a2' is not in articles.csv"):
        load_gold(folder)


def test_missing_gold_file_is_an_error(tmp_path):
    folder = write_gold(tmp_path / "g", articles=[ARTICLE])
    (folder / "quotes.csv").unlink()
    with pytest.raises(GoldError, match="gold file missing"):
        load_gold(folder)


def test_cli_exits_2_on_malformed_gold(tmp_path, capsys):
    folder = write_gold(tmp_path / "g", articles=[dict(ARTICLE, script="latin")])
    assert cli.main(["evaluate", "--corpus", str(ROOT / "seeds"), "--gold", str(folder), "--no-cache"]) == 2
    assert "articles.csv:2: script='latin'" in capsys.readouterr().err


def test_actor_scores_are_min_counts_over_registry_names(tmp_path):
    # gold: Llama 2 (= Llama) 3 mentions, Meta Platforms (= Meta) 2; got: Llama 2, Meta 2, OpenAI 1
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], actors=[
        {"article_id": "a1", "actor": "Llama 2", "type": "model", "count": 3, "surfaces": "Llama 2"},
        {"article_id": "a1", "actor": "Meta Platforms", "type": "org", "count": 2, "surfaces": "Meta"}]))
    counts = pd.DataFrame({"article_id": ["a1"] * 3, "actor": ["Llama", "Meta", "OpenAI"], "count": [2, 2, 1]})
    scores, errors = score_actors(gold, FakeResult(actor_counts=counts), Namer())
    by = {s["metric"]: s for s in scores}
    assert (by["precision"]["hits"], by["precision"]["n"]) == (4, 5)
    assert (by["recall"]["hits"], by["recall"]["n"]) == (4, 5)
    assert by["f1"]["value"] == 0.8
    assert sorted(e["item"] for e in errors) == ["Llama", "OpenAI"]


def test_an_unknown_person_counted_as_written_is_the_gold_actor_whose_surfaces_list_that_name(tmp_path):
    # 百川智能创始人王小川表示…… 王小川说……: the registry does not hold him; kaiyuan counts 王小川 twice, the gold
    # counts "Wang Xiaochuan" twice with surface 王小川; 小川 alone is not in the gold's surfaces
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], actors=[
        {"article_id": "a1", "actor": "Wang Xiaochuan", "type": "person", "count": 2, "surfaces": "王小川"}]))
    counts = pd.DataFrame({"article_id": ["a1"] * 2, "actor": ["王小川", "小川"], "count": [2, 1]})
    scores, errors = score_actors(gold, FakeResult(actor_counts=counts), Namer())
    by = {s["metric"]: s for s in scores}
    assert (by["precision"]["hits"], by["precision"]["n"], by["recall"]["n"]) == (2, 3, 2)
    assert [e["item"] for e in errors] == ["小川"]


def test_headline_repeated_as_junk_line_is_removed_once(tmp_path):
    raw = "DeepSeek發布R1\nDeepSeek發布R1\n分享到：微信 微博\nDeepSeek於1月20日發布R1模型。"
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE],
                                boilerplate=[{"article_id": "a1", "snippet": "DeepSeek發布R1", "kind": "metadata"},
                                             {"article_id": "a1", "snippet": "分享到：微信 微博", "kind": "share"}],
                                body_keep=[{"article_id": "a1", "snippet": "DeepSeek於1月20日"}]))
    arts = pd.DataFrame({"article_id": ["a1"], "source_path": ["a1.txt"]})
    kept_both = FakeResult({"a1": "DeepSeek發布R1\nDeepSeek發布R1\nDeepSeek於1月20日發布R1模型。"}, articles=arts)
    scores, errors = score_cleaning(gold, kept_both, {"a1": raw})
    assert scores[0]["hits"] == 1 and scores[0]["n"] == 2  # the repeat was kept, the share bar removed
    good = FakeResult({"a1": "DeepSeek發布R1\nDeepSeek於1月20日發布R1模型。"}, articles=arts)
    scores, _ = score_cleaning(gold, good, {"a1": raw})
    assert [s["value"] for s in scores] == [1.0, 0.0, 1.0, 1.0]  # kaiyuan junk, raw junk, kaiyuan body, raw body


def test_dates_found_by_containment_and_resolved_by_interval(tmp_path):
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], dates=[
        {"article_id": "a1", "expression": "去年7月", "context": "Meta在去年7月開源", "start": "2024-07-01", "end": "2024-07-31",
         "granularity": "month", "anchor": "publication", "event": "x"},
        {"article_id": "a1", "expression": "週一（27日）", "context": "輝達週一（27日）股價", "start": "2025-01-27",
         "end": "2025-01-27", "granularity": "day", "anchor": "publication", "event": "y"}]))
    sents = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_id": [0, 1], "text": ["Meta在去年7月開源Llama。", "輝達週一股價大跌。"]})
    exprs = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_id": [0, 1], "expression": ["去年7月", "週一"],
                          "start": ["2024-07-01", "2025-01-20"], "end": ["2024-07-31", "2025-01-20"],
                          "anchor": ["publication"] * 2, "reason": ["", ""]})
    scores, errors = score_dates(gold, FakeResult(temporal_expressions=exprs, sentences=sents))
    by = {(s["metric"], s["method"]): s for s in scores}
    assert by[("found", "kaiyuan")]["hits"] == 2
    assert by[("resolved", "kaiyuan")]["hits"] == 1
    assert [e["item"] for e in errors] == ["週一（27日）"]


def test_event_recalled_when_an_actor_is_shared_and_the_row_lies_inside(tmp_path):
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], events=[
        {"event_key": "r1", "description": "R1 released", "start": "2025-01-01", "end": "2025-01-31",
         "actors": "DeepSeek|DeepSeek-R", "article_ids": "a1"},
        {"event_key": "nv", "description": "Nvidia falls", "start": "2025-01-27", "end": "2025-01-27",
         "actors": "Nvidia", "article_ids": "a1"}]))
    timeline = pd.DataFrame({"start": ["2025-01-20", "2025-01-01"], "end": ["2025-01-20", "2025-01-31"],
                             "actors": ["DeepSeek-R; 深度求索", "Nvidia"]})  # kaiyuan's tables separate names with '; '
    scores, errors = score_events(gold, FakeResult(timeline=timeline), Namer())
    assert scores[0]["hits"] == 1 and [e["item"] for e in errors] == ["nv"]  # a month is not the day


def test_quote_found_by_snippet_and_speaker_through_roles(tmp_path):
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], quotes=[
        {"article_id": "a1", "speaker": "Meta", "snippet": "我們支持開源", "stance_open_source_ai": "supportive", "stance_meta": "supportive"},
        {"article_id": "a1", "speaker": "Yann LeCun", "snippet": "開放模型正在", "stance_open_source_ai": "supportive", "stance_meta": "na"}]))
    quotes = pd.DataFrame({"quote_id": ["a1:q1", "a1:q2"], "article_id": ["a1", "a1"],
                           "quote": ["“我們支持開源AI。”", "開放模型正在超越封閉模型"],
                           "speaker": ["Meta spokesperson", "扎克伯格"], "speaker_org": ["Meta", "Meta"]})
    # long form, one row per quote and target; an empty label counts as neutral
    quote_stance = pd.DataFrame({"quote_id": ["a1:q1", "a1:q1", "a1:q2", "a1:q2"],
                                 "target": ["open_source_ai", "meta_openness"] * 2,
                                 "label": ["supportive", "neutral", "neutral", ""]})
    scores, errors = score_quotes(gold, FakeResult(quotes=quotes, quote_stance=quote_stance), Namer())
    by = {s["metric"]: s for s in scores}
    assert (by["found"]["hits"], by["speaker_right"]["hits"]) == (2, 1)
    assert (by["stance_right"]["hits"], by["stance_right"]["n"]) == (1, 3)


def test_a_joint_statement_is_right_for_any_of_its_speakers(tmp_path):
    # 两位参议员联名致信扎克伯格: the gold lists both speakers; kaiyuan names one of them
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], quotes=[
        {"article_id": "a1", "speaker": "Richard Blumenthal|Josh Hawley", "snippet": "几乎没有任何保护",
         "stance_open_source_ai": "critical", "stance_meta": "critical"}]))
    quotes = pd.DataFrame({"quote_id": ["a1:q1"], "article_id": ["a1"], "quote": ["“几乎没有任何保护措施。”"],
                           "speaker": ["乔什·霍利"], "speaker_org": [""]})
    quote_stance = pd.DataFrame({"quote_id": ["a1:q1"] * 2, "target": ["open_source_ai", "meta_openness"], "label": ["", ""]})
    scores, _ = score_quotes(gold, FakeResult(quotes=quotes, quote_stance=quote_stance), Namer())  # 乔什·霍利 is in the registry
    assert {s["metric"]: s["hits"] for s in scores}["speaker_right"] == 1


def test_a_speaker_named_as_the_article_writes_him_is_right_when_the_gold_lists_that_surface(tmp_path):
    # 尼古拉斯·加西亚（Nicholas Garcia）表示：“……” — the registry does not hold him; kaiyuan names him as written,
    # the gold by his canonical name and lists 尼古拉斯·加西亚 among his surfaces in this article
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], actors=[
        {"article_id": "a1", "actor": "Nicholas Garcia", "type": "person", "count": 2, "surfaces": "尼古拉斯·加西亞|加西亞"},
        {"article_id": "a1", "actor": "Ana Garcia", "type": "person", "count": 1, "surfaces": "加西亞"}],
        quotes=[{"article_id": "a1", "speaker": "Nicholas Garcia", "snippet": "開放權重讓研究", "stance_open_source_ai": "na", "stance_meta": "na"},
                {"article_id": "a1", "speaker": "Nicholas Garcia", "snippet": "我們仍在評估", "stance_open_source_ai": "na", "stance_meta": "na"},
                {"article_id": "a1", "speaker": "Nicholas Garcia", "snippet": "監管不應一刀切", "stance_open_source_ai": "na", "stance_meta": "na"}]))
    quotes = pd.DataFrame({"quote_id": ["a1:q1", "a1:q2", "a1:q3"], "article_id": ["a1"] * 3,
                           "quote": ["“開放權重讓研究者受益。”", "“我們仍在評估。”", "“監管不應一刀切。”"],
                           "speaker": ["尼古拉斯·加西亚", "加西亚", "Ana Garcia"], "speaker_org": ["", "", ""]})
    quote_stance = pd.DataFrame({"quote_id": ["a1:q1", "a1:q2", "a1:q3"], "target": ["open_source_ai"] * 3, "label": [""] * 3})
    scores, errors = score_quotes(gold, FakeResult(quotes=quotes, quote_stance=quote_stance), Namer())
    # the full transliteration names him (either script); the bare surname is shared with another actor; a
    # different person is wrong
    assert {s["metric"]: s["hits"] for s in scores}["speaker_right"] == 1
    assert sorted(e["got"] for e in errors) == ["Ana Garcia", "加西亚"]


@pytest.mark.parametrize("gold_speaker, got, right", [
    ("unnamed media reports", "unnamed reports", True),      # 據報 "reportedly"
    ("unnamed netizen", "unnamed netizens", True),
    ("Hugging Face forum users (unnamed)", "unnamed users", True),
    ("unnamed person close to OpenAI", "OpenAI", False),    # a named organisation is not the unnamed insider
    ("unnamed analysts", "unnamed developers", False),
])
def test_unnamed_speakers_agree_by_their_noun(gold_speaker, got, right):
    assert same_unnamed(gold_speaker, got) is right


def test_article_stance_beside_the_majority_baseline(tmp_path):
    rows = [{"article_id": "a1", "target": "open_source_ai", "label": "supportive", "rationale": "r"},
            {"article_id": "a1", "target": "meta_openness", "label": "critical", "rationale": "r"}]
    gold = load_gold(write_gold(tmp_path / "g", articles=[ARTICLE], stance_articles=rows))
    got = pd.DataFrame({"article_id": ["a1", "a1"], "target": ["open_source_ai", "meta_openness"], "label": ["neutral", "critical"]})
    scores, errors = article_agreement(gold, {"kaiyuan": got})
    assert [(s["method"], s["value"]) for s in scores] == [("kaiyuan", 0.5), ("majority", 1.0)] and len(errors) == 1


def test_agreement_of_a_folder_with_itself_is_perfect():
    gold = load_gold(SEEDS_GOLD)
    table = agreement(gold, gold)
    assert (table.dropna(subset=["value"]).value == 1.0).all()
    assert set(table.layer) == {"metadata", "cleaning", "actors", "dates", "quotes", "stance"}


def test_evaluate_on_seeds_writes_every_layer_and_page(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    out = tmp_path / "ev"
    assert cli.main(["evaluate", "--corpus", str(corpus), "--gold", str(SEEDS_GOLD), "--out", str(out), "--workers", "1"]) == 0
    scores = pd.read_csv(out / "scores.csv")
    assert set(scores.layer) == {"metadata", "cleaning", "actors", "dates", "events", "quotes", "stance"}
    assert {"raw text", "jionlp alone", "majority", "cue"} <= set(scores.method)
    assert (out / "evaluation.html").read_text(encoding="utf-8").count("<table") >= 3
    assert (out / "confusion_open_source_ai.csv").exists()


def test_a_product_named_with_its_maker_is_the_product():
    namer = Namer()
    assert namer("Nvidia H100") == "H100" and namer("Microsoft Azure") == "Azure"
    assert namer("Meta Llama") == "Meta Llama" or namer("Meta Llama") == "Llama"
    assert namer("Acme Widget") == "Acme Widget"  # unknown names stay as written


def test_outlet_is_scored_exactly_and_author_as_one_of_the_byline_names(tmp_path):
    from kaiyuan.evaluate import score_credits

    rows = [dict(ARTICLE, article_id="a1", source="維城日報", author="林若舟|何知遠"),
            dict(ARTICLE, article_id="a2", source="星河网", author=""),
            dict(ARTICLE, article_id="a3", source="", author="")]
    gold = load_gold(write_gold(tmp_path / "g", articles=rows))
    got = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["维城日报", "星河网 科技", ""],
                        "author": ["何知远", "", "编辑部"]}).set_index("article_id")
    scores, errors = score_credits(gold, got)
    by = {s["metric"]: s["hits"] for s in scores}
    # a1: script-blind match on both; a2: an outlet with section words is wrong; a3: an author where none is named
    assert by == {"outlet_exact": 2, "author_right": 2}
    assert sorted((e["article_id"], e["item"]) for e in errors) == [("a2", "outlet"), ("a3", "author")]


# ---------------------------------------------------------------- registry-blind scoring
def _entry(name, *aliases, kind="person", **extra):
    return {"name": name, "type": kind, "aliases": list(aliases), **extra}


def test_blind_registry_drops_actors_named_in_only_one_article():
    from kaiyuan.evaluate import blind_registry

    reg = {"actors": [_entry("Meta", "Meta", kind="organization"),
                      _entry("Zhou Bowen", "周伯文"),
                      _entry("Yann LeCun", "杨立昆", "LeCun")]}
    articles = ["上海人工智能实验室主任周伯文表示，开源是必然选择。", "Meta发布Llama 3。", "Meta首席科学家杨立昆说开源更安全。"]
    new, removed = blind_registry(reg, articles)
    # 周伯文 and 杨立昆 are each named in one article only; Meta in two
    assert [e["name"] for e in new["actors"]] == ["Meta"]
    assert sorted(e["name"] for e in removed) == ["Yann LeCun", "Zhou Bowen"]


def test_blind_registry_keeps_actors_the_known_articles_name_and_matches_across_scripts():
    from kaiyuan.evaluate import blind_registry

    reg = {"actors": [_entry("Yann LeCun", "杨立昆"), _entry("Sam Altman", "奥特曼"),
                      _entry("OpenAI Five", "Five", kind="model", parent="Sam Altman")]}
    articles = ["Meta首席科学家楊立昆說開源更安全。", "奥特曼宣布推出开放权重模型。"]
    known = ["早在2023年，杨立昆就主张开源。"]
    new, removed = blind_registry(reg, articles, known)
    # 楊立昆 (traditional) is the same surface as 杨立昆; the seeds-like known text keeps him;
    # 奥特曼 is named once and nowhere known: removed, and the entry that named him as parent loses it
    assert [e["name"] for e in removed] == ["Sam Altman"]
    assert "parent" not in next(e for e in new["actors"] if e["name"] == "OpenAI Five")


def test_suite_corpus_may_be_scored_registry_blind(tmp_path):
    from kaiyuan.evaluate import load_suite

    ev = tmp_path / "evaluation"
    ev.mkdir()
    (ev / "floors.yaml").write_text("corpora:\n  dev-blind: {corpus: dev, gold: dev/gold, blind: seeds}\n"
                                    "  dev-all: {corpus: dev, gold: dev/gold, blind: true}\nfloors: {}\n", encoding="utf-8")
    corpora = load_suite(ev / "floors.yaml")["corpora"]
    assert corpora["dev-blind"]["blind"] == str((tmp_path / "seeds").resolve())
    assert corpora["dev-all"]["blind"] is True
