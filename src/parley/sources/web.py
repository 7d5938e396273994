"""Web inputs: pages by URL (httpx, trafilatura) and RSS/Atom feeds (feedparser), as Article or SourceFailure."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import httpx

from parley import __version__
from parley.errors import DateError
from parley.records import Article, stable_id
from parley.sources.error_pages import error_page, error_page_message
from parley.sources.failure import SourceFailure
from parley.sources.files import parse_date, path_text
from parley.sources.html import read_page, without_headline

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TIMEOUT_SECONDS = 20.0  # for connecting, and for each read
#: A fetch's whole time: a server may send a byte every few seconds, each read inside TIMEOUT_SECONDS, for ever.
DEADLINE_SECONDS = 60.0
#: The most a page or feed may weigh (bytes, decompressed): a news page is well under 5 MB.
MAX_BYTES = 20_000_000
#: Entry pages of one feed fetched at the same time.
FEED_FETCHES = 4
TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom",
              "application/rdf")
FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")


def is_url(source: str) -> bool:
    """Whether a source is a web address: http or https, in any case ("HTTPS://" is one too, RFC 3986 3.1)."""
    return source[:8].lower().startswith(("http://", "https://"))


def make_client() -> httpx.Client:
    """An HTTP client that follows redirects and gives up after TIMEOUT_SECONDS."""
    return httpx.Client(timeout=httpx.Timeout(TIMEOUT_SECONDS), follow_redirects=True,
                        headers={"User-Agent": f"parley/{__version__} (news event reader)"})


class _TagStripper(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def snippet_text(markup: str) -> str:
    """Plain text of a feed entry's summary or content, which may be an HTML fragment."""
    if "<" not in markup:
        return markup.strip()
    stripper = _TagStripper()
    stripper.feed(markup)
    return " ".join(" ".join(stripper.parts).split())


