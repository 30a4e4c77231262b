"""Session 16 (reg16, issue 16): actors of the sovereign-model debate outside the US and China as Chinese pages report
them (Korea's Sovereign AI Foundation Model Project and its five elite teams, Japan's model labs, Abu Dhabi's model
makers), with their hangul, kanji, Latin and Chinese spellings; and Chinese person names marked by a title written
AFTER the name (王伟教授 "Professor Wang Wei")."""
from actor_frames import mentions, promoted  # tests/actor_frames.py
from kaiyuan import actors

REG = actors.load_registry()


def _actors(texts: list) -> list:
    return [a for a, _s in mentions(texts, REG)]


def test_the_korean_elite_teams_are_found_in_simplified_and_traditional_reports():
    # "MSIT announced the first-round result of the sovereign AI foundation model project: LG AI Research, Upstage and
    # SK Telecom advance, Naver Cloud and NC AI are out"
    assert _actors(["韩国科学技术情报通信部公布主权AI基础模型项目第一阶段结果，LG AI研究院、Upstage和SK电讯晋级，"
                    "Naver Cloud与NC AI出局。"]) == [
        "Ministry of Science and ICT", "Sovereign AI Foundation Model Project", "LG AI Research", "Upstage",
        "SK Telecom", "Naver Cloud", "NC AI"]
    # TW: "the AI institute of the LG group (LG) came first; SK Telecom's A.X K1 has 519 billion parameters"
    assert _actors(["樂金集團（LG）所屬的AI研究院拿下第一名，SK電信的A.X K1擁有5190億參數。"]) == ["LG", "SK Telecom", "A.X"]
    # the hangul names of Korean pages
    assert _actors(["네이버와 카카오, SK텔레콤, 업스테이지가 참여했다."]) == ["Naver", "Kakao", "SK Telecom", "Upstage"]


def test_short_and_ambiguous_korean_names_need_their_spelling_or_context():
    # SKT in capitals is SK Telecom; "A.X" needs a version (A.X 4.0) or model words; a unit of LG is that unit
    assert _actors(["Naver的视觉编码器被指与阿里巴巴产品相似，SKT则否认。"]) == ["Naver", "Alibaba", "SK Telecom"]
    assert _actors(["这家A.X公司说"]) == []
    assert _actors(["LG电子宣布与微软合作。"]) == ["LG Electronics", "Microsoft"]
    assert _actors(["Kakao此前公开了Kanana-1.5-8B模型。"]) == ["Kakao", "Kanana"]


def test_the_gulf_model_makers_and_their_people():
    # "Abu Dhabi's MBZUAI and G42 released K2 Think; its president Xing Bo said ..."
    assert _actors(["阿布扎比的穆罕默德·本·扎耶德人工智能大学（MBZUAI）与G42发布K2 Think，校长邢波表示。"]) == [
        "MBZUAI", "G42", "K2 Think", "Eric Xing"]
    # the university named after the president is the university; the president alone is the person
    assert _actors(["阿联酋总统穆罕默德·本·扎耶德会见了OpenAI执行长山姆·奥特曼。"]) == ["Mohamed bin Zayed", "OpenAI", "Sam Altman"]
    # "AI71 under TII commercialises it, the Falcon Foundation pushes open source, said Faisal Al Bannai"
    assert _actors(["TII旗下的AI71负责商业化，猎鹰基金会则推动开源，费萨尔·班奈称。"]) == [
        "Technology Innovation Institute", "AI71", "Falcon Foundation", "Faisal Al Bannai"]


def test_japanese_model_labs():
    assert _actors(["日本Preferred Networks（PFN）开发了PLaMo 2.0。"]) == ["Preferred Networks", "PLaMo"]
    assert _actors(["Sakana.ai由前谷歌研究员创立。"]) == ["Sakana AI", "Google"]


def test_a_title_after_a_chinese_name_marks_the_person():
    # "Professor Wang Wei of Tsinghua said ..."; "Mr Chen Liming is the founder"; "we asked researcher Zhou Hua"
    assert promoted(["清华大学的王伟教授表示，开源模型降低了门槛。"], REG) == ["王伟"]
    assert promoted(["陈立明先生是公司创始人。"], REG) == ["陈立明"]
    assert promoted(["我们请教了周华研究员。"], REG) == ["周华"]


