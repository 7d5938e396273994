"""The query shapes the dashboard's calls rely on at a million events (issue 25): the index each filtered page,
count and chart walks, on SQLite (EXPLAIN QUERY PLAN) and PostgreSQL (EXPLAIN, sequential scans disabled so a
tiny table's plan shows what the index can serve), and cursors that page exactly as offsets do."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import event as sa_event

from conftest_store import ARMENIA, AZERBAIJAN, RUSSIA, UKRAINE, document, event, position, store
from parley.errors import InvalidQuery
from parley.store import read
from parley.store.connect import open_engine


@pytest.fixture
def corpus(db_url):
    """Four strikes and talks on four days across two months; Armenia states its stance on territory in the
    talks' sentence."""
    store(db_url,
          document("a1", [event("e1", "ASSAULT", date="2025-03-30", span=(0, 5)),
                          event("e2", "CONSULT", (ARMENIA,), (AZERBAIJAN,), date="2025-03-31", span=(6, 9),
                                place=None)],
                   positions=[position(ARMENIA, "territory", "accept", "Armenia accepted.")]),
          document("a2", [event("e1", "ASSAULT", (UKRAINE,), (RUSSIA,), date="2025-04-02", span=(0, 5)),
                          event("e2", "ASSAULT", date="2025-05-03", span=(6, 9), status="alleged")],
                   text="Article a2: Ukraine struck Belgorod; Russia struck Kyiv, officials said."))
    return db_url


def _statements(url, call):
    """(the SQL statements `call(conn)` ran with their parameters, call's result, the engine, kept open)."""
    engine = open_engine(url)
    seen = []

    def record(conn, cursor, statement, parameters, context, many):
        seen.append((statement, parameters))

    sa_event.listen(engine, "before_cursor_execute", record)
    with engine.connect() as conn:
        result = call(conn)
    sa_event.remove(engine, "before_cursor_execute", record)
    return seen, result, engine


def _plan(engine, statement, parameters) -> str:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            return "\n".join(str(r[-1]) for r in rows)
        conn.exec_driver_sql("SET enable_seqscan = off")
        return "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters).all())


def _plans_of(url, call, marker: str) -> list[str]:
    """The plans of the statements `call` ran whose SQL contains `marker`."""
    seen, _, engine = _statements(url, call)
    try:
        plans = [_plan(engine, s, p) for s, p in seen if marker in s]
    finally:
        engine.dispose()
    assert plans, f"no statement read {marker}"
    return plans


def test_an_issue_page_and_its_count_walk_the_facet_index(corpus):
    flt = read.EventFilter(issue="territory", since=date(2025, 3, 1))
    _, page, engine = _statements(corpus, lambda conn: read.page_events(conn, flt, 25))
    engine.dispose()
    # a1's sentence states Armenia's stance: both events it reports are under the issue
    assert (page.total, [e["type"] for e in page.items]) == (2, ["CONSULT", "ASSAULT"])
    for plan in _plans_of(corpus, lambda conn: read.page_events(conn, flt, 25), "FROM event_facets"):
        assert "ix_event_facets_facet" in plan
        assert "events" not in plan.replace("event_facets", "")  # the count and the page never touch events


def test_one_actor_of_one_type_is_counted_off_the_facet_index(corpus):
    flt = read.EventFilter(actor_ids=["RUS"], types=["ASSAULT"])
    _, page, engine = _statements(corpus, lambda conn: read.page_events(conn, flt, 25))
    engine.dispose()
    assert (page.total, [e["date"] for e in page.items]) == (3, ["2025-05-03", "2025-04-02", "2025-03-30"])
    for plan in _plans_of(corpus, lambda conn: read.page_events(conn, flt, 25), "FROM event_facets"):
        assert "ix_event_facets_facet" in plan


def test_a_country_and_status_page_reads_the_facets_of_the_country(corpus):
    flt = read.EventFilter(country="RUS", statuses=["alleged"])
    _, page, engine = _statements(corpus, lambda conn: read.page_events(conn, flt, 25))
    engine.dispose()
    assert (page.total, [e["date"] for e in page.items]) == (1, ["2025-05-03"])


