"""What changed between two runs: new and removed articles, new actors and names, stance shifts, new or
conflicting timeline entries, each with the sentences behind it.

A run's tables are the CSV folder `kaiyuan run` (or `kaiyuan report`, in its `tables/`) wrote, or a
pipeline Result; both are read as {table name: DataFrame}.  The earlier run is named with
`kaiyuan report --previous DIR` (notebook 04's `PREVIOUS` parameter); `find_previous` gives the default.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

TABLES = ["articles", "actor_counts", "unknown_actors", "stance_articles", "timeline"]
# Read too, for the sentences behind each change (never compared themselves).
EVIDENCE = ["sentences", "mentions", "events"]
REPORTS_DIR = Path(__file__).resolve().parents[2] / "reports"  # where `make report` writes reports/<corpus name>/


def tables_folder(folder: str | Path) -> Path:
    """The tables folder of an earlier run: `folder` itself when it holds articles.csv, else its tables/.
    Raises FileNotFoundError (with what to give instead) when neither holds a run's tables."""
    folder = Path(folder)
    for candidate in (folder, folder / "tables"):
        if (candidate / "articles.csv").is_file():
            return candidate
    raise FileNotFoundError(f"earlier run not found: {folder} holds no articles.csv; give a report folder "
                            "(reports/<name>) or the tables folder `kaiyuan run` wrote")


def find_previous(corpus: str | Path, reports: str | Path | None = None) -> Path | None:
    """The default earlier run of a corpus: the tables of the last report of the same corpus name
    (reports/<corpus name>/tables), or None when there is none."""
    try:
        return tables_folder(Path(reports or REPORTS_DIR) / Path(corpus).resolve().name)
    except FileNotFoundError:
        return None


def load_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read a previous run's CSV tables (missing tables come back empty)."""
    folder = Path(folder)
    out = {}
    for name in TABLES + EVIDENCE:
        path = folder / f"{name}.csv"
        out[name] = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()
    return out


def previous_run(folder: str | Path | None) -> dict[str, pd.DataFrame] | None:
    """The earlier run's tables from a report or tables folder; None (no earlier run) for None or ""."""
    return load_tables(tables_folder(folder)) if folder else None


def as_tables(run) -> dict[str, pd.DataFrame]:
    """Tables of a Result or a tables dict, as strings (so CSV and in-memory runs compare alike);
    None (no earlier run) gives empty tables."""
    tables = {} if run is None else run.tables if hasattr(run, "tables") else run
    return {name: tables[name].astype(str) if name in tables else pd.DataFrame() for name in TABLES + EVIDENCE}


def subset_tables(result, article_ids: list[str]) -> dict[str, pd.DataFrame]:
    """The tables restricted to some articles (an earlier run made of part of the corpus, for tests)."""
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


def sentence_texts(run) -> dict[tuple[str, str], str]:
    """(article_id, sentence_id as text) -> sentence text, for a Result or a tables dict."""
    s = as_tables(run)["sentences"]
    if s.empty:
        return {}
    return dict(zip(zip(s["article_id"], s["sentence_id"]), s["text"]))


