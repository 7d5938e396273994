"""Who did what to whom inside a clause: the subject, object and partner of a trigger, read from the
dependency parse, with pronouns, pair phrases and definite descriptions resolved by the article-level
discourse model (nlp/actors/discourse.py). Mixed into the event extractor, which finds the triggers."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from parley import kb as kb_module
from parley import identity
from parley.nlp.actors.mention import Mention
from parley.identity import SYMMETRIC_TYPES, is_state_side
from parley.nlp.language.wordlists import grammar
from parley.nlp.language import syntax
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, OBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from parley.nlp.geo.geocode import lookup_place
from parley.nlp.events.triggers import verb_lemma
from parley.records import Actor
from parley.nlp.events.candidate import Candidate, LatestBefore
from parley.nlp.actors.phrases import NounPhraseActors

TARGET_PREPS = {"with", "against", "on", "upon", "at", "to", "toward", "towards", "into", "from", "between", "for"}
ANAPHORIC_DETERMINERS = {"these", "those", "this", "that", "such", "the"}
NOUN_TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "between", "into", "of"}
RESPONSE_TYPES = {"REJECT", "AGREE", "SUPPORT", "ACCUSE"}  # moves that can answer an earlier one
RECIPROCALS = {"each other", "one another"}
# Acts whose target may be plain people with no actor of their own ("arrested 300 people").
VICTIM_TYPES = {"ASSAULT", "COERCE"}
DESTINATION_PREPS = {"to", "into", "toward", "towards"}
# Moves in a negotiation: with no partner named, they answer the other side in focus.
PARTNER_TYPES = {"AGREE", "REJECT", "ACCUSE", "REQUEST", "THREATEN"}
NEGOTIATION_TYPES = {"AGREE", "REJECT"}
# "after talks", "during negotiations": the subject of the clause took part in the nominal event.
TEMPORAL_PREPS = {"after", "during", "before", "following", "at", "ahead"}


def _after_temporal_prep(noun: Token) -> bool:
    """"after talks", "after 12 hours of talks", "arrived on a visit", "met for talks"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj":
        noun = noun.head.head
    return noun.dep_ == "pobj" and (noun.head.lower_ in TEMPORAL_PREPS or noun.head.lower_ in ("on", "for"))


def _self_loop(target: Mention, source: list[Mention]) -> bool:
    """A state (or one of its organs) as the target of its own act: never what the text means unless
    it says "itself"; a state's civilians or rebels are parties of their own."""
    return any(s.actor.id == target.actor.id and is_state_side(s.actor) and is_state_side(target.actor)
               for s in source)


def unattributed_weapon(cand: Candidate) -> Token | None:
    """The weapon an attack with no named doer is told through ("a roadside bomb killed", "killed by an
    improvised explosive device", "died in a car bomb explosion", "a bombing killed"), from the kb list
    `unattributed_weapons`; None when a doer is named or no such weapon is."""
    if cand.type != "ASSAULT" or cand.source:
        return None
    weapons = grammar().unattributed_weapons
    verb = cand.trigger
    holders = list(cand.tokens) + [c for c in verb.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    holders += [pobj for p in verb.children if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "in")
                for pobj in p.children if pobj.dep_ == "pobj"]
    for token in holders:
        if token.lemma_.lower() in weapons or token.lower_ in weapons:
            return token
    return None


def _is_city(token: Token) -> bool:
    """A place name that is a town, not a country ("Hanoi", "Geneva")."""
    if token.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    place = lookup_place(token.text)
    return place is not None and place.feature != "country"


def _is_reciprocal(token: Token) -> bool:
    return token.doc[token.left_edge.i: token.right_edge.i + 1].text.lower() in RECIPROCALS



