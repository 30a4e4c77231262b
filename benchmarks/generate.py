"""Synthetic benchmark corpus: N realistic articles recombined from the seed articles' sentences.

    python benchmarks/generate.py --n 1000 --seed 0 --out /tmp/bench_1000

How an article is built (everything drawn from one ``random.Random`` per article, seeded
with ``f"{seed}:{i}"``, so the output is deterministic and article i is the same whatever N):

* The seeds are loaded with ``kaiyuan.corpus.load_corpus`` and their *clean* body
  sentences are grouped into units: one sentence, or several when a quotation opened
  in one sentence closes in a later one (quote-opening and quote-closing sentences
  stay together).  Units never cross a seed paragraph.  Sentences are used whole, so
  dates, actor names and quotes inside them stay intact.
* An article takes runs of 2-8 consecutive units from 1-3 seed articles until it has
  20-80 sentences, split into a few paragraphs, sometimes with a seed sub-heading.
* Script: ~40% of articles are traditional (traditional seed sentences as they are,
  simplified ones converted with OpenCC s2t), the rest simplified (traditional seed
  sentences replaced by their length-preserving t2s form from the corpus).  Each
  article is in one script only.
* First line is a headline (a seed title, sometimes with an outlet suffix such as
  " - 彭博社", or a short seed sentence without its full stop).
* Junk so the cleaner has work: a subscription pitch line, a timestamp line, a stray
  ``</p>`` (glued to a paragraph end or on its own line), a disclaimer followed by a
  page footer, and now and then a byline, a photo credit or a Unix epoch stamp.
* ``metadata.csv``: outlet, author, title and a published date in 2023-2024 for ~90% of
  the articles (a few known only to the month); the rest rely on the text's timestamp
  line, or stay undated.
* Encoding: UTF-8, except ~4% of articles: simplified ones in GB18030, traditional ones
  in Big5 (after OpenCC t2tw, since Big5 has only the Taiwan variant forms; an article
  that still does not fit Big5 stays UTF-8).

Nothing here reads the global ``random`` state.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO / "seeds"
GENERATOR_VERSION = "1"

TRADITIONAL_SHARE = 0.40
DATED_SHARE = 0.90
MONTH_ONLY_SHARE = 0.05  # of the dated articles
LEGACY_ENCODING_SHARE = 0.04
MIN_SENTENCES, MAX_SENTENCES = 20, 80

OPENERS = {"“": "”", "「": "」", "『": "』"}

# Junk lines, written in simplified Chinese; converted with s2t for traditional articles.
SUBSCRIPTION_PITCHES = [
    "想要探索生成式人工智能的前沿进展吗？订阅我们的简报，每周获取开源AI的最新动态。点击订阅：https://example.com/newsletter",
    "欢迎订阅我们的每周AI通讯，深度解析技术突破与行业趋势。",
    "扫码关注我们的公众号，第一时间获取开源大模型资讯。",
    "不要错过这个机会，成为AI领域的领跑者。点击订阅，与未来同行！",
    "订阅：https://example.com/subscribe 每周跟踪AI热点新闻动向",
]
DISCLAIMERS = [
    "免责声明：本网站内容主要来自原创、合作伙伴供稿和第三方自媒体作者投稿，凡在本网站出现的信息，均仅供参考。本网站将尽力确保所提供信息的准确性及可靠性，但不保证有关资料的准确性及可靠性。",
    "版权声明：本文为原创文章，转载请注明出处，违者必究。",
    "免责声明：本文仅代表作者个人观点，与本站无关。其原创性以及文中陈述文字和内容未经本站证实。",
]
FOOTER_LINES = [
    ["近期新闻", "编辑精选"],
    ["相关阅读", "开源大模型的下一步|Meta发布新模型|AI监管新规出台|芯片短缺持续"],
    ["长按扫码 阅读全文"],
    ["推荐阅读", "上一篇：谷歌发布Gemma开放模型", "下一篇：OSI公布开源AI定义草案"],
    ["企业会员"],
]
COMMENT_FOOTER = ["Leave a Reply", "Your email address will not be published. Required fields are marked *"]
BYLINES = ["作者：李明", "记者：王芳", "责任编辑：陈晨", "编译：张伟", "Parmy Olson", "Kyle Wiggers"]
PHOTO_CREDITS = ["摄影师：SeongJoon Cho/Bloomberg", "图片来源：视觉中国", "图源：Getty Images"]
HEADLINE_SUFFIXES = [" - 彭博社", " | 36氪", "_新浪科技", " - 极客网"]

OUTLETS_SIMPLIFIED = ["TechCrunch", "彭博社", "极客网", "36氪", "虎嗅", "澎湃新闻", "新浪科技", "机器之心", "量子位", "钛媒体",
                      "The Verge", "The Atlantic", "财新", "界面新闻"]
OUTLETS_TRADITIONAL = ["端傳媒", "聯合新聞網", "明報", "iThome", "數位時代", "彭博社", "香港01", "天下雜誌", "科技新報", "中央社"]
AUTHORS = ["李明", "王芳", "张伟", "陈晨", "刘洋", "Kyle Wiggers", "Matteo Wong", "Alex Heath", "Parmy Olson", "Will Douglas Heaven"]


@dataclass
class Unit:
    """Consecutive seed sentences that must stay together (a quotation spanning sentences)."""

    simplified: str
    traditional: str
    n_sentences: int
    kind: str  # "body" | "heading"


@dataclass
class SeedPool:
    donors: list[list[Unit]]  # body and heading units per seed article, in reading order
    weights: list[int]  # sentences per donor
    headlines: list[tuple[str, str]]  # (simplified, traditional)
    short_sentences: list[tuple[str, str]]  # headline candidates
    converters: dict


def _converters() -> dict:
    import opencc

    return {name: opencc.OpenCC(name) for name in ("s2t", "t2s", "t2tw")}


def _quote_balance(text: str, depth: int) -> int:
    """Quotation depth after `text`, starting at `depth` (curly and corner quotes; ASCII '"' by parity)."""
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in OPENERS.values():
            depth = max(0, depth - 1)
    if text.count('"') % 2:
        depth = 0 if depth else 1
    return depth


def load_pool(seeds_dir: str | Path = DEFAULT_SEEDS) -> SeedPool:
    """Group the seeds' clean sentences into units, in both scripts."""
    from kaiyuan.corpus import load_corpus

    corpus = load_corpus(seeds_dir, progress=False)
    conv = _converters()
    scripts = dict(zip(corpus.articles.article_id, corpus.articles.script))
    donors, weights, headlines, short = [], [], [], []
    for aid, title in zip(corpus.articles.article_id, corpus.articles.title):
        traditional = scripts[aid] == "traditional"
        if title:
            simp = conv["t2s"].convert(title) if traditional else title
            trad = title if traditional else conv["s2t"].convert(title)
            headlines.append((simp, trad))
        clean = corpus.clean[aid]
        rows = corpus.sentences[corpus.sentences.article_id == aid].sort_values("sentence_id")
        units: list[Unit] = []
        buf: list = []
        depth = 0
        prev_end = None

        def flush():
            nonlocal buf, depth
            if buf:
                orig = "".join(r.text for r in buf)
                simp = "".join(r.text_simplified for r in buf) if traditional else orig
                trad = orig if traditional else conv["s2t"].convert(orig)
                units.append(Unit(simp, trad, len(buf), buf[0].kind))
            buf, depth = [], 0

        for r in rows.itertuples():
            if r.kind == "title":
                prev_end = r.end
                continue
            new_paragraph = prev_end is not None and "\n" in clean[prev_end:r.start]
            if new_paragraph or r.kind == "heading":
                flush()  # a unit never crosses a paragraph
            if r.kind == "heading":
                buf = [r]
                flush()
            else:
                buf.append(r)
                depth = _quote_balance(r.text, depth)
                if depth == 0:
                    flush()
            prev_end = r.end
        flush()
        for u in units:
            if u.kind == "body" and u.n_sentences == 1 and 10 <= len(u.simplified) <= 30 and not any(
                    q in u.simplified for q in "“”「」\""):
                short.append((u.simplified.rstrip("。！？!?；;…"), u.traditional.rstrip("。！？!?；;…")))
        donors.append(units)
        weights.append(sum(u.n_sentences for u in units))
    return SeedPool(donors, weights, headlines, short, conv)


