"""Sentence splitting (offsets into the clean text) and simplified/traditional script handling."""
from __future__ import annotations

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaiyuan.script import detect_script, normalise_for_match, to_simplified
from kaiyuan.sentences import split_sentences

T2S = opencc.OpenCC("t2s")


def texts(clean: str, title: str = "") -> list[str]:
    return [s["text"] for s in split_sentences(clean, title)]


# --- splitting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("line,expected", [
    ("开源模型越来越多。闭源模型仍然领先！你怎么看？", ["开源模型越来越多。", "闭源模型仍然领先！", "你怎么看？"]),
    ("第一，开放权重；第二，开放数据。", ["第一，开放权重；", "第二，开放数据。"]),
    ("真的吗？！不可能……他想了想。", ["真的吗？！", "不可能……", "他想了想。"]),
    ("等等…然后呢", ["等等…", "然后呢"]),
    ("开源!!!真的", ["开源!!!", "真的"]),
    ("没有结束标点的一句话", ["没有结束标点的一句话"]),
])
def test_sentences_end_at_chinese_terminal_punctuation_and_runs_of_it(line, expected):
    assert texts(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("他说:“好。”然后", ["他说:“好。”", "然后"]),
    ("他问：“你去吗？”她说：“不去。”", ["他问：“你去吗？”", "她说：“不去。”"]),
    ("他說「好的。」然後走了。", ["他說「好的。」", "然後走了。"]),
    ("（这是括号里的话。）接着说。", ["（这是括号里的话。）", "接着说。"]),
    ("他说“好的”。然后", ["他说“好的”。", "然后"]),
    ("“开源是趋势。”“闭源也不会消失。”", ["“开源是趋势。”", "“闭源也不会消失。”"]),
])
def test_closing_quotes_and_brackets_belong_to_their_sentence(line, expected):
    assert texts(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("它的目的是什么?我不知道!好吧", ["它的目的是什么?", "我不知道!", "好吧"]),
    ("这是开源吗? 不完全是。", ["这是开源吗?", "不完全是。"]),
    ("Yahoo! Japan宣布将使用开源模型。", ["Yahoo! Japan宣布将使用开源模型。"]),
    ("Yahoo!Japan的股价上涨。", ["Yahoo!Japan的股价上涨。"]),
    ("他引用了论文 What is open? 的结论。", ["他引用了论文 What is open? 的结论。"]),
    ("参数量为3.5亿。下一句", ["参数量为3.5亿。", "下一句"]),
])
def test_ascii_marks_split_next_to_chinese_but_not_inside_latin_text(line, expected):
    assert texts(line) == expected


def test_line_breaks_end_sentences():
    assert texts("第一行没有标点\n第二行也没有标点\n第三行。") == ["第一行没有标点", "第二行也没有标点", "第三行。"]


def test_offsets_point_into_the_clean_text():
    clean = "标题行\n他说:“好。”然后走了。\n  \n最后一句……"
    rows = split_sentences(clean, "标题行")
    assert [(r["start"], r["end"]) for r in rows] == [(0, 3), (4, 11), (11, 16), (20, 26)]
    for r in rows:
        assert clean[r["start"]:r["end"]] == r["text"]
    assert [r["sentence_id"] for r in rows] == [0, 1, 2, 3]


def test_kinds_title_heading_body():
    clean = "欧盟通过人工智能法案\n开源模型获得部分豁免。\n行业反应\n企业普遍表示欢迎。批评者则有所保留。"
    rows = split_sentences(clean, "欧盟通过人工智能法案")
    assert [(r["text"], r["kind"]) for r in rows] == [
        ("欧盟通过人工智能法案", "title"),
        ("开源模型获得部分豁免。", "body"),
        ("行业反应", "heading"),
        ("企业普遍表示欢迎。", "body"),
        ("批评者则有所保留。", "body"),
    ]


def test_first_line_is_not_a_title_unless_the_cleaner_says_so():
    rows = split_sentences("行业反应\n企业普遍表示欢迎。", title="")
    assert rows[0]["kind"] == "heading"


def test_short_question_is_body_not_heading():
    rows = split_sentences("谁能说得准呢?\n我不知道。")
    assert [r["kind"] for r in rows] == ["body", "body"]


# --- sentences of the seeds ------------------------------------------------------------------------


def test_seed_sentence_offsets_match_the_clean_text(seed_corpus):
    for row in seed_corpus.sentences.itertuples():
        assert seed_corpus.clean[row.article_id][row.start:row.end] == row.text


def test_seed_sentence_ids_count_up_per_article(seed_corpus):
    sents = seed_corpus.sentences
    assert list(sents.columns) == ["article_id", "sentence_id", "start", "end", "text", "text_simplified", "kind"]
    for aid, group in sents.groupby("article_id"):
        assert list(group.sentence_id) == list(range(len(group))), aid
        assert (group.start.diff().dropna() > 0).all(), aid
    assert list(sents.article_id) == sorted(sents.article_id)


