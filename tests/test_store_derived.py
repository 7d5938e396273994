"""The read layer's derived data (store/derived.py: event pairs, actor counts, the positions' shift columns) and
the dashboard queries that read it or were rewritten for speed: exact answers on short corpora."""

from __future__ import annotations

from datetime import date

from conftest_store import ARMENIA, AZERBAIJAN, RUSSIA, UKRAINE, actor, document, event, position, rows, store
from parley.store import derived, read, tallies
from parley.store.connect import open_engine

BELARUS = actor("Belarus", "BLR")


def _read(url, fn, *args, **kwargs):
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return fn(conn, *args, **kwargs)
    finally:
        engine.dispose()


def _derived_rows(url):
    return (rows(url, "SELECT e.type, p.source_id, p.target_id, p.status, p.date FROM event_pairs p "
                      "JOIN events e ON e.id = p.event_id ORDER BY e.type, p.source_id, p.target_id"),
            rows(url, "SELECT actor_id, events, as_source, as_target, claims, positions FROM actor_counts "
                      "ORDER BY actor_id"),
            rows(url, "SELECT article_id, stance, last_in_article, previous_stance, shift FROM positions "
                      "ORDER BY article_id, span_start"))


def _rebuilt(url):
    engine = open_engine(url)
    try:
        with engine.begin() as conn:
            derived.rebuild(conn)
    finally:
        engine.dispose()
    return _derived_rows(url)


def test_a_compound_event_has_one_pair_per_source_and_target(db_url):
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA, BELARUS), (UKRAINE,), claimed_by=UKRAINE)]))
    pairs, counts, _ = _derived_rows(db_url)
    assert pairs == [("ASSAULT", "BLR", "UKR", "asserted", "2025-04-21"),
                     ("ASSAULT", "RUS", "UKR", "asserted", "2025-04-21")]
    assert counts == [("BLR", 1, 1, 0, 0, 0), ("RUS", 1, 1, 0, 0, 0), ("UKR", 1, 0, 1, 1, 0)]


def test_derived_rows_written_batch_by_batch_equal_a_rebuild(db_url):
    """Three writes: an alleged strike that a later report asserts (the event's status changes), and an article
    dated before one already stored (the later article's previous stance changes)."""
    store(db_url, document("a2", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), status="alleged")],
                           published="2025-04-22",
                           positions=[position(ARMENIA, "territory", "accept", "Armenia accepted.", "2025-03-10")]))
    assert _derived_rows(db_url)[0] == [("ASSAULT", "RUS", "UKR", "alleged", "2025-04-21")]
    store(db_url, document("a3", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,))], published="2025-04-22",
                           text="Article a3: Russia struck Kyiv overnight again, officials said."))
    store(db_url, document("a1", [event("e2", "AGREE", (ARMENIA,), (AZERBAIJAN,), date="2025-03-01", place=None)],
                           published="2025-03-01",
                           positions=[position(ARMENIA, "territory", "reject", "Armenia rejected it.", "2025-03-01")]))
    incremental = _derived_rows(db_url)
    assert incremental == (
        [("AGREE", "ARM", "AZE", "asserted", "2025-03-01"), ("ASSAULT", "RUS", "UKR", "asserted", "2025-04-21")],
        [("ARM", 1, 1, 0, 0, 2), ("AZE", 1, 0, 1, 0, 0), ("RUS", 1, 1, 0, 0, 0), ("UKR", 1, 0, 1, 0, 0)],
        [("a1", "reject", 1, None, 0), ("a2", "accept", 1, "reject", 1)])
    assert _rebuilt(db_url) == incremental


def test_pair_counts_written_batch_by_batch_equal_a_rebuild(db_url):
    """A strike Belarus joins in a second report: the one-source report joins the two-source one (a compound
    actor and its member are one party), whose parties the event takes, so Belarus -> Ukraine gains an event
    and Russia -> Ukraine keeps the strike and gains the talks."""
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), span=(0, 5)),
                                  event("e2", "AGREE", (ARMENIA,), (AZERBAIJAN,), span=(6, 9))]))
    store(db_url, document("a2", [event("e1", "ASSAULT", (RUSSIA, BELARUS), (UKRAINE,), span=(0, 5)),
                                  event("e2", "CONSULT", (RUSSIA,), (UKRAINE,), span=(6, 9))]))
    query = "SELECT source_id, target_id, events FROM pair_counts ORDER BY source_id, target_id"
    incremental = rows(db_url, query)
    assert incremental == [("ARM", "AZE", 1), ("BLR", "UKR", 1), ("RUS", "UKR", 2)]
    _rebuilt(db_url)
    assert rows(db_url, query) == incremental


