"""Steps for merging reports into events: what merging reads of each report (6), merging by score (13),
articles told apart by outlet and text (14)."""

from __future__ import annotations

from sqlalchemy import Connection, text


def add_mention_keys(conn: Connection) -> None:
    """What merging reads of each report (so events can be rebuilt from reports in any order), filled in from
    the event each report belongs to; and a failures table. Spelled out, like add_actor_mentions."""
    serial = "SERIAL" if conn.dialect.name == "postgresql" else "INTEGER"
    conn.execute(text(
        "CREATE TABLE mention_keys (mention_id TEXT NOT NULL PRIMARY KEY REFERENCES event_mentions (id), "
        "type TEXT NOT NULL, actor_key TEXT NOT NULL, merge_date TEXT, mode TEXT, date_precision TEXT, "
        "location_country TEXT, lat FLOAT, lon FLOAT, source_ids TEXT, target_ids TEXT)"))
    conn.execute(text(
        f"CREATE TABLE failures (id {serial} NOT NULL PRIMARY KEY, run_id TEXT REFERENCES runs (id), "
        "stage TEXT NOT NULL, origin TEXT, article_id TEXT, content_hash TEXT, error TEXT NOT NULL, "
        "failed_at TEXT NOT NULL)"))
    conn.execute(text("CREATE INDEX ix_failures_run_id ON failures (run_id)"))
    roles: dict[tuple[str, str], list[str]] = {}
    for event_id, role, actor_id in conn.execute(text(
            "SELECT event_id, role, actor_id FROM event_actors ORDER BY event_id, role, ord, actor_id")):
        roles.setdefault((event_id, role), []).append(actor_id)
    keys = []
    for row in conn.execute(text(
            "SELECT m.id, e.id AS event_id, e.type, e.actor_key, coalesce(m.date, a.published, e.date) AS merge_date, "
            "e.mode, e.date_precision, m.location_name, e.location_name AS event_place, e.location_country, "
            "e.lat, e.lon FROM event_mentions m JOIN events e ON e.id = m.event_id "
            "JOIN articles a ON a.id = m.article_id")).mappings():
        same_place = row["location_name"] is not None and row["location_name"] == row["event_place"]
        keys.append({
            "mention_id": row["id"], "type": row["type"], "actor_key": row["actor_key"],
            "merge_date": row["merge_date"], "mode": row["mode"], "date_precision": row["date_precision"],
            "location_country": row["location_country"] if same_place else None,
            "lat": row["lat"] if same_place else None, "lon": row["lon"] if same_place else None,
            "source_ids": "+".join(roles.get((row["event_id"], "source"), [])),
            "target_ids": "+".join(roles.get((row["event_id"], "target"), []))})
    if keys:
        conn.execute(text(
            "INSERT INTO mention_keys VALUES (:mention_id, :type, :actor_key, :merge_date, :mode, :date_precision, "
            ":location_country, :lat, :lon, :source_ids, :target_ids)"), keys)


#: What version 13 adds for merging by score; spelled out so later schema changes do not change the step.
MERGE_SCORE = (
    "ALTER TABLE events ADD COLUMN merge_date TEXT",
    "CREATE INDEX ix_events_type_merge_date ON events (type, merge_date)",
    "ALTER TABLE event_mentions ADD COLUMN merge_score FLOAT",
    "ALTER TABLE event_mentions ADD COLUMN merge_reason TEXT",
    "ALTER TABLE mention_keys ADD COLUMN source_roots TEXT",
    "ALTER TABLE mention_keys ADD COLUMN target_roots TEXT",
    "ALTER TABLE mention_keys ADD COLUMN location_adm1 TEXT",
    "ALTER TABLE mention_keys ADD COLUMN location_feature TEXT",
    "ALTER TABLE mention_keys ADD COLUMN evidence TEXT",
    "CREATE TABLE article_sketches (article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles (id), "
    "signature TEXT NOT NULL)",
    "CREATE TABLE article_bands (band TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles (id), "
    "PRIMARY KEY (band, article_id))",
    "CREATE INDEX ix_article_bands_article_id ON article_bands (article_id)",
    "CREATE TABLE reprints (article_id TEXT NOT NULL REFERENCES articles (id), "
    "other_id TEXT NOT NULL REFERENCES articles (id), similarity FLOAT NOT NULL, PRIMARY KEY (article_id, other_id))",
)


