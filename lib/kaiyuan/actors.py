"""Actor frequency: registry of named actors, mention finding, counts, co-occurrence, discovery.

Pipeline position: kaiyuan.corpus sentences -> find_mentions -> actor_counts / cooccurrence.
All seed knowledge (names, aliases, context rules, stoplists) lives in data/actors.yaml;
the counting rules are documented in data/ACTORS.md. Importing this module is cheap:
OpenCC, pyahocorasick and jieba are loaded on first use.
"""
from __future__ import annotations

import functools
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .frames import records
from .script import to_simplified  # noqa: F401  (re-exported: length-preserving t2s)
from .textscan import contains_any

__all__ = [
    "ACTOR_TYPES", "MENTION_COLUMNS", "COUNT_COLUMNS", "COOCCURRENCE_COLUMNS", "DISCOVERY_COLUMNS",
    "RegistryError", "Registry", "Actor", "Rule", "load_registry", "find_mentions", "actor_counts",
    "cooccurrence", "roll_up", "jieba_userdict", "segmenter", "discover_unknown", "normalise", "registry_snippet",
    "to_simplified", "compare_matchers",
]

DEFAULT_REGISTRY = Path(__file__).resolve().parent / "data" / "actors.yaml"
ACTOR_TYPES = ("org", "person", "model", "gov", "initiative", "other")
MENTION_COLUMNS = ["article_id", "sentence_id", "actor", "actor_type", "surface", "start", "end", "version"]
COUNT_COLUMNS = ["article_id", "actor", "actor_type", "count", "per_1k_chars"]
COOCCURRENCE_COLUMNS = ["actor_a", "actor_b", "sentences", "articles"]
DISCOVERY_COLUMNS = ["candidate", "tag", "count", "articles", "example_article_id",
                     "example_sentence_id", "example", "surfaces"]

_ACTOR_KEYS = {"name", "name_zh", "type", "parent", "aliases", "context", "note"}
_RULE_KEYS = {"aliases", "case_sensitive", "require_wrapper", "require_version", "require_any_nearby",
              "require_prior_mention", "require_prior_any", "window", "forbid_prefix", "forbid_suffix",
              "forbid_nearby"}
_TOP_KEYS = {"schema", "settings", "discovery", "actors"}
_DEFAULT_SETTINGS = {"default_window": 20, "merge_parenthetical_gloss": True, "jieba_freq": 20000,
                     "version_words": [], "credit_markers": [], "credit_ends": "。；）)】]」\n",
                     "identifying_removed_reasons": [],
                     "jieba_tags": {"person": "nr", "org": "nt", "gov": "nt", "initiative": "nt",
                                    "model": "nz", "other": "nz"}}
_DEFAULT_DISCOVERY = {"speech_verbs": ["说", "表示", "告诉", "称", "指出", "认为", "写道"],
                      "speech_bridges": [], "latin_stoplist": [], "stopwords": [], "org_suffixes": [],
                      "compound_surnames": [], "surnames": "", "transliteration_chars": "",
                      "non_name_suffixes": "", "max_dictionary_freq": 100, "units": [], "letter_frames": [],
                      "dictionary_org_heads": [], "org_unit_suffixes": [], "title_max_chars": 0,
                      "promote_titles": [], "promote_verbs": [], "promote_chinese": "off",
                      "promote_name_followers": [], "promote_name_tail_not": [], "promote_post_titles": [],
                      "promote_titled_max_freq": 0,
                      "promote_next_word_min_freq": 0, "promote_title_frames": [],
                      "promote_versioned_models": "off", "versioned_model_pattern": "",
                      "document_title_heads": {}, "document_title_frames": {}, "document_list_joiners": [],
                      "document_title_not_heads": [], "document_title_marks": ["《》"],
                      "document_title_max_chars": 30, "document_name_keeps_marks": ["《》"], "document_gloss_before": [], "document_gloss_after": [],
                      "document_names": {}, "promote_latin_short_forms": [], "document_not_nouns": [],
                      "versioned_model_name": "family", "promote_recurring_latin": 0,
                      "latin_name_tails": [], "recurring_not_before": [], "promote_recurring_org": 0}
_DISCOVERY_LISTS = ("speech_verbs", "speech_bridges", "latin_stoplist", "stopwords", "org_suffixes",
                    "dictionary_org_heads", "org_unit_suffixes", "compound_surnames", "units", "letter_frames",
                    "promote_titles", "promote_verbs", "promote_name_followers", "promote_name_tail_not", "promote_post_titles",
                    "promote_title_frames",
                    "document_list_joiners", "document_title_not_heads", "document_title_marks", "document_name_keeps_marks",
                    "document_gloss_before",
                    "document_gloss_after", "promote_latin_short_forms", "document_not_nouns", "latin_name_tails",
                    "recurring_not_before")
_DISCOVERY_CHARSETS = ("surnames", "transliteration_chars", "non_name_suffixes")
_DISCOVERY_TYPED = ("document_title_heads", "document_title_frames", "document_names")

_DOTS = "·・•‧･⋅∙ㆍ"  # interpunct variants used between parts of transliterated names
_VERSION_RE = re.compile(r"[ ]?[-‐‑–—_]?[ ]?(?P<v>v?\d{1,2}(?:\.\d{1,2})?)(?P<s>[a-z])?")
_PARAM_SUFFIXES = "bmktx"  # 7B, 1.8T, 8x7B are sizes, not versions
_HYPHEN_TAIL = re.compile(r"(?:[-_][a-z0-9][a-z0-9.]*(?<!\.))+")  # -72b, -scout-17b-16e, -k2 (folded text)
_SPACE_TOKEN = re.compile(r" ([a-z0-9][a-z0-9.+]*)")
_SIZE_TOKEN = re.compile(r"(?:a?\d+(?:\.\d+)?[bmkt]|\d+x\d+b)")  # 405b, 1.8t, 8x7b, a22b
_URL = re.compile(r"(?:https?://|www\.)[^\s，。、；：“”‘’\"'<>（）()\[\]【】]+"
                  r"|(?<![a-z0-9@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|ai|io|cn|hk|tw|co|gov|edu|dev|app)"
                  r"(?![a-z0-9])(?:/[^\s，。、；：“”‘’\"'<>（）()\[\]【】]*)?")
_CJK_STOP = re.compile(r"(?<=[\u3400-\u9fff]) ?\. ?(?=[\u3400-\u9fff])")
_GLOSS_OPEN = re.compile(r" ?\( ?")
_GLOSS_CLOSE = re.compile(r" ?\)")


class RegistryError(ValueError):
    """Raised when actors.yaml is malformed; the message names the entry and the problem."""


# --------------------------------------------------------------------------- normalisation

def _fold_char(ch: str, lower: bool) -> str:
    """Fold one character (NFKC, dot and space variants, optional lower-case) without changing length."""
    if ch in _DOTS:
        return "·"
    if ch.isspace():
        return " "
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1:
        n = ch
    if n in _DOTS:
        return "·"
    if n.isspace():
        return " "
    if lower:
        low = n.lower()
        return low if len(low) == 1 else n
    return n


class _FoldTable(dict):
    """str.translate table that computes and memoises the per-character fold on demand."""

    def __init__(self, lower: bool):
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        out = _fold_char(chr(code), self.lower)
        self[code] = out
        return out


_FOLD_LOWER = _FoldTable(lower=True)
_FOLD_CASE = _FoldTable(lower=False)


def normalise(text: str, lower: bool = True) -> str:
    """Length-preserving fold used on both aliases and text: NFKC, ·/space variants, Latin case, and a
    full-width or ASCII stop between two CJK characters read as the name dot (亞歷山大．汪 = 亞歷山大·汪)."""
    out = text.translate(_FOLD_LOWER if lower else _FOLD_CASE)
    if "." in out:
        out = _CJK_STOP.sub(lambda m: m.group().replace(".", "·"), out)
    return out


def _is_alnum(ch: str) -> bool:
    """ASCII letter or digit: the only characters that glue onto a Latin alias."""
    return ch.isascii() and ch.isalnum()


def _is_cjk(ch: str) -> bool:
    """CJK unified ideograph (the BMP blocks used in news text)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _alnum_at(text: str, i: int) -> bool:
    """True when position i exists and holds an ASCII letter or digit."""
    return 0 <= i < len(text) and _is_alnum(text[i])


# --------------------------------------------------------------------------- registry model

@dataclass(frozen=True)
class Rule:
    """One context rule from actors.yaml (require_* are alternatives; case/forbid are hard)."""
    aliases: frozenset | None
    case_sensitive: bool = False
    require_wrapper: tuple | None = None
    require_version: bool = False
    require_any_nearby: tuple = ()
    require_prior_mention: bool = False
    require_prior_any: frozenset = frozenset()  # canonical names: one of them named earlier in the article
    window: int = 20
    forbid_prefix: tuple = ()
    forbid_suffix: tuple = ()
    forbid_nearby: tuple = ()

    @property
    def has_require(self) -> bool:
        """Whether the rule restricts matches to some positive context."""
        return bool(self.require_wrapper or self.require_version or self.require_any_nearby
                    or self.require_prior_mention or self.require_prior_any)

    @property
    def is_ambiguity_rule(self) -> bool:
        """Whether the alias needs context (so it must not go into the jieba dictionary)."""
        return self.has_require or bool(self.forbid_prefix or self.forbid_suffix or self.forbid_nearby)


@dataclass(frozen=True)
class Actor:
    """A registry entry: canonical name, display name, type, parent, aliases and context rules."""
    name: str
    name_zh: str
    type: str
    parent: str | None
    aliases: tuple
    rules: tuple
    note: str = ""

    def rules_for(self, alias: str) -> tuple:
        """Context rules that apply to one of this actor's aliases."""
        return tuple(r for r in self.rules if r.aliases is None or alias in r.aliases)


@dataclass(frozen=True)
class _Variant:
    """One matchable spelling of a YAML alias (case-preserving) with its rules."""
    alias: str
    exact: str
    rules: tuple


@dataclass(frozen=True)
class _Entry:
    """Automaton payload: all variants that share one normalised key, for one actor."""
    key: str
    actor: str
    actor_type: str
    latin_start: bool
    latin_end: bool
    variants: tuple


class Registry:
    """Validated actor registry with lazily built matchers (Aho-Corasick, jieba segmenter)."""

    def __init__(self, actors: dict, alias_index: dict, settings: dict, discovery: dict, path: str):
        self.actors = actors
        self.alias_index = alias_index
        self.settings = settings
        self.discovery = discovery
        self.path = path
        self._cache: dict = {}

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    @property
    def entries(self) -> tuple:
        """Actor entries in file order (objects with name, name_zh, type, parent, aliases)."""
        return tuple(self.actors.values())

    def __contains__(self, name: str) -> bool:
        return name in self.actors

    def __getitem__(self, name: str) -> Actor:
        return self.actors[name]

    def __repr__(self) -> str:
        return f"<Registry {len(self.actors)} actors, {len(self.alias_index)} keys from {self.path}>"

    def ancestors(self, name: str) -> list:
        """Parent chain of an actor, nearest first (validated acyclic)."""
        out, cur = [], self.actors[name].parent
        while cur:
            out.append(cur)
            cur = self.actors[cur].parent
        return out

    def is_alias(self, text: str) -> bool:
        """Whether text is (a normalised form of) any registered alias."""
        return normalise(to_simplified(text.strip())) in self.alias_index

    def summary(self) -> pd.DataFrame:
        """Actors, YAML aliases and matchable keys per type (for reports)."""
        rows = []
        for t in ACTOR_TYPES:
            acts = [a for a in self.actors.values() if a.type == t]
            keys = [e for e in self.alias_index.values() if e.actor_type == t]
            rows.append({"type": t, "actors": len(acts), "aliases": sum(len(a.aliases) for a in acts),
                         "keys": len(keys)})
        return pd.DataFrame(rows)

    @property
    def automaton(self):
        """pyahocorasick automaton over every normalised alias key (built once)."""
        if "automaton" not in self._cache:
            import ahocorasick
            auto = ahocorasick.Automaton()
            for key in sorted(self.alias_index):
                auto.add_word(key, key)
            auto.make_automaton()
            self._cache["automaton"] = auto
        return self._cache["automaton"]

    @property
    def alternation(self) -> re.Pattern:
        """Regex alternation of all keys, longest first (only used to benchmark the automaton)."""
        if "alternation" not in self._cache:
            keys = sorted(self.alias_index, key=lambda k: (-len(k), k))
            self._cache["alternation"] = re.compile("|".join(map(re.escape, keys)))
        return self._cache["alternation"]


# --------------------------------------------------------------------------- loading and validation

_REGISTRY_CACHE: dict = {}


def load_registry(path: str | Path | None = None) -> Registry:
    """Load and validate actors.yaml; cached by path + mtime so callers may call it freely."""
    p = Path(path) if path is not None else DEFAULT_REGISTRY
    p = p.resolve()
    try:
        st = p.stat()
    except OSError as exc:
        raise RegistryError(f"cannot read registry {p}: {exc}") from exc
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _REGISTRY_CACHE.get(str(p))
    if hit and hit[0] == stamp:
        return hit[1]
    from .config import ConfigError, load_yaml

    try:
        data = load_yaml(p)
    except ConfigError as exc:
        raise RegistryError(str(exc)) from exc
    reg = build_registry(data, str(p))
    _REGISTRY_CACHE[str(p)] = (stamp, reg)
    return reg


