"""Speakers on unseen articles, session 11 (issue 16): each class of attribution counted on a sample of real Chinese news
pages and the development corpus, as a sentence written for this test, in, and the hand-worked speaker out. Mentions are
made by hand (see test_quotes)."""
from __future__ import annotations

from kaiyuan.quotes import extract_quotes
from test_quotes import make_mentions, make_sentences

SENATORS = [("理查德·布卢门撒尔", "Richard Blumenthal", "person"), ("乔什·霍利", "Josh Hawley", "person"),
            ("Meta", "Meta", "org"), ("扎克伯格", "Mark Zuckerberg", "person")]


def speakers(q, needle: str, column: str = "speaker") -> list[str]:
    return [getattr(r, column) for r in q.itertuples() if needle in r.quote]


# ---------------------------------------------------------------- a counted group of people is the people named before
def test_two_senators_are_the_senators_named_with_that_title():
    s = make_sentences(["参议员理查德·布卢门撒尔和乔什·霍利周二致信Meta。", "扎克伯格表示，开源让模型更安全。",
                        "两位参议员批评Meta的做法“不受约束且过于宽松”。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "过于宽松") == ["Richard Blumenthal"]  # not Zuckerberg, who spoke last, nor Meta, the object


def test_plural_group_noun_and_a_synonym_of_the_title():
    s = make_sentences(["美国参议员理查德·布卢门撒尔和乔什·霍利关注这起泄露事件。",
                        "两位政客询问Meta事前如何评估风险，并写道他们希望看到具体的防范措施。",
                        "参议员们还认为，该公司应当说明用户数据的用途。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "具体的防范措施")[0] in ("Richard Blumenthal", "Josh Hawley")  # "politicians" were introduced as senators
    assert speakers(q, "用户数据的用途")[0] in ("Richard Blumenthal", "Josh Hawley")


def test_a_group_never_named_stays_an_unnamed_speaker():
    s = make_sentences(["扎克伯格表示，开源让模型更安全。", "多名研究人员指出，权重公开后很难撤回。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "很难撤回") == ["unnamed researchers"]


def test_accused_is_a_speech_verb_not_zhi_plus_ze():
    s = make_sentences(["参议员理查德·布卢门撒尔发表声明。", "两位参议员甚至指责Meta几乎没有做任何审查。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "几乎没有做任何审查") == ["Richard Blumenthal"]
    assert all(not t.startswith("责") for t in q["quote"])


# ---------------------------------------------------------------- a letter's recipient is not its writer
def test_the_recipient_of_a_letter_is_not_its_writer():
    s = make_sentences(["参议员理查德·布卢门撒尔和乔什·霍利就模型泄露一事发声。",
                        "参议员们在给该公司首席执行官扎克伯格的信中写道，Meta“似乎没有在发布前做任何有意义的风险评估”。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "有意义的风险评估")[0] in ("Richard Blumenthal", "Josh Hawley")


def test_a_letter_written_to_someone_speaks_for_its_writers_through_a_colon_line():
    # commas inside the brackets do not end the subject's clause; 给扎克伯格 names the recipient
    s = make_sentences(["两位议员理查德·布卢门撒尔（小组委员会主席，民主党）和乔什·霍利（小组委员会成员，共和党）给扎克伯格写了一封质询函。",
                        "信中提到：", "「我们担心这个模型会被用于欺诈和骚扰等不当行为。」"], new_paragraph=(1, 2))
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "欺诈和骚扰")[0] in ("Richard Blumenthal", "Josh Hawley")


def test_a_bare_gei_without_a_letter_word_names_no_recipient():
    s = make_sentences(["扎克伯格给开发者带来的信息很明确。", "他表示，开源是正确的道路。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "正确的道路") == ["Mark Zuckerberg"]


# ---------------------------------------------------------------- an outlet relaying someone else
def test_according_to_an_outlet_citing_sources_is_the_sources():
    s = make_sentences(["据《彭博》引述知情人士报道，Meta正在训练一款新的闭源模型。"])
    q = extract_quotes(s, make_mentions(s, [("彭博", "Bloomberg", "org"), ("Meta", "Meta", "org")]))
    assert speakers(q, "新的闭源模型") == ["unnamed people familiar with the matter"]


def test_an_outlet_reporting_citing_sources_is_the_sources():
    s = make_sentences(["彭博周三引述消息来源报导，这家社交媒体巨头正在改变开源策略。"])
    q = extract_quotes(s, make_mentions(s, [("彭博", "Bloomberg", "org")]))
    assert speakers(q, "改变开源策略") == ["unnamed sources"]


def test_an_outlet_reporting_on_its_own_still_speaks():
    s = make_sentences(["据彭博报道，Meta正在训练一款新的闭源模型。"])
    q = extract_quotes(s, make_mentions(s, [("彭博", "Bloomberg", "org"), ("Meta", "Meta", "org")]))
    assert speakers(q, "新的闭源模型") == ["Bloomberg"]


# ---------------------------------------------------------------- signatories, chief officers written X长
def test_signatories_are_an_unnamed_group():
    s = make_sentences(["“这项技术的风险已经超出了我们的控制能力。”签名者们在声明中警告。", "签署者呼吁各国政府立即暂停相关研发。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "控制能力") == ["unnamed signatories"]
    assert speakers(q, "暂停相关研发") == ["unnamed signatories"]


def test_a_taiwan_chief_officer_title_names_the_person_after_it():
    s = make_sentences(["「企业应该鼓励员工参与开源贡献，而不只是使用开源软件。」某电信公司资讯长林志明强调。"])
    q = extract_quotes(s, make_mentions(s, []))
    assert speakers(q, "参与开源贡献") == ["林志明"]


def test_they_after_a_counted_group_are_that_group_not_the_object():
    s = make_sentences(["美国参议院小组委员会主席理查德·布卢门撒尔与共和党成员乔什·霍利联名致信扎克伯格。",
                        "两位参议员批评Meta的做法“不受约束且过于宽松”。", "他们还举例称，别的模型会拒绝这类请求。"])
    q = extract_quotes(s, make_mentions(s, SENATORS))
    assert speakers(q, "过于宽松") == ["Richard Blumenthal"]  # introduced by their post in the Senate (参议院)
    assert speakers(q, "拒绝这类请求") == ["Richard Blumenthal"]  # not Meta, the object of 批评


# ---------------------------------------------------------------- a clause opening with a verb has objects, not a subject
def test_people_named_after_dianming_are_objects_of_the_speaker_before():
    s = make_sentences(["杨立昆上周连发多帖，点名奥特曼、哈萨比斯及阿莫代，指三人正在进行游说。"])
    m = make_mentions(s, [("杨立昆", "Yann LeCun", "person"), ("奥特曼", "Sam Altman", "person"),
                          ("哈萨比斯", "Demis Hassabis", "person"), ("阿莫代", "Dario Amodei", "person")])
    q = extract_quotes(s, m)
    assert speakers(q, "正在进行游说") == ["Yann LeCun"]



def test_a_new_letter_to_someone_is_not_an_older_letter_of_its_recipient():
    s = make_sentences(["纽森在否决信中写道：“这个法案只看模型大小。”",
                        "辛顿背书了一封由多名员工联署、送交纽森的公开信，信中警告强大的模型可能被滥用。"])
    q = extract_quotes(s, make_mentions(s, [("纽森", "Gavin Newsom", "person"), ("辛顿", "Geoffrey Hinton", "person")]))
    assert speakers(q, "只看模型大小") == ["Gavin Newsom"]
    assert "Gavin Newsom" not in speakers(q, "可能被滥用")  # the recipient did not write it
