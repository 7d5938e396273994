"""Moves that answer an earlier one ("rejected these demands", "rejected it"): their target is whoever made the
latest earlier move of that kind."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.events.candidate import Candidate, LatestBefore
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.language.wordlists import words


def is_anaphoric_event_noun(token: Token, triggers: TriggerReader) -> bool:
    determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
    return bool(determiners & words().anaphoric_determiners) and triggers.noun_trigger(token) is not None


def resolve_anaphors(candidates: list[Candidate], triggers: TriggerReader) -> None:
    """"rejected these demands": the target is whoever made the latest earlier move of that kind."""
    if not any(cand.anaphor is not None for cand in candidates):
        return
    # the moves with a source, indexed by the tokens and words they span and by type (sources do not
    # change in this loop): one lookup per anaphor instead of a scan of the article's moves
    latest = LatestBefore([c for c in candidates if c.source], lambda c: {("type", c.type), ("any",)}
                          | {("token", t.i) for t in c.tokens} | {("word", t.lemma_) for t in c.tokens})
    for cand in candidates:
        if cand.anaphor is None:
            continue
        noun = triggers.noun_trigger(cand.anaphor)
        kind = noun.type if noun is not None else None  # None: "rejected it", any earlier move
        at = cand.anaphor.i
        earlier = (latest.get(("token", at), at, cand) or latest.get(("word", cand.anaphor.lemma_), at, cand)
                   or latest.get(("any",) if kind is None else ("type", kind), at, cand))
        if earlier is not None:
            cand.antecedent = earlier
            cand.target = cand.target or [m for m in earlier.source if m not in cand.source]

