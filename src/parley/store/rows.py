"""Rows in and out in batches: a few statements per table and batch whatever the number of rows, so the writer
keeps up with the extractor."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, String, column, insert, text

#: Bound parameters per IN (...) list: well under SQLite's and PostgreSQL's limits.
CHUNK = 500
#: From this many rows on, PostgreSQL gets them by COPY rather than INSERT.
COPY_FROM = 200



def insert_rows(conn: Connection, table, rows: Sequence[dict]) -> None:
    """Insert rows (dicts with the same keys) in the caller's transaction: one executemany, or on PostgreSQL
    for many rows one COPY, its fastest way in."""
    if not rows:
        return
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        conn.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    cursor = conn.connection.driver_connection.cursor()
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def chunks(values: Sequence, size: int = CHUNK):
    """The values in slices of at most `size` (for IN lists)."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def literal_rows(conn: Connection, rows: list[tuple], names: tuple[str, ...]):
    """These rows of strings as a derived table `wanted` with these column names, written as text: on
    PostgreSQL one array per column, unnested (a UNION ALL of hundreds of SELECTs took 300 ms to plan); on
    SQLite one JSON array of the rows, read by json_each (a UNION ALL of bound parameters cost SQLAlchemy a
    clone per parameter: half of the typed stance matrix's CPU). Building as many Core SELECTs cost more than
    the query."""
    columns = [column(name, String) for name in names]
    if conn.dialect.name == "postgresql":
        arrays = ", ".join(f"CAST(:{name} AS TEXT[])" for name in names)
        params = {name: [row[k] for row in rows] for k, name in enumerate(names)}
        return (text(f"SELECT * FROM unnest({arrays}) AS wanted ({', '.join(names)})").bindparams(**params)
                .columns(*columns).subquery("wanted"))
    fields = ", ".join(f"CAST(json_extract(value, '$[{k}]') AS TEXT) AS {name}" for k, name in enumerate(names))
    return (text(f"SELECT {fields} FROM json_each(:rows)").bindparams(rows=json.dumps(rows))
            .columns(*columns).subquery("wanted"))
