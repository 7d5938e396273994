"""Gather a brief from the store: the parties' stances, shifts, ceasefire events, violence and key events in a
period, each with the stored sentence it rests on and the article that sentence is from.

Everything is read through parley.store.read (the layer the CLI and the API read through); nothing here writes,
and nothing is said that the store does not hold: a line of the brief is a stored position, a stored event or a
count of them. The result is a plain dict (JSON-ready), rendered by parley.brief.render.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection

from parley.errors import InvalidQuery
from parley.records import ISSUES
from parley.store import read
from parley.store.read.common import actors_by_id

#: The event types counted as violence: PLOVER's use of force (ASSAULT) and coercion (COERCE: arrests,
#: seizures, expulsions). PROTEST, MOBILIZE and SANCTION are material conflict too, but not violence.
VIOLENT_TYPES = ("ASSAULT", "COERCE")
#: Stances listed under "new proposals, demands and rejections" when a party first takes one on an issue.
NEW_STANCES = ("propose", "demand", "reject", "oppose")
#: How many key events the brief lists (two A4 pages leave room for about this many with their evidence).
KEY_EVENTS = 10
#: How many lines each list of "what changed" shows before saying how many more the store holds.
MAX_LINES = 6
#: How many party-issue rows "who stands where" shows: those that changed in the period first, then the most
#: recently stated; the brief says how many more the store holds.
MAX_STANCES = 20


@dataclass(frozen=True)
class BriefRequest:
    """What to brief on: the parties (actor names or ids, as `parley actors` lists them), the negotiating issues
    (none: every issue), and the period [since, until] in calendar days (until: the last day the store holds)."""

    actors: tuple[str, ...]
    since: date
    until: date | None = None
    issues: tuple[str, ...] = field(default=())


class Citations:
    """Numbers the articles the brief quotes, in the order the brief first quotes them: [1], [2], ..."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.articles: list[dict] = []

    def cite(self, article: dict | None) -> int | None:
        """The number of `article` (a read-layer article ref: id, title, published, source, url)."""
        if not article:
            return None
        if article["id"] not in self.numbers:
            self.numbers[article["id"]] = len(self.articles) + 1
            self.articles.append({**article, "n": len(self.articles) + 1})
        return self.numbers[article["id"]]


def _check(request: BriefRequest, conn: Connection) -> tuple[date, date]:
    """The period to brief on; InvalidQuery naming the parameter when the request cannot be answered."""
    if not request.actors:
        raise InvalidQuery("A brief needs at least one party: pass --actor NAME (repeat it for several); "
                           "`parley actors` lists the stored ones.", "actor")
    unknown = [i for i in request.issues if i not in ISSUES]
    if unknown:
        raise InvalidQuery(f"Unknown issue {unknown[0]!r}. Use one of: {', '.join(ISSUES)}.", "issue")
    until = request.until
    if until is None:
        facts = read.counts(conn)
        last = max([d for d in (facts["last"], facts["published_last"]) if d], default=None)
        until = max(date.fromisoformat(last[:10]), request.since) if last else request.since
    if request.since > until:
        raise InvalidQuery(f"since ({request.since}) is after until ({until}): send since on or before until.",
                           "since")
    return request.since, until


def _parties(conn: Connection, names: tuple[str, ...]) -> list[dict]:
    """Each --actor as a party: its stored actors (resolve_actor), their display name, and every id that speaks
    for it (a country's government and military too: read.with_officials)."""
    parties, seen = [], set()
    for value in names:
        ids = read.resolve_actor(conn, value)
        key = tuple(ids)
        if key in seen:
            continue
        seen.add(key)
        refs = actors_by_id(conn, ids)
        parties.append({"query": value, "ids": ids, "name": " / ".join(refs[i]["name"] for i in ids if i in refs),
                        "all_ids": read.with_officials(conn, ids)})
    return parties


def _in(day: str | None, since: date, until: date) -> bool:
    return bool(day) and since.isoformat() <= day[:10] <= until.isoformat()


