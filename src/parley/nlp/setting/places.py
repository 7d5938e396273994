"""Find where an event happened: place mentions, their roles in the parse, and the event's place.

Names are resolved by `parley.nlp.geo.geocode` (regions file, countries, the offline gazetteer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from parley.nlp.language.syntax import SHARED_SETTING_DEPS, setting_clause_head
from parley.nlp.setting.dates import PAST_FORMS, attachment_level, mistagged_past
from parley.nlp.setting.calendar import time_words
from parley.nlp.geo.geocode import (
    REGION_SUFFIXES, ambiguous_town, clean_name, country_index, fold, is_actor_name, lookup_place, region_index,
    place_words)
from parley.records import Location
from parley.nlp.language.spans import ents_in

PLACE_LABELS = ("GPE", "LOC", "FAC")
SPECIFICITY = {"city": 0, "region": 1, "country": 2}


# ---------------------------------------------------------------- finding the event's place


@dataclass(frozen=True)
class PlaceMention:
    """A candidate place in a sentence: its text, the token that carries its role, and how it was introduced."""

    text: str
    anchor: Token      # the token whose dependency role says whether it is a place
    rank: int          # 0 locative or attacked object, higher for a modifier of one ("a Kyiv suburb")
    introduced: bool
    introducer: Token | None = None  # "town" in "the besieged town of Gorazde"
    anaphor: str | None = None  # "the city" naming no place of its own: the kind of place it stands for


def _place_nouns() -> dict[str, str]:
    return {str(k).lower(): v for k, v in (place_words().get("place_nouns") or {}).items()}


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
    if not token.text[:1].isupper() or token.ent_type_ in ("DATE", "TIME"):
        return False  # "on Tuesday" is no place
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
    # "Rubaya, a mining town in North Kivu": the apposition introduces the name before it
    return next((c for c in token.children if c.dep_ == "appos" and c.lemma_.lower() in nouns), None)


def _noun_before(span: Span) -> Token | None:
    """"in the Sudanese capital Khartoum" that the parser split into two phrases: the place noun right
    before the name, when that noun heads a phrase of its own, introduces it."""
    if span.start == 0:
        return None
    noun = span.doc[span.start - 1]
    if noun.lemma_.lower() in _place_nouns() and noun.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") \
            and span.root.head.i != noun.i:
        return noun
    return None


@cache
def word_set(*keys: str) -> frozenset[str]:
    """The lower-cased words listed under `keys` in kb/regions.yaml."""
    return frozenset(str(w).lower() for key in keys for w in place_words().get(key) or [])


def role_of(token: Token) -> tuple[int, Token] | None:
    """(rank, attachment token) when `token` stands where a place stands; None for actors and other roles."""
    preps = word_set("locative_prepositions")
    # Where people or goods leave from or go to: the place of the act when nothing is "in" a place.
    ends = word_set("endpoint_prepositions")
    verbs = word_set("place_object_verbs")
    motion = word_set("motion_words")
    if token.dep_ == "poss" and token.head.dep_ in ("pobj", "dobj", "nsubjpass"):
        token = token.head  # "strikes on Beirut's southern suburbs", "hit Kharkiv's Kyivskyi district"
    if token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
        inner = role_of(token.head)  # "in a Kyiv suburb", "hit a Kyiv apartment block"
        return (inner[0] + 1, inner[1]) if inner else None
    forceful = word_set("place_object_verbs", "motion_words", "attack_nouns")
    if token.dep_ == "pobj" and token.head.lower_ in word_set("guarded_prepositions") \
            and not _after_motion(token.head, forceful) and token.lemma_.lower() not in word_set("place_part_nouns") \
            and token.lower_ not in word_set("place_part_nouns"):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in preps:
        # "parties in Nepal organised a strike": a place that describes the doer is only a fallback;
        # "the town of Paletwa in Chin state": the containing place is less specific than the named one
        contains = token.head.lower_ == "in" and (token.head.head.pos_ == "PROPN" or token.head.head.lemma_.lower() in _place_nouns())
        return (2 if _inside_subject(token.head) else int(contains)), token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        of = token.head
        if of.head.lower_ in preps:
            return 0, of.head  # "outside of the city"
        if of.head.lower_ in ends and _after_motion(of.head, motion):
            return 1, of.head  # "pushed out of the Kursk region"
        if of.head.lower_ in word_set("direction_words"):
            return 0, of  # "a checkpoint south of Mogadishu", "30 km north of Kyiv": beside X
        if of.head.lower_ in word_set("inhabitant_nouns"):
            # "residents of Goma rallied": where the doers live, a fallback like "parties in Nepal"
            return (2 if _inside_subject(of) else 1), of
        if of.head.pos_ in ("NOUN", "PROPN"):
            inner = role_of(of.head)  # "in a district of eastern Beirut", "on the outskirts of Kyiv"
            return (inner[0] + 1, inner[1]) if inner else None
    if token.dep_ == "pobj" and token.head.lower_ in ends and _after_motion(token.head, motion):
        return 1, token.head
    if token.dep_ in ("dobj", "conj", "nsubjpass") and lemma(token.head) in verbs and token.head.pos_ == "VERB":
        # "struck Kharkiv", and in the passive "Paletwa was seized"
        return 0, token
    if token.dep_ == "conj" and token.head.dep_ in ("pobj", "dobj"):
        return role_of(token.head)  # "in Kharkiv and Sumy"
    return None


def _after_motion(prep: Token, motion: frozenset[str]) -> bool:
    """True when the preposition follows a word of motion or that word's object ("evacuated the wounded from")."""
    head = prep.head
    if lemma(head) in motion:
        return True
    return head.dep_ in ("dobj", "nsubjpass") and lemma(head.head) in motion


