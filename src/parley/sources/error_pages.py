"""Error pages served with HTTP 200 ("404 Not Found", "Access denied", a robot check) told apart from articles,
so that a fetch that got one skips it with a warning instead of storing it as an article. The phrases live in
kb/error_pages.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

#: The <title> element: read with a regular expression because it is all that is needed, and it comes before
#: the body, so a page that breaks a parser further down still gives it.
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
#: Where a title is cut into parts: "Page not found | Daily Wire", "Error 404 - Not Found", "Wire: Not Found".
_PARTS = re.compile(r"\s+[|\-–—·•]\s+|\s*[|–—·•]\s*|\s*:\s+")
_STATUS = re.compile(r"^(?:http\s*)?(?:error\s*)?[1-5]\d\d\b\s*")


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], int]:
    from parley.kb import extended_mapping

    data = extended_mapping("error_pages.yaml")
    return frozenset(_plain(str(p)) for p in data.get("phrases", [])), int(data.get("short_words", 80))


def _plain(text: str) -> str:
    """Lower case, punctuation out, spaces collapsed: "404 – Not Found!" -> "404 not found"."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _is_error_phrase(part: str) -> bool:
    phrases, _ = _rules()
    plain = _plain(part)
    bare = _STATUS.sub("", plain)  # "404 not found", "error 403 forbidden", "http 500"
    # a part that is only a status code ("404", "Error 503") counts too
    return plain in phrases or bare in phrases or (bool(plain) and not bare)


def error_page(html: str, text: str) -> str | None:
    """Why a fetched page (its markup and the text read from it) is an error page and no article, e.g.
    'its title is "404 Not Found"'; None when it looks like an article."""
    found = _TITLE.search(html[:200_000])
    if found:
        title = " ".join(unescape(found.group(1)).split())
        if any(_is_error_phrase(part) for part in _PARTS.split(title)):
            return f'its title is "{title[:80]}"'
    _, short_words = _rules()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and len(text.split()) <= short_words and _is_error_phrase(lines[0]):
        return f'its text begins "{lines[0][:80]}"'
    return None


def error_page_message(reason: str) -> str:
    """The warning for a page skipped as an error page: what was seen and what to do."""
    return (f"looks like an error page, not an article ({reason}), so it was skipped. Open the URL in a browser: "
            "if the article is there, save the page and ingest the .html file; else give the article's current "
            "address.")
