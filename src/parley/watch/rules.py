"""The rules file of `parley watch`: what to alert on, where to send it, where to write the Atom feed.

    dashboard: http://127.0.0.1:8000/   # links in alerts point here (default)
    feed: alerts.atom                   # Atom feed of the latest alerts, rewritten every cycle (optional;
                                        # a relative path is from the folder the watch runs in)
    channels:                           # apprise URLs, one message per channel per cycle (optional)
      - name: team
        url: json://127.0.0.1:9000/alerts
      - name: analyst
        url: mailto://user:${SMTP_PASSWORD}@smtp.example.org?to=analyst@example.org
    rules:
      - name: threats                   # event: a new event that matches every filter given
        kind: event
        types: [REJECT, THREATEN]
        between: [Russia, Ukraine]      # one side each; or actors (any role), source, target
        status: [asserted]              # the merged event's status
        countries: [UKR]                # where it happened (ISO 3166 alpha-3 or a name)
        places: [Kharkiv, Sumy]         # the event's place as stored (any case)
        min_reports: 2                  # fires when the second report arrives
      - name: hamas-ceasefire           # shift: an actor's latest stance on an issue changes
        kind: shift
        actors: [Hamas]
        issues: [ceasefire]
        to: [accept, reject]            # only changes to these stances (optional; from: likewise)
      - name: fighting                  # surge: events in the last `days` reach `multiple` times their
        kind: surge                     # rate over the `baseline_days` before, and at least `floor`
        types: [ASSAULT, COERCE]
        by: country                     # actor, dyad or country: each counted on its own
        days: 7
        baseline_days: 90
        multiple: 2
        floor: 3

Loading checks every key and value and raises RulesError naming the file, the line and the fix. `${NAME}` in
a channel URL is replaced by the environment variable NAME (so passwords stay out of the file).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from parley.errors import RulesError
from parley.records import EVENT_TYPES, ISSUES, STANCES, STATUSES

KINDS = ("event", "shift", "surge")
SURGE_BY = ("actor", "dyad", "country")
DEFAULT_DASHBOARD = "http://127.0.0.1:8000/"

#: the keys each kind of rule takes besides `name` and `kind`
KEYS = {
    "event": ("types", "status", "actors", "source", "target", "between", "countries", "places", "min_reports"),
    "shift": ("actors", "issues", "from", "to"),
    "surge": ("types", "by", "actors", "countries", "days", "baseline_days", "multiple", "floor"),
}
TOP_KEYS = ("dashboard", "feed", "channels", "rules")
CHANNEL_KEYS = ("name", "url")


@dataclass(frozen=True)
class Rule:
    """One alert rule. Lists are empty when the filter is not given; names are as the user wrote them (actor
    names and ids are resolved against the store when the rule is evaluated); `line` is where it starts."""

    name: str
    kind: str
    line: int
    types: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    min_reports: int = 1
    issues: tuple[str, ...] = ()
    from_stances: tuple[str, ...] = ()
    to_stances: tuple[str, ...] = ()
    by: str = "actor"
    days: int = 7
    baseline_days: int = 90
    multiple: float = 2.0
    floor: int = 3


@dataclass(frozen=True)
class Channel:
    """A place alerts are sent: a name (kept with each delivery) and an apprise URL (environment expanded)."""

    name: str
    url: str
    line: int


@dataclass(frozen=True)
class Rules:
    """A loaded rules file."""

    rules: tuple[Rule, ...] = ()
    channels: tuple[Channel, ...] = ()
    feed: Path | None = None
    dashboard: str = DEFAULT_DASHBOARD
    path: str = ""


class _Mapping(dict):
    """A YAML mapping that remembers its line and each key's line."""

    line = 0
    lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class _List(list):
    line = 0


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping lines (YAML has no line numbers after loading) and refusing duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    found = _Mapping()
    found.line = node.start_mark.line + 1
    found.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in found:
            raise RulesError(f"line {key_node.start_mark.line + 1}: {key!r} is given twice in the same block. "
                             "Keep one.")
        found[key] = loader.construct_object(value_node, deep=True)
        found.lines[key] = key_node.start_mark.line + 1
    return found


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _List:
    found = _List(loader.construct_object(child, deep=True) for child in node.value)
    found.line = node.start_mark.line + 1
    return found


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_rules(path: str | os.PathLike) -> Rules:
    """Read and check a rules file. Raises RulesError ("FILE, line N: what is wrong. What to do.")."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"{path}: cannot read the rules file ({exc.strerror or exc}). Check the --rules path.") \
            from None
    try:
        return parse_rules(text, str(path))
    except RulesError as exc:
        message = str(exc)
        raise RulesError(f"{path}, {message}" if message.startswith("line ") else f"{path}: {message}") from None


def parse_rules(text: str, name: str = "<rules>") -> Rules:
    """Check the text of a rules file (see the module's docstring); RulesError("line N: ...") when it is wrong."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RulesError(f"line {line}: not valid YAML ({exc.problem or exc}). Check the indentation, the "
                         "colons and the quotes on that line and the one before.") from None
    if not isinstance(data, _Mapping):
        raise RulesError("line 1: a rules file is a mapping with a `rules:` list (and optionally `channels:`, "
                         "`feed:`, `dashboard:`), as in examples/alerts.yaml.")
    _known_keys(data, TOP_KEYS, "the rules file")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise RulesError(f"line {data.line_of('rules')}: `rules:` must be a list of rules, each starting with "
                         "`- name: ...`.")
    parsed = tuple(_rule(item, data.line_of("rules")) for item in rules)
    _unique([(r.name, r.line) for r in parsed], "rule")
    channels = data.get("channels") or []
    if not isinstance(channels, list):
        raise RulesError(f"line {data.line_of('channels')}: `channels:` must be a list of `- name: ...` / "
                         "`url: ...` entries.")
    found_channels = tuple(_channel(item, data.line_of("channels")) for item in channels)
    _unique([(c.name, c.line) for c in found_channels], "channel")
    feed = data.get("feed")
    if feed is not None and (not isinstance(feed, str) or not feed.strip()):
        raise RulesError(f"line {data.line_of('feed')}: `feed:` is the path of the Atom file to write, "
                         "e.g. `feed: alerts.atom`.")
    dashboard = data.get("dashboard", DEFAULT_DASHBOARD)
    if not isinstance(dashboard, str) or not re.match(r"https?://", dashboard):
        raise RulesError(f"line {data.line_of('dashboard')}: `dashboard:` is the address of `parley serve`, "
                         f"e.g. {DEFAULT_DASHBOARD}")
    return Rules(parsed, found_channels, Path(feed) if feed else None,
                 dashboard if dashboard.endswith("/") else dashboard + "/", name)


