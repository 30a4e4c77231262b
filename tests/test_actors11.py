"""Actors of unseen articles, session 11 (issue 16), as specifications: a Chinese sentence or short passage in, the
hand-worked mentions out. Every sentence is written for this file (the model, outlet and person names of the promotion
tests are invented); none is copied from a corpus or a web page.

The rules are in lib/kaiyuan/data/ACTORS.md. These tests pin down
- an unknown Latin model name written with its version or size counts as a model mention under its family
  (`discovery.promote_versioned_models`, `versioned_model_pattern`), and with "all" so do the article's bare
  occurrences of that family;
- an unknown Chinese name after a title ends where a common two-character word starts (`promote_next_word_min_freq`),
  and the officials' and academics' titles 总理/院士/… mark a person;
- a title in 《》 framed as an outlet (接受《X》采访, 据《X》报道) counts as an organisation under the title as written
  (`promote_title_frames`);
- the "session 11 (reg11)" registry changes: Time is not the English word in 测试时扩展(Test Time Scaling), the
  capitalised Minimax is MiniMax, 阶跃 is StepFun only beside the company or model words, 超智能实验室 is Meta's
  superintelligence lab, and the new entries read on real pages.
"""
from __future__ import annotations

import pytest

from kaiyuan.actors import (Registry, find_mentions, load_registry, promoted_mentions, promoted_occurrences,
                            unknown_occurrences, versioned_family)
from test_actors import corpus_of, found


def _with(registry, **discovery):
    return Registry(registry.actors, registry.alias_index, registry.settings, {**registry.discovery, **discovery},
                    registry.path)


def promoted(*sentences: str, **discovery) -> list[tuple[int, str, str, str]]:
    """(sentence_id, actor, actor_type, surface) of every promoted mention, in reading order."""
    registry = load_registry()
    if discovery:
        registry = _with(registry, **discovery)
    df = corpus_of(*sentences)[0]
    occ = unknown_occurrences(df, find_mentions(df, registry), registry)
    m = promoted_mentions(promoted_occurrences(occ, registry), df)
    return list(zip(m.sentence_id.astype(int), m.actor, m.actor_type, m.surface))


# --------------------------------------------------------------------------- versioned Latin model names

@pytest.mark.parametrize("candidate, family", [
    ("Vidora-5B", "Vidora"),                       # a size after a hyphen
    ("Vidora2-13B", "Vidora"),                     # a generation number glued on, then the size
    ("Rix-Coder-36B-Instruct", "Rix-Coder"),      # hyphen-joined name words stay in the family
    ("Polo-T1-32B-Preview", "Polo-T"),             # a letter series keeps its letter (as DeepSeek-R1 -> DeepSeek-R)
    ("Vidora3", "Vidora"),
    ("Nano 8B", ""),                               # a space before the number is no version
    ("3FS", ""),                                   # no family before the digits
    ("H200", ""),                                  # a one-letter family is a chip or series code
    ("Vidora", ""),                                # no version at all
])
def test_the_family_of_a_versioned_name(candidate, family):
    assert versioned_family(candidate, load_registry()) == family


PASSAGE = ("研究团队发布视频模型Vidora-5B和Vidora-2B。",
           "Vidora支持六秒视频生成。",
           "外界认为Vidora的开源将带动社区。")


def test_a_versioned_model_counts_under_its_family_and_so_do_its_bare_mentions():
    # family naming (session 12 made "written" the default: tests/test_actors12.py)
    assert promoted(*PASSAGE, versioned_model_name="family") == [(0, "Vidora", "model", "Vidora-5B"), (0, "Vidora", "model", "Vidora-2B"),
                                  (1, "Vidora", "model", "Vidora"), (2, "Vidora", "model", "Vidora")]


def test_marked_mode_counts_the_versioned_occurrences_only():
    assert promoted(*PASSAGE, promote_versioned_models="marked", versioned_model_name="family") == [(0, "Vidora", "model", "Vidora-5B"),
                                                                      (0, "Vidora", "model", "Vidora-2B")]


def test_a_bare_name_never_versioned_in_the_article_is_not_a_model():
    assert promoted("Vidora支持六秒视频生成。", "外界认为Vidora的开源将带动社区。") == []


def test_off_counts_none():
    assert promoted(*PASSAGE, promote_versioned_models="off") == []


def test_a_registered_family_is_a_registered_mention_not_a_promoted_one():
    assert promoted("阿里开源了Qwen2.5-72B。") == []
    assert [a for a, _s, _v in found("阿里开源了Qwen2.5-72B。")] == ["Alibaba", "Qwen"]


# --------------------------------------------------------------------------- titled Chinese names

