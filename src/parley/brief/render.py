"""Render a gathered brief (parley.brief.gather) as Markdown, as HTML (Jinja2 templates in brief/templates/, print
CSS for A4) and as PDF (WeasyPrint, from the same HTML)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from parley.brief.chart import STANCE_COLORS, weekly_chart
from parley.errors import RenderError


def _who(names: list[str]) -> str:
    return " + ".join(names)


def _md(text: str | None) -> str:
    """Text for a Markdown table cell or list item: one line, pipes escaped (quotes stay verbatim otherwise)."""
    return " ".join((text or "").split()).replace("|", "\\|")


def _change(change) -> str:
    if isinstance(change, str):
        return change
    return "; ".join(f"{c['from'] or '?'} → {c['to']} ({c['date']})" for c in change)


#: report statuses that are someone's claim, shown with the claimant ("alleged by X")
CLAIMS = ("alleged", "denied")


def _status(event: dict) -> str:
    """The event's status where it is not simply asserted, and the other statuses its reports carry: "alleged by
    Democratic Republic of Congo; denied by Rwanda", "future". Empty for an event every report asserts."""
    parts = [] if event["status"] == "asserted" else [event["status"]]
    for claim in event["claims"]:
        text = claim["status"] + (f" by {claim['by']}" if claim["by"] and claim["status"] in CLAIMS else "")
        if claim["status"] in parts:
            parts[parts.index(claim["status"])] = text
        elif text not in parts:
            parts.append(text)
    return "; ".join(parts)


def _action(event: dict) -> str:
    """Who did what to whom: "M23 → Democratic Republic of Congo: ASSAULT ("attacked")"."""
    who = _who(event["source"]) or "?"
    whom = _who(event["target"])
    did = event["type"] + (f" ({event['mode']})" if event["mode"] else "")
    if event["trigger"]:
        did += f" (“{event['trigger']}”)"
    if not event["source"] and not event["target"]:
        return did
    if len(event["source"]) > 1 and set(event["source"]) == set(event["target"]):  # "talks between A and B"
        return f"{' ↔ '.join(event['source'])}: {did}"
    return f"{who} → {whom}: {did}" if whom else f"{who}: {did}"


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("parley.brief", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html.j2"], default_for_string=False, default=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(who=_who, md=_md, change=_change, status=_status, action=_action)
    return env


def _article_href(article: dict | None, dashboard: bool) -> str | None:
    if not article:
        return None
    if article.get("url"):
        return article["url"]
    return f"/#/article/{quote(article['id'], safe='')}" if dashboard else None  # as the dashboard links it


def to_markdown(brief: dict) -> str:
    """The brief as Markdown (what `parley brief` prints without --output)."""
    return _environment().get_template("brief.md.j2").render(b=brief)


def to_html(brief: dict, *, dashboard: bool = False) -> str:
    """The brief as one self-contained HTML page (styles inline, no script) that prints on A4. With `dashboard`,
    articles without a URL link to the dashboard's article view (the server's /brief)."""
    css = (Path(__file__).parent / "templates" / "brief.css").read_text(encoding="utf-8")
    return _environment().get_template("brief.html.j2").render(
        b=brief, css=css, stance_colors=STANCE_COLORS, chart=weekly_chart(brief["weeks"]) if brief["weeks"] else None,
        href=lambda article: _article_href(article, dashboard))


def to_pdf(html: str) -> bytes:
    """The HTML brief as PDF bytes, laid out by WeasyPrint on A4 with the print CSS. RenderError when WeasyPrint
    or the Pango library it draws text with is missing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint installed, but Pango is not
        raise RenderError(f"PDF output needs WeasyPrint and the Pango library ({exc}). Install them with "
                          "`pip install 'parley-events[pdf]'` (or '.[pdf]' in a checkout) and `apt-get install libpango-1.0-0` (or your "
                          "system's Pango package), or write HTML (--output brief.html) and print it from a "
                          "browser.") from None
    return HTML(string=html, base_url=None).write_pdf()


def form_html(actors: list[dict], first: str | None, last: str | None, issues: tuple[str, ...]) -> str:
    """The server's /brief page without parameters: a form to pick the parties, issues and period."""
    css = (Path(__file__).parent / "templates" / "brief.css").read_text(encoding="utf-8")
    return _environment().get_template("form.html.j2").render(actors=actors, first=first, last=last,
                                                               issues=issues, css=css)


__all__ = ["RenderError", "form_html", "to_html", "to_markdown", "to_pdf"]
