"""Reference data (countries, organisations, people, titles, triggers, issues, regions) loaded once.

The data lives in YAML files beside this module. A user extends it with files of the same names in the folders
listed in PARLEY_KB (os.pathsep-separated), read after ours in that order. One merge rule serves every file:

* A user's file extends ours. In a mapping-shaped file (grammar.yaml, roles.yaml, wordlists.yaml, triggers.yaml,
  frames.yaml, dates.yaml, issues.yaml, regions.yaml, titles.yaml) a list gains the user's items, a mapping is merged key by
  key to any depth, and any other value is replaced. In a list-shaped file (countries.yaml, organizations.yaml,
  people.yaml) the user's entries are added after ours and win on a clash of aliases.
* A user's file removes with `remove:`. In a mapping-shaped file, `remove:` is a mapping shaped like the file
  whose lists name the items to take out (case-insensitive): `remove: {negators: [hardly]}`; a key given no
  value goes (`remove: {event_types: {AGREE: {quad: }}}`). In a list-shaped file, an entry
  `- remove: [Name, ...]` takes out the earlier entries with that name (or iso3 or id).

What each file holds and who reads it: kb/README.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from parley.errors import KBError

HERE = Path(__file__).parent
#: the sector of a person out of the office people.yaml gives them dates for (CAMEO's elites: former officials)
FORMER_OFFICIAL = "ELI"


@dataclass(frozen=True)
class Entity:
    """A known actor: a state, an organisation or a person."""

    id: str
    name: str
    country: str | None
    type: str | None
    kind: str  # country | org | person
    role: str | None = None
    #: the word that alone names a person once the article has named them in full (a family name written first:
    #: "Lai" of "Lai Ching-te"); None when it is the name's last word
    family_name: str | None = None


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    # alias (as written) -> entity id; capitalised names, metonyms, acronyms
    aliases: dict[str, str] = field(default_factory=dict)
    # demonym (as written) -> entity id ("Russian" -> country:RUS, "European" -> org:eu)
    demonyms: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    sector_nouns: dict[str, str] = field(default_factory=dict)
    # head word of an organisation's name -> sector, for organisations not listed ("Union" -> LAB)
    organisation_heads: dict[str, str | None] = field(default_factory=dict)
    # id -> the (since, until) periods in which an organisation is its country's government (`governs`);
    # outside them it is of its own `type` (the Taliban between 2001 and 2021)
    governs: dict[str, tuple[tuple[date | None, date | None], ...]] = field(default_factory=dict)
    raw: dict[str, object] = field(default_factory=dict)

    def entity_for(self, alias: str) -> Entity | None:
        key = self.aliases.get(alias) or self.aliases.get(_strip_the(alias))
        return self.entities.get(key) if key else None

    def country(self, iso3: str | None) -> Entity | None:
        return self.entities.get(f"country:{iso3}") if iso3 else None

    def type_on(self, entity_id: str, type_: str | None, day: date | None) -> str | None:
        """The sector of entity `entity_id` in an article of `day`: GOV within one of its `governs` periods (or
        on no day, when it governs now), else `type_` (its listed type, or the one its mention was given)."""
        periods = self.governs.get(entity_id)
        if not periods:
            return type_
        if day is None:
            return "GOV" if any(until is None for _, until in periods) else type_
        inside = any((since is None or since <= day) and (until is None or day <= until) for since, until in periods)
        return "GOV" if inside else type_


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def data_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("PARLEY_KB", "").split(os.pathsep) if p]
    return [HERE, *extra]


def read_yaml(name: str) -> list:
    """Every entry of data file `name` across the packaged folder and the user's folders."""
    entries: list = []
    for folder in data_dirs():
        path = folder / name
        if not path.exists():
            continue
        try:
            # the C loader when PyYAML has libyaml: the pure-Python one is most of a cold start
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (OSError, yaml.YAMLError) as exc:
            raise KBError(f"Cannot read reference data {path}: {exc}. Fix the file or remove it from PARLEY_KB.") from exc
        if data is None:
            continue
        entries.append(data)
    return entries


def _merged_list(name: str) -> list[dict]:
    """The entries of a list-shaped file across the folders, ours first; an entry `{remove: [names]}` takes out
    the entries before it whose name, iso3 or id is one of the names (case-insensitive)."""
    out: list[dict] = []
    for data in read_yaml(name):
        if not isinstance(data, list):
            raise KBError(f"{name} must be a list of entries")
        for entry in data:
            if isinstance(entry, dict) and set(entry) == {"remove"}:
                names = entry["remove"] if isinstance(entry["remove"], list) else [entry["remove"]]
                drop = {str(n).lower() for n in names}
                out = [e for e in out if not drop & {str(e.get(k)).lower() for k in ("name", "iso3", "id") if e.get(k)}]
            else:
                out.append(entry)
    return out


