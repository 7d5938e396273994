"""Event types decided by construction and sense (kb/triggers.yaml frames, kb/frames.yaml): one kind each."""

import pytest

from parley.kb import KBError


def _typed(doc):
    """(type, mode, trigger text) of every event, in text order."""
    return sorted(((e.type, e.mode, e.trigger) for e in doc.events), key=lambda t: doc.text.find(t[2]))


def _roles(doc):
    return sorted((e.type, tuple(a.country or a.name for a in e.source), tuple(a.country or a.name for a in e.target))
                  for e in doc.events)


@pytest.mark.parametrize("text, expected", [
    # a vow of harm is a threat; a vow of help an agreement
    ("Tehran vowed to retaliate against Washington.", [("THREATEN", None, "vowed")]),
    ("Kenya vowed to support the mission in Haiti.", [("AGREE", None, "vowed")]),
    # a promise of troops is no threat, whatever they will fight
    ("Britain pledged 500 troops to fight the Islamic State.", [("AGREE", None, "pledged")]),
    # committing to talks vs committing crimes
    ("Colombia committed to a ceasefire with the rebels.", [("AGREE", None, "committed")]),
    ("Ukraine accused Russia of committing atrocities in Bucha.",
     [("ACCUSE", None, "accused"), ("ASSAULT", None, "committing")]),
    # stopping force is a ceasefire, stopping help a sanction
    ("Russia paused its offensive near Kharkiv.", [("RETREAT", "ceasefire", "paused")]),
    ("Germany froze development aid to Niger.", [("SANCTION", None, "froze")]),
    ("The rebels called off their attack on the port.", [("RETREAT", "ceasefire", "called off their attack")]),
    ("The union called off the strike after talks with the government.", [("CONCEDE", None, "called off the strike")]),
    # exchanging fire vs exchanging prisoners
    ("Indian and Pakistani troops exchanged fire across the frontier.",
     [("ASSAULT", "firearms", "exchanged"), ("ASSAULT", "firearms", "exchanged")]),
    ("Armenia and Azerbaijan exchanged prisoners on Friday.", [("COOPERATE", None, "exchanged")]),
    # striking a deal
    ("Sudan struck a deal with Egypt on the dam.", [("AGREE", None, "struck")]),
    # a launch into the sea is a show of force; a launch at a state an attack
    ("North Korea test-fired a cruise missile into the sea.", [("MOBILIZE", "weapons", "test-fired")]),
    ("Iran fired drones at Israel.", [("ASSAULT", None, "fired drones at")]),
    # aid put on hold
    ("Britain put its aid to Rwanda on hold.", [("SANCTION", None, "put")]),
    # abduction is an assault (PLOVER mode abduct); land taken an occupation
    ("Militants kidnapped three Chinese engineers in Mali.", [("ASSAULT", "abduct", "kidnapped")]),
    ("The rebels seized the town of Bunagana.", [("ASSAULT", "occupy", "seized")]),
    ("Customs officers seized a tanker carrying Iranian oil.", [("COERCE", None, "seized")]),
    # a diplomatic protest is an accusation
    ("Japan lodged a formal protest with China.", [("ACCUSE", None, "lodged")]),
    # borders shut against a neighbour, envoys sent away
    ("Algeria closed its airspace to Moroccan planes.", [("SANCTION", "border", "closed")]),
    ("Niger ordered the French ambassador to leave the country.", [("SANCTION", "expel", "ordered")]),
    # what a statement calls something
    ("Moscow described the treaty as a provocation.", [("ACCUSE", None, "described")]),
    ("Paris hailed the accord as historic.", [("SUPPORT", None, "hailed")]),
    # forces put on alert
    ("Israeli troops remained on high alert in the West Bank.", [("MOBILIZE", "troops", "remained on high alert")]),
    # pressing an offensive is fighting, not a request
    ("Israeli troops pressed their offensive in Rafah.", [("ASSAULT", None, "pressed")]),
])
def test_type_by_argument(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_traded_accusations_are_an_accusation_each_way(extract):
    doc = extract("Serbia and Kosovo traded accusations over the blast.")
    assert _roles(doc) == [("ACCUSE", ("SRB",), ("XKX",)), ("ACCUSE", ("XKX",), ("SRB",))]


def test_idiomatic_threat_targets_the_warned_party(extract):
    doc = extract("Ukraine will pay a heavy price for this, Russian President Vladimir Putin said.")
    assert [(e.type, e.trigger) for e in doc.events] == [("THREATEN", "will pay a heavy price")]
    assert _roles(doc) == [("THREATEN", ("RUS",), ("UKR",))]


def test_warning_that_someone_will_answer_for_it_targets_them(extract):
    doc = extract("Egypt warned that Ethiopia would answer for any harm to its water.")
    assert _roles(doc) == [("THREATEN", ("EGY",), ("ETH",))]


def test_readiness_is_an_offer_and_the_act_is_kept(extract):
    doc = extract("Hamas said it was ready to release the hostages.")
    assert _typed(doc) == [("AGREE", None, "ready to release"), ("RETREAT", "release", "release")]


def test_nominal_fighting_is_an_event_without_named_fighters(extract):
    doc = extract("Heavy fighting raged around the airport in Khartoum on Monday.")
    assert _typed(doc) == [("ASSAULT", None, "fighting")]


def test_truce_taking_effect_is_an_event(extract):
    doc = extract("A truce between Israel and Hamas took effect on Sunday.")
    assert _typed(doc) == [("RETREAT", "ceasefire", "truce")]


def test_announced_intent_is_coded_instead_of_the_act(extract):
    doc = extract("Norway said it would send medical teams to Gaza.")
    assert [(e.type, e.trigger) for e in doc.events] == [("AGREE", "would send")]


def test_announced_hostile_act_is_a_threat_not_the_act(extract):
    doc = extract("The rebels said they would blockade the capital from Monday.")
    assert [(e.type, e.trigger) for e in doc.events] == [("THREATEN", "would blockade")]


def test_announced_refusal_is_a_rejection(extract):
    doc = extract("Hamas said on Sunday it would not attend the talks planned in Doha.")
    assert [(e.type, e.status) for e in doc.events] == [("REJECT", "asserted")]


def test_speech_verbs_are_no_events(extract):
    assert extract("The minister said on Monday that the economy was growing.").events == []


def test_yaml_boolean_in_a_word_list_is_reported(tmp_path, monkeypatch):
    from parley.nlp.language import lexicon

    (tmp_path / "frames.yaml").write_text("classes:\n  aid: [on]\n")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        with pytest.raises(KBError, match="put on, off, yes and no in quotes"):
            lexicon.load()
    finally:
        monkeypatch.delenv("PARLEY_KB")
        lexicon.load.cache_clear()
