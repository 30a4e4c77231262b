"""Sentence browser: every sentence with its actors, stance labels and dates, filterable.

`sentence_table` is a plain DataFrame (readable in static HTML); `browser` wraps it in
ipywidgets for JupyterLab: filter by actor, stance label, date range and article, and read
each sentence with the one before and after it.
"""
from __future__ import annotations

import html

import pandas as pd


SOURCES = ("hand", "model", "cue")  # where a label comes from, most trusted first


def sentence_table(result) -> pd.DataFrame:
    """One row per sentence: text, actors, the stance label per target with its source (`<target>_source`:
    hand = an annotator's label, preferred wherever one exists; else model; else the cue baseline), and
    the resolved date range."""
    s = result["sentences"][["article_id", "sentence_id", "kind", "text"]].copy()
    key = ["article_id", "sentence_id"]
    # Empty parts keep the (article_id, sentence_id) index: joining a frame without it raises.
    none = pd.MultiIndex.from_arrays([[], []], names=key)
    m = result["mentions"]
    actors = (m.groupby(key)["actor"].agg(lambda a: "; ".join(sorted(set(a)))).rename("actors") if len(m)
              else pd.Series(index=none, dtype=object, name="actors"))
    labels = _labels_with_sources(result["stance_sentences"], key, none)
    te = result["temporal_expressions"]
    te = te[te["resolved"].astype(bool)] if len(te) else te
    dates = (te.groupby(key).agg(date_from=("start", "min"), date_to=("end", "max")) if len(te)
             else pd.DataFrame({"date_from": [], "date_to": []}, index=none, dtype=object))
    out = s.set_index(key).join(actors).join(labels).join(dates).reset_index()
    return out.fillna({"actors": ""}).fillna("")


def _labels_with_sources(st: pd.DataFrame, key: list[str], none) -> pd.DataFrame:
    """Per sentence: each target's most trusted label (SOURCES order) and, beside it, where it comes from."""
    if st.empty:
        return pd.DataFrame(index=none)
    rank = st["method"].map({m: i for i, m in enumerate(SOURCES)}).fillna(len(SOURCES))
    best = st.assign(_rank=rank).sort_values(key + ["target", "_rank"], kind="stable").drop_duplicates(key + ["target"])
    wide = best.pivot(index=key, columns="target", values=["label", "method"])
    columns = []
    for target in sorted(best["target"].unique()):
        columns += [wide[("label", target)].rename(target), wide[("method", target)].rename(f"{target}_source")]
    return pd.concat(columns, axis=1)


def label_summary(row, targets) -> str:
    """'open_source_ai: critical (hand) · meta_openness: neutral (model)' for one sentence-table row."""
    return " · ".join(f"{t}: {getattr(row, t)} ({getattr(row, t + '_source')})" for t in targets if getattr(row, t))


def filter_sentences(table: pd.DataFrame, actor: str = "", label: str = "", target: str = "open_source_ai",
                     article: str = "", date_from: str = "", date_to: str = "") -> pd.DataFrame:
    """Rows matching every given filter (empty filter = no constraint); dates compare as ISO strings, and a
    sentence matches a date range when its resolved dates overlap it."""
    t = table
    if actor:
        t = t[t["actors"].str.split("; ").apply(lambda a: actor in a)]
    if label and target in t:
        t = t[t[target] == label]
    if article:
        t = t[t["article_id"] == article]
    # A partial bound ("2024" or "2024-12") covers its whole year or month: compare at its precision.
    if date_from and "date_to" in t:
        t = t[(t["date_to"] != "") & (t["date_to"].str.slice(0, len(date_from)) >= date_from)]
    if date_to and "date_from" in t:
        t = t[(t["date_from"] != "") & (t["date_from"].str.slice(0, len(date_to)) <= date_to)]
    return t


def context(table: pd.DataFrame, article_id: str, sentence_id: int) -> str:
    """The sentence with the one before and after it, the sentence itself in bold (HTML-escaped)."""
    rows = table[(table["article_id"] == article_id) & (table["sentence_id"].between(sentence_id - 1, sentence_id + 1))]
    parts = [f"<b>{html.escape(r.text)}</b>" if r.sentence_id == sentence_id else html.escape(r.text) for r in rows.itertuples()]
    return " ".join(parts)


def browser(result):
    """An ipywidgets sentence browser for JupyterLab (static HTML shows the table instead)."""
    import ipywidgets as w
    from IPython.display import HTML, display

    table = sentence_table(result)
    names = sorted({a for cell in table["actors"] for a in cell.split("; ") if a})
    actor = w.Dropdown(options=[""] + names, description="actor")
    target = w.Dropdown(options=[c for c in ("open_source_ai", "meta_openness") if c in table], description="target")
    label = w.Dropdown(options=["", "supportive", "neutral", "critical"], description="label")
    article = w.Dropdown(options=[""] + sorted(table["article_id"].unique()), description="article")
    d_from, d_to = w.Text(description="from", placeholder="2023-01"), w.Text(description="to", placeholder="2024-12")
    out = w.Output()

    def refresh(_=None):
        rows = filter_sentences(table, actor.value, label.value, target.value, article.value, d_from.value, d_to.value)
        with out:
            out.clear_output()
            print(f"{len(rows)} sentences")
            for r in rows.head(50).itertuples():
                display(HTML(f"<p><code>{html.escape(r.article_id)}:{r.sentence_id}</code> "
                             f"{context(table, r.article_id, r.sentence_id)}<br>"
                             f"<small>{html.escape(label_summary(r, target.options))}</small></p>"))

    for control in (actor, target, label, article, d_from, d_to):
        control.observe(refresh, names="value")
    refresh()
    return w.VBox([w.HBox([actor, target, label]), w.HBox([article, d_from, d_to]), out])