@lru_cache(maxsize=1)
def load() -> KnowledgeBase:
    kb = KnowledgeBase()

    def add(entity: Entity, names) -> None:
        kb.entities[entity.id] = entity
        for alias in names:
            if alias:
                kb.aliases[str(alias)] = entity.id

    for c in _merged_list("countries.yaml"):
        iso3 = c["iso3"]
        entity = Entity(f"country:{iso3}", c["name"], iso3, "GOV", "country")
        add(entity, [c["name"], *(c.get("aliases") or []), *(c.get("metonyms") or [])])
        for demonym in c.get("demonyms") or []:
            kb.demonyms[demonym] = entity.id
    for o in _merged_list("organizations.yaml"):
        # a regional or breakaway government (`regional: true`) has ids of its own, "region:puntland": in its
        # state's country, yet a party of its own (parley.identity.party_key)
        prefix = "region" if o.get("regional") else "org"
        entity = Entity(f"{prefix}:{o['id']}", o["name"], o.get("country"), o.get("type"), "org")
        add(entity, [o["name"], *(o.get("aliases") or [])])
        for demonym in o.get("demonyms") or []:
            kb.demonyms[demonym] = entity.id
        if o.get("governs"):
            kb.governs[entity.id] = _periods(o["governs"], o["name"])
    for p in _merged_list("people.yaml"):
        pid = "person:" + p["name"].lower().replace(" ", "-")
        type_ = p.get("type", "GOV")
        if type_ == "GOV" and p.get("until"):
            # a past office holder speaks for the state only in office: after it ("the military removed Bashir",
            # "former President Obama said") one of the elite (CAMEO ELI), a party of their own
            kb.governs[pid] = _periods([[p.get("since"), p["until"]]], p["name"])
            type_ = FORMER_OFFICIAL
        entity = Entity(pid, p["name"], p.get("country"), type_, "person", p.get("role"),
                        p["name"].split()[0] if p.get("family_name_first") else None)
        add(entity, [p["name"], *(p.get("aliases") or [])])
    titles = extended_mapping("titles.yaml")
    kb.titles = {k.lower(): v for k, v in (titles.get("titles") or {}).items()}
    kb.sector_nouns = {k.lower(): v for k, v in (titles.get("sector_nouns") or {}).items()}
    kb.organisation_heads = {k.lower(): v for k, v in (titles.get("organisation_heads") or {}).items()}
    return kb


def governing_periods() -> dict[str, tuple[tuple[date | None, date | None], ...]]:
    """Each organisation's `governs` periods by actor id ("org:taliban"), from organizations.yaml alone, for a
    reader that shows an actor's sector by period without loading the whole reference data (~1 s)."""
    return {f"{'region' if o.get('regional') else 'org'}:{o['id']}": _periods(o["governs"], o["name"])
            for o in _merged_list("organizations.yaml") if o.get("governs")}


def _periods(value, name: str) -> tuple[tuple[date | None, date | None], ...]:
    """An organisation's `governs` list of [since, until] pairs (ISO dates, null for open) as dates; KBError
    naming the organisation when a pair is not two dates."""
    out = []
    for pair in value if isinstance(value, list) else []:
        try:
            since, until = (None if d is None else d if isinstance(d, date) else date.fromisoformat(str(d)) for d in pair)
        except (TypeError, ValueError) as exc:
            raise KBError(f"organizations.yaml: {name}'s governs entry {pair!r} is not [since, until] as ISO dates "
                          f"(null for an open end): {exc}") from exc
        out.append((since, until))
    if not out:
        raise KBError(f"organizations.yaml: {name}'s governs must be a list of [since, until] pairs")
    return tuple(out)


def extended_mapping(name: str) -> dict:
    """A mapping-shaped file merged across the folders by the one rule (see the module docstring): a user's list
    adds its items to ours, mappings merge key by key to any depth, other values are replaced, and the user's
    `remove:` mapping, shaped like the file, takes items out. KBError when a file is not a mapping."""
    out: dict = {}
    removals: list[dict] = []
    for data in read_yaml(name):
        if not isinstance(data, dict):
            raise KBError(f"{name} must be a mapping; see the packaged {name} for its shape")
        data = dict(data)
        if isinstance(data.get("remove"), dict):
            removals.append(data.pop("remove"))
        _extend(out, data)
    for removal in removals:
        _remove(out, removal)
    return out


def _extend(into: dict, data: dict) -> None:
    for key, value in data.items():
        have = into.get(key)
        if isinstance(value, dict) and isinstance(have, dict):
            _extend(have, value)
        elif isinstance(value, list) and isinstance(have, list):
            into[key] = have + [v for v in value if v not in have]
        else:
            into[key] = dict(value) if isinstance(value, dict) else value


def _remove(into: dict, removal: dict) -> None:
    for key, value in removal.items():
        have = into.get(key)
        if value is None:  # `quad:` with no value: the key goes
            into.pop(key, None)
        elif isinstance(value, dict) and isinstance(have, dict):
            _remove(have, value)
        elif isinstance(have, list):
            drop = {str(v).lower() for v in (value if isinstance(value, list) else [value])}
            into[key] = [v for v in have if str(v).lower() not in drop]
