"""Closed-class English for reading roles (pronouns, pair phrases, third-party, reaction and gratitude
verbs), from kb/roles.yaml, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from parley.kb import extended_mapping


@dataclass(frozen=True)
class Grammar:
    """Closed-class words from kb/roles.yaml (see that file for what each list means)."""

    person: frozenset
    thing: frozenset
    plural: frozenset
    first_person: frozenset
    pair_numbers: frozenset  # with pair.adjectives ("the warring parties") appended
    pair_nouns: frozenset
    pair_people: frozenset
    reciprocals: frozenset
    third_party_verbs: frozenset
    mediated_nouns: frozenset
    definite_state_nouns: frozenset
    gratitude_verbs: frozenset
    reaction_verbs: frozenset
    ethnic_words: frozenset
    place_preps: frozenset
    locative_preps: frozenset
    headline_small_words: frozenset
    stance_prefixes: frozenset = frozenset()
    unattributed_weapons: frozenset = frozenset()
    quantity_nouns: frozenset = frozenset()
    visit_words: frozenset = frozenset()
    party_preps: frozenset = frozenset()
    victim_nouns: frozenset = frozenset()
    pair_larger: tuple = ()  # (word, count) pairs: "three" 3
    pair_collectives: tuple = ()  # (noun, count) pairs: "trio" 3
    pair_states: frozenset = frozenset()
    unit_nouns: frozenset = frozenset()
    definite_bodies: frozenset = frozenset()  # definite_org_nouns.any
    definite_named_bodies: frozenset = frozenset()  # definite_org_nouns.named

    def pair_count(self, token) -> int:
        """How many parties a pair phrase headed by `token` stands for ("both sides" 2, "the three nations" 3,
        "the trio" 3), 0 when it is no pair phrase."""
        lower = token.lower_
        if lower in self.pair_nouns:
            words = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet", "amod", "quantmod")}
            if words & self.pair_numbers:
                return 2
            return max((n for word, n in self.pair_larger if word in words), default=0)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return next((n for word, n in self.pair_collectives if word == lower), 0)
        return 0

    @property
    def pronouns(self) -> frozenset:
        return self.person | self.thing | self.plural | self.first_person


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """kb/roles.yaml (and any PARLEY_KB additions), read once per process."""
    data = extended_mapping("roles.yaml")
    words = lambda value: frozenset(str(w).lower() for w in value or [])  # noqa: E731
    counts = lambda value: tuple((str(w).lower(), int(n)) for w, n in (value or {}).items())  # noqa: E731
    pronouns, pair = data.get("pronouns") or {}, data.get("pair") or {}
    bodies = data.get("definite_org_nouns") or {}
    return Grammar(words(pronouns.get("person")), words(pronouns.get("thing")), words(pronouns.get("plural")),
                   words(pronouns.get("first_person")), words(pair.get("numbers")) | words(pair.get("adjectives")),
                   words(pair.get("nouns")),
                   words(pair.get("people")), words(data.get("reciprocals")), words(data.get("third_party_verbs")),
                   words(data.get("mediated_nouns")), words(data.get("definite_state_nouns")),
                   words(data.get("gratitude_verbs")), words(data.get("reaction_verbs")),
                   words(data.get("ethnic_words")), words(data.get("place_preps")),
                   words(data.get("locative_preps")), words(data.get("headline_small_words")),
                   words(data.get("stance_prefixes")), words(data.get("unattributed_weapons")),
                   words(data.get("quantity_nouns")), words(data.get("visit_words")),
                   words(data.get("party_preps")), words(data.get("victim_nouns")),
                   pair_larger=counts(pair.get("larger")), pair_collectives=counts(pair.get("collectives")),
                   pair_states=words(pair.get("states")), unit_nouns=words(data.get("unit_nouns")),
                   definite_bodies=words(bodies.get("any")), definite_named_bodies=words(bodies.get("named")))
