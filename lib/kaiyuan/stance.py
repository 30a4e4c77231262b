"""Stance towards open-source AI and towards Meta's openness, per sentence, article and speaker.

Targets and labels are defined in the codebook, ``notebooks/codebook.md`` (read it before using the
labels): per sentence and target one of ``supportive`` / ``neutral`` / ``critical``;
``mixed`` exists only at article level.

Targets
    ``open_source_ai``  open-source / open AI is real, beneficial, worth pursuing (critical: dangerous,
                        a fig leaf, unachievable, not really open ...).
    ``meta_openness``   Meta's open-source claims and Llama strategy are sincere and good (critical:
                        bait, openwashing, self-interest, not really open; neutral includes sentences
                        not about Meta).

Hand labels
    ``data/stance_labels.csv`` (reconciled), ``data/stance_labels_pass1.csv`` / ``_pass2.csv`` (two
    independent passes; agreement in the codebook). Columns article_id, sentence_id, text,
    open_source_ai, meta_openness, notes. `load_labels` re-attaches them to current sentences by
    article_id + text, so they survive re-segmentation elsewhere in the article.

Methods (column ``method``)
    ``majority`` most frequent training label (evaluation only);
    ``cue``      transparent cue lists in ``data/stance_cues.yaml`` (relevance terms, weighted cues,
                 negation flipping within a window; see the YAML header);
    ``model``    relevance first (`relevance`: is the sentence about the target?), then character
                 n-gram TF-IDF (char_wb 1-3 on text_simplified) + the cue scores as features ->
                 LogisticRegression(class_weight="balanced", random_state=0), one per target,
                 trained on the seed and development labels; a polar label needs probability >=
                 `model.polar_threshold`; deterministic;
    ``hand``     the hand label;
    ``voice rule`` a model row whose label a target's `voice` rule gave (`apply_voice_rules`: a Meta person
                 making the case for open models is meta_openness supportive); in the sentence table and
                 quote stance, not article evidence.

Every row carries ``relevant`` (the sentence is about the target) and ``score`` (the probability of
its label; 1 for sentences not about the target). Targets are data: each entry under ``targets`` in
``stance_cues.yaml`` (with a label column of the same name in the label files) is one target.

`predict(sentences)` returns, for EVERY sentence and target, the model prediction (method "model",
trained on all labelled data; method "cue" when there are no labels) AND, where a hand label exists,
a second row with method "hand" (score 1.0). Downstream aggregation (`article_stance`,
`quotes.quote_stance`) prefers the hand row; filter on ``method == "model"`` for a pure model view.
Note that model rows for labelled sentences are in-sample; honest numbers come from `evaluate`
(leave-one-article-out).
"""
from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .config import load_yaml
from .textscan import contains_any

DATA = Path(__file__).parent / "data"
LABELS_PATH = DATA / "stance_labels.csv"
PASS1_PATH = DATA / "stance_labels_pass1.csv"
CUES_PATH = DATA / "stance_cues.yaml"
CODEBOOK = "notebooks/codebook.md"
TARGETS = tuple(load_yaml(CUES_PATH)["targets"])  # the targets are data: one entry each in stance_cues.yaml
DEV_LABELS_PATH = DATA / "stance_labels_dev.csv"  # copy of evaluation/dev/gold/stance_labels.csv (training)
QUOTE_LABELS_PATH = DATA / "quote_labels.csv"  # labelled quotes of seeds + dev gold (speaker priors)
QUOTE_LABEL_COLUMNS = ["article_id", "speaker", "target", "label"]
PRIOR_BASIS = "speaker prior"
VOICE_METHOD = "voice rule"  # a label a `voice` rule gave (apply_voice_rules): in the sentence table, not article evidence
LABELS = ("supportive", "neutral", "critical")          # confusion-matrix order
SENTENCE_LABELS = set(LABELS)
ARTICLE_LABELS = SENTENCE_LABELS | {"mixed"}
LABEL_COLUMNS = ["article_id", "sentence_id", "text", "open_source_ai", "meta_openness", "notes"]
STANCE_COLUMNS = ["article_id", "sentence_id", "target", "label", "score", "method", "margin", "relevant"]
ARTICLE_COLUMNS = ["article_id", "target", "label", "supportive", "critical", "evidence_sentence_ids",
                   "voices_supportive", "voices_critical", "voice_sentence_ids", "label_sources"]
ACTOR_COLUMNS = ["speaker", "speaker_org", "target", "supportive", "critical", "neutral", "mixed", "n_quotes",
                 "example"]
SCORE_COLUMNS = ["target", "method", "macro_f1", "accuracy", "n", "macro_f1_relevant", "n_relevant"]


def _simplified(texts) -> list[str]:
    from .script import to_simplified

    return [to_simplified(str(t)) for t in texts]


# --------------------------------------------------------------------------- labels
def validate_labels(labels: pd.DataFrame) -> list[str]:
    """Problems with a label table (empty list = valid): columns, allowed labels, duplicate sentences."""
    problems = []
    missing = [c for c in LABEL_COLUMNS[:-1] if c not in labels.columns]
    if missing:
        return [f"missing columns: {missing}"]
    for t in TARGETS:
        bad = labels[~labels[t].isin(SENTENCE_LABELS)]
        for r in bad.itertuples():
            problems.append(f"{r.article_id}:{r.sentence_id} {t}={getattr(r, t)!r} not in {sorted(SENTENCE_LABELS)}")
    dup = labels[labels.duplicated(["article_id", "sentence_id"], keep=False)]
    if len(dup):
        problems.append(f"{len(dup)} rows share an (article_id, sentence_id)")
    return problems


def _occurrence(df: pd.DataFrame) -> pd.Series:
    """k-th occurrence of the same (article_id, stripped text): makes the text join unambiguous."""
    key = df["article_id"].astype(str) + "\x00" + df["text"].astype(str).str.strip()
    return key.groupby(key).cumcount()


