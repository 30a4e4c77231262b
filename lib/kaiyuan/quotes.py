"""Direct quotes, reported speech and their speakers.

`extract_quotes(sentences, mentions, registry=None)` finds

* **direct quotes** in “…”, 「…」, 『…』 and "…" (scare-quoted terms such as “开放” are not quotes: a span
  counts when it has >= `min_quote_chars` characters, sentence-final punctuation, or follows
  verb + colon). A quote opened in one sentence and closed in a later one is ONE row anchored to the
  first sentence (`sentence_id`), with every sentence listed in `sentence_ids` ("27;28"). An
  unterminated quote ends at the end of its paragraph;
* **reported speech**: X说/表示/告诉我/称/指出/认为/写道… (+ the rest of the sentence as `quote`; in a
  sentence whose verb introduces a direct quote, the clause before the quote), 据/根据/按照X报道/的说法,
  X在接受…采访时, and speech after a colon without quote marks (他的理由是：…).

Speakers are registry actors (`kaiyuan.actors` mentions): the nearest person/organisation mention
before the speech verb (after the closing mark for “……”X说; the sentence subject, i.e. the first
mention, when the verb opens the clause or follows only connectives such as 并且/还); an addressee
(对路透社表示, 接受…采访) is never the speaker. 他/她/这位 and 该公司/团队/官方/它 resolve to the SUBJECT of the
text before (the first compatible mention of the sentence, else of the nearest earlier sentence within
`subject_window`), not simply the last one named; roles (Meta发言人, 新闻代表, 声明) and documents (报告, 论文,
模型卡, a 《title》) become speakers of their own ("Meta spokesperson") linked to their organisation in
`speaker_org`. An unregistered person named in the subject (Luca Soldaini, 拉戈金斯基（Sergey Lagodinsky）)
is the speaker as written. Weak speech verbs (强调, 提到, 指… `subject_verbs`) count only with a speaking
subject. A quote without attribution takes the attribution in the next sentence ("…如此说道"), the
subject before a colon, the previous quote's speaker, or the nearest speaker around it. Quoted names
(`name_like`) and short scare-quoted terms are not quotes (a short span next to a quotation, separated by a
comma only, is quoted). Unresolved speakers are "" (speaker_surface still shows what was written).

Round 2 (all data in quotes.yaml): a speaking-noun subject is an unnamed speaker as the gold writes it
("unnamed developers", `unnamed_speakers`; 据悉/据报道 `according_unnamed`); a statement/report speaks for the
organisation that issued one of its kind before (`issue_frame`); a joint subject speaks as its first member
(`joint_subject`); a platform where someone speaks is never the speaker (`location_frame`); an organisation +
title + person is the person and a possessed organisation the head (`appositive_title`, `possessive_org`);
他们/两人 resolve like 他 to an organisation or person (`pronouns.group`); 他/她 skip a person of the other
gender known from a title in the article (`gender_titles`); a headline's first actor speaks; a quote after a
line ending with a colon belongs to that line's speaker or subject; published figures speak for their
publisher (`data_shows`).

Round 3 (issue 16, classes counted on 44 real news pages; data in quotes.yaml): an unregistered person named after a
title word (分析师张文怡说, 开发者ehartford指出; `name_titles`, `name_cut_words`) or introduced earlier in the article
(瑟曼（Mark Surman）… 瑟曼认为; Rafael Laguna … Laguna表示) speaks as written; interview transcripts ("梁文锋：…",
"梁：…" after 以下简称“梁”; `interview_line`, `abbreviation`); 在X看来 / 正如X所言 (`viewpoint_frames`); a headline that
is only a quotation; a quoted clause ending in its own comma (“我很担心，”他说); an outlet in 《》 acting as subject
(`outlet_not_after`, `relay_verbs`); 其他 is no pronoun (`pronoun_not_in`); a forum is a place (`location_frame`); an
organisation anaphor takes an organisation that opened a clause (`clause_opening`); a later clause with a subject of its
own is a second speaker; a programme in 《》 speaks for its issuer; 据 + a speaking noun is an unnamed source.

Round 4 (issue 16, session 7, classes of the registry-blind development run, counted on real pages): an organisation the
registry does not know speaks as written when it opens the clause of the verb (Civitai在公告中写道, 千问团队在博文中写道,
X科技回应称; `unregistered_org`), and 研究团队/该团队 refer to one that opened a clause; an unregistered outlet in 《》 with an
outlet's shape acts like a registered one (《自然》（Nature）撰文, 据《连线》杂志报道; `unregistered_outlet`); an
unregistered person opening the clause before "X…，表示…" speaks (by the Latin name in brackets when there is one).

All patterns live in `data/quotes.yaml` and are matched on simplified text, so traditional-script
articles work the same. Their stance per target is `quote_stance(quotes, stance_sentences)`
(see `kaiyuan.stance.predict`).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import load_yaml
from .frames import records
from .script import to_simplified

DATA = Path(__file__).parent / "data" / "quotes.yaml"
QUOTE_COLUMNS = ["quote_id", "article_id", "sentence_id", "sentence_ids", "speaker", "speaker_org", "speaker_surface",
                 "quote", "kind"]
# One row per quote and stance target (every target configured in stance_cues.yaml): long form, so a
# new target needs no new column. `stance_view` pivots it beside the quotes for reading.
QUOTE_STANCE_COLUMNS = ["quote_id", "article_id", "sentence_id", "speaker", "target", "label", "basis"]
_END_PUNCT = set("。！？!?；;…")
_CLAUSE = "，,；;：:。！？!?"
_WORD = re.compile(r"[^\W_]")
# Latin letters with the accents of European names (Martin Tisné, Jorge Alcántara, Łukasz): Latin-1 and Extended-A
_UP, _LOW = "A-ZÀ-ÖØ-ÞĀ-Ž", "a-zß-öø-ÿā-ž"
# a run of Chinese characters that may open a clause with a personal name (李超, 本吉奥, 东尼 · 柏克)
_BARE_RE = re.compile(r"[\u4e00-\u9fff]{2,8}(?: ?[·・] ?[\u4e00-\u9fff]{1,8})?")
_NAME_RE = re.compile(rf"[(（]([{_UP}][{_UP}{_LOW}\-']+(?: [{_UP}][{_UP}{_LOW}\-']+)+)[)）]|([{_UP}][{_LOW}]+(?: [{_UP}][{_UP}{_LOW}\-']+)+)|([\u4e00-\u9fff]{{1,6}} ?[·・] ?[\u4e00-\u9fff]{{1,8}})")


# compiled key -> quotes.yaml key of the optional patterns
_OPTIONAL_PATTERNS = {"_interview_line": "interview_line", "_abbreviation": "abbreviation",
                      "_heading_speech": "heading_speech", "_addressee": "addressee", "_letter_addressee": "letter_addressee", "_in_document": "in_document", "_name_like": "name_like",
                      "_document_title": "document_title", "_colon_speech": "colon_speech", "_role_frame": "role_frame",
                      "_issue_frame": "issue_frame", "_subject_issue_gap": "subject_issue_gap", "_joint": "joint_subject", "_data_shows": "data_shows",
                      "_appositive": "appositive_title", "_possessive_org": "possessive_org", "_location": "location_frame",
                      "_subordinate": "subordinate_openers",
                      "_term_after": "term_after", "_subject_tail": "subject_tail", "_org_unit": "org_unit",
                      "_words_frame": "words_frame", "_outlet_anaphor": "outlet_anaphor",
                      "_outlet_name": "outlet_name"}


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> dict:
    """Quote rules from quotes.yaml (cached), with every pattern compiled once."""
    rules = load_yaml(path or DATA)
    for part in (_speech_patterns, _optional_patterns, _subject_patterns, _name_patterns, _org_patterns, _role_patterns,
                 _typed_role_patterns):
        rules.update(part(rules))
    rules.setdefault("outlet_not_after", "")
    return rules


def _typed_role_patterns(rules: dict) -> dict:
    """Typed role nouns (部方, 校方, 中方: `typed_roles`) join the pronouns as the kind "typed", tried first."""
    typed = rules.get("typed_roles") or {}
    pronouns = {"typed": sorted(typed, key=len, reverse=True)} if typed else {}
    pronouns.update((k, v) for k, v in rules["pronouns"].items() if k != "typed")
    return {"pronouns": pronouns, "_typed_not_before": frozenset(rules.get("typed_role_not_before", ()))}


def _speech_patterns(rules: dict) -> dict:
    """Speech verbs, their exclusions, quote marks, and the according-to / interview frames."""
    verbs = sorted(set(rules["speech_verbs"]), key=len, reverse=True)
    told = rules.get("told_verb")  # 告诉法新社， "told AFP": the addressee is part of the verb
    return {
        "_verb_re": re.compile("|".join(map(re.escape, verbs)) + (f"|{told}" if told else "")),
        "_excl": [re.compile(p) for p in rules["verb_exclusions"]],
        "_open_re": re.compile("[" + "".join(map(re.escape, rules["quote_marks"])) + "]"),
        # what a subject is stripped of: spaces and the closers of `quote_marks` (“…”他说 / 「…」她表示: the subject starts after ”)
        "_subject_strip": " \u3000" + "".join(dict.fromkeys(rules["quote_marks"].values())),
        "_skip": re.compile(rules["skip_subjects"]),
        "_according": re.compile(rules["according_to"]),
        "_data_source_name": re.compile(rules.get("data_source_name", "(?!)")),
        "_data_source_not": frozenset(rules.get("data_source_not", ())),
        "_interview": re.compile(rules["interview"]),
    }


def _optional_patterns(rules: dict) -> dict:
    """The optional patterns of `_OPTIONAL_PATTERNS`: absent from a researcher's quotes.yaml, they never match."""
    return {key: re.compile(rules.get(data_key, "(?!)")) for key, data_key in _OPTIONAL_PATTERNS.items()}


def _subject_patterns(rules: dict) -> dict:
    """How a clause's subject is found: object verbs, groups, pronouns, connectives, viewpoints, relays."""
    return {
        "_object_verb": re.compile("(?:" + _alternation(rules.get("clause_object_verbs", ())).pattern + ")"),
        "_people_group": re.compile(rules.get("people_group", "(?!)")),
        "_pronoun_clause": re.compile(rules.get("pronoun_clause", r"^(?P<p>他|她)(?!们)")),
        "_connective": re.compile(rules.get("connectives", "^$")),
        "_subject_verbs": frozenset(rules.get("subject_verbs", ())),
        "_frame_verbs": frozenset(rules.get("according_frame_verbs", ())),
        "_unnamed_re": _alternation(rules.get("unnamed_speakers", {})),
        "_according_unnamed": _alternation(rules.get("according_unnamed", {})),
        "_viewpoints": [re.compile(p) for p in rules.get("viewpoint_frames", ())],
        "_naming": [re.compile(p) for p in rules.get("naming_frames", ())],
        "_pronoun_not": frozenset(rules.get("pronoun_not_in", ())),
        "_subject_opener": re.compile(rules.get("subject_openers", "^$")),
        "_relay": _alternation(rules.get("relay_verbs", ())),
        "_clause_opening": re.compile(rules.get("clause_opening", ".*")),
        "_gender_title": _alternation(rules.get("gender_titles", {})),
        "_pronoun_subject_skip": re.compile(rules.get("pronoun_subject_skip", "(?!)")),
        "_plural": frozenset(rules.get("plural_markers", ())),
        "_back_reference": re.compile(rules.get("next_sentence_back_reference", "(?!)")),
        "_look_back": re.compile(rules.get("next_sentence_look_back", "(?!)")),
        "_according_prefix": re.compile(rules.get("according_prefix", "(?!)")),
        "_indefinite_person": re.compile(rules.get("indefinite_person_opening", "(?!)") + r"[^，,。；;：:“”「」]{0,24}?(?P<noun>"
                                         + _alternation(rules.get("indefinite_persons", {})).pattern + ")们?$"),
    }


def _name_patterns(rules: dict) -> dict:
    """A personal name after a title (`name_titles`) and where a name's tail is cut (`name_cut_words`)."""
    titles = _alternation(rules.get("name_titles", ())).pattern
    cut = _alternation(rules.get("name_cut_words", ())).pattern
    return {
        "_titled": re.compile(f"(?:{titles})\\s*(?P<name>[\u4e00-\u9fff·・]{{2,12}}(?:\\s?[·・]\\s?[\u4e00-\u9fff]{{1,8}})?"
                              f"|[A-Za-z][A-Za-z0-9_\\-]{{2,30}}(?: [A-Z][A-Za-z\\-']+){{0,3}})"),
        "_name_cut": re.compile(cut + (f"|{rules['name_cut_pattern']}" if rules.get("name_cut_pattern") else "")),
    }


def _org_patterns(rules: dict) -> dict:
    """Organisations written beside a role (`role_org`) and unregistered organisations and outlets."""
    role_org = rules.get("role_org", {})
    return {
        "_role_org_run": re.compile(role_org.get("run", "(?!)")),
        "_role_org_not": re.compile(role_org.get("not", "(?!)")),
        "_role_org_tail": re.compile(role_org.get("tail", "(?!)")),
        "_role_verb_gap": re.compile(rules.get("role_verb_gap", "(?!)")),
        "_org_gloss_gap": re.compile(f"[\u4e00-\u9fff]{{0,{int(rules.get('org_gloss_gap', 8))}}}"),
        "_unreg_outlet": re.compile(rules.get("unregistered_outlet", "(?!)")),
        "_unreg_outlet_tail": re.compile(rules.get("unregistered_outlet_tail", "(?!)")),
        "_unreg_org": re.compile(rules.get("unregistered_org", "(?!)")),
        "_unreg_org_not": re.compile(rules.get("unregistered_org_not", "(?!)")),
        "_unreg_org_rest": re.compile(rules.get("unregistered_org_rest", "")),
    }


def _role_patterns(rules: dict) -> dict:
    """Role words (发言人, 声明, 报告…), longest first, with their guards, and the roles issued by people."""
    roles = sorted(rules["roles"], key=len, reverse=True)
    guards = rules.get("role_guards", {})  # 信 "letter" not inside 自信 / 微信 / 信息
    return {
        "_role_re": re.compile("|".join(guards.get(r) or re.escape(r) for r in roles)),
        "_person_issued": frozenset(rules.get("person_issued_roles", ())),
        "_spokesperson_roles": tuple(r for r in roles if rules["roles"][r] == "spokesperson"),  # 新闻发言人, 发言人
        "_role_place_suffix": re.compile(rules.get("role_place_suffix", "(?!)")),
        "_role_demonstratives": tuple(rules.get("role_demonstratives", ())),
        "_role_indefinite": re.compile(rules.get("role_indefinite", "(?!)")),
    }


def _after_quotes(surface: str, rules: dict) -> str:
    """A subject that opens with an earlier quote of its sentence starts after that quote's closing mark
    (“…”一位投资人对记者坦白：“…” -> 一位投资人对记者)."""
    if not rules["_open_re"].match(surface):
        return surface
    cut = max(surface.rfind(c) for c in rules["quote_marks"].values())
    return surface[cut + 1:].strip(" ，,\u3000") if cut > 0 else surface


def _alternation(words) -> re.Pattern:
    """One regex matching any of `words`, longest first (never matches when there are none)."""
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


