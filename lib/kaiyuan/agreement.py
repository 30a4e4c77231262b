"""Inter-annotator agreement between two gold folders of the same articles, layer by layer.

    kaiyuan agreement --a DIR --b DIR [--out FILE.csv]

Layers and measures (rows: layer, measure, value, n, note):
    metadata   published / title identical (title after normalisation)
    cleaning   boilerplate snippets: F1 of the two sets (normalised, per article)
    actors     mention F1 (per article and actor, min of the two counts are shared mentions);
               share of (article, actor) pairs with the same count
    dates      expressions: F1 of the two sets; intervals: share of shared expressions with the same interval
    quotes     quotes: F1 (same article, one snippet contains the other); speakers: share of shared quotes
               with the same speaker (after registry names)
    stance     sentence labels: Cohen's kappa and raw agreement per target (sentences aligned on text);
               article labels: raw agreement and kappa over (article, target) pairs
Only articles that both folders annotate are compared.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from .gold import TARGETS, Gold, GoldError, load_gold, match_key

COLUMNS = ["layer", "measure", "value", "n", "note"]


def _row(layer: str, measure: str, value: float, n: int, note: str = "") -> dict:
    return {"layer": layer, "measure": measure, "value": round(float(value), 4) if n else float("nan"), "n": n, "note": note}


def _f1(a: Counter, b: Counter) -> tuple[float, int]:
    shared = sum((a & b).values())
    total = sum(a.values()) + sum(b.values())
    return (2 * shared / total if total else float("nan")), total


def _boilerplate(a: Gold, b: Gold, ids: set[str]) -> list[dict]:
    """Junk lines both annotators listed: snippets (first 10-20 characters) paired when one contains the other."""
    ra = [r for r in a["boilerplate"] if r["article_id"] in ids and match_key(r["snippet"])]
    rb = [r for r in b["boilerplate"] if r["article_id"] in ids and match_key(r["snippet"])]
    pairs = _pairs(ra, rb, lambda r: match_key(r["snippet"]))
    total = len(ra) + len(rb)
    return [_row("cleaning", "boilerplate F1", 2 * len(pairs) / total if total else 0, total)]


def _metadata(a: Gold, b: Gold, ids: list[str]) -> list[dict]:
    ra = {r["article_id"]: r for r in a["articles"]}
    rb = {r["article_id"]: r for r in b["articles"]}
    pub = sum(ra[i]["published"] == rb[i]["published"] for i in ids)
    title = sum(match_key(ra[i]["title"]) == match_key(rb[i]["title"]) for i in ids)
    return [_row("metadata", "published identical", pub / len(ids), len(ids)),
            _row("metadata", "title identical", title / len(ids), len(ids))]


def _actors(a: Gold, b: Gold, ids: set[str], namer) -> list[dict]:
    def counts(g):
        c = Counter()
        for r in g["actors"]:
            if r["article_id"] in ids:
                c[(r["article_id"], namer(r["actor"]))] += int(r["count"])
        return c

    ca, cb = counts(a), counts(b)
    f1, _ = _f1(ca, cb)
    pairs = set(ca) | set(cb)
    same = sum(ca.get(k, 0) == cb.get(k, 0) for k in pairs)
    return [_row("actors", "mention F1", f1, sum(ca.values()) + sum(cb.values()), "shared = min of the two counts"),
            _row("actors", "same count", same / len(pairs) if pairs else 0, len(pairs), "(article, actor) pairs in either")]


def _pairs(rows_a: list[dict], rows_b: list[dict], key) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairs of rows in the same article whose keys contain one another."""
    used, out = set(), []
    for ra in rows_a:
        ka = key(ra)
        for j, rb in enumerate(rows_b):
            kb = key(rb)
            if j not in used and rb["article_id"] == ra["article_id"] and ka and kb and (ka in kb or kb in ka):
                used.add(j)
                out.append((ra, rb))
                break
    return out