def lemma(token: Token) -> str:
    """The lower-cased lemma, mended when the tagger took an irregular past for a present ("retook")."""
    if mistagged_past(token) and token.lower_ in PAST_FORMS:
        return PAST_FORMS[token.lower_]
    return token.lemma_.lower()


def _inside_subject(token: Token) -> bool:
    """True when `token` hangs (through nouns and prepositions) off the subject of a verb."""
    while token.dep_ in ("prep", "pobj", "compound", "amod", "poss") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def mentions(sent: Span) -> list[PlaceMention]:
    """Every candidate place in the sentence with the token that ties it to a verb."""
    out = []
    for span in candidate_spans(sent):
        text, token = _with_region_noun(span)
        if token.i != span.root.i and any(c.dep_ == "poss" and c.pos_ == "PROPN" and fold(clean_name(c.text))
                                          not in country_index() for c in token.children):
            continue  # "Kharkiv's Kyivskyi district" is Kharkiv (but "Russia's Kursk region" is the region)
        introducer = _introducer(token) or _noun_before(span)
        if introducer is None and span.root.ent_type_ == "NORP" and token.i == span.root.i:
            # "attacked Palestinians" (but the tagger's NORP on "the city of Omdurman" or "Ituri province" is a slip)
            continue
        appositive = introducer is not None and introducer.head.i == token.i
        role = role_of(token if appositive else introducer or token)
        if role is None:
            continue
        rank, anchor = role
        # The tagger's GPE on a locative object vouches for a name that is also a word ("in Nice"); so does
        # a preposition that only takes places ("near X"), whatever the tagger calls X.
        # So does a locative preposition on a verb ("fighting erupted in X"), unless the tagger calls X a person.
        vouched = rank == 0 and (span.label_ == "GPE" or anchor.lower_ in word_set("place_only_prepositions") or (
            span.label_ != "PERSON" and anchor.head.pos_ == "VERB" and anchor.lower_ in word_set("locative_prepositions")
            and anchor.lower_ not in word_set("guarded_prepositions")))
        out.append(PlaceMention(text, anchor, rank, introducer is not None or vouched, introducer))
    return out + _anaphors(sent, {m.introducer.i for m in out if m.introducer is not None})


