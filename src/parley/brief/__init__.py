"""`parley brief`: one or two A4 pages on a peace process over a period, read from the store with the evidence.

    brief = gather(conn, BriefRequest(actors=("Congo", "M23"), since=date(2026, 3, 16)))
    to_markdown(brief); to_html(brief); to_pdf(to_html(brief))

gather (parley.brief.gather) reads the store through parley.store.read; render (parley.brief.render) fills the
Jinja2 templates in brief/templates/; chart draws the events per week as inline SVG.
"""

from parley.brief.gather import BriefRequest, gather
from parley.brief.render import (
    RenderError,
    form_html,
    to_html,
    to_markdown,
    to_pdf,
)

__all__ = ["BriefRequest", "RenderError", "form_html", "gather", "to_html", "to_markdown", "to_pdf"]
