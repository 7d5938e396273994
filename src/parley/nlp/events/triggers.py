"""Trigger reading: which words and constructions are events, and of which PLOVER type and mode.

The English lives in kb/triggers.yaml (lemmas with their argument frames) and kb/frames.yaml (object
and complement classes, multiword constructions); this module holds the mechanism. `TriggerReader` is
mixed into the event extractor, which supplies the role reading (`_candidate`, `_verb_roles`, `_noun_roles`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token


from parley.nlp.events.candidate import Candidate
from parley.nlp.events.constructions import ConstructionReader
from parley.nlp.language.lexicon import NO_EVENT, Frame, Lexicon, Trigger
from parley.nlp.language.syntax import is_negated

if TYPE_CHECKING:  # the role reader lives with the extractor that mixes this class in
    from parley.nlp.actors.phrases import NounPhraseActors

NAME_ENTITY_TYPES = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "GPE"}
ACTOR_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}
NEGATABLE_TYPES = {"AGREE", "SUPPORT"}
CEASABLE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
ACTOR_PRONOUNS = {"him", "her", "them", "us", "me"}
AIM_PREPS = {"at", "on", "against", "toward", "towards", "into", "upon", "over", "across"}


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


def _people_named_by_participle(token: Token) -> bool:
    """"evacuated the wounded", "freed the detained": a participle after "the" with no arguments of its own
    names the people it happened to, not an event."""
    return (token.tag_ in ("VBN", "VBD") and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in ("dobj", "agent", "xcomp", "ccomp", "auxpass", "aux") for c in token.children))


def _names_a_date(token: Token) -> bool:
    """"On March 24, the minister announced": a capitalised word of a date is a month, not a march."""
    return token.ent_type_ == "DATE" and token.is_title and token.i > token.sent.start


def _inside_name(token: Token) -> bool:
    """"the Warsaw Pact", "the Good Friday Agreement": a trigger word inside a name is not an event."""
    return token.ent_type_ in NAME_ENTITY_TYPES and token.ent_iob_ == "I"


def _of_objects(noun: Token) -> list[Token]:
    """What a quantity or container noun counts: "trucks of food", "dozens of drones", "$5m in aid"."""
    preps = ("of", "in") if noun.pos_ == "NUM" or noun.ent_type_ == "MONEY" else ("of",)
    return [p for of in noun.children if of.dep_ == "prep" and of.lower_ in preps for p in of.children if p.dep_ == "pobj"]


def _says(token: Token, words: frozenset) -> bool:
    """The token (or it with the word before it: "war crimes") is one of `words`; "<place>" stands for
    any named place, "<actor>" for a named person or state or a personal pronoun ("welcomed him in Paris")."""
    if token.lower_ in words or token.lemma_.lower() in words:
        return True
    if "<place>" in words and token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if "<actor>" in words and (token.ent_type_ in ("PERSON", "GPE", "NORP") or token.lower_ in ACTOR_PRONOUNS):
        return True
    if "<state>" in words and token.ent_type_ == "GPE":
        return True
    if token.i > 0:
        before = token.doc[token.i - 1]
        return f"{before.lower_} {token.lower_}" in words or f"{before.lower_} {token.lemma_.lower()}" in words
    return False


def _complements(verb: Token) -> list[Token]:
    """The clause a verb governs: "vowed to retaliate", "vowed that X would pay", "committed to returning"."""
    # "pledged troops to fight IS" promises troops, not a fight: after an object only a "that" clause counts
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    out = [c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and not has_object)]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            out.extend(c for c in prep.children if c.dep_ in ("pcomp", "pobj"))
    for c in verb.children:  # "have sworn to fight" parsed as a purpose clause
        if c.dep_ == "advcl" and (verb.dep_ == "acl" or verb.pos_ == "ADJ" or (
                not has_object and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children))):
            out.append(c)
    return out


def _doers(verb: Token) -> list[Token]:
    """Who or what does it: the active subject, a passive's agent, or the cause a passive names with "in"
    ("were killed in an earthquake")."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    out = [c for c in verb.children if c.dep_ == "nsubj"]
    preps = ("by", "in") if passive else ()
    out += [p for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in preps)
            for p in c.children if p.dep_ == "pobj"]
    return out