def _first_body_sentence(sentences: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """article_id -> (sentence_id, text) of its first body sentence (its first sentence when none is body)."""
    if sentences.empty:
        return {}
    s = sentences.assign(_body=sentences["kind"] != "body", _n=sentences["sentence_id"].astype(int))
    first = s.sort_values(["article_id", "_body", "_n"]).groupby("article_id").head(1)
    return {r.article_id: (r.sentence_id, r.text) for r in first.itertuples()}


def new_articles(current, previous) -> pd.DataFrame:
    """Articles present now but not in the previous run ('new') and the reverse ('gone'), each with
    its first body sentence (from the run that has it)."""
    cur_t, prev_t = as_tables(current), as_tables(previous)
    cur, prev = cur_t["articles"], prev_t["articles"]
    cols = ["change", "article_id", "title", "outlet", "published", "sentence_id", "sentence"]
    if cur.empty and prev.empty:
        return pd.DataFrame(columns=cols)
    prev_ids, cur_ids = set(prev.get("article_id", [])), set(cur.get("article_id", []))
    added = cur[~cur["article_id"].isin(prev_ids)].assign(change="new") if len(cur) else cur
    gone = prev[~prev["article_id"].isin(cur_ids)].assign(change="gone") if len(prev) else prev
    out = pd.concat([added, gone], ignore_index=True).reindex(columns=cols)
    first = {**_first_body_sentence(prev_t["sentences"]), **_first_body_sentence(cur_t["sentences"])}
    out["sentence_id"] = [first.get(a, ("", ""))[0] for a in out["article_id"]]
    out["sentence"] = [first.get(a, ("", ""))[1] for a in out["article_id"]]
    return out


def actor_changes(current, previous) -> pd.DataFrame:
    """Actors whose total mentions changed, with 'new' for actors never seen before."""
    def totals(df):
        if df.empty:
            return pd.Series(dtype=int)
        return df.assign(count=df["count"].astype(int)).groupby("actor")["count"].sum()

    cur, prev = totals(as_tables(current)["actor_counts"]), totals(as_tables(previous)["actor_counts"])
    both = pd.DataFrame({"before": prev, "now": cur}).fillna(0).astype(int)
    both["change"] = both["now"] - both["before"]
    both["status"] = ["new" if b == 0 else "more" if c > 0 else "fewer" for b, c in zip(both["before"], both["change"])]
    both = both[both["change"] != 0].reset_index(names="actor")
    return both.sort_values(["status", "change", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def new_actors(current, previous, per_actor: int = 2) -> pd.DataFrame:
    """Registry actors the previous run never mentioned, each with the first sentences that mention it now."""
    changes = actor_changes(current, previous)
    names = changes.loc[changes["status"] == "new", "actor"].tolist()
    cols = ["actor", "mentions", "article_id", "sentence_id", "sentence"]
    m = as_tables(current)["mentions"]
    if not names or m.empty:
        return pd.DataFrame(columns=cols)
    texts = sentence_texts(current)
    m = m[m["actor"].isin(names)].drop_duplicates(["actor", "article_id", "sentence_id"])
    m = m.assign(_n=m["sentence_id"].astype(int)).sort_values(["actor", "article_id", "_n"])
    rows = m.groupby("actor").head(per_actor)
    total = dict(zip(changes["actor"], changes["now"]))
    out = pd.DataFrame({"actor": rows["actor"], "mentions": [total[a] for a in rows["actor"]],
                        "article_id": rows["article_id"], "sentence_id": rows["sentence_id"],
                        "sentence": [texts.get(k, "") for k in zip(rows["article_id"], rows["sentence_id"])]})
    return out.sort_values(["mentions", "actor"], ascending=[False, True], kind="stable").reset_index(drop=True)


def new_unknown_names(current, previous) -> pd.DataFrame:
    """Unknown-actor candidates that the previous run did not list (each with its example sentence):
    names to consider adding to the registry."""
    cur, prev = as_tables(current)["unknown_actors"], as_tables(previous)["unknown_actors"]
    if cur.empty:
        return cur
    seen = set(prev.get("candidate", []))
    return cur[~cur["candidate"].isin(seen)].reset_index(drop=True)


def stance_shifts(current, previous) -> pd.DataFrame:
    """Corpus-level count of articles per stance label and target, before and now."""
    def shares(df):
        if df.empty:
            return pd.DataFrame(columns=["target", "label", "articles"])
        return df.groupby(["target", "label"]).size().rename("articles").reset_index()

    cur, prev = shares(as_tables(current)["stance_articles"]), shares(as_tables(previous)["stance_articles"])
    m = cur.merge(prev, on=["target", "label"], how="outer", suffixes=("_now", "_before")).fillna(0)
    m[["articles_now", "articles_before"]] = m[["articles_now", "articles_before"]].astype(int)
    return m.sort_values(["target", "label"]).reset_index(drop=True)


def article_stance_changes(current, previous) -> pd.DataFrame:
    """Article labels that are new (a new article) or changed since the previous run, with the strongest
    evidence sentence behind the label now and where the sentence labels behind it come from
    (`label_sources`: hand / model / cue counts)."""
    cols = ["target", "article_id", "before", "now", "change", "label_sources", "sentence_id", "sentence"]
    cur, prev = as_tables(current)["stance_articles"], as_tables(previous)["stance_articles"]
    if cur.empty:
        return pd.DataFrame(columns=cols)
    before = dict(zip(zip(prev["article_id"], prev["target"]), prev["label"])) if len(prev) else {}
    texts = sentence_texts(current)
    rows = []
    for r in cur.sort_values(["target", "article_id"]).itertuples():
        old = before.get((r.article_id, r.target))
        if old == r.label:
            continue
        sid = next((i.strip() for i in str(r.evidence_sentence_ids).split(";") if i.strip()), "")
        rows.append({"target": r.target, "article_id": r.article_id, "before": old or "", "now": r.label,
                     "change": "new article" if old is None else "changed",
                     "label_sources": getattr(r, "label_sources", ""), "sentence_id": sid,
                     "sentence": texts.get((r.article_id, sid), "")})
    return pd.DataFrame(rows, columns=cols)


def timeline_changes(current, previous) -> pd.DataFrame:
    """Timeline entries that are new (by label and interval) and every entry flagged as a conflict now,
    with the first source sentence of each (article_id, sentence_id, sentence)."""
    cur_t = as_tables(current)
    cur, prev = cur_t["timeline"], as_tables(previous)["timeline"]
    if cur.empty:
        return cur
    key = lambda df: df["label"] + "|" + df["start"] + "|" + df["end"]  # noqa: E731
    seen = set(key(prev)) if len(prev) else set()
    out = cur.assign(change=["new" if k not in seen else "" for k in key(cur)])
    out = out[(out["change"] == "new") | (out["conflict"].str.lower() == "true")].reset_index(drop=True)
    ev, texts = cur_t["events"], sentence_texts(current)
    where = dict(zip(ev["event_id"], zip(ev["article_id"], ev["sentence_id"]))) if len(ev) else {}
    first = [where.get(str(ids).split(";")[0].strip(), ("", "")) for ids in out["event_ids"]]
    return out.assign(article_id=[a for a, _ in first], sentence_id=[s for _, s in first],
                      sentence=[texts.get(k, "") for k in first])


def summary(current, previous, source: str | Path | None = None) -> str:
    """The comparison in words (Markdown): what the earlier run was and what changed; with no earlier run, says so."""
    n_now = len(as_tables(current)["articles"])
    if previous is None:
        return (f"**No earlier run to compare with.** This run has {n_now} articles. Name an earlier run with "
                "`kaiyuan report --previous DIR` (a report folder or its `tables/`), or set `PREVIOUS` in this "
                "notebook; `kaiyuan report` uses the last report of the same corpus name under `reports/` "
                "when there is one. Compared with nothing, every article, actor and timeline entry below counts as new.")
    arts = new_articles(current, previous)
    changes = actor_changes(current, previous)
    new_names = new_unknown_names(current, previous)
    labels = article_stance_changes(current, previous)
    tl = timeline_changes(current, previous)
    n_prev = len(as_tables(previous)["articles"])
    added, gone = arts.loc[arts["change"] == "new", "article_id"], arts.loc[arts["change"] == "gone", "article_id"]
    ids = lambda s: (": " + ", ".join(s)) if len(s) else ""  # noqa: E731
    conflicts = int((tl["conflict"].str.lower() == "true").sum()) if len(tl) else 0
    status = changes["status"].value_counts()
    return "\n".join([
        f"Compared with the earlier run in `{source}` ({_n(n_prev, 'article')}; now {n_now}):" if source else
        f"Compared with the earlier run ({_n(n_prev, 'article')}; now {n_now}):", "",
        f"- {_n(len(added), 'new article')}{ids(added)}; {len(gone)} removed{ids(gone)}.",
        f"- {_n(status.get('new', 0), 'actor')} never mentioned before; "
        f"{status.get('more', 0)} mentioned more often, {status.get('fewer', 0)} less often.",
        f"- {_n(len(new_names), 'new unknown-name candidate')}.",
        f"- {_n(int((labels['change'] == 'changed').sum()), 'article stance label')} changed; "
        f"{_n(int((labels['change'] == 'new article').sum()), 'label')} of new articles.",
        f"- {_n(int((tl['change'] == 'new').sum()) if len(tl) else 0, 'new timeline entry', 'new timeline entries')}; "
        f"{_n(conflicts, 'entry', 'entries')} in conflict now.",
    ])


def _n(count: int, noun: str, plural: str | None = None) -> str:
    """'1 article', '2 articles' (or the given plural)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
