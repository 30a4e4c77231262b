"""Session 13 (issue 17): stance relevance terms come from the registry the run uses.

`meta_openness` takes the names of Meta, Llama and their people from the actor registry
(`registry_actors` in stance_cues.yaml). A researcher who runs with `--registry` expects those names from
their own file, not from the packaged actors.yaml.
"""
import pandas as pd
import pytest

from kaiyuan import stance

# A user's registry: Meta also written 美塔 (a transliteration the packaged registry does not hold), and no
# entry for Zuckerberg, LeCun or Clegg (a registry that lacks an actor gives it no terms, and no error).
USER_REGISTRY = """\
actors:
  - name: Meta
    name_zh: Meta
    type: org
    aliases: [Meta, 美塔]
  - name: Llama
    name_zh: Llama
    type: model
    parent: Meta
    aliases: [Llama]
"""

# one sentence per article, so the relevance window (one sentence) cannot carry a name across
SENTENCES = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0],
                          "text": ["美塔开源了新模型。", "扎克伯格说开源更好。"]})  # "Meta open-sourced a new model." / "Zuckerberg says open source is better."
SENTENCES["text_simplified"] = SENTENCES["text"]


@pytest.fixture()
def user_registry(tmp_path):
    path = tmp_path / "my_actors.yaml"
    path.write_text(USER_REGISTRY, encoding="utf-8")
    return str(path)


def _meta_relevant(rows: pd.DataFrame) -> list:
    return rows[rows["target"] == "meta_openness"].sort_values("article_id")["relevant"].tolist()


def test_packaged_registry_names_zuckerberg_not_the_user_spelling():
    assert stance.relevance(SENTENCES)["meta_openness"].tolist() == [False, True]


def test_relevance_terms_come_from_the_run_registry(user_registry):
    cues = stance.load_cues(registry=user_registry)
    assert stance.relevance(SENTENCES, cues)["meta_openness"].tolist() == [True, False]


def test_predict_and_held_out_use_the_run_registry(user_registry):
    assert _meta_relevant(stance.predict(SENTENCES, registry=user_registry)) == [True, False]
    assert _meta_relevant(stance.predict(SENTENCES)) == [False, True]
    rows, _ = stance.predict_held_out(SENTENCES, registry=user_registry)
    assert _meta_relevant(rows) == [True, False]


def test_voice_rule_names_come_from_the_run_registry(user_registry):
    voice = stance.load_cues(registry=user_registry)["targets"]["meta_openness"]["voice"]
    assert "扎克伯格" not in voice["names"] and "meta发言人" in voice["names"]
    assert "扎克伯格" in stance.load_cues()["targets"]["meta_openness"]["voice"]["names"]


def test_an_edited_registry_is_read_again(user_registry, tmp_path):
    import os

    assert stance.relevance(SENTENCES, stance.load_cues(registry=user_registry))["meta_openness"].tolist() == [True, False]
    path = tmp_path / "my_actors.yaml"
    path.write_text(USER_REGISTRY.replace("[Meta, 美塔]", "[Meta]"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert stance.relevance(SENTENCES, stance.load_cues(registry=user_registry))["meta_openness"].tolist() == [False, False]
