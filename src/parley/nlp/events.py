"""Events: trigger words from the lexicon, their source and target from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley import kb as kb_module
from parley.nlp import actors as actor_mod
from parley.nlp import lexicon as lexicon_mod
from parley.nlp.actors import Mention
from parley.nlp.lexicon import Lexicon, Trigger
from parley.nlp.status import is_negated

for _name in ("parley_events", "parley_positions", "parley_candidates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
TARGET_PREPS = {"with", "against", "on", "upon", "at", "to", "toward", "towards", "into", "from", "between", "for"}
# Inside a subject or object, these dependents can carry the actor ("Moscow's demands", "talks with Kyiv").
INNER_DEPS = {"compound", "amod", "poss", "appos", "nmod", "conj", "prep", "pobj", "npadvmod"}
INNER_PREPS = {"of", "from", "with", "between", "by", "among", "including", "against", "on"}
# A possessive pronoun inside an object points back to the subject, not to a second party ("offered its troops").
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
FIRST_PERSON = {"we", "i"}
PRONOUN_WORDS = FIRST_PERSON | actor_mod.PRONOUNS_PERSON | actor_mod.PRONOUNS_THING | actor_mod.PRONOUNS_PLURAL
ANAPHORIC_DETERMINERS = {"these", "those", "this", "that", "such", "the"}
NAME_ENTITY_TYPES = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "GPE"}
ACTOR_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}
NOUN_TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "between", "into", "of"}
NEGATABLE_TYPES = {"AGREE", "SUPPORT"}
RESPONSE_TYPES = {"REJECT", "AGREE", "SUPPORT", "ACCUSE"}  # moves that can answer an earlier one
CEASABLE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
RECIPROCALS = {"each other", "one another"}
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# Types whose clause complement is the content of the move, not a second event ("threatened to strike").
CONTENT_TYPES = {"THREATEN", "REQUEST", "REJECT", "AGREE", "SUPPORT"}
SPOKEN_TYPES = {"THREATEN", "REQUEST"}
CONTENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl"}
# "after talks", "during negotiations": the subject of the clause took part in the nominal event.
TEMPORAL_PREPS = {"after", "during", "before", "following", "at", "ahead"}


@dataclass
class Candidate:
    """An event found in a Doc, with token indices, before it becomes a plain Event record."""

    trigger: Token
    tokens: list[Token]
    type: str
    mode: str | None
    source: list[Mention] = field(default_factory=list)
    target: list[Mention] = field(default_factory=list)
    verbal: bool = True
    reciprocal: bool = False
    content: Token | None = None  # the clause a reported demand asks for ("Russia must withdraw")
    alleged_by: "Candidate | None" = None  # the accusation this act is the content of
    negation_absorbed: bool = False  # "will not accept" coded as REJECT: the "not" is spent
    anaphor: Token | None = None  # "rejected these demands": an object that points back to an earlier event
    antecedent: "Candidate | None" = None
    confidence: float | None = None  # set by the trained classifier (nlp/classifier.py) when it runs

    @property
    def start(self) -> int:
        return min(t.i for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.i for t in self.tokens) + 1


class Roles:
    """Resolves the tokens of a clause's subject or object to actor mentions."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.index = actor_mod.mention_index(doc)
        self.groups = kb_module.load().sector_nouns

    def at(self, token: Token, depth: int = 2) -> list[Mention]:
        """Actors a noun phrase headed by `token` names: itself, its conjuncts, or what it owns."""
        found = self._direct(token)
        if found:
            for conj in token.conjuncts:
                for m in self._direct(conj) or self._inner(conj, depth):
                    if m not in found:
                        found.append(m)
            return found
        return self._inner(token, depth)

    def _direct(self, token: Token) -> list[Mention]:
        mention = self.index.get(token.i)
        if mention is not None:
            # "Trump and Putin" parsed with the first name as a modifier of the second
            coordinated = [m for c in token.children if c.dep_ == "nmod" and any(g.dep_ == "cc" for g in c.children)
                           for m in self._direct(c)]
            return [mention, *mention.partners, *coordinated]
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
        if owner is not None and self.groups.get(token.lower_):
            return actor_mod.antecedent(self.doc, owner)  # "its forces", "their troops"
        lower = token.lower_
        if lower in ("which", "who", "that") and token.head.dep_ == "relcl":
            return self.at(token.head.head, 1)
        if lower in FIRST_PERSON:
            return self._bound_subject(token)  # "'We will not negotiate,' Zelenskiy said"
        if lower in actor_mod.PRONOUNS_PERSON | actor_mod.PRONOUNS_THING | actor_mod.PRONOUNS_PLURAL:
            return self._bound_subject(token) or actor_mod.antecedent(self.doc, token)
        phrase = self.doc[token.left_edge.i: token.i + 1].text
        if actor_mod.is_pair_phrase(phrase):
            if actor_mod.pair_is_people(phrase):
                return actor_mod.last_pair(self.doc, token.left_edge.i, people_only=True) or actor_mod.last_pair(self.doc, token.left_edge.i)
            return actor_mod.last_pair(self.doc, token.left_edge.i)
        return []

    def _bound_subject(self, pronoun: Token) -> list[Mention]:
        """"Hamas said it remained committed": a subject pronoun in a reported clause is the reporter."""
        verb = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ not in ("ccomp", "xcomp"):
            return []
        governor = verb.head
        while governor.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in governor.children):
            governor = governor.head  # "accused X and said it...": the subject of the first verb
        for subj in governor.children:
            if subj.dep_ == "nsubj" and subj.lower_ not in PRONOUN_WORDS:
                found = self.at(subj, 1)
                if found and (pronoun.lower_ not in actor_mod.PRONOUNS_THING or all(m.kind != "person" for m in found)):
                    return found
        return []

    def _inner(self, token: Token, depth: int) -> list[Mention]:
        if depth <= 0:
            return []
        found: list[Mention] = []
        for child in token.children:
            if child.dep_ not in INNER_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in INNER_PREPS:
                continue
            if child.dep_ == "prep":
                hits = [m for pobj in child.children if pobj.dep_ == "pobj" for m in self.at(pobj, depth - 1)]
            elif child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
                continue
            else:
                hits = self.at(child, depth - 1) if self._direct(child) else self._inner(child, depth - 1)
            for m in hits:
                if m not in found:
                    found.append(m)
        return found


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