def test_day_counts_written_batch_by_batch_equal_a_rebuild(db_url):
    """An alleged strike that a later report asserts moves from the alleged cell to the asserted one; undated
    talks have a cell of their own."""
    store(db_url, document("a2", [event("e1", "ASSAULT", status="alleged")]),
          document("a0", [event("e1", "CONSULT", (UKRAINE,), (RUSSIA,), date=None)], published=None))
    store(db_url, document("a3", [event("e1", "ASSAULT")], text="Article a3: Russia struck Kyiv overnight again."))

    def cells():
        return sorted(rows(db_url, "SELECT date, type, status, events FROM day_counts"),
                      key=lambda row: (row[0] or "", row[1], row[2]))
    incremental = cells()
    assert incremental == [(None, "CONSULT", "asserted", 1), ("2025-04-21", "ASSAULT", "asserted", 1)]
    _rebuilt(db_url)
    assert cells() == incremental


def test_summary_of_a_status_and_date_range_counts_its_cells(db_url):
    store(db_url, document("a2", [event("e1", "ASSAULT", status="alleged"),
                                  event("e2", "AGREE", (ARMENIA,), (AZERBAIJAN,), date="2025-03-01", span=(20, 26))]),
          document("a0", [event("e1", "CONSULT", (UKRAINE,), (RUSSIA,), date=None)], published=None))
    asserted = _read(db_url, read.summary, read.EventFilter(statuses=["asserted"]), "type", 5)
    assert ({k: asserted[k] for k in ("total", "undated", "first", "last")}, asserted["by_day"]) == (
        {"total": 2, "undated": 1, "first": "2025-03-01", "last": "2025-03-01"},
        [{"date": "2025-03-01", "key": "AGREE", "count": 1}])
    april = _read(db_url, read.summary, read.EventFilter(since=date(2025, 4, 1)), "type", 5)
    assert ({k: april[k] for k in ("total", "undated", "first", "last")}, april["by_status"]) == (
        {"total": 1, "undated": 0, "first": "2025-04-21", "last": "2025-04-21"}, [{"status": "alleged", "count": 1}])


def test_shifts_listed_after_an_earlier_article_arrives_late(db_url):
    store(db_url, document("a2", published="2025-03-10",
                           positions=[position(ARMENIA, "territory", "accept", "Armenia accepted.")]))
    store(db_url, document("a1", published="2025-03-01",
                           positions=[position(ARMENIA, "territory", "reject", "Armenia rejected it.")]))
    total, found = _read(db_url, read.list_positions, read.PositionFilter(shifts_only=True))
    assert total == 1
    assert [(p["article"]["id"], p["previous_stance"], p["stance"], p["shift"]) for p in found] == [
        ("a2", "reject", "accept", True)]


def test_accept_then_support_is_the_same_leaning_and_no_shift(db_url):
    store(db_url, document("a1", published="2025-03-01",
                           positions=[position(ARMENIA, "territory", "accept", "Armenia accepted the map.")]))
    store(db_url, document("a2", published="2025-03-10",
                           positions=[position(ARMENIA, "territory", "support", "Armenia backs the map.")]))
    total, found = _read(db_url, read.list_positions, read.PositionFilter(), newest_first=False)
    assert total == 2
    assert [(p["article"]["id"], p["previous_stance"], p["stance"], p["shift"]) for p in found] == [
        ("a1", None, "accept", False), ("a2", "accept", "support", False)]


