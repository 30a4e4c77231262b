"""Actor frequency, as specifications: a Chinese sentence in, the hand-worked answer out.

Counting rules are documented in lib/kaiyuan/data/ACTORS.md; the registry is lib/kaiyuan/data/actors.yaml.
"""
from __future__ import annotations

import csv
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaiyuan.actors import (
    COOCCURRENCE_COLUMNS, COUNT_COLUMNS, DISCOVERY_COLUMNS, MENTION_COLUMNS, RegistryError, actor_counts,
    build_registry, cooccurrence, discover_unknown, find_mentions, jieba_userdict, load_registry, normalise,
    registry_snippet, roll_up, segmenter, to_simplified,
)

try:  # the hand-count test needs the corpus module (written in parallel); everything else does not
    from kaiyuan.corpus import load_corpus
except ImportError:  # pragma: no cover - only before integration
    load_corpus = None

REPO = Path(__file__).resolve().parents[1]
HAND_COUNTS = REPO / "tests" / "data" / "actor_hand_counts.csv"


# --------------------------------------------------------------------------- helpers

def corpus_of(*sentences: str, article_id: str = "a1") -> tuple[pd.DataFrame, str]:
    """A CONTRACT sentences frame for one article whose clean text is the sentences joined by newlines."""
    rows, pos = [], 0
    for i, text in enumerate(sentences):
        rows.append({"article_id": article_id, "sentence_id": i, "start": pos, "end": pos + len(text),
                     "text": text, "text_simplified": to_simplified(text), "kind": "body"})
        pos += len(text) + 1
    return pd.DataFrame(rows), "\n".join(sentences)


def found(*sentences: str) -> list[tuple[str, str, str]]:
    """(actor, surface, version) of every mention, in reading order."""
    m = find_mentions(corpus_of(*sentences)[0], load_registry())
    return list(m[["actor", "surface", "version"]].itertuples(index=False, name=None))


def actors_in(*sentences: str) -> list[str]:
    """Actor names of every mention, in reading order."""
    return [a for a, _, _ in found(*sentences)]


# --------------------------------------------------------------------------- one name, one mention

def test_full_chinese_name_with_interpunct_is_one_mention():
    # 扎克伯格 inside 马克·扎克伯格 must not be counted a second time
    assert found("Meta首席执行官马克·扎克伯格表示，开源更安全。") == [
        ("Meta", "Meta", ""), ("Mark Zuckerberg", "马克·扎克伯格", "")]


def test_taiwan_traditional_form_keeps_traditional_surface():
    assert found("馬克·祖克柏週三表示，將繼續開源。") == [("Mark Zuckerberg", "馬克·祖克柏", "")]


def test_hong_kong_transliteration():
    assert actors_in("朱克伯格承認，Meta的開源策略有商業考量。") == ["Mark Zuckerberg", "Meta"]


@pytest.mark.parametrize("name", ["马克·扎克伯格", "马克・扎克伯格", "马克•扎克伯格", "马克‧扎克伯格",
                                  "马克 扎克伯格", "马克扎克伯格"])
def test_name_separator_variants(name):
    assert found(f"{name}在财报电话会上发言。") == [("Mark Zuckerberg", name, "")]


def test_legal_name_with_suffix_is_one_meta_mention():
    assert found("Meta Platforms Inc. 的首席執行官已經花費了數十億美元。") == [
        ("Meta", "Meta Platforms Inc.", "")]


def test_parenthetical_gloss_counts_once():
    # "英伟达(Nvidia)": the gloss repeats the same actor, so one mention spanning both
    assert found("需要说明的是,英伟达(Nvidia)也不是人工智能联盟的成员。") == [
        ("Nvidia", "英伟达(Nvidia)", ""), ("AI Alliance", "人工智能联盟", "")]


def test_lone_latin_surname_and_leCun():
    assert actors_in("Meta的首席人工智能科学家Yann LeCun说。LeCun的观点是有道理的。") == [
        "Meta", "Yann LeCun", "Yann LeCun"]


# --------------------------------------------------------------------------- things that are NOT actors

def test_metaverse_is_not_meta():
    assert found("Metaverse 是他押注的下一个平台。") == []


def test_lowercase_meta_is_not_the_company():
    assert found("这是一项 meta-analysis 研究。") == []


def test_ai_alone_is_nothing():
    assert found("AI 将改变一切，人工智能无处不在。") == []


def test_open_ai_concept_is_not_openai():
    # seed 001: 开放 AI is the concept "open AI"; only the company name counts
    assert found("越来越多的研究人员开始支持开放 AI(不要与 ChatGPT 背后的秘密公司 OpenAI 混淆)。") == [
        ("ChatGPT", "ChatGPT", ""), ("OpenAI", "OpenAI", "")]
    assert found("从开放人工智能中受益需要重新定义开源。") == []


