"""Announced intentions: "X said it will release the prisoners" is X's promise (AGREE), "X said it would not attend
the talks" a refusal (REJECT), "will withdraw unless elections are held" an ultimatum (THREATEN)."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.candidate import Candidate
from parley.nlp.language.lexicon import Lexicon
from parley.nlp.language.syntax import condition_of, is_negated
from parley.nlp.language.wordlists import words

# -- announced intentions

def stated_intents(candidates: list[Candidate], roles: NounPhraseActors, lex: Lexicon) -> list[Candidate]:
    """"X said it will release the prisoners": X's stated intent, AGREE for a cooperative act and THREATEN
    for a hostile one (PLOVER codes the expression of intent, not the act that has not happened); "X said
    it would not attend the talks" is a refusal (REJECT). Only when the one who says it is the one who
    will act. The act's candidate becomes the intent in place (its span grows to the modal), so the
    announced act is not coded twice; returns no new candidates (kept for the caller's extend)."""
    intent = lex.intent
    for cand in candidates:
        verb = cand.trigger
        if (not cand.verbal or cand.type in ("AGREE", "THREATEN") or cand.alleged_by is not None
                or cand.negation_absorbed):
            continue
        negated = is_negated(verb)
        kind = ("REJECT" if negated and lex.cooperative(cand.type) else None if negated else
                "THREATEN" if cand.type in intent.get("hostile", ()) else
                "AGREE" if lex.cooperative(cand.type) else None)
        if kind is None:
            continue
        modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in intent.get("modals", ())), None)
        planned = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in intent.get("plan_verbs", ())
        if modal is None and not planned:
            continue
        if kind == "REJECT" and modal is not None and any(c.dep_ == "nsubj" and c.lower_ not in words().dummy_subjects
                                                           for c in verb.children):
            # "Mr. Dodik will not cooperate": a refusal stated of its subject, whoever reports it
            cand.type, cand.mode = kind, None
            cand.tokens = [modal] + [t for t in cand.tokens if t.i != modal.i]
            cand.negation_absorbed = True
            continue
        reporter = _reporter(verb if modal is not None else verb.head, lex)
        if reporter is None:
            continue
        speakers = [m for s in reporter.children if s.dep_ in ("nsubj", "nsubjpass") for m in roles.at(s)]
        own = {m.actor.country or m.actor.id for m in cand.source}
        # "the party said it will boycott": a pronoun subject is the speaker, even one no list names
        said_of_itself = ((not cand.source or not speakers) and any(s.dep_ == "nsubj" for s in reporter.children)
                          and any(c.dep_ == "nsubj" and c.lower_ in words().subject_pronouns for c in verb.children))
        if not said_of_itself and not own & {m.actor.country or m.actor.id for m in speakers}:
            continue  # "Zelenskiy said the terms would surrender Ukraine": not his own move
        cond = condition_of(verb)
        if cond is not None and cond.marker.text.lower() in intent.get("threat_markers", ()):
            kind = "THREATEN"  # "will withdraw its troops unless elections are held": an ultimatum
        elif (kind == "THREATEN" and modal is not None and modal.lower_ in words().conditional_modals
              and reporter.lemma_.lower() in intent.get("decision_verbs", ())):
            # "announced that it would cease military aid": a hostile measure reported as decided is the
            # measure (future status), not a threat of it; "announced it will extend the curfew" is still
            # leverage, and a cooperative act announced stays a promise (AGREE)
            continue
        first = modal if modal is not None else verb.head
        cand.type, cand.mode = kind, None
        cand.tokens = [first] + [t for t in cand.tokens if t.i != first.i]
        cand.negation_absorbed = negated  # "would not attend" is a refusal made now
    return []


def _reporter(verb: Token, lex: Lexicon) -> Token | None:
    """The verb of saying that reports the clause ("said it would", "X will..., the minister said")."""
    report = lex.intent.get("report_verbs", frozenset())
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in report:
        return verb.head
    if verb.dep_ == "ROOT":
        return next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.lemma_.lower() in report), None)
    return None



# -- the planner of a nominal plan

def nominal_plan_sources(candidates: list[Candidate], roles: NounPhraseActors) -> None:
    """"Russia announced plans to withdraw", "its intention to close the camps": an act in a to-infinitive on a
    noun of intent (kb/wordlists.yaml `intent_nouns`) with no subject of its own is its owner's act (the noun's
    possessor), else that of the subject of the verb the noun is the object of. Fills only an empty source."""
    w = words()
    for cand in candidates:
        verb = cand.trigger
        # an infinitive on a noun is parsed as a clause of it ("acl") or, at times, as a relative ("relcl")
        if cand.source or verb.dep_ not in ("acl", "relcl") or verb.head.lemma_.lower() not in w.intent_nouns:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in w.infinitive_markers for c in verb.children):
            continue
        noun = verb.head
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            owners += [c for c in noun.head.children if c.dep_ == "nsubj"]
        for owner in owners:
            found = [m for m in roles.at(owner) if m not in cand.target]
            if found:
                cand.source = found
                break
