"""Hostile input, kind by kind: each odd line or file goes through `parley ingest` (on SQLite, or PostgreSQL with
PARLEY_TEST_DB) and `parley extract` between good articles. Nothing crashes either command, the good articles
always go through, and what cannot be read is reported with the file, the line, the field and what to send
instead. Property-based tests (hypothesis) then throw generated JSONL lines, fields and HTML at the readers."""

from __future__ import annotations

import codecs
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from parley.cli import main
from parley.errors import DateError
from parley.ingest import ingest
from parley.records import Article
from parley.sources import SourceFailure
from parley.sources.files import parse_date, read_jsonl_lines
from parley.sources.html import html_to_text
from parley.store.connect import open_engine
from parley.store.schema import articles

GOOD_A = {"id": "good-a", "text": "Qatar hosted talks in Doha."}
GOOD_C = {"id": "good-c", "text": "Kenya hosted talks in Nairobi."}
NOT_JSON = "is not valid JSON ({}). Fix or remove the line."
NOT_OBJECT = "is not a JSON object. Each line must be {\"id\": ..., \"text\": ...}."
NO_TEXT = "has no \"text\". Each article needs a non-empty \"text\" field."
TOO_DEEP = "is JSON nested too deeply to read (over a thousand levels). An article is one flat {\"id\": ..., \"text\": ...} object."
SENDS = {"text": "Give the article's text as a JSON string.",
         "title": "Give the headline as a JSON string, or leave \"title\" out.",
         "url": "Give the article's address as a JSON string, or leave \"url\" out.",
         "source": "Give the outlet's name as a JSON string, or leave \"source\" out.",
         "id": "Give the article's id as a JSON string or number.",
         "published": "Give the date as a JSON string, YYYY-MM-DD."}
BAD_DATE = "has a \"published\" that cannot be used: Date {!r} does not parse. Use YYYY-MM-DD, e.g. 2025-04-22."
BINARY = "looks like a binary file, not text. Give a UTF-8 text, HTML or JSONL file."


def wrong_type(name: str, kind: str) -> str:
    return f"has a \"{name}\" that is a {kind}, not a string. {SENDS[name]}"


def surrogate(name: str, at: int, char: str = "\\ud800") -> str:
    return (f"has a lone surrogate ('{char}') in \"{name}\" at character {at}: half of a UTF-16 pair, not a "
            "character. Send the character it stands for (both halves of the pair) or remove it.")


@dataclass
class Case:
    """One kind of hostile input: a file (`name`, `content`) given before good.jsonl, or with `line`, one line
    between two good ones in in.jsonl. `errors` are the messages after "{path}" (the file, or file:line);
    `stored` how many articles of the odd input are stored."""

    kind: str
    line: str | None = None
    name: str = "in.jsonl"
    content: bytes | None = None
    errors: list[str] = field(default_factory=list)
    stored: int = 0
    make: object = None  # a function(tmp_path) -> path, for inputs that are not plain files

    def write(self, folder: Path) -> tuple[list[str], Path]:
        if self.make is not None:
            path = self.make(folder)
            return [str(path), str(_good(folder))], path
        path = folder / self.name
        if self.line is not None:
            path.write_text(json.dumps(GOOD_A) + "\n" + self.line + "\n" + json.dumps(GOOD_C) + "\n",
                            encoding="utf-8", errors="surrogatepass")
            return [str(path)], path
        path.write_bytes(self.content)
        return [str(path), str(_good(folder))], path

    def expected(self, path: Path) -> list[str]:
        where = f"{path}:2" if self.line is not None else str(path)
        return [message.replace("{path}", str(path), 1) if message.startswith("{path}") else f"{where}: {message}"
                for message in self.errors]


def _good(folder: Path) -> Path:
    path = folder / "good.jsonl"
    path.write_text(json.dumps(GOOD_A) + "\n" + json.dumps(GOOD_C) + "\n")
    return path


