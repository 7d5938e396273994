"""Who did what to whom inside a clause: the subject, object and partner of a trigger, read from the
dependency parse, with pronouns, pair phrases and definite descriptions resolved by the article-level
discourse model (nlp/actors/discourse.py). The event extractor holds a `RoleReader`; so do the classifier (for the
events it adds) and the position reader (for who holds a stance)."""

from __future__ import annotations

from spacy.tokens import Token

from parley import identity
from parley.identity import SYMMETRIC_TYPES
from parley.nlp.actors.discourse import possessor_is_patient
from parley.nlp.actors.mention import Mention
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events import subjects, targets
from parley.nlp.events.anaphors import is_anaphoric_event_noun
from parley.nlp.events.arguments import verb_lemma
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.speakers import attributed_to, impersonal_speaker, judge_of
from parley.nlp.events.subjects import adjoined_participle, at_occasion, remover, shares_passive
from parley.nlp.events.targets import self_loop
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.geo.geocode import is_town
from parley.nlp.language.lexicon import Lexicon, Trigger
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, OBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from parley.nlp.language.wordlists import grammar, words

RESPONSE_TYPES = {"REJECT", "AGREE", "SUPPORT", "ACCUSE"}  # moves that can answer an earlier one
# Acts whose target may be plain people with no actor of their own ("arrested 300 people").
VICTIM_TYPES = {"ASSAULT", "COERCE"}
# Moves in a negotiation: with no partner named, they answer the other side in focus.
PARTNER_TYPES = {"AGREE", "REJECT", "ACCUSE", "REQUEST", "THREATEN"}
NEGOTIATION_TYPES = {"AGREE", "REJECT"}


def _is_reciprocal(token: Token) -> bool:
    return token.doc[token.left_edge.i: token.right_edge.i + 1].text.lower() in grammar().reciprocals


