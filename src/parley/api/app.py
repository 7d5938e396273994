"""The FastAPI app: a read-only JSON API over the store, its offline docs, and the dashboard at `/`."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from parley import __version__
from parley.api import errors
from parley.api.brief import router as brief_router
from parley.api.cache import ResponseCache, StoreVersion
from parley.api.db import ReadOnlyStore, open_store
from parley.api.http import HttpBehaviour
from parley.api.params import reject_unknown_params
from parley.api.routes import router

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
TEMPLATES = WEB / "templates"

VERSION = __version__

DESCRIPTION = """Read-only access to what Parley has read: PLOVER events with their actors, status,
claimant, date and place; the articles they come from; and where each actor stands on each negotiating
issue. Lists take `limit` (1–500) and `offset` and return `total`; every 4xx answer is
`{"error": "...", "detail": [...]}` with a sentence that says what to send instead."""


def create_app(db: str | None = None, *, store: ReadOnlyStore | None = None, response_cache: bool = True) -> FastAPI:
    """Build the app over the store at `db` (a SQLAlchemy URL or a SQLite path; default PARLEY_DB or parley.db).
    `response_cache=False` answers every request from the store (benchmarks/api_scale.py times the reads, not
    api/cache.py's copies of them)."""
    store = store or open_store(db)
    app = FastAPI(title="Parley", version=VERSION, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=_frozen_heap)
    app.state.store = store
    errors.install(app)

    app.include_router(router, prefix="/api", dependencies=[Depends(reject_unknown_params)],
                       responses=errors.ERROR_RESPONSES)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(brief_router)  # /brief: the printable brief (parley.brief)

    docs_html = DOCS_HTML.replace("{{ openapi }}", app.openapi_url or "/openapi.json")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_html)

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_script() -> Response:
        # Swagger UI's start-up as a script file, not inline, so the Content-Security-Policy needs no exception
        return Response(DOCS_INIT.replace("{{ openapi }}", app.openapi_url or "/openapi.json"),
                        media_type="text/javascript")

    index_html = (TEMPLATES / "index.html").read_text(encoding="utf-8").replace("{{ version }}", VERSION)

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(index_html)

    @app.get("/api", include_in_schema=False)
    def api_root(request: Request) -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/alerts.atom", include_in_schema=False)
    def alerts_feed(request: Request) -> Response:
        # the same feed `parley watch` writes, built from the store on each request
        from parley.store.alerts import recent_alerts
        from parley.watch.feed import FEED_SIZE, atom

        with store.connect() as conn:
            _, found = recent_alerts(conn, FEED_SIZE)
        return Response(atom(found, str(request.base_url), str(request.url)), media_type="application/atom+xml")

    if response_cache:
        app.add_middleware(ResponseCache, version=StoreVersion(store.engine))  # inside HttpBehaviour: HEAD is GET
    app.add_middleware(HttpBehaviour)
    return app


@asynccontextmanager
async def _frozen_heap(_app: FastAPI):
    """While the app serves, the objects that exist when it starts (modules, the app, SQLAlchemy's tables and
    compiled queries: ~100,000) are out of the garbage collector's reach (gc.freeze): a full collection walked
    them all, 40-140 ms in the middle of whichever request set it off (the stance matrix's p95 at a million
    events was those pauses, its median a fifth of it). Unfrozen on shutdown, so an app started and stopped
    many times in one process (the tests) keeps nothing alive."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


DOCS_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Parley API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/vendor/swagger-ui/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

DOCS_INIT = """window.ui = SwaggerUIBundle({
  url: "{{ openapi }}", dom_id: "#swagger-ui", layout: "BaseLayout", deepLinking: true,
  showExtensions: true, showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
"""