def line(kind, raw, *errors, stored=0):
    return Case(kind, line=raw, errors=list(errors), stored=stored)


def obj(kind, fields, *errors, stored=0):
    return line(kind, json.dumps({"id": "odd", "text": "Egypt hosted talks in Cairo.", **fields}), *errors,
                stored=stored)


def afile(kind, name, content, *errors, stored=0):
    return Case(kind, name=name, content=content, errors=list(errors), stored=stored)


def _symlink_loop(folder):
    path = folder / "loop.txt"
    os.symlink(path, path)
    return path


def _dangling(folder):
    path = folder / "gone.txt"
    os.symlink(folder / "nowhere.txt", path)
    return path


def _empty_folder(folder):
    (folder / "f").mkdir()
    (folder / "f" / "notes.pdf").write_bytes(b"%PDF")
    return folder / "f"


def _folder_with_a_loop(folder):
    (folder / "f").mkdir()
    (folder / "f" / "a.txt").write_text("Oman hosted talks in Muscat.")
    os.symlink(folder / "f", folder / "f" / "again")  # a folder link back up: not followed
    return folder / "f"


def _named_pipe(folder):
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _device(folder):
    path = folder / "zero.txt"
    os.symlink("/dev/zero", path)
    return path


NOT_A_FILE = ("is not a regular file (a named pipe, socket or device), so it was not read. Give a file, or pipe "
              "its text into `-`.")

