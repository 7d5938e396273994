"""The trigger lexicon from kb/triggers.yaml, indexed for lookup by lemma."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from parley.kb import KBError, merged_mapping
from parley.records import EVENT_TYPES


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None = None
    requires_object: bool = False
    objects: dict = field(default_factory=dict)
    only_light: bool = False
    requires_actor_object: bool = False  # "called Zelenskiy" is a phone call, "called a strike" is not
    reverse: bool = False  # "X received weapons from Y": Y is the source, X the target


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Trigger]
    phrasal: dict[tuple[str, str], Trigger]  # (verb lemma, particle/preposition/object) -> trigger
    nouns: dict[str, Trigger]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    stative_passives: frozenset[str]
    negating_verbs: frozenset[str]
    cessation_verbs: frozenset[str]
    promise_verbs: frozenset[str]
    event_types: dict[str, dict]

    def cameo(self, event_type: str) -> str | None:
        return (self.event_types.get(event_type) or {}).get("cameo")


def _trigger(key: str, entry: dict) -> Trigger:
    if not isinstance(entry, dict) or entry.get("type") not in EVENT_TYPES:
        raise KBError(f"triggers.yaml: {key!r} needs a type, one of: {', '.join(EVENT_TYPES)}")
    objects = {str(k).lower(): v for k, v in (entry.get("objects") or {}).items()}
    return Trigger(entry["type"], entry.get("mode"), bool(entry.get("requires_object")), objects,
                   bool(entry.get("only_light")), bool(entry.get("requires_actor_object")), bool(entry.get("reverse")))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    data = merged_mapping("triggers.yaml")
    verbs, phrasal = {}, {}
    for key, entry in (data.get("verbs") or {}).items():
        words = str(key).lower().split()
        trigger = _trigger(key, entry)
        if len(words) == 1:
            verbs[words[0]] = trigger
        else:
            phrasal[(words[0], " ".join(words[1:]))] = trigger
    nouns = {str(k).lower(): _trigger(k, v) for k, v in (data.get("nouns") or {}).items()}
    lower = lambda name: frozenset(str(w).lower() for w in data.get(name) or [])  # noqa: E731
    return Lexicon(verbs, phrasal, nouns, lower("light_verbs"), lower("speech_verbs"), lower("claim_verbs"),
                   lower("deny_verbs"), lower("obligation_modals"), lower("stative_passives"), lower("negating_verbs"), lower("cessation_verbs"), lower("promise_verbs"), data.get("event_types") or {})
