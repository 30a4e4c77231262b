"""Loading a corpus folder: files -> decoded text -> article rows, load report, metadata, duplicates."""
from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import opencc
import pytest

from kaiyuan.corpus import ARTICLE_COLUMNS, REPORT_COLUMNS, decode_bytes, html_to_text, load_corpus, Rejected

# --- realistic article texts (not from the seeds) ------------------------------------------------

TITLE_S = "欧盟人工智能法案为开源模型留出豁免空间"
BODY_S = [
    "布鲁塞尔消息，欧洲议会周三以压倒性多数通过了《人工智能法案》的最终文本。根据法案，以免费开源许可发布的通用模型"
    "在透明度义务方面可以获得部分豁免，但被认定具有“系统性风险”的模型除外。",
    "法国初创公司Mistral的联合创始人表示，这一豁免条款对欧洲本土企业至关重要。他说：“如果开源模型要承担与闭源模型"
    "相同的合规成本，欧洲将很难培养出自己的人工智能冠军。”",
    "批评者则认为，所谓的开源模型往往只公开权重，而不公开训练数据和训练代码，豁免条款可能被大公司利用。"
    "欧洲消费者组织呼吁监管机构尽快明确“开源”的定义。",
]
ARTICLE_S = "\n".join([TITLE_S, *BODY_S]) + "\n"

# The same article in traditional characters (as a Hong Kong or Taiwan site would repost it).
TITLE_T = "歐盟人工智能法案為開源模型留出豁免空間"
BODY_T = [
    "布魯塞爾消息，歐洲議會週三以壓倒性多數通過了《人工智能法案》的最終文本。根據法案，以免費開源許可發佈的通用模型"
    "在透明度義務方面可以獲得部分豁免，但被認定具有“系統性風險”的模型除外。",
    "法國初創公司Mistral的聯合創始人表示，這一豁免條款對歐洲本土企業至關重要。他說：“如果開源模型要承擔與閉源模型"
    "相同的合規成本，歐洲將很難培養出自己的人工智能冠軍。”",
    "批評者則認為，所謂的開源模型往往只公開權重，而不公開訓練數據和訓練代碼，豁免條款可能被大公司利用。"
    "歐洲消費者組織呼籲監管機構儘快明確“開源”的定義。",
]
ARTICLE_T = "\n".join([TITLE_T, *BODY_T]) + "\n"

# A different article (never a duplicate of the one above).
OTHER_S = (
    "国产大模型掀起开源潮\n"
    "国内多家大模型公司近日相继宣布开源旗下模型。业内人士认为，开源可以帮助企业快速建立开发者生态，但如何在开放权重的"
    "同时保持商业竞争力，仍是摆在创业公司面前的难题。有分析师指出，开源与闭源之争，本质上是商业模式之争。\n"
)

# Simplified paragraph for GBK, traditional paragraph for Big5 (both 100+ characters).
GBK_PARAGRAPH = (
    "国内多家大模型公司近日相继宣布开源旗下模型。业内人士认为，开源可以帮助企业快速建立开发者生态，但如何在开放权重的"
    "同时保持商业竞争力，仍是摆在创业公司面前的难题。有分析师指出，开源与闭源之争，本质上是商业模式之争。"
)
BIG5_PARAGRAPH = (
    "台灣數位發展部日前召開座談會，邀請學界與產業代表討論開源人工智慧模型的治理問題。與會者普遍認為，開放模型權重"
    "有助於本土研究團隊追趕國際水準，但也必須建立相應的安全評測機制，避免模型遭到濫用。主辦單位表示，將在年底前提出具體建議。"
)


def report_row(corpus, path):
    rows = corpus.load_report[corpus.load_report.path == path]
    assert len(rows) == 1, f"{path} should appear exactly once in the load report"
    return rows.iloc[0]


def article_row(corpus, article_id):
    rows = corpus.articles[corpus.articles.article_id == article_id]
    assert len(rows) == 1, f"{article_id} should be loaded exactly once"
    return rows.iloc[0]


# --- which files are read -----------------------------------------------------------------------


