"""Display helpers for the notebooks: each returns a DataFrame or figure from a pipeline Result.

Notebooks stay thin: one call per question.  Every chart is saved with the CSV of
the numbers it draws (kaiyuan.plotting.save).
"""
from __future__ import annotations

import functools
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


# --- Actors (notebook 02) -------------------------------------------------------------

def top_actors(result, n: int = 20) -> pd.DataFrame:
    """Most-mentioned actors over the corpus: mentions, articles, mentions per 1,000 clean characters."""
    m, a = result["mentions"], result["articles"]
    total_chars = max(int(a["n_chars_clean"].sum()), 1)
    g = m.groupby(["actor", "actor_type"]).agg(mentions=("sentence_id", "size"), articles=("article_id", "nunique"))
    g["per_1k_chars"] = (1000 * g["mentions"] / total_chars).round(3)
    return g.reset_index().sort_values(["mentions", "actor"], ascending=[False, True]).head(n).reset_index(drop=True)


def actors_per_article(result, n: int = 5) -> pd.DataFrame:
    """Each article's top actors by count, with per-1,000-character rates (articles differ in length)."""
    c = result["actor_counts"]
    return (c.sort_values(["article_id", "count", "actor"], ascending=[True, False, True])
            .groupby("article_id").head(n).reset_index(drop=True))


def actor_matrix(result, n: int = 20) -> pd.DataFrame:
    """Actor × article matrix of mentions per 1,000 clean characters, for the top-n actors."""
    top = top_actors(result, n)["actor"]
    c = result["actor_counts"]
    mat = c[c["actor"].isin(top)].pivot_table(index="actor", columns="article_id", values="per_1k_chars", fill_value=0.0)
    articles = sorted(set(result["articles"]["article_id"]) | set(mat.columns))  # an article without them is a 0 column
    return mat.reindex(index=top, columns=articles).fillna(0.0)


def actor_heatmap(result, output=None, n: int = 20):
    """Heatmap of the actor × article rate matrix (saved with its CSV)."""
    import matplotlib.pyplot as plt

    plotting.setup()
    mat = actor_matrix(result, n)
    fig, ax = plt.subplots(figsize=(1.2 * max(len(mat.columns), 3) + 3, 0.35 * max(len(mat), 3) + 1.5))
    im = ax.imshow(mat.values, cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(mat.columns)), [c[:3] for c in mat.columns])
    ax.set_yticks(range(len(mat.index)), _actor_labels(result, mat.index))
    for (i, j), v in pd.DataFrame(mat.values).stack().items():
        if v:
            ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=8, color="white" if v > mat.values.max() / 2 else "black")
    ax.set_xlabel("文章 article")
    ax.set_title("每千字提及次数 Mentions per 1,000 characters")
    fig.colorbar(im, ax=ax, shrink=0.6)
    if output is not None:
        plotting.save(fig, mat.reset_index(), Path(output) / "figures" / "02_actor_heatmap")
    return fig


def _actor_labels(result, names) -> list[str]:
    """'Chinese name (English)' labels from the registry where they differ."""
    from . import actors

    zh = {e.name: e.name_zh for e in actors.load_registry().entries}
    return [f"{zh.get(n, n)} {n}" if zh.get(n, n) != n else n for n in names]


def network_edges(result, min_sentences: int = 2, n: int = 25) -> tuple[pd.DataFrame, int]:
    """The pairs the network draws (both actors among the n most mentioned, in >= min_sentences sentences
    together) and how many pairs reach min_sentences at all (so the title can say what was left out)."""
    co = result["cooccurrence"]
    edges = co[co["sentences"] >= min_sentences]
    keep = set(top_actors(result, n)["actor"])
    kept = edges[edges["actor_a"].isin(keep) & edges["actor_b"].isin(keep)].reset_index(drop=True)
    return kept, len(edges)


def cooccurrence_network(result, output=None, min_sentences: int = 2, n: int = 25):
    """Co-occurrence network (edges = sentences mentioning both) drawn with a fixed-seed layout; the title
    says which actors and pairs it keeps; labels are moved apart so that none overlaps another."""
    import matplotlib.pyplot as plt
    import networkx as nx

    plotting.setup()
    edges, n_pairs = network_edges(result, min_sentences, n)
    g = nx.Graph()  # nodes and edges added in sorted order so the layout is deterministic
    g.add_nodes_from(sorted(set(edges["actor_a"]) | set(edges["actor_b"])))
    for row in edges.sort_values(["actor_a", "actor_b"]).itertuples():
        g.add_edge(row.actor_a, row.actor_b, weight=row.sentences)
    fig, ax = plt.subplots(figsize=(10, 8))
    if g.number_of_nodes():
        counts = top_actors(result, 10_000).set_index("actor")["mentions"]
        pos = nx.kamada_kawai_layout(g, weight=None)
        widths = [0.6 + 0.6 * g[u][v]["weight"] for u, v in g.edges()]
        nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.35, edge_color=plotting.PALETTE[5])
        sizes = [30 + 8 * counts.get(v, 1) for v in g.nodes()]
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=plotting.PALETTE[0], alpha=0.8)
        ax.set_xlim(-1.3, 1.3)  # the layout is scaled to [-1, 1]; fixed limits (even for collinear
        ax.set_ylim(-1.3, 1.3)  # nodes) so that labels can be placed in pixels
        labels = nx.draw_networkx_labels(g, {k: (x, y + 0.04) for k, (x, y) in pos.items()}, ax=ax,
                                         font_size=9, font_family=plotting.FONT_NAME, verticalalignment="bottom")
        nodes = plotting.marker_boxes(ax, [pos[v] for v in g.nodes()], sizes)
        plotting.place_labels(ax, [labels[v] for v in g.nodes()], [pos[v] for v in g.nodes()], obstacles=nodes)
    ax.set_title(f"共现网络 Co-occurrence of the {n} most-mentioned actors: pairs in ≥{min_sentences} sentences "
                 f"together ({len(edges)} of {n_pairs} such pairs drawn)", fontsize=11)
    ax.axis("off")
    if output is not None:
        plotting.save(fig, edges, Path(output) / "figures" / "02_cooccurrence_network")
    return fig


