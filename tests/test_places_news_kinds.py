"""Where events happen in wire and broadcast leads: land features the gazetteer lacks, named with their own place
noun. Sentences written for these tests."""


def _places(doc):
    return [(e.type, e.location.name if e.location else None) for e in doc.events]


def test_a_forest_named_with_its_noun_is_the_place_troops_drive_militants_from(extract):
    doc = extract("The army launched an operation to flush out the militants from the Lamu Forest in 2019.")
    assert _places(doc) == [("ASSAULT", "Lamu Forest")]


def test_mountains_named_with_their_noun_hold_the_villages_shelled(extract):
    doc = extract("Sudanese troops shelled villages in the Nuba Mountains on Monday.")
    assert _places(doc) == [("ASSAULT", "Nuba Mountains")]


def test_a_group_named_like_a_state_is_no_place(extract):
    doc = extract("Islamic State fighters attacked an army post on Monday.")
    assert _places(doc) == [("ASSAULT", None)]


def test_a_condemnation_happens_where_it_is_spoken_not_where_the_strikes_were(extract):
    doc = extract("Speaking in Brussels, the NATO chief condemned the strikes on Kharkiv.")
    assert _places(doc) == [("ACCUSE", "Brussels")]


def test_the_strikes_place_is_the_condemnations_fallback(extract):
    doc = extract("The NATO chief condemned the strikes on Kharkiv.")
    assert _places(doc) == [("ACCUSE", "Kharkiv")]
