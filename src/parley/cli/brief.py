"""`parley brief`: validate the options, gather the brief from the store (parley.brief) and write it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from parley.cli.corpus import reading
from parley.cli.options import date_value, db_option
from parley.records import ISSUES

#: the output format each file extension asks for
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def _issues(ctx, param, values):
    wanted = tuple(v.strip().lower() for v in values)
    for value in wanted:
        if value not in ISSUES:
            raise click.BadParameter(f"Unknown issue {value!r}. Use one of: {', '.join(ISSUES)}")
    return wanted


def _output(ctx, param, value: Path | None):
    if value is not None and value.suffix.lower() not in EXTENSIONS:
        raise click.BadParameter(f"{value} has no extension Parley writes a brief as: name it brief.md, "
                                 "brief.html or brief.pdf.")
    return value


@click.command()
@click.option("--actor", "actors", multiple=True, required=True,
              help="A party (actor name or id, as `parley actors` lists them); repeat for several.")
@click.option("--issue", "issues", multiple=True, callback=_issues,
              help="A negotiating issue for the stances (repeat for several). [default: every issue]")
@click.option("--since", required=True, callback=date_value, help="First day of the period (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="Last day of the period. [default: the last day the store holds]")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), callback=_output,
              help="brief.md, brief.html or brief.pdf (PDF needs parley-events[pdf]). [default: Markdown on stdout]")
@db_option
def brief(actors, issues, since, until, output, db_url):
    """One or two A4 pages on a peace process over a period: what changed, who stands where, key events and
    sources, each line with the stored sentence it rests on.

    Example: parley brief --actor Congo --actor Rwanda --actor M23 --since 2026-03-16 --output brief.pdf
    """
    from parley.brief import BriefRequest, gather, to_html, to_markdown, to_pdf

    with reading(db_url) as conn:
        found = gather(conn, BriefRequest(actors=tuple(actors), since=since, until=until, issues=issues))
    kind = EXTENSIONS[output.suffix.lower()] if output else "md"
    if kind == "md":
        text = to_markdown(found)
        if output is None:
            sys.stdout.write(text)
            return
        output.write_text(text, encoding="utf-8")
    elif kind == "html":
        output.write_text(to_html(found), encoding="utf-8")
    else:
        output.write_bytes(to_pdf(to_html(found)))
    click.echo(f"Brief on {', '.join(p['name'] for p in found['parties'])} from {found['since']} to "
               f"{found['until']} written to {output}", err=True)
