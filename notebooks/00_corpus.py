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
# # 00 · The corpus at a glance
#
# **Question.** What is in the corpus, and what did cleaning do to it? Every later number
# (stance, actors, timeline) is computed on the clean sentences shown here, so this notebook
# is the audit trail: which files were loaded or rejected and why, what was removed from each
# article and why, and what was repaired inside sentences.
#
# **Data.** Every `.txt`, `.md`, `.html`/`.htm` file under the corpus folder (default: the
# five seed articles in `seeds/`, simplified and traditional Chinese, scraped with ads,
# disclaimers, HTML debris and unrelated teasers), plus `metadata.csv` when present.
#
# **Method.** `kaiyuan.analyze` decodes each file (charset-normalizer), extracts text from
# HTML with a real parser, removes boilerplate lines by the documented rules in
# `lib/kaiyuan/data/boilerplate.yaml` (each removal recorded with a reason), repairs scraping
# artefacts inside sentences (each repair recorded), converts to simplified Chinese for
# analysis with OpenCC while keeping the original script for display, and splits sentences.

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
print(views.corpus_summary(result))

# %% [markdown]
# ## Articles
# Outlet, date and where the date comes from (`published_basis`: *outlet* = the outlet's own
# publication date, *text* = a date line found in the scraped text), script, raw and clean length.

# %%
views.article_table(result)

# %% [markdown]
# ## Load report
# Every file under the corpus folder, loaded or rejected, with the reason. Nothing is skipped silently.

# %%
result["load_report"]

# %% [markdown]
# ## What cleaning removed, and why
# Counts of removed lines per reason and article, then a few examples of each reason
# (`line_no` is the line in the raw file, so any removal can be checked by hand).

# %%
views.removed_by_reason(result)

# %%
views.removed_examples(result)

# %% [markdown]
# ## What cleaning repaired inside sentences
# Scraping artefacts fixed in place: spaces left by removed links, garbled quote endings,
# footnote digits, lost emoji, pinyin annotations. Each repair is in `repairs.csv`.

# %%
views.repairs_by_rule(result)

# %% [markdown]
# ## Sentences and lengths

# %%
views.sentence_stats(result)

# %%
fig = views.length_chart(result, OUTPUT)

# %% [markdown]
# ## Findings
#
# Computed from the corpus this notebook ran on, with the caveats that apply to it; the commentary
# written for the five seed articles is shown only when the corpus is the seeds.

# %%
views.show_findings(result, "00_corpus")

# %% [markdown]
# **What this cannot see.** Rules are patterns: a new outlet's junk that matches none of them
# stays in the text (check `removed_examples` and the first/last sentences of new articles);
# a teaser glued into a paragraph is cut at a clause boundary, so a clause of body text can go
# with it (it is recorded in `removed_lines.csv`). Near-duplicates are detected only when the
# texts are identical after normalisation, not when one is an edited version of the other.
