"""Parley reads news about wars and peace processes into PLOVER events, claims and positions."""

from importlib.metadata import PackageNotFoundError, version

from parley.extract import extract, extract_many
from parley.records import Actor, Article, Document, Event, Link, Location, Position

try:
    __version__ = version("parley-events")  # the one place the version is written is pyproject.toml
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["Actor", "Article", "Document", "Event", "Link", "Location", "Position", "__version__", "extract",
           "extract_many"]