def _positions(conn: Connection, parties: list[dict], issues: tuple[str, ...], since: date,
               until: date) -> tuple[list, list, list, int]:
    """(stance shifts in the period, new proposals/demands/rejections in the period, who stands where, how many
    positions are dated in the period).

    Shifts are the store's (store/derived.py decides them, every reader shows the same); a position is new when
    it is the first article stance a party states on an issue; a row of who stands where is a party's latest
    stance on an issue up to `until`, since the shift that led to it (else since it was first seen)."""
    ids = sorted({i for p in parties for i in p["all_ids"]})
    _, found = read.list_positions(conn, read.PositionFilter(actor_ids=ids, until=until), None, 0,
                                   newest_first=False)
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for item in found:
        if item["date"] and (not issues or item["issue"] in issues):
            grouped[(item["actor"]["id"], item["issue"])].append(item)
    party_of = {}
    for rank, party in enumerate(parties):
        for actor_id in party["all_ids"]:
            party_of.setdefault(actor_id, rank)
    issue_rank = {issue: n for n, issue in enumerate(ISSUES)}
    order = sorted(grouped, key=lambda k: (party_of.get(k[0], len(parties)), grouped[k][0]["actor"]["name"],
                                          issue_rank.get(k[1], len(ISSUES)), k[1]))
    shifts, new, rows = [], [], []
    stated = sum(1 for items in grouped.values() for p in items if _in(p["date"], since, until))
    for key in order:
        # the read layer's order of an actor-issue's positions (read.position_timelines): date, publication, article
        items = sorted(grouped[key], key=lambda p: (p["date"], p["article"]["published"] or "", p["article"]["id"],
                                                    p["span"][0]))
        first_article = items[0]["article"]["id"]
        first = [p for p in items if p["article"]["id"] == first_article][-1]  # an article's stance is its last
        if _in(first["date"], since, until) and first["stance"] in NEW_STANCES:
            new.append(first)
        changed = [p for p in items if p["shift"] and _in(p["date"], since, until)]
        shifts += changed
        last_shift = next((p for p in reversed(items) if p["shift"]), None)
        latest = items[-1]
        rows.append({"actor": latest["actor"]["name"], "issue": key[1], "stance": latest["stance"],
                     "since": (last_shift or items[0])["date"],
                     "change": ([{"from": p["previous_stance"], "to": p["stance"], "date": p["date"]} for p in changed]
                                or ("new" if _in(items[0]["date"], since, until) else "unchanged")),
                     "evidence": latest["evidence"], "article": latest["article"], "stated": latest["date"]})

    def line(p: dict) -> dict:
        return {"date": p["date"], "actor": p["actor"]["name"], "issue": p["issue"], "stance": p["stance"],
                "from": p["previous_stance"], "evidence": p["evidence"], "article": p["article"]}

    shifts = [line(p) for p in sorted(shifts, key=lambda p: (p["date"], p["actor"]["name"], p["issue"]))]
    new = [line(p) for p in sorted(new, key=lambda p: (p["date"], p["actor"]["name"], p["issue"]))]
    return shifts, new, _shown(rows), stated


def _shown(rows: list[dict]) -> list[dict]:
    """The MAX_STANCES rows "who stands where" shows, in party and issue order: the rows that changed in the
    period, then the most recently stated. Every row carries `of`, how many rows there are in all."""
    keep = sorted(sorted(range(len(rows)), key=lambda n: (rows[n]["change"] != "unchanged", rows[n]["stated"]),
                         reverse=True)[:MAX_STANCES])
    return [{**rows[n], "of": len(rows)} for n in keep]


def _event_line(event: dict, reports: list[dict]) -> dict:
    """One event as the brief shows it: date, place, who (source) did what (type, trigger as written) to whom
    (target), how many reports in how many outlets, and its status and claimants where it is not asserted."""
    claims = []
    for r in reports:
        if r["status"] != "asserted":
            claim = (r["status"], (r["claimed_by"] or {}).get("name"))
            if claim not in claims:
                claims.append(claim)
    return {"id": event["id"], "date": event["date"], "type": event["type"], "mode": event["mode"],
            "place": (event["location"] or {}).get("name"),
            "source": [a["name"] for a in event["source"]], "target": [a["name"] for a in event["target"]],
            "trigger": event["trigger"], "status": event["status"],
            "claims": [{"status": s, "by": by} for s, by in claims],
            "reports": len(reports) or event["mention_count"],
            "outlets": len({r["article"]["source"] for r in reports if r["article"]["source"]}),
            "evidence": event["sentence"], "article": event["article"]}