def test_camel_in_book_title_brackets_is_llama_2():
    # machine translation rendered "Llama 2" as the animal and put it in 《》
    assert found("没有比《骆驼 2》更好地说明这种紧张局势的了。") == [("Llama", "骆驼 2", "2")]


def test_camel_in_the_desert_is_nothing():
    assert found("沙漠里的骆驼走得很慢。") == []


def test_camel_with_model_context_is_llama():
    assert actors_in("Meta 的骆驼模型已经开放下载。") == ["Meta", "Llama"]


def test_apple_company_vs_fruit():
    assert actors_in("与此同时，苹果最近通过推出Vision Pro头戴设备验证了他的投注。") == ["Apple", "Vision Pro"]
    assert found("他每天早上吃一个苹果。") == []
    assert found("苹果汁卖得很好，苹果公司却不卖果汁。") == [("Apple", "苹果公司", "")]


def test_gemini_model_vs_constellation():
    assert actors_in("谷歌发布了双子座大模型。") == ["Google", "Gemini"]
    assert found("双子座的星座运势今天不错。") == []


def test_information_outlet_only_inside_book_title_brackets():
    assert found("據 《信息》報道，他曾親自發送工作邀請。") == [("The Information", "信息", "")]
    assert found("信息共享将帮助社区更快地创新。") == []


def test_surname_alone_needs_earlier_full_name_in_the_article():
    assert found("艾哈迈德说，这塑造了研究方向。") == []
    assert actors_in("麻省理工学院斯隆管理学院的努尔·艾哈迈德告诉我。", "艾哈迈德说，这塑造了研究方向。") == [
        "MIT Sloan", "Nur Ahmed", "Nur Ahmed"]


def test_federal_government_of_another_country_is_not_the_us():
    assert actors_in("联邦政府已计划建立国家人工智能研究资源。") == ["US federal government", "NAIRR"]
    assert found("德国联邦政府宣布了新的补贴。") == []


# --------------------------------------------------------------------------- models: family and version

@pytest.mark.parametrize("sentence, actor, surface, version", [
    ("当上个月推出LLaMA 3时,该系统立即进入排名。", "Llama", "LLaMA 3", "3"),
    ("去年发布的 Llama 2 是一个大型语言模型。", "Llama", "Llama 2", "2"),
    ("Meta 发布了 Llama-3 的许可协议。", "Llama", "Llama-3", "3"),
    ("Llama 3.1 支持更长的上下文。", "Llama", "Llama 3.1", "3.1"),
    ("就在OpenAI發佈GPT-4之前。", "GPT", "GPT-4", "4"),
    ("谷歌Gemini和PaLM 2模型也沒有開源。", "PaLM", "PaLM 2", "2"),
    ("GPT-4o 的语音功能。", "GPT", "GPT-4o", "4o"),
    ("LLaMA 7B 是最小的版本。", "Llama", "LLaMA", ""),
    ("Llama 的大部分开发流程都是秘密的。", "Llama", "Llama", ""),
])
def test_model_family_and_version(sentence, actor, surface, version):
    hits = [h for h in found(sentence) if h[0] == actor]
    assert hits == [(actor, surface, version)]


def test_model_names_inside_other_names_are_not_the_model():
    assert actors_in("LangChain和LlamaIndex也是AI Alliance的创始成员。") == [
        "LangChain", "LlamaIndex", "AI Alliance"]
    assert actors_in("ChatGPT 不是 GPT 家族之外的东西。") == ["ChatGPT", "GPT"]


# --------------------------------------------------------------------------- spelling variants (round 2)

@pytest.mark.parametrize("sentence, surface", [
    ("亚历山大 · 王出任首席AI官。", "亚历山大 · 王"),        # spaced interpunct (generated, not listed)
    ("马克 ·扎克伯格宣布重组。", "马克 ·扎克伯格"),          # space on one side only
    ("亞歷山大．汪表示，團隊會保持精簡。", "亞歷山大．汪"),    # full-width stop used as the name dot (TW/HK)
    ("馬克・祖克柏宣布。", "馬克・祖克柏"),                  # katakana middle dot
])
def test_interpunct_and_full_width_stop_variants(sentence, surface):
    assert found(sentence)[0][1] == surface


def test_full_width_stop_between_digits_stays_a_version():
    assert found("Llama ３．１ 支持八种语言。") == [("Llama", "Llama ３．１", "3.1")]  # version column is NFKC-folded


def test_lowercase_meta_is_the_company_outside_urls_and_compounds():
    assert found("发帖者自称因不满 meta 的测试手法而辞职。") == [("Meta", "meta", "")]
    assert found("这是一项 meta-analysis 研究，没有用 meta标签。") == []


def test_names_inside_web_addresses_are_not_mentions():
    assert found("原文见 https://www.facebook.com/meta 与 huggingface.co/meta-llama 。") == []
    # a web address that is itself a registered name still counts (the site Llama.com)
    assert actors_in("模型可在 Llama.com 下载。") == ["Llama.com"]