CASES = [
    # JSONL lines that are not articles
    line("truncated object", '{"id": "x", "text": "Qatar', NOT_JSON.format("Unterminated string starting at, column 21")),
    line("not JSON at all", "hello", NOT_JSON.format("Expecting value, column 1")),
    line("trailing comma", '{"id": "x", "text": "Qatar",}', NOT_JSON.format(
        "Expecting property name enclosed in double quotes, column 29")),
    line("single quotes", "{'id': 'x', 'text': 'Qatar'}", NOT_JSON.format(
        "Expecting property name enclosed in double quotes, column 2")),
    line("array line", "[1, 2]", NOT_OBJECT),
    line("string line", '"Qatar hosted talks."', NOT_OBJECT),
    line("number line", "42", NOT_OBJECT),
    line("null line", "null", NOT_OBJECT),
    line("boolean line", "true", NOT_OBJECT),
    line("array nested 100,000 deep", "[" * 100_000 + "]" * 100_000, TOO_DEEP),
    line("object nested 100,000 deep", '{"a":' * 100_000 + "1" + "}" * 100_000, TOO_DEEP),
    line("nested deep inside an article", json.dumps({"id": "x", "text": "t"})[:-1] + ', "extra": '
         + "[" * 50_000 + "]" * 50_000 + "}", TOO_DEEP),
    # the text field
    line("missing text, other fields there", '{"id": "x", "title": "A headline"}', NO_TEXT),
    line("no text field", '{"id": "x"}', NO_TEXT),
    line("text null", '{"id": "x", "text": null}', wrong_type("text", "null")),
    line("text number", '{"id": "x", "text": 42}', wrong_type("text", "number")),
    line("text boolean", '{"id": "x", "text": false}', wrong_type("text", "boolean")),
    line("text array", '{"id": "x", "text": ["Qatar hosted talks."]}', wrong_type("text", "array")),
    line("text object", '{"id": "x", "text": {"body": "Qatar hosted talks."}}', wrong_type("text", "object")),
    line("text empty", '{"id": "x", "text": ""}', NO_TEXT),
    line("text whitespace", '{"id": "x", "text": "  \\n\\t "}', NO_TEXT),
    # other fields of the wrong type
    obj("title number", {"title": 42}, wrong_type("title", "number")),
    obj("title object", {"title": {"a": 1}}, wrong_type("title", "object")),
    obj("title array", {"title": ["a"]}, wrong_type("title", "array")),
    obj("title boolean", {"title": True}, wrong_type("title", "boolean")),
    obj("url number", {"url": 42}, wrong_type("url", "number")),
    obj("url array", {"url": ["https://a.example/"]}, wrong_type("url", "array")),
    obj("source array", {"source": ["x"]}, wrong_type("source", "array")),
    obj("source object", {"source": {"name": "x"}}, wrong_type("source", "object")),
    obj("source number", {"source": 7}, wrong_type("source", "number")),
    obj("id array", {"id": ["x", 1]}, wrong_type("id", "array")),
    obj("id object", {"id": {"x": 1}}, wrong_type("id", "object")),
    obj("id boolean", {"id": True}, wrong_type("id", "boolean")),
    obj("published array", {"published": ["2025-04-22"]}, wrong_type("published", "array")),
    obj("published object", {"published": {"d": 1}}, wrong_type("published", "object")),
    obj("published boolean", {"published": True}, wrong_type("published", "boolean")),
    # dates that do not parse
    obj("published epoch number", {"published": 1714000000}, BAD_DATE.format("1714000000")),
    obj("published epoch string", {"published": "1714000000"}, BAD_DATE.format("1714000000")),
    obj("published relative word", {"published": "yesterday"}, BAD_DATE.format("yesterday")),
    obj("published 30 February", {"published": "2025-02-30"}, BAD_DATE.format("2025-02-30")),
    obj("published month 13", {"published": "2025-13-01"}, BAD_DATE.format("2025-13-01")),
    obj("published with text after it", {"published": "2025-04-22garbage"}, BAD_DATE.format("2025-04-22garbage")),
    obj("published day first", {"published": "22/04/2025"}, BAD_DATE.format("22/04/2025")),
    # characters no store can keep
    line("lone high surrogate in text", '{"id": "x", "text": "Egypt hosted \\ud800 talks."}', surrogate("text", 13)),
    line("lone low surrogate in text", '{"id": "x", "text": "\\udfff Egypt hosted talks."}',
         surrogate("text", 0, "\\udfff")),
    line("lone surrogate in title", '{"id": "x", "title": "a\\ud83d", "text": "Egypt hosted talks."}',
         surrogate("title", 1, "\\ud83d")),
    line("lone surrogate in id", '{"id": "x\\ud800", "text": "Egypt hosted talks."}', surrogate("id", 1)),
    line("lone surrogate in source", '{"id": "x", "source": "\\udc00", "text": "Egypt hosted talks."}',
         surrogate("source", 0, "\\udc00")),
    line("lone surrogate in url", '{"id": "x", "url": "https://a.example/\\ud800", "text": "Egypt hosted talks."}',
         surrogate("url", 18)),
    # the id is made from the url when none is given: hashing it must not raise before the check names it
    line("lone surrogate in the url of an article with no id", '{"url": "\\ud800", "text": "Egypt hosted talks."}',
         surrogate("url", 0)),
    obj("url of 3,000 characters", {"url": "https://a.example/" + "x" * 2982},
        "has a \"url\" of 3,000 characters, longer than any page's address (at most 2,000). Send the article's "
        "real URL, or leave \"url\" out."),
    # odd but readable: stored
    obj("NUL escaped in text", {"text": "Egypt hosted\u0000talks in Cairo."}, stored=1),
    obj("NUL escaped in title", {"title": "Cease\u0000fire"}, stored=1),
    obj("NUL escaped in source", {"source": "V\u0000OA"}, stored=1),
    obj("NUL escaped in id", {"id": "o\u0000dd"}, stored=1),
    obj("id of 10,000 characters", {"id": "k" * 10_000}, stored=1),
    obj("id with slashes and dots", {"id": "a/b/../c"}, stored=1),
    obj("id with quotes, markup and a newline", {"id": "x\" onmouseover=\"alert(1)\n<script>"}, stored=1),
    obj("id number", {"id": 123}, stored=1),
    obj("id float", {"id": 1.5}, stored=1),
    obj("id null", {"id": None}, stored=1),
    obj("id in another script", {"id": "مقال-١"}, stored=1),
    obj("duplicate id", {"id": "good-a"}, stored=1),
    obj("published RFC 2822", {"published": "Tue, 22 Apr 2025 10:00:00 GMT"}, stored=1),
    obj("published with an offset", {"published": "2025-04-22T23:30:00-05:00"}, stored=1),
    obj("published UTC Z", {"published": "2025-04-22T12:00:00Z"}, stored=1),
    obj("published basic ISO", {"published": "20250422"}, stored=1),
    obj("published first day of the calendar", {"published": "0001-01-01", "text": "Egypt hosted talks last week."},
        stored=1),
    obj("published last day of the calendar", {"published": "9999-12-31", "text": "Egypt hosted talks yesterday."},
        stored=1),
    obj("published empty", {"published": ""}, stored=1),
    obj("unknown extra fields", {"lang": "en", "tags": ["a"], "nested": {"x": [1, 2]}}, stored=1),
    obj("right-to-left override and combining marks", {"text": "Egypt \u202ehosted\u202c talks in Ca\u0301iro."},
        stored=1),
    obj("emoji and astral characters", {"text": "Egypt hosted talks 🕊️ in Cairo 𝔄."}, stored=1),
    obj("line and paragraph separators", {"text": "Egypt hosted talks\u2028in Cairo.\u2029Qatar too."}, stored=1),
    obj("zero-width characters", {"text": "Egy\u200bpt hosted\u200d talks in Cairo.\ufeff"}, stored=1),
    obj("markup inside the text", {"text": "<script>alert(1)</script> Egypt hosted talks in Cairo."}, stored=1),
    obj("only punctuation", {"text": "... !!! ???"}, stored=1),
    obj("a title of 100,000 characters", {"title": "Talks " * 16_000 + "end"}, stored=1),
    line("same text as another article", json.dumps({"id": "copy", "text": GOOD_A["text"]})),
    line("invalid UTF-8 in the line", '{"id": "x", "text": "caf\udce9"}', "is not UTF-8 (byte 24). Re-encode it as UTF-8."),
    line("raw NUL byte in the line", '{"id": "x", "text": "a\x00b"}', BINARY),
    # whole files
    afile("empty .txt", "empty.txt", b"", "has no text: it is empty. Give a file with an article in it."),
    afile("empty .jsonl", "empty.jsonl", b"", "has no text: it is empty. Give a JSONL file with one article per line."),
    afile("whitespace .txt", "ws.txt", b"  \n\t\n", "has no text: it is empty. Give a file with an article in it."),
    afile("blank lines .jsonl", "ws.jsonl", b"\n  \n\n", "has no text: it is empty. Give a JSONL file with one "
          "article per line."),
    afile("binary .txt", "garbage.txt", bytes(range(256)) * 4, BINARY),
    afile("latin-1 .txt", "latin1.txt", "Égypte a accueilli des pourparlers.".encode("latin-1"),
          "is not UTF-8 (byte 0). Re-encode it as UTF-8."),
    afile("UTF-16 .txt with a BOM", "u16.txt", codecs.BOM_UTF16_LE + "Egypt hosted talks.".encode("utf-16-le"),
          stored=1),
    afile("UTF-16 .txt without a BOM", "u16nobom.txt", "Egypt hosted talks.".encode("utf-16-le"), BINARY),
    afile("a BOM that lies", "odd.txt", codecs.BOM_UTF16_LE + b"\x00\xd8",
          "starts with a UTF-16 byte-order mark but is not UTF-16 (byte 2). Re-encode it as UTF-8."),
    afile("UTF-8 BOM and CRLF .jsonl", "crlf.jsonl", codecs.BOM_UTF8 + b'{"id": "w", "text": "Egypt hosted talks."}\r\n',
          stored=1),
    afile("NUL after the first 4 KB of a .txt", "nul.txt", b"Egypt hosted talks. " * 250 + b"\x00 Qatar too.",
          stored=1),
    afile(".json array of articles", "arr.json", json.dumps([{"id": "j1", "text": "Egypt hosted talks."},
                                                             {"id": "j2", "text": "Oman hosted talks."}]).encode(),
          stored=2),
    afile(".json object", "one.json", json.dumps({"id": "j", "text": "Egypt hosted talks."}).encode(), stored=1),
    afile(".json empty array", "none.json", b"[]",
          "is an empty JSON array. Give at least one {\"id\": ..., \"text\": ...}."),
    afile(".json that does not parse", "bad.json", b'[{"id": "j"',
          "is not valid JSON (Expecting ',' delimiter, column 12). Fix the file."),
    afile(".json nested 100,000 deep", "deep.json", b"[" * 100_000 + b"]" * 100_000,
          "is JSON nested too deeply to read (over a thousand levels). An article is one flat "
          "{\"id\": ..., \"text\": ...} object."),
    afile(".json array with a number in it", "mixed.json", b'[1, {"id": "j", "text": "Egypt hosted talks."}]',
          "{path} item 1: " + NOT_OBJECT, stored=1),
    afile("pretty-printed JSON array in a .jsonl", "pretty.jsonl",
          json.dumps([{"id": "p", "text": "Egypt hosted talks."}], indent=2).encode(),
          "{path}:1: starts a JSON array, not JSON lines. Write one article object per line, or name the file .json "
          "to read the array."),
    afile("HTML with only scripts and styles", "scripts.html",
          b"<html><script>var a = 1;</script><style>p {}</style></html>",
          "has no text: it is empty. Give a file with an article in it."),
    afile("HTML nested 10,000 deep", "deep.html",
          b"<html><body>" + b"<div>" * 10_000 + b"<p>Egypt hosted talks in Cairo on Monday, officials said.</p>"
          + b"</div>" * 10_000 + b"</body></html>", stored=1),
    afile("HTML of 1,000 unclosed paragraphs", "unclosed.html",
          b"<html><body>" + b"<p>Egypt hosted talks in Cairo, officials said on Monday. " * 1000 + b"</body></html>",
          stored=1),
    afile("an HTML page named .xml", "page.xml", b"<html><body><p>Egypt hosted talks.</p></body></html>",
          "is an HTML page, not an RSS or Atom feed. Give the feed's own address, or name a saved page .html."),
    afile("a feed without entries", "empty.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
          b"</channel></rss>", "is a feed without entries. Nothing to read."),
    Case("a path that does not exist", make=lambda folder: folder / "nope.txt",
         errors=["does not exist. Check the path."]),
    Case("a symbolic link to itself", make=_symlink_loop, errors=[
        "is a symbolic link to nothing (its target is missing, or a loop of links). Give the file itself."]),
    Case("a symbolic link to a missing file", make=_dangling, errors=[
        "is a symbolic link to nothing (its target is missing, or a loop of links). Give the file itself."]),
    Case("a folder with no known files", make=_empty_folder, errors=["has no .txt, .html, .json or .jsonl files."]),
    Case("a folder linking back to itself", make=_folder_with_a_loop, stored=1),
    Case("a named pipe", make=_named_pipe, errors=[NOT_A_FILE]),  # waited for a writer for ever
    Case("a link to /dev/zero", make=_device, errors=[NOT_A_FILE]),  # read until memory ran out
]


