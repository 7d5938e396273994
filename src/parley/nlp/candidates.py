"""The Candidate record: an event found in a Doc, shared by the trigger and role readers."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from parley.nlp.actors import Mention


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
    alleged_by: "Candidate | None" = None  # the accusation this act is the content of
    negation_absorbed: bool = False  # "will not accept" coded as REJECT: the "not" is spent
    anaphor: Token | None = None  # "rejected these demands": an object that points back to an earlier event
    antecedent: "Candidate | None" = None
    construction: str | None = None  # the kb construction that found it ("fighting raged")
    keeps_content: bool = False  # the act its complement names is an event too ("ready to release")
    confidence: float | None = None  # set by the trained classifier (nlp/classifier.py) when it runs

    @property
    def start(self) -> int:
        return min(t.i for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.i for t in self.tokens) + 1