@pytest.mark.parametrize("sentence, surface, version", [
    ("阿里发布Qwen2.5-72B。", "Qwen2.5-72B", "2.5-72B"),
    ("OpenAI发布gpt-oss-120b。", "gpt-oss-120b", "120b"),
    ("Meta推出Llama-4-Scout。", "Llama-4-Scout", "4-Scout"),
    ("月之暗面开源Kimi-K2-Instruct。", "Kimi-K2-Instruct", "K2-Instruct"),
    ("Llama 3.1 405B 是最大的版本。", "Llama 3.1 405B", "3.1 405B"),      # space + parameter size after a version
    ("Llama 4 Maverick 的排名引发争议。", "Llama 4 Maverick", "4 Maverick"),  # space + a version word
])
def test_model_variant_tail_is_kept_whole_with_the_family_as_actor(sentence, surface, version):
    hits = [h for h in found(sentence) if h[1] == surface]
    assert len(hits) == 1 and hits[0][2] == version
    assert len(find_mentions(corpus_of(sentence)[0])) == len(found(sentence))


def test_require_version_needs_a_number():
    assert actors_in("阶跃星辰发布Step-2模型。") == ["StepFun", "Step"]
    assert actors_in("这是一份 Step-by-step 教程。") == []


def test_one_letter_platform_x_only_in_platform_context():
    assert found("奥尔特曼在 X 上宣布推迟发布。") == [("Sam Altman", "奥尔特曼", ""), ("X", "X", "")]
    assert found("马斯克在X平台发帖。") == [("Elon Musk", "马斯克", ""), ("X", "X平台", "")]
    assert actors_in("医生看了X光片。") == []


def test_one_letter_alias_needs_a_case_sensitive_required_context():
    with pytest.raises(RegistryError, match="shorter than 2"):
        build_registry({"actors": [_actor("Acme", aliases=["Q"], context=[{"case_sensitive": True}])]})
    reg = build_registry({"actors": [_actor("Acme", aliases=["Q"], context=[
        {"case_sensitive": True, "require_any_nearby": ["平台"]}])]})
    assert "q" in reg.alias_index


def test_photo_credit_is_not_a_mention_but_a_cited_source_is():
    assert actors_in("图片来源：路透社") == []
    assert actors_in("（图／美联社）扎克伯格在发布会上。") == ["Mark Zuckerberg"]
    assert actors_in("据路透社报道，Meta 正在讨论闭源。") == ["Reuters", "Meta"]


def test_company_vs_its_assistant():
    assert actors_in("Meta AI助手已进驻WhatsApp。") == ["Meta AI", "WhatsApp"]
    assert actors_in("Meta AI 研究部门发表论文。") == ["Meta"]


def test_llama_4_variant_next_to_a_model_word():
    assert actors_in("曾讨论放弃公司最强大的开源模型Behemoth。") == ["Llama"]
    assert actors_in("童子军 Scout 活动。") == []


def test_apple_after_the_company_was_named():
    assert actors_in("苹果公司发布OpenELM。", "苹果研究团队在论文中指出。") == ["Apple", "OpenELM", "Apple"]
    assert actors_in("他吃了一个苹果。") == []


def test_united_nations_is_not_joint_with_the_state():
    assert actors_in("国家网信办联合国家发展改革委公布办法。") == [
        "Cyberspace Administration of China", "National Development and Reform Commission"]
    assert actors_in("联合国秘书长呼吁监管人工智能。") == ["United Nations"]


def test_library_name_in_an_install_command_is_not_a_mention():
    assert actors_in("pip install -U diffusers") == []
    assert actors_in("transformers 的正式支持会在下一个版本到来。") == ["Transformers"]


# --------------------------------------------------------------------------- Facebook the app vs Meta the company

def test_facebook_app_vs_meta_company():
    registry = load_registry()
    assert found("他在Facebook上发帖宣布了这个消息。") == [("Facebook", "Facebook", "")]
    assert registry["Facebook"].type == "other" and registry["Facebook"].parent == "Meta"
    # the pre-2021 company name is Meta
    assert found("Facebook公司宣布更名为Meta。") == [("Meta", "Facebook公司", ""), ("Meta", "Meta", "")]
    assert actors_in("Meta 是 Facebook、Instagram、WhatsApp 和 Threads 的巨头。") == [
        "Meta", "Facebook", "Instagram", "WhatsApp", "Threads"]


def test_owner_plus_product_counts_both_but_official_unit_names_count_once():
    assert actors_in("与 Microsoft Windows 和 Office 等专有软件相比。") == ["Microsoft", "Windows", "Office"]
    assert actors_in("他曾親自給谷歌DeepMind的研究人員發送郵件。") == ["Google DeepMind"]
    assert load_registry().ancestors("Google DeepMind") == ["Google", "Alphabet"]


