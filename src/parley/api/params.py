"""Query parameters shared by the endpoints, with the checks FastAPI cannot express by type alone."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Query, Request
from pydantic import BeforeValidator

from parley.api.errors import MAX_LIMIT, MAX_TEXT, BadRequest
from parley.records import EVENT_TYPES, ISSUES, STANCES, STATUSES


class _CaseInsensitive(str, Enum):
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            folded = value.strip().casefold()
            for member in cls:
                if member.value.casefold() == folded:
                    return member
        return None


EventType = _CaseInsensitive("EventType", {t: t for t in EVENT_TYPES})
Status = _CaseInsensitive("Status", {s: s for s in STATUSES})
Issue = _CaseInsensitive("Issue", {i: i for i in ISSUES})
Stance = _CaseInsensitive("Stance", {s: s for s in STANCES})


class Role(_CaseInsensitive):
    source = "source"
    target = "target"
    any = "any"


class StackBy(_CaseInsensitive):
    type = "type"
    quad = "quad"


class Step(_CaseInsensitive):
    """The width of one bar of `/summary`'s timeline (`auto`: chosen from the range asked; `none`: no timeline)."""

    day = "day"
    week = "week"
    month = "month"
    year = "year"
    auto = "auto"
    none = "none"


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"How many items to return (1–{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="How many items to skip; must be below `total`.")]
def _calendar_day(value):
    """Only YYYY-MM-DD: pydantic alone would also read a number as a Unix timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("not a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_calendar_day)]
Since = Annotated[Day | None, Query(description="Only on or after this day (YYYY-MM-DD).")]
Until = Annotated[Day | None, Query(description="Only on or before this day (YYYY-MM-DD).")]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def reject_unknown_params(request: Request) -> None:
    """A misspelt parameter would silently be ignored: name it and list the ones this endpoint takes."""
    for key, value in request.query_params.multi_items():
        if "\x00" in key or "\x00" in value:
            raise BadRequest(f"Parameter {key!r} contains a NUL character; send plain text.", key)
    for key, value in request.path_params.items():
        if isinstance(value, str) and "\x00" in value:
            raise BadRequest("The path contains a NUL character; send an id as listed by the API.", key)
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed: set[str] = set()
    stack = [dependant]
    while stack:
        current = stack.pop()
        allowed |= {p.alias for p in current.query_params}
        stack.extend(current.dependencies)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed)) or "none"
        raise BadRequest(f"Unknown parameter {unknown[0]!r}. This endpoint takes: {known}.", unknown[0])


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise BadRequest(f"since ({since}) is after until ({until}): send since on or before until.", "since")


def clean_text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