def test_a_titled_name_ends_before_a_common_word():
    # 孙立军作为 "Sun Lijun, as ...": 作为 is a common word, so the name ends there
    assert promoted("国务院副总理孙立军作为特使出席峰会。") == [(0, "孙立军", "person", "孙立军")]
    # 首席科学家 + name + 提出 "put forward"
    assert promoted("实验室主任、首席科学家周海波提出新的路线。") == [(0, "周海波", "person", "周海波")]


def test_a_fragment_glued_to_a_rare_continuation_is_no_name():
    # jieba cuts the unseen 张立清 into 张立 + 清; 清作 is no word, so the piece 张立 is not marked by the title
    assert promoted("国务院副总理张立清作为特使出席峰会。") == []


def test_without_the_common_word_rule_the_name_before_zuowei_is_not_marked():
    # the rule is data: with it off, only the old followers (的, 在, 和, …) end a titled name
    assert promoted("国务院副总理孙立军作为特使出席峰会。", promote_next_word_min_freq=0) == []


def test_an_academician_is_a_person():
    assert promoted("中国科学院院士吴晓东，长期研究机器学习。") == [(0, "吴晓东", "person", "吴晓东")]
    # without 院士 among the titles the same sentence marks no one
    titles = tuple(t for t in load_registry().discovery["promote_titles"] if t != "院士")
    assert promoted("中国科学院院士吴晓东，长期研究机器学习。", promote_titles=titles) == []


# --------------------------------------------------------------------------- outlets named by a title in 《》

@pytest.mark.parametrize("sentence, outlet", [
    ("创始人去年接受《星海周刊》采访时说过这番话。", "《星海周刊》"),      # interviewed by
    ("他接受美国《星海周刊》杂志访问时说。", "《星海周刊》"),              # a place word and 杂志 between
    ("据《星海周刊》报道，两家公司已经谈判数月。", "《星海周刊》"),        # cited as a source
    ("《星海周刊》援引知情人士的话说，谈判已经结束。", "《星海周刊》"),
])
def test_a_title_framed_as_an_outlet_is_an_organisation(sentence, outlet):
    assert promoted(sentence) == [(0, outlet, "org", outlet[1:-1])]


@pytest.mark.parametrize("sentence", [
    "他发表了题为《开放之路》的长文。",                 # a post
    "白宫发布《赢得未来：数据中心计划》。",             # a programme: left to the discovery table
])
def test_other_titles_are_not_outlets(sentence):
    assert [a for _i, a, _t, _s in promoted(sentence) if a.startswith("《")] == []


# --------------------------------------------------------------------------- registry, session 11

def test_time_is_not_the_english_word():
    assert found("英伟达称，对方使用测试时扩展(Test Time Scaling)技术创建新模型。") == [("Nvidia", "英伟达", "")]
    assert found("系统支持 real time 推理。") == []
    assert found("美国 Time 杂志报道称，两家公司已经和解。") == [("Time", "Time", "")]


def test_the_capitalised_minimax_is_the_company():
    assert found("阿里Qwen和月之暗面、Minimax等新势力纷纷开源。") == [
        ("Alibaba", "阿里", ""), ("Qwen", "Qwen", ""), ("Moonshot AI", "月之暗面", ""), ("MiniMax", "Minimax", "")]
    assert found("博弈论里的 minimax 算法。") == []


def test_the_short_stepfun_needs_the_company_or_model_words():
    assert found("阶跃星辰发布新模型。", "阶跃计划开源最新的多模态推理模型。") == [
        ("StepFun", "阶跃星辰", ""), ("StepFun", "阶跃", "")]
    assert found("这是一个阶跃函数。") == []
    assert found("销量出现阶跃式增长。") == []


def test_a_short_form_of_the_superintelligence_lab():
    assert found("扎克伯格围绕他组建了全新的“超智能实验室”。") == [
        ("Mark Zuckerberg", "扎克伯格", ""), ("Meta Superintelligence Labs", "超智能实验室", "")]


def test_the_new_entries_of_session_11():
    assert found("中国工程院院士郑纬民认为，国产芯片的生态是关键。") == [
        ("Chinese Academy of Engineering", "中国工程院", ""), ("Zheng Weimin", "郑纬民", "")]
    assert found("爱彼迎首席执行官布莱恩·切斯基说，客服系统依赖阿里的Qwen。", "切斯基还说它便宜。") == [
        ("Airbnb", "爱彼迎", ""), ("Brian Chesky", "布莱恩·切斯基", ""), ("Alibaba", "阿里", ""), ("Qwen", "Qwen", ""),
        ("Brian Chesky", "切斯基", "")]