# --------------------------------------------------------------------------- offsets and output shape

def test_offsets_index_the_clean_text():
    sents, clean = corpus_of("Meta和IBM成立了一项人工智能联盟。", "馬克·祖克柏說，LLaMA 3 免費。",
                             "英伟达(Nvidia)也不是成员。")
    m = find_mentions(sents, load_registry())
    assert list(m.columns) == MENTION_COLUMNS
    assert all(clean[r.start:r.end] == r.surface for r in m.itertuples())
    assert list(m["start"]) == sorted(m["start"])
    assert list(m["sentence_id"]) == [0, 0, 0, 1, 1, 2]


def test_empty_input_gives_empty_frame_with_columns():
    m = find_mentions(corpus_of("今天天气很好。")[0], load_registry())
    assert list(m.columns) == MENTION_COLUMNS and m.empty


_ALIASES = ["马克·扎克伯格", "扎克伯格", "Meta", "Meta Platforms Inc.", "《骆驼 2》", "LLaMA 3", "OpenAI", "开放 AI",
            "英伟达(Nvidia)", "谷歌DeepMind", "苹果", "Hugging Face", "斯特拉·比德曼", "Metaverse", "AI联盟",
            "祖克柏", "GPT-4", "沙漠里的骆驼", "Facebook公司", "信息"]
_FILLER = ["，", "。", " ", "和", "的", "说", "a", "1", "公司", "模型", "\u3000", "·", "(", ")"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ALIASES + _FILLER), min_size=1, max_size=25))
def test_mentions_are_ordered_non_overlapping_and_exact(pieces):
    sentence = "".join(pieces)
    sents, clean = corpus_of(sentence)
    m = find_mentions(sents, load_registry())
    spans = list(zip(m["start"], m["end"]))
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert all(clean[s:e] == surface for (s, e), surface in zip(spans, m["surface"]))
    assert find_mentions(sents, load_registry()).equals(m)  # deterministic


# --------------------------------------------------------------------------- registry validation

def _actor(name, **kw):
    return {"name": name, "name_zh": kw.pop("name_zh", name), "type": kw.pop("type", "org"),
            "aliases": kw.pop("aliases", [name]), **kw}


def test_registry_rejects_duplicate_alias_across_scripts():
    data = {"actors": [_actor("Microsoft", aliases=["微軟"]), _actor("Macrosoft", aliases=["微软"])]}
    with pytest.raises(RegistryError, match="duplicate alias.*微软.*Macrosoft.*微軟.*Microsoft"):
        build_registry(data)


def test_registry_rejects_duplicate_alias_differing_only_in_case():
    data = {"actors": [_actor("OpenAI"), _actor("Open Ai Corp", aliases=["OPENAI"])]}
    with pytest.raises(RegistryError, match="duplicate alias"):
        build_registry(data)


@pytest.mark.parametrize("bad, message", [
    ({"type": "company"}, "unknown type 'company'"),
    ({"parent": "Nobody"}, "unknown parent 'Nobody'"),
    ({"aliases": ["ok", True]}, "must be a list of non-empty strings"),
    ({"aliases": []}, "must be a list of non-empty strings"),
    ({"colour": "blue"}, "unknown key"),
    ({"context": [{"require_nearby": ["x"]}]}, "unknown key"),
    ({"context": [{"aliases": ["nope"], "case_sensitive": True}]}, "not aliases of"),
    ({"context": [{"require_wrapper": "《"}]}, "two characters"),
    ({"aliases": ["A"]}, "shorter than 2"),
])
def test_registry_rejects_malformed_entries(bad, message):
    with pytest.raises(RegistryError, match=message):
        build_registry({"actors": [_actor("Acme", **bad)]})


def test_registry_rejects_generic_terms_and_parent_cycles():
    with pytest.raises(RegistryError, match="stoplisted"):
        build_registry({"discovery": {"latin_stoplist": ["AI"]}, "actors": [_actor("Acme", aliases=["AI"])]})
    with pytest.raises(RegistryError, match="cycle"):
        build_registry({"actors": [_actor("A1", parent="B1"), _actor("B1", parent="A1")]})
    with pytest.raises(RegistryError, match="title_max_chars"):
        build_registry({"discovery": {"title_max_chars": "30"}, "actors": [_actor("Acme")]})


