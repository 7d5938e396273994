"""Events the rules used to miss because another move's words held them: an attack a threat or a vow answers
("revenge for the Israeli strike"), a pledge someone welcomes ("welcomed a British pledge to send tanks"), an
incursion into airspace or territorial waters, a deed denied in a clause of its own ("denied reports that its soldiers
had crossed the border"). And their limits: a proposal or demand rejected is the rejection alone, a deed a denial asks
nothing of ("denied permission to land") is none. Each asserts the exact events (type, source, target, status).
Sentences written for these tests."""

import pytest


def _events(doc):
    return [(e.type, tuple(a.country or a.name for a in e.source), tuple(a.country or a.name for a in e.target))
            for e in doc.events]


def _statuses(doc):
    return [(e.type, e.status) for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    ("Iran vowed revenge for the Israeli strike on Damascus.",
     [("THREATEN", ("IRN",), ("ISR", "SYR")), ("ASSAULT", ("ISR",), ("SYR",))]),
    # the reason of a punishment is a deed done, where "an offer for talks" names the talks as an aim only
    ("Turkey promised retaliation for the Syrian attacks on its troops.",
     [("THREATEN", ("TUR",), ("SYR",)), ("ASSAULT", ("SYR",), ("TUR",))]),
])
def test_a_deed_a_threat_answers_is_an_event(extract, text, expected):
    assert _events(extract(text)) == expected


def test_a_deed_answered_by_a_vow_has_happened(extract):
    assert _statuses(extract("Iran vowed revenge for the Israeli strike on Damascus.")) == [
        ("THREATEN", "asserted"), ("ASSAULT", "asserted")]


@pytest.mark.parametrize("text, expected", [
    ("Kyiv welcomed a British pledge to send tanks.",
     [("SUPPORT", ("UKR",), ("GBR",)), ("AGREE", ("GBR",), ("UKR",))]),
    ("Ukraine welcomed the French offer.", [("SUPPORT", ("UKR",), ("FRA",)), ("AGREE", ("FRA",), ("UKR",))]),
])
def test_a_welcomed_pledge_or_offer_is_made_to_the_welcomer(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Israel rejected Hamas's demand for a full withdrawal.", [("REJECT", ("ISR",), ("PSE",))]),
    ("Ukraine rejected the Russian proposal.", [("REJECT", ("UKR",), ("RUS",))]),
])
def test_a_proposal_or_demand_rejected_is_the_rejection_alone(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russian drones entered Polish airspace on Tuesday.", [("ASSAULT", ("RUS",), ("POL",))]),
    ("Chinese warships entered Taiwan's territorial waters.", [("ASSAULT", ("CHN",), ("TWN",))]),
    # crossing into a state is no incursion when what crosses is people, nor an airspace a storm enters
    ("Thousands of refugees entered Poland.", []),
    ("The storm entered Chinese airspace.", []),
])
def test_forces_entering_airspace_or_waters_is_an_incursion(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Pakistan's army denied reports that its soldiers had crossed the border.",
     [("REJECT", "asserted"), ("ASSAULT", "denied")]),
    ("Russia denied claims that its jets bombed a hospital.", [("REJECT", "asserted"), ("ASSAULT", "denied")]),
    ("The army denied permission to enter the city.", [("REJECT", "asserted")]),
])
def test_a_deed_denied_in_a_clause_of_its_own_is_an_event(extract, text, expected):
    assert _statuses(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Schools stayed closed despite the fighting in Khartoum.", [("ASSAULT", (), ())]),
    ("Talks resumed after clashes in Tripoli.", [("CONSULT", (), ()), ("ASSAULT", (), ())]),
    # an attack with neither a doer, a target nor a named place stays a word
    ("Schools stayed closed despite the fighting.", []),
])
def test_an_attack_told_with_its_named_place_happened_there(extract, text, expected):
    assert _events(extract(text)) == expected


def test_a_deed_a_clause_is_set_against_keeps_its_own_status(extract):
    # the border was not closed; the fighting, which it was not closed despite, took place
    doc = extract("Thailand has not closed its border despite the fighting in Myawaddy, officials said.")
    assert _statuses(doc) == [("SANCTION", "negated"), ("ASSAULT", "asserted")]


@pytest.mark.parametrize("text, expected", [
    ("Three Ukrainian soldiers died in a Russian drone strike.", [("ASSAULT", ("RUS",), ("UKR",))]),
    ("Two Palestinians died in Israeli strikes on Gaza.", [("ASSAULT", ("ISR",), ("PSE",))]),
    # dying in a year, an accident or an illness is no one's attack
    ("His father died in 1927.", []),
    ("The minister died in a car crash.", []),
])
def test_the_dead_of_an_attack_are_its_target(extract, text, expected):
    assert _events(extract(text)) == expected


def test_the_deed_an_idiomatic_threat_answers_is_the_warned_partys_alleged(extract):
    doc = extract("Hamas will pay for the attack on Israel, Netanyahu said.")
    assert _events(doc) == [("THREATEN", ("ISR",), ("PSE", "ISR")), ("ASSAULT", ("PSE",), ("ISR",))]
    assert _statuses(doc) == [("THREATEN", "asserted"), ("ASSAULT", "alleged")]


def test_a_judged_attack_told_in_the_passive_is_an_event(extract):
    # (who the condemnation is aimed at is the role reader's; here the attack itself is what is pinned)
    events = _events(extract("The Russian attack on Kyiv was condemned by the United Nations."))
    assert [e[0] for e in events] == ["ACCUSE", "ASSAULT"]
    assert events[1] == ("ASSAULT", ("RUS",), ("UKR",))


@pytest.mark.parametrize("text, expected", [
    ("Canada accused India of involvement in the attack.", [("ACCUSE", ("CAN",), ("IND",)), ("ASSAULT", ("IND",), ("CAN",))]),
    ("Kyiv accused Minsk of a role in the abduction of Ukrainian children.",
     [("ACCUSE", ("UKR",), ("BLR",)), ("ASSAULT", ("BLR",), ("UKR",))]),
])
def test_a_share_in_a_deed_charged_alleges_the_deed(extract, text, expected):
    doc = extract(text)
    assert _events(doc) == expected
    assert _statuses(doc)[1] == ("ASSAULT", "alleged")


@pytest.mark.parametrize("text, expected", [
    ("Washington accused Sudan's army of using chemical weapons.", [("ACCUSE", ("USA",), ("SDN",)), ("ASSAULT", ("SDN",), ())]),
    ("Syrian forces used barrel bombs on Aleppo.", [("ASSAULT", ("SYR",), ())]),
    # money, a route or the tear gas of a dispersal put to use is no attack
    ("Ukraine used the money to buy generators.", []),
    ("Police used tear gas on protesters in Nairobi.", []),
])
def test_weapons_of_war_put_to_use_are_an_attack(extract, text, expected):
    assert _events(extract(text)) == expected
