"""Response bodies: these models are the API's contract and its OpenAPI schemas."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ActorRef(BaseModel):
    id: str
    name: str
    country: str | None = None
    type: str | None = None


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


class Location(BaseModel):
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class EventItem(BaseModel):
    id: str
    type: str
    quad: str = Field(description="PLOVER quad class: verbal/material cooperation/conflict")
    cooperative: bool
    mode: str | None = None
    cameo: str | None = None
    status: str = Field(description="summary of the reports: asserted if any report asserts it")
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    source: list[ActorRef]
    target: list[ActorRef]
    mention_count: int
    trigger: str | None = Field(None, description="trigger words of the first report")
    sentence: str | None = Field(None, description="the sentence of the first report")
    article: ArticleRef | None = Field(None, description="the article of the first report")
    claimed_by: ActorRef | None = Field(None, description="who the first report says claims it")
    confidence: float | None = Field(None, description="the first report's confidence (0-1), where it has one")


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventPage(Page):
    items: list[EventItem]
    next: str | None = Field(None, description="Cursor of the next page: send it as `cursor` (instead of a "
                                               "deep offset); empty on the last page.")
    total_estimated: bool = Field(False, description="True when `total` is estimated rather than counted.")


class Mention(BaseModel):
    id: str
    article: ArticleRef
    span: list[int]
    sentence_span: list[int] | None = None
    sentence: str | None = None
    trigger: str | None = None
    status: str
    claimed_by: ActorRef | None = None
    date: str | None = None
    date_text: str | None = None
    location_name: str | None = None
    confidence: float | None = None
    in_title: bool = Field(False, description="span and sentence span index the article's title, not its text")
    merge_score: float | None = Field(None, description="how well this report matched the event's others; "
                                                        "empty for the event's first report")
    merge_reason: str | None = Field(None, description="why it joined the event: the deciding features")


class Evidence(BaseModel):
    article_id: str
    start: int
    end: int
    text: str
    in_title: bool = Field(False, description="start and end index the article's title, not its text")


class Claim(BaseModel):
    status: str
    claimed_by: ActorRef | None = None
    reports: int
    articles: list[str]


class EventRef(BaseModel):
    id: str
    type: str
    status: str
    date: str | None = None


class LinkItem(BaseModel):
    rel: str = Field(description="alleges, denies or responds_to")
    direction: str = Field(description="out: this event's report points at the other; in: the reverse")
    event: EventRef | None = None


class EventDetail(EventItem):
    date_text: str | None = None
    mentions: list[Mention]
    evidence: list[Evidence]
    claims: list[Claim]
    links: list[LinkItem]


class ActorItem(ActorRef):
    events: int
    as_source: int
    as_target: int
    claims: int = Field(0, description="reports this actor is cited as claiming")
    positions: int


class ActorPage(Page):
    items: list[ActorItem]


class PositionItem(BaseModel):
    id: str
    actor: ActorRef
    issue: str
    stance: str
    previous_stance: str | None = Field(None, description="the actor's stance on this issue just before")
    shift: bool = Field(description="the stance differs from the previous one")
    date: str | None = None
    evidence: str | None = None
    span: list[int]
    article: ArticleRef


class PositionPage(Page):
    items: list[PositionItem]


class Partner(BaseModel):
    actor: ActorRef
    events: int
    cooperative: int
    conflictual: int


class ActorEvents(Page):
    items: list[EventItem]


class ActorDetail(ActorItem):
    as_source_events: ActorEvents
    as_target_events: ActorEvents
    partners: list[Partner]
    positions_list: list[PositionItem]


class MatrixCell(BaseModel):
    actor_id: str
    issue: str
    stance: str = Field(description="the latest stance")
    date: str | None = None
    count: int
    shifts: int = Field(description="how often the stance changed")


class MatrixActor(ActorRef):
    positions: int


class PositionMatrix(BaseModel):
    issues: list[str]
    actors: list[MatrixActor]
    cells: list[MatrixCell]


class ArticleItem(ArticleRef):
    summary_only: bool = Field(False, description="the text is the feed entry's summary: its page could not be "
                                                  "fetched yet; ingesting the feed again reads the page and "
                                                  "replaces it")
    events: int
    positions: int


class ArticlePage(Page):
    items: list[ArticleItem]
    ranked_within: int | None = Field(None, description="Set when a search matched more articles than this: only "
                                                        "the newest this many were ranked by relevance (they come "
                                                        "first); the older matches follow, newest first.")
    total_estimated: bool = Field(False, description="True when `total` is estimated rather than counted (a search "
                                                      "matching more than 5,000 articles).")


class ArticleEvent(BaseModel):
    mention_id: str
    event_id: str
    type: str
    quad: str
    cooperative: bool
    status: str = Field(description="the status this article gives the event")
    event_status: str
    claimed_by: ActorRef | None = None
    span: list[int]
    sentence_span: list[int] | None = None
    trigger: str | None = None
    date: str | None = None
    date_text: str | None = None
    source: list[ActorRef]
    target: list[ActorRef]
    in_title: bool = Field(False, description="read from the article's title: span indexes the title")


class Span(BaseModel):
    start: int
    end: int
    kind: str = Field(description="trigger, actor or position")
    label: str
    ref: str | None = Field(None, description="event, actor or position id")


class ArticlePosition(BaseModel):
    id: str
    actor: ActorRef
    issue: str
    stance: str
    span: list[int]
    evidence: str | None = None
    date: str | None = None


class ActorMention(BaseModel):
    actor: ActorRef
    start: int
    end: int
    text: str = Field(description="the article's text from start to end")


class ArticleDetail(ArticleItem):
    origin: str | None = None
    text: str
    event_list: list[ArticleEvent]
    actors: list[ActorRef]
    position_list: list[ArticlePosition]
    actor_mentions: list[ActorMention] = Field(
        description="where the text names each actor, as read when the article was ingested, in text order")
    actor_spans: Literal["stored", "guessed"] = Field(
        description="where the actor spans in `spans` come from: `stored`, the actor mentions; `guessed`, the "
                    "article was stored before Parley kept actor mentions, so they are the actors' names and "
                    "aliases as found in the text")
    spans: list[Span]


class DayCount(BaseModel):
    date: str
    key: str
    count: int


class TypeCount(BaseModel):
    type: str
    quad: str
    count: int


class StatusCount(BaseModel):
    status: str
    count: int


class PairCount(BaseModel):
    source: ActorRef
    target: ActorRef
    count: int
    cooperative: int
    conflictual: int


class Summary(BaseModel):
    total: int
    undated: int
    first: str | None = None
    last: str | None = None
    by: str
    step: str = Field("day", description="by_day's bars: day, week, month or year (what `auto` chose), or none")
    by_day: list[DayCount]
    by_type: list[TypeCount]
    by_status: list[StatusCount]
    pairs: list[PairCount]


class EventTypeInfo(BaseModel):
    type: str
    quad: str
    cooperative: bool


class Meta(BaseModel):
    version: str
    articles: int
    events: int
    actors: int
    positions: int
    mentions: int
    first: str | None = None
    last: str | None = None
    event_types: list[EventTypeInfo]
    statuses: list[str]
    issues: list[str]
    stances: list[str]
    max_limit: int
    leanings: dict[str, str] = Field(default_factory=dict, description="stance -> for, against or conditional: a "
                                     "position shifts only when its leaning changes")
    state_sectors: list[str] = Field(default_factory=list, description="actor types that speak for their country "
                                     "(government, military, ...): positions fold them into the state")
    estimated: list[str] = Field(default_factory=list, description="which of the counts are estimates (articles "
                                 "and mentions on PostgreSQL above 100,000 rows: the planner's count)")


class AlertDelivery(BaseModel):
    channel: str = Field(description="the channel's name in the watch's rules file")
    sent_at: str | None = Field(None, description="when the channel took it; empty while it is retried")
    attempts: int
    last_error: str | None = None


class AlertItem(BaseModel):
    id: str
    rule: str
    kind: Literal["event", "shift", "surge"]
    subject: str = Field(description="what fired: an event id, actor|issue|position id, or group@last day")
    title: str
    detail: str | None = None
    evidence: str | None = Field(None, description="the sentence that reports it")
    outlet: str | None = None
    url: str | None = Field(None, description="the article's link")
    article_id: str | None = None
    date: str | None = None
    created_at: str
    first_sent_at: str | None = None
    deliveries: list[AlertDelivery]


class AlertPage(Page):
    items: list[AlertItem]


class CountryCount(BaseModel):
    country: str = Field(description="ISO 3166 alpha-3")
    numeric: str | None = Field(None, description="ISO 3166 numeric, as map outlines (Natural Earth) key countries")
    name: str
    count: int


class PlaceCount(BaseModel):
    name: str
    country: str | None = None
    lat: float
    lon: float
    count: int
    country_level: bool = Field(False, description="the place is its country itself ('in China'): the map shades "
                                                   "the country rather than drawing a point")


class Places(BaseModel):
    total: int = Field(description="events selected")
    placed: int = Field(description="of those, events with a place or a country")
    countries: list[CountryCount]
    places: list[PlaceCount]
