"""The one read layer over the corpus, shared by the CLI, the HTTP API and the exports.

Functions take a SQLAlchemy Connection and return JSON-ready records (dicts shaped like the API's models in
parley.api.models); lists return (total, page). Bad parameters raise parley.errors.InvalidQuery (naming the
parameter), unknown ids parley.errors.NotFound; nothing here knows about HTTP or click.
"""

from parley.store.read.actors import get_actor, list_actors
from parley.store.read.articles import get_article, list_articles, page_articles
from parley.store.read.common import (
    COOPERATIVE,
    QUADS,
    is_cooperative,
    quad,
    resolve_actor,
    resolve_country,
    with_officials,
)
from parley.store.read.event_detail import event_reports, get_event
from parley.store.read.events import EventFilter, list_events, page_events
from parley.store.read.places import place_counts
from parley.store.read.positions import (
    PositionFilter,
    filtered_position_matrix,
    list_positions,
    position_matrix,
    position_timelines,
)
from parley.store.read.summary import counts, summary

__all__ = ["COOPERATIVE", "EventFilter", "PositionFilter", "QUADS", "counts", "event_reports", "get_actor",
           "filtered_position_matrix", "get_article", "get_event", "is_cooperative", "list_actors", "list_articles",
           "list_events", "list_positions", "page_articles", "page_events", "place_counts", "position_matrix",
           "position_timelines", "quad", "resolve_actor", "resolve_country",
           "summary", "with_officials"]
