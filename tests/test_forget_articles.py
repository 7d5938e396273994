"""Forgetting articles (store/write.py `forget_articles`, what replaces a feed entry's summary with its page)
leaves the store as if they had never been stored: the same events, reports, reasons and actors as storing only
the others."""

import random

from conftest_store import ARMENIA, KYIV, document, event, position, rows, store
from parley.records import Location
from parley.store.connect import open_engine
from parley.store.write import forget_articles
from test_regroup_stretches import _spread_documents, _store_in_batches

ODESA = Location("Odesa", "UKR", 46.48, 30.72, "city")


def _state(url):
    return (rows(url, "SELECT id, type, date, status, location_name, source_actor_id, target_actor_id, "
                      "mention_count, merge_date FROM events ORDER BY id"),
            rows(url, "SELECT id, event_id, merge_score, merge_reason FROM event_mentions ORDER BY id"),
            rows(url, "SELECT event_id, role, actor_id FROM event_actors ORDER BY event_id, role, actor_id"),
            rows(url, "SELECT id, name, country, type FROM actors ORDER BY id"),
            rows(url, "SELECT source_id, target_id, events, cooperative FROM pair_counts ORDER BY 1, 2"))


def _forget(url, article_ids):
    engine = open_engine(url)
    with engine.begin() as conn:
        forget_articles(conn, article_ids)
    engine.dispose()


def test_a_report_that_joined_the_forgotten_articles_event_joins_the_event_it_would_have_joined(tmp_path):
    # b (Odesa) cannot join a (Kyiv); c (no place) shares more with b than with a, so it joined b's event.
    # Without b, c joins a's event, as it does when b was never stored.
    a = document("a2", [event(place=KYIV, span=(0, 6))],
                 text="Russia struck Kyiv with 12 drones and 7 missiles at Obolon overnight.")
    b = document("b2", [event(place=ODESA, span=(0, 6))],
                 text="Russia struck Odesa with 40 missiles at Pivdennyi port overnight.")
    c = document("c2", [event(place=None, span=(0, 6))],
                 text="Russia fired 40 missiles at Pivdennyi port and 12 drones overnight.")
    forgotten, never = f"sqlite:///{tmp_path / 'forgotten.db'}", f"sqlite:///{tmp_path / 'never.db'}"
    store(forgotten, a, b, c)
    assert rows(forgotten, "SELECT article_id FROM event_mentions WHERE event_id = "
                           "(SELECT event_id FROM event_mentions WHERE article_id = 'c2') ORDER BY 1") == [
        ("b2",), ("c2",)]
    _forget(forgotten, ["b2"])
    store(never, a, c)
    assert rows(never, "SELECT count(DISTINCT event_id) FROM event_mentions") == [(1,)]
    assert _state(forgotten) == _state(never)


def test_forgetting_articles_stores_what_storing_only_the_others_stores(tmp_path):
    rng = random.Random(5)
    docs = _spread_documents(rng, count=80, days=40)
    for number in range(3):
        gone = set(rng.sample([d.id for d in docs], 12))
        forgotten = f"sqlite:///{tmp_path / f'forgotten{number}.db'}"
        never = f"sqlite:///{tmp_path / f'never{number}.db'}"
        _store_in_batches(forgotten, [docs[k:k + 20] for k in range(0, len(docs), 20)])
        _forget(forgotten, sorted(gone))
        _store_in_batches(never, [[d for d in docs if d.id not in gone]])
        assert _state(forgotten) == _state(never)


def test_forgetting_the_reports_that_made_an_event_an_assault_moves_the_positions_back_to_its_type(db_url):
    # a coercion joined by two assault reports is an ASSAULT; forget those two and it is a COERCE again, and so
    # is the type its article's position counts under in position_type_months
    stance = position(ARMENIA, "talks", "accept", "Armenia said so.", "2025-04-21", span=(40, 56))
    store(db_url, document("a", [event(type="COERCE")], positions=[stance],
                           text="Article a: Russia struck Kyiv overnight. Armenia said so."),
          document("b", [event()]), document("c", [event()]))
    query = "SELECT type, actor_id, issue, month, positions FROM position_type_months"
    assert rows(db_url, query) == [("ASSAULT", "ARM", "talks", "2025-04", 1)]
    _forget(db_url, ["b", "c"])
    assert rows(db_url, "SELECT type, mention_count FROM events") == [("COERCE", 1)]
    assert rows(db_url, query) == [("COERCE", "ARM", "talks", "2025-04", 1)]
