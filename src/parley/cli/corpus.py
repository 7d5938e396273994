"""The corpus subcommands (ingest, events, actors, positions, export): validate options, call the store, print."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from parley.cli.errors import warn
from parley.cli.options import date_value, db_option, published_option
from parley.cli.render import FORMATS, cell, names, render
from parley.records import EVENT_TYPES, ISSUES, STATUSES
from parley.store.export import EXPORT_NAMES


class OneOf(click.Choice):
    """click.Choice in any case, listed in --help, whose error names every value as Parley's other messages do."""

    def __init__(self, what: str, choices: tuple[str, ...]):
        super().__init__(choices, case_sensitive=False)
        self.what = what

    def get_metavar(self, param, ctx=None):
        return "[" + "|".join(self.choices) + "]"  # as the values are written (click lower-cases them otherwise)

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"Unknown {self.what} {value!r}. Use one of: {', '.join(self.choices)}", param, ctx)


def _one_of(what: str, choices: tuple[str, ...], normalise=str.lower):
    """A click callback accepting one of `choices` (any case) and naming them all when the value is not."""
    def check(ctx, param, value):
        if value is None:
            return None
        wanted = normalise(value)
        if wanted not in choices:
            raise click.BadParameter(f"Unknown {what} {value!r}. Use one of: {', '.join(choices)}")
        return wanted
    return check


def format_option(function):
    return click.option("--format", "fmt", default="table", show_default=True, callback=_one_of("format", FORMATS),
                        help="table, json or csv.")(function)


@contextmanager
def reading(db_url: str | None):
    """A connection to an existing corpus; problems become a one-line error."""
    from parley.store import open_existing

    engine = open_existing(db_url)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _actor_ids(conn, actor: str | None, *, officials: bool = False) -> list[str] | None:
    """The ids --actor names (see read.resolve_actor); with `officials`, a country's officials too."""
    from parley.store import read

    if actor is None:
        return None
    found = read.resolve_actor(conn, actor)
    return read.with_officials(conn, found) if officials else found


