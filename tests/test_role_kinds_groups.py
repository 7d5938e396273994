"""Who acts when the doer is a group told by a common noun or the one behind an endeavour (roles7): a counted group
("some analysts") is as much a group of its own as a bare one, traders and donors act as groups, and the "to" clause
of "in a bid/an effort/a move to" is done by whoever makes the effort. Sentences written for these tests."""


def _roles(doc):
    """(type, trigger, source names, target names) of every event, in order."""
    return [(e.type, e.trigger, tuple(a.name for a in e.source), tuple(a.name for a in e.target)) for e in doc.events]


def test_a_counted_group_of_a_calling_is_a_group_of_its_own(extract):
    doc = extract("Some analysts criticized the government of Sudan.")
    assert _roles(doc) == [("ACCUSE", "criticized", ("analysts",), ("Sudan",))]
    assert [(a.country, a.type) for a in doc.events[0].source] == [(None, "EDU")]


def test_donors_are_a_group_of_their_own(extract):
    doc = extract("Donors have voiced concern about the crisis in Somalia.")
    assert _roles(doc) == [("ACCUSE", "voiced", ("Donors",), ())]
    assert [(a.country, a.type) for a in doc.events[0].source] == [(None, "IGO")]


def test_critics_are_a_group_not_the_state_they_accuse(extract):
    doc = extract("Critics accused the Kenyan government of corruption.")
    assert _roles(doc) == [("ACCUSE", "accused", ("Critics",), ("Kenya",))]


def test_the_to_clause_of_a_bid_is_done_by_who_makes_the_bid(extract):
    doc = extract("Iran seized a tanker in a bid to pressure Britain.")
    assert _roles(doc) == [("COERCE", "seized", ("Iran",), ()),
                           ("REQUEST", "pressure", ("Iran",), ("Britain",))]


def test_the_to_clause_of_an_effort_after_a_gerund_is_the_clause_subjects(extract):
    doc = extract("North Korea has stepped up provocations by carrying out missile tests in an effort to pressure "
                  "Washington to ease sanctions.")
    assert _roles(doc) == [("REQUEST", "pressure", ("North Korea",), ("United States",)),
                           ("MOBILIZE", "carrying out missile tests", ("North Korea",), ())]


def test_a_move_to_strengthen_ties_is_the_movers(extract):
    doc = extract("Japan sent its foreign minister to Manila in a move to strengthen ties with the Philippines.")
    assert _roles(doc) == [("COOPERATE", "strengthen ties", ("Japan",), ("Philippines",))]


def test_an_arrest_with_no_doer_or_place_is_by_the_state_of_the_story(extract):
    doc = extract("Haitian police killed gang leader Arnel Joseph on Tuesday. Joseph had been arrested and sentenced "
                  "to eight years in jail in 2016. He was also charged with kidnapping.")
    assert _roles(doc) == [("ASSAULT", "killed", ("Haiti",), ("Arnel Joseph",)),
                           ("COERCE", "arrested", ("Haiti",), ("Arnel Joseph",)),
                           ("COERCE", "sentenced", ("Haiti",), ("Arnel Joseph",)),
                           ("ACCUSE", "charged", ("Haiti",), ("Arnel Joseph",))]


def test_an_accusation_with_no_doer_is_not_the_states(extract):
    # anyone may accuse; only the acts of courts and police are a state's
    doc = extract("Cambodian journalist Mech Dara spoke on Thursday. He was accused of incitement.")
    assert _roles(doc) == [("ACCUSE", "accused", (), ("Mech Dara",))]


def test_an_effort_with_an_owner_of_its_own_is_not_the_clause_subjects(extract):
    doc = extract("Canada said on Friday it had halted development aid to Sudan in line with European efforts to stop the war "
                  "there.")
    assert _roles(doc) == [("SANCTION", "halted", ("Canada",), ("Sudan",))]


def test_tariffs_by_one_state_fall_on_the_other_state_in_focus(extract):
    doc = extract("Canada's premier threatened new levies on Monday. Trump doubled the steel tariffs on Tuesday.")
    assert _roles(doc) == [("THREATEN", "threatened", ("Canada",), ()),
                           ("SANCTION", "doubled the steel tariffs", ("Donald Trump",), ("Canada",))]


def test_talks_of_one_state_are_with_the_other_state_in_focus(extract):
    doc = extract("North Korea tested a missile. Trump is putting less emphasis on denuclearization talks.")
    assert _roles(doc) == [("MOBILIZE", "tested", ("North Korea",), ()),
                           ("CONSULT", "talks", ("Donald Trump",), ("North Korea",))]


def test_talks_of_many_governments_take_no_other_side(extract):
    # "governments" are many parties, not one side of a dyad
    doc = extract("Germany and France met on Monday. Governments continue climate talks in Madrid.")
    assert [(e.trigger, [a.name for a in e.target]) for e in doc.events][1:] == [("continue climate talks", [])]


def test_a_killing_in_the_passive_after_an_attack_is_the_attackers_deed(extract):
    doc = extract("Haitian police returned fire and the gang leader was killed.")
    assert _roles(doc) == [("ASSAULT", "returned", ("Haiti",), ()),
                           ("ASSAULT", "killed", ("Haiti",), ("leader",))]


def test_attackers_killed_after_their_attack_are_not_killed_by_themselves(extract):
    doc = extract("Militants attacked a hotel in Mogadishu. Two of the attackers were killed.")
    assert [r for r in _roles(doc) if r[1] == "killed"] == [("ASSAULT", "killed", (), ("attackers",))]


def test_one_who_stands_accused_is_the_accused_not_the_accuser(extract):
    doc = extract("Lai, a businessman and founder of a newspaper, stands accused of collusion with foreign forces.")
    assert _roles(doc) == [("ACCUSE", "accused", (), ("Lai",))]