def _known_keys(block: _Mapping, allowed: tuple[str, ...], what: str) -> None:
    for key in block:
        if key not in allowed:
            raise RulesError(f"line {block.line_of(key)}: {what} has no key {key!r}. Use one of: "
                             f"{', '.join(allowed)}.")


def _unique(names: list[tuple[str, int]], what: str) -> None:
    seen: set[str] = set()
    for name, line in names:
        if name in seen:
            raise RulesError(f"line {line}: two {what}s are named {name!r}. Give each its own name: alerts "
                             f"and deliveries are stored under it.")
        seen.add(name)


def _name(block: _Mapping, what: str) -> str:
    name = block.get("name")
    if not isinstance(name, (str, int)) or not str(name).strip():
        raise RulesError(f"line {block.line}: this {what} has no `name:`. Give it one (alerts are stored under "
                         "it, so keep it once chosen).")
    return str(name).strip()


def _channel(item, line: int) -> Channel:
    import apprise

    if not isinstance(item, _Mapping):
        raise RulesError(f"line {getattr(item, 'line', line)}: each channel is a `- name: ...` with a `url: ...`.")
    name = _name(item, "channel")
    _known_keys(item, CHANNEL_KEYS, f"channel {name!r}")
    url = item.get("url")
    if not isinstance(url, str) or not url.strip():
        raise RulesError(f"line {item.line}: channel {name!r} has no `url:`. Give an apprise URL, e.g. "
                         "json://host/path for a webhook or mailto://user:pass@smtp.host?to=you@example.org.")
    missing = [v for v in re.findall(r"\$\{(\w+)\}", url) if v not in os.environ]
    if missing:
        raise RulesError(f"line {item.line_of('url')}: channel {name!r} uses ${{{missing[0]}}}, which is not set. "
                         f"Set the environment variable {missing[0]} before starting the watch.")
    expanded = re.sub(r"\$\{(\w+)\}", lambda m: os.environ[m.group(1)], url.strip())
    if apprise.Apprise.instantiate(expanded, suppress_exceptions=True) is None:
        raise RulesError(f"line {item.line_of('url')}: channel {name!r}: apprise cannot use the URL {url.strip()!r}. "
                         "Check its scheme (json://, form://, mailto://, mailtos://, slack://, ...) and "
                         "parameters against apprise's list of services.")
    return Channel(name, expanded, item.line)


