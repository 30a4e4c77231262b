"""Actors of unseen articles, session 12 (issue 16), as specifications: a Chinese sentence or short passage in, the
hand-worked mentions out. Every sentence is written for this file (the person, model and document names are invented);
none is copied from a corpus or a web page.

The rules are in lib/kaiyuan/data/ACTORS.md. These tests pin down
- the bare surname or given name of an unknown Latin full name that the article marks as a person counts under that
  full name (`discovery.promote_latin_short_forms`);
- an unknown model name written with a version counts under the name as written (`discovery.versioned_model_name:
  written`): Zeta-R1 stays Zeta-R1, not the family Zeta-R;
- a short title repeating the last words of a document title named earlier (《框架》 after 《…评估框架》, 《意见》 after
  《…的意见》) is the same document, except inside the bracket that introduces it (以下简称《意见》);
- a title that the noun next to it names as no document (题为《X》的演讲 "a speech", 电影《X》) is not counted; a title
  ending in a bracket (《…规划（2021—2025年）》) is typed by its last word before the bracket; 《X》这篇论文 frames a paper.
"""
from __future__ import annotations

import pytest

from kaiyuan.actors import (_document_rules, find_mentions, load_registry, promoted_mentions, promoted_occurrences,
                            sentence_documents, unknown_occurrences, with_documents)
from test_actors import corpus_of, found
from test_actors11 import _with, promoted


def documents(*sentences: str) -> list[tuple[str, str, str]]:
    """(actor, type, surface) of every document mention of a passage, in reading order."""
    registry = load_registry()
    df = corpus_of(*sentences)[0]
    m = with_documents(find_mentions(df, registry), df, registry)
    return [(a, t, s) for a, t, s in zip(m.actor, m.actor_type, m.surface) if t in ("other", "initiative")]


def titles(sentence: str) -> list[str]:
    """The titles one sentence counts as documents (their text between the marks)."""
    return [sentence[s + 1:e - 1] for s, e, _k in sentence_documents(sentence, _document_rules(load_registry()))]


# --------------------------------------------------------------------------- a Latin surname or given name alone

INTERVIEW = ("艾伦研究所研究员Darren Kowalski认为，开源模型追不上闭源模型。",
             "Kowalski表示，中国的开源生态走了另一条路。",
             "Darren补充说，后训练越来越难。")


def test_the_surname_and_the_given_name_count_under_the_full_name():
    assert promoted(*INTERVIEW) == [(0, "Darren Kowalski", "person", "Darren Kowalski"),
                                    (1, "Darren Kowalski", "person", "Kowalski"),
                                    (2, "Darren Kowalski", "person", "Darren")]


def test_surname_only_when_the_data_says_so():
    assert promoted(*INTERVIEW, promote_latin_short_forms=("last",)) == [
        (0, "Darren Kowalski", "person", "Darren Kowalski"), (1, "Darren Kowalski", "person", "Kowalski")]
    assert promoted(*INTERVIEW, promote_latin_short_forms=()) == [(0, "Darren Kowalski", "person", "Darren Kowalski")]


def test_a_surname_without_a_marked_full_name_is_nobody():
    # the full name is never marked as a person (no title before it, no speech verb after it)
    assert promoted("Darren Kowalski的博客很受欢迎。", "Kowalski表示，中国的开源生态走了另一条路。") == []


def test_a_surname_shared_by_two_full_names_is_left_alone():
    assert promoted("研究员Darren Kowalski认为开源会赢。", "工程师Maria Kowalski表示不同意。",
                    "Kowalski表示，这只是开始。") == [(0, "Darren Kowalski", "person", "Darren Kowalski"),
                                                  (1, "Maria Kowalski", "person", "Maria Kowalski")]


def test_a_word_of_a_registered_name_is_left_alone():
    # Mark is also Mark Zuckerberg's given name: the bare Mark may be either, so it is not counted; Ostrowski still is
    assert promoted("研究员Mark Ostrowski认为开源会赢。", "Mark补充说，这只是开始。", "Ostrowski表示同意。") == [
        (0, "Mark Ostrowski", "person", "Mark Ostrowski"), (2, "Mark Ostrowski", "person", "Ostrowski")]


# --------------------------------------------------------------------------- versioned unknown models as written

def test_a_versioned_unknown_model_keeps_its_written_name():
    assert promoted("研究团队发布了Zeta-R1项目。", "Zeta-R1复现了推理模型。") == [
        (0, "Zeta-R1", "model", "Zeta-R1"), (1, "Zeta-R1", "model", "Zeta-R1")]


