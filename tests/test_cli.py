"""Command line: `kaiyuan run --corpus DIR --out DIR` exits non-zero with a message when nothing can be loaded."""
from __future__ import annotations

import pandas as pd
import pytest

from kaiyuan.cli import main

ARTICLE = (
    "欧盟人工智能法案为开源模型留出豁免空间\n"
    "布鲁塞尔消息，欧洲议会周三以压倒性多数通过了《人工智能法案》的最终文本。根据法案，以免费开源许可发布的通用模型"
    "在透明度义务方面可以获得部分豁免，但被认定具有“系统性风险”的模型除外。\n"
    "2024-03-13\n"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Keep any per-article cache out of the repository."""
    monkeypatch.setenv("KAIYUAN_CACHE", str(tmp_path / "cache"))


def test_missing_corpus_folder_exits_non_zero_with_a_message(tmp_path, capsys):
    code = main(["run", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code != 0
    assert "not found" in err and "nowhere" in err
    assert not (tmp_path / "out").exists()


def test_folder_without_any_loadable_article_exits_non_zero_and_lists_the_files(make_corpus, tmp_path, capsys):
    root = make_corpus({"empty.txt": b"", "scan.pdf": b"%PDF-1.4\n", "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    code = main(["run", "--corpus", str(root), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code != 0
    assert "no article could be loaded" in err
    for name in ("empty.txt", "scan.pdf", "photo.png"):
        assert name in err
    assert "empty file" in err and "unsupported file type" in err


def test_empty_folder_exits_non_zero(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    code = main(["run", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    assert code != 0
    assert "no article could be loaded" in capsys.readouterr().err


def test_run_writes_the_corpus_tables(make_corpus, tmp_path, capsys):
    root = make_corpus({"eu.txt": ARTICLE, "bad.docx": b"PK\x03\x04" + bytes(20)})
    out = tmp_path / "out"
    code = main(["run", "--corpus", str(root), "--out", str(out)])
    assert code == 0
    assert "1 articles" in capsys.readouterr().out
    articles = pd.read_csv(out / "articles.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(articles.article_id) == ["eu"]
    assert articles.published[0] == "2024-03-13"
    report = pd.read_csv(out / "load_report.csv", encoding="utf-8-sig", keep_default_na=False)
    assert dict(zip(report.path, report.status)) == {"bad.docx": "rejected", "eu.txt": "loaded"}
    removed = pd.read_csv(out / "removed_lines.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(removed.reason) == ["timestamp"]
    assert (out / "clean" / "eu.txt").read_text(encoding="utf-8") == "\n".join(ARTICLE.split("\n")[:2])
    assert (root / "eu.txt").read_text(encoding="utf-8") == ARTICLE  # the input is untouched


def test_usage_error_exits_non_zero(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", "--corpus"])
    assert exc.value.code != 0
