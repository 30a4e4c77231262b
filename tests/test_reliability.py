"""Nothing lost, nothing stale, nothing stuck: each defect of the reliability sweep as a specification.

Every test builds its own tiny corpus or cache in tmp_path. None measures time.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from kaiyuan import cli
from kaiyuan.cache import DiskCache, code_closure, make_key
from kaiyuan.config import ConfigError, load_yaml, validate
from kaiyuan.corpus import html_to_text, load_corpus
from kaiyuan.pipeline import run

ARTICLE_A = "Meta开源Llama 2\n\nMeta于2023年7月18日发布Llama 2。扎克伯格说：“开源推动创新。”\n"
ARTICLE_B = "OpenAI发布gpt-oss\n\nOpenAI在2025年8月5日发布了开放权重模型。奥尔特曼表示，这是正确的方向。\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def tables_equal(a, b) -> None:
    assert set(a.tables) == set(b.tables)
    for name in a.tables:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False)
    assert a.corpus.clean == b.corpus.clean


# ---------------------------------------------------------------- 1. cache poisoning
def test_a_missing_label_or_registry_path_is_an_error_before_anything_runs(tmp_path, capsys):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A})
    cache = tmp_path / "cache"
    for flag in ("--labels", "--registry"):
        code = cli.main(["run", "--corpus", str(corpus), "--out", str(tmp_path / "o"), flag, str(tmp_path / "nope")])
        assert code == 2
        err = capsys.readouterr().err
        assert "not found" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not cache.exists()


def test_a_missing_file_never_shares_a_cache_key_with_no_file():
    assert make_key("x", files=["/no/such/labels.csv"]) != make_key("x")


# ---------------------------------------------------------------- 2. cache integrity
def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.pkl"))


def test_a_changed_byte_in_any_cache_entry_is_discarded_and_recomputed(tmp_path, capsys):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    cache = tmp_path / "cache"
    truth = run(corpus, cache=False)
    run(corpus, cache=cache)
    for path in entries(cache):
        blob = bytearray(path.read_bytes())
        blob[len(blob) // 2] ^= 0x01  # one flipped bit in the payload
        path.write_bytes(bytes(blob))
    again = run(corpus, cache=cache)
    tables_equal(truth, again)
    assert "discarded and recomputed" in capsys.readouterr().err


def test_an_entry_edited_with_valid_bytes_is_never_served(tmp_path):
    cache = DiskCache(tmp_path)
    cache.put("ab" * 32, {"clean": "开源"})
    path = entries(tmp_path)[0]
    path.write_bytes(path.read_bytes().replace("开源".encode(), "闭源".encode()))
    assert cache.get("ab" * 32) is None and not path.exists()


def test_truncated_or_foreign_entries_are_misses(tmp_path):
    cache = DiskCache(tmp_path)
    cache.put("cd" * 32, [1, 2, 3])
    path = entries(tmp_path)[0]
    path.write_bytes(path.read_bytes()[:10])
    assert cache.get("cd" * 32) is None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x80\x04garbage-not-an-entry")
    assert cache.get("cd" * 32) is None


def test_cache_keys_cover_every_module_a_stage_imports():
    assert "frames.py" in code_closure(("quotes.py",))
    assert {"clean.py", "sentences.py", "script.py", "config.py"} <= set(code_closure(("corpus.py",)))


# ---------------------------------------------------------------- 3. huge articles
def test_an_article_over_the_limit_is_rejected_up_front_and_the_others_load(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A, "huge.txt": "开源模型。" * 3000})
    result = run(corpus, cache=False, max_article_chars=10_000)
    report = result["load_report"].set_index("path")
    assert report.loc["huge.txt", "status"] == "rejected"
    assert "over the limit of 10,000" in report.loc["huge.txt", "reason"]
    assert list(result["articles"].article_id) == ["a"]


def test_quote_resolver_indexes_agree_with_a_plain_scan():
    """The indexed look-backs (recent, context_org, between) give what a scan over all mentions gives."""
    from kaiyuan import quotes as q

    text = ("Meta发言人说：“我们支持开源。”谷歌和Meta都在竞争。（据OpenAI）他说，Meta会继续。"
            "扎克伯格表示，Meta将开放Llama。OpenAI的奥尔特曼说：“我们会发布开放权重模型。”")
    mentions = [(a, k, i) for a, k in (("Meta", "org"), ("Google", "org"), ("OpenAI", "org"), ("Mark Zuckerberg", "person"),
                                      ("Sam Altman", "person")) for i in range(len(text))
                if text.startswith({"Meta": "Meta", "Google": "谷歌", "OpenAI": "OpenAI", "Mark Zuckerberg": "扎克伯格",
                                    "Sam Altman": "奥尔特曼"}[a], i)]
    surf = {"Meta": 4, "Google": 2, "OpenAI": 6, "Mark Zuckerberg": 4, "Sam Altman": 4}
    sents = pd.DataFrame({"article_id": ["x"], "sentence_id": [0], "start": [0], "end": [len(text)], "text": [text],
                          "text_simplified": [text], "kind": ["body"]})
    ms = pd.DataFrame([{"actor": a, "actor_type": k, "start": i, "end": i + surf[a], "surface": text[i:i + surf[a]]}
                       for a, k, i in mentions])
    rules = q.load_rules()
    art = q._build_article("x", sents, ms, rules)
    quotes_found = q._find_direct(art, rules)
    res = q._Resolver(art, q._mask(art, quotes_found), rules, {}, quotes_found)
    for pos in range(len(text) + 1):
        for kinds in (("person",), ("org",)):
            naive = next((m for m in reversed(art.mentions) if m.end <= pos and m.kind in kinds and res._usable(m)), None)
            assert res.recent(pos, kinds) is naive
        counts: dict = {}
        for m in art.mentions:
            if m.end <= pos and m.kind == "org" and res._usable(m) and not res._in_parens(m.start):
                c = counts.setdefault(m.actor, [0, 0])
                c[0], c[1] = c[0] + 1, m.start
        naive_org = max(counts, key=lambda a: (counts[a][0], counts[a][1])) if counts else ""
        assert res.context_org(pos) == naive_org
        assert res.between(0, pos) == [m for m in art.mentions if m.end <= pos]


# ---------------------------------------------------------------- 4. deeply nested HTML
def test_deeply_nested_html_is_read_in_one_walk_without_editing_the_tree(monkeypatch):
    from bs4.element import PageElement

    def no_edits(*args, **kwargs):
        raise AssertionError("html_to_text must not edit the parsed tree (quadratic on deep documents)")

    monkeypatch.setattr(PageElement, "insert_before", no_edits)
    monkeypatch.setattr(PageElement, "insert_after", no_edits)
    depth = 20_000
    page = "<html><body>" + "<div>层" * depth + "正文。" + "</div>" * depth + "</body></html>"
    text, _, _ = html_to_text(page)
    lines = text.split("\n")
    assert len(lines) == depth and lines[-1] == "层正文。"


# ---------------------------------------------------------------- 5. stem collisions
def test_files_that_would_share_an_article_id_get_unique_ids_and_nothing_is_lost(tmp_path):
    page = "<html><head><title>OpenAI发布gpt-oss</title></head><body><p>OpenAI在2025年8月5日发布了开放权重模型。</p></body></html>"
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A, "a.html": page, "sub1/b.txt": ARTICLE_B, "sub1__b.txt": ARTICLE_A})
    result = run(corpus, cache=False)
    ids = list(result["articles"].article_id)
    assert len(ids) == len(set(ids)) == 4
    assert set(result.corpus.clean) == set(ids)
    for row in result["sentences"].itertuples():
        assert result.corpus.clean[row.article_id][row.start:row.end] == row.text
    report = result["load_report"].set_index("path")
    renamed = [r for r in report.reason if "was already taken" in str(r)]
    assert len(renamed) == 2


# ---------------------------------------------------------------- 6. outputs inside the corpus
def test_an_output_folder_inside_the_corpus_is_never_read_back(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    for _ in range(3):
        assert cli.main(["run", "--corpus", str(corpus), "--out", str(corpus / "out"), "--no-cache"]) == 0
    articles = pd.read_csv(corpus / "out" / "articles.csv")
    assert len(articles) == 2
    report = pd.read_csv(corpus / "out" / "load_report.csv")
    assert ("out/", "skipped") in set(zip(report.path, report.status))


def test_a_cache_folder_inside_the_corpus_is_never_read_back(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A})
    run(corpus, cache=corpus / ".cache")
    result = run(corpus, cache=False)
    assert list(result["articles"].article_id) == ["a"]


# ---------------------------------------------------------------- 7. configuration errors
@pytest.mark.parametrize("yaml_text, needle", [
    ("schema: 1\nsettings: {}\nactors:\n  - name: A\n    type: org\n    type: person\n    aliases: [a]\n", "duplicate key 'type'"),
    ("schema: 1\nsettings: {}\nactors: [1, 2\n", "line"),
    ("schema: 1\nsettings: {}\nactors:\n  - name: A\n    kind: org\n    aliases: [a]\n", "actors/0"),
])
def test_configuration_errors_are_one_line_with_file_and_entry(tmp_path, capsys, yaml_text, needle):
    reg = tmp_path / "reg.yaml"
    reg.write_text(yaml_text, encoding="utf-8")
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A})
    assert cli.main(["run", "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--registry", str(reg)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(reg) in err and needle in err and "Traceback" not in err


def test_a_repeated_key_anywhere_in_yaml_is_refused(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a:\n  b: 1\n  b: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x.yaml: line 3: duplicate key 'b' \(first on line 2\)"):
        load_yaml(p)


def test_a_folder_given_as_registry_and_a_bad_label_value_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="is a folder"):
        validate(registry=tmp_path)
    labels = tmp_path / "l.csv"
    labels.write_text("article_id,sentence_id,text,open_source_ai,meta_openness,notes\na,0,x,positive,neutral,\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError, match="positive"):
        validate(labels=labels)


def test_report_validates_before_writing_or_running_any_notebook(tmp_path, capsys):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A})
    out = tmp_path / "report"
    assert cli.main(["report", "--corpus", str(corpus), "--out", str(out), "--labels", str(tmp_path / "nope.csv")]) == 2
    assert not out.exists()
    assert cli.main(["report", "--corpus", str(tmp_path / "missing"), "--out", str(out)]) == 2
    assert not out.exists()
    assert "configuration error" in capsys.readouterr().err


# ---------------------------------------------------------------- 8. symlinks
@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_every_symlink_is_in_the_load_report(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A, "sub/b.txt": ARTICLE_B})
    outside = write(tmp_path / "elsewhere", {"x.txt": ARTICLE_B})
    (corpus / "loop").symlink_to(corpus / "loop")            # a link to itself
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "sub" / "up").symlink_to(corpus)                 # a directory loop
    (corpus / "linked.txt").symlink_to(outside / "x.txt")      # followed once
    result = load_corpus(corpus)
    report = result.load_report.set_index("path")
    assert "symlink loop" in report.loc["loop", "reason"]
    assert "dangling symlink" in report.loc["dangling.txt", "reason"]
    assert "directory loop" in report.loc["sub/up/", "reason"]
    assert report.loc["linked.txt", "status"].startswith("loaded")
    assert sorted(result.articles.article_id) == ["a", "linked", "sub__b"]


# ---------------------------------------------------------------- 9. minor
def test_nul_bytes_are_removed_and_recorded_as_a_repair(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A.replace("发布", "发\x00布")})
    result = load_corpus(corpus)
    assert "\x00" not in result.clean["a"]
    assert "nul_bytes_removed" in set(result.repairs.rule)
    assert "NUL" in result.load_report.reason.iloc[0]


def test_metadata_rows_with_bad_dates_or_unknown_ids_are_reported(tmp_path):
    meta = "article_id,outlet,author,title,published,published_basis,note\na,,,,2024-13-45,text,\nzz,,,,2024-01-01,text,\n"
    corpus = write(tmp_path / "c", {"a.txt": ARTICLE_A, "metadata.csv": meta})
    report = load_corpus(corpus).load_report
    warnings = " ".join(report[report.status == "warning"].reason)
    assert "'2024-13-45' is not a date" in warnings and "'zz' matches no article file" in warnings


def test_worker_processes_end_with_their_parent(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        from concurrent.futures import ProcessPoolExecutor
        from kaiyuan.pipeline import _end_with_parent
        def sleep_and_report(_):
            return os.getpid()
        with ProcessPoolExecutor(2, initializer=_end_with_parent, initargs=(os.getpid(),)) as pool:
            pids = set(pool.map(sleep_and_report, range(8)))
            print(" ".join(map(str, pids)), flush=True)
            time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert pids
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if _running(p)]
        time.sleep(0.1)
    assert not alive, f"orphaned workers {alive}"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