def _name_tail_cut(name: str, rules: dict) -> str:
    """A CJK transliteration ends before a function character or a speech verb after its · (鲍迪尔也曾… -> 鲍迪尔)."""
    head, dot, tail = name.partition("·" if "·" in name else "・")
    simp = to_simplified(tail)
    ends = [k for k, c in enumerate(simp) if c in rules.get("name_end_chars", "")]
    ends += [c.start() for rx in (rules["_verb_re"], rules["_name_cut"]) if (c := rx.search(simp))]
    cut = min(ends, default=len(tail))
    return head + dot + tail[:cut] if cut > 0 else name


def _front_title_end(name: str, rules: dict) -> int:
    """Where a title glued to the front of a dotted transliteration ends (内政部长东尼 · 柏克 -> 4; `name_title_suffixes`),
    or the verb before it (声音取自罗莎莉·农布雷 "the voice is taken from …" -> 罗莎莉·农布雷; `name_front_cut_chars`)."""
    front = to_simplified(re.split("[·・]", name)[0])
    cuts = [front.rfind(t) + len(t) for t in rules["name_title_suffixes"] if front.rfind(t) >= 0]
    cuts += [k + 1 for k, c in enumerate(front) if c in rules.get("name_front_cut_chars", "")]  # 取自罗莎莉 -> 罗莎莉
    return max((k for k in cuts if k < len(front.rstrip())), default=0)


def _unnamed_speaker(surface: str, rules: dict) -> tuple[str, str, str]:
    """An unregistered subject that is a speaking noun (有开发者 -> "unnamed developers", 知情人士 -> "unnamed
    people familiar with the matter", `unnamed_speakers`); any other subject stays unresolved ("")."""
    m = rules["_unnamed_re"].search(to_simplified(surface))
    if m is None or not surface or len(surface) > rules["max_unresolved_subject"]:
        return "", "", surface
    return "unnamed " + rules["unnamed_speakers"][m.group()], "", surface


# --------------------------------------------------------------------------- registry / mentions
def _registry_index(registry) -> dict[str, dict]:
    """name -> {type, parent, name_zh} from whatever load_registry() returns (DataFrame, dict, list)."""
    if registry is None:
        return {}
    if hasattr(registry, "actors") and isinstance(getattr(registry, "actors"), dict):
        registry = registry.actors  # kaiyuan.actors.Registry
    if isinstance(registry, pd.DataFrame):
        items = registry.to_dict("records")
    elif isinstance(registry, dict):
        items = [dict(v, name=v.get("name", k)) if isinstance(v, dict) else _entry_dict(v, k) for k, v in registry.items()]
    else:
        items = [r if isinstance(r, dict) else _entry_dict(r, "") for r in registry]
    out = {}
    for it in items:
        name = str(it.get("name", "") or "")
        if name:
            out[name] = {"type": str(it.get("type", "") or ""), "parent": str(it.get("parent", "") or ""),
                         "name_zh": str(it.get("name_zh", "") or "")}
    return out


def _entry_dict(obj, name: str) -> dict:
    d = {a: getattr(obj, a, "") for a in ("name", "name_zh", "type", "parent")}
    d["name"] = d["name"] or name
    return d


def _kind(actor_type: str, rules: dict) -> str:
    t = str(actor_type or "").lower()
    if t in rules["person_types"]:
        return "person"
    if t in rules["not_speaker_types"]:
        return "none"
    if t in rules["media_types"]:
        return "media"
    return "org"


@dataclass
class _Mention:
    actor: str
    kind: str  # person / org / media / none
    start: int
    end: int
    surface: str


# --------------------------------------------------------------------------- article buffer
@dataclass
class _Article:
    aid: str
    sents: pd.DataFrame          # sorted by sentence_id
    text: str                    # original script, reconstructed from sentence offsets
    simp: str                    # simplified, same length
    mentions: list[_Mention]
    starts: list[int] = field(default_factory=list)   # per sentence row, plain lists for fast lookups
    ends: list[int] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    para_ends: list[int] = field(default_factory=list)  # per sentence row: end offset of its paragraph


def _build_article(aid: str, sents: pd.DataFrame, mentions: pd.DataFrame, rules: dict) -> _Article:
    order = sents["sentence_id"]
    in_order = order.is_monotonic_increasing and order.is_unique  # as the pipeline gives them: nothing to sort
    sents = (sents if in_order else sents.sort_values("sentence_id")).reset_index(drop=True)
    n = int(sents["end"].max()) if len(sents) else 0
    text, simp = _article_texts(n, sents["start"].tolist(), sents["text"].tolist(), sents["text_simplified"].tolist())
    ms = []
    if mentions is not None and len(mentions):
        for m in records(mentions):
            ms.append(_Mention(str(m.actor), _kind(getattr(m, "actor_type", ""), rules), int(m.start), int(m.end),
                               str(getattr(m, "surface", ""))))
    ms += _outlet_mentions("".join(text), "".join(simp), ms, rules)
    ms.sort(key=lambda m: (m.start, m.end))
    kinds = [str(k or "body") for k in sents["kind"].tolist()] if "kind" in sents else ["body"] * len(sents)
    starts, ends = [int(x) for x in sents["start"].tolist()], [int(x) for x in sents["end"].tolist()]
    return _Article(aid, sents, text, simp, ms, starts=starts, ends=ends,
                    ids=[int(x) for x in sents["sentence_id"].tolist()], kinds=kinds,
                    para_ends=_paragraph_ends(starts, ends))


def _article_texts(n: int, starts: list, texts: list, simps: list) -> tuple[str, str]:
    """The article's text and simplified text: each sentence at its offset, spaces between, `n` long at least
    (a simplified form of another length is replaced by the text). Sentences in order without overlap, within
    `n`, are joined in one pass; otherwise each is laid over a character list (the later one wins)."""
    texts = [str(t) for t in texts]
    simps = [str(s) if isinstance(s, str) and len(s) == len(t) else t for t, s in zip(texts, simps)]
    pos, pieces, spieces = 0, [], []
    for start, t, s in zip(starts, texts, simps):
        if start < pos:
            break
        pieces += [" " * (start - pos), t]
        spieces += [" " * (start - pos), s]
        pos = start + len(t)
    else:
        if pos <= n:
            return "".join(pieces) + " " * (n - pos), "".join(spieces) + " " * (n - pos)
    text, simp = [" "] * n, [" "] * n
    for start, t, s in zip(starts, texts, simps):
        text[start:start + len(t)] = t
        simp[start:start + len(s)] = s
    return "".join(text), "".join(simp)


def _outlet_mentions(text: str, simp: str, mentions: list[_Mention], rules: dict) -> list[_Mention]:
    """Organisation mentions for unregistered outlets in 《》 (`unregistered_outlet`: 《华尔街日报》, 《连线》杂志, 《自然》（Nature）),
    named by their Latin name, else their title (+ magazine word); none where a registry mention already is."""
    if "《" not in simp:
        return []
    out = []
    for m in rules["_unreg_outlet"].finditer(simp):
        a, b = m.span()
        if any(x.start < b and x.end > a for x in mentions):
            continue
        tail = rules["_unreg_outlet_tail"].match(simp, b)
        name = text[a + 1:b - 1]
        if tail is not None and tail.group("latin"):
            name = text[tail.start("latin"):tail.end("latin")].strip()
        elif tail is not None:
            name += text[tail.start("word"):tail.end("word")]
        out.append(_Mention(name, "org", a, b, text[a:b]))
    return out


def _sentence_at(art: _Article, pos: int) -> int:
    """Row index of the sentence containing character `pos` (else the last one starting before it)."""
    i = bisect.bisect_right(art.starts, pos) - 1
    return max(i, 0)


def _paragraph_ends(starts: list[int], ends: list[int]) -> list[int]:
    """Per sentence row, the end offset of its paragraph (a gap between sentences = new paragraph);
    one backward pass, so a long paragraph costs its length once, not once per quote mark."""
    out = list(ends)
    for i in range(len(starts) - 2, -1, -1):
        if starts[i + 1] == ends[i]:
            out[i] = out[i + 1]
    return out


# --------------------------------------------------------------------------- direct quotes
@dataclass
class _Quote:
    open: int
    close: int          # offset of the closing mark (or end of span when unterminated)
    rows: list[int]
    colon_before: bool


def _find_direct(art: _Article, rules: dict) -> list[_Quote]:
    marks = rules["quote_marks"]
    body_rows = set(art.sents.index[art.sents["kind"].fillna("body").isin(rules.get("direct_quote_kinds", ["body"]))])
    out, i, t = [], 0, art.text
    while i < len(t):
        found = rules["_open_re"].search(t, i)  # jump to the next opening mark
        if found is None:
            break
        i = found.start()
        ch = t[i]
        row = _sentence_at(art, i)
        closer = marks[ch]
        limit = art.para_ends[row]  # an unterminated quote ends with its paragraph
        j = t.find(closer, i + 1, limit)
        if ch == '"' and j < 0:
            i += 1
            continue
        end = j if j >= 0 else limit
        content = t[i + 1:end]
        before = t[max(art.starts[row], i - 1):i]
        colon = before in (":", "：")
        if row in body_rows and content.strip():
            last = _sentence_at(art, max(end - 1, i))
            # a headline that is nothing but a quotation quotes, however short (“超级智能已进入视野”)
            whole = art.kinds[row] != "body" and not re.sub(r"\W", "", t[art.starts[row]:i] + t[end + 1:art.ends[row]])
            term = not colon and rules["_term_after"].match(to_simplified(t[end + 1:end + 8]))  # 以“…”为主题: a title
            out.append((_Quote(i, end, list(range(row, last + 1)), colon),
                        whole or (not term and _is_quotation(content, colon, rules))))
        i = (j + 1) if j >= 0 else end
    return _with_adjacent_fragments(art, out, rules)


def _with_adjacent_fragments(art: _Article, spans: list[tuple[_Quote, bool]], rules: dict) -> list[_Quote]:
    """The quotations, plus a short quoted span (not a name) separated from a quotation of its sentence by a
    comma only (之后「太慢把它变现」，「我们犯的错，是…」: both are the speaker's words)."""
    def adjacent(a: _Quote, b: _Quote) -> bool:
        name = rules["_name_like"].fullmatch(to_simplified(art.text[b.open + 1:b.close].strip()))
        return (a.rows[-1] == b.rows[0] and not re.sub(r"[\s，,、]", "", art.text[a.close + 1:b.open])
                and not rules["_name_like"].fullmatch(to_simplified(art.text[a.open + 1:a.close].strip()))
                and not name)

    out = []
    for k, (q, ok) in enumerate(spans):
        if ok or (k > 0 and spans[k - 1][1] and adjacent(spans[k - 1][0], q)) or (
                k + 1 < len(spans) and spans[k + 1][1] and adjacent(q, spans[k + 1][0])):
            out.append(q)
    return out


def _is_quotation(content: str, colon: bool, rules: dict) -> bool:
    """A quoted span is a quotation, not a name, title or scare-quoted term: it follows a colon; or it is
    not a name (`name_like`) and has sentence-final punctuation or >= `min_quote_chars` characters."""
    text = content.strip()
    if colon and text:
        return True
    if not text or rules["_name_like"].fullmatch(to_simplified(text)):
        return False
    # a clause quoted with its own comma is speech cut by its attribution (“我很担心中国，”奥特曼表示)
    return any(c in _END_PUNCT for c in text) or text[-1] in "，," or len(text) >= rules["min_quote_chars"]


def _mask(art: _Article, quotes: list[_Quote]) -> str:
    """Simplified text with quote interiors (marks included) blanked out."""
    chars = list(art.simp)
    for q in quotes:
        end = min(q.close + 1, len(chars))
        if end > q.open:
            chars[q.open:end] = ["\u3000"] * (end - q.open)
    return "".join(chars)


# --------------------------------------------------------------------------- speech verbs and speakers
def _verbs(masked: str, lo: int, hi: int, rules: dict) -> list[tuple[int, int]]:
    out = []
    for m in rules["_verb_re"].finditer(masked, lo, hi):
        a, b = m.span()
        win_lo = max(0, a - 4)
        window = masked[win_lo:b + 14]
        if any(e_a + win_lo < b and e_b + win_lo > a for ex in rules["_excl"] for e_a, e_b in
               (mm.span() for mm in ex.finditer(window))):
            continue
        if m.group() in rules["_frame_verbs"] and "据" in masked[_clause_start(masked, max(lo, a - 30), a):a]:
            continue  # 据路透社报道，… is "according to" (`according_to`), not a verb of its own
        out.append((a, b))
    return out


def _clause_start(masked: str, lo: int, pos: int) -> int:
    k = pos
    while k > lo and masked[k - 1] not in _CLAUSE:
        k -= 1
    return k


def _merged_spans(spans) -> tuple[list[int], list[int]]:
    """Sorted, merged half-open spans as two parallel lists (for bisect membership tests)."""
    los, his = [], []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if his and a <= his[-1]:
            his[-1] = max(his[-1], b)
        else:
            los.append(a)
            his.append(b)
    return los, his


def _inside(los: list[int], his: list[int], pos: int) -> bool:
    i = bisect.bisect_right(los, pos) - 1
    return i >= 0 and pos < his[i]


