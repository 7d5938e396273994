"""Events a headline reports that the article's text does not.

A headline is read as text of its own (`normalize.normalize_headline` re-cases an ALL-CAPS or Title Case
one for the parser; its spans are offsets into the title). Most headlines repeat the story's lead, so a
headline event is the same event as a text event when the store's merge identity (parley.store.merge)
would join them (the rules of parley.identity), read the way headlines are written: the same PLOVER type; the parties the headline
names among the text event's, by `party_key` ("Kosovo" in a headline is Kurti's side in the text; a role
the headline or the text leaves out matches any); dates within the merge window unless either is only
the publication day. Places are not compared: a headline names the place at another grain than the text
("Ceasefire agreed in Doha" is the venue of a ceasefire the text places in eastern Congo). Events the text
also reports are dropped (the text's report is the evidence); the rest are the Document's `title_events`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from parley.identity import MERGE_WINDOW, SYMMETRIC_TYPES, day, party_key
from parley.records import Event


def _parties(actors) -> set[str]:
    return {party_key(a) for a in actors}


def _own_day(event: Event) -> date | None:
    """The event's calendar day when the text names one (not the publication day it falls back to)."""
    return day(event.date) if event.date_precision not in (None, "article") else None


def same_event(headline: Event, text: Event) -> bool:
    """True when a headline event and a text event report one event (see the module docstring)."""
    if headline.type != text.type:
        return False
    roles = ([(headline.source + headline.target, text.source + text.target)] if headline.type in SYMMETRIC_TYPES
             else [(headline.source, text.source), (headline.target, text.target)])
    for named, told in roles:
        if named and told and not _parties(named) <= _parties(told):
            return False
    first, second = _own_day(headline), _own_day(text)
    return first is None or second is None or abs(first - second) <= MERGE_WINDOW


def headline_events(headline: list[Event], text: list[Event]) -> list[Event]:
    """The headline's events that no text event reports, in headline order."""
    return [event for event in headline if not any(same_event(event, other) for other in text)]


def as_written(events: list[Event], title: str) -> list[Event]:
    """Events with their trigger and actor texts as `title` (a headline, or the article's text with its headline
    lines) writes them ("ACCUSES", not the re-cased "accuses" the parser read; the spans are the same, since
    re-casing keeps the length)."""
    def written(text: str, start: int, end: int) -> str:
        found = title[start:end]
        return found if found.casefold() == text.casefold() else text

    for event in events:
        event.trigger = written(event.trigger, *event.span)
        event.map_actors(lambda a: replace(a, text=written(a.text, a.start, a.end)))
    return events


def _in_headline_line(event: Event, text: str) -> bool:
    """The event is told in a headline line of the text: a sentence that ends its line with no stop ("Russia Strikes
    Kyiv Overnight; 12 Dead", "... From RSF...")."""
    start, end = event.sentence_span
    sentence = text[start:end].rstrip()
    unstopped = not sentence.endswith((".", "!", "?", '"', "”")) or sentence.endswith(("...", "…"))
    return bool(sentence) and unstopped and text[start + len(sentence):].lstrip(" \t").startswith("\n")


def date_headline_lines(events: list[Event], text: str) -> list[Event]:
    """A headline line tells in the present tense a deed of the past: the one the story below it tells ("Israel
    Kills Hamas Commander" over "The military said on Tuesday it had killed ..."). A headline line's event with no
    day of its own takes the day of the first later event that is the same event (`same_event`) and has one."""
    for k, event in enumerate(events):
        if _own_day(event) is not None or not _in_headline_line(event, text):
            continue
        told = next((later for later in events[k + 1:] if later.span[0] > event.sentence_span[1]
                     and _own_day(later) is not None and same_event(event, later)), None)
        if told is not None:
            event.date, event.date_precision = told.date, told.date_precision
    return events