def test_a_sized_name_keeps_its_size_and_its_bare_family_stays_bare():
    # evaluation maps each written name to the gold actor whose surfaces list it (Vidora-5B and Vidora: one model)
    assert promoted("研究团队发布视频模型Vidora-5B。", "Vidora支持六秒视频生成。") == [
        (0, "Vidora-5B", "model", "Vidora-5B"), (1, "Vidora", "model", "Vidora")]


def test_the_family_naming_is_still_available():
    assert promoted("研究团队发布了Zeta-R1项目。", versioned_model_name="family") == [(0, "Zeta-R", "model", "Zeta-R1")]


# --------------------------------------------------------------------------- a short title for an earlier title

def test_a_short_title_after_the_full_title_is_the_same_document():
    assert documents("该所发布《前沿模型安全评估框架》。", "根据《框架》，模型分为四级。") == [
        ("《前沿模型安全评估框架》", "initiative", "《前沿模型安全评估框架》"),
        ("《前沿模型安全评估框架》", "initiative", "《框架》")]


def test_the_abbreviation_in_brackets_is_part_of_the_full_mention():
    assert documents("工信部印发《关于推进智能体产业发展的指导意见》（以下简称《意见》）。", "《意见》提出三项任务。") == [
        ("《关于推进智能体产业发展的指导意见》", "initiative", "《关于推进智能体产业发展的指导意见》"),
        ("《关于推进智能体产业发展的指导意见》", "initiative", "《意见》")]


def test_a_short_title_before_any_full_title_is_no_document():
    assert documents("《意见》提出三项任务。", "工信部印发《关于推进智能体产业发展的指导意见》。") == [
        ("《关于推进智能体产业发展的指导意见》", "initiative", "《关于推进智能体产业发展的指导意见》")]


def test_a_title_that_merely_shares_a_word_is_not_the_short_form():
    # 《报告》 is not the end of 《…评估框架》
    assert documents("该所发布《前沿模型安全评估框架》。", "他在《报告》里写道。") == [
        ("《前沿模型安全评估框架》", "initiative", "《前沿模型安全评估框架》")]


# --------------------------------------------------------------------------- which titles are documents

@pytest.mark.parametrize("sentence, counted", [
    ("董事长在题为《让智能回到人间》的演讲中指出，开源是趋势。", []),          # a speech, not a document
    ("董事长发表题为《让智能回到人间》的主题演讲。", []),
    ("他在电影《星际计划》里看到了未来。", []),                              # a film whose title ends like a programme
    ("《星际计划》节目昨晚播出。", []),                                     # a show
    ("他发表了题为《让智能回到人间》的文章。", ["让智能回到人间"]),          # an article: a document
    ("发改委发布《智能算力发展规划（2026—2030年）》。", ["智能算力发展规划（2026—2030年）"]),  # a bracket at the end
    ("网信办公布《智能体服务管理办法（征求意见稿）》。", ["智能体服务管理办法（征求意见稿）"]),
    ("他最有名的是《Sparse Mixtures for Tiny Models》这篇论文。", ["Sparse Mixtures for Tiny Models"]),
    ("基金会发布了《开放模型定义》。", ["开放模型定义"]),                    # a definition
])
def test_which_titles_are_documents(sentence, counted):
    assert titles(sentence) == counted


def test_without_the_noun_list_the_speech_counts_again():
    registry = _with(load_registry(), document_not_nouns=())
    rules = _document_rules(registry)
    simp = "董事长在题为《让智能回到人间》的演讲中指出。"
    assert [simp[s + 1:e - 1] for s, e, _k in sentence_documents(simp, rules)] == ["让智能回到人间"]


# --------------------------------------------------------------------------- session-12 registry entries

@pytest.mark.parametrize("sentence, actors", [
    ("莱克斯·弗里德曼在播客里问：谁在赢？", ["Lex Fridman"]),
    ("Raschka表示，架构没有根本变化。", ["Sebastian Raschka"]),
    ("raschka这个词出现在网址里。", []),                                   # the bare surname is case-sensitive
    ("经济学家弗里德曼主张自由市场。", []),                                 # 弗里德曼 alone is not Lex Fridman
    ("一名员工告诉《智能涌现》，团队很紧张。", ["Intelligent Emergence"]),
    ("“人工智能+”的本质是智能涌现。", []),                                 # the words, not the outlet
    ("TBD Lab正在训练代号酪梨的新模型。", ["TBD Lab", "Avocado"]),
    ("早餐吃了一个酪梨。", []),
    ("Ai2推出OlmoTrace，把输出追溯到训练数据。", ["Allen Institute for AI", "OlmoTrace"]),
])
def test_session_12_registry_entries(sentence, actors):
    assert [a for a, _s, _v in found(sentence)] == actors
