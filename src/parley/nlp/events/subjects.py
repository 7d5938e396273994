"""Who does it: the subject of a trigger's clause, climbing through complements, conjuncts and relative clauses
("X is scheduled to hold talks", "accused Y of attacking"), and the subject of the clause a noun hangs from."""

from __future__ import annotations

from spacy.tokens import Token

from parley import kb as kb_module
from parley.nlp.actors.mention import Mention
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.arguments import verb_lemma
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from parley.nlp.language.wordlists import grammar, words


def subject_tokens(verb: Token, triggers: TriggerReader) -> tuple[list[Token], bool]:
    """Subject of a verb (climbing through xcomp, conj and relative clauses); True if passive."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        return [], True  # "after the truce was announced": the doer is not named
    if shares_passive(verb):
        # "he had been arrested and sentenced to six years": the second participle is passive too
        agents = [c for ch in verb.children if ch.dep_ == "agent" for c in ch.children if c.dep_ == "pobj"]
        return agents, True
    token = verb
    for _ in range(4):
        # above the event's own verb, a passive subject is the doer: "X is scheduled to hold talks";
        # all of them, for the parser sometimes gives a coordinated subject two nsubj arcs
        subjects = [c for c in token.children
                    if c.dep_ in ACTIVE_SUBJECT_DEPS or (token is not verb and c.dep_ in PASSIVE_SUBJECT_DEPS)]
        if subjects:
            return subjects, False
        for child in token.children:
            if child.dep_ == "agent":
                return [c for c in child.children if c.dep_ == "pobj"], True
        if token.dep_ == "relcl":
            return [token.head], False
        if token.dep_ == "acl":
            owner = [c for c in token.head.children if c.dep_ == "poss"]
            if owner and any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in token.children):
                return owner, False  # "India's decision to suspend the treaty"
            if token.tag_ == "VBG" and _is_thing(token.head) and triggers.noun_trigger(token.head) is None:
                # "issued a series of warnings demanding that X": whoever made the warnings demands
                doers = _governing_subject_tokens(token.head)
                if doers:
                    return doers, False
            # "demonstrators protesting the results": people doing it (not "terms ... accepting", a parse slip)
            active = token.tag_ == "VBD" or (token.tag_ == "VBG" and triggers.noun_trigger(token.head) is None
                                             and not any(c.dep_ == "cc" for c in token.head.children))
            # "Malaysia, which chairs ASEAN, offered to mediate" misparsed as a modifier of Malaysia
            return ([token.head], False) if active else ([], True)
        if token.dep_ == "acomp" and token.head.i != token.i:  # "was ready to meet": up to the verb
            token = token.head
            continue
        if token.dep_ in ("xcomp", "conj", "advcl", "pcomp") and token.head.i != token.i:
            via_prep = token.head.dep_ == "prep"
            token = token.head.head if via_prep else token.head
            if via_prep and token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj":
                return [token], False  # "accused [Y of attacking]" parsed with "of" under Y
            if via_prep and (verb_lemma(token, triggers.lex.claim_verbs) in triggers.lex.claim_verbs
                             or token.lemma_.lower() in grammar().gratitude_verbs):
                # "accused Y of attacking", "thanked Y for sending troops": Y is who did it
                objects = [c for c in token.children if c.dep_ == "dobj"]
                if objects:
                    return objects, False
            continue
        break
    return [], False


def shares_passive(verb: Token) -> bool:
    """A past participle coordinated with a passive verb, with no subject or auxiliary of its own, is passive too:
    "was arrested and sentenced", "were detained and charged"."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and head.i != verb.i
            and any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in head.children)
            and not any(c.dep_ in ACTIVE_SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("aux", "auxpass")
                        for c in verb.children))


def _is_thing(noun: Token) -> bool:
    """A common noun that names no one ("warnings", "a statement"), as against "demonstrators"."""
    kb = kb_module.load()
    return (noun.pos_ == "NOUN" and not noun.ent_type_ and noun.lower_ not in kb.sector_nouns
            and noun.lemma_.lower() not in kb.sector_nouns and noun.lemma_.lower() not in kb.titles)


def _governing_subject_tokens(noun: Token) -> list[Token]:
    """The subject tokens of the nearest verb a noun hangs from (through "a series of"), or []."""
    token = noun
    for _ in range(4):
        if token.dep_ not in ("dobj", "pobj", "prep") or token.head.i == token.i:
            return []
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return [c for c in token.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    return []


def governing_subject(noun: Token, roles: NounPhraseActors, triggers: TriggerReader) -> list[Mention]:
    """For "talks with X" with no owner: whose talks? The subject of the governing clause; none when that clause
    judges the act (kb/frames.yaml `judging_verbs`): in "Turkey condemned the attack on its embassy" Turkey is
    the one attacked, not the attacker."""
    judging = triggers.lex.classes.get("judging_verbs", frozenset())
    token = noun
    for _ in range(5):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if verb_lemma(token, judging) in judging:
                return []
            subjects, _ = subject_tokens(token, triggers)
            for subj in subjects:
                hits = roles.at(subj)
                if hits:
                    return hits
        if token.head.i == token.i:
            break
    return []

