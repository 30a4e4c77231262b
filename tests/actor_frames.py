"""Shared helper of the actor spec tests (sessions 12b-13): the sentence table of one article as the pipeline writes it."""
import pandas as pd


def sentences(aid: str, texts: list) -> pd.DataFrame:
    """Sentences `texts` of article `aid`, one character between them, with their offsets."""
    rows, at = [], 0
    for i, t in enumerate(texts):
        rows.append({"article_id": aid, "sentence_id": i, "text": t, "start": at, "end": at + len(t)})
        at += len(t) + 1
    return pd.DataFrame(rows)


def promoted(texts: list, registry) -> list:
    """The actors discovery promotes from the sentences `texts` of one article, in row order."""
    from kaiyuan import actors

    sents = sentences("a1", texts)
    unknown = actors.unknown_occurrences(sents, actors.find_mentions(sents, registry), registry)
    prom = actors.promoted_occurrences(unknown, registry)
    return list(prom["actor"]) if len(prom) else []