def test_the_busiest_dyads_of_a_date_range_sum_whole_months_from_pair_months(corpus):
    flt = read.EventFilter(since=date(2025, 3, 31), until=date(2025, 5, 31))
    _, found, engine = _statements(corpus, lambda conn: read.summary(conn, flt, "type", 10))
    engine.dispose()
    # April and May from pair_months, March 31 from event_pairs; the March 30 strike is outside
    assert [(p["source"]["id"], p["target"]["id"], p["count"], p["cooperative"]) for p in found["pairs"]] == [
        ("ARM", "AZE", 1, 1), ("RUS", "UKR", 1, 0), ("UKR", "RUS", 1, 0)]
    for plan in _plans_of(corpus, lambda conn: read.summary(conn, flt, "type", 10), "FROM pair_months"):
        assert "ix_pair_months_month" in plan


def test_one_actors_chart_per_day_reads_its_cells_per_day_and_type_in_order(corpus):
    flt = read.EventFilter(actor_ids=["RUS"])
    _, found, engine = _statements(corpus, lambda conn: read.summary(conn, flt, "type", 10))
    engine.dispose()
    assert [(d["date"], d["key"], d["count"]) for d in found["by_day"]] == [
        ("2025-03-30", "ASSAULT", 1), ("2025-04-02", "ASSAULT", 1), ("2025-05-03", "ASSAULT", 1)]
    for plan in _plans_of(corpus, lambda conn: read.summary(conn, flt, "type", 10), "FROM facet_day_types"):
        # one range of the key, already in day and type order: no sort, no table rows on either store
        assert re.search(r"PRIMARY KEY \(kind=\? AND value=\?|ix_facet_day_types_cells|facet_day_types_pkey", plan)
        assert "TEMP B-TREE" not in plan and "Sort" not in plan


def test_a_statuss_chart_of_one_actor_adds_up_the_cells_per_status(corpus):
    flt = read.EventFilter(actor_ids=["RUS"], statuses=["alleged"])
    _, found, engine = _statements(corpus, lambda conn: read.summary(conn, flt, "type", 10))
    engine.dispose()
    assert [(d["date"], d["key"], d["count"]) for d in found["by_day"]] == [("2025-05-03", "ASSAULT", 1)]


@pytest.mark.parametrize("newest_first", [True, False])
def test_cursors_page_exactly_as_offsets_do(corpus, newest_first):
    engine = open_engine(corpus)
    with engine.connect() as conn:
        by_offset = [read.page_events(conn, read.EventFilter(), 1, k, newest_first).items[0]["date"]
                     for k in range(4)]
        by_cursor, cursor = [], None
        while True:
            page = read.page_events(conn, read.EventFilter(), 1, 0, newest_first, cursor=cursor)
            by_cursor += [e["date"] for e in page.items]
            if page.next is None:
                break
            cursor = page.next
    engine.dispose()
    assert by_cursor == by_offset == sorted(by_offset, reverse=newest_first)


def test_a_deep_offset_skips_whole_days_and_lands_on_the_same_event(corpus):
    engine = open_engine(corpus)
    with engine.connect() as conn:
        every = read.page_events(conn, read.EventFilter(), None).items
        third = read.page_events(conn, read.EventFilter(), 1, 2).items
    engine.dispose()
    assert [e["id"] for e in third] == [every[2]["id"]]


def test_a_cursor_this_api_did_not_give_is_refused(corpus):
    engine = open_engine(corpus)
    with engine.connect() as conn, pytest.raises(InvalidQuery) as caught:
        read.page_events(conn, read.EventFilter(), 25, cursor="not-a-cursor")
    engine.dispose()
    assert str(caught.value) == ("cursor 'not-a-cursor' is not one this API gave: send the `next` of the previous "
                                 "page, or leave cursor out for the first page.")


