"""HTML pages to article text: trafilatura, after flattening markup nested deeper than lxml can read."""

from __future__ import annotations

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
