"""Sending alerts through apprise: one grouped message per channel per cycle, failures kept for the next one.

Each channel gets every alert still pending for it (new ones and those a failed attempt left) in one message.
The outcome is recorded per channel as soon as it is known and committed, so a channel that is down neither
stops the others nor loses its alerts, and a restart never sends a delivered alert again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from parley.store import alerts as alert_store
from parley.watch.feed import alert_text
from parley.watch.rules import Channel, Rules


@dataclass
class Deliveries:
    """What one round of delivery did: alerts delivered (on any channel), deliveries that succeeded after an
    earlier failure, and the channels that failed, with why."""

    sent: set[str] = field(default_factory=set)
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def message(items: list[dict], dashboard: str) -> tuple[str, str]:
    """(title, body) of the one message that carries `items` to a channel."""
    rules = sorted({i["rule"] for i in items})
    count = f"{len(items)} alert{'s' if len(items) != 1 else ''}"
    title = f"Parley: {count} ({', '.join(rules)})"
    return title, "\n\n".join(alert_text(i, dashboard) for i in items)


def send(channel: Channel, title: str, body: str) -> str | None:
    """Send one message through apprise; None when the channel took it, else why it did not (one line)."""
    import logging

    import apprise

    notifier = apprise.Apprise()
    notifier.add(channel.url)
    try:
        with apprise.LogCapture(level=logging.WARNING) as logs:
            ok = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
            said = [line.split(" - ", 2)[-1] for line in logs.getvalue().splitlines() if line.strip()]
    except Exception as exc:  # noqa: BLE001  (plugins raise what their transports raise; one channel must not stop the rest)
        return f"{type(exc).__name__}: {exc}"
    if ok:
        return None
    return (said[-1] if said else "the service did not accept the message").strip()


def deliver(conn: Connection, rules: Rules, *, stop=None) -> Deliveries:
    """Send each channel its pending alerts in one message and record the outcome (committed per channel).
    `stop` (a threading.Event) ends the round between channels."""
    done = Deliveries()
    pending = alert_store.pending_deliveries(conn, [c.name for c in rules.channels])
    conn.commit()
    for channel in rules.channels:
        if stop is not None and stop.is_set():
            break
        items = pending.get(channel.name)
        if not items:
            continue
        error = send(channel, *message(items, rules.dashboard))
        alert_store.record_delivery(conn, channel.name, [i["id"] for i in items], error)
        conn.commit()
        if error is None:
            done.sent.update(i["id"] for i in items)
            done.retried += sum(1 for i in items if i["attempts"])
        else:
            done.failed += len(items)
            done.errors.append(f"channel {channel.name!r}: {error.rstrip('.')}. "
                               f"{len(items)} alert{'s' if len(items) != 1 else ''} kept for the next cycle.")
    return done
