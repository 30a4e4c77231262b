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
# **Question.** You collected new articles. What do they add against an earlier run: new and
# removed articles, actors never mentioned before, names the registry does not know yet, shifts
# in stance, new or conflicting events on the timeline, and which sentences say so?
#
# **Data.** `CORPUS`: the folder with all articles (old and new; any supported encoding and
# format, optionally a `metadata.csv`). `PREVIOUS`: the earlier run to compare with, a report
# folder (`reports/<name>`) or the `tables/` folder inside it. `kaiyuan report --previous DIR`
# sets it; without `--previous` the report compares with the last report of the same corpus
# name under `reports/`, if there is one. With `PREVIOUS = None` there is no earlier run, and
# this notebook says so.
#
# **Method.** One command re-runs the whole pipeline: `kaiyuan report --corpus path/to/folder
# --out reports/<name>` (or `make report CORPUS=path/to/folder`). Per-article results are cached
# on disk (keyed by each file's bytes, the package version and the registry, rule and label
# files), so only new or changed articles are processed again. The functions in
# `kaiyuan.compare` then diff the new tables against the earlier run's, and give each change
# with the sentence behind it (`article_id`, `sentence_id`, text).
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
LABELS = None  # stance label CSV (None: the packaged seed and development labels)
PREVIOUS = None  # earlier run: a report folder or its tables/ (None: no earlier run; kaiyuan report fills it in)

# %%
import kaiyuan
from IPython.display import Markdown
from kaiyuan import browse, compare, views

kaiyuan.plotting.setup()
result = kaiyuan.analyze(CORPUS, registry=REGISTRY, labels=LABELS)
previous = compare.previous_run(PREVIOUS)  # None: no earlier run
Markdown(compare.summary(result, previous, PREVIOUS))

# %% [markdown]
# ## Load report: did every new file load?

# %%
result["load_report"]

# %% [markdown]
# ## New and removed articles
# Each with its first body sentence.

# %%
compare.new_articles(result, previous).head(30)

# %% [markdown]
# ## Actors never mentioned before
# Registry actors the earlier run did not mention, with the first sentences that mention them now.

# %%
compare.new_actors(result, previous).head(30)

# %% [markdown]
# ## Actors mentioned more or less often

# %%
compare.actor_changes(result, previous).head(30)

# %% [markdown]
# ## Names the registry does not know yet (new since the earlier run)
# Each with an example sentence. Add the real actors to `lib/kaiyuan/data/actors.yaml` and re-run.

# %%
compare.new_unknown_names(result, previous).head(15)

# %% [markdown]
# ## Stance: how many articles lean which way, before and now

# %%
compare.stance_shifts(result, previous)

# %% [markdown]
# Article labels that are new or changed, with the strongest evidence sentence behind the label now.

# %%
compare.article_stance_changes(result, previous).head(30)

# %% [markdown]
# ## Timeline: new entries and conflicts
# Each entry with its first source sentence.

# %%
compare.timeline_changes(result, previous).head(30)

# %% [markdown]
# ## Sentence browser
# In JupyterLab, `browse.browser(result)` gives drop-downs to filter sentences by actor, stance
# label, article and date range, showing each sentence with its neighbours. Each label column
# comes with its source (`hand`: a human annotator's label, `model`: the classifier's, `cue`: the
# cue-word baseline's). The static page shows the same table filtered in code: here, sentences
# that mention Llama.

# %%
browse.filter_sentences(browse.sentence_table(result), actor="Llama").head(15)

# %% [markdown]
# ## Findings
#
# Computed from the comparison this notebook ran, with the caveats that apply to the corpus; the
# commentary written for the five seed articles is shown only when the corpus is the seeds.

# %%
views.show_findings(result, "04_new_articles", previous=previous, source=PREVIOUS)

# %% [markdown]
# **What this comparison cannot see.** It compares tables, not texts: an article edited between
# two runs counts as the same article if its `article_id` (file name) is unchanged, and its
# changes show only through the counts. Stance shifts are counts of article-level labels, so a
# change inside an article that does not flip its label is not reported. Timeline entries are
# matched by label and interval, so a re-labelled event appears as new. An earlier run made with
# another registry or label file differs by that too: a "new" actor may only be new to the registry.
