"""Moves that answer an earlier one ("rejected these demands", "rejected it"): their target is whoever made the
latest earlier move of that kind; and killings told in the passive after an attack, which are its deed."""

from __future__ import annotations

from spacy.tokens import Token

from parley.identity import party_key
from parley.nlp.events.candidate import Candidate, LatestBefore
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.language.syntax import PASSIVE_SUBJECT_DEPS
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



def carry_attackers(candidates: list[Candidate]) -> None:
    """"Israeli commandos stormed the ship. Nine activists aboard were killed.", "The police returned fire and the
    gang leader was killed": a killing told in the passive with no doer named is the deed of the attack told just
    before it (in its sentence or the one before), unless those it befell are that attack's doers."""
    attacks = sorted((c for c in candidates if c.type == "ASSAULT" and c.source), key=lambda c: c.trigger.i)
    for cand in candidates:
        verb = cand.trigger
        # (whom it befell named: with none, the fallen may be either side's)
        if (cand.type != "ASSAULT" or cand.source or not cand.target or not cand.verbal
                or not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children)
                or any(c.dep_ == "agent" for c in verb.children)):
            continue
        first = verb.sent.start if verb.sent.start == 0 else verb.doc[verb.sent.start - 1].sent.start
        before = [a for a in attacks if first <= a.trigger.i < verb.i and a is not cand]
        if not before:
            continue
        latest = before[-1]
        # not the attack's own side ("Militants attacked a hotel. Two of the attackers were killed"): none of the
        # fallen of its doers' party, state or sector
        doers = {v for m in latest.source for v in (party_key(m.actor), m.actor.country, m.actor.type) if v}
        if not doers & {v for m in cand.target for v in (party_key(m.actor), m.actor.country, m.actor.type) if v}:
            cand.source = list(latest.source)
