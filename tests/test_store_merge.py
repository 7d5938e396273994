"""One event, many reports: merging mentions into events with stable ids, claims kept on the mentions."""

from conftest_store import HAMAS, ISRAEL, KYIV, RUSSIA, UKRAINE, Link, actor, document, event, rows, store
from parley.records import Location

ODESA = Location("Odesa", "UKR", 46.48, 30.72, "city")


def _events(url):
    return rows(url, "SELECT id, type, date, mention_count, status, location_name FROM events ORDER BY date, id")


def test_merge_three_reports_of_one_strike_make_one_event(db_url):
    store(db_url,
          document("a", [event(date="2025-04-21")]),
          document("b", [event(date="2025-04-21", place=None)]),
          document("c", [event(date="2025-04-22")], published="2025-04-23"))
    found = _events(db_url)
    assert len(found) == 1
    event_id = found[0][0]
    mentions = rows(db_url, "SELECT article_id FROM event_mentions WHERE event_id = :e ORDER BY article_id", e=event_id)
    assert mentions == [("a",), ("b",), ("c",)]
    assert found[0][3] == 3


def test_merge_keeps_statuses_and_claimants_on_mentions(db_url):
    store(db_url,
          document("a", [event(status="alleged", claimed_by=UKRAINE)]),
          document("b", [event(status="denied", claimed_by=RUSSIA)]))
    assert len(_events(db_url)) == 1
    mentions = rows(db_url, "SELECT article_id, status, claimed_by_actor_id FROM event_mentions ORDER BY article_id")
    assert mentions == [("a", "alleged", "UKR"), ("b", "denied", "RUS")]
    assert _events(db_url)[0][4] == "alleged"


def test_merge_status_is_asserted_when_any_report_asserts(db_url):
    store(db_url, document("a", [event(status="denied")]), document("b", [event(status="asserted")]))
    assert _events(db_url)[0][4] == "asserted"


def test_merge_keeps_dates_two_days_apart_separate(db_url):
    store(db_url, document("a", [event(date="2025-04-18")]), document("b", [event(date="2025-04-21")]))
    assert len(_events(db_url)) == 2


def test_merge_keeps_different_places_separate(db_url):
    store(db_url, document("a", [event(place=KYIV)]), document("b", [event(place=ODESA)]))
    found = _events(db_url)
    assert sorted(r[5] for r in found) == ["Kyiv", "Odesa"]
    assert found[0][0] != found[1][0]


def test_merge_keeps_different_actors_separate(db_url):
    store(db_url, document("a", [event()]), document("b", [event(source=[ISRAEL])]))
    assert len(_events(db_url)) == 2


def test_merge_keeps_different_types_separate(db_url):
    store(db_url, document("a", [event(type="ASSAULT")]), document("b", [event(type="ACCUSE")]))
    assert len(_events(db_url)) == 2


def test_merge_ignores_the_order_of_compound_actors(db_url):
    both = [actor("Qatar", "QAT"), actor("Egypt", "EGY")]
    store(db_url, document("a", [event(type="CONSULT", source=both, target=[ISRAEL, HAMAS])]),
          document("b", [event(type="CONSULT", source=both[::-1], target=[HAMAS, ISRAEL])]))
    assert len(_events(db_url)) == 1
    roles = rows(db_url, "SELECT role, actor_id FROM event_actors ORDER BY role, actor_id")
    assert roles == [("source", "EGY"), ("source", "QAT"), ("target", "ISR"), ("target", "PSEHAM")]


def test_merge_fills_a_missing_place_from_a_later_report(db_url):
    store(db_url, document("a", [event(place=None)]), document("b", [event(place=KYIV)]))
    assert _events(db_url)[0][5] == "Kyiv"


def test_merge_id_is_the_same_whatever_order_articles_arrive_in(db_url, tmp_path):
    early, late = document("a", [event(date="2025-04-20")]), document("b", [event(date="2025-04-21")])
    store(db_url, late, early)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    store(other, early, late)
    assert _events(db_url) == _events(other)
    assert _events(db_url)[0][2] == "2025-04-20"