def test_load_registry_caches_by_path_and_mtime(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n- {name: Acme, name_zh: 阿克米, type: org, aliases: [Acme, 阿克米]}\n",
                    encoding="utf-8")
    first = load_registry(path)
    assert load_registry(path) is first
    path.write_text("actors:\n- {name: Acme, name_zh: 阿克米, type: org, aliases: [Acme, 阿克米, 艾克米]}\n",
                    encoding="utf-8")
    assert load_registry(path) is not first and "艾克米" in load_registry(path)["Acme"].aliases
    path.write_text("actors:\n- {name: Acme, name_zh: 阿克米, type: firm, aliases: [Acme]}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="unknown type"):
        load_registry(path)


def test_shipped_registry_is_valid_and_covers_every_type():
    registry = load_registry()
    types = {a.type for a in registry}
    assert types == {"org", "person", "model", "gov", "initiative", "other"}
    assert len(registry) >= 150
    for name in ["Meta", "Mark Zuckerberg", "Yann LeCun", "Llama", "Open Source Initiative", "DeepSeek", "Qwen"]:
        assert name in registry


# --------------------------------------------------------------------------- jieba integration

def test_userdict_lines_are_word_freq_tag():
    lines = jieba_userdict(load_registry())
    assert "斯特拉·比德曼 20000 nr" in lines and "Hugging Face 20000 nt" in lines
    assert all(line.rsplit(" ", 2)[1].isdigit() for line in lines)
    assert not any(line.startswith("苹果 ") for line in lines)  # ambiguous aliases stay out of jieba


def test_segmenter_never_splits_registered_names():
    seg = segmenter(load_registry())
    words = seg.lcut("EleutherAI 的执行董事斯特拉·比德曼告诉我,Hugging Face托管了模型,扎克伯格也同意。")
    for name in ["斯特拉·比德曼", "Hugging Face", "扎克伯格", "EleutherAI"]:
        assert name in words
    tagged = dict((p.word, p.flag) for p in seg.pos.cut("斯特拉·比德曼说Hugging Face很重要"))
    assert tagged["斯特拉·比德曼"] == "nr" and tagged["Hugging Face"] == "nt"
    assert "".join(seg.lcut("苹果汁和苹果公司")) == "苹果汁和苹果公司"


def test_import_is_cheap():
    code = textwrap.dedent("""
        import sys, kaiyuan
        before = set(sys.modules)
        import kaiyuan.actors
        added = set(sys.modules) - before
        print(sorted(m for m in added if m.split('.')[0] in {'jieba', 'opencc', 'ahocorasick'}))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- counts and co-occurrence

def _tiny_corpus():
    a, _ = corpus_of("Meta和IBM成立了AI联盟。", "谷歌和微软没有加入。", "IBM表示，Meta是合作伙伴。", article_id="A")
    b, _ = corpus_of("Meta发布了Llama 3。", "IBM没有评论。", article_id="B")
    articles = pd.DataFrame({"article_id": ["A", "B"], "n_chars_clean": [2000, 300]})
    return pd.concat([a, b], ignore_index=True), articles


def test_actor_counts_per_article_and_per_1k_chars():
    sents, articles = _tiny_corpus()
    counts = actor_counts(find_mentions(sents, load_registry()), articles)
    assert list(counts.columns) == COUNT_COLUMNS
    assert list(counts.itertuples(index=False, name=None)) == [
        ("A", "IBM", "org", 2, 1.0),           # 1000 * 2 / 2000
        ("A", "Meta", "org", 2, 1.0),
        ("A", "AI Alliance", "initiative", 1, 0.5),
        ("A", "Google", "org", 1, 0.5),
        ("A", "Microsoft", "org", 1, 0.5),
        ("B", "IBM", "org", 1, 3.333),         # 1000 / 300 rounded to 3 decimals
        ("B", "Llama", "model", 1, 3.333),
        ("B", "Meta", "org", 1, 3.333),
    ]


def test_cooccurrence_counts_sentences_and_articles():
    sents, _ = _tiny_corpus()
    co = cooccurrence(find_mentions(sents, load_registry()))
    assert list(co.columns) == COOCCURRENCE_COLUMNS
    assert list(co.itertuples(index=False, name=None)) == [
        ("IBM", "Meta", 2, 1),                  # A s0 and A s2; B never has both in one sentence
        ("AI Alliance", "IBM", 1, 1),
        ("AI Alliance", "Meta", 1, 1),
        ("Google", "Microsoft", 1, 1),
        ("Llama", "Meta", 1, 1),
    ]


def test_cooccurrence_counts_each_sentence_once_and_articles_distinctly():
    a, _ = corpus_of("Meta、Meta和IBM。", "IBM与Meta。", article_id="A")
    b, _ = corpus_of("IBM和Meta。", article_id="B")
    co = cooccurrence(find_mentions(pd.concat([a, b]), load_registry()))
    assert list(co.itertuples(index=False, name=None)) == [("IBM", "Meta", 3, 2)]


def test_roll_up_maps_products_and_labs_to_their_top_owner():
    m = find_mentions(corpus_of("谷歌DeepMind和FAIR，扎克伯格在Facebook上发帖。")[0], load_registry())
    rolled = roll_up(m, load_registry())
    assert list(rolled["actor"]) == ["Alphabet", "Meta", "Mark Zuckerberg", "Meta"]


# --------------------------------------------------------------------------- discovery of unknown names

def test_discovery_surfaces_unknown_speaker_and_latin_name():
    sents, _ = corpus_of("清华大学教授李明华表示,开源模型有助于创新。",
                         "初创公司Zephyrix Labs发布了新模型,扎克伯格没有回应。",
                         "李明华认为,许可证的问题更重要。")
    registry = load_registry()
    found_ = discover_unknown(sents, find_mentions(sents, registry), registry)
    assert list(found_.columns) == DISCOVERY_COLUMNS
    rows = {r.candidate: r for r in found_.itertuples()}
    assert rows["李明华"].tag == "speaker" and rows["李明华"].count == 2 and rows["李明华"].articles == 1
    assert rows["李明华"].example_sentence_id == 0
    assert rows["Zephyrix Labs"].tag == "latin"
    assert list(found_["candidate"])[0] == "李明华"  # ranked by count
    for known_or_noise in ["清华大学", "扎克伯格", "许可", "AI"]:
        assert known_or_noise not in rows


def test_discovery_joins_interpunct_names_and_respects_min_count():
    sents, _ = corpus_of("马库斯·沃尔夫指出，开源并不等于透明。")
    registry = load_registry()
    found_ = discover_unknown(sents, find_mentions(sents, registry), registry)
    assert list(found_["candidate"]) == ["马库斯·沃尔夫"]
    assert discover_unknown(sents, find_mentions(sents, registry), registry, min_count=2).empty


def test_discovery_one_letter_platform_in_its_frame():
    # an unregistered one-letter platform (here Q) is proposed from 在Q上 / Q平台; a lone letter elsewhere is not
    sents, _ = corpus_of("创始人在 Q 上发文庆祝。", "随后Q平台上的讨论迅速升温。", "方案Q的效果更好。")
    registry = load_registry()
    found_ = discover_unknown(sents, find_mentions(sents, registry), registry)
    rows = {r.candidate: r for r in found_.itertuples()}
    assert rows["Q"].tag == "letter" and rows["Q"].count == 2


def test_discovery_drops_quantities_technical_terms_and_generic_org_words():
    sents, _ = corpus_of("这家新创公司用FP8训练，显存80GB，还用了LoRA和Transformer。",
                         "美国公司Zorblax Labs也在跟进。")
    registry = load_registry()
    cands = set(discover_unknown(sents, find_mentions(sents, registry), registry)["candidate"])
    assert "Zorblax Labs" in cands
    assert not cands & {"FP8", "80GB", "LoRA", "Transformer", "新创公司", "美国公司"}


def test_discovery_merges_the_forms_of_one_name():
    sents, _ = corpus_of("研究员 Quentin Marlowe 在博文里写道,开放数据很重要。",
                         "Marlowe 认为,数据许可证应当统一。",
                         "德国议员拉戈梅斯基（Sergei Volkonar）回应称,准则已经考虑了各方需求。",
                         "拉戈梅斯基还表示,欧洲需要自己的开源模型。")
    registry = load_registry()
    found_ = discover_unknown(sents, find_mentions(sents, registry), registry)
    rows = {r.candidate: r for r in found_.itertuples()}
    assert rows["Quentin Marlowe"].surfaces == "Marlowe;Quentin Marlowe" and rows["Quentin Marlowe"].count == 2
    assert rows["Sergei Volkonar"].count == 3  # the Latin gloss and both Chinese mentions
    assert "Marlowe" not in rows and not [c for c in rows if "梅斯基" in c]


def test_discovery_joins_a_transliterated_name_jieba_splits():
    # jieba cuts unseen transliterations into pieces (莫拉+金斯基, 卡斯+坦夫): the pieces, each a person
    # piece or made of transliteration characters, are one candidate; a rare word + 里 "in" is not a name
    sents, _ = corpus_of("绿党议员莫拉金斯基批评了这份准则。",
                         "该校教授萨维诺夫斯基表示，数据要公开。",
                         "投资人卡斯坦夫认为，开源是趋势。",
                         "主持人在博文里写道，模型很强。")
    registry = load_registry()
    cands = set(discover_unknown(sents, find_mentions(sents, registry), registry)["candidate"])
    assert cands == {"莫拉金斯基", "萨维诺夫斯基", "卡斯坦夫"}


def test_discovery_keeps_organisations_named_in_jiebas_dictionary():
    # a word jieba's dictionary tags as an organisation and that ends like one (部 ministry, 局 bureau) is a
    # name however common; the dictionary's other organisation-tagged words (商业机会 "business opportunity",
    # 联合开发 "joint development") and "a US company" are not
    sents, _ = corpus_of("财政部和中国气象局联合发布了通知。", "这是一个商业机会，联合开发很常见。", "两家美国公司都在跟进。")
    registry = load_registry()
    found_ = discover_unknown(sents, find_mentions(sents, registry), registry)
    assert set(found_["candidate"]) == {"财政部", "中国气象局"}
    assert set(found_["tag"]) == {"nt"}


def test_discovery_proposes_titles_in_book_marks():
    # a law, a programme or an outlet in 《》 is a candidate (tag title) without its marks; a title holding a
    # registered name (Meta) overlaps that mention and is dropped, and one over title_max_chars (30) is not a name
    long_title = "关于" + "进一步推动人工智能开放协作" * 3 + "的意见"
    sents, _ = corpus_of("据《财经周刊》报道，监管部门修订了《算力服务管理暂行规定》。",
                         "《算力服务管理暂行规定》自明年起施行。",
                         "他在《Meta开源路线图》一文中回应了批评。",
                         f"另一份文件《{long_title}》仍在征求意见。")
    registry = load_registry()
    found_ = discover_unknown(sents, find_mentions(sents, registry), registry)
    rows = {r.candidate: r for r in found_.itertuples()}
    assert set(rows) == {"算力服务管理暂行规定", "财经周刊"}
    assert rows["算力服务管理暂行规定"].tag == "title" and rows["算力服务管理暂行规定"].count == 2


def test_registry_snippet_round_trips_through_the_loader():
    import yaml

    candidates = pd.DataFrame([
        {"candidate": "Quentin Marlowe", "tag": "latin", "count": 3, "articles": 2, "example_article_id": "d01",
         "example_sentence_id": 4, "example": "…", "surfaces": "Marlowe;Quentin Marlowe;马洛"},
        {"candidate": "稀宇科技", "tag": "nt", "count": 2, "articles": 1, "example_article_id": "d02",
         "example_sentence_id": 0, "example": "…", "surfaces": "稀宇科技"}])
    snippet = registry_snippet(candidates)
    assert snippet.startswith("- name: Quentin Marlowe\n  name_zh: 马洛\n  type: person\n"
                              "  aliases: [Quentin Marlowe, Marlowe, 马洛]\n")
    entries = yaml.safe_load(snippet)
    assert [(e["name"], e["type"]) for e in entries] == [("Quentin Marlowe", "person"), ("稀宇科技", "org")]
    registry = build_registry({"actors": entries})
    for alias, actor in [("Marlowe", "Quentin Marlowe"), ("马洛", "Quentin Marlowe"), ("稀宇科技", "稀宇科技")]:
        assert registry.alias_index[normalise(alias)].actor == actor


# --------------------------------------------------------------------------- accuracy against hand counts

@pytest.fixture(scope="module")
def seed_mentions():
    if load_corpus is None:
        pytest.skip("kaiyuan.corpus is not importable yet; hand counts need load_corpus('seeds')")
    corpus = load_corpus(REPO / "seeds")
    return corpus, find_mentions(corpus.sentences, load_registry())


def test_hand_counts(seed_mentions):
    """Counts read by hand from the seed bodies (tests/data/actor_hand_counts.csv) match find_mentions."""
    _, mentions = seed_mentions
    got = mentions.groupby(["article_id", "actor"]).size()
    with open(HAND_COUNTS, encoding="utf-8") as fh:
        hand = list(csv.DictReader(fh))
    assert len({r["actor"] for r in hand}) >= 12
    tp = fp = fn = 0
    diffs = []
    for r in hand:
        g, h = int(got.get((r["article_id"], r["actor"]), 0)), int(r["count"])
        tp, fp, fn = tp + min(g, h), fp + max(0, g - h), fn + max(0, h - g)
        if g != h:
            diffs.append(f"{r['article_id']} {r['actor']}: hand {h}, found {g} ({r['note']})")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert not diffs, f"precision {precision:.3f} recall {recall:.3f}\n" + "\n".join(diffs)


def test_seed_offsets_and_versions(seed_mentions):
    corpus, mentions = seed_mentions
    assert all(corpus.clean[r.article_id][r.start:r.end] == r.surface for r in mentions.itertuples())
    versions = mentions[mentions["version"] != ""]
    assert set(zip(versions["actor"], versions["version"])) == {
        ("Llama", "2"), ("Llama", "3"), ("GPT", "3"), ("GPT", "4"), ("PaLM", "2")}


def test_seed_discovery_finds_no_unregistered_names(seed_mentions):
    """Every named actor in the seed bodies is in the registry, so nothing is left to discover."""
    corpus, mentions = seed_mentions
    assert discover_unknown(corpus.sentences, mentions, load_registry()).empty


def test_taiwan_name_of_alexandr_wang_only_in_meta_context():
    assert actors_in("Meta首席AI官汪滔表示，团队会保持精简。") == ["Meta", "Alexandr Wang"]
    assert actors_in("大疆创始人汪滔很少接受采访。") == []


def test_committee_of_the_house_is_one_mention_of_the_unit():
    assert actors_in("美國眾議院科學委員會舉行聽證會。") == ["US House Science Committee"]


def test_name_glued_to_a_code_word_is_an_identifier():
    assert actors_in("先运行 huggingface-cli login 登录。") == []
    assert actors_in("模型已上传到 Hugging Face。") == ["Hugging Face"]


def test_bare_ministry_of_science_is_chinas_unless_another_country_is_named():
    assert actors_in("科技部公布了新规。") == ["Ministry of Science and Technology of China"]
    assert actors_in("韩国科技部公布了新规。") == []


def test_the_pile_in_upper_case_next_to_data_words():
    assert actors_in("训练资料来自去重后的PILE。") == ["The Pile"]
    assert actors_in("A PILE OF WORK") == []


def test_ministry_name_inside_a_departments_word_is_not_the_ministry():
    # 科技部门/教育部门/公安部门 are "technology/education/police departments" in general
    assert actors_in("各地科技部门和教育部门、公安部门联合行动。") == []
    assert actors_in("科技部、教育部、公安部联合发文。") == [
        "Ministry of Science and Technology of China", "Ministry of Education of China", "Ministry of Public Security"]
    assert actors_in("哈萨克斯坦也在发展人工智能。") == []


def test_repost_credit_names_no_actor():
    assert actors_in("本文转载自财新网。") == []
    assert actors_in("财新网报道称，Meta 将推迟发布。") == ["Caixin", "Meta"]


def test_transliterated_surname_counts_after_the_full_name():
    assert actors_in("喬埃爾·皮諾宣布離職。", "皮諾表示，FAIR 會繼續開放研究。") == [
        "Joelle Pineau", "Joelle Pineau", "FAIR"]
    assert actors_in("皮诺曹的鼻子变长了。") == []


def test_outlet_names_inside_common_words_are_not_outlets():
    assert actors_in("开源模型掀起新浪潮。") == []
    assert actors_in("据新浪科技报道，Meta 将调整策略。") == ["Sina", "Meta"]
    assert actors_in("《蘋果日報》報導，蘋果公司將推出新機。") == ["Apple Daily", "Apple"]


def test_machine_translated_and_transliterated_model_names():
    assert actors_in("Anthropic的克劳德模型表现出色。") == ["Anthropic", "Claude"]
    assert actors_in("克劳德·香农提出了信息论。") == []
    assert actors_in("Meta发布了美洲驼 2模型。") == ["Meta", "Llama"]
    assert actors_in("安第斯山上的美洲驼在吃草。") == []
    assert actors_in("模型已上传到拥抱脸平台。") == ["Hugging Face"]


# ---------------------------------------------------------------- issue 16: spellings seen on real pages (session 5)
def test_taiwan_wire_transliterations_of_debate_voices():
    assert actors_in("MIT研究人員隆普瑞表示，中國業者已改變發布方式。") == ["MIT", "Shayne Longpre"]
    assert actors_in("墨卡托中國研究所分析師張文怡說，開源在中國更主流。") == ["MERICS", "Wendy Chang"]
    assert actors_in("歐盟消費者保護執委邁可麥格拉斯表示，修正案將簡化規則。") == ["European Union", "Michael McGrath"]
    assert actors_in("法國新創公司Mistral執行長孟施認為，各國都需要自家AI系統。") == ["Mistral AI", "Arthur Mensch"]


def test_common_misspelling_of_a_founder():
    assert actors_in("DeepSeek创始人梁文峰接受了采访。") == ["DeepSeek", "Liang Wenfeng"]


def test_short_surname_needs_its_context():
    assert actors_in("Mozilla基金會總裁瑟曼認為，開源模型會勝出。") == ["Mozilla", "Mark Surman"]
    assert actors_in("演员乌玛瑟曼出席了影展。") == []
    assert actors_in("议员沃斯的幕僚长岑纳批评了这项协议。") == ["Kai Zenner"]


def test_handle_of_a_developer_is_the_developer():
    assert actors_in("开发者ehartford在讨论区留言。") == ["Eric Hartford"]


def test_new_person_name_by_shape_and_dictionary():
    """An unknown name by its shape (discovery surnames and transliteration characters) and no common word."""
    from kaiyuan.actors import load_registry, new_person_name

    reg = load_registry()
    assert new_person_name("赵明远", reg)            # surname + two characters
    assert new_person_name("卡尔松", reg)            # transliteration characters only
    assert new_person_name("安德烈 · 科瓦奇", reg)    # a middle dot, spaced
    assert not new_person_name("高层", reg)          # "senior management": a common word
    assert not new_person_name("头疼", reg)          # "headache"
    assert not new_person_name("赵明远给出一", reg)    # longer than a name
    assert new_person_name("卓荣泰", reg, titled=500)   # after a title word: any rare 2-4 characters
    assert not new_person_name("先签字", reg, titled=500)  # 律师先签字 "a lawyer signs first": ends in 签字, a common word
