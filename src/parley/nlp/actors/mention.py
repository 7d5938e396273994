"""Actor mentions as the nlp layer passes them around, the sectors that decide how group nouns
resolve, and the helpers that build an Actor from tokens; shared by nlp/actors/resolver.py and
nlp/actors/owners.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from parley.kb import Entity
from parley.kb import load as load_kb
from parley.records import Actor

# Words that can sit between a title and a name without ending the title ("Sudan's army chief").
TITLE_DEPS = {"compound", "amod", "poss", "case", "nmod", "det", "punct", "prep", "pobj", "cc", "conj", "nummod"}
# Kinds of group that need no state behind them to be an actor.
OWNERLESS_SECTORS = {"NGO", "REB", "CVL", "MED", "IGO", "OPP", "REF", "HLH", "CRM", "EDU"}
# Kinds of unnamed group that are local people of the place where they act ("gunmen", "residents").
LOCAL_SECTORS = {"CVL", "OPP", "REB", "CRM", "REF", "HLH"}
# Organs of a state that act on its own people (the people they arrest or try are theirs).
HOME_SECTORS = {"COP", "JUD"}


@dataclass(frozen=True)
class Mention:
    """An actor mention over tokens [start, end) with its resolved actor; stays inside the nlp layer."""

    start: int
    end: int
    actor: Actor
    kind: str  # country | org | person | group | demonym
    plural: bool = False
    partners: tuple = ()  # further owners of one group noun: "Hungarian and Romanian officials"
    definite: bool = False  # "the junta" with no owner named: the discourse model decides whose


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _actor(doc: Doc, start: int, end: int, name: str, id_: str, country, type_) -> Actor:
    span = doc[start:end]
    return Actor(span.text, span.start_char, span.end_char, name, id_, country, type_)


def _entity_actor(doc: Doc, start: int, end: int, entity: Entity, type_=None) -> Actor:
    """The actor a known entity's mention over tokens [start, end) stands for, of sector `type_` or else the
    entity's own sector on the article's day (the Taliban govern in 2024, not in 2010: kb `governs`)."""
    type_ = type_ or load_kb().type_on(entity.id, entity.type, doc._.published)
    return _actor(doc, start, end, entity.name, entity.id, entity.country, type_)