def test_a_search_most_of_a_large_corpus_matches_is_estimated_and_says_so(corpus, monkeypatch):
    from parley.store.read import events as read_events

    monkeypatch.setattr(read_events, "ESTIMATE_ABOVE", 0)  # this corpus counts as large
    monkeypatch.setattr(read_events, "SAMPLE", 3)
    engine = open_engine(corpus)
    with engine.connect() as conn:
        dense = read.page_events(conn, read.EventFilter(q="struck"), 2)  # every article says "struck"
        sparse = read.page_events(conn, read.EventFilter(q="Belgorod"), 2)  # one article of two
        nothing = read.page_events(conn, read.EventFilter(q="Belgorod officials Kyiv"), 2)
    engine.dispose()
    # 3 of the 3 sampled events match: the estimate is every event; the page is read exactly
    assert (dense.total, dense.total_estimated, [e["date"] for e in dense.items]) == (
        4, True, ["2025-05-03", "2025-04-02"])
    assert dense.next is not None
    # where the sample does not show most events matching, the total is counted
    assert (sparse.total, sparse.total_estimated) == (2, False)
    assert (nothing.total, nothing.total_estimated) == (2, False)


def test_the_stance_matrix_from_month_counts_equals_one_counted_from_positions(db_url):
    """Armenia's and Azerbaijan's stances over three months, one undated: every window, whole months or not,
    gives what counting the positions themselves gives."""
    from parley.store.read.positions import _scanned_matrix

    def said(doc_id, day, *stances):
        return document(doc_id, published=day, positions=[
            position(who, issue, stance, f"{who.name} said so.", day, span=(k * 30, k * 30 + 20))
            for k, (who, issue, stance) in enumerate(stances)])

    store(db_url, said("a1", "2025-03-10", (ARMENIA, "territory", "reject"), (AZERBAIJAN, "territory", "accept")),
          said("a2", "2025-04-02", (ARMENIA, "territory", "accept"), (ARMENIA, "ceasefire", "accept")),
          said("a3", "2025-04-30", (ARMENIA, "territory", "reject"), (AZERBAIJAN, "ceasefire", "reject")),
          said("a4", "2025-05-20", (AZERBAIJAN, "territory", "reject")),
          document("a5", published=None, positions=[position(ARMENIA, "talks", "accept", "Armenia said so.")]))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        for since, until in [(None, None), (date(2025, 4, 1), None), (None, date(2025, 4, 30)),
                             (date(2025, 3, 15), date(2025, 5, 25)), (date(2025, 4, 2), date(2025, 4, 29))]:
            assert read.position_matrix(conn, since, until) == _scanned_matrix(conn, since, until, None, 30)
        whole = read.position_matrix(conn, date(2025, 3, 15), date(2025, 5, 25))
    engine.dispose()
    assert [(c["actor_id"], c["issue"], c["stance"], c["date"], c["count"], c["shifts"]) for c in whole["cells"]] == [
        ("ARM", "ceasefire", "accept", "2025-04-02", 1, 0), ("ARM", "territory", "reject", "2025-04-30", 2, 2),
        ("AZE", "ceasefire", "reject", "2025-04-30", 1, 0), ("AZE", "territory", "reject", "2025-05-20", 1, 1)]


def test_a_search_of_more_articles_than_it_ranks_ranks_the_newest_and_lists_the_rest_newest_first(db_url,
                                                                                                  monkeypatch):
    """Four articles say "truce", stored in the order they were published; only the newest two are ranked: a3
    (three truces) before a4 (one), then a2 and a1 newest first, though a1 says truce most often."""
    from parley.store.read import articles as read_articles

    monkeypatch.setattr(read_articles, "RANK_WITHIN", 2)
    texts = {"a1": "A truce, a truce, a truce, a truce held.", "a2": "The truce held.",
             "a3": "A truce, truce and truce again.", "a4": "The truce was signed."}
    store(db_url, *(document(i, published=f"2025-04-0{k}", text=texts[i]) for k, i in enumerate(texts, 1)))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        page = read.page_articles(conn, q="truce")
        second = read.page_articles(conn, q="truce", limit=2, offset=1)
        few = read.page_articles(conn, q="truce signed")
    engine.dispose()
    assert (page.total, page.ranked_within, [a["id"] for a in page.items]) == (4, 2, ["a3", "a4", "a2", "a1"])
    assert [a["id"] for a in second.items] == ["a4", "a2"]
    assert (few.total, few.ranked_within, [a["id"] for a in few.items]) == (1, None, ["a4"])