def actor_type_shares(result) -> pd.DataFrame:
    """Share of mentions and of distinct actors by actor type."""
    m = result["mentions"]
    g = m.groupby("actor_type").agg(mentions=("actor", "size"), actors=("actor", "nunique"))
    g["share_of_mentions_%"] = (100 * g["mentions"] / max(len(m), 1)).round(1)
    return g.sort_values("mentions", ascending=False).reset_index()


def kwic(result, actor: str, width: int = 18, n: int = 15) -> pd.DataFrame:
    """Keyword in context for one actor: left context, the mention as written, right context."""
    m = result["mentions"]
    rows = []
    for r in m[m["actor"] == actor].head(n).itertuples():
        text = result.corpus.clean[r.article_id]
        rows.append({"article_id": r.article_id, "sentence_id": r.sentence_id,
                     "left": text[max(0, r.start - width):r.start].replace("\n", " "),
                     "mention": r.surface, "right": text[r.end:r.end + width].replace("\n", " ")})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "left", "mention", "right"])


# --- Stance (notebook 01) --------------------------------------------------------------

def sentence_text(result, article_id: str, sentence_id: int) -> str:
    """The text of one sentence (for evidence tables)."""
    s = result["sentences"]
    row = s[(s["article_id"] == article_id) & (s["sentence_id"] == int(sentence_id))]
    return row["text"].iloc[0] if len(row) else ""


def stance_evidence(result, width: int = 80) -> pd.DataFrame:
    """Per article and target: the label and its three strongest evidence sentences (text), each with
    its own sentence label and where that label comes from (`source`: hand / model / cue)."""
    from . import stance

    sa = result["stance_articles"].copy()
    best = stance.best_labels(result["stance_sentences"])
    own = {(str(a), int(s), t): (lab, m) for a, s, t, lab, m in
           zip(best["article_id"], best["sentence_id"], best["target"], best["label"], best["method"])}
    rows = []
    for r in sa.itertuples():
        ids = [i for i in str(r.evidence_sentence_ids).split(";") if i.strip()]
        for rank, sid in enumerate(ids, 1):
            lab, how = own.get((str(r.article_id), int(sid), r.target), ("", ""))
            rows.append({"article_id": r.article_id, "target": r.target, "label": r.label, "rank": rank,
                         "sentence_id": int(sid), "sentence_label": lab, "source": how,
                         "sentence": sentence_text(result, r.article_id, int(sid))[:width]})
    return pd.DataFrame(rows, columns=["article_id", "target", "label", "rank", "sentence_id", "sentence_label",
                                       "source", "sentence"])


def label_examples(result, target: str, method: str | None = None, per_label: int = 3, width: int = 70) -> pd.DataFrame:
    """A few example sentences for each automatic label of one target (highest scores first)."""
    st = result["stance_sentences"]
    st = st[st["target"] == target]
    if method:
        st = st[st["method"] == method]
    st = st.sort_values(["label", "score", "article_id", "sentence_id"], ascending=[True, False, True, True])
    ex = st.groupby("label").head(per_label).copy()
    ex["sentence"] = [sentence_text(result, a, s)[:width] for a, s in zip(ex["article_id"], ex["sentence_id"])]
    return ex.reset_index(drop=True)


def label_examples_by_target(result, method: str | None = "model", per_label: int = 3, width: int = 70) -> pd.DataFrame:
    """`label_examples` for every configured stance target, one table."""
    from . import stance

    parts = [label_examples(result, t, method, per_label, width) for t in stance.TARGETS]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def actor_stance_charts(result, output=None, n: int = 15) -> list:
    """`actor_stance_chart` for every configured stance target."""
    from . import stance

    return [actor_stance_chart(result, output, target=t, n=n) for t in stance.TARGETS]


def speaker_actor(speaker: str, registry=None) -> str:
    """The registry actor a speaker string stands for: itself when it is an actor's canonical name; the one
    actor it names otherwise ("Meta spokesperson", "AI Alliance press release" -> the organisation);
    unchanged when it names none or several."""
    from . import actors

    registry = registry or actors.load_registry()
    if not isinstance(speaker, str) or not speaker or speaker in registry:
        return speaker if isinstance(speaker, str) else ""
    found = actors.find_mentions(pd.DataFrame({"article_id": ["speaker"], "sentence_id": [0], "start": [0],
                                               "text": [speaker]}), registry)
    names = sorted(set(found["actor"]))
    return names[0] if len(names) == 1 else speaker


