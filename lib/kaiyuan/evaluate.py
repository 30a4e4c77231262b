"""Score the pipeline against hand annotations: `kaiyuan evaluate --corpus DIR --gold DIR`.

Every layer is scored with the rules of GOLD-FORMAT.md (see evaluation/README.md), beside a
trivial baseline where one exists, and every disagreement is listed (gold vs got):

    layer      metric                what counts
    metadata   published_exact       articles that show a date: the inferred date equals the gold string
               no_date_kept_empty    articles that show no date: no date invented
               title_exact           title equal after normalisation (script, case, punctuation, spaces)
    cleaning   junk_removed          gold boilerplate snippets gone from the clean text (baseline: raw text)
               body_kept             gold body snippets still in the clean text
    actors     precision/recall/f1   per article and actor, min(gold count, predicted count) are hits
    dates      found, resolved       gold expressions found (containment) and resolved to the gold interval
                                     (baseline: jionlp alone, given the gold publication date)
    events     recalled              a merged-timeline row shares an actor and lies within the gold interval
    quotes     found, speaker_right  a predicted quote contains the gold snippet; its speaker is the gold one
               stance_right          quote stance equals the gold stance, where the gold gives one
    stance     macro_f1 (per target) sentence labels (model rows; baselines: majority, cue)
               article_agreement     (article, target) pairs with the gold label (baseline: majority)

Gold actor and speaker names are mapped to registry names through the registry's aliases, so
"Llama 2" and "Llama" or "Meta Platforms" and "Meta" are the same actor.

Registry-blind scoring (`--blind`, a suite corpus with `blind:`): every actor of the development corpus was
added to the registry, so its actor, speaker and event scores flatter the pipeline; a user's articles name
people the registry has never held. The blind run drops the registry entries named in exactly one article
of the scored corpus (and in none of the `blind:` folder's articles, e.g. the seeds the registry was first
written from), runs the pipeline with what is left, and names gold and found actors through the full
registry, so a speaker found as the article writes an unknown name (马克龙) still equals the gold's name.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .gold import STANCES, TARGETS, Gold, load_gold, match_key

SCORE_COLUMNS = ["layer", "metric", "method", "value", "hits", "n", "note"]
ERROR_COLUMNS = ["layer", "article_id", "item", "gold", "got"]
METHOD = "kaiyuan"
_HTML_DROP = re.compile(r"<(head|script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_VERSION_TAIL = re.compile(r"[\s\-_.]*[0-9][0-9a-z.\-_ ]*$", re.I)


@dataclass
class Evaluation:
    """Scores (SCORE_COLUMNS), errors (ERROR_COLUMNS) and confusion matrices of one evaluated corpus."""

    scores: pd.DataFrame
    errors: pd.DataFrame
    confusion: dict = field(default_factory=dict)

    def value(self, layer: str, metric: str, method: str = METHOD) -> float | None:
        s = self.scores
        hit = s[(s.layer == layer) & (s.metric == metric) & (s.method == method)]
        return None if hit.empty else float(hit.value.iloc[0])


def _score(layer: str, metric: str, hits: float, n: int, method: str = METHOD, note: str = "") -> dict:
    value = round(hits / n, 4) if n else float("nan")
    return {"layer": layer, "metric": metric, "method": method, "value": value, "hits": hits, "n": n, "note": note}


def _err(layer: str, article_id: str, item: str, gold, got) -> dict:
    return {"layer": layer, "article_id": article_id, "item": item, "gold": str(gold), "got": str(got)}


# ---------------------------------------------------------------- names
class Namer:
    """Map a gold actor/speaker name to the registry's canonical name (itself when unknown)."""

    def __init__(self, registry=None):
        from .actors import load_registry

        self.registry = load_registry(registry)

    def __call__(self, name: str) -> str:
        name = (name or "").strip()
        for candidate in (name, _VERSION_TAIL.sub("", name)):
            found = self._lookup(candidate)
            if found:
                return found
        # a product named with its maker ("Nvidia H100", "Microsoft Azure") is the product when the
        # registry has both and the product's parent is that maker
        head, _, tail = name.partition(" ")
        maker, product = self._lookup(head), self._lookup(tail)
        if maker and product and self.registry[product].parent == maker:
            return product
        return name

    def known(self, name: str) -> bool:
        """Whether the registry holds this name (as a canonical name or an alias)."""
        return bool(self._lookup((name or "").strip()))

    def _lookup(self, text: str) -> str:
        from .actors import normalise
        from .script import to_simplified

        entry = self.registry.alias_index.get(normalise(to_simplified(text)))
        return entry.actor if entry is not None else ""


