"""What changed between two runs: new articles, new actors and names, stance shifts, new or conflicting events.

A run's tables are the CSV folder `python -m kaiyuan run` (or `make report`) wrote, or a
pipeline Result; both are read as {table name: DataFrame}.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

TABLES = ["articles", "actor_counts", "unknown_actors", "stance_articles", "timeline"]


def load_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read a previous run's CSV tables (missing tables come back empty)."""
    folder = Path(folder)
    out = {}
    for name in TABLES:
        path = folder / f"{name}.csv"
        out[name] = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()
    return out


def as_tables(run) -> dict[str, pd.DataFrame]:
    """Tables of a Result or a tables dict, as strings (so CSV and in-memory runs compare alike)."""
    tables = run.tables if hasattr(run, "tables") else run
    return {name: tables[name].astype(str) if name in tables else pd.DataFrame() for name in TABLES}


def subset_tables(result, article_ids: list[str]) -> dict[str, pd.DataFrame]:
    """The tables restricted to some articles: stands in for 'a previous run' in the demo."""
    out = {}
    for name, df in as_tables(result).items():
        if "article_id" in df.columns:
            out[name] = df[df["article_id"].isin(article_ids)]
        elif "article_ids" in df.columns:
            keep = df["article_ids"].str.split(";").apply(lambda ids: any(i.strip() in article_ids for i in ids))
            out[name] = df[keep]
        else:
            out[name] = df
    return out


def new_articles(current, previous) -> pd.DataFrame:
    """Articles present now but not in the previous run (and the reverse, flagged 'gone')."""
    cur, prev = as_tables(current)["articles"], previous["articles"]
    prev_ids = set(prev.get("article_id", []))
    cur_ids = set(cur.get("article_id", []))
    added = cur[~cur["article_id"].isin(prev_ids)].assign(change="new")
    gone = prev[~prev["article_id"].isin(cur_ids)].assign(change="gone") if len(prev) else prev
    cols = ["change", "article_id", "title", "outlet", "published"]
    return pd.concat([added, gone], ignore_index=True).reindex(columns=cols)


def actor_changes(current, previous) -> pd.DataFrame:
    """Actors whose total mentions changed, with 'new' for actors never seen before."""
    def totals(df):
        if df.empty:
            return pd.Series(dtype=int)
        return df.assign(count=df["count"].astype(int)).groupby("actor")["count"].sum()

    cur, prev = totals(as_tables(current)["actor_counts"]), totals(previous["actor_counts"])
    both = pd.DataFrame({"before": prev, "now": cur}).fillna(0).astype(int)
    both["change"] = both["now"] - both["before"]
    both["status"] = ["new" if b == 0 else "more" if c > 0 else "fewer" for b, c in zip(both["before"], both["change"])]
    both = both[both["change"] != 0].reset_index(names="actor")
    return both.sort_values(["status", "change", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def new_unknown_names(current, previous) -> pd.DataFrame:
    """Unknown-actor candidates that the previous run did not list: names to consider adding to the registry."""
    cur, prev = as_tables(current)["unknown_actors"], previous["unknown_actors"]
    seen = set(prev.get("candidate", []))
    return cur[~cur["candidate"].isin(seen)].reset_index(drop=True)


def stance_shifts(current, previous) -> pd.DataFrame:
    """Corpus-level share of articles per stance label and target, before and now."""
    def shares(df):
        if df.empty:
            return pd.DataFrame(columns=["target", "label", "articles"])
        return df.groupby(["target", "label"]).size().rename("articles").reset_index()

    cur, prev = shares(as_tables(current)["stance_articles"]), shares(previous["stance_articles"])
    m = cur.merge(prev, on=["target", "label"], how="outer", suffixes=("_now", "_before")).fillna(0)
    m[["articles_now", "articles_before"]] = m[["articles_now", "articles_before"]].astype(int)
    return m.sort_values(["target", "label"]).reset_index(drop=True)


def timeline_changes(current, previous) -> pd.DataFrame:
    """Timeline entries that are new (by label and interval) and every entry flagged as a conflict now."""
    cur, prev = as_tables(current)["timeline"], previous["timeline"]
    if cur.empty:
        return cur
    key = lambda df: df["label"] + "|" + df["start"] + "|" + df["end"]  # noqa: E731
    seen = set(key(prev)) if len(prev) else set()
    out = cur.assign(change=["new" if k not in seen else "" for k in key(cur)])
    out = out[(out["change"] == "new") | (out["conflict"].str.lower() == "true")]
    return out.reset_index(drop=True)