def _date(rng: random.Random) -> dt.date:
    start = dt.date(2023, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(2024, 12, 31) - start).days + 1))


def build_article(pool: SeedPool, i: int, seed: int) -> dict:
    """One synthetic article: its text (in its script), encoding and metadata row."""
    rng = random.Random(f"{seed}:{i}")
    traditional = rng.random() < TRADITIONAL_SHARE
    pick = (lambda pair: pair[1]) if traditional else (lambda pair: pair[0])
    s2t = pool.converters["s2t"].convert
    junk = (lambda s: s2t(s)) if traditional else (lambda s: s)

    # --- body: runs of consecutive units from 1-3 donor seeds ---
    target = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
    donor_ids = rng.choices(range(len(pool.donors)), weights=pool.weights, k=rng.randint(1, 3))
    used: set[tuple[int, int]] = set()
    picked: list[Unit] = []
    n_sent, attempts = 0, 0
    while n_sent < target and attempts < 200:
        attempts += 1
        d = rng.choice(donor_ids)
        units = pool.donors[d]
        start = rng.randrange(len(units))
        for k in range(start, min(len(units), start + rng.randint(2, 8))):
            if (d, k) in used or n_sent >= target:
                break
            used.add((d, k))
            picked.append(units[k])
            n_sent += units[k].n_sentences
    # --- paragraphs ---
    n_par = max(2, min(8, round(n_sent / rng.randint(6, 12))))
    cuts = sorted(rng.sample(range(1, len(picked)), min(n_par - 1, len(picked) - 1))) if len(picked) > 1 else []
    paragraphs, lo = [], 0
    for hi in cuts + [len(picked)]:
        group = picked[lo:hi]
        lo = hi
        heads = [u for u in group if u.kind == "heading"]
        body = [u for u in group if u.kind != "heading"]
        for h in heads:
            paragraphs.append(pick((h.simplified, h.traditional)))
        if body:
            paragraphs.append("".join(pick((u.simplified, u.traditional)) for u in body))

    # --- headline ---
    if pool.headlines and rng.random() < 0.4:
        headline = pick(rng.choice(pool.headlines))
        if rng.random() < 0.3:
            headline += junk(rng.choice(HEADLINE_SUFFIXES))
    else:
        headline = pick(rng.choice(pool.short_sentences))

    # --- dates and metadata ---
    published_date = _date(rng)
    dated = rng.random() < DATED_SHARE
    month_only = dated and rng.random() < MONTH_ONLY_SHARE
    has_timestamp = rng.random() < (0.7 if dated else 0.5)
    outlet = rng.choice(OUTLETS_TRADITIONAL if traditional else OUTLETS_SIMPLIFIED)
    author = junk(rng.choice(AUTHORS)) if rng.random() < 0.7 else ""

    # --- junk ---
    lines = [headline]
    if rng.random() < 0.15:
        lines.append(junk(rng.choice(BYLINES)))
    if rng.random() < 0.5:
        lines.append(junk(rng.choice(SUBSCRIPTION_PITCHES)))
    if has_timestamp and rng.random() < 0.3:
        lines.append(_timestamp(rng, published_date))
        has_timestamp = False
    if rng.random() < 0.5:  # a stray </p>: glued to a paragraph end, or alone after it
        k = rng.randrange(len(paragraphs))
        paragraphs[k] += rng.choice(["</p>", "?/p>", "</p> "]) if rng.random() < 0.5 else "\n</p>"
    for p_idx, par in enumerate(paragraphs):
        if p_idx == 1 and rng.random() < 0.1:
            lines.append(junk(rng.choice(PHOTO_CREDITS)))
        lines.append(par)
    if rng.random() < 0.1:
        epoch = dt.datetime(published_date.year, published_date.month, published_date.day, tzinfo=dt.timezone.utc)
        lines.append(str(int(epoch.timestamp()) + rng.randrange(86400)))
    if has_timestamp:
        lines.append(_timestamp(rng, published_date))
    if rng.random() < 0.6:  # disclaimer + page footer (or a comment form)
        footer = [rng.choice(DISCLAIMERS)] + rng.choice(FOOTER_LINES)
        if rng.random() < 0.3:
            footer = COMMENT_FOOTER + ["近期新闻"]
        lines.extend(junk(x) for x in footer)
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    text = sep.join(lines) + "\n"

    # --- encoding ---
    encoding = "utf-8"
    if rng.random() < LEGACY_ENCODING_SHARE:
        if traditional:
            tw = pool.converters["t2tw"].convert(text)
            try:
                tw.encode("big5")
                text, encoding = tw, "big5"
            except UnicodeEncodeError:
                pass
        else:
            encoding = "gb18030"

    published = ""
    if dated:
        published = published_date.strftime("%Y-%m") if month_only else published_date.isoformat()
    title = headline if rng.random() < 0.8 else ""
    row = {
        "article_id": f"gen_{i:06d}", "outlet": outlet, "author": author, "title": title, "published": published,
        "published_basis": ("outlet" if published else ""),
        "note": "synthetic: recombined seed sentences (benchmarks/generate.py)",
    }
    return {"text": text, "encoding": encoding, "script": "traditional" if traditional else "simplified",
            "sentences": n_sent, "row": row}


