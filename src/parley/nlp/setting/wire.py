"""The form of wire copy and outlet stories, read before the parser: a dateline ("KINSHASA, Congo (Wire) —",
"BEIRUT, Oct 3 (Reuters) -", "Kyiv, Ukraine — ", "ISLAMABAD:", "(CNN) —"), bylines ("By Jane Doe") and credit
lines ("Reporting by ...; Editing by ...", "(AP Photo/...)", "Copyright ...", "Read more: ..."). None of them is a
sentence of the story: their characters are blanked (made spaces, so every offset stays where it was) and the
dateline's place, country and day are kept as the story's setting. "KINSHASA, Congo (Wire) — Rebels attacked an
army base" left as it is makes Congo the attackers' head noun; its place is where the lead's events are told,
and its day the day the report was filed ("on Thursday" in a story datelined Oct 3 is Oct 2).

The words (credit openers, month names) are kb data (kb/wordlists.yaml, kb/dates.yaml); the patterns below are
the shape wire services give a dateline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from parley.nlp.geo.geocode import country_index, fold, lookup_place
from parley.nlp.language.wordlists import words
from parley.nlp.setting.calendar import time_words

#: Lines from the top of a text in which a dateline is looked for (a headline and a byline may come first),
#: and the characters they may span.
DATELINE_LINES = 4
DATELINE_REACH = 600
#: Longest byline, in words ("By Jane Doe and John Roe, Associated Press").
MAX_BYLINE_WORDS = 10

CAPS = r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}"  # "GAZA CITY", "ST. PETERSBURG"
TITLE = r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2}"  # "Kyiv", "Port Sudan"
COUNTRY = r"[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,3}"  # "Congo", "Ukraine", "Ivory Coast"
AGENCY = r"\([A-Za-z][A-Za-z .&'’\-]{0,40}\)|/[A-Za-z]{2,12}/\.?"  # "(Reuters)", "(AP)", "/TASS/."
DASH = r"-{1,2}|[—–]"


@dataclass(frozen=True)
class WireHeader:
    """What a text's wire form told: the dateline's place and country as written, its month and day, and the
    text with the dateline, bylines and credit lines blanked (same length)."""

    text: str
    place: str | None = None
    country: str | None = None
    month_day: tuple[int, int] | None = None
    blanked: list[tuple[int, int]] = field(default_factory=list)

    def setting(self) -> dict:
        """The dateline as a Doc keeps it (`doc._.parley_wire`): its place and country as written, and the ISO3 code
        of its country ("KINSHASA, Congo" COD, "GAZA CITY" PSE), the state a story told from there is most about."""
        iso3 = None
        if self.country:
            found = country_index().get(fold(self.country))
            iso3 = found[1] if found else None
        if iso3 is None and self.place:
            loc = lookup_place(self.place.title())
            iso3 = loc.country if loc is not None else None
        return {"place": self.place, "country": self.country, "iso3": iso3}

    def report_date(self, published: dt.date | None) -> dt.date | None:
        """The dateline's day in the year that puts it nearest the publication date (none without one)."""
        if self.month_day is None or published is None:
            return None
        month, day = self.month_day
        best = None
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if best is None or abs(candidate - published) < abs(best - published):
                best = candidate
        return best


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    months = "|".join(sorted((re.escape(str(m)) for m in time_words()["months"]), key=len, reverse=True))
    date = rf"(?:{months})\.? \d{{1,2}}\.?|\d{{1,2}} (?:{months})\.?"
    dateline = re.compile(
        rf"(?P<place>(?P<caps>{CAPS}(?:/{CAPS})*)|{TITLE})(?:,\s*(?P<country>{COUNTRY}))?(?:,?\s*(?P<date>{date}))?"
        rf"\s*(?P<agency>{AGENCY})?(?:\s*(?P<end>{DASH}|:)|(?<=/)|(?<=/\.))\s+(?=\S)")
    agency_only = re.compile(rf"\((?P<agency>[A-Z][A-Za-z .&'’\-]{{1,30}})\)\s*(?:{DASH})\s+(?=\S)")
    return dateline, agency_only


def read_wire(text: str) -> WireHeader:
    """The wire form of a text: its credit lines and its dateline blanked, the dateline's setting kept."""
    if not text:
        return WireHeader(text)
    chars = list(text)
    blanked = _credit_spans(text)
    found = _dateline(text, blanked)
    place = country = month_day = None
    if found is not None:
        span, place, country, month_day = found
        blanked.append(span)
    for start, end in blanked:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return WireHeader("".join(chars), place, country, month_day, sorted(blanked))


