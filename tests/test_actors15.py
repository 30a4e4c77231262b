"""Session 15 (reg15, issue 16): actors on unseen articles. Precision: two names of one actor side by side, or a
name and its gloss bracket after a legal suffix or a closing quote, are one mention; a registry name inside a longer
name of another actor (APEC, STAR Market Daily, Tsinghua's centre, a foreign 科技部) is not the registry actor.
Recall: Hong Kong's actors (the SAR government's bare 特区政府 by the article's Hong Kong cues, HKGAI and its model
HKGAI V1), a fine-tune named after its base model, officials behind 司长 / 长官."""
from actor_frames import mentions, promoted  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _mentions(texts: list) -> list:
    return mentions(texts, REG)


def _actors(texts: list) -> list:
    return [a for a, _s in _mentions(texts)]


# --- G: one naming, one mention ------------------------------------------------------------------------------------

def test_a_full_company_name_with_its_legal_suffix_and_bracketed_short_form_is_one_mention():
    # "AMD Inc. (AMD) announced ..." (traditional script, the session-14 d70-d75 shape)
    assert _mentions(["超威半導體公司(AMD)宣布推出新晶片。"]) == [("AMD", "超威半導體公司(AMD)")]


def test_two_names_of_one_actor_side_by_side_in_two_scripts_are_one_mention():
    # "Alibaba's Tongyi Qianwen Qwen3 architecture"; "the ModelScope (魔搭ModelScope) community"
    assert _actors(["阿里巴巴的通义千问Qwen3架构"]) == ["Alibaba", "Qwen"]
    assert _actors(["魔搭ModelScope社区上线了新模型"]) == ["ModelScope"]
    assert _actors(["英伟达 Nvidia 股价大涨"]) == ["Nvidia"]


def test_the_same_name_twice_or_two_actors_side_by_side_stay_apart():
    # "Meta Llama model": the maker and its model are two actors
    assert _actors(["弃用Meta Llama模型"]) == ["Meta", "Llama"]


def test_an_also_translated_gloss_after_side_by_side_names_counts_once():
    # "Nvidia 輝達 (also translated 英偉達)'s most advanced chip"
    assert _actors(["使用了Nvidia輝達 （又譯英偉達）最先進的晶片"]) == ["Nvidia"]


def test_a_quoted_name_and_its_english_gloss_count_once():
    # "the government released the 'AI Action Plan' (AI Action Plan)"; "“Tongyi Qianwen” (Qwen) architecture"
    assert _actors(["特朗普政府發布「人工智能行動計劃」（AI Action Plan）"]).count("AI Action Plan") == 1
    assert _actors(["选用“通义千问”(Qwen)架构"]) == ["Qwen"]


# --- W: a registry name inside a longer name of another actor ------------------------------------------------------

def test_apec_is_not_the_oecd_it_contains():
    # "at the APEC summit in Korea last month"
    assert _actors(["上月在韩国亚太经合组织峰会上会见"]) == ["APEC"]


def test_an_outlet_named_after_a_stock_board_is_the_outlet():
    # "STAR Market Daily, 17 November"
    assert _actors(["《科创板日报》11月17日讯"]) == ["STAR Market Daily"]


def test_another_universitys_foundation_model_centre_is_not_stanfords():
    # "Tsinghua's Institute for AI foundation-model research centre was founded" vs "Stanford's HAI centre (CRFM)"
    assert "Center for Research on Foundation Models" not in _actors(["清华大学人工智能研究院基础模型研究中心成立"])
    assert "Center for Research on Foundation Models" in _actors(["斯坦福以人为本人工智能研究院下属的基础模型研究中心发布报告"])


def test_a_foreign_countrys_science_ministry_is_not_chinas():
    # "Malaysia's science ministry published a national AI roadmap"
    assert "Ministry of Science and Technology of China" not in _actors(["马来西亚科技部发布了国家人工智能路线图"])


def test_unconditional_unit_name_counts_for_the_bureau_not_the_government_prefix():
    # "HKSAR Government's Innovation, Technology and Industry Bureau secretary Sun Dong"
    assert _actors(["香港特區政府創新科技及工業局局長孫東出席論壇"]) == [
        "Innovation, Technology and Industry Bureau", "Sun Dong"]


# --- H: Hong Kong's government and AI programme --------------------------------------------------------------------

def test_the_bare_sar_government_is_hong_kongs_beside_hong_kong():
    # "the SAR government will keep supporting Hong Kong's AI industry"
    assert _actors(["特区政府会持续支持香港人工智能产业"]) == ["Hong Kong SAR Government"]


def test_the_bare_sar_government_is_hong_kongs_after_a_hong_kong_actor():
    # a Macau outlet on HKGAI V1: "... HKGAI released HKGAI V1." / "He also mentioned the SAR government's plans."
    texts = ["香港生成式人工智能研發中心推出 HKGAI V1。", "他同時提到特區政府的其他配套。"]
    assert _actors(texts) == ["HKGAI", "HKGAI V1", "Hong Kong SAR Government"]


def test_the_bare_sar_government_without_a_hong_kong_cue_is_no_mention():
    # "the SAR government announced a new subsidy today" (nothing says which SAR)
    assert _actors(["特区政府今日宣布新的资助计划"]) == []


def test_macaus_sar_government_keeps_its_name():
    assert _actors(["澳門特區政府今日公布新措施"]) == ["Macao SAR Government"]


def test_a_model_named_after_its_maker_is_the_model_and_its_bare_version_follows():
    # "HKGAI V1 was developed by HKGAI." / "... which gave today's V1." / "whether the HKGAI team delivers"
    texts = ["HKGAI V1 由香港生成式人工智能研發中心（HKGAI）開發。", "才有了今天的 V1。", "要看 HKGAI 團隊能否兌現承諾。"]
    assert _actors(texts) == ["HKGAI V1", "HKGAI", "HKGAI V1", "HKGAI"]


def test_a_bare_v1_before_the_model_is_named_is_no_mention():
    assert _actors(["该芯片的V1版本已经停产"]) == []


# --- D: a fine-tune named after its base ---------------------------------------------------------------------------

def test_a_fine_tune_named_after_its_base_counts_for_the_fine_tunes_family():
    # "then Llama3-TAIDE-LX-8B-Chat-Alpha1 switched to Llama 3 as its base"
    assert _actors(["之後推出的Llama3-TAIDE-LX-8B-Chat-Alpha1改以Llama 3為基礎"]) == ["TAIDE", "Llama"]
    assert _actors(["新模型Gemma-3-TAIDE-12b-Chat上线"]) == ["TAIDE"]


def test_a_model_distilled_into_another_family_stays_the_teachers():
    # "DeepSeek-R1-Distill-Llama-70B" is a DeepSeek-R model distilled into a Llama base
    assert _actors(["测试了DeepSeek-R1-Distill-Llama-70B"]) == ["DeepSeek-R"]


# --- T: officials behind Hong Kong titles --------------------------------------------------------------------------

def test_a_name_after_financial_secretary_is_a_person():
    # "Financial Secretary Chan Mo-po attended the ceremony"
    assert "陈茂波" in promoted(["财政司司长陈茂波出席捐赠仪式。"], REG)


def test_a_registry_spelling_of_stanford_used_in_hong_kong():
    # "according to Stanford University's 2025 AI Index report" (Hong Kong transliteration 史丹福)
    assert "Stanford University" in _actors(["根據美國史丹福大學的人工智能指數報告"])


def test_every_prior_any_name_is_a_registry_actor():
    names = {n for a in REG.actors.values() for r in a.rules for n in r.require_prior_any}
    assert names and names <= set(REG.actors)
