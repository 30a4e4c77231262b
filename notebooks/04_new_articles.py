# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · New articles: re-run everything and see what changed
#
# **Question.** You collected new articles. What do they add: new outlets, new actors the
# registry does not know yet, shifts in stance, new or conflicting events on the timeline?
#
# **Data.** `CORPUS`: the folder with all articles (old and new; any supported encoding and
# format, optionally a `metadata.csv`). `PREVIOUS`: the `tables/` folder of an earlier run
# (`make report` writes it to `reports/<corpus>/tables/`). With `PREVIOUS = None` this notebook
# demonstrates the comparison by treating the corpus's first three articles as the earlier run.
#
# **Method.** One command re-runs the whole pipeline: `make report CORPUS=path/to/folder`.
# Per-article results are cached on disk (keyed by each file's bytes, the package version and
# the registry, rule and label files), so only new or changed articles are processed again.
# The functions in `kaiyuan.compare` then diff the new tables against the old ones.
#
# **Workflow.**
# 1. Drop files into the folder (`.txt`, `.md`, `.html`; UTF-8, UTF-16, GB18030/GBK, Big5).
# 2. Optionally add rows to `metadata.csv` (article_id, outlet, author, title, published, published_basis, note).
# 3. `make report CORPUS=path/to/folder`, then open this notebook's rendered page.
# 4. Check the load report, add unknown actors to the registry, label the least certain
#    sentences (notebook 01), and re-run.

# %% tags=["parameters"]
CORPUS = "../seeds"  # folder of articles
OUTPUT = "../reports/seeds"  # where figures and their CSVs are saved
REGISTRY = None  # actor registry YAML (None: the packaged lib/kaiyuan/data/actors.yaml)
LABELS = None  # stance label CSV (None: the packaged lib/kaiyuan/data/stance_labels.csv)
PREVIOUS = None

# %%
import kaiyuan
from kaiyuan import browse, compare, views

result = kaiyuan.analyze(CORPUS, registry=REGISTRY, labels=LABELS)
if PREVIOUS:
    previous = compare.load_tables(PREVIOUS)
else:
    previous = compare.subset_tables(result, sorted(result["articles"]["article_id"])[:3])
print(f"now {len(result['articles'])} articles, previous run {len(previous['articles'])}")

# %% [markdown]
# ## Load report: did every new file load?

# %%
result["load_report"]

# %% [markdown]
# ## New articles

# %%
compare.new_articles(result, previous)

# %% [markdown]
# ## Actors: new, more often, less often

# %%
compare.actor_changes(result, previous)

# %% [markdown]
# ## Names the registry does not know yet (new since the previous run)
# Add the real actors to `lib/kaiyuan/data/actors.yaml` and re-run.

# %%
compare.new_unknown_names(result, previous).head(15)

# %% [markdown]
# ## Stance: how many articles lean which way, before and now

# %%
compare.stance_shifts(result, previous)

# %% [markdown]
# ## Timeline: new entries and conflicts

# %%
compare.timeline_changes(result, previous)

# %% [markdown]
# ## Sentence browser
# In JupyterLab, `browse.browser(result)` gives drop-downs to filter sentences by actor, stance
# label, article and date range, showing each sentence with its neighbours. The static page
# shows the same table filtered in code: here, sentences that mention Llama.

# %%
browse.filter_sentences(browse.sentence_table(result), actor="Llama").head(15)

# %% [markdown]
# ## Findings
#
# Computed from the corpus this notebook ran on, with the caveats that apply to it; the commentary
# written for the five seed articles is shown only when the corpus is the seeds.

# %%
views.show_findings(result, "04_new_articles")

# %% [markdown]
# **What this comparison cannot see.** It compares tables, not texts: an article edited between
# two runs counts as the same article if its `article_id` (file name) is unchanged, and its
# changes show only through the counts. Stance shifts are counts of article-level labels, so a
# change inside an article that does not flip its label is not reported. Timeline entries are
# matched by label and interval, so a re-labelled event appears as new.
