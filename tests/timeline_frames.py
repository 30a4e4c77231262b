"""Test helper shared by the timeline test modules: build_events of a one-article passage with hand-given mentions."""


def events_of(texts: list[str], published: str, named: list[tuple[int, str, str, str]]):
    """build_events of a one-article passage; named = (sentence, actor, actor_type, surface) mentions."""
    import pandas as pd
    from kaiyuan import timeline as tl

    recs, pos = [], 0
    for i, t in enumerate(texts):
        recs.append({"article_id": "a", "sentence_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "text_simplified": t, "kind": "body"})
        pos += len(t) + 1
    sents = pd.DataFrame(recs)
    ments = pd.DataFrame([{"article_id": "a", "sentence_id": i, "actor": actor, "actor_type": kind, "surface": s,
                           "start": recs[i]["start"] + texts[i].index(s),
                           "end": recs[i]["start"] + texts[i].index(s) + len(s), "version": ""}
                          for i, actor, kind, s in named])
    x = tl.extract_expressions(sents, pd.DataFrame({"article_id": ["a"], "published": [published]}))
    return tl.build_events(x, sents, ments)
