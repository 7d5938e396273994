import json

import pytest
from click.testing import CliRunner

from parley.cli import main

BAD_OPTIONS = [
    (("--format", "xml"), "Unknown format 'xml'. Use one of: jsonl, json, table"),
    (("--published", "22/04/2025"), "does not parse. Use YYYY-MM-DD"),
]


@pytest.mark.parametrize("option, message", BAD_OPTIONS, ids=[option[0] for option, _ in BAD_OPTIONS])
def test_extract_bad_option_says_what_to_send_instead(tmp_path, option, message):
    path = tmp_path / "a.txt"
    path.write_text("Russia attacked Ukraine.")
    result = CliRunner().invoke(main, ["extract", str(path), *option])
    assert result.exit_code == 2
    assert message in result.output


def test_extract_bad_jsonl_line_is_skipped_and_the_rest_processed(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Russia attacked Ukraine."}\n{not json\n{"id": "c", "title": "no text"}\n'
                    '{"id": "d", "text": "Israel struck Gaza.", "published": "yesterday"}\n'
                    '{"id": "e", "text": "Iran criticised Israel."}\n')
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["a", "e"]
    assert f"{path}:2: is not valid JSON" in result.stderr
    assert f"{path}:3: has no \"text\"" in result.stderr
    assert f"{path}:4: has a \"published\" that cannot be used: Date 'yesterday' does not parse" in result.stderr


def test_extract_undecodable_file_is_reported(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 \xff\xfe talks")
    good = tmp_path / "good.txt"
    good.write_text("Egypt hosted talks.")
    result = CliRunner().invoke(main, ["extract", str(bad), str(good)])
    assert result.exit_code == 1
    assert "bad.txt: is not UTF-8" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good"]


def test_extract_missing_file_is_reported(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt: does not exist" in result.stderr


def test_extract_reads_stdin():
    result = CliRunner().invoke(main, ["extract", "-", "--published", "2025-01-02"], input="Russia attacked Ukraine.")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["published"] == "2025-01-02"


def test_extract_repeated_warning_is_counted_not_repeated(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": "Russia attacked Kyiv on Monday."}) + "\n" for i in range(5)))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    assert result.stderr.count("no publication date") == 4
    assert "... and 2 more articles: has no publication date" in result.stderr


def test_extract_unknown_model_says_how_to_fix_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russia attacked Ukraine.")
    result = CliRunner().invoke(main, ["extract", str(path), "--model", "no_such_pipeline"])
    assert result.exit_code == 1
    assert "spaCy pipeline 'no_such_pipeline' is not installed" in result.output


def test_extract_overlong_article_is_read_whole_in_parts_with_a_warning(monkeypatch):
    import parley
    from parley.nlp import pipeline

    monkeypatch.setattr(pipeline.load(), "max_length", 60)
    text = "Russia attacked Ukraine on Monday.\nIran criticised Israel over the strikes in Gaza."
    doc = parley.extract(text, published="2025-04-22")
    assert [(e.type, text[e.span[0]:e.span[1]]) for e in doc.events] == [("ASSAULT", "attacked"),
                                                                           ("ACCUSE", "criticised"),
                                                                           ("ASSAULT", "strikes")]
    assert doc.warnings == ["is 83 characters long, so it was read in 2 parts of at most 60 characters, split at "
                            "sentence ends; dates and references do not reach from one part into the next."]


def test_extract_table_shows_the_id_once_and_the_claimant(tmp_path):
    path = tmp_path / "kyiv.txt"
    path.write_text("Ukraine said Russian forces shelled Kharkiv on Monday.")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "table", "--published", "2025-04-22"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "kyiv"
    assert [cell.strip() for cell in lines[2].split("┃")][1:-1] == [
        "type", "source", "target", "status", "claimant", "date", "place", "trigger"]
    assert [cell.strip() for cell in lines[4].split("│")][1:-1] == [
        "ASSAULT", "Russia", "Ukraine", "asserted", "Ukraine", "2025-04-21", "Kharkiv", "shelled"]


def test_extract_reads_a_url_as_ingest_does(tmp_path):
    import functools
    import http.server
    import threading

    (tmp_path / "kyiv.txt").write_text("Russian forces shelled Kharkiv on Monday.", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/kyiv.txt"
        result = CliRunner().invoke(main, ["extract", url, "--published", "2025-04-22"])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    (document,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (document["url"], document["source"], document["published"]) == (url, "127.0.0.1", "2025-04-22")
    assert [(e["type"], e["trigger"], [a["name"] for a in e["source"]]) for e in document["events"]] == [
        ("ASSAULT", "shelled", ["Russia"])]


def test_extract_table_rows_follow_the_text(tmp_path):
    """Rows in the order the reader meets the triggers, whatever order the events come in."""
    import io

    from conftest_store import HAMAS, ISRAEL, document, event
    from parley.cli.render import print_documents

    later = event("e2", type="ACCUSE", source=[HAMAS], target=[ISRAEL], span=(40, 48), trigger="accused")
    earlier = event("e1", type="ASSAULT", span=(7, 14), trigger="struck")
    out = io.StringIO()
    print_documents([document("d", [later, earlier])], "table", out=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("│")]
    assert [row.split("│")[1].strip() for row in rows] == ["ASSAULT", "ACCUSE"]
