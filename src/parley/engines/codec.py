"""Records as rows: an article and what was read from it as one flat dict of Arrow-friendly values, and back.

The Ray engine sends these rows between workers and the driver, and `--out DIR` writes them as Parquet, so
`parley load DIR` can store them later. The Document travels as JSON text: one column however nested it is.
"""

from __future__ import annotations

import json
from datetime import date

from parley.records import Article, Document, plain_default, plain_hook

#: Columns of a result row, in order; `published` is also the Parquet partition ("unknown" when missing).
COLUMNS = ("id", "origin", "content_hash", "published", "status", "error", "document")
UNKNOWN_DAY = "unknown"


def document_to_json(document: Document) -> str:
    """The Document, text included, as compact JSON (records.plain_default: every field of every record)."""
    return json.dumps(document, default=plain_default, ensure_ascii=False, separators=(",", ":"))


def document_from_json(text: str) -> Document:
    """The Document document_to_json wrote."""
    return json.loads(text, object_hook=plain_hook)


def article_to_row(article: Article) -> dict:
    """An Article as a row of plain values (dates as ISO text)."""
    return {"id": article.id, "text": article.text, "title": article.title,
            "published": article.published.isoformat() if article.published else None, "url": article.url,
            "source": article.source, "origin": article.origin, "headline": article.headline,
            "summary": article.summary}


def article_from_row(row: dict) -> Article:
    published = row.get("published")
    return Article(text=row["text"], id=row.get("id") or "", title=row.get("title"),
                   published=date.fromisoformat(published) if published else None, url=row.get("url"),
                   source=row.get("source"), origin=row.get("origin"), headline=row.get("headline", True),
                   summary=row.get("summary", False))


def result_row(article: Article, digest: str, result: Document | str | None, status: str) -> dict:
    """One result row: status is extracted, failed (error says why), stored (already in the store) or unreadable."""
    return {"id": article.id, "origin": article.origin, "content_hash": digest,
            "published": article.published.isoformat() if article.published else UNKNOWN_DAY,
            "status": status, "error": result if isinstance(result, str) else None,
            "document": document_to_json(result) if isinstance(result, Document) else None}