class _Resolver:
    """Speaker resolution inside one article.

    Every look-back is indexed once per article (mention starts, usability, parentheses, the running
    most-mentioned organisation), so resolving a speaker costs about log(mentions), not a rescan:
    per-article time stays linear in the article's length (a long article is not quadratic)."""

    def __init__(self, art: _Article, masked: str, rules: dict, registry: dict, quotes: list | None = None,
                 is_name=None):
        self.art, self.masked, self.rules, self.registry = art, masked, rules, registry
        self.is_name = is_name or (lambda _name, titled=False: False)  # shape of a personal name (actors.new_person_name)
        self.has_names = is_name is not None
        self.quotes = quotes or []
        self.spokespeople: list[tuple[int, str, str]] = []  # (pos, speaker, org)
        self._m_starts = [m.start for m in art.mentions]
        excluded = [m.span() for m in rules["_interview"].finditer(masked)]
        excluded += [m.span("inner") for m in rules["_addressee"].finditer(masked)]
        excluded += [m.span("inner") for m in rules["_letter_addressee"].finditer(masked)]  # 给扎克伯格的信: the recipient
        excluded += [m.span(g) for m in rules["_location"].finditer(masked) for g in ("inner", "inner2", "inner3", "inner4")
                     if m.group(g) is not None]
        excluded += [m.span() for m in re.finditer(r"《[^》]{0,30}》", masked) if not self._outlet_subject(m.start(), m.end())]
        self._excl = _merged_spans(excluded)
        self._in_quote = _merged_spans((q.open + 1, q.close) for q in self.quotes)  # q.open < pos < q.close
        self._max_len = max((m.end - m.start for m in art.mentions), default=0)
        self._opens = [m.start() for m in re.finditer(r"[(（]", masked)]
        self._closes = [m.start() for m in re.finditer(r"[)）]", masked)]
        self._prev: dict[tuple, list[int]] = {}
        self._org_prefix: tuple[list[int], list[str]] | None = None
        self._issued: list[tuple[int, str, str]] | None = None  # (role position, role, issuer)
        self._issuer_people: set[str] = set()  # people who issued a letter (`person_issued_roles`)
        self._units: set[str] = set()  # units of organisations written as such (`org_unit`)
        self._gender: dict[str, str] | None = None
        self._people_map: dict[str, str] | None = None
        self._abbrev: dict[str, _Mention] | None = None
        self._memo: dict[tuple, object] = {}  # see _remembered and _glosses_org

    # -- helpers
    def _outlet_subject(self, a: int, b: int) -> bool:
        """《纽约时报》指… : the 《》 holds exactly an outlet that acts (not 对《金融时报》表示, not 《X》引用他的话)."""
        k = bisect.bisect_left(self._m_starts, a)  # the mention is the title inside 《》, or 《自然》（Nature） with its marks
        k += k < len(self._m_starts) and self._m_starts[k] == a - 1
        named = k < len(self._m_starts) and self._m_starts[k] in (a, a + 1) and self.art.mentions[k].end >= b - 1
        if (not named or self.art.mentions[k].kind != "org" or (a > 0 and self.masked[a - 1] in self.rules["outlet_not_after"])
                or self.registry.get(self.art.mentions[k].actor, {}).get("type", "org") != "org"):
            return False  # not an outlet (a programme, a law in 《》 is a document), or an addressee
        clause_end = re.search(f"[{_CLAUSE}]", self.masked[b:b + 40])
        return not self.rules["_relay"].search(self.masked, b, b + (clause_end.start() if clause_end else 40))

    def _usable(self, m: _Mention) -> bool:
        """A possible speaker: a person or organisation, not the interviewer (《…》, 接受…采访) and not
        someone merely named inside a quotation."""
        return (m.kind in ("person", "org") and not _inside(*self._excl, m.start)
                and not _inside(*self._in_quote, m.start))

    def between(self, lo: int, hi: int) -> list[_Mention]:
        """Mentions with lo <= start and end <= hi, in text order."""
        ms = self.art.mentions
        a, b = bisect.bisect_left(self._m_starts, lo), bisect.bisect_left(self._m_starts, hi)
        return [m for m in ms[a:b] if m.end <= hi]

    def org_of(self, actor: str, kind: str, lo: int, pos: int) -> str:
        if kind == "org":
            return actor
        parent = self.registry.get(actor, {}).get("parent", "")
        if parent:
            return parent
        # an organisation written just before the person in the same clause ("Mozilla 全球产品政策主管 X")
        for m in reversed(self.between(lo, pos)):
            if m.kind == "org" and self._usable(m):
                return m.actor
        return ""

    def _prev_index(self, kinds: tuple[str, ...]) -> list[int]:
        """prev[i]: the largest j <= i whose mention is usable and of one of `kinds` (-1 if none)."""
        prev = self._prev.get(kinds)
        if prev is None:
            prev, last = [], -1
            for j, m in enumerate(self.art.mentions):
                if m.kind in kinds and self._usable(m):
                    last = j
                prev.append(last)
            self._prev[kinds] = prev
        return prev

    def recent(self, pos: int, kinds: tuple[str, ...]) -> _Mention | None:
        prev, ms = self._prev_index(kinds), self.art.mentions
        j = bisect.bisect_left(self._m_starts, pos) - 1
        j = prev[j] if j >= 0 else -1
        while j >= 0 and ms[j].end > pos:  # a mention that straddles pos is not before it
            j = prev[j - 1] if j > 0 else -1
        return ms[j] if j >= 0 else None

    def _org_running_best(self) -> tuple[list[int], list[str]]:
        """Organisation mentions ordered by end, with the most-mentioned organisation so far after each
        (ties: the most recent start), outside parentheses; built once."""
        if self._org_prefix is None:
            order = sorted((m for m in self.art.mentions
                            if m.kind == "org" and self._usable(m) and not self._in_parens(m.start)),
                           key=lambda m: m.end)
            counts: dict[str, tuple[int, int]] = {}
            best, best_key, ends, names = "", (0, -1), [], []
            for m in order:
                c = counts.get(m.actor, (0, -1))
                c = counts[m.actor] = (c[0] + 1, max(c[1], m.start))
                if m.actor == best or c > best_key:  # only the counted actor's key changed
                    best, best_key = m.actor, c
                ends.append(m.end)
                names.append(best)
            self._org_prefix = (ends, names)
        return self._org_prefix

    def _issued_documents(self) -> list[tuple[int, str, str]]:
        """Every role word issued in its own clause (X发表…报告, X在…声明中): (position, role, issuer), the issuer
        being the last organisation or person before the issuing frame, outside parentheses; built once."""
        if self._issued is None:
            self._issued = []
            for rm in self.rules["_role_re"].finditer(self.masked):
                at = self._title_open(rm)  # 白宫发布28页的《赢得竞赛：…行动计划》: the frame stands before the title
                cs = _clause_start(self.masked, self.sent_lo(at), at)
                while cs > self.sent_lo(at) and self._in_parens(cs):  # X(国会隐私，技术…主席)和Y写了一封…: a comma in brackets
                    cs = _clause_start(self.masked, self.sent_lo(at), cs - 1)
                frame = self.rules["_issue_frame"].search(self.masked, cs, at)
                if frame is None:
                    if (org := self._subject_issuer(cs, rm)) is not None:
                        self._issued.append((rm.start(), self.rules["roles"][rm.group()], org))
                    elif any(lm.end() == rm.end() for lm in self.rules["_letter_addressee"].finditer(self.masked, cs, rm.end())):
                        self._issued.append((rm.start(), self.rules["roles"][rm.group()], ""))  # 送交纽森的公开信: a new
                    continue  # letter whose writer is not found here; a later 信中 is not an older letter's
                who = [m for m in self.between(cs, frame.start())
                       if m.kind in ("person", "org") and self._usable(m) and not self._in_parens(m.start)]
                if not who and frame.group().startswith("据"):  # 据《纽约时报》报道: the outlet inside the frame issued it
                    who = [m for m in self.between(frame.start(), rm.start()) if m.kind in ("person", "org")
                           and not _inside(*self._in_quote, m.start)][:1]
                if who and (unit := self.unit_after(who[-1])):
                    self._issued.append((rm.start(), self.rules["roles"][rm.group()], unit))
                elif who:
                    role = self.rules["roles"][rm.group()]
                    by_person = role in self.rules["_person_issued"] and who[-1].kind == "person"
                    if by_person:
                        self._issuer_people.add(who[-1].actor)
                    org = ("" if by_person else self.org_of(who[-1].actor, who[-1].kind, cs, who[-1].start)) or who[-1].actor
                    self._issued.append((rm.start(), role, org))
            self._issued = sorted(self._issued + self._according_reports())
        return self._issued

    def _title_open(self, rm: re.Match) -> int:
        """Where the 《title》 a role word ends starts (《…行动计划》 "the … action plan", 《…联合声明》), else the role word's
        own start: the issuing frame is read before the title, whatever punctuation the title holds."""
        if self.masked[rm.end():rm.end() + 1] != "》":
            return rm.start()
        k = self.masked.rfind("《", max(0, rm.start() - 60), rm.start())
        return k if k >= 0 and "》" not in self.masked[k:rm.start()] else rm.start()

    def _according_reports(self) -> list[tuple[int, str, str]]:
        """据《纽约时报》…援引…人士消息 / 据彭博报道 "according to the NYT / Bloomberg": the outlet issued the article's
        report (`according_issues`), so a later bare 报道称 "the report says" is that outlet's."""
        role = self.rules.get("according_issues", {})
        out = []
        for am in self.rules["_according"].finditer(self.masked):
            if am.group("tail") not in role:
                continue
            org = [m for m in self.between(*am.span("src")) if m.kind in ("org", "media")][:1]
            if org and self.registry.get(org[0].actor, {}).get("type", "org") == "org":
                out.append((am.start(), role[am.group("tail")], org[0].actor))
        return out

    def _subject_issuer(self, cs: int, rm: re.Match) -> str | None:
        """华尔街日报13日报导，… : a role word used as the verb of an organisation that opens its clause (`subject_issued_roles`,
        only a date between them, `subject_issue_gap`) is issued by it, so a later bare 报导 is that outlet's report."""
        if self.rules["roles"][rm.group()] not in self.rules.get("subject_issued_roles", ()):
            return None
        who = [m for m in self.between(cs, rm.start()) if m.kind == "org" and self._usable(m)]
        if not who or not self.rules["_subject_issue_gap"].fullmatch(self.masked, who[-1].end, rm.start()):
            return None
        return who[-1].actor

    def issuer(self, pos: int, role: str) -> str:
        """The organisation that most recently issued a document of kind `role` before `pos` ("" if none)."""
        found = [org for at, r, org in self._issued_documents() if at < pos and r == role]
        return found[-1] if found else ""

    def context_org(self, pos: int) -> str:
        """Organisation a document or unnamed role belongs to: the organisation mentioned most often in
        the article before `pos` outside parentheses (ties: the most recent)."""
        ends, names = self._org_running_best()
        k = bisect.bisect_right(ends, pos)
        return names[k - 1] if k else ""

    def opens_clause(self, m: _Mention) -> bool:
        """The mention opens its clause, after at most a date or connective (`clause_opening`): 百度如期兑现… yes,
        在…Hugging Face等平台 / 对标OpenAI的o1 no."""
        cs = _clause_start(self.masked, self.sent_lo(m.start), m.start)
        return bool(self.rules["_clause_opening"].fullmatch(self.masked[cs:m.start]))

    def subject_before(self, pos: int, kinds: tuple[str, ...], window: int | None = None,
                       gender: str = "", opening: bool = False) -> _Mention | None:
        """The subject of the text before `pos`: the first usable mention of `kinds` (outside parentheses)
        in the sentence of `pos` before it, else in each earlier sentence, nearest first, up to
        `window` (default `subject_window`) sentences back (0: its own sentence only); None when none is found.
        With `gender` (他 male, 她 female), a person known to be of the other gender is passed over."""
        row = _sentence_at(self.art, pos)
        window = self.rules.get("subject_window", 3) if window is None else window
        for r in range(row, max(row - window, 0) - 1, -1):
            lo, hi = self.art.starts[r], min(self.art.ends[r], pos)
            bare = (self._opening_name(lo, hi) or self._known_in(lo, hi)) if "person" in kinds and self.has_names else None
            if bare is not None and self._subordinate(bare):
                bare = None  # 谈到弗里德曼，他提到…: a topic, not the subject
            for m in self.between(lo, hi):
                if (m.kind in kinds and self._usable(m) and not self._in_parens(m.start)
                        and not self._subordinate(m) and self._gender_fits(m, gender)
                        and (not opening or self.opens_clause(m))):
                    return bare if bare is not None and bare.start < m.start else m
            if bare is not None:
                return bare
            if "person" in kinds and (named := self._unregistered_name(lo, hi, first=True)) is not None:
                # an unregistered person named as subject (费拉里（Marina Ferrari）表示…；她认为…)
                return _Mention(named[0], "person", lo, lo, named[1])
            if ("person" in kinds and self.has_names and (owner := self._known_in(lo, hi, possessors=True)) is not None
                    and not self._subordinate(owner)):
                return owner
            if "org" in kinds and (org := self._opening_org(lo, hi)) is not None:
                return org  # an unregistered organisation opened a clause (千问团队在…发布…。该团队表示…)
        return None

    def unregistered_org(self, lo: int, hi: int, whole: bool = True) -> tuple[int, str, bool] | None:
        """(start, name as written, ends in an organisation word) of an unregistered organisation opening text[lo:hi]
        (`unregistered_org`: Civitai在公告中写道, 千问团队在博文中写道); with `whole`, nothing but a frame of place, time or
        connectives may follow it (`unregistered_org_rest`). None for a generic head or a registry mention there."""
        subj = self.masked[lo:hi]
        k = len(subj) - len(subj.lstrip(self.rules["_subject_strip"]))
        k += (op.end() if (op := self.rules["_subject_opener"].match(subj[k:])) else 0)
        k = self.rules["_clause_opening"].match(subj, k).end()
        m = self.rules["_unreg_org"].match(subj, k)
        if m is None or self.rules["_unreg_org_not"].match(m.group("org")):
            return None
        if whole and not self.rules["_unreg_org_rest"].fullmatch(subj, m.end()):
            return None
        a = lo + m.start("org")
        name = self.art.text[a:lo + m.end("org")].strip()
        k = bisect.bisect_left(self._m_starts, a + len(name))
        if (any(x.end > a and (x.kind in ("person", "org") or not m.group("suffix")) for x in self.art.mentions[max(0, k - 8):k])
                or name.lower() in self.people()):
            return None  # a registry person or organisation, or a person the article introduced (Laguna表示); a model
        return a, name, bool(m.group("suffix"))  # named in a team's name is its team (千问团队 "the Qwen team")

    def _clause_person(self, lo: int, hi: int) -> tuple[str, str, str] | None:
        """An unregistered person opening the clause text[lo:hi] (after a date or connective): a dotted transliteration
        or a name with its Latin form in brackets, a title + name, a person the article introduced, or a bare name."""
        k = self.rules["_clause_opening"].match(self.masked, lo, hi).end()
        named = self._unregistered_name(k, hi, first=True)
        at = self.masked.find(to_simplified(named[1]), k, hi) if named is not None else -1
        if at >= 0 and self.rules["_appositive"].match(self.masked[k:at]):  # only titles before the name
            at += len(named[1])
            latin = _NAME_RE.match(self.art.text, at)  # 埃马德·莫斯塔克（Emad Mostaque）: the Latin form names them
            return (latin.group(1) if latin is not None and latin.group(1) else named[0]), "", named[1]
        if (known := self.known_person(k, hi)) is not None:
            return known
        if (bare := self.bare_name(k, hi)) is not None:
            return self.people().get(to_simplified(bare[1]), bare[1]), "", bare[1]
        return None

    def _opening_org(self, lo: int, hi: int) -> _Mention | None:
        """The first unregistered organisation ending in an organisation word that opens a clause of text[lo:hi]."""
        for cs in [lo] + [k + 1 for k in range(lo, hi - 1) if self.masked[k] in _CLAUSE]:
            org = self.unregistered_org(cs, hi, whole=False)
            if org is not None and org[2]:
                return _Mention(org[1], "org", org[0], org[0] + len(org[1]), org[1])
        return None

    def maker_in(self, lo: int, hi: int) -> str:
        """The first organisation named in text[lo:hi], or the registry parent of a model named there."""
        for m in self.between(lo, hi):
            entry = self.registry.get(m.actor, {})
            if m.kind == "org":  # a programme or law issued by an organisation speaks for it (《意见》 -> State Council)
                return entry["parent"] if entry.get("type") == "initiative" and entry.get("parent") else m.actor
            if parent := entry.get("parent", ""):
                return parent
        return ""

    def _subordinate(self, m: _Mention) -> bool:
        """The mention sits in a subordinate clause (虽然X…，但Y…) and is not its sentence's subject."""
        cs = _clause_start(self.masked, self.sent_lo(m.start), m.start)
        return bool(self.rules["_subordinate"].match(self.masked[cs:m.start].lstrip(" \u3000")))

    def _in_parens(self, pos: int) -> bool:
        lo = self.sent_lo(pos)
        opened = bisect.bisect_left(self._opens, pos) - bisect.bisect_left(self._opens, lo)
        closed = bisect.bisect_left(self._closes, pos) - bisect.bisect_left(self._closes, lo)
        return opened > closed

    def org_right_before(self, ra: int) -> _Mention | None:
        """An organisation mention ending at most 2 characters before `ra`, no clause mark between."""
        ms = self.art.mentions
        for j in range(bisect.bisect_left(self._m_starts, ra) - 1, -1, -1):
            m = ms[j]
            if m.start < ra - 2 - self._max_len:
                break
            gap = self.masked[m.end:ra]
            if m.end <= ra and len(gap) <= 2 and not re.search(f"[{_CLAUSE}]", gap) and m.kind == "org" and self._usable(m):
                return m
        return None

    # -- main entry: who speaks with the verb at [va, vb), looking back to `lo`
    def speaker(self, lo: int, va: int) -> tuple[str, str, str]:
        """(speaker, speaker_org, speaker_surface) for a speech verb at va whose subject lies in [lo, va)."""
        seg = self.masked[lo:va].rstrip(" \u3000")
        # 1. role nouns right before the verb ("Meta 发言人告诉我", "声明中写道", "新闻稿如是说")
        role_m = self._role_match(seg, lo, va)
        title = self.rules["_document_title"].search(seg)
        if title is not None and self._outlet_subject(lo + title.start("title"), lo + title.end("title")):
            title = None  # 《纽约时报》指…: the outlet itself speaks (step 3)
        if role_m is None and title is not None:  # 《X技术报告》里这样解释道: a document speaks
            return self._document_speaker(lo, title)
        if role_m is not None:
            return self._role_speaker(lo, va, role_m)
        # 2. pronouns / anaphora immediately before the verb, or opening the verb's clause
        #    ("她在论文中指出"); a bare 公司 as the whole subject is an organisation anaphor
        cs0 = _clause_start(self.masked, lo, va)
        if (group := self.group_speaker(cs0, va)) is not None:
            return group  # 两位参议员批评… "the two senators criticised": the senators named before
        hit = self._pronoun_hit(seg, lo, va, cs0)
        if hit is not None:
            return self._anaphor_speaker(*hit)
        # 3. nearest usable mention in the clause before the verb; if the verb opens the clause,
        #    the subject of the nearest earlier clause (its first mention; clauses opening with a
        #    pronoun such as 它们 are skipped)
        cs = _clause_start(self.masked, lo, va)
        relay = self.rules["_relay"].search(self.masked, cs, va)
        cs = relay.end() if relay is not None else cs  # 彭博引述消息来源报导 "Bloomberg, citing sources, reported": the sources
        cands = [m for m in self.between(cs, va) if self._usable(m)]
        if not cands and self.rules["_connective"].match(self.masked[cs:va].strip(" \u3000")):
            found, cands = self._earlier_clause_subject(lo, cs)
            if found is not None:
                return found
        if cands and (desc := self.indefinite_person(cs, va)) is not None:
            return desc  # 一位…深度求索前员工表示: an unnamed employee, not DeepSeek
        if cands:
            return self._candidate_speaker(cands, cs, va)
        return self._unregistered_speaker(cs, va, lo + len(seg))

    def indefinite_person(self, a: int, b: int) -> tuple[str, str, str] | None:
        """An indefinite described person with no name after the noun (一名接近 OpenAI 的人士, `indefinite_persons`) as the
        whole subject masked[a:b]: ("unnamed <gloss>", "", surface), else None."""
        subject = self.masked[a:b].strip(" \u3000" + self.rules["_subject_strip"])
        at = subject.find("在")  # 一位Meta研究员在会后表示: the subject is before where or when they spoke
        m = self.rules["_indefinite_person"].search(subject[:at] if at >= 2 else subject)
        if m is None or m.start() != 0:
            return None
        surface = self.art.text[a:b].strip(" \u3000，,")
        return "unnamed " + self.rules["indefinite_persons"][m.group("noun")], "", surface

    def _role_match(self, seg: str, lo: int, va: int) -> re.Match | None:
        """The role noun (发言人, 声明, 报告…) that is the subject of the verb at va, if any."""
        tail = self.rules["_role_place_suffix"].sub("", seg)
        role_m = None
        cs_rel = _clause_start(self.masked, lo, va) - lo
        cs_rel += len(seg[cs_rel:]) - len(seg[cs_rel:].lstrip(self.rules["_subject_strip"]))
        for rm in self.rules["_role_re"].finditer(tail):
            # right before the verb, or opening the clause before a frame ("报告在执行摘要中指出")
            opens_clause = rm.start() == cs_rel and self.rules["_role_frame"].match(seg[rm.end():])
            if rm.end() >= len(tail) - 1 or opens_clause or self.rules["_role_verb_gap"].fullmatch(tail, rm.end()):
                role_m = rm
        if role_m is not None and self.rules["_in_document"].search(tail[:role_m.start()]):
            role_m = None  # "X在声明中说": X speaks, the statement is where (step 3)
        if role_m is not None and self.spokespeople and tail[:role_m.start()].endswith(self.rules["_role_demonstratives"]):
            role_m = None  # 这位发言人: the spokesperson named before (step 2)
        if role_m is not None and self._indefinite_role(tail[:role_m.start()], role_m.group()):
            role_m = None  # 有报道称 "there are reports": an unnamed source, not the report issued before
        return role_m

    def _indefinite_role(self, before: str, word: str) -> bool:
        """A document role after an indefinite determiner (有/一些/多篇 报道) names no issued document."""
        return (self.rules["roles"].get(word) in self.rules.get("indefinite_roles", ())
                and self.rules["_role_indefinite"].search(before) is not None)

    def _document_speaker(self, lo: int, title: re.Match) -> tuple[str, str, str]:
        """A document in 《》 speaks for its maker (《DeepSeek-V3 技术报告》 -> DeepSeek document)."""
        ra = lo + title.start()
        org = self.maker_in(ra, lo + title.end("title"))
        if not org:
            m = self.subject_before(ra, ("org",), window=0)
            org = m.actor if m is not None else self.context_org(ra)
        return f"{org} document".strip(), org, self.art.text[ra:lo + title.end("title")]

    def _role_speaker(self, lo: int, va: int, role_m: re.Match) -> tuple[str, str, str]:
        """A role noun speaks for its organisation ("Meta spokesperson"); a letter for its writer."""
        role = self.rules["roles"][role_m.group()]
        ra = lo + role_m.start()
        org_m = self.org_right_before(ra)  # org written right before the role ("Meta 发言人")
        org = org_m.actor if org_m is not None else (self.written_role_org(lo, ra, role) or self.issuer(ra, role))
        if role in self.rules["_person_issued"]:
            return self._letter_writer(org, role, ra, lo + role_m.end())
        if not org:
            # whose statement: an organisation that is the subject of the role's own sentence,
            # else the organisation the article is about
            m = self.subject_before(ra, ("org",), window=0)
            org = (self.unit_after(m) or m.actor) if m is not None else self.context_org(ra)
        spk = f"{org} {role}".strip()
        surface = self.art.text[(org_m.start if org_m else ra):lo + role_m.end()].strip(" ，,")
        if org in self._units:
            return org, org, surface  # a unit's statement speaks as the unit is written (华为诺亚方舟实验室)
        if role == "spokesperson":
            self.spokespeople.append((va, spk, org))
        return spk, org, surface

    def _pronoun_hit(self, seg: str, lo: int, va: int, cs0: int) -> tuple[str, int, int] | None:
        """(kind, position, length) of the pronoun or anaphor that is the verb's subject, if any."""
        masked = self.masked
        subj = masked[cs0:va].strip(self.rules["_subject_strip"])
        hit = None
        opening = self.rules["_clause_opening"].match(subj).end()  # 去年他接受…访问时说 "last year he said": a time word first
        for kind, words in self.rules["pronouns"].items():
            for w in words:
                k = seg.rfind(w)
                after = seg[k + len(w):k + len(w) + 1]
                if k < 0 or after in self.rules["_plural"] or seg[max(0, k - 1):k + len(w)] in self.rules["_pronoun_not"]:
                    continue
                if kind == "typed" and after in self.rules["_typed_not_before"]:
                    continue  # 欧美方面表示 "in Europe and America": 方面 "aspect", not 美方 "the US side"
                at_start = subj.startswith(w, opening) and lo + k >= cs0
                if len(seg) - (k + len(w)) <= 3 or at_start:
                    hit = (kind, lo + k, len(w))
                    break
            if hit:
                break
        if hit is not None and hit[0] == "org" and self._person_after(hit[1] + hit[2], va):
            hit = None  # 不过该公司董事长刘某曾公开表示 "its chairman Liu said": the chairman speaks (step 3)
        if hit is None and subj in self.rules["bare_org_subjects"]:
            hit = ("org", cs0 + masked[cs0:va].index(subj), len(subj))
        return hit

    def _anaphor_speaker(self, kind: str, pos: int, n: int) -> tuple[str, str, str]:
        """Who a pronoun or anaphor at pos refers to: the subject of the text before; beyond the window, the
        last person named, or the organisation the article is about."""
        surface = self.art.text[pos:pos + n]
        if kind == "typed":
            return self._typed_speaker(self.masked[pos:pos + n], pos, surface)
        if kind == "spokesperson":
            if self.spokespeople:
                _, spk, org = self.spokespeople[-1]
                return spk, org, surface
            return "", "", surface
        if kind == "person" and (member := self._member_named_by_org(pos + n)) is not None:
            return member.actor, self.org_of(member.actor, member.kind, pos, pos), surface  # 这位NTIA署长
        kinds = {"person": ("person",), "group": ("org", "person")}.get(kind, ("org",))
        if kind == "group" and self._unnamed_group_before(pos):
            return "", "", surface  # 有些人持不同意见，他们认为…: they are those people
        if kind == "group" and (group := self.group_before(pos)) is not None:
            return group[0], group[1], surface  # 两位参议员批评…。他们还举例称…: the senators
        want = self.rules.get("pronoun_gender", {}).get(self.masked[pos:pos + n], "")
        # an organisation anaphor (该公司, 公司, 团队) takes an organisation that opened a clause, else the one
        # the article is about: 该公司 after "…在飞桨星河社区、Hugging Face等平台下载" is not Hugging Face
        m = (self.subject_before(pos, kinds, gender=want, opening=kind == "org")
             or (self._last_person(pos, want) if kind == "person" else None))
        if m is not None and not self._gender_fits(m, want):
            m = None
        if m is None and kind == "org" and (org := self.context_org(pos)):
            return org, org, surface
        if m is not None and (unit := self.unit_after(m)):
            return unit, unit, surface  # 阿里通义团队开源了…，官方称… "officially": the team, not Alibaba
        if m is not None:
            return m.actor, self.org_of(m.actor, m.kind, _clause_start(self.masked, self.sent_lo(m.start), m.start),
                                        m.start), surface
        return "", "", surface

    def _typed_speaker(self, word: str, pos: int, surface: str) -> tuple[str, str, str]:
        """A typed role (`typed_roles`): a country side is its government; 部方/校方 the organisation of that type
        named last before pos (its name as written or its registry name_zh ends so); else no speaker."""
        rule = self.rules["typed_roles"][word]
        if rule.get("actor"):
            actor = rule["actor"]
            return (actor, actor, surface) if actor in self.registry else ("", "", surface)
        m = self._last_of_type(pos, tuple(rule.get("ends", ())), tuple(rule.get("types", ())))
        return (m.actor, m.actor, surface) if m is not None else ("", "", surface)

    def _last_of_type(self, pos: int, ends: tuple[str, ...], types: tuple[str, ...]) -> _Mention | None:
        """The last usable organisation mention before pos whose name ends with one of `ends` (and, if given, whose
        registry type is one of `types`)."""
        ms = self.art.mentions
        for j in range(bisect.bisect_left(self._m_starts, pos) - 1, -1, -1):
            m = ms[j]
            if m.kind != "org" or m.end > pos or not self._usable(m):
                continue
            entry = self.registry.get(m.actor, {})
            if types and entry.get("type", "org") not in types:
                continue
            name_zh = to_simplified(str(entry.get("name_zh") or "")).split("（")[0]  # 科学技术部（科技部）
            names = (self.art.simp[m.start:m.end], name_zh)
            if any(name.endswith(e) for name in names for e in ends):
                return m
        return None

    def _earlier_clause_subject(self, lo: int, cs: int) -> tuple[tuple[str, str, str] | None, list[_Mention]]:
        """A verb opening its clause after a connective (并且, 还): (speaker, []) when an earlier clause names who
        speaks outright, else (None, [the subject mention of the nearest earlier clause]) or (None, [])."""
        masked = self.masked
        end = cs
        while end > lo:
            start = _clause_start(masked, lo, end - 1)
            clause = masked[start:end - 1].strip(" \u3000")
            pm = self.rules["_pronoun_clause"].match(clause)
            if (group := self.group_speaker(start, end - 1)) is not None:
                return group, []  # 两位政客询问Meta…，并写道: the politicians, not Meta
            if pm:  # "他感谢X…，并透露", "不过他也没有把话说死，承认…", "该公司…，当时强调": the pronoun, not X
                at = masked.index(clause, start) + pm.start("p")
                return self.speaker(at, at + len(pm.group("p"))), []
            in_clause = [m for m in self.between(start, end) if self._usable(m)]
            if self.rules["_object_verb"].match(clause):
                end = start  # 点名奥特曼…，指三人…: who is named is the object, the subject is further back
                continue
            if in_clause and not self.rules["_pronoun_subject_skip"].match(clause):
                return None, [self.head(in_clause[0], end)]
            if not in_clause and (named := self._clause_person(start, end - 1)) is not None:
                return named, []  # 李某某同日在朋友圈转发说明，表示…: an unregistered person opened the clause before
            if (not in_clause and (org := self.unregistered_org(start, end - 1, whole=False)) is not None
                    and to_simplified(org[1]).endswith(tuple(self.rules.get("lookback_org_suffixes", ())))):
                return (org[1], org[1], org[1]), []  # 某国驻美国大使馆驳斥了报道，表示…: an unregistered body opened it
            end = start
        return None, []

    def _candidate_speaker(self, cands: list[_Mention], cs: int, va: int) -> tuple[str, str, str]:
        """The speaker among registry mentions in the verb's clause (or the clause before)."""
        # a headline drops its grammar (Meta拒签准则称“…”): its clause's first actor is the subject
        headline = self.art.kinds[_sentence_at(self.art, va)] != "body"
        m = self.head(cands[0], va) if headline else self.first_of_joint(cands)
        if m.kind == "person" and self.masked[max(0, m.start - 4):m.start].rstrip().endswith(self.rules["_spokesperson_roles"]):
            # a named spokesperson (Meta发言人Ashley Gabriel): a later 这位发言人 is this person
            self.spokespeople.append((va, m.actor, self.org_of(m.actor, m.kind, cs, m.start)))
        if m.kind == "org":
            # an unregistered person named between the organisation and the verb ("X大学的Y·Z告诉我")
            named = self._unregistered_name(m.end, va)
            if named is not None:
                gap = self.masked[m.end:va]
                role_at = min((k for r in self.rules["_spokesperson_roles"] if (k := gap.find(r)) >= 0), default=-1)
                if 0 <= role_at <= gap.find(to_simplified(named[1][:2])):  # the role names the person after it
                    self.spokespeople.append((va, named[0], m.actor))  # Meta发言人X回应称…。这位发言人表示: X
                return named[0], m.actor, named[1]
            if unit := self.unit_after(m):
                return unit, unit, unit  # 华为诺亚方舟实验室发布声明称: the lab as written, not Huawei
        return m.actor, self.org_of(m.actor, m.kind, cs, m.start), m.surface

    def _unregistered_speaker(self, cs: int, va: int, seg_end: int) -> tuple[str, str, str]:
        """No registry actor in the subject: an unregistered person or organisation as written, else an
        unnamed speaker ("unnamed developers") from the subject's words."""
        if (outlet := self.outlet_referent(cs, va)) is not None:
            return outlet  # 该报称 / 据该报报道 "this paper reports": the outlet named before
        if (fm := self.rules["_words_frame"].fullmatch(self.masked[cs:va].strip(" \u3000"))) is not None:
            at = self.masked.index(fm.group(), cs) + fm.start("who")  # 用刘某的话说 "in Liu's words": Liu, as written
            if (bare := self.bare_name(at, at + len(fm.group("who")))) is not None:
                return bare[1], "", bare[1]
        # an unregistered person is the speaker as written ("研究员 Luca Soldaini 在博文里写道")
        named = self._unregistered_name(cs, va)
        if named is not None:
            return self._noted_spokesperson(cs, va, (named[0], "", named[1]))
        if (known := self.known_person(cs, va)) is not None:
            return self._noted_spokesperson(cs, va, known)
        if (bare := self.bare_name(cs, va)) is not None:  # 李超表示, 梁文锋在…采访时说: the name as written
            self.people().setdefault(to_simplified(bare[1]), bare[1])
            return self._noted_spokesperson(cs, va, (bare[1], "", bare[1]))
        if (org := self.unregistered_org(cs, seg_end)) is not None:  # Civitai在公告中写道: the organisation as written
            return org[1], org[1], org[1]
        surface = _after_quotes(self.art.text[cs:seg_end].strip(" ，,\u3000"), self.rules)
        if (tm := self.rules["_subject_tail"].search(to_simplified(surface))) and tm.start() >= 2:
            surface = surface[:tm.start()]  # 乌克兰外交部还告诉法新社: the subject is 乌克兰外交部
        at = surface.find("在")  # 有用户在Hugging Face讨论区指出: the subject is before where they spoke
        return _unnamed_speaker(surface[:at] if at >= 2 else surface, self.rules)

    def outlet_referent(self, a: int, b: int) -> tuple[str, str, str] | None:
        """The outlet an anaphor (该报, 该媒体; `outlet_anaphor`, after an optional 据) in masked[a:b] stands for: the
        last outlet (an outlet mention, or an organisation written as an outlet, `outlet_name`) named before it; None
        when the text is no such anaphor or no outlet was named."""
        om = self.rules["_outlet_anaphor"].fullmatch(self.rules["_according_prefix"].sub("", self.masked[a:b].strip(" \u3000")))
        if om is None:
            return None
        k = bisect.bisect_left(self._m_starts, a)
        m = next((x for x in reversed(self.art.mentions[:k]) if x.end <= a and (x.kind == "media" or (
            x.kind == "org" and self.rules["_outlet_name"].search(to_simplified(x.surface))))), None)
        return (m.actor, m.actor, self.art.text[a:b].strip(" \u3000")) if m is not None else None

    def unit_after(self, m: _Mention) -> str:
        """A unit of organisation `m` written right after it (`org_unit`: 华为诺亚方舟实验室), as written; "" if none,
        if its name is generic (`unregistered_org_not`) or holds another registry mention."""
        if m.kind != "org":
            return ""
        um = self.rules["_org_unit"].match(self.masked, m.end)
        if um is None or self.rules["_unreg_org_not"].match(um.group("name")):
            return ""
        k = bisect.bisect_left(self._m_starts, um.end())  # 微软亚洲研究院 may be a registry organisation of its own
        if any(x.end > m.end and x.kind in ("person", "org") for x in self.art.mentions[max(0, k - 8):k]):
            return ""
        unit = self.art.text[m.start:um.end()].strip()
        self._units.add(unit)
        return unit

    def _letter_writer(self, issuer: str, role: str, ra: int, rb: int) -> tuple[str, str, str]:
        """A letter speaks for who wrote it (`person_issued_roles`): a person as that person, an organisation as its
        letter; no writer found leaves it unnamed (never the organisation the article is about: often the addressee)."""
        surface = self.art.text[ra:rb]
        if not issuer:
            return "", "", surface
        if issuer in self._issuer_people:
            return issuer, self.org_of(issuer, "person", ra, ra), surface
        return f"{issuer} {role}", issuer, surface

    def _person_after(self, a: int, va: int) -> bool:
        """A person is named after an organisation pronoun, through a title (该公司董事长刘某 "the company's chairman Liu",
        该公司CEO扎克伯格): a registry person or an unregistered name after a title word, only titles between."""
        if any(m.kind == "person" and self.rules["_appositive"].match(self.masked[a:m.start]) for m in self.between(a, va)):
            return True
        t = self.rules["_titled"].search(self.art.simp, a, va)
        return (t is not None and self.rules["_appositive"].match(self.masked[a:t.start()]) is not None
                and self._titled_name(t.start(), va, first=True) is not None)

    def _member_named_by_org(self, at: int) -> _Mention | None:
        """这位 + an organisation + a title (这位NTIA署长 "this NTIA administrator", 这位meta首席科学家 "this Meta chief
        scientist"): the person named last before it whose registry organisation is that one; None otherwise."""
        k = bisect.bisect_left(self._m_starts, at)
        ms = self.art.mentions
        if k >= len(ms) or ms[k].kind != "org" or ms[k].start - at > 1:
            return None
        org = ms[k].actor
        for j in range(bisect.bisect_left(self._m_starts, at) - 1, -1, -1):
            m = ms[j]
            if m.kind == "person" and self._usable(m) and self.registry.get(m.actor, {}).get("parent", "") == org:
                return m
        return None

    def written_role_org(self, lo: int, ra: int, role: str) -> str:
        """The organisation the registry does not know, written as the whole subject right before a person's role
        (英国政府发言人解释说 "a UK government spokesman explained", 国家网信办有关负责人表示 "an official of the CAC said";
        `role_org`), as written; "" for other roles, a pronoun or a quantifier (这位发言人, 一名发言人) or a registry mention."""
        rule = self.rules.get("role_org", {})
        if role not in rule.get("roles", ()):
            return ""
        cs = _clause_start(self.masked, lo, ra)
        k = self.rules["_clause_opening"].match(self.masked, cs, ra).end()
        run = self.rules["_role_org_tail"].sub("", self.masked[k:ra])
        if (not self.rules["_role_org_run"].fullmatch(run) or self.rules["_role_org_not"].match(run)
                or any(m.end > k for m in self.between(max(0, k - self._max_len), ra))):
            return ""
        return self.art.text[k:k + len(run)].strip()

    def _noted_spokesperson(self, cs: int, va: int, spk: tuple[str, str, str]) -> tuple[str, str, str]:
        """`spk`, an unregistered person named in [cs, va); when a spokesperson role stands right before the name
        (驻美使馆发言人刘某说 "the embassy spokesman Liu said"), a later 这位发言人 / 该发言人 is this person."""
        k = self.masked.rfind(to_simplified(spk[2]), cs, va)
        if k >= 0 and self.masked[cs:k].rstrip(" \u3000").endswith(self.rules["_spokesperson_roles"]):
            self.spokespeople.append((va, spk[0], spk[1]))
        return spk

    def _overlaps_mention(self, a: int, b: int, any_kind: bool = False) -> bool:
        """A mention of something other than a person overlaps text[a:b] (a Latin name there, "Mistral AI",
        is an organisation, not a person); with `any_kind`, any registry mention (萨姆·奥特曼最大… is Sam Altman)."""
        k = bisect.bisect_left(self._m_starts, b)
        return any(m.end > a and (any_kind or m.kind != "person") for m in self.art.mentions[max(0, k - 8):k])

    def head(self, m: _Mention, hi: int) -> _Mention:
        """The person an organisation mention introduces with a title before `hi` (Meta首席科学家杨立昆 -> 杨立昆,
        `appositive_title`), or the organisation it possesses (美国商务部下属的NTIA -> NTIA, `possessive_org`),
        else the mention itself."""
        if m.kind != "org":
            return m
        for p in self.between(m.end, hi):
            if not self._usable(p):
                continue
            gap = self.masked[m.end:p.start]
            if p.kind == "org" and self.rules["_possessive_org"].match(gap):
                return self.head(p, hi)
            return p if p.kind == "person" and self.rules["_appositive"].match(gap) else m
        return self._titled_after(m, hi) or m

    def _last_person(self, pos: int, gender: str) -> _Mention | None:
        """Beyond `subject_window`: the person named last before `pos`, a registry person or an unregistered one opening
        a sentence (阿莫迪认为…; …「…」他在文中写道 …; 他直言: the same Amodei, `pronoun_window` sentences back at most)."""
        m = self.recent(pos, ("person",))
        if not self.has_names:
            return m
        far = self.subject_before(pos, ("person",), window=self.rules.get("pronoun_window", 8), gender=gender)
        return far if far is not None and (m is None or far.start > m.start) else m

    def _remembered(self, fn, *args) -> _Mention | None:
        """fn(*args) for a look-up that is pure within the article (subject look-backs ask the same spans again)."""
        key = (fn.__name__, *args)
        if key not in self._memo:
            self._memo[key] = fn(*args)
        return self._memo[key]

    def _known_in(self, lo: int, hi: int, possessors: bool = False) -> _Mention | None:
        """The first unregistered person the article introduced (`people`: 克里希纳（Arvind Krishna）) named again in
        text[lo:hi] outside quotations (在…后，克里希纳发文… -> a later 他 is Arvind Krishna), as a person mention; not a
        possessor (议员沃斯的幕僚长岑纳（Kai Zenner）: 他 is Kai Zenner) unless `possessors` (克里希纳的帖文…。他认为: no
        one else is named, 他 is Krishna)."""
        return self._remembered(self._find_known_in, lo, hi, possessors)

    def _find_known_in(self, lo: int, hi: int, possessors: bool) -> _Mention | None:
        found = None
        for surface, name in self.people().items():
            k = self.masked.find(surface, lo, hi) if len(surface) >= 2 and not surface.isascii() else -1
            if (k >= 0 and (found is None or k < found.start) and not self._overlaps_mention(k, k + len(surface), True)
                    and (possessors or self.masked[k + len(surface):k + len(surface) + 1] != "的")):
                found = _Mention(name, "person", k, k + len(surface), self.art.text[k:k + len(surface)])
        return found

    def _titled_after(self, m: _Mention, hi: int) -> _Mention | None:
        """An unregistered person named after a title right after organisation `m` (斯坦福大学教授李飞飞,
        Meta首席技术官安德鲁 · 博斯沃思; `name_titles`, `appositive_title`), as a person mention, or None."""
        t = self.rules["_titled"].search(self.art.simp, m.end, hi)
        if t is None or not self.rules["_appositive"].match(self.masked[m.end:t.start()]):
            return None
        named = self._titled_name(t.start(), hi, first=True)
        if named is None or not self.art.text.startswith(named[0], t.start("name")):
            return None
        a = t.start("name")
        return _Mention(named[0], "person", a, a + len(named[0]), named[1])

    def bare_name(self, lo: int, hi: int) -> tuple[int, str] | None:
        """(start, name as written) of an unregistered personal name opening text[lo:hi] after an opener (李超表示,
        梁文锋在…采访时说, 不过本吉奥认为): a run cut at a function character, a time or manner word, a gender title or a
        speech verb, with the shape of a name (`is_name`: surname + 1-2 characters, a transliteration, no common
        word) and no registry mention in it; None otherwise."""
        subj = self.masked[lo:hi]
        k = len(subj) - len(subj.lstrip(self.rules["_subject_strip"]))
        k += (op.end() if (op := self.rules["_subject_opener"].match(subj[k:])) else 0)
        m = _BARE_RE.match(subj, k)
        if m is None:
            return None
        name = m.group()
        ends = [i for i, c in enumerate(name) if c in self.rules.get("name_end_chars", "")]
        ends += [c.start() for rx in (self.rules["_name_cut"], self.rules["_verb_re"], self.rules["_gender_title"])
                 if (c := rx.search(name))]
        name = name[:min(ends, default=len(name))].rstrip(" ·・")
        cut = _front_title_end(name, self.rules) if re.search("[·・]", name) else 0
        name, a = name[cut:], lo + m.start() + cut
        k = bisect.bisect_left(self._m_starts, a + len(name))
        if not name or any(x.end > a for x in self.art.mentions[max(0, k - 8):k]) or not self.is_name(to_simplified(name)):
            return None  # no name, or a registry mention (an organisation, a known person) is there
        return a, self.art.text[a:a + len(name)]

    def _opening_name(self, lo: int, hi: int) -> _Mention | None:
        """A bare name (`bare_name`) opening the sentence at lo, after a date or connective (`clause_opening`),
        as a person mention."""
        return self._remembered(self._find_opening_name, lo, hi)

    def _find_opening_name(self, lo: int, hi: int) -> _Mention | None:
        k = self.rules["_clause_opening"].match(self.masked, lo, hi).end()
        bare = self.bare_name(k, hi) if k < hi else None
        if bare is None:
            return None
        name = self.people().get(to_simplified(bare[1]), bare[1])  # 维纳 after 维纳（Scott Wiener）: Scott Wiener
        return _Mention(name, "person", bare[0], bare[0] + len(bare[1]), bare[1])

    def _gender_fits(self, m: _Mention, gender: str) -> bool:
        """No gender asked, or the person's gender in this article is unknown or the one asked."""
        return not gender or self._genders().get(m.actor, gender) == gender

    def _genders(self) -> dict[str, str]:
        """Person -> gender from a title written right after any of its mentions (费拉里女士 -> female); built once."""
        if self._gender is None:
            titles = self.rules.get("gender_titles", {})
            self._gender = {}
            for m in self.art.mentions:
                after = self.art.simp[m.end:m.end + 2].lstrip()
                for title, g in titles.items():
                    if m.kind == "person" and after.startswith(title):
                        self._gender.setdefault(m.actor, g)
        return self._gender

    def speaker_or_subject(self, lo: int, pos: int) -> tuple[str, str, str]:
        """Who speaks before `pos` (a colon), else the subject of its sentence (李飞飞…发表评论文章，把话说得很直白：)."""
        spk = self.speaker(lo, pos)
        if spk[0]:
            return spk
        m = self.subject_before(pos, ("person", "org"), window=0)
        if m is None:
            return spk
        m = self.head(m, pos)
        return m.actor, self.org_of(m.actor, m.kind, lo, m.start), m.surface

    def _unnamed_group_before(self, pos: int) -> bool:
        """The sentence of `pos` says something before it with no actor named (有些人持不同意见，他们…)."""
        lo = self.sent_lo(pos)
        return (len(re.sub(r"\W", "", self.masked[lo:pos])) >= 2
                and self.subject_before(pos, ("org", "person"), window=0) is None)

    def first_of_joint(self, cands: list[_Mention]) -> _Mention:
        """The last candidate, or the first of a run of mentions joined by 和/与/、 (`joint_subject`) ending in it."""
        k = len(cands) - 1
        while k > 0 and self.rules["_joint"].match(self.masked[cands[k - 1].end:cands[k].start]):
            k -= 1
        return cands[k]

    def group_speaker(self, lo: int, va: int) -> tuple[str, str, str] | None:
        """A counted group of people opening the clause text[lo:va] (两位参议员 "the two senators", 参议员们, 两名研究人员;
        `people_group`; a bare noun only in a heading, 参议员致信…) is the people the article named with that noun as their
        title before (`_titled_member`); None when no one was so named (the noun stays an unnamed speaker, 多名研究人员 ->
        "unnamed researchers") or when a person is named after the noun (参议员理查德·布卢门撒尔表示: that senator)."""
        subj = self.masked[lo:va]
        k = len(subj) - len(subj.lstrip(self.rules["_subject_strip"]))
        k = self.rules["_clause_opening"].match(subj, k).end()
        gm = self.rules["_people_group"].match(subj, k)
        if gm is None or not (gm.group("count") or gm.group("plural") or self.art.kinds[_sentence_at(self.art, lo)] != "body"):
            return None
        if any(p.kind == "person" and self._usable(p) for p in self.between(lo + gm.end(), va)):
            return None
        m = self._titled_member(lo, gm.group("noun"))
        if m is None:
            return None
        return m.actor, self.org_of(m.actor, m.kind, m.start, m.start), self.art.text[lo + gm.start():lo + gm.end()]

    def _titled_member(self, lo: int, noun: str) -> _Mention | None:
        """The person named last before `lo` (within `pronoun_window` sentences) whose own clause gives them the title
        `noun` or one of its `group_titles` (参议员理查德·布卢门撒尔, 美国参议院…主席理查德·布卢门撒尔) within `group_title_window`
        characters, with no other person named between the title and them."""
        titles = (noun, *self.rules.get("group_titles", {}).get(noun, ()))
        floor = self.art.starts[max(0, _sentence_at(self.art, lo) - self.rules.get("pronoun_window", 12))]
        window, ms = self.rules.get("group_title_window", 30), self.art.mentions
        for j in range(bisect.bisect_left(self._m_starts, lo) - 1, -1, -1):
            m = ms[j]
            if m.start < floor:
                break
            if m.kind != "person" or m.end > lo or not self._usable(m):
                continue
            a = max(_clause_start(self.masked, self.sent_lo(m.start), m.start), m.start - window)
            at = max((self.masked.rfind(t, a, m.start) for t in titles), default=-1)
            if at >= 0 and not any(p.kind == "person" and p is not m for p in self.between(at, m.start)):
                return m
        return None

    def group_before(self, pos: int) -> tuple[str, str, str] | None:
        """他们 / 两人 "they": a counted group of people opening the nearest earlier sentence that names anyone (两位参议员批评
        Meta…。他们还举例称… -> the senators, not Meta), within `subject_window` sentences; None otherwise."""
        row = _sentence_at(self.art, pos)
        for r in range(row, max(row - self.rules.get("subject_window", 3), 0) - 1, -1):
            lo, hi = self.art.starts[r], min(self.art.ends[r], pos)
            if hi <= lo:
                continue
            if (group := self.group_speaker(lo, hi)) is not None:
                return group
            if any(m.kind in ("person", "org") and self._usable(m) for m in self.between(lo, hi)):
                return None
        return None

    def _unregistered_name(self, lo: int, hi: int, first: bool = False) -> tuple[str, str] | None:
        """(name, surface) of the last personal name in text[lo:hi] that is no registry mention: a Latin name
        in parentheses after its transliteration, a Latin full name, or a CJK transliteration with ·.
        With `first`, the first name of the two unmistakable forms only (not a bare Latin full name,
        which may be an unregistered organisation such as Open Future)."""
        between = self.art.text[lo:hi]
        nm = None
        for found in _NAME_RE.finditer(between):
            a, b = lo + found.start(), lo + found.end()
            if (first and found.group(2)) or self._glosses_org(b):
                continue
            if not _inside(*self._excl, a) and not self._overlaps_mention(a, b, any_kind=True):  # not in 《》, no actor
                nm = found
                if first:
                    break
        if nm is None:
            return self._titled_name(lo, hi, first)
        name = next(g for g in nm.groups() if g)
        surface = between[nm.start():nm.end()].strip()
        if nm.group(3):  # CJK transliteration: drop a title glued to its front (执行董事斯特拉·…), also one the match
            # starts inside (专利分析经理克里斯托弗·哈里森: the match 理克里斯托弗·… begins in 经理)
            ctx = between[max(0, nm.start() - 3):nm.start()]
            cut = max(_front_title_end(ctx + name, self.rules) - len(ctx), _front_title_end(name, self.rules), 0)
            name = surface = _name_tail_cut(name[cut:], self.rules)
        return name, surface

    def _glosses_org(self, b: int) -> bool:
        """The Latin name ending at `b` is followed, in the same clause, by a title and a person (公共知识（Public
        Knowledge）高级政策顾问尼古拉斯·加西亚 "Public Knowledge's senior policy adviser N. G."): it names the
        organisation the person works for, not a person (`org_gloss_gap` characters at most before the title)."""
        key = ("_glosses_org", b)  # asked again by every look-back over the sentence: answered once
        if key not in self._memo:
            t = self.rules["_titled"].search(self.art.simp, b, b + self.rules.get("org_gloss_gap", 8) + 12)
            self._memo[key] = (t is not None and self.rules["_org_gloss_gap"].fullmatch(self.art.simp, b, t.start()) is not None
                               and self._titled_name(t.start(), t.end(), first=True) is not None)
        return self._memo[key]

    def _titled_name(self, lo: int, hi: int, first: bool = False) -> tuple[str, str] | None:
        """(name, surface) of the last (with `first`, the first) unregistered person named right after a title word
        in text[lo:hi] (分析师张文怡 -> 張文怡, 开发者ehartford -> ehartford; `name_titles`), or None."""
        found, at = None, lo
        while (m := self.rules["_titled"].search(self.art.simp, at, hi)) is not None:
            at = m.start("name")  # a title inside the run is tried too (委员会主席冯德里恩: 委员, then 主席)
            a, name = m.start("name"), m.group("name")
            if "\u4e00" <= name[0] <= "\u9fff":
                ends = [k for k, c in enumerate(name) if c in self.rules.get("name_end_chars", "")]
                ends += [c.start() for rx in (self.rules["_name_cut"], self.rules["_verb_re"]) if (c := rx.search(name))]
                name = name[:min(ends, default=len(name))].rstrip(" ·・")
                loose = self.rules.get("titled_tail_max_freq", 500)
                if self.has_names and not (self.is_name(name) or self.is_name(name, titled=loose)):
                    # 创始人王兴兴给出一则判断: the name is the head of the run (主席冯德莱恩 stays whole)
                    name = next((name[:n] for n in (3, 2) if len(name) > n and self.is_name(name[:n])), name)
                    if not self.is_name(name, titled=loose):
                        continue  # 开发者头疼的… : a common word after the title, no name
                if not 2 <= len(re.sub(r"[\s·・]", "", name)) <= (10 if re.search("[·・]", name) else 6):
                    continue
            k = bisect.bisect_left(self._m_starts, a + len(name))
            if any(mm.end > a for mm in self.art.mentions[max(0, k - 8):k]):
                continue  # a registered name, not an unknown one
            found = (self.art.text[a:a + len(name)],) * 2
            if first:
                break
        return found

    def people(self) -> dict[str, str]:
        """Unregistered people the article introduces, simplified surface -> name: after a title word (分析师张文怡),
        written before their Latin name in brackets (瑟曼（Mark Surman） -> Mark Surman), and a Latin full name's
        surname (Rafael Laguna -> Laguna); built once, so a later bare 瑟曼认为 / Laguna表示 is that person."""
        if self._people_map is None:
            people: dict[str, str] = {}
            for m in self.rules["_titled"].finditer(self.art.simp):
                if _sentence_at(self.art, m.start("name")) != _sentence_at(self.art, m.start()):
                    continue  # a headline ending in 发言人 is no title for the next sentence's first word
                if (named := self._titled_name(m.start(), m.end(), first=True)) is not None:
                    people.setdefault(to_simplified(named[0]), named[0])
            for m in _NAME_RE.finditer(self.art.text):
                full = m.group(1) or m.group(2)
                if not full or self._overlaps_mention(m.start(), m.end()) or self._glosses_org(m.end()):
                    continue
                people.setdefault(full.split()[-1].lower(), full)
                if m.group(1) and (front := self._titled_name(max(0, m.start() - 12), m.start())) is None:
                    run = re.search(r"[\u4e00-\u9fff·・]{2,8}$", self.art.simp[max(0, m.start() - 8):m.start()])
                    if run is not None:
                        front = to_simplified(_name_tail_cut(run.group(), self.rules))
                        cut = max((front.rfind(t) + len(t) for t in self.rules["name_title_suffixes"] if t in front), default=0)
                        if 2 <= len(front) - cut <= 4:
                            people.setdefault(front[cut:], full)
                        else:  # a title glued before it (图灵奖得主本吉奥): the longest tail the article writes again
                            tail = next((front[-n:] for n in (4, 3, 2) if self.art.simp.count(front[-n:]) > 1), "")
                            if tail:
                                people.setdefault(tail, full)
                elif m.group(1) and front is not None:
                    people[to_simplified(front[0])] = full
            self._people_map = people
        return self._people_map

    def known_person(self, cs: int, va: int) -> tuple[str, str, str] | None:
        """The clause before the verb opens with a person the article introduced (`people`)."""
        subj = self.rules["_subject_opener"].sub("", self.masked[cs:va].strip(" \u3000")).lower()
        for surface, name in self.people().items():
            if subj.startswith(surface):
                return name, "", surface
        return None

    def abbreviations(self) -> dict[str, _Mention]:
        """Short names the article defines for a person (梁文锋（以下简称“梁”）-> 梁: 梁文锋's mention); built once."""
        if self._abbrev is None:
            self._abbrev = {}
            for m in self.rules["_abbreviation"].finditer(self.masked):
                who = [p for p in self.between(max(0, m.start() - 40), m.start()) if p.kind == "person"]
                if who and not self.masked[who[-1].end:m.start()].strip():
                    self._abbrev[m.group("short")] = who[-1]
        return self._abbrev

    def sent_lo(self, pos: int) -> int:
        return self.art.starts[_sentence_at(self.art, pos)]


