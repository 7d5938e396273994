"""`parley watch`: validate the options, load the rules, run the watch loop with Ctrl-C stopping between steps."""

from __future__ import annotations

import signal
import sys
import threading

import click

from parley.cli.errors import warn
from parley.cli.options import db_option

PROGRESS_EVERY = 25  # a progress line on stderr every this many articles read in a cycle


def _every(ctx, param, value):
    from parley.errors import InvalidQuery
    from parley.watch import parse_every

    try:
        return parse_every(value)
    except InvalidQuery as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, callback=_every, metavar="PERIOD",
              help="Time between cycles: 90s, 15m, 2h, 1d.")
@click.option("--once", is_flag=True, help="Run one cycle and exit (for cron and tests).")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Alert rules, channels and feed (YAML; see the README). Without it the watch only ingests.")
@db_option
def watch(sources, every, once, rules_path, db_url):
    """Ingest the sources every PERIOD and alert on what is new: events, stance shifts, surges.

    Each cycle stores the new articles (files, folders, feeds, pages), evaluates the rules on them only, sends
    each channel one message with its pending alerts, and rewrites the Atom feed; one summary line per cycle.
    Ctrl-C stops after the current step; a restart sends nothing twice.

    Example: parley watch https://example.org/feed.xml --every 15m --rules alerts.yaml
    """
    from parley.watch import load_rules
    from parley.watch import watch as run

    rules = load_rules(rules_path) if rules_path else None
    if rules is None:
        warn("no --rules given: the watch only ingests.")
    stop = threading.Event()

    def interrupt(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        warn("stopping after the current step (Ctrl-C again to stop at once).")

    warned: set[str] = set()

    def on_cycle(number, report):
        for message in report.warnings:  # once per watch, not once per cycle
            if message not in warned:
                warned.add(message)
                warn(message)
        for message in report.errors:
            warn(message)
        click.echo(f"cycle {number}: {report.summary()}")

    shown = [None]

    def progress(report):  # the ingest's report, called per article and step: one line per PROGRESS_EVERY read
        if report.seen and report.seen % PROGRESS_EVERY == 0 and shown[0] != (id(report), report.seen):
            shown[0] = (id(report), report.seen)
            click.echo(f"watch: {report.seen} articles read", err=True)

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        run(sources, db_url, rules, every=every, once=once, stop=stop, on_cycle=on_cycle,
            say=lambda message: click.echo(f"watch: {message}", err=True), on_error=warn, on_progress=progress)
    except KeyboardInterrupt:
        warn("interrupted. What was stored is kept; run the same command again to go on.")
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, previous)
