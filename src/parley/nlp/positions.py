"""Negotiating positions: an actor's stance on an issue, read from the words that govern the issue's cue."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.kb import merged_mapping
from parley.nlp.actors import party_key
from parley.nlp.events import Candidate, EventExtractor, Roles
from parley.nlp.lexicon import load as load_lexicon
from parley.nlp.status import CONDITION_MARKS, HYPOTHETICAL_AUX, is_negated
from parley.records import ISSUES, STANCES, Position


# The stance an event of each type expresses towards the issue it is about.
TYPE_STANCE = {"AGREE": "accept", "SUPPORT": "support", "REQUEST": "demand",
               "REJECT": "reject", "ACCUSE": "oppose", "RETREAT": "support", "CONCEDE": "accept"}
NEGATED = {"support": "oppose", "accept": "reject", "propose": "reject", "demand": "reject",
           "reject": "accept", "oppose": "support", "conditional": "reject"}
MAX_HOPS = 6
CIRCUMSTANCE_PREPS = {"during", "after", "before", "following", "since", "amid", "ahead"}
# Events whose type speaks only to some issues: a withdrawal is a stance on withdrawal, not on the land left.
ISSUE_BOUND_TYPES = {"RETREAT": {"ceasefire", "withdrawal", "prisoners", "humanitarian"}}
# A stance does not reach across a relative or adverbial clause ("Russia, which deployed peacekeepers, criticised...").
CLAUSE_BOUNDARIES = {"relcl", "advcl", "parataxis"}


@dataclass(frozen=True)
class IssueLexicon:
    issues: dict[str, list[str]]
    stances: dict[str, str]  # word -> stance
    linking_verbs: frozenset[str]
    governed_cues: dict[str, dict[str, frozenset[str]]]


@lru_cache(maxsize=1)
def load_issues() -> IssueLexicon:
    data = merged_mapping("issues.yaml")
    issues = {k: [str(w).lower() for w in v] for k, v in (data.get("issues") or {}).items() if k in ISSUES}
    stances = {}
    for stance, words in (data.get("stances") or {}).items():
        if stance in STANCES:
            for word in words:
                stances[str(word).lower()] = stance
    governed = {issue: {cue.lower(): frozenset(w.lower() for w in words) for cue, words in cues.items()}
                for issue, cues in (data.get("governed_cues") or {}).items()}
    for issue, cues in governed.items():
        issues.setdefault(issue, []).extend(cues)
    return IssueLexicon(issues, stances, frozenset(str(w).lower() for w in data.get("linking_verbs") or []), governed)


def _conditional(token: Token) -> bool:
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    conditional_clause = any(
        c.dep_ in ("advcl", "mark") and (c.lower_ in CONDITION_MARKS or any(m.lower_ in CONDITION_MARKS for m in c.children))
        for c in token.children)
    return conditional_clause or (bool(aux & HYPOTHETICAL_AUX) and any(c.lower_ == "only" for c in token.subtree))


class PositionReader:
    def __init__(self, nlp: Language):
        self.lex = load_issues()
        self.extractor = EventExtractor(load_lexicon())
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for issue, cues in self.lex.issues.items():
            self.matcher.add(issue, [nlp.make_doc(c) for c in cues])

    def __call__(self, doc: Doc) -> Doc:
        roles = Roles(doc)
        by_token: dict[int, Candidate] = {}
        for cand in doc._.parley_candidates or []:
            for t in cand.tokens:
                by_token.setdefault(t.i, cand)
        found: dict[tuple, Position] = {}
        by_candidate: dict[int, set[str]] = {}
        published = doc._.published.isoformat() if doc._.published else None
        for match_id, start, end in self.matcher(doc):
            issue = doc.vocab.strings[match_id]
            cue = doc[start:end].root
            if not self._cue_applies(cue, issue):
                continue
            result = self._stance_for(cue, issue, by_token, roles)
            if result is None:
                continue
            stance, actors, anchor = result
            if anchor is not None:
                by_candidate.setdefault(id(anchor), set()).add(issue)
            for mention in actors:
                self._add(found, mention.actor, issue, stance, cue.sent, published)
        # "rejected these demands": the issues of the demands it points back to
        for cand in doc._.parley_candidates or []:
            antecedent = cand.antecedent
            stance = TYPE_STANCE.get(cand.type)
            if antecedent is None or stance is None:
                continue
            for issue in by_candidate.get(id(antecedent), ()):
                for mention in cand.source:
                    self._add(found, mention.actor, issue, stance, cand.trigger.sent, published)
        doc._.parley_positions = list(found.values())
        return doc

    @staticmethod
    def _add(found, actor, issue, stance, sent, published) -> None:
        key = (party_key(actor), issue)
        if key not in found:
            found[key] = Position(actor, issue, stance, (sent.start_char, sent.end_char), sent.text.strip(), published)

    def _stance_for(self, cue: Token, issue: str, by_token: dict[int, Candidate], roles: Roles):
        """Climb from the cue to the nearest event or stance word; return (stance, actors, event)."""
        token = cue
        inside_act = False  # the cue sits inside a reported act: "accused X of killing civilians"
        for _ in range(MAX_HOPS):
            if token.lemma_.lower() in self.lex.linking_verbs:
                # "Moscow's demands include X": the subject says what kind of position X is part of
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and (subject.i in by_token or self._word_stance(subject)):
                    token = subject
            cand = by_token.get(token.i)
            word_stance = self._word_stance(token) or (self._word_stance(cand.trigger) if cand is not None else None)
            if cand is not None and cand.source and cand.type == "CONSULT" and not word_stance:
                # taking part in talks says nothing; taking part only on conditions does
                verb = cand.trigger if cand.trigger.pos_ in ("VERB", "AUX") else cand.trigger.head
                if _conditional(verb):
                    return "conditional", cand.source, cand
            if cand is not None and not cand.verbal and token.dep_ in ("pobj", "dobj", "conj") and not word_stance:
                cand = None  # "demanded a full Israeli withdrawal": the withdrawal is the demand's object
            if cand is not None and cand.type in ISSUE_BOUND_TYPES and issue not in ISSUE_BOUND_TYPES[cand.type] and not word_stance:
                cand = None  # withdrawing "from Ukrainian territory" is no stance on territory
            if cand is not None and cand.source and (cand.type in TYPE_STANCE or word_stance):
                if cand.type == "ACCUSE" and inside_act:
                    return "support", cand.source, cand  # blaming harm to the issue is standing up for it
                stance = word_stance or TYPE_STANCE[cand.type]
                if cand.negation_absorbed:
                    return "reject", cand.source, cand  # "would never recognise" is already coded REJECT
                return self._requested(token, by_token) or (self._modulate(stance, cand.trigger), cand.source, cand)
            if word_stance is not None:
                actors = self._holder(token, roles)
                if actors:
                    return self._requested(token, by_token) or (self._modulate(word_stance, token), actors, None)
            if token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPS:
                return None  # "pledged to deepen ties during talks": talks are the occasion, not the stake
            if token is not cue and token.pos_ == "VERB":
                inside_act = True
            if token.head.i == token.i or token.dep_ in CLAUSE_BOUNDARIES:
                break
            token = token.head
        return None

    def _cue_applies(self, cue: Token, issue: str) -> bool:
        """Some cues count only under certain words: "sanctions" is about relief when lifted or eased."""
        needed = self.lex.governed_cues.get(issue, {}).get(cue.lower_)
        if not needed:
            return True
        head = cue.head.head if cue.dep_ == "pobj" and cue.head.lower_ == "of" else cue.head
        return head.lemma_.lower() in needed or head.lower_ in needed

    def _word_stance(self, token: Token) -> str | None:
        return self.lex.stances.get(token.lower_) or self.lex.stances.get(token.lemma_.lower())

    @staticmethod
    def _requested(token: Token, by_token: dict[int, Candidate]):
        """"urged both sides to agree to a truce": what a demand asks for, the demander demands."""
        for _ in range(2):
            if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
                return None
            token = token.head
            cand = by_token.get(token.i)
            if cand is not None and cand.type == "REQUEST" and cand.source:
                return "demand", cand.source, cand
        return None

    def _holder(self, token: Token, roles: Roles):
        """Who holds a stance: the possessor of a stance noun, or the subject of a stance verb."""
        for child in token.children:
            if child.dep_ == "poss":
                return roles.at(child)
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            verb = token if token.pos_ != "ADJ" else token.head
            subjects, _ = self.extractor.subject_tokens(verb)
            for subj in subjects:
                actors = roles.at(subj)
                if actors:
                    return actors
        return []

    @staticmethod
    def _modulate(stance: str, token: Token) -> str:
        verb = token if token.pos_ in ("VERB", "AUX") else token.head
        if is_negated(verb) or is_negated(token):
            return NEGATED.get(stance, stance)
        if _conditional(verb):
            return "conditional"
        return stance


@Language.factory("parley_positions", default_config={}, assigns=["doc._.parley_positions"],
                  requires=["doc._.parley_candidates"])
def make_position_reader(nlp: Language, name: str):
    return PositionReader(nlp)