def _str_list(value, where: str, field: str) -> tuple:
    """Validate a list of non-empty strings (YAML may turn ON/No/1.0 into non-strings)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(f"{where}: `{field}` must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def _typed_lists(value, where: str, field: str) -> dict:
    """Validate a mapping from an actor type to a list of non-empty strings (document_title_heads)."""
    if not value:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(ACTOR_TYPES):
        raise RegistryError(f"{where}: `{field}` must map actor types {ACTOR_TYPES} to lists, got {value!r}")
    return {kind: _str_list(items, where, f"{field}.{kind}") for kind, items in sorted(value.items())}


def _build_rule(raw, actor_name: str, aliases: tuple, default_window: int) -> Rule:
    """Validate one context rule of an actor."""
    where = f"actor {actor_name!r} context rule"
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: must be a mapping, got {raw!r}")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown key(s) {sorted(unknown)}; allowed {sorted(_RULE_KEYS)}")
    scope = None
    if "aliases" in raw:
        scope = frozenset(_str_list(raw["aliases"], where, "aliases"))
        missing = scope - set(aliases)
        if missing:
            raise RegistryError(f"{where}: aliases {sorted(missing)} are not aliases of {actor_name!r}")
    wrapper = raw.get("require_wrapper")
    if wrapper is not None:
        if not isinstance(wrapper, str) or len(wrapper) != 2:
            raise RegistryError(f"{where}: require_wrapper must be two characters like 《》, got {wrapper!r}")
        wrapper = (normalise(wrapper[0]), normalise(wrapper[1]))
    for flag in ("case_sensitive", "require_version", "require_prior_mention"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise RegistryError(f"{where}: {flag} must be true/false, got {raw[flag]!r}")
    window = raw.get("window", default_window)
    if not isinstance(window, int) or isinstance(window, bool) or window <= 0:
        raise RegistryError(f"{where}: window must be a positive integer, got {window!r}")

    def words(field: str) -> tuple:
        if field not in raw:
            return ()
        return tuple(normalise(to_simplified(w)) for w in _str_list(raw[field], where, field))

    return Rule(aliases=scope, case_sensitive=raw.get("case_sensitive", False), require_wrapper=wrapper,
                require_version=raw.get("require_version", False),
                require_any_nearby=words("require_any_nearby"),
                require_prior_mention=raw.get("require_prior_mention", False),
                require_prior_any=frozenset(_str_list(raw.get("require_prior_any", []), where, "require_prior_any")),
                window=window,
                forbid_prefix=words("forbid_prefix"), forbid_suffix=words("forbid_suffix"),
                forbid_nearby=words("forbid_nearby"))


def _insert_junction_spaces(s: str) -> str:
    """Put one space at every Latin/CJK junction (谷歌DeepMind -> 谷歌 DeepMind)."""
    out = []
    for i, ch in enumerate(s):
        if i and ((_is_alnum(s[i - 1]) and _is_cjk(ch)) or (_is_cjk(s[i - 1]) and _is_alnum(ch))):
            out.append(" ")
        out.append(ch)
    return "".join(out)


def alias_variants(alias: str) -> list:
    """Case-preserving simplified spellings of an alias: · as dot/space/nothing, junction spaces."""
    bases = {to_simplified(alias), "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c
                                            for c in alias)}
    out = set()
    for base in bases:
        b = normalise(base, lower=False).strip()
        forms = {b}
        if "·" in b:  # 马克·扎克伯格 = 马克 · 扎克伯格 = 马克 ·扎克伯格 = 马克 扎克伯格 = 马克扎克伯格
            forms |= {re.sub(r" ?· ?", sep, b) for sep in (" ", "", " · ", " ·", "· ")}
        forms |= {_insert_junction_spaces(f) for f in forms}
        out |= {re.sub(r" {2,}", " ", f) for f in forms}
    return sorted(out)


def _guarded_letter(key: str, rules: tuple) -> bool:
    """A one-letter alias (X, the platform) is allowed only under a case-sensitive rule that also requires
    context (在X上发文, X平台), so a stray letter never counts."""
    return (len(key) == 1 and key.isascii() and key.isalpha()
            and any(r.case_sensitive and r.has_require for r in rules))


def _check_top(data, path: str) -> None:
    """The top level is a mapping with an `actors:` list and only known keys."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise RegistryError(f"{path}: top level must be a mapping with an `actors:` list")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise RegistryError(f"{path}: unknown top-level key(s) {sorted(unknown)}")


def _build_discovery(raw, path: str) -> dict:
    """Validate the `discovery:` block over its defaults (lists, typed lists, charsets, integers)."""
    discovery = {**_DEFAULT_DISCOVERY, **(raw or {})}
    where = f"{path}: discovery"
    unknown = set(discovery) - set(_DEFAULT_DISCOVERY)
    if unknown:
        raise RegistryError(f"{where}: unknown key(s) {sorted(unknown)}")
    for field in _DISCOVERY_LISTS:
        discovery[field] = _str_list(discovery[field], where, field) if discovery[field] else ()
    for field in _DISCOVERY_TYPED:
        discovery[field] = _typed_lists(discovery[field], where, field)
    if any(len(m) != 2 for m in discovery["document_title_marks"]):
        raise RegistryError(f"{where}: `document_title_marks` must be pairs like 《》, got "
                            f"{list(discovery['document_title_marks'])!r}")
    if discovery["versioned_model_name"] not in ("family", "written"):
        raise RegistryError(f"{where}: `versioned_model_name` must be family or written")
    for field in (*_DISCOVERY_CHARSETS, "versioned_model_pattern"):
        if not isinstance(discovery[field], str):
            raise RegistryError(f"{where}: `{field}` must be a string of characters")
    for field in ("max_dictionary_freq", "title_max_chars", "promote_titled_max_freq", "promote_next_word_min_freq",
                  "document_title_max_chars", "promote_recurring_latin", "promote_recurring_org"):
        if not isinstance(discovery[field], int):
            raise RegistryError(f"{where}: `{field}` must be an integer")
    return discovery


def _actor_name(raw, where: str) -> str:
    """The `name` of one raw actor entry, which must be a non-empty string inside a mapping."""
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: must be a mapping, got {raw!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RegistryError(f"{where}: missing or empty `name`")
    return name


def _check_actor_fields(raw: dict, where: str) -> None:
    """A name_zh, a known type and a string parent."""
    if not isinstance(raw.get("name_zh"), str) or not raw["name_zh"].strip():
        raise RegistryError(f"{where}: missing or empty `name_zh`")
    if raw.get("type") not in ACTOR_TYPES:
        raise RegistryError(f"{where}: unknown type {raw.get('type')!r}; expected one of {ACTOR_TYPES}")
    if raw.get("parent") is not None and not isinstance(raw["parent"], str):
        raise RegistryError(f"{where}: `parent` must be an actor name, got {raw['parent']!r}")


def _build_actor(raw: dict, name: str, where: str, default_window: int) -> Actor:
    """One validated Actor (its canonical name always among its aliases) with its context rules."""
    _check_actor_fields(raw, where)
    aliases = _str_list(raw.get("aliases"), where, "aliases")
    if not aliases:
        raise RegistryError(f"{where}: `aliases` must be a list of non-empty strings (at least one)")
    aliases = tuple(dict.fromkeys((name,) + aliases))  # the canonical name always matches
    rules = raw.get("context") or []
    if not isinstance(rules, list):
        raise RegistryError(f"{where}: `context` must be a list of rules")
    rules = tuple(_build_rule(r, name, aliases, default_window) for r in rules)
    return Actor(name=name, name_zh=raw["name_zh"], type=raw["type"], parent=raw.get("parent"),
                 aliases=aliases, rules=rules, note=str(raw.get("note") or ""))


def _build_actors(raws: list, path: str, default_window: int) -> dict:
    """Every actor entry by canonical name, in file order; names are unique."""
    actors: dict = {}
    for i, raw in enumerate(raws):
        name = _actor_name(raw, f"{path}: actors[{i}]")
        where = f"{path}: actor {name!r}"
        unknown = set(raw) - _ACTOR_KEYS
        if unknown:
            raise RegistryError(f"{where}: unknown key(s) {sorted(unknown)}; allowed {sorted(_ACTOR_KEYS)}")
        if name in actors:
            raise RegistryError(f"{where}: duplicate actor name")
        actors[name] = _build_actor(raw, name, where, default_window)
    return actors


def _check_parents(actors: dict, path: str) -> None:
    """Every parent is a known actor and no chain of parents loops."""
    for a in actors.values():
        if a.parent is not None and a.parent not in actors:
            raise RegistryError(f"{path}: actor {a.name!r}: unknown parent {a.parent!r}")
        seen, cur = {a.name}, a.parent
        while cur:
            if cur in seen:
                raise RegistryError(f"{path}: actor {a.name!r}: parent cycle through {cur!r}")
            seen.add(cur)
            cur = actors[cur].parent


def _check_alias_key(key: str, alias: str, a: Actor, rules: tuple, stop_keys: set, path: str) -> None:
    """An alias key is at least two characters (or a guarded letter) and not a stoplisted generic term."""
    if len(key) < 2 and not _guarded_letter(key, rules):
        raise RegistryError(f"{path}: actor {a.name!r}: alias {alias!r} is shorter than 2 characters "
                            "(a single Latin letter needs a case_sensitive rule with a require_* key)")
    if key in stop_keys:
        raise RegistryError(f"{path}: actor {a.name!r}: alias {alias!r} is a stoplisted generic term")


def _alias_variants_by_key(actors: dict, stop_keys: set, path: str) -> tuple:
    """(owners, variants): each normalised key's single owning actor and its matchable variants."""
    owners: dict = {}
    variants: dict = defaultdict(list)
    for a in actors.values():
        for alias in a.aliases:
            rules = a.rules_for(alias)
            for exact in alias_variants(alias):
                key = normalise(exact)
                _check_alias_key(key, alias, a, rules, stop_keys, path)
                prev = owners.get(key)
                if prev and prev[0] != a.name:
                    raise RegistryError(
                        f"{path}: duplicate alias: {alias!r} of {a.name!r} and {prev[1]!r} of {prev[0]!r} "
                        f"both normalise to {key!r}")
                owners[key] = (a.name, alias)
                variants[key].append(_Variant(alias=alias, exact=exact, rules=rules))
    return owners, variants


def _alias_index(actors: dict, stop_keys: set, path: str) -> dict:
    """The automaton payload: one _Entry per normalised alias key."""
    owners, variants = _alias_variants_by_key(actors, stop_keys, path)
    index = {}
    for key, vs in variants.items():
        a = actors[owners[key][0]]
        index[key] = _Entry(key=key, actor=a.name, actor_type=a.type, latin_start=_is_alnum(key[0]),
                            latin_end=_is_alnum(key[-1]), variants=tuple(dict.fromkeys(vs)))
    return index


def build_registry(data, path: str = "<memory>") -> Registry:
    """Validate parsed YAML and index every alias variant by its normalised key."""
    _check_top(data, path)
    settings = {**_DEFAULT_SETTINGS, **(data.get("settings") or {})}
    discovery = _build_discovery(data.get("discovery"), path)
    stop_keys = {normalise(w) for w in discovery["latin_stoplist"]}
    actors = _build_actors(data["actors"], path, settings["default_window"])
    _check_parents(actors, path)
    return Registry(actors, _alias_index(actors, stop_keys, path), settings, discovery, path)


# --------------------------------------------------------------------------- matching

@dataclass
class _Cand:
    """A boundary- and context-checked alias hit inside one sentence (local offsets)."""
    start: int
    alias_end: int
    end: int
    entry: _Entry
    version: str
    needs_prior: frozenset | bool  # actors one of which the article must have named before (False: none)


def _version_after(hay: str, pos: int) -> tuple | None:
    """(end, version_start) of a model version right after an alias (Llama 2, GPT-4o, 骆驼 2), if any."""
    m = _VERSION_RE.match(hay, pos)
    if not m:
        return None
    suffix = m.group("s")
    if suffix and suffix not in _PARAM_SUFFIXES and not _alnum_at(hay, m.end()):
        return m.end(), m.start("v")
    if not _alnum_at(hay, m.end("v")):
        return m.end("v"), m.start("v")
    return None


def _variant_tail(hay: str, pos: int, after_version: bool, words: frozenset) -> int:
    """End of a model name's variant tail written on after the family (and version): hyphen-joined parts
    (Qwen2.5-72B, gpt-oss-120b, Llama-4-Scout, Kimi-K2) always; after a version, also space-joined parameter
    sizes and `settings.version_words` (Llama 3.1 405B, Llama 4 Maverick, Gemini 2.5 Pro). `pos` if none."""
    m = _HYPHEN_TAIL.match(hay, pos)
    end = m.end() if m and not _alnum_at(hay, m.end()) else pos
    if not after_version:
        return end
    while True:
        t = _SPACE_TOKEN.match(hay, end)
        if not t or _alnum_at(hay, t.end()) or not (t.group(1) in words or _SIZE_TOKEN.fullmatch(t.group(1))):
            return end
        m = _HYPHEN_TAIL.match(hay, t.end())
        end = m.end() if m and not _alnum_at(hay, m.end()) else t.end()


def _url_spans(hay: str) -> list:
    """Spans of web addresses in folded text (https://…, www.…, facebook.com/…)."""
    if "." not in hay:
        return []
    return [m.span() for m in _URL.finditer(hay)]


def _credit_spans(hay: str, markers: tuple, ends: str) -> list:
    """Spans of photo/source credits (图片来源：路透社, 图／美联社): from a marker to the clause's end."""
    spans = []
    for marker in markers:
        at = hay.find(marker) if marker else -1
        while at >= 0:  # non-overlapping occurrences, as re.finditer would give
            end = at + len(marker)
            stop = min((i for i in (hay.find(ch, end) for ch in ends) if i >= 0), default=len(hay))
            spans.append((at, stop))
            at = hay.find(marker, end)
    return spans


def _rule_status(rule: Rule, var: _Variant, hay: str, exact: str, c: _Cand, has_version: bool) -> str:
    """Evaluate one rule for a candidate: 'ok', 'prior' (ok only after an earlier mention) or 'no'."""
    if rule.case_sensitive and exact[c.start:c.alias_end] != var.exact:
        return "no"
    if any(hay[max(0, c.start - len(p)):c.start] == p for p in rule.forbid_prefix):
        return "no"
    if any(hay[c.end:c.end + len(s)] == s for s in rule.forbid_suffix):
        return "no"
    left, right = hay[max(0, c.start - rule.window):c.start], hay[c.end:c.end + rule.window]
    if any(w in left or w in right for w in rule.forbid_nearby):
        return "no"
    if not rule.has_require:
        return "ok"
    if rule.require_version and has_version:
        return "ok"
    if rule.require_wrapper:
        o, cl = rule.require_wrapper
        if hay[:c.start].rstrip().endswith(o) and hay[c.end:].lstrip().startswith(cl):
            return "ok"
    if any(w in left or w in right for w in rule.require_any_nearby):
        return "ok"
    return "prior" if rule.require_prior_mention or rule.require_prior_any else "no"


def _context_status(entry: _Entry, hay: str, exact: str, c: _Cand) -> str:
    """Best status over the variants sharing this key: a variant passes when all its rules pass."""
    best = "no"
    for var in entry.variants:
        numbered = any(ch.isdigit() for ch in c.version)  # Phi-3, Yi-34B; not Step-by-step
        statuses = [_rule_status(r, var, hay, exact, c, numbered) for r in var.rules]
        if "no" in statuses:
            continue
        if "prior" in statuses:
            best = "prior"
        else:
            return "ok"
    return best


def _match_settings(registry: Registry) -> tuple:
    """(version words, credit markers, credit ends, credit-bracket pattern) from settings, folded like the
    text (built once)."""
    if "match_settings" not in registry._cache:
        st = registry.settings
        registry._cache["match_settings"] = (
            frozenset(normalise(w) for w in st["version_words"]),
            tuple(normalise(to_simplified(w)) for w in st["credit_markers"]), normalise(st["credit_ends"]),
            _credit_bracket_pattern(st.get("credit_bracket_words") or (), int(st.get("credit_bracket_max", 20)),
                                    st.get("credit_line_patterns") or ()))
    return registry._cache["match_settings"]


def _credit_bracket_pattern(words, most: int, lines=()):
    """A bracket holding a byline word (（央视记者刘旭）, 【环球时报报道记者杨沙沙】), or a whole sentence of one of
    the credit-line shapes (综合 央视新闻、每日经济新闻 "compiled from …"): the span is a credit."""
    parts = ["^(?:%s)$" % p for p in lines]
    if words:
        alt = "|".join(re.escape(normalise(to_simplified(w))) for w in sorted(words, key=len, reverse=True))
        inner = r"[^()【】\[\]]{0,%d}" % most
        parts.append(r"[(【\[]%s(?:%s)%s[)】\]]" % (inner, alt, inner))
    return re.compile("|".join(parts)) if parts else None


_IDENT_AFTER = re.compile(r"[-_./][a-z]")
_IDENT_BEFORE = re.compile(r"[a-z][-_./]$")


def _in_identifier(exact: str, start: int, end: int) -> bool:
    """A Latin name glued to a lower-case code word is part of an identifier (huggingface-cli, openai.api_key,
    google-research), not a mention; models keep their tails (gpt-oss-120b) and are not checked."""
    if not exact[start:end].isascii():
        return False
    return bool(_IDENT_AFTER.match(exact, end)) or bool(_IDENT_BEFORE.search(exact, 0, start))


def _outside(spans: list, start: int, end: int) -> bool:
    """A hit is kept unless it lies inside one of the spans without covering it whole (Llama.com is a name)."""
    return not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def _candidates(hay: str, exact: str, registry: Registry, use_context: bool = True) -> list:
    """All alias hits in a folded sentence that pass Latin boundaries, version and context checks;
    hits inside a web address or a photo/source credit are not mentions."""
    out = []
    entries = registry.alias_index
    words, markers, ends, brackets = _match_settings(registry)
    skip = _url_spans(hay) + _credit_spans(hay, markers, ends)
    if brackets is not None:
        skip += [m.span() for m in brackets.finditer(hay)]
    for last, key in registry.automaton.iter(hay):
        entry = entries[key]
        start, alias_end = last - len(key) + 1, last + 1
        if entry.latin_start and _alnum_at(hay, start - 1):
            continue
        end, vstart = alias_end, alias_end
        if entry.actor_type == "model":
            found = _version_after(hay, alias_end)
            if found:
                end, vstart = found
            tail = _variant_tail(hay, end, bool(found), words)
            if tail > end:
                end, vstart = tail, (vstart if found else alias_end + 1)
        version = exact[vstart:end].strip()
        if end == alias_end and entry.latin_end and _alnum_at(hay, alias_end):
            continue
        if skip and not _outside(skip, start, end):
            continue
        if entry.actor_type != "model" and _in_identifier(exact, start, end):
            continue
        c = _Cand(start, alias_end, end, entry, version, False)
        if use_context and any(v.rules for v in entry.variants):
            status = _context_status(entry, hay, exact, c)
            if status == "no":
                continue
            c.needs_prior = status == "prior" and _prior_actors(entry)
        out.append(c)
    return out


def _prior_actors(entry: _Entry) -> frozenset:
    """The actors an earlier mention of which lets a 'prior' hit count: the actor itself and every actor its
    rules name under require_prior_any (特区政府 "the SAR government" is Hong Kong's after a Hong Kong actor)."""
    names = {entry.actor}
    for var in entry.variants:
        for rule in var.rules:
            names.update(rule.require_prior_any)
    return frozenset(names)


def _select(cands: list, seen: set | None) -> list:
    """Leftmost-longest non-overlapping choice; 'prior' hits need the actor in `seen` (updated). Of two hits over
    the same span the longer alias wins: GPT-OSS is the alias of gpt-oss, not GPT with a variant tail -OSS."""
    chosen, last_end = [], 0
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start), -(c.alias_end - c.start), c.entry.actor)):
        if c.start < last_end:
            continue
        if c.needs_prior and (seen is None or seen.isdisjoint(c.needs_prior)):
            continue
        chosen.append(c)
        last_end = c.end
        if seen is not None:
            seen.add(c.entry.actor)
    return chosen


