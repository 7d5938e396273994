"""Odd inputs: decoded when they can be (byte-order marks, deep HTML), reported exactly when they cannot."""

import codecs
import json

from click.testing import CliRunner

from parley.cli import main
from parley.sources import SourceFailure, iter_articles


def _read(path):
    return list(iter_articles([str(path)]))


def test_utf16_text_file_with_a_bom_is_decoded(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Égypte hosted talks.".encode("utf-16-le"))
    [article] = _read(path)
    assert article.text == "Égypte hosted talks."


def test_utf16_big_endian_jsonl_with_a_bom_is_read_line_by_line(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = '{"id": "a", "text": "Qatar hosted talks."}\n{"id": "b", "text": "Egypt sent aid."}\n'
    path.write_bytes(codecs.BOM_UTF16_BE + lines.encode("utf-16-be"))
    assert [(a.id, a.text) for a in _read(path)] == [("a", "Qatar hosted talks."), ("b", "Egypt sent aid.")]


def test_a_bom_that_lies_is_reported(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # an unpaired surrogate
    [error] = _read(path)
    assert str(error) == (f"{path}: starts with a UTF-16 byte-order mark but is not UTF-16 (byte 2). "
                          "Re-encode it as UTF-8.")


def test_a_text_that_is_a_number_is_reported_as_a_number(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": 42}\n')
    [error] = _read(path)
    assert isinstance(error, SourceFailure)
    assert str(error) == f"{path}:1: has a \"text\" that is a number, not a string. Give the article's text as a JSON string."


def test_a_text_that_is_a_list_is_reported_as_an_array(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": ["Qatar hosted talks."]}\n')
    [error] = _read(path)
    assert str(error).startswith(f"{path}:1: has a \"text\" that is a array, not a string.")


def test_an_empty_jsonl_file_is_an_error_like_an_empty_text_file(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n  \n")
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "empty.jsonl"), str(tmp_path / "empty.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        f"parley: {tmp_path / 'empty.jsonl'}: has no text: it is empty. Give a JSONL file with one article per line.",
        f"parley: {tmp_path / 'empty.txt'}: has no text: it is empty. Give a file with an article in it.",
    ]


def test_html_nested_three_hundred_deep_keeps_its_text(tmp_path):
    path = tmp_path / "deep.html"
    sentence = "Kenya and Ethiopia agreed to reopen the border crossing after talks in Nairobi on Monday."
    path.write_text("<html><body>" + "<div>" * 300 + f"<p>{sentence}</p>" + "</div>" * 300 + "</body></html>")
    [article] = _read(path)
    assert article.text == sentence


def test_utf16_stdin_is_decoded():
    data = codecs.BOM_UTF16_LE + "Egypt hosted talks.".encode("utf-16-le")
    result = CliRunner().invoke(main, ["extract", "-"], input=data)
    assert result.exit_code == 0
    [event] = json.loads(result.stdout)["events"]
    assert (event["type"], event["trigger"], event["source"][0]["name"], event["span"]) == (
        "CONSULT", "hosted talks", "Egypt", [6, 18])
