"""Calendar arithmetic for time expressions: from an expression and the publication date to a day.

The time words come from `kb/dates.yaml`; `parley.nlp.setting.dates` finds the expressions and their tense.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta

from parley.kb import extended_mapping

YEAR = r"(?:1[89]|20)\d\d"
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


@dataclass(frozen=True)
class Expr:
    """A time expression in the document: character offsets, what kind it is and the regex groups."""

    start: int
    end: int
    kind: str
    text: str
    groups: tuple[tuple[str, str], ...] = ()

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


@lru_cache(maxsize=1)
def time_words() -> dict:
    """The time vocabulary from kb/dates.yaml (plus the user's PARLEY_KB folders)."""
    return extended_mapping("dates.yaml")


# ---------------------------------------------------------------- resolution


def _weekday(published: dt.date, index: int, future: bool, strict: bool = False) -> dt.date:
    """The weekday `index` on or before publication (past) or strictly after it (future)."""
    if future:
        return published + dt.timedelta(days=(index - published.weekday()) % 7 or 7)
    back = (published.weekday() - index) % 7
    return published - dt.timedelta(days=back or (7 if strict else 0))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_year(month: int, published: dt.date, future: bool) -> int:
    """The year of a bare month: the last occurrence for a past clause, the next for a future one."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def holiday_date(spec: dict, year: int) -> dt.date:
    """The day of a holiday from kb/dates.yaml in `year`."""
    if "easter" in spec:
        sunday = easter(year, EASTER_ORTHODOX if spec["easter"] == "orthodox" else EASTER_WESTERN)
        return sunday + dt.timedelta(days=int(spec.get("offset", 0)))
    return dt.date(year, int(spec["month"]), int(spec["day"]))


def _holiday(expr: Expr, published: dt.date | None, future: bool) -> dt.date | None:
    specs = {" ".join(k.split()).lower(): s for k, s in time_words()["holidays"].items()}
    spec = specs[" ".join(expr.group("holiday").split()).lower()]
    if expr.group("year"):
        return holiday_date(spec, int(expr.group("year")))
    if published is None:
        return None
    # "The Easter ceasefire" is the Easter of the news: this year's, unless it is far on the wrong side.
    day = holiday_date(spec, published.year)
    if not future and day > published + dt.timedelta(days=60):
        return holiday_date(spec, published.year - 1)
    if future and day < published - dt.timedelta(days=60):
        return holiday_date(spec, published.year + 1)
    return day


@lru_cache(maxsize=4096)  # dateparser takes milliseconds a call, and an article's events repeat their dates
def _parse(text: str, published: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    """Resolve an explicit date with dateparser; relative to publication, or only when it names a year."""
    if published is None and not re.search(rf"\b{YEAR}\b", text):
        return None
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    data = _parser(tuple(sorted(settings.items()))).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "month":
        return day.replace(day=1), "month"
    if data.period == "year":
        return day.replace(month=1, day=1), "year"
    return day, "day"


@lru_cache(maxsize=8)
def _parser(settings: tuple) -> DateDataParser:
    return DateDataParser(languages=["en"], settings=dict(settings))


def _phrase_offset(table: str, expr: Expr) -> int:
    entries = {" ".join(k.lower().split()): n for k, n in time_words()[table].items()}
    return int(entries[" ".join(expr.group("phrase").lower().split())])


def resolve(expr: Expr, published: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    """The calendar day and precision of an expression, or None when it cannot be fixed (also when it falls
    off the calendar: "last week" in an article published 0001-01-01)."""
    try:
        return _resolve(expr, published, future)
    except (OverflowError, ValueError):
        return None


def _resolve(expr: Expr, published: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    kind = expr.kind
    if kind == "explicit":
        return _parse(expr.text, published, future)
    if kind == "year":
        return dt.date(int(expr.group("year")), 1, 1), "year"
    if kind == "month" and expr.group("year"):
        return dt.date(int(expr.group("year")), _month_number(expr.group("month")), 1), "month"
    if kind == "holiday":
        day = _holiday(expr, published, future)
        return (day, "day") if day else None
    if published is None:
        return None  # everything below is relative to the publication date
    if kind == "month":
        month = _month_number(expr.group("month"))
        return dt.date(_month_year(month, published, future), month, 1), "month"
    if kind == "day_offset":
        return published + dt.timedelta(days=_phrase_offset("day_offsets", expr)), "day"
    if kind == "week":
        return _monday(published) + dt.timedelta(weeks=_phrase_offset("week_offsets", expr)), "week"
    if kind == "weekend":
        n = _phrase_offset("weekend_offsets", expr)
        return _weekday(published, 5, future if n == 0 else n > 0, strict=n < 0), "day"
    if kind == "month_rel":
        return published.replace(day=1) + relativedelta(months=_phrase_offset("month_offsets", expr)), "month"
    if kind == "year_rel":
        return dt.date(published.year + _phrase_offset("year_offsets", expr), 1, 1), "year"
    if kind == "weekday":
        return _resolve_weekday(expr, published, future), "day"
    if kind == "ago":
        return _resolve_ago(expr, published)
    if kind == "entity":
        return _parse(expr.text, published, future)
    return None


def _month_number(name: str) -> int:
    return int({k.lower(): n for k, n in time_words()["months"].items()}[name.lower().rstrip(".")])


def _resolve_weekday(expr: Expr, published: dt.date, future: bool) -> dt.date:
    index = [w.lower() for w in time_words()["weekdays"]].index(expr.group("weekday").lower())
    rel = (expr.group("rel") or "").lower()
    return _weekday(published, index, future, strict=rel == "last")


def _resolve_ago(expr: Expr, published: dt.date) -> tuple[dt.date, str]:
    raw = expr.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = expr.group("unit").lower()
    if unit == "day":
        return published - dt.timedelta(days=n), "day"
    if unit == "week":
        return _monday(published - dt.timedelta(weeks=n)), "week"
    if unit == "month":
        return published.replace(day=1) - relativedelta(months=n), "month"
    return dt.date(published.year - n, 1, 1), "year"


def anchored_offset(expr: Expr) -> int:
    """Days between the story's day and an anchored expression ("two days later" -> 2)."""
    if expr.group("phrase"):
        return _phrase_offset("anchored_offsets", expr)
    raw = expr.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    n *= 7 if expr.group("unit").lower() == "week" else 1
    return -n if expr.group("dir").lower() in ("earlier", "before") else n