def speakers_as_actors(actor_stance: pd.DataFrame, registry=None) -> pd.DataFrame:
    """actor_stance with speaker variants merged into their actor before counting (quotes and labels summed,
    the merged spellings listed in `speaker_variants`)."""
    if actor_stance.empty:
        return actor_stance.assign(speaker_variants="")
    a = actor_stance.assign(speaker_variants=actor_stance["speaker"].fillna(""))
    a["speaker"] = [speaker_actor(s, registry) for s in a["speaker_variants"]]
    counts = [c for c in ("supportive", "critical", "neutral", "mixed", "n_quotes") if c in a]
    firsts = {c: "first" for c in a.columns if c not in counts + ["speaker", "target", "speaker_variants"]}
    merged = a.sort_values(["speaker", "target", "n_quotes"], ascending=[True, True, False], kind="stable").groupby(
        ["speaker", "target"], sort=True).agg({**{c: "sum" for c in counts}, **firsts,
                                               "speaker_variants": lambda v: "; ".join(sorted(set(v)))})
    return merged.reset_index()[list(actor_stance.columns) + ["speaker_variants"]]


def actor_stance_chart(result, output=None, target: str = "open_source_ai", n: int = 15):
    """Stacked bars: each speaker's quotes by stance label for one target (saved with its CSV); speaker
    variants are merged into their actor first (speakers_as_actors).  A quote's label is its sentence's
    hand label where one exists, else the model's (quotes.quote_stance); the title says so."""
    import matplotlib.pyplot as plt

    plotting.setup()
    a = speakers_as_actors(result["actor_stance"])
    a = a[a["target"] == target].sort_values(["n_quotes", "speaker"], ascending=[False, True]).head(n).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 0.4 * max(len(a), 3) + 1.5))
    left = pd.Series(0, index=a.index, dtype=float)
    colours = {"supportive": plotting.PALETTE[2], "neutral": "#c8c8c8", "critical": plotting.PALETTE[1]}
    colours["mixed"] = plotting.PALETTE[4]
    for label in [c for c in ("supportive", "neutral", "mixed", "critical") if c in a]:
        ax.barh(a["speaker"], a[label], left=left, color=colours[label], label=label)
        left += a[label]
    ax.invert_yaxis()
    ax.set_xlabel("引语数 quotes")
    ax.set_title(f"谁说了什么 Speakers' quotes by stance ({target}; labels: hand where annotated, else model)", fontsize=11)
    ax.legend(frameon=False, loc="lower right")
    if output is not None:
        plotting.save(fig, a, Path(output) / "figures" / f"01_actor_stance_{target}")
    return fig


# --- Timeline (notebook 03) ------------------------------------------------------------

TOP_ACTORS = 8          # named colours in the timeline legend; every other main actor is grey "other"
OTHER, OTHER_COLOUR = "其他 other", "#b0b0b0"
MAX_TIMELINE_ROWS = 60  # rows a timeline figure can label legibly; a bigger timeline is cut (timeline_selection)
FINDINGS_MERGED = 12    # merged entries listed by timeline_findings (the most sourced)