def merge_by_score(conn: Connection) -> None:
    """Merging by a score (store/merge.py): what it reads of each report, filled in for stored reports (the
    parties their actors stand for as the actors are stored now, the names and numbers of their sentences; the
    kind of place is unknown for them), the reprints among stored articles, and every report merged again by
    the new rule, with the reason it joined its event."""
    from parley.records import Actor
    from parley.store import merge, reprints, write

    for statement in MERGE_SCORE:
        conn.execute(text(statement))
    stored_actors = {row[0]: Actor(text="", start=0, end=0, name=row[1], id=row[0], country=row[2], type=row[3])
                     for row in conn.execute(text("SELECT id, name, country, type FROM actors"))}

    def roots(ids: str | None) -> str:
        return merge.party_roots(stored_actors[a] for a in (ids or "").split("+") if a in stored_actors)

    keys = []
    for row in conn.execute(text(
            "SELECT k.mention_id, k.source_ids, k.target_ids, m.in_title, m.sentence_start, m.sentence_end, "
            "a.text, a.title FROM mention_keys k JOIN event_mentions m ON m.id = k.mention_id "
            "JOIN articles a ON a.id = m.article_id")).mappings():
        body = (row["title"] or "") if row["in_title"] else row["text"]
        start, end = row["sentence_start"], row["sentence_end"]
        sentence = body[start:end] if start is not None and end is not None else ""
        keys.append({"key": row["mention_id"], "source_roots": roots(row["source_ids"]),
                     "target_roots": roots(row["target_ids"]), "evidence": merge.evidence_words(sentence)})
    if keys:
        conn.execute(text("UPDATE mention_keys SET source_roots = :source_roots, target_roots = :target_roots, "
                          "evidence = :evidence WHERE mention_id = :key"), keys)
    stored = [tuple(row) for row in conn.execute(text("SELECT id, text FROM articles ORDER BY id"))]
    for start in range(0, len(stored), 500):
        reprints.record(conn, stored[start:start + 500])
    write.remerge(conn)


def hash_with_outlet(conn: Connection) -> None:
    """Articles are told apart by outlet and text (write.content_hash), so that a wire story another outlet
    prints word for word is stored as that outlet's report: the hashes of stored articles with an outlet are
    computed again."""
    from parley.store.write import content_hash

    changed = [{"key": article_id, "digest": content_hash(body, source)}
               for article_id, source, body in conn.execute(
                   text("SELECT id, source, text FROM articles WHERE source IS NOT NULL"))]
    if changed:
        conn.execute(text("UPDATE articles SET content_hash = :digest WHERE id = :key"), changed)


def merge_by_article_and_evidence(conn: Connection) -> None:
    """Merging's rule of version 22 (store/match.py): two reports of one article are two events, the parties'
    own names are no evidence, and a merge needs something specific. No column changes: every stored report is
    merged again, so an upgraded store holds what a fresh ingest of its articles would."""
    from parley.store import write

    write.remerge(conn)


def merge_with_numbers_and_months(conn: Connection) -> None:
    """Merging's rule of version 25 (store/match.py): numbers written as words are numbers and the days and years
    of dates are not evidence (each stored report's evidence is read again from its sentence), a report dated by
    its month spans its month, and one side misread merges on the same day, town and toll. No column changes:
    every stored report is merged again, so an upgraded store holds what a fresh ingest of its articles would."""
    from parley.store import merge, write

    keys = []
    for row in conn.execute(text(
            "SELECT k.mention_id, m.in_title, m.sentence_start, m.sentence_end, a.text, a.title FROM mention_keys k "
            "JOIN event_mentions m ON m.id = k.mention_id JOIN articles a ON a.id = m.article_id")).mappings():
        body = (row["title"] or "") if row["in_title"] else row["text"]
        start, end = row["sentence_start"], row["sentence_end"]
        sentence = body[start:end] if start is not None and end is not None else ""
        keys.append({"key": row["mention_id"], "evidence": merge.evidence_words(sentence)})
    if keys:
        conn.execute(text("UPDATE mention_keys SET evidence = :evidence WHERE mention_id = :key"), keys)
    write.remerge(conn)
