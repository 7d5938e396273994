"""Whom an act is aimed at when its clause names no object: fallbacks the role reader tries in turn (the subject of
a demanded clause, the party a threat's condition names, the actor in a content clause, a protest's addressee, the
object of a purpose clause, plain people an attack falls on), and the rule that a state is never its own target."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from parley import kb as kb_module
from parley.identity import is_state_side, party_key
from parley.nlp.actors.mention import Mention
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.arguments import verb_lemma
from parley.nlp.geo.geocode import lookup_place
from parley.nlp.language import syntax
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, OBJECT_DEPS
from parley.nlp.language.wordlists import grammar, words
from parley.records import Actor


def self_loop(target: Mention, source: list[Mention]) -> bool:
    """A state (or one of its organs) as the target of its own act: never what the text means unless
    it says "itself"; a state's civilians or rebels are parties of their own."""
    return any(s.actor.id == target.actor.id and is_state_side(s.actor) and is_state_side(target.actor)
               for s in source)


def patient_of(noun: Token, event_type: str) -> bool:
    """"the arrest of X", "Russia's invasion of Ukraine": an event noun of this type names the one acted on after "of"
    (kb/wordlists.yaml `patient_of_types`, and `patient_of_owned_types` once a possessive names the doer)."""
    w = words()
    kind = event_type.lower()
    return kind in w.patient_of_types or (kind in w.patient_of_owned_types and any(c.dep_ == "poss" for c in noun.children))


def demanded_of(verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """"demanded that Israel withdraw": a demand is made of the subject of what is demanded; "reiterated its demand
    that Qatar protect workers": also when the parser hangs the clause on the verb's object noun."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [c for o in verb.children if o.dep_ == "dobj" for c in o.children if c.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ in words().relative_pronouns for m in c.children)]
    for comp in clauses:
        for subj in comp.children:
            if subj.dep_ in ACTIVE_SUBJECT_DEPS:
                return [m for m in roles.at(subj) if m not in source]
    return []


def judged_clause_subject(objects: list[Token], roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """"welcomed Monday's announcement that Ukraine had agreed to a truce", "condemned reports that the army had
    shelled the town": what is judged is the deed of the subject of its object's "that" clause."""
    for obj in objects:
        for clause in obj.children:
            if clause.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ in words().relative_pronouns
                                                       for c in clause.children):
                hits = _subject_parties(clause, roles, source)
                if hits:
                    return hits
    return []


