"""Parley's Docs serialise (Doc.to_bytes), so spaCy's own nlp.pipe(n_process=N) can run Parley's pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from parley.engines.codec import document_from_json, document_to_json
from parley.extract import extract_many
from parley.nlp import pipeline
from parley.records import Article, plain_default, plain_hook

TEXT = ("Russia shelled Kharkiv on Monday, Ukrainian officials said. Hamas rejected the ceasefire proposal on "
        "Tuesday. Israel would return to talks if Hamas released the hostages.")


def test_a_parley_doc_round_trips_through_bytes():
    nlp = pipeline.load()
    doc = nlp.make_doc(TEXT)
    doc._.published = date(2025, 4, 23)
    doc = nlp(doc)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.published == date(2025, 4, 23)
    assert (back._.parley_events, back._.parley_actors, back._.parley_positions) == \
        (doc._.parley_events, doc._.parley_actors, doc._.parley_positions)
    assert len(back._.parley_events) == 2
    assert back._.parley_candidates is None


def test_the_ray_rows_json_keeps_every_field_of_a_document():
    [document] = extract_many([Article(TEXT, id="a1", published=date(2025, 4, 23))])
    back = document_from_json(document_to_json(document))
    assert back == document
    assert back.events[0].span == (7, 14)
    assert (back.events[0].location.adm1, back.events[0].location.geonameid) == ("Kharkivska oblast", 706483)
    assert back.positions[1].condition == "Hamas released the hostages"


def test_plain_values_refuse_what_is_not_a_record():
    with pytest.raises(TypeError, match="can not serialize 'set' object"):
        plain_default({1})
    assert plain_hook({"a": 1}) == {"a": 1}


def test_spacy_n_process_2_reads_what_one_process_reads():
    articles = [Article(f"{TEXT} Outlet {i} reported it.", id=f"a{i}", published=date(2025, 4, 20 + i % 5))
                for i in range(6)]
    assert list(extract_many(articles, n_process=2, batch_size=2)) == list(extract_many(articles))
