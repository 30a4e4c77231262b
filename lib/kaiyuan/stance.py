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
    ``model``    character n-gram TF-IDF (char_wb 1-3 on text_simplified) + LogisticRegression
                 (class_weight="balanced", random_state=0), one per target; deterministic;
    ``hand``     the hand label.

`predict(sentences)` returns, for EVERY sentence and target, the model prediction (method "model",
trained on all labelled data; method "cue" when there are no labels) AND, where a hand label exists,
a second row with method "hand" (score 1.0). Downstream aggregation (`article_stance`,
`quotes.attach_stance`) prefers the hand row; filter on ``method == "model"`` for a pure model view.
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

DATA = Path(__file__).parent / "data"
LABELS_PATH = DATA / "stance_labels.csv"
PASS1_PATH = DATA / "stance_labels_pass1.csv"
CUES_PATH = DATA / "stance_cues.yaml"
CODEBOOK = "notebooks/codebook.md"
TARGETS = ("open_source_ai", "meta_openness")
LABELS = ("supportive", "neutral", "critical")          # confusion-matrix order
SENTENCE_LABELS = set(LABELS)
ARTICLE_LABELS = SENTENCE_LABELS | {"mixed"}
LABEL_COLUMNS = ["article_id", "sentence_id", "text", "open_source_ai", "meta_openness", "notes"]
STANCE_COLUMNS = ["article_id", "sentence_id", "target", "label", "score", "method", "margin"]
ARTICLE_COLUMNS = ["article_id", "target", "label", "supportive", "critical", "neutral", "evidence_sentence_ids"]
ACTOR_COLUMNS = ["speaker", "speaker_org", "target", "supportive", "critical", "neutral", "mixed", "n_quotes",
                 "example"]
SCORE_COLUMNS = ["target", "method", "macro_f1", "accuracy", "n"]
MIXED_SHARE = 0.35      # each side >= 35 % of the non-neutral weight -> mixed
MIN_ARTICLE_WEIGHT = 2.0  # less non-neutral weight than two confident sentences -> neutral


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
@functools.lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict:
    """The cue lists (stance_cues.yaml), lower-cased and converted to simplified script."""
    raw = load_yaml(path or CUES_PATH)
    norm = lambda w: _simplified([str(w)])[0].lower()  # noqa: E731
    cues = {k: raw[k] for k in ("threshold", "negation_window", "negated_relevance_weight")}
    cues["negators"] = sorted({norm(n) for n in raw["negators"]}, key=len, reverse=True)
    cues["negator_exceptions"] = [norm(n) for n in raw["negator_exceptions"]]
    cues["targets"] = {}
    for t, spec in raw["targets"].items():
        weights = {}
        for w, v in (spec.get("supportive") or {}).items():
            weights[norm(w)] = float(v)
        for w, v in (spec.get("critical") or {}).items():
            weights[norm(w)] = -float(v)
        negatable = spec.get("negated_critical", spec["relevance"])
        cues["targets"][t] = {"relevance": sorted({norm(r) for r in spec["relevance"]}, key=len, reverse=True),
                              "negatable": sorted({norm(r) for r in negatable}, key=len, reverse=True),
                              "weights": weights,
                              "order": sorted(weights, key=lambda w: (-len(w), w))}
    return cues


_PUNCT = re.compile(r"[，,。；;：:！!？?、（）()“”「」『』\"]")


def _negator_spans(text: str, cues: dict) -> list[tuple[int, int]]:
    blocked = [False] * len(text)
    for ex in cues["negator_exceptions"]:
        for m in re.finditer(re.escape(ex), text):
            for k in range(*m.span()):
                blocked[k] = True
    spans, taken = [], [False] * len(text)
    for neg in cues["negators"]:
        for m in re.finditer(re.escape(neg), text):
            a, b = m.span()
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
    spec = cues["targets"][target]
    t = _simplified([text])[0].lower()
    rel = [(m.start(), m.end(), r) for r in spec["relevance"] for m in re.finditer(re.escape(r), t)]
    if not rel:
        return 0.0, []
    negs = _negator_spans(t, cues)
    taken = [False] * len(t)
    for a, b in negs:
        for k in range(a, b):
            taken[k] = True
    score, hits = 0.0, []
    for cue in spec["order"]:
        for m in re.finditer(re.escape(cue), t):
            a, b = m.span()
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
    negatable = [(m.start(), m.end(), r) for r in spec["negatable"] for m in re.finditer(re.escape(r), t)]
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