def test_a_title_alone_or_after_a_bare_surname_is_no_person():
    # "this professor agreed"; "Mr Zhang thought it wrong" (a surname alone is not a name)
    assert promoted(["这位教授表示同意。"], REG) == []
    assert promoted(["张先生认为不妥。"], REG) == []


def test_a_team_named_after_its_model_is_its_own_actor():
    # "On 5 July Huawei's Pangu team issued a statement denying copying" -> the team, not the Pangu model
    assert _actors(["7月5日，华为盘古团队发表声明否认抄袭。"]) == ["Pangu Team"]
    assert _actors(["華為盤古團隊迅速回應。"]) == ["Pangu Team"]
    # the model itself stays the model
    assert _actors(["盘古Pro MoE开源了。"]) == ["Pangu"]
    # "the EXAONE lab of LG AI Research": the parent written directly before the unit is part of its name
    assert _actors(["LG AI研究院EXAONE實驗室負責人表示"]) == ["EXAONE Lab"]


def test_a_romanised_korean_given_name_keeps_its_hyphenated_second_syllable():
    # "LG AI Research head Lim Woo-hyung said ..." -> the whole name, not "Lim Woo"
    assert promoted(["LG AI研究院院长Lim Woo-hyung表示，模型将开源。"], REG) == ["Lim Woo-hyung"]
    assert promoted(["首席执行官Ko Suk-hyun表示反对。"], REG) == ["Ko Suk-hyun"]
    # an unmarked hyphenated word is no person
    assert promoted(["Meta-owned平台上的内容。"], REG) == []


def test_the_korean_project_name_needs_korea_near_or_before_it():
    # after SK Telecom was named, "the government-led 'sovereign AI foundation model' project" is Korea's project
    assert _actors(["韩国首尔，SK电信宣布推出A.X K1。", "该模型更是政府主导的“主权AI基础模型”项目的核心。"]) == [
        "SK Telecom", "A.X", "Sovereign AI Foundation Model Project"]
    # "Saudi Arabia is also building its own sovereign AI foundation model project": a generic noun there
    assert _actors(["沙特也在打造自己的主权AI基础模型项目。"]) == []


def test_a_name_glossed_with_its_full_latin_title_counts_once():
    # TW: "UAE President Mohamed bin Zayed Al Nahyan (Sheikh Mohammed bin Zayed Al Nahyan)" -> one mention
    assert _actors(["阿拉伯聯合大公國總統穆罕默德 · 本 · 扎耶德 · 阿勒納哈揚（Sheikh Mohammed bin Zayed Al Nahyan）週六會見了"
                    "OpenAI執行長。"]) == ["Mohamed bin Zayed", "OpenAI"]


def test_a_korean_model_name_named_before_counts_again_without_its_cues():
    # "SK Telecom launched A.X K1 ... A.X K1 made a threefold leap": the second A.X has no SK or model word near it
    assert _actors(["SK电信宣布推出A.X K1——首个突破5000亿参数门槛的模型。", "A.X K1实现了三倍跃迁。"]) == [
        "SK Telecom", "A.X", "A.X"]


def test_rakuten_is_the_japanese_group_and_lotte_stays_out():
    # TW: "Japan's Rakuten Group released a large model, Rakuten AI 3.0"; "and Rakuten? Its release never names DeepSeek"
    assert _actors(["3月17號，日本樂天集團高調發布了一款AI大模型，叫Rakuten AI 3.0。"]) == ["Rakuten", "Rakuten AI"]
    assert _actors(["反觀樂天呢？新聞稿裡只字不提DeepSeek。"]) == ["Rakuten", "DeepSeek"]
    # Korea's Lotte (also 乐天) and the optimist 乐天派 are not Rakuten
    assert _actors(["韩国乐天集团因萨德事件损失惨重。"]) == []
    assert _actors(["他是个乐天派，相信AI会更好。"]) == []


def test_a_ruler_glossed_with_his_latin_name_counts_once():
    # "its chairman is the UAE's national security adviser Sheikh Tahnoon (Sheikh Tahnoon bin Zayed Al Nahyan)"
    assert _actors(["其董事长正是阿联酋国家安全顾问谢赫·塔努恩(Sheikh Tahnoon bin Zayed Al Nahyan)。"]) == ["Tahnoon bin Zayed"]