# ---------------------------------------------------------------- metadata
def score_metadata(gold: Gold, result) -> tuple[list, list]:
    art = result["articles"].set_index("article_id")
    errors, dated, undated, titles = [], [0, 0], [0, 0], [0, 0]
    for g in gold["articles"]:
        aid = g["article_id"]
        got = art.loc[aid] if aid in art.index else None
        pub = "" if got is None else str(got["published"] or "")
        tally = dated if g["published"] else undated
        tally[1] += 1
        if pub == g["published"]:
            tally[0] += 1
        else:
            errors.append(_err("metadata", aid, "published", g["published"] or "(none shown)", pub or "(none)"))
        title = "" if got is None else str(got["title"] or "")
        titles[1] += 1
        if match_key(title) == match_key(g["title"]):
            titles[0] += 1
        else:
            errors.append(_err("metadata", aid, "title", g["title"], title))
    scores = [_score("metadata", "published_exact", *dated), _score("metadata", "no_date_kept_empty", *undated),
              _score("metadata", "title_exact", *titles)]
    s, e = score_credits(gold, art)
    return scores + s, errors + e


def score_credits(gold: Gold, art: pd.DataFrame) -> tuple[list, list]:
    """Outlet and author the page names: the outlet exactly (script-, case- and width-blind), the author
    one of the gold byline names; both empty when the page names none."""
    hits, errors = {"outlet": 0, "author": 0}, []
    for g in gold["articles"]:
        got = art.loc[g["article_id"]] if g["article_id"] in art.index else None
        outlet = "" if got is None else str(got["outlet"] or "")
        author = "" if got is None else str(got["author"] or "")
        names = {match_key(a) for a in _split(g["author"])}
        checks = {"outlet": (match_key(outlet) == match_key(g["source"]), g["source"], outlet),
                  "author": (match_key(author) in names if names else not author, g["author"], author)}
        for field, (ok, want, have) in checks.items():
            hits[field] += ok
            if not ok:
                errors.append(_err("metadata", g["article_id"], field, want or "(none named)", have or "(none)"))
    n = len(gold["articles"])
    return [_score("metadata", "outlet_exact", hits["outlet"], n), _score("metadata", "author_right", hits["author"], n)], errors


# ---------------------------------------------------------------- cleaning
def _visible(text: str, path: str) -> str:
    """What of a raw file a reader could see as text (HTML: head, scripts and tags dropped)."""
    if path.lower().endswith((".html", ".htm")):
        text = _TAG.sub("\n", _HTML_DROP.sub("", text))
    return text


def score_cleaning(gold: Gold, result, raw: dict[str, str]) -> tuple[list, list]:
    """Junk removed / body kept, for the pipeline and for the raw text (the do-nothing baseline).

    A boilerplate snippet is removed when the clean text holds it no more often than the raw text
    holds it outside the gold's boilerplate rows (a headline repeated as a junk line is one such)."""
    clean = {aid: match_key(t) for aid, t in result.corpus.clean.items()}
    paths = dict(zip(result["articles"].article_id, result["articles"].source_path))
    raw_keys = {aid: match_key(_visible(t, paths.get(aid, ""))) for aid, t in raw.items()}
    expected = Counter((r["article_id"], match_key(r["snippet"])) for r in gold["boilerplate"])
    errors, junk, junk_base, body, body_base = [], [0, 0], [0, 0], [0, 0], [0, 0]
    for (aid, key), n_rows in sorted(expected.items()):
        allowed = max(0, raw_keys.get(aid, "").count(key) - n_rows)
        left = clean.get(aid, "").count(key)
        junk[1] += n_rows
        junk_base[1] += n_rows
        junk[0] += min(n_rows, max(0, n_rows - max(0, left - allowed)))
        if left > allowed:
            errors.append(_err("cleaning", aid, "junk kept", key[:30], f"{left - allowed} occurrence(s) left"))
    for r in gold["body_keep"]:
        aid, key = r["article_id"], match_key(r["snippet"])
        body[1] += 1
        body_base[1] += 1
        body_base[0] += key in raw_keys.get(aid, "")
        if key in clean.get(aid, ""):
            body[0] += 1
        else:
            errors.append(_err("cleaning", aid, "body lost", r["snippet"], "(removed)"))
    return [_score("cleaning", "junk_removed", *junk), _score("cleaning", "junk_removed", *junk_base, method="raw text"),
            _score("cleaning", "body_kept", *body), _score("cleaning", "body_kept", *body_base, method="raw text")], errors


