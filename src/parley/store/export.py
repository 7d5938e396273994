"""Merged events out for other event-data tools: a registry of formats (PLOVER JSON, CAMEO-style TSV, flat CSV,
Parquet), each a function that writes the events the read layer lists."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import Connection

from parley import __version__
from parley.errors import InvalidQuery
from parley.store.read import EventFilter, list_events
from parley.store.read.positions import PositionFilter, list_positions

FLAT_COLUMNS = ("id", "date", "date_precision", "type", "mode", "cameo", "status", "source", "source_ids",
                "target", "target_ids", "location_name", "location_country", "lat", "lon", "reports",
                "report_statuses", "claimed_by", "article_ids", "urls")
CAMEO_COLUMNS = ("event_id", "date", "source_code", "source_name", "target_code", "target_name", "cameo",
                 "plover", "mode", "status", "location", "country", "lat", "lon", "reports", "urls")

ExportError = InvalidQuery  # an unknown format or a missing --output: the caller must send something else


def _code(actor: dict) -> str:
    """The CAMEO-style actor code: the state's ISO3 for a state ("COD"), else its country and the PLOVER sector
    the reference data gives ("CODREB" for M23, "USAGOV" for an official, "IGO" for a body of no country, "REB"
    for rebels of no named country). Never Parley's internal id ("group:rebels"): empty when nothing is known."""
    country = actor.get("country") or ""
    sector = actor.get("type") or ""
    if actor["id"] == f"country:{country}" or not re.fullmatch(r"[A-Z]{3}", sector):
        return country
    return country + sector


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def _place(event: dict) -> dict:
    return event["location"] or {"name": None, "country": None, "lat": None, "lon": None}


def flat_event(event: dict) -> dict:
    """One event (as read.list_events gives it, with mentions) as a flat row: actors joined with ' + '."""
    mentions = event.get("mentions", [])
    place = _place(event)
    return {
        "id": event["id"], "date": event["date"], "date_precision": event["date_precision"], "type": event["type"],
        "mode": event["mode"], "cameo": event["cameo"], "status": event["status"],
        "source": " + ".join(a["name"] for a in event["source"]),
        "source_ids": " + ".join(a["id"] for a in event["source"]),
        "target": " + ".join(a["name"] for a in event["target"]),
        "target_ids": " + ".join(a["id"] for a in event["target"]),
        "location_name": place["name"], "location_country": place["country"],
        "lat": place["lat"], "lon": place["lon"], "reports": event["mention_count"],
        "report_statuses": _joined(m["status"] for m in mentions),
        "claimed_by": _joined((m["claimed_by"] or {}).get("name") for m in mentions),
        "article_ids": _joined(m["article"]["id"] for m in mentions),
        "urls": _joined(m["article"]["url"] for m in mentions),
    }


def plover_record(event: dict) -> dict:
    """One event in the shape of PLOVER's JSON records, with Parley's reports and claims added."""
    def actors(found):
        return [{"actorText": a["name"], "code": _code(a), "actorId": a["id"], "type": a["type"]} for a in found]

    first = event["mentions"][0] if event["mentions"] else {}
    place = event["location"]
    return {
        "id": event["id"], "date": event["date"], "event": event["type"], "mode": event["mode"] or "",
        "context": "", "cameo": event["cameo"], "source": actors(event["source"]), "target": actors(event["target"]),
        "eventText": first.get("trigger") or "",
        "text": (first.get("sentence") or "") if first.get("sentence_span") else "", "status": event["status"],
        "location": {"name": place["name"], "country": place["country"], "lat": place["lat"],
                     "lon": place["lon"]} if place and place["name"] else None,
        "reports": [{"article": m["article"]["id"], "title": m["article"]["title"], "url": m["article"]["url"],
                     "published": m["article"]["published"], "status": m["status"],
                     "claimedBy": (m["claimed_by"] or {}).get("name"), "trigger": m["trigger"],
                     "span": m["span"]} for m in event["mentions"]],
        "language": "en", "coder": f"parley {__version__}",
    }


def cameo_row(event: dict) -> list:
    def side(found):
        return " + ".join(_code(a) for a in found), " + ".join(a["name"] for a in found)

    source_code, source_name = side(event["source"])
    target_code, target_name = side(event["target"])
    place = _place(event)
    return [event["id"], (event["date"] or "").replace("-", ""), source_code, source_name, target_code, target_name,
            event["cameo"] or "", event["type"], event["mode"] or "", event["status"], place["name"] or "",
            place["country"] or "", "" if place["lat"] is None else place["lat"],
            "" if place["lon"] is None else place["lon"], event["mention_count"],
            _joined(m["article"]["url"] for m in event["mentions"])]