def load_labels(path: str | Path | None = None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hand labels (LABEL_COLUMNS + text_simplified).

    `path` defaults to the reconciled ``stance_labels.csv`` (``stance_labels_pass1.csv`` while that does
    not exist). With `sentences`, labels are joined on article_id + text (original script, stripped) and
    take the CURRENT sentence_id and text_simplified; labels whose text no longer exists are dropped
    with a warning.
    """
    path = Path(path) if path else (LABELS_PATH if LABELS_PATH.exists() else PASS1_PATH)
    labels = pd.read_csv(path, dtype={"article_id": str, "text": str}, keep_default_na=False, encoding="utf-8-sig")
    if "notes" not in labels.columns:
        labels["notes"] = ""
    problems = validate_labels(labels)
    if problems:
        raise ValueError(f"invalid label file {path}: " + "; ".join(problems[:5]))
    labels["sentence_id"] = labels["sentence_id"].astype(int)
    labels = labels[LABEL_COLUMNS].copy()
    if sentences is None:
        labels["text_simplified"] = _simplified(labels["text"])
        return labels.reset_index(drop=True)
    s = sentences[["article_id", "sentence_id", "text", "text_simplified"]].copy()
    s["article_id"] = s["article_id"].astype(str)
    s["_key"], labels["_key"] = s["text"].astype(str).str.strip(), labels["text"].astype(str).str.strip()
    s["_occ"], labels["_occ"] = _occurrence(s).values, _occurrence(labels).values
    merged = labels.drop(columns=["sentence_id", "text"]).merge(
        s, on=["article_id", "_key", "_occ"], how="left", validate="one_to_one")
    lost = merged["sentence_id"].isna()
    in_corpus = merged["article_id"].isin(set(s["article_id"]))
    if (lost & in_corpus).any():
        warnings.warn(f"{int((lost & in_corpus).sum())} hand labels no longer match a sentence text and were dropped",
                      stacklevel=2)
    merged = merged[~lost].copy()
    merged["sentence_id"] = merged["sentence_id"].astype(int)
    return merged[LABEL_COLUMNS + ["text_simplified"]].sort_values(["article_id", "sentence_id"]).reset_index(drop=True)


def agreement(pass1: pd.DataFrame | str | Path, pass2: pd.DataFrame | str | Path) -> pd.DataFrame:
    """Cohen's kappa and raw agreement per target between two label passes (joined on article_id + sentence_id)."""
    from sklearn.metrics import cohen_kappa_score

    a = pd.read_csv(pass1, keep_default_na=False) if not isinstance(pass1, pd.DataFrame) else pass1
    b = pd.read_csv(pass2, keep_default_na=False) if not isinstance(pass2, pd.DataFrame) else pass2
    m = a.merge(b, on=["article_id", "sentence_id"], suffixes=("_1", "_2"))
    rows = []
    for t in TARGETS:
        x, y = m[f"{t}_1"], m[f"{t}_2"]
        rows.append({"target": t, "kappa": float(cohen_kappa_score(x, y, labels=list(LABELS))),
                     "raw_agreement": float((x == y).mean()), "n": len(m), "disagreements": int((x != y).sum())})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- cue baseline
def load_cues(path: str | None = None, registry: str | Path | None = None) -> dict:
    """The cue lists (stance_cues.yaml), lower-cased and converted to simplified script; the names a target
    takes from the actor registry (`registry_actors`, a `voice` rule's `actors`) come from `registry` (a
    registry YAML: the one the run uses; default the packaged actors.yaml). Cached per file version."""
    from .actors import load_registry

    reg = load_registry(registry) if registry is not None else None
    stamp = (reg.path, Path(reg.path).stat().st_mtime_ns) if reg is not None else None
    return _load_cues(path, stamp)


@functools.lru_cache(maxsize=8)
def _load_cues(path: str | None, registry_stamp: tuple | None) -> dict:
    """load_cues for one cue file and one registry version ((path, mtime), None: the packaged registry)."""
    from .actors import load_registry

    reg = load_registry(registry_stamp[0]) if registry_stamp else None
    raw = load_yaml(path or CUES_PATH)
    norm = lambda w: _simplified([str(w)])[0].lower()  # noqa: E731
    cues = {k: raw[k] for k in ("threshold", "negation_window", "negated_relevance_weight")}
    cues["window"] = int((raw.get("relevance_rule") or {}).get("window", 0))
    cues["model"] = dict(raw.get("model") or {"cue_feature_weight": 0.0, "polar_threshold": 0.0, "uncertain_below": 0.0})
    cues["article_rule"] = dict(raw["article_rule"])
    cues["speaker_prior"] = dict(raw.get("speaker_prior") or {"min_quotes": 10**9, "min_share": 1.0})  # absent: never
    cues["negators"] = sorted({norm(n) for n in raw["negators"]}, key=len, reverse=True)
    cues["negator_exceptions"] = [norm(n) for n in raw["negator_exceptions"]]
    cues["targets"] = {}
    for t, spec in raw["targets"].items():
        names = registry_terms(_held(spec.get("registry_actors") or [], reg), reg)
        spec = {**spec, "relevance": [*spec["relevance"], *names]}
        if "about" in spec:
            spec["about"] = [*spec["about"], *names]
        weights = {}
        for w, v in (spec.get("supportive") or {}).items():
            weights[norm(w)] = float(v)
        for w, v in (spec.get("critical") or {}).items():
            weights[norm(w)] = -float(v)
        negatable = spec.get("negated_critical", spec["relevance"])
        cues["targets"][t] = {"relevance": sorted({norm(r) for r in spec["relevance"]}, key=len, reverse=True),
                              "negatable": sorted({norm(r) for r in negatable}, key=len, reverse=True),
                              "weights": weights,
                              "order": sorted(weights, key=lambda w: (-len(w), w)),
                              "about": sorted({norm(r) for r in spec.get("about", spec["relevance"])}, key=len, reverse=True),
                              "with_any": sorted({norm(r) for r in spec.get("with_any", [])}, key=len, reverse=True),
                              "article_min": int(spec.get("article_min", 0)),
                              "voice": _voice_spec(spec.get("voice"), norm, reg)}
    return cues


def _held(names: list[str], registry) -> list[str]:
    """The names a user's registry holds (a registry that lacks an actor gives it no terms); every name
    for the packaged registry (None), where a missing one is a mistake in stance_cues.yaml (KeyError)."""
    return list(names) if registry is None else [n for n in names if n in registry]


def _voice_spec(raw: dict | None, norm, registry=None) -> dict | None:
    """A target's `voice` rule (stance_cues.yaml): the names (aliases in `registry` of `actors` plus `terms`),
    the target whose label it borrows (`from`) and the sentence window."""
    if not raw:
        return None
    names = registry_terms(_held(raw.get("actors") or [], registry), registry) + [norm(w) for w in raw.get("terms") or []]
    return {"from": str(raw["from"]), "names": sorted(set(names), key=lambda w: (-len(w), w)),
            "window": int(raw.get("window", 0)), "sides": [str(x) for x in raw.get("sides") or ["supportive", "critical"]]}


def registry_terms(names: list[str], registry=None) -> list[str]:
    """Relevance terms from the actor registry: every alias (with its spellings, `actors.alias_variants`) of
    the named actors, simplified and lower-cased, leaving out any term that contains a shorter one (it adds
    no match). Sorted. A name missing from the registry raises KeyError.

    >>> terms = registry_terms(["Mark Zuckerberg"])
    >>> "祖克柏" in terms and "扎克伯格" in terms and "马克·扎克伯格" not in terms
    True
    """
    from .actors import alias_variants, load_registry

    reg = registry if registry is not None else load_registry()
    terms = {_simplified([v])[0].lower().strip() for n in names for a in reg[n].aliases for v in alias_variants(a)}
    terms.discard("")
    return sorted(t for t in terms if not any(o != t and o in t for o in terms))


_PUNCT = re.compile(r"[，,。；;：:！!？?、（）()“”「」『』\"]")


def _spans(word: str, text: str) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of a literal word, left to right (re.finditer of the escaped word)."""
    out, i = [], text.find(word) if word else -1
    while i >= 0:
        out.append((i, i + len(word)))
        i = text.find(word, i + len(word))
    return out


def _negator_spans(text: str, cues: dict) -> list[tuple[int, int]]:
    blocked = [False] * len(text)
    for ex in [e for e in cues["negator_exceptions"] if e in text]:
        for a, b in _spans(ex, text):
            for k in range(a, b):
                blocked[k] = True
    spans, taken = [], [False] * len(text)
    for neg in [n for n in cues["negators"] if n in text]:
        for a, b in _spans(neg, text):
            if any(blocked[a:b]) or any(taken[a:b]):
                continue
            for k in range(a, b):
                taken[k] = True
            spans.append((a, b))
    return sorted(spans)


def _negated(text: str, pos: int, negs: list[tuple[int, int]], window: int) -> bool:
    for a, b in negs:
        if b <= pos and pos - b <= window and not _PUNCT.search(text[b:pos]):
            return True
    return False


def cue_score(text: str, target: str, cues: dict | None = None) -> tuple[float, list[str]]:
    """(signed score, matched cues as written, '¬' marking negated ones) for one sentence and target."""
    cues = cues or load_cues()
    return _cue_score(_simplified([text])[0].lower(), cues["targets"][target], cues)


def _cue_score(t: str, spec: dict, cues: dict) -> tuple[float, list[str]]:
    """cue_score on simplified, lower-cased text."""
    if not contains_any(spec["relevance"])(t):  # any(r in t for r in relevance), one regex
        return 0.0, []
    negs = _negator_spans(t, cues)
    taken = [False] * len(t)
    for a, b in negs:
        for k in range(a, b):
            taken[k] = True
    score, hits = 0.0, []
    for cue in [c for c in spec["order"] if c in t]:  # the cues present, in their order
        for a, b in _spans(cue, t):
            if any(taken[a:b]):
                continue
            for k in range(a, b):
                taken[k] = True
            w = spec["weights"][cue]
            if _negated(t, a, negs, cues["negation_window"]):
                w, cue_txt = -w, "¬" + cue
            else:
                cue_txt = cue
            score += w
            hits.append(cue_txt)
    negatable = [(a, b, r) for r in spec["negatable"] if r in t for a, b in _spans(r, t)]
    for a, b, r in sorted(negatable):
        if any(taken[a:b]):
            continue
        if _negated(t, a, negs, cues["negation_window"]):
            for k in range(a, b):
                taken[k] = True
            score -= cues["negated_relevance_weight"]
            hits.append("¬" + r)
    return round(score, 6), hits


def cue_label(text: str, target: str, cues: dict | None = None) -> str:
    """Cue-baseline label of one sentence for one target."""
    cues = cues or load_cues()
    s, _ = cue_score(text, target, cues)
    return "supportive" if s >= cues["threshold"] else "critical" if s <= -cues["threshold"] else "neutral"


def cue_predict(sentences: pd.DataFrame, cues: dict | None = None) -> pd.DataFrame:
    """Cue-baseline stance rows (STANCE_COLUMNS, method "cue") for every sentence and target (`cues`:
    `load_cues(registry=...)` of the run's registry; default the packaged one)."""
    cues = cues or load_cues()
    texts = sentences["text_simplified"] if "text_simplified" in sentences else sentences["text"]
    rows = []
    if "text_simplified" not in sentences:
        sentences = sentences.assign(text_simplified=_simplified(texts))
    rel = relevance(sentences, cues)
    for i, (aid, sid, text) in enumerate(zip(sentences["article_id"], sentences["sentence_id"], texts)):
        for t in TARGETS:
            s, _ = cue_score(str(text), t, cues)
            lab = "supportive" if s >= cues["threshold"] else "critical" if s <= -cues["threshold"] else "neutral"
            conf = abs(s) / (abs(s) + 1.0) if lab != "neutral" else 1.0 / (1.0 + abs(s))
            rows.append((str(aid), int(sid), t, lab, round(conf, 4), "cue", round(conf, 4), bool(rel[t][i])))
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


# --------------------------------------------------------------------------- ML model
def _one_thread():
    """BLAS limited to one thread: same numbers, and no oversubscription slow-down on busy machines."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def make_pipeline():
    """char_wb 1-3 TF-IDF (sublinear tf) + LogisticRegression(class_weight="balanced", C=1, random_state=0).

    C is scikit-learn's default; C=10 and C=100 were also tried on the seeds (LOAO) and were worse.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=1)),
        ("clf", LogisticRegression(class_weight="balanced", random_state=0, max_iter=5000, C=1.0)),
    ])