def _dates(a: Gold, b: Gold, ids: set[str]) -> list[dict]:
    ra = [r for r in a["dates"] if r["article_id"] in ids]
    rb = [r for r in b["dates"] if r["article_id"] in ids]
    pairs = _pairs(ra, rb, lambda r: match_key(r["expression"]))
    total = len(ra) + len(rb)
    same = sum((x["start"], x["end"]) == (y["start"], y["end"]) for x, y in pairs)
    return [_row("dates", "expressions F1", 2 * len(pairs) / total if total else 0, total),
            _row("dates", "same interval", same / len(pairs) if pairs else 0, len(pairs), "shared expressions")]


def _quotes(a: Gold, b: Gold, ids: set[str], namer) -> list[dict]:
    ra = [r for r in a["quotes"] if r["article_id"] in ids]
    rb = [r for r in b["quotes"] if r["article_id"] in ids]
    pairs = _pairs(ra, rb, lambda r: match_key(r["snippet"])[:8])
    total = len(ra) + len(rb)
    same = sum(namer(x["speaker"]) == namer(y["speaker"]) for x, y in pairs)
    return [_row("quotes", "quotes F1", 2 * len(pairs) / total if total else 0, total),
            _row("quotes", "same speaker", same / len(pairs) if pairs else 0, len(pairs), "shared quotes")]


def _kappa(x: list[str], y: list[str]) -> float:
    from sklearn.metrics import cohen_kappa_score

    if not x:
        return float("nan")
    return 1.0 if len(set(x) | set(y)) == 1 else float(cohen_kappa_score(x, y))


def _stance(a: Gold, b: Gold, ids: set[str]) -> list[dict]:
    out = []
    ra = [r for r in a["stance_labels"] if r["article_id"] in ids]
    rb = [r for r in b["stance_labels"] if r["article_id"] in ids]
    pairs = _pairs(ra, rb, lambda r: match_key(r["text"]))
    for t in TARGETS:
        x, y = [p[0][t] for p in pairs], [p[1][t] for p in pairs]
        out.append(_row("stance", f"sentence kappa {t}", _kappa(x, y), len(pairs),
                        f"raw agreement {sum(i == j for i, j in zip(x, y)) / len(pairs):.3f}" if pairs else ""))
    la = {(r["article_id"], r["target"]): r["label"] for r in a["stance_articles"] if r["article_id"] in ids}
    lb = {(r["article_id"], r["target"]): r["label"] for r in b["stance_articles"] if r["article_id"] in ids}
    keys = sorted(set(la) & set(lb))
    x, y = [la[k] for k in keys], [lb[k] for k in keys]
    out.append(_row("stance", "article label agreement", sum(i == j for i, j in zip(x, y)) / len(keys) if keys else 0,
                    len(keys), f"kappa {_kappa(x, y):.3f}" if keys else ""))
    return out


def agreement(a: Gold, b: Gold, registry=None) -> pd.DataFrame:
    """Agreement table (COLUMNS) over the articles both gold folders annotate."""
    from .evaluate import Namer

    namer = Namer(registry)
    ids = sorted(set(a.article_ids) & set(b.article_ids))
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    sid = set(ids)
    rows = _metadata(a, b, ids) + _boilerplate(a, b, sid)
    rows += _actors(a, b, sid, namer) + _dates(a, b, sid) + _quotes(a, b, sid, namer) + _stance(a, b, sid)
    return pd.DataFrame(rows, columns=COLUMNS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kaiyuan agreement", description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="first annotator's gold folder")
    parser.add_argument("--b", required=True, help="second annotator's gold folder")
    parser.add_argument("--out", default=None, help="write the table as CSV")
    args = parser.parse_args(argv)
    try:
        table = agreement(load_gold(args.a), load_gold(args.b))
    except GoldError as err:
        print(f"kaiyuan: malformed gold: {err}", file=sys.stderr)
        return 2
    print(table.to_string(index=False))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out, index=False)
    return 0
