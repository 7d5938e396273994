"""HTML pages to article text: trafilatura, after flattening markup nested deeper than lxml can read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from html.parser import HTMLParser

#: libxml2 (under lxml, under trafilatura) drops everything nested deeper than 255 elements; stay below it.
MAX_DEPTH = 200
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class _Flattener(HTMLParser):
    """Re-emit the markup, dropping the tags (never the text) of elements deeper than MAX_DEPTH.

    The stdlib parser is used here because it has no depth limit; lxml's cannot be lifted from trafilatura.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        self.stack.append(tag)
        self.deepest = max(self.deepest, len(self.stack))
        if len(self.stack) <= MAX_DEPTH:
            self.out.append(self.get_starttag_text() or "")
        elif tag in ("p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n")  # a dropped block tag still ends a line

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            top = self.stack.pop()
            if depth <= MAX_DEPTH:
                self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def flatten(html: str) -> str:
    """The same page with no element nested more than MAX_DEPTH deep (returned unchanged when none is)."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    if parser.deepest <= MAX_DEPTH:
        return html
    return "".join(parser.out)


def html_to_text(html: str) -> str:
    """The main text of an HTML page ("" when trafilatura finds none); deep nesting keeps its text."""
    import trafilatura

    text = trafilatura.extract(flatten(html), include_comments=False, include_tables=False)
    return text or ""


@dataclass(frozen=True)
class Page:
    """What an HTML page says about its article: the main text without its headline, the headline, the day
    the page says it was published and the site's name (each None when the page does not say)."""

    text: str
    title: str | None
    published: date | None
    sitename: str | None


#: How a line of body text ends (a headline, a menu or a byline line has no stop).
SENTENCE_STOPS = (".", "!", "?", "\u2026", '"', "\u201d", "'", "\u2019")


def _words(line: str) -> str:
    return " ".join(line.split()).casefold()


def without_headline(text: str, title: str | None) -> str:
    """The text from after its headline line: trafilatura keeps a page's <h1> (and, on a short page, the
    navigation above it) as the text's first lines, with no full stop, so the parser would read the headline
    and the first paragraph as one sentence and the lead event twice (once in the text, once in the title).
    The headline is looked for only above the first line that ends a sentence, where the body begins; a page
    that is only its headline keeps it as its text."""
    if not title or not title.strip():
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _words(line) == _words(title):
            rest = "\n".join(lines[number + 1:]).lstrip("\n")
            return rest if rest.strip() else text
        if line.rstrip().endswith(SENTENCE_STOPS):
            break
    return text


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_page(html: str) -> Page:
    """The article in an HTML page (trafilatura): its main text, headline, publication day and site name.

    The day comes from the page's markup only (meta tags, JSON-LD, <time>, the URL), never from dates in its
    text: "talks in Doha on 3 March 2019" dates an event, not the page (htmldate's extensive search is off)."""
    import trafilatura

    flat = flatten(html)
    text = trafilatura.extract(flat, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(flat, extensive=False)
    title = " ".join(meta.title.split()) if meta and meta.title else None
    return Page(text=without_headline(text, title), title=title or None, published=_day(meta.date if meta else None),
                sitename=meta.sitename if meta else None)
