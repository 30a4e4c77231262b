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
# # 02 · Who is talked about, how often, and with whom?
#
# **Question.** Which companies, people, AI models and institutions does the coverage of the
# open-source AI debate talk about, how often, and together with whom?
#
# **Data.** The clean sentences of the corpus (notebook 00), matched in simplified Chinese.
#
# **Method.** Every alias in the actor registry (`lib/kaiyuan/data/actors.yaml`: canonical
# English name, Chinese name, type, parent, aliases in simplified and traditional script,
# English and regional transliterations) is matched in one pass (Aho–Corasick), longest match
# first, with word boundaries for Latin names and the registry's context rules for ambiguous
# words. Model families are counted at family level (Llama 2 and LLaMA 3 are both `Llama`,
# the version is kept). Counting rules are in `lib/kaiyuan/data/ACTORS.md`. Rates are per
# 1,000 clean characters because the articles differ in length.

# %% tags=["parameters"]
CORPUS = "../seeds"  # folder of articles
OUTPUT = "../reports/seeds"  # where figures and their CSVs are saved
REGISTRY = None  # actor registry YAML (None: the packaged lib/kaiyuan/data/actors.yaml)
LABELS = None  # stance label CSV (None: the packaged lib/kaiyuan/data/stance_labels.csv)
ACTOR = "Meta"

# %%
import kaiyuan
from kaiyuan import views

kaiyuan.plotting.setup()
result = kaiyuan.analyze(CORPUS, registry=REGISTRY, labels=LABELS)

# %% [markdown]
# ## The most-mentioned actors

# %%
views.top_actors(result, 20)

# %% [markdown]
# ## Each article's top actors
# Counts and mentions per 1,000 clean characters.

# %%
views.actors_per_article(result, 5)

# %% [markdown]
# ## Actor × article
# Mentions per 1,000 characters, top 20 actors.

# %%
fig = views.actor_heatmap(result, OUTPUT)

# %% [markdown]
# ## Who appears together?
# Two actors are linked when one sentence mentions both; line width = number of such sentences.
# The figure keeps the 25 most-mentioned actors and the pairs in at least two sentences together
# (its title says how many such pairs that leaves out); labels are moved apart so none overlaps
# another, with a thin line back to a node when a label had to move far. The table below it lists
# every pair.

# %%
fig = views.cooccurrence_network(result, OUTPUT, min_sentences=2)

# %%
result["cooccurrence"].head(15)

# %% [markdown]
# ## Kinds of actor

# %%
views.actor_type_shares(result)

# %% [markdown]
# ## Keyword in context
# Set `ACTOR` in the parameters cell to any canonical name to read its mentions in context.

# %%
views.kwic(result, ACTOR)

# %% [markdown]
# ## Names the registry does not know
# Candidates found by jieba's part-of-speech tags (nr person, nt organisation, nz other proper
# noun), by capitalised Latin-script names, and by the words before speech verbs
# (说/表示/告诉/称). **Workflow on a new corpus:** read this table, add the real actors to
# `lib/kaiyuan/data/actors.yaml` (canonical name, Chinese name, type, aliases in both
# scripts), re-run; they move from this table into the counts above.

# %%
result["unknown_actors"].head(20)

# %% [markdown]
# ## Findings
#
# Computed from the corpus this notebook ran on, with the caveats that apply to it; the commentary
# written for the five seed articles is shown only when the corpus is the seeds.

# %%
views.show_findings(result, "02_actors")

# %% [markdown]
# **What this method cannot see.** Only names are counted: 他, 该公司 ("the company") and other
# references by pronoun or description are not mentions (the quote attribution in notebook 01
# resolves some of them). Counts depend on the registry: an actor missing from it is invisible
# except through the discovery table. Co-occurrence is sentence-level, so a list ("谷歌、OpenAI和
# 微软") counts as a tie as much as a real interaction. Model versions are merged into families
# (Llama 2 and LLaMA 3 are both Llama; the version column keeps them apart), and sub-units are
# counted on their own (Google DeepMind is not added to Google; `kaiyuan.actors.roll_up` does that).
