"""The door every article passes, whatever source it came from: fields that are text, and text that both stores
keep the same way, so one odd article is reported and skipped instead of stopping a run later."""

from __future__ import annotations

import re
from dataclasses import replace

from parley.records import Article
from parley.sources.failure import SourceFailure

#: Article fields that hold text (JSON strings); `id` may also be a JSON number.
TEXT_FIELDS = ("text", "title", "id", "url", "source")
#: JSON's names for the types a field may wrongly hold.
JSON_TYPES = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object", type(None): "null"}
#: A URL longer than this is no page's address (browsers and servers stop near 2,000 characters); PostgreSQL
#: could not index it either.
MAX_URL = 2_000
#: What NUL characters become: PostgreSQL text cannot hold them, and a space keeps every offset where it was.
NUL_STANDS_IN = " "
#: Control characters (NUL, BEL, ESC, DEL, ...; not tab, line breaks or form feed), which the tokenizer glues to
#: the word beside them: "Egypt\x07 hosted talks" lost its event. Each becomes NUL_STANDS_IN.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def json_type(value: object) -> str:
    """JSON's name for the value's type ("number", "array", ...)."""
    return JSON_TYPES.get(type(value), type(value).__name__)


def field_failure(origin: str, name: str, value: object) -> SourceFailure | None:
    """Why a JSON article's field `name` cannot be used as it is, or None when it can (absent or null counts as
    absent, except for "text", which the caller checks)."""
    if value is None or isinstance(value, str):
        return None
    if name == "id" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return None
    wanted = {"id": "Give the article's id as a JSON string or number",
              "title": "Give the headline as a JSON string, or leave \"title\" out",
              "url": "Give the article's address as a JSON string, or leave \"url\" out",
              "source": "Give the outlet's name as a JSON string, or leave \"source\" out",
              "published": "Give the date as a JSON string, YYYY-MM-DD"}.get(name, "Give it as a JSON string")
    return SourceFailure(origin, f"has a \"{name}\" that is a {json_type(value)}, not a string. {wanted}.")


def _lone_surrogate(value: str) -> int | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def admit(article: Article) -> Article | SourceFailure:
    """The article as every later step may take it: NUL and other control characters replaced by spaces (offsets
    kept, the same on SQLite and PostgreSQL), or a SourceFailure naming the field when a text field holds a lone surrogate
    (JSON's "\\ud800" escape: half of a character, which no store and no tokenizer can take) or the URL is too
    long to be one."""
    origin = article.origin or article.id or "<article>"
    changes = {}
    for name in TEXT_FIELDS:
        value = getattr(article, name)
        if not value:
            continue
        at = _lone_surrogate(value)
        if at is not None:
            return SourceFailure(origin, f"has a lone surrogate ({value[at]!r}) in \"{name}\" at character {at:,}: "
                                         "half of a UTF-16 pair, not a character. Send the character it stands "
                                         "for (both halves of the pair) or remove it.")
        if CONTROLS.search(value):
            changes[name] = CONTROLS.sub(NUL_STANDS_IN, value)
    if "text" in changes and not changes["text"].strip():
        return SourceFailure(origin, "has a \"text\" of control characters only (no letter, digit or sign a reader "
                                     "sees). Send the article's words, or leave the article out.")
    if article.url and len(article.url) > MAX_URL:
        return SourceFailure(origin, f"has a \"url\" of {len(article.url):,} characters, longer than any page's "
                                     f"address (at most {MAX_URL:,}). Send the article's real URL, or leave "
                                     "\"url\" out.")
    return replace(article, **changes) if changes else article