def _reduced_relative_head(verb: Token) -> list[Token]:
    """"crimes committed by the militia", "troops sent to the border": a past participle after its noun has
    that noun as its object."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return []


def _descriptions(verb: Token) -> list[Token]:
    """What a verb of speech says its object is: "hailed the deal as historic", "called it a betrayal"."""
    heads = [c for c in verb.children if c.dep_ in ("oprd", "attr", "acomp", "xcomp", "ccomp")]
    # "described the jailbreak as \"deplorable\"": a quoted adjective after "as" parses as its modifier
    heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
              if p.dep_ in ("pobj", "amod", "acomp")]
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        heads += [c for c in obj.children if c.dep_ in ("oprd", "acl", "amod") and c.i > obj.i]
        heads += [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    return [t for h in heads for t in h.subtree if t.i - h.i < 6]


def _aim_of_noun(noun: Token) -> bool:
    """"an offer for direct talks", "a climate for peace talks": what a noun is for is its content, not an
    event of its own."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "for" and prep.head.i != prep.i and prep.head.pos_ in ("NOUN", "PROPN")


def _governed_by(noun: Token, verbs: frozenset) -> bool:
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i != noun.i and head.lemma_.lower() in verbs


def _in_context(verb: Token, words: frozenset) -> bool:
    """A marker on the verb itself, among its modifiers or just before it ("test-fired", "a test launch")."""
    if verb.lower_ in words or verb.lemma_.lower() in words:
        return True
    near = [verb.doc[j] for j in range(max(0, verb.i - 3), verb.i)]
    near += [c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "amod", "compound", "dobj", "nmod")]
    near += [g for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ in ("amod", "compound")]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in near)



