"""The parley_actors component: actor mentions (names, metonyms, title-coded people, surnames; group nouns through
its GroupReader, unlisted organisations and people of a place through its PlaceOwners), resolved against the
reference data in `parley.kb`."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from parley import kb as kb_module
from parley.kb import KnowledgeBase
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.nlp.actors.groups import GroupReader, entity_of_token
from parley.nlp.actors.mention import TITLE_DEPS, Mention, _actor, _entity_actor, _slug
from parley.nlp.actors.owners import PlaceOwners
from parley.nlp.geo.geocode import lookup_place
from parley.nlp.language.lexicon import load as load_lexicon
from parley.nlp.language.wordlists import grammar, words
from parley.records import Actor

# Where an untitled full name is a party: a subject, a passive subject, or a name listed or set beside one.
UNTITLED_PERSON_DEPS = {"nsubj", "nsubjpass", "conj", "appos", "dobj"}


class ActorResolver:
    """Finds and resolves actor mentions in a Doc; stores them on doc._.parley_mentions."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.owners = PlaceOwners(kb)
        self.groups = GroupReader(kb, self.owners)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = {alias for alias in kb.aliases}
        self.matcher.add("ENTITY", [nlp.make_doc(a) for a in sorted(names)])
        self.matcher.add("DEMONYM", [nlp.make_doc(d) for d in sorted(kb.demonyms)])
        self.multiword_titles = sorted((t for t in kb.titles if " " in t), key=len, reverse=True)
        # compiled once: escaping and looking up every multiword title for each name cost a fifth of resolving actors
        self._title_patterns = [(t, re.compile(rf"\b{re.escape(t)}\b")) for t in self.multiword_titles]

    def __call__(self, doc: Doc) -> Doc:
        mentions, silenced = self._named(doc)
        mentions = self._people(doc, mentions)
        # (bodies the data does not list first: "The Alliance of Democracies met. The organization called on")
        mentions = self.owners.unlisted_orgs(doc, mentions)
        mentions = self.groups.read(doc, mentions)
        mentions = [self.owners.people_in_place(doc, m) if m.kind == "demonym" and m.plural else m for m in mentions]
        # nor is any word of an outlet's name that tells a report ("the Associated Press reported": not "press")
        mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in silenced)]
        mentions.sort(key=lambda m: m.start)
        doc._.parley_mentions = mentions
        doc._.parley_actors = [m.actor for m in mentions if m.kind != "demonym"]
        if doc._.parley_warnings is None:
            doc._.parley_warnings = []
        return doc

    def _named(self, doc: Doc) -> tuple[list[Mention], list[tuple[int, int]]]:
        """The mentions of names the reference data knows, and the token ranges of outlets that tell a report."""
        spans = [Span(doc, s, e, label=label) for label, s, e in self.matcher(doc)]
        out, silenced = [], []
        for span in filter_spans(spans):
            label = doc.vocab.strings[span.label]
            if self._stance_prefixed(span):
                continue  # "an anti-Kenya journalist": an attitude towards Kenya, not Kenya
            if label == "DEMONYM":
                entity = self.kb.entities.get(self.kb.demonyms[span.text])
                if entity is None:
                    continue
                plural = span.text.endswith("s") and span[-1].tag_ in ("NNPS", "NNS")
                out.append(Mention(span.start, span.end, _entity_actor(doc, span.start, span.end, entity), "demonym", plural))
                continue
            entity = self.kb.entity_for(span.text)
            if entity is None or not self._looks_like_name(span) or self._names_a_facility(span):
                continue
            if entity.type == "MED" and not _outlet_acted_on(span):
                silenced.append((span.start, span.end))
                continue  # "told Reuters that the group had rejected": the outlet carries the report, no party of it
            out.append(Mention(span.start, span.end, _entity_actor(doc, span.start, span.end, entity), entity.kind))
        return out, silenced

    @staticmethod
    def _stance_prefixed(span: Span) -> bool:
        """A name joined by a hyphen to a stance prefix ("anti-Kenya", "pro-Russian")."""
        doc, i = span.doc, span.start
        prefixes = grammar().stance_prefixes
        if i >= 2 and doc[i - 1].text in ("-", "\u2013") and doc[i - 2].lower_ in prefixes:
            return True
        return i >= 1 and doc[i - 1].text.endswith("-") and doc[i - 1].lower_.rstrip("-") in prefixes

    @staticmethod
    def _names_a_facility(span: Span) -> bool:
        """"blocked the Europe Bridge", "the Kenya Airways plane": a name inside the name of a building, bridge or
        airport (the tagger's FAC) is part of that name, not a party."""
        head = span.root.head
        return span.root.dep_ == "compound" and head.i >= span.end and head.ent_type_ == "FAC"

    @staticmethod
    def _looks_like_name(span: Span) -> bool:
        # "US" the country, not "us" the pronoun; a lower-case match is only kept for lower-case aliases
        if span.text.upper() == "US" and span[0].tag_ == "PRP":
            return False
        return True

    # -- people: known names, NER persons with titles, surnames seen before
    def _people(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        people: list[Mention] = []
        surnames: dict[str, Mention] = {}
        candidates = [(m.start, m.end, m) for m in mentions if m.kind == "person"]
        taken = set(by_token)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in taken for i in range(ent.start, ent.end)):
                candidates.append((ent.start, ent.end, None))
        candidates.sort(key=lambda c: c[0])
        for start, end, known in candidates:
            mention = self._titled_person(doc, start, end, known, by_token, surnames)
            if mention is None:
                continue
            people.append(mention)
            for i in range(mention.start, mention.end):
                by_token[i] = mention
            if end - start >= 2:
                surnames[doc[end - 1].text] = mention
                family = known is not None and self.kb.entities.get(known.actor.id)
                if family and family.family_name:
                    surnames[family.family_name] = mention  # "Lai Ching-te ... President Lai"
        # bare surnames later in the article ("Mirzoyan said") that NER missed or tagged on its own
        for token in doc:
            # capitalised and already seen as a surname: the tagger often misreads rare names ("Vucic" as ADV)
            if token.i in by_token or token.text not in surnames or not token.text[:1].isupper():
                continue
            first = surnames[token.text]
            if first.start > token.i:
                continue
            a = first.actor
            actor = Actor(token.text, token.idx, token.idx + len(token.text), a.name, a.id, a.country, a.type)
            people.append(Mention(token.i, token.i + 1, actor, "person"))
            by_token[token.i] = people[-1]
        kept = [m for m in mentions if m.kind != "person"]
        covered = {i for m in people for i in range(m.start, m.end)}
        kept = [m for m in kept if not any(i in covered for i in range(m.start, m.end))]
        return kept + people

    def _title_tokens(self, doc: Doc, start: int, end: int) -> list[Token]:
        """Tokens in front of a name that belong to its noun phrase ("Russian President", "Sudan's army chief")."""
        tokens: list[Token] = []
        allowed = set(range(start, end))
        j = start - 1
        while j >= 0:
            tok = doc[j]
            # a possessive marker points left, to the owner not yet seen: take it on trust
            pending_case = tok.dep_ == "case" and tok.head.i == j - 1
            # a title right before the name belongs to it even when the parser split them ("army chief X")
            adjacent_title = j == start - 1 and tok.pos_ in ("NOUN", "PROPN") and (
                tok.lower_ in self.kb.titles or (j > 0 and f"{doc[j - 1].lower_} {tok.lower_}" in self.kb.titles))
            if not pending_case and not adjacent_title and (
                    tok.dep_ not in TITLE_DEPS or tok.head.i not in allowed or tok.pos_ in ("VERB", "AUX", "ADP")):
                break
            tokens.insert(0, tok)
            allowed.add(j)
            j -= 1
        while tokens and tokens[0].dep_ == "case":
            tokens.pop(0)
        while tokens and tokens[0].pos_ in ("DET", "PUNCT", "CCONJ"):
            tokens.pop(0)
        return tokens

    def _appositive_tokens(self, doc: Doc, start: int, end: int) -> list[Token]:
        """The words of the noun phrase set beside the name ("X, an American student", "the court's president,
        X"), nearest the name first, without the clauses and phrases hung on that noun ("an American student who
        died after his release from North Korea": the student is American, not North Korean)."""
        root = doc[start:end].root
        out: list[Token] = []
        for child in root.children:
            if child.dep_ == "appos":
                out.extend(t for t in _noun_phrase(child) if t.i >= end)
        if root.dep_ == "appos" and root.head.i < start:
            out.extend(sorted((t for t in _noun_phrase(root.head) if t.i < start), key=lambda t: -t.i))
        return out

    def _title_of(self, tokens: list[Token]) -> str | None:
        text = " ".join(t.lower_ for t in tokens)
        for title, pattern in self._title_patterns:
            if title in text and pattern.search(text):  # (the substring test is the cheap half)
                return title
        for tok in reversed(tokens):
            if tok.lower_ in self.kb.titles:
                return tok.lower_
            if tok.lemma_.lower() in self.kb.titles:
                return tok.lemma_.lower()
        return None

    def _place_of_title(self, before: list[Token], by_token: dict[int, Mention]):
        """"Texas Governor Greg Abbott", "Ontario Premier Doug Ford", "Punjab Chief Minister X": the state of the
        province or city a title is of (the article's countries decide between same-named places); None when no
        place before the title is known."""
        # (the tagger often reads a province before a title as a name part or an adjective: "Punjab Chief Minister")
        places: list[Token] = []
        doc = before[0].doc if before else None
        for t in before:
            starts_title = any(doc[t.i: t.i + n].text.lower() in self.kb.titles for n in (1, 2, 3))  # "Chief Minister"
            if starts_title or t.i in by_token or not (
                    t.ent_type_ in ("GPE", "LOC") or (t.is_title and t.pos_ in ("PROPN", "ADJ"))):
                if places:
                    break
                continue
            places.append(t)
        if not places:
            return None
        name = places[0].doc[places[0].i: places[-1].i + 1].text
        # a province before a town, of the article's countries first ("Ontario" is the province of the Canada
        # named, not a Californian town; "Texas" the US state, though Mexico is named)
        context = sorted({m.actor.country for m in by_token.values() if m.kind == "country" and m.actor.country})
        found = [lookup_place(name, [c]) for c in context] + [lookup_place(name)]
        location = next((p for p in found if p is not None and p.feature == "region"), found[-1])
        if location is None or location.feature not in ("region", "city") or not location.country:
            return None
        return self.kb.country(location.country)

    def _titled_person(self, doc, start, end, known, by_token, surnames) -> Mention | None:
        before = self._title_tokens(doc, start, end)
        beside = self._appositive_tokens(doc, start, end)
        context = before + beside
        title = self._title_of(context)
        # the state or body nearest the name: the last one before it ("Sudan's army chief X"), else the first
        # one of the phrase beside it ("X, a French national")
        country_entity = None
        for tok in [*reversed(before), *beside]:
            entity = entity_of_token(self.kb, tok, by_token)
            if entity is not None:
                country_entity = entity
                break
        if country_entity is None and title:
            country_entity = self._place_of_title(before, by_token)
        first = before[0].i if before and title else start
        if known is not None:
            a = known.actor
            type_ = self.kb.titles.get(title) if title and a.type is None else a.type
            actor = _actor(doc, first, end, a.name, a.id, a.country, type_)
            return Mention(first, end, actor, "person")
        name = doc[start:end].text
        if end - start == 1 and name in surnames:
            a = surnames[name].actor
            return Mention(start, end, _actor(doc, start, end, a.name, a.id, a.country, a.type), "person")
        if not title and country_entity is None:
            root = doc[start:end].root
            # "U.S. Secretary of State Warren Christopher" parsed with the title off the name's own
            # phrase: a state named inside the phrase the name heads is still the person's
            country_entity = next((e for t in doc[root.left_edge.i:start]
                                   if (e := entity_of_token(self.kb, t, by_token)) is not None), None)
            if country_entity is None:
                # "Geir Pedersen issued his appeal": a named person who acts, whose office the text gave
                # elsewhere, is who "he" is later; a full name only (one word may be a misread place)
                if end - start < 2 or root.dep_ not in UNTITLED_PERSON_DEPS or not all(t.text[:1].isupper() for t in doc[start:end]):
                    return None
                actor = _actor(doc, start, end, name, "person:" + _slug(name), None, None)
                return Mention(start, end, actor, "person")
        country = country_entity.country if country_entity else None
        # a title gives the sector; without one, a member of an organisation ("Hamas official X") takes its type
        owner_type = country_entity and self.kb.type_on(country_entity.id, country_entity.type, doc._.published)
        type_ = self.kb.titles.get(title) if title else (owner_type if country_entity.kind == "org" else None)
        if country_entity is not None and country_entity.kind == "org" and type_ == "GOV" and owner_type:
            type_ = owner_type  # "Hamas official X" speaks for Hamas, not for a government
        actor = _actor(doc, first, end, name, "person:" + _slug(name), country, type_)
        return Mention(first, end, actor, "person")