def test_summary_folds_types_into_quad_classes_per_day(db_url):
    store(db_url, document("a1", [event("e1", "ASSAULT", span=(0, 5)), event("e2", "COERCE", span=(6, 9)),
                                  event("e3", "AGREE", (UKRAINE,), (RUSSIA,), span=(10, 14)),
                                  event("e4", "CONSULT", (UKRAINE,), (RUSSIA,), date=None, span=(20, 25))],
                           published=None))
    found = _read(db_url, read.summary, read.EventFilter(), "quad", 5)
    assert (found["total"], found["undated"], found["first"], found["last"]) == (4, 1, "2025-04-21", "2025-04-21")
    assert found["by_day"] == [{"date": "2025-04-21", "key": "material conflict", "count": 2},
                               {"date": "2025-04-21", "key": "verbal cooperation", "count": 1}]
    assert found["by_type"] == [{"type": "AGREE", "quad": "verbal cooperation", "count": 1},
                                {"type": "ASSAULT", "quad": "material conflict", "count": 1},
                                {"type": "COERCE", "quad": "material conflict", "count": 1},
                                {"type": "CONSULT", "quad": "verbal cooperation", "count": 1}]
    assert found["by_status"] == [{"status": "asserted", "count": 4}]
    assert [(p["source"]["id"], p["target"]["id"], p["count"], p["cooperative"], p["conflictual"])
            for p in found["pairs"]] == [("RUS", "UKR", 2, 0, 2), ("UKR", "RUS", 2, 2, 0)]


def test_summary_for_one_actor_counts_every_pair_of_its_events(db_url):
    """Belarus joins Russia's strike: the strike's Russia -> Ukraine pair counts for Belarus too."""
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA, BELARUS), (UKRAINE,), span=(0, 5)),
                                  event("e2", "AGREE", (ARMENIA,), (AZERBAIJAN,), span=(6, 9))]))
    found = _read(db_url, read.summary, read.EventFilter(actor_ids=["BLR"]), "type", 5)
    assert found["total"] == 1
    assert [(p["source"]["id"], p["target"]["id"], p["count"]) for p in found["pairs"]] == [
        ("BLR", "UKR", 1), ("RUS", "UKR", 1)]


def test_country_finds_events_placed_there_and_events_of_its_actors(db_url):
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), span=(0, 5)),
                                  event("e2", "AGREE", (ARMENIA,), (AZERBAIJAN,), place=None, span=(6, 9)),
                                  event("e3", "CONSULT", (ARMENIA,), (AZERBAIJAN,), span=(10, 14))]))
    for country, wanted in (("UKR", ["ASSAULT", "CONSULT"]), ("ARM", ["AGREE", "CONSULT"]), ("RUS", ["ASSAULT"])):
        total, found = _read(db_url, read.list_events, read.EventFilter(country=country))
        assert (total, sorted(e["type"] for e in found)) == (len(wanted), wanted), country


def _six_days(db_url):
    """Six articles a day apart, each reporting an event of another type; every one says "ceasefire", only the
    last "grain"."""
    kinds = ("ASSAULT", "AGREE", "CONSULT", "COERCE", "PROTEST", "AID")
    store(db_url, *(document(f"a{day}", [event(f"e{day}", kinds[day - 1], date=f"2025-04-0{day}")],
                             published=f"2025-04-0{day}",
                             text=f"Article {day}: the ceasefire broke as Russia struck Kyiv."
                             + (" Grain stores burned." if day == 6 else ""))
                    for day in range(1, 7)))


def test_a_search_every_article_matches_pages_newest_first(db_url):
    _six_days(db_url)
    pages = [_read(db_url, read.list_events, read.EventFilter(q="ceasefire"), 1, offset) for offset in (0, 1, 5)]
    assert [(total, [e["date"] for e in items]) for total, items in pages] == [
        (6, ["2025-04-06"]), (6, ["2025-04-05"]), (6, ["2025-04-01"])]
    total, oldest = _read(db_url, read.list_events, read.EventFilter(q="ceasefire"), 2, 0, newest_first=False)
    assert (total, [e["date"] for e in oldest]) == (6, ["2025-04-01", "2025-04-02"])


def test_a_dense_search_paged_a_day_at_a_time_lists_what_the_whole_list_lists(db_url):
    """Six days a month apart of four events each, every article saying "ceasefire": a page of a dense search is
    read a day at a time, each day in id order (probed, page by page), and lists what the whole list (not
    probed) lists at those places, across a day's end too."""
    kinds = ("ASSAULT", "AGREE", "CONSULT", "PROTEST")
    store(db_url, *(document(f"a{month}", [event(f"e{k}", kind, date=f"2025-0{month}-05", span=(k * 10, k * 10 + 5))
                                           for k, kind in enumerate(kinds)],
                             published=f"2025-0{month}-05", text=f"Article {month}: the ceasefire broke as Russia struck.")
                    for month in range(1, 7)))
    flt = read.EventFilter(q="ceasefire")
    total, every = _read(db_url, read.list_events, flt, None, 0)
    assert total == 24 and [e["date"] for e in every[:5]] == ["2025-06-05"] * 4 + ["2025-05-05"]
    for limit, offset in ((3, 0), (3, 2), (1, 3), (2, 1)):
        _, page = _read(db_url, read.list_events, flt, limit, offset)
        assert [e["id"] for e in page] == [e["id"] for e in every[offset:offset + limit]]