def fetch(client: httpx.Client, url: str) -> httpx.Response | SourceFailure:
    """GET the URL, its body read whole; a timeout, a body over MAX_BYTES, a fetch longer than DEADLINE_SECONDS
    in all, a network error or an HTTP error comes back as a SourceFailure."""
    started = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                return SourceFailure(url, f"answered HTTP {response.status_code}. Check the URL.")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    return SourceFailure(url, f"is larger than {MAX_BYTES / 1e6:g} MB, more than any article page. "
                                              "Give the article's own page.")
                if time.monotonic() - started > DEADLINE_SECONDS:
                    return SourceFailure(url, f"was still sending after {DEADLINE_SECONDS:g} s, so it was given "
                                              "up. Check the URL or try again later.")
    except httpx.TimeoutException:
        return SourceFailure(url, f"timed out after {TIMEOUT_SECONDS:.0f} s. Check the URL or try again later.")
    except httpx.HTTPError as exc:
        return SourceFailure(url, f"could not be fetched ({exc.__class__.__name__}: {exc}). "
                                "Check the URL and the network.")
    # the body is decoded already: the new response must not decode it again
    headers = [(k, v) for k, v in response.headers.items()
               if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
    return httpx.Response(response.status_code, headers=headers, content=bytes(body), request=response.request)


def _is_text(response: httpx.Response) -> bool:
    kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    return not kind or kind.startswith(TEXT_TYPES) or kind.endswith(("+xml", "/json"))


def looks_like_feed(body: str, content_type: str = "") -> bool:
    if "rss" in content_type or "atom" in content_type:
        return True
    head = body.lstrip()[:2000].lower()
    return any(marker in head for marker in FEED_MARKERS)


def page_article(html: str, url: str, published: date | None, origin: str | None = None) -> Article | SourceFailure:
    """The article in a web page: its main text (its headline left out), title, date and site name."""
    origin = origin or url
    page = read_page(html)
    if not page.text.strip():
        return SourceFailure(origin, "has no article text that could be extracted. Give an article's own page.")
    if (why := error_page(html, page.text)) is not None:
        return SourceFailure(origin, error_page_message(why))
    host = urlparse(url).hostname
    return Article(text=page.text, id=stable_id(url), title=page.title, published=page.published or published,
                   url=url, source=page.sitename or host, origin=origin)


#: An entry date written the ISO way: when it does not parse, feedparser's own reading of it is not used either.
_ISO_START = re.compile(r"\s*[+-]?\d{4}-")


def _entry_day(entry, fallback: date | None) -> date | None:
    """An entry's publication (else update) day, else `fallback`. Its text is read as `parse_date` reads any date;
    feedparser's reading only for what that does not take (month names in other languages), and never for an ISO
    date that does not parse: feedparser rolls "2025-02-30" over to 2 March, and gives year 0 for "0000-01-01",
    which no date can hold (a feed with one such entry stopped the whole run)."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return parse_date(raw) or fallback
        except DateError:
            parsed = entry.get(f"{key}_parsed")
            if parsed and not _ISO_START.match(raw):
                try:
                    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                except ValueError:
                    pass
    return fallback


def _entry_snippet(entry) -> str:
    for content in entry.get("content") or []:
        text = snippet_text(content.get("value") or "")
        if text:
            return text
    return snippet_text(entry.get("summary") or "")


def iter_feed(data: bytes | str, origin: str, published: date | None = None, client: httpx.Client | None = None,
              skip_fetch: Callable[[str], bool] | None = None) -> Iterator[Article | SourceFailure]:
    """Each feed entry as an article: the linked page's text, or the entry's own content if that fails.

    `skip_fetch(url)` true means the page is already stored, so it is not fetched again.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception")
            yield SourceFailure(origin, f"is not an RSS or Atom feed that parses ({reason}). Check the URL or file.")
        elif "<html" in (data[:4000].decode("utf-8", "replace") if isinstance(data, bytes) else data[:4000]).lower():
            yield SourceFailure(origin, "is an HTML page, not an RSS or Atom feed. Give the feed's own address, or "
                                        "name a saved page .html.")
        else:
            yield SourceFailure(origin, "is a feed without entries. Nothing to read.")
        return
    feed_title = parsed.feed.get("title")
    skipped = {entry.get("link") for entry in parsed.entries
               if entry.get("link") and skip_fetch is not None and skip_fetch(entry.get("link"))}
    wanted = [entry.get("link") if client is not None and entry.get("link") and is_url(entry.get("link"))
              and entry.get("link") not in skipped else None for entry in parsed.entries]
    with ThreadPoolExecutor(max_workers=FEED_FETCHES) as pool:
        # entry pages are fetched FEED_FETCHES at a time, so slow ones wait side by side, not one after another
        pages = pool.map(lambda link: fetch(client, link) if link else None, wanted)
        for number, (entry, response) in enumerate(zip(parsed.entries, pages), start=1):
            yield from _entry_article(entry, number, response, origin, published, feed_title, skipped)


def _entry_article(entry, number: int, response, origin: str, published: date | None, feed_title: str | None,
                   skipped: set[str]) -> Iterator[Article | SourceFailure]:
    """One feed entry as an article: its fetched page's text, else its own summary or content (`summary` true
    when its page could not be fetched or had no text, so that a later ingest asks again)."""
    link = entry.get("link")
    entry_origin = f"{origin} entry {number}" + (f" ({link})" if link else "")
    day = _entry_day(entry, published)
    snippet = _entry_snippet(entry)
    text, why = "", None
    if link in skipped:
        text = snippet or link
    elif response is not None and not isinstance(response, SourceFailure) and _is_text(response):
        page = read_page(response.text)
        text = without_headline(page.text, entry.get("title"))  # the page may head it as the feed does
        day = _entry_day(entry, page.published or published)
        if (why := error_page(response.text, page.text)) is not None:
            text = ""  # the linked page is an error page: the entry's own summary, if it has one
    # a page that failed (or had no text) may answer later; one that is not HTML never will be read
    summary = isinstance(response, SourceFailure) or (response is not None and _is_text(response)
                                                      and not text.strip())
    text = text or snippet
    if not text.strip() and why is not None:
        yield SourceFailure(entry_origin, error_page_message(why))
        return
    if not text.strip():
        yield SourceFailure(entry_origin, "has no text: the linked page could not be read and the entry has "
                                        "no summary or content.")
        return
    yield Article(text=text, id=stable_id(link or entry.get("id") or text), title=entry.get("title"),
                  published=day, url=link, source=feed_title, origin=entry_origin, summary=summary)


def iter_url(url: str, published: date | None, client: httpx.Client,
             skip_fetch: Callable[[str], bool] | None = None) -> Iterator[Article | SourceFailure]:
    """A web page as one article, or a feed as one article per entry."""
    response = fetch(client, url)
    if isinstance(response, SourceFailure):
        yield response
        return
    if not _is_text(response):
        kind = response.headers.get("content-type", "")
        yield SourceFailure(url, f"is not a web page or feed (content-type {kind}). Give an HTML page or RSS/Atom feed.")
        return
    body = response.text
    kind = response.headers.get("content-type", "").lower()
    if looks_like_feed(body, kind):
        yield from iter_feed(response.content, url, published, client, skip_fetch)
    elif kind.startswith("text/plain"):
        if body.strip():
            yield Article(text=body, id=stable_id(url), published=published, url=url,
                          source=urlparse(url).hostname, origin=url)
        else:
            yield SourceFailure(url, "is empty. Give a page with an article in it.")
    else:
        yield page_article(body, url, published, origin=url)


def iter_feed_file(path: Path, published: date | None, client: httpx.Client | None = None,
                   skip_fetch: Callable[[str], bool] | None = None) -> Iterator[Article | SourceFailure]:
    """A saved RSS/Atom file, read like a feed URL."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield SourceFailure(path_text(path), f"cannot be read ({exc.strerror}). Check the path and its permissions.")
        return
    yield from iter_feed(data, path_text(path), published, client, skip_fetch)