def _evenly(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """k rows spread evenly over a frame in date order (all of them when it has no more than k)."""
    frame = frame.sort_values(["start", "timeline_id"], kind="stable")
    if len(frame) <= k:
        return frame
    step = (len(frame) - 1) / max(k - 1, 1)
    return frame.iloc[sorted({round(i * step) for i in range(k)})]


def timeline_selection(tl: pd.DataFrame, max_rows: int = MAX_TIMELINE_ROWS, top: int = TOP_ACTORS
                       ) -> tuple[pd.DataFrame, str]:
    """The entries a readable figure draws, and a note saying which: all of them up to `max_rows`; else every
    entry merged from ≥ 2 articles (the most sourced when they are too many), then single-source exact days
    whose main actor is one of the `top` most frequent (they have a colour), spread evenly over time, then
    any other single-source entries, spread likewise.  Kept in date order."""
    n = len(tl)
    if n <= max_rows:
        return tl, f"all {n} dated entries"
    sources = pd.to_numeric(tl["n_sources"], errors="coerce").fillna(1)
    multi = tl[sources > 1].assign(_n=sources[sources > 1]).sort_values(
        ["_n", "start", "timeline_id"], ascending=[False, True, True], kind="stable").head(max_rows).drop(columns="_n")
    single = tl[sources <= 1]
    main = single["main_actor"].fillna("").astype(str) if "main_actor" in single.columns else pd.Series("", single.index)
    counts = main[main != ""].value_counts()
    named = set(sorted(counts.index, key=lambda a: (-counts[a], a))[:top])
    preferred = single[(single["start"] == single["end"]) & main.isin(named)]
    picked = _evenly(preferred, max_rows - len(multi))
    rest = _evenly(single.drop(index=preferred.index), max_rows - len(multi) - len(picked))
    keep = pd.concat([multi, picked, rest]).sort_values(["start", "timeline_id"], kind="stable")
    note = (f"{len(keep)} of {n} entries: {len(multi)} with ≥ 2 sources + {len(picked) + len(rest)} single-source "
            "(top actors' exact days first, spread over time)")
    return keep, note


def _timeline_frame(result, top: int = TOP_ACTORS, max_rows: int | None = None) -> pd.DataFrame:
    """Dated timeline entries with datetime columns, the main actor (the acting party; first actor for a
    table without that column), its colour group (the `top` most frequent main actors, else "other"),
    and whether the entry is an exact day (a marker) or an interval (a bar as wide as the uncertainty).
    With `max_rows`, only the entries `timeline_selection` keeps (its note in `attrs["kept"]`)."""
    tl = result["timeline"].copy()
    tl = tl[tl["start"].fillna("").astype(str).str.len() > 0].reset_index(drop=True)
    kept = f"all {len(tl)} dated entries"
    if max_rows is not None:
        tl, kept = timeline_selection(tl, max_rows)
        tl = tl.reset_index(drop=True)
    tl["start_d"] = pd.to_datetime(tl["start"])
    tl["end_d"] = pd.to_datetime(tl["end"]) + pd.Timedelta(days=1)
    first = tl["actors"].fillna("").astype(str).str.split("; ").str[0]
    main = tl["main_actor"].fillna("").astype(str) if "main_actor" in tl.columns else first
    tl["main_actor"] = main.where(main != "", first).replace("", "(none)")
    counts = tl.loc[tl["main_actor"] != "(none)", "main_actor"].value_counts()
    named = sorted(counts.index, key=lambda a: (-counts[a], a))[:top]
    tl["colour_group"] = tl["main_actor"].where(tl["main_actor"].isin(named), OTHER)
    tl["exact_day"] = (tl["end_d"] - tl["start_d"]).dt.days <= 1
    tl["uncertainty_days"] = (tl["end_d"] - tl["start_d"]).dt.days - 1
    tl.attrs["kept"] = kept
    return tl


# eight colours for the named main actors: the palette without its grey (grey means "other"), plus brown
NAMED_COLOURS = [c for c in plotting.PALETTE if c != "#6b6b6b"] + ["#8c564b"]


def _timeline_colours(tl: pd.DataFrame) -> dict:
    """Colour per colour group: a distinct colour for each named main actor (most frequent first), grey for other."""
    named = [a for a in tl.loc[tl["colour_group"] != OTHER, "colour_group"].value_counts().index]
    named = sorted(named, key=lambda a: (-int((tl["colour_group"] == a).sum()), a))
    colours = {a: NAMED_COLOURS[i % len(NAMED_COLOURS)] for i, a in enumerate(named)}
    colours[OTHER] = OTHER_COLOUR
    return colours


def _timeline_labels(tl: pd.DataFrame) -> list[str]:
    """Row labels: the event's label, with the number of merged sources when there are several."""
    return [f"{r.label}  ({r.n_sources})" if r.n_sources > 1 else str(r.label) for r in tl.itertuples()]


def _draw_timeline_rows(ax, tl: pd.DataFrame, colours: dict, pubs) -> None:
    """Exact days as markers, intervals as bars spanning their uncertainty, publication dates as x ticks."""
    for i, r in tl.iterrows():
        c = colours[r.colour_group]
        if r.exact_day:
            ax.plot(r.start_d, i, "D", color=c, markersize=5)
        else:
            ax.barh(i, r.end_d - r.start_d, left=r.start_d, height=0.5, color=c, alpha=0.7)
    ax.set_xticks(list(pubs), minor=True)
    ax.tick_params(axis="x", which="minor", length=9, width=1.2, color="#333")


def timeline_chart(result, output=None, recent_years: int = 3, max_rows: int = MAX_TIMELINE_ROWS):
    """Timeline figure: one row per merged event with its label; colour by the event's main actor for the
    top 8 actors, grey for the rest; exact days as markers, fuzzy intervals as bars as wide as their
    uncertainty; the articles' publication dates as long ticks on the time axis.  A big timeline keeps
    at most `max_rows` rows (`timeline_selection`: the entries with ≥ 2 sources, or the most sourced);
    the title says which, and the saved CSV holds exactly the rows drawn.

    The axis is broken in two: everything before the last `recent_years` years of coverage is drawn
    compressed on the left, so that the dense recent months stay readable on the right.
    """
    plotting.setup()
    tl = _timeline_frame(result, max_rows=max_rows)
    pubs = pd.to_datetime(result["articles"].loc[result["articles"]["published"] != "", "published"], format="ISO8601")
    ends = ([tl["end_d"].max()] if len(tl) else []) + list(pubs)
    last = max(ends) if ends else pd.Timestamp("2025-01-01")
    split = pd.Timestamp(year=last.year - recent_years + 1, month=1, day=1)
    colours = _timeline_colours(tl)
    early = tl[tl["start_d"] < split]
    fig, (ax0, ax1) = _timeline_axes(tl, early)
    for ax in (ax0, ax1):
        _draw_timeline_rows(ax, tl, colours, pubs)
    _timeline_time_axes(ax0, ax1, tl["start_d"].min() if len(early) else split, split, last)
    ax0.set_yticks(range(len(tl)), _timeline_labels(tl))
    ax0.invert_yaxis()
    _timeline_legend(fig, tl, colours)
    fig.suptitle(f"时间线 Timeline · {tl.attrs['kept']}\none row per merged event; (n) = number of merged sources")
    if output is not None:
        plotting.save(fig, tl.drop(columns=["start_d", "end_d"]), Path(output) / "figures" / "03_timeline")
    return fig


def _timeline_axes(tl: pd.DataFrame, early: pd.DataFrame):
    """The figure and its two panels sharing the rows: the compressed early years (narrow; a sliver when
    no entry starts before the split) and the recent years."""
    import matplotlib.pyplot as plt

    height = 0.3 * max(len(tl), 4) + 2.5
    widths = [1, 3] if len(early) else [0.001, 3]
    return plt.subplots(1, 2, sharey=True, figsize=(12, height), gridspec_kw={"width_ratios": widths, "wspace": 0.04})


def _timeline_time_axes(ax0, ax1, lo, split, last) -> None:
    """The panels' time ranges (early: from `lo`, recent: from `split` to `last`), year ticks on the early
    panel, quarter ticks on the recent one, and the break between them."""
    import matplotlib.dates as mdates

    ax0.set_xlim(lo - pd.Timedelta(days=200), split)
    ax1.set_xlim(split, last + pd.Timedelta(days=45))
    ax0.xaxis.set_major_locator(mdates.YearLocator(max(1, (split.year - lo.year) // 3 or 1)))
    ax0.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax1.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    ax1.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax1.tick_params(axis="x", labelrotation=45)
    ax0.spines["right"].set_visible(False)
    ax1.spines["left"].set_visible(False)
    ax1.tick_params(axis="y", left=False)


def _timeline_legend(fig, tl: pd.DataFrame, colours: dict) -> None:
    """Legend below the panels: the main actors' colours (grey 'others' only when drawn) and the mark kinds."""
    import matplotlib.pyplot as plt

    handles = [plt.Line2D([], [], marker="s", ls="", color=c, label=a) for a, c in colours.items()
               if a != OTHER or (tl["colour_group"] == OTHER).any()]
    handles += [plt.Line2D([], [], marker="D", ls="", color="#555", label="确切日期 exact day"),
                plt.Line2D([], [], lw=6, color="#555", alpha=0.7, label="区间 interval (width = uncertainty)"),
                plt.Line2D([], [], marker="|", ls="", markersize=10, color="#333", label="发表日期 publication date (tick)")]
    fig.legend(handles=handles, loc="lower center", ncol=min(4, len(handles)), frameon=False, fontsize=8,
               title="主要行为者 main actor (acting party; top 8, others grey)",
               bbox_to_anchor=(0.55, -0.02 - 0.012 * len(handles) / 4))


def timeline_sources(result, width: int = 60) -> pd.DataFrame:
    """Merged timeline with each entry's source sentences (article:sentence and text)."""
    tl, ev = result["timeline"], result["events"].set_index("event_id")
    rows = []
    for r in tl.itertuples():
        for eid in str(r.event_ids).split(";"):
            eid = eid.strip()
            if eid in ev.index:
                e = ev.loc[eid]
                rows.append({"timeline_id": r.timeline_id, "start": r.start, "end": r.end, "label": r.label,
                             "conflict": r.conflict, "article_id": e["article_id"], "sentence_id": e["sentence_id"],
                             "expression": e["expression"],
                             "sentence": sentence_text(result, e["article_id"], e["sentence_id"])[:width]})
    return pd.DataFrame(rows, columns=["timeline_id", "start", "end", "label", "conflict", "article_id", "sentence_id",
                                       "expression", "sentence"])


# --- Stance evaluation (notebook 01) ------------------------------------------------------

def _label_stamp(labels=None) -> tuple:
    from . import stance

    data = Path(stance.__file__).parent / "data"
    files = [Path(labels)] if labels else sorted(data.glob("stance_*"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


@functools.lru_cache(maxsize=4)
def _evaluation(stamp: tuple, labels=None):
    from . import stance

    return stance.evaluate(stance.load_training(labels))


def stance_evaluation(labels=None) -> pd.DataFrame:
    """Leave-one-article-out macro-F1 (all labelled sentences and those about the target) and accuracy:
    majority baseline, cue baseline, model, per target, over every training label (seeds and dev)."""
    scores, _ = _evaluation(_label_stamp(labels), labels)
    return scores.round({"macro_f1": 3, "accuracy": 3, "macro_f1_relevant": 3})


EVALUATION = Path(__file__).resolve().parents[2] / "evaluation"  # present in a clone of the repository


@functools.lru_cache(maxsize=4)
def held_out_evaluation(name: str):
    """`kaiyuan.evaluate` on the evaluation corpus `name` (dev / test): an Evaluation, or None when the
    repository's evaluation folder is not there (an installed package)."""
    from .evaluate import evaluate

    root = EVALUATION / name
    if not (root / "articles").is_dir() or not (root / "gold").is_dir():
        return None
    return evaluate(root / "articles", root / "gold", workers=1)


STANCE_METRICS = ("macro_f1_open_source_ai", "macro_f1_relevant_open_source_ai", "macro_f1_meta_openness",
                  "macro_f1_relevant_meta_openness", "article_agreement", "stance_right")


def stance_scores(name: str = "test") -> pd.DataFrame:
    """Stance scores on a held-out evaluation corpus, one row per metric, one column per method
    (kaiyuan, cue, majority, and hand labels where the corpus has training labels)."""
    ev = held_out_evaluation(name)
    if ev is None:
        return pd.DataFrame({"note": [f"evaluation/{name} is not available here (run from a clone of the repository)"]})
    s = ev.scores[ev.scores["metric"].isin(STANCE_METRICS)]
    table = s.pivot_table(index="metric", columns="method", values="value", aggfunc="first", sort=False)
    return table.reindex([m for m in STANCE_METRICS if m in table.index]).round(3)


def stance_confusion(name: str = "test") -> pd.DataFrame:
    """Sentence-stance confusion matrices (rows gold, columns kaiyuan) on a held-out evaluation corpus,
    one block per target."""
    ev = held_out_evaluation(name)
    if ev is None or not ev.confusion:
        return pd.DataFrame()
    return pd.concat(dict(sorted(ev.confusion.items())), names=["target", "gold"])


def stance_errors(name: str = "dev", kind: str = "article", n: int = 20, width: int = 60) -> pd.DataFrame:
    """What the method gets wrong on the DEVELOPMENT corpus (test errors are never read): article
    labels (`kind="article"`) or sentence labels (`kind="sentence"`), gold beside kaiyuan."""
    ev = held_out_evaluation(name)
    if ev is None:
        return pd.DataFrame(columns=["article_id", "item", "gold", "kaiyuan"])
    e = ev.errors[ev.errors["layer"] == "stance"]
    e = e[e["item"].str.startswith("article ")] if kind == "article" else e[~e["item"].str.startswith("article ")]
    e = e.rename(columns={"got": "kaiyuan"})[["article_id", "item", "gold", "kaiyuan"]]
    return e.head(n).assign(item=lambda d: d["item"].str.slice(0, width)).reset_index(drop=True)


def quotes_with_stance(result, width: int = 120) -> pd.DataFrame:
    """The quotes with their speaker and one `stance_<target>` column per configured target (from the
    long `quote_stance` table: hand sentence labels where they exist, else the model's)."""
    from . import quotes

    cols = ["quote_id", "article_id", "sentence_id", "speaker", "speaker_org", "kind", "quote"]
    view = quotes.stance_view(result["quotes"][cols], result["quote_stance"])
    return view.assign(quote=view["quote"].astype(str).str.slice(0, width))


def article_voices(result) -> pd.DataFrame:
    """Per article and target: the article's label beside the voices it quotes (speakers whose quoted
    sentences are supportive / critical), the two kept apart."""
    cols = ["article_id", "target", "label", "label_sources", "evidence_sentence_ids", "voices_supportive", "voices_critical"]
    sa = result["stance_articles"]
    return sa[[c for c in cols if c in sa]].reset_index(drop=True)


def confusion_table(target: str, method: str, labels=None) -> pd.DataFrame:
    """Confusion matrix (rows true, columns predicted) of one method on one target, pooled over folds."""
    _, confusion = _evaluation(_label_stamp(labels), labels)
    return confusion[(target, method)]


def confusion_chart(output=None, labels=None):
    """All confusion matrices in one figure (targets × methods), saved with a long-format CSV."""
    import matplotlib.pyplot as plt

    plotting.setup()
    _, confusion = _evaluation(_label_stamp(labels), labels)
    targets = sorted({t for t, _ in confusion})
    methods = ["majority", "cue", "model"]
    fig, axes = plt.subplots(len(targets), len(methods), figsize=(3.4 * len(methods), 3.2 * len(targets)))
    rows = []
    for i, t in enumerate(targets):
        for j, m in enumerate(methods):
            cm, ax = confusion[(t, m)], axes[i][j]
            ax.imshow(cm.values, cmap="Blues")
            for (r, c), v in pd.DataFrame(cm.values).stack().items():
                ax.text(c, r, str(v), ha="center", va="center", fontsize=9,
                        color="white" if v > cm.values.max() / 2 else "black")
                rows.append({"target": t, "method": m, "true": cm.index[r], "predicted": cm.columns[c], "n": int(v)})
            ax.set_xticks(range(3), [x[:4] for x in cm.columns])
            ax.set_yticks(range(3), [x[:4] for x in cm.index])
            ax.set_title(f"{t} · {m}", fontsize=10)
            if j == 0:
                ax.set_ylabel("true 人工标注")
            if i == len(targets) - 1:
                ax.set_xlabel("predicted 预测")
    fig.suptitle("留一篇交叉验证混淆矩阵 Leave-one-article-out confusion matrices")
    fig.tight_layout()
    if output is not None:
        plotting.save(fig, pd.DataFrame(rows), Path(output) / "figures" / "01_confusion")
    return fig


def annotation_summary(labels=None) -> pd.DataFrame:
    """Hand-label counts per target and label (the training labels: seeds and dev by default)."""
    from . import stance

    labels = stance.load_training(labels)
    counts = pd.concat({t: labels[t].value_counts() for t in stance.TARGETS}, axis=1).fillna(0).astype(int)
    counts.index.name = "label"
    return counts.reset_index()


def annotation_agreement() -> pd.DataFrame:
    """Cohen's kappa and raw agreement between the two independent annotation passes."""
    from . import stance

    data = Path(stance.__file__).parent / "data"
    return stance.agreement(data / "stance_labels_pass1.csv", data / "stance_labels_pass2.csv")


def uncertain_sentences(result, n: int = 15, width: int = 70) -> pd.DataFrame:
    """The least certain automatic labels, with the sentence text: what to label next."""
    from . import stance

    st = result["stance_sentences"]
    u = stance.uncertain(st, n)
    auto = st[st["method"] != "hand"].drop_duplicates(["article_id", "sentence_id", "target"])
    source = dict(zip(zip(auto["article_id"], auto["sentence_id"], auto["target"]), auto["method"]))
    u["source"] = [source.get(k, "") for k in zip(u["article_id"], u["sentence_id"], u["target"])]  # model or cue
    u["sentence"] = [sentence_text(result, a, s)[:width] for a, s in zip(u["article_id"], u["sentence_id"])]
    return u


# --- Computed findings: facts about *this* corpus, so a re-run on new articles stays true -----

def actor_findings(result) -> str:
    """Key actor facts of the current corpus, in words."""
    top = top_actors(result, 5)
    co = result["cooccurrence"].head(3)
    types = actor_type_shares(result).set_index("actor_type")["share_of_mentions_%"]
    lines = [f"- {len(result['mentions'])} mentions of {result['mentions']['actor'].nunique()} actors in "
             f"{len(result['articles'])} articles."]
    lines.append("- Most mentioned: " + "; ".join(
        f"{r.actor} {r.mentions} ({r.articles} articles, {r.per_1k_chars} per 1k chars)" for r in top.itertuples()) + ".")
    if len(co):
        lines.append("- Strongest ties (sentences together): " + "; ".join(
            f"{r.actor_a}–{r.actor_b} {r.sentences}" for r in co.itertuples()) + ".")
    lines.append("- Share of mentions by type: " + ", ".join(f"{k} {v}%" for k, v in types.items()) + ".")
    lines.append(f"- Unknown-name candidates: {len(result['unknown_actors'])}.")
    return "\n".join(lines)


def stance_findings(result) -> str:
    """Key stance facts of the current corpus, in words: article labels per target, the voices quoted on
    each side, how many sentences are about each target and where their labels come from."""
    from . import stance

    sa, st = result["stance_articles"], result["stance_sentences"]
    lines = []
    for target, g in sa.groupby("target", sort=True):
        counts = g["label"].value_counts().sort_index()
        voices = {side: sorted({v for cell in g[f"voices_{side}"].fillna("") for v in str(cell).split("; ") if v})
                  for side in ("supportive", "critical")} if "voices_supportive" in g else {"supportive": [], "critical": []}
        lines.append(f"- {target}: articles " + ", ".join(f"{k} {v}" for k, v in counts.items())
                     + f"; {len(voices['supportive'])} speaker(s) quoted on the supportive side, "
                     f"{len(voices['critical'])} on the critical side.")
    best = stance.best_labels(st) if len(st) else st
    if len(best) and "relevant" in best:
        for target, g in best.groupby("target", sort=True):
            rel = g[g["relevant"].astype(bool)]
            polar = rel[rel["label"] != "neutral"]
            lines.append(f"- {target}: {len(rel)} of {len(g)} sentences are about the target; {len(polar)} of them take a side "
                         f"({(polar['method'] == 'hand').sum()} hand-labelled, {(polar['method'] != 'hand').sum()} automatic).")
    q = result["quotes"]
    lines.append(f"- {len(q)} quotes ({(q['kind'] == 'direct').sum()} direct, {(q['kind'] == 'reported').sum()} reported) "
                 f"from {q.loc[q['speaker'] != '', 'speaker'].nunique()} speakers; {(q['speaker'] == '').sum()} without a resolved speaker.")
    hand = st[st["method"] == "hand"][["article_id", "sentence_id"]].drop_duplicates()
    cut = stance.load_cues()["model"]["uncertain_below"]
    todo = stance.uncertain(st, n=len(st)) if len(st) else st
    n_unsure = int((todo["score"] < cut).sum()) if len(todo) else 0
    n = len(result["sentences"])
    if len(hand) == n:
        lines.append(f"- Every one of the {n} sentences has a hand label: the counts above are the annotators', not the model's.")
    else:
        lines.append(f"- {len(hand)} of {n} sentences have a hand label; the other {n - len(hand)} carry automatic labels "
                     f"(probability in `score`; {n_unsure} relevant sentence(s) below the uncertainty threshold {cut}, "
                     "listed under 'Sentences to label next').")
    return "\n".join(lines)


def timeline_findings(result) -> str:
    """Key timeline facts of the current corpus, in words."""
    te, tl = result["temporal_expressions"], result["timeline"]
    res = te[te["resolved"].astype(bool)]
    anchors = res["anchor"].value_counts().sort_index()
    merged = tl[tl["n_sources"] > 1]
    lines = [f"- {len(te)} temporal expressions, {len(res)} resolved ("
             + ", ".join(f"{k} {v}" for k, v in anchors.items()) + f"); {len(te) - len(res)} unresolved or generic.",
             f"- {len(result['events'])} events merge into {len(tl)} timeline entries; {len(merged)} combine several "
             f"articles; {int(tl['conflict'].astype(str).str.lower().eq('true').sum())} flagged as conflicts."]
    if "main_actor" in tl.columns and len(tl):
        top = tl.loc[tl["main_actor"].fillna("") != "", "main_actor"].value_counts().head(TOP_ACTORS)
        if len(top):
            lines.append("- Most frequent acting parties (main actors): "
                         + ", ".join(f"{a} {n}" for a, n in top.items()) + ".")
    shown = merged.sort_values(["n_sources", "start"], ascending=[False, True], kind="stable").head(FINDINGS_MERGED)
    for r in shown.sort_values(["start", "timeline_id"], kind="stable").itertuples():
        lines.append(f"- {r.label}: {r.start}..{r.end} from {r.n_sources} sources ({r.article_ids}).")
    if len(merged) > len(shown):
        lines.append(f"- ({len(merged) - len(shown)} more entries with several sources are in timeline.csv.)")
    kept = timeline_selection(tl[tl["start"].fillna("").astype(str).str.len() > 0])[1]
    lines.append(f"- The timeline figure draws {kept}.")
    return "\n".join(lines)


# --- Findings (every notebook) ---------------------------------------------------------

SEED_FINDINGS_DIR = Path(__file__).resolve().parents[2] / "notebooks" / "seed_findings"
SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
SMALL_CORPUS = 20  # fewer articles than this: counts and shares are anecdotes, said so in the findings


def is_seed_corpus(result) -> bool:
    """True when the corpus analysed is the five seed articles (same ids, same raw lengths)."""
    seeds = {p.stem: p for p in sorted(SEEDS_DIR.glob("*.txt"))}
    a = result["articles"]
    if not seeds or set(a["article_id"]) != set(seeds):
        return False
    raw = dict(zip(a["article_id"], a["n_chars_raw"]))
    return all(int(raw[aid]) == len(p.read_text(encoding="utf-8")) for aid, p in seeds.items())


def corpus_caveats(result) -> list[str]:
    """What limits any reading of this corpus: its size, undated articles, one script, rejected files."""
    a, rep = result["articles"], result["load_report"]
    out = []
    if len(a) < SMALL_CORPUS:
        out.append(f"The corpus is small ({len(a)} articles): counts and shares describe these articles, not coverage at large.")
    undated = int((a["published"] == "").sum())
    if undated:
        out.append(f"{undated} of {len(a)} articles show no publication date: their relative dates (去年, 上周) stay unresolved.")
    scripts = sorted(set(a["script"]) - {"none"})
    if len(scripts) == 1:
        out.append(f"All articles are in {scripts[0]} script.")
    rejected = int((rep["status"] == "rejected").sum())
    if rejected:
        out.append(f"{rejected} files were rejected and are not in any number (see the load report).")
    return out


def corpus_findings(result) -> str:
    """Key corpus facts of the current corpus, in words."""
    a, r = result["articles"], result["removed_lines"]
    kept = 100 * a["n_chars_clean"] / a["n_chars_raw"].clip(lower=1)
    lines = [f"- {corpus_summary(result)}"]
    if len(a):
        worst = a.assign(kept=kept).sort_values("kept").head(3)
        lines.append("- Most junk removed: " + "; ".join(
            f"{row.article_id} kept {row.kept:.0f}% of its characters" for row in worst.itertuples()) + ".")
    if len(r):
        top = r["reason"].value_counts().head(3)
        lines.append("- Most frequent removal reasons: " + ", ".join(f"{k} ({v})" for k, v in top.items()) + ".")
    return "\n".join(lines)


def comparison_findings(result, previous=None, source=None) -> str:
    """What the comparison of notebook 04 found against the earlier run (or that there was none)."""
    from .compare import summary

    return summary(result, previous, source)


_FINDINGS = {"00_corpus": corpus_findings, "01_stance": stance_findings, "02_actors": actor_findings,
             "03_timeline": timeline_findings, "04_new_articles": comparison_findings}


def findings(result, notebook: str, **context) -> str:
    """Markdown findings for a notebook: numbers computed from this corpus, the caveats that apply to it,
    and — only when the corpus is the seeds — the commentary written for the five seed articles.
    `context` goes to the notebook's findings function (04: previous=, source= of the earlier run)."""
    parts = ["**In this corpus** (computed):", "", _FINDINGS[notebook](result, **context)]
    caveats = corpus_caveats(result)
    if caveats:
        parts += ["", "**Caveats for this corpus:**", ""] + [f"- {c}" for c in caveats]
    seed_text = SEED_FINDINGS_DIR / f"{notebook}.md"
    if is_seed_corpus(result) and seed_text.exists():
        parts += ["", "**Commentary on the seed corpus** (written for these five articles; it applies only "
                      "because this run is on them):", "", seed_text.read_text(encoding="utf-8").strip()]
    return "\n".join(parts)


def show_findings(result, notebook: str, **context) -> None:
    """Display `findings` as Markdown in a notebook (plain text elsewhere)."""
    text = findings(result, notebook, **context)
    try:
        from IPython.display import Markdown, display

        display(Markdown(text))
    except ImportError:  # pragma: no cover - outside IPython
        print(text)
