"""Registry breadth of session 9, as specifications: a Chinese sentence in, the hand-worked mentions (actor, surface,
version) out. Every sentence is written for this file; none is copied from a corpus or a web page.

The rules are in lib/kaiyuan/data/ACTORS.md; these tests pin the entries of the "session 9 (reg9)" block of
lib/kaiyuan/data/actors.yaml (people and laws named in 2025-26 coverage of open-weight releases, Meta's
superintelligence labs, the US AI Action Plan and the EU code of practice), the Taiwan/HK spellings added to older
entries, the tie between a model family's variant tail and a longer registered alias (GPT-OSS is gpt-oss), and
the promotion of unknown Latin full names the sentence marks as a person (a title before, a speech verb after, a
gloss of a Chinese name) to actor mentions in actor_counts.
"""
from __future__ import annotations

import pytest

import pandas as pd

from kaiyuan.actors import (actor_counts, find_mentions, load_registry, marked_person, promoted_mentions,
                            promoted_occurrences, with_promoted,
                            unknown_occurrences)
from test_actors import corpus_of, found


# --------------------------------------------------------------------------- spellings added to older entries

@pytest.mark.parametrize("sentence, expected", [
    # Taiwan press spellings of the EU code of practice and of the AI Act, next to the EU
    ("歐盟公布《GPAI實務準則》，協助業者遵守《AI法案》。",
     [("European Union", "歐盟", ""), ("General-Purpose AI Code of Practice", "GPAI實務準則", ""), ("EU AI Act", "AI法案", "")]),
    ("歐盟的AI行為準則屬自願性質。", [("European Union", "歐盟", ""), ("General-Purpose AI Code of Practice", "AI行為準則", "")]),
    ("谷歌全球事務總裁華克證實將簽署。", [("Google", "谷歌", ""), ("Kent Walker", "華克", "")]),
    ("Meta全球事務長凱普蘭批評這份準則。", [("Meta", "Meta", ""), ("Joel Kaplan", "凱普蘭", "")]),
    ("FAIR由Robert Fergus掌舵。", [("FAIR", "FAIR", ""), ("Rob Fergus", "Robert Fergus", "")]),
    ("Meta投资了ScaleAI。", [("Meta", "Meta", ""), ("Scale AI", "ScaleAI", "")]),
    ("白宫科学和技术政策办公室主任发表讲话。", [("Office of Science and Technology Policy", "白宫科学和技术政策办公室", "")]),
    ("特朗普签署行政令，启动创世纪计划。", [("Donald Trump", "特朗普", ""), ("Genesis Mission", "创世纪计划", "")]),
    ("克莱蒙·德拉昂也在支持者之列。", [("Clem Delangue", "克莱蒙·德拉昂", "")]),
    ("党中央高度重视人工智能发展。", [("Communist Party of China Central Committee", "党中央", "")]),
])
def test_regional_spellings_of_known_actors(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "公司制定了AI行为准则，要求员工遵守。",   # a firm's own code of conduct, no EU near
    "韩国国会通过了AI法案。",                 # another country's AI law
    "画家华克举办了个人展览。",               # another Walker
    "创世纪计划是一部科幻小说的名字。",       # a novel, no US policy words near
    "民进党中央党部发表声明。",               # another party's central office (Taiwan)
])
def test_bare_forms_need_their_context(sentence):
    assert found(sentence) == []


# --------------------------------------------------------------------------- session 9 entries

@pytest.mark.parametrize("sentence, expected", [
    ("基础设施团队由Aparna Ramani负责。", [("Aparna Ramani", "Aparna Ramani", "")]),
    ("OpenAI首席战略官杰森·权联署支持。", [("OpenAI", "OpenAI", ""), ("Jason Kwon", "杰森·权", "")]),
    ("英伟达应用研究总监奥列克西·库恰耶夫也签了名。", [("Nvidia", "英伟达", ""), ("Oleksii Kuchaiev", "奥列克西·库恰耶夫", "")]),
    ("美国国务卿鲁比奥表示，必须赢得竞赛。", [("Marco Rubio", "鲁比奥", "")]),
    ("该命令援引《国防生产法》要求提交测试报告。", [("Defense Production Act", "国防生产法", "")]),
    ("MLex记者盧卡·貝爾圖茲指出政策叙事已经转向。", [("MLex", "MLex", ""), ("Luca Bertuzzi", "盧卡·貝爾圖茲", "")]),
    ("国务院发展研究中心的许召元说，这将助力产业升级。",
     [("Development Research Center of the State Council", "国务院发展研究中心", ""), ("Xu Zhaoyuan", "许召元", "")]),
    ("模型在HealthBench上的得分很高。", [("HealthBench", "HealthBench", "")]),
    ("它支持vLLM和TensorRT-LLM两种推理引擎。", [("vLLM", "vLLM", ""), ("TensorRT-LLM", "TensorRT-LLM", "")]),
])
def test_session9_entries(sentence, expected):
    assert found(sentence) == expected


# --------------------------------------------------------------------------- a variant tail vs a longer alias

