"""Closed-class English the reading rules test words against, loaded once per process: the word lists of
kb/wordlists.yaml (prepositions by role, pronouns, determiners, modals: `words()`) and those for reading roles
(pronouns, pair phrases, third-party, reaction and gratitude verbs) of kb/roles.yaml (`grammar()`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from parley.kb import KBError, extended_mapping


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
    authority_acts: frozenset = frozenset()
    journey_nouns: frozenset = frozenset()
    removal_verbs: frozenset = frozenset()

    def pair_count(self, token) -> int:
        """How many parties a pair phrase headed by `token` stands for ("both sides" 2, "the three nations" 3,
        "the trio" 3), 0 when it is no pair phrase."""
        lower = token.lower_
        if lower in self.pair_nouns:
            modifiers = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet", "amod", "quantmod")}
            if modifiers & self.pair_numbers:
                return 2
            return max((n for word, n in self.pair_larger if word in modifiers), default=0)
        if any(c.dep_ == "det" and c.lower_ in words().definite_articles for c in token.children):
            return next((n for word, n in self.pair_collectives if word == lower), 0)
        return 0

    @property
    def pronouns(self) -> frozenset:
        return self.person | self.thing | self.plural | self.first_person


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """kb/roles.yaml (and any PARLEY_KB additions), read once per process."""
    data = extended_mapping("roles.yaml")
    listed = lambda value: frozenset(str(w).lower() for w in value or [])  # noqa: E731
    counts = lambda value: tuple((str(w).lower(), int(n)) for w, n in (value or {}).items())  # noqa: E731
    pronouns, pair = data.get("pronouns") or {}, data.get("pair") or {}
    bodies = data.get("definite_org_nouns") or {}
    return Grammar(listed(pronouns.get("person")), listed(pronouns.get("thing")), listed(pronouns.get("plural")),
                   listed(pronouns.get("first_person")), listed(pair.get("numbers")) | listed(pair.get("adjectives")),
                   listed(pair.get("nouns")),
                   listed(pair.get("people")), listed(data.get("reciprocals")), listed(data.get("third_party_verbs")),
                   listed(data.get("mediated_nouns")), listed(data.get("definite_state_nouns")),
                   listed(data.get("gratitude_verbs")), listed(data.get("reaction_verbs")),
                   listed(data.get("ethnic_words")), listed(data.get("place_preps")),
                   listed(data.get("locative_preps")), listed(data.get("headline_small_words")),
                   listed(data.get("stance_prefixes")), listed(data.get("unattributed_weapons")),
                   listed(data.get("quantity_nouns")), listed(data.get("visit_words")),
                   listed(data.get("party_preps")), listed(data.get("victim_nouns")),
                   pair_larger=counts(pair.get("larger")), pair_collectives=counts(pair.get("collectives")),
                   pair_states=listed(pair.get("states")), unit_nouns=listed(data.get("unit_nouns")),
                   definite_bodies=listed(bodies.get("any")), definite_named_bodies=listed(bodies.get("named")),
                   authority_acts=listed(data.get("authority_acts")), journey_nouns=listed(data.get("journey_nouns")),
                   removal_verbs=listed(data.get("removal_verbs")))


class WordLists:
    """The lists of kb/wordlists.yaml as attributes (`words().target_prepositions`), each a frozenset of lowercase
    words or phrases. A name the file does not have raises KBError."""

    def __init__(self, lists: dict[str, frozenset]):
        self.__dict__.update(lists)

    def __getattr__(self, name: str) -> frozenset:  # only reached for a name no list has
        if name.startswith("__"):
            raise AttributeError(name)
        raise KBError(f"wordlists.yaml has no list {name!r}; add it to src/parley/kb/wordlists.yaml")


@lru_cache(maxsize=1)
def words() -> WordLists:
    """kb/wordlists.yaml merged with the user's PARLEY_KB copies (lists extend; `remove:` takes out), read once per
    process. KBError when an entry is not a list of words."""
    lists = {}
    for name, value in extended_mapping("wordlists.yaml").items():
        if not isinstance(value, list):
            raise KBError(f"wordlists.yaml: {name} must be a list of words, got {type(value).__name__}")
        if any(isinstance(w, bool) for w in value):
            raise KBError(f'wordlists.yaml: {name} has a true or false; quote the word ("on", "no")')
        lists[name] = frozenset(str(w).lower() for w in value)
    return WordLists(lists)