def test_merge_rekeyed_event_keeps_its_mentions_actors_and_links(db_url):
    accusation = event("e2", type="ACCUSE", source=[UKRAINE], target=[RUSSIA], span=(30, 38), trigger="accused",
                       links=[Link("alleges", "e1")])
    store(db_url, document("a", [event("e1", date="2025-04-21"), accusation]),
          document("b", [event(date="2025-04-20")]))
    strike_id = rows(db_url, "SELECT id FROM events WHERE type = 'ASSAULT'")[0][0]
    assert rows(db_url, "SELECT count(*) FROM event_mentions WHERE event_id = :e", e=strike_id) == [(2,)]
    assert rows(db_url, "SELECT count(*) FROM event_actors WHERE event_id = :e", e=strike_id) == [(2,)]
    assert rows(db_url, "SELECT rel FROM links WHERE to_event_id = :e", e=strike_id) == [("alleges",)]


def test_merge_does_not_join_undated_events(db_url):
    store(db_url, document("a", [event(date=None)], published=None), document("b", [event(date=None)], published=None))
    assert len(_events(db_url)) == 2


def test_merge_uses_the_publication_date_when_the_event_has_none(db_url):
    store(db_url, document("a", [event(date=None)], published="2025-04-22"))
    assert _events(db_url)[0][2] == "2025-04-22"


def test_links_point_from_claim_to_claimed_event(db_url):
    accusation = event("e2", type="ACCUSE", source=[HAMAS], target=[ISRAEL], span=(30, 38), trigger="accused",
                       links=[Link("alleges", "e1")])
    blockade = event("e1", type="COERCE", source=[ISRAEL], target=[HAMAS], status="alleged", claimed_by=HAMAS)
    store(db_url, document("a", [blockade, accusation]))
    found = rows(db_url, "SELECT f.type, l.rel, t.type FROM links l JOIN events f ON f.id = l.from_event_id "
                         "JOIN events t ON t.id = l.to_event_id")
    assert found == [("ACCUSE", "alleges", "COERCE")]


def test_actors_are_stored_once_with_their_details(db_url):
    store(db_url, document("a", [event()]), document("b", [event(source=[RUSSIA], target=[ISRAEL])]))
    assert rows(db_url, "SELECT id, name, country FROM actors ORDER BY id") == [
        ("ISR", "Israel", "ISR"), ("RUS", "Russia", "RUS"), ("UKR", "Ukraine", "UKR")]


def _chain():
    """Reports of one dyad on six days and two places: which ones merge depends on all of them."""
    days = ["2025-04-18", "2025-04-19", "2025-04-20", "2025-04-20", "2025-04-20", "2025-04-21", "2025-04-23"]
    places = [KYIV, None, KYIV, KYIV, ODESA, None, KYIV]
    return [document(f"d{i}", [event(date=day, place=place)]) for i, (day, place) in enumerate(zip(days, places))]


def _merged(url):
    return rows(url, "SELECT e.id, e.date, e.location_name, e.mention_count, m.article_id FROM events e "
                     "JOIN event_mentions m ON m.event_id = e.id ORDER BY m.article_id")


def _store_in_batches(url, batches):
    from parley.store.connect import open_engine
    from parley.store.write import Item, write_documents

    engine = open_engine(url)
    for batch in batches:
        with engine.begin() as conn:
            write_documents(conn, [Item(doc) for doc in batch])
    engine.dispose()


def test_merge_is_the_same_whatever_the_order_and_batches(db_url, tmp_path):
    docs = _chain()
    store(db_url, *docs)
    expected = _merged(db_url)
    for number, batches in enumerate([[docs[::-1]], [[d] for d in docs[::-1]], [docs[3:], docs[:3]],
                                      [[docs[6], docs[0]], docs[1:6]]]):
        other = f"sqlite:///{tmp_path / f'order{number}.db'}"
        _store_in_batches(other, batches)
        assert _merged(other) == expected
    # d0 (18th) takes d1 (19th, no place); on the 20th Kyiv (d2, d3) and Odesa (d4) are two events, and d5
    # (21st, no place) joins the one with more reports; d6 (23rd) is alone
    assert [(r[1], r[2], r[3], r[4]) for r in expected] == [
        ("2025-04-18", "Kyiv", 2, "d0"), ("2025-04-18", "Kyiv", 2, "d1"), ("2025-04-20", "Kyiv", 3, "d2"),
        ("2025-04-20", "Kyiv", 3, "d3"), ("2025-04-20", "Odesa", 1, "d4"), ("2025-04-20", "Kyiv", 3, "d5"),
        ("2025-04-23", "Kyiv", 1, "d6")]


