"""Local inputs: text and HTML files, folders of them, JSONL files of articles, and stdin."""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from parley.errors import DateError
from parley.records import Article
from parley.sources.checks import field_failure, json_type
from parley.sources.failure import NotAnArticle, SourceFailure
from parley.sources.html import read_page

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
#: Names of the files that document a folder rather than report news: in a folder they are not articles
#: (examples/voa/README.md beside its articles.jsonl); given by their own path they are read.
DOCUMENTATION_NAMES = {"readme", "changelog", "changes", "history", "license", "licence", "copying", "notice",
                       "authors", "contributors", "contributing", "code_of_conduct", "security", "citation"}


def is_documentation(path: Path) -> bool:
    """Whether a file in a folder documents the folder (README.md, LICENSE.txt, CHANGELOG.md), by its name."""
    return path.name.split(".", 1)[0].casefold() in DOCUMENTATION_NAMES


#: What may follow a date's day part: a time ("T10:00", " 10:00:00 +0000"), never other text.
_TIME_AFTER = re.compile(r"[T ]\d{1,2}(:\d{2})")


def parse_date(value: object) -> date | None:
    """An ISO date or timestamp (its day part is kept), or an RFC 2822 date as feeds and e-mail write them
    ("Tue, 22 Apr 2025 10:00:00 GMT"); None for empty; DateError for anything else (text after the date that is
    not a time, too: "2025-04-22garbage")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    found = _iso_day(text) or _rfc2822_day(text)
    if found is None:
        raise DateError(f"Date {text!r} does not parse. Use YYYY-MM-DD, e.g. 2025-04-22.")
    return found


def _iso_day(text: str) -> date | None:
    for parse in (date.fromisoformat, lambda t: datetime.fromisoformat(t).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    if len(text) > 10 and _TIME_AFTER.match(text, 10):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


def _rfc2822_day(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


#: Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's), and the codec each announces.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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


#: The encoding an HTML file declares in its head: <meta charset="..."> or <meta http-equiv ... charset=...>.
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


def _declared_charset(raw: bytes) -> str | None:
    """The codec an HTML file's <meta> names in its first 4 KB, if Python knows it."""
    found = _META_CHARSET.search(raw[:4096])
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def _read_decoded(path: Path, origin: str, html: bool = False) -> str | SourceFailure:
    """A file's text, decoded as _decode does, or the failure to read or decode it. An HTML file that is not
    UTF-8 is read in the encoding its <meta charset> declares (a page saved from a site that serves Latin-1)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SourceFailure(origin, f"cannot be read ({exc.strerror}). Check the path and its permissions.")
    text = _decode(raw, origin)
    declared = _declared_charset(raw) if html and isinstance(text, SourceFailure) else None
    if declared and declared not in ("utf-8", "utf-16", "utf-32") and b"\x00" not in raw[:4096]:
        try:
            return raw.decode(declared)
        except UnicodeDecodeError as exc:
            return SourceFailure(origin, f"declares {declared} in its <meta charset> but is not {declared} "
                                         f"(byte {exc.start}). Re-encode it as UTF-8.")
    return text


def path_text(path: Path | str) -> str:
    """A path as text that every store and terminal takes: the bytes of a file name that are not UTF-8, which
    Python keeps as lone surrogates ('bad\\udcff.txt'), become U+FFFD, so the file's origin, id and title can be
    stored (the path itself still opens the file)."""
    return os.fsencode(path).decode("utf-8", "replace")


def _title_of(path: Path) -> str:
    return path_text(path.stem).replace("_", " ").replace("-", " ")


def read_text_file(path: Path, published: date | None) -> Iterator[Article | SourceFailure]:
    origin = path_text(path)
    text = _read_decoded(path, origin, html=path.suffix.lower() in HTML_SUFFIXES)
    if isinstance(text, SourceFailure):
        yield text
        return
    title, day, site = None, None, None
    if path.suffix.lower() in HTML_SUFFIXES:
        # a saved page keeps its headline, date and site name (read_page), as a fetched one does
        page = read_page(text)
        text, title, day, site = page.text, page.title, page.published, page.sitename
    if not text.strip():
        yield SourceFailure(origin, "has no text: it is empty. Give a file with an article in it.")
        return
    yield Article(text=text, id=path_text(path.stem), title=title or _title_of(path), published=day or published,
                  source=site, origin=origin, headline=title is not None)


def article_from_json(obj: object, origin: str, published: date | None) -> Article | SourceFailure:
    """One JSON object of the article contract (id, title, text, published, url, source); a field of the wrong
    type is a SourceFailure that names it."""
    if not isinstance(obj, dict):
        return SourceFailure(origin, "is not a JSON object. Each line must be {\"id\": ..., \"text\": ...}.")
    text = obj.get("text")
    if "text" in obj and not isinstance(text, str):
        return SourceFailure(origin, f"has a \"text\" that is a {json_type(text)}, "
                                   "not a string. Give the article's text as a JSON string.")
    if not isinstance(text, str) or not text.strip():
        return SourceFailure(origin, "has no \"text\". Each article needs a non-empty \"text\" field.")
    for name in ("id", "title", "url", "source"):
        failure = field_failure(origin, name, obj.get(name))
        if failure is not None:
            return failure
    raw_day = obj.get("published")
    if isinstance(raw_day, (list, dict, bool)):
        return field_failure(origin, "published", raw_day)
    try:
        day = parse_date(raw_day) or published
    except DateError as exc:
        return SourceFailure(origin, f"has a \"published\" that cannot be used: {exc}")
    article_id = obj.get("id")
    return Article(text=text, id="" if article_id is None else str(article_id), title=obj.get("title"),
                   published=day, url=obj.get("url"), source=obj.get("source"), origin=origin).with_id()


def _parse_json(text: str, origin: str) -> object | SourceFailure:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return SourceFailure(origin, f"is not valid JSON ({exc.msg}, column {exc.colno}). Fix or remove the line.")
    except RecursionError:
        # the stdlib parser recurses once per level: "[[[[...]]]]" 100,000 deep exhausts the stack
        return SourceFailure(origin, "is JSON nested too deeply to read (over a thousand levels). An article is one "
                                     "flat {\"id\": ..., \"text\": ...} object.")


def read_jsonl_lines(lines: Iterable[bytes | str], name: str, published: date | None) -> Iterator[Article | SourceFailure]:
    first = True
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
        if first and line.strip() == "[":
            # a pretty-printed JSON array: one message for the file, not one per line of it
            yield SourceFailure(origin, "starts a JSON array, not JSON lines. Write one article object per line, "
                                        "or name the file .json to read the array.")
            return
        first = False
        obj = _parse_json(line.rstrip("\r\n"), origin)  # the line's own end is not part of its JSON
        yield obj if isinstance(obj, SourceFailure) else article_from_json(obj, origin, published)


def read_json_file(path: Path, published: date | None) -> Iterator[Article | SourceFailure]:
    """A .json file: one article object, or an array of them (each named "FILE item N" in messages)."""
    origin = path_text(path)
    text = _read_decoded(path, origin)
    if isinstance(text, SourceFailure):
        yield text
        return
    if not text.strip():
        yield SourceFailure(origin, "has no text: it is empty. Give a JSON article object or an array of them.")
        return
    found = _parse_json(text, origin)
    if isinstance(found, SourceFailure):
        yield SourceFailure(origin, found.message.replace("Fix or remove the line.", "Fix the file."))
    elif isinstance(found, list):
        if not found:
            yield SourceFailure(origin, "is an empty JSON array. Give at least one {\"id\": ..., \"text\": ...}.")
        for number, obj in enumerate(found, start=1):
            yield article_from_json(obj, f"{origin} item {number}", published)
    else:
        yield article_from_json(found, origin, published)


def read_jsonl_file(path: Path, published: date | None) -> Iterator[Article | SourceFailure]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield SourceFailure(path_text(path), f"cannot be read ({exc.strerror}). Check the path and its permissions.")
        return
    with handle:
        head = handle.read(4)
        handle.seek(0)
        if _bom_codec(head) in ("utf-16", "utf-32"):
            # lines cannot be split on b"\n" in these encodings: decode the whole file first
            text = _decode(handle.read(), path_text(path))
            if isinstance(text, SourceFailure):
                yield text
                return
            lines = text.splitlines()
        else:
            lines = handle
        empty = True
        for item in read_jsonl_lines(lines, path_text(path), published):
            empty = False
            yield item
        if empty:
            yield SourceFailure(path_text(path), "has no text: it is empty. Give a JSONL file with one article per line.")


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
        yield SourceFailure("<stdin>", "is empty. Pipe an article or JSONL lines into the command.")


def _walk(folder: Path) -> tuple[list[Path], list[SourceFailure]]:
    """The known files under a folder, sorted, and a failure for each folder that could not be listed
    (Path.rglob skips those without a word)."""
    found, failures = [], []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or path_text(folder)
        failures.append(SourceFailure(path_text(where), f"is a folder that cannot be read ({exc.strerror}), so its files "
                                                  "were not read. Check its permissions."))

    for root, _dirs, names in os.walk(folder, onerror=unreadable):
        found.extend(Path(root) / n for n in names if Path(n).suffix.lower() in KNOWN_SUFFIXES)
    return sorted(p for p in found if p.is_file()), failures


def iter_path(path: Path, published: date | None) -> Iterator[Article | SourceFailure | NotAnArticle]:
    if path.is_dir():
        files, failures = _walk(path)
        yield from failures
        articles = [file for file in files if not is_documentation(file)]
        if not articles and not failures:
            yield SourceFailure(path_text(path), "has no .txt, .html, .json or .jsonl files"
                                + (" besides its documentation." if files else "."))
        for file in files:
            if is_documentation(file):
                yield NotAnArticle(path_text(file))
            else:
                yield from iter_path(file, published)
    elif not path.exists():
        if path.is_symlink():
            yield SourceFailure(path_text(path), "is a symbolic link to nothing (its target is missing, or a loop of "
                                           "links). Give the file itself.")
        else:
            yield SourceFailure(path_text(path), "does not exist. Check the path.")
    elif not path.is_file():
        # reading a named pipe waits for a writer for ever, and /dev/zero never ends
        yield SourceFailure(path_text(path), "is not a regular file (a named pipe, socket or device), so it was not "
                                             "read. Give a file, or pipe its text into `-`.")
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, published)
    elif path.suffix.lower() in JSON_SUFFIXES:
        yield from read_json_file(path, published)
    else:
        yield from read_text_file(path, published)
