"""Rows (dicts) out as a rich table, a JSON array or CSV, for the corpus commands."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

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