# ---------------------------------------------------------------- actors
def score_actors(gold: Gold, result, namer: Namer) -> tuple[list, list]:
    ids = set(gold.article_ids)
    g = Counter()
    for r in gold["actors"]:
        g[(r["article_id"], namer(r["actor"]))] += int(r["count"])
    counts, surfaces = result["actor_counts"], gold_surfaces(gold, namer)
    p = Counter()
    for a, act, c in zip(counts.article_id, counts.actor, counts["count"]):
        if a in ids:
            p[(a, as_gold_actor(a, act, surfaces, namer))] += int(c)
    hits = sum(min(n, p.get(k, 0)) for k, n in g.items())
    errors = [_err("actors", k[0], k[1], g.get(k, 0), p.get(k, 0)) for k in sorted(set(g) | set(p)) if g.get(k, 0) != p.get(k, 0)]
    n_gold, n_pred = sum(g.values()), sum(p.values())
    prec, rec = (hits / n_pred if n_pred else 0.0), (hits / n_gold if n_gold else 0.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return [_score("actors", "precision", hits, n_pred), _score("actors", "recall", hits, n_gold),
            {**_score("actors", "f1", hits, n_gold), "value": round(f1, 4), "note": f"{n_gold} gold, {n_pred} predicted mentions"}
            ], errors


# ---------------------------------------------------------------- dates
def _window_key(context: str, expression: str, width: int = 4) -> str:
    """A few normalised characters either side of the expression inside its gold context."""
    ck, ek = match_key(context), match_key(expression)
    i = ck.find(ek)
    return ck[max(0, i - width): i + len(ek) + width] if i >= 0 else ek


def _match_expressions(gold_rows: list[dict], pred: pd.DataFrame, sent_keys: dict) -> dict[int, int]:
    """Greedy one-to-one match of gold expressions to predicted rows (index), context first."""
    used, out = set(), {}
    for gi, g in enumerate(gold_rows):
        gk, window = match_key(g["expression"]), _window_key(g["context"], g["expression"])
        best = None
        for pi, (expr, sid) in enumerate(zip(pred.expression, pred.sentence_id)):
            pk = match_key(expr)
            if pi in used or not pk or not (gk in pk or pk in gk):
                continue
            rank = 0 if window in sent_keys.get(int(sid), "") else 1
            if best is None or rank < best[0]:
                best = (rank, pi)
        if best is not None:
            used.add(best[1])
            out[gi] = best[1]
    return out


def _jionlp_baseline(expression: str, published: str) -> tuple[str, str]:
    from .timeline import jionlp_parse

    if not published:
        return "", ""
    import datetime as dt

    base = dt.date.fromisoformat(published if len(published) == 10 else published[:7] + "-01")
    span = jionlp_parse(expression, base)
    return (span[0].isoformat(), span[1].isoformat()) if span else ("", "")


def score_dates(gold: Gold, result) -> tuple[list, list]:
    exprs, sents = result["temporal_expressions"], result["sentences"]
    published = {r["article_id"]: r["published"] for r in gold["articles"]}
    found, resolved, base = 0, 0, 0
    err_rows, n = [], 0
    for aid in gold.article_ids:
        rows = gold.rows("dates", aid)
        if not rows:
            continue
        pred = exprs[exprs.article_id == aid].reset_index(drop=True)
        s = sents[sents.article_id == aid]
        sent_keys = {int(i): match_key(t) for i, t in zip(s.sentence_id, s.text)}
        matched = _match_expressions(rows, pred, sent_keys)
        for gi, g in enumerate(rows):
            n += 1
            want = (g["start"], g["end"])
            base += _jionlp_baseline(g["expression"], published.get(aid, "")) == want
            if gi not in matched:
                err_rows.append(_err("dates", aid, g["expression"], f"{want[0]}..{want[1]}", "(not found)"))
                continue
            found += 1
            p = pred.loc[matched[gi]]
            got = (str(p.start or ""), str(p.end or ""))
            if got == want:
                resolved += 1
            else:
                err_rows.append(_err("dates", aid, g["expression"], f"{want[0]}..{want[1]}", f"{got[0]}..{got[1]} ({p.reason or p.anchor})"))
    return [_score("dates", "found", found, n), _score("dates", "resolved", resolved, n),
            _score("dates", "resolved", base, n, method="jionlp alone", note="given the gold publication date")], err_rows


# ---------------------------------------------------------------- events
def _split(value) -> list[str]:
    """Names in a list cell: gold files separate them with '|', kaiyuan's tables with '; '."""
    return [v.strip() for v in re.split(r"[|;]", str(value or "")) if v.strip()]


def score_events(gold: Gold, result, namer: Namer) -> tuple[list, list]:
    tl = result["timeline"]
    rows = [(str(s), str(e), {namer(a) for a in _split(acts)}) for s, e, acts in zip(tl.start, tl.end, tl.actors)
            if str(s or "") and str(e or "")]
    hits, errors = 0, []
    for g in gold["events"]:
        actors = {namer(a) for a in _split(g["actors"])}
        ok = any(actors & acts and g["start"] <= s and e <= g["end"] for s, e, acts in rows) if g["start"] else False
        hits += ok
        if not ok:
            errors.append(_err("events", g["article_ids"], g["event_key"], f"{g['start']}..{g['end']} {g['actors']}", "(no matching timeline row)"))
    return [_score("events", "recalled", hits, len(gold["events"]))], errors


# ---------------------------------------------------------------- quotes
_UNNAMED_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")  # a hyphenated modifier is one word: open-source is no "source"
_NOT_HEADS = {"unnamed", "the", "of", "a", "an", "and", "to", "with", "close", "familiar", "matter"}
UNNAMED_DATA = Path(__file__).parent / "data" / "unnamed_equivalence.yaml"


@functools.lru_cache(maxsize=1)
def _unnamed_groups() -> tuple[tuple[str, re.Pattern], ...]:
    """The wording groups of unnamed_equivalence.yaml, each as one whole-word pattern (singular or plural)."""
    from .config import load_yaml
    groups = load_yaml(UNNAMED_DATA).get("groups") or {}
    return tuple((name, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                                   + r")s?(?![\w-])")) for name, words in sorted(groups.items()))


