"""Speakers beyond the seeds (issue 16): each class of attribution seen on real Chinese news pages, as a sentence
written for this test, in and the hand-worked speaker out. Mentions are made by hand (see test_quotes)."""
from __future__ import annotations

from kaiyuan.quotes import extract_quotes
from test_quotes import make_mentions, make_sentences


def speakers(q, needle: str) -> list[str]:
    return [r.speaker for r in q.itertuples() if needle in r.quote]


# ---------------------------------------------------------------- people the registry does not know
def test_person_named_after_a_title_word_speaks():
    s = make_sentences(["某研究所分析师王晓明表示，中国公司更愿意公开模型权重。"])
    m = make_mentions(s, [("某研究所", "Some Institute", "org")])
    row = extract_quotes(s, m).iloc[0]
    assert (row.speaker, row.speaker_org) == ("王晓明", "Some Institute")


def test_name_after_a_title_ends_before_a_time_word():
    s = make_sentences(["财经媒体董事长谢某某日前在脸书发文表示，这是一场没有硝烟的战争。"])
    assert speakers(extract_quotes(s, make_mentions(s, [])), "没有硝烟") == ["谢某某"]


def test_latin_handle_after_a_title_speaks_in_a_forum():
    s = make_sentences(["开发者smallcat在模型的讨论区留言指出，这个模型沿用了别家的架构。"])
    assert speakers(extract_quotes(s, make_mentions(s, [])), "沿用了别家") == ["smallcat"]


