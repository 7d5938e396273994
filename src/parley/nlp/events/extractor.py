"""Events: trigger words from the lexicon, their source and target from the dependency parse."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley import identity
from parley.nlp.language import lexicon as lexicon_mod
from parley.nlp.events.candidate import Candidate
from parley.nlp.language.lexicon import Lexicon, Trigger
from parley.nlp.events.constructions import keep_whole
from parley.nlp.events.triggers import CEASABLE_TYPES, TriggerReader, verb_lemma
from parley.nlp.language import syntax
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, is_negated
from parley.nlp.language.wordlists import grammar
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.roles import TEMPORAL_PREPS, RoleReader


# Types whose clause complement is the content of the move, not a second event ("threatened to strike").
CONTENT_CLAUSE_TYPES = {"THREATEN", "REQUEST", "REJECT", "AGREE", "SUPPORT"}
SPOKEN_TYPES = {"THREATEN", "REQUEST"}
# A verb-tagged trigger in these positions is read as a noun ("U.S. strikes on Iran drew condemnation").
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}
CONTENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl"}


def _says_provision(noun: Token, lex: Lexicon) -> bool:
    """The noun names a text that provides for acts: a resolution, a plan, a deal (kb/frames.yaml `provisions`)."""
    words = lex.classes.get("provisions", frozenset())
    return noun.lower_ in words or noun.lemma_.lower() in words


def _known(mentions) -> bool:
    """Some mention whose side is known: a named person of no stated office or state ("Geir Pedersen")
    is who a pronoun is, but keeps no event alive in a side clause on their own."""
    return any(m.actor.country or m.actor.type or m.kind != "person" for m in mentions)


def _in_condition(token: Token) -> bool:
    """"...if Russia was committed to peace": a condition set on a move is not a move of its own."""
    return syntax.in_condition(token) is not None


def _is_conditional_clause(verb: Token) -> bool:
    cond = syntax.in_condition(verb)
    return cond is not None and cond.verb.i == verb.i


class EventExtractor(TriggerReader, RoleReader):
    """Finds trigger words, assigns roles and keeps the candidates on doc._.parley_candidates."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.g_gratitude = grammar().gratitude_verbs
        self.judging = lexicon.classes.get("judging_verbs", frozenset())

    # -- triggers
    # -- the main loop
    def __call__(self, doc: Doc) -> Doc:
        roles = NounPhraseActors(doc)
        consumed: set[int] = set()  # nominal triggers a verb has taken as its object
        candidates = self._verbal(doc, roles, consumed)
        candidates += self._light(doc, roles, consumed)
        candidates += self._mediated(candidates, roles)
        # "Israeli strikes killed 30 people": the strikes are the killing, one event
        for cand in (c for c in candidates if c.type == "ASSAULT"):
            for noun in cand.trigger.children:
                if (noun.dep_ in ACTIVE_SUBJECT_DEPS and noun.i not in consumed
                        and (t := self.noun_trigger(noun)) is not None and t.type == cand.type):
                    consumed.add(noun.i)
                    cand.tokens.append(noun)  # its span names the attack too ("a drone strike killed five")
                    own = Candidate(noun, [noun], cand.type, cand.mode, verbal=False)
                    self._noun_roles(own, noun, roles, fill_only=True)
                    # the noun's own agent and target ("Israel's strikes on Baalbek") are the act's
                    cand.source = own.source or cand.source
                    cand.target = cand.target or [m for m in own.target if m not in cand.source]
        candidates += self._nominal(doc, roles, consumed)
        by_trigger = {c.trigger.i: c for c in candidates}
        candidates = [c for c in self._drop_content_events(candidates)
                      if (_known(c.source) or _known(c.target) or c.reciprocal or self._is_main_clause(c.trigger)
                          or self._is_finite_report(c.trigger, by_trigger, c.type)
                          or self._is_reported(c.trigger)
                          or c.construction is not None or c.venue is not None)
                      # "gathered to protest" is a protest; "marched to protest", "summoned X to protest" are one move
                      and (not self._is_purpose_clause(c.trigger) or (c.type == "PROTEST" and c.trigger.head.i not in by_trigger)
                           or (self._trip_to_meet(c) and c.trigger.head.i not in by_trigger))
                      and not self._is_result_clause(c, by_trigger) and not _in_condition(c.trigger)
                      and not self._argued_consequence(c, by_trigger) and not self._asks_a_question(c)]
        self._resolve_anaphors(candidates)
        self._joint_drills(candidates, roles)
        self._left_body(candidates, roles)
        candidates.extend(self.intents(candidates, roles))
        candidates.extend(self._alleged_acts(candidates))
        doc._.parley_candidates = candidates
        return doc

    def _joint_drills(self, candidates: list[Candidate], roles: NounPhraseActors) -> None:
        """"French and Egyptian warships began war games", "Russia held drills with China": exercises of two
        states or more are military cooperation (PLOVER COOPERATE), one side's a show of force (MOBILIZE)."""
        drills = self.lex.classes.get("exercises", frozenset())
        for cand in candidates:
            nouns = [t for t in cand.tokens if t.lower_ in drills or t.lemma_.lower() in drills
                     or f"{t.doc[t.i - 1].lower_} {t.lower_}" in drills]
            if cand.type != "MOBILIZE" or not nouns:
                continue
            partners = [m for h in (cand.trigger, *nouns) for p in h.children if p.dep_ == "prep" and p.lower_ == "with"
                        for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            parties = {identity.party_key(m.actor) for m in cand.source + partners}
            if len(parties) >= 2:
                cand.type, cand.mode = "COOPERATE", "military"
                cand.target = cand.target or [m for m in partners if m not in cand.source]

    @staticmethod
    def _left_body(candidates: list[Candidate], roles: NounPhraseActors) -> None:
        """"Burkina Faso, Mali and Niger withdrew from ECOWAS": leaving an intergovernmental body reduces relations
        with it (PLOVER SANCTION), where withdrawing from a town is a step back (RETREAT)."""
        for cand in candidates:
            verb = cand.trigger
            if cand.type != "RETREAT" or not cand.verbal:
                continue
            left = [m for p in verb.subtree if p.dep_ == "prep" and p.lower_ in ("from", "of")
                    and (p.head.i == verb.i or p.head.head.i == verb.i and p.head.dep_ in ("prep", "prt"))
                    for o in p.children if o.dep_ == "pobj" for m in roles.at(o)]
            if left and all(m.actor.type == "IGO" for m in left):
                cand.type, cand.mode = "SANCTION", None
                cand.target = left

    def _candidate(self, verb: Token, tokens: list[Token], trigger: Trigger, roles: NounPhraseActors) -> Candidate:
        event_type = self._polarity(verb, trigger.type)
        # readying an attack is no attack: its mode ("artillery") is not the mobilisation's
        mode = None if event_type == "MOBILIZE" != trigger.type else trigger.mode
        cand = Candidate(verb, tokens, event_type, mode, negation_absorbed=event_type != trigger.type)
        self._verb_roles(cand, roles)
        if verb.dep_ in NOMINAL_DEPS:
            self._noun_roles(cand, verb, roles, fill_only=True)  # a gerund used as a noun: "U.S. strikes on Iran"
        if trigger.reverse:
            givers = [m for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
                      for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            cand.source, cand.target = givers, cand.source
        cand.construction, cand.keeps_content = trigger.construction, trigger.keeps_content
        self.construction_roles(cand, trigger, roles)
        return cand

    @staticmethod
    def _is_result_clause(cand: Candidate, by_trigger: dict) -> bool:
        """"bombed a market, killing 20": the participle tells the outcome of the same attack."""
        verb = cand.trigger
        outer = by_trigger.get(verb.head.i)
        return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and outer is not None and outer is not cand
                and outer.type == cand.type)

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
        """"Zelenskiy rejected these demands, stating that they would effectively surrender Ukraine": what a
        rejection or an accusation says something would (could, might) lead to is the reason given for it, not
        a move of anyone's."""
        verb = cand.trigger
        if verb.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in verb.children):
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
            return any(c.dep_ == "nsubj" and c.lower_ in ("who", "whom") for c in verb.children)
        return True

    def _through_aspect(self, verb: Token) -> Token:
        """The verb whose clause an aspectual verb's complement shares ("will continue to stand" -> "continue")."""
        aspectual = self.lex.classes.get("aspectual_verbs", frozenset())
        if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb_lemma(verb.head, aspectual) in aspectual:
            return verb.head
        return verb

    def _is_reported(self, verb: Token) -> bool:
        """An event someone reports, claims or denies is kept even when its actors are unnamed."""
        verb = self._through_aspect(verb)
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        words = self.lex.speech_verbs | self.lex.claim_verbs | self.lex.deny_verbs
        return verb.dep_ in ("ccomp", "xcomp", "pcomp") and verb.pos_ == "VERB" and head.lemma_.lower() in words

    def _trip_to_meet(self, cand: Candidate) -> bool:
        """"the envoy flew to Khartoum to meet army leaders", "were in Washington to meet with officials": a trip
        made for a meeting is the meeting (kb/frames.yaml `travel_verbs`), unlike the aim of a move (a visit
        that is an event itself stays the one event: the caller checks)."""
        travel = self.lex.classes.get("travel_verbs", frozenset())
        head = cand.trigger.head
        return cand.type == "CONSULT" and cand.verbal and head.i != cand.trigger.i and verb_lemma(head, travel) in travel

    @staticmethod
    def _is_purpose_clause(verb: Token) -> bool:
        """"announced a truce to support relief efforts": the aim of a move is not a second move."""
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "to halt the fighting and exchange hostages"
            verb = verb.head
        return (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and not any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in verb.children))

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
                        and outer.trigger.lemma_.lower() not in self.g_gratitude  # "thanked X for sending": a deed
                        # "welcomed the announcement that Ukraine had agreed to a truce": the deed judged happened
                        # (a clause with its own subject; "welcomed a pledge to defend it" judges the pledge)
                        and not (verb_lemma(outer.trigger, self.judging) in self.judging
                                 and any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in cand.trigger.children))
                        and (outer.trigger.i < cand.trigger.i or outer.type in SPOKEN_TYPES)):
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

    def _stated_aim(self, verb: Token) -> bool:
        """"its goal remains to push for a truce", "the aim is to destroy X": an aim is no move yet."""
        head = verb.head
        aims = self.lex.classes.get("aims", frozenset())
        return (verb.dep_ in ("xcomp", "attr", "ccomp") and head.i != verb.i and head.lemma_.lower() in ("be", "remain")
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
                return below or any(c.dep_ == "aux" and c.lower_ in self.lex.intent.get("modals", ()) | {"could", "may", "might"}
                                    for c in token.children)
            if token.head.i == token.i or token.dep_ in ("ROOT", "ccomp", "parataxis"):
                return False
            token, below = token.head, True
        return False


@Language.factory("parley_events", default_config={}, assigns=["doc._.parley_candidates"],
                  requires=["doc._.parley_mentions", "token.dep", "token.lemma"])
def make_event_extractor(nlp: Language, name: str):
    lexicon = lexicon_mod.load()
    keep_whole(nlp, lexicon)
    return EventExtractor(lexicon)
