"""Parley reads news about wars and peace processes into PLOVER events, claims and positions."""

from parley.extract import extract, extract_many
from parley.records import Actor, Article, Document, Event, Link, Location, Position

__all__ = ["Actor", "Article", "Document", "Event", "Link", "Location", "Position", "extract", "extract_many"]
__version__ = "0.1.0"
