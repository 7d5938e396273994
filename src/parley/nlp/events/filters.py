"""Which candidates are events: the keep-or-drop rules the event extractor applies once every pass has run. An
event inside the complement of a threat is its content ("threatened to strike"), the aim of a move no move of its
own ("announced a truce to support relief efforts"), a condition set on a move no move ("...if Russia attacks")."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.events.arguments import verb_lemma
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.errands import made_on_errand
from parley.nlp.events.triggers import CEASABLE_TYPES, TriggerReader
from parley.nlp.events.unmade import WORD_MOVE_TYPES, generic_activity, in_comparison
from parley.nlp.language import syntax
from parley.nlp.language.lexicon import Lexicon
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, is_negated
from parley.nlp.language.wordlists import grammar, words

# Types whose clause complement is the content of the move, not a second event ("threatened to strike").
CONTENT_CLAUSE_TYPES = {"THREATEN", "REQUEST", "REJECT", "AGREE", "SUPPORT"}

SPOKEN_TYPES = {"THREATEN", "REQUEST"}

CONTENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl"}

def _says_provision(noun: Token, lex: Lexicon) -> bool:
    """The noun names a text that provides for acts: a resolution, a plan, a deal (kb/frames.yaml `provisions`)."""
    words = lex.classes.get("provisions", frozenset())
    return noun.lower_ in words or noun.lemma_.lower() in words

def _known(mentions) -> bool:
    """Some mention whose side is known: a named person of no stated office or state ("Geir Pedersen")
    is who a pronoun is, but keeps no event alive in a side clause on their own."""
    return any(m.actor.country or m.actor.type or m.kind != "person" for m in mentions)

def under_condition(token: Token) -> bool:
    """"...if Russia was committed to peace": a condition set on a move is not a move of its own."""
    return syntax.in_condition(token) is not None

def in_question(token: Token) -> bool:
    """"What did you discuss there?", "Could they call the State Department?": an event in a question put is asked
    about, not reported (the sentence's last word, before closing quotes, is a question mark)."""
    sent = token.sent
    last = next((t for t in reversed(sent) if not t.is_space and not t.is_quote and t.text not in (")", "]")), None)
    return last is not None and last.text == "?"

def _is_conditional_clause(verb: Token) -> bool:
    cond = syntax.in_condition(verb)
    return cond is not None and cond.verb.i == verb.i


class CandidateFilter:
    """Keeps the candidates that are events of their own (`keep`); held by the event extractor."""

    def __init__(self, lex: Lexicon, triggers: TriggerReader | None = None):
        self.lex = lex
        self.triggers = triggers or TriggerReader(lex)
        self.gratitude = grammar().gratitude_verbs
        self.judging = lex.classes.get("judging_verbs", frozenset())

    def keep(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates that are not the content, aim, result or condition of another, nor a question put or
        asked (a sentence ending in "?"); an
        event with no known actor only when it is what its sentence is about or is reported."""
        by_trigger = {c.trigger.i: c for c in candidates}
        return [c for c in self._drop_content_events(candidates)
                if (_known(c.source) or _known(c.target) or c.reciprocal or self._is_main_clause(c.trigger)
                    or self._is_finite_report(c.trigger, by_trigger, c.type) or self._is_reported(c.trigger)
                    or c.construction is not None or c.venue is not None or self._attempted(c))
                # "gathered to protest" is a protest; "marched to protest", "summoned X to protest" are one move
                and (not self._is_purpose_clause(c.trigger, c.type) or (c.type == "PROTEST" and c.trigger.head.i not in by_trigger)
                     or (self._trip_to_meet(c) and c.trigger.head.i not in by_trigger) or made_on_errand(c, by_trigger, self.lex))
                and not self._is_result_clause(c, by_trigger) and not under_condition(c.trigger)
                and not self._argued_consequence(c, by_trigger) and not self._asks_a_question(c)
                and not self._names_a_charge(c) and not in_question(c.trigger) and not self._named_not_made(c)]

    # -- words in whose context a trigger names an act without reporting one (kb/frames.yaml classes)
    def _named_not_made(self, cand: Candidate) -> bool:
        """The trigger names an act that no one is reported to make here: a warning of a state of affairs, an act
        in a comparison, the "act" of a circumstance, a move someone holds an attitude about, a generic activity,
        an act weighed by an adjective, the content of a plan's list, a past event an anniversary recalls."""
        return (self._warns_of_a_state(cand) or in_comparison(cand.trigger) or self._done_by_circumstance(cand)
                or self._held_in_attitude(cand) or generic_activity(cand) or self._weighed_act(cand)
                or self._listed_content(cand) or self._commemorated(cand) or self._asked_for(cand)
                or self._aim_of_a_purpose(cand))

    def _class(self, name: str) -> frozenset:
        return self.lex.classes.get(name, frozenset())

    def _warns_of_a_state(self, cand: Candidate) -> bool:
        """"officials warn it is simply too big to put out", "warning that excessive internet use is hurting
        children": a warning that something is so is no threat (PLOVER THREATEN is a warning of what the speaker
        will do); "warned that it would respond", "warned that Russia is ready to strike" are threats."""
        verb = cand.trigger
        warning = self._class("warning_verbs")
        if cand.type != "THREATEN" or not cand.verbal or cand.construction is not None \
                or verb_lemma(verb, warning) not in warning:
            return False
        if any(c.dep_ in ("xcomp", "dobj", "dative") or (c.dep_ == "prep" and c.lower_ in words().warning_topic_prepositions)
               for c in verb.children):
            return False  # "warned Russia", "warned of consequences", "warned them to stop"
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        outcomes = self._class("warned_outcomes")
        return bool(clauses) and not any(
            (t.pos_ in ("VERB", "AUX") and (syntax.points_forward(t) or syntax.governed_future(t)
                                            or syntax.is_future_governor(t) or syntax.condition_of(t) is not None))
            or t.lower_ in outcomes or t.lemma_.lower() in outcomes
            for c in clauses for t in c.subtree)

    def _done_by_circumstance(self, cand: Candidate) -> bool:
        """"the situation has forced farmers out of business", "as public interest demands that the office not stay
        vacant": a circumstance is no actor, and what it forces or demands is no one's move."""
        circumstances = self._class("circumstance_nouns")
        return (cand.verbal and not cand.source and any(
            c.dep_ in ("nsubj", "csubj") and c.pos_ == "NOUN" and c.lemma_.lower() in circumstances
            for c in cand.trigger.children))

    def _held_in_attitude(self, cand: Candidate) -> bool:
        """"many are critical of the agreement", "skeptical about new government proposals": the move an attitude
        is held about is named, not made here (a deed judged, "angry about the strikes", stays an event)."""
        noun = cand.trigger
        return (not cand.verbal and cand.type in WORD_MOVE_TYPES and noun.dep_ == "pobj" and noun.head.dep_ == "prep"
                and noun.head.head.pos_ == "ADJ" and noun.head.head.lemma_.lower() in self._class("attitude_adjectives"))

    def _weighed_act(self, cand: Candidate) -> bool:
        """"Washington's support is crucial for Islamabad to negotiate the loan", "it is important to talk": an act
        an adjective weighs is a possibility discussed, not a move made."""
        verb = cand.trigger
        if not cand.verbal or verb.dep_ not in ("xcomp", "advcl", "ccomp") or verb.head.i == verb.i \
                or not any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in verb.children):
            return False
        head = verb.head
        adjectives = [head] if head.pos_ == "ADJ" else [c for c in head.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
        return any(a.lemma_.lower() in self._class("weighing_adjectives") for a in adjectives)

    def _listed_content(self, cand: Candidate) -> bool:
        """"It includes relaxing fiscal rules and loans for defense": what a plan (a text, or "it") includes is its
        content; what a trip includes ("his travels will include meeting Modi") is a move."""
        verb = cand.trigger
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        listing = self._class("listing_verbs")
        if not (cand.verbal and verb.dep_ in ("xcomp", "dobj", "ccomp", "pcomp") and verb.head.i != verb.i
                and verb_lemma(verb.head, listing) in listing):
            return False
        holders = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(h.pos_ == "PRON" or _says_provision(h, self.lex) for h in holders)

    def _asked_for(self, cand: Candidate) -> bool:
        """"reiterated its call to the authorities to drop all charges", "calls for rearming Europe and boosting aid":
        what a call, demand or appeal asks for is its content, whether or not the call is an event here."""
        token = cand.trigger
        if not cand.verbal:
            return False
        if any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in token.children) and any(
                c.dep_ == "nsubj" and c.pos_ == "NOUN" and (t := self.triggers.noun_trigger(c)) is not None
                and (t.type == "REQUEST" or any(f.type == "REQUEST" and "<verb>" in f.complement for f in t.frames))
                for c in token.children):
            # the same, with the call parsed as the subject of the infinitive it asks for ("its call ... to drop")
            return True
        for _ in range(4):
            # "a call for its forces to be deployed": an infinitive can parse as a relative clause of the call
            infinitival = token.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers
                                                        for c in token.children)
            if (token.dep_ not in ("conj", "pcomp", "pobj", "prep", "acl", "advcl", "xcomp") and not infinitival
                    or token.head.i == token.i):
                return False
            token = token.head
            if token.pos_ in ("NOUN", "PROPN"):
                asked = self.triggers.noun_trigger(token)
                return asked is not None and asked.type == "REQUEST"
        return False

    def _aim_of_a_purpose(self, cand: Candidate) -> bool:
        """"brought the campaign to secure his father's release to Washington", "flew to Doha to win a truce": the
        event a purpose clause seeks has not happened (the purpose clause's own verb is dropped as no second move)."""
        noun = cand.trigger
        verb = noun.head
        return (not cand.verbal and noun.dep_ == "dobj" and verb.i != noun.i and verb.pos_ == "VERB"
                and self._is_purpose_clause(verb) and verb.head.lemma_.lower() not in self._class("content_to_verbs"))

    def _commemorated(self, cand: Candidate) -> bool:
        """"the 20th anniversary of the terrorist strikes": an event an anniversary recalls is history."""
        noun = cand.trigger
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        return (noun.dep_ == "pobj" and noun.head.lower_ in words().genitive_prepositions
                and noun.head.head.lemma_.lower() in self._class("commemoration_nouns"))

    def _names_a_charge(self, cand: Candidate) -> bool:
        """"the crimes with which they are charged", "the offences they are accused of": a relative clause that
        says what a charge is names the charge, it does not report one being made."""
        verb = cand.trigger
        if cand.type != "ACCUSE" or verb.dep_ != "relcl" or verb_lemma(verb, self.lex.claim_verbs) not in self.lex.claim_verbs:
            return False
        preps = [c for c in verb.children if c.dep_ == "prep"]
        relative = words().relative_pronouns
        # the charge is the relative's object: "with which", or a preposition left stranded ("accused of")
        return any(not list(p.children) or any(o.dep_ == "pobj" and o.lower_ in relative for o in p.children)
                   for p in preps)

    @staticmethod
    def _is_result_clause(cand: Candidate, by_trigger: dict) -> bool:
        """"bombed a market, killing 20": the participle tells the outcome of the same attack; "rioted, setting fire
        to their mattresses": how a protest went (a riot is PLOVER PROTEST, its damage no coercion of anyone)."""
        verb = cand.trigger
        outer = by_trigger.get(verb.head.i)
        return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and outer is not None and outer is not cand
                and (outer.type == cand.type or (outer.type, cand.type) == ("PROTEST", "COERCE")))

    def _asks_a_question(self, cand: Candidate) -> bool:
        """"asked whether he might back off", "pressed on how sure he was", "..., she asked": a question put is no
        request; asking for something ("asked for weapons", "asked Qatar to mediate") is."""
        verb = cand.trigger
        if cand.type != "REQUEST" or not cand.verbal or verb_lemma(verb, self.lex.classes.get("questioning_verbs", ())) \
                not in self.lex.classes.get("questioning_verbs", ()):
            return False
        questions = self.lex.classes.get("question_words", frozenset())
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "pcomp")]
        clauses += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ in ("pcomp", "pobj")]
        if any(min(c.subtree, key=lambda t: t.i).lower_ in questions for c in clauses):
            return True
        asked_for = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp", "dative", "prep", "nsubjpass", "advcl")]
        return not asked_for and verb.dep_ != "xcomp"

    def _argued_consequence(self, cand: Candidate, by_trigger: dict) -> bool:
        """"Zelenskiy rejected the terms, stating that they would amount to Ukraine's surrender": what a
        rejection or an accusation says something would (could, might) lead to is the reason given for it, not
        a move of anyone's."""
        verb = cand.trigger
        if verb.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in words().consequence_modals for c in verb.children):
            return False
        speech = verb.head
        if speech.lemma_.lower() not in self.lex.speech_verbs or speech.tag_ != "VBG" or speech.dep_ not in ("advcl", "conj", "xcomp"):
            return False
        outer = by_trigger.get(speech.head.i)
        return outer is not None and outer is not cand and outer.type in ("REJECT", "ACCUSE")

    def _is_main_clause(self, verb: Token) -> bool:
        """An event with no actor is kept only when it is what the sentence is about; "will continue to stand
        with the people" is about the standing (kb/frames.yaml `aspectual_verbs`)."""
        verb = self._through_aspect(verb)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "attr" and any(
                c.dep_ == "expl" for c in verb.head.head.children):
            return True  # "there were ten soldiers killed": the existential's participle is the sentence's deed
        return verb.pos_ == "VERB" and (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))

    def _attempted(self, cand: Candidate) -> bool:
        """"An attempt to assassinate the governor was thwarted": an attack tried is what the sentence is about,
        with no attacker named (the attempt is the main clause's subject)."""
        verb, noun = cand.trigger, cand.trigger.head
        return (cand.type in ("ASSAULT", "COERCE") and verb.dep_ == "acl" and noun.lemma_.lower() in words().attempt_nouns
                and noun.dep_ in ("nsubj", "nsubjpass") and (self._is_main_clause(noun.head) or self._is_reported(noun.head)))

    @staticmethod
    def _is_finite_report(verb: Token, by_trigger: dict, event_type: str) -> bool:
        """A verb in the past or present tense states a deed even in a side clause whose actors are unnamed ("ECOWAS
        chiefs ... and urged security counterparts to act", "who criticized the president", "then exempted the
        duties"); an infinitive, a gerund, a passive or a clause about a thing ("decisions that threaten") is left
        to its actors, and so is a second verb of the same attack ("killed one soldier and wounded two")."""
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            return False
        outer = by_trigger.get(verb.head.i)
        if outer is not None and outer.trigger.i != verb.i and outer.type == event_type == "ASSAULT":
            return False
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return False
        if verb.dep_ == "relcl":
            return any(c.dep_ == "nsubj" and c.lower_ in words().personal_relative_pronouns for c in verb.children)
        return True

    def _trip_to_meet(self, cand: Candidate) -> bool:
        """"the envoy flew to Khartoum to meet army leaders", "were in Washington to meet with officials": a trip
        made for a meeting is the meeting (kb/frames.yaml `travel_verbs`), unlike the aim of a move (a visit
        that is an event itself stays the one event: the caller checks)."""
        travel = self.lex.classes.get("travel_verbs", frozenset())
        head = cand.trigger.head
        return cand.type == "CONSULT" and cand.verbal and head.i != cand.trigger.i and verb_lemma(head, travel) in travel

    def _through_aspect(self, verb: Token) -> Token:
        """The verb whose clause an aspectual verb's complement shares ("will continue to stand" -> "continue"), or a
        passive of schedule that raises its subject ("Obama is scheduled to attend a summit" -> "scheduled")."""
        aspectual = self.lex.classes.get("aspectual_verbs", frozenset())
        if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb_lemma(verb.head, aspectual) in aspectual:
            return verb.head
        raising = self.lex.classes.get("raising_passives", frozenset())
        if (verb.dep_ == "xcomp" and verb.head.i != verb.i and verb_lemma(verb.head, raising) in raising
                and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children)):
            return verb.head
        return verb

    def _is_reported(self, verb: Token) -> bool:
        """An event someone reports, claims or denies is kept even when its actors are unnamed."""
        verb = self._through_aspect(verb)
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        words = self.lex.speech_verbs | self.lex.claim_verbs | self.lex.deny_verbs
        return verb.dep_ in ("ccomp", "xcomp", "pcomp") and verb.pos_ == "VERB" and head.lemma_.lower() in words

    def _is_purpose_clause(self, verb: Token, event_type: str | None = None) -> bool:
        """"announced a truce to support relief efforts": the aim of a move is not a second move; nor is the force
        it would help or let others use ("offered troops to help him oust the general", "sent troops to help the army
        retake the town": kb/frames.yaml `enabling_verbs`; "to help support the rights of X" is support given)."""
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "to halt the fighting and exchange hostages"
            verb = verb.head
        enabling = self.lex.classes.get("enabling_verbs", frozenset())
        if (event_type in self.lex.hostile_types and verb.dep_ in ("xcomp", "ccomp") and verb.head.dep_ == "advcl"
                and verb_lemma(verb.head, enabling) in enabling):
            verb = verb.head
        return (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in verb.children)
                and not any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in verb.children))

    def _drop_content_events(self, candidates: list[Candidate]) -> list[Candidate]:
        """An event inside the complement of a threat, demand, refusal or offer is its content."""
        by_trigger = {c.trigger.i: c for c in candidates}
        demanded = {t.i for c in candidates if c.content is not None for t in c.content.subtree}
        candidates = [c for c in candidates if c.trigger.i not in demanded]
        kept = []
        for cand in candidates:
            if not cand.verbal and cand.trigger.dep_ == "pobj" and cand.trigger.head.lower_ in words().temporal_prepositions:
                kept.append(cand)  # "agreed to a truce at talks in Doha": the talks are a circumstance
                continue
            token, drop = cand.trigger, False
            hops = 0
            # a verb coordinated with the event's own trigger is a sibling; further up, or coordinated with a
            # verb that is no event ("refused to let the planes land and evacuate them"), it shares the frame
            while ((token.dep_ in CONTENT_DEPS | {"prep", "aux", "mark"}
                    or (token.dep_ == "conj" and (hops > 0 or token.head.i not in by_trigger)))
                   and token.head.i != token.i and hops < 4
                   and (token.dep_ != "advcl" or _is_conditional_clause(token))):
                token = token.head
                hops += 1
                outer = by_trigger.get(token.i)
                # a move's content follows it ("refused to sign"); one before it is a parse slip, except
                # for spoken moves ("Israel will resume its offensive, the minister warned")
                if (outer is not None and outer is not cand and outer.type in CONTENT_CLAUSE_TYPES
                        and outer.trigger.lemma_.lower() not in self.gratitude  # "thanked X for sending": a deed
                        # "welcomed the announcement that Ukraine had agreed to a truce": the deed judged happened
                        # (a clause with its own subject; "welcomed a pledge to defend it" judges the pledge)
                        and not (verb_lemma(outer.trigger, self.judging) in self.judging
                                 and any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in cand.trigger.children))
                        and (outer.trigger.i < cand.trigger.i or outer.type in SPOKEN_TYPES)
                        and not self._denied_deed(outer, cand)):
                    # an offer's act is coded too ("ready to release"); so is an owned act it mentions ("vowed
                    # that Iran's attack would be answered")
                    drop = not outer.keeps_content and (cand.verbal or not cand.source)
                    if (outer.type == "AGREE" and cand.type in CEASABLE_TYPES and not is_negated(cand.trigger)
                            and verb_lemma(outer.trigger, self.lex.promise_verbs) in self.lex.promise_verbs
                            and not any(c.dep_ == "dobj" for c in outer.trigger.children)):  # "pledged troops to fight"
                        outer.type = "THREATEN"  # "vowed to retake the city"
                        outer.target = outer.target or cand.target
                    if outer.type == "THREATEN" and cand.type == "THREATEN":  # "warned that X would pay"
                        outer.target = outer.target or cand.target
                    break
                if token.pos_ == "VERB" and token.dep_ not in CONTENT_DEPS:
                    break
            if not drop and not self._provision(cand) and not self._stated_aim(cand.trigger):
                kept.append(cand)
        return kept

    def _denied_deed(self, outer: Candidate, cand: Candidate) -> bool:
        """"Pakistan's army denied reports that its soldiers had crossed the border": a deed denied in a clause of
        its own (a subject, a tensed verb) is reported as denied, an event; "denied permission to land" asks nothing
        done."""
        lemma = verb_lemma(outer.trigger, self.lex.deny_verbs)
        verb = cand.trigger
        return (outer.type == "REJECT" and lemma in self.lex.deny_verbs and lemma != "reject" and cand.verbal
                and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") and any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in verb.children)
                and not any(c.lower_ in words().infinitive_markers for c in verb.children))

    def _stated_aim(self, verb: Token) -> bool:
        """"its goal remains to push for a truce", "the aim is to destroy X": an aim is no move yet."""
        head = verb.head
        aims = self.lex.classes.get("aims", frozenset())
        return (verb.dep_ in ("xcomp", "attr", "ccomp") and head.i != verb.i and head.lemma_.lower() in words().copulas
                and any(c.dep_ == "nsubj" and c.lemma_.lower() in aims for c in head.children))

    def _provision(self, cand: Candidate) -> bool:
        """"a resolution that aims to tighten sanctions", "a deal that would let refugees return": what a text
        provides for is its content, not an event (a text's own move, "a resolution that demands a truce", is)."""
        verb = cand.trigger
        if not cand.verbal:
            return False
        token, below = verb, False
        for _ in range(6):
            if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
                if not _says_provision(token.head, self.lex):
                    return False
                # the text's own verb is a move of it unless it only would be ("that would allow")
                return below or any(c.dep_ == "aux" and c.lower_ in self.lex.intent.get("modals", ()) | words().possibility_modals
                                    for c in token.children)
            if token.head.i == token.i or token.dep_ in ("ROOT", "ccomp", "parataxis"):
                return False
            token, below = token.head, True
        return False