def _unnamed_heads(text: str) -> set[str]:
    """The nouns of an unnamed description (singular), and the wording groups it belongs to."""
    nouns = {w.rstrip("s") for w in _UNNAMED_WORDS.findall(text) if w not in _NOT_HEADS}
    return nouns | {f"group:{name}" for name, pattern in _unnamed_groups() if pattern.search(text)}


def same_unnamed(gold_speaker: str, got: str) -> bool:
    """Two descriptions of an unnamed speaker agree when both say "unnamed" and share a noun, singular or
    plural ("unnamed media reports" ~ "unnamed reports", "unnamed netizen" ~ "unnamed netizens"), or a wording
    group of unnamed_equivalence.yaml ("unnamed informed sources" ~ "unnamed people familiar with the matter"):
    the gold format writes such speakers as free descriptions, so their wording varies between annotators.

    >>> same_unnamed("unnamed media reports", "unnamed reports"), same_unnamed("unnamed analyst", "OpenAI")
    (True, False)
    """
    a, b = gold_speaker.lower(), got.lower()
    return "unnamed" in a and "unnamed" in b and bool(_unnamed_heads(a) & _unnamed_heads(b))

def surface_key(text: str) -> str:
    """A name as compared across gold and tables: the registry's normalisation of its simplified form."""
    from .actors import normalise
    from .script import to_simplified

    return normalise(to_simplified(str(text or "").strip()))


def gold_surfaces(gold: Gold, namer: Namer) -> dict[str, dict[str, str]]:
    """article_id -> {surface key: canonical gold actor} for every surface the article's gold `actors.csv`
    lists under exactly one actor. A speaker the registry does not hold is named by kaiyuan as the article
    writes it (尼古拉斯·加西亚), the gold by the annotator's canonical name (Nicholas Garcia); when the
    article's gold lists that very surface for that actor only, the attribution is the same person.

    >>> g = {"actors": [{"article_id": "a1", "actor": "Nicholas Garcia", "surfaces": "尼古拉斯·加西亚|加西亚"},
    ...                 {"article_id": "a1", "actor": "Ana Garcia", "surfaces": "加西亚"}]}
    >>> gold_surfaces(g, lambda n: n)
    {'a1': {'尼古拉斯·加西亚': 'Nicholas Garcia'}}
    """
    owners: dict[tuple[str, str], set[str]] = {}
    for row in gold["actors"]:
        for surface in _split(row.get("surfaces")):
            owners.setdefault((row["article_id"], surface_key(surface)), set()).add(namer(row["actor"]))
    out: dict[str, dict[str, str]] = {}
    for (aid, key), actors in sorted(owners.items()):
        if key and len(actors) == 1:
            out.setdefault(aid, {})[key] = next(iter(actors))
    return out


def as_gold_actor(article_id: str, name: str, surfaces: dict, namer: Namer) -> str:
    """A found actor's name as the gold names it: a registry actor by its canonical name; a name the registry
    does not hold (an unknown person counted as written, 王小川) as the gold actor whose surfaces in the same
    article list it, and no other actor's do (`gold_surfaces`); else as found."""
    canonical = namer(name)
    if canonical != name or namer.known(name):
        return canonical
    return surfaces.get(article_id, {}).get(surface_key(name), name)