def test_seed_sentences_are_non_empty_and_trimmed(seed_corpus):
    for t in seed_corpus.sentences.text:
        assert t and t == t.strip() and "\n" not in t


def test_seed_kinds(seed_corpus):
    sents = seed_corpus.sentences
    s000 = sents[sents.article_id == "000_d422d8d9fc554906"]
    assert list(s000[s000.kind == "heading"].text) == ["关键背景", "一个广泛的大会"]
    assert list(s000[s000.kind == "title"].text) == ["Meta和IBM成立了一项人工智能联盟,但是它的目的是什么?"]
    s002 = sents[sents.article_id == "002_876d342b0be3a81f"]
    assert "title" not in set(s002.kind)  # 002 has no headline
    s003 = sents[sents.article_id == "003_9ccd58df0aef2da6"]
    assert list(s003[s003.kind == "heading"].text) == ["大廠的態度", "開源的意義"]
    assert "".join(s003[s003.kind == "title"].text) == "開源AI到底是什么?業界:超出開源軟件范疇,需要重新界定"


def test_seed_quote_closes_with_its_sentence(seed_corpus):
    sents = seed_corpus.sentences
    assert "他补充道:“当然,这只是起点。" in set(sents.text)
    assert "我们欢迎并期待更多组织加入。”" in set(sents.text)


def test_seed_text_simplified_is_opencc_t2s_of_the_same_length(seed_corpus):
    for row in seed_corpus.sentences.itertuples():
        assert len(row.text_simplified) == len(row.text)
        assert row.text_simplified == T2S.convert(row.text)
    for aid, clean in seed_corpus.clean.items():
        assert len(seed_corpus.clean_simplified[aid]) == len(clean)
        assert seed_corpus.clean_simplified[aid] == T2S.convert(clean)
    trad = seed_corpus.sentences[seed_corpus.sentences.article_id == "004_567cbe5d8bff2e7a"]
    assert "这就是为什么Meta自那时以来在人工智能方面如此迅速行动的一个原因" in "".join(trad.text_simplified)


# --- script ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("开源模型的发展让监管机构感到头疼，这个问题没有简单的答案。", "simplified"),
    ("開源模型的發展讓監管機構感到頭疼，這個問題沒有簡單的答案。", "traditional"),
    ("开源模型的发展让监管机构感到头疼。開源模型的發展讓監管機構感到頭疼。", "mixed"),
    ("人工智能公司", "simplified"),  # characters shared by both scripts read as simplified
    ("Meta and IBM", "none"),
])
def test_detect_script(text, expected):
    assert detect_script(text) == expected


def test_detect_script_tolerates_a_few_stray_forms():
    # traditional sites often leave a simplified character or two in place
    text = "開源模型的發展讓監管機構感到頭疼，這個問題沒有簡單的答案，业界仍在討論。"
    assert detect_script(text) == "traditional"


def test_to_simplified_converts_traditional_characters():
    assert to_simplified("開源與閉源之爭") == "开源与闭源之争"
    assert to_simplified("Meta發言人說") == "Meta发言人说"


def test_normalise_for_match_is_simplified_half_width_lower_case():
    assert normalise_for_match("  免責聲明：ＡＢＣ ") == "免责声明:abc"


CJK_ALPHABET = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
MIXED_ALPHABET = st.one_of(CJK_ALPHABET, st.sampled_from("。，、；：？！“”「」（）…—·abcXYZ 0123456789?!\n"),
                           st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED_ALPHABET, max_size=200))
def test_to_simplified_keeps_length(text):
    assert len(to_simplified(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=MIXED_ALPHABET, max_size=120))
def test_sentence_spans_cover_the_text_property(text):
    rows = split_sentences(text)
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"] and r["text"].strip() == r["text"] and r["text"]
    assert [r["sentence_id"] for r in rows] == list(range(len(rows)))
    # nothing but whitespace falls between sentences
    covered = set()
    for r in rows:
        covered.update(range(r["start"], r["end"]))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_split_line_jumps_between_terminals_without_changing_spans():
    """Long runs without punctuation, ASCII ? between Latin words (no split), ASCII ! before Chinese (split)
    and a terminal run with its closing quote."""
    from kaiyuan.sentences import split_line

    line = "开源" * 200 + "。" + "Is it open? Yes!" + "他说：“好！！”然后离开"
    spans = [line[s:e] for s, e in split_line(line)]
    assert spans == ["开源" * 200 + "。", "Is it open? Yes!", "他说：“好！！”", "然后离开"]