def _base_markers(registry: Registry) -> frozenset:
    """settings.base_model_markers folded like the text (built once)."""
    if "base_markers" not in registry._cache:
        registry._cache["base_markers"] = frozenset(normalise(w) for w in registry.settings.get("base_model_markers") or ())
    return registry._cache["base_markers"]


def _derived(c: _Cand, by_start: dict, hay: str, markers: frozenset) -> _Cand:
    """The model hit `c` as the family its hyphen-joined tail names, when it names one (Llama3-TAIDE-LX-8B ->
    TAIDE, Gemma-3-TAIDE-12b -> TAIDE: a fine-tune named after its base); a family after a marker word stays
    the base (DeepSeek-R1-Distill-Llama-70B is DeepSeek-R)."""
    pos = hay.find("-", c.alias_end, c.end)
    while pos != -1:
        before = hay[c.start:pos].rsplit("-", 1)[-1]
        for k in by_start.get(pos + 1, ()):
            ends = k.alias_end == c.end or (k.alias_end < c.end and hay[k.alias_end] == "-")
            if k.entry.actor != c.entry.actor and ends and before not in markers:
                return _Cand(c.start, c.alias_end, c.end, k.entry, k.version, c.needs_prior)
        pos = hay.find("-", pos + 1, c.end)
    return c


def _derived_models(chosen: list, cands: list, hay: str, markers: frozenset) -> list:
    """Chosen hits with every model hit whose variant tail names another model family counted for that family
    (`_derived`)."""
    by_start: dict = {}
    for k in cands:
        if k.entry.actor_type == "model":
            by_start.setdefault(k.start, []).append(k)
    return [_derived(c, by_start, hay, markers) if c.entry.actor_type == "model" and c.end > c.alias_end else c
            for c in chosen]


def _gloss_patterns(registry: Registry) -> tuple:
    """(opening, next item, closing) patterns of a gloss bracket whose items may start with one of
    settings.gloss_introducers (原名 "formerly", 前身为 "predecessor", 以下简称 "hereafter") and that may open
    after one of settings.gloss_gap_words (超威半导体公司(AMD): a legal suffix; 「计划」（Plan）: a closing
    quote mark), built once."""
    if "gloss_patterns" not in registry._cache:
        words = sorted((normalise(to_simplified(w)) for w in registry.settings.get("gloss_introducers") or ()),
                       key=len, reverse=True)
        intro = "(?P<intro>%s)? ?" % "|".join(map(re.escape, words)) if words else "(?P<intro>)"
        markets = "|".join(re.escape(normalise(m)) for m in registry.settings.get("ticker_markets") or ())
        ticker = "(?:[-.](?:%s))?" % markets if markets else ""
        gap = "|".join(re.escape(normalise(to_simplified(w))) for w in sorted(
            registry.settings.get("gloss_gap_words") or (), key=len, reverse=True))
        lead = "(?:%s)?" % gap if gap else ""
        registry._cache["gloss_patterns"] = (re.compile(lead + r" ?\( ?" + intro + "[\"“]?"),
                                             re.compile(r"[\"”]? ?[,，] ?" + intro + "[\"“]?"),
                                             re.compile(r"[\"”]?" + ticker + r" ?\)"))
    return registry._cache["gloss_patterns"]


def _same_owner(a: str, b: str, registry: Registry) -> bool:
    """One actor, or one the other's parent (Meta and Facebook): a former name glosses its owner."""
    actors = registry.actors
    return a == b or getattr(actors.get(a), "parent", None) == b or getattr(actors.get(b), "parent", None) == a


def _juxtaposed(prev: _Cand, c: _Cand, gap: str, hay: str) -> bool:
    """Two names of one actor written side by side in two scripts, nothing or one space between: one naming
    (通义千问Qwen3 "Tongyi Qianwen Qwen3", 魔搭ModelScope, Nvidia辉达, 英伟达 Nvidia)."""
    if prev.entry.actor != c.entry.actor or gap not in ("", " ") or prev.end != prev.alias_end:
        return False
    return _is_cjk(hay[prev.end - 1]) != _is_cjk(hay[c.start])


def _merge_glosses(chosen: list, hay: str, registry: Registry | None = None) -> list:
    """Fold 'name (alias of the same actor)' into one mention spanning the parenthesis, and two names of one
    actor written side by side in two scripts (`_juxtaposed`) into one mention; with an introducer
    word (Meta（前身为Facebook）, meta（原Facebook）, Meta Platforms Inc.（以下简称“Meta”，原名Facebook Inc.）)
    the gloss may name the actor's owned former name and hold several items."""
    out: list = []
    opening, nxt, closing = _gloss_patterns(registry) if registry is not None else (_GLOSS_OPEN, None, _GLOSS_CLOSE)
    inside = False  # prev's span ends inside an unclosed gloss bracket, after an item
    for c in chosen:
        prev = out[-1] if out else None
        gap = hay[prev.end:c.start] if prev else ""
        if prev and _juxtaposed(prev, c, gap, hay):
            prev.end, prev.version = c.end, prev.version or c.version
            continue
        m = prev and ((nxt.fullmatch(gap) if inside and nxt is not None else None) or opening.fullmatch(gap))
        if m and (prev.entry.actor == c.entry.actor
                  or (m.groupdict().get("intro") and _same_owner(prev.entry.actor, c.entry.actor, registry))):
            close = closing.match(hay, c.end)
            more = nxt.match(hay, c.end) if nxt is not None and not close else None
            if close or more:
                prev.end = close.end() if close else c.end
                prev.version = prev.version or c.version
                inside = not close
                continue
        inside = False
        out.append(c)
    return out


_MATCH_MEMO_SIZE = 20000  # sentences; a pipeline chunk (64 articles) fits many times over


def _matches(simplified: str, registry: Registry) -> tuple[str, list]:
    """(folded sentence, fresh candidate list) for a simplified sentence.

    find_mentions and discovery's protected pieces need the same registry matches of the same
    sentences; find_mentions memoises them (up to _MATCH_MEMO_SIZE sentences per call) so discovery
    does not match the registry a second time. A pure cache: results are identical either way.
    """
    memo = registry._cache.get("matches")
    got = memo.get(simplified) if memo is not None else None
    if got is None:
        hay, exact = normalise(simplified), normalise(simplified, lower=False)
        got = (hay, tuple((c.start, c.alias_end, c.end, c.entry, c.version, c.needs_prior)
                          for c in _candidates(hay, exact, registry)))
        if memo is not None and len(memo) < _MATCH_MEMO_SIZE:
            memo[simplified] = got
    return got[0], [_Cand(*t) for t in got[1]]


def _sentence_mentions(text: str, simplified: str | None, registry: Registry, seen: set) -> list:
    """Mentions in one sentence as (start, end, actor, actor_type, version) with local offsets."""
    if simplified is None or not isinstance(simplified, str) or len(simplified) != len(text):
        simplified = to_simplified(text)
    hay, cands = _matches(simplified, registry)
    chosen = _derived_models(_select(cands, seen), cands, hay, _base_markers(registry))
    if registry.settings.get("merge_parenthetical_gloss", True):
        chosen = _merge_glosses(chosen, hay, registry)
    return [(c.start, c.end, c.entry.actor, c.entry.actor_type, c.version) for c in chosen]