class _Progress:
    """A rich progress bar on stderr while articles are read, with the running counts."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(),
                                 TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("", total=None)

    def update(self, report) -> None:
        self.progress.update(self.task, description=f"{report.seen} read: {report.summary()}")

    def warn(self, message: str) -> None:
        self.progress.console.print(f"parley: {message}", markup=False, highlight=False)


def run_ingest(sources, db_url, *, published=None, quiet=False, load_dir=None, **scale):
    """Ingest (or with load_dir, load a Parquet directory) with a progress bar when stderr is a terminal;
    ParleyErrors go up to the command group, which reports them. `scale` goes to parley.ingest.ingest (workers,
    engine, ray_address). Returns the report."""
    from parley.ingest import ingest, load

    def job(**callbacks):
        if load_dir is not None:
            return load(load_dir, db_url, **callbacks)
        return ingest(sources, db_url, published=published, **scale, **callbacks)

    # Ray draws its own progress bars; ours would fight them for the terminal
    progress = _Progress() if not quiet and sys.stderr.isatty() and scale.get("engine") != "ray" else None
    try:
        if progress:
            with progress.progress:
                return job(on_error=progress.warn, on_warning=progress.warn, on_progress=progress.update)
        return job(on_error=warn, on_warning=warn)
    except KeyboardInterrupt:
        warn("interrupted. What was read so far is stored; run the same command again to go on.")
        sys.exit(130)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@published_option
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Extract in N processes (local engine) or N Ray workers. [default: the machine's cores]")
@click.option("--engine", type=click.Choice(("local", "ray")), default="local", show_default=True,
              help="local: this machine's processes; ray: Ray Data (pip install 'parley-events[ray]', or '.[ray]' in a checkout).")
@click.option("--ray-address", metavar="ADDR", help="A running Ray cluster to use (--engine ray). "
              "[default: start a local one]")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="With --engine ray: write the results as Parquet under DIR, one folder per publication date, "
                   "instead of into the database; `parley load DIR` stores them later.")
def ingest(sources, db_url, quiet, published, workers, engine, ray_address, out_dir):
    """Store articles from files, folders, JSONL, web pages and RSS/Atom feeds, with what Parley reads in them.

    Articles already stored (same text or URL) are skipped before any NLP runs, so re-running is cheap.
    """
    from parley.engines.local import default_workers

    if ray_address and engine != "ray":
        raise click.BadParameter("--ray-address needs --engine ray.", param_hint="--ray-address")
    if out_dir and engine != "ray":
        raise click.BadParameter("--out needs --engine ray.", param_hint="--out")
    if out_dir:
        from parley.ingest import extract_to_parquet

        count = extract_to_parquet(sources, out_dir, published=published, workers=workers or 0,
                                   ray_address=ray_address)
        click.echo(f"{count} articles written to {out_dir}; store them with `parley load {out_dir}`.")
        return
    if workers is None:
        workers = 0 if engine == "ray" else default_workers()
    report = run_ingest(sources, db_url, published=published, quiet=quiet, workers=workers, engine=engine,
                        ray_address=ray_address)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load(directory, db_url, quiet):
    """Store what `parley ingest --engine ray --out DIR` wrote (Parquet by publication date); skip stored articles."""
    report = run_ingest([directory], db_url, quiet=quiet, load_dir=directory)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


def _place(location: dict | None) -> str:
    return (location or {}).get("name") or ""


EVENT_COLUMNS = [("date", "date", None), ("type", "type", None), ("source", "source", names),
                 ("target", "target", names), ("location", "place", _place), ("status", "status", None),
                 ("mention_count", "reports", None), ("id", "id", None)]
EVENT_CSV_COLUMNS = [("id", "id", None), ("date", "date", None), ("type", "type", None), ("mode", "mode", None),
                     ("cameo", "cameo", None), ("status", "status", None), ("source", "source", names),
                     ("target", "target", names), ("location", "location", _place),
                     ("location", "country", lambda place: (place or {}).get("country") or ""),
                     ("location", "lat", lambda place: cell((place or {}).get("lat"))),
                     ("location", "lon", lambda place: cell((place or {}).get("lon"))),
                     ("mention_count", "reports", None)]


@click.command()
@click.option("--actor", help="Actor name or id (source or target).")
@click.option("--type", "type_", type=OneOf("type", EVENT_TYPES), help="PLOVER event type.")
@click.option("--since", callback=date_value, help="Events on or after YYYY-MM-DD.")
@click.option("--until", callback=date_value, help="Events on or before YYYY-MM-DD.")
@click.option("--status", type=OneOf("status", STATUSES), help="Events with a report of this status.")
@click.option("--place", help="Where: a place name (Kharkiv) or an ISO 3166 alpha-3 code (UKR), as the "
                              "dashboard's map and /api/places give them.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--order", type=OneOf("order", ("newest", "oldest")), default="newest", show_default=True,
              help="Newest or oldest first (the API's `order`, same default).")
@click.option("--id", "event_id", help="Show this one event's reports instead: outlet, article, and why each "
                                       "report was merged into the event.")
@format_option
@db_option
def events(actor, type_, since, until, status, place, limit, order, event_id, fmt, db_url):
    """List merged events, newest first (as the API and dashboard do), with their actors, place, status and
    number of reports."""
    from parley.store import read

    if event_id:
        with reading(db_url) as conn:
            found = read.get_event(conn, event_id)
        _event_reports(found, fmt)
        return
    with reading(db_url) as conn:
        flt = read.EventFilter(actor_ids=_actor_ids(conn, actor), types=[type_] if type_ else [], since=since,
                               until=until, reported=status, place=place.strip() if place else None)
        _, found = read.list_events(conn, flt, limit, 0, newest_first=order == "newest", with_mentions=fmt == "json")
    render(found, fmt, EVENT_CSV_COLUMNS if fmt == "csv" else EVENT_COLUMNS, sys.stdout, title="Events")


REPORT_COLUMNS = [("article", "outlet", lambda a: (a or {}).get("source") or ""),
                  ("article", "article", lambda a: (a or {}).get("id") or ""),
                  ("article", "published", lambda a: (a or {}).get("published") or ""),
                  ("trigger", "trigger", None), ("status", "status", None), ("date", "date", None),
                  ("merge_score", "score", None),
                  ("merge_reason", "why merged", lambda why: why or "first report")]


def _event_reports(event: dict, fmt: str) -> None:
    """One event's reports as a table (titled with the event), CSV, or the whole event as JSON."""
    if fmt == "json":
        render([event], fmt, [], sys.stdout)
        return
    outlets = len({(m["article"] or {}).get("source") for m in event["mentions"]})
    title = (f"{event['date'] or 'undated'} {event['type']} {names(event['source'])} -> {names(event['target'])}"
             f"{' at ' + _place(event['location']) if event['location'] else ''}: "
             f"{event['mention_count']} reports from {outlets} outlet{'s' if outlets != 1 else ''}")
    render(event["mentions"], fmt, REPORT_COLUMNS, sys.stdout, title=title)