# --------------------------------------------------------------------------- extraction
def _speaks(masked: str, verb: tuple[int, int], spk: tuple[str, str, str], rules: dict) -> bool:
    """A verb of `subject_verbs` (强调, 提到, 指…) is speech only when its subject speaks: a resolved
    actor or role, a pronoun, or a speaking noun (开发者, 团队…); other verbs always are."""
    if masked[verb[0]:verb[1]] not in rules["_subject_verbs"] or spk[0]:
        return True
    words = [w for ws in rules["pronouns"].values() for w in ws] + list(rules.get("speaking_nouns", ()))
    return any(w in to_simplified(spk[2]) for w in words)


def _nearby_speaker(art: _Article, res: "_Resolver", masked: str, q: _Quote,
                    rules: dict) -> tuple[str, str, str] | None:
    """Speaker of an unattributed quote: the named speaker of a speech verb in the next sentence, else of the
    nearest one before it, within `continuation_window` sentences (nothing is marked used: those
    sentences keep their own reported speech)."""
    window = rules["continuation_window"]
    nxt = q.rows[-1] + 1
    rows = [nxt] if nxt < len(art.ids) else []
    rows += range(q.rows[0] - 1, max(q.rows[0] - 1 - window, -1), -1)
    for r in rows:
        if art.kinds[r] != "body":
            continue
        lo, hi = art.starts[r], art.ends[r]
        for va, vb in reversed(_verbs(masked, lo, hi, rules)) if r < q.rows[0] else _verbs(masked, lo, hi, rules):
            spk = res.speaker(lo, va)
            if spk[0] and _speaks(masked, (va, vb), spk, rules):
                return spk
    return None