def _empty(columns: list, dtypes: dict) -> pd.DataFrame:
    """Empty frame with the contract's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "object")) for c in columns})


_MENTION_DTYPES = {"sentence_id": "int64", "start": "int64", "end": "int64"}


def identified_by_removed(removed: pd.DataFrame | list, registry: Registry | None = None) -> dict:
    """article_id -> sorted actors named in the article's removed lines whose reason is one of
    `settings.identifying_removed_reasons` (a photo caption: ▲首席执行官门施（Arthur Mensch）). Such a line is no
    body text, so its names are not counted, but it identifies the person for the article: a later short form
    that needs an earlier full mention (门施) counts (see find_mentions' `identified`)."""
    registry = registry or load_registry()
    reasons = set(registry.settings.get("identifying_removed_reasons") or ())
    rows = removed.to_dict("records") if isinstance(removed, pd.DataFrame) else list(removed or ())
    out: dict = {}
    for r in rows:
        if r.get("reason") not in reasons or not isinstance(r.get("text"), str):
            continue
        found = _sentence_mentions(r["text"], None, registry, set())
        out.setdefault(str(r["article_id"]), set()).update(actor for _s, _e, actor, _t, _v in found)
    return {aid: sorted(actors) for aid, actors in sorted(out.items())}


def find_mentions(sentences: pd.DataFrame, registry: Registry | None = None, identified: dict | None = None
                  ) -> pd.DataFrame:
    """Registered-actor mentions in CONTRACT sentences, one row per mention, sorted by article, offset.
    `identified`: article_id -> actors already named for the article outside its body (identified_by_removed);
    they count as an earlier mention for `require_prior_mention`, and are not mentions themselves."""
    registry = registry or load_registry()
    missing = {"article_id", "sentence_id", "start", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences frame lacks column(s) {sorted(missing)} (see CONTRACT.md)")
    if sentences.empty:
        return _empty(MENTION_COLUMNS, _MENTION_DTYPES)
    has_simp = "text_simplified" in sentences.columns
    rows = []
    ordered = sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    registry._cache["matches"] = {}  # filled here, reused by unknown_occurrences on the same sentences
    columns = [ordered[c].tolist() for c in ("article_id", "sentence_id", "start", "text")]
    columns.append(ordered["text_simplified"].tolist() if has_simp else [None] * len(ordered))
    seen: set = set()
    last = None
    for article_id, sentence_id, start, text, simp in zip(*columns):
        if article_id != last:
            seen, last = set((identified or {}).get(str(article_id), ())), article_id
        text = text if isinstance(text, str) else ""
        base = int(start)
        for s, e, actor, atype, version in _sentence_mentions(text, simp, registry, seen):
            rows.append((str(article_id), int(sentence_id), actor, atype, text[s:e], base + s, base + e, version))
    if not rows:
        return _empty(MENTION_COLUMNS, _MENTION_DTYPES)
    df = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(_MENTION_DTYPES)
    return df.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- counts and co-occurrence

def actor_counts(mentions: pd.DataFrame, articles: pd.DataFrame, promoted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions per (article, actor) and per 1,000 clean characters of that article. `promoted`: unknown-name
    occurrences that count as mentions too (`promoted_occurrences`), under their candidate name as persons."""
    if promoted is not None and not promoted.empty:
        names = promoted["actor"] if "actor" in promoted.columns else promoted["candidate"]
        kinds = promoted["actor_type"].fillna("person") if "actor_type" in promoted.columns else "person"
        extra = pd.DataFrame({"article_id": promoted["article_id"].astype(str), "actor": names, "actor_type": kinds})
        mentions = extra if mentions.empty else pd.concat([mentions[["article_id", "actor", "actor_type"]], extra],
                                                          ignore_index=True)
    if mentions.empty:
        return _empty(COUNT_COLUMNS, {"count": "int64", "per_1k_chars": "float64"})
    g = (mentions.groupby(["article_id", "actor", "actor_type"], sort=False).size()
         .rename("count").reset_index())
    n_chars = articles.drop_duplicates("article_id").set_index("article_id")["n_chars_clean"]
    g["per_1k_chars"] = (1000.0 * g["count"] / g["article_id"].map(n_chars).astype("float64")).round(3)
    g = g.sort_values(["article_id", "count", "actor"], ascending=[True, False, True], kind="stable")
    return g[COUNT_COLUMNS].reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Unordered actor pairs sharing a sentence: distinct sentences and distinct articles."""
    sent_pairs: Counter = Counter()
    art_pairs: dict = defaultdict(set)
    by_sentence: dict = defaultdict(set)
    for aid, sid, actor in zip(*(mentions[c].tolist() for c in ("article_id", "sentence_id", "actor"))):
        by_sentence[(aid, sid)].add(actor)
    for (aid, _sid), actors in by_sentence.items():
        for pair in combinations(sorted(actors), 2):
            sent_pairs[pair] += 1
            art_pairs[pair].add(aid)
    if not sent_pairs:
        return _empty(COOCCURRENCE_COLUMNS, {"sentences": "int64", "articles": "int64"})
    df = pd.DataFrame([(a, b, n, len(art_pairs[(a, b)])) for (a, b), n in sent_pairs.items()],
                      columns=COOCCURRENCE_COLUMNS)
    df = df.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True], kind="stable")
    return df.reset_index(drop=True)


def roll_up(mentions: pd.DataFrame, registry: Registry | None = None,
            keep_types: Iterable[str] = ("person",)) -> pd.DataFrame:
    """Replace each actor by its top-most ancestor (FAIR -> Meta, Gemma -> Alphabet), except keep_types."""
    registry = registry or load_registry()
    keep = set(keep_types)
    top = {}
    for name, a in registry.actors.items():
        chain = registry.ancestors(name)
        top[name] = name if a.type in keep or not chain else chain[-1]
    out = mentions.copy()
    out["actor"] = out["actor"].map(lambda n: top.get(n, n))
    out["actor_type"] = out["actor"].map(lambda n: registry.actors[n].type if n in registry.actors else "")
    return out


# --------------------------------------------------------------------------- jieba integration

def _jieba_safe(registry: Registry, actor: Actor, alias: str) -> bool:
    """Aliases needing context (苹果, 信息, 骆驼…) stay out of jieba's dictionary."""
    return not any(r.is_ambiguity_rule for r in actor.rules_for(alias))


def jieba_userdict(registry: Registry | None = None) -> list:
    """jieba user-dictionary lines 'word freq tag' for every unambiguous alias spelling."""
    registry = registry or load_registry()
    tags, freq = registry.settings["jieba_tags"], int(registry.settings["jieba_freq"])
    lines = {}
    for a in registry.actors.values():
        for alias in a.aliases:
            if not _jieba_safe(registry, a, alias):
                continue
            for word in {alias, *alias_variants(alias)}:
                lines.setdefault(word, f"{word} {freq} {tags.get(a.type, 'nz')}")
    return [lines[w] for w in sorted(lines)]


def _protected_pieces(sentence: str, registry: Registry, simplified: bool = False) -> list:
    """Split a sentence into (piece, tag) where tag is set for context-valid registered names
    (`simplified=True`: the sentence is already OpenCC-simplified, skip the conversion)."""
    simp = sentence if simplified else to_simplified(sentence)
    if len(simp) != len(sentence):
        return [(sentence, None)]
    _hay, cands = _matches(simp, registry)
    for c in cands:  # segmentation keeps the alias whole; its version is a separate token
        c.end, c.needs_prior = c.alias_end, False
    tags = registry.settings["jieba_tags"]
    pieces, pos = [], 0
    for c in _select(cands, None):
        if c.start > pos:
            pieces.append((sentence[pos:c.start], None))
        pieces.append((sentence[c.start:c.end], tags.get(c.entry.actor_type, "nz")))
        pos = c.end
    if pos < len(sentence):
        pieces.append((sentence[pos:], None))
    return pieces


def _tokenizer_classes():
    """Define jieba subclasses on first use so importing this module does not import jieba."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary build to stderr at import

    class RegistryTokenizer(jieba.Tokenizer):
        """jieba Tokenizer with every unambiguous alias added; registered names are never split."""

        def __init__(self, registry: Registry):
            super().__init__()
            self.registry = registry
            for line in jieba_userdict(registry):
                word, freq, tag = line.rsplit(" ", 2)
                self.add_word(word, int(freq), tag)
            self.pos = RegistryPOSTokenizer(self)

        def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
            for piece, tag in _protected_pieces(sentence, self.registry):
                if tag:
                    yield piece
                else:
                    yield from super().cut(piece, cut_all=cut_all, HMM=HMM)

    class RegistryPOSTokenizer(jieba.posseg.POSTokenizer):
        """jieba.posseg over the registry tokenizer; registered names get their type's tag."""

        def cut(self, sentence, HMM=True):
            for piece, tag in _protected_pieces(sentence, self.tokenizer.registry):
                if tag:
                    yield jieba.posseg.pair(piece, tag)
                else:
                    yield from super().cut(piece, HMM=HMM)

    return RegistryTokenizer


class _Pair(tuple):
    """(word, flag) with jieba.posseg's attribute names."""

    word = property(lambda self: self[0])
    flag = property(lambda self: self[1])


@functools.lru_cache(maxsize=1)
def _jieba_dictionary() -> tuple:
    """(word -> frequency, words tagged nt) of jieba's main dictionary (the one rjieba also ships), read
    once per process."""
    import jieba

    freq, org = {}, set()
    path = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    with path.open(encoding="utf-8") as fh:
        for word, f, *tag in (line.split() for line in fh if line.strip()):
            freq[word] = int(f)
            if tag and tag[0] == "nt":
                org.add(word)
    return freq, frozenset(org)


class FastTagger:
    """Part-of-speech tagging with rjieba (jieba-rs: jieba's dictionary and HMM, ~50x faster than
    jieba.posseg here), the same registry user dictionary, and registered names kept whole.

    Used for discovery over whole corpora; `segmenter()` stays the jieba-based public tokenizer.
    """

    def __init__(self, registry: Registry):
        import rjieba

        self.registry = registry
        self.jieba = rjieba.Jieba()
        for line in jieba_userdict(registry):
            word, freq, tag = line.rsplit(" ", 2)
            self.jieba.add_word(word, freq=int(freq), tag=tag)
        self.pos = self
        self._freq = None

    @property
    def FREQ(self) -> dict:  # noqa: N802  (jieba's attribute name)
        """Word frequencies of jieba's main dictionary (the one rjieba also ships), read once."""
        if self._freq is None:
            self._freq, self._org_words = _jieba_dictionary()
        return self._freq

    @property
    def ORG_WORDS(self) -> frozenset:  # noqa: N802
        """Words jieba's main dictionary itself tags nt (organisation names: 国务院, 复旦大学, 美联社)."""
        if self._freq is None:
            self._freq, self._org_words = _jieba_dictionary()
        return self._org_words

    def cut(self, sentence: str):
        for piece, tag in _protected_pieces(sentence, self.registry):
            if tag:
                yield _Pair((piece, tag))
            else:
                yield from map(_Pair, self.jieba.tag(piece))

    def tokens(self, simplified: str) -> list:
        """(word, flag, start, end) for an already simplified sentence: `cut` without the pair objects."""
        out, pos = [], 0
        append, tag_words = out.append, self.jieba.tag
        for piece, tag in _protected_pieces(simplified, self.registry, simplified=True):
            for word, flag in ((piece, tag),) if tag else tag_words(piece):
                end = pos + len(word)
                append((word, flag, pos, end))
                pos = end
        return out


def fast_tagger(registry: Registry | None = None) -> FastTagger:
    """Registry-aware rjieba tagger (cached per registry)."""
    registry = registry or load_registry()
    if "fast_tagger" not in registry._cache:
        registry._cache["fast_tagger"] = FastTagger(registry)
    return registry._cache["fast_tagger"]


def segmenter(registry: Registry | None = None):
    """Registry-aware jieba Tokenizer (cached per registry); `.pos` is its posseg tokenizer."""
    registry = registry or load_registry()
    if "segmenter" not in registry._cache:
        registry._cache["segmenter"] = _tokenizer_classes()(registry)
    return registry._cache["segmenter"]


# --------------------------------------------------------------------------- discovery of unknown names

_TAG_PRIORITY = {"speaker": 0, "nr": 1, "nrt": 2, "nrfg": 3, "nt": 4, "nz": 5, "latin": 6, "letter": 7, "title": 8}
_NAME_FLAGS = ("nr", "nrt", "nrfg", "nt", "nz")
_SPEAKER_FALLBACK_FLAGS = {"nr", "nrt", "nrfg", "nt", "nz", "eng", "x", "j"}
# Latin letters with accents count as letters of a name (Timothée, Émilie, Łukasz): Latin-1 and Extended-A/B
_ACCENTED = "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isalpha())
_ACCENTED_UPPER = "".join(ch for ch in _ACCENTED if ch.isupper())
_LATIN_WORD = rf"[A-Za-z0-9{_ACCENTED}]*[A-Z{_ACCENTED_UPPER}][A-Za-z0-9{_ACCENTED}]*"
# words of one name are joined by a space, a hyphen, an ampersand, or an ampersand between spaces (LF AI & Data,
# Weights & Biases: a name containing " & "; two registered names either side stay apart, as registered spans win)
# a word may end in one hyphen-joined lower-case syllable of 2-5 letters: the second syllable of a romanised Korean or
# Taiwanese given name (Lim Woo-hyung, Lee Jae-myung, Tsai Ing-wen), which would otherwise cut the name short
_NAME_SYLLABLE = r"(?:-[a-z]{2,5}(?![A-Za-z0-9]))?"
_LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9{_ACCENTED}])(?:{_LATIN_WORD}){_NAME_SYLLABLE}"
                        rf"(?:(?: & |[ \-&])(?:{_LATIN_WORD}){_NAME_SYLLABLE})*(?![A-Za-z0-9{_ACCENTED}])")
_ASCII_UPPER = re.compile(f"[A-Z{_ACCENTED_UPPER}]")
_LATIN_NAME = re.compile(rf"[A-Za-z{_ACCENTED}][A-Za-z{_ACCENTED}.'\- ]*")  # Luca Soldaini, Timothée Lacroix
_NOUNISH_FLAGS = {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "x", "eng"}


def _latin_candidates(text: str, stop: set, tails: set = frozenset()) -> list:
    """Runs of capitalised / CamelCase / acronym words, split at stoplisted generic words; a stoplisted word of
    `tails` right after a name word stays in the name (Reflection AI, Current AI, RHEL AI; AI alone is no name)."""
    out = []
    for m in _LATIN_RUN.finditer(text):
        run: list = []
        for w in re.finditer(r"[^ \-&]+", m.group()):
            if run and normalise(w.group()) in tails:
                run += [m.start() + w.start(), m.start() + w.end()]
                continue
            if normalise(w.group()) in stop:
                if run:
                    out.append((run[0], run[-1]))
                run = []
                continue
            run += [m.start() + w.start(), m.start() + w.end()]
        if run:
            out.append((run[0], run[-1]))
    return [(s, e, "latin") for s, e in out if sum(ch.isalpha() for ch in text[s:e]) >= 2]


def _outside_urls(found: list, text: str) -> list:
    """The candidates that are no part of a web address (pic.twitter.com/gmXgDw09qN, github.com/QwenLM): a path or
    a host is no name, as `_candidates` reads it for registered names."""
    urls = _url_spans(normalise(text)) if "." in text else []
    return [c for c in found if _outside(urls, c[0], c[1])] if urls else found


def _speaker_candidates(tokens: list, found: list, verbs: set, bridges: set, surnames: set = frozenset()) -> list:
    """Names directly before a speech verb (skipping spaces, a (gloss) and one bridge word); a one-character
    surname token glued before a two-character word is one name (李+大海, whose given name is a common word)."""
    by_end = defaultdict(list)
    for s, e, _tag in found:
        by_end[e].append((s, e))
    out = []
    for i, token in enumerate(tokens):
        if token[0] not in verbs:
            continue
        j = i - 1
        if j >= 0 and tokens[j][0] in bridges:
            j -= 1
        while j >= 0 and tokens[j][0].isspace():
            j -= 1
        if j >= 0 and tokens[j][0] == ")":
            while j >= 0 and tokens[j][0] != "(":
                j -= 1
            j -= 1
            while j >= 0 and tokens[j][0].isspace():
                j -= 1
        if j < 0:
            continue
        end = tokens[j][3]
        if by_end.get(end):
            s, e = max(by_end[end], key=lambda se: se[1] - se[0])
            out.append((s, e, "speaker"))
        elif (j >= 1 and tokens[j - 1][0] in surnames and tokens[j - 1][1].startswith("n")
              and tokens[j - 1][3] == tokens[j][2] and tokens[j][1] in _NOUNISH_FLAGS
              and len(tokens[j][0]) == 2 and all(map(_is_cjk, tokens[j][0]))):
            out.append((tokens[j - 1][2], tokens[j][3], "speaker"))
        elif tokens[j][1] in _SPEAKER_FALLBACK_FLAGS and len(tokens[j][0].strip()) >= 2:
            out.append((tokens[j][2], tokens[j][3], "speaker"))
    return out


