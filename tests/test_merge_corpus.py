"""Merging on real extraction: the demo corpus gives the same events, reports and actors whatever the order and
batches its articles arrive in, and after an interrupted run is resumed; the demo's Minova strike, reported by
three outlets, is one event."""

import os
from pathlib import Path

import pytest

from conftest_store import empty_database, fresh_pg_schema, rows
from parley.ingest import ingest

DEMO = Path(__file__).resolve().parent.parent / "examples" / "corpus" / "articles.jsonl"


@pytest.fixture(scope="module")
def demo_documents():
    """The demo corpus as the extractor reads it, by article id (read once for the module)."""
    from parley.extract import extract_many
    from parley.sources.files import read_jsonl_file

    articles = list(read_jsonl_file(DEMO, None))
    return {document.id: document for document in extract_many(articles)}


def _replay(documents, stop_after=None):
    """An extractor that hands out the demo's documents, and is interrupted after `stop_after` of them."""
    def run(articles):
        for count, article in enumerate(articles):
            if stop_after is not None and count == stop_after:
                raise KeyboardInterrupt  # Ctrl-C: the run stops where it is
            yield documents[article.id]
    return run


def _jsonl(tmp_path: Path, name: str, lines: list[str]) -> str:
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


def _fresh_sqlite(tmp_path: Path):
    """A maker of empty SQLite stores (or PostgreSQL schemas when PARLEY_TEST_DB names a server) in tmp_path."""
    def fresh(name: str):
        folder = tmp_path / name
        folder.mkdir()
        return empty_database(folder)
    return fresh


def _fresh_postgresql():
    """A maker of empty schemas of the PostgreSQL server PARLEY_TEST_PG names; the test is skipped without it."""
    base = os.environ.get("PARLEY_TEST_PG")
    if not base:
        pytest.skip("PostgreSQL tests need PARLEY_TEST_PG=postgresql://user:password@host/db (CI sets it)")
    return lambda name: fresh_pg_schema(base)


def _state(url):
    """Everything merging decides: events, which event each report is in and why, and the actors."""
    return (rows(url, "SELECT id, type, date, status, location_name, source_actor_id, target_actor_id, "
                      "mention_count FROM events ORDER BY id"),
            rows(url, "SELECT id, event_id, merge_score, merge_reason FROM event_mentions ORDER BY id"),
            rows(url, "SELECT event_id, role, actor_id FROM event_actors ORDER BY event_id, role, actor_id"),
            rows(url, "SELECT id, name, country, type FROM actors ORDER BY id"))


def _states_in_every_order(demo_documents, tmp_path, fresh):
    """The demo corpus stored in order in one batch, reversed in batches of 3, and second half first in batches
    of 4 killed part way then resumed in batches of 6: the three states."""
    tmp_path.mkdir(exist_ok=True)
    lines = DEMO.read_text(encoding="utf-8").splitlines(keepends=True)
    in_order = _jsonl(tmp_path, "in_order.jsonl", lines)
    reverse = _jsonl(tmp_path, "reverse.jsonl", lines[::-1])
    second_half_first = _jsonl(tmp_path, "halves.jsonl", lines[20:] + lines[:20])
    states = []
    with fresh("a") as url:
        ingest([in_order], url, batch_size=40, extractor=_replay(demo_documents))
        states.append(_state(url))
    with fresh("b") as url:
        ingest([reverse], url, batch_size=3, extractor=_replay(demo_documents))
        states.append(_state(url))
    with fresh("c") as url:
        # the second half first, killed part way, then the whole file again: the run resumes
        with pytest.raises(KeyboardInterrupt):
            ingest([second_half_first], url, batch_size=4, extractor=_replay(demo_documents, stop_after=27))
        assert 0 < rows(url, "SELECT count(*) FROM articles")[0][0] < 40
        ingest([second_half_first], url, batch_size=6, extractor=_replay(demo_documents))
        states.append(_state(url))
    return states


def test_demo_corpus_stores_the_same_whatever_the_order_batches_and_interruptions(demo_documents, tmp_path):
    expected, *others = _states_in_every_order(demo_documents, tmp_path, _fresh_sqlite(tmp_path))
    assert others == [expected, expected]
    assert len(expected[0]) < len(expected[1])  # some reports did merge


def test_demo_corpus_stores_the_same_on_postgresql_whatever_the_order_as_on_sqlite(demo_documents, tmp_path):
    fresh = _fresh_postgresql()
    on_postgresql = _states_in_every_order(demo_documents, tmp_path / "pg", fresh)
    (tmp_path / "sqlite").mkdir()
    with empty_database(tmp_path / "sqlite") as url:
        if not url.startswith("sqlite"):
            pytest.skip("compares with SQLite: PARLEY_TEST_DB must not name a PostgreSQL server")
        ingest([str(DEMO)], url, extractor=_replay(demo_documents))
        on_sqlite = _state(url)
    assert on_postgresql == [on_sqlite] * 3


