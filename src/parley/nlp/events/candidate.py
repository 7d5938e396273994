"""The Candidate record: an event found in a Doc, shared by the trigger and role readers."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from parley.nlp.actors.mention import Mention


@dataclass
class Candidate:
    """An event found in a Doc, with token indices, before it becomes a plain Event record."""

    trigger: Token
    tokens: list[Token]
    type: str
    mode: str | None
    source: list[Mention] = field(default_factory=list)
    target: list[Mention] = field(default_factory=list)
    verbal: bool = True
    reciprocal: bool = False
    content: Token | None = None  # the clause a reported demand asks for ("Russia must withdraw")
    alleged_by: Candidate | None = None  # the accusation this act is the content of
    negation_absorbed: bool = False  # "will not accept" coded as REJECT: the "not" is spent
    anaphor: Token | None = None  # "rejected these demands": an object that points back to an earlier event
    antecedent: Candidate | None = None
    construction: str | None = None  # the kb construction that found it ("fighting raged")
    keeps_content: bool = False  # the act its complement names is an event too ("ready to release")
    venue: Token | None = None  # "the Hanoi summit", "on their way to Moscow for talks": where a nominal event is held
    victims: list[Mention] = field(default_factory=list)  # "arrested 300 people": the target when no place or party is
    confidence: float | None = None  # set by the trained classifier (nlp/events/classifier.py) when it runs

    @property
    def start(self) -> int:
        return min(t.i for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.i for t in self.tokens) + 1


class LatestBefore:
    """For each key, the candidate latest in list order among those whose trigger is at or before a token.

    `_resolve_anaphors` asks this once per anaphoric object; scanning every candidate for each made it
    quadratic in an article's length. Built in O(n log n): per key, the candidates sorted by trigger
    position with a running top two of list indices (the second for when the first is the asker)."""

    def __init__(self, candidates: list[Candidate], keys_of):
        entries: dict = {}
        for n, cand in enumerate(candidates):
            for key in keys_of(cand):
                entries.setdefault(key, []).append((cand.trigger.i, n))
        self.candidates = candidates
        self.index: dict = {}
        for key, found in entries.items():
            found.sort()
            positions, tops = [], []
            first = second = -1
            for position, n in found:
                if n > first:
                    first, second = n, first
                elif n > second:
                    second = n
                positions.append(position)
                tops.append((first, second))
            self.index[key] = (positions, tops)

    def get(self, key, at: int, exclude: Candidate) -> Candidate | None:
        """The latest-listed candidate under `key` with trigger position <= `at`, other than `exclude`."""
        if key not in self.index:
            return None
        positions, tops = self.index[key]
        k = bisect.bisect_right(positions, at) - 1
        if k < 0:
            return None
        for n in tops[k]:
            if n >= 0 and self.candidates[n] is not exclude:
                return self.candidates[n]
        return None
