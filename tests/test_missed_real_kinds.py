"""Events real news reports that were missed (session 7): blame laid by "holding" a party responsible, a
retaliation announced (a threat), and a party or deed called by a name of reproach, also in quotation marks.
Sentences written for these tests."""

import pytest


def _events(doc):
    """(type, trigger text, source names, target names) of every event, in text order."""
    return sorted(((e.type, e.trigger, [a.name for a in e.source], [a.name for a in e.target]) for e in doc.events),
                  key=lambda t: doc.text.find(t[1]))


@pytest.mark.parametrize("text, expected", [
    ("Kenya holds Somalia responsible for the attack.",
     [("ACCUSE", "holds Somalia responsible", ["Kenya"], ["Somalia"])]),
    ("The Turkish government held the rebels accountable for the killings.",
     [("ACCUSE", "held the rebels accountable", ["Turkey"], ["rebels"])]),
    # a future passive stays a warning to whoever did it
    ("Those who did this will be held accountable.", [("THREATEN", "will be held accountable", [], [])]),
    # "held" as a meeting place, no blame
    ("The talks were held in Doha.", [("CONSULT", "talks were held", [], [])]),
])
def test_holding_a_party_responsible_blames_it(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia said it would retaliate against Ukraine.", [("THREATEN", "would retaliate", ["Russia"], ["Ukraine"])]),
    ("Iran will retaliate, the foreign minister said.", [("THREATEN", "will retaliate", ["Iran"], [])]),
    # a retaliation done names its means; a promise of one is the promise alone
    ("The EU retaliated with tariffs on American goods.",
     [("SANCTION", "retaliated", ["European Union"], ["United States"])]),
    ("China vowed to retaliate against the tariffs.", [("THREATEN", "vowed", ["China"], [])]),
])
def test_a_retaliation_announced_is_a_threat(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The ministry called the report biased.", [("ACCUSE", "called")]),
    ("Trump called Canada a cheat.", [("ACCUSE", "called")]),
    ("The Kremlin described the vote as illegitimate.", [("ACCUSE", "described")]),
    # a name of reproach in quotation marks parses as an apposition of the object
    ("The rights group called the verdict \u201ca travesty.\u201d", [("ACCUSE", "called")]),
    ("Putin called Biden \"a friend.\"", [("SUPPORT", "called")]),
    # a phone call: no name given
    ("Biden called Putin on Monday.", [("CONSULT", "called")]),
])
def test_a_name_of_reproach_is_an_accusation(extract, text, expected):
    # who blames whom is the role reader's (tests/test_role_kinds*.py); here the kind of event
    assert [(t, trigger) for t, trigger, _, _ in _events(extract(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("Japan gave Kenya a grant of 5 million dollars.", [("AID", "gave Kenya a grant", ["Japan"], ["Kenya"])]),
    ("The World Bank approved a 500 million dollar loan to Kenya.",
     [("AID", "approved a 500 million dollar loan", ["World Bank"], ["Kenya"])]),
    ("China lent Pakistan 2 billion dollars.", [("AID", "lent", ["China"], ["Pakistan"])]),
    ("The IMF disbursed 1 billion dollars to Egypt.", [("AID", "disbursed", ["International Monetary Fund"], ["Egypt"])]),
    # a loan taken is the borrower's; support lent is support
    ("Kenya took a loan from the IMF.", []),
    ("France lent its support to the plan.", [("SUPPORT", "lent", ["France"], [])]),
])
def test_money_given_on_terms_is_aid(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The IAEA sent inspectors to Iran.", [("ACCUSE", "sent", ["International Atomic Energy Agency"], ["Iran"])]),
    ("The UN dispatched investigators to Bosnia.", [("ACCUSE", "dispatched", ["United Nations"], ["Bosnia and Herzegovina"])]),
    ("The EU sent a team of doctors to Gaza.", [("AID", "sent", ["European Union"], ["Palestine"])]),
])
def test_inspectors_sent_in_are_an_inquiry(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("An attempt to assassinate the governor was thwarted.", [("ASSAULT", "assassinate", [], [])]),
    ("A bid to oust the president collapsed.", [("COERCE", "oust", [], [])]),
    # only an attack tried: an attempt at peace that failed is no event
    ("An attempt to end the war failed.", []),
])
def test_an_attack_attempted_is_the_sentences_deed(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Israel denied entry to two US congresswomen.", [("SANCTION", "denied", ["Israel"], ["United States"])]),
    ("The US denied visas to Iranian officials.", [("SANCTION", "denied", ["United States"], ["Iran"])]),
    ("Russia denied the accusations.", [("REJECT", "denied", ["Russia"], [])]),
])
def test_entry_denied_is_a_travel_ban(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Thousands of Kenyans gathered in Nairobi to protest police killings.",
     [("PROTEST", "protest", ["Kenya"], ["Kenya"])]),
    ("Hundreds of demonstrators gathered outside parliament in Nairobi.", [("PROTEST", "gathered", ["Kenya"], ["Kenya"])]),
    ("NATO defence ministers gathered in Brussels on Thursday.", [("CONSULT", "gathered", ["NATO"], ["NATO"])]),
])
def test_a_crowd_gathered_in_a_capital_meets_no_one(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Israel's cabinet met on Sunday.", []),
    ("Biden met Putin in Geneva.", [("CONSULT", "met", ["Joe Biden"], ["Vladimir Putin"])]),
])
def test_a_cabinet_sitting_is_no_meeting_between_parties(extract, text, expected):
    assert _events(extract(text)) == expected


def test_what_a_rejected_call_asks_for_is_not_done(extract):
    assert _events(extract("The UN rejected a call for its peacekeepers to be sent to Western Sahara.")) == [
        ("REJECT", "rejected", ["United Nations"], [])]


def test_the_damage_of_a_riot_is_the_riot(extract):
    assert [(t, trigger) for t, trigger, _, _ in _events(extract(
        "Prisoners rioted on Monday at the jail, setting fire to their mattresses."))] == [("PROTEST", "rioted")]


def test_a_ruling_that_a_party_must_act_is_a_demand(extract):
    assert [(t, trigger) for t, trigger, _, _ in _events(extract(
        "The court ruled that Britain must hand back the islands."))] == [("REQUEST", "ruled")]