def test_a_search_of_more_articles_than_it_counts_estimates_its_total_from_the_newest(db_url, monkeypatch):
    """Six articles, the newest four saying "truce": counted up to 3, the search's total is estimated from the
    newest 4 articles (all match: 6 x 4/4); "truce signed" (one article) is counted."""
    from parley.store.read import articles as read_articles

    monkeypatch.setattr(read_articles, "COUNT_UP_TO", 3)
    monkeypatch.setattr(read_articles, "SAMPLE", 4)
    texts = {"a1": "Talks opened.", "a2": "Talks stalled.", "a3": "The truce held.", "a4": "A truce again.",
             "a5": "The truce broke.", "a6": "The truce was signed."}
    store(db_url, *(document(i, published=f"2025-04-0{k}", text=texts[i]) for k, i in enumerate(texts, 1)))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE articles")
        common = read.page_articles(conn, q="truce", limit=2)
        beyond = read.page_articles(conn, q="truce", limit=2, offset=10)
        rare = read.page_articles(conn, q="truce signed")
    engine.dispose()
    assert (common.total, common.total_estimated, len(common.items)) == (6, True, 2)
    assert (beyond.total, beyond.items) == (6, [])  # past an estimated total: an empty page, not an error
    assert (rare.total, rare.total_estimated, [a["id"] for a in rare.items]) == (1, False, ["a6"])


def _seeks_cells(plan: str) -> bool:
    """Whether a plan reads facet_months and facet_days by their keys: never a scan of them, nor of
    event_facets (any index of theirs will do)."""
    return ("event_facets" not in plan and "SCAN facet_" not in plan  # SQLite: SEARCH ... (kind=? AND value=?)
            and "Seq Scan" not in plan)  # PostgreSQL: an index (only) scan


def test_one_actor_of_one_type_is_totalled_from_its_month_cells(corpus):
    """The count of a one-facet page sums facet_months (one row per month, type and status), never event_facets
    nor a day's cells."""
    flt = read.EventFilter(actor_ids=["RUS"], types=["ASSAULT"])
    seen, page, engine = _statements(corpus, lambda conn: read.page_events(conn, flt, 25))
    engine.dispose()
    assert page.total == 3 and not [s for s, _ in seen if "FROM facet_days" in s]
    for plan in _plans_of(corpus, lambda conn: read.page_events(conn, flt, 25), "FROM facet_months"):
        assert "facet_months" in plan and _seeks_cells(plan)


def test_a_facets_total_over_a_date_range_sums_its_whole_months_and_the_days_at_its_ends(corpus):
    """Russia's events from March 30 to May 15: April from facet_months, March 30-31 and May 1-15 from
    facet_days; the total is the events listed."""
    flt = read.EventFilter(actor_ids=["RUS"], since=date(2025, 3, 30), until=date(2025, 5, 15))
    _, page, engine = _statements(corpus, lambda conn: read.page_events(conn, flt, 25))
    engine.dispose()
    assert (page.total, [e["date"] for e in page.items]) == (3, ["2025-05-03", "2025-04-02", "2025-03-30"])
    for plan in _plans_of(corpus, lambda conn: read.page_events(conn, flt, 25), "FROM facet_months"):
        assert "facet_days" in plan and _seeks_cells(plan)


def test_the_summary_of_one_actor_reads_its_day_cells_and_its_dyads(corpus):
    flt = read.EventFilter(actor_ids=["RUS"])
    seen, found, engine = _statements(corpus, lambda conn: read.summary(conn, flt, "type", 10))
    engine.dispose()
    assert (found["total"], [(p["source"]["id"], p["target"]["id"], p["count"]) for p in found["pairs"]]) == (
        3, [("RUS", "UKR", 2), ("UKR", "RUS", 1)])
    assert not [s for s, _ in seen if "event_facets" in s or "event_pairs" in s]
    for plan in _plans_of(corpus, lambda conn: read.summary(conn, flt, "type", 10), "FROM facet_pairs"):
        assert "facet_pairs" in plan and "SCAN facet_pairs" not in plan


