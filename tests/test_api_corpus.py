"""A small corpus for the API and dashboard tests, built with the store's writer from records made by hand.

The articles are written for these tests; the events, actors and positions are what a reader would code
from them, with spans found in the text, so the tests do not depend on the NLP pipeline.
"""

from __future__ import annotations

import re
from datetime import date

from parley.records import Actor, Document, Event, Link, Location, Position

ARM, AZE, RUS, UKR, TUR = (f"country:{c}" for c in ("ARM", "AZE", "RUS", "UKR", "TUR"))
ACTORS = {
    "country:ARM": ("Armenia", "ARM", "GOV"),
    "country:AZE": ("Azerbaijan", "AZE", "GOV"),
    "country:RUS": ("Russia", "RUS", "GOV"),
    "country:UKR": ("Ukraine", "UKR", "GOV"),
    "country:TUR": ("Turkey", "TUR", "GOV"),
}

KHARKIV = Location("Kharkiv", "UKR", 49.99, 36.23, "city")
GENEVA = Location("Geneva", "CHE", 46.2, 6.15, "city")


class Builder:
    """Spans by searching the text, so each record below reads like the sentence it codes."""

    def __init__(self, doc_id: str, title: str, published: str, text: str):
        self.doc = Document(id=doc_id, text=text, title=title, published=date.fromisoformat(published),
                            url=f"https://news.example.org/{doc_id}", source="Test Wire")
        self.sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.\s][^.]*\.", text)]

    def span(self, needle: str, after: int = 0) -> tuple[int, int]:
        start = self.doc.text.index(needle, after)
        return start, start + len(needle)

    def sentence(self, offset: int) -> tuple[int, int]:
        return next(s for s in self.sentences if s[0] <= offset < s[1])

    def actor(self, key: str, mention: str | None = None, after: int = 0) -> Actor:
        name, country, kind = ACTORS[key]
        start, end = self.span(mention or name, after)
        return Actor(mention or name, start, end, name, key, country, kind)

    def names(self, key: str, *mentions: str) -> None:
        """The actor's mentions (doc.actors): every place the text says each of `mentions`, as a word."""
        name, country, kind = ACTORS[key]
        for mention in mentions:
            for m in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", self.doc.text):
                self.doc.actors.append(Actor(mention, m.start(), m.end(), name, key, country, kind))
        self.doc.actors.sort(key=lambda a: (a.start, a.end))

    def event(self, eid: str, trigger: str, type_: str, source: list[str], target: list[str], *,
              status: str = "asserted", claimed_by: str | None = None, when: str | None = None,
              where: Location | None = None, links: tuple[Link, ...] = (), after: int = 0,
              mentions: dict[str, str] | None = None) -> Event:
        span = self.span(trigger, after)
        sent = self.sentence(span[0])
        mentions = mentions or {}
        event = Event(
            id=eid, type=type_, span=span, trigger=trigger, sentence_span=sent,
            source=[self.actor(k, mentions.get(k), sent[0]) for k in source],
            target=[self.actor(k, mentions.get(k), sent[0]) for k in target],
            status=status,
            claimed_by=self.actor(claimed_by, mentions.get(claimed_by), sent[0]) if claimed_by else None,
            date=when or self.doc.published.isoformat(), date_precision="day" if when else "article",
            location=where, links=list(links), confidence=0.9,
        )
        self.doc.events.append(event)
        return event

    def position(self, key: str, issue: str, stance: str, evidence: str, mention: str | None = None) -> None:
        span = self.span(evidence)
        self.doc.positions.append(Position(self.actor(key, mention, self.sentence(span[0])[0]), issue, stance, span,
                                           evidence, self.doc.published.isoformat()))