def test_a_search_few_articles_match_pages_them_alone(db_url):
    _six_days(db_url)
    total, found = _read(db_url, read.list_events, read.EventFilter(q="grain"), 1, 0)
    assert (total, [e["article"]["id"] for e in found]) == (1, ["a6"])


def test_a_search_most_articles_match_counts_events_reported_in_a_matching_one(db_url):
    """Three of four articles say "ceasefire": the strike a4 reports too counts, a4's own protest does not,
    the undated talks count (and page) as undated."""
    said = "the ceasefire held as envoys met in the capital."
    store(db_url,
          document("a1", [event("e1", "AGREE", (ARMENIA,), (AZERBAIJAN,), date="2025-04-01")], text=f"A1: {said}"),
          document("a2", [event("e1", "ASSAULT")], text=f"A2: {said}"),
          document("a3", [event("e1", "CONSULT", (UKRAINE,), (RUSSIA,), date=None)], published=None,
                   text=f"A3: {said}"),
          document("a4", [event("e1", "ASSAULT"), event("e2", "PROTEST", (ARMENIA,), (AZERBAIJAN,),
                                                         date="2025-04-03", span=(20, 27))],
                   text="A4: grain stores burned near the port, and crowds marched."))
    total, found = _read(db_url, read.list_events, read.EventFilter(q="ceasefire"), 2, 0)
    assert (total, [(e["type"], e["date"]) for e in found]) == (3, [("ASSAULT", "2025-04-21"), ("AGREE", "2025-04-01")])
    total, found = _read(db_url, read.list_events, read.EventFilter(q="ceasefire"), 2, 2)
    assert (total, [(e["type"], e["date"]) for e in found]) == (3, [("CONSULT", None)])
    total, found = _read(db_url, read.list_events, read.EventFilter(q="ceasefire", types=["ASSAULT", "PROTEST"]))
    assert (total, [(e["type"], e["mention_count"]) for e in found]) == (1, [("ASSAULT", 2)])


def test_partners_are_counted_across_the_dyad_in_both_directions(db_url):
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), span=(0, 5)),
                                  event("e2", "AGREE", (UKRAINE,), (RUSSIA,), span=(6, 9)),
                                  event("e3", "CONSULT", (RUSSIA,), (BELARUS,), span=(10, 14))]))
    found = _read(db_url, read.get_actor, "RUS")
    assert [(p["actor"]["id"], p["events"], p["cooperative"], p["conflictual"]) for p in found["partners"]] == [
        ("UKR", 2, 1, 1), ("BLR", 1, 1, 0)]
    assert (found["events"], found["as_source"], found["as_target"]) == (3, 2, 1)


def test_matrix_cell_takes_the_latest_published_of_its_latest_day(db_url):
    """Two articles date Armenia's stance to the same day: the later-published one's stance is the cell's.
    Azerbaijan's only stance has no date: its cell has that stance and no date."""
    store(db_url,
          document("a1", published="2025-03-06",
                   positions=[position(ARMENIA, "territory", "reject", "Armenia rejected it.", "2025-03-05")]),
          document("a2", published="2025-03-07",
                   positions=[position(ARMENIA, "territory", "accept", "Armenia accepted.", "2025-03-05")]),
          document("a0", published="2025-03-01",
                   positions=[position(ARMENIA, "territory", "demand", "Armenia demanded it.", "2025-03-01")]),
          document("a3", published=None,
                   positions=[position(AZERBAIJAN, "territory", "demand", "Baku demanded more.")]))
    found = _read(db_url, read.position_matrix, since=None, until=None, top=5)
    assert [(c["actor_id"], c["issue"], c["stance"], c["date"], c["count"], c["shifts"]) for c in found["cells"]] == [
        ("ARM", "territory", "accept", "2025-03-05", 3, 2), ("AZE", "territory", "demand", None, 1, 0)]
    windowed = _read(db_url, read.position_matrix, since=date(2025, 3, 2), until=None, top=5)
    assert [(c["actor_id"], c["stance"], c["count"]) for c in windowed["cells"]] == [("ARM", "accept", 2)]