def test_the_suite_has_at_least_80_kinds_each_named_once():
    kinds = [case.kind for case in CASES]
    assert len(kinds) >= 80
    assert len(set(kinds)) == len(kinds)


def _count(url: str) -> int:
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_ingest_skips_what_it_cannot_read_names_why_and_stores_the_rest(case, db_url, tmp_path):
    sources, path = case.write(tmp_path)
    report = ingest(sources, db_url)
    assert report.errors == case.expected(path)
    assert report.failed == len(case.errors)
    assert _count(db_url) == 2 + case.stored  # the good articles and what of the odd input could be read
    again = ingest(sources, db_url)  # a re-run gets past it: nothing new, the same failures
    assert (again.new, again.errors) == (0, case.expected(path))


@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_extract_prints_every_readable_article_and_names_the_rest(case, tmp_path):
    sources, path = case.write(tmp_path)
    result = CliRunner().invoke(main, ["extract", *sources, "--published", "2025-04-22"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    ids = [json.loads(row)["id"] for row in result.stdout.splitlines()]
    assert {"good-a", "good-c"} <= set(ids)
    # same text twice is one article to ingest but two lines to extract
    assert len(ids) == 2 + case.stored + (case.kind == "same text as another article")
    errors = [row.removeprefix("parley: ") for row in result.stderr.splitlines()]
    assert [e for e in errors if not e.startswith(tuple(ids)) and " input(s) skipped" not in e] \
        == case.expected(path)
    assert result.exit_code == (1 if case.errors else 0)


# Property-based: whatever a JSONL line holds, the reader returns an Article every later step can take, or a
# SourceFailure naming the line; it never raises.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(st.characters(codec=None)),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8)
any_text = st.text(st.characters(codec=None, categories=None), max_size=60)  # surrogates and NUL included
article_fields = st.fixed_dictionaries({}, optional={
    "id": json_values | any_text, "title": json_values | any_text, "text": json_values | any_text,
    "url": json_values | any_text, "source": json_values | any_text, "published": json_values | any_text})


def _usable(item) -> None:
    if isinstance(item, SourceFailure):
        assert str(item).startswith("in.jsonl:1: ")
        return
    assert isinstance(item, Article)
    for value in (item.text, item.title, item.id, item.url, item.source):
        assert value is None or isinstance(value, str)
    assert item.text.strip() and item.id


@settings(max_examples=300, deadline=None)
@given(article_fields)
def test_any_json_object_is_an_article_or_a_failure_that_names_the_line(fields):
    from parley.sources.checks import admit

    raw = json.dumps(fields)  # ensure_ascii: lone surrogates travel as \ud800 escapes, as in the wild
    items = list(read_jsonl_lines([raw.encode("ascii")], "in.jsonl", None))
    assert len(items) == 1
    _usable(items[0])
    if isinstance(items[0], Article):
        admitted = admit(items[0])
        _usable(admitted)
        if isinstance(admitted, Article):
            for value in (admitted.text, admitted.title, admitted.id, admitted.url, admitted.source):
                if value is not None:
                    assert "\x00" not in value
                    value.encode("utf-8")  # raises on a lone surrogate


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_on_a_line_are_read_or_reported_never_raised(raw):
    items = list(read_jsonl_lines([raw], "in.jsonl", None))
    assert len(items) <= 1
    for item in items:
        _usable(item)


@settings(max_examples=200, deadline=None)
@given(any_text | json_values.map(str))
def test_any_date_parses_or_is_a_date_error(value):
    try:
        found = parse_date(value)
    except DateError as error:
        assert "Use YYYY-MM-DD" in str(error)
    else:
        assert found is None or found.isoformat()


tags = st.sampled_from(["p", "div", "span", "b", "table", "td", "script", "style", "a", "li", "ul", "h1", "article"])
html_nodes = st.recursive(
    st.text(st.characters(codec="utf-8", exclude_characters="<>&"), max_size=30),
    lambda children: st.tuples(tags, st.lists(children, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}>" + "".join(t[1]) + (f"</{t[0]}>" if t[2] else "")),
    max_leaves=30)


@settings(max_examples=100, deadline=None)
@given(html_nodes, st.text(st.characters(codec="utf-8"), max_size=40))
def test_any_html_gives_text_or_nothing_never_an_error(markup, noise):
    found = html_to_text(f"<html><body>{markup}{noise}</body></html>")
    assert isinstance(found, str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(article_fields, min_size=1, max_size=4))
def test_any_jsonl_file_ingests_on_either_store_and_counts_every_line(db_url, tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(fields) + "\n" for fields in lines), encoding="ascii")
    before = _count(db_url)
    report = ingest([str(path)], db_url, extractor=_plain_documents)
    assert report.seen == len(lines)
    assert report.new + report.skipped + report.failed == len(lines)
    assert all(error.startswith(f"{path}:") for error in report.errors)
    assert _count(db_url) == before + report.new


def _plain_documents(articles_in, model=None):
    """What is stored is under test in the property above, not what is read: Documents with no events."""
    from parley.records import Document

    for article in articles_in:
        yield Document(id=article.id, text=article.text, title=article.title, published=article.published,
                       url=article.url, source=article.source)


# A number in brackets labels something ("Talks in Doha (1801)"): it is not the year the events happened in.

def test_a_number_in_brackets_in_a_headline_is_not_read_as_a_year():
    import parley

    doc = parley.extract("Qatar hosted talks between Congo and Rwanda on Monday.", published="2025-04-22",
                         title="Qatar hosts talks between Congo and Rwanda (1801)")
    assert [(e.type, e.date, e.date_precision) for e in doc.events + doc.title_events] == [
        ("CONSULT", "2025-04-21", "day"), ("CONSULT", "2025-04-21", "day")]


def test_a_number_in_brackets_in_the_text_is_not_read_as_a_year(extract):
    doc = extract("Qatar hosted talks between Congo and Rwanda (1801).")
    assert [(e.type, e.date, e.date_precision) for e in doc.events] == [
        ("CONSULT", "2025-04-22", "article"), ("CONSULT", "2025-04-22", "article")]


def test_a_year_the_text_gives_still_dates_its_event(extract):
    doc = extract("Rwanda invaded Congo in 1996.")
    assert [(e.type, e.date, e.date_precision) for e in doc.events] == [("ASSAULT", "1996-01-01", "year")]


# A file name that is not UTF-8 (Python reads its bytes as lone surrogates): one such file in a folder made
# `parley ingest` die recording its failure, storing nothing of the folder, on every re-run.

def _odd_names(folder):
    os.mkdir(folder / "news")
    with open(os.path.join(os.fsencode(folder / "news"), b"bad\xff\xfename.txt"), "wb") as handle:
        handle.write(b"Egypt hosted talks in Cairo.")
    return folder / "news"


def test_a_file_name_that_is_not_utf8_is_read_and_stored_under_a_name_with_replacement_characters(db_url, tmp_path):
    folder = _odd_names(tmp_path)
    report = ingest([str(folder), str(_good(tmp_path))], db_url)
    assert (report.new, report.failed, report.errors) == (3, 0, [])
    engine = open_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(select(articles.c.id, articles.c.title, articles.c.origin)
                              .where(articles.c.id.like("bad%"))).one()
    engine.dispose()
    assert tuple(stored) == ("bad\ufffd\ufffdname", "bad\ufffd\ufffdname", f"{folder}/bad\ufffd\ufffdname.txt")


def test_a_path_given_that_is_not_utf8_is_recorded_with_the_run(db_url, tmp_path):
    missing = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"gone\xff.txt"))
    report = ingest([missing, str(_good(tmp_path))], db_url)
    assert (report.new, report.errors) == (2, [f"{tmp_path}/gone\ufffd.txt: does not exist. Check the path."])