def test_merge_of_a_long_daily_chain_is_the_same_whatever_the_order_and_batches(db_url, tmp_path):
    # daily reports over five weeks, some days twice and some in Odesa: a report added early in the chain
    # can move which day pairs with which far down it, and the writer stops re-sweeping only where the
    # chain has settled back onto what was stored
    import random
    from datetime import date, timedelta

    rng = random.Random(7)
    docs = []
    for n in range(60):
        day = (date(2025, 3, 1) + timedelta(days=rng.randint(0, 35))).isoformat()
        place = rng.choice([KYIV, KYIV, None, ODESA])
        docs.append(document(f"c{n:02d}", [event(date=day, place=place)]))
    store(db_url, *docs)
    expected = _merged(db_url)
    for number in range(4):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        size = rng.choice([1, 3, 7])
        other = f"sqlite:///{tmp_path / f'chain{number}.db'}"
        _store_in_batches(other, [shuffled[k:k + size] for k in range(0, len(shuffled), size)])
        assert _merged(other) == expected
    assert len({r[0] for r in expected}) < len(expected)  # some reports did merge


def test_merge_takes_articles_dated_at_the_ends_of_the_calendar(db_url):
    store(db_url, document("first", [event(date=None)], published="0001-01-01"),
          document("last", [event(date=None)], published="9999-12-31"),
          document("last2", [event(date=None, place=None)], published="9999-12-31"))
    assert [(r[2], r[3]) for r in _events(db_url)] == [("0001-01-01", 1), ("9999-12-31", 2)]


def test_merge_by_score_is_the_same_whatever_the_order_and_batches(db_url, tmp_path):
    # reports of several dyads, some naming no party, dated by the day or only by their article, in two towns
    # or none, with sentences sharing some names: which ones merge depends on scores across the whole set
    import random
    from datetime import date, timedelta

    from parley.records import Event

    rng = random.Random(11)
    parties = [([RUSSIA], [UKRAINE]), ([], [UKRAINE]), ([RUSSIA], []), ([], []), ([ISRAEL], [HAMAS])]
    names = ["Kyiv", "Odesa", "Kharkiv", "Lviv"]
    docs = []
    for n in range(70):
        day = date(2025, 3, 1) + timedelta(days=rng.randint(0, 20))
        source, target = rng.choice(parties)
        precise = rng.random() < 0.6
        text = f"Report {n}: {' and '.join(rng.sample(names, 2))} saw {rng.choice([3, 7, 11])} strikes."
        happened = Event(id="e1", type=rng.choice(["ASSAULT", "ASSAULT", "COERCE"]), span=(0, 6), trigger="Report",
                         sentence_span=(0, len(text)), source=source, target=target,
                         date=day.isoformat() if precise else None, date_precision="day" if precise else None,
                         location=rng.choice([KYIV, ODESA, None]))
        docs.append(document(f"s{n:02d}", [happened], text=text,
                             published=(day + timedelta(days=rng.randint(0, 1))).isoformat()))
    store(db_url, *docs)
    expected = _merged(db_url)
    for number in range(4):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        size = rng.choice([1, 4, 9])
        other = f"sqlite:///{tmp_path / f'score{number}.db'}"
        _store_in_batches(other, [shuffled[k:k + size] for k in range(0, len(shuffled), size)])
        assert _merged(other) == expected
    assert len({r[0] for r in expected}) < len(expected) - 10  # many reports did merge


def test_merge_of_a_meeting_and_its_hosts_report_is_the_same_whatever_comes_first(db_url, tmp_path):
    # the host's report shares no party with the meeting's (a host takes part in the meeting it hosts), so the
    # writer must still sweep the stored one when the other comes in a later batch
    egypt, palestine = actor("Egypt", "EGY"), actor("Palestine", "PSE")
    town = Location("Sharm el-Sheikh", "EGY", 27.91, 34.33, "city")
    host = document("host", [event(type="CONSULT", source=[egypt], target=[], place=town, trigger="hosted")],
                    text="Egypt hosted talks in Sharm el-Sheikh on Monday.")
    talks = document("talks", [event(type="CONSULT", source=[ISRAEL, palestine], target=[ISRAEL, palestine],
                                     place=town, trigger="met")],
                     text="Israeli and Palestinian negotiators met for talks in Sharm el-Sheikh on Monday.")
    store(db_url, host, talks)
    expected = _merged(db_url)
    assert [r[3] for r in expected] == [2, 2]  # one event of two reports
    for number, batches in enumerate([[[host], [talks]], [[talks], [host]]]):
        other = f"sqlite:///{tmp_path / f'host{number}.db'}"
        _store_in_batches(other, batches)
        assert _merged(other) == expected
