"""One test per page shape of evaluation/SHAPES.md: a line (or a page head) in, the hand-read date,
title or junk class out. Lines are written for these tests in the catalogued formats."""
from __future__ import annotations

import re

import pytest

from kaiyuan.clean import clean_text
from kaiyuan.metadata import credit_fields, date_lines, find_credits, find_published, fused_headline

BODY = "Meta周二发布了新一代开源模型，并在多个基准测试上取得领先成绩，研究人员认为这将改变行业格局。"
BODY2 = "开发者社区随即展开讨论，有人称赞其许可证更宽松，也有人担心大公司借开源之名扩大影响力。"
BODY3 = "分析人士指出，开放权重模型的竞争正在加速，价格下降将让更多中小企业用上先进模型。"
BODY_TW = "Meta週二發布新一代開源模型，並在多項基準測試上取得領先，研究人員認為這將改變產業格局。"
TITLE = "Meta发布新一代开源模型：能否撼动闭源阵营"


def page(*head: str, foot: tuple[str, ...] = ()) -> list[str]:
    return [TITLE, *head, BODY, BODY2, *foot]


# ---------------------------------------------------------------- dates (D codes)
@pytest.mark.parametrize("code, line, expected", [
    ("D1 date alone", "2025-01-27", "2025-01-27"),
    ("D1 date and time", "2024/04/20 05:30", "2024-04-20"),
    ("D2 date, time and source", "2025-01-27 08:42  来源：某某科技网", "2025-01-27"),
    ("D2 traditional labels", "發布時間：2025年01月27日 08:42 來源：某某新聞網", "2025-01-27"),
    ("D3 labelled, slashes", "更新時間：2025/01/28", "2025-01-28"),
    ("D3 labelled, dots", "发布日期：2024.07.23", "2024-07-23"),
    ("D4 weekday in brackets after a byline", "2025年2月3日（星期一）　記者區嘉敏", "2025-02-03"),
    ("D5 Minguo year", "民國114年11月21日", "2025-11-21"),
    ("D5 Minguo slashes", "114/12/03", "2025-12-03"),
    ("D6 full-width digits", "２０２５年１月２７日", "2025-01-27"),
    ("D7 Chinese numerals", "二〇二五年九月三十日", "2025-09-30"),
    ("D10 reading-time strip", "・2024/10/03 ・1850字 ・閱讀時間約 6 分鐘", "2024-10-03"),
    ("D13 English label", "Created on:2024-07-12 09:21:37", "2024-07-12"),
    ("D14 compact digits", "发布 20250727", "2025-07-27"),
])
def test_a_page_date_line_gives_the_publication_date(code, line, expected):
    got = find_published(page(line))
    assert got is not None and got.date == expected, code


# Variants written for these tests: other widths, numerals, calendars, labels and orders.
@pytest.mark.parametrize("code, line, expected", [
    ("D1 slashes without padding", "2025/1/27", "2025-01-27"),
    ("D1 ISO timestamp", "2025-01-27T08:42:00+08:00", "2025-01-27"),
    ("D1 date in brackets", "【2025-01-27】", "2025-01-27"),
    ("D6 full-width digits with full-width dashes", "２０２５－０１－２７", "2025-01-27"),
    ("D6 full-width slashes and time", "２０２５/０１/２７　１４:０５", "2025-01-27"),
    ("D7 numerals with the circle zero", "二○二四年十二月三日", "2024-12-03"),
    ("D7 numerals with 零", "二零二五年三月一日", "2025-03-01"),
    ("D5 Republic of China in full, weekday", "中華民國114年1月27日（星期一）", "2025-01-27"),
    ("D5 Minguo year without 民國", "114年1月27日 週一", "2025-01-27"),
    ("D5 Minguo dots", "114.01.27", "2025-01-27"),
    ("D4 weekday in half-width brackets", "2025年1月27日(週一)", "2025-01-27"),
    ("D4 weekday between date and time", "2025-01-27（周一）14:30", "2025-01-27"),
    ("D4 byline then date and weekday", "記者王小明／台北報導　2025年1月27日（週一）", "2025-01-27"),
    ("D3 'updated' with dots", "更新時間：2025.01.28", "2025-01-28"),
    ("D2 source first", "來源：某某科技網 2025-01-27 08:42", "2025-01-27"),
    ("D2 outlet first, unlabelled", "某某科技網 2025-01-27 08:42:11", "2025-01-27"),
    ("D2 time in 时/分 units", "来源：某某日报 2025年01月27日 08时42分", "2025-01-27"),
    ("D2 spaced colons and an empty counter", "发布时间 : 2025-01-27 08:42:11        来源 : 某某网     浏览次数 :", "2025-01-27"),
    ("D2 bars between date, source and author", "2025年01月27日 08:42 | 来源：某某网 | 作者：张三", "2025-01-27"),
    ("D3 'posted on' in English", "Posted on 2025-01-27", "2025-01-27"),
    ("D13 English month first", "Jan 27, 2025", "2025-01-27"),
    ("D13 English day first", "27 January 2025", "2025-01-27"),
    ("D12 day first when the day cannot be a month", "27/01/2025", "2025-01-27"),
    ("D14 name glued to the time", "2025-01-27 00:00:00王小明", "2025-01-27"),
    ("D18 category, date-time and city", "AI　　2025-01-27 14:03　　上海", "2025-01-27"),
    ("D19 dot-separated strip", "科技 · 2025-01-27 · 第 12 期", "2025-01-27"),
    ("D1 morning/afternoon time", "2025年1月27日 下午 3:05", "2025-01-27"),
])
def test_date_line_variants_give_the_publication_date(code, line, expected):
    got = find_published(page(line))
    assert got is not None and got.date == expected, code