def test_every_article_file_under_the_folder_is_loaded_recursively_and_sorted(make_corpus):
    root = make_corpus({
        "b.txt": ARTICLE_S,
        "a.md": "# 国产大模型掀起开源潮\n\n" + GBK_PARAGRAPH + "\n",
        "2024/03/c.html": f"<html><body><article><h1>{TITLE_T}</h1><p>{BODY_T[0]}</p></article></body></html>",
        "2024/d.htm": f"<html><body><p>{BIG5_PARAGRAPH}</p></body></html>",
        "2024/03/e.TXT": OTHER_S,
    })
    corpus = load_corpus(root)
    assert list(corpus.load_report.path) == ["2024/03/c.html", "2024/03/e.TXT", "2024/d.htm", "a.md", "b.txt"]
    assert set(corpus.load_report.status) == {"loaded with warnings"}  # no dates in these files
    assert corpus.articles.warnings.str.contains("no publication date").all()
    assert list(corpus.articles.article_id) == ["2024__03__c", "2024__03__e", "2024__d", "a", "b"]
    assert list(corpus.articles.source_path) == ["2024/03/c.html", "2024/03/e.TXT", "2024/d.htm", "a.md", "b.txt"]
    assert list(corpus.articles.columns) == ARTICLE_COLUMNS
    assert list(corpus.load_report.columns) == REPORT_COLUMNS


def test_missing_folder_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        load_corpus(tmp_path / "no-such-folder")


