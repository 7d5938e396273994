"""Merged events out as PLOVER JSON, CAMEO-style TSV, flat CSV or Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TextIO

from sqlalchemy import Connection, func, select

from parley import __version__
from parley.errors import InvalidQuery
from parley.store.query import list_events
from parley.store.schema import articles, event_mentions

EXPORT_FORMATS = ("plover-json", "cameo-tsv", "csv", "parquet")
FLAT_COLUMNS = ("id", "date", "date_precision", "type", "mode", "cameo", "status", "source", "source_ids",
                "target", "target_ids", "location_name", "location_country", "lat", "lon", "reports",
                "report_statuses", "claimed_by", "article_ids", "urls")
CAMEO_COLUMNS = ("event_id", "date", "source_code", "source_name", "target_code", "target_name", "cameo",
                 "plover", "mode", "status", "location", "country", "lat", "lon", "reports", "urls")


ExportError = InvalidQuery  # an unknown format or a missing --output: the caller must send something else


def _code(actor: dict) -> str:
    return actor.get("country") or actor["id"]


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def flat_event(event: dict) -> dict:
    """One event as a flat row: actors joined with ' + ', reports summarised."""
    mentions = event.get("mentions", [])
    return {
        "id": event["id"], "date": event["date"], "date_precision": event["date_precision"], "type": event["type"],
        "mode": event["mode"], "cameo": event["cameo"], "status": event["status"],
        "source": " + ".join(a["name"] for a in event["source"]),
        "source_ids": " + ".join(a["id"] for a in event["source"]),
        "target": " + ".join(a["name"] for a in event["target"]),
        "target_ids": " + ".join(a["id"] for a in event["target"]),
        "location_name": event["location_name"], "location_country": event["location_country"],
        "lat": event["lat"], "lon": event["lon"], "reports": event["mention_count"],
        "report_statuses": _joined(m["status"] for m in mentions),
        "claimed_by": _joined(m["claimed_by_name"] for m in mentions),
        "article_ids": _joined(m["article_id"] for m in mentions),
        "urls": _joined(m["article_url"] for m in mentions),
    }


def _sentences(conn: Connection, events: list[dict]) -> dict[str, str]:
    ids = [m["id"] for e in events for m in e["mentions"][:1] if m["sentence_start"] is not None]
    if not ids:
        return {}
    start = event_mentions.c.sentence_start
    stmt = (select(event_mentions.c.id, func.substr(articles.c.text, start + 1, event_mentions.c.sentence_end - start))
            .join(articles, articles.c.id == event_mentions.c.article_id).where(event_mentions.c.id.in_(ids)))
    return {row[0]: row[1] for row in conn.execute(stmt)}


def plover_record(event: dict, sentence: str | None = None) -> dict:
    """One event in the shape of PLOVER's JSON records, with Parley's reports and claims added."""
    def actors(found):
        return [{"actorText": a["name"], "code": _code(a), "actorId": a["id"], "type": a["type"]} for a in found]

    first = event["mentions"][0] if event["mentions"] else {}
    return {
        "id": event["id"], "date": event["date"], "event": event["type"], "mode": event["mode"] or "",
        "context": "", "cameo": event["cameo"], "source": actors(event["source"]), "target": actors(event["target"]),
        "eventText": first.get("trigger") or "", "text": sentence or "", "status": event["status"],
        "location": {"name": event["location_name"], "country": event["location_country"], "lat": event["lat"],
                     "lon": event["lon"]} if event["location_name"] else None,
        "reports": [{"article": m["article_id"], "title": m["article_title"], "url": m["article_url"],
                     "published": m["article_published"], "status": m["status"],
                     "claimedBy": m["claimed_by_name"], "trigger": m["trigger"],
                     "span": [m["span_start"], m["span_end"]]} for m in event["mentions"]],
        "language": "en", "coder": f"parley {__version__}",
    }


def cameo_row(event: dict) -> list:
    def side(found):
        return " + ".join(_code(a) for a in found), " + ".join(a["name"] for a in found)

    source_code, source_name = side(event["source"])
    target_code, target_name = side(event["target"])
    return [event["id"], (event["date"] or "").replace("-", ""), source_code, source_name, target_code, target_name,
            event["cameo"] or "", event["type"], event["mode"] or "", event["status"], event["location_name"] or "",
            event["location_country"] or "", "" if event["lat"] is None else event["lat"],
            "" if event["lon"] is None else event["lon"], event["mention_count"],
            _joined(m["article_url"] for m in event["mentions"])]


def export(conn: Connection, fmt: str, out: TextIO | None = None, path: Path | None = None, **filters) -> int:
    """Write every event (or those matching list_events filters) in the format; return how many."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Unknown format {fmt!r}. Use one of: {', '.join(EXPORT_FORMATS)}", "format")
    events = list_events(conn, with_mentions=True, **filters)
    if fmt == "parquet":
        _write_parquet([flat_event(e) for e in events], path)
        return len(events)
    if fmt == "plover-json":
        sentences = _sentences(conn, events)
        records = [plover_record(e, sentences.get(e["mentions"][0]["id"]) if e["mentions"] else None)
                   for e in events]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "cameo-tsv":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(CAMEO_COLUMNS)
        writer.writerows(cameo_row(e) for e in events)
    else:
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat_event(e) for e in events)
    return len(events)


def _write_parquet(rows: list[dict], path: Path | None) -> None:
    if path is None:
        raise ExportError("Parquet is a binary format: give --output FILE.parquet.", "output")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet export needs pyarrow: pip install pyarrow==26.0.1, or use --format csv.") from None
    schema = pa.schema([(name, pa.float64() if name in ("lat", "lon") else
                         pa.int64() if name == "reports" else pa.string()) for name in FLAT_COLUMNS])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(path))