def test_event_facets_written_batch_by_batch_equal_a_rebuild(db_url):
    """A strike later joined by Belarus (regrouped into a new event), and talks whose sentence states Armenia's
    stance on territory: each event is filed under its actors, roles, countries (an actor's, the place's) and
    the issues stated in its sentences."""
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), span=(0, 5)),
                                  event("e2", "CONSULT", (ARMENIA,), (AZERBAIJAN,), span=(6, 9), place=None)],
                           positions=[position(ARMENIA, "territory", "accept", "Armenia accepted.")]))
    store(db_url, document("a2", [event("e1", "ASSAULT", (RUSSIA, BELARUS), (UKRAINE,), span=(0, 5),
                                        status="alleged")], text="Article a2: Russia and Belarus struck Kyiv."))
    query = ("SELECT e.type, f.kind, f.value, f.status, f.date FROM event_facets f JOIN events e ON e.id = f.event_id "
             "ORDER BY e.type, f.kind, f.value, f.status, f.event_id")
    incremental = rows(db_url, query)
    assert [r for r in incremental if r[0] == "CONSULT"] == [
        ("CONSULT", "actor", "ARM", "asserted", "2025-04-21"), ("CONSULT", "actor", "AZE", "asserted", "2025-04-21"),
        ("CONSULT", "country", "ARM", "asserted", "2025-04-21"),
        ("CONSULT", "country", "AZE", "asserted", "2025-04-21"),
        ("CONSULT", "issue", "territory", "asserted", "2025-04-21"),
        ("CONSULT", "source", "ARM", "asserted", "2025-04-21"), ("CONSULT", "target", "AZE", "asserted", "2025-04-21")]
    assert sorted({(r[1], r[2]) for r in incremental if r[0] == "ASSAULT"}) == [
        ("actor", "BLR"), ("actor", "RUS"), ("actor", "UKR"), ("country", "BLR"), ("country", "RUS"),
        ("country", "UKR"), ("issue", "territory"), ("source", "BLR"), ("source", "RUS"), ("target", "UKR")]
    _rebuilt(db_url)
    assert rows(db_url, query) == incremental


def test_tallies_added_to_batch_by_batch_equal_a_recount(db_url):
    """A strike Belarus joins in a second report (the event is regrouped, its status goes from alleged to
    asserted) and talks between Armenia and Azerbaijan: the writer adds to the dyad, month, facet and partner
    counts what each batch's events contribute and takes away what they contributed before."""
    store(db_url, document("a1", [event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), span=(0, 5), status="alleged"),
                                  event("e2", "AGREE", (ARMENIA,), (AZERBAIJAN,), span=(6, 9), place=None)]))
    store(db_url, document("a2", [event("e1", "ASSAULT", (RUSSIA, BELARUS), (UKRAINE,), span=(0, 5)),
                                  event("e2", "CONSULT", (UKRAINE,), (RUSSIA,), span=(6, 9), date="2025-05-02")],
                           text="Article a2: Russia and Belarus struck Kyiv; Ukraine and Russia talked."))
    queries = {tally.table.name: f"SELECT * FROM {tally.table.name} ORDER BY " + ", ".join(tally.keys)
               for tally in (*tallies.TALLIES, tallies.FACET_MONTHS, tallies.FACET_DAY_TYPES)}
    incremental = {name: rows(db_url, query) for name, query in queries.items()}
    assert incremental["pair_counts"] == [("ARM", "AZE", 1, 1), ("BLR", "UKR", 1, 0), ("RUS", "UKR", 1, 0),
                                          ("UKR", "RUS", 1, 1)]
    assert incremental["pair_months"] == [("2025-04", "ARM", "AZE", 1, 1), ("2025-04", "BLR", "UKR", 1, 0),
                                          ("2025-04", "RUS", "UKR", 1, 0), ("2025-05", "UKR", "RUS", 1, 1)]
    assert [r for r in incremental["facet_days"] if r[:2] == ("actor", "RUS")] == [
        ("actor", "RUS", "2025-04-21", "ASSAULT", "asserted", 1), ("actor", "RUS", "2025-05-02", "CONSULT", "asserted", 1)]
    assert [r for r in incremental["facet_pairs"] if r[:2] == ("actor", "RUS")] == [
        ("actor", "RUS", "BLR", "UKR", 1, 0), ("actor", "RUS", "RUS", "UKR", 1, 0),
        ("actor", "RUS", "UKR", "RUS", 1, 1)]
    assert [r for r in incremental["actor_partners"] if r[0] == "RUS"] == [("RUS", "UKR", 2, 1)]
    # the alleged strike became asserted: its month's cell moved from one status to the other
    assert [r for r in incremental["facet_months"] if r[:2] == ("actor", "RUS")] == [
        ("actor", "RUS", "2025-04", "ASSAULT", "asserted", 1), ("actor", "RUS", "2025-05", "CONSULT", "asserted", 1)]
    # per day and type, whatever the status: the regrouped strike stays one cell
    assert [r for r in incremental["facet_day_types"] if r[:2] == ("actor", "RUS")] == [
        ("actor", "RUS", "2025-04-21", "ASSAULT", 1), ("actor", "RUS", "2025-05-02", "CONSULT", 1)]
    _rebuilt(db_url)
    assert {name: rows(db_url, query) for name, query in queries.items()} == incremental