# Control characters glued to a word hid it from the parser: "Egypt\x07 hosted talks" gave no event.

def test_control_characters_are_read_as_spaces_so_the_words_beside_them_still_count(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "c", "title": "Talks\x1b[0m", "text": "Egypt\x07 hosted\x1b[31m talks in Cairo.\x7f"})
                    + "\n")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2025-04-22"])
    [document] = [json.loads(row) for row in result.stdout.splitlines()]
    assert document["title"] == "Talks [0m"
    assert [(e["type"], [a["name"] for a in e["source"]], e["location"]["name"]) for e in document["events"]] == [
        ("CONSULT", ["Egypt"], "Cairo")]



# A text of control characters only became blank once they were read as spaces, and was passed on as an article.

def test_a_text_of_control_characters_only_is_skipped_with_a_message():
    from parley.sources.checks import admit

    [article] = list(read_jsonl_lines(['{"id": "bel", "text": "\\u0007\\u001b"}'], "in.jsonl", None))
    assert str(admit(article)) == ('in.jsonl:1: has a "text" of control characters only (no letter, digit or sign a reader '
                            "sees). Send the article's words, or leave the article out.")

# Feed entry dates: feedparser gives year 0 for "0000-01-01" (date() raised: a feed with one such entry stopped
# the run and nothing before it was stored) and rolls impossible days over ("2025-02-30" became 2 March).

