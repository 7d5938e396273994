"""Negotiating positions: a party's stance on an issue, read from the move or word that governs the issue's
cue, held by the state or group the speaker stands for, with the condition it is tied to."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from parley import kb as kb_module
from parley.kb import KBError, extended_mapping
from parley.nlp.language import syntax
from parley.identity import STATE_SECTORS, party_key
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.extractor import EventExtractor
from parley.nlp.language.lexicon import load as load_lexicon
from parley.records import ISSUES, STANCES, Actor, Position


MAX_HOPS = 6
# A stance does not reach across a relative or adverbial clause ("Russia, which deployed peacekeepers, criticised...").
CLAUSE_BOUNDARIES = {"relcl", "advcl", "parataxis"}
# Dependencies by which a noun phrase names who holds the stance noun it modifies ("a U.S. proposal").
HOLDER_DEPS = ("poss", "compound", "amod")


@dataclass(frozen=True)
class IssueLexicon:
    """kb/issues.yaml: issue cues, stance words and the coding rules that turn events into stances."""

    issues: dict[str, list[str]]
    stances: dict[str, str]  # word -> stance
    linking_verbs: frozenset[str]
    governed_cues: dict[str, dict[str, frozenset[str]]]
    event_stances: dict[str, str]
    negated_stances: dict[str, str]
    issue_bound_types: dict[str, frozenset[str]]
    circumstance_preps: frozenset[str]
    earlier_auxiliaries: frozenset[str]
    earlier_adverbs: frozenset[str]
    issue_stances: dict[str, dict[str, str]]  # issue -> word -> stance
    elliptic_verbs: frozenset[str]
    yields_to: dict[str, frozenset[str]]
    price_nouns: frozenset[str]
    wish_verbs: frozenset[str]
    offered_types: frozenset[str]
    stance_preps: dict[str, frozenset[str]]


def _lower(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or [])


@lru_cache(maxsize=1)
def load_issues() -> IssueLexicon:
    """kb/issues.yaml merged with the user's copies (lists extend, `remove:` takes out).
    Raises KBError for an unknown stance or issue in the coding rules."""
    data = extended_mapping("issues.yaml")
    issues = {k: [str(w).lower() for w in v] for k, v in (data.get("issues") or {}).items() if k in ISSUES}
    stances = {}
    for stance, words in (data.get("stances") or {}).items():
        if stance in STANCES:
            for word in words:
                stances[str(word).lower()] = stance
    governed = {issue: {cue.lower(): _lower(words) for cue, words in cues.items()}
                for issue, cues in (data.get("governed_cues") or {}).items()}
    for issue, cues in governed.items():
        issues.setdefault(issue, []).extend(cues)
    event_stances = {str(k).upper(): str(v) for k, v in (data.get("event_stances") or {}).items()}
    negated = {str(k): str(v) for k, v in (data.get("negated_stances") or {}).items()}
    for stance in (*event_stances.values(), *negated, *negated.values()):
        if stance not in STANCES:
            raise KBError(f"issues.yaml: unknown stance {stance!r}; use one of: {', '.join(STANCES)}")
    bound = {str(k).upper(): _lower(v) for k, v in (data.get("issue_bound_types") or {}).items()}
    issue_stances = {issue: {str(w).lower(): stance for stance, words in (by_stance or {}).items() if stance in STANCES
                             for w in words} for issue, by_stance in (data.get("issue_stances") or {}).items()}
    return IssueLexicon(issues, stances, _lower(data.get("linking_verbs")), governed, event_stances, negated, bound,
                        _lower(data.get("circumstance_prepositions")), _lower(data.get("earlier_auxiliaries")),
                        _lower(data.get("earlier_adverbs")), issue_stances, _lower(data.get("elliptic_verbs")),
                        {k: _lower(v) for k, v in (data.get("yields_to") or {}).items()},
                        _lower(data.get("price_nouns")), _lower(data.get("wish_verbs")),
                        frozenset(str(t).upper() for t in data.get("offered_types") or []),
                        {str(k).lower(): _lower(v) for k, v in (data.get("stance_prepositions") or {}).items()})


@lru_cache(maxsize=4096)
def _organisation_in(role: str):
    """The organisation a person's role names ("Leader of Hamas" -> Hamas), from the organisations' aliases."""
    kb = kb_module.load()
    for alias, entity_id in kb.aliases.items():
        if entity_id.startswith("org:") and len(alias) >= 3 and re.search(rf"\b{re.escape(alias)}\b", role):
            return kb.entities[entity_id]
    return None


def holder(actor: Actor) -> Actor:
    """Who holds a position voiced by `actor`: a member of a group's leadership speaks for the group, a state's
    official or organ for the state; the mention's text and span stay as the evidence of who spoke."""
    kb = kb_module.load()
    entity = kb.entities.get(actor.id)
    if actor.id.startswith("person:") and entity is not None and entity.role:
        org = _organisation_in(entity.role)
        if org is not None:
            return replace(actor, name=org.name, id=org.id, country=org.country, type=org.type)
    state_side = actor.id.startswith(("country:", "person:")) or actor.type in STATE_SECTORS
    if state_side and actor.country and not actor.id.startswith("country:"):
        state = kb.country(actor.country)
        if state is not None:
            return replace(actor, name=state.name, id=state.id, country=state.country, type=state.type)
    return actor