class TriggerReader(ConstructionReader):
    """Finds trigger words and constructions; mixed into EventExtractor, which reads the roles."""

    lex: Lexicon

    def verb_trigger(self, token: Token) -> tuple[Trigger, list[Token]] | None:
        """The trigger a verb (or a construction anchored on it) makes, with the tokens of its span, or None.
        The argument frames of the entry decide its type and mode ("suspended attacks" vs "suspended aid")."""
        built = self.construction_at(token)
        if built is not None:
            return None if built[0].construction in self._nominal_names() else built
        if (token.pos_ != "VERB" or token.dep_ in ("amod", "compound") or _people_named_by_participle(token)
                or _names_a_date(token)):
            return None
        lemma = verb_lemma(token, self.lex.verbs)
        if token.dep_ == "acl" and token.tag_ == "VBN" and lemma in self.lex.classes.get("describing_participles", ()):
            return None  # "government soldiers backed by AU troops": who the soldiers are, not a move
        if (lemma in self.lex.classes.get("reception_verbs", ()) and any(c.dep_ == "auxpass" for c in token.children)
                and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)):
            return None  # "the plea was met with brutality": how something was received, not a meeting
        for child in token.children:
            # a preposition away from its verb is a particle only when it does not start a time phrase
            # ("fired missiles at Russia", but not "called Putin on Friday")
            next_word = child.i == token.i + 1 or (child.i == token.i + 2 and token.doc[token.i + 1].pos_ == "ADV")
            timed = any(p.ent_type_ in ("DATE", "TIME") for p in child.children)
            # "the army pulled back from the line": a particle the parser took for an adverb, right after its verb
            particle = child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == token.i + 1)
            if (particle or (child.dep_ in ("prep", "dobj") and (next_word or not timed))) and (lemma, child.lower_) in self.lex.phrasal:
                sense = self.sense(token, self.lex.phrasal[(lemma, child.lower_)])
                if sense is not None:
                    return sense, [token, child]
        # "called for the army to withdraw": the particle parsed as the marker of the clause it asks for
        for clause in token.children:
            if clause.dep_ not in ("advcl", "ccomp") or clause.i < token.i:
                continue
            for mark in clause.children:
                near = mark.i == token.i + 1 or (mark.i == token.i + 2 and token.doc[token.i + 1].pos_ == "ADV")  # "pushed hard for"
                if mark.dep_ == "mark" and near and (lemma, mark.lower_) in self.lex.phrasal:
                    sense = self.sense(token, self.lex.phrasal[(lemma, mark.lower_)])
                    if sense is not None:
                        return sense, [token, mark]
        trigger = self.lex.verbs.get(lemma)
        if trigger is None:
            return None
        sense = self.sense(token, trigger)
        return (sense, [token]) if sense is not None else None

    def sense(self, token: Token, trigger: Trigger) -> Trigger | None:
        """The trigger's type and mode given the words around it: the first frame whose conditions hold,
        else the entry's own (None when the entry needs an object or frame and none fits)."""
        for frame in trigger.frames:
            if self._holds(token, frame):
                if frame.type == NO_EVENT:
                    return None
                roles = "reciprocal" if frame.reciprocal else trigger.roles
                reverse = trigger.reverse if frame.reverse is None else frame.reverse
                return replace(trigger, type=frame.type, mode=frame.mode, frames=(), objects={}, roles=roles,
                               requires_object=False, requires_actor_object=False, reverse=reverse)
        if trigger.objects:
            for obj in self._objects(token):
                kind = trigger.objects.get(obj.lower_) or trigger.objects.get(obj.lemma_.lower())
                if kind:
                    return Trigger(kind, trigger.mode, reverse=trigger.reverse)
        if trigger.requires_object:
            return None
        if trigger.requires_actor_object:
            names = [c for c in token.children if c.dep_ == "dobj" and c.ent_type_ in ACTOR_ENTITY_TYPES]
            return trigger if names else None
        return trigger

    # -- argument frames
    def _holds(self, token: Token, frame: Frame) -> bool:
        if frame.object and not any(_says(o, frame.object) for o in self._frame_objects(token)):
            return False
        if frame.complement and not any(self._complement_fits(c, frame) for c in _complements(token)):
            return False
        if frame.as_words and not any(_says(t, frame.as_words) for t in _descriptions(token)):
            return False
        if frame.governor and not _governed_by(token, frame.governor):
            return False
        if frame.modifier and not any(c.dep_ in ("amod", "compound", "advmod") and _says(c, frame.modifier)
                                      for c in token.children):
            return False
        if frame.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in frame.prep for c in token.children):
            return False
        if frame.context and not _in_context(token, frame.context):
            return False
        if frame.aimless and not self._aimless(token):
            return False
        if frame.subject and not any(_says(d, frame.subject) or any(_says(c, frame.subject) for c in d.children if c.dep_ == "compound")
                                     for d in _doers(token)):
            return False
        return True

    def _frame_objects(self, token: Token) -> list[Token]:
        if token.pos_ in ("NOUN", "PROPN"):  # "suspension of aid", "the aid freeze"
            return [c for c in token.children if c.dep_ == "compound"] + _of_objects(token)
        objs = _reduced_relative_head(token)
        for c in token.children:
            if c.dep_ in ("dobj", "nsubjpass", "oprd", "attr", "npadvmod"):  # "took 20 people hostage"
                objs.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("to", "of", "in"):  # "committed to a truce", "$5m in aid"
                objs.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                objs.extend(s for s in c.children if s.dep_ == "nsubj")  # "allowed X to run", parsed as X's clause
        objs += [x for o in list(objs) for x in [*o.conjuncts, *_of_objects(o)]]
        # "allowed candidate X to run", "suspended the aid programme": the noun before a name or a head says its kind
        objs += [c for o in list(objs) for c in o.children if c.dep_ == "compound"]
        for obj in list(objs):
            if obj.lower_ in ("control", "hold", "possession", "charge"):  # "seized control of the town"
                objs.extend(_of_objects(obj))
        return objs

    def _complement_fits(self, comp: Token, frame: Frame) -> bool:
        """"vowed to retaliate": the complement verb is in the class, or is itself a hostile
        (cooperative) trigger when the class is harmful_acts (cooperative_acts)."""
        if _says(comp, frame.complement) or any(o.dep_ == "dobj" and _says(o, frame.complement) for o in comp.children):
            return True
        if "<clause>" in frame.complement and comp.dep_ == "ccomp":  # "protested that X was failing"
            return True
        if "<verb>" in frame.complement and comp.pos_ in ("VERB", "AUX"):  # "helped identify the victims"
            return True
        built = self.constructions(comp.doc).get(comp.i)
        found = built[0] if built is not None else None
        if found is None and comp.pos_ in ("VERB", "AUX"):
            plain = self.lex.verbs.get(verb_lemma(comp, self.lex.verbs))
            found = self.sense(comp, plain) if plain is not None else None
        if found is None:
            return False
        if frame.complement_class == "harmful_acts":
            return found.type in self.lex.hostile_types
        if frame.complement_class == "cooperative_acts":
            return self.lex.cooperative(found.type)
        return False

    def _aimless(self, verb: Token) -> bool:
        """Fired into the sea or the sky, at nothing named: a test or a show of force."""
        aims = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in AIM_PREPS for p in c.children if p.dep_ == "pobj"]
        for obj in self._objects(verb):
            aims += [p for c in obj.children if c.dep_ == "prep" and c.lower_ in AIM_PREPS for p in c.children if p.dep_ == "pobj"]
        return bool(aims) and all(_says(a, self.lex.open_water) for a in aims)

    def _polarity(self, verb: Token, event_type: str) -> str:
        """Refusing to accept is rejecting: a negated (or failed) acceptance or endorsement is coded REJECT;
        so is a promise not to do a cooperative act ("vowed never to return the land"), while a promise not
        to do harm is an agreement ("pledged not to attack")."""
        negated = is_negated(verb)
        # "failed to agree", "Russia's refusal to accept": the verb or noun that governs it says it did not happen
        failed = verb.dep_ in ("xcomp", "acl") and verb_lemma(verb.head, self.lex.negating_verbs) in self.lex.negating_verbs
        if (verb_lemma(verb, self.lex.promise_verbs) in self.lex.promise_verbs and not negated
                and any(is_negated(c) for c in _complements(verb))):
            event_type = {"THREATEN": "AGREE", "AGREE": "REJECT"}.get(event_type, event_type)
        if event_type in NEGATABLE_TYPES and (negated or failed):
            return "REJECT"
        if event_type == "CONCEDE" and (failed or negated and any(  # "would not meet the demands": a refusal
                c.dep_ == "aux" and c.lower_ in self.lex.intent.get("modals", ()) for c in verb.children)):
            return "REJECT"
        governor = verb.head if verb.dep_ in ("xcomp", "pcomp", "dobj") else None
        if governor is not None and governor.dep_ == "prep":  # "refrain from attacking"
            governor = governor.head
        if (event_type in CEASABLE_TYPES and governor is not None
                and verb_lemma(governor, self.lex.cessation_verbs) in self.lex.cessation_verbs):
            return "RETREAT"
        if event_type in ("ASSAULT", "COERCE") and self._in_preparation(verb):
            return "MOBILIZE"
        trying = self.lex.classes.get("conative_verbs", frozenset())
        if event_type == "AGREE" and verb.dep_ == "xcomp" and verb_lemma(verb.head, trying) in trying:
            return "CONSULT"  # "mediators are trying to broker a truce": an effort to agree is a negotiation
        return event_type

    def _in_preparation(self, verb: Token) -> bool:
        """"the army prepared to resume shelling", "troops are preparing to attack": readying force is the move
        (PLOVER MOBILIZE); the attack has not happened. Not "is prepared to", a readiness (an offer or threat)."""
        aspectual = self.lex.classes.get("aspectual_verbs", frozenset())
        preparing = self.lex.classes.get("preparation_verbs", frozenset())
        governor = verb
        for _ in range(3):
            if governor.dep_ != "xcomp" or governor.head.i == governor.i:
                return False
            governor = governor.head
            lemma = verb_lemma(governor, preparing | aspectual)
            if lemma in preparing:
                stative = governor.tag_ == "VBN" and any(c.lemma_ == "be" for c in governor.children)
                return governor.pos_ == "VERB" and not stative
            if lemma not in aspectual:
                return False
        return False

    @staticmethod
    def _objects(verb: Token) -> list[Token]:
        objs = _reduced_relative_head(verb) + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
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
        """The trigger a noun makes ("talks", "a formal protest", "heavy fighting raged"), or None."""
        built = self.constructions(token.doc).get(token.i)
        if built is not None and built[0].construction in self._nominal_names():
            return built[0]
        # a gerund with an article is a noun, whatever the tagger says ("a Paris gathering")
        nominal = token.pos_ in ("NOUN", "PROPN") or (
            token.pos_ == "VERB" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in token.children)) or (
            token.pos_ == "ADJ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"))  # "launched a counteroffensive"
        if not nominal or _names_a_date(token):
            return None
        trigger = None
        for child in token.children:  # two-word triggers: "hunger strike", "ethnic cleansing"
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                trigger = self.lex.nouns.get(f"{child.lower_} {token.lower_}")
                if trigger is not None:
                    break
        trigger = trigger or self.lex.nouns.get(token.lower_) or self.lex.nouns.get(token.lemma_.lower())
        return self.sense(token, trigger) if trigger is not None and trigger.frames else trigger

    def obligation(self, verb: Token) -> Token | None:
        """The clause a speech verb reports as an obligation on someone ("said Iraq must cooperate")."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.speech_verbs:
            return None
        duties = self.lex.classes.get("obligation_verbs", frozenset())
        for comp in verb.children:
            if comp.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in self.lex.obligation_modals for a in comp.children):
                return comp
            # "says Washington needs to act", "said both sides have to do difficult things"
            if (comp.dep_ == "ccomp" and comp.lemma_.lower() in duties and not is_negated(comp)
                    and any(x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
                            for x in comp.children)):
                return comp
        return None

    def _verbal(self, doc: Doc, roles: NounPhraseActors, consumed: set[int]) -> list[Candidate]:
        """Verbs of the lexicon ("accused", "called on"), and reported obligations ("said X must")."""
        out = []
        demanded: set[int] = set()  # what a protest demands: neither a move nor a nominal event of its own
        for token in doc:
            if token.i in demanded:
                continue
            found = self.verb_trigger(token)
            if (found is None or found[0].type == "REQUEST") and self._protest_demand(token):
                demanded.update(t.i for t in token.subtree)
                consumed.update(t.i for t in token.subtree if t.i != token.i)
                continue
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
            if self._offered_agreement(token, trigger):
                continue
            asked = next((t.head for t in tokens[1:] if t.dep_ == "mark" and t.head.head.i == token.i), None)
            if asked is not None:  # "called for the army to withdraw": the army is asked; the withdrawal is the content
                cand = self._candidate(token, tokens, trigger, roles)
                cand.content = asked
                cand.target = cand.target or [m for s in asked.children if s.dep_ in ("nsubj", "nsubjpass")
                                              for m in roles.at(s) if m not in cand.source]
                out.append(cand)
                continue
            noun = self._light_object(token)
            if noun is not None:
                consumed.add(noun.i)
                tokens = tokens + [noun]
            elif (len(tokens) == 1 and trigger.construction is None and verb_lemma(token, self.lex.light_verbs) in self.lex.light_verbs
                  and lemma_not_event(token, self.lex)):
                continue
            out.append(self._candidate(token, tokens, trigger, roles))
        return out

    def _offered_agreement(self, verb: Token, trigger: Trigger) -> bool:
        """"is prepared to sign the treaty": offering to sign is the agreement itself (the readiness
        construction's AGREE), not a second, endorsing event."""
        if trigger.type not in ("AGREE", "SUPPORT") or trigger.construction is not None or verb.head.i == verb.i:
            return False
        built = self.constructions(verb.doc).get(verb.head.i)
        return built is not None and built[0].type == "AGREE" and verb.i in built[1]

    def _protest_demand(self, verb: Token) -> bool:
        """"demonstrated in Erbil calling for independence", "blocked roads demanding his release", "a rally
        saying he must go": what a protest demands is the protest's own content, not a second move."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl", "xcomp", "conj") or verb.head.i == verb.i:
            return False
        head = verb.head
        found = self.verb_trigger(head) if head.pos_ == "VERB" else None
        trigger = found[0] if found is not None else self.noun_trigger(head)
        if trigger is None and head.pos_ == "VERB":
            noun = self._light_object(head)  # "staged rallies ..., saying"
            trigger = self.noun_trigger(noun) if noun is not None else None
        return trigger is not None and trigger.type == "PROTEST"

    def _light(self, doc: Doc, roles: NounPhraseActors, consumed: set[int]) -> list[Candidate]:
        """Light verbs with a nominal trigger ("held talks", "carried out strikes"): the noun's type."""
        out = []
        for token in doc:
            if token.i in consumed or token.pos_ != "VERB" or verb_lemma(token, self.lex.light_verbs) not in self.lex.light_verbs:
                continue
            noun = self._light_object(token)
            if noun is None or noun.i in consumed:
                continue
            consumed.add(noun.i)
            if self._offered_agreement(token, self.noun_trigger(noun)):
                continue
            cand = self._candidate(token, [token, noun], self.noun_trigger(noun), roles)  # "failed to reach agreement"
            self._noun_roles(cand, noun, roles, fill_only=True)
            out.append(cand)
        return out

    def _nominal(self, doc: Doc, roles: NounPhraseActors, consumed: set[int]) -> list[Candidate]:
        """Nominal triggers with an actor of their own ("Moscow's terms", "a truce between X and Y")."""
        out = []
        for token in doc:
            if token.i in consumed or _inside_name(token):
                continue
            trigger = self.noun_trigger(token)
            if trigger is None or trigger.only_light or self._is_content_of_verb_event(token) or _aim_of_noun(token):
                continue
            cand = Candidate(token, [token], trigger.type, trigger.mode, verbal=False, construction=trigger.construction)
            self._noun_roles(cand, token, roles)
            if cand.source or cand.target or cand.construction is not None or cand.venue is not None:  # "heavy fighting raged": whoever fought
                out.append(cand)
        return out

    def _light_object(self, verb: Token) -> Token | None:
        """The nominal trigger a light verb governs ("held talks", "carried out strikes", "agreed to a truce")."""
        if verb_lemma(verb, self.lex.light_verbs) not in self.lex.light_verbs:
            return None
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        # "conducted the military drills encircling Taiwan", parsed as a clause whose subject is the drills
        objs += [s for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG" and not objs
                 for s in c.children if s.dep_ == "nsubj" and s.pos_ == "NOUN"]
        preps = ("to", "on", "out", "in") if verb_lemma(verb, self.lex.in_light_verbs) in self.lex.in_light_verbs else ("to", "on", "out")
        # "gave a speech on US relations": a plain object of the verb's own takes the phrase after it as its topic
        topical = any(c.dep_ == "dobj" and self.noun_trigger(c) is None and not _of_objects(c) for c in verb.children)
        for prep in verb.children:
            if prep.dep_ in ("prep", "prt") and prep.lower_ in preps and not (topical and prep.dep_ == "prep"):
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
            if any(c.dep_ in ("amod", "oprd", "acomp") and c.i > obj.i and c.pos_ == "ADJ" for c in obj.children) \
                    or any(c.dep_ in ("oprd", "acomp") for c in verb.children):
                continue  # "making continued military aid conditional": a state the object is put in, no act
            # "launched a wave of airstrikes", "fired dozens of drones"
            for noun in [obj] if self.noun_trigger(obj) is not None else _of_objects(obj):
                if self.noun_trigger(noun) is not None:
                    return noun
        return None

    def _is_content_of_verb_event(self, noun: Token) -> bool:
        """"suspended the talks": the noun is what the verb's event acts on, not an event of its own. The
        act an idiomatic threat answers is ("X will pay for the rocket attack"); so are the talks of "suspended its
        participation in the talks" (kb/frames.yaml `share_nouns`)."""
        shares = self.lex.classes.get("share_nouns", frozenset())
        if (noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.lemma_.lower() in shares
                and noun.head.head.dep_ in ("dobj", "nsubjpass")):
            noun = noun.head.head
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            if head.lower_ not in ("to", "for", "on", "of"):
                return False
            head = head.head
        elif not (noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB"):
            return False
        found = self.verb_trigger(head)
        if found is not None and self._judges_deed(head, noun):
            return False  # "praised the withdrawal of U.S. troops": the deed judged happened, an event of its own
        return found is not None and found[0].roles != "warned_subject"

    def _judges_deed(self, verb: Token, noun: Token) -> bool:
        """The verb praises or condemns what its object names ("condemned the strike on Minova", "praised the
        withdrawal of U.S. troops"): a judgement on a deed done, unlike "suspended the talks" or "rejected the
        proposal", whose object is what the move acts on (kb/frames.yaml `judging_verbs`)."""
        judging = self.lex.classes.get("judging_verbs", frozenset())
        return noun.dep_ == "dobj" and verb_lemma(verb, judging) in judging
