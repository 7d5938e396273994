"""The `parley` command: each subcommand validates its options and calls one library function."""

from __future__ import annotations

import sys

import click

from parley.cli.errors import ParleyGroup, warn
from parley.errors import DateError
from parley.sources.files import parse_date

EXTRACT_FORMATS = ("jsonl", "json", "table")


def _date_option(ctx, param, value):
    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def _actions_option(ctx, param, value):
    if value is None:
        return None
    from parley.nlp.events.actions import parse_actions

    try:
        return ",".join(sorted(parse_actions(value))) or "none"
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_warn = warn


@click.group(cls=ParleyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley-events")
def main():
    """Read news about wars and peace processes into events, claims and positions."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="Output format: jsonl (the scoring contract), json or table.")
@click.option("--published", callback=_date_option, help="Publication date (YYYY-MM-DD) for inputs that lack one.")
@click.option("--model", envvar="PARLEY_SPACY_MODEL", help="An installed spaCy pipeline to use instead of the default.")
@click.option("--no-classifier", is_flag=True, help="Trigger rules only: leave out the trained event classifier.")
@click.option("--classifier-actions", envvar="PARLEY_CLASSIFIER_ACTIONS", callback=_actions_option,
              help="What the event classifier may do: a comma-separated list of veto, recode, add, confidence "
                   "(default: confidence).")
def extract(paths, fmt, published, model, no_classifier, classifier_actions):
    """Extract events from text/HTML files, folders, JSONL files or - (stdin)."""
    if fmt not in EXTRACT_FORMATS:
        raise click.BadParameter(f"Unknown format {fmt!r}. Use one of: {', '.join(EXTRACT_FORMATS)}",
                                 param_hint="--format")
    from parley.extract import extract_many
    from parley.cli.render import print_documents
    from parley.sources import SourceFailure, iter_articles

    failures = 0

    def articles():
        nonlocal failures
        for item in iter_articles(paths, published):
            if isinstance(item, SourceFailure):
                failures += 1
                _warn(str(item))
            else:
                yield item

    count = print_documents(extract_many(articles(), model=model,
                                         classifier=False if no_classifier else classifier_actions or True), fmt, warn=_warn)
    if failures:
        _warn(f"{failures} input(s) skipped, {count} article(s) extracted.")
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", envvar="PARLEY_DB", help="Corpus database: a SQLite file or postgresql://... "
              "[default: parley.db]")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(paths, db_url, quiet):
    """The main job: ingest a corpus into the database (new articles only) and summarise what it says."""
    from parley.cli.corpus import ingest_and_summarize

    ingest_and_summarize(paths, db_url, quiet)


from parley.cli.corpus import COMMANDS as CORPUS_COMMANDS  # noqa: E402  (ingest, events, actors, positions, export)

for _command in CORPUS_COMMANDS:
    main.add_command(_command)

from parley.cli.brief import brief as _brief  # noqa: E402  (parley brief: a report on a peace process)

main.add_command(_brief)


@main.command()
@click.option("--db", envvar="PARLEY_DB", help="Database: a SQLite file or postgresql://... [default: parley.db]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db, host, port):
    """Serve the dashboard at / and the read-only JSON API under /api (docs at /docs) until Ctrl-C."""
    from parley.api.server import PortError
    from parley.errors import StoreError
    from parley.api.server import serve as run_server

    try:
        run_server(db, host, port, echo=click.echo)
    except (StoreError, PortError) as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--model", envvar="PARLEY_SPACY_MODEL", help="An installed spaCy pipeline to check instead of the default.")
def doctor(model):
    """Which spaCy pipeline Parley reads with: name, version, where it is installed and the sha256 of its weights."""
    from parley.doctor import report_lines
    from parley.errors import ModelError

    try:
        for line in report_lines(model):
            click.echo(line)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None


from parley.cli.watch import watch as _watch  # noqa: E402  (parley watch: follow sources, alert on rules)

main.add_command(_watch)


if __name__ == "__main__":  # pragma: no cover
    main()
