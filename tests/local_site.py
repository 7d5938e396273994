"""A real HTTP server on 127.0.0.1 for the source tests: it serves the pages a test puts in it, and answers 503 for
a page the test has taken down, so a test can make a page fail and then come back (no mocks: httpx talks to it)."""

from __future__ import annotations

import http.server
import threading


class Site:
    """Pages by path: `site.pages["/a.html"] = ("text/html", "<html>...")`; `site.down.add("/a.html")` makes it
    answer 503 until removed. `site.url("/a.html")` is its address; `site.hits` counts requests per path."""

    def __init__(self):
        self.pages: dict[str, tuple[str, str]] = {}
        self.down: set[str] = set()
        self.hits: dict[str, int] = {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                if self.path in site.down or self.path not in site.pages:
                    status, kind, body = (503 if self.path in site.down else 404), "text/plain", b"unavailable"
                else:
                    status, (kind, text) = 200, site.pages[self.path]
                    body = text.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


def page(title: str, *paragraphs: str, published: str | None = None, site: str | None = None) -> str:
    """A news page as outlets write them: the headline in <title> and in the article's <h1>, the date in a meta
    tag, the paragraphs, and navigation and a footer around them."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    meta += f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title>{meta}</head><body><nav><a href='/'>Home</a> <a href='/world'>World"
            f"</a></nav><article><h1>{title}</h1>{body}</article><footer>Contact us</footer></body></html>")
