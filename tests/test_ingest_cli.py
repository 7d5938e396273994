"""`parley ingest` and `parley run` end to end, with the real extractor."""

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest_store import rows
from parley.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_ingest_command_stores_the_corpus_and_prints_the_summary(db_url):
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "40 new, 0 already stored, 0 failed"
    ids = [json.loads(line)["id"] for line in (EXAMPLES / "articles.jsonl").read_text().splitlines()]
    assert sorted(r[0] for r in rows(db_url, "SELECT id FROM articles")) == sorted(ids)


def test_ingest_command_twice_stores_every_article_once(db_url):
    CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db_url])
    events_before = rows(db_url, "SELECT id, mention_count FROM events ORDER BY id")
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db_url])
    assert result.stdout.strip() == "0 new, 40 already stored, 0 failed"
    assert rows(db_url, "SELECT count(*) FROM articles") == [(40,)]
    assert rows(db_url, "SELECT id, mention_count FROM events ORDER BY id") == events_before


def test_ingest_command_reports_bad_inputs_on_stderr_and_exits_1(db_url, tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Egypt hosted talks in Cairo."}\n{oops\n')
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "bad.jsonl"), str(tmp_path / "gone.txt"),
                                       "--db", db_url])
    assert result.exit_code == 1
    assert f"{tmp_path / 'bad.jsonl'}:2: is not valid JSON" in result.stderr
    assert f"{tmp_path / 'gone.txt'}: does not exist" in result.stderr
    assert result.stdout.strip() == "1 new, 0 already stored, 2 failed, 1 undated"
    assert rows(db_url, "SELECT id FROM articles") == [("ok",)]


def test_ingest_command_published_fills_missing_dates(db_url, tmp_path):
    (tmp_path / "note.txt").write_text("Qatar hosted talks between Israel and Hamas.")
    CliRunner().invoke(main, ["ingest", str(tmp_path / "note.txt"), "--published", "2025-05-02", "--db", db_url])
    assert rows(db_url, "SELECT published FROM articles") == [("2025-05-02",)]


def test_ingest_command_bad_published_date_is_rejected(db_url, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--published", "2025-13-01", "--db", db_url])
    assert result.exit_code == 2
    assert "Date '2025-13-01' does not parse. Use YYYY-MM-DD" in result.output


def test_ingest_command_unusable_database_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", "mysql://u@h/db"])
    assert result.exit_code == 1
    assert "is not supported. Use SQLite" in result.output


def test_ingest_command_stores_events_from_the_extractor(db_url):
    CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db_url])
    mentions = rows(db_url, "SELECT count(*) FROM event_mentions")[0][0]
    events = rows(db_url, "SELECT coalesce(sum(mention_count), 0) FROM events")[0][0]
    assert mentions == events


def test_run_ingests_into_parley_db_and_summarises(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARLEY_DB", raising=False)
    shutil.copytree(EXAMPLES, tmp_path / "corpus")
    first = CliRunner().invoke(main, ["run", "corpus"])
    second = CliRunner().invoke(main, ["run", "corpus"])
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[0] == "Ingested into parley.db: 40 new, 0 already stored, 0 failed"
    assert second.stdout.splitlines()[0] == "Ingested into parley.db: 0 new, 40 already stored, 0 failed"
    assert second.stdout.splitlines()[1].startswith("40 articles from 2026-03-02 to 2026-04-20;")
    assert (tmp_path / "parley.db").exists()


def test_ingest_command_reads_stdin(db_url):
    result = CliRunner().invoke(main, ["ingest", "-", "--published", "2025-05-02", "--db", db_url],
                                input="Egypt hosted talks between Israel and Hamas in Cairo.")
    assert result.exit_code == 0, result.output
    assert rows(db_url, "SELECT published, origin FROM articles") == [("2025-05-02", "<stdin>")]


def test_ingest_command_ctrl_c_keeps_what_was_stored_and_says_how_to_go_on(db_url, tmp_path, monkeypatch):
    import parley.ingest
    from parley.records import Document

    for number in range(4):
        (tmp_path / f"r{number}.txt").write_text(f"Report {number}: talks resumed in Doha.")

    def interrupted(articles, model=None, **_):
        for index, article in enumerate(articles):
            if index == 2:
                raise KeyboardInterrupt
            yield Document(id=article.id, text=article.text)

    monkeypatch.setattr(parley.ingest, "extract_many", interrupted)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db_url])
    assert result.exit_code == 130
    assert "run the same command again to go on" in result.stderr
    assert rows(db_url, "SELECT id FROM articles ORDER BY id") == [("r0",), ("r1",)]


def test_run_takes_a_publication_date_and_worker_processes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARLEY_DB", raising=False)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "cairo.txt").write_text("Egypt hosted talks between Israel and Hamas in Cairo on Monday.")
    (tmp_path / "news" / "doha.txt").write_text("Qatar accused Israel of blocking aid to Gaza.")
    result = CliRunner().invoke(main, ["run", "news", "--published", "2025-05-02", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Ingested into parley.db: 2 new, 0 already stored, 0 failed"
    assert rows("sqlite:///parley.db", "SELECT published FROM articles") == [("2025-05-02",), ("2025-05-02",)]


def test_run_refuses_a_publication_date_that_does_not_parse(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["run", "news", "--published", "2025-13-01"])
    assert result.exit_code == 2
    assert "Date '2025-13-01' does not parse. Use YYYY-MM-DD" in result.output
