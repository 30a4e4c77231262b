"""Documents named by their title as actors, session 11 (issue 16), as specifications: a Chinese sentence in, the
hand-worked mentions out. Every sentence is written for this file (the titles are invented); none is copied from a
corpus or a web page.

The rule (evaluation/README, Actors; ADJUDICATION "Session 11" D1; lib/kaiyuan/data/ACTORS.md): a document named by
its title is one mention under the title as written, marks included, typed other (papers, letters, posts, reports,
books, policies) or initiative (laws, orders, programmes, statements). A name inside the title is not counted again.
A generic word for a document (使用政策, 这封信, a bare 《框架》) is no mention. A title counts when its last word names
a kind of document (`discovery.document_title_heads`), when a frame marks it (`document_title_frames`: 题为《X》,
论文《X》, 《X》一书), or when it is listed right after such a title. Films, programmes and songs are not documents.
Registered titles (laws, outlets) stay with the registry, and a title glossing a registered name is that name.
"""
from __future__ import annotations

import pytest

from kaiyuan.actors import Registry, find_mentions, load_registry, with_documents
from test_actors import corpus_of


def _with(registry, **discovery):
    return Registry(registry.actors, registry.alias_index, registry.settings, {**registry.discovery, **discovery},
                    registry.path)


def mentions(*sentences: str, **discovery) -> list[tuple[str, str, str]]:
    """(actor, actor_type, surface) of every mention, documents included, in reading order."""
    registry = load_registry()
    if discovery:
        registry = _with(registry, **discovery)
    df = corpus_of(*sentences)[0]
    m = with_documents(find_mentions(df, registry), df, registry)
    return list(m[["actor", "actor_type", "surface"]].itertuples(index=False, name=None))


def documents(*sentences: str, **discovery) -> list[tuple[str, str]]:
    """(actor, actor_type) of the documents only."""
    return [(a, t) for a, t, s in mentions(*sentences, **discovery)
            if t in ("other", "initiative") and (s[:1] in "《〈" or s.endswith("使用政策"))]


# --------------------------------------------------------------------------- what counts

@pytest.mark.parametrize("sentence, expected", [
    # a frame before the title: an open letter, a paper, a blog post, a count word
    ("他当天发表题为《开放才是出路》的公开信。", [("《开放才是出路》", "other")]),
    ("研究人员随后公布论文《小模型的推理能力》，引起关注。", [("《小模型的推理能力》", "other")]),
    ("团队又发了一篇《推理集群设计概览》，公开成本。", [("《推理集群设计概览》", "other")]),
    # a frame after the title: a book
    ("他在《机器的边界》一书中写道，智能没有尽头。", [("《机器的边界》", "other")]),
    # the title's own last word names the kind of document: a bill, a statement, a report
    ("两名参议员提出《人工智能芯片出口审查法案》。", [("《人工智能芯片出口审查法案》", "initiative")]),
    ("三十家机构签署《关于开放模型安全的联合声明》。", [("《关于开放模型安全的联合声明》", "initiative")]),
    ("《Open Weights Safety Report》里这样写道。", [("《Open Weights Safety Report》", "other")]),
    # Taiwan and Hong Kong press mark an article's title with 〈〉; an English title runs longer than a Chinese one
    # (named without those marks, as the gold writes it)
    ("他上月發表長文〈Why Open Weights Matter for Security〉，力陳己見。",
     [("Why Open Weights Matter for Security", "other")]),
    # a list of titles after one frame: each is a document
    ("总统签署两项行政令：《加快算力审批》和《保护未成年人上网》。",
     [("《加快算力审批》", "initiative"), ("《保护未成年人上网》", "initiative")]),
])
def test_a_document_named_by_its_title_is_one_mention(sentence, expected):
    assert documents(sentence) == expected


def test_a_name_inside_the_title_is_not_counted_again():
    # the Llama inside the paper's title goes with the title; the Llama of the next sentence counts
    got = mentions("Meta同日发布论文《Llama 3：更开放的基础模型》。", "Llama 3支持八种语言。")
    assert ("《Llama 3：更开放的基础模型》", "other", "《Llama 3：更开放的基础模型》") in got
    assert [a for a, _t, _s in got].count("Llama") == 1


def test_a_use_policy_named_by_its_title_counts_and_the_generic_word_does_not():
    assert documents("用户须遵守Meta的可接受使用政策。") == [("可接受使用政策", "other")]
    assert documents("谷歌的禁止使用政策列出十类用途。") == [("禁止使用政策", "other")]
    assert documents("只靠使用政策约束不了滥用。") == []


# --------------------------------------------------------------------------- what does not count

@pytest.mark.parametrize("sentence", [
    "电视剧《未来已来》昨晚在卫视播出。",          # a TV drama: no document mark
    "他主演的电影《最后的机器》票房不佳。",          # a film
    "《框架》提出三项原则。",                        # a short title that is only the head word
    "这本教材第七章讲《排序算法》。",                # …算法 "algorithm" merely ends like a law (法)
    "这封信只有两页。",                              # a generic word for a letter
])
def test_titles_that_are_no_documents_are_not_counted(sentence):
    assert documents(sentence) == []


def test_a_registered_title_and_an_outlet_stay_with_the_registry():
    got = mentions("欧盟《人工智能法》已于去年生效。", "据《财富》杂志报道，交易已经完成。")
    assert [(a, t) for a, t, _s in got] == [("EU AI Act", "initiative"), ("Fortune", "org")]


def test_a_title_glossing_a_registered_name_is_that_name():
    got = mentions("加州SB 1047，即《前沿模型安全创新法案》，引发争议。")
    assert [a for a, _t, _s in got] == ["SB 1047"]


def test_the_rule_is_data():
    sentence = "两名参议员提出《人工智能芯片出口审查法案》。"
    assert documents(sentence, document_title_heads={}, document_title_frames={}) == []


def test_title_marks_must_be_pairs():
    import yaml

    from kaiyuan.actors import DEFAULT_REGISTRY, RegistryError, build_registry
    data = yaml.safe_load(open(DEFAULT_REGISTRY, encoding="utf-8"))
    data["discovery"]["document_title_marks"] = ["《"]
    with pytest.raises(RegistryError, match="document_title_marks"):
        build_registry(data)