@pytest.mark.parametrize("line", [
    "05/01/2025",      # D12 day-first or month-first cannot be told: no date rather than a guess
    "1月27日 2025年",  # a year after a year-less date is not one date
])
def test_ambiguous_date_lines_give_no_date(line):
    assert find_published(page(line)) is None


def test_d8_a_date_at_the_foot_counts_when_the_head_has_none():
    got = find_published([TITLE] + [BODY] * 30 + ["（完）2023.11.03"])
    assert (got.date, got.kind) == ("2023-11-03", "foot")


def test_d9_published_wins_over_updated_on_the_same_line_and_on_others():
    assert find_published(page("发布时间：2025-07-21 09:15　更新时间：2025-08-01 18:40")).date == "2025-07-21"
    assert find_published(page("更新时间：2025-08-01", "发布时间：2025-07-21")).date == "2025-07-21"
    assert find_published(page("更新时间：2025-08-01")).kind == "updated"


@pytest.mark.parametrize("line", [
    "去年7月23日，Meta发布了Llama 3.1 405B，扎克伯格同时发表公开信，称开源AI是未来的方向。",  # a body sentence
    "05-08",                      # D11 a date without a year: never completed by guessing
    "admin3个月前 (11-08)科技",   # D16 a relative date in a meta strip
    "新知科技網·開源觀察10月31日電",  # B3 a dateline without a year
])
def test_no_date_is_taken_from_body_sentences_or_invented_for_year_less_dates(line):
    assert find_published(page(line)) is None


def test_a_date_line_is_removed_as_metadata_and_never_reaches_the_body():
    cleaned = clean_text("\n".join(page("2025-01-27 08:42  来源：某某科技网")))
    assert "来源" not in cleaned.text and cleaned.title == TITLE


# ---------------------------------------------------------------- titles
@pytest.mark.parametrize("code, head", [
    ("J1 breadcrumb above the headline", ["首页 > 科技 > 人工智能 > 正文", TITLE]),
    ("J25 masthead with section", ["维港日报 ｜ 国际财经", TITLE]),
    ("J25 outlet name alone", ["莱茵之声华语网", TITLE]),
    ("J3 follow prompt", ["点击上方蓝字「开源前哨站」关注我们，星标不迷路", TITLE]),
    ("J29 ticker of other headlines", ["快讯", "天文台：未来两日天气较为潮湿", "港股半日收市恒指窄幅上落", TITLE]),
    ("J32 bracketed column label", ["【开源观察】", TITLE]),
    ("A11 English headline under the Chinese one", [TITLE, "Meta Releases New Open Model: Can It Take On Closed Rivals"]),
])
def test_the_headline_is_found_under_page_chrome(code, head):
    cleaned = clean_text("\n".join(head + ["2025-01-27 08:42", BODY, BODY2]))
    assert cleaned.title == TITLE, code


@pytest.mark.parametrize("code, head", [
    ("J1 breadcrumb with a location label", ["当前位置：首页 > 科技 > 正文", TITLE]),
    ("J1 'your location' breadcrumb", ["您的位置：首页 > 新闻中心", TITLE]),
    ("D2 date line above the headline", ["發佈：2025年8月6日 18:20（北京時間）", TITLE]),
    ("B2 compilation note above the headline", ["（综合外电报导）", TITLE]),
    ("J12 editor's note above the headline", ["编者按：本文编译自英文报道，有删节", TITLE]),
    ("J12 original-title note", ["原标题：Meta新模型来了", TITLE]),
    ("J3 follow prompt on a fan page", ["歡迎追蹤我們的 Facebook 粉絲專頁", TITLE]),
    ("J14 skip link and menu", ["跳到主要內容", "選單", TITLE]),
    ("J22 audio player", ["聽新聞", "0:00 / 0:00", TITLE]),
    ("J32 bracketed column label glued to the headline", ["【开源观察】" + TITLE]),
    ("J32 bracketed exclusive tag glued to the headline", ["【獨家】" + TITLE]),
])
def test_the_title_is_never_a_breadcrumb_date_prompt_or_note(code, head):
    cleaned = clean_text("\n".join(head + [BODY, BODY2]))
    assert cleaned.title == TITLE, code


@pytest.mark.parametrize("code, head", [
    ("A3 headline fused with date and source", [TITLE + " 2025-01-27 来源：某某日报"]),
    ("A3 date glued before the headline", ["2025-01-27" + TITLE]),
    ("J14 many UI tokens above the headline", ["首页", "新闻", "科技", "财经", "国际", "体育", "娱乐", "汽车", "房产",
                                               "教育", "健康", "旅游", "登录", TITLE, "2025-01-27 08:42"]),
])
def test_the_headline_is_found_when_fused_with_a_date_or_under_many_ui_tokens(code, head):
    lines = head + [BODY, BODY2]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.title == TITLE, code
    assert find_published(lines).date == "2025-01-27"
    assert "2025-01-27" not in cleaned.text


@pytest.mark.parametrize("line", [
    "某某前線 DigiFront｜AI趨勢｜114/11/21",      # a section strip with bars is no headline
    "・1850字 ・閱讀時間約 6 分鐘 ・2024/10/03",  # nor is a reading-time strip
])
def test_a_date_strip_is_not_split_into_a_headline(line):
    assert fused_headline(line) == ("", line)


def test_a_summary_label_opening_the_standfirst_stays_with_it():
    standfirst = "【摘要】Meta发布新一代开源模型，在多项推理基准上接近闭源系统，并同步公开训练数据与技术报告。"
    cleaned = clean_text("\n".join([TITLE, standfirst, BODY, BODY2]))
    assert standfirst in cleaned.text.split("\n")


def test_b4_an_author_appended_to_the_headline_is_not_part_of_the_title():
    cleaned = clean_text("\n".join([TITLE + "/程弘毅评", BODY, BODY2]))
    assert cleaned.title == TITLE


