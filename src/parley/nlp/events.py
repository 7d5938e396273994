"""Events: trigger words from the lexicon; their source and target are read by nlp/roles.py."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley.nlp import lexicon as lexicon_mod
from parley.nlp.grammar import grammar
from parley.nlp.lexicon import Lexicon, Trigger
from parley.nlp.roles import (  # noqa: F401  (assemble and positions import Candidate and Roles from here)
    SUBJECT_DEPS, TEMPORAL_PREPS, Candidate, RoleReader, Roles, verb_lemma,
)
from parley.nlp.status import is_negated

for _name in ("parley_events", "parley_positions", "parley_candidates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


NAME_ENTITY_TYPES = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "GPE"}
ACTOR_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}
NEGATABLE_TYPES = {"AGREE", "SUPPORT"}
CEASABLE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
# Types whose clause complement is the content of the move, not a second event ("threatened to strike").
CONTENT_TYPES = {"THREATEN", "REQUEST", "REJECT", "AGREE", "SUPPORT"}
SPOKEN_TYPES = {"THREATEN", "REQUEST"}
CONTENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl"}
# A verb-tagged trigger in these positions is read as a noun ("U.S. strikes on Iran drew condemnation").
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}


def lemma_not_event(token: Token, lex: Lexicon) -> bool:
    return verb_lemma(token, lex.verbs) not in lex.verbs


def _inside_name(token: Token) -> bool:
    """"the Warsaw Pact", "the Good Friday Agreement": a trigger word inside a name is not an event."""
    return token.ent_type_ in NAME_ENTITY_TYPES and token.ent_iob_ == "I"


def _of_objects(noun: Token) -> list[Token]:
    """What a quantity or container noun counts: "trucks of food", "dozens of drones"."""
    return [p for of in noun.children if of.dep_ == "prep" and of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]


def _in_condition(token: Token) -> bool:
    """"...if Russia was committed to peace": a condition set on a move is not a move of its own."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl" and _is_conditional_clause(verb)


