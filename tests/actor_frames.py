"""Shared helpers of the actor spec tests (sessions 12b-15): the sentence table of one article as the pipeline writes it,
the registry mentions and the promoted actors of a passage."""
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


def mentions(texts: list, registry) -> list:
    """(actor, surface) of every registry mention in the sentences `texts` of one article, in text order."""
    from kaiyuan import actors

    m = actors.find_mentions(sentences("a1", texts), registry)
    return list(zip(m["actor"], m["surface"]))
