"""Display helpers for the notebooks: each returns a DataFrame or figure from a pipeline Result.

Notebooks stay thin: one call per question.  Every chart is saved with the CSV of
the numbers it draws (kaiyuan.plotting.save).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import plotting


def article_table(result) -> pd.DataFrame:
    """Articles at a glance: outlet, date, script, raw vs clean length, sentence count."""
    a = result["articles"]
    cols = ["article_id", "title", "outlet", "published", "published_basis", "script", "encoding",
            "n_chars_raw", "n_chars_clean", "n_sentences", "duplicate_of", "warnings"]
    out = a[cols].copy()
    out["kept_%"] = (100 * a["n_chars_clean"] / a["n_chars_raw"]).round(1)
    return out


def removed_by_reason(result) -> pd.DataFrame:
    """Lines removed by cleaning, counted per reason and article (with a total column)."""
    r = result["removed_lines"]
    if r.empty:
        return pd.DataFrame(columns=["reason", "total"])
    table = pd.crosstab(r["reason"], r["article_id"])
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total"], ascending=False, kind="stable").reset_index()


def removed_examples(result, per_reason: int = 2, width: int = 60) -> pd.DataFrame:
    """A few removed lines per reason, shortened, with article and line number to find them."""
    r = result["removed_lines"].copy()
    r["text"] = r["text"].str.slice(0, width)
    return r.groupby("reason", sort=True).head(per_reason).sort_values(["reason", "article_id", "line_no"]).reset_index(drop=True)


def repairs_by_rule(result, per_rule: int = 2) -> pd.DataFrame:
    """In-line repairs: count per rule and a couple of before/after examples."""
    rp = result["repairs"]
    if rp.empty:
        return pd.DataFrame(columns=["rule", "count", "example_before", "example_after"])
    rows = []
    for rule, g in rp.groupby("rule", sort=True):
        ex = g.head(per_rule)
        rows.append({"rule": rule, "count": len(g), "articles": g["article_id"].nunique(),
                     "example_before": " ‖ ".join(ex["before"]), "example_after": " ‖ ".join(ex["after"])})
    return pd.DataFrame(rows).sort_values(["count", "rule"], ascending=[False, True]).reset_index(drop=True)


def sentence_stats(result) -> pd.DataFrame:
    """Sentences per article by kind, with median sentence length in characters."""
    s = result["sentences"].assign(length=lambda d: d["end"] - d["start"])
    counts = pd.crosstab(s["article_id"], s["kind"])
    counts["total"] = counts.sum(axis=1)
    counts["median_length"] = s.groupby("article_id")["length"].median()
    return counts.reset_index()


def length_chart(result, output: str | Path | None = None):
    """Bar chart of raw vs clean characters per article; saved as PNG + CSV under output/figures."""
    import matplotlib.pyplot as plt

    plotting.setup()
    a = result["articles"]
    data = a[["article_id", "n_chars_raw", "n_chars_clean"]].copy()
    data["label"] = data["article_id"].str.slice(0, 3) + " " + a["outlet"].fillna("").astype(str)
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(data) + 1.5))
    y = range(len(data))
    ax.barh([i + 0.2 for i in y], data["n_chars_raw"], height=0.4, label="原始 raw", color=plotting.PALETTE[5])
    ax.barh([i - 0.2 for i in y], data["n_chars_clean"], height=0.4, label="清洗后 clean", color=plotting.PALETTE[0])
    ax.set_yticks(list(y), data["label"])
    ax.invert_yaxis()
    ax.set_xlabel("字符数 characters")
    ax.set_title("清洗前后的文章长度 Article length before and after cleaning")
    ax.legend(loc="lower right", frameon=False)
    if output is not None:
        plotting.save(fig, data, Path(output) / "figures" / "00_article_length")
    return fig


def corpus_summary(result) -> str:
    """One paragraph of corpus facts in words, computed (so the numbers are always current)."""
    a, r = result["articles"], result["removed_lines"]
    rep = result["load_report"]
    scripts = a["script"].value_counts().to_dict()
    dated = (a["published"] != "").sum()
    raw, clean = a["n_chars_raw"].sum(), a["n_chars_clean"].sum()
    return (
        f"{len(a)} articles loaded ({(rep['status'] == 'rejected').sum()} files rejected), "
        f"{len(result['sentences'])} sentences; scripts: "
        + ", ".join(f"{k} {v}" for k, v in sorted(scripts.items()))
        + f"; {dated} of {len(a)} have a publication date. Cleaning kept {clean:,} of {raw:,} characters "
        f"({100 * clean / max(raw, 1):.1f}%) and removed {len(r)} lines for {r['reason'].nunique()} kinds of reason; "
        f"{len(result['repairs'])} in-line repairs; {(a['duplicate_of'] != '').sum()} duplicates flagged."
    )
