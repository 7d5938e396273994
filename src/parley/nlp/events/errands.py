"""Verbal moves a trip or a meeting is made for, which it makes: "the minister visited Brussels to lobby the EU",
"flew to Washington to press for more aid". The candidate filter keeps them where it drops the aim of a material move
("announced a truce to support relief efforts")."""

from __future__ import annotations

from parley.nlp.events.arguments import verb_lemma
from parley.nlp.events.candidate import Candidate
from parley.nlp.language.lexicon import Lexicon

# Verbal moves a trip or a meeting is made for, and so makes ("flew to Brussels to press for sanctions").
ERRAND_TYPES = {"REQUEST", "ACCUSE", "REJECT"}


def made_on_errand(cand: Candidate, by_trigger: dict, lex: Lexicon) -> bool:
    """"met senators to press for more aid", "has been to Europe to campaign against the ban": a demand, charge or
    refusal whose clause is the purpose of a trip (kb/frames.yaml `travel_verbs`) or of a meeting candidate
    (`by_trigger`: candidates by trigger index) is made there."""
    head = cand.trigger.head
    while head.dep_ == "conj" and head.head.i != head.i:  # "visited Europe and met officials to lobby"
        head = head.head
    if cand.type not in ERRAND_TYPES or not cand.verbal or head.i == cand.trigger.i:
        return False
    travel = lex.classes.get("travel_verbs", frozenset())
    meeting = by_trigger.get(head.i)
    return verb_lemma(head, travel) in travel or (meeting is not None and meeting.type == "CONSULT")
