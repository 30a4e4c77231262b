"""Actor recall and precision on unseen articles, session 10, as specifications: a Chinese sentence or short passage
in, the hand-worked mentions out. Every sentence is written for this file; none is copied from a corpus or a web page.

The rules are in lib/kaiyuan/data/ACTORS.md. These tests pin down
- a removed photo caption that names a person in full identifies them for the article (a later short form that needs
  an earlier full mention counts), while the caption itself is not counted;
"""
from __future__ import annotations

import pandas as pd
import pytest

from kaiyuan.actors import find_mentions, identified_by_removed, load_registry
from kaiyuan.corpus import load_corpus
from test_actors import corpus_of


# --------------------------------------------------------------------------- a removed caption identifies, never counts

def _caption(text: str, reason: str = "photo_credit") -> pd.DataFrame:
    return pd.DataFrame([{"article_id": "a1", "line_no": 3, "text": text, "reason": reason}])


BODY = ("门施在发布会上说，新模型擅长数学。", "门施还表示，公司会继续开放权重。")


def test_a_caption_full_name_lets_the_later_short_form_count():
    registry = load_registry()
    identified = identified_by_removed(_caption("▲Mistral AI首席执行官门施（Arthur Mensch）。（资料照）"), registry)
    assert identified == {"a1": ["Arthur Mensch", "Mistral AI"]}
    m = find_mentions(corpus_of(*BODY)[0], registry, identified)
    # two body mentions; the caption's own names are not mentions
    assert list(zip(m.actor, m.surface)) == [("Arthur Mensch", "门施"), ("Arthur Mensch", "门施")]


def test_without_the_caption_the_short_form_alone_is_not_enough():
    registry = load_registry()
    assert find_mentions(corpus_of(*BODY)[0], registry).empty
    assert find_mentions(corpus_of(*BODY)[0], registry, {"a2": ["Arthur Mensch"]}).empty  # another article's caption


@pytest.mark.parametrize("reason", ["related_links", "ad", "byline"])
def test_other_removed_lines_do_not_identify(reason):
    # a related-reading headline or an ad naming 门施 is about another story
    assert identified_by_removed(_caption("延伸阅读：门施（Arthur Mensch）谈欧洲AI", reason), load_registry()) == {}


def test_the_corpus_removes_the_caption_and_it_identifies(tmp_path):
    (tmp_path / "a1.txt").write_text(
        "欧洲AI新贵再融资\n\n▲Mistral AI联合创始人兼首席执行官门施（Arthur Mensch）。（路透社档案照）\n\n"
        "法国人工智能公司Mistral AI周二宣布完成新一轮融资。门施表示，这笔钱将用于扩充算力。\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert "Arthur Mensch" not in "".join(corpus.sentences.text)   # the caption is junk, not body
    registry = load_registry()
    identified = identified_by_removed(corpus.removed, registry)
    m = find_mentions(corpus.sentences, registry, identified)
    assert m.actor.value_counts().to_dict() == {"Mistral AI": 1, "Arthur Mensch": 1}
