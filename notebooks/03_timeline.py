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
CORPUS = "../seeds"  # folder of articles
OUTPUT = "../reports/seeds"  # where figures and their CSVs are saved
REGISTRY = None  # actor registry YAML (None: the packaged lib/kaiyuan/data/actors.yaml)
LABELS = None  # stance label CSV (None: the packaged lib/kaiyuan/data/stance_labels.csv)

# %%
import kaiyuan
from kaiyuan import views

kaiyuan.plotting.setup()
result = kaiyuan.analyze(CORPUS, registry=REGISTRY, labels=LABELS)

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
# Computed from the corpus this notebook ran on, with the caveats that apply to it; the commentary
# written for the five seed articles is shown only when the corpus is the seeds.

# %%
views.show_findings(result, "03_timeline")

# %% [markdown]
# **What this method cannot see.** Fuzzy expressions (最近, 几年前, 近年来) get conventional
# intervals (written down in `TIMELINE.md`) and low confidence: treat their bars as "roughly
# then". An event is the clause around a date: a clause without one of the trigger verbs gets its
# own text as the label, and dates inside durations (才过去了两年, "only two years had passed") or
# ranges (2023年至2024年) are not resolved. Two reports merge only when their trigger class and
# object agree, so the same event described with different verbs or objects stays separate, and a
# real disagreement phrased differently would not be flagged as a conflict.
