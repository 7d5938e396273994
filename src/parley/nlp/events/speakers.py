"""Who says a clause: the subject of the verb of saying that reports it ("X will pay, the minister said"), and the
speaker of a move made in an impersonal clause of reported speech ("said, 'It is time to stop the attacks'")."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from parley.nlp.language.wordlists import words


def impersonal_speaker(verb: Token, speech_verbs: frozenset) -> list[Token]:
    """"The minister said, 'It is time to stop Israel's attacks'": a move made in an impersonal clause (its
    subject a dummy "it", or none) of what someone says is the speaker's; [] when no such clause says it."""
    token = verb
    for _ in range(4):
        if token.head.i == token.i or token.dep_ not in ("relcl", "attr", "acl", "xcomp", "ccomp", "parataxis"):
            return []
        subjects = [c for c in token.children if c.dep_ in ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        if any(s.lower_ not in words().dummy_subjects for s in subjects):
            return []
        if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in speech_verbs:
            return [c for c in token.head.children if c.dep_ == "nsubj"]
        token = token.head
    return []


def speaker_subjects(verb: Token, saying: frozenset) -> list[Token]:
    """Who says the clause: "X will pay, the minister said" (either parse of it); `saying` holds the lemmas of the
    verbs of saying, promising and warning."""
    heads = [verb.head] if verb.dep_ in ("ccomp", "parataxis", "xcomp") else []
    heads += [c for c in verb.children if c.dep_ in ("parataxis", "ccomp", "advcl")]
    for head in heads:
        if head.lemma_.lower() in saying:
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects
    return []


def attributed_to(verb: Token) -> list[Token]:
    """"Iran was behind the plot, according to prosecutors", "Hamas was blamed for the fire, according to the army":
    who a clause is attributed to (kb/wordlists.yaml `attribution_prepositions`), on its verb or a clause above it
    (up to the sentence's root); [] when nobody is."""
    token = verb
    for _ in range(4):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in words().attribution_prepositions:
                return [o for to in prep.children if to.dep_ == "prep" for o in to.children if o.dep_ == "pobj"]
        if token.head.i == token.i:
            break
        token = token.head
    return []


def judge_of(verb: Token, lex) -> list[Token]:
    """Who states a judgement or a warning made of a clause's subject ("X will pay, the minister warned", "contended
    that the EU is hostile", "the panel concluded that the detention is arbitrary", "X was behind the plot,
    according to prosecutors"): the subject of its verb of saying, claiming, promising, warning or finding, else
    whom it is attributed to; [] when nobody is named. `lex` is the events Lexicon (its verb lemma sets)."""
    saying = (lex.speech_verbs | lex.promise_verbs | lex.claim_verbs | words().warning_verbs
              | words().finding_verbs)
    return speaker_subjects(verb, saying) or attributed_to(verb)
