"""The Atom feed of alerts (feedgen): written to a file by each watch cycle and served at /alerts.atom."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

FEED_ID = "urn:parley:alerts"
FEED_SIZE = 100  # the latest alerts a feed carries; readers keep what they have seen


def dashboard_link(dashboard: str, article_id: str | None) -> str:
    """The dashboard page of the article an alert comes from (the dashboard itself when there is none)."""
    return f"{dashboard}#/article/{quote(article_id, safe='')}" if article_id else dashboard


def alert_text(alert: dict, dashboard: str) -> str:
    """An alert as plain text: what happened, what changed, the evidence sentence, outlet and link, dashboard."""
    lines = [f"[{alert['rule']}] {alert['title']}"]
    if alert.get("detail"):
        lines.append(alert["detail"])
    if alert.get("evidence"):
        lines.append(f"“{' '.join(alert['evidence'].split())}”")
    source = " ".join(part for part in (alert.get("outlet") or "", alert.get("url") or "") if part)
    if source:
        lines.append(f"Source: {source}")
    lines.append(f"Dashboard: {dashboard_link(dashboard, alert.get('article_id'))}")
    return "\n".join(lines)


def _when(stamp: str | None) -> datetime:
    try:
        found = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        found = None
    found = found or datetime(1970, 1, 1, tzinfo=UTC)
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def atom(alerts: list[dict], dashboard: str, self_link: str | None = None) -> bytes:
    """An Atom document (UTF-8 bytes) of `alerts` (newest first, as store.alerts.recent_alerts gives them)."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(FEED_ID)
    feed.title("Parley alerts")
    feed.author({"name": "parley watch"})
    feed.link(href=dashboard, rel="alternate")
    if self_link:
        feed.link(href=self_link, rel="self")
    feed.subtitle("Alerts raised by `parley watch` rules on newly read articles.")
    feed.updated(max((_when(a["created_at"]) for a in alerts), default=_when(None)))
    for alert in reversed(alerts):  # feedgen prepends: add oldest first so the newest leads the document
        entry = feed.add_entry()
        entry.id(f"{FEED_ID}:{alert['id']}")
        entry.title(f"[{alert['rule']}] {alert['title']}")
        entry.link(href=alert.get("url") or dashboard_link(dashboard, alert.get("article_id")))
        entry.content(alert_text(alert, dashboard), type="text")
        entry.published(_when(alert["created_at"]))
        entry.updated(_when(alert["created_at"]))
        entry.category(term=alert["kind"])
    return feed.atom_str(pretty=True)


def write_feed(conn, path: Path, dashboard: str) -> int:
    """Write the latest alerts to `path` as Atom (through a temporary file, so a reader never sees half of it).
    Returns how many alerts it holds."""
    from parley.store.alerts import recent_alerts

    _, found = recent_alerts(conn, FEED_SIZE)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(atom(found, dashboard))
    partial.replace(path)
    return len(found)
