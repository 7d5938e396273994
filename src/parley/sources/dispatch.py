"""The one place that decides how a source given on the command line (or to ingest()) is read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from parley.records import Article
from parley.sources.checks import admit
from parley.sources.failure import AlreadyStored, SourceFailure
from parley.sources.files import iter_path, read_stdin


def iter_articles(sources: Iterable[str], published: date | None = None, client=None,
                  url_stored: Callable[[str], bool] | None = None) -> Iterator[Article | SourceFailure | AlreadyStored]:
    """Articles from files, folders, JSONL, HTML, saved feeds, page and feed URLs, or `-` (stdin), in order.

    `published` is the date for inputs that carry none. `client` is an httpx.Client to reuse (one is made on
    the first URL or saved feed). `url_stored(url)` says whether a URL's page is stored already: such a page is
    not fetched and comes out as AlreadyStored (a URL stored only as a feed entry's summary is fetched again, and
    the entry comes out with `summary` set when its page still cannot be read). Problems come out as SourceFailure records, never raised, so a batch goes on.
    Every article passes checks.admit on its way out.
    """
    for item in _read(sources, published, client, url_stored):
        yield admit(item) if isinstance(item, Article) else item


def _read(sources: Iterable[str], published: date | None, client,
          url_stored: Callable[[str], bool] | None) -> Iterator[Article | SourceFailure | AlreadyStored]:
    from parley.sources import web  # httpx is imported only when a URL or feed is read

    for source in sources:
        if source == "-":
            yield from read_stdin(published)
        elif web.is_url(source):
            if url_stored is not None and url_stored(source):
                yield AlreadyStored(source)
                continue
            if client is None:
                client = web.make_client()
            yield from web.iter_url(source, published, client, url_stored)
        elif Path(source).suffix.lower() in web.FEED_SUFFIXES and Path(source).is_file():
            if client is None:
                client = web.make_client()  # a saved feed's entries are read from their pages too
            yield from web.iter_feed_file(Path(source), published, client, url_stored)
        else:
            yield from iter_path(Path(source), published)