def test_the_newest_articles_and_the_latest_shifts_are_read_off_an_index_in_their_order(corpus):
    """PostgreSQL walks ix_articles_newest and ix_positions_shift_newest (version 21); SQLite reads its date
    indexes backwards. Neither sorts the whole table."""
    for plan in _plans_of(corpus, lambda conn: read.list_articles(conn, limit=50), "ORDER BY articles.published"):
        assert "ix_articles_newest" in plan or "ix_articles_published" in plan
        assert "Sort" not in plan and "TEMP B-TREE FOR ORDER BY" not in plan  # (ties on a day sorted by id only)
    shifts = read.PositionFilter(shifts_only=True)
    for plan in _plans_of(corpus, lambda conn: read.list_positions(conn, shifts, 50), "ORDER BY positions.date"):
        assert "ix_positions_shift_newest" in plan or "ix_positions_shift_date" in plan
        assert "Sort" not in plan and "TEMP B-TREE FOR ORDER BY" not in plan


def test_position_totals_of_actors_issues_and_shifts_are_summed_from_month_counts(db_url):
    """Armenia rejects, accepts, then rejects territory (two shifts), once undated; Azerbaijan accepts: each
    total read from position_months is the number of positions listed, and no statement counts positions."""
    def said(doc_id, day, *stances):
        return document(doc_id, published=day, positions=[
            position(who, issue, stance, f"{who.name} said so.", day, span=(k * 30, k * 30 + 20))
            for k, (who, issue, stance) in enumerate(stances)])

    store(db_url, said("a1", "2025-03-10", (ARMENIA, "territory", "reject"), (AZERBAIJAN, "territory", "accept")),
          said("a2", "2025-04-02", (ARMENIA, "territory", "accept")),
          said("a3", "2025-05-30", (ARMENIA, "territory", "reject"), (ARMENIA, "ceasefire", "accept")),
          document("a4", published=None, positions=[position(ARMENIA, "talks", "accept", "Armenia said so.")]))
    filters = [read.PositionFilter(shifts_only=True), read.PositionFilter(actor_ids=["ARM"], issue="territory"),
               read.PositionFilter(actor_ids=["ARM"]), read.PositionFilter()]
    seen, found, engine = _statements(db_url, lambda conn: [read.list_positions(conn, f, None) for f in filters])
    engine.dispose()
    assert [(total, len(items)) for total, items in found] == [(2, 2), (3, 3), (5, 5), (6, 6)]
    assert not [s for s, _ in seen if "count(*)" in s.lower()]


def test_the_corpus_counts_read_derived_counts_and_on_postgresql_the_planners_above_its_threshold(corpus,
                                                                                                 monkeypatch):
    """Two articles, four events from four reports, one position: positions summed from position_months; on
    PostgreSQL articles and reports are the planner's estimates (pg_class) above the threshold, and say so."""
    from parley.store.read import common

    monkeypatch.setattr(common, "ESTIMATE_ROWS_ABOVE", 0)
    engine = open_engine(corpus)
    with engine.connect() as conn:
        postgresql = conn.dialect.name == "postgresql"
        if postgresql:
            conn.exec_driver_sql("ANALYZE articles")
            conn.exec_driver_sql("ANALYZE event_mentions")
    seen, facts, engine = _statements(corpus, read.counts)
    engine.dispose()
    assert ({k: facts[k] for k in ("articles", "events", "positions", "mentions", "published_first")}) == {
        "articles": 2, "events": 4, "positions": 1, "mentions": 4, "published_first": "2025-04-22"}
    assert facts["estimated"] == (["articles", "mentions"] if postgresql else [])
    assert not [s for s, _ in seen if "FROM positions" in s]
    if postgresql:
        assert not [s for s, _ in seen if "FROM event_mentions" in s or "count(*) AS count_1 \nFROM articles" in s]


def test_one_actors_positions_are_paged_off_its_date_index_dated_first(db_url):
    """Armenia's stances, one undated: oldest first, the undated last; each part read off
    ix_positions_actor_date in its order (SQLite sorted all of an actor's positions for NULLS LAST)."""
    store(db_url, *(document(f"a{k}", published=day, positions=[position(ARMENIA, "territory", stance,
                                                                         "Armenia said so.", day)])
                    for k, (day, stance) in enumerate([("2025-05-01", "reject"), (None, "accept"),
                                                       ("2025-03-01", "demand")])))
    flt = read.PositionFilter(actor_ids=["ARM"])
    _, (total, items), engine = _statements(db_url, lambda conn: read.list_positions(conn, flt, 50,
                                                                                     newest_first=False))
    _, (_, second), _ = _statements(db_url, lambda conn: read.list_positions(conn, flt, 1, 2, newest_first=False))
    engine.dispose()
    assert (total, [p["date"] for p in items], [p["date"] for p in second]) == (
        3, ["2025-03-01", "2025-05-01", None], [None])
    seen, _, engine = _statements(db_url, lambda conn: read.list_positions(conn, flt, 50, newest_first=False))
    dated = [_plan(engine, s, p) for s, p in seen if s.startswith("SELECT positions.id \nFROM") and "NOT NULL" in s]
    engine.dispose()
    assert len(dated) == 1 and "ix_positions_actor_date" in dated[0]
    assert "Sort" not in dated[0] and "TEMP B-TREE FOR ORDER BY" not in dated[0]


