"""What the CLI prints: extracted Documents (JSON lines, JSON, table) and stored rows (table, JSON, CSV)."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from parley.records import Document

FORMATS = ("table", "json", "csv")

#: (key, header, how to show the value in a table or CSV cell)
Column = tuple[str, str, Callable[[Any], str] | None]
#: Columns that read badly when folded over two lines in a table.
NO_WRAP = {"id", "date", "first_seen", "last_seen", "type", "status", "latest_stance", "mention_count", "reports"}


def cell(value: Any) -> str:
    """A value as table or CSV text: lists joined, missing values empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or json.dumps(value, ensure_ascii=False))
    return str(value)


def names(actors: list[dict] | None) -> str:
    return " + ".join(a["name"] for a in actors or [])


def render(rows: Sequence[dict], fmt: str, columns: Sequence[Column], out: TextIO, *, title: str | None = None,
           json_rows: Sequence[dict] | None = None) -> None:
    """Write rows: a table or CSV with `columns`, or JSON (all fields, or `json_rows` when given)."""
    if fmt == "json":
        json.dump(list(json_rows if json_rows is not None else rows), out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([header for _, header, _ in columns])
        for row in rows:
            writer.writerow([(show or cell)(row.get(key)) for key, _, show in columns])
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=Text(title) if title else None, title_justify="left")
        for key, header, _ in columns:
            table.add_column(header, overflow="fold", no_wrap=key in NO_WRAP)
        for row in rows:
            table.add_row(*[Text((show or cell)(row.get(key)) or "-") for key, _, show in columns])
        console = Console(file=out, width=None if out.isatty() else 160, highlight=False)
        if rows:
            console.print(table)
        else:
            console.print(Text(f"{title or 'Nothing'}: none found."))
    out.flush()


REPEAT_WARNINGS = 3  # a batch repeats the same warning per article: show a few, then count the rest


def _actor_label(actors) -> str:
    return " + ".join(a.name for a in actors) or "-"


def print_documents(documents: Iterable[Document], fmt: str, warn: Callable[[str], None] | None = None,
                    out=None, origin: Callable[[Document], str | None] | None = None) -> int:
    """Print each Document as it comes (streaming), return how many were printed. Its warnings go to `warn`,
    named by `origin(document)` (where it was read: "in.jsonl:3"), else by its id."""
    out = out or sys.stdout
    count = 0
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        console = Console(file=out, width=160)
    repeats: Counter = Counter()
    for document in documents:
        count += 1
        if warn:
            for message in document.warnings:
                repeats[message] += 1
                if repeats[message] <= REPEAT_WARNINGS:
                    warn(f"{(origin and origin(document)) or document.id}: {message}")
        if fmt == "jsonl":
            out.write(json.dumps(document.to_json(), ensure_ascii=False) + "\n")
        elif fmt == "json":
            out.write(("[\n" if count == 1 else ",\n") + json.dumps(document.to_json(), ensure_ascii=False, indent=1))
        else:
            heading = document.id if not document.title or document.title == document.id else \
                f"{document.id}  {document.title}"
            table = Table(title=heading, title_justify="left")
            for column in ("type", "source", "target", "status", "claimant", "date", "place", "trigger"):
                table.add_column(column)
            # in text order (the title's events after the text's), as a reader meets them
            rows = [("", e) for e in sorted(document.events, key=lambda e: e.span)] + \
                [("title: ", e) for e in sorted(document.title_events, key=lambda e: e.span)]
            for part, e in rows:
                table.add_row(e.type, _actor_label(e.source), _actor_label(e.target), e.status,
                              e.claimed_by.name if e.claimed_by else "-", e.date or "-",
                              e.location.name if e.location else "-", part + e.trigger[:60])
            console.print(table)
            if document.positions:
                console.print("positions: " + "; ".join(
                    f"{p.actor.name} {p.stance} {p.issue}" for p in document.positions))
    if warn:
        for message, times in repeats.items():
            if times > REPEAT_WARNINGS:
                warn(f"... and {times - REPEAT_WARNINGS} more articles: {message}")
    if fmt == "json":
        out.write("\n]\n" if count else "[]\n")
    out.flush()
    return count