ACTOR_COLUMNS = [("id", "id", None), ("name", "name", None), ("country", "country", None), ("type", "type", None),
                 ("as_source", "as source", None), ("as_target", "as target", None),
                 ("claims", "claims", None), ("positions", "positions", None)]


@click.command()
@click.option("--search", "q", help="Part of the actor's name or id.")
@format_option
@db_option
def actors(q, fmt, db_url):
    """List stored actors, most active first, with their event, claim and position counts."""
    from parley.store import read

    with reading(db_url) as conn:
        _, found = read.list_actors(conn, q, limit=None)
    render(_with_periods(found), fmt, ACTOR_COLUMNS, sys.stdout, title="Actors",
           json_rows=_with_periods(found, as_json=True))


def _with_periods(rows: list[dict], as_json: bool = False) -> list[dict]:
    """The actors with the periods in which an organisation governs its country (kb `governs`): its stored
    sector is its own ("REB" for the Taliban) while each report is coded by its article's day, so a table
    shows "REB; GOV 1996-09-27 to 2001-11-13; since 2021-08-15" and JSON adds "governs": [[since, until], ...]."""
    from parley.kb import governing_periods

    periods = governing_periods()
    if not any(row["id"] in periods for row in rows):
        return rows

    def label(row):
        spans = [f"since {since}" if until is None else f"{since or '…'} to {until}"
                 for since, until in periods[row["id"]]]
        return f"{row['type'] or '-'}; GOV {'; '.join(spans)}"

    if as_json:
        return [{**row, "governs": [[str(s) if s else None, str(u) if u else None] for s, u in periods[row["id"]]]}
                if row["id"] in periods else row for row in rows]
    return [{**row, "type": label(row)} if row["id"] in periods else row for row in rows]


ARTICLE_COLUMNS = [("published", "published", None), ("id", "id", None), ("title", "title", None),
                   ("source", "source", None), ("events", "events", None), ("positions", "positions", None),
                   ("summary_only", "summary only", lambda only: "yes" if only else "")]


