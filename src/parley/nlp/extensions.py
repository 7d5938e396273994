"""The Doc extensions Parley's components read and write, registered once, here (importing this module)."""

from __future__ import annotations

from spacy.tokens import Doc

#: extension -> what it holds; every one defaults to None
DOC_EXTENSIONS = {
    "published": "the article's publication date (datetime.date), set before the pipeline runs",
    "parley_warnings": "messages about the article for the user (list of str)",
    "parley_actors": "the actors named in the article (list of records.Actor), from parley_actors",
    "parley_mentions": "actor mentions with their tokens, from parley_actors (dropped after conversion)",
    "parley_candidates": "event candidates with their tokens, from parley_events (dropped after conversion)",
    "parley_events": "the events (list of records.Event), from parley_assemble",
    "parley_positions": "the negotiating positions (list of records.Position), from parley_positions",
}

for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
