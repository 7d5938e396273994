"""Trigger reading: which words and constructions are events, and of which PLOVER type and mode.

The English lives in kb/triggers.yaml (lemmas with their argument frames) and kb/frames.yaml (object
and complement classes, multiword constructions); this module holds the mechanism. The event extractor holds a
`TriggerReader` and turns what it finds into candidates; the role reader asks it which nouns are events.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from parley.nlp.events.arguments import (
    complements,
    descriptions,
    done_by,
    governed_by,
    in_context,
    names_a_date,
    objects_of,
    of_objects,
    people_named_by_participle,
    reduced_relative_head,
    says,
    shared_objects,
    verb_lemma,
)
from parley.nlp.events.constructions import Constructions
from parley.nlp.language.lexicon import NO_EVENT, Frame, Lexicon, Trigger
from parley.nlp.language.syntax import is_negated
from parley.nlp.language.wordlists import words

ACTOR_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}
NEGATABLE_TYPES = {"AGREE", "SUPPORT"}
CEASABLE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}



class TriggerReader:
    """Which words and constructions of a Doc are events, of which type and mode (`verb_trigger`, `noun_trigger`),
    and which nominal trigger a light verb governs. Holds the kb's `Constructions`."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.constructions = Constructions(lex, self.sense)

    def verb_trigger(self, token: Token) -> tuple[Trigger, list[Token]] | None:
        """The trigger a verb (or a construction anchored on it) makes, with the tokens of its span, or None.
        The argument frames of the entry decide its type and mode ("suspended attacks" vs "suspended aid")."""
        built = self.constructions.at(token)
        if built is not None:
            return None if built[0].construction in self.constructions.nominal_names else built
        if (token.pos_ != "VERB" or token.dep_ in ("amod", "compound") or people_named_by_participle(token)
                or names_a_date(token)):
            return None
        lemma = verb_lemma(token, self.lex.verbs)
        if token.dep_ == "acl" and token.tag_ == "VBN" and lemma in self.lex.classes.get("describing_participles", ()):
            return None  # "government soldiers backed by AU troops": who the soldiers are, not a move
        if (lemma in self.lex.classes.get("reception_verbs", ()) and any(c.dep_ == "auxpass" for c in token.children)
                and any(c.dep_ == "prep" and c.lower_ in words().partner_prepositions for c in token.children)):
            return None  # "the plea was met with brutality": how something was received, not a meeting
        received = self.lex.classes.get("received_things", frozenset())
        if lemma in self.lex.classes.get("reception_verbs", ()) and any(
                c.dep_ == "prep" and c.lower_ in words().partner_prepositions and any(
                    p.dep_ == "pobj" and (p.lower_ in received or p.lemma_.lower() in received) for p in c.children)
                for c in token.children):
            return None  # "the offensive has met with surprising success": how it went, not a meeting
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
            for obj in objects_of(token):
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
        if frame.object and not any(says(o, frame.object) for o in self._frame_objects(token)):
            return False
        if frame.complement and not any(self._complement_fits(c, frame) for c in complements(token)):
            return False
        if frame.as_words and not any(says(t, frame.as_words) for t in descriptions(token)):
            return False
        if frame.governor and not governed_by(token, frame.governor):
            return False
        if frame.modifier and not any(c.dep_ in ("amod", "compound", "advmod") and says(c, frame.modifier)
                                      for c in token.children):
            return False
        if frame.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in frame.prep for c in token.children):
            return False
        if frame.context and not in_context(token, frame.context):
            return False
        if frame.aimless and not self._aimless(token):
            return False
        if frame.subject and not done_by(token, frame.subject):
            return False
        return True

    def _frame_objects(self, token: Token) -> list[Token]:
        if token.pos_ in ("NOUN", "PROPN"):  # "suspension of aid", "the aid freeze", "the pause in aid"
            preps = words().noun_frame_prepositions
            # "laid siege to a hotel": the parser may hang the noun's phrase on the verb that holds it
            holders = [token, token.head] if token.dep_ == "dobj" else [token]
            return [c for c in token.children if c.dep_ == "compound"] + [
                p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                for p in c.children if p.dep_ == "pobj"]
        objs = reduced_relative_head(token) + shared_objects(token)
        for c in token.children:
            if c.dep_ in ("dobj", "nsubjpass", "oprd", "attr", "npadvmod"):  # "took 20 people hostage"
                objs.append(c)
            elif c.dep_ == "prep" and c.lower_ in words().frame_object_prepositions:  # "committed to a truce", "$5m in aid"
                objs.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in words().infinitive_markers for a in c.children):
                objs.extend(s for s in c.children if s.dep_ == "nsubj")  # "allowed X to run", parsed as X's clause
        objs += [x for o in list(objs) for x in [*o.conjuncts, *of_objects(o)]]
        # "allowed candidate X to run", "suspended the aid programme": the noun before a name or a head says its kind
        objs += [c for o in list(objs) for c in o.children if c.dep_ == "compound"]
        for obj in list(objs):
            if obj.lower_ in words().control_nouns:  # "seized control of the town"
                objs.extend(of_objects(obj))
        return objs

    def _complement_fits(self, comp: Token, frame: Frame) -> bool:
        """"vowed to retaliate": the complement verb is in the class, or is itself a hostile
        (cooperative) trigger when the class is harmful_acts (cooperative_acts)."""
        if says(comp, frame.complement) or any(o.dep_ == "dobj" and says(o, frame.complement) for o in comp.children):
            return True
        if "<clause>" in frame.complement and comp.dep_ == "ccomp":  # "protested that X was failing"
            return True
        if "<verb>" in frame.complement and comp.pos_ in ("VERB", "AUX"):  # "helped identify the victims"
            return True
        built = self.constructions.matches(comp.doc).get(comp.i)
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
        aim_preps = words().aim_prepositions
        aims = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in aim_preps for p in c.children if p.dep_ == "pobj"]
        for obj in objects_of(verb):
            aims += [p for c in obj.children if c.dep_ == "prep" and c.lower_ in aim_preps for p in c.children if p.dep_ == "pobj"]
        return bool(aims) and all(says(a, self.lex.open_water) for a in aims)

    def polarity(self, verb: Token, event_type: str) -> str:
        """Refusing to accept is rejecting: a negated (or failed) acceptance or endorsement is coded REJECT;
        so is a promise not to do a cooperative act ("vowed never to return the land"), while a promise not
        to do harm is an agreement ("pledged not to attack")."""
        negated = is_negated(verb)
        # "I'm not going to bend": the future "going to" carries the verb's negation and its modality
        going = verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "go" and verb.head.tag_ == "VBG" and is_negated(verb.head)
        negated = negated or going
        # "failed to agree", "Russia's refusal to accept": the verb or noun that governs it says it did not happen
        failed = verb.dep_ in ("xcomp", "acl") and verb_lemma(verb.head, self.lex.negating_verbs) in self.lex.negating_verbs
        # "Europe can't afford to defend Ukraine", "did not manage to agree": a negated ability carries to the act
        able = self.lex.classes.get("ability_verbs", frozenset())
        failed = failed or (verb.dep_ == "xcomp" and verb_lemma(verb.head, able) in able and is_negated(verb.head))
        if (verb_lemma(verb, self.lex.promise_verbs) in self.lex.promise_verbs and not negated
                and any(is_negated(c) for c in complements(verb))):
            event_type = {"THREATEN": "AGREE", "AGREE": "REJECT"}.get(event_type, event_type)
        if event_type in NEGATABLE_TYPES and (negated or failed):
            return "REJECT"
        if event_type == "CONCEDE" and (failed or going or negated and any(  # "would not meet the demands": a refusal
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
                stative = governor.tag_ == "VBN" and any(c.lemma_ in words().be_lemmas for c in governor.children)
                return governor.pos_ == "VERB" and not stative
            if lemma not in aspectual:
                return False
        return False

    def noun_trigger(self, token: Token) -> Trigger | None:
        """The trigger a noun makes ("talks", "a formal protest", "heavy fighting raged"), or None."""
        built = self.constructions.matches(token.doc).get(token.i)
        if built is not None and built[0].construction in self.constructions.nominal_names:
            return built[0]
        # a gerund with an article is a noun, whatever the tagger says ("a Paris gathering")
        nominal = token.pos_ in ("NOUN", "PROPN") or (
            token.pos_ == "VERB" and any(c.dep_ == "det" and c.lower_ in words().articles for c in token.children)) or (
            token.pos_ == "ADJ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"))  # "launched a counteroffensive"
        if not nominal or names_a_date(token):
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
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        # "adding that there is no military solution, and that both sides need to do difficult things"
        clauses += [x for c in clauses for x in c.conjuncts if x.dep_ == "conj" and x.pos_ in ("VERB", "AUX")]
        for comp in clauses:
            modal = [a for a in comp.children if a.dep_ == "aux" and a.lower_ in self.lex.obligation_modals]
            # "suggested officials must have given the order": "must have" + participle infers a past deed, no duty
            inferred = comp.tag_ == "VBN" and any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in comp.children)
            if modal and not inferred:
                return comp
            # "says Washington needs to act", "said both sides have to do difficult things"
            if (comp.lemma_.lower() in duties and not is_negated(comp)
                    and any(x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ in words().infinitive_markers for a in x.children)
                            for x in comp.children)):
                return comp
            if not is_negated(comp) and self._owes(comp):
                return comp
        return None

    def _owes(self, clause: Token) -> bool:
        """"said Britain is obliged to return the islands", "is under an obligation to end its rule", "has a duty
        to protect civilians": a duty stated of the clause's subject (kb/frames.yaml `obligation_passives`,
        `obligation_nouns`), with the act owed as a to-infinitive."""
        marker = words().infinitive_markers
        to_act = lambda t: any(x.dep_ in ("xcomp", "acl") and any(a.dep_ == "aux" and a.lower_ in marker  # noqa: E731
                                                                  for a in x.children) for x in t.children)
        passives = self.lex.classes.get("obligation_passives", frozenset())
        if (verb_lemma(clause, passives) in passives and any(c.dep_ == "auxpass" for c in clause.children)
                and to_act(clause)):
            return True
        nouns = self.lex.classes.get("obligation_nouns", frozenset())
        held = [c for c in clause.children if c.dep_ == "dobj"] + [
            p for c in clause.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        holders = self.lex.classes.get("obligation_verbs", frozenset()) | words().be_lemmas  # "has a duty", "is under"
        return clause.lemma_.lower() in holders and any(n.lemma_.lower() in nouns and to_act(n) for n in held)

    def is_light(self, verb: Token) -> bool:
        """A light verb ("held talks"), or any verb that keeps what it holds "in place" ("is keeping new tariffs in
        place", "still has a ban in place"): the measure kept is the event."""
        if verb_lemma(verb, self.lex.light_verbs) in self.lex.light_verbs:
            return True
        held = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "in place" on the verb or on what it holds
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(p.dep_ == "pobj" and p.lower_ == "place" for p in c.children)
                   for h in held for c in h.children)

    def light_object(self, verb: Token) -> Token | None:
        """The nominal trigger a light verb governs ("held talks", "carried out strikes", "agreed to a truce")."""
        if not self.is_light(verb):
            return None
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in words().relative_pronouns]
        # "another crucial test it carried out on Friday", "the strikes that Israel launched": the noun a relative
        # clause leaves out is the light verb's object
        if (verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and not objs
                and any(c.dep_ == "nsubj" and c.lower_ not in words().relative_subject_pronouns for c in verb.children)):
            objs.append(verb.head)
        # "another test Iran said it carried out": a contact clause through a report, parsed apart from its noun
        report, j = verb.head, verb.head.left_edge.i - 1
        while j > 0 and verb.doc[j].is_quote:  # 'another "very important test" X said it carried out'
            j -= 1
        if (not objs and verb.dep_ == "ccomp" and report.lemma_.lower() in self.lex.speech_verbs and j >= 0
                and verb.doc[j].pos_ == "NOUN" and any(c.dep_ == "nsubj" and c.left_edge == report.left_edge
                                                       for c in report.children)):
            objs.append(verb.doc[j])
        # "conducted the military drills encircling Taiwan", parsed as a clause whose subject is the drills
        objs += [s for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG" and not objs
                 for s in c.children if s.dep_ == "nsubj" and s.pos_ == "NOUN"]
        # "held a two-hour sit-in Monday", parsed with the day as the head of the event noun before it
        objs += [c for d in verb.children if d.dep_ in ("npadvmod", "dobj") and d.ent_type_ in ("DATE", "TIME")
                 for c in d.children if c.dep_ == "compound" and c.i == d.i - 1]
        w = words()
        preps = (w.light_verb_particles | w.containment_prepositions
                 if verb_lemma(verb, self.lex.in_light_verbs) in self.lex.in_light_verbs else w.light_verb_particles)
        # "gave a speech on US relations": a plain object of the verb's own takes the phrase after it as its topic
        topical = any(c.dep_ == "dobj" and self.noun_trigger(c) is None and not of_objects(c) for c in verb.children)
        for prep in verb.children:
            if prep.dep_ in ("prep", "prt") and prep.lower_ in preps and not (topical and prep.dep_ == "prep"):
                objs.extend(c for c in prep.children if c.dep_ in ("pobj", "dobj"))
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.tag_ != "VB":
            objs.append(verb.head)  # "a ceasefire declared by Russia" (not "a pledge to send tanks": its content)
        if not objs and (verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)):
            # a reduced relative the parser attached elsewhere: "the truce declared unilaterally by X"
            j = verb.i - 1
            while j >= 0 and verb.doc[j].pos_ == "ADV":
                j -= 1
            if j >= 0 and verb.doc[j].pos_ == "NOUN":
                objs.append(verb.doc[j])
        for obj in objs:
            last = max(obj.subtree, key=lambda t: t.i)  # "made supplies of chicks and eggs impossible": the phrase's end
            if any(c.dep_ in ("amod", "oprd", "acomp") and c.i > obj.i and c.pos_ == "ADJ" for c in obj.children) \
                    or any(c.dep_ in ("oprd", "acomp") for c in verb.children) \
                    or (last.i > obj.i and last.pos_ == "ADJ"):
                continue  # "making continued military aid conditional": a state the object is put in, no act
            # "launched a wave of airstrikes", "fired dozens of drones"
            for noun in [obj] if self.noun_trigger(obj) is not None else of_objects(obj):
                if self.noun_trigger(noun) is not None:
                    return noun
        return None

    def is_content_of_verb_event(self, noun: Token) -> bool:
        """"suspended the talks", "a pause in the fighting": the noun is what the verb's (or cessation noun's) event
        acts on, not an event of its own. The
        act an idiomatic threat answers is ("X will pay for the rocket attack"); so are the talks of "suspended its
        participation in the talks" (kb/frames.yaml `share_nouns`)."""
        held = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in words().noun_frame_prepositions else None
        if held is not None and held.pos_ == "NOUN" and held.lemma_.lower() in self.lex.classes.get("cessation_nouns", ()):
            return True  # "a pause in the fighting", "the suspension of talks": what is stopped is not going on
        shares = self.lex.classes.get("share_nouns", frozenset())
        if (noun.dep_ == "pobj" and noun.head.lower_ in words().containment_prepositions and noun.head.head.lemma_.lower() in shares
                and noun.head.head.dep_ in ("dobj", "nsubjpass")):
            noun = noun.head.head
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            if head.lower_ not in words().acted_on_prepositions:
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
        return noun.dep_ in ("dobj", "nsubjpass") and verb_lemma(verb, judging) in judging  # "the attack was condemned"
