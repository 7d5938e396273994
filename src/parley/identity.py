"""Who is one side, and when two reports can be one event: the rules the pipeline, the headline reader and the
store share, kept here so that each has one value.

* `STATE_SECTORS`, `is_state_side`, `party_key`: a state speaks through its organs and officials, so
  "Israel's army" and "Israel" are one party, while a rebel group or an NGO is a party of its own.
* `SYMMETRIC_TYPES`: the PLOVER types whose two sides are interchangeable ("Kosovo and Serbia reach deal" =
  "Serbia agreed with Kosovo").
* `MERGE_WINDOW`, `day`: dates at most this far apart can be one event's.

The store's merging (parley.store.match, report_keys) reads all four from here.

Plain Python over `parley.records`: no spaCy and no store, so every layer may import it.
"""

from __future__ import annotations

from datetime import date, timedelta

from parley.records import Actor

#: CAMEO sectors of a state: an actor of one of these types speaks for its country (government, military,
#: police, judiciary, intelligence, legislature). A parliament is an organ of its state like a court is.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})

#: CAMEO sectors of those who fight or oppose their state (rebels and unnamed gunmen, the opposition, armed gangs):
#: an actor of one of these coded by its country ("Gunmen stormed a hotel in Beledweyne": Somalia's REB) is a party
#: of its own, never its state ("security forces killed the attackers": Somalia's COP against Somalia's REB).
OWN_PARTY_SECTORS = frozenset({"REB", "OPP", "CRM"})

#: Types whose two sides are interchangeable ("Kosovo and Serbia reach deal" = "Serbia agreed with Kosovo").
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})

#: Reports of one type and dyad dated at most this far apart can be one event.
MERGE_WINDOW = timedelta(days=1)


def is_state_side(actor: Actor) -> bool:
    """A state or one of its organs and officials (not its civilians, opposition or rebels)."""
    return actor.type in STATE_SECTORS or (actor.type is None and actor.id.startswith(("country:", "person:")))


#: The id namespace of a regional or breakaway government (Puntland, Republika Srpska: kb organizations.yaml
#: `regional: true`): in its state's country, yet a party of its own.
REGIONAL_PREFIX = "region:"


def party_key(actor: Actor) -> str:
    """Who an actor speaks for: a state through its people and organs (its ISO3 country code), a non-state group
    or a regional government for itself (its id)."""
    if is_state_side(actor) and actor.country and not actor.id.startswith(REGIONAL_PREFIX):
        return actor.country
    return actor.id


def day(value: str | date | None) -> date | None:
    """The calendar day of an ISO date or timestamp; None when missing or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


__all__ = ["MERGE_WINDOW", "OWN_PARTY_SECTORS", "REGIONAL_PREFIX", "STATE_SECTORS", "SYMMETRIC_TYPES", "day", "is_state_side", "party_key"]