def test_a_question_headline_is_not_mistaken_for_a_body_paragraph():
    question = "月之暗面开源兆级参数 Kimi K2：中国开放模型的「第二个 DeepSeek 时刻」来了吗？"
    cleaned = clean_text("\n".join(["新芽科技志 ｜ AI 前线", question, BODY, BODY2]))
    assert cleaned.title == question


# ---------------------------------------------------------------- junk classes (J, B codes)
@pytest.mark.parametrize("code, line, reason", [
    ("B1 reporter and editor", "记者 林若舟    编辑：何知远", "byline"),
    ("B1 bracketed editors", "（编译：萧雨岚　责任编辑：杜朗）", "byline"),
    ("B1 translator and proofreader", "译者：林晓澄　校对：韩默", "byline"),
    ("B2 compilation credit", "（综合外电报导）", "repost_notice"),
    ("B2 outlets compiled", "（本报综合路透社、《纽约时报》报道）", "repost_notice"),
    ("J2 share bar with network names", "分享至：Facebook　WhatsApp　Telegram　X", "share_prompt"),
    ("J2 share items alone", "LINE", "share_prompt"),
    ("J3 star prompt", "关注AI深水区，星标不迷路", "subscription_pitch"),
    ("J4 app download", "下载港数通App，科技新闻即时推送", "ad"),
    ("J5 bracketed ad", "【广告】企业上云季 | 高性能GPU算力限时特惠", "ad"),
    ("J5 promotion", "【推广】云上GPU算力限时特惠，新用户首月低至5折", "ad"),
    ("J7 engagement counters", "点赞 126 评论 48", "share_prompt"),
    ("J7 like and 'in view' prompt", "觉得有用，就点个“赞”和“在看”吧", "share_prompt"),
    ("J8 copyright", "版权所有 © 2023 某某网 未经授权不得转载", "copyright"),
    ("J8 originality notice", "（本文为某某网原创稿件）", "copyright"),
    ("J9 social-link footer", "Facebook：https://www.facebook.com/example", "spam_links"),
    ("J9 site link", "官網：www.example.com.tw", "spam_links"),
    ("J10 caption opening with its credit", "（圖／路透社）Meta執行長祖克柏近年力推開放模型路線。", "photo_credit"),
    ("J12 editor's note about the text", "编者按：本文编译自一篇英文科技评论，经编辑部校对。", "repost_notice"),
    ("J12 repost credit", "本文经授权编译，转载请注明出处", "repost_notice"),
    ("J13 tag line", "标签：DeepSeek 开源大模型 MoE", "hashtag"),
    ("J17 keyword-stuffed site banner", "欢迎您访问某某生活资讯网，本站热门关键词：二手叉车 驾校报名", "spam_links"),
    ("J19 font-size controls", "字体：大 中 小", "page_furniture"),
    ("J20 weather widget", "10/07 週一 台北市 24°C", "page_furniture"),
    ("J28 report button", "檢舉", "page_furniture"),
    ("J15 login prompt", "登录后可收藏", "page_furniture"),
    ("J16 cookie banner", "We use cookies to improve your experience.", "cookie_banner"),
    ("J23 code-block furniture", "bash 复制代码", "page_furniture"),
    ("J24 contents list heading", "内容大纲", "page_furniture"),
    ("J30 academic metadata", "【关键词】小型语言模型；装置端推论", "page_furniture"),
    ("J31 pager", "1 2 下一页", "page_furniture"),
    ("D16 relative date strip", "admin3个月前 (11-08)科技1,326", "page_furniture"),
    ("A32 emoji in front of an app pitch", "📱 下載港數通App，科技新聞即時推送！", "ad"),
    ("A32 engagement bar with icons", "👍 赞同 2.1K　　💬 346 条评论　　⭐ 收藏", "share_prompt"),
    ("J10 caption marked with a triangle", "▲英偉達上週一錄得自2020年3月以來最差單日表現。（資料圖片）", "photo_credit"),
    ("J10 caption naming its source", "Meta总部外的公司标志。图片来源：路透社（资料图）", "photo_credit"),
    ("J12 bracketed repost note", "（本文轉載自新知科技網，原文為簡體中文，經繁體轉換）", "repost_notice"),
])
def test_each_junk_class_is_removed_with_its_reason(code, line, reason):
    cleaned = clean_text("\n".join([TITLE, BODY, line, BODY2, BODY3]))
    got = {r.text: r.reason for r in cleaned.removed}
    assert got.get(line.strip()) == reason, (code, got)
    assert all(b in cleaned.text.split("\n") for b in (BODY, BODY2, BODY3))


