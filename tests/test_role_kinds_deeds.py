"""Who an alleged deed is done to: a deed charged whose noun names its own aim ("of violence against protesters")
is done to that aim, not to the accuser; a deed that names none is done to the accuser. Sentences written for these
tests."""


def _roles(doc):
    """(type, trigger, source names, target names) of every event, in order."""
    return [(e.type, e.trigger, tuple(a.name for a in e.source), tuple(a.name for a in e.target)) for e in doc.events]


def test_a_deed_against_a_named_aim_is_not_done_to_the_accuser(extract):
    doc = extract("Iraq accused Turkey of attacks on Kurdish villages.")
    assert _roles(doc) == [("ACCUSE", "accused", ("Iraq",), ("Turkey",)),
                           ("ASSAULT", "attacks", ("Turkey",), ())]


def test_a_watchdog_is_not_the_victim_of_the_violence_it_charges(extract):
    doc = extract("Amnesty International accused the Nigerian army of violence against protesters.")
    assert _roles(doc) == [("ACCUSE", "accused", ("Amnesty International",), ("Nigeria",)),
                           ("ASSAULT", "violence", ("Nigeria",), ())]


def test_a_deed_with_no_aim_named_is_done_to_the_accuser(extract):
    doc = extract("Iraq accused Turkey of attacks.")
    assert _roles(doc) == [("ACCUSE", "accused", ("Iraq",), ("Turkey",)),
                           ("ASSAULT", "attacks", ("Turkey",), ("Iraq",))]


def test_the_killing_of_civilians_charged_is_done_to_the_civilians(extract):
    # the accused is the killing's doer as a possessive would be, so "of" names the one killed
    doc = extract("Georgia accused Russia of the killing of Georgian civilians.")
    assert _roles(doc) == [("ACCUSE", "accused", ("Georgia",), ("Russia",)),
                           ("ASSAULT", "killing", ("Russia",), ("Georgia",))]
    assert [a.type for a in doc.events[1].target] == ["CVL"]
