"""The `parley` command: each subcommand validates its options and calls one library function."""

from __future__ import annotations

import sys

import click

from parley.cli.errors import ParleyGroup, warn
from parley.cli.options import db_option, model_option, published_option

EXTRACT_FORMATS = ("jsonl", "json", "table")


def _actions_option(ctx, param, value):
    if value is None:
        return None
    from parley.nlp.events.actions import parse_actions

    try:
        return ",".join(sorted(parse_actions(value))) or "none"
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(cls=ParleyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley-events")
def main():
    """Read news about wars and peace processes into events, claims and positions."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="Output format: jsonl (the scoring contract), json or table.")
@published_option
@model_option
@click.option("--no-classifier", is_flag=True, help="Trigger rules only: leave out the trained event classifier.")
@click.option("--classifier-actions", envvar="PARLEY_CLASSIFIER_ACTIONS", callback=_actions_option,
              help="What the event classifier may do: a comma-separated list of veto, recode, add, confidence "
                   "(default: confidence).")
def extract(paths, fmt, published, model, no_classifier, classifier_actions):
    """Extract events from text/HTML files, folders, JSONL files or - (stdin)."""
    if fmt not in EXTRACT_FORMATS:
        raise click.BadParameter(f"Unknown format {fmt!r}. Use one of: {', '.join(EXTRACT_FORMATS)}",
                                 param_hint="--format")
    from functools import partial

    from parley.cli.render import print_documents
    from parley.engines.local import serial
    from parley.extract import extract_many
    from parley.sources import NotAnArticle, SourceFailure, iter_articles

    failures = 0

    def articles():
        nonlocal failures
        for item in iter_articles(paths, published):
            if isinstance(item, NotAnArticle):
                warn(str(item))  # said, not failed: a folder's README is no bad input
            elif isinstance(item, SourceFailure):
                failures += 1
                warn(str(item))
            else:
                yield item

    origins = {}  # the Document being printed -> where its article was read, to name it in warnings as ingest does

    def documents(reader):
        # one article the extractor fails on is reported and skipped, as in ingest; the rest are printed
        nonlocal failures
        for article, result in serial(articles(), reader, model):
            if isinstance(result, str):
                failures += 1
                warn(f"{article.origin or article.id}: {result}. It was skipped.")
            else:
                origins.clear()
                origins[id(result)] = article.origin
                yield result

    reader = partial(extract_many, classifier=False if no_classifier else classifier_actions or True)
    count = print_documents(documents(reader), fmt, warn=warn, origin=lambda document: origins.get(id(document)))
    if failures:
        warn(f"{failures} input(s) skipped, {count} article(s) extracted.")
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@published_option
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Extract in N processes. [default: 1, in this process]")
def run(paths, db_url, quiet, published, workers):
    """The main job: ingest a corpus into the database (new articles only) and summarise what it says."""
    from parley.cli.corpus import ingest_and_summarize

    ingest_and_summarize(paths, db_url, quiet, published=published, workers=workers)


from parley.cli.corpus import COMMANDS as CORPUS_COMMANDS  # noqa: E402  (ingest, events, actors, positions, export)

for _command in CORPUS_COMMANDS:
    main.add_command(_command)

from parley.cli.brief import brief as _brief  # noqa: E402  (parley brief: a report on a peace process)

main.add_command(_brief)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), metavar="N",
              help="Serve from N processes, so requests are answered side by side (e.g. one per core).")
def serve(db_url, host, port, workers):
    """Serve the dashboard at / and the read-only JSON API under /api (docs at /docs) until Ctrl-C."""
    from parley.api.server import serve as run_server

    run_server(db_url, host, port, echo=click.echo, workers=workers)


@main.command()
@model_option
@db_option
def doctor(model, db_url):
    """Which spaCy pipeline Parley reads with (name, version, where it is installed, the sha256 of its weights),
    whether the gazetteer is built, the corpus database, and which optional extras are installed."""
    from parley.doctor import database_line, extras_lines, gazetteer_line, report_lines

    for line in (*report_lines(model), gazetteer_line(), database_line(db_url), *extras_lines()):
        click.echo(line)


from parley.cli.watch import watch as _watch  # noqa: E402  (parley watch: follow sources, alert on rules)

main.add_command(_watch)


if __name__ == "__main__":  # pragma: no cover
    main()
