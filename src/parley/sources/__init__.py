"""Articles in: each module reads one kind of input and yields Article records or SourceError."""

from parley.sources.errors import SourceError
from parley.sources.files import iter_articles, parse_date

__all__ = ["SourceError", "iter_articles", "parse_date"]
