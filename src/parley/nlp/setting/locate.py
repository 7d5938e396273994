"""A place mention to a Location: the gazetteer first (parley.nlp.geo.geocode), then a name the text introduces as
a place ("the Bosnian town of Gorazde"), the region it is "in", the antecedent of an anaphor ("the city"), and the
dateline's place; the resolved places of a sentence, computed once per Doc."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.nlp.extensions import doc_text
from parley.nlp.geo import gazetteer
from parley.nlp.geo.geocode import ambiguous_town, clean_name, country_index, fold, is_actor_name, lookup_place
from parley.nlp.language.wordlists import words
from parley.nlp.setting.place_mentions import PlaceMention, mentions, place_nouns, word_set
from parley.nlp.setting.wire import DATELINE_REACH, read_wire
from parley.records import Location


def _antecedent(mention: PlaceMention, context: Sequence[str]) -> Location | None:
    """The place of the anaphor's kind named last in the three sentences before it, else the dateline's."""
    doc = mention.anchor.doc
    sent = mention.anchor.sent
    for _ in range(3):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        found = sorted((r for r in sentence_places(sent, context)
                        if not r.unresolved and r.location.feature == mention.anaphor), key=lambda r: r.mention.anchor.i)
        if found:
            return found[-1].location
    place = dateline_place(doc, context)
    return place if place is not None and place.feature == mention.anaphor else None


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
    return Location(name, country, None, None, place_nouns()[introducer.lemma_.lower()], name)


def _as_introduced(loc: Location, introducer: Token) -> Location:
    """A city name introduced as a province or region ("the province of Herat") names the region."""
    if loc.feature == "city" and place_nouns().get(introducer.lemma_.lower()) == "region":
        return Location(loc.name, loc.country, loc.lat, loc.lon, "region", loc.text)
    return loc


@dataclass(frozen=True)
class Resolved:
    """A place mention with the Location it resolved to (or the name alone, when `unresolved`)."""

    mention: PlaceMention
    location: Location
    unresolved: bool  # kept by name only: the gazetteer does not know it


def _resolve(mention: PlaceMention, context: Sequence[str]) -> Resolved | None:
    """Gazetteer first; an unknown name introduced as a place, or placed "in" a known region, is kept."""
    if mention.anaphor is not None:
        found = _antecedent(mention, context)
        return Resolved(mention, found, False) if found is not None else None
    loc = lookup_place(mention.text, context, introduced=mention.introduced)
    if loc is not None:
        if mention.introducer is not None:
            loc = _as_introduced(loc, mention.introducer)
        return Resolved(mention, loc, False)
    if mention.introducer is not None:
        loc = unknown_place(mention.text, mention.introducer)
    # only a name the text or the tagger presents as a place may borrow the region it is "in"
    within = _containing_place(mention, context) if mention.introduced else None
    if within is not None:
        # "a village in Donetsk oblast" the gazetteer lacks: its region (or country) places it
        name = clean_name(mention.text)
        return Resolved(mention, Location(name, within.country, within.lat, within.lon,
                                          "country" if within.feature == "country" else "region", name,
                                          within.adm1 or (within.name if within.feature == "region" else None)), False)
    if loc is None and mention.rank == 0 and mention.introduced and clean_name(mention.text)[:1].isupper() \
            and not is_actor_name(clean_name(mention.text)) and not _institution(clean_name(mention.text)):
        # "near Putin", "near Hamas", "at the Atlantic Council", "in Parliament" are no places
        name = clean_name(mention.text)  # a name the tagger calls a place: kept, but any known place beats it
        loc = Location(name, None, None, None, "city", name)
    return Resolved(mention, loc, mention.introducer is None) if loc else None


def _institution(name: str) -> bool:
    """True when a name the gazetteer lacks ends in a word of an institution's name ("the Atlantic Council",
    "the National Congress Party", "Parliament", "Rice University": kb/regions.yaml `institution_words` and
    kb/titles.yaml `organisation_heads`)."""
    from parley.kb import load as load_kb  # the actor KB is large; only load it when needed

    last = name.split()[-1].lower() if name.split() else ""
    return last in word_set("institution_words") or last in load_kb().organisation_heads


def _in_country(loc: Location, country: str | None) -> Location:
    """A town the gazetteer lacks ("clashes near Kibumba") mapped at its country's point (its demonym's
    country, else `country`); the precision then says country, not point."""
    country = loc.country or country
    if loc.lat is not None or country is None:
        return loc
    place = gazetteer.country_place(country)
    if place is None:
        return loc
    return Location(loc.name, country, place.lat, place.lon, "country", loc.text)


def _containing_place(mention: PlaceMention, context: Sequence[str]) -> Location | None:
    """The place after "in" on the mention or its introducing noun ("the village of X in Donetsk oblast")."""
    doc = mention.anchor.doc
    name_end = next((t.i for t in (mention.introducer or mention.anchor).subtree if t.text == mention.text.split()[-1]), None)
    after = [doc[name_end + 1]] if name_end is not None and name_end + 1 < len(doc) else []
    for token in (mention.introducer, mention.anchor if mention.introducer is None else None):
        # "in" on the name or its noun, or right after the name however the parser attached it
        preps = [*(token.children if token is not None else ()), *after]
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in words().containment_prepositions:
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if not objs:
                    continue
                whole = doc[min(o.left_edge.i for o in objs):max(o.right_edge.i for o in objs) + 1].text
                for text in (whole, *(o.text for o in objs)):  # "Donetsk oblast" may parse as two objects
                    found = lookup_place(text, context)
                    if found is not None and found.feature in ("region", "country"):
                        return found
    return None


def sentence_places(sent: Span, context: Sequence[str]) -> list[Resolved]:
    """The resolved places of a sentence, computed once per sentence and Doc (events share them)."""
    doc = sent.doc
    cache = doc._.parley_place_cache
    key = tuple(context)
    if cache is None or cache[0] != key:
        cache = (key, {})
        doc._.parley_place_cache = cache
    if sent.start not in cache[1]:
        found = [r for r in (_resolve(m, context) for m in mentions(sent)) if r is not None]
        # the country of an unknown town: that of a known place beside it, or the article's only country when
        # a party of that country acts in the sentence ("M23 fighters clashed with the army near Kibumba"; not
        # "a drone hit Minova", in an article whose only state is Rwanda denying a role)
        if any(r.location.lat is None for r in found):
            known = [r.location.country for r in found if r.location.lat is not None and r.location.country]
            country = known[0] if known else context[0] if len(set(context)) == 1 and context[0] in \
                _acting_countries(doc, cache[1]).get(sent.start, set()) else None
        else:
            country = None
        cache[1][sent.start] = [Resolved(r.mention, _in_country(r.location, country), r.unresolved)
                                if r.location.lat is None else r for r in found]
    return cache[1][sent.start]


def _acting_countries(doc: Doc, cache: dict) -> dict[int, set[str]]:
    """Sentence start -> the countries of the actors mentioned in it, built once per Doc (one pass)."""
    if "acting" not in cache:
        starts: dict[int, set[str]] = {}
        if Doc.has_extension("parley_mentions"):
            for m in doc._.parley_mentions or []:
                starts.setdefault(doc[m.start].sent.start, set()).add(m.actor.country)
        cache["acting"] = starts
    return cache["acting"]


def article_countries(doc: Doc, actor_countries: Sequence[str]) -> list[str]:
    """The article's countries: its actors' (most mentioned first), then those of the places it names
    ("Georgia" beside "Atlanta" is the US state). Each place entity is looked up once."""
    out = list(actor_countries)
    for ent in doc.ents:
        if ent.label_ == "GPE" and not ambiguous_town(ent.text):  # "Tripoli" alone says no country
            loc = lookup_place(ent.text)
            if loc is not None and loc.country and loc.country not in out:
                out.append(loc.country)
    return out

def dateline_place(doc: Doc, context_countries: Sequence[str] = ()) -> Location | None:
    """The place of a wire dateline ("KYIV, Ukraine (Reuters) -", "GAZA CITY — "), read once per Doc: as the text
    was read before its dateline was blanked (setting.wire), else from the Doc's own text."""
    if doc._.parley_dateline is False:
        setting = doc._.parley_wire
        if setting is None:
            header = read_wire(doc_text(doc)[:DATELINE_REACH * 2])
            setting = {"place": header.place, "country": header.country}
        loc = None
        if setting.get("place"):
            name = setting["place"].strip().title()
            context = [*context_countries]
            country = country_index().get(fold(setting["country"])) if setting.get("country") else None
            if country:
                context.insert(0, country[1])
            loc = lookup_place(name, context, introduced=True)
        doc._.parley_dateline = loc
    return doc._.parley_dateline
