"""The tables of `parley watch` (watch/, store/alerts.py): its alerts, their deliveries per channel and the ingest runs
it has evaluated. They hang on the corpus tables' `metadata` (store/schema.py) and are registered when this module
is imported, which store/migrate does before it creates a new database."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, PrimaryKeyConstraint, Table, Text, UniqueConstraint

from parley.store.schema import metadata

alerts = Table(
    "alerts", metadata,
    Column("id", Text, primary_key=True, comment="hash of rule and subject"),
    Column("rule", Text, nullable=False, comment="the rule's name in the watch's rules file"),
    Column("kind", Text, nullable=False, comment="event, shift or surge"),
    Column("subject", Text, nullable=False, comment="what fired: an event id, actor|issue|position id, or "
                                                    "group@last day of a surge"),
    Column("title", Text, nullable=False, comment="one line: what happened"),
    Column("detail", Text, comment="what changed: the event's parties and status, the stances, the counts"),
    Column("evidence", Text, comment="the sentence that reports it"),
    Column("outlet", Text),
    Column("url", Text, comment="the article's link"),
    Column("article_id", Text),
    Column("date", Text, comment="the event's, position's or surge's day"),
    Column("created_at", Text, nullable=False),
    Column("first_sent_at", Text, comment="when a channel first took it; empty until then"),
    Column("run_id", Text, comment="the ingest run whose articles raised it"),
    UniqueConstraint("rule", "subject", name="uq_alerts_rule_subject"),
    Index("ix_alerts_created_at", "created_at"),
    comment="`parley watch`: each alert once, whatever the cycles and restarts (watch/)",
)

alert_deliveries = Table(
    "alert_deliveries", metadata,
    Column("alert_id", Text, ForeignKey("alerts.id"), nullable=False),
    Column("channel", Text, nullable=False, comment="the channel's name in the rules file"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("sent_at", Text, comment="empty until the channel took it; retried every cycle until then"),
    Column("last_error", Text),
    PrimaryKeyConstraint("alert_id", "channel"),
    Index("ix_alert_deliveries_pending", "sent_at", "channel"),
)

alert_runs = Table(
    "alert_runs", metadata,
    Column("run_id", Text, ForeignKey("runs.id"), primary_key=True),
    Column("checked_at", Text, nullable=False),
    comment="ingest runs whose articles the watch has evaluated its rules on (or taken as already known)",
)
