"""Who is the source and who the target on the English of real reporting (issue 20), one kind each: people
named without a title, pronouns and definite descriptions that point back through the article, collectives,
victims and the sides of a clash. Sentences written for these tests."""


def _roles(doc):
    """(type, trigger, source names, target names) of every event, in order."""
    return [(e.type, e.trigger, tuple(a.name for a in e.source), tuple(a.name for a in e.target)) for e in doc.events]


def test_an_untitled_person_who_suffers_an_act_is_its_target_and_later_its_he(extract):
    # a passive subject with an apposition: the name is a party, and "he" in the next sentence is him
    doc = extract("Police in Haiti said Pierre Lamothe, the leader of a gang, was arrested on Friday. "
                  "He had attacked a police station in the capital.")
    assert _roles(doc)[:2] == [("COERCE", "arrested", (), ("Pierre Lamothe",)),
                               ("ASSAULT", "attacked", ("Pierre Lamothe",), ())]