# Variants written for these tests (other script, width, brackets, label words) of each class above.
@pytest.mark.parametrize("code, line, reason", [
    ("J1 breadcrumb with a location label", "当前位置：首页 > 科技 > 正文", "navigation"),
    ("J1 traditional, half-width colon", "當前位置: 首頁 > 科技 > 人工智慧", "navigation"),
    ("J1 'your location' label", "您的位置：网站首页 > 新闻中心 > 行业动态", "navigation"),
    ("J1 guillemet separators", "首頁 » 財經 » 國際", "navigation"),
    ("J2 share label alone", "分享：", "share_prompt"),
    ("J2 English share line", "Share on Facebook", "share_prompt"),
    ("J2 share thumbnail alt text", "分享縮略圖", "share_prompt"),
    ("J3 follow our fan page", "歡迎追蹤我們的 Facebook 粉絲專頁", "subscription_pitch"),
    ("J3 scan to follow", "掃描二維碼關注我們", "subscription_pitch"),
    ("J3 English follow prompt", "Follow us on Twitter", "subscription_pitch"),
    ("J4 open the app to read on", "打开APP阅读更多精彩内容", "ad"),
    ("J4 open the app to read the full text", "打開App，閱讀全文", "share_prompt"),
    ("J5 ad space for rent", "广告位招租", "ad"),
    ("J5 ad marker in Latin", "AD", "ad"),
    ("J6 recommended news", "推薦新聞", "related_links"),
    ("J6 most popular", "最受歡迎", "related_links"),
    ("J6 you may also like", "你可能也喜歡", "related_links"),
    ("J6 see more", "看更多", "related_links"),
    ("J7 comment button alone", "评论", "page_furniture"),
    ("J7 no comments yet", "暂无评论", "page_furniture"),
    ("J7 invitation to comment", "欢迎在评论区留下你的看法", "comment_form"),
    ("J8 reposting rule alone", "轉載請註明出處", "copyright"),
    ("J10 file-photo note", "（資料照）", "photo_credit"),
    ("J10 file-photo note, half-width", "(資料照片)", "photo_credit"),
    ("J10 bracketed agency alone", "（法新社）", "photo_credit"),
    ("J12 reposted-from label", "转载自：某某网", "repost_notice"),
    ("J14 skip link", "跳到主要內容", "navigation"),
    ("J14 menu word", "菜单", "navigation"),
    ("J18 labelled view counter", "浏览量：3562", "share_prompt"),
    ("J19 font-size label", "字型大小：", "page_furniture"),
    ("J22 player control", "播放速度", "page_furniture"),
    ("B1 reporter and place in tortoise-shell brackets", "〔記者王小明／台北報導〕", "byline"),
    ("B1 'text by' with a full-width slash", "文／陳美玲", "byline"),
    ("B2 bracketed wire dateline alone", "（中央社記者王小明台北5日電）", "byline"),
])
def test_junk_class_variants_are_removed_with_their_reason(code, line, reason):
    cleaned = clean_text("\n".join([TITLE, BODY, line, BODY2, BODY3]))
    got = {r.text: r.reason for r in cleaned.removed}
    assert got.get(line.strip()) == reason, (code, got)
    assert all(b in cleaned.text.split("\n") for b in (BODY, BODY2, BODY3))


# Shapes seen on more pages (SHAPES.md, second sample): each a line in, its class out.
@pytest.mark.parametrize("code, line, reason", [
    ("B1 outlet tag in square brackets before a byline", "[某某新聞網]記者蔡曉容／綜合報導", "byline"),
    ("B1 compiler / wire compilation", "編譯劉忠勇／綜合外電", "byline"),
    ("B1 bulleted author line", "- 作者: 多梦笔记", "byline"),
    ("J5 'keep reading below' under an ad slot", "請繼續往下閱讀...", "ad"),
    ("D10 reading-time strip without a date", "更新於 發佈於 閱讀時間約 4 分鐘", "page_furniture"),
    ("J14 account chrome", "我的頻道", "page_furniture"),
    ("J14 English skip links", "Jump to navigation Jump to search", "navigation"),
    ("J16 browser notice naming browsers", "為達最佳瀏覽效果，建議使用 Chrome、Firefox 或 Microsoft Edge 的瀏覽器。", "cookie_banner"),
    ("J3 follow-us after a clause", "緊貼最新科技資訊、網購優惠，追隨 某某科技 各大社交平台！", "subscription_pitch"),
    ("J12 aggregator snapshot link", "快照地址: 访问文章快照", "repost_notice"),
    ("J1 breadcrumb with '›' and a column", "今天看啥  ›  专栏  ›  某某研究院", "navigation"),
    ("B1 column-name credit", "专栏名称: 某某研究院", "byline"),
    ("J17 site welcome line", "欢迎来到某某网站建设!", "spam_links"),
])
def test_second_sample_shapes_are_removed_with_their_reason(code, line, reason):
    cleaned = clean_text("\n".join([TITLE, BODY, line, BODY2, BODY3]))
    assert cleaned.text == "\n".join([TITLE, BODY, BODY2, BODY3]), code
    assert [r.reason for r in cleaned.removed] == [reason], code


@pytest.mark.parametrize("code, line, rest, rule", [
    ("B1 bracketed byline glued to the first sentence", "〔記者王小明／台北報導〕Meta昨天宣布開源新模型。", "Meta昨天宣布開源新模型。", "byline_prefix"),
    ("B1 bracketed compiler glued to the first sentence", "〔編譯魏國金／台北報導〕Meta推出其AI模型Llama。", "Meta推出其AI模型Llama。", "byline_prefix"),
    ("B2 wire dateline glued to the first sentence", "（中央社記者王小明台北5日電）Meta昨天宣布開源新模型。", "Meta昨天宣布開源新模型。", "byline_prefix"),
    ("A15 numeric entities that lost their '&'", "DeepSeek火了#xff0c;春节假期没看。", "DeepSeek火了，春节假期没看。", "bare_entity"),
])
def test_glued_credits_and_broken_entities_are_repaired_and_recorded(code, line, rest, rule):
    cleaned = clean_text("\n".join([TITLE, line, BODY]))
    assert rest in cleaned.text.split("\n"), code
    assert [r.rule for r in cleaned.repairs] == [rule]


def test_a_glued_byline_names_the_author(tmp_path):
    from kaiyuan.corpus import load_corpus

    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("\n".join([TITLE, "〔記者王小明／台北報導〕Meta昨天宣布開源新模型。", BODY]), encoding="utf-8")
    assert load_corpus(root, progress=False).articles.author.tolist() == ["王小明"]


@pytest.mark.parametrize("code, line, reason", [
    ("J8 site-registration footer", "主办单位：某某资讯网编辑部　网站标识码：XX0000000001", "copyright"),
    ("J8 licence number", "京ICP备12345678号", "copyright"),
    ("A10 image word alone", "圖片", "photo_credit"),
    ("A10 empty markdown image", "![](https://img.example.com/a.png)", "photo_credit"),
])
def test_foot_and_placeholder_lines_are_removed_and_the_paragraph_above_stays(code, line, reason):
    short = "Meta周二发布了新模型。"  # a short paragraph above a placeholder is not its caption
    cleaned = clean_text("\n".join([TITLE, BODY, short, line, BODY2]))
    assert {r.text: r.reason for r in cleaned.removed} == {line: reason}, code