def score_quotes(gold: Gold, result, namer: Namer) -> tuple[list, list]:
    """Quotes found (gold snippet inside a found quote), speaker right, and the quote's stance per target
    where the gold gives one (`quote_stance`, long form; gold columns in gold.QUOTE_STANCE_GOLD).
    A speaker is right when it names the gold speaker through the registry, through its organisation, or
    as a surface the article's gold lists for the gold speaker alone (`gold_surfaces`)."""
    from .gold import QUOTE_STANCE_GOLD

    q, qs = result["quotes"], result["quote_stance"]
    labels = {(qid, t): lab for qid, t, lab in zip(qs["quote_id"], qs["target"], qs["label"])}
    keys = {aid: [(match_key(t), sp, org, qid) for t, sp, org, qid in zip(grp.quote, grp.speaker, grp.speaker_org, grp.quote_id)]
            for aid, grp in q.groupby("article_id")}
    surfaces = gold_surfaces(gold, namer)
    found, speaker, n, st_hits, st_n, errors = 0, 0, 0, 0, 0, []
    for g in gold["quotes"]:
        aid, sk = g["article_id"], match_key(g["snippet"])
        n += 1
        hit = next((k for k in keys.get(aid, []) if sk and sk in k[0]), None)
        if hit is None:
            errors.append(_err("quotes", aid, g["snippet"], g["speaker"], "(not found)"))
            continue
        found += 1
        # a joint statement (two senators' letter) lists its speakers with '|': naming any of them is right
        want = {namer(name) for name in _split(g["speaker"])}
        got = {namer(str(hit[1] or "")), namer(str(hit[2] or ""))}
        got.add(as_gold_actor(aid, str(hit[1] or ""), surfaces, namer))
        got.discard("")
        if want & got or any(same_unnamed(w, x) for w in want for x in got):
            speaker += 1
        else:
            errors.append(_err("quotes", aid, g["snippet"], g["speaker"], hit[1] or "(no speaker)"))
        for target, col in QUOTE_STANCE_GOLD.items():
            if g.get(col) in STANCES:
                st_n += 1
                st_hits += g[col] == (str(labels.get((hit[3], target), "") or "") or "neutral")
    return [_score("quotes", "found", found, n), _score("quotes", "speaker_right", speaker, n),
            _score("quotes", "stance_right", st_hits, st_n, note="quotes found, targets the gold labels")], errors


# ---------------------------------------------------------------- stance
def _align_sentences(gold_rows: list[dict], sents: pd.DataFrame) -> dict[int, tuple[str, int]]:
    """Gold sentence (index) -> (article_id, pipeline sentence_id) by normalised text containment."""
    by_article: dict[str, list] = {}
    for aid, sid, text in zip(sents.article_id, sents.sentence_id, sents.text):
        by_article.setdefault(aid, []).append((int(sid), match_key(text)))
    out = {}
    for i, g in enumerate(gold_rows):
        gk = match_key(g["text"])
        best = None
        for sid, pk in by_article.get(g["article_id"], []):
            if gk and pk and (gk in pk or (pk in gk and len(pk) >= 0.5 * len(gk))):
                overlap = min(len(gk), len(pk)) / max(len(gk), len(pk))
                if best is None or overlap > best[0]:
                    best = (overlap, sid)
        if best is not None:
            out[i] = (g["article_id"], best[1])
    return out


def _held_out_predictions(result, labels, run_registry=None, cache: bool = True) -> tuple[pd.DataFrame, int]:
    """Model rows for every sentence; articles that are in the training labels are predicted by a
    model trained without them (leave-one-article-out), so no score is in-sample. Relevance terms from
    the registry the run used (`run_registry`; the blind one in a blind run); `cache`: reuse and store
    the fold models in the disk cache (off under `--no-cache`)."""
    from .stance import predict_held_out

    return predict_held_out(result["sentences"], labels, run_registry, cache=cache)


