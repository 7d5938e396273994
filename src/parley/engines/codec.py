"""Records as rows: an article and what was read from it as one flat dict of Arrow-friendly values, and back.

The Ray engine sends these rows between workers and the driver, and `--out DIR` writes them as Parquet, so
`parley load DIR` can store them later. The Document travels as JSON text: one column however nested it is.
"""

from __future__ import annotations

import json
from datetime import date

from parley.records import Actor, Article, Document, Event, Link, Location, Position

#: Columns of a result row, in order; `published` is also the Parquet partition ("unknown" when missing).
COLUMNS = ("id", "origin", "content_hash", "published", "status", "error", "document")
UNKNOWN_DAY = "unknown"


def _actor(d: dict | None) -> Actor | None:
    return Actor(**d) if d else None


def document_to_json(document: Document) -> str:
    """The Document, text included, as compact JSON."""
    def actor(a: Actor) -> dict:
        return {"text": a.text, "start": a.start, "end": a.end, "name": a.name, "id": a.id, "country": a.country,
                "type": a.type}

    def location(loc: Location | None) -> dict | None:
        return None if loc is None else {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon,
                                         "feature": loc.feature, "text": loc.text}

    events = [{
        "id": e.id, "type": e.type, "span": list(e.span), "trigger": e.trigger,
        "sentence_span": list(e.sentence_span) if e.sentence_span else None,
        "source": [actor(a) for a in e.source], "target": [actor(a) for a in e.target], "mode": e.mode,
        "cameo": e.cameo, "status": e.status, "claimed_by": actor(e.claimed_by) if e.claimed_by else None,
        "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
        "location": location(e.location), "links": [{"rel": k.rel, "event": k.event} for k in e.links],
        "confidence": e.confidence} for e in document.events]
    positions = [{"actor": actor(p.actor), "issue": p.issue, "stance": p.stance, "span": list(p.span),
                  "evidence": p.evidence, "date": p.date} for p in document.positions]
    return json.dumps({
        "id": document.id, "text": document.text, "title": document.title,
        "published": document.published.isoformat() if document.published else None, "url": document.url,
        "source": document.source, "events": events, "actors": [actor(a) for a in document.actors],
        "positions": positions, "warnings": list(document.warnings)}, ensure_ascii=False, separators=(",", ":"))


def document_from_json(text: str) -> Document:
    """The Document document_to_json wrote."""
    d = json.loads(text)
    events = [Event(
        id=e["id"], type=e["type"], span=tuple(e["span"]), trigger=e["trigger"],
        sentence_span=tuple(e["sentence_span"]) if e["sentence_span"] else None,
        source=[Actor(**a) for a in e["source"]], target=[Actor(**a) for a in e["target"]], mode=e["mode"],
        cameo=e["cameo"], status=e["status"], claimed_by=_actor(e["claimed_by"]), date=e["date"],
        date_precision=e["date_precision"], date_text=e["date_text"],
        location=Location(**e["location"]) if e["location"] else None,
        links=[Link(**k) for k in e["links"]], confidence=e["confidence"]) for e in d["events"]]
    positions = [Position(actor=Actor(**p["actor"]), issue=p["issue"], stance=p["stance"], span=tuple(p["span"]),
                          evidence=p["evidence"], date=p["date"]) for p in d["positions"]]
    return Document(id=d["id"], text=d["text"], title=d["title"],
                    published=date.fromisoformat(d["published"]) if d["published"] else None, url=d["url"],
                    source=d["source"], events=events, actors=[Actor(**a) for a in d["actors"]],
                    positions=positions, warnings=d["warnings"])


def article_to_row(article: Article) -> dict:
    """An Article as a row of plain values (dates as ISO text)."""
    return {"id": article.id, "text": article.text, "title": article.title,
            "published": article.published.isoformat() if article.published else None, "url": article.url,
            "source": article.source, "origin": article.origin}


def article_from_row(row: dict) -> Article:
    published = row.get("published")
    return Article(text=row["text"], id=row.get("id") or "", title=row.get("title"),
                   published=date.fromisoformat(published) if published else None, url=row.get("url"),
                   source=row.get("source"), origin=row.get("origin"))


def result_row(article: Article, digest: str, result: Document | str | None, status: str) -> dict:
    """One result row: status is extracted, failed (error says why), stored (already in the store) or unreadable."""
    return {"id": article.id, "origin": article.origin, "content_hash": digest,
            "published": article.published.isoformat() if article.published else UNKNOWN_DAY,
            "status": status, "error": result if isinstance(result, str) else None,
            "document": document_to_json(result) if isinstance(result, Document) else None}