@click.command()
@click.option("--search", "q", help="Words the title or text must all contain (best match first).")
@click.option("--actor", help="Articles reporting events or positions of this actor (name or id).")
@click.option("--since", callback=date_value, help="Published on or after YYYY-MM-DD.")
@click.option("--until", callback=date_value, help="Published on or before YYYY-MM-DD.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@format_option
@db_option
def articles(q, actor, since, until, limit, fmt, db_url):
    """List stored articles, newest first (best match first with --search), with their event and position counts;
    "summary only" marks a feed entry stored from its summary (its page could not be fetched yet)."""
    from parley.store import read

    with reading(db_url) as conn:
        _, found = read.list_articles(conn, q, since, until, None, _actor_ids(conn, actor), limit, 0)
    render(found, fmt, ARTICLE_COLUMNS, sys.stdout, title="Articles")


def _shifts(shifts: list[dict]) -> str:
    return "; ".join(f"{s['date'] or '?'} {s['from']} -> {s['to']}" for s in shifts)


def _clip(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


POSITION_COLUMNS = [("actor", "actor", None), ("issue", "issue", None), ("latest_stance", "latest stance", None),
                    ("first_seen", "first seen", None), ("last_seen", "last seen", None),
                    ("reports", "reports", None), ("shifts", "shifts", _shifts), ("evidence", "evidence", _clip)]
POSITION_CSV_COLUMNS = [("actor_id", "actor_id", None), *POSITION_COLUMNS[:6], ("shifts", "shifts", _shifts),
                        ("evidence", "evidence", None), ("article_id", "article_id", None)]


@click.command()
@click.option("--actor", help="Actor name or id; a country also finds its government's and military's positions.")
@click.option("--issue", type=OneOf("issue", ISSUES), help="Negotiating issue.")
@click.option("--since", callback=date_value, help="Only positions seen on or after YYYY-MM-DD (and shifts since then).")
@format_option
@db_option
def positions(actor, issue, since, fmt, db_url):
    """Each actor's stance per issue over time: first and last seen, latest stance, evidence and every shift."""
    from parley.store import read

    with reading(db_url) as conn:
        found = read.position_timelines(conn, actor_ids=_actor_ids(conn, actor, officials=True), issue=issue,
                                        since=since)
    render(found, fmt, POSITION_CSV_COLUMNS if fmt == "csv" else POSITION_COLUMNS, sys.stdout, title="Positions")


@click.command()
@click.option("--format", "fmt", required=True, help=", ".join(EXPORT_NAMES) + ".",
              callback=_one_of("format", EXPORT_NAMES))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write. [default: stdout; parquet needs a file]")
@click.option("--what", type=OneOf("what", ("events", "positions")), default="events", show_default=True,
              help="Merged events, or every stored position (stance on an issue; csv or parquet).")
@db_option
def export(fmt, output, what, db_url):
    """Export every merged event with its reports, for other event-data tools, or every stored position."""
    from parley.store.export import export as write_events
    from parley.store.export import export_positions

    write_export = write_events if what == "events" else export_positions
    with reading(db_url) as conn:
        if fmt == "parquet" or output is None:
            count = write_export(conn, fmt, sys.stdout, output)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = write_export(conn, fmt, handle, output)
    if output is not None:
        click.echo(f"{count} {what} written to {output}", err=True)


def print_summary(conn, out=None) -> None:
    """A short overview of the corpus: articles, events by type, most active actors, positions."""
    from rich.console import Console
    from rich.table import Table

    from parley.store import read

    facts = read.counts(conn)
    by_type = read.summary(conn, read.EventFilter(), "type", 1)["by_type"]
    _, top = read.list_actors(conn, limit=10)
    console = Console(file=out or sys.stdout, width=100, highlight=False)
    span = f" from {facts['published_first']} to {facts['published_last']}" if facts["published_first"] else ""
    console.print(f"{facts['articles']} articles{span}; {facts['events']} events from {facts['mentions']} reports; "
                  f"{facts['actors']} actors; {facts['positions']} positions.", markup=False)
    if by_type:
        table = Table(title="Events by type", title_justify="left")
        table.add_column("type")
        table.add_column("events", justify="right")
        for row in by_type:
            table.add_row(row["type"], str(row["count"]))
        console.print(table)
    top = [a for a in top if a["events"]]
    if top:
        table = Table(title="Top actors", title_justify="left")
        table.add_column("actor")
        table.add_column("id")
        table.add_column("events", justify="right")
        for found in top:
            table.add_row(found["name"], found["id"], str(found["events"]))
        console.print(table)


def ingest_and_summarize(paths, db_url=None, quiet=False, published=None, workers=None) -> None:
    """The main job: ingest the paths (idempotent; `published` for inputs without a date, `workers` processes)
    and print the summary line and a corpus overview."""
    from parley.store.connect import describe

    report = run_ingest(paths, db_url, quiet=quiet, published=published,
                        **({"workers": workers} if workers else {}))
    click.echo(f"Ingested into {describe(db_url)}: {report.summary()}")
    with reading(db_url) as conn:
        print_summary(conn)


COMMANDS = (ingest, load, events, actors, articles, positions, export)
