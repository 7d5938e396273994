"""The issue lexicon: kb/issues.yaml's issue cues, stance words and the coding rules that turn events into stances,
merged with a user's copies (lists extend, `remove:` takes out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from parley.kb import KBError, extended_mapping
from parley.records import ISSUES, STANCES


@dataclass(frozen=True)
class IssueLexicon:
    """kb/issues.yaml: issue cues, stance words and the coding rules that turn events into stances."""

    issues: dict[str, list[str]]
    stances: dict[str, str]  # word -> stance
    linking_verbs: frozenset[str]
    governed_cues: dict[str, dict[str, frozenset[str]]]
    event_stances: dict[str, str]
    negated_stances: dict[str, str]
    issue_bound_types: dict[str, frozenset[str]]
    circumstance_preps: frozenset[str]
    earlier_auxiliaries: frozenset[str]
    earlier_adverbs: frozenset[str]
    issue_stances: dict[str, dict[str, str]]  # issue -> word -> stance
    elliptic_verbs: frozenset[str]
    yields_to: dict[str, frozenset[str]]
    price_nouns: frozenset[str]
    wish_verbs: frozenset[str]
    offered_types: frozenset[str]
    stance_preps: dict[str, frozenset[str]]
    harm_issues: frozenset[str]
    left_places: dict[str, frozenset[str]]
    standing_markers: frozenset[str]
    yields_within: dict[str, frozenset[str]]
    object_cues: dict[str, dict[str, frozenset[str]]]
    excluded_modifiers: dict[str, dict[str, frozenset[str]]]
    pending_auxiliaries: frozenset[str]
    part_nouns: frozenset[str]
    excluded_heads: dict[str, dict[str, frozenset[str]]]
    allegation_verbs: frozenset[str]
    allegation_adverbs: frozenset[str] = frozenset()
    # "ruled out talks": a stance verb written with its particle holds the stance only with it ("ruled that ..."
    # does not); verb lemma -> particle -> stance
    particle_stances: dict[str, dict[str, str]] = field(default_factory=dict)
    crime_words: frozenset[str] = frozenset()
    room_nouns: frozenset[str] = frozenset()
    occasion_nouns: frozenset[str] = frozenset()
    pursued_issues: frozenset[str] = frozenset()
    denying_determiners: frozenset[str] = frozenset()
    showing_verbs: frozenset[str] = frozenset()
    exception_preps: frozenset[str] = frozenset()
    exception_markers: frozenset[str] = frozenset()
    barred_act_preps: frozenset[str] = frozenset()
    own_state_nouns: frozenset[str] = frozenset()
    contrary_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    content_nouns: frozenset[str] = frozenset()
    urging_nouns: frozenset[str] = frozenset()

def _lower(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or [])

@lru_cache(maxsize=1)
def load_issues() -> IssueLexicon:
    """kb/issues.yaml merged with the user's copies (lists extend, `remove:` takes out).
    Raises KBError for an unknown stance or issue in the coding rules."""
    data = extended_mapping("issues.yaml")
    issues = {k: [str(w).lower() for w in v] for k, v in (data.get("issues") or {}).items() if k in ISSUES}
    stances: dict[str, str] = {}
    particle_stances: dict[str, dict[str, str]] = {}
    for stance, words in (data.get("stances") or {}).items():
        if stance in STANCES:
            for word in words:
                word = str(word).lower()
                verb, _, particle = word.partition(" ")
                if particle and " " not in particle:
                    particle_stances.setdefault(verb, {})[particle] = stance
                stances[word] = stance
    governed = {issue: {cue.lower(): _lower(words) for cue, words in cues.items()}
                for issue, cues in (data.get("governed_cues") or {}).items()}
    contrary = {k: _lower(v) for k, v in (data.get("contrary_cues") or {}).items()}
    for issue, cues in (*governed.items(), *contrary.items()):
        issues.setdefault(issue, []).extend(c for c in cues if c not in issues.get(issue, ()))
    event_stances = {str(k).upper(): str(v) for k, v in (data.get("event_stances") or {}).items()}
    negated = {str(k): str(v) for k, v in (data.get("negated_stances") or {}).items()}
    for stance in (*event_stances.values(), *negated, *negated.values()):
        if stance not in STANCES:
            raise KBError(f"issues.yaml: unknown stance {stance!r}; use one of: {', '.join(STANCES)}")
    bound = {str(k).upper(): _lower(v) for k, v in (data.get("issue_bound_types") or {}).items()}
    issue_stances = {issue: {str(w).lower(): stance for stance, words in (by_stance or {}).items() if stance in STANCES
                             for w in words} for issue, by_stance in (data.get("issue_stances") or {}).items()}
    return IssueLexicon(issues, stances, _lower(data.get("linking_verbs")), governed, event_stances, negated, bound,
                        _lower(data.get("circumstance_prepositions")), _lower(data.get("earlier_auxiliaries")),
                        _lower(data.get("earlier_adverbs")), issue_stances, _lower(data.get("elliptic_verbs")),
                        {k: _lower(v) for k, v in (data.get("yields_to") or {}).items()},
                        _lower(data.get("price_nouns")), _lower(data.get("wish_verbs")),
                        frozenset(str(t).upper() for t in data.get("offered_types") or []),
                        {str(k).lower(): _lower(v) for k, v in (data.get("stance_prepositions") or {}).items()},
                        _lower(data.get("harm_issues")),
                        {str(k): _lower(v) for k, v in (data.get("left_places") or {}).items()},
                        _lower(data.get("standing_condition_markers")),
                        {k: _lower(v) for k, v in (data.get("yields_within") or {}).items()},
                        {issue: {cue.lower(): _lower(words) for cue, words in cues.items()}
                         for issue, cues in (data.get("object_cues") or {}).items()},
                        {issue: {cue.lower(): _lower(words) for cue, words in cues.items()}
                         for issue, cues in (data.get("excluded_modifiers") or {}).items()},
                        _lower(data.get("pending_auxiliaries")), _lower(data.get("part_nouns")),
                        {issue: {cue.lower(): _lower(words) for cue, words in cues.items()}
                         for issue, cues in (data.get("excluded_heads") or {}).items()},
                        _lower(data.get("allegation_verbs")), _lower(data.get("allegation_adverbs")), particle_stances,
                        _lower(data.get("crime_words")), _lower(data.get("room_nouns")),
                        _lower(data.get("occasion_nouns")), _lower(data.get("pursued_issues")),
                        _lower(data.get("denying_determiners")), _lower(data.get("showing_verbs")),
                        _lower(data.get("exception_prepositions")), _lower(data.get("exception_markers")),
                        _lower(data.get("barred_act_prepositions")), _lower(data.get("own_state_nouns")), contrary,
                        _lower(data.get("content_nouns")), _lower(data.get("urging_nouns")))