def _in_condition(token: Token) -> bool:
    """"...if Russia was committed to peace": a condition set on a move is not a move of its own."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl" and _is_conditional_clause(verb)


def _is_conditional_clause(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def _after_temporal_prep(noun: Token) -> bool:
    """"after talks", "after 12 hours of talks", "arrived on a visit", "met for talks"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj":
        noun = noun.head.head
    return noun.dep_ == "pobj" and (noun.head.lower_ in TEMPORAL_PREPS or noun.head.lower_ in ("on", "for"))


def _is_reciprocal(token: Token) -> bool:
    return token.doc[token.left_edge.i: token.right_edge.i + 1].text.lower() in RECIPROCALS


class EventExtractor:
    """Finds trigger words, assigns roles and keeps the candidates on doc._.parley_candidates."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

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
        # "Israeli strikes killed 30 people": the strikes are the killing, one event
        consumed.update(s.i for c in candidates if c.type == "ASSAULT" for s in c.trigger.children
                        if s.dep_ in SUBJECT_DEPS and (t := self.noun_trigger(s)) is not None and t.type == c.type)
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
    def subject_tokens(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject of a verb (climbing through xcomp, conj and relative clauses); True if passive."""
        if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            return [], True  # "after the truce was announced": the doer is not named
        token = verb
        for _ in range(4):
            # above the event's own verb, a passive subject is the doer: "X is scheduled to hold talks";
            # all of them, for the parser sometimes gives a coordinated subject two nsubj arcs
            subjects = [c for c in token.children
                        if c.dep_ in SUBJECT_DEPS or (token is not verb and c.dep_ in PASSIVE_SUBJECT_DEPS)]
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
                active = token.tag_ == "VBD"
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
                if via_prep and verb_lemma(token, self.lex.claim_verbs) in self.lex.claim_verbs:
                    # "accused Y of attacking": Y is who attacked
                    objects = [c for c in token.children if c.dep_ == "dobj"]
                    if objects:
                        return objects, False
                continue
            break
        return [], False

    def _verb_roles(self, cand: Candidate, roles: Roles) -> None:
        verb = cand.trigger
        subjects, _ = self.subject_tokens(verb)
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
        if verb.dep_ == "acl" and agents:
            objects.append(verb.head)
        # "called on X": the particle's own object is a target; other particles of the trigger are not
        objects += [pobj for prep in verb.children
                    if prep.dep_ == "prep" and (prep.lower_ in TARGET_PREPS or prep.i in own)
                    for pobj in prep.children if pobj.dep_ == "pobj"]
        target: list[Mention] = []
        for obj in objects:
            if _is_reciprocal(obj):
                cand.reciprocal = True
                continue
            target.extend(m for m in roles.at(obj) if m not in target)
        for noun in cand.tokens[1:]:
            # "proposed talks with Kyiv": the partner of the nominal event the verb governs
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                    target.extend(m for pobj in prep.children for m in roles.at(pobj) if m not in target)
        if not target and cand.type == "REQUEST":
            target = self._demanded_of(verb, roles, source)
        if not target:
            target = self._content_target(verb, roles, source)
        if not target and cand.type == "THREATEN":
            target = self._condition_subject(verb, roles, source)
        if not target:
            cand.anaphor = next((o for o in objects if self._is_anaphoric_event_noun(o)), None)
        if cand.anaphor is None and cand.type in RESPONSE_TYPES:
            cand.anaphor = next((o for o in objects if o.lower_ in ("it", "this")), None)  # "rejected it"
        if not target and verb.dep_ == "relcl" and self.noun_trigger(verb.head) is not None:
            cand.anaphor = verb.head  # "a truce, which Moscow turned down": the truce someone offered
        cand.source = source
        cand.target = [m for m in target if m not in source or cand.type in SYMMETRIC_TYPES]

    def _is_anaphoric_event_noun(self, token: Token) -> bool:
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        return bool(determiners & ANAPHORIC_DETERMINERS) and self.noun_trigger(token) is not None

    def _resolve_anaphors(self, candidates: list[Candidate]) -> None:
        """"rejected these demands": the target is whoever made the latest earlier move of that kind."""
        for cand in candidates:
            if cand.anaphor is None:
                continue
            noun = self.noun_trigger(cand.anaphor)
            kind = noun.type if noun is not None else None  # None: "rejected it", any earlier move
            before = [c for c in candidates if c is not cand and c.source and c.trigger.i <= cand.anaphor.i]
            owner = [c for c in before if cand.anaphor.i in {t.i for t in c.tokens}]
            same_word = [c for c in before if cand.anaphor.lemma_ in {t.lemma_ for t in c.tokens}]
            earlier = owner or same_word or [c for c in before if kind is None or c.type == kind]
            if earlier:
                cand.antecedent = earlier[-1]
                cand.target = cand.target or [m for m in earlier[-1].source if m not in cand.source]

    def _demanded_of(self, verb: Token, roles: Roles, source: list[Mention]) -> list[Mention]:
        """"demanded that Israel withdraw": a demand is made of the subject of what is demanded."""
        for comp in verb.children:
            if comp.dep_ == "ccomp":
                for subj in comp.children:
                    if subj.dep_ in SUBJECT_DEPS:
                        return [m for m in roles.at(subj) if m not in source]
        return []

    def _condition_subject(self, verb: Token, roles: Roles, source: list[Mention]) -> list[Mention]:
        """"warned it would respond if X attacked": a threat is aimed at whoever the condition names."""
        for clause in verb.subtree:
            if clause.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in clause.children):
                for subj in clause.children:
                    if subj.dep_ in SUBJECT_DEPS:
                        hits = [m for m in roles.at(subj) if m not in source]
                        if hits:
                            return hits
        return []

    def _content_target(self, verb: Token, roles: Roles, source: list[Mention], depth: int = 2) -> list[Mention]:
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

    def _noun_roles(self, cand: Candidate, noun: Token, roles: Roles, fill_only: bool = False) -> None:
        source, target = [], []
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
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

    def _governing_subject(self, noun: Token, roles: Roles) -> list[Mention]:
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


@Language.factory("parley_events")
def make_event_extractor(nlp: Language, name: str):
    return EventExtractor(lexicon_mod.load())