def test_shifts_of_articles_stored_out_of_order_a_few_at_a_time_equal_a_rebuild(db_url):
    """Articles stored out of date order, a few at a time, some stating two stances dated apart (an article's
    last stance is its own last by place, whatever its date) and some undated: the shifts the writer works
    out batch by batch equal those worked out whole."""
    import random

    rng = random.Random(11)
    stances = ["accept", "reject", "demand", "support"]
    docs = []
    for k in range(14):
        published = f"2025-03-{rng.randrange(1, 9):02d}" if k % 5 else None
        said = [position(ARMENIA, "territory", rng.choice(stances), "Armenia said so.",
                         rng.choice([published, f"2025-03-{rng.randrange(1, 9):02d}"]) if published else None,
                         span=(j * 30, j * 30 + 20)) for j in range(rng.randrange(1, 3))]
        docs.append(document(f"a{k:02d}", published=published, positions=said,
                             text=f"Article a{k:02d}: Armenia said so, and then said so again, officials said."))
    _store_shuffled(db_url, docs, rng)
    incremental = _derived_rows(db_url)[2]
    assert any(shift for *_, shift in incremental)
    assert _rebuilt(db_url)[2] == incremental



def _store_shuffled(db_url, docs, rng):
    """Store `docs` in an order and in batches of 1 to 3 drawn from `rng`."""
    docs = docs[:]
    rng.shuffle(docs)
    while docs:
        size = rng.randrange(1, 4)
        batch, docs = docs[:size], docs[size:]
        store(db_url, *batch)

def test_position_and_place_cells_written_out_of_order_a_few_at_a_time_equal_a_rebuild(db_url):
    """Articles reporting strikes or talks (some in Kyiv, some without a place) and stating Armenia's stances,
    stored out of date order a few at a time: the positions per month and type of the events their articles
    report (a late article changes a later article's shift), the positions per month, and the events per day
    and place equal those counted whole."""
    import random

    rng = random.Random(5)
    stances = ["accept", "reject", "demand"]
    docs = []
    for k in range(12):
        published = f"2025-0{rng.randrange(3, 6)}-{rng.randrange(1, 28):02d}" if k % 4 else None
        reported = [event("e1", rng.choice(["ASSAULT", "CONSULT"]), date=published or "2025-04-01", span=(0, 5),
                          place=rng.choice([None, event().location]))]
        said = [position(ARMENIA, rng.choice(["territory", "talks"]), rng.choice(stances), "Armenia said so.",
                         published, span=(6 + j * 30, 26 + j * 30)) for j in range(rng.randrange(1, 3))]
        docs.append(document(f"a{k:02d}", reported, published=published, positions=said,
                             text=f"Article a{k:02d}: it happened. Armenia said so, then said so again, officials said."))
    _store_shuffled(db_url, docs, rng)
    queries = ["SELECT type, actor_id, issue, month, positions, shifts, last_day FROM position_type_months "
               "ORDER BY type, actor_id, issue, month",
               "SELECT actor_id, issue, month, positions, shifts, last_day FROM position_months "
               "ORDER BY actor_id, issue, month",
               "SELECT date, country, name, lat, lon, events FROM place_days ORDER BY date, country, name"]
    incremental = [rows(db_url, query) for query in queries]
    assert all(incremental) and any(row[-2] for row in incremental[0])  # a shift among them
    # each cell's latest day: the latest date of its positions, none for the undated ones' cell
    latest = {}
    for actor_id, issue, day in rows(db_url, "SELECT actor_id, issue, date FROM positions"):
        key = (actor_id, issue, day and day[:7])
        latest[key] = max(latest.get(key) or "", day or "") or None
    assert {tuple(row[:3]): row[-1] for row in incremental[1]} == latest
    _rebuilt(db_url)
    assert [rows(db_url, query) for query in queries] == incremental