@dataclass
class Found:
    """A stance found for one cue: the stance, the mentions that hold it, the event it came from, the
    verb that voices it (for its tense and condition) and the condition clause set on it."""

    stance: str
    actors: list
    anchor: Candidate | None
    verb: Token | None
    condition: syntax.Condition | None = None


class PositionReader:
    """Pipeline component: reads doc._.parley_positions (a list of Position records, one per party and
    issue, the latest stance in the article) from issue cues and the candidates of parley_events."""

    def __init__(self, nlp: Language):
        self.lex = load_issues()
        self.extractor = EventExtractor(load_lexicon())
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for issue, cues in self.lex.issues.items():
            self.matcher.add(issue, [nlp.make_doc(c) for c in cues])
        self._cue_sets = {issue: frozenset(cues) for issue, cues in self.lex.issues.items()}

    def __call__(self, doc: Doc) -> Doc:
        roles = NounPhraseActors(doc)
        by_token: dict[int, Candidate] = {}
        for cand in doc._.parley_candidates or []:
            for t in cand.tokens:
                by_token.setdefault(t.i, cand)
        self._dates = {e.span[0]: e.date for e in doc._.parley_events or [] if e.date}
        self._published = doc._.published.isoformat() if doc._.published else None
        found: dict[tuple, tuple[Position, bool]] = {}
        by_candidate: dict[int, set[str]] = {}
        seen: set[tuple[int, str]] = set()
        matches = [(doc.vocab.strings[m], start, end) for m, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2]))]
        matches += self._particle_verbs(doc)
        for issue, start, end in matches:
            cue = doc[start:end].root
            if (cue.i, issue) in seen or not self._cue_applies(cue, issue) or self._yields(cue, issue, matches):
                continue
            seen.add((cue.i, issue))
            for result in self._stances_for(cue, issue, by_token, roles):
                if result.anchor is not None:
                    by_candidate.setdefault(id(result.anchor), set()).add(issue)
                self._add_all(found, result, issue, cue.sent)
        # "rejected these demands", "accepted the plan": the issues of what it points back to
        for cand in doc._.parley_candidates or []:
            stance = self.lex.event_stances.get(cand.type)
            if stance is None or not cand.source or id(cand) in by_candidate:
                continue
            issues = by_candidate.get(id(cand.antecedent), set()) if cand.antecedent is not None else set()
            if not issues and self._anaphoric_object(cand.trigger):
                issues = self._earlier_issues(found, cand.trigger)
            verb = cand.trigger if cand.trigger.pos_ in syntax.VERBAL else None
            cond = self._condition(verb) if verb is not None else None
            for issue in sorted(issues):
                result = Found(self._modulate(stance, cand.trigger) if verb is not None else stance,
                               cand.source, cand, verb, cond if isinstance(cond, syntax.Condition) else None)
                self._add_all(found, result, issue, cand.trigger.sent)
        self._elliptic(doc, found, roles)
        doc._.parley_positions = [p for p, _ in found.values()]
        return doc

    def _particle_verbs(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Cues written as a verb and its particle with the object between them: "pull its troops back"."""
        out = []
        for token in doc:
            if token.pos_ != "VERB":
                continue
            for prt in token.children:
                # the parser gives a separated particle as "prt" or as "advmod" ("pull its fighters back")
                if prt.dep_ in ("prt", "advmod") and prt.i > token.i + 1:
                    phrase = f"{token.lemma_.lower()} {prt.lower_}"
                    out += [(issue, token.i, token.i + 1) for issue, cues in self._cue_sets.items() if phrase in cues]
        return out

    def _yields(self, cue: Token, issue: str, matches) -> bool:
        """"halting attacks on civilians": the ceasefire cue gives way to the civilians inside its phrase."""
        inner = self.lex.yields_to.get(issue)
        if not inner:
            return False
        inside = {t.i for t in cue.subtree}
        return any(other in inner and start in inside and start > cue.i for other, start, _ in matches)

    def _elliptic(self, doc: Doc, found: dict, roles: NounPhraseActors) -> None:
        """"..., and Trump said the United States would help": a verb of joining in with no object of its
        own supports what the sentence's earlier positions are about."""
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.elliptic_verbs:
                continue
            if any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "dative") for c in token.children):
                continue
            issues = {p.issue for p, _ in found.values() if token.sent.start_char <= p.span[0] < token.idx}
            actors = self._holder(token, roles)
            for issue in sorted(issues):
                self._add_all(found, self._found("support", token, actors, None), issue, token.sent)

    # -- collecting
    def _add_all(self, found: dict, result: Found, issue: str, sent: Span) -> None:
        earlier = result.verb is not None and self._earlier(result.verb)
        stance = "conditional" if result.condition is not None and result.stance in ("accept", "support", "propose") \
            else result.stance
        date = self._date_of(result)
        for mention in result.actors:
            actor = holder(mention.actor)
            key = (party_key(actor), issue)
            position = Position(actor, issue, stance, (sent.start_char, sent.end_char), sent.text.strip(), date,
                                result.condition.text if result.condition is not None else None)
            have = found.get(key)
            # the first stance in the article stands, unless it is one the party has since given up
            if have is None or (have[1] and not earlier):
                found[key] = (position, earlier)

    def _date_of(self, result: Found) -> str | None:
        if result.anchor is not None:
            date = self._dates.get(result.anchor.trigger.idx)
            if date:
                return date
        return self._published

    def _earlier(self, verb: Token) -> bool:
        """"had rejected", "previously refused": a stance since given up."""
        return bool(syntax.auxiliaries(verb) & self.lex.earlier_auxiliaries) or any(
            c.dep_ == "advmod" and c.lower_ in self.lex.earlier_adverbs for c in verb.children)

    @staticmethod
    def _anaphoric_object(trigger: Token) -> bool:
        """"accepted it", "agreed to return four of them", "accepted the plan"."""
        for obj in trigger.children:
            if obj.dep_ not in ("dobj", "xcomp", "prep"):
                continue
            for token in obj.subtree:
                if token.lower_ in syntax.clause_markers().anaphors and token.pos_ in ("PRON", "NUM") and token.dep_ in ("dobj", "pobj"):
                    return True
                if token.dep_ == "det" and token.lower_ in ("the", "this", "that", "these", "those") \
                        and token.head.dep_ == "dobj" and token.head.head.i == trigger.i \
                        and token.head.lower_ in load_issues().stances:
                    return True
        return False

    @staticmethod
    def _earlier_issues(found: dict, trigger: Token) -> set[str]:
        """The issues of the positions read from this sentence or the one before, before `trigger`."""
        sent = trigger.sent
        start = sent.start_char
        prev = trigger.doc[sent.start - 1].sent.start_char if sent.start > 0 else start
        return {p.issue for p, _ in found.values() if prev <= p.span[0] <= start}

    # -- reading one cue
    def _stances_for(self, cue: Token, issue: str, by_token: dict[int, Candidate], roles: NounPhraseActors) -> list[Found]:
        """Climb from the cue to the move or stance word that governs it. A stance noun held by one party
        ("Azerbaijan's demand") gives its stance and the climb goes on to the move made about it
        ("Armenia rejected ..."); a move ends the climb."""
        out: list[Found] = []
        token = cue
        inside_act = False  # the cue sits inside a reported act: "accused X of killing civilians"
        # a cue inside a condition clause is what the party that sets the condition asks for:
        # "would accept a truce if Israel withdraws" -> a demand for withdrawal
        if self._circumstance(cue):
            return out
        condition = syntax.in_condition(cue)
        if condition is not None:
            if condition.governs is None:
                return out
            token = condition.governs
        for _ in range(MAX_HOPS):
            if token.lemma_.lower() in self.lex.linking_verbs:
                # "Moscow's demands include X": the subject says what kind of position X is part of
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and (subject.i in by_token or self._word_stance(subject)):
                    token = subject
            result = self._stance_at(token, issue, by_token, roles, inside_act)
            if result is not None:
                if condition is not None:
                    result = Found("demand", result.actors, result.anchor, result.verb)
                out.append(result)
                verbal = token.pos_ in syntax.VERBAL or token.pos_ == "ADJ" or (
                    result.anchor is not None and result.anchor.verbal)
                if verbal or condition is not None:
                    return out
            if token.dep_ == "prep" and token.lower_ in self.lex.circumstance_preps:
                return out  # "pledged to deepen ties during talks": talks are the occasion, not the stake
            if token is not cue and token.pos_ == "VERB":
                inside_act = True
            if token.head.i == token.i or token.dep_ in CLAUSE_BOUNDARIES:
                break
            token = token.head
        return out

    def _circumstance(self, cue: Token) -> bool:
        """"despite the ceasefire declared by Russia", "during talks": the cue names the occasion of the
        clause, not its stake."""
        token = cue
        while token.pos_ not in syntax.VERBAL and token.head.i != token.i:
            if token.dep_ == "pobj" and token.head.lower_ in self.lex.circumstance_preps:
                return True
            if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lower_ in self.lex.price_nouns:
                return True
            token = token.head
        return False

    def _stance_at(self, token: Token, issue: str, by_token: dict[int, Candidate], roles: NounPhraseActors,
                   inside_act: bool) -> Found | None:
        cand = by_token.get(token.i)
        # a word that is the cue itself ("hand over the villages") names the stake; its stance is read above it
        own_issue = None if self._is_cue_word(token, issue) else issue
        word_stance = self._word_stance(token, own_issue) or (
            self._word_stance(cand.trigger, own_issue) if cand is not None else None)
        bound = self.lex.issue_bound_types.get(cand.type) if cand is not None else None
        if bound is not None and issue not in bound and not word_stance:
            cand = None  # withdrawing "from Ukrainian territory" is no stance on territory
        if cand is not None and cand.source and cand.type in self.lex.offered_types and not word_stance:
            # taking part in talks, or releasing hostages, says nothing; doing it only on conditions does
            verb = cand.trigger if cand.trigger.pos_ in syntax.VERBAL else cand.trigger.head
            cond = self._condition(verb)
            if cond is not None:
                return Found("conditional", cand.source, cand, verb, cond if cond is not True else None)
        if cand is not None and not cand.verbal and token.dep_ in ("pobj", "dobj", "conj") and not word_stance:
            cand = None  # "demanded a full Israeli withdrawal": the withdrawal is the demand's object
        if (cand is not None and not cand.verbal and token.i == cand.trigger.i and cand.type not in self.lex.event_stances
                and cand.type != "CONSULT" and not word_stance and (len(cand.source) > 1 or cand.reciprocal)):
            return Found("accept", cand.source, cand, None)  # "a ceasefire between X and Y took effect": both are party to it
        if cand is not None and cand.source and (cand.type in self.lex.event_stances or word_stance):
            verb = cand.trigger if cand.trigger.pos_ in syntax.VERBAL else None
            if cand.type == "ACCUSE" and inside_act:
                return Found("support", cand.source, cand, verb)  # blaming harm to the issue is standing up for it
            stance = word_stance or self.lex.event_stances[cand.type]
            if cand.negation_absorbed:
                return Found("reject", cand.source, cand, verb)  # "would never recognise" is already coded REJECT
            return self._requested(cand.trigger, by_token, roles) or self._found(stance, cand.trigger, cand.source, cand)
        if word_stance is not None:
            actors = self._holder(token, roles)
            if actors:
                return self._requested(token, by_token, roles) or self._found(word_stance, token, actors, None)
        if cand is None and token.pos_ == "VERB" and self._issue_verb(token, issue):
            # "would halt attacks if Israel ended its offensive": the act the cue names, offered on a condition
            cond = self._condition(token)
            actors = self._holder(token, roles) if cond is not None else []
            if actors:
                return Found("conditional", actors, None, token, cond if cond is not True else None)
        return None

    def _is_cue_word(self, token: Token, issue: str) -> bool:
        cues = self._cue_sets[issue]
        return token.lower_ in cues or any(f"{token.lower_} {c.lower_}" in cues for c in token.children
                                           if c.dep_ in ("prt", "advmod"))

    def _issue_verb(self, token: Token, issue: str) -> bool:
        """Whether a verb is itself one of the issue's cues ("halt attacks", "withdraw", "pull back")."""
        words = {token.lower_, token.lemma_.lower()}
        particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")]
        words |= {f"{token.lemma_.lower()} {p}" for p in particles}
        objects = [c.lower_ for c in token.children if c.dep_ == "dobj"]
        words |= {f"{w} {o}" for w in (token.lower_, token.lemma_.lower()) for o in objects}
        return bool(words & self._cue_sets[issue])

    def _found(self, stance: str, token: Token, actors, cand: Candidate | None) -> Found:
        if token.pos_ not in syntax.VERBAL and token.pos_ != "ADJ":
            return Found(stance, actors, cand, None)  # "Azerbaijan's demand": the noun's own stance
        verb = token.head if token.pos_ == "ADJ" else token
        cond = self._condition(token)
        return Found(self._modulate(stance, token), actors, cand, verb,
                     cond if isinstance(cond, syntax.Condition) else None)

    def _cue_applies(self, cue: Token, issue: str) -> bool:
        """Some cues count only under certain words: "sanctions" is about relief when lifted or eased,
        "the region" is land when withdrawn from, ceded or claimed."""
        needed = self.lex.governed_cues.get(issue, {}).get(cue.lower_)
        if not needed:
            return True
        if any(c.lower_ in needed for c in cue.children if c.dep_ in ("amod", "compound", "det")):
            return True
        if cue.dep_ == "compound":
            return False  # "the Zaporizhzhia nuclear plant" is not the land; "the Donetsk region" is, by its own cue
        token = cue
        for _ in range(4):  # "withdraw from the rest of the Donetsk region"
            if token.head.i == token.i:
                return False
            token = token.head
            if token.lemma_.lower() in needed or token.lower_ in needed:
                return True
            if token.dep_ not in ("pobj", "prep", "dobj", "conj", "appos") and token.pos_ != "ADP":
                return False
        return False

    def _word_stance(self, token: Token, issue: str | None = None) -> str | None:
        preps = self.lex.stance_preps.get(token.lemma_.lower()) if token.pos_ == "VERB" else None
        if preps and not any(c.lower_ in preps or c.dep_ in ("xcomp", "ccomp") for c in token.children):
            return None  # "called it unacceptable"
        own = self.lex.issue_stances.get(issue, {}) if issue else {}
        if own and ("to" in syntax.auxiliaries(token) or token.dep_ in ("acl", "xcomp", "pcomp")):
            own = {}  # "refused to hand over the villages": the stance is the refusal above it
        return (self.lex.stances.get(token.lower_) or self.lex.stances.get(token.lemma_.lower())
                or own.get(token.lower_) or own.get(token.lemma_.lower()))

    def _requested(self, token: Token, by_token: dict[int, Candidate], roles: NounPhraseActors | None = None) -> Found | None:
        """"urged both sides to agree to a truce", "insists that Ukraine remain neutral and never join NATO":
        what a demand asks for, the demander demands."""
        for _ in range(3):
            while token.dep_ == "conj" and token.head.i != token.i:
                token = token.head
            if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
                return None
            comp, token = token, token.head
            cand = by_token.get(token.i)
            if cand is not None and cand.type == "REQUEST" and cand.source:
                return Found("demand", cand.source, cand, token)
            # "wants Russia and Ukraine to agree": the act has a doer of its own
            own_doer = any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children) or any(
                c.dep_ == "dobj" and c.i < comp.i for c in token.children)
            if roles is not None and own_doer and token.lemma_.lower() in self.lex.wish_verbs:
                actors = self._holder(token, roles)
                if actors:
                    return Found("demand", actors, None, token)
        return None

    def _holder(self, token: Token, roles: NounPhraseActors):
        """Who holds a stance: the owner of a stance noun ("Moscow's terms", "a U.S. proposal"), or the
        subject of a stance verb or adjective."""
        for child in token.children:
            if child.dep_ in HOLDER_DEPS:
                actors = roles.at(child)
                if actors:
                    return actors
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            verb = token if token.pos_ != "ADJ" else token.head
            subjects, _ = self.extractor.subject_tokens(verb)
            for subj in subjects:
                actors = roles.at(subj)
                if actors:
                    return actors
        return []

    @staticmethod
    def _condition(token: Token):
        """The condition set on a stance: a condition clause attached to its verb or to the verbs it
        governs ("ready to [observe] a truce provided ..."), returned; "would only ..." gives True."""
        verb = token.head if token.pos_ == "ADJ" else token
        for cond in syntax.conditions(token.sent):
            governed = cond.governs
            for _ in range(4):
                if governed is None:
                    break
                if governed.i in (token.i, verb.i):
                    return cond
                if governed.dep_ not in ("xcomp", "acomp", "ccomp", "conj", "dobj", "pobj", "prep") or governed.head.i == governed.i:
                    break
                governed = governed.head
        if syntax.hypothetical_aux(verb) and any(c.lower_ == "only" for c in verb.subtree):
            return True
        return None

    def _modulate(self, stance: str, token: Token) -> str:
        verb = token if token.pos_ in syntax.VERBAL else token.head
        if syntax.is_negated(verb) or syntax.is_negated(token):
            return self.lex.negated_stances.get(stance, stance)
        if self._condition(verb) is not None:
            return "conditional"
        return stance


@Language.factory("parley_positions", default_config={}, assigns=["doc._.parley_positions"],
                  requires=["doc._.parley_candidates"])
def make_position_reader(nlp: Language, name: str):
    return PositionReader(nlp)
