"""Unknown Chinese person names as actor mentions (issue 16, session 10b), as specifications: a Chinese passage in,
the hand-worked promoted mentions out. Every sentence is written for this file (the names are invented); none is
copied from a corpus or a web page.

The rule (lib/kaiyuan/data/ACTORS.md, `discovery.promote_chinese`): an unregistered Chinese person name that the
sentence marks as a person -- one of `promote_titles` right before it (创始人张林峰 "founder Zhang Linfeng") or one of
`promote_verbs` right after it, through one speech bridge (张林峰表示, 张林峰也表示) -- counts as a person mention, and
with "all" so does every other person-tagged occurrence of the name in the article. Fragments of a longer name
(a name dot glued on, or a jieba cut inside the name after a title), organisations and common words do not count.
"""
from __future__ import annotations

import pytest

from kaiyuan.actors import (find_mentions, load_registry, marked_chinese_person, promoted_mentions,
                            promoted_occurrences, unknown_occurrences)
from test_actors import corpus_of


def _marks(registry) -> dict:
    d = registry.discovery
    return {"titles": tuple(d["promote_titles"]), "verbs": tuple(d["promote_verbs"]),
            "bridges": tuple(d["speech_bridges"]), "followers": tuple(d["promote_name_followers"]),
            "titled_freq": d["promote_titled_max_freq"]}


def promoted(*sentences: str, mode: str | None = None) -> list[tuple[int, str, str]]:
    """(sentence_id, actor, surface) of every promoted mention, in reading order."""
    registry = load_registry()
    if mode is not None:
        registry = _with_mode(registry, mode)
    sentences_df = corpus_of(*sentences)[0]
    occ = unknown_occurrences(sentences_df, find_mentions(sentences_df, registry), registry)
    m = promoted_mentions(promoted_occurrences(occ, registry), sentences_df)
    return list(zip(m.sentence_id.astype(int), m.actor, m.surface))


def _with_mode(registry, mode: str):
    from kaiyuan.actors import Registry
    return Registry(registry.actors, registry.alias_index, registry.settings,
                    {**registry.discovery, "promote_chinese": mode}, registry.path)


TITLED = ("深势科技创始人张林峰在发布会上介绍了新模型。", "张林峰还说，权重会在下月开放。", "外界对张林峰的决定看法不一。")


def test_a_titled_name_counts_at_every_occurrence_of_the_article():
    assert load_registry().discovery["promote_chinese"] == "all"
    assert promoted(*TITLED) == [(0, "张林峰", "张林峰"), (1, "张林峰", "张林峰"), (2, "张林峰", "张林峰")]


def test_marked_mode_counts_only_the_marked_occurrences():
    # sentence 2 names him without a title or a speech verb
    assert promoted(*TITLED, mode="marked") == [(0, "张林峰", "张林峰"), (1, "张林峰", "张林峰")]


def test_off_counts_none():
    assert promoted(*TITLED, mode="off") == []


def test_a_speech_verb_after_the_name_marks_it_through_a_bridge():
    assert promoted("“开源会赢。”周立恒也表示，社区比公司更重要。") == [(0, "周立恒", "周立恒")]


def test_an_unmarked_name_is_not_promoted():
    # no title before and no speech verb after: the name stays in the discovery table only
    assert promoted("这篇报道由周立恒和同事在上海完成采访。") == []


def test_the_mentions_table_carries_provenance():
    registry = load_registry()
    sentences_df = corpus_of(*TITLED)[0]
    occ = unknown_occurrences(sentences_df, find_mentions(sentences_df, registry), registry)
    m = promoted_mentions(promoted_occurrences(occ, registry), sentences_df)
    first = m.iloc[0]
    assert (first.article_id, int(first.sentence_id), first.actor_type) == ("a1", 0, "person")
    assert TITLED[0][int(first.start):int(first.end)] == "张林峰"


@pytest.mark.parametrize("name, sentence, expected", [
    ("张林峰", "深势科技创始人张林峰表示，开源很重要。", True),
    ("张林峰", "深势科技创始人张林峰的团队开源了模型。", True),          # a follower word after the titled name
    ("纳特", "前首席执行官纳特 · 弗里德曼宣布加入。", False),            # the name goes on past a name dot
    ("莉娜", "委员会主席莉娜．汗（Lina Khan）批评了这一做法。", False),  # a full-width stop is a name dot too
    ("贾扬", "联合创始人贾扬清楚地说明了计划。", False),                   # jieba cut inside 贾扬清 after a title
    ("公司", "该公司表示将继续开源。", False),                             # a common word before a speech verb
])
def test_marked_chinese_person(name, sentence, expected):
    registry = load_registry()
    assert marked_chinese_person(name, sentence, registry, _marks(registry)) is expected


def test_a_name_the_article_glosses_in_latin_counts_once_under_the_latin_name():
    # 萨姆·奥尔森（Sam Olsen） is the glossed path's; the Chinese promotion leaves it alone (no double count)
    rows = promoted("开发者萨姆·奥尔森（Sam Olsen）发布了新模型。", "萨姆·奥尔森表示，代码已经开放。")
    assert all(actor == "Sam Olsen" for _sid, actor, _surface in rows)
