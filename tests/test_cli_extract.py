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
    assert f"{path}:4: Date 'yesterday' does not parse" in result.stderr


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
    assert "... and 2 more articles: no publication date" in result.stderr


def test_extract_unknown_model_says_how_to_fix_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russia attacked Ukraine.")
    result = CliRunner().invoke(main, ["extract", str(path), "--model", "no_such_pipeline"])
    assert result.exit_code == 1
    assert "spaCy pipeline 'no_such_pipeline' is not installed" in result.output


def test_extract_overlong_article_is_read_in_part_with_a_warning(monkeypatch):
    import parley
    from parley.nlp import pipeline

    monkeypatch.setattr(pipeline.load(), "max_length", 60)
    doc = parley.extract("Russia attacked Ukraine on Monday.\nIran criticised Israel over the strikes in Gaza.")
    assert [e.type for e in doc.events] == ["ASSAULT"]
    assert any("only the first 34 were read. Split it into separate articles." in w for w in doc.warnings)


def test_extract_table_names_the_article_once_and_shows_the_claimant(tmp_path):
    path = tmp_path / "kyiv-talks.txt"
    path.write_text("Russia accused Ukraine of shelling Donetsk on Monday, the Kremlin said.")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2025-04-22", "--format", "table"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "kyiv-talks"
    assert lines[2].split() == ["┃", "type", "┃", "source", "┃", "target", "┃", "status", "┃", "claimant", "┃",
                                "date", "┃", "place", "┃", "trigger", "┃"]
    assert lines[4].split() == ["│", "ACCUSE", "│", "Russia", "│", "Ukraine", "│", "asserted", "│", "Russia", "│",
                                "2025-04-21", "│", "Donetsk", "│", "accused", "│"]