def _anaphors(sent: Span, introducers: set[int]) -> list[PlaceMention]:
    """"The attack on the city killed three": a singular place noun with "the" and no name of its own
    stands for the place of its kind named last (see `_antecedent`)."""
    out = []
    for token in sent:
        kind = _place_nouns().get(token.lemma_.lower())
        if kind not in ("city", "region") or token.lower_ in word_set("vague_place_nouns") or token.i in introducers \
                or token.tag_ not in ("NN", "NNP") or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                or any(c.dep_ in ("compound", "appos", "prep", "relcl", "acl") for c in token.children) \
                or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN"):
            continue  # a plural, "the capital", "the city of X", "the town Sudzha", "the area around X"
        role = role_of(token)
        if role is not None:
            out.append(PlaceMention(token.text, role[1], role[0], True, None, kind))
    return out


def _antecedent(mention: PlaceMention, context: Sequence[str]) -> Location | None:
    """The place of the anaphor's kind named last in the three sentences before it, else the dateline's."""
    doc = mention.anchor.doc
    sent = mention.anchor.sent
    for _ in range(3):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        found = sorted((r for r in _sentence_places(sent, context)
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
    return Location(name, country, None, None, _place_nouns()[introducer.lemma_.lower()], name)


def _as_introduced(loc: Location, introducer: Token) -> Location:
    """A city name introduced as a province or region ("the province of Herat") names the region."""
    if loc.feature == "city" and _place_nouns().get(introducer.lemma_.lower()) == "region":
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
            and not is_actor_name(clean_name(mention.text)):  # "near Putin", "near Hamas" are no places
        name = clean_name(mention.text)  # a name the tagger calls a place: kept, but any known place beats it
        loc = Location(name, None, None, None, "city", name)
    return Resolved(mention, loc, mention.introducer is None) if loc else None


def _containing_place(mention: PlaceMention, context: Sequence[str]) -> Location | None:
    """The place after "in" on the mention or its introducing noun ("the village of X in Donetsk oblast")."""
    doc = mention.anchor.doc
    name_end = next((t.i for t in (mention.introducer or mention.anchor).subtree if t.text == mention.text.split()[-1]), None)
    after = [doc[name_end + 1]] if name_end is not None and name_end + 1 < len(doc) else []
    for token in (mention.introducer, mention.anchor if mention.introducer is None else None):
        # "in" on the name or its noun, or right after the name however the parser attached it
        preps = [*(token.children if token is not None else ()), *after]
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if not objs:
                    continue
                whole = doc[min(o.left_edge.i for o in objs):max(o.right_edge.i for o in objs) + 1].text
                for text in (whole, *(o.text for o in objs)):  # "Donetsk oblast" may parse as two objects
                    found = lookup_place(text, context)
                    if found is not None and found.feature in ("region", "country"):
                        return found
    return None


def _sentence_places(sent: Span, context: Sequence[str]) -> list[Resolved]:
    """The resolved places of a sentence, computed once per sentence and Doc (events share them)."""
    doc = sent.doc
    cache = doc._.parley_place_cache
    key = tuple(context)
    if cache is None or cache[0] != key:
        cache = (key, {})
        doc._.parley_place_cache = cache
    if sent.start not in cache[1]:
        cache[1][sent.start] = [r for r in (_resolve(m, context) for m in mentions(sent)) if r is not None]
    return cache[1][sent.start]


def _under_topic(token: Token, head: Token, trigger: Token) -> bool:
    """True when `token` sits inside the object of a topic preposition below `head` ("protest against the
    war in Gaza") or of one that relates another event ("after weeks of advances near X, Ukraine launched"):
    that place describes the topic or the other event, not where this one happened. Not so when the
    trigger itself is on the way ("after the advance near X" is the advance's place)."""
    others = word_set("topic_prepositions") | {str(w).lower() for w in time_words()["reference_prepositions"]}
    while token.i != head.i and token.i != trigger.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in others:
            return True
        token = token.head
    return False


def _in_content(token: Token, head: Token) -> bool:
    """True when `token` hangs off `head` through a complement clause: what is asked, alleged or refused."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("xcomp", "ccomp", "pcomp") and token.pos_ in ("VERB", "AUX"):
            return True
        token = token.head
    return False


def _in_own_relative(token: Token, trigger: Token) -> bool:
    """True when `token` sits in a relative clause whose subject is the event noun itself ("a strike that
    paralysed X", "an offensive which reached X"): the trigger's noun, or the noun its light verb holds."""
    nouns = {trigger.i, *(c.i for c in trigger.children if c.dep_ == "dobj")}
    relcl = next((t for t in (token, *token.ancestors) if t.dep_ == "relcl" and t.head.i in nouns), None)
    return relcl is not None and attachment_level(token, relcl) == 0 and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in relcl.children)


def find_location(sent: Span, trigger: Token, context_countries: Sequence[str] = (),
                  content_places: bool = True) -> Location | None:
    """The place where the event named by `trigger` happened: one in its own clause, nearest first; else
    one of the clause it hangs off ("marched in Sanaa to protest"); else a locative place anywhere in the
    sentence. A place that only describes a topic ("against the war in Gaza") comes after the first two.
    With `content_places` False (an accusation, a demand, a refusal, a threat), a place inside what the act
    says ("urged Washington to rein in Israel", "accused Kyiv of shelling Donetsk") is not the act's."""
    head = setting_clause_head(trigger)
    governors = [head]
    while governors[-1].dep_ in SHARED_SETTING_DEPS and governors[-1].head.i != governors[-1].i:
        governors.append(setting_clause_head(governors[-1].head))
    scored = []
    for found in _sentence_places(sent, context_countries):
        mention, loc = found.mention, found.location
        if not content_places and _in_content(mention.anchor, head):
            continue
        level = attachment_level(mention.anchor, head)
        if level is not None and _under_topic(mention.anchor, head, trigger):
            level = 5
        if level is None and content_places and _in_own_relative(mention.anchor, trigger):
            level = 0  # "a general strike that paralysed X": the event noun's own clause says where
        if level is None:
            level = next((2 + n for n, g in enumerate(governors[1:]) if attachment_level(mention.anchor, g) == 0), None)
        if level is None and mention.rank == 0 and loc.feature != "country" and not any(
                a.pos_ in ("VERB", "AUX") and attachment_level(mention.anchor, a) == 0 for a in head.ancestors):
            # the sentence's place, unless it is where the report was made ("said in Paris"); a country named
            # in another clause is mostly a party ("urged Washington to rein in Israel"), not the setting
            level = 6
        if level is None:
            continue
        distance = abs(mention.anchor.i - trigger.i)
        # On a tie of attachment, the narrower place wins: "in Russia's Kursk region" is the region.
        scored.append(((level, found.unresolved, mention.rank, SPECIFICITY.get(loc.feature, 3), distance), loc))
    return min(scored, key=lambda s: s[0])[1] if scored else None


def takes_verbs_place(noun: Token) -> bool:
    """True when an event noun happens where its verb does: its subject ("talks resumed in Doha"), the
    object of a verb that holds it ("hosted talks in Doha") or its purpose ("returned to Geneva for talks")."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return True
    if noun.dep_ == "dobj":
        return noun.head.lemma_.lower() in word_set("event_host_verbs")
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ == "VERB"


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


DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z'’.\- ]{2,40}?)(?:,\s*(?P<country>[A-Z][A-Za-z.\- ]{1,30}?))?"
                      r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .&]+\)\s*)?[-—–]{1,2}\s")


def dateline_place(doc: Doc, context_countries: Sequence[str] = ()) -> Location | None:
    """The place of a wire dateline ("KYIV, Ukraine (Reuters) -", "GAZA CITY — "), read once per Doc."""
    if doc._.parley_dateline is False:
        m = DATELINE.match(doc.text[:120])
        loc = None
        if m:
            name = m.group("place").strip().title()
            context = [*context_countries]
            country = country_index().get(fold(m.group("country") or "")) if m.group("country") else None
            if country:
                context.insert(0, country[1])
            loc = lookup_place(name, context, introduced=True)
        doc._.parley_dateline = loc
    return doc._.parley_dateline
