"""Resolve place names offline: from a name to a Location.

Names resolve against the named regions of `kb/regions.yaml` (Donbas, the West Bank, the Sahel…), then
countries (Parley's country file and pycountry), then the gazetteer index of `parley.nlp.geo.gazetteer`
(GeoNames cities of 500 people or more, ISO 3166-2 first-order regions, US counties). Candidates of one
name are ranked by the article's countries, by whether the name is the place's own, by kind and by
population.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from parley.kb import extended_mapping, read_yaml
from parley.nlp.geo import gazetteer
from parley.nlp.geo.gazetteer import fold
from parley.records import Location

# A town this big is a place wherever it is; a smaller one counts only in the article's own countries,
# when the tagger calls the name a place, or when the text introduces it as one ("the village of X").
MIN_POPULATION = 15000
# Suffixes that turn a city name into its surrounding region ("Kharkiv oblast").
REGION_SUFFIXES = ("region", "oblast", "province", "governorate", "state", "district", "county")
FEATURE = {"city": "city", "adm1": "region", "county": "region", "country": "country"}


# ---------------------------------------------------------------- vocabulary and indexes


@lru_cache(maxsize=1)
def place_words() -> dict:
    """kb/regions.yaml merged across Parley's and the user's data folders (kb's one rule: extend, `remove:`)."""
    return extended_mapping("regions.yaml")


@lru_cache(maxsize=1)
def region_index() -> dict[str, Location]:
    """Folded region name or alias -> Location, for the named regions of kb/regions.yaml."""
    index: dict[str, Location] = {}
    for entry in place_words().get("regions") or []:
        loc = Location(entry["name"], entry.get("country"), entry.get("lat"), entry.get("lon"), "region",
                       adm1=entry.get("adm1"))
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            index[fold(_strip_the(str(alias)))] = loc
    return index


@lru_cache(maxsize=1)
def country_index() -> dict[str, tuple[str, str]]:
    """Folded country name or alias -> (canonical name, ISO3); Parley's own country file names the country."""
    index: dict[str, tuple[str, str]] = {}

    def add(name: str, iso3: str, canonical: str) -> None:
        index.setdefault(fold(_strip_the(name)), (canonical, iso3))

    for data in read_yaml("countries.yaml"):
        for entry in (e for e in data or [] if "iso3" in e):  # not a user's `- remove: [...]` entry
            for alias in [entry["name"], *(entry.get("aliases") or [])]:
                add(str(alias), entry["iso3"], entry["name"])
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                add(name, country.alpha_3, canonical)
    return index


def country_location(name: str, iso3: str, text: str | None = None) -> Location:
    """A country placed at its capital (from the gazetteer), with its GeoNames id."""
    place = gazetteer.country_place(iso3)
    if place is None:
        return Location(name, iso3, None, None, "country", text)
    return Location(name, iso3, place.lat, place.lon, "country", text, None, place.geonameid)


@lru_cache(maxsize=1)
def seat_index() -> dict[str, tuple[str, str]]:
    """Folded seat of power ("the White House", "the Kremlin") -> (capital, ISO3) from the country file."""
    index: dict[str, tuple[str, str]] = {}
    for data in read_yaml("countries.yaml"):
        for entry in (e for e in data or [] if "iso3" in e):  # not a user's `- remove: [...]` entry
            capital = entry.get("capital")
            for metonym in entry.get("metonyms") or []:
                if capital and fold(_strip_the(str(metonym))) != fold(capital):
                    index[fold(_strip_the(str(metonym)))] = (capital, entry["iso3"])
    return index


@lru_cache(maxsize=1)
def _spellings() -> dict[str, tuple[str, str]]:
    """Folded news spelling -> (folded GeoNames name, ISO3) for spellings GeoNames lacks (kb/regions.yaml)."""
    out: dict[str, tuple[str, str]] = {}
    for entry in place_words().get("city_spellings") or []:
        country = pycountry.countries.get(alpha_2=entry["country"])
        for alias in entry["aliases"]:
            out[fold(str(alias))] = (fold(entry["geonames"]), country.alpha_3 if country else entry["country"])
    return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(str(w) for w in place_words().get("common_words") or [])


# ---------------------------------------------------------------- lookup


def _strip_the(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip(), flags=re.I)


def clean_name(name: str) -> str:
    """A mention reduced to the name: no leading "the", no possessive "'s", single spaces."""
    text = re.sub(r"['’]s$", "", " ".join(_strip_the(name).split()))
    return text.strip(" ,;:")


def _to_iso3(code: str) -> str:
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code.upper())
        return country.alpha_3 if country else code.upper()
    return code.upper()


def _acceptable(place: gazetteer.Place, context: set[str], introduced: bool, region_named: bool) -> bool:
    """Whether a candidate may stand for the name at all (small towns need the text's or context's word)."""
    if place.kind == "city":
        return place.population >= MIN_POPULATION or introduced or place.country in context
    if place.kind == "adm1":
        return region_named or introduced or place.country in context or place.own
    return region_named or introduced or place.country in context