def test_a15_markup_escaped_as_json_is_decoded_then_removed():
    cleaned = clean_text("\n".join([TITLE, BODY, "\\u003cp\\u003e\\u003cspan\\u003e图片\\u003c/span\\u003e\\u003c/p\\u003e", BODY2]))
    assert cleaned.text == "\n".join([TITLE, BODY, BODY2])


def test_an_update_label_opening_a_paragraph_is_cut_and_recorded():
    cleaned = clean_text("\n".join([TITLE, BODY, "【8月1日更新】谷歌宣布将签署该准则。", BODY2]))
    assert "谷歌宣布将签署该准则。" in cleaned.text.split("\n")
    assert [r.rule for r in cleaned.repairs] == ["update_label_prefix"]


@pytest.mark.parametrize("code, line", [
    ("J25 masthead under the headline", "澳聲晨報"),
    ("J25 e-paper masthead", "某某日报电子版"),
    ("B5 bare name with a full stop", "林卓軒。"),
    ("J13 category tag under the headline", "人工智慧"),
])
def test_a_masthead_or_bare_name_between_headline_and_body_is_removed(code, line):
    cleaned = clean_text("\n".join([TITLE, line, BODY, BODY2]))
    assert cleaned.title == TITLE and cleaned.text == "\n".join([TITLE, BODY, BODY2]), code
    assert [r.reason for r in cleaned.removed] == ["masthead"]


def test_a_short_subheading_further_down_is_not_a_category_tag():
    lead = "布鲁塞尔消息，欧洲议会周三通过了法案。"  # a lead too short to count as the first body paragraph
    cleaned = clean_text("\n".join([TITLE, lead, "豁免条款", BODY]))
    assert "豁免条款" in cleaned.text.split("\n")


def test_j25_the_outlet_name_closing_the_page_above_its_link_footer_is_removed():
    cleaned = clean_text("\n".join([TITLE, BODY, BODY2, "某某之聲 華語網", "Facebook：https://www.facebook.com/example"]))
    assert cleaned.text == "\n".join([TITLE, BODY, BODY2])
    assert [r.reason for r in cleaned.removed] == ["masthead", "spam_links"]


def test_a16_a_paragraph_printed_twice_counts_once():
    other = "另一段正文：开源模型的许可证条款各不相同，开发者在商用之前需要逐条核对，以免违约。"
    cleaned = clean_text("\n".join([TITLE, BODY, other, BODY]))
    assert cleaned.text == "\n".join([TITLE, BODY, other])
    assert [r.reason for r in cleaned.removed] == ["repeated_paragraph"]


def test_j24_a_table_of_contents_above_the_body_goes_and_the_subheadings_stay():
    toc = ["一、三个版本，Apache-2.0", "二、“思考预算”是什么"]
    cleaned = clean_text("\n".join([TITLE, *toc, BODY, toc[0], BODY2, toc[1], BODY3]))
    assert cleaned.text == "\n".join([TITLE, BODY, toc[0], BODY2, toc[1], BODY3])
    assert [r.reason for r in cleaned.removed] == ["contents_list"] * 2


def test_one_short_line_repeated_later_is_no_table_of_contents():
    kicker = "开源大模型之争"
    cleaned = clean_text("\n".join([TITLE, kicker, BODY, kicker, BODY2]))
    assert cleaned.text.split("\n").count(kicker) == 2


def test_a24_a_url_inside_a_sentence_is_cut_and_recorded():
    line = "開發者可在Hugging Face（https://huggingface.co/ibm-granite）及GitHub下載模型。"
    cleaned = clean_text("\n".join([TITLE, BODY, line, BODY2]))
    assert "開發者可在Hugging Face及GitHub下載模型。" in cleaned.text.split("\n")
    assert [r.rule for r in cleaned.repairs] == ["inline_url"]


def test_a_body_paragraph_of_three_clauses_above_a_credit_is_not_taken_for_its_caption():
    cleaned = clean_text("\n".join([TITLE, BODY, BODY2, "圖／路透社", BODY3]))
    assert all(b in cleaned.text.split("\n") for b in (BODY, BODY2, BODY3))
    assert [r.reason for r in cleaned.removed] == ["photo_credit"]


def test_a_short_caption_above_a_credit_still_goes():
    caption = "祖克柏在發表會上演講。"
    cleaned = clean_text("\n".join([TITLE, BODY, caption, "圖／路透社", BODY2]))
    assert {r.text: r.reason for r in cleaned.removed}[caption] == "photo_caption"


@pytest.mark.parametrize("code, line, rest", [
    ("B2 credit glued to the first paragraph", "（綜合外電報導）北京人工智慧公司智譜上週一發布新模型。", "北京人工智慧公司智譜上週一發布新模型。"),
    ("B3 dateline with a year-less date", "新知科技網·開源觀察10月31日電 開放原始碼促進會發布定義。", "開放原始碼促進會發布定義。"),
    ("B3 outlet self-reference", "东岸财经网讯 欧盟委员会公布行为准则。", "欧盟委员会公布行为准则。"),
])
def test_credits_and_datelines_glued_to_a_paragraph_are_cut_and_recorded(code, line, rest):
    cleaned = clean_text("\n".join([TITLE, line, BODY, BODY2]))
    assert rest in cleaned.text.split("\n"), code
    assert {r.rule for r in cleaned.repairs} & {"credit_prefix", "dateline_prefix"}