@pytest.mark.parametrize("sentence, expected", [
    # GPT with a hyphen-joined tail covers the same span as the alias GPT-OSS: the longer alias is the actor
    ("OpenAI发布了GPT-OSS系列。", [("OpenAI", "OpenAI", ""), ("gpt-oss", "GPT-OSS", "")]),
    ("OpenAI发布了gpt-oss-120b。", [("OpenAI", "OpenAI", ""), ("gpt-oss", "gpt-oss-120b", "120b")]),
    ("GPT-4o仍然是闭源的。", [("GPT", "GPT-4o", "4o")]),
])
def test_longer_alias_wins_a_tie_with_a_variant_tail(sentence, expected):
    assert found(sentence) == expected


# --------------------------------------------------------------------------- unknown Latin people promoted to mentions

TITLES = ("首席执行官", "参议员", "研究员")
VERBS = ("表示", "说")


@pytest.mark.parametrize("candidate, sentence, expected", [
    ("Tom Rivers", "首席执行官Tom Rivers宣布开放模型权重。", True),        # a title right before
    ("Tom Rivers", "参议员 Tom Rivers 提出了法案。", True),                # spaces around a Latin name
    ("Nina Ortiz", "Nina Ortiz表示，开源让研究更透明。", True),            # a speech verb right after
    ("Nina Ortiz", "妮娜·奥尔蒂斯（Nina Ortiz）是这份报告的作者。", True),  # the gloss of a Chinese name
    ("José María Ruiz", "研究员José María Ruiz说，这并不意外。", True),     # three words, accents
    ("Open Model", "这份报告名为Open Model，涵盖十个项目。", False),        # a capitalised phrase, no person mark
    ("Export Controls", "文件标题是Export Controls。", False),
    ("Tom Rivers", "Tom Rivers的新书已经出版。", False),                  # a name, but nothing marks it here
    ("OpenRouter", "OpenRouter表示流量翻倍。", False),                      # one word is no full name
])
def test_a_latin_full_name_is_marked_as_a_person_by_its_sentence(candidate, sentence, expected):
    assert marked_person(candidate, sentence, TITLES, VERBS) is expected


def promoted_in(sents):
    """(registry mentions, promoted unknown-name occurrences) of a sentence table, with the packaged registry."""
    registry = load_registry()
    mentions = find_mentions(sents, registry)
    return mentions, promoted_occurrences(unknown_occurrences(sents, mentions, registry), registry)


def test_marked_unknown_people_count_in_actor_counts_and_stay_in_discovery():
    # each marked occurrence counts; an unmarked one (Tom Rivers的博客) does not, even after a marked one, while the
    # name is written fewer than `discovery.promote_recurring_latin` (3) times (session 12: from 3 on, every
    # occurrence counts; tests/test_actors12b.py)
    sents, text = corpus_of("研究员Tom Rivers在博客中批评了这一决定。", "Tom Rivers的博客很受欢迎。",
                            "这个项目叫Open Model，由Meta资助。")
    registry = load_registry()
    mentions = find_mentions(sents, registry)
    occ = unknown_occurrences(sents, mentions, registry)
    promoted = promoted_occurrences(occ, registry)
    assert list(promoted.candidate) == ["Tom Rivers"]
    articles = pd.DataFrame([{"article_id": "a1", "n_chars_clean": len(text)}])
    counts = actor_counts(mentions, articles, promoted)
    assert sorted(zip(counts.actor, counts.actor_type, counts["count"])) == [("Meta", "org", 1), ("Tom Rivers", "person", 1)]
    assert "Tom Rivers" in set(occ.candidate)  # still proposed for the registry


def test_an_unknown_name_written_three_times_counts_each_time_once_one_is_marked():
    sents, text = corpus_of("研究员Tom Rivers在博客中批评了这一决定。", "Tom Rivers说，开放权重不等于开源。",
                            "Tom Rivers的博客很受欢迎。")
    assert list(promoted_in(sents)[1].candidate) == ["Tom Rivers"] * 3


def test_no_promotion_without_titles_or_verbs():
    sents, _ = corpus_of("研究员Tom Rivers说，这是好事。")
    registry = load_registry()
    occ = unknown_occurrences(sents, find_mentions(sents, registry), registry)
    registry.discovery["promote_titles"], saved = (), registry.discovery["promote_titles"]
    verbs, registry.discovery["promote_verbs"] = registry.discovery["promote_verbs"], ()
    try:
        assert promoted_occurrences(occ, registry).empty
    finally:
        registry.discovery["promote_titles"], registry.discovery["promote_verbs"] = saved, verbs


def test_promoted_people_are_mentions_at_their_place_so_counts_trace_to_sentences():
    # the two marked occurrences of Tom Rivers become mention rows with their sentence and offsets
    sents, text = corpus_of("研究员Tom Rivers在博客中批评了这一决定。", "Tom Rivers说，开放权重不等于开源。",
                            "这个项目由Meta资助。")
    mentions, promoted = promoted_in(sents)
    rows = promoted_mentions(promoted, sents)
    assert [(r.sentence_id, r.surface, text[r.start:r.end]) for r in rows.itertuples()] == [
        (0, "Tom Rivers", "Tom Rivers"), (1, "Tom Rivers", "Tom Rivers")]
    both = with_promoted(mentions, rows)
    assert list(both.actor) == ["Tom Rivers", "Tom Rivers", "Meta"]
    articles = pd.DataFrame([{"article_id": "a1", "n_chars_clean": len(text)}])
    assert sorted(zip(actor_counts(both, articles).actor, actor_counts(both, articles)["count"])) == [
        ("Meta", 1), ("Tom Rivers", 2)]