def _lines(text: str):
    """(start, end) of each line."""
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _credit_spans(text: str) -> list[tuple[int, int]]:
    """Bylines, credit lines and credits in brackets: "By Jane Doe", "Reporting by X; Editing by Y", "Read more:
    ...", "Copyright 2025 ...", "(AP Photo/Sami Rahman)", "... respond. (Reporting by X)"."""
    openers = words().credit_line_openers
    lowered = text.lower()
    if not any(o in lowered for o in openers) and not any(f"{b} " in lowered for b in words().byline_openers):
        return []
    spans = []
    for start, end in _lines(text):
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        if _credit_opens(line.lstrip().lower(), openers) or _is_byline(line.strip()):
            spans.append((start + lead, end))
            continue
        for m in re.finditer(r"\(([^()\n]{2,120})\)", line):  # "(AP Photo/...)", "(Reporting by ...)"
            if _credit_opens(m.group(1).lower(), openers):
                spans.append((start + m.start(), start + m.end()))
        tail = re.search(r"(?<=[.!?\"”] )[A-Z][a-z]+(?: [a-z]+)* by [A-Z]", line)  # "... comment. Reporting by X"
        if tail and _credit_opens(line[tail.start():].lower(), openers):
            spans.append((start + tail.start(), end))
    return spans


def _credit_opens(lowered: str, openers: frozenset) -> bool:
    """The text starts with a credit opener: one ending in a colon or "by" as written, any other before a non-letter
    ("copyright 2025", not "copyrighted")."""
    for opener in openers:
        if lowered.startswith(opener) and (opener.endswith((":", " by")) or not lowered[len(opener):][:1].isalpha()):
            return True
    return False


def _is_byline(line: str) -> bool:
    """"By Jane Doe", "By JANE DOE, Associated Press": a line of names after "By" (a sentence that starts with "By
    Monday, the army had ..." has lower-case words)."""
    first, _, rest = line.partition(" ")
    names = [w for w in re.split(r"[\s,]+", rest) if w]
    return (first.lower() in words().byline_openers and 0 < len(names) <= MAX_BYLINE_WORDS
            and all(w[0].isupper() or w in ("and", "&", "of", "in") for w in names) and not line.endswith("."))


def _dateline(text: str, blanked: list[tuple[int, int]]):
    """((start, end), place, country, (month, day)) of the dateline that opens one of the first lines, or None."""
    dateline, agency_only = _patterns()
    seen = 0
    for start, end in _lines(text):
        if start > DATELINE_REACH or seen >= DATELINE_LINES:
            break
        if not text[start:end].strip() or any(s <= start + 1 and e >= end for s, e in blanked):
            continue
        seen += 1
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        byline = _byline_before_dateline(text, lead, end)
        if byline is not None:  # "By Jane Doe WASHINGTON — ..." on one line (a text whose lines were joined)
            blanked.append((lead, byline))
            lead = byline
        m = agency_only.match(text, lead)
        if m:
            return (lead, m.end()), None, None, None
        m = dateline.match(text, lead)
        if m and m.end() <= end and _is_dateline(m):
            month_day = _month_day(m.group("date")) if m.group("date") else None
            place = m.group("place").split("/")[0]
            return (lead, m.end()), place, m.group("country"), month_day
    return None


def _byline_before_dateline(text: str, lead: int, end: int) -> int | None:
    """Where a dateline in capitals starts after a byline on the same line ("By Jane Doe, Reuters KYIV —"), or
    None."""
    first = text[lead:end].split(" ", 1)[0]
    if first.lower() not in words().byline_openers:
        return None
    dateline = _patterns()[0]
    for m in re.finditer(r"(?<= )[A-Z][A-Z'’.\-]{2,}", text[lead:min(end, lead + 100)]):
        found = dateline.match(text, lead + m.start())
        if found and found.group("caps") and _is_dateline(found) and _is_byline(text[lead:lead + m.start()].strip()):
            return lead + m.start()
    return None


def _is_dateline(m: re.Match) -> bool:
    """A dateline ends in a dash, a colon or an agency's slashes; a colon or a place in Title Case must name a place
    the gazetteer knows ("BREAKING:" is none), and a Title Case one needs its dash ("Kyiv, Ukraine — ")."""
    end, agency = m.group("end"), m.group("agency") or ""
    if not end and not agency.startswith("/"):
        return False
    known = lookup_place(m.group("place").split("/")[0].title()) is not None
    if m.group("country") and country_index().get(fold(m.group("country"))) is None:
        return False
    if m.group("caps"):
        return end != ":" or known
    # ("Ukraine — the country at war — said", "Sudan — The war": a sentence's subject, not a dateline)
    after = m.string[m.end():m.end() + 1]
    bare_country = country_index().get(fold(m.group("place"))) is not None and not m.group("country")
    return known and end not in (None, ":") and (after.isupper() or after.isdigit() or after in "\"“‘'") and not (
        bare_country and not agency)


def _month_day(text: str) -> tuple[int, int] | None:
    months = {str(k).lower(): int(v) for k, v in time_words()["months"].items()}
    month = next((months[w.lower().rstrip(".")] for w in text.split() if w.lower().rstrip(".") in months), None)
    day = re.search(r"\d{1,2}", text)
    return (month, int(day.group(0))) if month and day else None
