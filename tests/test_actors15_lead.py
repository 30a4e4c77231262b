"""Session 15 (lead, issue 16): a company's bare short form beside model or finance words (蚂蚁 for Ant Group, as
real pages write 蚂蚁开源… / 蚂蚁技术报告), never the insect in an idiom; model teams named after their product
(百灵团队 "the Ling team", 通义万相团队 "the Wan team") are their own actors, the parent written directly before them
part of the name (ADJUDICATION Session 15)."""
from actor_frames import mentions  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _actors(texts: list) -> list:
    return [a for a, _s in mentions(texts, REG)]


def test_the_bare_short_form_of_ant_group_beside_model_words_is_ant_group():
    # "Ant open-sources a trillion-parameter language model"; "Ant's technical report says ..."
    assert _actors(["蚂蚁开源万亿参数语言模型Ling-1T。"]) == ["Ant Group", "Ling"]
    assert _actors(["蚂蚁在技术报告里写道，训练效率提升了15%。"]) == ["Ant Group"]


def test_the_insect_in_an_idiom_or_without_model_words_is_no_actor():
    # "like ants on a hot pan"; "ants moving house before the rain"
    assert _actors(["投资者像热锅上的蚂蚁一样焦虑。"]) == []
    assert _actors(["下雨前蚂蚁搬家。"]) == []


def test_a_model_team_named_after_its_product_is_its_own_actor():
    # "Ant Group's Ling model team released a technical report" -> the team only (its parent is part of its name)
    assert _actors(["蚂蚁集团百灵大模型团队发布了技术报告。"]) == ["Ling Team"]
    # "according to the Ling team" ; "Alibaba's Tongyi Wanxiang team"
    assert _actors(["据百灵团队介绍，架构经过大量实验。"]) == ["Ling Team"]
    assert _actors(["阿里巴巴通义万相团队开源了视频模型。"]) == ["Wan Team"]