def _colon_line_speaker(art: _Article, res: "_Resolver", masked: str, q: _Quote) -> tuple[str, str, str] | None:
    """Speaker of a quote that opens its sentence when the sentence before ends with a colon: who speaks before
    that colon, else the subject of that sentence (李飞飞…发表评论文章，把话说得很直白：)."""
    first = q.rows[0]
    if first == 0 or masked[art.starts[first]:q.open].strip(" \u3000"):
        return None
    p_lo = art.starts[first - 1]
    line = masked[p_lo:art.ends[first - 1]].rstrip(" \u3000")
    if not line.endswith(("：", ":")):
        return None
    verbs = _verbs(masked, p_lo, p_lo + len(line) - 1, res.rules)
    if verbs:  # 信中提到： "the letter says:" — the verb's own speaker first (a role speaks for who issued it)
        spk = res.speaker(p_lo, verbs[-1][0])
        if spk[0]:
            return spk
    spk = res.speaker_or_subject(p_lo, p_lo + len(line) - 1)
    return spk if spk[0] else None


def _lead_quote_speaker(art: _Article, res: "_Resolver", q: _Quote) -> tuple[str, str, str] | None:
    """Speaker of a quoted sentence that is a whole paragraph (“我们在攀岩馆聊吧。”), with no speaker before it: the
    person who is the subject of the first clause of the next paragraph (53岁的360集团创始人周鸿祎…), if any."""
    first, final = q.rows[0], q.rows[-1]
    nxt = final + 1
    if (nxt >= len(art.ids) or art.kinds[nxt] != "body" or art.para_ends[final] != art.ends[final]
            or (first > 0 and art.para_ends[first - 1] != art.ends[first - 1]) or not _only_quote(art, q)
            or art.text[q.open + 1:q.close].rstrip()[-1:] not in _END_PUNCT):
        return None  # not a paragraph of its own, or a quoted title or term (no sentence end inside the marks)
    lo = art.starts[nxt]
    hi = lo + len(re.split(f"[{_CLAUSE}]", res.masked[lo:art.ends[nxt]], maxsplit=1)[0])
    people = [m for m in res.between(lo, hi) if res._usable(m) and m.kind == "person"]
    if people:
        return people[0].actor, res.org_of(people[0].actor, people[0].kind, lo, people[0].start), people[0].surface
    named = res._unregistered_name(lo, hi, first=True)
    return (named[0], "", named[1]) if named is not None else None


