"""Who holds a stance: the mentions that voice it (the owner of a stance noun, the subject of a stance verb, the
speaker of a quote) and the party they speak for (`holder`: a group's leader for the group, an official for the
state)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Token

from parley import kb as kb_module
from parley.identity import STATE_SECTORS
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.roles import RoleReader
from parley.nlp.language.wordlists import words
from parley.nlp.positions.issues import load_issues
from parley.records import Actor

MAX_HOPS = 6
# Dependencies by which a noun phrase names who holds the stance noun it modifies ("a U.S. proposal").
HOLDER_DEPS = ("poss", "compound", "amod")


@lru_cache(maxsize=4096)
def _organisation_in(role: str):
    """The organisation a person's role names ("Leader of Hamas" -> Hamas), from the organisations' aliases."""
    kb = kb_module.load()
    for alias, entity_id in kb.aliases.items():
        if entity_id.startswith("org:") and len(alias) >= 3 and re.search(rf"\b{re.escape(alias)}\b", role):
            return kb.entities[entity_id]
    return None

def holder(actor: Actor) -> Actor:
    """Who holds a position voiced by `actor`: a member of a group's leadership speaks for the group, a state's
    official or organ for the state; the mention's text and span stay as the evidence of who spoke."""
    kb = kb_module.load()
    entity = kb.entities.get(actor.id)
    if actor.id.startswith("person:") and entity is not None and entity.role:
        org = _organisation_in(entity.role)
        if org is not None:
            return replace(actor, name=org.name, id=org.id, country=org.country, type=org.type)
    state_side = actor.id.startswith(("country:", "person:")) or actor.type in STATE_SECTORS
    if state_side and actor.country and not actor.id.startswith("country:"):
        state = kb.country(actor.country)
        if state is not None:
            return replace(actor, name=state.name, id=state.id, country=state.country, type=state.type)
    return actor


def _speakers_own(noun: Token) -> bool:
    """"Pashinyan said his country was ready to sign": a state noun (kb/issues.yaml `own_state_nouns`) owned by a
    pronoun stands for the state of the one who says it."""
    return noun.lemma_.lower() in load_issues().own_state_nouns and any(
        c.dep_ == "poss" and c.lower_ in words().possessive_pronouns for c in noun.children)


class StanceHolders:
    """The mentions that hold a stance a token voices (`of`); asks its RoleReader for a verb's subject."""

    def __init__(self, role_reader: RoleReader):
        self.role_reader = role_reader

    def of(self, token: Token, roles: NounPhraseActors) -> list:
        """Who holds a stance: the owner of a stance noun ("Moscow's terms", "a U.S. proposal"), or the
        subject of a stance verb or adjective."""
        for child in token.children:
            if child.dep_ in HOLDER_DEPS:
                actors = roles.at(child)
                if actors:
                    return actors
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            verb = token if token.pos_ != "ADJ" else token.head
            if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN" and verb.head.dep_ in ("dobj", "pobj"):
                # "Russia blocked a resolution calling for a ceasefire": the call is the resolution's, held by its
                # owner ("a U.S. resolution calling for"), not by who blocked it
                return roles.at(verb.head)
            subjects, _ = self.role_reader.subject_tokens(verb)
            for subj in subjects:
                actors = roles.at(subj)
                if actors:
                    return actors
                if subj.lower_ in words().speaker_pronouns or _speakers_own(subj):
                    # "'I'm hoping ... bring them to the table,' Representative Ivey told VOA": the quote's speaker;
                    # "Pashinyan said his country was ready": the speaker's state
                    speaker = self.speaker(verb)
                    if speaker is not None:
                        return self.of(speaker, roles)
            if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr" and verb.head.head.i != verb.i \
                    and any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in verb.children):
                # "the Kurdish-led administration was the first to reject the constitution": the copula's subject
                return self.of(verb.head.head, roles)
        return []

    def speaker(self, verb: Token) -> Token | None:
        """The verb of saying whose quoted words hold `verb` (through conjuncts and complements), or None."""
        speech = self.role_reader.lex.speech_verbs
        token = verb
        for _ in range(MAX_HOPS):
            # "Lai said, we are open for dialogue", "The truce, the minister said, is over": the attribution set
            # inside or after the quoted clause hangs from it
            told = next((c for c in token.children if c.dep_ == "parataxis" and c.lemma_.lower() in speech), None)
            if told is not None:
                return told
            if token.head.i == token.i:
                return None
            if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in speech:
                return token.head
            if token.dep_ not in ("conj", "xcomp", "ccomp", "advcl"):
                return None
            token = token.head
        return None
