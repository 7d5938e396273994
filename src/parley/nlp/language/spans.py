"""Per-Doc caches for what spaCy rebuilds on every access (Doc.ents, Span.ents), so callers stay linear."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from parley.nlp import extensions  # noqa: F401  (registers parley_ents)


def ents_in(span: Span) -> list[Span]:
    """The named entities inside `span`, as `span.ents` gives them, without rebuilding Doc.ents on every call.

    `Span.ents` walks all of `doc.ents` (built anew each time), so asking it once per event is quadratic in the
    article's length; here `doc.ents` is read once per Doc and each call bisects it. The cache holds the
    entities as they are at the first call: call it only after the last component that sets entities.
    """
    doc = span.doc
    cached = doc._.parley_ents
    if cached is None:
        ents = list(doc.ents)
        cached = doc._.parley_ents = (ents, [e.start for e in ents])
    ents, starts = cached
    out = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        if ents[i].end > span.end:
            break  # entities do not overlap, so their ends are sorted too
        out.append(ents[i])
    return out
