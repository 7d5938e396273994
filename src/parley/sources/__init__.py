"""Articles in: `iter_articles` reads any source (file, folder, JSONL, HTML, URL, feed, stdin) into Article
records, with SourceFailure records for inputs that cannot be read."""

from parley.errors import DateError, SourceError
from parley.sources.dispatch import iter_articles
from parley.sources.failure import AlreadyStored, NotAnArticle, SourceFailure
from parley.sources.files import parse_date

__all__ = ["AlreadyStored", "DateError", "NotAnArticle", "SourceError", "SourceFailure", "iter_articles", "parse_date"]