def _key_events(conn: Connection, events: list[dict]) -> list[dict]:
    """The KEY_EVENTS events reported most often; among equals, material acts (attacks, aid, withdrawals) and
    agreements before words, then the earlier; listed by date."""
    def weight(e: dict) -> int:
        kind = read.quad(e["type"])
        return 2 if kind.startswith("material") else 1 if e["type"] == "AGREE" else 0

    chosen = sorted(events, key=lambda e: (-e["mention_count"], -weight(e), e["date"] or "", e["id"]))[:KEY_EVENTS]
    chosen.sort(key=lambda e: (e["date"] or "", e["id"]))
    reports = read.event_reports(conn, [e["id"] for e in chosen])
    return [_event_line(e, reports.get(e["id"], [])) for e in chosen]


def _ceasefire(conn: Connection, party_ids: set[str], scope: set[str], since: date, until: date) -> dict:
    """Ceasefire events in the period: those reported in a sentence that states a position on the ceasefire, or
    of the ceasefire mode (a truce taking effect), with a party as actor or reported in an article of the brief's
    corpus; split into cooperative types (agreed, welcomed, in force) and conflictual ones (violations reported,
    accusations)."""
    found: dict[str, dict] = {}
    for flt in (read.EventFilter(issue="ceasefire", since=since, until=until),
                read.EventFilter(types=["RETREAT"], since=since, until=until)):
        for e in read.list_events(conn, flt, None, 0, newest_first=False)[1]:
            if flt.issue or e["mode"] == "ceasefire":
                found[e["id"]] = e
    kept = [e for e in found.values()
            if {a["id"] for a in (*e["source"], *e["target"])} & party_ids or (e["article"] or {}).get("id") in scope]
    kept.sort(key=lambda e: (e["date"] or "", e["id"]))
    reports = read.event_reports(conn, [e["id"] for e in kept])
    split = {"agreed": [], "broken": []}
    for e in kept:
        item = _event_line(e, reports.get(e["id"], []))
        split["agreed" if read.is_cooperative(e["type"]) else "broken"].append(item)
    return split


def _trend(now: int, before: int) -> str:
    return "▲" if now > before else "▼" if now < before else "="


def _violence(conn: Connection, party_ids: list[str], events: list[dict], since: date, until: date) -> dict:
    """Violent events (VIOLENT_TYPES) with a party as source or target in the period and in the period of the
    same length just before, per type and in all, with the direction of the change."""
    days = (until - since).days + 1
    before_until = since - timedelta(days=1)
    before_since = since - timedelta(days=days)
    rows = []
    for kind in VIOLENT_TYPES:
        now = sum(1 for e in events if e["type"] == kind)
        before = read.list_events(conn, read.EventFilter(actor_ids=party_ids, types=[kind], since=before_since,
                                                         until=before_until), 1, 0)[0]
        rows.append({"type": kind, "period": now, "before": before, "trend": _trend(now, before)})
    total_now, total_before = sum(r["period"] for r in rows), sum(r["before"] for r in rows)
    return {"types": rows, "period": total_now, "before": total_before, "trend": _trend(total_now, total_before),
            "before_since": before_since.isoformat(), "before_until": before_until.isoformat()}


def _weeks(events: list[dict], since: date, until: date) -> list[dict]:
    """Events per week (weeks start on Monday; the first and last are cut to the period) by PLOVER type."""
    start = since - timedelta(days=since.weekday())
    weeks = []
    while start <= until:
        end = start + timedelta(days=6)
        counts = Counter(e["type"] for e in events if _in(e["date"], max(start, since), min(end, until)))
        weeks.append({"start": max(start, since).isoformat(), "end": min(end, until).isoformat(),
                      "by_type": dict(counts), "total": sum(counts.values())})
        start = end + timedelta(days=1)
    return weeks