def _write_plover(events: list[dict], out: TextIO | None, path: Path | None) -> None:
    json.dump([plover_record(e) for e in events], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _write_cameo(events: list[dict], out: TextIO | None, path: Path | None) -> None:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(CAMEO_COLUMNS)
    writer.writerows(cameo_row(e) for e in events)


def _write_csv(events: list[dict], out: TextIO | None, path: Path | None) -> None:
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat_event(e) for e in events)


def _write_parquet(events: list[dict], out: TextIO | None, path: Path | None) -> None:
    if path is None:
        raise ExportError("Parquet is a binary format: give --output FILE.parquet.", "output")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet export needs pyarrow: pip install pyarrow==26.0.1, or use --format csv.",
                          "format") from None
    schema = pa.schema([(name, pa.float64() if name in ("lat", "lon") else
                         pa.int64() if name == "reports" else pa.string()) for name in FLAT_COLUMNS])
    pq.write_table(pa.Table.from_pylist([flat_event(e) for e in events], schema=schema), str(path))


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name (as --format takes it), what it is, and the function that writes events."""

    name: str
    description: str
    write: Callable[[list[dict], TextIO | None, Path | None], None]
    binary: bool = False


#: every export format, in the order help lists them: add one here and the CLI offers it
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("plover-json", "PLOVER JSON records with Parley's reports and claims", _write_plover),
    ExportFormat("cameo-tsv", "one tab-separated line per event, CAMEO/Phoenix style", _write_cameo),
    ExportFormat("csv", "one flat line per event", _write_csv),
    ExportFormat("parquet", "the flat lines as a Parquet file (needs --output)", _write_parquet, binary=True),
)
EXPORT_NAMES = tuple(f.name for f in FORMATS)
EXPORT_FORMATS = EXPORT_NAMES


def export(conn: Connection, fmt: str, out: TextIO | None = None, path: Path | None = None,
           flt: EventFilter | None = None) -> int:
    """Write every event (or those `flt` keeps), oldest first, in the format named `fmt`; return how many.
    InvalidQuery for an unknown format, or Parquet without a path."""
    chosen = next((f for f in FORMATS if f.name == fmt), None)
    if chosen is None:
        raise ExportError(f"Unknown format {fmt!r}. Use one of: {', '.join(EXPORT_NAMES)}", "format")
    if chosen.binary and path is None:
        chosen.write([], out, path)  # raises the format's own message
    _, events = list_events(conn, flt or EventFilter(), None, 0, newest_first=False, with_mentions=True)
    chosen.write(events, out, path)
    return len(events)


POSITION_COLUMNS = ("id", "date", "actor_id", "actor", "actor_code", "issue", "stance", "previous_stance", "shift",
                    "evidence", "article_id", "url")
#: the formats positions export in (PLOVER and CAMEO have no record for a stance)
POSITION_FORMATS = ("csv", "parquet")


def flat_position(position: dict) -> dict:
    """One stored position (as read.list_positions gives it) as a flat row; `shift` is 1 when the stance changed."""
    return {"id": position["id"], "date": position["date"], "actor_id": position["actor"]["id"],
            "actor": position["actor"]["name"], "actor_code": _code(position["actor"]), "issue": position["issue"],
            "stance": position["stance"], "previous_stance": position["previous_stance"],
            "shift": int(position["shift"]), "evidence": position["evidence"],
            "article_id": position["article"]["id"], "url": position["article"]["url"]}


def export_positions(conn: Connection, fmt: str, out: TextIO | None = None, path: Path | None = None) -> int:
    """Write every stored position, oldest first, as CSV (to `out`) or Parquet (to `path`); return how many.
    InvalidQuery for another format, or Parquet without a path."""
    if fmt not in POSITION_FORMATS:
        raise ExportError(f"Positions export as {' or '.join(POSITION_FORMATS)}, not {fmt!r}: use --format csv "
                          "or --format parquet --output FILE.parquet.", "format")
    if fmt == "parquet" and path is None:
        raise ExportError("Parquet is a binary format: give --output FILE.parquet.", "output")
    _, found = list_positions(conn, PositionFilter(), None, 0, newest_first=False)
    rows = [flat_position(p) for p in found]
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=POSITION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(name, pa.int64() if name == "shift" else pa.string()) for name in POSITION_COLUMNS])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(path))
    return len(rows)