def test_positions_per_type_follow_an_event_whose_type_a_later_report_changes(db_url):
    # the first article's coercion is joined by two later reports of an assault on the same day in the same town
    # (one family): the event becomes ASSAULT, and so the type the first article's position counts under
    stance = position(ARMENIA, "talks", "accept", "Armenia said so.", "2025-04-21", span=(40, 56))
    store(db_url, document("a", [event(type="COERCE")], positions=[stance],
                           text="Article a: Russia struck Kyiv overnight. Armenia said so."))
    assert rows(db_url, "SELECT type, actor_id FROM position_type_months") == [("COERCE", "ARM")]
    store(db_url, document("b", [event()]), document("c", [event()]))
    assert rows(db_url, "SELECT type, mention_count FROM events") == [("ASSAULT", 3)]
    query = "SELECT type, actor_id, issue, month, positions, shifts, last_day FROM position_type_months"
    assert rows(db_url, query) == [("ASSAULT", "ARM", "talks", "2025-04", 1, 0, "2025-04-21")]
    _rebuilt(db_url)
    assert rows(db_url, query) == [("ASSAULT", "ARM", "talks", "2025-04", 1, 0, "2025-04-21")]


def test_facets_follow_an_actor_whose_country_a_later_mention_changes(tmp_path):
    """One militia read as Libyan in one article and as Egyptian in another: the actor stored keeps the
    order-free country (EGY, actor_rows._preferred) and type, and the events already stored under the first
    country are filed again, so the facets and their tallies do not depend on the order or the batches."""
    from conftest_store import empty_database
    from parley.records import Actor
    from parley.store.write import Item, write_documents

    def militia(country, kind):
        return Actor(text="the militia", start=0, end=11, name="Desert Militia", id=None, country=country, type=kind)

    a1 = document("a1", [event("e1", "ASSAULT", (militia("LBY", "REB"),), (UKRAINE,), span=(0, 5))],
                  text="Article a1: the militia struck Kyiv.")
    a2 = document("a2", [event("e2", "CONSULT", (militia("EGY", "MIL"),), (RUSSIA,), span=(6, 9),
                               date="2025-05-02", place=None)], text="Article a2: the militia met Russia.")
    queries = {"event_facets": "SELECT e.type, f.kind, f.value, f.status, f.date FROM event_facets f "
                               "JOIN events e ON e.id = f.event_id ORDER BY e.type, f.kind, f.value",
               **{tally.table.name: f"SELECT * FROM {tally.table.name} ORDER BY " + ", ".join(tally.keys)
                  for tally in (*tallies.TALLIES, tallies.PLACE_DAYS, tallies.FACET_MONTHS, tallies.FACET_DAY_TYPES)},
               "actors": "SELECT id, name, country, type FROM actors ORDER BY id"}

    def stored(name, *batches):
        folder = tmp_path / name
        folder.mkdir()
        with empty_database(folder) as url:
            for batch in batches:
                engine = open_engine(url)
                try:
                    with engine.begin() as conn:
                        write_documents(conn, [Item(doc) for doc in batch])
                finally:
                    engine.dispose()
            found = {table: rows(url, query) for table, query in queries.items()}
            _rebuilt(url)
            assert {table: rows(url, query) for table, query in queries.items()} == found
            return found

    in_order = stored("in_order", [a1], [a2])
    assert [r for r in in_order["event_facets"] if r[1] == "country"] == [
        ("ASSAULT", "country", "EGY", "asserted", "2025-04-21"), ("ASSAULT", "country", "UKR", "asserted", "2025-04-21"),
        ("CONSULT", "country", "EGY", "asserted", "2025-05-02"), ("CONSULT", "country", "RUS", "asserted", "2025-05-02")]
    assert stored("reversed", [a2], [a1]) == in_order
    assert stored("one_batch", [a1, a2]) == in_order