def test_a_file_instead_of_a_folder_raises_file_not_found(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE_S, encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        load_corpus(path)


def test_empty_folder_gives_empty_tables_not_an_error(tmp_path):
    corpus = load_corpus(tmp_path)
    assert corpus.articles.empty and corpus.sentences.empty and corpus.load_report.empty


# --- encodings ------------------------------------------------------------------------------------

ENCODED = {
    "utf8.txt": (GBK_PARAGRAPH.encode("utf-8"), GBK_PARAGRAPH, {"utf-8"}),
    "utf8bom.txt": (b"\xef\xbb\xbf" + GBK_PARAGRAPH.encode("utf-8"), GBK_PARAGRAPH, {"utf-8-sig"}),
    "utf16le.txt": (b"\xff\xfe" + BIG5_PARAGRAPH.encode("utf-16-le"), BIG5_PARAGRAPH, {"utf-16"}),
    "gbk.txt": (GBK_PARAGRAPH.encode("gbk"), GBK_PARAGRAPH, {"gb18030", "gbk", "gb2312"}),
    "gb18030.txt": (GBK_PARAGRAPH.encode("gb18030"), GBK_PARAGRAPH, {"gb18030"}),
    "big5.txt": (BIG5_PARAGRAPH.encode("big5"), BIG5_PARAGRAPH, {"big5", "big5hkscs"}),
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_encodings_are_detected_and_decoded(make_corpus, name):
    data, expected_text, expected_encodings = ENCODED[name]
    corpus = load_corpus(make_corpus({name: data}))
    aid = name.removesuffix(".txt")
    row = article_row(corpus, aid)
    assert corpus.clean[aid] == expected_text
    assert row.encoding in expected_encodings
    assert report_row(corpus, name).encoding == row.encoding
    assert row.script == ("traditional" if expected_text == BIG5_PARAGRAPH else "simplified")


def test_decode_bytes_strips_the_byte_order_mark():
    text, enc = decode_bytes(b"\xef\xbb\xbf" + "开源模型。".encode("utf-8"))
    assert (text, enc) == ("开源模型。", "utf-8-sig")
    text, enc = decode_bytes("開源模型。".encode("utf-16"))
    assert (text, enc) == ("開源模型。", "utf-16")


# --- rejected files ----------------------------------------------------------------------------------

_rng = random.Random(20240328)
REJECTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\r\n   \n", "empty"),
    "blank16.txt": ("   \n\n  ".encode("utf-16"), "whitespace"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(_rng.randrange(256) for _ in range(300)), "PNG"),
    "noise.txt": (bytes(_rng.randrange(256) for _ in range(2000)) + b"\x00\x00", "binary"),
    "garbage.txt": (b"\x80\x81\x82\x83\xfe\xff" * 60, "undecodable"),
    "cut-utf16.txt": (b"\xff\xfe" + "开源".encode("utf-16-le") + b"\x00\xd8", "undecodable"),
}


@pytest.mark.parametrize("name", list(REJECTS))
def test_unreadable_files_are_rejected_with_a_reason(make_corpus, name):
    data, reason_word = REJECTS[name]
    corpus = load_corpus(make_corpus({name: data, "good.txt": ARTICLE_S}))
    row = report_row(corpus, name)
    assert row.status == "rejected"
    assert reason_word.lower() in row.reason.lower()
    assert list(corpus.articles.article_id) == ["good"]


def test_utf8_with_a_corrupt_byte_is_rejected_with_its_offset(make_corpus):
    data = GBK_PARAGRAPH.encode("utf-8")
    corpus = load_corpus(make_corpus({"cut.txt": data[:60] + b"\xff" + data[60:], "good.txt": ARTICLE_S}))
    row = report_row(corpus, "cut.txt")
    assert row.status == "rejected"
    assert "undecodable" in row.reason and "UTF-8" in row.reason and "offset 60" in row.reason


def test_decode_bytes_never_passes_random_bytes_off_as_text():
    # charset detection alone would call these EBCDIC (cp037) and UTF-16 Korean respectively
    for data in (b"\x80\x81\x82\x83" * 40, b"\xc3\x28" * 50):
        with pytest.raises(Rejected, match="undecodable"):
            decode_bytes(data)


def test_file_that_is_only_boilerplate_is_rejected(make_corpus):
    corpus = load_corpus(make_corpus({"junk.txt": "Leave a Reply\n1704652874\n<track id=\"a1\"></track>\n", "good.txt": ARTICLE_S}))
    row = report_row(corpus, "junk.txt")
    assert row.status == "rejected" and "boilerplate" in row.reason


@pytest.mark.parametrize("name,data", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    ("report.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(100)),
    ("notes", "无扩展名的文件".encode("utf-8")),
    ("picture.png", b"\x89PNG\r\n\x1a\n" + bytes(50)),
])
def test_unsupported_file_types_are_listed_as_rejected(make_corpus, name, data):
    corpus = load_corpus(make_corpus({name: data, "good.txt": ARTICLE_S}))
    row = report_row(corpus, name)
    assert row.status == "rejected"
    assert "unsupported file type" in row.reason
    assert ".txt" in row.reason  # the reason says what would have been accepted


def test_nothing_is_skipped_silently(make_corpus):
    files = {
        "metadata.csv": "article_id,outlet,author,title,published,published_basis,note\n",
        "a.txt": ARTICLE_S, "b.txt": b"", "c.pdf": b"%PDF-1.4", "sub/d.md": "# 标题\n\n" + GBK_PARAGRAPH,
        ".hidden/e.txt": OTHER_S, "f.html": "<html><body><script>var x=1;</script></body></html>",
        "sub/metadata.csv": "article_id,title\n",  # only the root metadata.csv is metadata
    }
    corpus = load_corpus(make_corpus(files))
    assert len(corpus.load_report) == len(files)
    assert sorted(corpus.load_report.path) == sorted(files)
    assert set(corpus.load_report.status) <= {"loaded", "loaded with warnings", "rejected", "metadata"}
    assert (corpus.load_report[corpus.load_report.status == "rejected"].reason.str.len() > 0).all()
    assert report_row(corpus, "metadata.csv").status == "metadata"
    assert report_row(corpus, "sub/metadata.csv").status == "rejected"
    assert report_row(corpus, "f.html").status == "rejected"  # only a script: no article text
    assert sorted(corpus.articles.article_id) == [".hidden__e", "a", "sub__d"]


# --- HTML and Markdown --------------------------------------------------------------------------------

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="utf-8">
<title>{TITLE_S}_科技频道_某某网</title>
<meta property="og:title" content="{TITLE_S}">
<meta property="og:site_name" content="欧洲时报">
<meta property="article:published_time" content="2024-03-13T18:05:00+01:00">
<meta name="author" content="王小明">
<style>.ad-banner {{ display: none; color: #ff0000; }}</style>
<script>window.dataLayer = window.dataLayer || []; function trackPageView() {{ return "追踪代码"; }}</script>
</head><body>
<nav><a href="/">首页</a> <a href="/tech">科技</a></nav>
<article>
<h1>{TITLE_S}</h1>
<p>{BODY_S[0]}</p>
<script type="text/javascript">document.write("广告位招租");</script>
<p>{BODY_S[1]}<br>{BODY_S[2]}</p>
<noscript>请启用JavaScript</noscript>
</article>
<form><textarea>发表你的看法</textarea><button>提交</button></form>
</body></html>
"""


def test_html_article_text_is_extracted_with_a_parser(make_corpus):
    corpus = load_corpus(make_corpus({"page.html": HTML_PAGE}))
    clean = corpus.clean["page"]
    assert clean.split("\n") == [TITLE_S, *BODY_S]


def test_html_script_and_style_never_reach_the_clean_text_and_are_recorded(make_corpus):
    corpus = load_corpus(make_corpus({"page.html": HTML_PAGE}))
    clean = corpus.clean["page"]
    for junk in ("dataLayer", "trackPageView", "追踪代码", "display", "广告位招租", "请启用", "发表你的看法", "首页"):
        assert junk not in clean
    removed = corpus.removed[corpus.removed.article_id == "page"]
    elements = removed[removed.reason == "html_element"].text
    assert any(t.startswith("<script>") and "trackPageView" in t for t in elements)
    assert any(t.startswith("<script>") and "广告位招租" in t for t in elements)
    assert any(t.startswith("<style>") and "ad-banner" in t for t in elements)
    assert not corpus.sentences.text.str.contains("dataLayer").any()


def test_html_meta_fields_are_used_when_there_is_no_metadata_csv(make_corpus):
    row = article_row(load_corpus(make_corpus({"page.html": HTML_PAGE})), "page")
    assert row.title == TITLE_S  # og:title, not the <title> with the site name
    assert row.published == "2024-03-13"
    assert row.published_basis == "metadata"
    assert row.author == "王小明"
    assert row.outlet == "欧洲时报"


def test_html_title_tag_and_time_element_are_fallbacks(make_corpus):
    page = (f"<html><head><title>{TITLE_S}</title></head><body><article>"
            f"<time datetime=\"2024-03-14\">3月14日</time><p>{BODY_S[0]}</p></article></body></html>")
    row = article_row(load_corpus(make_corpus({"page.htm": page})), "page")
    assert row.title == TITLE_S
    assert row.published == "2024-03-14"


def test_metadata_csv_wins_over_html_meta(make_corpus):
    meta = ("article_id,outlet,author,title,published,published_basis,note\n"
            "page,欧洲时报中文网,李华,欧盟法案豁免开源模型,2024-03-12,outlet,\n")
    row = article_row(load_corpus(make_corpus({"page.html": HTML_PAGE, "metadata.csv": meta})), "page")
    assert (row.title, row.author, row.outlet, row.published, row.published_basis) == (
        "欧盟法案豁免开源模型", "李华", "欧洲时报中文网", "2024-03-12", "outlet")


def test_markdown_headings_links_and_emphasis_resolve_to_text(make_corpus):
    md = (
        f"# {TITLE_S}\n\n"
        "布鲁塞尔消息，[欧洲议会](https://www.europarl.europa.eu/)周三通过了**《人工智能法案》**的最终文本。\n\n"
        "## 豁免条款\n\n"
        "以免费开源许可发布的通用模型可以获得*部分*豁免，详见[法案全文](https://example.eu/ai-act.pdf)。\n"
    )
    corpus = load_corpus(make_corpus({"note.md": md}))
    assert corpus.clean["note"].split("\n") == [
        TITLE_S,
        "布鲁塞尔消息，欧洲议会周三通过了《人工智能法案》的最终文本。",
        "豁免条款",
        "以免费开源许可发布的通用模型可以获得部分豁免，详见法案全文。",
    ]
    assert article_row(corpus, "note").title == TITLE_S
    kinds = corpus.sentences.set_index("text").kind
    assert kinds[TITLE_S] == "title" and kinds["豁免条款"] == "heading"


def test_markdown_raw_script_is_dropped_and_recorded(make_corpus):
    md = f"# {TITLE_S}\n\n{BODY_S[0]}\n\n<script>trackPageView('ai-act');</script>\n\n{BODY_S[1]}\n"
    corpus = load_corpus(make_corpus({"note.md": md}))
    assert "trackPageView" not in corpus.clean["note"]
    assert (corpus.removed.reason == "html_element").any()


# --- duplicates ------------------------------------------------------------------------------------------


def test_traditional_version_really_is_the_same_article():
    # precondition for the duplicate test: OpenCC t2s maps the traditional text onto the simplified one
    assert opencc.OpenCC("t2s").convert(ARTICLE_T) == ARTICLE_S


def test_exact_and_near_duplicates_are_flagged_not_dropped(make_corpus):
    near = ARTICLE_S.replace("，", ",").replace("。", ". ").replace("\n", "\n\n  ").replace("：", ": ")
    corpus = load_corpus(make_corpus({
        "01_original.txt": ARTICLE_S,
        "02_other.txt": OTHER_S,
        "03_copy.txt": ARTICLE_S,                           # exact duplicate
        "04_reformatted.md": near,                          # whitespace/punctuation differ only
        "05_traditional.txt": ARTICLE_T,                    # the same article in traditional characters
        "00_traditional_gbk_first.txt": OTHER_S.encode("gb18030"),  # same as 02, different encoding
    }))
    dup = corpus.articles.set_index("article_id").duplicate_of
    assert len(corpus.articles) == 6  # nothing dropped
    assert dup["00_traditional_gbk_first"] == ""
    assert dup["01_original"] == ""
    assert dup["02_other"] == "00_traditional_gbk_first"  # the first by article_id
    assert dup["03_copy"] == "01_original"
    assert dup["04_reformatted"] == "01_original"
    assert dup["05_traditional"] == "01_original"
    assert "duplicate of 01_original" in article_row(corpus, "05_traditional").warnings
    assert set(corpus.sentences.article_id) == set(corpus.articles.article_id)  # duplicates keep their sentences


def test_different_articles_are_not_duplicates(make_corpus):
    corpus = load_corpus(make_corpus({"a.txt": ARTICLE_S, "b.txt": OTHER_S, "c.txt": "\n".join([TITLE_S, BODY_S[0]])}))
    assert set(corpus.articles.duplicate_of) == {""}


# --- metadata --------------------------------------------------------------------------------------------


def test_metadata_csv_supplies_title_outlet_author_and_date(make_corpus):
    meta = ("article_id,outlet,author,title,published,published_basis,note\n"
            "eu_ai_act,财新网,张三,欧盟通过人工智能法案,2024-03,outlet,月份来自原文\n")
    corpus = load_corpus(make_corpus({"eu_ai_act.txt": ARTICLE_S, "other.txt": OTHER_S, "metadata.csv": meta}))
    row = article_row(corpus, "eu_ai_act")
    assert (row.outlet, row.author, row.title, row.published, row.published_basis) == (
        "财新网", "张三", "欧盟通过人工智能法案", "2024-03", "outlet")
    other = article_row(corpus, "other")  # not in metadata.csv: inferred from its text
    assert other.title == "国产大模型掀起开源潮"
    assert report_row(corpus, "metadata.csv").status == "metadata"


@pytest.mark.parametrize("date_line,expected", [
    ("2024-03-28", "2024-03-28"),
    ("2024-01-04 20:55:33", "2024-01-04"),
    ("2023/11/7", "2023-11-07"),
    ("2024年3月5日 10:30", "2024-03-05"),
])
def test_published_is_read_from_a_standalone_date_line(make_corpus, date_line, expected):
    corpus = load_corpus(make_corpus({"a.txt": ARTICLE_S + "\n" + date_line + "\n"}))
    row = article_row(corpus, "a")
    n = (ARTICLE_S + "\n" + date_line).count("\n") + 1
    assert (row.published, row.published_basis) == (expected, f"text: line {n} 「{date_line}」")
    assert row.title == TITLE_S
    assert date_line not in corpus.clean["a"]


def test_unknown_date_is_left_empty_never_invented(make_corpus):
    text = "国产大模型掀起开源潮\n新华社北京3月28日电 " + GBK_PARAGRAPH + "\n去年7月，Meta开源了Llama 2模型。\n"
    corpus = load_corpus(make_corpus({"a.txt": text}))
    row = article_row(corpus, "a")
    assert row.published == ""
    assert row.published_basis == "unknown"
    assert "no publication date" in row.warnings
    assert report_row(corpus, "a.txt").status == "loaded with warnings"


def test_article_without_headline_has_empty_title_and_a_warning(make_corpus):
    row = article_row(load_corpus(make_corpus({"a.txt": "\n".join(BODY_S)})), "a")
    assert row.title == ""
    assert "no title" in row.warnings


def test_byline_gives_the_author_name(make_corpus):
    text = f"{TITLE_S}\n作者：陈静\n责任编辑：刘洋\n" + "\n".join(BODY_S)
    corpus = load_corpus(make_corpus({"a.txt": text}))
    assert article_row(corpus, "a").author == "陈静"
    assert "作者" not in corpus.clean["a"] and "责任编辑" not in corpus.clean["a"]


def test_a_byline_with_an_editor_and_a_source_line_give_author_and_outlet(make_corpus):
    text = f"{TITLE_S}\n2025-01-27 08:42　来源：东岸财经网\n记者 贺知远　编辑 宋可言\n" + "\n".join(BODY_S)
    row = article_row(load_corpus(make_corpus({"a.txt": text})), "a")
    assert (row.author, row.outlet) == ("贺知远", "东岸财经网")


def test_metadata_row_with_unquoted_comma_in_title_is_joined_back(make_corpus):
    meta = ("article_id,outlet,author,title,published,published_basis,note\n"
            "a,财新网,,开源AI到底是什么?业界:需要重新界定,不能照搬软件定义,2024-03-28,text,repost\n")
    corpus = load_corpus(make_corpus({"a.txt": ARTICLE_S, "metadata.csv": meta}))
    row = article_row(corpus, "a")
    assert row.title == "开源AI到底是什么?业界:需要重新界定,不能照搬软件定义"
    assert (row.published, row.published_basis, row.outlet) == ("2024-03-28", "text", "财新网")
    assert "metadata.csv line 2" in row.warnings


def test_seed_metadata(seed_corpus):
    arts = seed_corpus.articles.set_index("article_id")
    assert list(arts.index) == ["000_d422d8d9fc554906", "001_92c9cc38ac8cf0ca", "002_876d342b0be3a81f",
                                "003_9ccd58df0aef2da6", "004_567cbe5d8bff2e7a"]
    assert arts.loc["000_d422d8d9fc554906", "title"] == "Meta和IBM成立了一项人工智能联盟,但是它的目的是什么?"
    assert arts.loc["003_9ccd58df0aef2da6", "title"] == "開源AI到底是什么?業界:超出開源軟件范疇,需要重新界定"
    assert arts.loc["002_876d342b0be3a81f", "title"] == ""  # no headline in the scraped text; not invented
    assert list(arts.published) == ["2023-12-05", "2024-01-04", "2024-01-18", "2024-03-28", "2024-05"]
    assert list(arts.published_basis) == ["outlet", "text", "outlet", "text", "outlet"]
    assert list(arts.script) == ["simplified", "simplified", "simplified", "traditional", "traditional"]
    assert set(arts.encoding) == {"utf-8"}
    assert set(arts.duplicate_of) == {""}
    assert arts.loc["004_567cbe5d8bff2e7a", "author"] == "Parmy Olson"
    report = seed_corpus.load_report.set_index("path").status
    assert report["metadata.csv"] == "metadata"
    assert len(seed_corpus.load_report) == 6


def test_seed_article_counts_are_consistent(seed_corpus):
    for row in seed_corpus.articles.itertuples():
        assert row.n_chars_clean == len(seed_corpus.clean[row.article_id])
        assert row.n_chars_clean < row.n_chars_raw or row.article_id.startswith("000")
        assert row.n_sentences == (seed_corpus.sentences.article_id == row.article_id).sum()


# --- the input is never modified --------------------------------------------------------------------------


def test_loading_never_writes_to_the_input(tmp_path, seeds_dir):
    corpus_dir = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus_dir)
    before = {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
              for p in corpus_dir.iterdir()}
    corpus = load_corpus(corpus_dir)
    after = {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
             for p in corpus_dir.iterdir()}
    assert after == before  # no file changed, none added
    raw = (corpus_dir / "003_9ccd58df0aef2da6.txt").read_text(encoding="utf-8")
    assert corpus.clean["003_9ccd58df0aef2da6"] != raw
    assert "免責聲明" in raw and "免責聲明" not in corpus.clean["003_9ccd58df0aef2da6"]


def test_big5_article_with_a_noisy_chunk_is_decoded_not_rejected():
    """A Big5 article (generated from the seeds) whose ASCII commas and digit lines make one chunk look
    messy to charset-normalizer's default threshold: it must load as Big5, character for character."""
    data = (Path(__file__).parent / "data" / "encodings" / "big5_noisy_chunk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, enc = decode_bytes(data)
    assert enc in {"big5", "big5hkscs"}
    assert text == data.decode("big5")
    assert "扎克伯格的AI模型LLaMA並不是免費的" in text


# ---------------------------------------------------------------- HTML metadata: JSON-LD and <title> (issue #15)
def test_json_ld_names_date_title_author_and_outlet_when_no_meta_tag_does():
    markup = ("<html><head><title>x</title><script type='application/ld+json'>"
              '{"@graph":[{"@type":"WebSite","name":"某某网"},{"@type":"NewsArticle","headline":"阿里开源千问3：八款模型全部开源",'
              '"datePublished":"2025-05-08T09:42:00+08:00","author":[{"@type":"Person","name":"顾嘉禾"}],'
              '"publisher":{"@type":"Organization","name":"东方某某网"}}]}'
              "</script></head><body><p>阿里周二开源了八款模型。</p></body></html>")
    _, meta, _ = html_to_text(markup)
    assert meta == {"title": "阿里开源千问3：八款模型全部开源", "published": "2025-05-08T09:42:00+08:00",
                    "author": "顾嘉禾", "outlet": "东方某某网"}


def test_a_meta_tag_wins_over_json_ld_and_broken_json_ld_is_ignored():
    markup = ("<html><head><meta property='og:title' content='蘋果開源小模型'>"
              "<script type='application/ld+json'>{\"headline\": \"另一個標題\", \"datePublished\": \"2024-05-14\"}</script>"
              "<script type='application/ld+json'>{broken</script></head><body><p>正文。</p></body></html>")
    _, meta, _ = html_to_text(markup)
    assert meta["title"] == "蘋果開源小模型" and meta["published"] == "2024-05-14"


@pytest.mark.parametrize("page_title, expected", [
    ("阿里开源千问3：八款模型全部开源_人工智能_东方某某网", {"title": "阿里开源千问3：八款模型全部开源", "outlet": "东方某某网"}),
    ("蘋果開源小模型 連訓練框架一併公開 | 北辰某報", {"title": "蘋果開源小模型 連訓練框架一併公開", "outlet": "北辰某報"}),
    ("开源之争 - 上篇 - 深度", {"title": "开源之争 - 上篇 - 深度"}),
])
def test_a_page_title_loses_the_site_name_which_names_the_outlet(page_title, expected):
    markup = f"<html><head><title>{page_title}</title></head><body><p>正文。</p></body></html>"
    assert html_to_text(markup)[1] == expected
