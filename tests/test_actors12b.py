"""Session 12b (reg12b): unknown Latin names an article keeps repeating, and `X AI` names kept whole."""
from actor_frames import sentences  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _promoted(texts: list) -> list:
    sents = sentences("a1", texts)
    mentions = actors.find_mentions(sents, REG)
    unknown = actors.unknown_occurrences(sents, mentions, REG)
    prom = actors.promoted_occurrences(unknown, REG)
    return list(prom["actor"]) if len(prom) else []


def test_a_latin_name_written_three_times_counts_every_time():
    # "Zorbix released the Quanta model ... Quanta beats ... Quanta's weights are open"
    texts = ["初创公司Zorvex发布开源模型Quanta。", "测试显示Quanta超过同类模型。", "Quanta的权重已公开。"]
    assert _promoted(texts).count("Quanta") == 3


def test_a_latin_name_written_twice_is_left_to_discovery():
    texts = ["初创公司Zorvex发布开源模型Quanta。", "测试显示Quanta超过同类模型。"]
    assert "Quanta" not in _promoted(texts)


def test_a_name_before_a_conference_word_is_an_event_not_an_actor():
    # "at the Zentra conference ... Zentra's keynote ... after Zentra"
    texts = ["公司在Zentra大会上发布新芯片。", "Zentra主题演讲座无虚席。", "Zentra之后股价上涨。"]
    assert "Zentra" not in _promoted(texts)


def test_a_query_language_is_no_actor():
    texts = ["模型擅长SQL生成。", "SQL查询更快。", "它能写SQL。"]
    assert "SQL" not in _promoted(texts)


def test_ai_after_a_name_word_stays_in_the_name():
    # "Lumora AI raised funds ... Lumora AI said ... Lumora AI's model": one actor Lumora AI, not Lumora
    texts = ["Lumora AI完成新一轮融资。", "Lumora AI表示将开源模型。", "Lumora AI的模型下载量很高。"]
    got = _promoted(texts)
    assert got.count("Lumora AI") == 3 and "Lumora" not in got


def test_ai_alone_is_still_no_name():
    cands = actors._latin_candidates("他说AI和AGI不同", {"ai", "agi"}, {"ai"})
    assert cands == []