def _corpus(conn: Connection, party_ids: list[str], since: date, until: date) -> dict:
    """The articles published in the period that report an event or a position of a party, and their outlets;
    and what the store holds overall, for a period with no reports."""
    total, items = read.list_articles(conn, since=since, until=until, actor_ids=party_ids, limit=None)
    outlets = Counter(a["source"] or "unknown outlet" for a in items)
    facts = read.counts(conn)
    return {"articles": total, "ids": [a["id"] for a in items],
            "outlets": [{"name": name, "articles": n} for name, n in sorted(outlets.items(), key=lambda i: (-i[1], i[0]))],
            "stored_articles": facts["articles"], "stored_first": facts["published_first"],
            "stored_last": facts["published_last"]}


def _last_before(conn: Connection, party_ids: list[str], since: date) -> str | None:
    """The date of the parties' last event before the period (for a period with none)."""
    _, found = read.list_events(conn, read.EventFilter(actor_ids=party_ids, until=since - timedelta(days=1)), 1, 0)
    return found[0]["date"] if found else None


def gather(conn: Connection, request: BriefRequest) -> dict:
    """The brief's content, read from the store: a JSON-ready dict with `parties`, `issues`, `since`, `until`,
    `days`, `corpus`, `shifts`, `new_positions`, `ceasefire` ({agreed, broken}), `violence`, `weeks`,
    `stances` (who stands where), `key_events`, `events` (how many in the period), `sources` (the articles
    quoted, numbered in the order the brief quotes them; each quoted item has its number as `cite`) and
    `empty` (no event, no position and no ceasefire event dated in the period: then only the corpus facts and
    `last_before`, the date of the parties' last event before the period, are given).

    Raises InvalidQuery (naming `actor`, `issue` or `since`) for a party the store does not know, an unknown
    issue, or since after until."""
    since, until = _check(request, conn)
    parties = _parties(conn, request.actors)
    party_ids = sorted({i for p in parties for i in p["all_ids"]})
    corpus = _corpus(conn, party_ids, since, until)
    _, events = read.list_events(conn, read.EventFilter(actor_ids=party_ids, since=since, until=until), None, 0,
                                 newest_first=False)
    shifts, new, stances, stated = _positions(conn, parties, request.issues, since, until)
    ceasefire = (_ceasefire(conn, set(party_ids), set(corpus["ids"]), since, until)
                 if not request.issues or "ceasefire" in request.issues else {"agreed": [], "broken": []})
    empty = not events and not stated and not ceasefire["agreed"] and not ceasefire["broken"]
    brief = {
        "parties": [{"name": p["name"], "query": p["query"], "ids": p["ids"]} for p in parties],
        "issues": list(request.issues), "since": since.isoformat(), "until": until.isoformat(),
        "days": (until - since).days + 1, "corpus": corpus, "events": len(events), "empty": empty,
        "max_lines": MAX_LINES, "violent_types": list(VIOLENT_TYPES),
        "shifts": [], "new_positions": [], "ceasefire": {"agreed": [], "broken": []}, "stances": [],
        "key_events": [], "weeks": [], "violence": None, "sources": [], "last_before": None,
    }
    if empty:
        brief["last_before"] = _last_before(conn, party_ids, since)
        return brief
    brief.update(shifts=shifts, new_positions=new, ceasefire=ceasefire, stances=stances,
                 violence=_violence(conn, party_ids, events, since, until), weeks=_weeks(events, since, until),
                 key_events=_key_events(conn, events))
    # sources are numbered in the order the brief quotes them
    cite = Citations()
    for item in (*shifts[:MAX_LINES], *new[:MAX_LINES], *ceasefire["agreed"][:MAX_LINES],
                 *ceasefire["broken"][:MAX_LINES], *stances, *brief["key_events"]):
        item["cite"] = cite.cite(item["article"])
    brief["sources"] = cite.articles
    return brief


__all__ = ["KEY_EVENTS", "MAX_LINES", "MAX_STANCES", "NEW_STANCES", "VIOLENT_TYPES", "BriefRequest", "Citations", "gather"]