def score_sentence_stance(gold: Gold, result, held: tuple[pd.DataFrame, int]) -> tuple[list, list, dict]:
    from sklearn.metrics import confusion_matrix

    from .stance import cue_predict, macro_f1

    rows = gold["stance_labels"]
    rows_held, held_out = held
    if not rows:
        return [], [], {}
    pred = {(a, int(s), t): lab for a, s, t, lab in zip(rows_held.article_id, rows_held.sentence_id, rows_held.target, rows_held.label)}
    relevant = {(a, int(s), t): r for a, s, t, r in zip(rows_held.article_id, rows_held.sentence_id, rows_held.target, rows_held.relevant)}
    cue_rows = cue_predict(result["sentences"])
    cue = {(a, int(s), t): lab for a, s, t, lab in zip(cue_rows.article_id, cue_rows.sentence_id, cue_rows.target, cue_rows.label)}
    aligned = _align_sentences(rows, result["sentences"])
    scores, errors, confusion = [], [], {}
    for t in TARGETS:
        y = [r[t] for r in rows]
        majority = Counter(y).most_common(1)[0][0]
        got = [pred.get((*aligned[i], t), "neutral") if i in aligned else "neutral" for i in range(len(rows))]
        got_cue = [cue.get((*aligned[i], t), "neutral") if i in aligned else "neutral" for i in range(len(rows))]
        note = (f"{len(aligned)}/{len(rows)} gold sentences aligned (unaligned count as neutral); "
                f"{held_out} article(s) of the training labels predicted leave-one-article-out")
        rel = [i for i in range(len(rows)) if i in aligned and relevant.get((*aligned[i], t), False)]
        for name, p in ((METHOD, got), ("cue", got_cue), ("majority", [majority] * len(y))):
            scores.append({**_score("stance", f"macro_f1_{t}", sum(a == b for a, b in zip(y, p)), len(y), method=name, note=note),
                           "value": round(macro_f1(y, p), 4)})
            yr, pr = [y[i] for i in rel], [p[i] for i in rel]
            scores.append({**_score("stance", f"macro_f1_relevant_{t}", sum(a == b for a, b in zip(yr, pr)), len(yr), method=name,
                                    note="sentences about the target (stance.relevance)"), "value": round(macro_f1(yr, pr), 4)})
        nonneutral = [i for i in range(len(rows)) if y[i] != "neutral"]
        kept = sum(1 for i in nonneutral if i in aligned and relevant.get((*aligned[i], t), False))
        scores.append(_score("stance", f"relevance_recall_{t}", kept, len(nonneutral),
                             note="gold supportive/critical sentences the relevance rule keeps"))
        confusion[t] = pd.DataFrame(confusion_matrix(y, got, labels=list(STANCES)),
                                    index=[f"gold {x}" for x in STANCES], columns=[f"got {x}" for x in STANCES])
        errors += [_err("stance", rows[i]["article_id"], f"{t}: {rows[i]['text'][:40]}", y[i], got[i])
                   for i in range(len(rows)) if y[i] != got[i]]
    return scores, errors, confusion


def score_article_stance(gold: Gold, result, held: pd.DataFrame) -> tuple[list, list]:
    """Article agreement from held-out model labels (the kaiyuan row: what a user's unseen article
    gets), the cue baseline, the majority baseline and, where hand sentence labels exist for the
    corpus, the pipeline as run (hand labels preferred)."""
    from .stance import article_stance, cue_predict

    sents, quotes = result["sentences"], result["quotes"]
    tables = {METHOD: article_stance(held, sents, quotes), "cue": article_stance(cue_predict(sents), sents, quotes)}
    hand = set(result["stance_sentences"].loc[result["stance_sentences"].method == "hand", "article_id"])
    if hand & {r["article_id"] for r in gold["stance_articles"]}:
        tables["hand labels"] = result["stance_articles"]
    return article_agreement(gold, tables)


ARTICLE_NOTES = {METHOD: "held-out model labels", "cue": "cue labels, same article rule",
                 "hand labels": "as the pipeline runs: hand sentence labels where they exist",
                 "majority": "each target's most common gold label"}


def article_agreement(gold: Gold, tables: dict[str, pd.DataFrame]) -> tuple[list, list]:
    """Share of gold (article, target) pairs each method's article table gets right, plus the
    majority baseline; errors listed for the first method (kaiyuan)."""
    rows = gold["stance_articles"]
    if not rows:
        return [], []
    got = {m: {(a, t): lab for a, t, lab in zip(sa.article_id, sa.target, sa.label)} for m, sa in tables.items()}
    majority = {t: Counter(r["label"] for r in rows if r["target"] == t).most_common(1)[0][0]
                for t in TARGETS if any(r["target"] == t for r in rows)}
    got["majority"] = {(r["article_id"], r["target"]): majority[r["target"]] for r in rows}
    scores = [_score("stance", "article_agreement", sum(g.get((r["article_id"], r["target"]), "") == r["label"] for r in rows),
                     len(rows), method=m, note=ARTICLE_NOTES.get(m, "")) for m, g in got.items()]
    first = got[next(iter(tables))]
    errors = [_err("stance", r["article_id"], f"article {r['target']}", r["label"], first.get((r["article_id"], r["target"]), "(none)"))
              for r in rows if first.get((r["article_id"], r["target"]), "") != r["label"]]
    return scores, errors