def _strings(block: _Mapping, key: str, rule: str) -> tuple[str, ...]:
    value = block.get(key)
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, (str, int)) and str(v).strip() for v in values):
        raise RulesError(f"line {block.line_of(key)}: rule {rule!r}: `{key}:` takes a name or a list of names, "
                         f"e.g. `{key}: [a, b]`.")
    return tuple(str(v).strip() for v in values)


def _vocabulary(block: _Mapping, key: str, rule: str, allowed: tuple[str, ...], what: str,
                normalise=str.lower) -> tuple[str, ...]:
    values = tuple(normalise(v) for v in _strings(block, key, rule))
    for value in values:
        if value not in allowed:
            raise RulesError(f"line {block.line_of(key)}: rule {rule!r}: {value!r} is not {what}. "
                             f"Use one of: {', '.join(allowed)}.")
    return values


def _number(block: _Mapping, key: str, rule: str, default, kind=int, minimum=1):
    value = block.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and value != int(value)) \
            or value < minimum:
        shown = "a whole number" if kind is int else "a number"
        raise RulesError(f"line {block.line_of(key)}: rule {rule!r}: `{key}:` must be {shown} of at least "
                         f"{minimum}, not {value!r}.")
    return kind(value)


def _rule(item, line: int) -> Rule:
    if not isinstance(item, _Mapping):
        raise RulesError(f"line {getattr(item, 'line', line)}: each rule is a block starting with `- name: ...` "
                         "and a `kind:` (event, shift or surge).")
    name = _name(item, "rule")
    kind = item.get("kind")
    if kind not in KINDS:
        raise RulesError(f"line {item.line_of('kind')}: rule {name!r}: kind {kind!r} is not a rule kind. "
                         f"Use one of: {', '.join(KINDS)}.")
    _known_keys(item, ("name", "kind", *KEYS[kind]), f"a {kind} rule ({name!r})")
    found = {"name": name, "kind": kind, "line": item.line,
             "types": _vocabulary(item, "types", name, EVENT_TYPES, "a PLOVER event type", str.upper),
             "status": _vocabulary(item, "status", name, STATUSES, "an event status"),
             "issues": _vocabulary(item, "issues", name, ISSUES, "a negotiating issue"),
             "from_stances": _vocabulary(item, "from", name, STANCES, "a stance"),
             "to_stances": _vocabulary(item, "to", name, STANCES, "a stance"),
             **{key: _strings(item, key, name) for key in ("actors", "source", "target", "between", "places")},
             "countries": tuple(_country(v, item.line_of("countries"), name)
                                for v in _strings(item, "countries", name))}
    if found["between"] and len(found["between"]) != 2:
        raise RulesError(f"line {item.line_of('between')}: rule {name!r}: `between:` takes two actors, one for "
                         "each side, e.g. `between: [Russia, Ukraine]`.")
    if kind == "event":
        found["min_reports"] = _number(item, "min_reports", name, 1)
    if kind == "surge":
        by = item.get("by", "actor")
        if by not in SURGE_BY:
            raise RulesError(f"line {item.line_of('by')}: rule {name!r}: `by:` is one of {', '.join(SURGE_BY)}, "
                             f"not {by!r}.")
        found.update(by=by, days=_number(item, "days", name, 7), baseline_days=_number(item, "baseline_days", name, 90),
                     multiple=_number(item, "multiple", name, 2.0, float, 1), floor=_number(item, "floor", name, 3))
    return Rule(**found)


def _country(value: str, line: int, rule: str) -> str:
    from parley.errors import InvalidQuery
    from parley.store.read.common import resolve_country

    try:
        return resolve_country(value)
    except InvalidQuery as exc:
        raise RulesError(f"line {line}: rule {rule!r}: {exc}") from None
