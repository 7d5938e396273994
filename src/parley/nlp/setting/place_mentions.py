"""Place mentions in a sentence: place entities and runs of proper nouns, how the text introduces them ("the town of
Gorazde"), the anaphors that stand for one ("the city"), and the role each plays in the parse (locative, attacked
object, modifier)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from parley.nlp.geo.geocode import REGION_SUFFIXES, clean_name, country_index, fold, place_words, region_index
from parley.nlp.language.spans import ents_in
from parley.nlp.language.wordlists import words
from parley.nlp.setting.tense import PAST_FORMS, mistagged_past

PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class PlaceMention:
    """A candidate place in a sentence: its text, the token that carries its role, and how it was introduced."""

    text: str
    anchor: Token      # the token whose dependency role says whether it is a place
    rank: int          # 0 locative or attacked object, higher for a modifier of one ("a Kyiv suburb")
    introduced: bool
    introducer: Token | None = None  # "town" in "the besieged town of Gorazde"
    anaphor: str | None = None  # "the city" naming no place of its own: the kind of place it stands for


@cache
def place_nouns() -> dict[str, str]:
    """kb/places.yaml's place nouns, lowercased ("town" -> "city"), read once like place_words()."""
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
    # "near Sake": a capitalised word in mid-sentence that the tagger took for a common noun is a name
    return token.pos_ in ("ADJ", "NOUN") and token.ent_type_ != "NORP" and not token.is_sent_start


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
    nouns = place_nouns()
    if token.dep_ == "pobj" and token.head.lower_ in words().genitive_prepositions and token.head.head.lemma_.lower() in nouns:
        return token.head.head
    if token.dep_ in ("appos", "compound", "npadvmod") and token.head.lemma_.lower() in nouns:
        return token.head
    # "Rubaya, a mining town in North Kivu": the apposition introduces the name before it
    return next((c for c in token.children if c.dep_ == "appos" and c.lemma_.lower() in nouns), None)


def _own_place_noun(span: Span, token: Token) -> Token | None:
    """"from the Boni Forest", "in the Nuba Mountains": a name of two or more capitalised words whose last is a noun
    of a land feature (kb/regions.yaml `name_final_place_nouns`) introduces itself as a place."""
    names = [t for t in span if t.text[:1].isupper() and t.lower_ not in words().definite_articles]
    if token.i != span.root.i or len(names) < 2 or names[-1].i != token.i:
        return None
    return token if token.lemma_.lower() in word_set("name_final_place_nouns") or \
        token.lower_ in word_set("name_final_place_nouns") else None


def _noun_before(span: Span) -> Token | None:
    """"in the Sudanese capital Khartoum" that the parser split into two phrases: the place noun right
    before the name, when that noun heads a phrase of its own, introduces it."""
    if span.start == 0:
        return None
    noun = span.doc[span.start - 1]
    if noun.lemma_.lower() in place_nouns() and noun.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") \
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
        contains = token.head.lower_ in words().containment_prepositions and (token.head.head.pos_ == "PROPN" or token.head.head.lemma_.lower() in place_nouns())
        return (2 if _inside_subject(token.head) else int(contains)), token.head
    if token.dep_ == "pobj" and token.head.lower_ in words().genitive_prepositions:
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
        introducer = _introducer(token) or _noun_before(span) or _own_place_noun(span, token)
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
            span.label_ != "PERSON" and _on_a_setting(anchor) and anchor.lower_ in word_set("locative_prepositions")
            and anchor.lower_ not in word_set("guarded_prepositions")) or _struck(anchor))
        out.append(PlaceMention(text, anchor, rank, introducer is not None or vouched, introducer))
    return out + _anaphors(sent, {m.introducer.i for m in out if m.introducer is not None})


def _struck(prep: Token) -> bool:
    """"The rocket attack on Kfar Blum": the name an attack noun's guarded preposition takes is what was struck,
    a place whatever the tagger calls it (it calls a town it does not know a PERSON); an actor is ruled out later."""
    return prep.lower_ in word_set("guarded_prepositions") and lemma(prep.head) in word_set("attack_nouns") \
        and prep.head.pos_ == "NOUN"


def _on_a_setting(prep: Token) -> bool:
    """True when a locative preposition sets a verb's scene ("fighting erupted in X"), or narrows the object
    of another locative preposition on a verb ("killed 11 people at a market in Minova")."""
    head = prep.head
    if head.dep_ == "pobj" and head.head.lower_ in word_set("locative_prepositions"):
        head = head.head.head
    return head.pos_ == "VERB"


def _anaphors(sent: Span, introducers: set[int]) -> list[PlaceMention]:
    """"The attack on the city killed three": a singular place noun with "the" and no name of its own
    stands for the place of its kind named last (see `_antecedent`)."""
    out = []
    for token in sent:
        kind = place_nouns().get(token.lemma_.lower())
        if kind not in ("city", "region") or token.lower_ in word_set("vague_place_nouns") or token.i in introducers \
                or token.tag_ not in ("NN", "NNP") or not any(c.dep_ == "det" and c.lower_ in words().definite_articles for c in token.children) \
                or any(c.dep_ in ("compound", "appos", "prep", "relcl", "acl") for c in token.children) \
                or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN"):
            continue  # a plural, "the capital", "the city of X", "the town Sudzha", "the area around X"
        role = role_of(token)
        if role is not None:
            out.append(PlaceMention(token.text, role[1], role[0], True, None, kind))
    return out
