"""Factual status of an event (asserted, future, hypothetical, negated, alleged, denied) and who claims it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from parley.nlp.language import syntax
from parley.nlp.language.lexicon import Lexicon
from parley.nlp.language.syntax import is_negated
from parley.nlp.language.wordlists import words

__all__ = ["StatusInfo", "is_negated", "status_of"]
# Dependencies through which an event sits inside another verb's content. Adverbial clauses ("after the
# truce was announced") are circumstances, not content, so the climb stops there.
CLIMB_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "conj", "acl", "dobj"}


@dataclass(frozen=True)
class StatusInfo:
    status: str
    claimant: Token | None  # the subject token of the verb that makes the claim
    relation: str | None  # alleges | denies | reports




def _subject(verb: Token) -> Token | None:
    """Who makes the claim or report: the by-agent of a passive ("was accused by Russia of"), else the
    subject of the verb or of the verb it hangs from (syntax.subject)."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in agent.children:
            if pobj.dep_ == "pobj":
                return pobj
    return syntax.subject(verb)


def _reported(verb: Token, lex: Lexicon) -> bool:
    """Whether a clause is what a speech verb reports ("X said [it would send aid]")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex.speech_verbs


def _according_to(sentence_root: Token) -> Token | None:
    for token in sentence_root.sent:
        if f"{token.lower_} {token.nbor(1).lower_}" in words().attribution_phrases if token.i + 1 < len(token.doc) else False:
            for pobj in token.nbor(1).children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _timed_ahead(noun: Token) -> bool:
    """"the summit next month", "talks next week": a nominal event with a time phrase of its own that points ahead."""
    ahead = syntax.clause_markers().future_modifiers
    return any(c.dep_ in ("npadvmod", "nmod") and any(a.dep_ in ("amod", "nmod") and a.lower_ in ahead for a in c.children)
               for c in noun.children)


def _nominal(trigger: Token, lex: Lexicon, status: str) -> tuple[Token | None, str, bool]:
    """A nominal trigger's own verb (the one whose status it shares, or None), its status so far, and whether the deed
    is presupposed: "upcoming talks", "the summit next month", the verb that governs it ("will hold talks")."""
    if (syntax.has_future_modifier(trigger) or _timed_ahead(trigger)) and status == "asserted":
        status = "future"
    own = trigger.head if trigger.head.pos_ in ("VERB", "AUX") and trigger.dep_ in ("dobj", "nsubj", "nsubjpass") else None
    if trigger.dep_ == "pobj" and trigger.head.head.pos_ == "VERB" and trigger.head.lower_ not in words().concessive_prepositions:
        own = trigger.head.head  # "would send a delegation for talks": the talks are as sure as the sending
    if own is not None and trigger.dep_ in ("nsubj", "nsubjpass") and syntax.is_future_governor(own) and status == "asserted":
        status = "future"  # "the talks are expected to resume"
    # "Russia's missile strike would be met with a response": a deed named as someone's and then acted on is a given;
    # the modal (or "not") is the answer's, not the attack's ("Iran's talks would be held" makes the talks)
    presupposed = (own is not None and trigger.dep_ == "nsubjpass" and any(c.dep_ == "poss" for c in trigger.children)
                   and own.lemma_.lower() not in lex.light_verbs)
    return own, status, presupposed


def status_of(trigger: Token, lex: Lexicon, negation_absorbed: bool = False) -> StatusInfo:
    """Read the event's status from negation, modals, conditions and the verbs above it.
    `negation_absorbed`: the trigger's own "not" already made the event a rejection."""
    status = "asserted"
    claimant: Token | None = None
    relation: str | None = None
    if syntax.in_condition(trigger) is not None:
        status = "hypothetical"  # "...provided that the rebels free the hostages": the freeing is a condition
    own, status, presupposed = (trigger, status, False) if trigger.pos_ in ("VERB", "AUX") else _nominal(trigger, lex, status)
    # "three men who, the police alleged, had planted a bomb": a claim verb in parentheses
    aside = next((c for c in (own.children if own is not None else ()) if c.dep_ == "parataxis"
                  and c.lemma_.lower() in lex.claim_verbs and c.i < own.i), None)
    if aside is not None and status == "asserted":
        return StatusInfo("alleged", _subject(aside), "alleges")
    token = own
    hops = 0
    via = None  # the dependency by which the climb reached `token`
    while token is not None and hops < 5:
        aux = syntax.hypothetical_aux(token)
        # negation and modality of a verb above carry down only through "to"-complements
        # ("is scheduled to hold talks"), not from a reporting or coordinated verb
        if status == "asserted" and via == "xcomp" and token.pos_ == "ADJ" and token.lemma_.lower() in words().readiness_adjectives:
            status = "hypothetical"  # "said it was ready to release the hostages": the release is offered, not done
        if status == "asserted" and not (presupposed and token is own) and (token is own or via == "xcomp"):
            # "is not going to bend": the refusal spent the "not" of its "going to" too
            spent = token is own or (via == "xcomp" and token.lemma_.lower() == "go" and token.tag_ == "VBG") or (
                via == "xcomp" and token.lemma_.lower() in lex.classes.get("ability_verbs", ()))  # "can't afford to"
            if (is_negated(token) and not (negation_absorbed and spent)) or syntax.negated_subject(token):
                status = "negated"
            elif syntax.condition_of(token) is not None:
                status = "hypothetical"
            elif negation_absorbed and token is own:
                pass  # "would not accept" is a refusal made now, not a hypothetical acceptance
            elif aux:
                # "said it would send": a reported "will", not a condition
                status = "future" if aux == words().conditional_modals and _reported(token, lex) else "hypothetical"
            elif syntax.has_future_aux(token) or syntax.governed_future(token):
                status = "future"
            elif syntax.is_future_governor(token) and token is not own and (
                    "be" in {c.lemma_ for c in token.children if c.dep_ in ("aux", "auxpass")}
                    or token.lemma_.lower() in syntax.clause_markers().plan_verbs):
                status = "future"
        head = token.head
        if head.i == token.i or token.dep_ not in CLIMB_DEPS:
            break
        if head.dep_ == "prep":  # "accused X of opening fire": climb through the preposition
            head = head.head
        lemma = head.lemma_.lower()
        # a coordinated verb is a sibling, not a frame: "denied the claim and accused the army"
        if head.pos_ in ("VERB", "AUX") and token.dep_ != "conj":
            if lemma in lex.deny_verbs and lemma != "reject" and head.i < trigger.i:
                return StatusInfo("denied", _subject(head), "denies")
            if lemma in lex.claim_verbs:
                if status == "asserted":
                    status = "alleged"
                return StatusInfo(status, _subject(head), "alleges")
            if lemma in lex.speech_verbs and token.dep_ == "ccomp":  # "X said [Y struck]", not "is expected to"
                claimant = claimant or _subject(head)
                relation = relation or "reports"
        via = token.dep_
        token = head
        hops += 1
    if claimant is None:
        acc = _according_to(trigger.sent.root)
        if acc is not None:
            claimant, relation = acc, "reports"
    return StatusInfo(status, claimant, relation)