class RoleReader:
    """Role reading for the event extractor (which supplies `lex`, `g_gratitude` and `noun_trigger`)."""

    def _mediated(self, candidates: list[Candidate], roles: NounPhraseActors) -> list[Candidate]:
        """"Egypt brokered talks between Israel and Hamas", "talks mediated by Qatar between X and Y":
        the talks are the parties' own CONSULT; the mediator's CONSULT goes to both, from the verb alone."""
        out = []
        for cand in candidates:
            verb = cand.trigger
            if cand.type != "CONSULT" or verb.lemma_.lower() not in grammar().third_party_verbs:
                continue
            nouns = [t for t in cand.tokens if t is not verb]
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head not in nouns:
                nouns.append(verb.head)  # "talks brokered by Egypt"
            nouns = nouns or [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in grammar().mediated_nouns]
            found = self.noun_trigger(nouns[0]) if len(nouns) == 1 else None
            if len(nouns) != 1 or (found is not None and found.type != "CONSULT"):
                continue  # "trying to broker a truce": the truce sought is no meeting
            # "between X and Y" may hang from the verb, the talks or the mediator's name
            holders = [verb, nouns[0]] + [p for a in verb.children if a.dep_ == "agent" for p in a.children]
            parties = [m for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("between", "among")
                       for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            if len({identity.party_key(m.actor) for m in parties}) < 2:
                continue
            meeting = Candidate(nouns[0], [nouns[0]], "CONSULT", cand.mode, source=list(parties), target=list(parties),
                                verbal=False)
            cand.tokens = [verb]
            cand.target = [m for m in parties if m not in cand.source]
            out.append(meeting)
        return out

    def _alleged_acts(self, candidates: list[Candidate]) -> list[Candidate]:
        """"X accused Y of violations": the act alleged, done by Y to X, as an event of its own; with
        "each other", one per direction. Verbal acts ("of attacking") are already candidates."""
        verbal_content = {c.trigger.i for c in candidates}
        out: list[Candidate] = []
        for accusation in candidates:
            if accusation.type != "ACCUSE":
                continue
            for noun in self._accusation_objects(accusation.trigger):
                if noun.i in verbal_content:
                    continue
                trigger = self.noun_trigger(noun) or self.lex.nouns.get(noun.lemma_.lower())
                if trigger is None:
                    continue
                if accusation.reciprocal and len(accusation.source) >= 2:
                    pairs = [([a], [b]) for a in accusation.source for b in accusation.source if a is not b]
                else:
                    pairs = [(accusation.target, accusation.source)]
                for doer, victim in pairs:
                    out.append(Candidate(noun, [noun], trigger.type, trigger.mode, source=list(doer),
                                         target=list(victim), verbal=False, alleged_by=accusation))
        return out

    @staticmethod
    def _accusation_objects(verb: Token) -> list[Token]:
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        return [pobj for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in ("of", "over", "for")
                for pobj in prep.children if pobj.dep_ == "pobj"]

    def subject_tokens(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject of a verb (climbing through xcomp, conj and relative clauses); True if passive."""
        if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            return [], True  # "after the truce was announced": the doer is not named
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
                if owner and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                    return owner, False  # "India's decision to suspend the treaty"
                if token.tag_ == "VBG" and self._is_thing(token.head) and self.noun_trigger(token.head) is None:
                    # "issued a series of warnings demanding that X": whoever made the warnings demands
                    doers = self._governing_subject_tokens(token.head)
                    if doers:
                        return doers, False
                # "demonstrators protesting the results": people doing it (not "terms ... accepting", a parse slip)
                active = token.tag_ == "VBD" or (token.tag_ == "VBG" and self.noun_trigger(token.head) is None
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
                if via_prep and (verb_lemma(token, self.lex.claim_verbs) in self.lex.claim_verbs
                                 or token.lemma_.lower() in grammar().gratitude_verbs):
                    # "accused Y of attacking", "thanked Y for sending troops": Y is who did it
                    objects = [c for c in token.children if c.dep_ == "dobj"]
                    if objects:
                        return objects, False
                continue
            break
        return [], False

    def _verb_roles(self, cand: Candidate, roles: NounPhraseActors) -> None:
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
        if agents:
            subjects = agents
        elif passive_subjects and verb_lemma(verb, self.lex.stative_passives) in self.lex.stative_passives:
            # "Vietnam is committed to...", "Israel is opposed to...": the subject holds the attitude
            subjects, passive_subjects = passive_subjects, []
        source: list[Mention] = []
        for tok in subjects:
            source.extend(m for m in roles.at(tok) if m not in source)
        own = {t.i for t in cand.tokens}
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i not in own] + passive_subjects
        # "allowed X to run" parsed with X as the subject of "to run": X is whom it is done to
        objects += [s for c in verb.children if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for s in c.children if s.dep_ == "nsubj"]
        if verb.dep_ == "acl" and agents:
            objects.append(verb.head)
        # "called on X": the particle's own object is a target; other particles of the trigger are not
        objects += [pobj for prep in verb.children
                    if prep.dep_ == "prep" and (prep.lower_ in TARGET_PREPS or prep.i in own)
                    and not self._goal_of_object(verb, prep, roles, cand.type)
                    for pobj in prep.children if pobj.dep_ == "pobj"]
        target: list[Mention] = []
        for obj in objects:
            if _is_reciprocal(obj):
                cand.reciprocal = True
                continue
            if cand.type == "ACCUSE" and obj.dep_ == "dobj" and not roles.at(obj, 0) and self._condemns_object(verb):
                # "protested the U.S. arms sale to Taiwan": what is condemned points to whose it is (the
                # seller), not to whom or what it went (the buyer, the victims)
                owned = Candidate(obj, [obj], cand.type, None, verbal=False)
                self._noun_roles(owned, obj, roles, fill_only=True)
                if not owned.source and self.noun_trigger(obj) is None:
                    # "condemned the brutality of the military": a deed's "of" is its doer (an act's, as in
                    # "the killing of aid workers", is whom it fell on)
                    owned.source = [m for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                                    for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
                target.extend(m for m in owned.source if m not in target)
                continue
            target.extend(m for m in roles.at(obj) if m not in target)
        for noun in cand.tokens[1:]:
            # "proposed talks with Kyiv": the partner of the nominal event the verb governs
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                    target.extend(m for pobj in prep.children for m in roles.at(pobj) if m not in target)
        if cand.type not in SYMMETRIC_TYPES:
            target = [m for m in target if not _self_loop(m, source)]
        if cand.type == "ACCUSE" and not any(c.dep_ in OBJECT_DEPS for c in verb.children):
            # "complained to the UN over Israeli raids": the accused is who did what it is about, not
            # the one it is said to
            about = [m for p in verb.children if p.dep_ == "prep" and p.lower_ in ("over", "about")
                     for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj) if m not in source]
            target = about or target
        if not target and cand.type in ("REQUEST", "ACCUSE"):
            # "demanded that Israel withdraw", "alleged that Chile had armed the rebels": the one the
            # content clause is about
            target = self._demanded_of(verb, roles, source)
        if not target and cand.type != "ACCUSE":
            # (what a condemned act did is not who is condemned: "condemned the strike that killed 11
            # civilians" accuses the striker, not the civilians)
            target = self._content_target(verb, roles, source)
        if not target and cand.type == "THREATEN":
            target = self._condition_subject(verb, roles, source)
        if not target and verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in self.g_gratitude:
            # "thanked Pyongyang for sending troops": sent to the one who thanks
            thanker, _ = self.subject_tokens(verb.head.head)
            target = [m for t in thanker for m in roles.at(t) if m not in source]
        if not target:
            # "suspended a declaration it had signed with Cambodia": the partner of the thing acted on
            target = [m for o in objects for rel in o.children if rel.dep_ == "relcl" for p in rel.children
                      if p.dep_ == "prep" and p.lower_ in ("with", "between") for pobj in p.children
                      for m in roles.at(pobj) if m not in source]
        if not target and cand.type == "PROTEST":
            target = self._protest_target(verb, roles, source)
        if not target and cand.type in VICTIM_TYPES:
            target = self._purpose_target([verb] + list(cand.tokens), roles, source)
        if not target:
            cand.anaphor = next((o for o in objects if self._is_anaphoric_event_noun(o)), None)
        if cand.anaphor is None and cand.type in RESPONSE_TYPES:
            cand.anaphor = next((o for o in objects if o.lower_ in ("it", "this")), None)  # "rejected it"
        if not target and verb.dep_ == "relcl" and self.noun_trigger(verb.head) is not None:
            cand.anaphor = verb.head  # "a truce, which Moscow turned down": the truce someone offered
        if not target and source and cand.anaphor is None and cand.type in PARTNER_TYPES:
            # "Kyiv accepted a proposal": a move in a negotiation answers the other side in focus
            keys = {identity.party_key(m.actor) for m in source}
            pair = roles.model.focus_pair(verb)
            if cand.type in NEGOTIATION_TYPES or keys & {identity.party_key(m.actor) for m in pair}:
                target = [m for m in pair if identity.party_key(m.actor) not in keys][:1]
        if not source and cand.type == "ASSAULT":
            source = self._nominal_agent(verb, roles)
        if not target and len({identity.party_key(m.actor) for m in source}) == 1 and cand.type in VICTIM_TYPES:
            # (with one doer named only: "the earthquake, which killed 3,000 people" is no event, and in
            # "fighting between Thai and Cambodian troops killed 35 people" the sides are each other's
            # targets; the assembler prefers the place's state, "strikes on Baalbek killed 60 people")
            cand.victims = self._victims(objects)
        cand.source = source
        cand.target = [m for m in target if m not in source or cand.type in SYMMETRIC_TYPES]
        if cand.type not in SYMMETRIC_TYPES:
            cand.target = [m for m in cand.target if not _self_loop(m, source)]

    @staticmethod
    def _purpose_target(holders: list[Token], roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
        """"launched an operation to flush out al-Shabab militants", "began an offensive to drive the
        rebels out": the object of the act's "to" purpose clause is whom it is aimed at; [] when none is."""
        clauses = [c for h in holders for c in h.children if c.dep_ in ("advcl", "acl", "xcomp")
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        return [m for c in clauses for o in c.children if o.dep_ == "dobj" for m in roles.at(o) if m not in source]

    @staticmethod
    def _victims(objects: list[Token]) -> list[Mention]:
        """"has arrested at least 300 people", "killed dozens of women": plain people (kb/roles.yaml
        `victim_nouns`) an attack or arrest falls on, as an unnamed group of their own, when no actor is
        named; [] when none is."""
        g = grammar()
        for obj in objects:
            nouns = [obj] + [pobj for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                             and obj.lower_ in g.quantity_nouns for pobj in p.children if pobj.dep_ == "pobj"]
            for noun in nouns:
                if noun.lower_ in g.victim_nouns:
                    doc = noun.doc
                    actor = Actor(noun.text, doc[noun.i].idx, doc[noun.i].idx + len(noun.text), noun.lower_,
                                  "group:" + noun.lower_, None, "CVL")
                    return [Mention(noun.i, noun.i + 1, actor, "group", True)]
        return []

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
        if prep.lower_ not in DESTINATION_PREPS:
            return False
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i]
        if not objects:
            return False
        if (event_type == "ACCUSE" and not roles.at(objects[0], 0) and prep.i == objects[0].right_edge.i + 1
                and self._condemns_object(verb)):
            return True
        places = [p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC")]
        return bool(places) and bool(roles.at(objects[0])) and all(
            (place := lookup_place(p.text)) is not None and place.feature != "country" for p in places)

    def _nominal_agent(self, verb: Token, roles: NounPhraseActors) -> list[Mention]:
        """"were killed in Chadian artillery shelling", "died in an Israeli strike": the doer of an
        attack is the agent of the attack noun the verb's "in"/"by" phrase names."""
        for prep in verb.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in ("in", "by"):
                continue
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                trigger = self.noun_trigger(noun)
                if trigger is None or trigger.type != "ASSAULT":
                    continue
                act = Candidate(noun, [noun], trigger.type, trigger.mode, verbal=False)
                self._noun_roles(act, noun, roles, fill_only=True)
                if act.source:
                    return act.source
                # "was killed in a gun battle with police": the side fought did it to whoever fell
                fought = [m for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"
                          for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
                if fought and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
                    return fought
        return []

    def _is_anaphoric_event_noun(self, token: Token) -> bool:
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        return bool(determiners & ANAPHORIC_DETERMINERS) and self.noun_trigger(token) is not None

    def _resolve_anaphors(self, candidates: list[Candidate]) -> None:
        """"rejected these demands": the target is whoever made the latest earlier move of that kind."""
        if not any(cand.anaphor is not None for cand in candidates):
            return
        # the moves with a source, indexed by the tokens and words they span and by type (sources do not
        # change in this loop): one lookup per anaphor instead of a scan of the article's moves
        latest = LatestBefore([c for c in candidates if c.source], lambda c: {("type", c.type), ("any",)}
                              | {("token", t.i) for t in c.tokens} | {("word", t.lemma_) for t in c.tokens})
        for cand in candidates:
            if cand.anaphor is None:
                continue
            noun = self.noun_trigger(cand.anaphor)
            kind = noun.type if noun is not None else None  # None: "rejected it", any earlier move
            at = cand.anaphor.i
            earlier = (latest.get(("token", at), at, cand) or latest.get(("word", cand.anaphor.lemma_), at, cand)
                       or latest.get(("any",) if kind is None else ("type", kind), at, cand))
            if earlier is not None:
                cand.antecedent = earlier
                cand.target = cand.target or [m for m in earlier.source if m not in cand.source]

    def _demanded_of(self, verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
        """"demanded that Israel withdraw": a demand is made of the subject of what is demanded."""
        for comp in verb.children:
            if comp.dep_ == "ccomp":
                for subj in comp.children:
                    if subj.dep_ in ACTIVE_SUBJECT_DEPS:
                        return [m for m in roles.at(subj) if m not in source]
        return []

    def _protest_target(self, verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
        """Whom a protest is aimed at: the first party its own words name ("to demand the resignation of
        President X", "in defiance of Chinese authorities"), not where it happens; with none named, the
        protesters' own government (people protest to their state)."""
        subjects = {t.i for s in verb.children if s.dep_ in ACTIVE_SUBJECT_DEPS for t in s.subtree}
        for token in verb.subtree:
            if token.i in subjects or token.i == verb.i:
                continue
            mention = roles.index.get(token.i)
            if mention is None or mention in source or _self_loop(mention, source):
                continue
            entry = roles.model.entry_for(mention)
            if entry is not None and entry.role == "place":
                continue
            return [mention]
        home = next((m for m in source if m.actor.country and not is_state_side(m.actor)), None)
        host, where = self._place_state(verb)
        if home is not None and host is not None and host.country != home.actor.country:
            # foreigners protesting abroad ("British activists staged a protest in Beijing") protest to the host
            actor = Actor(where.text, where.idx, where.idx + len(where.text), host.name, host.id, host.country, "GOV")
            return [Mention(where.i, where.i + 1, actor, "country")]
        state = kb_module.load().country(home.actor.country) if home else None
        if state is None:
            return []
        actor = replace(home.actor, name=state.name, id=state.id, type="GOV")
        return [Mention(home.start, home.end, actor, "country")]

    @staticmethod
    def _place_state(verb: Token):
        """The state of the place a verb's own locative phrase names ("in Beijing") and the place's
        token, or (None, None)."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in grammar().locative_preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC"):
                        place = lookup_place(pobj.text)
                        if place is not None and place.country:
                            return kb_module.load().country(place.country), pobj
        return None, None

    def _condition_subject(self, verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
        """"warned it would respond if X attacked": a threat is aimed at whoever the condition names."""
        for cond in syntax.conditions(verb.sent):
            clause = cond.verb
            if verb.i in {t.i for t in clause.ancestors}:
                for subj in clause.children:
                    if subj.dep_ in ACTIVE_SUBJECT_DEPS:
                        hits = [m for m in roles.at(subj) if m not in source]
                        if hits:
                            return hits
        return []

    def _content_target(self, verb: Token, roles: NounPhraseActors, source: list[Mention], depth: int = 2) -> list[Mention]:
        """The actor a threat or demand is about, found in its complement clause (two clauses deep):
        an object, an object's partner ("aid to Mozambique"), a prepositional target, and last the
        place where the act would happen ("resume attacks in Israel")."""
        for comp in verb.children:
            if comp.dep_ not in ("ccomp", "xcomp") or comp.i < verb.i:  # content follows its verb
                continue
            objects = [c for c in comp.children if c.dep_ in OBJECT_DEPS]
            preps = [c for c in comp.children if c.dep_ == "prep"]
            preps += [p for o in objects for p in o.children if p.dep_ == "prep"]
            ranked = objects + [pobj for p in preps if p.lower_ in TARGET_PREPS for pobj in p.children if pobj.dep_ == "pobj"]
            for token in ranked:
                hits = [m for m in roles.at(token) if m not in source]
                if hits:
                    return hits
            deeper = self._content_target(comp, roles, source, depth - 1) if depth > 1 else []
            if deeper:
                return deeper
            for pobj in (pobj for p in preps if p.lower_ == "in" for pobj in p.children if pobj.dep_ == "pobj"):
                hits = [m for m in roles.at(pobj, 0) if m not in source and m.kind == "country"]
                if hits:
                    return hits
        return []

    def _noun_roles(self, cand: Candidate, noun: Token, roles: NounPhraseActors, fill_only: bool = False) -> None:
        source, target = [], []
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                if child.dep_ == "compound" and _is_city(child):
                    # "the Hanoi summit", "the Minsk accords": where it was held, not who held it; a meeting
                    # named after its venue is an event even with no party named ("a Paris gathering")
                    cand.venue = child if cand.type == "CONSULT" else None
                    continue
                hits = roles.at(child, 1) if child.dep_ != "poss" else roles.at(child)
                source.extend(m for m in hits if m not in source)
            elif child.dep_ == "prep":
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                prep = child.lower_
                for pobj in pobjs:
                    hits = roles.at(pobj)
                    if prep in ("by", "from"):
                        source.extend(m for m in hits if m not in source)
                    elif prep == "between":
                        source.extend(m for m in hits if m not in source)
                        target.extend(m for m in hits if m not in target)
                    elif prep in ("with", "against", "on", "to", "toward", "towards", "for"):
                        target.extend(m for m in hits if m not in target)
            elif child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            source.extend(m for m in roles.at(pobj) if m not in source)
        if (not target and cand.type in ("ASSAULT", "COERCE") and noun.dep_ == "pobj" and noun.head.lower_ == "under"
                and noun.head.head.lemma_.lower() in ("come", "be", "remain", "fall", "stay")):
            # "their forces came under attack from loyalists", "the town was under siege": the subject suffers it
            sufferers, _ = self.subject_tokens(noun.head.head)
            target = [m for t in sufferers for m in roles.at(t) if m not in source]
        if (not source and target and not fill_only and cand.type == "ASSAULT" and noun.dep_ == "pobj" and noun.head.lower_ == "in"
                and any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)):
            # "the gang leader was killed in a gun battle with police", "protesters injured in clashes with
            # the army": the side they fought did it to whoever fell in it (not when the verb asks who did
            # its own act, `fill_only`: there the partner is its doer already)
            verb = noun.head.head
            fallen = ([c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
                      or ([verb.head] if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") else []))
            fallen_mentions = [m for t in fallen for m in roles.at(t) if m not in target]
            if fallen_mentions:
                source, target = target, fallen_mentions
        if cand.verbal and not fill_only:
            return
        if not source and fill_only is False:
            after_talks = cand.type == "CONSULT" and _after_temporal_prep(noun)
            source = self._governing_subject(noun, roles) if target or after_talks else []
        if fill_only:
            cand.source = cand.source or source
            cand.target = cand.target or [m for m in target if m not in cand.source]
        else:
            cand.source = source
            cand.target = target if target else []
        if cand.type in SYMMETRIC_TYPES and len(cand.source) >= 2 and not cand.target:
            cand.target = list(cand.source)

    @staticmethod
    def _is_thing(noun: Token) -> bool:
        """A common noun that names no one ("warnings", "a statement"), as against "demonstrators"."""
        kb = kb_module.load()
        return (noun.pos_ == "NOUN" and not noun.ent_type_ and noun.lower_ not in kb.sector_nouns
                and noun.lemma_.lower() not in kb.sector_nouns and noun.lemma_.lower() not in kb.titles)

    def _governing_subject_tokens(self, noun: Token) -> list[Token]:
        """The subject tokens of the nearest verb a noun hangs from (through "a series of"), or []."""
        token = noun
        for _ in range(4):
            if token.dep_ not in ("dobj", "pobj", "prep") or token.head.i == token.i:
                return []
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return [c for c in token.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
        return []

    def _governing_subject(self, noun: Token, roles: NounPhraseActors) -> list[Mention]:
        """For "talks with X" with no owner: whose talks? The subject of the governing clause."""
        token = noun
        for _ in range(5):
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                subjects, _ = self.subject_tokens(token)
                for subj in subjects:
                    hits = roles.at(subj)
                    if hits:
                        return hits
            if token.head.i == token.i:
                break
        return []
