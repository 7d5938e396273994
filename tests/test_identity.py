"""Who is one side and when two dates can be one event's: parley.identity, shared by nlp, the store and headlines."""

from __future__ import annotations

from datetime import date

from parley import identity
from parley.records import Actor
from parley.store import report_keys


def _actor(id_: str, country: str | None, type_: str | None) -> Actor:
    return Actor("x", 0, 1, "X", id_, country, type_)


def test_a_parliament_speaks_for_its_state():
    assert identity.party_key(_actor("org:knesset", "ISR", "LEG")) == "ISR"


def test_a_state_organ_and_its_country_are_one_party():
    assert identity.party_key(_actor("group:isr-mil", "ISR", "MIL")) == identity.party_key(_actor("country:ISR", "ISR", None))


def test_a_rebel_group_is_a_party_of_its_own():
    assert identity.party_key(_actor("org:m23", "COD", "REB")) == "org:m23"


def test_a_country_speaks_for_itself_when_no_sector_is_given():
    assert identity.is_state_side(_actor("country:SRB", "SRB", None))
    assert not identity.is_state_side(_actor("org:msf", None, "NGO"))


def test_day_reads_a_timestamp_and_gives_none_for_nonsense():
    assert identity.day("2025-04-22T10:00:00Z") == date(2025, 4, 22)
    assert identity.day("next week") is None


def test_the_store_reads_a_symmetric_act_and_a_state_organ_as_the_extractor_does():
    talks = report_keys.Report("r", "CONSULT", "", date(2025, 4, 21), None)
    army = _actor("org:sudanese-armed-forces", "SDN", "MIL")
    assert talks.symmetric == ("CONSULT" in identity.SYMMETRIC_TYPES)
    assert report_keys.party_roots([army]) == f"state:{identity.party_key(army)}"