def _typed_corpus(db_url):
    """Strikes reported with Armenia's and Azerbaijan's stances over three months (one undated), talks with
    others: the positions of articles reporting a strike are those of a1, a3 and a5."""
    def said(doc_id, day, kind, *stances):
        return document(doc_id, [event("e1", kind, date=day or "2025-04-01", span=(0, 5))], published=day,
                        positions=[position(who, issue, stance, f"{who.name} said so.", day,
                                            span=(k * 30 + 6, k * 30 + 26))
                                   for k, (who, issue, stance) in enumerate(stances)],
                        text=f"Article {doc_id}: it happened, and they said so at length, officials said.")

    store(db_url, said("a1", "2025-03-10", "ASSAULT", (ARMENIA, "territory", "reject"), (AZERBAIJAN, "territory", "accept")),
          said("a2", "2025-04-02", "CONSULT", (ARMENIA, "territory", "accept"), (ARMENIA, "ceasefire", "accept")),
          said("a3", "2025-04-30", "ASSAULT", (ARMENIA, "territory", "accept"), (AZERBAIJAN, "ceasefire", "reject")),
          said("a4", "2025-05-20", "CONSULT", (AZERBAIJAN, "territory", "reject")),
          said("a5", None, "ASSAULT", (ARMENIA, "talks", "accept")))


def test_the_stance_matrix_of_one_event_type_sums_its_month_cells_and_equals_one_counted_from_positions(db_url):
    """The matrix under one event type counts the positions of the articles reporting such an event: summed
    from position_type_months over whole months, it gives what counting those positions gives, in every
    window, and reads no event of the type but those of the positions it looks at."""
    from parley.store.read.positions import _reports_type, _scanned_matrix

    _typed_corpus(db_url)
    engine = open_engine(db_url)
    with engine.connect() as conn:
        for since, until in [(None, None), (date(2025, 4, 1), None), (None, date(2025, 4, 30)),
                             (date(2025, 3, 5), date(2025, 5, 25)), (date(2025, 4, 2), date(2025, 4, 29))]:
            flt = read.EventFilter(types=["ASSAULT"], since=since, until=until)
            assert read.filtered_position_matrix(conn, flt) == _scanned_matrix(
                conn, since, until, None, 30, (_reports_type("ASSAULT"),))
        whole = read.filtered_position_matrix(conn, read.EventFilter(types=["ASSAULT"]))
    engine.dispose()
    assert [(c["actor_id"], c["issue"], c["stance"], c["date"], c["count"], c["shifts"]) for c in whole["cells"]] == [
        ("ARM", "talks", "accept", None, 1, 0), ("ARM", "territory", "accept", "2025-04-30", 2, 0),
        ("AZE", "ceasefire", "reject", "2025-04-30", 1, 0), ("AZE", "territory", "accept", "2025-03-10", 1, 0)]
    plans = _plans_of(db_url, lambda conn: read.filtered_position_matrix(conn, read.EventFilter(types=["ASSAULT"])),
                      "position_type_months")
    # SQLite: SEARCH ... USING COVERING INDEX ix_position_type_months_type (type=?); PostgreSQL: an index scan
    assert all("ix_position_type_months_type" in plan or "position_type_months_pkey" in plan for plan in plans)
    # each cell's latest day and stance: looked up per cell on an index range of its actor (and issue) in its
    # month (PostgreSQL walks the actor's dates backwards on a table this small), never a scan of positions
    for plan in _plans_of(db_url, lambda conn: read.filtered_position_matrix(conn, read.EventFilter(types=["ASSAULT"])),
                          "wanted"):
        # on these seven rows PostgreSQL's planner may as well walk every date backwards (ix_positions_date) or
        # take the issue's rows (ix_positions_issue): each was chosen in one CI run and not in the next; what must
        # never happen is a scan of the table
        assert any(f"ix_positions_{index}" in plan for index in ("actor_issue", "actor_date", "date", "issue")), plan
        assert "ix_positions_date" not in plan or "Index Scan" in plan, plan
        assert not re.search(r"SCAN positions\b|Seq Scan on positions", plan), plan