# ---------------------------------------------------------------- registry-blind
def _surface_forms(entry: dict) -> set[str]:
    """An entry's name and aliases as the matcher compares them (simplified, normalised; 2+ characters)."""
    from .actors import normalise
    from .script import to_simplified

    forms = {normalise(to_simplified(str(a))) for a in [entry.get("name"), *(entry.get("aliases") or [])] if a}
    return {f for f in forms if len(f) >= 2}


def blind_registry(data: dict, texts: list[str], known_texts: list[str] = ()) -> tuple[dict, list[dict]]:
    """The registry without the entries named in exactly one of `texts` and in none of `known_texts`.

    `data` is the parsed actors.yaml; returns (new data, removed entries). A kept entry whose parent was
    removed loses its `parent`. Texts are compared simplified and normalised, as the matcher sees them.

    >>> reg = {"actors": [{"name": "Meta", "type": "organization", "aliases": ["Meta"]},
    ...                   {"name": "Zhou", "type": "person", "aliases": ["周伯文"], "parent": "Meta"}]}
    >>> new, gone = blind_registry(reg, ["周伯文说", "Meta发布", "Meta表示"])
    >>> [e["name"] for e in new["actors"]], [e["name"] for e in gone]
    (['Meta'], ['Zhou'])
    """
    from .actors import normalise
    from .script import to_simplified

    seen = [normalise(to_simplified(t)) for t in texts]
    known = [normalise(to_simplified(t)) for t in known_texts]
    kept, removed = [], []
    for entry in data.get("actors", []):
        forms = _surface_forms(entry)
        in_corpus = sum(any(f in t for f in forms) for t in seen)
        unseen = in_corpus == 1 and not any(f in t for f in forms for t in known)
        (removed if unseen else kept).append(entry)
    names = {e.get("name") for e in kept}
    kept = [{k: v for k, v in e.items() if k != "parent" or v in names} for e in kept]
    return {**data, "actors": kept}, removed


def write_blind_registry(texts: dict[str, str], known: dict[str, str], registry) -> tuple[Path, int]:
    """Write the blind registry of a corpus's raw texts by article_id (actors the `known` texts name kept) to the
    temporary folder, named by its content so the per-article cache recognises it on the next run;
    (path, entries removed)."""
    import hashlib
    import tempfile

    import yaml

    from .actors import DEFAULT_REGISTRY
    from .config import load_yaml

    data = load_yaml(Path(registry) if registry else DEFAULT_REGISTRY)
    new, removed = blind_registry(data, [texts[k] for k in sorted(texts)], [known[k] for k in sorted(known)])
    text = yaml.safe_dump(new, allow_unicode=True, sort_keys=False)
    out = Path(tempfile.gettempdir()) / f"kaiyuan-blind-{hashlib.sha256(text.encode()).hexdigest()[:16]}.yaml"
    if not out.exists():
        out.write_text(text, encoding="utf-8")
    return out, len(removed)


# ---------------------------------------------------------------- driver
def evaluate(corpus: str | Path, gold_dir: str | Path, registry=None, labels=None, workers: int = 1,
             cache: bool = True, max_article_chars: int | None = None, blind: str | Path | bool | None = None
             ) -> Evaluation:
    """Run the pipeline on `corpus` and score every layer against the gold folder (raises GoldError).

    `blind`: run with the registry-blind registry (module docstring); True, or the folder whose actors count
    as known (the seeds). Names are still mapped through the full registry."""
    from .gold import article_texts
    from .pipeline import run

    gold = load_gold(gold_dir)
    kwargs = {"max_article_chars": max_article_chars} if max_article_chars else {}
    raw = article_texts(corpus)
    run_registry, note = registry, ""
    if blind:
        known = {} if blind is True else article_texts(blind)
        run_registry, n_removed = write_blind_registry(raw, known, registry)
        note = f"registry-blind: {n_removed} entries named in one article only removed"
    result = run(corpus, workers=workers, cache=cache, registry=run_registry, labels=labels, **kwargs)
    ev = _score_all(gold, result, raw, registry, labels, run_registry, cache=cache)
    if note:
        ev.scores["note"] = [f"{n}; {note}" if n else note for n in ev.scores["note"].fillna("")]
    return ev


