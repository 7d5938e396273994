"""Options that several commands share, each defined once and stacked as a decorator (`@db_option`), so a
command's help and its environment variable read the same everywhere."""

from __future__ import annotations

import click

from parley.errors import DateError
from parley.sources.files import parse_date

DB_HELP = "Corpus database: a SQLite file or postgresql://user:password@host/db. [default: parley.db]"
MODEL_HELP = "An installed spaCy pipeline to read with instead of the default."


def date_value(ctx, param, value):
    """A click callback: the option's YYYY-MM-DD value as a date (None when not given), or BadParameter."""
    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def db_option(function):
    """--db URL (or PARLEY_DB), passed as `db_url`."""
    return click.option("--db", "db_url", envvar="PARLEY_DB", metavar="URL", help=DB_HELP)(function)


def model_option(function):
    """--model NAME (or PARLEY_SPACY_MODEL), passed as `model`."""
    return click.option("--model", envvar="PARLEY_SPACY_MODEL", metavar="NAME", help=MODEL_HELP)(function)


def published_option(function):
    """--published YYYY-MM-DD, passed as `published` (a date): the publication date of inputs that lack one."""
    return click.option("--published", callback=date_value,
                        help="Publication date (YYYY-MM-DD) for inputs that lack one.")(function)
