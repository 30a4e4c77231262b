"""Quotes and speakers, session 13 (issue 16): classes found on a sample of real Chinese news pages (62 quotes, 21 pages,
hand-read) and on dev, each as a sentence written for this test, in, and the hand-worked speaker out (evaluation/README,
annotation rules Q1 issuers speak, Q2 unnamed speakers, ADJUDICATION clarification 14: published figures speak for their
publisher). Mentions are made by hand (see test_quotes). The scorer's unnamed-speaker equivalence is specified last."""
from __future__ import annotations

import pytest

from kaiyuan.evaluate import same_unnamed
from test_quotes_speakers12 import run, speakers

PEOPLE = [("OpenAI", "OpenAI", "org"), ("Meta", "Meta", "org"), ("奥特曼", "Sam Altman", "person"),
          ("扎克伯格", "Mark Zuckerberg", "person"), ("特朗普", "Donald Trump", "person"), ("白宫", "White House", "org")]


# ---------------------------------------------------------------- the scorer: unnamed wordings of one source agree
@pytest.mark.parametrize("gold_speaker, got, right", [
    ("unnamed informed sources", "unnamed people familiar with the matter", True),   # 知情人士, two translations
    ("unnamed person close to OpenAI", "unnamed sources", True),                      # 接近OpenAI的人士 / 消息人士
    ("unnamed source", "unnamed people familiar with the matter", True),              # 据悉 / 知情人士
    ("unnamed open-source critics", "unnamed sources", False),  # "open-source" is a modifier, not a source
    ("unnamed industry insiders", "unnamed people familiar with the matter", False),  # 业内人士 is not 知情人士
    ("unnamed person close to OpenAI", "OpenAI", False),        # a named organisation is not the unnamed insider
    ("unnamed media reports", "unnamed reports", True),         # the shared noun still pairs
])
def test_unnamed_wordings_of_one_source_agree(gold_speaker, got, right):
    assert same_unnamed(gold_speaker, got) is right