# What hangs on a noun without describing who it is: a clause ("who died in Pyongyang"), a phrase of place or
# time ("from North Korea"); "of" stays ("the president of Kenya").
CLAUSE_DEPS = {"relcl", "acl", "advcl", "prep"}


def _outlet_acted_on(span: Span) -> bool:
    """A news outlet is a party only where it is acted on: the object of a verb other than a speech verb ("Israel
    banned Al Jazeera", "accused the BBC of bias"), a passive subject ("CNN was banned"), a noun after a preposition
    other than a listener's ("restrictions on the BBC"). Anywhere else it tells, hears or names a report ("Reuters
    reported", "told Reuters", "in an interview with CNN", "according to the Associated Press", "VOA host Masih
    Alinejad", "emailed to VOA") and is no party of what it reports."""
    root = span.root
    head = root.head
    speech = load_lexicon().speech_verbs
    if root.dep_ in ("dobj", "nsubjpass"):
        return head.lemma_.lower() not in speech
    if root.dep_ != "pobj":
        return False
    governor = head.head
    return not (head.lower_ in words().listener_prepositions or governor.lemma_.lower() in speech
                or governor.lemma_.lower() in words().media_speech_words
                or f"{governor.lower_} {head.lower_}" in words().attribution_phrases)


def _noun_phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase `head` heads, without its clauses and its prepositional phrases other than
    "of" ones."""
    out = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS and not (child.dep_ == "prep" and child.lower_ in words().owner_prepositions):
            continue
        out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def mention_index(doc: Doc) -> dict[int, Mention]:
    """Token index -> the actor mention covering it."""
    return {i: m for m in doc._.parley_mentions for i in range(m.start, m.end)}


@Language.factory("parley_actors", default_config={},
                  assigns=["doc._.parley_actors", "doc._.parley_mentions", "doc._.parley_warnings"],
                  requires=["doc.ents", "token.dep"])


def make_actor_resolver(nlp: Language, name: str):
    return ActorResolver(nlp, kb_module.load())
