"""HTTP behaviour every route shares, as one ASGI middleware: HEAD answered like GET without a body, OPTIONS
(and CORS preflight) answered with the allowed methods, and security headers on every response."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

ALLOWED = "GET, HEAD, OPTIONS"
# The dashboard loads only its own scripts and styles (no inline script); styles may be set from script.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def relative_location(location: bytes) -> bytes:
    """A redirect's target as a path on this server: Starlette builds an absolute URL from the request's Host
    header ("/static" -> "http://HOST/static/"), which would send a browser wherever a forged Host says."""
    parts = urlsplit(location.decode("latin-1"))
    path = "/" + parts.path.lstrip("/")  # never "//host": a browser reads that as another server
    return urlunsplit(("", "", path, parts.query, parts.fragment)).encode("latin-1")


class HttpBehaviour:
    """Wraps the app: HEAD runs the GET route and drops the body (headers, Content-Length included, stay);
    OPTIONS, a CORS preflight included, gets 204 with `Allow` (and no Access-Control-Allow-Origin: the API
    is for the dashboard it serves, so other sites' pages still cannot read it); security headers on all;
    redirects to a path on this server, never to the Host the request named."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(name, relative_location(value) if name.lower() == b"location" else value)
                           for name, value in message.get("headers", [])]
                present = {name.lower() for name, _ in headers}
                message = {**message, "headers": [*headers,
                                                  *[(k, v) for k, v in SECURITY_HEADERS if k not in present]]}
            elif message["type"] == "http.response.body" and method == "HEAD":
                message = {**message, "body": b""}
            await send(message)

        if method == "OPTIONS":
            await send_with_headers({"type": "http.response.start", "status": 204,
                                     "headers": [(b"allow", ALLOWED.encode()), (b"content-length", b"0")]})
            await send_with_headers({"type": "http.response.body", "body": b""})
            return
        if method == "HEAD":
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, send_with_headers)