def cue_predict(sentences: pd.DataFrame) -> pd.DataFrame:
    """Cue-baseline stance rows (STANCE_COLUMNS, method "cue") for every sentence and target."""
    cues = load_cues()
    texts = sentences["text_simplified"] if "text_simplified" in sentences else sentences["text"]
    rows = []
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], texts):
        for t in TARGETS:
            s, _ = cue_score(str(text), t, cues)
            lab = "supportive" if s >= cues["threshold"] else "critical" if s <= -cues["threshold"] else "neutral"
            conf = abs(s) / (abs(s) + 1.0) if lab != "neutral" else 1.0 / (1.0 + abs(s))
            rows.append((str(aid), int(sid), t, lab, round(conf, 4), "cue", round(conf, 4)))
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
        pos = np.minimum(np.searchsorted(vkeys, keys), len(vkeys) - 1)
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


@dataclass
class StanceModel:
    """One fitted pipeline per target (or a constant label when training data has a single class)."""

    pipelines: dict = field(default_factory=dict)
    constant: dict = field(default_factory=dict)
    n_train: int = 0

    def predict_proba(self, texts_simplified: list[str], target: str) -> tuple[np.ndarray, list[str]]:
        if target in self.constant:
            return np.ones((len(texts_simplified), 1)), [self.constant[target]]
        pipe = self.pipelines[target]
        return pipe.predict_proba(list(texts_simplified)), list(pipe.classes_)

    def predict(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """Model stance rows (STANCE_COLUMNS, method "model"); targets sharing a fitted vectorizer
        transform the texts once."""
        texts = [str(t) for t in sentences["text_simplified"]]
        if not texts:
            return pd.DataFrame(columns=STANCE_COLUMNS)
        aids = sentences["article_id"].astype(str).to_numpy()
        sids = sentences["sentence_id"].astype(int).to_numpy()
        features: dict = {}
        frames = []
        for t in TARGETS:
            if t in self.constant:
                proba, classes = np.ones((len(texts), 1)), np.array([self.constant[t]])
            else:
                pipe = self.pipelines[t]
                vec, clf = pipe.steps[0][1], pipe.steps[-1][1]
                if id(vec) not in features:
                    features[id(vec)] = transform_texts(vec, texts)
                proba, classes = clf.predict_proba(features[id(vec)]), np.asarray(clf.classes_)
            order = np.argsort(-proba, axis=1, kind="stable")
            rows = np.arange(len(texts))
            p1 = proba[rows, order[:, 0]]
            p2 = proba[rows, order[:, 1]] if proba.shape[1] > 1 else np.zeros(len(texts))
            frames.append(pd.DataFrame({"article_id": aids, "sentence_id": sids, "target": t,
                                        "label": classes[order[:, 0]], "score": np.round(p1, 4), "method": "model",
                                        "margin": np.round(p1 - p2, 4)}))
        out = pd.concat(frames, ignore_index=True)
        # one block per target -> rows in (sentence, target) order as before
        order = np.lexsort((out["target"].map({t: i for i, t in enumerate(TARGETS)}).to_numpy(),
                            np.tile(np.arange(len(texts)), len(frames))))
        return out.iloc[order].reset_index(drop=True)[STANCE_COLUMNS]


def train_model(labels: pd.DataFrame) -> StanceModel:
    """Fit one classifier per target on a label table (needs text or text_simplified).

    The TF-IDF vectorizer is fitted once on the texts and shared by the targets' pipelines (fitting it
    per target would give the identical vocabulary and weights), so prediction transforms once.
    """
    from sklearn.base import clone
    from sklearn.pipeline import Pipeline

    texts = labels["text_simplified"] if "text_simplified" in labels else pd.Series(_simplified(labels["text"]))
    texts = [str(x) for x in texts]
    model = StanceModel(n_train=len(labels))
    template = make_pipeline()
    vectorizer = None
    for t in TARGETS:
        y = labels[t].astype(str).tolist()
        if len(set(y)) < 2:
            model.constant[t] = y[0] if y else "neutral"
            continue
        with _one_thread():
            if vectorizer is None:
                vectorizer = clone(template.steps[0][1]).fit(texts)
                features = vectorizer.transform(texts)
            clf = clone(template.steps[-1][1]).fit(features, y)
        model.pipelines[t] = Pipeline([(template.steps[0][0], vectorizer), (template.steps[-1][0], clf)])
    return model


def retrain(label_path: str | Path) -> StanceModel:
    """Retrain on an extended label file (e.g. after labelling `uncertain` sentences): one call."""
    return train_model(load_labels(label_path))


def label_path(labels: str | Path | None = None) -> Path:
    """The label file in use: the given one, else the packaged reconciled labels (pass 1 while those are missing)."""
    return Path(labels) if labels else (LABELS_PATH if LABELS_PATH.exists() else PASS1_PATH)


@functools.lru_cache(maxsize=4)
def _model(path: str, stamp: int, cache_dir: str | None) -> StanceModel:
    from .cache import DiskCache, make_key

    key = make_key("stance-model", data=["stance_cues.yaml"], code=["stance.py"], files=[path])
    disk = DiskCache(cache_dir)
    model = disk.get(key)
    if model is None:
        model = train_model(load_labels(path))
        disk.put(key, model)
    return model


def model_for(labels: str | Path | None = None, cache_dir: str | Path | None = None) -> StanceModel:
    """Model trained on a label file (default: the packaged labels); cached in-process and, with
    `cache_dir`, on disk, keyed by the label file's content, the cues and this module's code."""
    path = label_path(labels)
    return _model(str(path), path.stat().st_mtime_ns, str(cache_dir) if cache_dir else None)


def default_model() -> StanceModel:
    """Model trained on the packaged labels (cached on disk in the default cache folder)."""
    from .cache import default_cache_dir

    return model_for(None, default_cache_dir())


# --------------------------------------------------------------------------- prediction
@functools.lru_cache(maxsize=4)
def _label_table(path: str, stamp: int) -> pd.DataFrame:
    """A label file read once per version (hand_rows runs once per article)."""
    return load_labels(path)


def hand_rows(sentences: pd.DataFrame, labels: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Method "hand" rows (score 1.0) for the sentences that have a hand label, matched on article_id + text."""
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
            path = label_path(labels)
            if not path.exists():
                return pd.DataFrame(columns=STANCE_COLUMNS)
            return hand_rows(sentences, _label_table(str(path), path.stat().st_mtime_ns))
    keys = set(zip(sentences["article_id"].astype(str), sentences["sentence_id"].astype(int)))
    rows = [(str(r.article_id), int(r.sentence_id), t, getattr(r, t), 1.0, "hand", 1.0)
            for r in hand.itertuples() for t in TARGETS if (str(r.article_id), int(r.sentence_id)) in keys]
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def sort_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Stance rows in their canonical order (article, sentence, target, method)."""
    return rows.sort_values(["article_id", "sentence_id", "target", "method"], kind="stable").reset_index(drop=True)


def predict(sentences: pd.DataFrame, labels: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """Sentence stance for every sentence and target (STANCE_COLUMNS).

    Model rows (method "model", trained on ALL of `labels`: a DataFrame or a label file; default: the
    packaged hand labels) for every sentence, plus method "hand" rows (score 1.0) for sentences that have
    a hand label (matched on article_id + sentence text). Without any labels the cue baseline is used
    instead (method "cue").
    """
    if sentences is None or len(sentences) == 0:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    sentences = sentences.copy()
    if "text_simplified" not in sentences:
        sentences["text_simplified"] = _simplified(sentences["text"])
    if isinstance(labels, pd.DataFrame):
        model = train_model(labels) if len(labels) else None
    else:
        model = model_for(labels) if label_path(labels).exists() else None
    out = model.predict(sentences) if model is not None else cue_predict(sentences)
    hand = hand_rows(sentences, labels)
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


def evaluate(labels: pd.DataFrame, sentences: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict]:
    """Leave-one-article-out evaluation of majority / cue / model, per target.

    Out-of-fold predictions of all folds are pooled, then scored: macro-F1 over the three labels
    (supportive, neutral, critical; zero_division=0) and accuracy. Returns (scores DataFrame
    [target, method, macro_f1, accuracy, n], confusion dict {(target, method): DataFrame}, rows =
    true label, columns = predicted, order supportive / neutral / critical).
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
    from sklearn.model_selection import LeaveOneGroupOut

    data = _attach_text(labels, sentences).reset_index(drop=True)
    texts = data["text_simplified"].astype(str).tolist()
    groups = data["article_id"].astype(str).values
    cues = load_cues()
    scores, confusion = [], {}
    for t in TARGETS:
        y = data[t].astype(str).values
        preds = {"majority": np.empty(len(y), dtype=object), "cue": np.array([cue_label(x, t, cues) for x in texts],
                                                                               dtype=object),
                 "model": np.empty(len(y), dtype=object)}
        for train, test in LeaveOneGroupOut().split(texts, y, groups):
            counts = pd.Series(y[train]).value_counts()
            majority = sorted(counts[counts == counts.max()].index)[0]
            preds["majority"][test] = majority
            if len(set(y[train])) < 2:
                preds["model"][test] = majority
                continue
            with _one_thread():
                pipe = make_pipeline().fit([texts[i] for i in train], y[train])
                preds["model"][test] = pipe.predict([texts[i] for i in test])
        for method in ("majority", "cue", "model"):
            p = preds[method].astype(str)
            scores.append({"target": t, "method": method,
                           "macro_f1": float(f1_score(y, p, labels=list(LABELS), average="macro", zero_division=0)),
                           "accuracy": float(accuracy_score(y, p)), "n": int(len(y))})
            confusion[(t, method)] = pd.DataFrame(confusion_matrix(y, p, labels=list(LABELS)),
                                                  index=pd.Index(LABELS, name="true"),
                                                  columns=pd.Index(LABELS, name="predicted"))
    return pd.DataFrame(scores, columns=SCORE_COLUMNS), confusion


# --------------------------------------------------------------------------- aggregation
def _weight(row) -> float:
    return 1.0 if row.method == "hand" else float(row.score)


def article_stance(stance_sentences: pd.DataFrame, mixed_share: float = MIXED_SHARE,
                   min_weight: float = MIN_ARTICLE_WEIGHT) -> pd.DataFrame:
    """Article-level stance per target (ARTICLE_COLUMNS).

    Uses one label per sentence (hand preferred, see `best_labels`), weighted by confidence (hand 1.0,
    model/cue: its score). With S and C the supportive/critical weight: S + C < `min_weight` -> neutral;
    both S and C >= `mixed_share` x (S + C) -> mixed; else the heavier side. `neutral` is the summed weight
    of neutral sentences. Evidence: the three heaviest sentences of the winning side (both sides when
    mixed), ties by sentence order, as "12;15;40".
    """
    if stance_sentences is None or len(stance_sentences) == 0:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    best = best_labels(stance_sentences)
    weight = np.where(best["method"].to_numpy() == "hand", 1.0, best["score"].astype(float).to_numpy())
    best = best.assign(_w=weight, article_id=best["article_id"].astype(str))
    keys = ["article_id", "target"]
    sums = best.pivot_table(index=keys, columns="label", values="_w", aggfunc="sum", fill_value=0.0, sort=True)
    ranked = best.sort_values(keys + ["_w", "sentence_id"], ascending=[True, True, False, True], kind="stable")

    def top3(labels: tuple) -> dict:
        sub = ranked[ranked["label"].isin(labels)].groupby(keys, sort=False).head(3)
        return sub.groupby(keys, sort=False)["sentence_id"].agg(lambda ids: ";".join(str(int(i)) for i in ids)).to_dict()

    evidence = {"supportive": top3(("supportive",)), "critical": top3(("critical",)),
                "both": top3(("supportive", "critical"))}
    rows = []
    for (aid, t), r in sums.iterrows():
        S, C, N = (float(r.get(k, 0.0)) for k in ("supportive", "critical", "neutral"))
        total = S + C
        if total < min_weight:
            label = "neutral"
        elif min(S, C) >= mixed_share * total:
            label = "mixed"
        else:
            label = "supportive" if S > C else "critical"
        side = label if label in ("supportive", "critical") else "both"
        rows.append({"article_id": aid, "target": t, "label": label, "supportive": round(S, 4),
                     "critical": round(C, 4), "neutral": round(N, 4),
                     "evidence_sentence_ids": evidence[side].get((aid, t), "")})
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def actor_stance(quotes: pd.DataFrame) -> pd.DataFrame:
    """Speaker x target stance counts from quotes with stance columns (ACTOR_COLUMNS).

    Quotes without a resolved speaker are left out. `mixed` counts multi-sentence quotes whose sentences
    take both sides. `example`: the speaker's first quote carrying the most frequent non-neutral label
    (else the first quote), cut at 120 characters.
    """
    if quotes is None or len(quotes) == 0:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    q = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    rows = []
    for spk, g in q.groupby("speaker", sort=True):
        orgs = g["speaker_org"].fillna("").astype(str)
        orgs = orgs[orgs != ""]
        org = orgs.value_counts().sort_index().idxmax() if len(orgs) else ""
        for t, col in (("open_source_ai", "stance_open_source_ai"), ("meta_openness", "stance_meta")):
            labs = g[col].fillna("").astype(str)
            counts = {k: int((labs == k).sum()) for k in ("supportive", "critical", "neutral", "mixed")}
            polar = [k for k in ("supportive", "critical") if counts[k]]
            if polar:
                top = max(polar, key=lambda k: (counts[k], k == "critical"))
                ex = g[labs == top]["quote"].iloc[0]
            else:
                ex = g["quote"].iloc[0]
            rows.append({"speaker": spk, "speaker_org": org, "target": t, **counts, "n_quotes": int(len(g)),
                         "example": str(ex)[:120]})
    out = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    return out.sort_values(["target", "n_quotes", "speaker"], ascending=[True, False, True]).reset_index(drop=True)


def uncertain(stance_sentences: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The `n` least certain sentences (smallest margin between the two most probable labels).

    Only automatic rows count; sentences that already have a hand label are skipped when there are
    unlabelled ones. One row per sentence (its least certain target): article_id, sentence_id, target,
    label, score, margin. Label them, append to a label file, then `retrain(path)`.
    """
    ss = stance_sentences
    auto = ss[ss["method"] != "hand"]
    hand_keys = set(zip(ss.loc[ss["method"] == "hand", "article_id"], ss.loc[ss["method"] == "hand", "sentence_id"]))
    unl = auto[[k not in hand_keys for k in zip(auto["article_id"], auto["sentence_id"])]]
    pool = unl if len(unl) else auto
    pool = pool.sort_values(["margin", "article_id", "sentence_id", "target"], kind="stable")
    pool = pool.drop_duplicates(["article_id", "sentence_id"]).head(n)
    return pool[["article_id", "sentence_id", "target", "label", "score", "margin"]].reset_index(drop=True)