def _sids(art: _Article, rows: list[int]) -> str:
    return ";".join(str(art.ids[r]) for r in rows)


def _only_quote(art: _Article, q: _Quote) -> bool:
    """True when the quote covers its sentences entirely (nothing but punctuation outside the marks)."""
    lo = art.starts[q.rows[0]]
    hi = art.ends[q.rows[-1]]
    outside = art.text[lo:q.open] + art.text[min(q.close + 1, hi):hi]
    return not re.sub(r"[\s，,。.！!？?：:；;（）()\-—…]", "", outside)


@dataclass
class _Pass:
    """State shared by the two passes over one article: the resolver, the verbs used as attributions, the
    sentences whose verb attributes a direct quote, and the direct quotes by sentence."""
    art: _Article
    rules: dict
    masked: str
    res: "_Resolver"
    quotes: list
    used: set = field(default_factory=set)             # positions of speech verbs / 据 phrases used as attributions
    attributed_rows: set = field(default_factory=set)  # sentences whose verb attributes a direct quote
    direct_rows: dict = field(default_factory=dict)
    lead_ins: list = field(default_factory=list)       # reported speech between a verb and the quote it introduces

    def __post_init__(self):
        for q in self.quotes:
            for r in q.rows:
                self.direct_rows.setdefault(r, []).append(q)
        self.opens = [q.open for q in self.quotes]    # quotes are found left to right and never overlap,
        self.closes = [q.close for q in self.quotes]  # so both lists are sorted
        self.starts = set(self.opens)