def _atom(*updated: str) -> bytes:
    entries = "".join(f"<entry><title>E{n}</title><updated>{day}</updated><summary>Egypt hosted talks {n}."
                      "</summary></entry>" for n, day in enumerate(updated))
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entries}</feed>'.encode()


def test_feed_entries_dated_out_of_range_or_on_impossible_days_are_stored_undated(tmp_path, db_url):
    from parley.sources.web import iter_feed

    days = ["0000-01-01T00:00:00Z", "2025-02-30T10:00:00Z", "2025-13-45T99:99:99Z", "9999-12-31T23:59:59-12:00",
            "Tue, 22 Apr 2025 10:00:00 GMT", "2025-04-22"]
    found = [item.published for item in iter_feed(_atom(*days), "feed.xml")]
    assert [str(day) if day else None for day in found] == [None, None, None, "9999-12-31", "2025-04-22",
                                                            "2025-04-22"]
    path = tmp_path / "feed.xml"
    path.write_bytes(_atom(*days))
    report = ingest([str(_good(tmp_path)), str(path)], db_url)
    assert (report.new, report.failed) == (2 + len(days), 0)


def test_a_url_whose_scheme_is_in_capitals_is_fetched_not_looked_for_as_a_file():
    from parley.sources import iter_articles

    [failure] = list(iter_articles(["HTTP://127.0.0.1:1/feed.xml"]))
    assert failure.origin == "HTTP://127.0.0.1:1/feed.xml"
    assert failure.message.startswith("could not be fetched (ConnectError")


# A page saved from a site that serves Latin-1 says so in its head: it was refused as "not UTF-8".

def test_an_html_file_in_the_encoding_its_meta_charset_declares_is_read(tmp_path):
    from parley.sources.files import iter_path

    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"><title>Égypte</title></head><body><p>L\'Égypte a '
                     'accueilli des pourparlers au Caire.</p></body></html>'.encode("latin-1"))
    [article] = list(iter_path(path, None))
    assert (article.title, article.text) == ("Égypte", "L'Égypte a accueilli des pourparlers au Caire.")


def test_an_html_file_that_is_not_in_the_encoding_it_declares_is_reported_with_it(tmp_path):
    from parley.sources.files import iter_path

    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="ascii"></head><body><p>L\'Égypte.</p></body></html>'.encode("latin-1"))
    assert [str(item) for item in iter_path(path, None)] == [
        f"{path}: declares ascii in its <meta charset> but is not ascii (byte 52). Re-encode it as UTF-8."]


def test_the_declared_charset_is_read_from_either_form_of_meta_and_an_unknown_one_is_left():
    from parley.sources.files import _declared_charset

    assert _declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">') == "cp1252"
    assert _declared_charset(b'<meta charset="no-such-codec">') is None