def corpus() -> list[Document]:
    docs = []

    b = Builder("caucasus-talks", "Armenia and Azerbaijan agree to resume talks", "2026-03-10",
                "Armenia and Azerbaijan agreed to resume peace talks in Geneva. "
                "Azerbaijan demanded that Armenia change its constitution before a treaty is signed. "
                "Armenia rejected the demand and accused Azerbaijan of stalling the talks.")
    b.event("e1", "agreed", "AGREE", [ARM], [AZE], where=GENEVA)
    b.event("e2", "demanded", "REQUEST", [AZE], [ARM])
    b.event("e3", "rejected", "REJECT", [ARM], [AZE])
    b.event("e4", "accused", "ACCUSE", [ARM], [AZE])
    b.position(ARM, "talks", "support", "Armenia and Azerbaijan agreed to resume peace talks in Geneva.")
    b.position(AZE, "governance", "demand",
               "Azerbaijan demanded that Armenia change its constitution before a treaty is signed.")
    b.position(ARM, "governance", "reject",
               "Armenia rejected the demand and accused Azerbaijan of stalling the talks.")
    b.names(ARM, "Armenia")
    b.names(AZE, "Azerbaijan")
    docs.append(b.doc)

    b = Builder("kharkiv-shelling", "Shelling in Kharkiv", "2026-03-12",
                "Russian forces shelled Kharkiv overnight, the Ukrainian army said. "
                "Moscow denied the attack. "
                "Ukraine accused Russia of targeting civilians and ruled out a ceasefire. "
                "The Kremlin said it would consider a ceasefire if Kyiv withdrew its troops.")
    shelled = b.event("e1", "shelled", "ASSAULT", [RUS], [UKR], status="alleged", claimed_by=UKR,
                      when="2026-03-11", where=KHARKIV, mentions={RUS: "Russian", UKR: "Ukrainian"})
    b.event("e2", "denied", "ASSAULT", [RUS], [UKR], status="denied", claimed_by=RUS, when="2026-03-11",
            where=KHARKIV, links=(Link("denies", shelled.id),), mentions={RUS: "Moscow", UKR: "Ukraine"})
    b.event("e3", "accused", "ACCUSE", [UKR], [RUS])
    b.position(UKR, "ceasefire", "reject",
               "Ukraine accused Russia of targeting civilians and ruled out a ceasefire.")
    b.position(RUS, "ceasefire", "conditional",
               "The Kremlin said it would consider a ceasefire if Kyiv withdrew its troops.", mention="Kremlin")
    b.names(RUS, "Russian forces", "Moscow", "Russia", "Kremlin")
    b.names(UKR, "Ukrainian army", "Ukraine", "Kyiv")
    docs.append(b.doc)

    b = Builder("kharkiv-ceasefire", "Ceasefire agreed for Kharkiv", "2026-03-20",
                "Russia and Ukraine agreed to a ceasefire around Kharkiv. "
                "Turkey sent aid to civilians in Kharkiv. "
                "Ukraine said it supports the ceasefire.")
    b.event("e1", "agreed", "AGREE", [RUS], [UKR], where=KHARKIV)
    b.event("e2", "sent aid", "AID", [TUR], [UKR], where=KHARKIV, mentions={UKR: "Kharkiv"})
    b.position(UKR, "ceasefire", "support", "Ukraine said it supports the ceasefire.")
    b.position(RUS, "ceasefire", "accept", "Russia and Ukraine agreed to a ceasefire around Kharkiv.")
    b.names(RUS, "Russia")
    b.names(UKR, "Ukraine")
    b.names(TUR, "Turkey")
    docs.append(b.doc)

    b = Builder("caucasus-threat", "Azerbaijan threatens sanctions", "2026-03-25",
                "Azerbaijan threatened Armenia with sanctions. "
                "Armenia will meet Azerbaijan next week, officials said.")
    b.event("e1", "threatened", "THREATEN", [AZE], [ARM])
    b.event("e2", "meet", "CONSULT", [ARM], [AZE], status="future", when="2026-03-31")
    b.names(ARM, "Armenia")
    b.names(AZE, "Azerbaijan")
    docs.append(b.doc)
    return docs


def write_corpus(url: str) -> str:
    """Write the corpus into the (new) database at url with the store's writer; return the url."""
    from parley.store.connect import open_engine
    from parley.store.write import write_document

    engine = open_engine(url)
    with engine.begin() as conn:
        for doc in corpus():
            write_document(conn, doc)
    engine.dispose()
    return url


def build_db(path) -> str:
    """The corpus in a new SQLite file; its SQLAlchemy URL."""
    return write_corpus(f"sqlite:///{path}")


def test_corpus_records_point_at_their_words():
    for doc in corpus():
        for event in doc.events:
            assert doc.text[event.span[0]:event.span[1]] == event.trigger
            for actor in (*event.source, *event.target):
                assert doc.text[actor.start:actor.end] == actor.text
        for position in doc.positions:
            assert doc.text[position.span[0]:position.span[1]] == position.evidence
        assert doc.actors
        for mention in doc.actors:
            assert doc.text[mention.start:mention.end] == mention.text
