"""Local inputs: text and HTML files, folders of them, JSONL files of articles, and stdin."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from parley.errors import DateError
from parley.records import Article
from parley.sources.failure import SourceFailure
from parley.sources.html import html_to_text

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def parse_date(value: object) -> date | None:
    """An ISO date (a datetime's day part is kept); None for empty; DateError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise DateError(f"Date {text!r} does not parse. Use YYYY-MM-DD, e.g. 2025-04-22.") from None


#: Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's), and the codec each announces.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: JSON's names for the types a "text" field may wrongly hold.
JSON_TYPES = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object", type(None): "null"}


def _bom_codec(raw: bytes) -> str | None:
    return next((codec for bom, codec in BOMS if raw.startswith(bom)), None)


def _decode(raw: bytes, origin: str) -> str | SourceFailure:
    codec = _bom_codec(raw)
    if codec:
        # a byte-order mark says how the text is encoded (Windows tools write UTF-16 with one)
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as exc:
            name = codec.removesuffix("-sig").upper()
            return SourceFailure(origin, f"starts with a {name} byte-order mark but is not {name} "
                                       f"(byte {exc.start}). Re-encode it as UTF-8.")
    if b"\x00" in raw[:4096]:
        return SourceFailure(origin, "looks like a binary file, not text. Give a UTF-8 text, HTML or JSONL file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SourceFailure(origin, f"is not UTF-8 (byte {exc.start}). Re-encode it as UTF-8.")


def _title_of(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ")


def read_text_file(path: Path, published: date | None) -> Iterator[Article | SourceFailure]:
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield SourceFailure(origin, f"cannot be read ({exc.strerror}). Check the path and its permissions.")
        return
    text = _decode(raw, origin)
    if isinstance(text, SourceFailure):
        yield text
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    if not text.strip():
        yield SourceFailure(origin, "has no text: it is empty. Give a file with an article in it.")
        return
    yield Article(text=text, id=path.stem, title=_title_of(path), published=published, origin=origin,
                  headline=False)


def article_from_json(obj: object, origin: str, published: date | None) -> Article | SourceFailure:
    """One JSON object of the article contract (id, title, text, published, url, source)."""
    if not isinstance(obj, dict):
        return SourceFailure(origin, "is not a JSON object. Each line must be {\"id\": ..., \"text\": ...}.")
    text = obj.get("text")
    if "text" in obj and not isinstance(text, str):
        return SourceFailure(origin, f"has a \"text\" that is a {JSON_TYPES.get(type(text), type(text).__name__)}, "
                                   "not a string. Give the article's text as a JSON string.")
    if not isinstance(text, str) or not text.strip():
        return SourceFailure(origin, "has no \"text\". Each article needs a non-empty \"text\" field.")
    try:
        day = parse_date(obj.get("published")) or published
    except DateError as exc:
        return SourceFailure(origin, str(exc))
    return Article(text=text, id=str(obj.get("id") or ""), title=obj.get("title"), published=day,
                   url=obj.get("url"), source=obj.get("source"), origin=origin).with_id()


def read_jsonl_lines(lines: Iterable[bytes | str], name: str, published: date | None) -> Iterator[Article | SourceFailure]:
    for number, line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if isinstance(line, bytes):
            decoded = _decode(line, origin)
            if isinstance(decoded, SourceFailure):
                yield decoded
                continue
            line = decoded
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceFailure(origin, f"is not valid JSON ({exc.msg}, column {exc.colno}). Fix or remove the line.")
            continue
        yield article_from_json(obj, origin, published)


def read_jsonl_file(path: Path, published: date | None) -> Iterator[Article | SourceFailure]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield SourceFailure(str(path), f"cannot be read ({exc.strerror}). Check the path and its permissions.")
        return
    with handle:
        head = handle.read(4)
        handle.seek(0)
        if _bom_codec(head) in ("utf-16", "utf-32"):
            # lines cannot be split on b"\n" in these encodings: decode the whole file first
            text = _decode(handle.read(), str(path))
            if isinstance(text, SourceFailure):
                yield text
                return
            lines = text.splitlines()
        else:
            lines = handle
        empty = True
        for item in read_jsonl_lines(lines, str(path), published):
            empty = False
            yield item
        if empty:
            yield SourceFailure(str(path), "has no text: it is empty. Give a JSONL file with one article per line.")


def read_stdin(published: date | None) -> Iterator[Article | SourceFailure]:
    data = sys.stdin.buffer.read()
    text = _decode(data, "<stdin>")
    if isinstance(text, SourceFailure):
        yield text
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from read_jsonl_lines(text.splitlines(), "<stdin>", published)
    elif text.strip():
        yield Article(text=text, published=published, origin="<stdin>").with_id()
    else:
        yield SourceFailure("<stdin>", "is empty. Pipe an article or JSONL lines into `parley extract -`.")


def iter_path(path: Path, published: date | None) -> Iterator[Article | SourceFailure]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES)
        if not files:
            yield SourceFailure(str(path), "has no .txt, .html or .jsonl files.")
        for file in files:
            yield from iter_path(file, published)
    elif not path.exists():
        yield SourceFailure(str(path), "does not exist. Check the path.")
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, published)
    else:
        yield from read_text_file(path, published)