def protest_target(verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """Whom a protest is aimed at: the first party its own words name ("to demand the resignation of
    President X", "in defiance of Chinese authorities"), not where it happens; with none named, the
    protesters' own government (people protest to their state)."""
    subjects = {t.i for s in verb.children if s.dep_ in ACTIVE_SUBJECT_DEPS for t in s.subtree}
    # "protested in the Turkish city of Izmir against Israel": whom a protest is against comes before any other
    # party its words name, wherever the parser hung the "against" (kb/wordlists.yaml `protest_prepositions`)
    against = [t for p in verb.subtree if p.dep_ == "prep" and p.lower_ in words().protest_prepositions
               for pobj in p.children if pobj.dep_ == "pobj" for t in pobj.subtree]
    for token in against + list(verb.subtree):
        if token.i in subjects or token.i == verb.i:
            continue
        mention = roles.index.get(token.i)
        if mention is None or mention in source or self_loop(mention, source):
            continue
        entry = roles.model.entry_for(mention)
        if entry is not None and entry.role == "place":
            continue
        return [mention]
    home = next((m for m in source if m.actor.country and not is_state_side(m.actor)), None)
    host, where = place_state(verb)
    if home is not None and host is not None and host.country != home.actor.country:
        # foreigners protesting abroad ("British activists staged a protest in Beijing") protest to the host
        actor = Actor(where.text, where.idx, where.idx + len(where.text), host.name, host.id, host.country, "GOV")
        return [Mention(where.i, where.i + 1, actor, "country")]
    state = kb_module.load().country(home.actor.country) if home else None
    if state is None:
        return []
    actor = replace(home.actor, name=state.name, id=state.id, type="GOV")
    return [Mention(home.start, home.end, actor, "country")]


def place_state(verb: Token):
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


def condition_subject(verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """"warned it would respond if X attacked": a threat is aimed at whoever the condition names."""
    for cond in syntax.conditions(verb.sent):
        clause = cond.verb
        if verb.i in {t.i for t in clause.ancestors}:
            hits = _subject_parties(clause, roles, source)
            if hits:
                return hits
    return []


def _subject_parties(clause: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """The parties the first active subject of `clause` names that are not the source, or []."""
    for subj in clause.children:
        if subj.dep_ in ACTIVE_SUBJECT_DEPS:
            hits = [m for m in roles.at(subj) if m not in source]
            if hits:
                return hits
    return []


def content_target(verb: Token, roles: NounPhraseActors, source: list[Mention], depth: int = 2) -> list[Mention]:
    """The actor a threat or demand is about, found in its complement clause (two clauses deep):
    an object, an object's partner ("aid to Mozambique"), a prepositional target, and last the
    place where the act would happen ("resume attacks in Israel")."""
    for comp in verb.children:
        if comp.dep_ not in ("ccomp", "xcomp") or comp.i < verb.i:  # content follows its verb
            continue
        objects = [c for c in comp.children if c.dep_ in OBJECT_DEPS]
        preps = [c for c in comp.children if c.dep_ == "prep"]
        preps += [p for o in objects for p in o.children if p.dep_ == "prep"]
        ranked = objects + [pobj for p in preps if p.lower_ in words().target_prepositions
                            for pobj in p.children if pobj.dep_ == "pobj"]
        for token in ranked:
            hits = [m for m in roles.at(token) if m not in source]
            if hits:
                return hits
        deeper = content_target(comp, roles, source, depth - 1) if depth > 1 else []
        if deeper:
            return deeper
        for pobj in (pobj for p in preps if p.lower_ in words().containment_prepositions
                     for pobj in p.children if pobj.dep_ == "pobj"):
            hits = [m for m in roles.at(pobj, 0) if m not in source and m.kind == "country"]
            if hits:
                return hits
    return []


def purpose_target(holders: list[Token], roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """"launched an operation to root out the insurgents", "began an offensive to drive the
    rebels out": the object of the act's "to" purpose clause is whom it is aimed at; [] when none is."""
    clauses = [c for h in holders for c in h.children if c.dep_ in ("advcl", "acl", "xcomp")
               and any(a.dep_ == "aux" and a.lower_ in words().infinitive_markers for a in c.children)]
    return [m for c in clauses for o in c.children if o.dep_ == "dobj" for m in roles.at(o) if m not in source]


def result_target(verb: Token, roles: NounPhraseActors, source: list[Mention]) -> list[Mention]:
    """"intensified attacks, inflicting heavy casualties on government forces", "shelled the town, killing three
    soldiers": whom an attack's result participle falls on (its object, or the party its object is "on") is whom
    the attack is aimed at; [] when no such participle names a party."""
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "xcomp") or clause.tag_ != "VBG" or clause.i < verb.i:
            continue
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            hits = [m for m in roles.at(obj, 0) if m not in source]
            hits = hits or [m for p in obj.children if p.dep_ == "prep" and p.lower_ in grammar().party_preps
                            for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj) if m not in source]
            if hits:
                return hits
    return []


def destination(clause: Token, roles: NounPhraseActors, source: list[Mention],
                travel: frozenset) -> tuple[list[Mention], Token | None]:
    """"had envoys on their way to Moscow for discussions", "flew to Kabul for talks": the state a trip made for
    talks goes to is the other party, and the place it goes to is where they are held (`travel`: the words of a
    journey, kb/frames.yaml `travel_verbs` and kb/roles.yaml `journey_nouns`); ([], None) when the clause names no
    such trip or it goes to the source's own state."""
    keys = {party_key(m.actor) for m in source}
    for prep in clause.subtree:
        if (prep.dep_ != "prep" or prep.lower_ not in words().destination_prepositions
                or verb_lemma(prep.head, travel) not in travel):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC")):
            hits = [m for m in roles.at(pobj, 0) if m.kind == "country" and party_key(m.actor) not in keys]
            if hits:
                return hits, pobj
    return [], None


def victims(objects: list[Token]) -> list[Mention]:
    """"has arrested at least 300 people", "killed dozens of women": plain people (kb/roles.yaml
    `victim_nouns`) an attack or arrest falls on, as an unnamed group of their own, when no actor is
    named; [] when none is."""
    g = grammar()
    for obj in objects:
        nouns = [obj] + [pobj for p in obj.children if p.dep_ == "prep" and p.lower_ in words().genitive_prepositions
                         and obj.lower_ in g.quantity_nouns for pobj in p.children if pobj.dep_ == "pobj"]
        for noun in nouns:
            if noun.lower_ in g.victim_nouns:
                doc = noun.doc
                actor = Actor(noun.text, doc[noun.i].idx, doc[noun.i].idx + len(noun.text), noun.lower_,
                              "group:" + noun.lower_, None, "CVL")
                return [Mention(noun.i, noun.i + 1, actor, "group", True)]
    return []

