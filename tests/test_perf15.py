"""textscan.contains_any: one precompiled alternation gives the same answer as any(w in text for w in words)."""
from kaiyuan import actors, stance
from kaiyuan.textscan import contains_any

SENTENCES = [
    "Meta 发布开源大模型 Llama 3，称开放权重有利于创新。",
    "欧阳明日在会上表示，公司将继续闭源。",
    "司马南认为，这家研究院的做法值得商榷。",
    "今天天气很好。",
    "",
    "a+b (c) [d] *e* 开源?",
]


def test_same_answer_as_any_on_sentences():
    words = ["开源", "开放权重", "闭源", "研究院", "a+b", "(c)", "*e*"]
    for text in SENTENCES:
        assert contains_any(words)(text) == any(w in text for w in words), text


def test_regex_metacharacters_are_literal():
    assert contains_any(["a+b"])("xa+by") is True
    assert contains_any(["a+b"])("aab") is False
    assert contains_any(["(c)"])("c") is False


def test_empty_list_and_empty_word():
    assert contains_any([])("开源") is False
    assert contains_any(["", "闭源"])("今天") is True


def test_cached_per_list_object_and_not_by_equal_content():
    a, b = ["开源"], ["开源"]
    assert contains_any(a) is contains_any(a)
    a2 = ["闭源"]
    assert contains_any(a2)("开源") is False


def test_packaged_rule_lists_agree_with_any():
    cues = stance.load_cues()
    cfg = actors._discovery_config(actors.load_registry())
    lists = [spec["relevance"] for spec in cues["targets"].values()] + [cfg["org_suffixes"], cfg["compound_surnames"]]
    for words in lists:
        for text in SENTENCES + [w + "x" for w in words]:
            low = text.lower()
            assert contains_any(words)(low) == any(w in low for w in words), (words, text)


def test_story_year_from_shared_expressions_is_the_same():
    from kaiyuan import timeline

    texts = ["2023年3月，公司发布了模型。", "周二，他在会上表示将于2024年开源。", "今天天气很好。", ""]
    founds = [timeline.find_expressions(t) for t in texts]
    assert timeline.story_year(texts, founds) == timeline.story_year(texts) == 2024
    assert timeline.story_year(["今天天气很好。"], [[]]) is None
