"""The JSON endpoints under /api: each validates its parameters and calls one query."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic_core import to_json
from sqlalchemy import Connection

from parley import __version__
from parley.api import models
from parley.api.errors import MAX_LIMIT, MAX_TEXT
from parley.api.params import (
    EventType,
    Issue,
    Limit,
    Offset,
    Role,
    Since,
    StackBy,
    Stance,
    Status,
    Step,
    Text,
    Until,
    check_range,
    clean_text,
)
from parley.identity import STATE_SECTORS
from parley.records import EVENT_TYPES, ISSUES, STANCE_LEANING, STANCES, STATUSES
from parley.store import read as queries

router = APIRouter()

Id = Annotated[str, Path(min_length=1, max_length=200, description="An id as the list endpoints give it.")]


def connection(request: Request) -> Iterator[Connection]:
    with request.app.state.store.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


def event_filter(
    conn: Conn,
    actor: Annotated[Text, Query(description="Actor id or exact name: events it takes part in.")] = None,
    role: Annotated[Role, Query(description="With `actor`: as source, as target, or either.")] = Role.any,
    officials: Annotated[bool, Query(description="With `actor`, a state: its leaders, government and military "
                                                 "too (the actors positions fold into it).")] = False,
    country: Annotated[Text, Query(description="ISO 3166 code or name: an actor's country or the place.")] = None,
    type: Annotated[list[EventType] | None, Query(description="PLOVER event type; repeat for several.")] = None,
    status: Annotated[list[Status] | None, Query(description="Event status; repeat for several.")] = None,
    issue: Annotated[Issue | None, Query(description="Events reported in a sentence that states a position "
                                                     "on this negotiating issue.")] = None,
    since: Since = None,
    until: Until = None,
    q: Annotated[Text, Query(description="Words that the reporting article's title or text must contain.")] = None,
    article: Annotated[Text, Query(description="Article id: events reported in it.")] = None,
    place: Annotated[Text, Query(description="Where events happened: a place name as /api/places lists it, or a "
                                             "country's ISO 3166 alpha-3 code (events anywhere in it).")] = None,
) -> queries.EventFilter:
    check_range(since, until)
    actor = clean_text(actor, "actor")
    country = clean_text(country, "country")
    return queries.EventFilter(
        actor_ids=_actor_ids(conn, actor, officials) if actor else None, role=role.value,
        country=queries.resolve_country(country) if country else None,
        types=sorted({t.value for t in type or ()}), statuses=sorted({s.value for s in status or ()}),
        issue=issue.value if issue else None, since=since, until=until, q=clean_text(q, "q"),
        article=clean_text(article, "article"), place=clean_text(place, "place"),
    )


Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def _actor_ids(conn: Connection, actor: str, officials: bool) -> list[str]:
    ids = queries.resolve_actor(conn, actor)
    return queries.with_officials(conn, ids) if officials else ids


@router.get("/meta", response_model=models.Meta, summary="What the store holds and the vocabularies")
def meta(conn: Conn):
    return {**queries.counts(conn), "version": __version__,
            "event_types": [{"type": t, "quad": queries.quad(t), "cooperative": queries.is_cooperative(t)}
                            for t in EVENT_TYPES],
            "statuses": list(STATUSES), "issues": list(ISSUES), "stances": list(STANCES), "max_limit": MAX_LIMIT,
            "leanings": dict(STANCE_LEANING), "state_sectors": sorted(STATE_SECTORS)}


@router.get("/events", response_model=models.EventPage, summary="Events, newest first, with filters")
def events(conn: Conn, flt: Filter, limit: Limit = 50, offset: Offset = 0,
           order: Annotated[str, Query(pattern="^(newest|oldest)$",
                                       description="newest (default) or oldest first")] = "newest",
           cursor: Annotated[Text, Query(description="The `next` of the previous page: the page after it, "
                                                     "as fast at any depth (offset must then be 0).")] = None):
    page = queries.page_events(conn, flt, limit, offset, newest_first=order == "newest",
                               cursor=clean_text(cursor, "cursor"))
    return {"total": page.total, "limit": limit, "offset": offset, "items": page.items, "next": page.next,
            "total_estimated": page.total_estimated}


@router.get("/events/{event_id}", response_model=models.EventDetail,
            summary="One event with its reports, evidence sentences, claims and links")
def event(conn: Conn, event_id: Id):
    return queries.get_event(conn, event_id)


@router.get("/actors", response_model=models.ActorPage, summary="Actors, most active first")
def actors(conn: Conn,
           q: Annotated[Text, Query(description="Part of the actor's name or id.")] = None,
           country: Annotated[Text, Query(description="ISO 3166 code or name.")] = None,
           type: Annotated[Text, Query(description="Actor type as stored (e.g. government, military, rebel).")] = None,
           limit: Limit = 50, offset: Offset = 0):
    country = clean_text(country, "country")
    total, items = queries.list_actors(conn, clean_text(q, "q"),
                                       queries.resolve_country(country) if country else None,
                                       clean_text(type, "type"), limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/actors/{actor_id}", response_model=models.ActorDetail,
            summary="One actor: its events as source and as target, partners and positions")
def actor(conn: Conn, actor_id: Id,
          limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events to list per role.")] = 20):
    return queries.get_actor(conn, actor_id, limit)


@router.get("/positions", response_model=models.PositionPage,
            summary="Stances on negotiating issues, with the previous stance and whether it shifted")
def positions(conn: Conn,
              actor: Annotated[Text, Query(description="Actor id or exact name.")] = None,
              issue: Annotated[Issue | None, Query(description="Negotiating issue.")] = None,
              stance: Annotated[Stance | None, Query(description="Stance.")] = None,
              since: Since = None, until: Until = None,
              shifts: Annotated[bool, Query(description="Only positions that differ from the previous one.")] = False,
              limit: Limit = 50, offset: Offset = 0,
              order: Annotated[str, Query(pattern="^(newest|oldest)$",
                                          description="newest (default) or oldest first")] = "newest"):
    check_range(since, until)
    actor = clean_text(actor, "actor")
    ids = queries.with_officials(conn, queries.resolve_actor(conn, actor)) if actor else None
    flt = queries.PositionFilter(actor_ids=ids,
                                 issue=issue.value if issue else None, stance=stance.value if stance else None,
                                 since=since, until=until, shifts_only=shifts)
    total, items = queries.list_positions(conn, flt, limit, offset, newest_first=order == "newest")
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/positions/matrix", response_model=models.PositionMatrix,
            summary="Actors × issues: latest stance per cell and how often it shifted")
def position_matrix(conn: Conn, flt: Filter,
                    actors: Annotated[int, Query(ge=1, le=200, description="How many actors (rows), "
                                                                           "most positions first.")] = 30):
    # the events' filters select positions: `actor` (with its officials), `issue`, `since`/`until` the
    # positions' own; type, status, country, place and q the articles reporting such events
    return queries.filtered_position_matrix(conn, flt, actors)


@router.get("/articles", response_model=models.ArticlePage, summary="Articles, newest first")
def articles(conn: Conn,
             q: Annotated[Text, Query(description="Words the title or text must contain.")] = None,
             since: Since = None, until: Until = None,
             source: Annotated[Text, Query(description="Publisher or feed name.")] = None,
             actor: Annotated[Text, Query(description="Articles reporting events or positions of this actor.")] = None,
             limit: Limit = 50, offset: Offset = 0):
    check_range(since, until)
    actor = clean_text(actor, "actor")
    ids = queries.resolve_actor(conn, actor) if actor else None
    page = queries.page_articles(conn, clean_text(q, "q"), since, until, clean_text(source, "source"), ids,
                                 limit, offset)
    return {"total": page.total, "limit": limit, "offset": offset, "items": page.items,
            "ranked_within": page.ranked_within, "total_estimated": page.total_estimated}


@router.get("/articles/{article_id:path}", response_model=models.ArticleDetail,
            summary="One article: its text with event and actor spans, and the events it yields")
def article(conn: Conn, article_id: Id):
    return queries.get_article(conn, article_id)


@router.get("/summary", response_model=models.Summary,
            summary="Counts by day and type (or quad class), by status and by actor pair")
def summary(conn: Conn, flt: Filter,
            by: Annotated[StackBy, Query(description="by_day keys: PLOVER type, or quad class "
                                                     "(verbal/material cooperation/conflict).")] = StackBy.type,
            pairs: Annotated[int, Query(ge=1, le=500, description="How many actor pairs, busiest first.")] = 60,
            step: Annotated[Step, Query(description=(
                "by_day's bars: a cell per day (the default), per week (dated its Monday), month or year (dated "
                "its first day); `auto`: per day up to 120 days from the first dated event to the last, per week "
                "up to three years, per month up to 25, else per year (the dashboard's timeline); `none`: no "
                "cells, the counts and pairs alone (by_day is a cell per day and type: 10,000 for a busy actor "
                "at a million events)."))] = Step.day):
    # by_day holds a row per day and type (tens of thousands on a large corpus): serialised straight from the
    # read layer's plain dicts, as FastAPI's validation of the same rows would cost more than reading them
    return Response(to_json(queries.summary(conn, flt, by.value, pairs, step.value)), media_type="application/json")


@router.get("/places", response_model=models.Places,
            summary="Where the selected events happened: counts by country and by place, with coordinates")
def places(conn: Conn, flt: Filter,
           top: Annotated[int, Query(ge=1, le=2000, description="How many places, busiest first.")] = 300):
    return queries.place_counts(conn, flt, top)


@router.get("/alerts", response_model=models.AlertPage, summary="Alerts `parley watch` raised, newest first")
def alerts(conn: Conn, limit: Limit = 50, offset: Offset = 0):
    from parley.store.alerts import recent_alerts

    total, items = recent_alerts(conn, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


__all__ = ["router", "MAX_TEXT"]
