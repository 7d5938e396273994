"""Print Documents as JSON lines, one JSON array, or a readable rich table."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable

from parley.records import Document


REPEAT_WARNINGS = 3  # a batch repeats the same warning per article: show a few, then count the rest


def _actor_label(actors) -> str:
    return " + ".join(a.name for a in actors) or "-"


def _heading(document: Document) -> str:
    """The article's id, and its title unless the title is only the id again (a file's name made readable)."""
    def plain(text: str) -> str:
        return " ".join(text.replace("_", " ").replace("-", " ").lower().split())
    title = (document.title or "").strip()
    return f"{document.id}  {title}" if title and plain(title) != plain(document.id) else document.id


def print_documents(documents: Iterable[Document], fmt: str, warn: Callable[[str], None] | None = None,
                    out=None) -> int:
    """Print each Document as it comes (streaming), return how many were printed."""
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
                    warn(f"{document.id}: {message}")
        if fmt == "jsonl":
            out.write(json.dumps(document.to_json(), ensure_ascii=False) + "\n")
        elif fmt == "json":
            out.write(("[\n" if count == 1 else ",\n") + json.dumps(document.to_json(), ensure_ascii=False, indent=1))
        else:
            table = Table(title=_heading(document), title_justify="left")
            for column in ("type", "source", "target", "status", "claimant", "date", "place", "trigger"):
                table.add_column(column)
            for e in document.events:
                table.add_row(e.type, _actor_label(e.source), _actor_label(e.target), e.status,
                              e.claimed_by.name if e.claimed_by else "-", e.date or "-",
                              e.location.name if e.location else "-", e.trigger[:60])
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
