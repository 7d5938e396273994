"""Whose an unnamed group is: the state of the place it is in, the people a demonym names where they
live, the group a count noun gathers, organisations the data does not list. The actor resolver
(nlp/actors/resolver.py) holds a `PlaceOwners`."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from parley.identity import STATE_SECTORS
from parley.kb import Entity, KnowledgeBase
from parley.nlp.actors.mention import HOME_SECTORS, Mention, _actor, _slug
from parley.nlp.geo.geocode import lookup_place
from parley.nlp.language.wordlists import grammar, words
from parley.records import Actor


class PlaceOwners:
    """Whose an unnamed group is, read against the knowledge base `kb`."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def unlisted_orgs(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Organisations the data does not list, named as the tagger's ORG entities whose head word is
        a kind of organisation ("the Nigerian Union of Teachers", "the Ceasefire Monitoring Committee"):
        an actor of their own, of the state a name inside them names, if any."""
        heads = self.kb.organisation_heads
        out = list(mentions)
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            span = ent[1:] if ent[0].lower_ in words().definite_articles else ent
            head = next((t for t in reversed(span) if t.lower_ in heads), None)
            if not span or head is None:
                continue
            # "the US Congress", "Somalia's National Intelligence and Security Agency" ("'s" a token of its own)
            owned = span.start - 1 if span.start > 0 and doc[span.start - 1].tag_ == "POS" else span.start
            left = next((m for m in out if m.end == owned and m.kind in ("country", "demonym")), None)
            if left is not None:
                span = doc[left.start: span.end]  # "the US Congress": the state in front is the body's
            overlapping = [m for m in out if m.start < span.end and span.start < m.end]
            inside = [m for m in overlapping if span.start <= m.start and m.end <= span.end]
            if len(inside) < len(overlapping) or any(m.kind not in ("country", "demonym") for m in inside):
                continue  # a listed body, person or group is in it: theirs is the better reading
            state = next((m.actor.country for m in inside if m.actor.country), None)
            before = doc[span.start - 1] if span.start > 0 else None
            # "the rebel Baloch Liberation Front": a group noun in front says what kind of body it is
            sector = self.kb.sector_nouns.get(before.lower_) if before is not None and before.pos_ != "PROPN" else None
            actor = Actor(span.text, span.start_char, span.end_char, span.text, "org:" + _slug(span.text), state,
                          sector or heads[head.lower_])
            out = [m for m in out if m not in inside]
            out.append(Mention(span.start, span.end, actor, "org"))
        return out

    @staticmethod
    def party_verb(argument: Token) -> Token | None:
        """The verb whose other party `argument` is through a preposition ("clashed with fighters",
        "opened fire on protesters": kb/roles.yaml `party_preps`), else None."""
        prep = argument.head
        if (argument.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in grammar().party_preps
                and prep.head.pos_ == "VERB"):
            return prep.head
        return None

    @staticmethod
    def doer_states(argument: Token, by_token: dict[int, Mention]) -> set[str]:
        """States of whoever does the act a group suffers (its clause's subject or by-agent, or the
        subject of a verb it follows through a party preposition); empty when the group is the subject itself."""
        verb = PlaceOwners.party_verb(argument)
        if argument.dep_ not in ("dobj", "nsubjpass") and verb is None:
            return set()
        verb = verb or argument.head
        doers = [t for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
        antecedent = PlaceOwners.antecedent(verb)
        if antecedent is not None:  # "the Israeli strike that killed nine farmers": the strike's owner
            doers += [t for c in antecedent.children if c.dep_ in ("amod", "compound", "poss") for t in c.subtree]
        # police and courts act on their own people: "Nepalese police arrested 12 opponents"
        return {m.actor.country for t in doers if (m := by_token.get(t.i)) is not None and m.actor.country
                and m.actor.type not in HOME_SECTORS}

    @staticmethod
    def sufferer_states(argument: Token, by_token: dict[int, Mention]) -> set[str]:
        """States of whom the act a subject does falls on (its clause's direct object, demonyms too):
        "settlers attacked Palestinians", "the ministry summoned the Dutch ambassador"; empty when the
        token is no subject."""
        if argument.dep_ != "nsubj":
            return set()
        # the object itself and its owner words, a state's side only (its rebels are a party of their own)
        objects = [t for c in argument.head.children if c.dep_ in ("dobj", "dative")
                   for t in (c, *(m for m in c.children if m.dep_ in ("amod", "compound", "poss")))]
        return {m.actor.country for t in objects if (m := by_token.get(t.i)) is not None and m.actor.country
                and (m.kind in ("country", "demonym") or m.actor.type in STATE_SECTORS)}

    @staticmethod
    def antecedent(verb: Token) -> Token | None:
        """The noun a relative clause tells of ("the strike that killed 11 civilians"), also when the parser
        hung the clause on the verb above as its complement; None for a clause with no relative subject."""
        if not any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in verb.children):
            return None
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ == "ccomp":
            return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        return None

    @staticmethod
    def onlooker_states(argument: Token, by_token: dict[int, Mention], speech: frozenset) -> set[str]:
        """States that react to the act a group suffers from a clause above it ("Qatar condemned the strike
        that killed 11 civilians", "Norway mourned the 20 people killed"): an onlooker's own people are
        not what its reaction tells of. A reporter ("Sudan said ... killed 20 civilians") is no onlooker."""
        if argument.dep_ not in ("dobj", "nsubjpass"):
            return set()
        out: set[str] = set()
        for verb in argument.head.ancestors:
            if verb.pos_ != "VERB" or verb.lemma_.lower() in speech:
                continue
            for subj in (c for c in verb.children if c.dep_ == "nsubj"):
                out.update(m.actor.country for t in subj.subtree if (m := by_token.get(t.i)) is not None
                           and m.actor.country and m.kind in ("country", "person", "org"))
        return out

    @staticmethod
    def counted_by(token: Token) -> Token:
        """The noun that counts or gathers `token` and holds its role in the clause ("hundreds of
        farmers", "a group of refugees"), else the token itself."""
        prep = token.head
        if (token.dep_ == "pobj" and prep.lower_ in words().genitive_prepositions and prep.head.i != prep.i
                and prep.head.lower_ in grammar().quantity_nouns):
            return prep.head
        return token

    def region_owner(self, token: Token) -> Entity | None:
        for child in token.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < token.i:
                place = lookup_place(child.text)
                if place is not None and place.feature == "region" and place.country:
                    return self.kb.country(place.country)
        return None

    @staticmethod
    def near_country(backwards: Iterable[Mention], sentence_start: int, before: int | None = None) -> Mention | None:
        """The latest mention with a country in the current sentence, from mentions listed last first (the
        list is in reading order but for its tail, so the walk stops at the sentence start: linear in the
        sentence)."""
        for m in backwards:
            if before is not None and m.start >= before:
                continue  # a later sentence's mention, or one after the group (`before`: the group's token)
            if m.start < sentence_start:
                return None
            if m.actor.country:
                return m
        return None

    def people_in_place(self, doc: Doc, mention: Mention) -> Mention:
        """A people named by a demonym where it lives is a group of that state: "ethnic Albanians in
        southern Serbia", "the Albanians of Serbia", "Bosnian Serbs" are Serbian/Bosnian civilians."""
        token = doc[mention.end - 1]
        owner = None
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.i < mention.start and child.text in self.kb.demonyms:
                owner = self.kb.entities.get(self.kb.demonyms[child.text])  # "Bosnian Serbs"
        owner = owner or self.place_owner(token, deep=True, include_countries=True)
        if owner is None and any(c.lower_ in grammar().ethnic_words for c in token.children):
            owner = self.place_owner(token.head, deep=True, include_countries=True)  # "ethnic Turks rallied in Sofia"
        if owner is None or owner.id == mention.actor.id or owner.kind != "country":
            return mention
        start = min([mention.start] + [c.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < mention.start])
        actor = _actor(doc, start, mention.end, owner.name, owner.id, owner.country, "CVL")
        return Mention(start, mention.end, actor, "group", True)

    def place_owner(self, token: Token, deep: bool = False, include_countries: bool = False,
                     also: frozenset = frozenset()) -> Entity | None:
        """The state of a place a group is in or from ("police in Karachi", "residents of Goma"); with
        `deep`, also a place further down the phrase ("near the town of X in eastern Burkina Faso");
        `also`: more prepositions that place the token itself ("the raid on Taiz")."""
        preps = [p for p in token.children if p.dep_ == "prep" and p.lower_ in grammar().place_preps | also]
        for _ in range(3 if deep else 1):
            nouns = [c for p in preps for c in p.children if c.dep_ == "pobj"]
            for noun in nouns:
                if include_countries and noun.ent_type_ in ("GPE", "LOC"):
                    place = lookup_place(" ".join(t.text for t in noun.subtree if t.i <= noun.i and t.dep_ != "det"))
                    if place is not None and place.country:
                        return self.kb.country(place.country)
                words = [t for t in noun.subtree if t.i <= noun.i and t.pos_ == "PROPN"]
                if words and words[-1].i == noun.i:
                    place = lookup_place(noun.doc[words[0].i: noun.i + 1].text)
                    if place is not None and place.country:
                        return self.kb.country(place.country)
            preps = [p for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ in grammar().place_preps]
        return None