def test_a4_a_teaser_glued_to_a_paragraph_is_cut_and_the_paragraph_kept():
    cleaned = clean_text("\n".join([TITLE, BODY, BODY2 + "延伸阅读：手把手教你跑通大模型", BODY3]))
    assert all(b in cleaned.text.split("\n") for b in (BODY, BODY2, BODY3)) and "延伸阅读" not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["tail_teaser"]


@pytest.mark.parametrize("sentence", [
    "他说，用户可以下载该公司的App来试用新模型，下载量在一周内突破百万。",
    "许可证规定，未经Meta同意，月活超过7亿的公司不得使用该模型。",
    "记者在现场看到，参会者对开源模型的兴趣明显高于去年。",
    "欢迎讨论的不只是开发者，政策制定者也加入了这场争论。",
    "許可證規定，轉載請註明出處並不足以滿足開源定義的要求。",  # a reposting rule inside a sentence
    "性能对比：Llama 3 > GPT-3.5 > Llama 2",                   # '>' chain without a navigation word
    "评论区里网友认为，这次发布标志着开源阵营的胜利。",
    "该公司表示，用户可以打开App体验新模型，也可以通过网页版访问。",
    "跳到下一个话题之前，我们先看看数据。",
    "谷歌建议开发者使用Chrome浏览器访问新模型的演示页面。",
])
def test_body_sentences_with_junk_words_stay(sentence):
    cleaned = clean_text("\n".join([TITLE, BODY, sentence, BODY2, BODY3]))
    assert sentence in cleaned.text.split("\n")


def test_date_lines_are_only_looked_for_at_the_head_and_the_foot():
    lines = [TITLE] + [BODY] * 30 + ["2024-03-28"] + [BODY] * 30
    assert date_lines(lines) == []


# ---------------------------------------------------------------- credits (author, outlet)
@pytest.mark.parametrize("code, line, expected", [
    ("B1 reporter and editor", "记者 林若舟    编辑：何知远", {"author": "林若舟", "other": "何知远"}),
    ("B1 unlabelled name, then editor", "乔一帆　编辑｜宋南枝", {"bare": "乔一帆", "other": "宋南枝"}),
    ("B1 author and column", "作者：老K在调参 ｜ 专栏：模型观察室 ｜ 阅读 3.2k", {"author": "老K在调参", "outlet": "模型观察室"}),
    ("B1 reporter / place report", "記者王小明／台北報導", {"author": "王小明"}),
    ("B1 reporter, spaced 'report'", "記者 關子謙 報道", {"author": "關子謙"}),
    ("B1 our reporter", "本報記者 區嘉敏", {"author": "區嘉敏"}),
    ("B1 'text by' with a bar", "文 | 陈美玲", {"author": "陈美玲"}),
    ("B2 bracketed compiler and editor", "（编译：萧雨岚　责任编辑：杜朗）", {"compiler": "萧雨岚", "other": "杜朗"}),
    ("B1 Latin name", "Parmy Olson", {"bare": "Parmy Olson"}),
    ("B1 English by-line", "By Kyle Wiggers", {"author": "Kyle Wiggers"}),
    ("D15 source label", "來源：澳聲晨報", {"outlet": "澳聲晨報"}),
])
def test_a_credit_line_names_author_outlet_and_others(code, line, expected):
    assert {k: v for k, v in credit_fields(line).items() if k != "other" or "other" in expected} == expected, code


@pytest.mark.parametrize("code, removed, suffix, expected", [
    ("labelled author over an unlabelled name", [("byline", "林子瑜"), ("byline", "作者：程一苇")], "", ("程一苇", "")),
    ("a compiler when no writer is named", [("byline", "译者：林晓澄　校对：韩默")], "", ("林晓澄", "")),
    ("an editor is never the author", [("byline", "（责任编辑：陈思远）")], "", ("", "")),
    ("D4 reporter on the date line", [("date_line", "2024年8月5日（星期一）　記者 區穎芝")], "", ("區穎芝", "")),
    ("D14 name glued to the date", [("date_line", "2025-08-22 00:00:00苏沐阳")], "", ("苏沐阳", "")),
    ("D2 source on the date line", [("date_line", "2024-07-05 06:30:00 来源：浦江科技报")], "", ("", "浦江科技报")),
    ("J25 masthead and B5 bare name", [("masthead", "澳聲晨報"), ("masthead", "林卓軒。")], "", ("林卓軒", "澳聲晨報")),
    ("J25 chrome above the headline", [("above_headline", "快訊"), ("above_headline", "維港晨訊網上版｜科技")], "",
     ("", "維港晨訊")),
    ("B4 opinion signature on the headline", [], "/程弘毅評", ("程弘毅", "")),
    ("outlet appended to the headline", [], " - 彭博社", ("", "彭博社")),
    ("D15 source and author with stray marks", [("byline", "来源:某某研究院,作者:?宋海燕?")], "", ("宋海燕", "某某研究院")),
    ("a link is no outlet", [("date_line", "2024-12-26 来源:https://blog.example.net/1")], "", ("", "")),
    # session 10: the reporter a wire dateline names is the author (codebook: the reporter named in the byline); the place
    # and day after the name are cut by the dateline places (metadata.yaml credits.wire_name_tail)
    ("a wire dateline names its reporter, its agency is the outlet", [("byline", "（中央社記者王小明台北5日電）")], "",
     ("王小明", "中央社")),
    ("a date and place are neither", [("date_line", "科技專欄   2024-10-03 09:30   臺北")], "", ("", "")),
])
def test_credits_come_from_the_lines_cleaning_set_aside(code, removed, suffix, expected):
    assert find_credits(removed, suffix) == expected, code