def _discovery_config(registry: Registry) -> dict:
    """Normalised discovery settings (sets for fast lookup)."""
    d = registry.discovery
    simp = lambda words: {normalise(to_simplified(w)) for w in words}  # noqa: E731
    return {"verbs": set(d["speech_verbs"]), "bridges": set(d["speech_bridges"]),
            "stop_latin": {normalise(w) for w in d["latin_stoplist"]}, "stopwords": simp(d["stopwords"]),
            "latin_tails": {normalise(w) for w in d["latin_name_tails"]},
            "org_suffixes": tuple(simp(d["org_suffixes"])), "org_units": simp(d["org_unit_suffixes"]),
            "compound_surnames": tuple(d["compound_surnames"]),
            "org_heads": tuple(sorted(simp(d["org_suffixes"]) | simp(d["dictionary_org_heads"]),
                                      key=lambda w: (-len(w), w))),
            "surnames": set(d["surnames"]), "translit": set(d["transliteration_chars"]),
            "non_name_suffixes": set(d["non_name_suffixes"]), "max_freq": d["max_dictionary_freq"],
            "letters": [re.compile(f.replace("{L}", r"(?<![A-Za-z0-9])(?P<l>[A-Z])(?![A-Za-z0-9])"))
                        for f in d["letter_frames"]],
            "title": re.compile(r"《([^《》\n]{2,%d})》" % d["title_max_chars"]) if d["title_max_chars"] >= 2 else None,
            "quantity": re.compile(r"\d+(?:\.\d+)?(?:%s)" % "|".join(map(re.escape, sorted(
                {normalise(u) for u in d["units"]}, key=len, reverse=True))) if d["units"] else r"\d+")}


def _join_transliterations(tokens: list, freq: dict, cfg: dict, spans: list = ()) -> list:
    """Tokens with each transliterated name jieba split into pieces joined again (拉戈+金斯基 -> 拉戈金斯基,
    斯托+伊卡, 纳+德拉; 莫+斯塔克 after an interpunct). A run of adjacent Chinese tokens is joined when each
    piece is written only in transliteration characters or is a rare (or one-character) person piece (nr*),
    and one piece at least is a person piece; the joined token is tagged nr. A one-character locative or
    suffix (里, 上, 时) ends the run, and a token inside a registered name (`spans`) is never joined."""
    def joins(token) -> bool:
        word, flag, s, e = token
        if not word or not all(map(_is_cjk, word)) or word in cfg["non_name_suffixes"]:
            return False
        if any(s < me and ms < e for ms, me in spans):
            return False
        rare_person = flag.startswith("nr") and (len(word) == 1 or freq.get(word, 0) <= cfg["max_freq"])
        return rare_person or set(word) <= cfg["translit"]

    out, done = [], 0  # tokens before `done` are in `out`
    for p in (i for i, t in enumerate(tokens) if t[1].startswith("nr")):
        if p < done or not joins(tokens[p]):
            continue
        a, b = p, p + 1
        while a > done and tokens[a - 1][3] == tokens[a][2] and joins(tokens[a - 1]):
            a -= 1
        while b < len(tokens) and tokens[b][2] == tokens[b - 1][3] and joins(tokens[b]):
            b += 1
        if b - a >= 2:
            out += tokens[done:a]
            out.append(("".join(t[0] for t in tokens[a:b]), "nr", tokens[a][2], tokens[b - 1][3]))
            done = b
    return out + tokens[done:] if out else tokens


def _dotted_candidates(tokens: list) -> list:
    """Transliterated names written with an interpunct (努尔·艾哈迈德), joined over jieba tokens."""
    out, i = [], 0
    while i < len(tokens):
        j = i
        while (j + 2 < len(tokens) and tokens[j + 1][0] == "·" and all(map(_is_cjk, tokens[j][0]))
               and all(map(_is_cjk, tokens[j + 2][0]))):
            j += 2
        if j > i:
            out.append((tokens[i][2], tokens[j][3], "nr"))
        i = j + 1
    return out


def _org_suffix_candidates(tokens: list, freq: dict, cfg: dict) -> list:
    """Rare word + organisation suffix token (稀宇+科技, 百川+智能): new Chinese companies jieba splits; a unit
    suffix glued right after stays in the name (奇点+智能+研究院, not 奇点智能 alone)."""
    out = []
    for i, ((pw, pf, ps, pe), (w, _f, s, e)) in enumerate(zip(tokens, tokens[1:])):
        if (w in cfg["org_suffixes"] and pe == s and len(pw) >= 2 and all(map(_is_cjk, pw))
                and pf in _NOUNISH_FLAGS and freq.get(pw, 0) <= cfg["max_freq"]
                and normalise(pw) not in cfg["stopwords"]):
            for nw, _nf, ns, ne in tokens[i + 2:]:
                if ns != e or nw not in cfg["org_units"]:
                    break
                e = ne
            out.append((ps, e, "nt"))
    return out


def dictionary_freq() -> dict:
    """Word frequencies of jieba's main dictionary, read once per process (a common word is no new name)."""
    return _jieba_dictionary()[0]


def new_person_name(cand: str, registry: Registry, titled: int = 0) -> bool:
    """`cand` (simplified) has the shape of a personal name the registry's discovery rules accept: a Chinese
    name (surname + 1-2 characters), a transliteration (X·Y, or transliteration characters only), and is no
    common dictionary word (李超, 本吉奥, 东尼·柏克 yes; 高层, 金融 no). `titled` > 0: a title word stands right before
    it (院长卓荣泰, 创始人云中江树), so any 2-4 characters will do that are no common word and do not end in one
    more frequent than `titled` (律师先签字 "a lawyer signs first" ends in 签字; 取得主导地位 in 地位)."""
    cfg = registry._cache.get("discovery_cfg") or registry._cache.setdefault("discovery_cfg", _discovery_config(registry))
    core = re.sub(r"[\s·・]", "", cand)
    if not 2 <= len(core) <= 10 or not all(map(_is_cjk, core)) or normalise(cand) in cfg["stopwords"]:
        return False
    freq = dictionary_freq()
    if titled and len(core) > 2 and freq.get(core[-2:], 0) > titled:
        return False
    if re.search(r"[·・]", cand) is None and (len(core) > 4 or not (titled or _looks_like_person(core, cfg))):
        return False
    return freq.get(core, 0) <= cfg["max_freq"]


def _looks_like_person(cand: str, cfg: dict) -> bool:
    """Chinese name (surname + 1-2 chars) or a transliteration made of transliteration characters."""
    if len(cand) >= 2 and all(c in cfg["translit"] for c in cand):
        return True
    if cand[-1] in cfg["non_name_suffixes"]:
        return False
    if any(cand.startswith(cs) for cs in cfg["compound_surnames"]) and len(cand) in (3, 4):
        return True
    return len(cand) in (2, 3) and cand[0] in cfg["surnames"]


def _plausible(cand: str, tag: str, freq: dict, cfg: dict, org_words: frozenset = frozenset()) -> bool:
    """Shape and dictionary checks that separate new names from common words jieba mis-tags
    (`org_words`: dictionary organisation names, kept however frequent: 国务院, 哈佛大学)."""
    key = normalise(cand)
    if tag == "letter":
        return True  # a one-letter name seen in a platform frame (在X上, X平台)
    if tag == "title":
        return key not in cfg["stopwords"]  # a title in 《》 is a name whatever its words
    if len(cand) < 2 or key in cfg["stopwords"] or key in cfg["stop_latin"]:
        return False
    if not any(ch.isalpha() for ch in cand) or re.fullmatch(r"[\d.,%\s]+", cand):
        return False
    if tag == "latin" and cfg["quantity"].fullmatch(key):
        return False  # 16GB, 3PB: a quantity
    if tag == "latin" or "·" in cand:
        return True
    if tag == "nt" and cand in org_words and len(cand) >= 3:
        head = next((cand[:-len(x)] for x in cfg["org_heads"] if cand.endswith(x)), None)
        if head:  # the dictionary names an organisation, however frequent (国务院, 哈佛大学; not 商业机会)
            return normalise(head) not in cfg["stopwords"]
    if freq.get(cand, 0) > cfg["max_freq"]:
        return False
    if tag == "speaker":
        return True
    if tag.startswith("nr"):
        return _looks_like_person(cand, cfg)
    if tag == "nt":
        head = next((cand[:-len(x)] for x in cfg["org_suffixes"] if cand.endswith(x)), None)
        return head is not None and normalise(head) not in cfg["stopwords"]  # not 新创公司, 美国公司
    return tag == "nz" and cand not in freq and len(cand) >= 3


def _sentence_candidates(seg: FastTagger, text: str, spans: list, cfg: dict) -> list:
    """Unknown-name candidates in one simplified sentence as (start, end, tag), non-overlapping."""
    tokens = _join_transliterations(seg.tokens(text), seg.FREQ, cfg, spans)
    found = [(s, e, f if f in _NAME_FLAGS else "nr") for _w, f, s, e in tokens
             if f.startswith("nr") or f in ("nt", "nz")]
    if contains_any(cfg["org_suffixes"])(text):
        found += _org_suffix_candidates(tokens, seg.FREQ, cfg)
    if "·" in text:
        found += _dotted_candidates(tokens)
    if cfg["title"] is not None and "《" in text:  # a law, an outlet, a programme in 《》 (《财富》, 《意见》)
        found += [(m.start(1), m.end(1), "title") for m in cfg["title"].finditer(text)]
    if contains_any(cfg["compound_surnames"])(text):
        found += [(s, tokens[i + 1][3], "nr") for i, (w, _f, s, _e) in enumerate(tokens[:-1])
                  if w in cfg["compound_surnames"] and tokens[i + 1][1].startswith("nr")]
    if _ASCII_UPPER.search(text):  # a Latin name needs a capital letter (see _LATIN_WORD)
        latin = _latin_candidates(text, cfg["stop_latin"], cfg["latin_tails"])
        latin += [(m.start("l"), m.end("l"), "letter") for rx in cfg["letters"] for m in rx.finditer(text)]
        found += _outside_urls(latin, text)
    found += _speaker_candidates(tokens, found, cfg["verbs"], cfg["bridges"], cfg["surnames"])
    freq, org_words = seg.FREQ, getattr(seg, "ORG_WORDS", frozenset())
    kept = [(s, e, t) for s, e, t in found
            if not any(s < me and ms < e for ms, me in spans)
            and _plausible(text[s:e].strip(" ·-&"), t, freq, cfg, org_words)]
    kept.sort(key=lambda c: (c[0], -(c[1] - c[0]), _TAG_PRIORITY.get(c[2], 9)))
    out, last = [], 0
    for s, e, t in kept:
        if s >= last:
            out.append((s, e, t))
            last = e
        elif out and (s, e) == out[-1][:2] and _TAG_PRIORITY.get(t, 9) < _TAG_PRIORITY.get(out[-1][2], 9):
            out[-1] = (s, e, t)
    return out


OCCURRENCE_COLUMNS = ["key", "candidate", "tag", "article_id", "sentence_id", "example"]


def unknown_occurrences(sentences: pd.DataFrame, mentions: pd.DataFrame, registry: Registry | None = None
                        ) -> pd.DataFrame:
    """Every occurrence of a name the registry does not know (one row each, in reading order).

    Per-article work (the pipeline runs it per article, cached and in parallel); `rank_unknown`
    aggregates occurrences from any number of articles into the discovery table.
    """
    registry = registry or load_registry()
    seg = fast_tagger(registry)
    cfg = _discovery_config(registry)
    spans_by_sentence = defaultdict(list)
    for r in records(mentions, ["article_id", "sentence_id", "start", "end"]):
        spans_by_sentence[(str(r.article_id), int(r.sentence_id))].append((int(r.start), int(r.end)))
    rows = []
    ordered = sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    for r in records(ordered):
        text = r.text if isinstance(r.text, str) else ""
        simp = getattr(r, "text_simplified", None)
        if not isinstance(simp, str) or len(simp) != len(text):
            simp = to_simplified(text)
        base, key = int(r.start), (str(r.article_id), int(r.sentence_id))
        spans = [(s - base, e - base) for s, e in spans_by_sentence.get(key, [])]
        for s, e, tag in _sentence_candidates(seg, simp, spans, cfg):
            cand = simp[s:e].strip(" ·-&")
            if registry.is_alias(cand):
                continue
            rows.append((normalise(cand), cand, tag, key[0], key[1], text))
    return pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)


_PERSON_TAGS = {"speaker", "nr", "nrt", "nrfg"}


def _form_links(keys: dict, examples: dict, tags: dict) -> list:
    """Pairs of candidate keys that name the same actor: a person's full name and surname (Luca Soldaini,
    Soldaini; 杰夫·鲍迪尔, 鲍迪尔) when either was seen as a person (a speaker or a jieba person name),
    and a name glossed in parentheses by another (拉戈金斯基（Sergey Lagodinsky）)."""
    links = []
    for key, surface in keys.items():
        parts = re.split(r" +", surface) if _LATIN_NAME.fullmatch(surface) else surface.split("·")
        last = normalise(parts[-1].strip())
        if len(parts) > 1 and last in keys and (tags[key] | tags[last]) & _PERSON_TAGS:
            links.append((key, last))
    for key, texts in examples.items():
        surface = keys[key]
        for text in texts:
            for m in re.finditer(re.escape(surface) + r"\s*[(（]([^()（）]{2,40})[)）]", text):
                gloss = normalise(m.group(1).strip())
                if gloss in keys and gloss != key:
                    links.append((key, gloss))
    return links


def _groups(keys: list, links: list) -> dict:
    """Union-find: key -> representative key, deterministic (smallest key of each group)."""
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in sorted(links):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {k: find(k) for k in keys}


def _canonical_surface(surfaces: Counter) -> str:
    """The form a researcher would search for: the longest Latin full name, else the most common form."""
    latin = [s for s in surfaces if re.fullmatch(r"[A-Za-z][A-Za-z.'\-]* [A-Za-z .'\-]+", s)]
    if latin:
        return max(latin, key=lambda s: (len(s), surfaces[s], s))
    return sorted(surfaces, key=lambda s: (-surfaces[s], -len(s), s))[0]