_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's whitespace normalisation before char_wb n-grams
_BITS = 21  # every Unicode code point fits in 21 bits, so an n-gram of up to 3 characters is one int64


def _gram_keys(codes: np.ndarray, n: int) -> np.ndarray:
    """Integer key of the n-gram starting at each position (positions where it fits)."""
    keys = np.zeros(len(codes) - n + 1, dtype=np.int64)
    for k in range(n):
        keys = (keys << _BITS) | codes[k:len(codes) - n + 1 + k]
    return keys


def _vocabulary_keys(vectorizer) -> dict:
    """Per n-gram length: sorted integer keys of the fitted vocabulary and their feature columns."""
    cached = getattr(vectorizer, "_kaiyuan_keys", None)
    if cached is not None and cached[0] is vectorizer.vocabulary_:
        return cached[1]
    by_n: dict = {}
    for term, col in vectorizer.vocabulary_.items():
        codes = np.frombuffer(term.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        by_n.setdefault(len(term), []).append((int(_gram_keys(codes, len(term))[0]), col))
    out = {}
    for n, pairs in by_n.items():
        pairs.sort()
        out[n] = (np.array([k for k, _ in pairs], dtype=np.int64), np.array([c for _, c in pairs], dtype=np.int64))
    vectorizer._kaiyuan_keys = (vectorizer.vocabulary_, out)
    return out


def transform_texts(vectorizer, texts: list[str]):
    """`vectorizer.transform(texts)`, the identical matrix, for a fitted char_wb TfidfVectorizer with
    n-grams of at most 3 characters: the n-grams of all texts are built and looked up at once as
    integer keys in numpy (scikit-learn slices and looks up every n-gram in Python, which made it the
    stance stage's main cost). Any other set-up uses scikit-learn's own transform.

    char_wb semantics kept: whitespace runs fold to one space, every word is padded with a space on
    each side, and n-grams never cross a padded word (a word no longer than n counts once, whole:
    with n <= 3 and padding that is exactly the one n-gram of a 3-character padded word).
    """
    import scipy.sparse as sp

    v = vectorizer
    lo, hi = v.ngram_range
    if not (v.analyzer == "char_wb" and v.preprocessor is None and v.strip_accents is None
            and v.input == "content" and not v.binary and v.tokenizer is None and 1 <= lo <= hi <= 3):
        return v.transform(texts)
    words, doc_of_word = [], []
    for i, doc in enumerate(texts):
        doc = doc.lower() if v.lowercase else doc
        found = _WHITE_SPACES.sub(" ", doc).split()
        words += found
        doc_of_word += [i] * len(found)
    lengths = np.array([len(w) + 2 for w in words], dtype=np.int64)
    codes = np.frombuffer("".join(f" {w} " for w in words).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    word = np.repeat(np.arange(len(words)), lengths)
    doc = np.asarray(doc_of_word, dtype=np.int64)
    vocab = _vocabulary_keys(v)
    rows, cols = [], []
    for n in range(lo, hi + 1):
        if len(codes) < n or n not in vocab:
            continue
        keys = _gram_keys(codes, n)
        inside = word[:len(keys)] == word[n - 1:]
        keys, where = keys[inside], word[:len(keys)][inside]
        vkeys, vcols = vocab[n]
        distinct, inverse = np.unique(keys, return_inverse=True)  # look each distinct n-gram up once
        pos = np.minimum(np.searchsorted(vkeys, distinct), len(vkeys) - 1)[inverse]
        hit = vkeys[pos] == keys
        rows.append(doc[where[hit]])
        cols.append(vcols[pos[hit]])
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    counts = sp.csr_array((np.ones(len(r), dtype=np.intc), (r, c)), shape=(len(texts), len(v.vocabulary_)),
                          dtype=v.dtype)
    counts.sum_duplicates()
    counts.sort_indices()
    if counts.indices.dtype != np.int32 and counts.nnz <= np.iinfo(np.int32).max:
        counts.indices, counts.indptr = counts.indices.astype(np.int32), counts.indptr.astype(np.int32)
    return v._tfidf.transform(counts, copy=False)


# --------------------------------------------------------------------------- relevance
def _has_any(texts: pd.Series, terms: list[str]) -> np.ndarray:
    if not terms:
        return np.zeros(len(texts), dtype=bool)
    pattern = "|".join(re.escape(t) for t in terms)
    return texts.str.contains(pattern, regex=True).to_numpy(dtype=bool)


def _near(flags: np.ndarray, groups: np.ndarray, window: int) -> np.ndarray:
    """True where `flags` is true at most `window` rows away within the same group (rows in order)."""
    out = flags.copy()
    for k in range(1, window + 1):
        same_prev = np.r_[np.zeros(k, dtype=bool), groups[k:] == groups[:-k]]
        same_next = np.r_[groups[:-k] == groups[k:], np.zeros(k, dtype=bool)]
        out |= same_prev & np.r_[np.zeros(k, dtype=bool), flags[:-k]]
        out |= same_next & np.r_[flags[k:], np.zeros(k, dtype=bool)]
    return out


def _ordered(sentences: pd.DataFrame) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """(order by article and sentence, lower-cased simplified texts in that order, their article ids)."""
    order = np.lexsort((sentences["sentence_id"].astype(int).to_numpy(), sentences["article_id"].astype(str).to_numpy()))
    texts = sentences["text_simplified"].astype(str).str.lower().iloc[order].reset_index(drop=True)
    return order, texts, sentences["article_id"].astype(str).to_numpy()[order]


def voice_names_near(sentences: pd.DataFrame, voice: dict) -> np.ndarray:
    """Whether one of a voice rule's names is within its window of each sentence (rows in the given order)."""
    order, texts, groups = _ordered(sentences)
    back = np.empty(len(order), dtype=bool)
    back[order] = _near(_has_any(texts, voice["names"]), groups, voice["window"])
    return back


def apply_voice_rules(labels: dict, rel: dict, sentences: pd.DataFrame, cues: dict) -> dict:
    """target -> True where a `voice` rule gives the label: a sentence about the target that the model
    leaves neutral takes the side the `from` target's label gives (one of the rule's `sides`) when one of
    the rule's names is near (a Meta person making the case for open models is Meta's case: codebook
    4.1). Changes `labels` (target -> label array) in place. Such labels are not article evidence
    (`article_stance`, method VOICE_METHOD), as a speaker prior is not counted in the voices table.

    >>> s = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1], "text_simplified": ["扎克伯格说开源更好。", "开源更好。"]})
    >>> lab = {"open_source_ai": np.array(["supportive"] * 2, dtype=object), "meta_openness": np.array(["neutral"] * 2, dtype=object)}
    >>> apply_voice_rules(lab, {"meta_openness": np.array([True, True])}, s, load_cues())["meta_openness"].tolist()
    [True, False]
    """
    out = {}
    for t, spec in cues["targets"].items():
        voice = spec.get("voice")
        if not voice or voice["from"] not in labels or t not in labels:
            continue
        side = labels[voice["from"]]
        hit = rel[t] & (labels[t] == "neutral") & np.isin(side, voice["sides"]) & voice_names_near(sentences, voice)
        labels[t] = np.where(hit, side, labels[t])
        out[t] = hit
    return out


def relevance(sentences: pd.DataFrame, cues: dict | None = None) -> dict[str, np.ndarray]:
    """Per target, whether each sentence is about it (rows in the given order; see `relevance_rule`
    in stance_cues.yaml): an `about` term within `window` sentences of the same article, and, for a
    target with `with_any`, one of those terms within the window too unless the article names the
    target in at least `article_min` sentences. Sorted by article and sentence internally.

    >>> s = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2],
    ...                   "text_simplified": ["天气很好。", "Meta开源了Llama。", "股价上涨。"]})
    >>> relevance(s)["meta_openness"].tolist()
    [True, True, True]
    """
    cues = cues or load_cues()
    order, texts, groups = _ordered(sentences)
    out = {}
    for t, spec in cues["targets"].items():
        about = _has_any(texts, spec["about"])
        rel = _near(about, groups, cues["window"])
        if spec["with_any"]:
            also = _near(_has_any(texts, spec["with_any"]), groups, cues["window"])
            per_article = pd.Series(about).groupby(groups).transform("sum").to_numpy()
            rel &= also | (per_article >= max(1, spec["article_min"] or 10**9))
        back = np.empty(len(order), dtype=bool)
        back[order] = rel
        out[t] = back
    return out


# --------------------------------------------------------------------------- model
def cue_features(texts_simplified: list[str], cues: dict) -> np.ndarray:
    """Supportive and critical cue weight per target (2 columns per target), scaled by cue_feature_weight."""
    w = float(cues["model"]["cue_feature_weight"])
    cols = []
    lowered = [x.lower() for x in texts_simplified]  # once, not once per target
    for t in TARGETS:
        spec = cues["targets"][t]
        sc = np.array([_cue_score(x, spec, cues)[0] for x in lowered], dtype=float)
        cols += [np.clip(sc, 0, None), np.clip(-sc, 0, None)]
    return w * np.column_stack(cols) if cols else np.zeros((len(texts_simplified), 0))


def features(vectorizer, texts_simplified: list[str], cues: dict):
    """TF-IDF n-grams of the sentence beside its cue features (one sparse matrix)."""
    import scipy.sparse as sp

    tfidf = transform_texts(vectorizer, texts_simplified)
    if not cues["model"]["cue_feature_weight"]:
        return tfidf
    return sp.hstack([tfidf, sp.csr_matrix(cue_features(texts_simplified, cues))], format="csr")


def decide(proba: np.ndarray, classes: list[str], threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Label and its probability per row: the likelier polar label (supportive / critical) when its
    probability reaches `threshold`, else neutral (probability of not reaching it: 1 - max polar).

    >>> lab, p = decide(np.array([[0.45, 0.5, 0.05], [0.2, 0.7, 0.1]]), ["supportive", "neutral", "critical"], 0.4)
    >>> lab.tolist(), p.round(2).tolist()
    (['supportive', 'neutral'], [0.45, 0.8])
    """
    classes = list(classes)
    polar = [classes.index(c) for c in ("supportive", "critical") if c in classes]
    if not polar:
        return np.array([classes[0]] * len(proba), dtype=object), np.ones(len(proba))
    pp = proba[:, polar]
    best = pp.argmax(axis=1)
    top = pp[np.arange(len(pp)), best]
    names = np.array([classes[i] for i in polar], dtype=object)[best]
    lab = np.where(top >= threshold, names, "neutral")
    prob = np.where(top >= threshold, top, 1.0 - top)
    return lab, prob


@dataclass
class StanceModel:
    """One shared TF-IDF vectorizer and one classifier per target (or a constant label when the
    training data of a target has a single class)."""

    vectorizer: object = None
    classifiers: dict = field(default_factory=dict)
    constant: dict = field(default_factory=dict)
    n_train: int = 0
    calibrators: dict = field(default_factory=dict)  # (target, "polar" | "neutral") -> IsotonicRegression

    def calibrated(self, target: str, labels: np.ndarray, prob: np.ndarray) -> np.ndarray:
        """Probability that each label is right, from the isotonic maps fitted out of fold (`calibrate`);
        the raw probability where no map was fitted."""
        out = np.asarray(prob, dtype=float).copy()
        for kind, mask in (("polar", labels != "neutral"), ("neutral", labels == "neutral")):
            iso = self.calibrators.get((target, kind))
            if iso is not None and mask.any():
                out[mask] = iso.predict(out[mask])
        return out

    def probabilities(self, texts_simplified: list[str], cues: dict | None = None, x=None) -> dict:
        """target -> (probability matrix, class names) for each text (`x`: their features, if computed)."""
        cues = cues or load_cues()
        out = {}
        if x is None and self.classifiers:
            x = features(self.vectorizer, texts_simplified, cues)
        for t in TARGETS:
            if t in self.constant or t not in self.classifiers:
                out[t] = (np.ones((len(texts_simplified), 1)), [self.constant.get(t, "neutral")])
            else:
                clf = self.classifiers[t]
                out[t] = (clf.predict_proba(x), list(clf.classes_))
        return out

    def predict(self, sentences: pd.DataFrame, cues: dict | None = None, x=None) -> pd.DataFrame:
        """Model stance rows (STANCE_COLUMNS, method "model") for every sentence and target; a sentence
        not about a target (see `relevance`) is neutral with probability 1."""
        cues = cues or load_cues()
        texts = [str(t) for t in sentences["text_simplified"]]
        if not texts:
            return pd.DataFrame(columns=STANCE_COLUMNS)
        rel = relevance(sentences, cues)
        proba = self.probabilities(texts, cues, x)
        labels, probs, margins = {}, {}, {}
        for t in TARGETS:
            p, classes = proba[t]
            lab, prob = decide(p, classes, float(cues["model"]["polar_threshold"]))
            labels[t], probs[t] = np.where(rel[t], lab, "neutral"), self.calibrated(t, lab, prob)
            srt = np.sort(p, axis=1)
            margins[t] = srt[:, -1] - (srt[:, -2] if p.shape[1] > 1 else 0.0)
        voiced = apply_voice_rules(labels, rel, sentences, cues)
        frames = [pd.DataFrame({
            "article_id": sentences["article_id"].astype(str).to_numpy(),
            "sentence_id": sentences["sentence_id"].astype(int).to_numpy(), "target": t,
            "label": labels[t], "score": np.round(np.where(rel[t], probs[t], 1.0), 4),
            "method": np.where(voiced.get(t, False), VOICE_METHOD, "model"),
            "margin": np.round(np.where(rel[t], margins[t], 1.0), 4), "relevant": rel[t]}) for t in TARGETS]
        return sort_rows(pd.concat(frames, ignore_index=True))[STANCE_COLUMNS]


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(class_weight="balanced", random_state=0, max_iter=5000, C=1.0)


def train_model(labels: pd.DataFrame, cues: dict | None = None) -> StanceModel:
    """Fit the shared vectorizer and one classifier per target on a label table (text or text_simplified)."""
    cues = cues or load_cues()
    vectorizer, x = _vectorise(labels, cues)
    model = _fit(vectorizer, x, labels)
    with _one_thread():
        model.calibrators = calibrate(vectorizer, x, labels.reset_index(drop=True), cues)
    return model


def _vectorise(labels: pd.DataFrame, cues: dict):
    """(TF-IDF vectorizer fitted on the label texts, their feature matrix): shared by training and the
    held-out predictions, which refit only the classifiers per fold."""
    from sklearn.base import clone

    texts = _texts(labels)
    with _one_thread():
        vectorizer = clone(make_pipeline().steps[0][1]).fit(texts)
        return vectorizer, features(vectorizer, texts, cues)


CALIBRATION_FOLDS = 5


def calibrate(vectorizer, x, labels: pd.DataFrame, cues: dict) -> dict:
    """Isotonic maps from the model's probability to the observed share of right labels, per target and
    kind of label (polar / neutral), fitted on out-of-fold predictions of the relevant training
    sentences (GroupKFold by article, CALIBRATION_FOLDS folds). Empty with fewer articles than folds."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.model_selection import GroupKFold

    groups = labels["article_id"].astype(str).to_numpy()
    if len(set(groups)) < CALIBRATION_FOLDS:
        return {}
    data = labels if "text_simplified" in labels else labels.assign(text_simplified=_texts(labels))
    rel = relevance(data, cues)
    got = {t: (np.empty(len(labels), dtype=object), np.zeros(len(labels))) for t in TARGETS}
    for train, test in GroupKFold(n_splits=CALIBRATION_FOLDS).split(x, groups=groups):
        fold = _fit(vectorizer, x[train], labels.iloc[train])
        proba = fold.probabilities([""] * len(test), cues, x=x[test])
        for t in TARGETS:
            lab, prob = decide(*proba[t], float(cues["model"]["polar_threshold"]))
            got[t][0][test], got[t][1][test] = lab, prob
    maps = {}
    for t in TARGETS:
        lab, prob = got[t]
        right = (lab == labels[t].astype(str).to_numpy()).astype(float)
        for kind, mask in (("polar", (lab != "neutral") & rel[t]), ("neutral", (lab == "neutral") & rel[t])):
            if mask.sum() >= 10:
                maps[(t, kind)] = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(prob[mask], right[mask])
    return maps


def _texts(labels: pd.DataFrame) -> list[str]:
    texts = labels["text_simplified"] if "text_simplified" in labels else pd.Series(_simplified(labels["text"]))
    return [str(x) for x in texts]


def _fit(vectorizer, x, labels: pd.DataFrame) -> StanceModel:
    """One classifier per target on feature rows `x` of `labels` (a constant for a one-class target)."""
    model = StanceModel(vectorizer=vectorizer, n_train=len(labels))
    with _one_thread():
        for t in TARGETS:
            y = labels[t].astype(str).tolist()
            if len(set(y)) < 2:
                model.constant[t] = y[0] if y else "neutral"
            else:
                model.classifiers[t] = _classifier().fit(x, y)
    return model


def load_training(labels: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The training labels: a given table or file, else the packaged seed and development labels."""
    if isinstance(labels, pd.DataFrame):
        return labels
    paths = label_paths(labels)
    return pd.concat([load_labels(p) for p in paths], ignore_index=True) if paths else pd.DataFrame(columns=LABEL_COLUMNS)


def label_paths(labels: str | Path | None = None) -> list[Path]:
    """The label files in use: the given one, else the packaged seed labels and development labels."""
    if labels:
        return [Path(labels)]
    return [p for p in (label_path(None), DEV_LABELS_PATH) if p.exists()]


def retrain(path: str | Path) -> StanceModel:
    """Retrain on an extended label file (e.g. after labelling `uncertain` sentences): one call."""
    return train_model(load_labels(path))


def label_path(labels: str | Path | None = None) -> Path:
    """The label file in use: the given one, else the packaged reconciled labels (pass 1 while those are missing)."""
    return Path(labels) if labels else (LABELS_PATH if LABELS_PATH.exists() else PASS1_PATH)


@functools.lru_cache(maxsize=4)
def _model(paths: tuple, stamps: tuple, cache_dir: str | None) -> StanceModel:
    from .cache import DiskCache, make_key

    key = make_key("stance-model", data=["stance_cues.yaml", "actors.yaml"], code=["stance.py"], files=list(paths))
    disk = DiskCache(cache_dir)
    model = disk.get(key)
    if model is None:
        model = train_model(load_training(paths[0]) if len(paths) == 1 else load_training(None))
        disk.put(key, model)
    return model


def model_for(labels: str | Path | None = None, cache_dir: str | Path | None = None) -> StanceModel:
    """Model trained on a label file (default: the packaged seed and development labels); cached
    in-process and, with `cache_dir`, on disk, keyed by the label files' content, the cues and this
    module's code."""
    paths = label_paths(labels)
    return _model(tuple(str(p) for p in paths), tuple(p.stat().st_mtime_ns for p in paths),
                  str(cache_dir) if cache_dir else None)


def default_model() -> StanceModel:
    """Model trained on the packaged labels (cached on disk in the default cache folder)."""
    from .cache import default_cache_dir

    return model_for(None, default_cache_dir())


# --------------------------------------------------------------------------- prediction
@functools.lru_cache(maxsize=4)
def _label_table(paths: tuple, stamps: tuple) -> pd.DataFrame:
    """The label files read once per version (hand_rows runs once per chunk of articles)."""
    return pd.concat([load_labels(p) for p in paths], ignore_index=True)


def hand_rows(sentences: pd.DataFrame, labels: str | Path | pd.DataFrame | None = None,
              cues: dict | None = None) -> pd.DataFrame:
    """Method "hand" rows (score 1.0) for the sentences that have a hand label, matched on article_id + text
    (`relevant` from `cues`, default the packaged registry's)."""
    if sentences is None or len(sentences) == 0:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if isinstance(labels, pd.DataFrame) and "text" in labels:
            key = labels.assign(article_id=labels["article_id"].astype(str), _t=labels["text"].astype(str).str.strip())
            sent = sentences.assign(article_id=sentences["article_id"].astype(str),
                                    _t=sentences["text"].astype(str).str.strip())
            hand = sent[["article_id", "sentence_id", "_t"]].merge(
                key[["article_id", "_t", *TARGETS]].drop_duplicates(["article_id", "_t"]), on=["article_id", "_t"])
        elif isinstance(labels, pd.DataFrame):
            hand = labels
        else:
            paths = label_paths(labels)
            if not paths:
                return pd.DataFrame(columns=STANCE_COLUMNS)
            table = _label_table(tuple(str(p) for p in paths), tuple(p.stat().st_mtime_ns for p in paths))
            return hand_rows(sentences, table[table["article_id"].isin(set(sentences["article_id"].astype(str)))], cues)
    if len(hand) == 0:  # no sentence has a hand label (any article outside the label files): no relevance to compute
        return pd.DataFrame([], columns=STANCE_COLUMNS)
    keys = set(zip(sentences["article_id"].astype(str), sentences["sentence_id"].astype(int)))
    rel = relevance(sentences, cues)
    where = {k: i for i, k in enumerate(zip(sentences["article_id"].astype(str), sentences["sentence_id"].astype(int)))}
    rows = [(str(r.article_id), int(r.sentence_id), t, getattr(r, t), 1.0, "hand", 1.0,
             bool(rel[t][where[(str(r.article_id), int(r.sentence_id))]]) or getattr(r, t) != "neutral")
            for r in hand.itertuples() for t in TARGETS if (str(r.article_id), int(r.sentence_id)) in keys]
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def sort_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Stance rows in their canonical order (article, sentence, target, method)."""
    return rows.sort_values(["article_id", "sentence_id", "target", "method"], kind="stable").reset_index(drop=True)


def predict(sentences: pd.DataFrame, labels: pd.DataFrame | str | Path | None = None,
            registry: str | Path | None = None) -> pd.DataFrame:
    """Sentence stance for every sentence and target (STANCE_COLUMNS).

    Model rows (method "model", trained on ALL of `labels`: a DataFrame or a label file; default: the
    packaged hand labels) for every sentence, plus method "hand" rows (score 1.0) for sentences that have
    a hand label (matched on article_id + sentence text). Without any labels the cue baseline is used
    instead (method "cue"). Relevance terms come from `registry` (the run's actor registry; default packaged).
    """
    if sentences is None or len(sentences) == 0:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    cues = load_cues(registry=registry)
    sentences = sentences.copy()
    if "text_simplified" not in sentences:
        sentences["text_simplified"] = _simplified(sentences["text"])
    if isinstance(labels, pd.DataFrame):
        model = train_model(labels) if len(labels) else None
    else:
        model = model_for(labels) if label_paths(labels) else None
    out = model.predict(sentences, cues) if model is not None else cue_predict(sentences, cues)
    hand = hand_rows(sentences, labels, cues)
    if len(hand):
        out = pd.concat([out, hand], ignore_index=True)
    return sort_rows(out)


def best_labels(stance_sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence and target: the hand label when there is one, else the automatic one."""
    if len(stance_sentences) == 0:
        return stance_sentences.copy()
    ss = stance_sentences.assign(_rank=(stance_sentences["method"] != "hand").astype(int))
    ss = ss.sort_values(["article_id", "sentence_id", "target", "_rank"], kind="stable")
    return ss.drop_duplicates(["article_id", "sentence_id", "target"]).drop(columns="_rank").reset_index(drop=True)


def evidence_labels(stance_sentences: pd.DataFrame, cues: dict | None = None) -> pd.DataFrame:
    """`best_labels` as evidence for an article or a quote: a MODEL label of a side whose calibrated score
    is below `model.evidence_min_score` (stance_cues.yaml) counts as neutral there; the sentence table
    keeps it. Hand and cue rows are taken as they are.

    >>> rows = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1], "target": "open_source_ai",
    ...                      "label": ["supportive", "critical"], "score": [0.42, 0.55], "method": "model"})
    >>> evidence_labels(rows, {"model": {"evidence_min_score": 0.45}})["label"].tolist()
    ['neutral', 'critical']
    """
    best = best_labels(stance_sentences)
    cut = float(((cues or load_cues()).get("model") or {}).get("evidence_min_score", 0.0))
    if not cut or len(best) == 0 or "score" not in best:
        return best
    weak = (best["method"] == "model") & best["label"].isin(["supportive", "critical"]) & (best["score"].astype(float) < cut)
    return best.assign(label=best["label"].where(~weak, "neutral")) if weak.any() else best


# --------------------------------------------------------------------------- evaluation
def _attach_text(labels: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    if sentences is not None and "text_simplified" not in labels:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            joined = labels.merge(sentences[["article_id", "sentence_id", "text_simplified"]],
                                  on=["article_id", "sentence_id"], how="left")
        if joined["text_simplified"].notna().all():
            return joined
    if "text_simplified" not in labels:
        labels = labels.assign(text_simplified=_simplified(labels["text"]))
    return labels


def macro_f1(y, p, mask=None) -> float:
    """Macro-F1 over the three sentence labels (zero_division 0; NaN when there is nothing to score)."""
    from sklearn.metrics import f1_score

    y, p = np.asarray(y, dtype=object), np.asarray(p, dtype=object)
    if mask is not None:
        y, p = y[mask], p[mask]
    return float(f1_score(y, p, labels=list(LABELS), average="macro", zero_division=0)) if len(y) else float("nan")


def held_out(labels: pd.DataFrame, cues: dict | None = None) -> pd.DataFrame:
    """Leave-one-article-out model rows (STANCE_COLUMNS) for every labelled sentence: each article is
    predicted by classifiers trained on the other articles' labels only. The TF-IDF vocabulary and
    weights are fitted once on all label texts (no labels involved; it saves refitting per fold)."""
    cues = cues or load_cues()
    data = labels.reset_index(drop=True)
    data = data if "text_simplified" in data else data.assign(text_simplified=_simplified(data["text"]))
    vectorizer, x = _vectorise(data, cues)
    frames = []
    aids = data["article_id"].astype(str).to_numpy()
    for aid in sorted(set(aids)):
        test = aids == aid
        model = _fit(vectorizer, x[~test], data[~test])
        frames.append(model.predict(data[test], cues, x=x[test]))
    return sort_rows(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame(columns=STANCE_COLUMNS)


def predict_held_out(sentences: pd.DataFrame, labels: str | Path | pd.DataFrame | None = None,
                     registry: str | Path | None = None, cache: bool = True) -> tuple[pd.DataFrame, int]:
    """Model rows (no hand rows) for `sentences` with nothing in-sample: an article that is in the
    training labels is predicted by classifiers trained without its labels. Returns (rows, number of
    such articles). Relevance terms from the run's `registry` (default: the packaged one); `cache`: the fold
    models come from and go to the disk cache (False under `--no-cache`: every fold is fitted, nothing written)."""
    cues = load_cues(registry=registry)
    train = load_training(labels).reset_index(drop=True)
    if len(train) == 0:
        return cue_predict(sentences, cues), 0
    sentences = sentences if "text_simplified" in sentences else sentences.assign(text_simplified=_simplified(sentences["text"]))
    vectorizer, x = _vectorise(train, cues)
    aids = sentences["article_id"].astype(str)
    taids = train["article_id"].astype(str).to_numpy()
    overlap = sorted(set(aids) & set(taids))
    frames = [_fit(vectorizer, x, train).predict(sentences[~aids.isin(overlap)], cues)] if (~aids.isin(overlap)).any() else []
    fold = _fold_fitter(train, cues, vectorizer) if cache else (lambda aid, make: make())
    for aid in overlap:
        keep = taids != aid
        frames.append(fold(aid, lambda: _fit(vectorizer, x[keep], train[keep])).predict(sentences[aids == aid], cues))
    return sort_rows(pd.concat(frames, ignore_index=True)), len(overlap)


def _fold_fitter(train: pd.DataFrame, cues: dict, vectorizer):
    """fit(left_out_article, make) -> the fold model without that article's labels, from the disk cache
    (default cache folder) when the same fold was fitted before: keyed by the training labels' content
    (texts and labels, which also fix the shared vectorizer), the article left out, the cue settings the
    features read and the source of the fitting code, so editing the article rule or a comment keeps it."""
    from .cache import DiskCache, default_cache_dir, make_key

    base = _training_hash(train, cues)
    disk = DiskCache(default_cache_dir())

    def fit(aid: str, make):
        key = make_key("stance-fold", base, aid)
        got = disk.get(key)  # the classifiers only: the shared vectorizer is not stored once per fold
        if got is None:
            model = make()
            disk.put(key, (model.classifiers, model.constant, model.n_train))
            return model
        return StanceModel(vectorizer=vectorizer, classifiers=got[0], constant=got[1], n_train=got[2])
    return fit


def _training_hash(train: pd.DataFrame, cues: dict) -> str:
    """Hash of what a fold model depends on: the label table (article, text, label per target), the
    feature settings of `cues` and the source of the feature and fitting functions."""
    import hashlib
    import inspect
    import json

    import sklearn

    h = hashlib.sha256(sklearn.__version__.encode())
    table = train[["article_id", *TARGETS]].astype(str).assign(text=_texts(train))
    h.update(table.to_csv(index=False).encode("utf-8"))
    settings = {k: cues[k] for k in ("negators", "negator_exceptions", "negation_window", "negated_relevance_weight")}
    settings["model"] = cues["model"].get("cue_feature_weight")
    settings["targets"] = {t: {k: spec[k] for k in ("relevance", "negatable", "weights")} for t, spec in cues["targets"].items()}
    h.update(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for fn in (_fit, _classifier, make_pipeline, _vectorise, features, cue_features, _cue_score, transform_texts):
        h.update(inspect.getsource(fn).encode("utf-8"))
    return h.hexdigest()


def evaluate(labels: pd.DataFrame, sentences: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict]:
    """Leave-one-article-out evaluation of majority / cue / model, per target.

    Out-of-fold predictions of all folds are pooled, then scored: macro-F1 over the three labels
    (supportive, neutral, critical; zero_division=0) and accuracy, on all labelled sentences and on the
    sentences about the target (`relevance`). Returns (scores DataFrame SCORE_COLUMNS, confusion dict
    {(target, method): DataFrame}, rows = true label, columns = predicted).
    """
    from sklearn.metrics import accuracy_score, confusion_matrix

    cues = load_cues()
    data = _attach_text(labels, sentences).reset_index(drop=True)
    model_rows = held_out(data, cues)
    cue_rows = cue_predict(data)
    rel = relevance(data, cues)
    scores, confusion = [], {}
    for t in TARGETS:
        y = data[t].astype(str).to_numpy()
        key = list(zip(data["article_id"].astype(str), data["sentence_id"].astype(int)))
        lookup = {m: r[r.target == t].set_index(["article_id", "sentence_id"])["label"].to_dict()
                  for m, r in (("model", model_rows), ("cue", cue_rows))}
        preds = {"majority": _loao_majority(y, data["article_id"].astype(str).to_numpy()),
                 "cue": np.array([lookup["cue"][k] for k in key], dtype=object),
                 "model": np.array([lookup["model"][k] for k in key], dtype=object)}
        for method, p in preds.items():
            p = p.astype(str)
            scores.append({"target": t, "method": method, "macro_f1": macro_f1(y, p), "accuracy": float(accuracy_score(y, p)),
                           "n": int(len(y)), "macro_f1_relevant": macro_f1(y, p, rel[t]), "n_relevant": int(rel[t].sum())})
            confusion[(t, method)] = pd.DataFrame(confusion_matrix(y, p, labels=list(LABELS)),
                                                  index=pd.Index(LABELS, name="true"),
                                                  columns=pd.Index(LABELS, name="predicted"))
    return pd.DataFrame(scores, columns=SCORE_COLUMNS), confusion


def _loao_majority(y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each article gets the most frequent label of the other articles (ties: alphabetical)."""
    out = np.empty(len(y), dtype=object)
    for g in set(groups):
        counts = pd.Series(y[groups != g]).value_counts()
        out[groups == g] = sorted(counts[counts == counts.max()].index)[0] if len(counts) else "neutral"
    return out


# --------------------------------------------------------------------------- aggregation
def _quoted_sentences(quotes: pd.DataFrame | None) -> dict:
    """(article_id, sentence_id) -> speaker, for every sentence inside a quote or reported speech."""
    out = {}
    if quotes is None or len(quotes) == 0:
        return out
    orgs = quotes["speaker_org"].fillna("").astype(str) if "speaker_org" in quotes else pd.Series("", index=quotes.index)
    for aid, sids, spk, org in zip(quotes["article_id"].astype(str), quotes["sentence_ids"].astype(str),
                                   quotes["speaker"].fillna("").astype(str), orgs):
        # a role of an organisation ("Meta spokesperson", "AI Alliance statement") is that organisation's voice
        voice = org if org and spk.startswith(org) else spk
        for x in sids.split(";"):
            if x.strip():
                out.setdefault((aid, int(x)), voice or "(unnamed)")
    return out


def _positions(sentences: pd.DataFrame | None, rule: dict) -> tuple[set, set]:
    """(lead, close) sets of (article_id, sentence_id): the headline and the first lead_sentences
    body sentences; the last close_sentences body sentences."""
    if sentences is None or len(sentences) == 0:
        return set(), set()
    kinds = sentences["kind"] if "kind" in sentences else pd.Series("body", index=sentences.index)
    s = pd.DataFrame({"a": sentences["article_id"].astype(str).to_numpy(), "s": sentences["sentence_id"].astype(int).to_numpy(),
                      "k": kinds.to_numpy()}).sort_values(["a", "s"], kind="stable")
    body = s[s["k"] != "title"]
    rank = body.groupby("a", sort=False).cumcount().to_numpy()
    from_end = body.groupby("a", sort=False)["s"].transform("size").to_numpy() - rank
    title = s[s["k"] == "title"]
    lead = set(zip(title["a"], title["s"])) | set(zip(body["a"][rank < rule["lead_sentences"]], body["s"][rank < rule["lead_sentences"]]))
    near_end = from_end <= rule["close_sentences"]
    close = set(zip(body["a"][near_end], body["s"][near_end]))
    return lead, close


def _decide_article(S: float, C: float, rule: dict) -> str:
    if S + C < rule["min_weight"]:
        return "neutral"
    if min(S, C) >= rule["mixed_share"] * (S + C):
        return "mixed"
    return "supportive" if S > C else "critical"


def article_stance(stance_sentences: pd.DataFrame, sentences: pd.DataFrame | None = None,
                   quotes: pd.DataFrame | None = None, rule: dict | None = None) -> pd.DataFrame:
    """Article-level stance per target (ARTICLE_COLUMNS), voices kept apart (`article_rule` in
    stance_cues.yaml).

    One label per sentence (hand preferred, see `best_labels`); only supportive and critical sentences
    count, a model label only with a calibrated score of at least `model.evidence_min_score` (`evidence_labels`). Weight: 1 for the article's own sentences, `voice_weight` inside a quote or reported speech
    (from `quotes`), plus `lead_weight` for the headline and lead, plus `close_weight` for the closing
    sentences (from `sentences`' kind and order). Evidence: up to three heaviest sentences of the
    winning side (both when mixed; at equal weight the author's own before a quoted one); voices: the speakers whose quoted sentences are supportive /
    critical, with those sentences' ids.
    """
    if stance_sentences is None or len(stance_sentences) == 0:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    rule = rule or load_cues()["article_rule"]
    best = evidence_labels(stance_sentences).assign(article_id=lambda d: d["article_id"].astype(str))
    best = best.assign(label=best["label"].where(best["method"] != VOICE_METHOD, "neutral"))
    quoted = _quoted_sentences(quotes)
    lead, close = _positions(sentences, rule)
    keys = list(zip(best["article_id"].tolist(), best["sentence_id"].astype(int).tolist()))
    weight = [(rule["voice_weight"] if k in quoted else 1.0) + rule["lead_weight"] * (k in lead)
              + rule["close_weight"] * (k in close) for k in keys]
    speakers = [quoted.get(k, "") for k in keys]
    polar: dict = {}
    for (aid, sid), t, lab, w, spk, how in zip(keys, best["target"].tolist(), best["label"].tolist(), weight, speakers,
                                               best["method"].tolist()):
        if lab in ("supportive", "critical"):
            polar.setdefault((aid, t), []).append((sid, lab, w, spk, how))
    pairs = sorted(set(zip(best["article_id"].tolist(), best["target"].tolist())))
    return pd.DataFrame([_article_row(aid, t, polar.get((aid, t), []), rule) for aid, t in pairs], columns=ARTICLE_COLUMNS)


def _article_row(aid: str, target: str, items: list[tuple], rule: dict) -> dict:
    """One article and target from its polar sentences (sentence_id, label, weight, speaker, method)."""
    S = float(sum(it[2] for it in items if it[1] == "supportive"))
    C = float(sum(it[2] for it in items if it[1] == "critical"))
    label = _decide_article(S, C, rule)
    sides = {"supportive": ("supportive",), "critical": ("critical",), "mixed": ("supportive", "critical")}.get(label, ())
    # deciding sentences: the heaviest of the winning side, the author's own before a voice of equal weight
    ev = sorted((it for it in items if it[1] in sides), key=lambda it: (-it[2], bool(it[3]), it[0]))[:3]
    names = {side: "; ".join(sorted({it[3] for it in items if it[3] and it[1] == side})) for side in ("supportive", "critical")}
    return {"article_id": aid, "target": target, "label": label, "supportive": round(S, 4), "critical": round(C, 4),
            "evidence_sentence_ids": ";".join(str(int(it[0])) for it in sorted(ev)),
            "voices_supportive": names["supportive"], "voices_critical": names["critical"],
            "voice_sentence_ids": ";".join(str(int(it[0])) for it in sorted(items) if it[3]),
            "label_sources": label_sources(it[4] for it in items)}


def label_sources(methods) -> str:
    """Where the polar sentence labels behind an article label come from, e.g. "hand 5; model 2"
    (hand = the team's labels, model / cue = automatic), most frequent first."""
    from collections import Counter

    counts = sorted(Counter(methods).items(), key=lambda mn: (-mn[1], mn[0]))  # ties by name
    return "; ".join(f"{m} {n}" for m, n in counts)


def quote_label_rows(gold_quotes: list[dict], canonical) -> pd.DataFrame:
    """QUOTE_LABEL_COLUMNS rows from gold quotes.csv rows (one per quote and target with a label; a joint
    statement's speakers each get the row); `canonical` maps a gold speaker to its registry name."""
    from .gold import QUOTE_STANCE_GOLD

    rows = [(g["article_id"], canonical(name.strip()), target, g[col])
            for g in gold_quotes for target, col in QUOTE_STANCE_GOLD.items() if g.get(col) in SENTENCE_LABELS
            for name in str(g["speaker"]).split("|") if name.strip()]
    return pd.DataFrame(sorted(rows), columns=QUOTE_LABEL_COLUMNS)


@functools.lru_cache(maxsize=4)
def _quote_label_table(path: str, stamp: tuple) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_quote_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The labelled quotes behind the speaker priors (empty when the file is absent)."""
    p = Path(path) if path is not None else QUOTE_LABELS_PATH
    if not p.exists():
        return pd.DataFrame(columns=QUOTE_LABEL_COLUMNS)
    st = p.stat()
    return _quote_label_table(str(p), (st.st_mtime_ns, st.st_size))


def prior_index(table: pd.DataFrame) -> dict:
    """(speaker, target) -> [(article_id, label), ...] of a quote-label table, for `speaker_prior`."""
    index: dict = {}
    for a, spk, t, lab in zip(table["article_id"], table["speaker"], table["target"], table["label"]):
        index.setdefault((spk, t), []).append((a, lab))
    return index


def speaker_prior(index: dict, names: list[str], target: str, article_id: str, rule: dict) -> str:
    """The usual side of the first of `names` (speaker, then organisation) with enough labelled quotes on
    `target` in articles other than `article_id` (rule: min_quotes, min_share); '' when none has one.
    `index` is `prior_index(load_quote_labels())`.

    >>> t = pd.DataFrame({"article_id": ["a", "b", "c"], "speaker": ["Yann LeCun"] * 3,
    ...                   "target": ["open_source_ai"] * 3, "label": ["supportive", "supportive", "neutral"]})
    >>> rule, ix = {"min_quotes": 2, "min_share": 0.6}, prior_index(t)
    >>> speaker_prior(ix, ["Yann LeCun"], "open_source_ai", "x", rule), speaker_prior(ix, ["Yann LeCun"], "open_source_ai", "a", rule)
    ('supportive', '')
    """
    for name in names:
        labs = [lab for a, lab in index.get((name, target), []) if a != article_id] if name else []
        sup, crit = labs.count("supportive"), labs.count("critical")
        if len(labs) >= int(rule["min_quotes"]) and sup != crit and max(sup, crit) >= float(rule["min_share"]) * len(labs):
            return "supportive" if sup > crit else "critical"
    return ""


def actor_stance(quotes: pd.DataFrame, quote_stance: pd.DataFrame) -> pd.DataFrame:
    """Speaker x target stance counts (ACTOR_COLUMNS) from the quotes and their stance per target
    (`quotes.quote_stance`, long form: every configured target).

    Quotes without a resolved speaker are left out; a label that comes from the speaker prior (basis
    "speaker prior") counts as the neutral its sentences gave: counting it would count the prior itself. `mixed` counts multi-sentence
    quotes whose sentences take both sides. `example`: the speaker's first quote carrying the most frequent non-neutral label
    (else the first quote), cut at 120 characters.
    """
    if quotes is None or len(quotes) == 0 or quote_stance is None or len(quote_stance) == 0:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    q = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    text = dict(zip(q["quote_id"], q["quote"]))
    speaker_of = dict(zip(q["quote_id"], q["speaker"]))
    long = quote_stance[quote_stance["quote_id"].isin(text)]
    if "basis" in long:  # a prior fills only a quote its sentences left neutral: count it as that
        long = long.assign(label=long["label"].where(long["basis"] != PRIOR_BASIS, "neutral"))
    long = long.assign(speaker=long["quote_id"].map(speaker_of))
    n_quotes = q.groupby("speaker").size()
    orgs = {spk: _main_org(g) for spk, g in q.groupby("speaker", sort=False)["speaker_org"]}
    rows = [{"speaker": spk, "speaker_org": orgs[spk], "target": t, **_speaker_counts(lt, text),
             "n_quotes": int(n_quotes[spk])} for (spk, t), lt in long.groupby(["speaker", "target"], sort=True)]
    out = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    return out.sort_values(["target", "n_quotes", "speaker"], ascending=[True, False, True]).reset_index(drop=True)


def _main_org(orgs: pd.Series) -> str:
    """A speaker's most frequent organisation (ties: the first by code point); '' when none is known."""
    orgs = orgs.fillna("").astype(str)
    orgs = orgs[orgs != ""]
    return orgs.value_counts().sort_index().idxmax() if len(orgs) else ""


def _speaker_counts(lt: pd.DataFrame, text: dict) -> dict:
    """Label counts of one speaker's quotes on one target, with the example quote."""
    labs = lt["label"].fillna("").astype(str)
    counts = {k: int((labs == k).sum()) for k in ("supportive", "critical", "neutral", "mixed")}
    polar = [k for k in ("supportive", "critical") if counts[k]]
    if polar:
        top = max(polar, key=lambda k: (counts[k], k == "critical"))
        qid = lt[labs == top]["quote_id"].iloc[0]
    else:
        qid = lt["quote_id"].iloc[0]
    return {**counts, "example": str(text[qid])[:120]}


def uncertain(stance_sentences: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The "label next" list: the `n` least certain automatic labels of sentences about a target.

    A label is uncertain when its probability (score) is below `model.uncertain_below` in
    stance_cues.yaml; those come first, least probable first, then the rest by probability.
    Sentences that already have a hand label are skipped. One row per sentence (its least certain
    target): article_id, sentence_id, target, label, score, margin. Label them, append to a label
    file, then `retrain(path)`.
    """
    ss = stance_sentences
    if len(ss) == 0:
        return pd.DataFrame(columns=["article_id", "sentence_id", "target", "label", "score", "margin"])
    auto = ss[(ss["method"] != "hand") & ss.get("relevant", pd.Series(True, index=ss.index)).astype(bool)]
    hand_keys = set(zip(ss.loc[ss["method"] == "hand", "article_id"], ss.loc[ss["method"] == "hand", "sentence_id"]))
    pool = auto[np.array([k not in hand_keys for k in zip(auto["article_id"], auto["sentence_id"])], dtype=bool)]
    pool = pool.sort_values(["score", "margin", "article_id", "sentence_id", "target"], kind="stable")
    pool = pool.drop_duplicates(["article_id", "sentence_id"]).head(n)
    return pool[["article_id", "sentence_id", "target", "label", "score", "margin"]].reset_index(drop=True)