@pytest.mark.parametrize("code, removed, outlet", [
    ("J1 masthead with section words after full-width spaces", [("above_headline", "澳聲晨報　國際版")], "澳聲晨報"),
    ("J1 masthead with dotted sections", [("above_headline", "南洋观察报 · 国际 · 科技")], "南洋观察报"),
    ("J1 masthead with its Latin brand", [("above_headline", "科技前沿 TechFront｜AI趨勢")], "科技前沿 TechFront"),
    ("J1 masthead in the navigation bar", [("spam_links", "星河网 | 科技 | 财经 | 视频")], "星河网"),
    ("J1 a navigation bar is no masthead", [("spam_links", "首页 | 科技 | 财经 | 视频")], ""),
    ("J8 copyright holder", [("copyright", "版权所有 © 2024 星河网 未经授权不得转载")], "星河网"),
    ("J8 copyright holder after a colon", [("copyright", "版權所有：南洋觀察報　未經授權不得轉載")], "南洋觀察報"),
    ("J8 copyright sign first", [("copyright", "© 云帆科技 版权所有　商务合作：bd@example.com")], "云帆科技"),
    ("J8 'all rights reserved' names nobody", [("copyright", "版权所有，未经许可不得转载")], ""),
    ("J8 an original of the account", [("copyright", "本文为「深海观察」原创，未经授权禁止转载。")], "深海观察"),
    ("J8 an original of 'the author' names no outlet", [("copyright", "本文为作者原创，转载请联系授权。")], ""),
    ("J3 follow prompt with the account in corner quotes", [("subscription_pitch", "点击上方蓝字「深海观察」关注我们")], "深海观察"),
    ("J3 follow prompt in brackets", [("subscription_pitch", "【追蹤科技前沿】掌握最新動態，歡迎按讚訂閱！")], "科技前沿"),
    ("J3 follow the WeChat account", [("subscription_pitch", "欢迎关注塞北华语广播微信公众号及视频号")], "塞北华语广播"),
    ("J3 a line that only says follow", [("after_related_links", "追蹤晶片週報")], "晶片週報"),
    ("J12 reposted from an account", [("repost_notice", "本文转载自公众号“深海观察”，已获授权。")], "深海观察"),
    ("WeChat 'original' header", [("page_furniture", "原创 深海观察 深海观察")], "深海观察"),
    ("a section word on the date line is no outlet", [("date_line", "即時新聞 · 2025-05-08 · 第 8872 期")], ""),
    ("a labelled source wins over the copyright", [("copyright", "版权所有 © 2024 星河网"), ("date_line", "2024-07-05 来源：浦江科技报")],
     "浦江科技报"),
])
def test_the_outlet_a_page_names_for_itself_outside_its_byline(code, removed, outlet):
    assert find_credits(removed)[1] == outlet, code


# ---------------------------------------------------------------- metadata lines never reach the analysis
def test_no_mention_quote_or_event_comes_from_a_metadata_credit_or_link_line(tmp_path):
    from kaiyuan.pipeline import run

    page_lines = [
        "当前位置：首页 > 科技 > 正文",
        "Meta开源新模型：谷歌与OpenAI如何应对",
        "2025-01-27 08:42　来源：谷歌中文网",              # date + source naming an actor
        "记者 林若舟　编辑：何知远",
        "（圖／路透社）",
        "Meta周二发布了新一代开源模型Llama 4，并在多个基准测试上取得领先成绩。",
        "OpenAI首席执行官表示：“我们会在下个月发布开放权重模型。”",
        "Facebook：https://www.facebook.com/Meta",          # social link naming an actor
        "开发者可在Hugging Face（https://huggingface.co/meta-llama）下载模型。",
        "版权所有 © 2025 某某网 未经授权不得转载",
    ]
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("\n".join(page_lines), encoding="utf-8")
    result = run(root, cache=False)
    sentences = result.corpus.sentences.set_index("sentence_id").text
    used = {name: {sentences[s] for s in result[name].sentence_id} for name in ("mentions", "quotes", "events")}
    for name, texts in used.items():
        for text in texts:
            assert not re.search(r"来源|记者|https?://|facebook|版权|首页|路透", text, re.I), (name, text)
    assert "huggingface.co" not in " ".join(result["mentions"].surface)
    assert used["quotes"] and used["mentions"]


# ---------------------------------------------------------------- third sample (round 2, SHAPES.md section 6)
@pytest.mark.parametrize("code, line, expected", [
    ("D20 outlet, middle dot, date and time", "某某財經·2025-08-29 14:58", "2025-08-29"),
    ("D21 date-time, author and view count between dots", "2026-01-23 06:17:45 · 作者: 小编甲 · 浏览: 6", "2026-01-23"),
    ("D2 unlabelled agency after the time", "2025-03-02 10:31 新华社", "2025-03-02"),
    ("D22 'posted' label with a province after a dot", "发布于 2025-03-02 10:31 · 浙江", "2025-03-02"),
    ("D23 WeChat head: original mark, account, date, place", "原创 某某科技观察 2025年03月02日 10:31 北京", "2025-03-02"),
    ("D24 bare 'time' label with a half-width colon", "时间:2025-05-23 10:21:14", "2025-05-23"),
    ("D2 government strip: source, font size, print, close", "发布时间：2025-03-02 10:31  信息来源：某某部  【字号：大 中 小】 【打印】 【关闭】",
     "2025-03-02"),
    ("D2 portal strip: author, source, counters", "发布时间：2025-03-02 10:31:05 作者：张三 来源：某某网 阅读量：1234 评论：0",
     "2025-03-02"),
])
def test_third_sample_date_lines_give_the_publication_date(code, line, expected):
    got = find_published(page(line))
    assert got is not None and got.date == expected, code


@pytest.mark.parametrize("line", [
    "发布时间：2025-03-02 10:31  信息来源：某某部  【字号：大 中 小】 【打印】 【关闭】",
    "发布时间：2025-03-02 10:31:05 作者：张三 来源：某某网 阅读量：1234 评论：0",
])
def test_a_labelled_metadata_strip_after_the_date_is_no_fused_headline(line):
    assert fused_headline(line) == ("", line)
    assert clean_text("\n".join([TITLE, line, BODY, BODY2])).title == TITLE


