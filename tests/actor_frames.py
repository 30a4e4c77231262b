"""Shared helper of the actor spec tests (sessions 12b-13): the sentence table of one article as the pipeline writes it."""
import pandas as pd


def sentences(aid: str, texts: list) -> pd.DataFrame:
    """Sentences `texts` of article `aid`, one character between them, with their offsets."""
    rows, at = [], 0
    for i, t in enumerate(texts):
        rows.append({"article_id": aid, "sentence_id": i, "text": t, "start": at, "end": at + len(t)})
        at += len(t) + 1
    return pd.DataFrame(rows)