def rank_unknown(occurrences: pd.DataFrame, min_count: int = 1) -> pd.DataFrame:
    """Discovery table from occurrences: one row per unknown actor with all its forms merged (`surfaces`),
    the form to search for, the strongest tag, mentions and articles, and the first example."""
    hits: dict = defaultdict(list)
    for o in records(occurrences):
        hits[o.key].append((o.candidate, o.tag, o.article_id, int(o.sentence_id), o.example))
    keys = {k: Counter(o[0] for o in occ).most_common(1)[0][0] for k, occ in hits.items()}
    examples = {k: sorted({to_simplified(o[4]) for o in occ}) for k, occ in hits.items()}
    tags = {k: {o[1] for o in occ} for k, occ in hits.items()}
    group = _groups(sorted(hits), _form_links(keys, examples, tags))
    merged: dict = defaultdict(list)
    for k in sorted(hits):
        merged[group[k]].extend(hits[k])
    rows = []
    for occ in merged.values():
        if len(occ) < min_count:
            continue
        occ.sort(key=lambda o: (o[2], o[3]))
        surfaces = Counter(o[0] for o in occ)
        tag = min((o[1] for o in occ), key=lambda t: _TAG_PRIORITY.get(t, 9))
        first = occ[0]
        rows.append((_canonical_surface(surfaces), tag, len(occ), len({o[2] for o in occ}), first[2], first[3],
                     first[4], ";".join(sorted(surfaces))))
    if not rows:
        return _empty(DISCOVERY_COLUMNS, {"count": "int64", "articles": "int64", "example_sentence_id": "int64"})
    df = pd.DataFrame(rows, columns=DISCOVERY_COLUMNS)
    return df.sort_values(["count", "articles", "candidate"], ascending=[False, False, True],
                          kind="stable").reset_index(drop=True)


_SNIPPET_TYPES = {"speaker": "person", "nr": "person", "nrt": "person", "nrfg": "person", "nt": "org", "nz": "other",
                  "letter": "other", "title": "initiative"}


def guess_type(candidate: str, tag: str) -> str:
    """Registry type guessed from the tag; a dotted name or a Latin first name + surname is a person."""
    if tag in _SNIPPET_TYPES:
        return _SNIPPET_TYPES[tag]
    words = candidate.split()
    if "·" in candidate or (len(words) == 2 and all(re.fullmatch(r"[A-Z][a-z'\-]+", w) for w in words)):
        return "person"
    return "org"


def _yaml_scalar(text: str) -> str:
    """A YAML scalar safe inside a flow sequence: plain when possible, quoted otherwise."""
    import yaml

    return yaml.safe_dump([text], allow_unicode=True, default_flow_style=True, width=10_000).strip()[1:-1]


def registry_snippet(candidates: pd.DataFrame) -> str:
    """YAML entries to paste under `actors:` in data/actors.yaml, one per discovered candidate:
    canonical name, Chinese display name (its first Chinese form), type and every surface form as
    aliases (the researcher reviews them and adds a parent)."""
    out = []
    for r in records(candidates):
        name = str(r.candidate)
        surfaces = [s for s in str(getattr(r, "surfaces", "") or name).split(";") if s]
        aliases = [name] + sorted(set(surfaces) - {name})
        note = (f"discovered: {int(r.count)} mentions in {int(r.articles)} articles, first in "
                f"{r.example_article_id} sentence {int(r.example_sentence_id)}")
        name_zh = next((a for a in aliases if any(map(_is_cjk, a))), name)
        out.append(f"- name: {_yaml_scalar(name)}\n"
                   f"  name_zh: {_yaml_scalar(name_zh)}\n"
                   f"  type: {guess_type(name, str(r.tag))}\n"
                   f"  aliases: [{', '.join(_yaml_scalar(a) for a in aliases)}]\n"
                   f"  note: {_yaml_scalar(note)}\n")
    return "".join(out)


_PERSON_LATIN = re.compile(rf"[A-Z{_ACCENTED_UPPER}][a-z{_ACCENTED}'\-]+(?: [A-Z{_ACCENTED_UPPER}][a-z{_ACCENTED}'\-]+){{1,2}}")
_GLOSS_BEFORE = re.compile(r"[\u3400-\u9fff·] ?[(（] ?$")
_GLOSS_AFTER = re.compile(r" ?[)）]")


def marked_person(candidate: str, sentence: str, titles: tuple, verbs: tuple) -> bool:
    """The sentence marks an unknown Latin full name (2-3 capitalised words) as a person: a title right before it
    (首席执行官Ali Ghodsi), a speech verb right after it (Ion Stoica表示), or it glosses a Chinese name in
    brackets (马丁·蒂斯内（Martin Tisné）). `Open Model` or `Export Controls` next to nothing of the kind is not."""
    if not _PERSON_LATIN.fullmatch(candidate):
        return False
    text = to_simplified(sentence)
    i = text.find(candidate)
    if i < 0:
        return False
    before, after = text[max(0, i - 8):i], text[i + len(candidate):i + len(candidate) + 6]
    return (before.rstrip(" ").endswith(titles) or after.lstrip(" ").startswith(verbs)
            or bool(_GLOSS_BEFORE.search(before) and _GLOSS_AFTER.match(after)))


_LATIN_GLOSS = re.compile(rf" ?[(（] ?({_PERSON_LATIN.pattern}) ?[)）]")


def _person_glosses(occurrences: pd.DataFrame) -> dict:
    """(article_id, Chinese name) -> the Latin full name that glosses it somewhere in the article
    (纳德拉（Satya Nadella）; a dotted name's surname too): the article's own identification of an unknown person."""
    out: dict = {}
    for aid, cand, tag, ex in zip(*(occurrences[c].tolist() for c in ("article_id", "candidate", "tag", "example"))):
        ex = str(ex)
        if tag not in _PERSON_TAGS or not ("(" in ex or "（" in ex) or not all(map(_is_cjk, str(cand).replace("·", ""))):
            continue  # a gloss needs a bracket: most sentences are skipped before any script conversion
        text = to_simplified(ex)
        for m in re.finditer(re.escape(cand), text):
            gloss = _LATIN_GLOSS.match(text, m.end())
            if gloss:
                out.setdefault((str(aid), cand), gloss.group(1))
                if "·" in cand:  # the surname of a glossed dotted name (汤姆·里弗斯 → 里弗斯) is the same person
                    out.setdefault((str(aid), cand.split("·")[-1].strip()), gloss.group(1))
    return out


def glossed_occurrences(occurrences: pd.DataFrame) -> pd.DataFrame:
    """The other occurrences of an unknown Chinese person name that its article glosses with a Latin full name
    (萨蒂亚·纳德拉（Satya Nadella）…… 纳德拉说), with column `actor` = that Latin name. The glossed occurrence
    itself is left out: its Latin gloss is the mention (`marked_person`), so the pair counts once (C4)."""
    glosses = _person_glosses(occurrences)
    if not glosses:
        return occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object))
    keep, actor, used, simplified = [], [], Counter(), {}
    for aid, sid, cand, ex in zip(*(occurrences[c].tolist() for c in ("article_id", "sentence_id", "candidate", "example"))):
        latin = glosses.get((str(aid), cand))
        text = (simplified.get(ex) or simplified.setdefault(ex, to_simplified(str(ex)))) if latin else ""
        bare = sum(1 for m in re.finditer(re.escape(cand), text) if not _LATIN_GLOSS.match(text, m.end())) if latin else 0
        slot = (str(aid), int(sid), cand)
        keep.append(bare > used[slot])
        used[slot] += 1
        actor.append(latin or "")
    return occurrences.assign(actor=actor)[keep]


_CHINESE_NAME = re.compile(r"[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]{1,6}(?:·[\u3400-\u9fff]{1,6})+")


def _chinese_mark(text: str, at: int, name: str, marks: dict) -> str:
    """How the sentence marks the Chinese name at `at`: "title" (a promote title right before it, or a post-title
    right after it: 王伟教授), "verb" (a
    promote verb right after it, through one speech bridge: 王小川也表示), or "" (no mark). A name with a name dot
    glued on either side is a fragment of a longer transliteration (安杰尼·米 of 安杰尼·米达): never marked."""
    before, after = text[max(0, at - 8):at], text[at + len(name):at + len(name) + 8]
    rest = after.lstrip(" ")
    if normalise(before, lower=False).rstrip(" ").endswith("·") or normalise("名" + rest[:1] + "名", lower=False)[1] == "·":
        return ""  # 纳特 · 弗里德曼, 莉娜．汗: the name goes on past a name dot
    bridged = next((rest[len(b):] for b in marks["bridges"] if rest.startswith(b)), rest)
    if rest.startswith(marks["verbs"]) or bridged.startswith(marks["verbs"]):
        return "verb"
    if marks.get("post_titles") and rest.startswith(marks["post_titles"]):
        return "title"  # 王伟教授, 李明博士表示: a title written after the name ends it
    if not before.rstrip(" ").endswith(marks["titles"]):
        return ""
    # after a title the name must end where the next word begins: punctuation, a Latin letter, one of the
    # followers (王小川的, 王小川在) or a common two-character word (周伯文提出, 张鹏当时); 创始人贾扬清 cut by jieba
    # into 贾扬 + 清 is a fragment
    return "title" if not rest or not _is_cjk(rest[0]) or rest.startswith(marks["followers"]) \
        or _common_word_next(rest, marks.get("next_freq", 0)) else ""


def _common_word_next(rest: str, min_freq: int) -> bool:
    """`rest` starts with a two-character word of jieba's dictionary at least `min_freq` frequent (0: never)."""
    return min_freq > 0 and len(rest) >= 2 and _is_cjk(rest[1]) and dictionary_freq().get(rest[:2], 0) >= min_freq


def _cut_given_name(text: str, at: int, name: str, marks: dict) -> str:
    """The three-character name a two-character jieba person tag was cut from, when a title sits before it and
    the one character after it ends the name (a follower, a verb or punctuation follows; a common word is not
    enough: 副总理张立|清作为 stays unmarked): 副研究员黄瀚|萱在 ->
    黄瀚萱; "" otherwise, or when that character is itself a follower, bridge or adverb (教授王明|等在)."""
    end = at + len(name)
    tail = text[end:end + 1]
    if len(name) != 2 or not tail or not _is_cjk(tail) or tail in marks.get("tail_not", (tail,)):
        return ""
    rest = text[end + 1:end + 9].lstrip(" ")
    ends = not rest or not _is_cjk(rest[0]) or rest.startswith(marks["followers"]) or rest.startswith(marks["verbs"])
    return name + tail if ends and text[max(0, at - 8):at].rstrip(" ").endswith(marks["titles"]) else ""


def marked_chinese_person(candidate: str, sentence: str, registry: Registry, marks: dict) -> bool:
    """An unknown Chinese person name the sentence marks as a person (`marked_chinese_name` finds one)."""
    return bool(marked_chinese_name(candidate, sentence, registry, marks))


def marked_chinese_name(candidate: str, sentence: str, registry: Registry, marks: dict) -> str:
    """The name as written of an unknown Chinese person name (2-4 characters, or a dotted transliteration) the
    sentence marks as a person (`_chinese_mark`) and that has a person name's shape (`new_person_name`), "" when
    unmarked: 创始人王小川 -> 王小川, 纳德拉表示 -> 纳德拉; 创始人贾扬 (of 贾扬清) and 公司表示 -> "". A name jieba cut one
    character short after a title (副研究员黄瀚|萱在) is the whole name (`_cut_given_name`)."""
    if not _CHINESE_NAME.fullmatch(candidate):
        return ""
    text = to_simplified(sentence)
    for m in re.finditer(re.escape(candidate), text):
        mark = _chinese_mark(text, m.start(), candidate, marks)
        if mark and (new_person_name(candidate, registry)
                     or mark == "title" and new_person_name(candidate, registry, titled=marks["titled_freq"])):
            return candidate
        full = "" if mark else _cut_given_name(text, m.start(), candidate, marks)
        if full and new_person_name(full, registry, titled=marks["titled_freq"]):
            return full
    return ""


