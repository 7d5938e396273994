"""Clause shapes in which a trigger names an act that no one makes (used by the candidate filter): a comparison's
clause ("longer than we are willing to accept") and a gerund named as a kind of act ("negotiating with armed groups
is considered a crime")."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.events.candidate import Candidate
from parley.nlp.language.wordlists import words

# moves made in words: one named as what an attitude is held about is not made there ("critical of the agreement")
WORD_MOVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}



def in_comparison(token: Token) -> bool:
    """"maybe for longer than we are willing to accept": an act in the clause of a comparison is a yardstick."""
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in words().comparison_markers for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "acomp", "ccomp", "advcl", "conj", "pcomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def generic_activity(cand: Candidate) -> bool:
    """"negotiating with armed groups is considered a crime": a gerund with no doer of its own, the subject of what
    something is (a copula or a passive), names a kind of act, not one done."""
    verb = cand.trigger
    head = verb.head
    return (cand.verbal and verb.tag_ == "VBG" and verb.dep_ in ("csubj", "csubjpass", "nsubj", "nsubjpass")
            and head.i != verb.i and not any(c.dep_ in ("nsubj", "poss") for c in verb.children)
            and (head.lemma_.lower() in words().be_lemmas or any(c.dep_ == "auxpass" for c in head.children)))
