"""The watch loop: each cycle ingests the sources, evaluates the rules on what it added, delivers, writes the feed.

Every step leaves the store consistent, so stopping between steps (or a crash inside one) loses nothing and
repeats nothing: ingest skips stored articles; the runs not evaluated yet are evaluated by the next cycle; an
alert is stored once per (rule, subject); a delivery is pending until its channel took it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from parley.errors import InvalidQuery
from parley.store import alerts as alert_store
from parley.store.connect import open_engine
from parley.watch.deliver import deliver
from parley.watch.evaluate import evaluate, fresh
from parley.watch.feed import write_feed
from parley.watch.rules import Rules

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> int:
    """Seconds in a period written like 90s, 15m, 2h or 1d. Raises InvalidQuery("every") otherwise."""
    found = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", value or "")
    if not found or int(found.group(1)) == 0:
        raise InvalidQuery(f"{value!r} is not a period. Write a whole number and a unit: 90s, 15m, 2h or 1d.",
                           "every")
    return int(found.group(1)) * UNITS[found.group(2)]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


@dataclass
class CycleReport:
    """What one cycle did. `summary()` is its one line."""

    articles: int = 0
    events: int = 0
    alerts: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    stopped: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [_plural(self.articles, "new article"), _plural(self.events, "event"),
                 _plural(self.alerts, "new alert"), _plural(self.sent, "alert") + " sent"]
        if self.retried:
            parts.append(_plural(self.retried, "delivery", "deliveries") + " retried")
        if self.failed:
            parts.append(_plural(self.failed, "delivery", "deliveries") + " failed (kept for the next cycle)")
        line = ", ".join(parts)
        return line + "; stopped before the cycle's end" if self.stopped else line


class _Stopped(Exception):
    """Raised from the ingest's progress callback when a stop is asked for: the ingest commits and returns."""


def run_cycle(sources: Iterable[str], db_url: str | None, rules: Rules | None, *,
              stop: threading.Event | None = None, say: Callable[[str], None] = lambda _: None,
              on_error: Callable[[str], None] | None = None, on_progress=None, ingest=None) -> CycleReport:
    """One cycle: ingest `sources` into the store at `db_url`, evaluate `rules` on the runs not evaluated yet,
    store the alerts, deliver the pending ones, write the feed. `stop` (set from a signal handler) ends the cycle
    at the next step or article. `ingest` is parley.ingest.ingest unless given (same signature). Returns the
    report; raises StoreError or ModelError as ingest does."""
    if ingest is None:
        from parley.ingest import ingest
    stop = stop or threading.Event()
    report = CycleReport()
    store = open_engine(db_url)
    try:
        with store.connect() as conn:
            # before the first watch's ingest: what the store holds already is old news
            known = alert_store.take_stored_as_known(conn) if rules is not None else 0
            conn.commit()
            if known:
                say(f"first watch on this store: the {_plural(known, 'earlier run')} count as already seen")

        def progress(found):
            if stop.is_set():
                raise _Stopped
            if on_progress is not None:
                on_progress(found)

        say("ingesting " + ", ".join(sources))
        try:
            found = ingest(list(sources), db_url, on_error=on_error, on_progress=progress, workers=1)
        except _Stopped:
            report.stopped = True
            return report
        report.articles = found.new
        report.errors += found.errors
        if rules is None or stop.is_set():
            report.stopped = stop.is_set()
            return report
        with store.connect() as conn:
            say(f"evaluating {_plural(len(rules.rules), 'rule')}")
            runs = alert_store.unchecked_runs(conn)
            new = fresh(conn, runs)
            report.events = len(new.event_ids)
            added = alert_store.add_alerts(conn, evaluate(conn, rules, new), [c.name for c in rules.channels],
                                           runs[-1] if runs else None)
            alert_store.mark_checked(conn, runs)
            conn.commit()
            report.alerts = len(added)
            report.warnings += new.warnings
            if stop.is_set():
                report.stopped = True
                return report
            if rules.channels:
                say(f"delivering to {_plural(len(rules.channels), 'channel')}")
                done = deliver(conn, rules, stop=stop)
                report.sent, report.retried, report.failed = len(done.sent), done.retried, done.failed
                report.errors += done.errors
            if rules.feed is not None:
                held = write_feed(conn, rules.feed, rules.dashboard)
                say(f"wrote {_plural(held, 'alert')} to {rules.feed}")
            report.stopped = stop.is_set()
    finally:
        store.dispose()
    return report


def watch(sources: Iterable[str], db_url: str | None, rules: Rules | None, *, every: int = 900, once: bool = False,
          stop: threading.Event | None = None, on_cycle: Callable[[int, CycleReport], None] = lambda *_: None,
          **options) -> int:
    """Run cycles every `every` seconds (one with `once`) until `stop` is set; `on_cycle(n, report)` after each.
    `options` go to run_cycle. Returns the number of cycles run."""
    stop = stop or threading.Event()
    sources = list(sources)
    cycles = 0
    while not stop.is_set():
        cycles += 1
        report = run_cycle(sources, db_url, rules, stop=stop, **options)
        on_cycle(cycles, report)
        if once or report.stopped:
            break
        stop.wait(every)
    return cycles
