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
# # 03 · What happened when, and do the articles agree?
#
# **Question.** What events does the coverage report, when did they happen according to the
# articles, and do different articles date the same event the same way?
#
# **Data.** The clean simplified sentences, each article's publication date (notebook 00;
# `published_basis` says where it comes from) and the actor mentions (notebook 02).
#
# **Method.** Every temporal expression is found and resolved to an interval with a
# granularity (day … era), an anchor (absolute date, the publication date, or the previous
# date in the same text) and a confidence. jionlp's parser is used where it is right; the
# project's rules (`lib/kaiyuan/data/time_rules.yaml`, documented in `TIMELINE.md`) take over
# where it fails (上个月, 几年前, 最近, 世纪之交) or anchors wrongly (五个月后 counted from the
# date just mentioned, not from publication). An event is the clause around a resolved
# expression: its actors, and a label from the trigger verb and its object. Events from
# different articles merge into one timeline entry when their intervals overlap and their
# trigger and main actor agree; same-looking events whose intervals do not overlap are flagged
# as conflicts.

# %% tags=["parameters"]
CORPUS = "../seeds"
OUTPUT = "../reports/seeds"

# %%
import kaiyuan
from kaiyuan import views

kaiyuan.plotting.setup()
result = kaiyuan.analyze(CORPUS)

# %% [markdown]
# ## The timeline

# %%
fig = views.timeline_chart(result, OUTPUT)

# %% [markdown]
# ## Merged timeline entries and their source sentences

# %%
views.timeline_sources(result)

# %% [markdown]
# ## Every temporal expression

# %%
result["temporal_expressions"]

# %% [markdown]
# ## Expressions that could not be resolved, and why

# %%
kaiyuan.timeline.unresolved(result["temporal_expressions"])

# %% [markdown]
# ## Findings
#
# FINDINGS_PLACEHOLDER
