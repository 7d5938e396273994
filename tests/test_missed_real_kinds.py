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
