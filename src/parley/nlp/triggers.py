"""Trigger reading: which words and constructions are events, and of which PLOVER type and mode.

The English lives in kb/triggers.yaml (lemmas with their argument frames) and kb/frames.yaml (object
and complement classes, multiword constructions); this module holds the mechanism. `TriggerReader` is
mixed into the event extractor, which supplies the role reading (`_candidate`, `_verb_roles`, `_noun_roles`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from parley.nlp.candidates import Candidate
from parley.nlp.lexicon import Lexicon, Trigger
from parley.nlp.status import is_negated

if TYPE_CHECKING:  # the role reader lives with the extractor that mixes this class in
    from parley.nlp.events import Roles

NAME_ENTITY_TYPES = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "GPE"}
ACTOR_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}
NEGATABLE_TYPES = {"AGREE", "SUPPORT"}
CEASABLE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}


def verb_lemma(token: Token, known) -> str:
    """The token's lemma, or a regular de-inflection of it that `known` has when the lemmatizer slipped
    ("staged" lemmatised as "stag")."""
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    word = token.lower_
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in known:
            return word[: len(word) - len(suffix)] + repl
    return lemma


def lemma_not_event(token: Token, lex: Lexicon) -> bool:
    return verb_lemma(token, lex.verbs) not in lex.verbs


def _inside_name(token: Token) -> bool:
    """"the Warsaw Pact", "the Good Friday Agreement": a trigger word inside a name is not an event."""
    return token.ent_type_ in NAME_ENTITY_TYPES and token.ent_iob_ == "I"


def _of_objects(noun: Token) -> list[Token]:
    """What a quantity or container noun counts: "trucks of food", "dozens of drones"."""
    return [p for of in noun.children if of.dep_ == "prep" and of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]


class TriggerReader:
    """Finds trigger words and constructions; mixed into EventExtractor, which reads the roles."""

    lex: Lexicon

    def verb_trigger(self, token: Token) -> tuple[Trigger, list[Token]] | None:
        if token.pos_ != "VERB" or token.dep_ in ("amod", "compound"):
            return None
        lemma = verb_lemma(token, self.lex.verbs)
        for child in token.children:
            # a preposition away from its verb is a particle only when it does not start a time phrase
            # ("fired missiles at Russia", but not "called Putin on Friday")
            next_word = child.i == token.i + 1 or (child.i == token.i + 2 and token.doc[token.i + 1].pos_ == "ADV")
            timed = any(p.ent_type_ in ("DATE", "TIME") for p in child.children)
            if (child.dep_ == "prt" or (child.dep_ in ("prep", "dobj") and (next_word or not timed))) and (lemma, child.lower_) in self.lex.phrasal:
                return self.lex.phrasal[(lemma, child.lower_)], [token, child]
        trigger = self.lex.verbs.get(lemma)
        if trigger is None:
            return None
        if trigger.requires_actor_object:
            names = [c for c in token.children if c.dep_ == "dobj" and c.ent_type_ in ACTOR_ENTITY_TYPES]
            return (trigger, [token]) if names else None
        if trigger.objects:
            for obj in self._objects(token):
                kind = trigger.objects.get(obj.lower_) or trigger.objects.get(obj.lemma_.lower())
                if kind:
                    return Trigger(kind, trigger.mode, reverse=trigger.reverse), [token]
            if trigger.requires_object:
                return None
        return trigger, [token]

    def _polarity(self, verb: Token, event_type: str) -> str:
        """Refusing to accept is rejecting: a negated (or failed) acceptance or endorsement is coded REJECT."""
        negated = is_negated(verb)
        failed = verb.dep_ == "xcomp" and verb_lemma(verb.head, self.lex.negating_verbs) in self.lex.negating_verbs
        if event_type in NEGATABLE_TYPES and (negated or failed):
            return "REJECT"
        governor = verb.head if verb.dep_ in ("xcomp", "pcomp", "dobj") else None
        if governor is not None and governor.dep_ == "prep":  # "refrain from attacking"
            governor = governor.head
        if (event_type in CEASABLE_TYPES and governor is not None
                and verb_lemma(governor, self.lex.cessation_verbs) in self.lex.cessation_verbs):
            return "RETREAT"
        return event_type

    @staticmethod
    def _objects(verb: Token) -> list[Token]:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for prt in verb.children:
            if prt.dep_ == "prep" and prt.lower_ in ("to", "on", "for", "at"):
                objs.extend(c for c in prt.children if c.dep_ == "pobj")
        out = []
        for obj in objs:
            out.append(obj)
            out.extend(obj.conjuncts)
            out.extend(_of_objects(obj))  # "sent 40 trucks of food"
        return out

    def noun_trigger(self, token: Token) -> Trigger | None:
        # a gerund with an article is a noun, whatever the tagger says ("a Paris gathering")
        nominal = token.pos_ in ("NOUN", "PROPN") or (
            token.pos_ == "VERB" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in token.children))
        if not nominal:
            return None
        for child in token.children:  # two-word triggers: "hunger strike", "ethnic cleansing"
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                trigger = self.lex.nouns.get(f"{child.lower_} {token.lower_}")
                if trigger is not None:
                    return trigger
        return self.lex.nouns.get(token.lower_) or self.lex.nouns.get(token.lemma_.lower())

    def obligation(self, verb: Token) -> Token | None:
        """The clause a speech verb reports as an obligation on someone ("said Iraq must cooperate")."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.speech_verbs:
            return None
        for comp in verb.children:
            if comp.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in self.lex.obligation_modals for a in comp.children):
                return comp
        return None

    def _verbal(self, doc: Doc, roles: Roles, consumed: set[int]) -> list[Candidate]:
        """Verbs of the lexicon ("accused", "called on"), and reported obligations ("said X must")."""
        out = []
        for token in doc:
            found = self.verb_trigger(token)
            if found is None:
                clause = self.obligation(token)
                if clause is not None:
                    cand = Candidate(token, [token], "REQUEST", None, content=clause)
                    self._verb_roles(cand, roles)
                    subjects, _ = self.subject_tokens(clause)
                    cand.target = [m for s in subjects for m in roles.at(s) if m not in cand.source]
                    if cand.source and cand.target:
                        out.append(cand)
                continue
            trigger, tokens = found
            noun = self._light_object(token)
            if noun is not None:
                consumed.add(noun.i)
                tokens = tokens + [noun]
            elif len(tokens) == 1 and verb_lemma(token, self.lex.light_verbs) in self.lex.light_verbs and lemma_not_event(token, self.lex):
                continue
            out.append(self._candidate(token, tokens, trigger, roles))
        return out

    def _light(self, doc: Doc, roles: Roles, consumed: set[int]) -> list[Candidate]:
        """Light verbs with a nominal trigger ("held talks", "carried out strikes"): the noun's type."""
        out = []
        for token in doc:
            if token.i in consumed or token.pos_ != "VERB" or verb_lemma(token, self.lex.light_verbs) not in self.lex.light_verbs:
                continue
            noun = self._light_object(token)
            if noun is None or noun.i in consumed:
                continue
            consumed.add(noun.i)
            cand = self._candidate(token, [token, noun], self.noun_trigger(noun), roles)  # "failed to reach agreement"
            self._noun_roles(cand, noun, roles, fill_only=True)
            out.append(cand)
        return out

    def _nominal(self, doc: Doc, roles: Roles, consumed: set[int]) -> list[Candidate]:
        """Nominal triggers with an actor of their own ("Moscow's terms", "a truce between X and Y")."""
        out = []
        for token in doc:
            if token.i in consumed or _inside_name(token):
                continue
            trigger = self.noun_trigger(token)
            if trigger is None or trigger.only_light or self._is_content_of_verb_event(token):
                continue
            cand = Candidate(token, [token], trigger.type, trigger.mode, verbal=False)
            self._noun_roles(cand, token, roles)
            if cand.source or cand.target:
                out.append(cand)
        return out

    def _light_object(self, verb: Token) -> Token | None:
        """The nominal trigger a light verb governs ("held talks", "carried out strikes", "agreed to a truce")."""
        if verb_lemma(verb, self.lex.light_verbs) not in self.lex.light_verbs:
            return None
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for prep in verb.children:
            if prep.dep_ in ("prep", "prt") and prep.lower_ in ("to", "on", "out"):
                objs.extend(c for c in prep.children if c.dep_ in ("pobj", "dobj"))
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            objs.append(verb.head)  # "a ceasefire declared by Russia"
        if not objs and (verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)):
            # a reduced relative the parser attached elsewhere: "the truce declared unilaterally by X"
            j = verb.i - 1
            while j >= 0 and verb.doc[j].pos_ == "ADV":
                j -= 1
            if j >= 0 and verb.doc[j].pos_ == "NOUN":
                objs.append(verb.doc[j])
        for obj in objs:
            # "launched a wave of airstrikes", "fired dozens of drones"
            for noun in [obj] if self.noun_trigger(obj) is not None else _of_objects(obj):
                if self.noun_trigger(noun) is not None:
                    return noun
        return None

    def _is_content_of_verb_event(self, noun: Token) -> bool:
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
            return self.verb_trigger(head) is not None
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            return self.verb_trigger(head.head) is not None and head.lower_ in ("to", "for", "on", "of")
        return False
