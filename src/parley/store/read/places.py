"""Where events happened: counts by country and by place (with coordinates) for the dashboard's map."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Connection, and_, func, select, true

from parley.store.read.events import EventFilter, plain_totals
from parley.store.schema import events, place_days


@lru_cache(maxsize=512)
def _country(code: str) -> tuple[str | None, str]:
    """(ISO 3166 numeric code, name) of an alpha-3 code; (None, the code) for one pycountry does not know."""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return (found.numeric, getattr(found, "common_name", None) or found.name) if found else (None, code)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, frozenset[str]]:
    """ISO 3166 alpha-3 -> the country's own name and aliases (case-folded) from kb/countries.yaml: not its
    capital or metonyms ("Washington" is a city as a place, though it stands for the state as an actor)."""
    from parley import kb

    return {str(c["iso3"]): frozenset(str(n).casefold() for n in [c.get("name"), *(c.get("aliases") or [])] if n)
            for data in kb.read_yaml("countries.yaml") if isinstance(data, list)
            for c in data if isinstance(c, dict) and c.get("iso3")}


def place_counts(conn: Connection, flt: EventFilter, top: int = 300) -> dict:
    """The events `flt` selects, counted where they happened.

    Returns {"total": events selected, "placed": those with a place or a country, "countries": [{"country":
    ISO 3166 alpha-3, "numeric": ISO 3166 numeric (as map outlines key countries; None if unknown), "name",
    "count"}], most first, "places": [{"name", "country", "lat", "lon" (degrees), "count", "country_level": whether
    the place is its country itself (events placed only as "in China", at the coordinates the gazetteer gives
    the country)}], the `top` busiest places that have coordinates}. A country's count is what `EventFilter(place=code)` selects; a place's is
    what `EventFilter(place=name)` selects when no other place shares its name."""
    n = func.count()
    if not (flt.types or flt.statuses or flt.narrows()):
        # a date range at most: summed from the counts per day and place (store/tallies.py's place_days) and
        # per day (day_counts), one row per cell rather than per event
        pd = place_days
        where = and_(true(), *([pd.c.date >= flt.since.isoformat()] if flt.since else []),
                     *([pd.c.date <= flt.until.isoformat()] if flt.until else []),
                     *([pd.c.date != ""] if flt.since or flt.until else []))
        total = plain_totals(conn, flt)[0]
        placed = conn.execute(select(func.coalesce(func.sum(pd.c.events), 0)).where(where)).scalar_one()
        n = func.sum(pd.c.events)
        by_country = (select(pd.c.country, n).where(where, pd.c.country != "").group_by(pd.c.country)
                      .order_by(n.desc(), pd.c.country))
        by_place = (select(pd.c.name, func.nullif(pd.c.country, ""), pd.c.lat, pd.c.lon, n)
                    .where(where, pd.c.name != "").group_by(pd.c.name, pd.c.country, pd.c.lat, pd.c.lon)
                    .order_by(n.desc(), pd.c.name).limit(top))
    else:
        where = and_(true(), *flt.conditions(conn))
        total, placed = conn.execute(select(n, func.count(func.coalesce(events.c.location_country,
                                                                       events.c.location_name)))
                                     .where(where)).one()
        by_country = (select(events.c.location_country, n).where(where, events.c.location_country.is_not(None))
                      .group_by(events.c.location_country).order_by(n.desc(), events.c.location_country))
        by_place = (select(events.c.location_name, events.c.location_country, events.c.lat, events.c.lon, n)
                    .where(where, events.c.lat.is_not(None), events.c.lon.is_not(None),
                           events.c.location_name.is_not(None))
                    .group_by(events.c.location_name, events.c.location_country, events.c.lat, events.c.lon)
                    .order_by(n.desc(), events.c.location_name).limit(top))
    countries = []
    for code, count in conn.execute(by_country):
        numeric, name = _country(code)
        countries.append({"country": code, "numeric": numeric, "name": name, "count": int(count)})
    names = _country_names()
    places = [{"name": name, "country": country, "lat": lat, "lon": lon, "count": int(count),
               "country_level": name.casefold() in names.get(country or "", ())}
              for name, country, lat, lon, count in conn.execute(by_place)]
    return {"total": int(total), "placed": int(placed), "countries": countries, "places": places}


__all__ = ["place_counts"]