def _article_quotes(art: _Article, rules: dict, registry: dict, is_name=None) -> list[dict]:
    quotes = _find_direct(art, rules)
    masked = _mask(art, quotes)
    res = _Resolver(art, masked, rules, registry, quotes, is_name)
    ps = _Pass(art, rules, masked, res, quotes)
    # pass 1: direct quotes, in reading order
    found: list[tuple[_Quote, tuple[str, str, str]]] = []
    last: tuple[int, tuple[str, str, str]] | None = None
    for q in quotes:
        spk = _direct_speaker(ps, q, last)
        found.append((q, spk))
        if spk[0]:
            last = (q.rows[-1], spk)
    rows_out = _merged_direct(art, found)
    rows_out.extend(ps.lead_ins)
    # pass 2: reported speech in sentences (text outside direct quotes only)
    for r in art.sents.index:
        rows_out.extend(_sentence_reported(ps, r))
    for row in rows_out:
        row.pop("_rows", None)
    # a verb whose clause ends right after it (接受…专访。 "gave an interview", 进行了批评。 "criticised") says nothing
    return [row for row in rows_out if row["kind"] != "reported" or _WORD.search(row["quote"])]


def _direct_speaker(ps: _Pass, q: _Quote, last) -> tuple[str, str, str]:
    """The speaker of a direct quote, trying the attributions in order (a) to (f)."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    s_lo = art.starts[q.rows[0]]
    spk = _naming_speaker(ps, q) or _verb_after(ps, q) or _verb_before(ps, q) or _next_sentence_attribution(ps, q)
    # (d) a named person right before the opening mark (a translation dropped the verb)
    if spk is None:
        cands = [m for m in res.between(s_lo, q.open) if res._usable(m)]
        people = [m for m in cands if m.kind == "person"]
        m = people[-1] if people else (cands[-1] if cands and q.open - cands[-1].end <= 4 else None)
        if m is not None:
            spk = (m.actor, res.org_of(m.actor, m.kind, s_lo, m.start), m.surface)
    # (d') a colon before the quote (in its sentence) without a verb: the subject before the colon
    #      ("Meta在博客中很自信：「…」")
    colon = max(masked.rfind("：", s_lo, q.open), masked.rfind(":", s_lo, q.open))
    if spk is None and colon >= 0:
        cand = res.speaker(s_lo, colon)
        spk = cand if cand[0] else None
    # (d'') a quote opening its sentence after a sentence that ends with a colon ("他的判断很直接：" / "“…”")
    if spk is None:
        spk = _colon_line_speaker(art, res, masked, q)
    # (e) continuation of the previous quote's speaker
    if spk is None and last is not None and q.rows[0] - last[0] <= rules["continuation_window"]:
        spk = last[1]
    # (e') a lead quote, a paragraph of its own, before its speaker is named: the person the next paragraph opens with
    if spk is None:
        spk = _lead_quote_speaker(art, res, q)
    # (f) a quote with no attribution of its own: whoever speaks nearest around it (the next
    #     sentence, else before)
    if spk is None:
        spk = _nearby_speaker(art, res, masked, q, rules)
    return spk or ("", "", "")


def _naming_speaker(ps: _Pass, q: _Quote) -> tuple[str, str, str] | None:
    """(a0) a naming frame running into the opening mark in its clause (`naming_frames`): X把Y称为“…” / Y被X称为「…」
    -> X, whoever else speaks in the sentence."""
    masked, res = ps.masked, ps.res
    lo = _clause_start(masked, ps.art.starts[q.rows[0]], q.open)
    for rx in ps.rules["_naming"]:
        for m in rx.finditer(masked, lo, q.open):
            if re.search(f"[{_CLAUSE}]", masked[m.end():q.open]):
                continue
            spk = res.speaker(m.start("src"), m.end("src"))
            if spk[0]:
                return spk
    return None


def _verb_after(ps: _Pass, q: _Quote) -> tuple[str, str, str] | None:
    """(a) a verb after the closing mark in the last sentence: “……”X说."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    s_lo, e_hi = art.starts[q.rows[0]], art.ends[q.rows[-1]]
    k = bisect.bisect_right(ps.opens, q.close)
    later = ps.opens[k] if k < len(ps.opens) and ps.opens[k] < e_hi else e_hi
    v = [x for x in _verbs(masked, q.close + 1, later, rules) if x[0] not in ps.used]
    if not v:
        return None
    cand = res.speaker(q.close + 1, v[0][0])
    if not cand[0] and rules["_connective"].match(masked[q.close + 1:v[0][0]].strip(" \u3000，,")):
        cand = res.speaker(s_lo, v[0][0])  # X把…称为“…”，并且写道: X, before the quote
    if (cand[0] or cand[2]) and _speaks(masked, v[0], cand, rules):
        ps.used.add(v[0][0])
        ps.attributed_rows.add(_sentence_at(art, v[0][0]))
        return cand
    return None


def _verb_before(ps: _Pass, q: _Quote) -> tuple[str, str, str] | None:
    """(b) a verb (or 据X) before the opening mark in the first sentence: X告诉我:“……”."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    first = q.rows[0]
    s_lo = art.starts[first]
    k = bisect.bisect_left(ps.closes, q.open) - 1
    before_lo = ps.closes[k] + 1 if k >= 0 and ps.closes[k] >= s_lo else s_lo
    v = _verbs(masked, before_lo, q.open, rules)
    acc = list(rules["_according"].finditer(masked, before_lo, q.open))
    cand = res.speaker(s_lo, v[-1][0]) if v else None
    # a verb with nothing before it (说到当下的状态，X只用了一句话：“…” "speaking of…") names no one: it does not
    # claim the quote, the colon frame or the sentence around it does
    if cand is not None and (cand[0] or cand[2]) and _speaks(masked, v[-1], cand, rules):
        ps.used.add(v[-1][0])
        ps.attributed_rows.add(first)
        # a clause of its own before the quote (not a subject running into it: X的方式“允许…”)
        lead = art.text[v[-1][1]:q.open].lstrip(" ，,:：\u3000")
        if (re.search(f"[{_CLAUSE}]", lead)
                and len(re.sub(r"\W", "", lead)) >= rules.get("min_reported_chars", 6)):
            lead = lead.rstrip(" ，,:：\u3000")
            ps.lead_ins.append(_row(art, [first], cand, lead, "reported"))  # 他直言，X，“Y”: X is said too
        return cand
    if acc and (cand := _according_speaker(res, acc[-1], art)) is not None:
        ps.used.add(acc[-1].start())
        ps.attributed_rows.add(first)
        return cand
    return None


def _next_sentence_attribution(ps: _Pass, q: _Quote) -> tuple[str, str, str] | None:
    """(c) a whole-sentence quote attributed in the next sentence ("…如此说道", "这则新闻稿中写道")."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    nxt = q.rows[-1] + 1
    if not _only_quote(art, q) or nxt >= len(art.sents) or nxt in ps.direct_rows:
        return None
    n_lo, n_hi = art.starts[nxt], art.ends[nxt]
    v = _verbs(masked, n_lo, n_hi, rules)
    if not (v and (v[0][1] >= n_hi - 2 or rules["_back_reference"].search(masked, n_lo, v[0][1]))):
        return None
    cand = res.speaker(n_lo, v[0][0])
    if not _speaks(masked, v[0], cand, rules):
        return None
    # "…如此说道" looks back at the quote; "他写道，X。" still says X
    if v[0][1] >= n_hi - 2 or rules["_look_back"].search(masked, n_lo, v[0][1]):
        ps.used.add(v[0][0])
    if v[0][1] >= n_hi - 2:
        ps.attributed_rows.add(nxt)
    return cand


def _merged_direct(art: _Article, found: list) -> list[dict]:
    """Rows of the direct quotes; fragments of one sentence run that share a speaker merge: “加速…” … “确保…” -> one row."""
    rows_out: list[dict] = []
    for q, spk in found:
        content = art.text[q.open + 1:q.close].strip()
        prev = rows_out[-1] if rows_out else None
        if (prev is not None and prev["kind"] == "direct" and prev["_rows"][-1] == q.rows[0]
                and (prev["speaker"], prev["speaker_org"]) == spk[:2]):
            prev["quote"] += " … " + content
            prev["_rows"] = sorted(set(prev["_rows"]) | set(q.rows))
            prev["sentence_ids"] = _sids(art, prev["_rows"])
            continue
        rows_out.append(_row(art, q.rows, spk, content, "direct"))
    return rows_out


def _sentence_reported(ps: _Pass, r: int) -> list[dict]:
    """Reported speech found in sentence r (outside its direct quotes)."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    if art.kinds[r] != "body":
        row = _heading_speech(art, res, masked, r, rules) if r not in ps.direct_rows else None
        return [row] if row is not None else []
    if r not in ps.direct_rows and (row := _interview_line(art, res, masked, r, rules)) is not None:
        return [row]
    named = _naming_reported(ps, r)
    if r in ps.attributed_rows:
        return _reported_before_attribution(art, res, masked, r, ps.used, ps.opens, rules) + named
    out, row = _verb_reported(ps, r)
    if row is None:
        row = _unverbed_reported(ps, r)
    return (out + [row] if row is not None else out) + named


def _naming_reported(ps: _Pass, r: int) -> list[dict]:
    """X把Y称为对创业公司的“累退税” (`naming_frames`): a quoted name after a naming verb that is no direct quotation of
    its own (too short) is the namer's words, to the end of its clause."""
    art, masked, res = ps.art, ps.masked, ps.res
    lo, hi = art.starts[r], art.ends[r]
    out = []
    for rx in ps.rules["_naming"]:
        for m in rx.finditer(masked, lo, hi):
            end = m.end()
            while end < hi and masked[end] not in _CLAUSE:
                end += 1
            if masked[end:end + 1] in ("：", ":"):
                end = hi  # X把Y概括为“双轨”：…: the explanation after the colon is the namer's too
            content = art.text[m.end():end].strip(" \u3000")
            if not ps.rules["_open_re"].search(content) or any(m.end() <= o < end for o in ps.opens):
                continue  # no quoted name, or a direct quotation that has its own row
            spk = res.speaker(m.start("src"), m.end("src"))
            if spk[0]:
                out.append(_row(art, [r], spk, content, "reported"))
    return out


def _verb_reported(ps: _Pass, r: int) -> tuple[list[dict], dict | None]:
    """The first unused speech verb of sentence r that says something: (rows of a first speaker when a second
    takes over, the row)."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    lo, hi = art.starts[r], art.ends[r]
    for v_a, v_b in _verbs(masked, lo, hi, rules):
        if v_a in ps.used:
            continue
        rest = masked[v_b:hi]
        stripped = rest.lstrip(" \u3000:：，,")
        if (hi - len(stripped)) in ps.starts or not rest.strip(" \u3000。.，,:：;；)）"):
            continue   # X说:“…” is a direct quote; nothing said after the verb
        cs = _clause_start(masked, lo, v_a)
        subj = masked[cs:v_a].strip(" \u3000")
        if rules["_skip"].search(subj):
            continue
        if masked[v_a:v_b] in rules["_frame_verbs"] and _relays(res, masked, lo, hi, v_b, rules):
            continue  # 星岛网报导，发言人郭某表示…: the outlet relays who speaks
        spk = res.speaker(lo, v_a)
        if not spk[0] and (not spk[2] or len(spk[2]) > rules["max_unresolved_subject"]):
            continue
        if not _speaks(masked, (v_a, v_b), spk, rules):
            continue
        second = _second_speaker(res, masked, lo, hi, v_b, spk, ps.used, rules)
        end = second[0] if second else hi
        content = re.sub(r"^的[，,]", "", art.text[v_b:end].strip(" ，,:：\u3000"))  # 正如X所解释的，…
        row = _row(art, [r], spk, content, "reported")
        if second:
            return [row], _row(art, [r], second[2], art.text[second[1]:hi].strip(" ，,:：\u3000"), "reported")
        return [], row
    return [], None


def _unverbed_reported(ps: _Pass, r: int) -> dict | None:
    """Reported speech of sentence r without a usable speech verb: 据X, an interview, a colon, 正如X所言,
    published figures, 据悉, a subheading kept as a body line."""
    art, rules, masked, res = ps.art, ps.rules, ps.masked, ps.res
    lo, hi = art.starts[r], art.ends[r]
    free = r not in ps.direct_rows
    if free:
        for am in rules["_according"].finditer(masked, lo, hi):
            if am.start() in ps.used or (spk := _according_speaker(res, am, art)) is None:
                continue
            content = (art.text[lo:am.start()] + art.text[am.end():hi]).strip(" ，,:：\u3000")
            return _row(art, [r], spk, content, "reported")
        im = rules["_interview"].search(masked, lo, hi)
        if im and (spk := res.speaker(lo, im.start()))[0]:
            return _row(art, [r], spk, art.text[im.end():hi].strip(" ，,:：\u3000"), "reported")
        cm = rules["_colon_speech"].search(masked, lo, hi)  # "他的理由是：…", "Ai2说得很明白：…"
        if cm and (spk := res.speaker_or_subject(lo, cm.start()))[0] and art.text[cm.end():hi].strip():
            return _row(art, [r], spk, art.text[cm.end():hi].strip(" ，,:：\u3000"), "reported")
    row = _viewpoint(art, res, masked, r, rules)  # 正如X所言，企业需要解决“…”三大问题: the whole sentence is X's view
    if row is None and free:
        row = _data_shows(art, res, masked, r, rules) or _according_unnamed(art, masked, r, rules)
    if row is None and free and art.text[lo:hi].rstrip()[-1:] not in _END_PUNCT:
        row = _heading_speech(art, res, masked, r, rules)  # a subheading kept as a body line
    return row


def _reported_before_attribution(art: _Article, res: "_Resolver", masked: str, r: int, used: set, opens: list,
                                 rules: dict) -> list[dict]:
    """In a sentence whose verb attributes a direct quote, an earlier speech verb says what lies between
    it and the next attribution or quote ("他承认X，解释道：「…」" -> X is reported speech too)."""
    lo, hi = art.starts[r], art.ends[r]
    stops = sorted([u for u in used if lo <= u < hi] + [o for o in opens if lo <= o < hi])
    out = []
    for v_a, v_b in _verbs(masked, lo, hi, rules):
        nxt = bisect.bisect_right(stops, v_a)
        if v_a in used or nxt >= len(stops):
            continue
        content = art.text[v_b:stops[nxt]].strip(" ，,:：\u3000")
        if len(re.sub(r"\W", "", content)) < rules.get("min_reported_chars", 6):
            continue
        spk = res.speaker(lo, v_a)
        named = spk[0] or (spk[2] and len(spk[2]) <= rules["max_unresolved_subject"])
        if named and _speaks(masked, (v_a, v_b), spk, rules):
            out.append(_row(art, [r], spk, content, "reported"))
            break
    return out


def _relays(res: "_Resolver", masked: str, lo: int, hi: int, after: int, rules: dict) -> bool:
    """An outlet's report verb ending at `after` relays the next clause when that clause opens right after it with a
    speaker and a speech verb of its own (星岛网报导，外交部发言人郭某周四表示，… "Sing Tao reported that the spokesman said")."""
    for w_a, w_b in _verbs(masked, after, hi, rules):
        cs = _clause_start(masked, lo, w_a)
        if masked[after:cs].strip(" \u3000，,：:"):
            return False
        other = res.speaker(cs, w_a)
        return bool(other[0]) and _speaks(masked, (w_a, w_b), other, rules)
    return False


def _second_speaker(res: "_Resolver", masked: str, lo: int, hi: int, after: int, spk: tuple[str, str, str], used: set,
                    rules: dict) -> tuple[int, int, tuple[str, str, str]] | None:
    """A later clause of the sentence with a speaker of its own (有网民留言指X，他随即回应称Y: Y is his, not theirs):
    (where the first speech ends, where the second starts, its speaker), or None."""
    for w_a, w_b in _verbs(masked, after, hi, rules):
        cs = _clause_start(masked, lo, w_a)
        subject = masked[cs:w_a].strip(" \u3000")
        if (w_a in used or not subject or rules["_connective"].match(subject) or rules["_subordinate"].match(subject)
                or len(re.sub(r"\W", "", masked[after:cs])) < rules.get("min_reported_chars", 6)):
            continue  # no subject of its own (并表示, 还指), a subordinate clause (既然官方宣布…), nothing said before it
        other = res.speaker(lo, w_a)
        if other[0] and other[:2] != spk[:2] and _speaks(masked, (w_a, w_b), other, rules):
            return cs, w_b, other
    return None


def _interview_line(art: _Article, res: "_Resolver", masked: str, r: int, rules: dict) -> dict | None:
    """A paragraph opening "梁文锋：…" or "梁：…" (`interview_line`, `abbreviation`): the rest of the paragraph is said
    by that person (a registry person named exactly there, or the short name the article gave one)."""
    lo = art.starts[r]
    if r > 0 and art.ends[r - 1] == lo:
        return None  # not the start of a paragraph
    m = rules["_interview_line"].match(masked, lo, art.ends[r])
    if m is None:
        return None
    a, b = m.span("who")
    who = [p for p in res.between(a, b) if p.kind == "person" and (p.start, p.end) == (a, b)]
    person = who[0] if who else res.abbreviations().get(m.group("who"))
    if person is None:
        person = _named_before(res, m.group("who"), a, rules)
    if person is None:
        return None
    last = r
    while last + 1 < len(art.ids) and art.starts[last + 1] == art.ends[last]:
        last += 1
    content = art.text[m.end():art.ends[last]].strip()
    spk = (person.actor, res.org_of(person.actor, person.kind, lo, person.start), art.text[a:b])
    return _row(art, list(range(r, last + 1)), spk, content, "reported") if content else None


def _named_before(res: "_Resolver", who: str, a: int, rules: dict) -> _Mention | None:
    """The unregistered speaker of a transcript line "孟伟：…" / "Illia:…" / "局长：…": a label the article wrote
    before the line (in the lead: 专访了…孟伟, Illia Polosukhin, 局长孙东) and not the interviewer's (`interviewer_labels`:
    记者, 主持人, 问…). A person mention that holds the label (帕迪·科斯格雷夫 for 科斯格雷夫) or starts right after
    it (局长孙东 for 局长) is that person; otherwise the label itself speaks."""
    k = res.masked.find(who, 0, a)
    if len(who) < 2 or k < 0 or any(who.endswith(w) for w in rules.get("interviewer_labels", ())):
        return None
    for p in res.between(max(0, k - res._max_len), k + len(who) + 8):
        if p.kind == "person" and (p.start <= k and k + len(who) <= p.end or p.start == k + len(who)):
            return p
    return _Mention(who, "person", a, a + len(who), who)


def _viewpoint(art: _Article, res: "_Resolver", masked: str, r: int, rules: dict) -> dict | None:
    """在X看来，… / 正如X所言，… (`viewpoint_frames`): the rest of the sentence is X's view."""
    lo, hi = art.starts[r], art.ends[r]
    for rx in rules["_viewpoints"]:
        m = rx.search(masked, lo, hi)
        if m is None:
            continue
        spk = res.speaker(m.start(), m.end("src"))
        content = art.text[m.end():hi].strip(" ，,:：\u3000")
        if spk[0] and content:
            return _row(art, [r], spk, content, "reported")
    return None