def chinese_promoted(occurrences: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Occurrences of unknown Chinese person names (jieba person tags or speakers) the sentence marks as a person
    (`marked_chinese_name`), counted under the name as written (column `actor`). `discovery.promote_chinese`:
    "marked" counts the marked occurrences only, "all" every person-tagged occurrence of a name in the article
    once one is marked, "off" none. A name the article glosses in Latin is left to `glossed_occurrences`."""
    mode, d = registry.discovery["promote_chinese"], registry.discovery
    if mode not in ("marked", "all") or occurrences.empty:
        return occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object))
    marks = {"titles": tuple(d["promote_titles"]), "verbs": tuple(d["promote_verbs"]),
             "bridges": tuple(d["speech_bridges"]), "followers": tuple(d["promote_name_followers"]),
             "post_titles": tuple(d["promote_post_titles"]),
             "titled_freq": d["promote_titled_max_freq"], "next_freq": d["promote_next_word_min_freq"],
             "tail_not": frozenset(w for w in (*d["promote_name_followers"], *d["speech_bridges"],
                                               *d["promote_verbs"], *d["promote_name_tail_not"]) if len(w) == 1)}
    glossed = _person_glosses(occurrences)
    cols = [occurrences[c].tolist() for c in ("article_id", "candidate", "tag", "example")]
    person = [tag in _PERSON_TAGS and (str(a), c) not in glossed for a, c, tag, _ex in zip(*cols)]
    written = [marked_chinese_name(c, ex, registry, marks) if ok else "" for ok, (_a, c, _t, ex) in zip(person, zip(*cols))]
    names = {}
    for name, a, c in zip(written, cols[0], cols[1]):
        if name:
            names.setdefault((str(a), c), name)
    if mode == "all":
        written = [names.get((str(a), c), "") if ok else "" for ok, a, c in zip(person, cols[0], cols[1])]
    kept = occurrences[[bool(w) for w in written]]
    return kept.assign(actor=[w for w in written if w])


def _versioned_pattern(registry: Registry):
    """`discovery.versioned_model_pattern` compiled once per registry (None when empty)."""
    if "versioned_re" not in registry._cache:
        text = registry.discovery["versioned_model_pattern"]
        registry._cache["versioned_re"] = re.compile(text) if text else None
    return registry._cache["versioned_re"]


def versioned_family(candidate: str, registry: Registry) -> str:
    """The family of an unknown Latin model name written with its version or size (CogVideoX-5B -> CogVideoX,
    Baichuan2-53B -> Baichuan, Sky-T1-32B-Preview -> Sky-T, the letter kept); "" when the name carries no version
    (`discovery.versioned_model_pattern`, group `family`) or the family is a stoplisted word."""
    pattern = _versioned_pattern(registry)
    m = pattern.fullmatch(candidate) if pattern else None
    if not m or len(m.group("family")) < 2:
        return ""
    stop = registry._cache.get("latin_stop") or registry._cache.setdefault(
        "latin_stop", frozenset(normalise(w) for w in registry.discovery["latin_stoplist"]))
    return "" if normalise(m.group("family")) in stop else m.group("family")


def versioned_promoted(occurrences: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Occurrences of unknown Latin model names written with a version (CogVideoX-5B), counted as model mentions
    under their family (columns `actor`, `actor_type`), or with `discovery.versioned_model_name: written` under the
    name as written (Open-R1 stays Open-R1, MATH-500 stays MATH-500: the version may be part of the name). `discovery.promote_versioned_models`: "marked" counts the
    versioned occurrences only, "all" also the article's bare occurrences of a family once it is versioned there,
    "off" none. A versioned name the sentence makes an event's is none (人工智能计算大会（AICC2023）, `_names_no_actor`). The family is left to the registry when the registry holds it (it is then a registered mention)."""
    mode = registry.discovery["promote_versioned_models"]
    empty = occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object), actor_type=pd.Series(dtype=object))
    if mode not in ("marked", "all") or occurrences.empty:
        return empty
    cols = [occurrences[c].tolist() for c in ("article_id", "candidate", "tag")]
    events = registry.discovery["recurring_not_before"]
    family = [versioned_family(c, registry) if tag == "latin" and not _names_no_actor(c, str(ex), events) else ""
              for (_a, c, tag), ex in zip(zip(*cols), occurrences["example"])]
    family = ["" if f and normalise(f) in registry.alias_index else f for f in family]
    if mode == "all":
        seen = {(str(a), f) for a, f in zip(cols[0], family) if f}
        family = [f or (c if tag == "latin" and (str(a), c) in seen else "") for f, (a, c, tag) in zip(family, zip(*cols))]
    keep = [bool(f) for f in family]
    kept = occurrences[keep]
    if registry.discovery["versioned_model_name"] == "written":
        family = [c if f else "" for f, c in zip(family, cols[1])]
    return kept.assign(actor=[f for f in family if f], actor_type="model") if keep.count(True) else empty


def _title_frames(registry: Registry) -> tuple:
    """`discovery.promote_title_frames` compiled once per registry; {T} stands for the title inside 《》."""
    if "title_frames" not in registry._cache:
        registry._cache["title_frames"] = tuple(
            re.compile(f.replace("{T}", r"《(?P<t>[^《》\n]{1,30})》")) for f in registry.discovery["promote_title_frames"])
    return registry._cache["title_frames"]


def framed_titles(occurrences: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Occurrences of unknown titles in 《》 that the sentence frames as an outlet (接受《暗涌》采访 "interviewed by
    Waves", 据《时代》报道 "according to Time"; `discovery.promote_title_frames`), counted as organisation mentions
    under the title as written, marks included (《暗涌》): the name of an outlet the registry does not hold."""
    frames = _title_frames(registry)
    empty = occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object), actor_type=pd.Series(dtype=object))
    if not frames or occurrences.empty:
        return empty
    keep = []
    for cand, tag, ex in zip(occurrences["candidate"], occurrences["tag"], occurrences["example"]):
        text = to_simplified(str(ex)) if tag == "title" else ""
        keep.append(bool(text) and any(m.group("t") == cand for f in frames for m in f.finditer(text)))
    kept = occurrences[keep]
    return kept.assign(actor=["《%s》" % c for c in kept["candidate"]], actor_type="org") if len(kept) else empty


_SHORT_FORM_WORD = {"last": -1, "first": 0}


def _alias_words(registry: Registry) -> frozenset:
    """Every word of the registry's Latin aliases (Mark, Sam, Wang, Zuckerberg), cached per registry."""
    if "alias_words" not in registry._cache:
        registry._cache["alias_words"] = frozenset(w for a in registry for alias in a.aliases
                                                   for w in alias.split(" ") if w.isascii())
    return registry._cache["alias_words"]


def _short_form_owners(promoted: pd.DataFrame, forms: tuple, taken: frozenset = frozenset()) -> dict:
    """(article_id, word) -> the promoted Latin full name whose last (or first) word it is, for the words that point to
    one full name of their article only (two Smiths in one article leave Smith to nobody) and are no word of a
    registered name (`taken`: Mark could be Mark Zuckerberg, Wang Alexandr Wang)."""
    owners: dict = defaultdict(set)
    for aid, name in zip(promoted["article_id"].astype(str), promoted["candidate"]):
        words = str(name).split(" ")
        for form in forms:
            if len(words) > 1 and form in _SHORT_FORM_WORD and words[_SHORT_FORM_WORD[form]] not in taken:
                owners[(aid, words[_SHORT_FORM_WORD[form]])].add(name)
    return {k: next(iter(v)) for k, v in sorted(owners.items()) if len(v) == 1}


def latin_short_forms(occurrences: pd.DataFrame, promoted: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """The article's bare Latin surname (or given name) of an unknown full name the article marks as a person, counted
    under that full name (首席科学家Darren Kowalski…… Kowalski表示 "Kowalski said": one actor, two mentions), column
    `actor`. `discovery.promote_latin_short_forms`: "last" = the surname, "first" = the given name."""
    forms = tuple(registry.discovery["promote_latin_short_forms"])
    owners = _short_form_owners(promoted, forms, _alias_words(registry)) if forms and not promoted.empty else {}
    if not owners:
        return occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object))
    actor = [owners.get((str(a), c), "") if tag in ("latin", "speaker") else ""
             for a, c, tag in zip(occurrences["article_id"], occurrences["candidate"], occurrences["tag"])]
    keep = [bool(x) for x in actor]
    return occurrences[keep].assign(actor=[x for x in actor if x])


_BRACKET_AFTER = re.compile(r" ?[(（]([^()（）\n]{1,30})[)）]")


def _event_glossed(text: str, start: int, end: int, nouns: tuple) -> bool:
    """The name at [start, end) and the bracket beside it name one event: the bracket after the name ends in an event
    noun (WAIC（世界人工智能大会） "World AI Conference"), or the name is the bracket after a phrase that ends in one
    (人工智能计算大会（AICC2023） "the AI computing conference")."""
    after = _BRACKET_AFTER.match(text, end)
    if after and after.group(1).rstrip(" ").endswith(nouns):
        return True
    before = text[:start].rstrip(" ")
    return (before.endswith(("(", "（")) and before[:-1].rstrip(" ").endswith(nouns)
            and text[end:].lstrip(" ").startswith((")", "）")))


def _names_no_actor(name: str, sentence: str, nouns: tuple) -> bool:
    """Whether the sentence makes the name one of no actor: a noun right after it names an event (GTC大会 "the GTC
    conference", WWDC开发者大会), or a bracket beside it does (`_event_glossed`: WAIC（世界人工智能大会））."""
    if not nouns:
        return False
    text = to_simplified(sentence)
    return any(text[m.end():].lstrip(" ").startswith(nouns) or _event_glossed(text, m.start(), m.end(), nouns)
               for m in re.finditer(re.escape(name), text))


@functools.lru_cache(maxsize=1)
def _quote_marks() -> tuple:
    """The (opener, closer) pairs of the quote layer's `quote_marks` (quotes.yaml): one list of quote marks."""
    from .config import load_yaml

    return tuple(load_yaml(Path(__file__).parent / "data" / "quotes.yaml")["quote_marks"].items())


def _inside_quotes(text: str, at: int) -> bool:
    """Position `at` of a sentence lies inside quote marks (more opened than closed before it; for a mark that
    opens and closes alike, the ASCII ", an odd number of them)."""
    before = text[:at]
    return any(before.count(o) % 2 == 1 if o == c else before.count(o) > before.count(c) for o, c in _quote_marks())


def _only_quoted(name: str, sentences: list) -> bool:
    """Every occurrence of the name in its article's sentences is inside quote marks: a word the article quotes (a
    nickname, 「改名ClosedAI就撤诉」 "rename it ClosedAI and I drop the suit"), never one its own words name."""
    spots = [(t, m.start()) for t in sentences for m in re.finditer(re.escape(name), t)]
    return bool(spots) and all(_inside_quotes(t, at) for t, at in spots)


def recurring_latin(occurrences: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Occurrences of an unknown Latin name without digits (tagged latin, or speaker before a speech verb) that its
    article writes at least `discovery.promote_recurring_latin` times (DBRX, Airbnb, Granite, GSA), counted under the
    name as written, typed by its shape (`guess_type`): a name an article keeps repeating is what it is about, not a stray English word.
    0 = off. A name with a version is left to `versioned_promoted`. A name the sentence makes an event's
    (`_names_no_actor`: GTC大会, WAIC（世界人工智能大会）) or that the article writes only inside quote marks (`_only_quoted`:
    the nickname 「ClosedAI」) is left out."""
    least = registry.discovery["promote_recurring_latin"]
    empty = occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object), actor_type=pd.Series(dtype=object))
    if least <= 0 or occurrences.empty:
        return empty
    keys = list(zip(occurrences["article_id"].astype(str), occurrences["candidate"].astype(str)))
    latin = [(tag == "latin" or tag == "speaker" and c.isascii() and _ASCII_UPPER.search(c) is not None)
             and not any(ch.isdigit() for ch in c) for (_a, c), tag in zip(keys, occurrences["tag"])]
    seen = Counter(k for k, ok in zip(keys, latin) if ok)
    named = {k for k, ok, ex in zip(keys, latin, occurrences["example"])
             if ok and seen[k] >= least and _names_no_actor(k[1], str(ex), registry.discovery["recurring_not_before"])}
    texts: dict = defaultdict(set)
    for k, ok, ex in zip(keys, latin, occurrences["example"]):
        if ok and seen[k] >= least:
            texts[k].add(to_simplified(str(ex)))
    named |= {k for k, ts in texts.items() if _only_quoted(k[1], sorted(ts))}
    keep = [ok and seen[k] >= least and k not in named for k, ok in zip(keys, latin)]
    kept = occurrences[keep]
    if kept.empty:
        return empty
    return kept.assign(actor=kept["candidate"], actor_type=[guess_type(c, "latin") for c in kept["candidate"]])


def recurring_org(occurrences: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Occurrences of an unknown Chinese organisation name that ends in an organisation suffix (百川智能, 稀宇科技,
    X实验室; tagged nt, or speaker before a speech verb) and that its article writes at least
    `discovery.promote_recurring_org` times, counted as organisation mentions under the name as written: the Chinese
    counterpart of `recurring_latin`. 0 = off."""
    least = registry.discovery["promote_recurring_org"]
    empty = occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object), actor_type=pd.Series(dtype=object))
    if least <= 0 or occurrences.empty:
        return empty
    suffixes = tuple(to_simplified(w) for w in registry.discovery["org_suffixes"])
    keys = list(zip(occurrences["article_id"].astype(str), occurrences["candidate"].astype(str)))
    org = [tag in ("nt", "speaker") and c.endswith(suffixes) and len(c) > 2 and all(map(_is_cjk, c))
           for (_a, c), tag in zip(keys, occurrences["tag"])]
    seen = Counter(k for k, ok in zip(keys, org) if ok)
    kept = occurrences[[ok and seen[k] >= least for k, ok in zip(keys, org)]]
    return kept.assign(actor=kept["candidate"], actor_type="org") if len(kept) else empty