def test_demo_minova_strike_is_one_event_reported_by_three_outlets(demo_documents, tmp_path):
    with empty_database(tmp_path) as url:
        ingest([str(DEMO)], url, extractor=_replay(demo_documents))
        strike = rows(url, "SELECT event_id FROM event_mentions WHERE article_id = 'lw-0328-strike' "
                           "AND trigger = 'drone struck'")[0][0]
        reports = rows(url, "SELECT a.source, m.trigger, m.merge_reason IS NOT NULL FROM event_mentions m "
                            "JOIN articles a ON a.id = m.article_id WHERE m.event_id = :e ORDER BY a.source", e=strike)
        event = rows(url, "SELECT type, date, location_name, mention_count FROM events WHERE id = :e", e=strike)
    assert event == [("ASSAULT", "2026-03-28", "Minova", 3)]
    assert [(source, trigger) for source, trigger, _ in reports] == [
        ("Gulf Dispatch", "killed"), ("Kivu Morning Post", "strike killed"), ("Lakes Wire", "drone struck")]
    assert sum(explained for _, _, explained in reports) == 2  # every report but the event's first says why


def _ingest_texts(url, texts):
    """Extract short articles (id, outlet, published, text) written for these tests and store them."""
    from parley.extract import extract_many
    from parley.records import Article
    from parley.sources.files import parse_date
    from parley.store.connect import open_engine
    from parley.store.write import Item, write_documents

    articles = [Article(text=text, id=id_, source=outlet, published=parse_date(published))
                for id_, outlet, published, text in texts]
    documents = list(extract_many(articles))
    engine = open_engine(url)
    with engine.begin() as conn:
        write_documents(conn, [Item(document) for document in documents])
    engine.dispose()


def _grouped(url, type_):
    """The articles of each event of this type, as sorted tuples, sorted."""
    found = {}
    for event_id, article_id in rows(url, "SELECT m.event_id, m.article_id FROM event_mentions m "
                                          "JOIN events e ON e.id = m.event_id WHERE e.type = :t", t=type_):
        found.setdefault(event_id, set()).add(article_id)
    return sorted(tuple(sorted(a)) for a in found.values())


def test_three_outlets_reports_of_one_attack_are_one_event_and_the_next_attack_another(db_url):
    # three outlets name the attackers, the victims and the day differently; two days later another attack
    _ingest_texts(db_url, [
        ("st", "Sahel Today", "2026-05-04",
         "Gunmen attacked an army post in Menaka on Sunday, killing 14 soldiers, the Malian army said."),
        ("nv", "Niger Valley Wire", "2026-05-04",
         "At least 14 soldiers died when militants stormed a military post in Menaka on Sunday, officials said."),
        ("be", "Bamako Evening", "2026-05-05",
         "Mali's government said 14 troops were killed in Sunday's attack on the army post in Menaka."),
        ("gao", "Sahel Today", "2026-05-06",
         "Gunmen attacked an army post in Gao on Tuesday, killing three soldiers, the Malian army said."),
    ])
    assert _grouped(db_url, "ASSAULT") == [("be", "nv", "st"), ("gao",)]


def test_a_ceasefire_agreed_and_a_ceasefire_taking_effect_are_one_event(db_url):
    _ingest_texts(db_url, [
        ("c1", "Caucasus Wire", "2026-06-02", "Armenia and Azerbaijan agreed to a ceasefire on Monday, mediators said."),
        ("c2", "Baku Courier", "2026-06-02", "A ceasefire between Armenia and Azerbaijan took effect on Monday evening."),
    ])
    events = rows(db_url, "SELECT type, date, mention_count FROM events")
    assert events == [("AGREE", "2026-06-01", 2)]
    assert rows(db_url, "SELECT merge_reason FROM event_mentions WHERE merge_reason IS NOT NULL") == [
        ("RETREAT and AGREE one family; parties overlap; same day (matched c1)",)]


def test_an_attack_by_gunmen_and_the_counter_attack_on_them_are_two_events(db_url):
    # the gunmen are Somalia's rebels (REB), the security forces its police: the counter-attack is aimed at the
    # attackers, so it is no report of their attack, although both are at the hotel in Beledweyne on the same days
    _ingest_texts(db_url, [
        ("a", "Horn Wire", "2026-03-10", "Gunmen stormed a hotel in Beledweyne on Tuesday, killing five people, "
                                         "police said."),
        ("b", "Mogadishu Daily", "2026-03-11", "Somali security forces killed all six gunmen who stormed a hotel in "
                                               "Beledweyne, officials said on Wednesday."),
    ])
    reports = rows(db_url, "SELECT m.article_id, m.trigger, m.event_id FROM event_mentions m ORDER BY m.article_id, "
                           "m.span_start")
    assert [(article, trigger) for article, trigger, _ in reports] == [("a", "stormed"), ("b", "killed"),
                                                                       ("b", "stormed")]
    (_, _, attack), (_, _, counter), (_, _, attack_retold) = reports
    assert attack_retold == attack and counter != attack