def _score_all(gold: Gold, result, raw: dict[str, str], registry, labels, run_registry=None,
               cache: bool = True) -> Evaluation:
    """Every layer's scores and errors for one pipeline result (`raw`: the corpus's raw texts by article_id;
    names mapped through `registry`, stance relevance from `run_registry`, the registry the run used)."""
    from .quotes import quote_stance
    from .stance import load_quote_labels

    namer = Namer(registry)
    scores, errors = [], []
    held = _held_out_predictions(result, labels, run_registry if run_registry is not None else registry, cache)
    # quote stance from the same held-out labels (the pipeline's own quotes prefer hand labels, in-sample here)
    held_quotes = {"quotes": result["quotes"], "quote_stance": quote_stance(result["quotes"], held[0], load_quote_labels())}
    for s, e in (score_metadata(gold, result), score_cleaning(gold, result, raw), score_actors(gold, result, namer),
                 score_dates(gold, result), score_events(gold, result, namer), score_quotes(gold, held_quotes, namer)):
        scores += s
        errors += e
    s, e, confusion = score_sentence_stance(gold, result, held)
    scores += s
    errors += e
    s, e = score_article_stance(gold, result, held[0])
    scores += s
    errors += e
    return Evaluation(pd.DataFrame(scores, columns=SCORE_COLUMNS), pd.DataFrame(errors, columns=ERROR_COLUMNS), confusion)


TRAINING_GOLD = ("evaluation/seeds/gold", "evaluation/dev/gold")  # never the test gold


def quote_labels(gold_dirs=TRAINING_GOLD, root: str | Path = ".") -> pd.DataFrame:
    """The labelled quotes of the training gold (seeds + dev), speakers as registry names: the content of
    data/quote_labels.csv, the speaker priors of `quotes.quote_stance` (rewrite the file with
    `quote_labels().to_csv(stance.QUOTE_LABELS_PATH, index=False)` after the gold changes)."""
    from .stance import quote_label_rows

    rows = [g for d in gold_dirs for g in load_gold(Path(root) / d)["quotes"]]
    return quote_label_rows(rows, Namer())


def write_evaluation(ev: Evaluation, out_dir: str | Path, title: str) -> list[Path]:
    """scores.csv, errors.csv, one confusion CSV per target, and evaluation.html (escaped, static)."""
    from .report import CSP, STYLE, esc, table_html

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "scores.csv", out / "errors.csv"]
    ev.scores.to_csv(paths[0], index=False, encoding="utf-8-sig")
    ev.errors.to_csv(paths[1], index=False, encoding="utf-8-sig")
    conf_html = ""
    for t, df in ev.confusion.items():
        p = out / f"confusion_{t}.csv"
        df.to_csv(p, encoding="utf-8-sig")
        paths.append(p)
        conf_html += f"<h3>{esc(t)}</h3>{df.to_html(escape=True, border=0)}"
    doc = f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>kaiyuan evaluation · {esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<style>{STYLE}</style></head><body>
<h1>How good are the numbers? {esc(title)}</h1>
<p>Every layer scored against hand annotations (rules: evaluation/README.md). Baselines beside each score.</p>
<h2>Scores</h2>{table_html(ev.scores, max_rows=500)}
<h2>Sentence stance confusion (rows gold, columns kaiyuan)</h2>{conf_html or '<p>No sentence labels in this gold.</p>'}
<h2>Every error (gold vs got)</h2>{table_html(ev.errors, max_rows=5000)}
</body></html>"""
    page = out / "evaluation.html"
    page.write_text(doc, encoding="utf-8")
    return paths + [page]


# ---------------------------------------------------------------- suite (make evaluate)
def load_suite(path: str | Path) -> dict:
    """evaluation/floors.yaml: the corpora to score (corpus and gold folders; `blind: true` or a folder of known
    articles for a registry-blind run) and each score's floor."""
    import yaml

    path = Path(path)
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    base = path.parent.parent if path.parent.name == "evaluation" else path.parent
    corpora = {name: {k: v if isinstance(v, bool) else str((base / v).resolve()) for k, v in c.items()}
               for name, c in spec.get("corpora", {}).items()}
    return {"corpora": corpora, "floors": spec.get("floors", {}) or {}}


def suite_table(evaluations: dict[str, Evaluation]) -> pd.DataFrame:
    """One row per (layer, metric, method) in scoring order, one column of values per corpus."""
    allrows = pd.concat([ev.scores.assign(corpus=name) for name, ev in evaluations.items()], ignore_index=True)
    table = allrows.pivot_table(index=["layer", "metric", "method"], columns="corpus", values="value",
                                aggfunc="first", sort=False)
    return table.reindex(columns=list(evaluations)).reset_index()


def below_floors(evaluations: dict[str, Evaluation], floors: dict) -> list[str]:
    """Every kaiyuan score under its floor: 'dev actors.f1 0.81 < floor 0.82'."""
    out = []
    for name, metrics in sorted(floors.items()):
        ev = evaluations.get(name)
        if ev is None:
            continue
        for key, floor in sorted(metrics.items()):
            layer, metric = key.split(".", 1)
            value = ev.value(layer, metric)
            if value is None or value != value or value + 1e-9 < float(floor):
                out.append(f"{name} {key} {value} < floor {floor}")
    return out
