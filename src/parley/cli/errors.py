"""Parley errors to exit codes, in one place: every command lets ParleyError through and this reports it."""

from __future__ import annotations

import click

from parley.errors import InvalidQuery, NotFound, ParleyError

#: exit status per error kind (most specific first): 2 is click's own status for a bad option or argument,
#: 1 is every other failure (an unreadable input, a missing database, a pipeline that does not load)
EXIT_CODES: tuple[tuple[type[ParleyError], int], ...] = (
    (InvalidQuery, 2),
    (NotFound, 2),
    (ParleyError, 1),
)
INTERRUPTED = 130  # the shell's status for Ctrl-C


def exit_code(error: ParleyError) -> int:
    """The exit status for an error: see EXIT_CODES."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def as_click_error(error: ParleyError) -> click.ClickException:
    """A click exception that prints the error's message (naming the option when known) and exits with its code."""
    if isinstance(error, InvalidQuery):
        hint = f"--{error.param.replace('_', '-')}" if error.param else None
        return click.BadParameter(str(error), param_hint=hint)
    found = click.ClickException(str(error))
    found.exit_code = exit_code(error)
    return found


class ParleyGroup(click.Group):
    """A click group that reports any ParleyError from a subcommand as a one-line error with its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ParleyError as error:
            raise as_click_error(error) from None


def warn(message: str) -> None:
    """A warning on stderr, prefixed so it is told apart from output."""
    click.echo(f"parley: {message}", err=True)
