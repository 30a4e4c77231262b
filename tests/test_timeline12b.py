"""Session 12, round 2 (issue 18): classes found on dev's d58-d63 and on real pages.

Each case is a short passage (one string per sentence) written for these tests, with a publication date in and the
hand-worked interval out.  The classes are in lib/kaiyuan/data/TIMELINE.md (speech dates)."""
import pytest


@pytest.fixture
def resolved(resolved_last):
    """expression -> (start, end, anchor) for a passage of one article (conftest.resolved_last)."""
    return resolved_last


# ---------------------------------------------------------------- a closed quote is a label, not a speech

def test_a_label_in_quote_marks_does_not_make_a_speech_date(resolved):
    got = resolved(["这家研究所去年11月推出的旧模型，当时已标榜「完全开放」，但在推理模型成为主流的今年，外界一直在等它。"],
                   "2025-11-24")
    assert got["今年"] == ("2025-01-01", "2025-12-31", "publication")


def test_a_scare_quote_before_a_deictic_word_leaves_it_on_publication(resolved):
    got = resolved(["这家公司上月3日把新模型定位为“最强开源模型”，本周又发布了一个小版本。"], "2025-06-18")
    assert got["本周"] == ("2025-06-16", "2025-06-22", "publication")


def test_a_word_inside_a_quote_still_counts_from_the_speech_date(resolved):
    got = resolved(["上周一（11日），马斯克发帖预告：「本周，xAI将开源Grok。」"], "2024-03-19")
    assert got["本周"] == ("2024-03-11", "2024-03-17", "previous")