def test_the_map_of_a_date_range_sums_its_day_and_place_cells(corpus):
    """The map of the corpus or a date range is summed from place_days (and the total from day_counts): the
    same counts as counting the events, and no statement reads the events."""
    from dataclasses import replace

    flt = read.EventFilter(since=date(2025, 3, 31), until=date(2025, 4, 30))
    seen, found, engine = _statements(corpus, lambda conn: read.place_counts(conn, flt))
    with engine.connect() as conn:
        # a type filter reads the events themselves: the same counts, the other way
        counted = read.place_counts(conn, replace(flt, types=["ASSAULT", "CONSULT"]))
        everything = read.place_counts(conn, read.EventFilter())
    engine.dispose()
    assert found == counted
    assert (found["total"], found["placed"], [c["country"] for c in found["countries"]]) == (2, 1, ["UKR"])
    assert [(p["name"], p["count"]) for p in found["places"]] == [("Kyiv", 1)]
    assert (everything["total"], everything["placed"]) == (4, 3)
    assert not [s for s, _ in seen if "FROM events" in s]
    for plan in _plans_of(corpus, lambda conn: read.place_counts(conn, flt), "FROM place_days"):
        # SQLite's SCAN/SEARCH events, PostgreSQL's "Scan on events" or "Scan using ix_events_..."
        assert not re.search(r"(SCAN|SEARCH|Scan on|Scan using ix_events)[ _]*events?\b", plan), plan


def test_the_summary_without_cells_seeks_its_first_and_last_day_and_reads_no_day_cells(corpus):
    """step=none (the network's call): one actor's counts and dyads, its first and last day each one seek of its
    day cells, in their order; its cells per day and type are never read."""
    flt = read.EventFilter(actor_ids=["RUS"])
    seen, found, engine = _statements(corpus, lambda conn: read.summary(conn, flt, "type", 10, "none"))
    engine.dispose()
    assert (found["total"], found["undated"], found["first"], found["last"], found["by_day"], found["step"]) == (
        3, 0, "2025-03-30", "2025-05-03", [], "none")
    assert not [s for s, _ in seen if "facet_day_types" in s]
    plans = _plans_of(corpus, lambda conn: read.summary(conn, flt, "type", 10, "none"),
                       "ORDER BY facet_days.date")
    assert len(plans) == 2
    for plan in plans:
        assert "facet_days" in plan and _seeks_cells(plan) and "TEMP B-TREE" not in plan and "Sort" not in plan


def test_the_corpus_summary_without_cells_seeks_its_first_and_last_day_in_the_day_counts(corpus):
    seen, found, engine = _statements(corpus, lambda conn: read.summary(conn, read.EventFilter(), "type", 10, "none"))
    engine.dispose()
    assert (found["total"], found["first"], found["last"]) == (4, "2025-03-30", "2025-05-03")
    for plan in _plans_of(corpus, lambda conn: read.summary(conn, read.EventFilter(), "type", 10, "none"),
                           "ORDER BY day_counts.date"):
        assert "ix_day_counts_date" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan


def test_one_actors_chart_per_week_adds_its_days_up_under_their_mondays(corpus):
    flt = read.EventFilter(actor_ids=["RUS"])
    found = _statements(corpus, lambda conn: read.summary(conn, flt, "quad", 10, "week"))[1]
    # Sunday March 30 is in the week of Monday March 24; Wednesday April 2 in March 31's; Saturday May 3 in April 28's
    assert ([(d["date"], d["key"], d["count"]) for d in found["by_day"]], found["first"], found["step"]) == (
        [("2025-03-24", "material conflict", 1), ("2025-03-31", "material conflict", 1),
         ("2025-04-28", "material conflict", 1)], "2025-03-30", "week")
