"""The parley_events component: find the candidate events of a Doc. It holds a `TriggerReader` (which words are
events), a `RoleReader` (who does them to whom) and a `CandidateFilter` (which are events of their own), and runs
the passes that turn triggers into candidates: verbs, light verbs with a nominal trigger, nouns with an actor of
their own, then the events those imply."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley import identity
from parley.identity import SYMMETRIC_TYPES
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.anaphors import carry_attackers, resolve_anaphors
from parley.nlp.events.arguments import aim_of_noun, inside_name, lemma_not_event, verb_lemma
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.constructions import keep_whole
from parley.nlp.events.filters import CandidateFilter
from parley.nlp.events.implied import alleged_acts, mediated_meetings
from parley.nlp.events.intents import nominal_plan_sources, stated_intents
from parley.nlp.events.roles import RoleReader
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.language import lexicon as lexicon_mod
from parley.nlp.language.lexicon import Lexicon, Trigger
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS
from parley.nlp.language.wordlists import words

# A verb-tagged trigger in these positions is read as a noun ("U.S. strikes on Iran drew condemnation").
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}
# Acts with a partner or an aim that, with one side named and none other, are with the other side in focus.
PARTNERED_TYPES = {"CONSULT", "COOPERATE", "SANCTION"}


class EventExtractor:
    """Finds trigger words, assigns roles and keeps the candidates on doc._.parley_candidates."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.triggers = TriggerReader(lexicon)
        self.roles = RoleReader(lexicon, self.triggers)
        self.filter = CandidateFilter(lexicon, self.triggers)

    def __call__(self, doc: Doc) -> Doc:
        roles = NounPhraseActors(doc)
        consumed: set[int] = set()  # nominal triggers a verb has taken as its object
        candidates = self._verbal(doc, roles, consumed)
        candidates += self._light(doc, roles, consumed)
        candidates += mediated_meetings(candidates, roles, self.triggers)
        self._attack_nouns(candidates, roles, consumed)
        candidates += self._nominal(doc, roles, consumed)
        nominal_plan_sources(candidates, roles)
        candidates = self.filter.keep(candidates)
        self._threatened_deeds(candidates)
        self._unnamed_meetings(candidates, roles)
        resolve_anaphors(candidates, self.triggers)
        carry_attackers(candidates)
        self._partnerless_moves(candidates, roles)
        self._joint_drills(candidates, roles)
        self._left_body(candidates, roles)
        candidates.extend(stated_intents(candidates, roles, self.lex))
        candidates.extend(alleged_acts(candidates, self.triggers, roles))
        doc._.parley_candidates = candidates
        return doc

    @staticmethod
    def _unnamed_meetings(candidates: list[Candidate], roles: NounPhraseActors) -> None:
        """"Seoul and Tokyo have been at odds ever since the talks in Busan collapsed": a
        meeting, deal or cooperation (a symmetric act) that names none of its parties is between the two sides in
        focus (none when fewer are)."""
        for cand in candidates:
            if cand.type in SYMMETRIC_TYPES and not cand.source and not cand.target:
                pair = roles.model.focus_pair(cand.trigger)
                cand.source, cand.target = list(pair), list(pair)

    @staticmethod
    def _partnerless_moves(candidates: list[Candidate], roles: NounPhraseActors) -> None:
        """"Trump is putting less emphasis on denuclearization talks", "Trump doubled the steel tariffs": talks, ties or a
        sanction by one state and no other party named are with (on) the other state in focus, when the named one is
        one of the two in focus (none when fewer are; a body's own meeting, "the G7 talks", is among its members)."""
        for cand in candidates:
            if (cand.type not in PARTNERED_TYPES or cand.target or cand.anaphor is not None or cand.reciprocal
                    or any(m.plural and m.kind == "group" for m in cand.source)):  # "governments continue talks"
                continue
            countries = {m.actor.country for m in cand.source if identity.is_state_side(m.actor)}
            if len(countries) != 1 or None in countries or len(countries) != len({m.actor.country for m in cand.source}):
                continue
            pair = roles.model.focus_pair(cand.trigger)
            if countries & {m.actor.country for m in pair}:
                cand.target = [m for m in pair if m.actor.country not in countries and m.actor.country
                               and identity.is_state_side(m.actor)][:1]

    def _attack_nouns(self, candidates: list[Candidate], roles: NounPhraseActors, consumed: set[int]) -> None:
        """"Israeli strikes killed 30 people", "were killed in a drone strike by rebel forces", "killed in a
        gun battle with police": the strikes, the battle are the killing, one event."""
        for cand in (c for c in candidates if c.type == "ASSAULT"):
            told_in = [n for p in cand.trigger.children if p.dep_ in ("prep", "agent") and p.lower_ in words().cause_prepositions
                       for n in p.children if n.dep_ == "pobj"]
            for noun in [*cand.trigger.children, *told_in]:
                if ((noun.dep_ in ACTIVE_SUBJECT_DEPS or noun.dep_ == "pobj") and noun.i not in consumed
                        and (t := self.triggers.noun_trigger(noun)) is not None and t.type == cand.type):
                    consumed.add(noun.i)
                    if noun.dep_ != "pobj":  # (an "in a firefight" phrase stays out of the trigger's words)
                        cand.tokens.append(noun)  # its span names the attack too ("a drone strike killed five")
                    own = Candidate(noun, [noun], cand.type, cand.mode, verbal=False)
                    self.roles.noun_roles(own, noun, roles, fill_only=True)
                    # the noun's own agent and target ("Israel's strikes on Baalbek") are the act's
                    cand.source = own.source or cand.source
                    cand.target = cand.target or [m for m in own.target if m not in cand.source]

    def _verbal(self, doc: Doc, roles: NounPhraseActors, consumed: set[int]) -> list[Candidate]:
        """Verbs of the lexicon ("accused", "called on"), and reported obligations ("said X must")."""
        out = []
        demanded: set[int] = set()  # what a protest demands: neither a move nor a nominal event of its own
        for token in doc:
            if token.i in demanded:
                continue
            found = self.triggers.verb_trigger(token)
            if (found is None or found[0].type == "REQUEST") and self._protest_demand(token):
                demanded.update(t.i for t in token.subtree)
                consumed.update(t.i for t in token.subtree if t.i != token.i)
                continue
            if found is None:
                clause = self.triggers.obligation(token)
                if clause is not None:
                    cand = Candidate(token, [token], "REQUEST", None, content=clause)
                    self.roles.verb_roles(cand, roles)
                    subjects, _ = self.roles.subject_tokens(clause)
                    subjects = subjects or [c for c in clause.children if c.dep_ == "nsubjpass"]  # "X is obliged to"
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
            noun = self.triggers.light_object(token)
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
        built = self.triggers.constructions.matches(verb.doc).get(verb.head.i)
        return built is not None and built[0].type == "AGREE" and verb.i in built[1]

    def _protest_demand(self, verb: Token) -> bool:
        """"demonstrated in Erbil calling for independence", "blocked roads demanding his release", "a rally
        saying he must go": what a protest demands is the protest's own content, not a second move."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl", "xcomp", "conj") or verb.head.i == verb.i:
            return False
        head = verb.head
        found = self.triggers.verb_trigger(head) if head.pos_ == "VERB" else None
        trigger = found[0] if found is not None else self.triggers.noun_trigger(head)
        if trigger is None and head.pos_ == "VERB":
            noun = self.triggers.light_object(head)  # "staged rallies ..., saying"
            trigger = self.triggers.noun_trigger(noun) if noun is not None else None
        return trigger is not None and trigger.type == "PROTEST"

    def _light(self, doc: Doc, roles: NounPhraseActors, consumed: set[int]) -> list[Candidate]:
        """Light verbs with a nominal trigger ("held talks", "carried out strikes"): the noun's type."""
        out = []
        for token in doc:
            if token.i in consumed or token.pos_ != "VERB" or not self.triggers.is_light(token):
                continue
            noun = self.triggers.light_object(token)
            if noun is None or noun.i in consumed:
                continue
            consumed.add(noun.i)
            if self._offered_agreement(token, self.triggers.noun_trigger(noun)):
                continue
            cand = self._candidate(token, [token, noun], self.triggers.noun_trigger(noun), roles)  # "failed to reach agreement"
            self.roles.noun_roles(cand, noun, roles, fill_only=True)
            out.append(cand)
        return out

    def _nominal(self, doc: Doc, roles: NounPhraseActors, consumed: set[int]) -> list[Candidate]:
        """Nominal triggers with an actor of their own ("Moscow's terms", "a truce between X and Y")."""
        out = []
        for token in doc:
            if token.i in consumed or inside_name(token):
                continue
            trigger = self.triggers.noun_trigger(token)
            if trigger is None or trigger.only_light or aim_of_noun(token):
                continue
            acted_on = self.triggers.is_content_of_verb_event(token)
            cand = Candidate(token, [token], trigger.type, trigger.mode, verbal=False, construction=trigger.construction)
            self.roles.noun_roles(cand, token, roles)
            if acted_on and not self._deed_of_another(token, cand, roles):
                continue
            if cand.type == "AGREE" and cand.source and not cand.target:
                cand.target = self._welcomer(token, roles)
            if cand.type in ("ASSAULT", "COERCE") and not cand.source:
                cand.source = self._warned_doer(token, roles)
            if (cand.source or cand.target or cand.construction is not None or cand.venue is not None  # "heavy fighting raged": whoever fought
                    or (cand.type == "ASSAULT" and self._placed(cand))):
                out.append(cand)
        return out

    @staticmethod
    def _placed(cand: Candidate) -> bool:
        """"despite the fighting in Myawaddy", "after clashes in Tripoli": an attack told with the named place it was
        in happened there, whoever fought (the place is its venue)."""
        cand.venue = next((o for p in cand.trigger.children if p.dep_ == "prep" and p.lower_ in words().containment_prepositions
                           for o in p.children if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "FAC")), None)
        return cand.venue is not None

    def _deed_of_another(self, noun: Token, cand: Candidate, roles: NounPhraseActors) -> bool:
        """"Iran vowed revenge for the Israeli strike", "Kyiv retaliated for Russia's attacks": an attack the verb
        answers that its own words give to another party than the verb's subject was made by that party, an event of
        its own (where "suspended the talks", "rejected the Indian proposal" name only what the move acts on: a
        proposal or demand rejected is coded as the rejection alone)."""
        if noun.dep_ not in ("dobj", "pobj") or cand.type not in ("ASSAULT", "COERCE"):
            return False
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        subjects, _ = self.roles.subject_tokens(verb)
        movers = [m for s in subjects for m in roles.at(s)]
        keys = {identity.party_key(m.actor) for m in movers}
        if not keys or not cand.source or keys & {identity.party_key(m.actor) for m in cand.source}:
            return False
        cand.target = cand.target or movers  # the demand rejected, the pledge welcomed was made to the verb's subject
        return True

    @staticmethod
    def _threatened_deeds(candidates: list[Candidate]) -> None:
        """"Hamas will pay a heavy price for its drone strike": the deed a threat says the warned will pay for is
        alleged by the one who threatens, not done for sure (nor yet to come, as the threat's "will" would have it)."""
        threats = {c.trigger.i: c for c in candidates if c.type == "THREATEN"}
        for cand in candidates:
            noun = cand.trigger
            threat = threats.get(noun.head.head.i) if not cand.verbal and noun.dep_ == "pobj" else None
            warned = {identity.party_key(m.actor) for m in threat.target} if threat is not None else set()
            if cand.type in ("ASSAULT", "COERCE") and cand.source and {identity.party_key(m.actor) for m in cand.source} <= warned:
                cand.alleged_by = threat

    def _warned_doer(self, noun: Token, roles: NounPhraseActors) -> list:
        """"Hamas will pay a heavy price for its drone strike on Eilat": the deed an idiomatic threat says the
        warned party will pay for is the warned party's."""
        verb = noun.head.head if noun.dep_ == "pobj" else None
        found = self.triggers.verb_trigger(verb) if verb is not None and verb.pos_ == "VERB" else None
        if found is None or found[0].roles != "warned_subject":
            return []
        subjects, _ = self.roles.subject_tokens(verb)
        return [m for s in subjects for m in roles.at(s)]

    def _welcomer(self, noun: Token, roles: NounPhraseActors) -> list:
        """"Taiwan welcomed a Japanese pledge to help defend it", "Kyiv hailed the British offer": an offer or pledge
        welcomed was made to the one who welcomes it."""
        verb = noun.head
        found = self.triggers.verb_trigger(verb) if noun.dep_ == "dobj" else None
        if found is None or found[0].type != "SUPPORT":
            return []
        subjects, _ = self.roles.subject_tokens(verb)
        makers = {identity.party_key(o.actor) for o in roles.at(noun, 1)}
        return [m for s in subjects for m in roles.at(s) if identity.party_key(m.actor) not in makers]

    def _candidate(self, verb: Token, tokens: list[Token], trigger: Trigger, roles: NounPhraseActors) -> Candidate:
        event_type = self.triggers.polarity(verb, trigger.type)
        # readying an attack is no attack: its mode ("artillery") is not the mobilisation's
        mode = None if event_type == "MOBILIZE" != trigger.type else trigger.mode
        cand = Candidate(verb, tokens, event_type, mode, negation_absorbed=event_type != trigger.type)
        self.roles.verb_roles(cand, roles)
        if verb.dep_ in NOMINAL_DEPS:
            self.roles.noun_roles(cand, verb, roles, fill_only=True)  # a gerund used as a noun: "U.S. strikes on Iran"
        if trigger.reverse:
            givers = [m for p in verb.children if p.dep_ == "prep" and p.lower_ in words().giver_prepositions
                      for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            cand.source, cand.target = givers, cand.source
        cand.construction, cand.keeps_content = trigger.construction, trigger.keeps_content
        self.roles.construction_roles(cand, trigger, roles)
        return cand

    def _joint_drills(self, candidates: list[Candidate], roles: NounPhraseActors) -> None:
        """"French and Egyptian warships began war games", "Russia held drills with China": exercises of two
        states or more are military cooperation (PLOVER COOPERATE), one side's a show of force (MOBILIZE)."""
        drills = self.lex.classes.get("exercises", frozenset())
        for cand in candidates:
            nouns = [t for t in cand.tokens if t.lower_ in drills or t.lemma_.lower() in drills
                     or f"{t.doc[t.i - 1].lower_} {t.lower_}" in drills]
            if cand.type != "MOBILIZE" or not nouns:
                continue
            partners = [m for h in (cand.trigger, *nouns) for p in h.children if p.dep_ == "prep" and p.lower_ in words().partner_prepositions
                        for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            parties = {identity.party_key(m.actor) for m in cand.source + partners}
            if len(parties) >= 2:
                cand.type, cand.mode = "COOPERATE", "military"
                cand.target = cand.target or [m for m in partners if m not in cand.source]

    @staticmethod
    def _left_body(candidates: list[Candidate], roles: NounPhraseActors) -> None:
        """"Mali and Niger withdrew from the African Union": leaving an intergovernmental body reduces relations
        with it (PLOVER SANCTION), where withdrawing from a town is a step back (RETREAT)."""
        for cand in candidates:
            verb = cand.trigger
            if cand.type != "RETREAT" or not cand.verbal:
                continue
            left = [m for p in verb.subtree if p.dep_ == "prep" and p.lower_ in words().leaving_prepositions
                    and (p.head.i == verb.i or p.head.head.i == verb.i and p.head.dep_ in ("prep", "prt"))
                    for o in p.children if o.dep_ == "pobj" for m in roles.at(o)]
            if left and all(m.actor.type == "IGO" for m in left):
                cand.type, cand.mode = "SANCTION", None
                cand.target = left


@Language.factory("parley_events", default_config={}, assigns=["doc._.parley_candidates"],
                  requires=["doc._.parley_mentions", "token.dep", "token.lemma"])
def make_event_extractor(nlp: Language, name: str):
    lexicon = lexicon_mod.load()
    keep_whole(nlp, lexicon)
    return EventExtractor(lexicon)
