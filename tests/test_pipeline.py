"""The pipeline: deterministic, the same with worker processes or Dask, cached per stage and per run,
robust to edge corpora (one article, no date, traditional only, no actors, nothing loadable), and every
counting table traces back to a sentence."""
from __future__ import annotations

import shutil
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import opencc  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import kaiyuan  # noqa: E402
from kaiyuan import actors, browse, compare, pipeline, quotes, timeline, views  # noqa: E402
from kaiyuan.cache import DATA_DIR  # noqa: E402
from kaiyuan.pipeline import Job, result_key, run, stage_key  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

# Tables whose rows count something: README says each carries article_id and sentence_id.
COUNTING_TABLES = ["mentions", "quotes", "quote_stance", "stance_sentences", "temporal_expressions", "events"]

META_ARTICLE = "Meta发布Llama 3开源模型\nMeta上个月发布了Llama 3。扎克伯格表示：“开源让人工智能更安全。”\n2024-05-20\n"
OPENAI_ARTICLE = "OpenAI回应开源批评\n去年7月，OpenAI在旧金山回应了外界对开源模型的批评。微软也发表了看法。\n2024-03-01\n"
ALIAS_ARTICLE = "蓝鲸智算宣布开源新模型\n蓝鲸智算周二宣布开源其最新模型，并称欢迎开发者参与。\n2024-04-02\n"
NEW_ALIAS = "蓝鲸智算"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Every cache (per-article, whole-run, stance model) goes to a tmp folder, never the repository."""
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("pipeline")


@pytest.fixture(scope="module")
def seed_result(module_tmp):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KAIYUAN_CACHE", str(module_tmp / "cache"))
        return run(SEEDS, cache=False)


@pytest.fixture(scope="module")
def variant_corpus(module_tmp) -> Path:
    """The seeds (with metadata.csv) plus a traditional-script copy (OpenCC s2t) and a GB18030-encoded copy."""
    root = module_tmp / "variants"
    shutil.copytree(SEEDS, root)
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    s2t = opencc.OpenCC("s2t")
    (root / "trad_copy.txt").write_text(s2t.convert(first.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "gb_copy.txt").write_bytes(second.read_text(encoding="utf-8").encode("gb18030"))
    return root


@pytest.fixture(scope="module")
def variant_serial(module_tmp, variant_corpus):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KAIYUAN_CACHE", str(module_tmp / "cache"))
        return run(variant_corpus, cache=False, workers=1)


def assert_same_tables(a, b):
    assert list(a.tables) == list(b.tables)
    for name in a.tables:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)
    assert a.corpus.clean == b.corpus.clean


def write(root: Path, files: dict) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (root / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


# --------------------------------------------------------------------------- determinism and parallelism

def test_run_twice_gives_identical_tables(seed_result):
    again = run(SEEDS, cache=False)
    assert_same_tables(seed_result, again)
    assert len(seed_result["articles"]) == 5


def test_process_pool_gives_the_same_tables_as_one_process(variant_corpus, variant_serial, monkeypatch):
    pools = []

    class RecordingPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pipeline, "MIN_JOBS_PER_POOL", 1)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", RecordingPool)
    parallel = run(variant_corpus, cache=False, workers=2)
    assert pools == [2], "the process pool was not used"
    assert_same_tables(variant_serial, parallel)
    arts = parallel["articles"].set_index("article_id")
    assert len(arts) == 7
    assert arts.loc["trad_copy", "script"] == "traditional"
    assert arts.loc["gb_copy", "encoding"] in {"gb18030", "gbk", "gb2312"}
    assert (parallel["mentions"]["article_id"] == "trad_copy").any()


def test_dask_local_scheduler_gives_the_same_tables_as_one_process(variant_corpus, variant_serial):
    pytest.importorskip("distributed", reason="the optional dask extra is not installed")
    try:
        on_dask = run(variant_corpus, cache=False, workers=2, scheduler="local")
    except (OSError, TimeoutError) as err:  # sockets or worker processes not allowed here
        pytest.skip(f"distributed cannot start a LocalCluster here: {err!r}")
    assert_same_tables(variant_serial, on_dask)


def test_dask_scheduler_address_with_threaded_workers_gives_the_same_tables(variant_corpus, variant_serial):
    """A cluster whose workers run several threads (the default elsewhere): jionlp's shared parser is not
    thread-safe, so the pipeline must not run two articles at once in one worker process."""
    distributed = pytest.importorskip("distributed", reason="the optional dask extra is not installed")
    try:
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                           dashboard_address=None)
    except (OSError, TimeoutError) as err:
        pytest.skip(f"distributed cannot start a LocalCluster here: {err!r}")
    with cluster:
        on_dask = run(variant_corpus, cache=False, scheduler=cluster.scheduler_address)
    assert_same_tables(variant_serial, on_dask)


# --------------------------------------------------------------------------- caches

@pytest.fixture
def small_corpus(tmp_path) -> Path:
    return write(tmp_path / "corpus", {"meta.txt": META_ARTICLE, "openai.txt": OPENAI_ARTICLE})


def test_second_run_comes_from_the_whole_result_cache(small_corpus, tmp_path):
    cache = tmp_path / "c"
    first = run(small_corpus, cache=cache)
    assert "cached" not in first.timings and "total" in first.timings
    second = run(small_corpus, cache=cache)
    assert set(second.timings) == {"cached"}
    assert_same_tables(first, second)


def test_changing_one_article_recomputes_that_article_only(small_corpus, tmp_path, monkeypatch):
    cache = tmp_path / "c"
    run(small_corpus, cache=cache)
    changed = OPENAI_ARTICLE.replace("微软也发表了看法。", "微软也发表了看法。谷歌没有回应。")
    (small_corpus / "openai.txt").write_text(changed, encoding="utf-8")
    processed = []
    original = pipeline.process_file
    monkeypatch.setattr(pipeline, "process_file", lambda path, *a, **k: processed.append(path.name) or original(path, *a, **k))
    again = run(small_corpus, cache=cache)
    assert "cached" not in again.timings
    assert processed == ["openai.txt"]  # meta.txt came from its per-article cache
    assert "谷歌没有回应。" in set(again["sentences"]["text"])
    assert "Google" in set(again["mentions"].loc[again["mentions"]["article_id"] == "openai", "actor"])
    assert_same_tables(again, run(small_corpus, cache=False))  # cached and fresh articles mixed in one chunk


def _registry_copy(tmp_path) -> Path:
    path = tmp_path / "my_actors.yaml"
    shutil.copy(DATA_DIR / "actors.yaml", path)
    return path


def _add_alias(registry: Path) -> None:
    text = registry.read_text(encoding="utf-8")
    anchor = "  aliases: [Meta, META, Meta Platforms,"
    assert text.count(anchor) == 1
    registry.write_text(text.replace(anchor, f"  aliases: [Meta, META, {NEW_ALIAS}, Meta Platforms,"), encoding="utf-8")


def test_registry_change_rekeys_actor_and_quote_stages_only(tmp_path):
    registry = _registry_copy(tmp_path)
    raw, rel, meta = ALIAS_ARTICLE.encode("utf-8"), "alias.txt", None
    before = {s: stage_key(s, raw, rel, meta, str(registry)) for s in pipeline.STAGE_DATA}
    packaged = {s: stage_key(s, raw, rel, meta) for s in pipeline.STAGE_DATA}
    _add_alias(registry)
    after = {s: stage_key(s, raw, rel, meta, str(registry)) for s in pipeline.STAGE_DATA}
    assert after["actors"] != before["actors"] and after["quotes"] != before["quotes"]
    assert after["corpus"] == before["corpus"] == packaged["corpus"]
    assert after["time"] == before["time"] == packaged["time"]


def test_registry_change_reruns_mentions_not_cleaning_and_finds_the_new_alias(tmp_path, monkeypatch):
    root = write(tmp_path / "corpus", {"alias.txt": ALIAS_ARTICLE, "meta.txt": META_ARTICLE})
    cache, registry = tmp_path / "c", _registry_copy(tmp_path)
    first = run(root, cache=cache, registry=registry)
    assert NEW_ALIAS not in set(first["mentions"]["surface"])
    _add_alias(registry)
    calls = {"process_file": 0, "find_mentions": 0, "extract_expressions": 0}

    def counting(module, name):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)
        monkeypatch.setattr(module, name, wrapper)

    counting(pipeline, "process_file")
    counting(actors, "find_mentions")
    counting(timeline, "extract_expressions")
    second = run(root, cache=cache, registry=registry)
    assert "cached" not in second.timings
    assert calls == {"process_file": 0, "find_mentions": 2, "extract_expressions": 0}
    m = second["mentions"]
    hit = m[m["surface"] == NEW_ALIAS]
    assert len(hit) >= 1 and set(hit["actor"]) == {"Meta"} and set(hit["article_id"]) == {"alias"}
    # the packaged registry does not know the alias
    assert NEW_ALIAS not in set(run(root, cache=False)["mentions"]["surface"])


def test_labels_file_is_part_of_the_result_key(small_corpus, tmp_path):
    labels_a = tmp_path / "labels_a.csv"
    shutil.copy(DATA_DIR / "stance_labels.csv", labels_a)
    labels_b = tmp_path / "labels_b.csv"
    lines = labels_a.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    labels_b.write_text("".join(lines[:-1]), encoding="utf-8")
    root = small_corpus.resolve()
    jobs = [Job(str(p), str(root), p.stem, None, None, None, None) for p in sorted(root.glob("*.txt"))]
    keys = {result_key(jobs, []), result_key(jobs, [], [str(labels_a)]), result_key(jobs, [], [str(labels_b)])}
    assert len(keys) == 3

    cache = tmp_path / "c"
    run(small_corpus, cache=cache)
    assert "cached" not in run(small_corpus, cache=cache, labels=labels_a).timings
    assert "cached" in run(small_corpus, cache=cache, labels=labels_a).timings
    assert "cached" not in run(small_corpus, cache=cache, labels=labels_b).timings


# --------------------------------------------------------------------------- edge corpora

def exercise_notebook_calls(result, output: Path) -> dict:
    """Every result-based call the notebooks make (00-04), plus the browser; no glyph warnings."""
    prev = compare.subset_tables(result, sorted(result["articles"]["article_id"])[:1])
    calls = {
        "corpus_summary": lambda: views.corpus_summary(result),
        "article_table": lambda: views.article_table(result),
        "removed_by_reason": lambda: views.removed_by_reason(result),
        "removed_examples": lambda: views.removed_examples(result),
        "repairs_by_rule": lambda: views.repairs_by_rule(result),
        "sentence_stats": lambda: views.sentence_stats(result),
        "length_chart": lambda: views.length_chart(result, output),
        "stance_evidence": lambda: views.stance_evidence(result),
        "label_examples_osa": lambda: views.label_examples(result, "open_source_ai", method="model"),
        "label_examples_meta": lambda: views.label_examples(result, "meta_openness", method="model"),
        "actor_stance_osa": lambda: views.actor_stance_chart(result, output, target="open_source_ai"),
        "actor_stance_meta": lambda: views.actor_stance_chart(result, output, target="meta_openness"),
        "quotes": lambda: views.quotes_with_stance(result),
        "uncertain_sentences": lambda: views.uncertain_sentences(result),
        "stance_findings": lambda: views.stance_findings(result),
        "top_actors": lambda: views.top_actors(result, 20),
        "actors_per_article": lambda: views.actors_per_article(result, 5),
        "actor_heatmap": lambda: views.actor_heatmap(result, output),
        "cooccurrence_network": lambda: views.cooccurrence_network(result, output, min_sentences=1),
        "cooccurrence": lambda: result["cooccurrence"].head(15),
        "actor_type_shares": lambda: views.actor_type_shares(result),
        "kwic": lambda: views.kwic(result, "Meta"),
        "unknown_actors": lambda: result["unknown_actors"].head(20),
        "actor_findings": lambda: views.actor_findings(result),
        "timeline_chart": lambda: views.timeline_chart(result, output),
        "timeline_sources": lambda: views.timeline_sources(result),
        "unresolved": lambda: timeline.unresolved(result["temporal_expressions"]),
        "timeline_findings": lambda: views.timeline_findings(result),
        "new_articles": lambda: compare.new_articles(result, prev),
        "actor_changes": lambda: compare.actor_changes(result, prev),
        "new_unknown_names": lambda: compare.new_unknown_names(result, prev).head(15),
        "stance_shifts": lambda: compare.stance_shifts(result, prev),
        "timeline_changes": lambda: compare.timeline_changes(result, prev),
        "browse": lambda: browse.filter_sentences(browse.sentence_table(result), actor="Llama").head(15),
        "browser": lambda: browse.browser(result),
    }
    out = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for name, call in calls.items():
                out[name] = call()
        finally:
            plt.close("all")
    glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message) or "Glyph" in str(w.message)]
    assert glyphs == []
    for stem in ("00_article_length", "01_actor_stance_open_source_ai", "02_actor_heatmap", "03_timeline"):
        assert (output / "figures" / f"{stem}.png").read_bytes()[:4] == b"\x89PNG"
        assert (output / "figures" / f"{stem}.csv").exists()
    return out


def test_one_article_corpus(tmp_path):
    seed = sorted(SEEDS.glob("003_*.txt"))[0]
    root = tmp_path / "one"
    root.mkdir()
    shutil.copy(seed, root / seed.name)
    result = run(root, cache=False)
    a = result["articles"]
    assert list(a["article_id"]) == [seed.stem]
    assert a["published"].iloc[0] == "2024-03-28" and a["published_basis"].iloc[0] == "text: line 68 「2024-03-28」"
    assert len(result["mentions"]) > 0 and len(result["timeline"]) > 0
    out = exercise_notebook_calls(result, tmp_path / "out")
    assert out["top_actors"]["articles"].eq(1).all()
    assert len(out["timeline_sources"]) == len(result["events"])


def test_article_without_any_date_leaves_relative_expressions_unresolved(tmp_path):
    root = write(tmp_path / "nodate", {"a.txt": "开源模型的争论仍在继续\n"
                                                "Meta去年7月发布了Llama 2。上个月，OpenAI回应了批评。五个月后，谷歌也发布了Gemma模型。\n"})
    result = run(root, cache=False)
    a = result["articles"]
    assert a["published"].iloc[0] == "" and a["published_basis"].iloc[0] == "unknown"
    te = result["temporal_expressions"].set_index("expression")
    for expr in ("去年7月", "上个月", "五个月后"):
        assert expr in te.index
        assert not bool(te.loc[expr, "resolved"])
        assert "publication date" in te.loc[expr, "reason"]
        assert te.loc[expr, "start"] == "" and te.loc[expr, "end"] == ""
    assert result["events"].empty and result["timeline"].empty
    assert list(result["timeline"].columns) == timeline.TIMELINE_COLUMNS
    out = exercise_notebook_calls(result, tmp_path / "out")
    assert out["timeline_sources"].empty
    assert {"timeline_id", "article_id", "sentence_id"} <= set(out["timeline_sources"].columns)
    assert set(out["unresolved"]["expression"]) >= {"去年7月", "上个月", "五个月后"}
    assert (out["browse"]["actors"].str.contains("Llama")).all() and len(out["browse"]) == 1


def test_traditional_only_corpus(tmp_path):
    root = write(tmp_path / "trad", {
        "llama.txt": "臉書開源Llama模型\n臉書母公司Meta宣布，Llama模型將以開源方式發布。祖克柏表示：“開源讓人工智慧更安全。”\n",
        "musk.txt": "馬斯克起訴OpenAI\n馬斯克週四起訴OpenAI，指控該公司背離了開源的初衷。他說，OpenAI已經變成微軟的子公司。\n",
    })
    result = run(root, cache=False)
    assert set(result["articles"]["script"]) == {"traditional"}
    m = result["mentions"]
    by_article = m.groupby("article_id")["actor"].apply(set).to_dict()
    assert {"Meta", "Llama", "Mark Zuckerberg"} <= by_article["llama"]
    assert {"Elon Musk", "OpenAI", "Microsoft"} <= by_article["musk"]
    assert "馬斯克" in set(m["surface"]) and "微軟" in set(m["surface"])  # surfaces as written
    assert set(result["quotes"]["speaker"]) >= {"Mark Zuckerberg", "Elon Musk"}
    out = exercise_notebook_calls(result, tmp_path / "out")
    assert out["kwic"]["mention"].tolist() == ["Meta"]


def test_article_without_actors_or_quotes(tmp_path):
    root = write(tmp_path / "none", {"x.txt": "秋天的公园\n公园里有很多花，非常漂亮。我们沿着湖边慢慢散步。\n"})
    result = run(root, cache=False)
    assert len(result["articles"]) == 1
    for name, columns in [("mentions", actors.MENTION_COLUMNS), ("actor_counts", actors.COUNT_COLUMNS),
                          ("cooccurrence", actors.COOCCURRENCE_COLUMNS), ("quotes", quotes.QUOTE_COLUMNS)]:
        assert result[name].empty, name
        assert list(result[name].columns) == columns, name
    out = exercise_notebook_calls(result, tmp_path / "out")
    assert out["top_actors"].empty and out["kwic"].empty and out["actor_changes"].empty
    assert len(out["browse"]) == 0
    assert "0 mentions of 0 actors" in out["actor_findings"]


def test_corpus_whose_only_file_is_rejected(tmp_path):
    root = write(tmp_path / "rejected", {"empty.txt": b""})
    result = run(root, cache=False)
    assert result["articles"].empty and result["sentences"].empty
    assert list(result["load_report"]["status"]) == ["rejected"]
    out = exercise_notebook_calls(result, tmp_path / "out")
    assert out["corpus_summary"].startswith("0 articles loaded (1 files rejected)")
    assert out["article_table"].empty and out["stance_evidence"].empty and out["timeline_sources"].empty


# --------------------------------------------------------------------------- provenance

def test_counting_tables_carry_article_and_sentence_ids_that_exist(seed_result):
    sentences = seed_result["sentences"]
    known = set(zip(sentences["article_id"], sentences["sentence_id"].astype(int)))
    for name in COUNTING_TABLES:
        table = seed_result[name]
        assert {"article_id", "sentence_id"} <= set(table.columns), name
        assert len(table) > 0, name
        pairs = set(zip(table["article_id"], table["sentence_id"].astype(int)))
        assert pairs <= known, (name, sorted(pairs - known)[:5])
    # multi-sentence quotes and article stance evidence point at real sentences too
    q = seed_result["quotes"]
    for aid, ids in zip(q["article_id"], q["sentence_ids"]):
        assert {(aid, int(i)) for i in str(ids).split(";") if i.strip()} <= known
    sa = seed_result["stance_articles"]
    for aid, ids in zip(sa["article_id"], sa["evidence_sentence_ids"]):
        assert {(aid, int(i)) for i in str(ids).split(";") if i.strip()} <= known


def test_offsets_point_into_the_clean_text(seed_result):
    clean = seed_result.corpus.clean
    s = seed_result["sentences"]
    assert all(clean[a][st:en] == t for a, st, en, t in zip(s["article_id"], s["start"], s["end"], s["text"]))
    m = seed_result["mentions"]
    assert all(clean[a][st:en] == sf for a, st, en, sf in zip(m["article_id"], m["start"], m["end"], m["surface"]))
    spans = s.set_index(["article_id", "sentence_id"])[["start", "end"]]
    te = seed_result["temporal_expressions"]
    for r in te.itertuples():
        lo, hi = spans.loc[(r.article_id, r.sentence_id)]
        assert lo <= r.offset_start < r.offset_end <= hi


def test_result_is_importable_from_the_package():
    assert kaiyuan.run is run and kaiyuan.Result is pipeline.Result


def test_tables_are_in_article_id_order_whatever_the_file_order_and_chunking(tmp_path, monkeypatch):
    """a-1.txt sorts before a.txt as a file but after it as an article id ("a" < "a-1"): chunks come back
    in file order, and every table must still list articles in article_id order, as one process does."""
    root = write(tmp_path / "order", {"a-1.txt": META_ARTICLE, "a.txt": OPENAI_ARTICLE, "b.txt": ALIAS_ARTICLE})
    serial = run(root, cache=False, workers=1)
    monkeypatch.setattr(pipeline, "MIN_JOBS_PER_POOL", 1)
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 1)
    chunked = run(root, cache=False, workers=2)
    assert_same_tables(serial, chunked)
    assert list(chunked["articles"]["article_id"]) == ["a", "a-1", "b"]
    for name in COUNTING_TABLES:
        ids = list(dict.fromkeys(chunked[name]["article_id"]))
        assert ids == sorted(ids), name
    assert list(dict.fromkeys(chunked["mentions"]["article_id"])) == ["a", "a-1"]


def test_frames_records_match_itertuples():
    """kaiyuan.frames.records: the rows and field names of DataFrame.itertuples(index=False), NaN included."""
    from kaiyuan.frames import records

    df = pd.DataFrame({"article_id": ["a", "b", None], "sentence_id": [0, 1, 2], "score": [0.5, float("nan"), 1.0],
                       "class": ["x", "y", "z"]})
    assert [tuple(map(str, r)) for r in records(df)] == [tuple(map(str, r)) for r in df.itertuples(index=False)]
    assert [r.sentence_id for r in records(df, ["sentence_id"])] == [0, 1, 2]
    assert list(next(records(df))._fields) == list(next(df.itertuples(index=False))._fields)


def test_per_article_parts_rebuild_the_same_table():
    """What the per-article cache stores (_split: column lists per article) joins back into the table
    pd.concat would give: values, order, NaN and dtypes; an article without rows is an empty part."""
    t = pd.DataFrame({"article_id": ["b", "a", "b"], "sentence_id": [0, 1, 2], "score": [0.5, float("nan"), 1.0],
                      "label": pd.Series(["x", None, "z"], dtype="str"), "resolved": [True, False, True]})
    parts = pipeline._split(t, ["a", "b", "c"])
    assert parts["c"].values == ([], [], [], [], [])
    joined = pipeline._join([parts["b"], parts["a"], parts["c"]], keep_empty=False)
    expected = pd.concat([t[t["article_id"] == "b"], t[t["article_id"] == "a"]], ignore_index=True)
    pd.testing.assert_frame_equal(joined, expected)
    empty = pipeline._join([parts["c"]], keep_empty=False)
    assert empty.empty and list(empty.dtypes) == list(t.dtypes)
