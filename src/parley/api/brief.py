"""`/brief`: the brief of parley.brief as a printable HTML page (or Markdown), and without parameters a form to
ask for one. Read-only, like every route."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, PlainTextResponse

from parley.api.http import CONTENT_SECURITY_POLICY
from parley.api.params import (
    Issue,
    Since,
    Until,
    check_range,
    reject_unknown_params,
)
from parley.api.routes import Conn

router = APIRouter(dependencies=[Depends(reject_unknown_params)])

#: the form submits to /brief (a GET on this server): the dashboard's policy allows no form actions
FORM_POLICY = CONTENT_SECURITY_POLICY.replace("form-action 'none'", "form-action 'self'")


@router.get("/brief", include_in_schema=False)
def brief(conn: Conn,
          actor: Annotated[list[str] | None, Query(max_length=200, description="A party; repeat for several.")] = None,
          issue: Annotated[list[Issue] | None, Query(description="A negotiating issue; repeat for several.")] = None,
          since: Since = None, until: Until = None,
          format: Annotated[str, Query(pattern="^(html|md)$", description="html (default) or md")] = "html"):
    """The brief on the parties `actor` from `since` to `until` (default: the last day the store holds); with
    no actor, a form listing the busiest actors and the corpus's first and last day."""
    from parley.brief import BriefRequest, form_html, gather, to_html, to_markdown
    from parley.errors import InvalidQuery
    from parley.records import ISSUES
    from parley.store import read

    parties = tuple(a.strip() for a in actor or () if a.strip())
    if not parties:
        facts = read.counts(conn)
        _, busiest = read.list_actors(conn, limit=40)
        page = form_html([a for a in busiest if a["events"] or a["positions"]], facts["published_first"],
                         facts["published_last"], ISSUES)
        return HTMLResponse(page, headers={"content-security-policy": FORM_POLICY})
    if since is None:
        raise InvalidQuery("A brief needs since=YYYY-MM-DD, the first day of the period.", "since")
    check_range(since, until)
    found = gather(conn, BriefRequest(actors=parties, since=since, until=until,
                                      issues=tuple(sorted({i.value for i in issue or ()}))))
    if format == "md":
        return PlainTextResponse(to_markdown(found), media_type="text/markdown; charset=utf-8")
    return HTMLResponse(to_html(found, dashboard=True))