def _heading_speech(art: _Article, res: "_Resolver", masked: str, r: int, rules: dict) -> dict | None:
    """A headline "X反击：…" / "X声明：…“…”" (`heading_speech`): what follows the colon is said by X."""
    lo, hi = art.starts[r], art.ends[r]
    m = rules["_heading_speech"].match(masked, lo, hi)
    if m is None:
        return None
    spk = res.speaker_or_subject(lo, m.end() - 1)
    content = art.text[m.end():hi].strip()
    return _row(art, [r], spk, content, "reported") if spk[0] and content else None


def _data_shows(art: _Article, res: "_Resolver", masked: str, r: int, rules: dict) -> dict | None:
    """X公布的数据显示，… / X统计，…: the rest of the sentence is said by X (an actor, pronoun or role)."""
    lo, hi = art.starts[r], art.ends[r]
    needs = rules.get("data_shows_needs")
    if needs and not any(w in masked[lo:hi] for w in needs):
        return None
    m = rules["_data_shows"].search(masked, lo, hi)
    if m is None:
        return None
    g = "src" if m.group("src") is not None else "src2"
    a, b = m.span(g)
    a = _clause_start(masked, lo, b)
    spk = res.speaker(a, b)
    if not spk[0]:
        spk = _source_as_written(art.text[m.start(g):b], rules) or spk
    content = art.text[m.end():hi].strip(" ，,:：\u3000")
    return _row(art, [r], spk, content, "reported") if spk[0] and content else None


def _source_as_written(src: str, rules: dict) -> tuple[str, str, str] | None:
    """An unregistered data source named in Latin letters (据权威机构PitchBook最新数据显示 -> PitchBook, 根据研调机构CB
    Insights一份报告显示 -> CB Insights; `data_source_name`): it publishes the figures, so it speaks (clarification 14)."""
    for m in rules["_data_source_name"].finditer(src):
        if m.group() not in rules["_data_source_not"]:
            return m.group(), m.group(), m.group()
    return None


def _according_unnamed(art: _Article, masked: str, r: int, rules: dict) -> dict | None:
    """据悉/据报道/据报 with no source named: the rest of the sentence is said by an unnamed source
    ("unnamed source", "unnamed media reports"; `according_unnamed`)."""
    lo, hi = art.starts[r], art.ends[r]
    m = rules["_according_unnamed"].search(masked, lo, hi)
    if m is None:
        return None
    content = (art.text[lo:m.start()] + art.text[m.end():hi]).strip(" ，,:：\u3000")
    spk = ("unnamed " + rules["according_unnamed"][m.group()], "", art.text[m.start():m.end()])
    return _row(art, [r], spk, content, "reported") if content else None


def _according_speaker(res: _Resolver, am: re.Match, art: _Article) -> tuple[str, str, str] | None:
    """Speaker of 据X报道/消息: a registry actor, a role, a pronoun, or the source as written."""
    a, b = am.span("src")
    relay = res.rules["_relay"].search(res.masked, a, b)
    a = relay.end() if relay is not None and relay.end() < b else a  # 据《彭博》引述知情人士报道: the people it cites
    src = res.masked[a:b]
    if src in res.rules["according_to_not_sources"]:
        return None
    tail = am.group("tail")
    # 据X报道: X is the source (the report is X's, not a role of the sentence); 据该公司声明: the statement's issuer
    if res.rules["_role_re"].search(src if tail in res.rules["according_to_report_tails"] else src + tail):
        return res.speaker(a, b if res.rules["_role_re"].search(src) else am.end())
    for words in res.rules["pronouns"].values():
        if any(src.startswith(w) for w in words):
            return res.speaker(a, a + len(next(w for w in words if src.startswith(w))))
    if (outlet := res.outlet_referent(a, b)) is not None:
        return outlet  # 据该报报道 "according to this paper": the outlet named before
    cands = [m for m in res.between(a, b) if res._usable(m)]
    if cands and (desc := res.indefinite_person(a, b)) is not None:
        return desc  # 据该报援引一名接近 OpenAI 的人士透露: an unnamed person, not OpenAI
    if cands:
        m = cands[0]
        return m.actor, res.org_of(m.actor, m.kind, a, m.start), m.surface
    # 据《信息》报道: an outlet in 《》 is the source here (elsewhere 《》 marks an interviewer, see _usable)
    media = [m for m in res.between(a, b) if m.kind in ("media", "org")]
    if media:
        return media[0].actor, media[0].actor, media[0].surface
    surface = art.text[a:b].strip()
    unnamed = _unnamed_speaker(surface, res.rules)  # 据多家美国媒体披露 -> "unnamed media", 据…引述知情人士报道
    if not unnamed[0] and am.group("tail") in res.rules["according_to_report_tails"]:
        return surface.strip("《》"), "", surface
    return unnamed if unnamed[0] else None


def _row(art: _Article, rows: list[int], spk: tuple[str, str, str], quote: str, kind: str) -> dict:
    return {"_rows": list(rows), "article_id": art.aid, "sentence_id": art.ids[rows[0]],
            "sentence_ids": _sids(art, rows), "speaker": spk[0], "speaker_org": spk[1], "speaker_surface": spk[2],
            "quote": quote, "kind": kind}


def extract_quotes(sentences: pd.DataFrame, mentions: pd.DataFrame | None = None, registry=None) -> pd.DataFrame:
    """Quote table (QUOTE_COLUMNS) for a sentences table and its actor mentions.

    `registry` (from `kaiyuan.actors.load_registry()`, optional) supplies `parent` organisations of
    people. Their stance per target: `quote_stance`.
    """
    rules = load_rules()
    memo = getattr(registry, "_cache", None)  # kaiyuan.actors.Registry keeps derived indexes here
    if isinstance(memo, dict):
        reg = memo.get("quotes_index") or memo.setdefault("quotes_index", _registry_index(registry))
    else:
        reg = _registry_index(registry)
    is_name = None
    if getattr(registry, "discovery", None) is not None:  # a kaiyuan.actors.Registry: unknown names by their shape
        from .actors import new_person_name

        is_name = functools.partial(new_person_name, registry=registry)
    if mentions is None or len(mentions) == 0:
        mentions = pd.DataFrame(columns=["article_id", "sentence_id", "actor", "actor_type", "surface", "start", "end"])
    if "actor_type" not in mentions.columns:
        mentions = mentions.assign(actor_type=[reg.get(a, {}).get("type", "") for a in mentions["actor"]])
    out = []
    by_art = dict(tuple(mentions.groupby("article_id"))) if len(mentions) else {}
    for aid, sents in sentences.groupby("article_id", sort=True):
        art = _build_article(str(aid), sents, by_art.get(aid), rules)
        out.extend(_article_quotes(art, rules, reg, is_name))
    df = pd.DataFrame(out, columns=QUOTE_COLUMNS)
    df = df.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)
    df["quote_id"] = quote_ids(df["article_id"])
    return df


def quote_ids(article_ids: pd.Series) -> list[str]:
    """`<article_id>:q<n>`, numbered from 1 in reading order within each article."""
    n = article_ids.groupby(article_ids, sort=False).cumcount() + 1
    return [f"{a}:q{i}" for a, i in zip(article_ids, n)]


# --------------------------------------------------------------------------- stance
def _combine(labels: list[tuple[str, float]]) -> str:
    """Stance of a multi-sentence quote: 'mixed' when both sides occur, else the non-neutral side, else neutral."""
    sides = {lab for lab, _ in labels if lab in ("supportive", "critical")}
    if len(sides) == 2:
        return "mixed"
    if sides:
        return sides.pop()
    return "neutral" if labels else ""


def quote_stance(quotes: pd.DataFrame, stance_sentences: pd.DataFrame, priors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Stance of every quote towards every configured target (QUOTE_STANCE_COLUMNS), from the stance of
    its sentences (hand labels preferred over the model's; a weak model label counts as neutral, see
    `stance.evidence_labels`): 'mixed' when its sentences take both sides,
    else the side taken, else neutral; empty when none of its sentences has a label (basis "sentences").
    With `priors` (stance.load_quote_labels()), a quote the MODEL left neutral takes its speaker's usual
    side in other articles (stance_cues.yaml `speaker_prior`; basis "speaker prior").

    `stance_sentences` has columns article_id, sentence_id, target, label[, score, method]; a wide
    label table (one column per target) is accepted too.
    """
    from .stance import PRIOR_BASIS, TARGETS, evidence_labels, load_cues, prior_index, speaker_prior

    ss = stance_sentences
    if "target" not in ss.columns:
        ss = ss.melt(id_vars=["article_id", "sentence_id"], value_vars=[t for t in TARGETS if t in ss.columns],
                     var_name="target", value_name="label")
    need = {(str(a), int(x)) for a, sids in zip(quotes["article_id"].tolist(), quotes["sentence_ids"].tolist())
            for x in str(sids).split(";") if x != ""}
    ss = ss[[(str(a), int(x)) in need for a, x in zip(ss["article_id"].tolist(), ss["sentence_id"].tolist())]]
    # only the quoted sentences' rows: the rest of the corpus is never looked up; a table without method
    # or score columns holds hand labels
    best = evidence_labels(ss.assign(**{c: ss[c] if c in ss else v for c, v in (("method", "hand"), ("score", 1.0))}))
    lookup = {(str(a), int(s), t): (lab, float(sc), m) for a, s, t, lab, sc, m in
              records(best, ["article_id", "sentence_id", "target", "label", "score", "method"])}
    rule = load_cues()["speaker_prior"] if priors is not None and len(priors) else None
    index = prior_index(priors) if rule else {}
    rows = []
    for qid, a, sid, spk, org, sids in records(quotes, ["quote_id", "article_id", "sentence_id", "speaker", "speaker_org", "sentence_ids"]):
        for target in TARGETS:
            labs = [lookup[k] for x in str(sids).split(";") if x != "" and (k := (str(a), int(x), target)) in lookup]
            label, basis = _combine([(lab, sc) for lab, sc, _ in labs]), "sentences"
            if rule and label in ("neutral", "") and all(m == "model" for _, _, m in labs):
                side = speaker_prior(index, [str(spk or ""), str(org or "")], target, str(a), rule)
                label, basis = (side, PRIOR_BASIS) if side else (label, basis)
            rows.append((qid, a, sid, spk, target, label, basis))
    return pd.DataFrame(rows, columns=QUOTE_STANCE_COLUMNS)


def stance_view(quotes: pd.DataFrame, quote_stance: pd.DataFrame) -> pd.DataFrame:
    """The quotes with one `stance_<target>` column per target (a reading view of the long table)."""
    q = quotes.copy()
    for target, g in quote_stance.groupby("target", sort=False):
        q[f"stance_{target}"] = q["quote_id"].map(dict(zip(g["quote_id"], g["label"]))).fillna("")
    return q