def ranked(key: str, context: set[str], introduced: bool = False, region_named: bool = False) -> list[gazetteer.Place]:
    """The gazetteer's candidates for a folded name, best first: in the article's countries, the place's
    own name, a town before a region (unless the text says region), then the most populous."""
    found = gazetteer.candidates(key)
    if key in _spellings():
        name, iso3 = _spellings()[key]
        found += [p for p in gazetteer.candidates(name) if p.country == iso3]
    found = [p for p in found if p.kind != "country" and _acceptable(p, context, introduced, region_named)]

    def score(p: gazetteer.Place):
        town = p.kind == "city"
        return (p.country in context, p.own, town != region_named, p.population)
    return sorted(found, key=score, reverse=True)


def _from_place(place: gazetteer.Place, text: str) -> Location:
    # Name it as the text spells it: readers know "Rafah", not GeoNames' "Rafaḩ".
    return Location(text, place.country, place.lat, place.lon, FEATURE[place.kind], text, place.adm1,
                    place.geonameid)


def lookup_city(name: str, context_countries: Sequence[str] = (), introduced: bool = False,
                region_named: bool = False) -> Location | None:
    """A town or region from the gazetteer, ranked by the context countries (ISO3 or ISO2 codes)."""
    if name in common_words() and not introduced:
        return None
    context = {_to_iso3(c) for c in context_countries}
    best = ranked(fold(name), context, introduced, region_named)
    return _from_place(best[0], name) if best else None


def _region_of_city(name: str, context_countries: Sequence[str]) -> Location | None:
    """"Kharkiv oblast" when the gazetteer knows the region only by another form: the region named after
    the city, placed at the city."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in REGION_SUFFIXES:
        return None
    city = lookup_city(" ".join(words[:-1]), context_countries, introduced=True)
    if city is None:
        return None
    return Location(name, city.country, city.lat, city.lon, "region", name, city.adm1)


def is_town(name: str) -> bool:
    """Whether `name` resolves to a place that is not a country ("Hanoi", "Geneva"; not "Kenya")."""
    place = lookup_place(name)
    return place is not None and place.feature != "country"


def lookup_place(name: str, context_countries: Sequence[str] = (), *, introduced: bool = False) -> Location | None:
    """Resolve a place name offline: a named region from kb/regions.yaml, a country, then the gazetteer.

    `introduced` says the text presents the name as a place ("the town of Split"), which lets a
    name that is also an ordinary English word, or a small village, through.
    """
    text = clean_name(name or "")
    if not text or not any(c.isupper() for c in text) or not text[0].isalpha():
        return None
    key = fold(text)
    region = region_index().get(key)
    if region:
        return Location(region.name, region.country, region.lat, region.lon, "region", text, region.adm1)
    if not text[0].isupper():
        return None  # only regions ("southern Lebanon") may start in lower case
    context = {_to_iso3(c) for c in context_countries}
    seat = seat_index().get(key)
    if seat and not _big_town(key):
        # "at the White House" places the event in the capital, not in a city with that alternate name.
        capital = lookup_city(seat[0], [seat[1]], introduced=True)
        return Location(capital.name, capital.country, capital.lat, capital.lon, "city", text, capital.adm1,
                        capital.geonameid) if capital else None
    country = country_index().get(key)
    if country:
        # "Georgia" beside Atlanta is the US state: a same-named region of a context country, when the
        # country itself is not among the article's countries.
        if context and country[1] not in context:
            state = next((p for p in gazetteer.candidates(key) if p.kind == "adm1" and p.own and p.country in context), None)
            if state:
                return _from_place(state, text)
        return country_location(country[0], country[1], text)
    if (is_actor_name(text) and not (introduced and _big_town(key))) or key in STOP_WORDS \
            or (text.isupper() and len(key) <= 4):
        # "Hamas" is not Hamm, "UN" not a town in India, "The" not Teresina; but "met in Brussels" is the
        # city, though "Brussels" alone stands for the EU
        return None
    region_named = key.split()[-1] in REGION_SUFFIXES
    return lookup_city(text, context_countries, introduced, region_named) or _region_of_city(text, context_countries)


def _big_town(key: str) -> bool:
    """True when a town of `MIN_POPULATION` or more bears this folded name as its own."""
    return any(p.own and p.kind == "city" and p.population >= MIN_POPULATION for p in gazetteer.candidates(key))


def ambiguous_town(name: str) -> bool:
    """True when big towns of more than one country bear this name as their own, the second at least a
    tenth the size of the first ("Tripoli" in Libya and Lebanon, not "Santiago" in Chile and Peru): such a
    name does not say which country the article is about."""
    biggest: dict[str, int] = {}
    for p in gazetteer.candidates(fold(clean_name(name))):
        if p.own and p.kind == "city" and p.population >= MIN_POPULATION:
            biggest[p.country] = max(biggest.get(p.country, 0), p.population)
    sizes = sorted(biggest.values(), reverse=True)
    return len(sizes) > 1 and sizes[1] * 10 >= sizes[0]


def is_actor_name(text: str) -> bool:
    """True when Parley's actor KB knows the name as an organisation or a person."""
    from parley.kb import load as load_kb  # the actor KB is large; only load it when needed

    entity = load_kb().entity_for(text)
    return entity is not None and entity.kind in ("org", "person")