def test_person_introduced_with_latin_name_speaks_later_by_surname():
    s = make_sentences(["基金会总裁瑟曼（Mark Surman）认为，开源模型会越来越便宜。", "瑟曼还提醒，监管不能只盯着大公司。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "越来越便宜") == ["Mark Surman"]
    assert speakers(q, "监管不能") == ["Mark Surman"]


def test_latin_surname_of_an_earlier_full_name():
    s = make_sentences(["软件公司执行长 Rafael Laguna 认为，开源本质上并不完全诚实。", "Laguna 表示：“很多人只想做封闭的系统。”"])
    assert speakers(extract_quotes(s, make_mentions(s, [])), "封闭的系统") == ["Rafael Laguna"]


# ---------------------------------------------------------------- transcripts, frames and headlines
def test_interview_transcript_lines():
    s = make_sentences(["以下是记者对创始人张三的专访。", "张三（以下简称“张”）：我们从没想过要颠覆谁。", "记者：价格为什么这么低？",
                        "张：我们只是按成本定价。", "利润不是第一目标。"], new_paragraph=(1, 2, 3))
    q = extract_quotes(s, make_mentions(s, [("张三", "Zhang San", "person")]))
    assert speakers(q, "颠覆谁") == ["Zhang San"]
    assert speakers(q, "按成本定价") == ["Zhang San"]
    assert "利润不是第一目标" in q[q.quote.str.contains("按成本定价")].iloc[0].quote  # the whole answer
    assert speakers(q, "价格为什么") == []  # the interviewer is no registry person


def test_transcript_label_the_lead_named_speaks_though_the_registry_does_not_know_it():
    # the lead names the guest, then the transcript turns: the guest's lines are quotes, the reporter's are not
    s = make_sentences(["本刊专访了开源基金会主席刘振华。", "记者：基金会最近在忙什么？", "刘振华：我们在整理新的许可证。",
                        "中新社记者：为什么是现在？", "刘振华：因为模型权重也需要说清楚的规则。"], new_paragraph=(1, 2, 3, 4))
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "新的许可证") == ["刘振华"]
    assert speakers(q, "说清楚的规则") == ["刘振华"]
    assert speakers(q, "最近在忙什么") == [] and speakers(q, "为什么是现在") == []


def test_transcript_label_is_the_person_the_lead_named_with_it():
    # "局长：…" after "局长陈建国…": the director is 陈建国; "温斯顿：…" after "嘉宾埃米·温斯顿": the same person
    s = make_sentences(["以下是信息局局长陈建国今天会见传媒的谈话内容：", "信息局局长：我们会继续开放政府数据。",
                        "对谈嘉宾是埃米·温斯顿。", "温斯顿：开放模型让小团队也能参与。"], new_paragraph=(1, 2, 3))
    q = extract_quotes(s, make_mentions(s, [("陈建国", "Chen Jianguo", "person"), ("埃米·温斯顿", "Amy Winston", "person")]))
    assert speakers(q, "开放政府数据") == ["Chen Jianguo"]
    assert speakers(q, "小团队也能参与") == ["Amy Winston"]


def test_a_colon_line_whose_label_was_never_written_before_is_no_transcript():
    s = make_sentences(["这家公司给出了三条理由。", "原因如下：第一，训练成本已经很低。"], new_paragraph=(1,))
    assert speakers(extract_quotes(s, make_mentions(s, [])), "训练成本") == []


def test_a_bare_report_is_the_outlet_that_reported_it():
    # 华尔街日报13日报导 "the WSJ reported on the 13th": the later 报导提到 is the WSJ's, not OpenAI's (named in it)
    s = make_sentences(["华尔街日报13日报导，中国公司今年接连发布开放模型。", "报导提到，OpenAI等美国企业正感受到压力。",
                        "报导表示，标准之争不一定由技术最强的一方赢得。"])
    q = extract_quotes(s, make_mentions(s, [("华尔街日报", "Wall Street Journal", "org"), ("OpenAI", "OpenAI", "org")]))
    for words in ("感受到压力", "标准之争"):
        assert q[q.quote.str.contains(words)].speaker_org.tolist() == ["Wall Street Journal"]


def test_a_bare_report_after_according_to_an_outlet_is_that_outlets():
    # 据纽约时报援引知情人士消息 "according to the NYT, citing people familiar": the later 报道称 is the NYT's report
    s = make_sentences(["据纽约时报周二援引两名知情人士消息，政府正要求Meta提交模型。", "报道称，这项请求是通过电子邮件提出的。"])
    q = extract_quotes(s, make_mentions(s, [("纽约时报", "New York Times", "org"), ("Meta", "Meta", "org")]))
    assert q[q.quote.str.contains("电子邮件")].speaker_org.tolist() == ["New York Times"]


def test_in_someones_view_and_as_someone_said():
    s = make_sentences(["在李四看来，开放权重只是第一步。", "正如李四所言，闭源的护城河是暂时的。", "在社区开发者看来，这些参数经不起推敲。"])
    q = extract_quotes(s, make_mentions(s, [("李四", "Li Si", "person")]))
    assert speakers(q, "第一步") == ["Li Si"]
    assert speakers(q, "护城河") == ["Li Si"]
    assert speakers(q, "经不起推敲") == ["unnamed developers"]


def test_headline_that_is_only_a_short_quote_is_a_quotation():
    s = make_sentences(["“开放终将胜出”", "杨立昆在演讲中说，封闭的路线走不远。"])
    s.loc[0, "kind"] = "heading"
    q = extract_quotes(s, make_mentions(s, [("杨立昆", "Yann LeCun", "person")]))
    assert speakers(q, "开放终将胜出") == ["Yann LeCun"]


def test_short_quoted_clause_cut_by_its_attribution():
    s = make_sentences(["“我很担心，”奥特曼表示，竞争比想象中复杂。"])
    q = extract_quotes(s, make_mentions(s, [("奥特曼", "Sam Altman", "person")]))
    assert speakers(q, "我很担心") == ["Sam Altman"]


# ---------------------------------------------------------------- who is and is not the subject
def test_outlet_in_title_marks_speaks_but_not_when_addressed():
    s = make_sentences(["《纽约时报》指美国打算限制芯片出口。", "张三对《金融时报》表示，开源更安全。"])
    q = extract_quotes(s, make_mentions(s, [("纽约时报", "The New York Times", "org"), ("金融时报", "Financial Times", "org"),
                                            ("张三", "Zhang San", "person")]))
    assert speakers(q, "限制芯片出口") == ["The New York Times"]
    assert speakers(q, "开源更安全") == ["Zhang San"]


def test_other_is_no_pronoun():
    s = make_sentences(["张三昨天发表了演讲。", "其他专家表示，中国公司人才储备雄厚。"])
    q = extract_quotes(s, make_mentions(s, [("张三", "Zhang San", "person")]))
    assert speakers(q, "人才储备") == ["unnamed experts"]


def test_users_in_a_forum_are_the_speakers_not_the_forum():
    s = make_sentences(["也有用户在Hugging Face讨论区指出，修订后的许可证仍然不算开源。"])
    q = extract_quotes(s, make_mentions(s, [("Hugging Face", "Hugging Face", "org")]))
    assert speakers(q, "修订后的许可证") == ["unnamed users"]


def test_organisation_anaphor_takes_the_organisation_that_opened_a_clause():
    s = make_sentences(["2025年6月30日，百度一次推出十款开源模型。", "开发者可以在飞桨社区、Hugging Face等平台下载。",
                        "该公司在发布中称，这批模型处于行业领先位置。"])
    q = extract_quotes(s, make_mentions(s, [("百度", "Baidu", "org"), ("Hugging Face", "Hugging Face", "org")]))
    assert speakers(q, "行业领先") == ["Baidu"]


def test_second_clause_with_its_own_subject_is_a_second_speaker():
    s = make_sentences(["马斯克在X平台发帖预告开源计划。", "有网民留言指OpenAI也应跟进，他随即回应称OpenAI是个“谎言”。"])
    q = extract_quotes(s, make_mentions(s, [("马斯克", "Elon Musk", "person"), ("OpenAI", "OpenAI", "org")]))
    assert speakers(q, "也应跟进") == ["unnamed netizens"]
    assert speakers(q, "谎言") == ["Elon Musk"]


def test_programme_speaks_for_its_issuer():
    s = make_sentences(["《意见》提出，到2027年智能终端普及率超过70%。"])
    m = make_mentions(s, [("意见", "Opinions", "initiative")])
    row = extract_quotes(s, m, registry={"Opinions": {"type": "initiative", "parent": "State Council"}}).iloc[0]
    assert (row.speaker, row.speaker_org) == ("State Council document", "State Council")


# ---------------------------------------------------------------- speech verbs
def test_denied_reported_and_put_forward_are_speech():
    s = make_sentences(["DeepSeek否认，股价暴跌与公司有关的说法不实。", "科技媒体The Information报道，该公司使用了走私芯片。",
                        "研究人员还提出，该模型将来可用于情报分析。"])
    q = extract_quotes(s, make_mentions(s, [("DeepSeek", "DeepSeek", "org"), ("The Information", "The Information", "org")]))
    assert speakers(q, "说法不实") == ["DeepSeek"]
    assert speakers(q, "走私芯片") == ["The Information"]
    assert speakers(q, "情报分析") == ["unnamed researchers"]


def test_not_speech_passive_object_and_according_to():
    s = make_sentences(["谷歌在被指出不符合标准后，不再使用这一说法。", "他提出了一个新方法。", "据路透社报道，该模型只用了十万条记录。"])
    q = extract_quotes(s, make_mentions(s, [("谷歌", "Google", "org"), ("路透社", "Reuters", "org")]))
    assert speakers(q, "不再使用") == [] and speakers(q, "新方法") == []
    assert speakers(q, "十万条记录") == ["Reuters"]  # 据X报道 is "according to", not X as a verb's subject


def test_study_shows():
    s = make_sentences(["麻省理工学院的研究显示，中国模型下载量首次超过美国。"])
    q = extract_quotes(s, make_mentions(s, [("麻省理工学院", "MIT", "org")]))
    assert speakers(q, "下载量首次") == ["MIT"]


def test_reiterated_and_hinted_are_speech():
    s = make_sentences(["阿里巴巴重申，公司会坚持开源策略。", "DeepSeek暗示，国产芯片很快就能支持它的模型。"])
    q = extract_quotes(s, make_mentions(s, [("阿里巴巴", "Alibaba", "org"), ("DeepSeek", "DeepSeek", "org")]))
    assert speakers(q, "坚持开源") == ["Alibaba"]
    assert speakers(q, "国产芯片") == ["DeepSeek"]


def test_according_to_unnamed_media():
    s = make_sentences(["据多家美国媒体披露的备忘录内容，新实验室由前首席执行官领导。"])
    assert speakers(extract_quotes(s, make_mentions(s, [])), "新实验室") == ["unnamed media"]


def test_this_company_plus_a_noun_is_an_organisation_anaphor():
    s = make_sentences(["阿里巴巴的云业务部门推出了第一代模型。", "这家中国科技巨头在声明中表示，将把模型整合到各项业务中。"])
    q = extract_quotes(s, make_mentions(s, [("阿里巴巴", "Alibaba", "org")]))
    assert speakers(q, "整合到各项业务") == ["Alibaba"]


def test_accusation_is_no_speech_verb():
    s = make_sentences(["针对《金融时报》披露的文件指控，阿里巴巴发言人明确驳斥，强调公司遵守商业准则。"])
    q = extract_quotes(s, make_mentions(s, [("金融时报", "Financial Times", "org"), ("阿里巴巴", "Alibaba", "org")]))
    assert speakers(q, "遵守商业准则") == ["Alibaba"]


def test_viewpoint_frame_around_a_quoted_list():
    s = make_sentences(["正如李四所言，企业落地需要解决“安全部署、应用实践、行业定制”三大问题。"])
    q = extract_quotes(s, make_mentions(s, [("李四", "Li Si", "person")]))
    assert "Li Si" in speakers(q, "企业落地")


def test_a_report_speaks_for_the_outlet_that_ran_it():
    s = make_sentences(["据《纽约时报》上月报道，实验室曾讨论放弃开源模型。", "报道称，该模型已完成训练但推迟发布。",
                        "《华尔街日报》本周刊出的一篇评论文章把矛头转向华府。", "文章指出，出口管制适得其反。"])
    q = extract_quotes(s, make_mentions(s, [("纽约时报", "The New York Times", "org"), ("华尔街日报", "The Wall Street Journal", "org")]))
    assert [r.speaker_org for r in q.itertuples() if "推迟发布" in r.quote] == ["The New York Times"]
    assert [r.speaker_org for r in q.itertuples() if "适得其反" in r.quote] == ["The Wall Street Journal"]


def test_this_spokesperson_is_the_named_spokesperson():
    s = make_sentences(["Meta发言人Ashley Gabriel回应称，公司会试验各类定制变体。", "这位发言人表示，公司已推出开源版本。"])
    q = extract_quotes(s, make_mentions(s, [("Meta", "Meta", "org"), ("Ashley Gabriel", "Ashley Gabriel", "person")]))
    assert speakers(q, "开源版本") == ["Ashley Gabriel"]
