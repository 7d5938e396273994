"""The writer reads only the stretches of the store a batch's merging needs (store/regroup.py): batches whose
articles are spread over months, with reports dated by the day, by the week (open six more days) and only by
their article, store exactly what one batch of everything stores, in any order."""

import random
from datetime import date, timedelta

from conftest_store import HAMAS, ISRAEL, KYIV, RUSSIA, UKRAINE, document, rows
from parley.records import Event, Location

ODESA = Location("Odesa", "UKR", 46.48, 30.72, "city")


def _state(url):
    return (rows(url, "SELECT id, type, date, date_precision, location_name, mention_count, merge_date FROM events "
                      "ORDER BY id"),
            rows(url, "SELECT id, event_id, merge_score, merge_reason FROM event_mentions ORDER BY id"))


def _store_in_batches(url, batches):
    from parley.store.connect import open_engine
    from parley.store.write import Item, write_documents

    engine = open_engine(url)
    for batch in batches:
        with engine.begin() as conn:
            write_documents(conn, [Item(doc) for doc in batch])
    engine.dispose()


def _same_in_shuffled_batches(tmp_path, docs, rng, sizes, tries):
    """What one batch of `docs` stores (its `_state`), after checking that `tries` shuffles of `docs`, stored in
    batches of a size drawn from `sizes`, each store exactly that."""
    expected_url = f"sqlite:///{tmp_path / 'one.db'}"
    _store_in_batches(expected_url, [docs])
    expected = _state(expected_url)
    for number in range(tries):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        size = rng.choice(sizes)
        url = f"sqlite:///{tmp_path / f'shuffled{number}.db'}"
        _store_in_batches(url, [shuffled[k:k + size] for k in range(0, len(shuffled), size)])
        assert _state(url) == expected
    return expected


def _spread_documents(rng, count=90, days=120):
    parties = [([RUSSIA], [UKRAINE]), ([RUSSIA], [UKRAINE]), ([], [UKRAINE]), ([], []), ([ISRAEL], [HAMAS])]
    docs = []
    for n in range(count):
        # days cluster in a few weeks, so some runs of a batch lie close together and some far apart
        day = date(2025, 1, 1) + timedelta(days=rng.choice([rng.randint(0, days), rng.randint(40, 47)]))
        precision = rng.choice(["day", "day", "week", None])
        source, target = rng.choice(parties)
        text = f"Report {n}: strikes near {rng.choice(['Kyiv', 'Odesa', 'Lviv'])} killed {rng.choice([3, 7])}."
        happened = Event(id="e1", type=rng.choice(["ASSAULT", "ASSAULT", "COERCE"]), span=(0, 6), trigger="Report",
                         sentence_span=(0, len(text)), source=source, target=target,
                         date=day.isoformat() if precision else None, date_precision=precision,
                         location=rng.choice([KYIV, ODESA, None]))
        docs.append(document(f"r{n:02d}", [happened], text=text,
                             published=(day + timedelta(days=rng.randint(0, 1))).isoformat()))
    return docs


def test_batches_spread_over_months_store_what_one_batch_stores_in_any_order(tmp_path):
    rng = random.Random(23)
    docs = _spread_documents(rng)
    events, mentions = _same_in_shuffled_batches(tmp_path, docs, rng, [5, 12, 30], tries=4)
    assert len(events) < len(mentions) - 15  # many reports did merge
    assert any(row[3] == "week" for row in events)  # an event dated by its week
