"""Scaling out: serial, --workers 2 and Ray store the same events, actors and positions; a killed worker loses
no article and stores none twice; --out DIR and `parley load DIR` make the same corpus."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest_store import empty_database, rows
from parley.cli import main
from parley.ingest import ingest

# Short reports of a few moves, each told by several outlets on nearby days, so merging works across articles.
MOVES = [
    "Russia shelled Kharkiv on {day}, Ukrainian officials said.",
    "Ukraine accused Russia of shelling Kharkiv on {day}.",
    "Qatar hosted talks between Israel and Hamas in Doha on {day}.",
    "Hamas rejected the ceasefire proposal on {day}, a spokesman said.",
    "Israel demanded the release of all hostages before any truce.",
    "Egypt sent 40 trucks of food to Gaza on {day}.",
    "Armenia and Azerbaijan agreed to reopen the border crossing on {day}.",
]
DAYS = [("Monday", "2025-04-22"), ("Tuesday", "2025-04-23"), ("Wednesday", "2025-04-24"),
        ("Thursday", "2025-04-25")]


def write_corpus(folder: Path) -> Path:
    """28 articles: every move on four days, two moves per article; JSONL with publication dates."""
    lines = []
    for d, (weekday, published) in enumerate(DAYS):
        for m in range(len(MOVES)):
            text = " ".join(MOVES[(m + k) % len(MOVES)].format(day=weekday) for k in range(2))
            lines.append({"id": f"r{d}{m}", "text": f"{text} Outlet {m} reported it.", "published": published})
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def snapshot(url: str) -> dict:
    """Everything a corpus holds about events, actors and positions, in a fixed order."""
    return {
        "events": rows(url, "SELECT * FROM events ORDER BY id"),
        "roles": rows(url, "SELECT * FROM event_actors ORDER BY event_id, role, actor_id"),
        "mentions": rows(url, "SELECT id, event_id, article_id, status, claimed_by_actor_id, date FROM event_mentions "
                              "ORDER BY id"),
        "links": rows(url, "SELECT from_mention_id, from_event_id, rel, to_mention_id, to_event_id FROM links "
                           "ORDER BY from_mention_id, rel, to_mention_id"),
        "actors": rows(url, "SELECT * FROM actors ORDER BY id"),
        "positions": rows(url, "SELECT * FROM positions ORDER BY id"),
        "actor_mentions": rows(url, "SELECT * FROM actor_mentions ORDER BY article_id, span_start, actor_id"),
    }


@pytest.fixture(scope="module")
def ray_cluster():
    """A local Ray cluster with 2 CPUs for the module, shut down at its end; small blocks, so that the corpus
    is split over several tasks and actors."""
    ray = pytest.importorskip("ray")
    import parley.engines.ray_data

    parley.engines.ray_data.BLOCK_BYTES = 1024
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    parley.engines.ray_data.BLOCK_BYTES = 256 * 1024
    ray.shutdown()
    assert not ray.is_initialized()


@pytest.fixture(scope="module")
def serial_result(tmp_path_factory):
    """The corpus ingested serially: its source file and snapshot."""
    folder = tmp_path_factory.mktemp("serial")
    path = write_corpus(folder)
    with empty_database(folder) as url:
        report = ingest([str(path)], url)
        assert (report.new, report.failed) == (28, 0)
        yield path, snapshot(url)


def test_serial_corpus_merges_reports_across_articles(serial_result):
    _, found = serial_result
    counts = sorted(row[-2] for row in found["events"])  # mention_count is the next-to-last column
    assert len(found["mentions"]) == sum(counts)
    assert max(counts) > 1


def test_workers_store_what_serial_stores(serial_result, tmp_path):
    path, expected = serial_result
    with empty_database(tmp_path) as url:
        report = ingest([str(path)], url, workers=2)
        assert (report.new, report.failed) == (28, 0)
        assert snapshot(url) == expected


def test_ray_stores_what_serial_stores(serial_result, tmp_path, ray_cluster):
    path, expected = serial_result
    with empty_database(tmp_path) as url:
        report = ingest([str(path)], url, engine="ray", workers=2)
        assert (report.new, report.failed) == (28, 0)
        assert snapshot(url) == expected


def test_ray_out_dir_loads_into_the_same_corpus(serial_result, tmp_path, ray_cluster):
    path, expected = serial_result
    out = tmp_path / "lake"
    result = CliRunner().invoke(main, ["ingest", str(path), "--engine", "ray", "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"28 articles written to {out}; store them with `parley load {out}`."
    assert sorted(p.name for p in out.iterdir()) == [f"published={day}" for _, day in DAYS]
    with empty_database(tmp_path) as url:
        loaded = CliRunner().invoke(main, ["load", str(out), "--db", url])
        assert loaded.exit_code == 0, loaded.output
        assert loaded.stdout.strip() == "28 new, 0 already stored, 0 failed"
        assert snapshot(url) == expected
        again = CliRunner().invoke(main, ["load", str(out), "--db", url])
        assert again.stdout.strip() == "0 new, 28 already stored, 0 failed"


def _stored_once(url: str) -> None:
    assert rows(url, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == [(28, 28)]
    assert rows(url, "SELECT count(*), count(DISTINCT id) FROM event_mentions") == \
        rows(url, "SELECT sum(mention_count), sum(mention_count) FROM events")


def test_a_killed_worker_process_loses_no_article(serial_result, tmp_path):
    import multiprocessing

    path, expected = serial_result
    killed = []

    def kill_one(report):
        children = multiprocessing.active_children()
        if not killed and report.seen >= 20 and children:
            os.kill(children[0].pid, signal.SIGKILL)
            killed.append(children[0].pid)

    with empty_database(tmp_path) as url:
        report = ingest([str(path)], url, workers=2, on_progress=kill_one)
        assert killed
        assert (report.new, report.failed) == (28, 0)
        _stored_once(url)
        assert snapshot(url) == expected


def _ray_workers() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().startswith(b"ray::MapWorker(MapBatches(Extract))"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_a_killed_ray_worker_is_retried_and_loses_no_article(serial_result, tmp_path, ray_cluster):
    path, expected = serial_result
    killed = []

    def kill_one(report):
        if not killed and report.seen >= 1:
            workers = _ray_workers()
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

    with empty_database(tmp_path) as url:
        report = ingest([str(path)], url, engine="ray", workers=2, batch_size=1, on_progress=kill_one)
        assert killed
        assert (report.new, report.failed) == (28, 0)
        _stored_once(url)
        assert snapshot(url) == expected


def test_ingest_options_for_ray_need_the_ray_engine(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--ray-address", "127.0.0.1:6379"])
    assert result.exit_code == 2
    assert "--ray-address needs --engine ray." in result.stderr


def test_a_bulk_batch_on_postgresql_stores_what_sqlite_stores(pg_url, tmp_path):
    from conftest_store import document, event
    from parley.store.connect import open_engine
    from parley.store.write import COPY_FROM, Item, write_documents

    docs = [document(f"a{i}", [event(f"e{j}", date=f"2025-04-{1 + i % 20:02}", span=(j, j + 5)) for j in range(3)])
            for i in range(COPY_FROM)]  # more rows than COPY_FROM in every table but actors
    sqlite_url = f"sqlite:///{tmp_path / 'bulk.db'}"
    for url in (pg_url, sqlite_url):
        engine = open_engine(url)
        with engine.begin() as conn:
            write_documents(conn, [Item(d) for d in docs])
        engine.dispose()
    assert rows(pg_url, "SELECT count(*), sum(mention_count) FROM events") == [(10, 3 * COPY_FROM)]  # days 1+2, 3+4, ...: one event each
    assert snapshot(pg_url) == snapshot(sqlite_url)