def _timestamp(rng: random.Random, day: dt.date) -> str:
    hh, mm, ss = rng.randrange(24), rng.randrange(60), rng.randrange(60)
    if rng.random() < 0.7:
        return f"{day.isoformat()} {hh:02d}:{mm:02d}:{ss:02d}"
    return f"{day.year}年{day.month}月{day.day}日 {hh:02d}:{mm:02d}"


def generator_fingerprint(seeds_dir: str | Path = DEFAULT_SEEDS) -> str:
    """Hash of this generator's source and the seed files: a reused corpus must match it."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for p in sorted(Path(seeds_dir).glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def generate(n: int, seed: int, out: str | Path, seeds_dir: str | Path = DEFAULT_SEEDS) -> dict:
    """Write n articles and metadata.csv into `out` (created; existing gen_*.txt files are replaced)."""
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("gen_*.txt"):
        old.unlink()
    pool = load_pool(seeds_dir)
    rows, stats = [], {"scripts": {}, "encodings": {}, "sentences": 0, "chars": 0}
    for i in range(n):
        art = build_article(pool, i, seed)
        (out / f"gen_{i:06d}.txt").write_bytes(art["text"].encode(art["encoding"]))
        rows.append(art["row"])
        stats["scripts"][art["script"]] = stats["scripts"].get(art["script"], 0) + 1
        stats["encodings"][art["encoding"]] = stats["encodings"].get(art["encoding"], 0) + 1
        stats["sentences"] += art["sentences"]
        stats["chars"] += len(art["text"])
    with (out / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["article_id"])
        writer.writeheader()
        writer.writerows(rows)
    stats.update(n=n, seed=seed, out=str(out), generator=generator_fingerprint(seeds_dir),
                 dated=sum(1 for r in rows if r["published"]), seconds=round(time.perf_counter() - t0, 2))
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True, help="output folder (gen_*.txt + metadata.csv)")
    ap.add_argument("--seeds", default=str(DEFAULT_SEEDS), help="seed corpus folder (default: repo seeds/)")
    args = ap.parse_args(argv)
    stats = generate(args.n, args.seed, args.out, args.seeds)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
