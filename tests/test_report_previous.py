"""`kaiyuan report --previous DIR`: notebook 04 compares the corpus with a chosen earlier run (or, by default,
the last report of the same corpus name) and names each change with the sentence behind it; clear messages
and nothing written for a corpus that is a file or missing."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kaiyuan import compare, report
from kaiyuan.cli import main
from kaiyuan.notebooks import notebook_scripts

META = "Meta发布Llama 3开源模型\n2024-04-20\nMeta于4月18日发布了Llama 3。扎克伯格表示：“开源让人工智能更安全。”\n"
MISTRAL = ("Mistral AI发布新模型\n2024-05-02\n法国公司Mistral AI本周发布了新的开源模型。"
           "该公司表示，开放权重能让欧洲企业自主部署。\n")
NOTEBOOK_04 = [s for s in notebook_scripts() if s.stem == "04_new_articles"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path / "cache"))


def page_text(page: Path) -> str:
    """The text a reader sees on a rendered page (tags and styles removed, entities decoded)."""
    markup = re.sub(r"<style\b.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def test_previous_lists_the_added_article_and_its_new_actor(make_corpus, tmp_path, capsys):
    before = make_corpus({"meta.txt": META}, folder="before/news")
    after = make_corpus({"meta.txt": META, "mistral.txt": MISTRAL}, folder="after/news")
    report.build_report(before, tmp_path / "rep-before", notebooks=NOTEBOOK_04)
    index = report.build_report(after, tmp_path / "rep-after", notebooks=NOTEBOOK_04, previous=tmp_path / "rep-before")
    text = page_text(index.parent / "04_new_articles.html")
    assert "Compared with the earlier run" in text and "(1 article; now 2)" in text
    assert "1 new article: mistral; 0 removed." in text
    # the new actor, with the sentence that mentions it
    assert re.search(r"Actors never mentioned before.*Mistral AI\s+\d+\s+mistral\s+\d+\s+法国公司Mistral AI", text, re.S)
    assert "No earlier run" not in text


def test_without_an_earlier_run_notebook_04_says_so(make_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(compare, "REPORTS_DIR", tmp_path / "reports")  # no report of this corpus name
    corpus = make_corpus({"meta.txt": META}, folder="news")
    index = report.build_report(corpus, tmp_path / "out", notebooks=NOTEBOOK_04)
    assert "No earlier run to compare with." in page_text(index.parent / "04_new_articles.html")


def test_by_default_the_last_report_of_the_same_corpus_is_kept_and_compared(make_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(compare, "REPORTS_DIR", tmp_path / "reports")
    corpus = make_corpus({"meta.txt": META}, folder="news")
    out = tmp_path / "reports" / "news"
    report.build_report(corpus, out, notebooks=NOTEBOOK_04)
    (corpus / "mistral.txt").write_text(MISTRAL, encoding="utf-8")
    report.build_report(corpus, out, notebooks=NOTEBOOK_04)
    # the first run's tables were copied aside before the second run replaced them
    assert compare.load_tables(out / "previous")["articles"]["article_id"].tolist() == ["meta"]
    assert "1 new article: mistral; 0 removed." in page_text(out / "04_new_articles.html")


def test_a_wrong_previous_folder_stops_the_report_before_anything_is_written(make_corpus, tmp_path, capsys):
    corpus = make_corpus({"meta.txt": META})
    code = main(["report", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--previous", str(tmp_path / "nowhere")])
    assert code == 2
    assert "earlier run not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["run", "report"])
def test_a_file_given_as_the_corpus_is_named_as_a_file(make_corpus, tmp_path, capsys, command):
    corpus = make_corpus({"meta.txt": META})
    code = main([command, "--corpus", str(corpus / "meta.txt"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{corpus / 'meta.txt'} is a file; give the folder that contains it ({corpus})" in err
    assert "not found" not in err
    assert not (tmp_path / "out").exists()


def test_a_missing_corpus_writes_nothing(tmp_path, capsys):
    """`make report CORPUS=/missing`: no report folder, no font copy."""
    out = tmp_path / "reports" / "missing"
    code = main(["report", "--corpus", str(tmp_path / "missing"), "--out", str(out)])
    assert code == 2
    assert "corpus folder not found" in capsys.readouterr().err
    assert not out.exists() and not out.parent.exists()


def test_each_notebook_gets_only_the_parameters_it_declares():
    names = {s.stem: report.notebook_parameters(s) for s in notebook_scripts()}
    assert "PREVIOUS" in names["04_new_articles"] and "PREVIOUS" not in names["00_corpus"]
    assert all({"CORPUS", "OUTPUT", "REGISTRY", "LABELS"} <= n for n in names.values())