def _is_conditional_clause(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


class EventExtractor(RoleReader):
    """Finds trigger words, assigns roles and keeps the candidates on doc._.parley_candidates."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.g_gratitude = grammar().gratitude_verbs

    # -- triggers
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

    # -- the main loop
    def __call__(self, doc: Doc) -> Doc:
        roles = Roles(doc)
        consumed: set[int] = set()  # nominal triggers a verb has taken as its object
        candidates = self._verbal(doc, roles, consumed)
        candidates += self._light(doc, roles, consumed)
        candidates += self._mediated(candidates, roles)
        # "Israeli strikes killed 30 people": the strikes are the killing, one event
        for cand in candidates:
            for noun in cand.trigger.children:
                if (cand.type == "ASSAULT" and noun.dep_ in SUBJECT_DEPS and noun.i not in consumed
                        and (t := self.noun_trigger(noun)) is not None and t.type == cand.type):
                    consumed.add(noun.i)
                    cand.tokens.append(noun)  # the event's words are both: "airstrikes ... killed"
                    own = Candidate(noun, [noun], cand.type, cand.mode, verbal=False)
                    self._noun_roles(own, noun, roles, fill_only=True)
                    # the noun's own agent and target ("Israel's strikes on Baalbek") are the act's
                    cand.source = own.source or cand.source
                    cand.target = cand.target or [m for m in own.target if m not in cand.source]
        candidates += self._nominal(doc, roles, consumed)
        by_trigger = {c.trigger.i: c for c in candidates}
        candidates = [c for c in self._drop_content_events(candidates)
                      if (c.source or c.target or c.reciprocal or self._is_main_clause(c.trigger) or self._is_reported(c.trigger))
                      and (c.type == "PROTEST" or not self._is_purpose_clause(c.trigger))  # "gathered to protest"
                      and not self._is_result_clause(c, by_trigger) and not _in_condition(c.trigger)]
        self._resolve_anaphors(candidates)
        candidates.extend(self._alleged_acts(candidates))
        doc._.parley_candidates = candidates
        return doc

    def _candidate(self, verb: Token, tokens: list[Token], trigger: Trigger, roles: Roles) -> Candidate:
        event_type = self._polarity(verb, trigger.type)
        cand = Candidate(verb, tokens, event_type, trigger.mode, negation_absorbed=event_type != trigger.type)
        self._verb_roles(cand, roles)
        if verb.dep_ in NOMINAL_DEPS:
            self._noun_roles(cand, verb, roles, fill_only=True)  # a gerund used as a noun: "U.S. strikes on Iran"
        if trigger.reverse:
            givers = [m for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
                      for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            cand.source, cand.target = givers, cand.source
        return cand

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

    @staticmethod
    def _is_result_clause(cand: Candidate, by_trigger: dict) -> bool:
        """"bombed a market, killing 20": the participle tells the outcome of the same attack."""
        verb = cand.trigger
        outer = by_trigger.get(verb.head.i)
        return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and outer is not None and outer is not cand
                and outer.type == cand.type)

    @staticmethod
    def _is_main_clause(verb: Token) -> bool:
        """An event with no actor is kept only when it is what the sentence is about."""
        return verb.pos_ == "VERB" and (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))

    def _is_reported(self, verb: Token) -> bool:
        """An event someone reports, claims or denies is kept even when its actors are unnamed."""
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        words = self.lex.speech_verbs | self.lex.claim_verbs | self.lex.deny_verbs
        return verb.dep_ in ("ccomp", "xcomp", "pcomp") and verb.pos_ == "VERB" and head.lemma_.lower() in words

    @staticmethod
    def _is_purpose_clause(verb: Token) -> bool:
        """"announced a truce to support relief efforts": the aim of a move is not a second move."""
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "to halt the fighting and exchange hostages"
            verb = verb.head
        return (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))

    def _drop_content_events(self, candidates: list[Candidate]) -> list[Candidate]:
        """An event inside the complement of a threat, demand, refusal or offer is its content."""
        by_trigger = {c.trigger.i: c for c in candidates}
        demanded = {t.i for c in candidates if c.content is not None for t in c.content.subtree}
        candidates = [c for c in candidates if c.trigger.i not in demanded]
        kept = []
        for cand in candidates:
            if not cand.verbal and cand.trigger.dep_ == "pobj" and cand.trigger.head.lower_ in TEMPORAL_PREPS:
                kept.append(cand)  # "agreed to a truce at talks in Doha": the talks are a circumstance
                continue
            token, drop = cand.trigger, False
            hops = 0
            # a verb coordinated with the event's own trigger is a sibling; further up it shares the frame
            while ((token.dep_ in CONTENT_DEPS | {"prep", "aux", "mark"} or (token.dep_ == "conj" and hops > 0))
                   and token.head.i != token.i and hops < 4
                   and (token.dep_ != "advcl" or _is_conditional_clause(token))):
                token = token.head
                hops += 1
                outer = by_trigger.get(token.i)
                # a move's content follows it ("refused to sign"); one before it is a parse slip, except
                # for spoken moves ("Israel will resume its offensive, the minister warned")
                if (outer is not None and outer is not cand and outer.type in CONTENT_TYPES
                        and outer.trigger.lemma_.lower() not in self.g_gratitude  # "thanked X for sending": a deed
                        and (outer.trigger.i < cand.trigger.i or outer.type in SPOKEN_TYPES)):
                    drop = True
                    if (outer.type == "AGREE" and cand.type in CEASABLE_TYPES
                            and verb_lemma(outer.trigger, self.lex.promise_verbs) in self.lex.promise_verbs):
                        outer.type = "THREATEN"  # "vowed to retake the city"
                        outer.target = outer.target or cand.target
                    break
                if token.pos_ == "VERB" and token.dep_ not in CONTENT_DEPS:
                    break
            if not drop:
                kept.append(cand)
        return kept

    # -- roles
@Language.factory("parley_events")
def make_event_extractor(nlp: Language, name: str):
    return EventExtractor(lexicon_mod.load())