def test_d3_a_last_updated_date_at_the_foot_is_taken_when_nothing_else_is_shown():
    got = find_published(page(foot=("最后更新: 2026-04-29",)))
    assert (got.date, got.kind) == ("2026-04-29", "updated")


@pytest.mark.parametrize("code, head", [
    ("T1 page-title template: headline_channel_site", [TITLE + "_人工智能_某某数智网"]),
    ("T1 page-title template: headline_site", [TITLE + "_某某新闻"]),
    ("T2 spam keywords glued after a bar", [TITLE + "|免费在线观看高清完整版"]),
    ("T3 outlet name with its Latin brand", [TITLE + " | 某某數通 DigiPost"]),
    ("T4 wire dateline and title label", ["中新社北京3月2日电 题：" + TITLE]),
    ("T4 title label alone", ["题：" + TITLE]),
    ("T5 headline split over two lines after a colon", ["Meta发布新一代开源模型：", "能否撼动闭源阵营"]),
    ("T6 headline repeated with the outlet suffix", [TITLE, TITLE + " | 某某氪"]),
    ("T10 a dash subtitle longer than the headline", [TITLE, "——专访某某研究院院长林某某谈开源模型的国际合作与治理"]),
])
def test_the_title_chooser_strips_suffixes_and_prefixes_by_class(code, head):
    cleaned = clean_text("\n".join(head + [BODY, BODY2]))
    assert cleaned.title == TITLE, code
    assert cleaned.text.split("\n")[0] == TITLE and cleaned.text.count("能否撼动闭源阵营") == 1, code


@pytest.mark.parametrize("code, head, title", [
    ("an identifier with an underscore is no channel suffix", ["gpt_oss开源权重模型发布：性能接近o4-mini"],
     "gpt_oss开源权重模型发布：性能接近o4-mini"),
    ("a short kicker ending in a colon is not half a headline", ["独家：", TITLE], TITLE),
    ("a headline half with a colon in the second line is not joined", ["开源周报第12期：", TITLE], TITLE),
    ("a column label before a bar is no outlet suffix", ["某某深度观察｜Meta发布新一代开源模型"], "某某深度观察｜Meta发布新一代开源模型"),
])
def test_the_title_chooser_leaves_look_alikes_alone(code, head, title):
    assert clean_text("\n".join(head + [BODY, BODY2])).title == title, code


def test_t6_a_headline_repeated_later_with_the_outlet_appended_counts_once():
    cleaned = clean_text("\n".join([TITLE, BODY, TITLE + "_某某科技_某某网", BODY2]))
    assert cleaned.text == "\n".join([TITLE, BODY, BODY2])
    assert [r.reason for r in cleaned.removed] == ["repeated_title"]


@pytest.mark.parametrize("code, removed, suffix, expected", [
    ("D2 agency after the time, no label", [("date_line", "2025-03-02 10:31 新华社")], "", ("", "新华社")),
    ("D2 outlet before the date, no label", [("date_line", "某某科技網 2025-01-27 08:42:11")], "", ("", "某某科技網")),
    ("D2 agency whose name has no outlet word", [("date_line", "2025-03-02 10:31 路透")], "", ("", "路透")),
    ("D22 a province after the date is no outlet", [("date_line", "发布于 2025-03-02 10:31 · 浙江")], "", ("", "")),
    ("a labelled source wins over the unlabelled one", [("date_line", "2025-03-02 新华社"), ("byline", "来源：某某日报")],
     "", ("", "某某日报")),
    ("T1 the site closes a page-title chain", [], "_人工智能_某某数智网", ("", "某某数智网")),
])
def test_outlets_named_without_a_label(code, removed, suffix, expected):
    assert find_credits(removed, suffix) == expected, code


@pytest.mark.parametrize("code, line, expected", [
    ("B1 column, then the writer", "文 | 某某观察社 林岚", {"author": "林岚", "outlet": "某某观察社"}),
    ("B1 a four-character name with 'report' is one name", "特派記者 歐陽某某 報導", {"author": "歐陽某某"}),
    ("B1 one name alone", "文 | 陈美玲", {"author": "陈美玲"}),
])
def test_a_column_name_before_the_writer_is_the_outlet(code, line, expected):
    assert credit_fields(line) == expected, code


def test_b1_a_label_glued_after_the_name_ends_it():
    assert credit_fields("作者丨林若舟編輯丨何知远、宋南枝")["author"] == "林若舟"


@pytest.mark.parametrize("code, head, expected", [
    ("D2 repost: the site's labelled date, then the original's date and source",
     ["发布时间：2025-03-05 09:00　　字号：大 中 小", "2025-03-02 06:30:00 来源：某某晨报"], ("2025-03-02", "original")),
    ("D2 repost: both lines name a source; the one nearer the body is the original's",
     ["发布时间 : 2025-03-05 15:24:55  来源 : 某某在线  浏览次数 :", "2025-03-02 12:49:15 来源:某某网"], ("2025-03-02", "original")),
    ("D2 repost: the original names its agency without a label",
     ["发布时间：2025-03-05", "2025-03-02 10:31 新华社"], ("2025-03-02", "original")),
    ("one date line with its source is simply published", ["发布时间：2025-03-05 来源：某某网"], ("2025-03-05", "published")),
    ("a later date line without a source is no original", ["发布时间：2025-03-05", "2025-03-02 10:31"], ("2025-03-05", "published")),
    ("an 'updated' line below never counts as the original", ["发布时间：2025-03-02", "更新时间：2025-03-05 来源：某某网"],
     ("2025-03-02", "published")),
])
def test_on_a_repost_page_the_original_date_line_wins(code, head, expected):
    got = find_published(page(*head))
    assert (got.date, got.kind) == expected, code
