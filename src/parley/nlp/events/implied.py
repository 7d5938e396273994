"""Events that found ones imply: the talks a mediator brokers are the parties' own meeting ("Egypt brokered talks
between Israel and Hamas"), and the act an accusation alleges is the accused's ("X accused Y of violations")."""

from __future__ import annotations

from spacy.tokens import Token

from parley import identity
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.arguments import of_objects
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.events.unmade import WORD_MOVE_TYPES
from parley.nlp.language.wordlists import grammar, words


def mediated_meetings(candidates: list[Candidate], roles: NounPhraseActors, triggers: TriggerReader) -> list[Candidate]:
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
        found = triggers.noun_trigger(nouns[0]) if len(nouns) == 1 else None
        if len(nouns) != 1 or (found is not None and found.type != "CONSULT"):
            continue  # "trying to broker a truce": the truce sought is no meeting
        # "between X and Y" may hang from the verb, the talks or the mediator's name
        holders = [verb, nouns[0]] + [p for a in verb.children if a.dep_ == "agent" for p in a.children]
        parties = [m for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in words().between_prepositions
                   for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
        if len({identity.party_key(m.actor) for m in parties}) < 2:
            continue
        meeting = Candidate(nouns[0], [nouns[0]], "CONSULT", cand.mode, source=list(parties), target=list(parties),
                            verbal=False)
        cand.tokens = [verb]
        cand.target = [m for m in parties if m not in cand.source]
        out.append(meeting)
    return out


def alleged_acts(candidates: list[Candidate], triggers: TriggerReader, roles: NounPhraseActors) -> list[Candidate]:
    """"X accused Y of violations": the act alleged, done by Y to X, as an event of its own; with
    "each other", one per direction; a deed that names whom it is aimed at ("of violence against Baloch
    separatists") is done to them, not to the accuser. Verbal acts ("of attacking") are already candidates."""
    verbal_content = {c.trigger.i for c in candidates}
    attitudes = triggers.lex.classes.get("attitude_adjectives", frozenset())
    out: list[Candidate] = []
    for accusation in candidates:
        if accusation.type != "ACCUSE":
            continue
        # "are critical of the agreement": an attitude towards the deal alleges no deal; "accused X of aggression" does
        held = accusation.trigger.pos_ == "ADJ" and accusation.trigger.lemma_.lower() in attitudes
        for noun in _accusation_objects(accusation.trigger, triggers):
            if noun.i in verbal_content:
                continue
            trigger = triggers.noun_trigger(noun) or triggers.lex.nouns.get(noun.lemma_.lower())
            if trigger is None or (held and trigger.type in WORD_MOVE_TYPES):
                continue
            if accusation.reciprocal and len(accusation.source) >= 2:
                pairs = [([a], [b]) for a in accusation.source for b in accusation.source if a is not b]
            else:
                aimed = _aimed_at(noun, trigger.type)
                # "accused India of violence against Baloch separatists": the separatists are the deed's target,
                # neither the accuser nor one of the accused
                inside = [m for m in accusation.target for a in aimed if a.left_edge.i <= m.start <= a.right_edge.i]
                aims = [m for a in aimed for m in roles.at(a)] or inside
                accusation.target = [m for m in accusation.target if m not in inside]
                pairs = [(accusation.target, aims if aimed else accusation.source)]
            for doer, victim in pairs:
                out.append(Candidate(noun, [noun], trigger.type, trigger.mode, source=list(doer),
                                     target=list(victim), verbal=False, alleged_by=accusation))
    return out


def _aimed_at(noun: Token, event_type: str) -> list[Token]:
    """"violence against Baloch separatists", "attacks on Kurdish villages", "the abduction of children": whom a
    deed's noun names as its aim (kb/wordlists.yaml `aim_prepositions`: not "cooperation with X"; "of" where the noun
    names the one acted on, `patient_of_types`, and `patient_of_owned_types` as the accused is its doer as much as
    a possessive would be: "accused Russia of the killing of civilians"); [] when it names nobody."""
    w = words()
    patient = event_type.lower() in w.patient_of_types | w.patient_of_owned_types
    preps = w.aim_prepositions | (w.genitive_prepositions if patient else frozenset())
    return [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in preps
            for p in prep.children if p.dep_ == "pobj"]


def _accusation_objects(verb: Token, triggers: TriggerReader) -> list[Token]:
    holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    charges = [pobj for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in words().charge_prepositions
               for pobj in prep.children if pobj.dep_ == "pobj"]
    # "accused India of involvement in a campaign of violence", "of a role in the killings": the deed a share in it is
    # charged with (kb/frames.yaml `share_nouns`), through a noun that only counts or frames it ("a campaign of")
    shares = triggers.lex.classes.get("share_nouns", frozenset())
    for noun in [c for c in charges if c.lemma_.lower() in shares]:
        held = [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in words().containment_prepositions
                for p in prep.children if p.dep_ == "pobj"]
        charges += held + [o for h in held if triggers.noun_trigger(h) is None for o in of_objects(h)]
    return charges