def promoted_occurrences(occurrences: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """Occurrences of unknown names that count as actor mentions without a registry entry: Latin full names
    the sentence marks as a person (`marked_person`, with `discovery.promote_titles` / `promote_verbs`), tagged
    latin or, before a speech verb, speaker; and the other occurrences of a Chinese person name the article glosses
    with such a Latin name (`glossed_occurrences`), counted under the Latin name (column `actor`).
    Empty when the registry sets no titles or verbs."""
    registry = registry or load_registry()
    titles, verbs = tuple(registry.discovery["promote_titles"]), tuple(registry.discovery["promote_verbs"])
    if occurrences.empty or not (titles or verbs):
        return occurrences.iloc[0:0].assign(actor=pd.Series(dtype=object))
    keep = [tag in ("latin", "speaker") and marked_person(c, ex, titles, verbs)
            for tag, c, ex in zip(occurrences["tag"], occurrences["candidate"], occurrences["example"])]
    latin = occurrences[keep]
    short = latin_short_forms(occurrences, latin, registry)
    both = pd.concat([latin.assign(actor=latin["candidate"]), short, glossed_occurrences(occurrences),
                      chinese_promoted(occurrences, registry), versioned_promoted(occurrences, registry),
                      framed_titles(occurrences, registry)])
    recurring = pd.concat([recurring_latin(occurrences, registry), recurring_org(occurrences, registry)])
    both = pd.concat([both, recurring[~recurring.index.isin(both.index)]])
    credited = [_only_in_credit(c, ex, registry) for c, ex in zip(both["candidate"], both["example"])]
    return both[[not x for x in credited]].sort_index(kind="stable")


def _only_in_credit(name: str, sentence: str, registry: Registry) -> bool:
    """Every place of the name in its sentence lies inside a credit or byline (【环球时报报道记者杨沙沙】,
    图片来源：…): like a registered name there, it is no mention."""
    if not isinstance(sentence, str) or not isinstance(name, str) or not name:
        return False
    _words, markers, ends, brackets = _match_settings(registry)
    hay, key = normalise(to_simplified(sentence)), normalise(to_simplified(name))
    spans = _credit_spans(hay, markers, ends) + ([m.span() for m in brackets.finditer(hay)] if brackets else [])
    places = [m.start() for m in re.finditer(re.escape(key), hay)]
    return bool(places and spans) and all(not _outside(spans, p, p + len(key)) for p in places)


def promoted_mentions(promoted: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Mention rows (MENTION_COLUMNS, type person) for promoted unknown names, each at its place in its sentence,
    so a count in actor_counts traces to the sentence it came from. An occurrence whose name is not found in its
    sentence's text (it never is, unless the text changed) is left out rather than placed wrongly."""
    if promoted.empty:
        return pd.DataFrame(columns=MENTION_COLUMNS).astype(_MENTION_DTYPES)
    where = {(str(a), int(i)): (int(b), t) for a, i, b, t in
             zip(sentences["article_id"], sentences["sentence_id"], sentences["start"], sentences["text"])}
    rows, taken = [], {}
    actors = promoted["actor"] if "actor" in promoted.columns else promoted["candidate"]
    types = promoted["actor_type"].fillna("person") if "actor_type" in promoted.columns else ["person"] * len(promoted)
    for aid, sid, name, actor, kind in zip(promoted["article_id"].astype(str), promoted["sentence_id"],
                                           promoted["candidate"], actors, types):
        base, text = where.get((aid, int(sid)), (0, ""))
        at = to_simplified(text).find(name, taken.get((aid, int(sid), name), 0))
        if at < 0:
            continue
        taken[(aid, int(sid), name)] = at + len(name)
        rows.append({"article_id": aid, "sentence_id": int(sid), "actor": actor, "actor_type": kind,
                     "surface": text[at:at + len(name)], "start": base + at, "end": base + at + len(name), "version": ""})
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(_MENTION_DTYPES)


def with_promoted(mentions: pd.DataFrame, promoted: pd.DataFrame, article_order: list | None = None) -> pd.DataFrame:
    """The registry's mentions and the promoted unknown people's in one table, by article (in `article_order`,
    else by id) and offset."""
    if promoted.empty:
        return mentions
    both = promoted if mentions.empty else pd.concat([mentions, promoted], ignore_index=True)
    rank = {str(a): k for k, a in enumerate(article_order or sorted(set(both["article_id"].astype(str))))}
    key = both["article_id"].astype(str).map(rank).fillna(len(rank))
    return (both.assign(_rank=key).sort_values(["_rank", "start", "end"], kind="stable")
            .drop(columns="_rank").reset_index(drop=True))


# --------------------------------------------------------------------------- documents named by their title

def _document_rules(registry: Registry) -> dict:
    """`discovery.document_*` compiled once per registry: the title pattern, the typed frames ({T} = the title in
    《》), the typed head words (longest first), the typed untitled names and the joiners of a list of titles."""
    if "documents" not in registry._cache:
        d = registry.discovery
        opens, closes = (re.escape("".join(m[k] for m in d["document_title_marks"])) for k in (0, 1))
        title = r"[%s](?P<t>[^%s%s\n]{1,%d})[%s]" % (opens, opens, closes, max(d["document_title_max_chars"], 2), closes)
        joiners = "|".join(re.escape(j) for j in d["document_list_joiners"])
        registry._cache["documents"] = {
            "title": re.compile(title), "opens": tuple(m[0] for m in d["document_title_marks"]),
            "keeps": tuple(m[0] for m in d["document_name_keeps_marks"]),
            "frames": tuple((kind, re.compile(f.replace("{T}", title)))
                            for kind, frames in d["document_title_frames"].items() for f in frames),
            "heads": tuple(sorted(((h.lower(), kind) for kind, heads in d["document_title_heads"].items()
                                   for h in heads), key=lambda hk: (-len(hk[0]), hk[0]))),
            "not_heads": tuple(w.lower() for w in d["document_title_not_heads"]),
            "not_nouns": tuple(d["document_not_nouns"]),
            "gloss_before": frozenset(d["document_gloss_before"]), "gloss_after": frozenset(d["document_gloss_after"]),
            "names": tuple((kind, re.compile(p)) for kind, names in d["document_names"].items() for p in names),
            "join": re.compile(f"(?:{joiners})?" if joiners else ""),
        }
    return registry._cache["documents"]


_TRAILING_BRACKET = re.compile(r"\s*[（(][^（()）]*[)）]$")  # 《…规划(2020—2025年)》, 《…办法（征求意见稿）》


def _title_kind(title: str, rules: dict) -> str:
    """The type a title's own last word gives it (…法案 a bill: initiative; …Technical Report: other), "" for none.
    A title that is nothing but the head word (《框架》, 《报告》) is a short form of another title, and a title ending
    in a common word that merely ends like a head (《…算法》 "algorithm", not a law 法) has none. A bracket at the end is
    not the last word: 《…规划(2020—2025年)》 "plan (2020-2025)", 《…办法（征求意见稿）》 "measures (draft)". A head word
    that ends in a shorter head is still only a head word: 《办法》 "the Measures" is a short form, not a law (法)."""
    low = _TRAILING_BRACKET.sub("", title.lower().rstrip())
    if low.endswith(rules["not_heads"]) or any(low == head for head, _kind in rules["heads"]):
        return ""
    return next((kind for head, kind in rules["heads"] if low.endswith(head) and len(low) > len(head)), "")


def _named_not_document(simp: str, start: int, end: int, rules: dict) -> bool:
    """The noun right after the title (through 的) or right before it says it is no document: 题为《X》的演讲 "a speech
    entitled X", 电影《X》 "the film X", 《X》节目 "the show X" (`discovery.document_not_nouns`)."""
    nouns = rules["not_nouns"]
    return bool(nouns) and (simp[end:end + 8].lstrip("的 ").startswith(nouns)
                            or simp[max(0, start - 8):start].rstrip("：: ").endswith(nouns))


def sentence_documents(simp: str, rules: dict) -> list:
    """(start, end, type) of the documents one simplified sentence names by their title, marks included: a title in
    《》 whose last word names a kind of document (《…法案》, 《…声明》), a title a frame marks as a document (题为《X》,
    论文《X》, 《X》一书), a title listed right after such a title (行政令：《A》《B》和《C》), and an official title
    written without marks (可接受使用政策)."""
    out, prev = [], ""
    if any(mark in simp for mark in rules["opens"]):
        framed = {}
        for kind, rx in rules["frames"]:
            for m in rx.finditer(simp):
                framed.setdefault(m.start("t") - 1, kind)
        last_end = -1
        for m in rules["title"].finditer(simp):
            kind = "" if _named_not_document(simp, m.start(), m.end(), rules) else (
                _title_kind(m.group("t"), rules) or framed.get(m.start(), ""))
            if not kind and prev and rules["join"].fullmatch(simp[last_end:m.start()]):
                kind = prev
            if kind:
                out.append((m.start(), m.end(), kind))
            prev, last_end = kind, m.end()
    for kind, rx in rules["names"]:
        out += [(m.start(), m.end(), kind) for m in rx.finditer(simp)]
    return sorted(out)


def _document_spans(sentences: pd.DataFrame, rules: dict) -> list:
    """(article_id, sentence_id, start, end, type, surface, sentence start, sentence text, actor name) of every document
    named by its title, in offsets of the article's clean text."""
    found = []
    for aid, sid, base, text in zip(sentences["article_id"].astype(str), sentences["sentence_id"],
                                    sentences["start"], sentences["text"]):
        text = text if isinstance(text, str) else ""
        if not any(mark in text for mark in rules["opens"]) and not any(rx.search(text) for _k, rx in rules["names"]):
            continue  # most sentences: no title, no untitled name (checked before the script conversion)
        for s, e, kind in sentence_documents(to_simplified(text), rules):
            surface = text[s:e]
            found.append((aid, int(sid), int(base) + s, int(base) + e, kind, surface, int(base), text,
                           _document_name(surface, rules)))
    return found


def _document_name(surface: str, rules: dict) -> str:
    """A counted title's actor name: as written, 《》 kept (《个人超级智能》), other marks dropped (〈X〉 is X)."""
    if not surface.startswith(rules["opens"]) or surface.startswith(rules["keeps"]):
        return surface
    return surface[1:-1]


def _earlier_title(found: list, short: str, at: int) -> tuple | None:
    """The last counted title before offset `at` whose words end with `short` (and say more): 《框架》 after
    《人工智能风险管理框架》 "the AI risk management framework", 以下简称《意见》 "hereafter the Opinions"."""
    fulls = [f for f in found if f[2] < at and to_simplified(f[5][1:-1]).endswith(short)
             and len(f[5]) - 2 > len(short)]
    return fulls[-1] if fulls else None


def _bracket_gloss(full: tuple, at: int, text: str, base: int, rules: dict) -> bool:
    """The short title at `at` sits in the brackets opened right after the full title (《…的意见》（以下简称《意见》）
    "hereafter the Opinions"): the pair is one mention, as a gloss is."""
    between = text[full[3] - base:at - base] if full[6] == base else ""
    return between.lstrip().startswith(tuple(rules["gloss_after"])) and not any(c in between for c in "）)")


def _short_titles(sentences: pd.DataFrame, found: list, rules: dict) -> list:
    """Rows like `_document_spans`' for a title that repeats the last words of a counted title earlier in its article
    (`_earlier_title`): the same document, counted under that title's name and type. A short title of one character,
    or of no earlier title, is none."""
    by_article: dict = defaultdict(list)
    for f in found:
        if f[5].startswith(rules["opens"]):
            by_article[f[0]].append(f)
    out = []
    for aid, sid, base, text in zip(sentences["article_id"].astype(str), sentences["sentence_id"],
                                    sentences["start"], sentences["text"]):
        if aid not in by_article or not isinstance(text, str) or not any(m in text for m in rules["opens"]):
            continue
        for m in rules["title"].finditer(to_simplified(text)):
            short, at = m.group("t").strip(), int(base) + m.start()
            full = _earlier_title(by_article[aid], short, at) if len(short) >= 2 else None
            if full and at not in {f[2] for f in by_article[aid]} and not _bracket_gloss(full, at, text, int(base), rules):
                out.append((aid, int(sid), at, int(base) + m.end(), full[4], text[m.start():m.end()], int(base), text,
                            full[8]))
    return out


def _as_registered(found: list, mentions: pd.DataFrame) -> list:
    """The found titles, each one that a registered mention covers whole (with or without its marks: the registered
    《生成式人工智能服务管理暂行办法》 "Interim Measures on generative AI services") under that actor's name and type, so a
    later short title (《办法》 "the Measures") counts for the registered document, not for a second one."""
    cover = {(str(a), int(s), int(e)): (actor, kind) for a, s, e, actor, kind in
             zip(mentions["article_id"], mentions["start"], mentions["end"], mentions["actor"], mentions["actor_type"])}
    out = []
    for f in found:
        hit = cover.get((f[0], f[2], f[3])) or cover.get((f[0], f[2] + 1, f[3] - 1))
        out.append(f[:4] + (hit[1],) + f[5:8] + (hit[0],) if hit else f)
    return out


def _glossed(s: int, e: int, spans: list, base: int, text: str, rules: dict) -> bool:
    """The title at [s, e) and a mention of the same sentence name one thing: the title glosses the name before it
    (SB 1047，即《前沿…法案》 "SB 1047, i.e. the … Act") or a name inside the brackets right after it glosses the title
    (《赢得竞赛：美国人工智能行动计划》（Winning the Race: America's AI Action Plan）); the mention counts it once."""
    after = text[e - base:]
    opened = after.lstrip().startswith(tuple(rules["gloss_after"]))
    close = e + min((k for k in (after.find("）"), after.find(")")) if k >= 0), default=0) if opened else e
    return any(base <= me <= s and text[me - base:s - base].strip() in rules["gloss_before"]
               or e < ms and me <= close for ms, me, _i in spans)


def with_documents(mentions: pd.DataFrame, sentences: pd.DataFrame, registry: Registry,
                   article_order: list | None = None) -> pd.DataFrame:
    """The mentions with the documents the articles name by their title (`sentence_documents`), each one mention
    under the title as written, 《》 included (《个人超级智能》), other marks not (〈X〉 is X), typed other or initiative. A name inside a counted
    title is not counted again (the longest match wins: the Llama of 《Llama 2：…》 goes). A title that a mention
    already covers whole (a registered law such as 《人工智能法》, an outlet 《财富》) or that a mention crosses is left
    to that mention."""
    rules = _document_rules(registry)
    if not (rules["heads"] or rules["frames"] or rules["names"]) or sentences.empty:
        return mentions
    found = _document_spans(sentences, rules)
    if not found:
        return mentions
    found = _as_registered(found, mentions)
    spans: dict = defaultdict(list)
    for i, aid, s, e in zip(range(len(mentions)), mentions["article_id"].astype(str), mentions["start"], mentions["end"]):
        spans[aid].append((int(s), int(e), i))
    rows, drop = [], set()
    for aid, sid, s, e, kind, surface, base, text, name in found + _short_titles(sentences, found, rules):
        inner = (s + 1, e - 1) if surface.startswith(rules["opens"]) else (s, e)
        hits = [(ms, me, i) for ms, me, i in spans.get(aid, ()) if ms < e and s < me]
        nested = [i for ms, me, i in hits if inner[0] <= ms and me <= inner[1] and (ms, me) != inner]
        if len(nested) < len(hits) or _glossed(s, e, spans.get(aid, ()), base, text, rules):
            continue  # a registered title, an outlet, a name crossing the marks, a gloss: that mention stands
        drop.update(nested)
        rows.append({"article_id": aid, "sentence_id": sid, "actor": name, "actor_type": kind, "surface": surface,
                     "start": s, "end": e, "version": ""})
    kept = mentions.drop(index=mentions.index[sorted(drop)]) if drop else mentions
    docs = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(_MENTION_DTYPES)
    return with_promoted(kept, docs, article_order)


def discover_unknown(sentences: pd.DataFrame, mentions: pd.DataFrame, registry: Registry | None = None,
                     min_count: int = 1) -> pd.DataFrame:
    """Proper names the registry does not know yet, ranked by frequency, with one example each."""
    return rank_unknown(unknown_occurrences(sentences, mentions, registry), min_count)


# --------------------------------------------------------------------------- benchmarking helper

def compare_matchers(texts: list, registry: Registry | None = None, repeat: int = 100) -> dict:
    """Seconds to scan texts*repeat with the Aho-Corasick automaton vs a regex alternation."""
    registry = registry or load_registry()
    hays = [normalise(to_simplified(t)) for t in texts] * repeat
    auto, alt = registry.automaton, registry.alternation
    t0 = time.perf_counter()
    n_ac = sum(1 for h in hays for _ in auto.iter(h))
    t1 = time.perf_counter()
    n_re = sum(1 for h in hays for _ in alt.finditer(h))
    t2 = time.perf_counter()
    return {"chars": sum(map(len, hays)), "ahocorasick_s": t1 - t0, "ahocorasick_hits": n_ac,
            "regex_s": t2 - t1, "regex_hits": n_re}

