"""Property-based tests (hypothesis): date parsing and weekday resolution, actor keys and the merging rules
hold for every input, not only the examples written elsewhere."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.errors import DateError
from parley.identity import day
from parley.nlp.setting.calendar import _weekday
from parley.records import STATUSES
from parley.sources.files import parse_date
from parley.store.merge import actor_key, summary_status

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
ids = st.lists(st.from_regex(r"[a-z]{1,8}:[A-Z]{3}", fullmatch=True), max_size=4)


@given(days)
def test_an_iso_date_parses_to_itself_and_a_timestamp_to_its_day(value):
    assert parse_date(value.isoformat()) == value
    assert parse_date(f"{value.isoformat()}T23:59:59+02:00") == value
    assert day(value.isoformat()) == value


@given(st.text(alphabet="abcxyz/.", min_size=1, max_size=12))
def test_a_non_date_is_a_date_error_that_says_the_format(text):
    try:
        parse_date(text)
    except DateError as error:
        assert str(error) == f"Date {text.strip()!r} does not parse. Use YYYY-MM-DD, e.g. 2025-04-22."
    else:
        raise AssertionError(f"{text!r} parsed")


@given(days, st.integers(min_value=0, max_value=6), st.booleans())
def test_a_weekday_resolves_to_that_weekday_within_a_week_on_the_right_side(published, index, future):
    found = _weekday(published, index, future)
    assert found.weekday() == index
    if future:
        assert published < found <= published + dt.timedelta(days=7)
    else:
        assert published - dt.timedelta(days=6) <= found <= published


@given(ids, ids, st.randoms())
def test_the_actor_key_ignores_order_and_repeats_but_not_roles(sources, targets, rng):
    shuffled_sources, shuffled_targets = sources * 2, list(targets)
    rng.shuffle(shuffled_sources)
    rng.shuffle(shuffled_targets)
    key = actor_key(sources, targets)
    assert actor_key(shuffled_sources, shuffled_targets) == key
    assert (actor_key(targets, sources) == key) == (set(sources) == set(targets))


@given(st.lists(st.sampled_from(STATUSES), min_size=1, max_size=8), st.randoms())
def test_the_merged_status_is_asserted_when_any_report_asserts_and_ignores_order(statuses, rng):
    shuffled = list(statuses)
    rng.shuffle(shuffled)
    merged = summary_status(statuses)
    assert merged == summary_status(shuffled)
    assert merged in statuses
    assert (merged == "asserted") == ("asserted" in statuses)


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=1))
def test_one_strike_reported_by_several_articles_is_one_event(tmp_path_factory, reports, shift):
    from conftest_store import document, event, store
    from parley.store.connect import open_engine
    from parley.store.read import EventFilter, list_events

    url = f"sqlite:///{tmp_path_factory.mktemp('merge') / 'parley.db'}"
    # reports a day apart at most (the merge window) of the same participants and type
    store(url, *[document(f"r{i}", [event(date=f"2025-04-{20 + (i % 2) * shift:02d}")]) for i in range(reports)])
    engine = open_engine(url)
    with engine.connect() as conn:
        total, found = list_events(conn, EventFilter(), None)
    engine.dispose()
    assert (total, [e["mention_count"] for e in found]) == (1, [reports])
    assert found[0]["date"] == "2025-04-20"