class RoleReader:
    """The source and target of a candidate, from its verb (`verb_roles`), its noun (`noun_roles`) or the
    construction it is (`construction_roles`). Asks its `TriggerReader` which nouns are events."""

    def __init__(self, lex: Lexicon, triggers: TriggerReader):
        self.lex = lex
        self.triggers = triggers
        self.gratitude = grammar().gratitude_verbs
        self.judging = lex.classes.get("judging_verbs", frozenset())

    @classmethod
    def of(cls, lex: Lexicon) -> RoleReader:
        """A role reader with its own trigger reader over `lex` (for components other than the extractor)."""
        return cls(lex, TriggerReader(lex))

    def subject_tokens(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject of a verb (climbing through xcomp, conj and relative clauses); True if passive."""
        return subjects.subject_tokens(verb, self.triggers)

    def verb_roles(self, cand: Candidate, roles: NounPhraseActors) -> None:
        """Fill cand.source and cand.target (and reciprocal, anaphor, victims) from the clause of its verb."""
        verb = cand.trigger
        subjects, agents, passive_subjects = self._verb_subjects(cand)
        source: list[Mention] = []
        for tok in subjects:
            source.extend(m for m in roles.at(tok) if m not in source)
        objects = self._verb_objects(cand, roles, agents, passive_subjects)
        target = self._object_targets(cand, objects, roles)
        if cand.type not in SYMMETRIC_TYPES:
            target = [m for m in target if not self_loop(m, source)]
        target = self._clause_target(cand, objects, roles, source, target)
        target = self._answered_target(cand, objects, roles, source, target)
        if not source and cand.type in PARTNER_TYPES | RESPONSE_TYPES:
            source = [m for t in impersonal_speaker(verb, self.lex.speech_verbs) or (
                attributed_to(verb) if cand.type == "ACCUSE" else []) for m in roles.at(t)]  # "..., according to X"
        if not source and cand.type == "ASSAULT":
            source = self._nominal_agent(verb, roles)
        if not source and passive_subjects and not agents and (body := remover(verb, roles)):
            source, target = body, [m for m in target if m not in body]  # "was expelled from the ruling party"
        if not target and len({identity.party_key(m.actor) for m in source}) == 1 and cand.type in VICTIM_TYPES:
            # (with one doer named only: "the earthquake, which killed 3,000 people" is no event, and in
            # "fighting between Thai and Cambodian troops killed 35 people" the sides are each other's
            # targets; the assembler prefers the place's state, "strikes on Baalbek killed 60 people")
            cand.victims = targets.victims(objects)
        cand.source = source
        cand.target = [m for m in target if m not in source or cand.type in SYMMETRIC_TYPES]
        if cand.type not in SYMMETRIC_TYPES:
            cand.target = [m for m in cand.target if not self_loop(m, source)]

    def _verb_subjects(self, cand: Candidate) -> tuple[list[Token], list[Token], list[Token]]:
        """The tokens that name the doer of a verb's act (a passive's agent first; the subject of a stative
        passive), its by-agents and its passive subjects; marks the candidate reciprocal for "each other"."""
        verb = cand.trigger
        subjects, _ = self.subject_tokens(verb)
        for subject in subjects:
            if _is_reciprocal(subject):
                # "both sides accused each other of shelling": each did it, to the other
                subjects, _ = self.subject_tokens(subject.head)
                cand.reciprocal = True
                break
        agents = [c for ch in verb.children if ch.dep_ == "agent" for c in ch.children if c.dep_ == "pobj"]
        passive_subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if shares_passive(verb):  # "was arrested and sentenced": whom the first befell, the second did
            passive_subjects = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        elif adjoined_participle(verb):  # "the commander is dead, killed in an airstrike": whom it befell
            passive_subjects = [c for c in verb.head.children if c.dep_ in ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        if agents:
            subjects = agents
        elif passive_subjects and verb_lemma(verb, self.lex.stative_passives) in self.lex.stative_passives:
            # "Vietnam is committed to...", "Israel is opposed to...": the subject holds the attitude
            subjects, passive_subjects = passive_subjects, []
        return subjects, agents, passive_subjects

    def _verb_objects(self, cand: Candidate, roles: NounPhraseActors, agents: list[Token],
                      passive_subjects: list[Token]) -> list[Token]:
        """The tokens a verb's act is done to: its objects, passive subjects, the subject of a "to" clause it
        governs, the noun a reduced relative with an agent hangs from, and its target prepositions' objects."""
        verb = cand.trigger
        own = {t.i for t in cand.tokens}
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i not in own] + passive_subjects
        # "allowed X to run" parsed with X as the subject of "to run": X is whom it is done to
        objects += [s for c in verb.children if c.dep_ == "ccomp"
                    and any(a.dep_ == "aux" and a.lower_ in words().infinitive_markers for a in c.children)
                    for s in c.children if s.dep_ == "nsubj"]
        if verb.dep_ == "acl" and agents:
            objects.append(verb.head)
        if cand.type in VICTIM_TYPES:
            # "fired tear gas, stun grenades and rubber bullets at protesters": the parser hangs the aim on the
            # object (its last conjunct); it is still what the act is aimed at (kb/wordlists.yaml `aim_prepositions`)
            things = [o for o in verb.children if o.dep_ == "dobj" and not roles.at(o, 0)]
            objects += [pobj for o in things for t in [o, *o.conjuncts] for p in t.children
                        if p.dep_ == "prep" and p.lower_ in words().aim_prepositions
                        for pobj in p.children if pobj.dep_ == "pobj"]
        if not objects and cand.type in VICTIM_TYPES and not any(c.dep_ in ("dobj", "prep") for c in verb.children):
            # "killed and injured 1,000 Taliban fighters": verbs with no subject, object or phrase of their own
            # share the last one's object (not "laid siege to a hotel and later killed 50 militants")
            objects += [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i
                        and not any(s.dep_ in ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for s in c.children)
                        for o in c.children if o.dep_ == "dobj"]
        # "called on X": the particle's own object is a target; other particles of the trigger are not
        objects += [pobj for prep in verb.children
                    if prep.dep_ == "prep" and (prep.lower_ in words().target_prepositions or prep.i in own)
                    and not self._goal_of_object(verb, prep, roles, cand.type)
                    for pobj in prep.children if pobj.dep_ == "pobj"]
        return objects

    def _object_targets(self, cand: Candidate, objects: list[Token], roles: NounPhraseActors) -> list[Mention]:
        """The mentions the objects name (what a condemnation's object is, whose it is), and the partner of the
        nominal event the verb governs ("proposed talks with Kyiv")."""
        verb = cand.trigger
        target: list[Mention] = []
        for obj in objects:
            if _is_reciprocal(obj):
                cand.reciprocal = True
                continue
            if cand.type == "ACCUSE" and obj.dep_ == "dobj" and not roles.at(obj, 0) and self._condemns_object(verb):
                # "protested the U.S. arms sale to Taiwan": what is condemned points to whose it is (the
                # seller), not to whom or what it went (the buyer, the victims)
                owned = Candidate(obj, [obj], cand.type, None, verbal=False)
                self.noun_roles(owned, obj, roles, fill_only=True)
                if not owned.source and self.triggers.noun_trigger(obj) is None:
                    # "condemned the brutality of the military": a deed's "of" is its doer (an act's, as in
                    # "the killing of aid workers", is whom it fell on)
                    owned.source = [m for p in obj.children if p.dep_ == "prep" and p.lower_ in words().genitive_prepositions
                                    for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
                target.extend(m for m in owned.source if m not in target)
                continue
            target.extend(m for m in roles.at(obj) if m not in target)
        for noun in cand.tokens[1:]:
            # "proposed talks with Kyiv": the partner of the nominal event the verb governs
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in words().noun_target_prepositions:
                    target.extend(m for pobj in prep.children for m in roles.at(pobj) if m not in target)
            if possessor_is_patient(noun):  # "ordered his release": whom it befalls
                target.extend(m for p in noun.children if p.dep_ == "poss" for m in roles.at(p) if m not in target)
        return target

    def _clause_target(self, cand: Candidate, objects: list[Token], roles: NounPhraseActors, source: list[Mention],
                       target: list[Mention]) -> list[Mention]:
        """With no object named, whom the act is aimed at by what its clause says: what a complaint is about, the
        subject of a demanded clause, the actor in its content, a threat's condition, whom one thanks, the
        partner of the thing acted on, a protest's addressee, a purpose clause's object."""
        verb = cand.trigger
        own = {t.i for t in cand.tokens}
        if cand.type == "ACCUSE" and not any(c.dep_ in OBJECT_DEPS and c.i not in own for c in verb.children):
            # "complained to the UN over Israeli raids": the accused is who did what it is about, not
            # the one it is said to; "expressed concern about the conduct of Russian forces": whose deed it is
            about = [m for head in cand.tokens for p in head.children
                     if p.dep_ == "prep" and p.lower_ in words().complaint_prepositions
                     for pobj in p.children if pobj.dep_ == "pobj" for m in self._doers_of(pobj, roles) if m not in source]
            target = about or target
        if not target and cand.type in ("REQUEST", "ACCUSE"):
            # "demanded that Israel withdraw", "alleged that Chile had armed the rebels": the one the
            # content clause is about
            target = targets.demanded_of(verb, roles, source)
        if not target and cand.type in ("SUPPORT", "ACCUSE") and verb_lemma(verb, self.judging) in self.judging:
            target = targets.judged_clause_subject(objects, roles, source)
        if not target and cand.type != "ACCUSE":
            # (what a condemned act did is not who is condemned: "condemned the strike that killed 11
            # civilians" accuses the striker, not the civilians)
            target = targets.content_target(verb, roles, source)
        if not target and cand.type == "THREATEN":
            target = targets.condition_subject(verb, roles, source)
        if not target and verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in self.gratitude:
            # "thanked Pyongyang for sending troops": sent to the one who thanks
            thanker, _ = self.subject_tokens(verb.head.head)
            target = [m for t in thanker for m in roles.at(t) if m not in source]
        if not target:
            # "suspended a declaration it had signed with Cambodia": the partner of the thing acted on
            target = [m for o in objects for rel in o.children if rel.dep_ == "relcl" for p in rel.children
                      if p.dep_ == "prep" and p.lower_ in words().relative_partner_prepositions for pobj in p.children
                      for m in roles.at(pobj) if m not in source]
        if not target and cand.type == "PROTEST":
            target = targets.protest_target(verb, roles, source)
        if not target and cand.type in VICTIM_TYPES:
            target = targets.purpose_target([verb] + list(cand.tokens), roles, source)
        if not target and cand.type == "ASSAULT":
            target = targets.result_target(verb, roles, source)
        return target

    def _answered_target(self, cand: Candidate, objects: list[Token], roles: NounPhraseActors, source: list[Mention],
                         target: list[Mention]) -> list[Mention]:
        """With no target yet: the earlier move a response points back to ("rejected these demands", "rejected
        it") is set as its anaphor; a move in a negotiation answers the other side in focus."""
        verb = cand.trigger
        if not target:
            cand.anaphor = next((o for o in objects if is_anaphoric_event_noun(o, self.triggers)), None)
        if cand.anaphor is None and cand.type in RESPONSE_TYPES:
            cand.anaphor = next((o for o in objects if o.lower_ in words().anaphoric_objects), None)  # "rejected it"
        if not target and verb.dep_ == "relcl" and self.triggers.noun_trigger(verb.head) is not None:
            cand.anaphor = verb.head  # "a truce, which Moscow turned down": the truce someone offered
        if not target and source and cand.anaphor is None and cand.type in PARTNER_TYPES:
            # "Kyiv accepted a proposal": a move in a negotiation answers the other side in focus
            keys = {identity.party_key(m.actor) for m in source}
            pair = roles.model.focus_pair(verb)
            if cand.type in NEGOTIATION_TYPES or keys & {identity.party_key(m.actor) for m in pair}:
                target = [m for m in pair if identity.party_key(m.actor) not in keys][:1]
        return target
    def _doers_of(self, noun: Token, roles: NounPhraseActors) -> list[Mention]:
        """Who a thing complained of stands for: the actors it names ("over Israeli raids"), else, for a deed with
        no actor of its own, its owner ("the recent actions of the army", "concern about Iran's nuclear program");
        an event noun's "of" is whom it fell on ("the killing of aid workers"), so not for those."""
        trigger = self.triggers.noun_trigger(noun)
        if trigger is not None:
            act = Candidate(noun, [noun], trigger.type, trigger.mode, verbal=False)
            self.noun_roles(act, noun, roles, fill_only=True)
            return act.source
        owners = [p for p in noun.children if p.dep_ == "poss" and p.pos_ != "PRON"]  # named: "Iran's", not "its"
        owners += [pobj for p in noun.children if p.dep_ == "prep" and p.lower_ in words().genitive_prepositions
                   for pobj in p.children if pobj.dep_ == "pobj"]
        return roles.at(noun, 0) or [m for owner in owners for m in roles.at(owner)]

    def _condemns_object(self, verb: Token) -> bool:
        """The verb itself condemns what its object names ("condemned the strike", "protested the sale");
        not one that needs its object to be a complaint ("lodged a protest with X") nor a light verb
        ("completed its investigation into an allegation by X")."""
        lemma = verb.lemma_.lower()
        return not getattr(self.lex.verbs.get(lemma), "requires_object", True) and lemma not in self.lex.light_verbs

    def _goal_of_object(self, verb: Token, prep: Token, roles: NounPhraseActors, event_type: str) -> bool:
        """A "to" phrase that tells where the direct object goes, not a party to the act: "welcomed Putin
        to Beijing" (a party brought to a city: the venue), and, for a protest, "protested the arms sale
        to Taiwan" (the parser hangs the thing's own "to" on the verb: the buyer is not the one protested
        against)."""
        if prep.lower_ not in words().destination_prepositions:
            return False
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i]
        if not objects:
            return False
        if (event_type == "ACCUSE" and not roles.at(objects[0], 0) and prep.i == objects[0].right_edge.i + 1
                and self._condemns_object(verb)):
            return True
        places = [p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC")]
        return bool(places) and bool(roles.at(objects[0])) and all(is_town(p.text) for p in places)

    def _nominal_agent(self, verb: Token, roles: NounPhraseActors) -> list[Mention]:
        """"were killed in Chadian artillery shelling", "died in an Israeli strike": the doer of an
        attack is the agent of the attack noun the verb's "in"/"by" phrase names."""
        for prep in verb.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in words().cause_prepositions:
                continue
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                trigger = self.triggers.noun_trigger(noun)
                if trigger is None or trigger.type != "ASSAULT":
                    continue
                act = Candidate(noun, [noun], trigger.type, trigger.mode, verbal=False)
                self.noun_roles(act, noun, roles, fill_only=True)
                if act.source:
                    return act.source
                # "was killed on Sunday in a gun battle with police": the side fought did it to whoever fell
                fought = [m for p in noun.children if p.dep_ == "prep" and p.lower_ in words().partner_prepositions
                          for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
                if fought and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
                    return fought
        return subjects.gerund_attack_doers(verb, roles, self.lex.classes.get("deadly_attacks", frozenset()))

    def _doer_of(self, noun: Token, event_type: str) -> bool:
        """"the withdrawal of U.S. troops", "the deployment of a U.S. radar system": a noun of moving one's own
        forces names its doer after "of" (kb/frames.yaml `doer_of_nouns`), where "the arrest of X" names the one
        acted on; peacekeepers deployed (PLOVER AID) are what is given, not the giver."""
        doers_of = self.lex.classes.get("doer_of_nouns", frozenset())
        return event_type in ("MOBILIZE", "RETREAT") and (noun.lower_ in doers_of or noun.lemma_.lower() in doers_of)

    def noun_roles(self, cand: Candidate, noun: Token, roles: NounPhraseActors, fill_only: bool = False) -> None:
        """Fill cand's roles from a nominal trigger's own words ("Moscow's terms", "talks with Kyiv"); with
        fill_only, only the roles still empty."""
        source, target = [], []
        w = words()
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                if child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC", "FAC") and is_town(child.text):
                    # "the Hanoi summit", "the Minsk accords": where it was held, not who held it; a meeting
                    # named after its venue is an event even with no party named ("a Paris gathering")
                    cand.venue = child if cand.type == "CONSULT" else None
                    continue
                hits = roles.at(child, 1) if child.dep_ != "poss" else roles.at(child)
                owned = target if child.dep_ == "poss" and possessor_is_patient(noun) else source
                owned.extend(m for m in hits if m not in owned)
            elif child.dep_ == "prep":
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                prep = child.lower_
                for pobj in pobjs:
                    hits = roles.at(pobj)
                    if prep in w.agent_prepositions or (prep in w.genitive_prepositions and self._doer_of(noun, cand.type)):
                        source.extend(m for m in hits if m not in source)
                    elif prep in w.mutual_prepositions:
                        source.extend(m for m in hits if m not in source)
                        target.extend(m for m in hits if m not in target)
                    elif prep in w.noun_aim_prepositions or (prep in w.genitive_prepositions and targets.patient_of(noun, cand.type)):
                        target.extend(m for m in hits if m not in target)  # "talks with X", "the arrest of X"
            elif child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            source.extend(m for m in roles.at(pobj) if m not in source)
        if (not target and cand.type in ("ASSAULT", "COERCE") and noun.dep_ == "pobj"
                and noun.head.lower_ in w.sufferance_prepositions and noun.head.head.lemma_.lower() in w.sufferance_verbs):
            # "their forces came under attack from loyalists", "the town was under siege": the subject suffers it
            sufferers, _ = self.subject_tokens(noun.head.head)
            target = [m for t in sufferers for m in roles.at(t) if m not in source]
        if (not source and target and not fill_only and cand.type == "ASSAULT" and noun.dep_ == "pobj"
                and noun.head.lower_ in w.containment_prepositions
                and any(c.dep_ == "prep" and c.lower_ in w.partner_prepositions for c in noun.children)):
            # "the gang chief was killed in a gunfight with police", "protesters injured in clashes with
            # the army": the side they fought did it to whoever fell in it (not when the verb asks who did
            # its own act, `fill_only`: there the partner is its doer already)
            verb = noun.head.head
            fallen = ([c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
                      or ([verb.head] if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") else []))
            fallen_mentions = [m for t in fallen for m in roles.at(t) if m not in target]
            if fallen_mentions:
                source, target = target, fallen_mentions
        if (not target and cand.type == "CONSULT" and noun.dep_ == "pobj" and noun.head.lower_ in w.purpose_prepositions
                and noun.head.head.i != noun.head.i):
            travel = self.lex.classes.get("travel_verbs", frozenset()) | grammar().journey_nouns
            target, cand.venue = targets.destination(noun.head.head, roles, source, travel)
        if cand.verbal and not fill_only:
            return
        if not source and fill_only is False:
            after_talks = cand.type == "CONSULT" and at_occasion(noun)
            told_as_time = not after_talks and noun.dep_ == "pobj" and noun.head.lower_ in w.sequence_prepositions
            source = subjects.governing_subject(noun, roles, self.triggers) if (target or after_talks) and not told_as_time else []
            if cand.venue is not None and cand.venue.i not in {t.i for t in noun.subtree}:
                # a trip's destination is the other side only when the traveller is not of that state
                keys = {identity.party_key(m.actor) for m in source}
                target = [m for m in target if identity.party_key(m.actor) not in keys]
        if fill_only:
            cand.source = cand.source or source
            cand.target = cand.target or [m for m in target if m not in cand.source]
        else:
            cand.source = source
            cand.target = target if target else []
        if cand.type in SYMMETRIC_TYPES and len(cand.source) >= 2 and not cand.target:
            cand.target = list(cand.source)

    def construction_roles(self, cand: Candidate, trigger: Trigger, roles: NounPhraseActors) -> None:
        """Roles a construction decides: the warned party of an idiomatic threat, both sides of traded blame."""
        if trigger.roles == "reciprocal":
            cand.reciprocal = True
            if len(cand.source) < 2:  # "Russia traded accusations with Ukraine"
                cand.source = cand.source + [m for m in cand.target if m not in cand.source]
                cand.target = []
        elif trigger.roles in ("taken_by", "opposed_by"):
            # "the town fell to the rebels": the rebels took it; "the plan met with opposition from China": China
            # opposes it. The party after "to" ("from") acts on the subject.
            verb = cand.trigger
            word = "to" if trigger.roles == "taken_by" else "from"
            takers = [m for p in verb.subtree if p.dep_ == "prep" and p.lower_ == word
                      for o in p.children if o.dep_ == "pobj" for t in o.subtree for m in roles.at(t)]
            places = [m for s in verb.children if s.dep_ == "nsubj" for t in s.subtree for m in roles.at(t)]
            cand.source, cand.target = takers, [m for m in places if m not in takers]
        elif trigger.roles == "warned_subject":
            warned = cand.source + [m for m in cand.target if m not in cand.source]
            if not warned:  # "lifting the sanctions on Burma is out of the question": the parties the subject names
                subjects = [c for c in cand.trigger.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")]
                warned = [m for s in subjects for t in s.subtree for m in roles.at(t) if m not in warned]
            speaker = [m for s in judge_of(cand.trigger, self.lex) for m in roles.at(s)]
            cand.source = speaker
            cand.target = [m for m in warned if m not in speaker]
