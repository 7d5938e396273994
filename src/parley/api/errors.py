"""Error bodies and handlers: every 4xx says what was wrong and what to send instead."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley.errors import InvalidQuery, NotFound, ParleyError, StoreError
from parley.records import EVENT_TYPES, ISSUES, STANCES
from parley.records import STATUSES as EVENT_STATUSES

MAX_LIMIT = 500
MAX_TEXT = 200  # longest free-text parameter (q, actor, country, ...)

HINTS = {
    "limit": f"a whole number from 1 to {MAX_LIMIT}",
    "offset": "a whole number, 0 or more, below the total the list reports",
    "since": "a date as YYYY-MM-DD, e.g. 2025-04-22",
    "until": "a date as YYYY-MM-DD, e.g. 2025-04-22",
    "type": "one of " + ", ".join(EVENT_TYPES) + " (repeat the parameter for several)",
    "status": "one of " + ", ".join(EVENT_STATUSES) + " (repeat the parameter for several)",
    "issue": "one of " + ", ".join(ISSUES),
    "stance": "one of " + ", ".join(STANCES),
    "role": "one of source, target, any",
    "by": "one of type, quad",
    "pairs": "a whole number from 1 to 500",
    "actors": "a whole number from 1 to 200",
    "order": "newest or oldest",
    "shifts": "true or false",
    "actor_id": "an id as /api/actors lists it",
    "event_id": "an id as /api/events lists it",
    "article_id": "an id as /api/articles lists it",
}


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """What every 4xx answer carries: `error` is a sentence that names the fix."""

    error: str
    detail: list[ErrorItem] = []


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter has a value the API cannot use; `error` says what to send."},
    404: {"model": ErrorBody, "description": "No such record."},
    422: {"model": ErrorBody, "description": "A parameter is malformed; `error` says what to send."},
}


#: HTTP status per Parley error kind (most specific first): the one place errors become statuses
STATUSES: tuple[tuple[type[ParleyError], int], ...] = (
    (InvalidQuery, 400),
    (NotFound, 404),
    (StoreError, 503),
    (ParleyError, 500),
)

#: kept for the parameter checks in parley.api.params: a bad request is an InvalidQuery like any other
BadRequest = InvalidQuery


def status_of(error: ParleyError) -> int:
    return next(code for kind, code in STATUSES if isinstance(error, kind))


def _describe(err: dict) -> tuple[str, str]:
    loc = [str(p) for p in err.get("loc", ())]
    where = loc[0] if loc else "request"
    name = next((p for p in loc[1:] if not p.isdigit()), where)
    got = err.get("input")
    shown = "" if got is None or isinstance(got, (dict, list)) else f" (got {str(got)[:60]!r})"
    hint = HINTS.get(name)
    msg = err.get("msg", "invalid value")
    if err.get("type") == "missing":
        return name, f"Missing {where} parameter {name!r}."
    if hint:
        return name, f"Bad {where} parameter {name!r}{shown}. Send {hint}."
    return name, f"Bad {where} parameter {name!r}{shown}: {msg}."


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    messages = [_describe(e)[1] for e in errors]
    detail = [{"loc": [p if isinstance(p, (str, int)) else str(p) for p in e.get("loc", ())],
               "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in errors]
    return JSONResponse({"error": " ".join(messages) or "Bad request.", "detail": detail}, status_code=422)


async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "Bad request."
    if exc.status_code == 404 and message == "Not Found":
        message = f"No such path {request.url.path!r}. The API is under /api; see /docs for its endpoints."
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed here: the API is read-only, use GET."
    param = getattr(exc, "param", None)
    detail = [{"loc": ["query", param], "msg": message, "type": "value_error"}] if param else []
    return JSONResponse({"error": message, "detail": detail}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def parley_error(request: Request, exc: ParleyError) -> JSONResponse:
    status = status_of(exc)
    param = getattr(exc, "param", None)
    detail = [{"loc": ["query", param], "msg": str(exc), "type": "value_error"}] if param else []
    message = str(exc) if status < 500 or isinstance(exc, StoreError) else \
        "Internal error: the server could not answer this request."
    return JSONResponse({"error": message, "detail": detail}, status_code=status)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
    return JSONResponse({"error": "Internal error: the server could not answer this request.", "detail": []},
                        status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(ParleyError, parley_error)
    app.add_exception_handler(Exception, unexpected_error)
