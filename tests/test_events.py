import pytest


def _events(doc):
    return [(e.type, tuple(a.country or a.name for a in e.source), tuple(a.country or a.name for a in e.target))
            for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    ("Serbia and Kosovo agreed to resume talks.", "AGREE"),
    ("Iranian diplomats met Saudi officials in Baghdad.", "CONSULT"),
    ("France welcomed the decision by Lebanon.", "SUPPORT"),
    ("Colombia agreed to cooperate with Venezuela on border security.", "AGREE"),
    ("Egypt sent food and medicine to Sudan.", "AID"),
    ("Russia released 40 Ukrainian prisoners.", "RETREAT"),
    ("Israel eased restrictions on Gaza after talks.", "CONCEDE"),
    ("Poland urged Germany to send more tanks.", "REQUEST"),
    ("Armenia accused Azerbaijan of shelling border villages.", "ACCUSE"),
    ("Venezuela rejected the offer from Guyana.", "REJECT"),
    ("North Korea threatened to strike South Korea.", "THREATEN"),
    ("Thousands of Serbian students protested against the government.", "PROTEST"),
    ("The European Union imposed sanctions on Belarus.", "SANCTION"),
    ("China deployed warships near Taiwan.", "MOBILIZE"),
    ("Iranian police arrested two French citizens.", "COERCE"),
    ("Russian forces shelled Kharkiv overnight.", "ASSAULT"),
    ("Japan and the Philippines will cooperate on maritime patrols.", "COOPERATE"),
])
def test_event_each_plover_type_is_coded(extract, text, expected):
    assert expected in {e.type for e in extract(text).events}


def test_event_active_voice_roles(extract):
    assert ("ACCUSE", ("ARM",), ("AZE",)) in _events(extract("Armenia accused Azerbaijan of stalling the talks."))


def test_event_passive_voice_swaps_roles(extract):
    events = _events(extract("Kyiv was attacked by Russia on Sunday."))
    assert ("ASSAULT", ("RUS",), ("UKR",)) in events


def test_event_called_on_names_the_target(extract):
    events = _events(extract("The United Nations called on Israel to open the crossings."))
    assert ("REQUEST", ("United Nations",), ("ISR",)) in events


def test_event_reciprocal_each_other_gives_one_event_per_direction(extract):
    events = _events(extract("Russia and Ukraine accused each other of violating the truce."))
    assert ("ACCUSE", ("RUS",), ("UKR",)) in events
    assert ("ACCUSE", ("UKR",), ("RUS",)) in events


def test_event_compound_subject_agreement_is_mutual(extract):
    events = _events(extract("Ethiopia and Eritrea agreed on a new border commission."))
    assert ("AGREE", ("ETH", "ERI"), ("ETH", "ERI")) in events


def test_event_nominal_trigger_with_possessive_source(extract):
    events = _events(extract("Moscow's demands remain unacceptable to many."))
    assert ("REQUEST", ("RUS",), ()) in events


def test_event_nominal_ceasefire_declared_by_agent(extract):
    events = _events(extract("The truce declared by Russia ended on Monday."))
    assert any(t == "RETREAT" and s == ("RUS",) for t, s, _ in events)


def test_event_talks_with_partner_take_target(extract):
    events = _events(extract("Qatar held talks with Hamas in Doha."))
    assert ("CONSULT", ("QAT",), ("PSE",)) in events


def test_event_speech_verb_alone_is_not_an_event(extract):
    assert extract("The Kremlin said the weather was cold in Moscow.").events == []


def test_event_threat_content_is_not_a_second_event(extract):
    types = [e.type for e in extract("Israel threatened to strike Hezbollah targets in Beirut.").events]
    assert types == ["THREATEN"]


def test_event_trigger_span_points_into_the_text(extract):
    text = "Turkey condemned the attack on its embassy."
    event = next(e for e in extract(text).events if e.type == "ACCUSE")
    assert text[event.span[0]:event.span[1]] == "condemned"


def test_event_carries_cameo_root_code(extract):
    event = extract("Hungary rejected the proposal.").events[0]
    assert (event.type, event.cameo) == ("REJECT", "12")


def test_event_mode_from_trigger(extract):
    event = next(e for e in extract("Israel carried out airstrikes on Gaza.").events if e.type == "ASSAULT")
    assert event.mode == "aerial"


def test_event_failed_agreement_is_a_rejection(extract):
    assert [e.type for e in extract("Armenia and Azerbaijan failed to agree on a peace treaty.").events] == ["REJECT"]


def test_event_phone_call_to_a_named_leader(extract):
    event = next(e for e in extract("Emmanuel Macron called Vladimir Putin on Friday.").events)
    assert (event.type, event.mode, event.target[0].country) == ("CONSULT", "phone", "RUS")


def test_event_possessive_pronoun_group_resolves_to_its_owner(extract):
    doc = extract("Moscow said its forces had captured the village.")
    assert any(e.type == "ASSAULT" and e.source and e.source[0].country == "RUS" for e in doc.events)


def test_event_temporal_clause_is_not_content_of_a_warning(extract):
    doc = extract("Ethiopia warned Eritrea on Monday, days after Tigrayan rebels accused Asmara of arming militias.")
    assert {"THREATEN", "ACCUSE"} <= {e.type for e in doc.events}


def test_event_stopping_attacks_is_a_step_back(extract):
    event = next(e for e in extract("The Houthis said they would stop attacking ships if the truce held.").events)
    assert (event.type, event.status) == ("RETREAT", "hypothetical")


def test_event_relative_clause_rejection_targets_the_proposer(extract):
    doc = extract("Kyiv proposed a 30-day ceasefire, which Moscow turned down.")
    rejection = next(e for e in doc.events if e.type == "REJECT")
    assert (rejection.source[0].country, rejection.target[0].country) == ("RUS", "UKR")


def test_event_purpose_of_a_deal_is_not_a_second_event(extract):
    doc = extract("Israel and Hamas reached a deal to halt the fighting and exchange prisoners.")
    assert [e.type for e in doc.events] == ["AGREE"]


def test_event_unnamed_target_of_an_attack_is_the_place(extract):
    event = next(e for e in extract("Russian drones hit a power plant in Odesa on Monday.").events)
    assert (event.type, event.target[0].country, event.location.name) == ("ASSAULT", "UKR", "Odesa")


def test_event_vow_to_attack_is_a_threat(extract):
    assert [e.type for e in extract("Sudan's army chief vowed to retake the city from the RSF.").events] == ["THREATEN"]


def test_event_meeting_named_after_its_city_is_placed_there(extract):
    doc = extract("A London meeting between Britain and France ended without a deal.")
    meeting = next(e for e in doc.events if e.type == "CONSULT")
    assert meeting.location.name == "London"
    assert {a.country for a in meeting.source} == {"GBR", "FRA"}


def test_event_gerund_with_an_article_is_a_nominal_trigger(extract):
    assert any(e.type == "CONSULT" for e in extract("Diplomats from Kenya attended a gathering with Somalia.").events)


def test_event_truce_violation_alleged_as_an_assault(extract):
    doc = extract("Thailand accused Cambodian forces of violating the truce.")
    alleged = next(e for e in doc.events if e.status == "alleged")
    assert (alleged.type, alleged.source[0].country) == ("ASSAULT", "KHM")


def test_event_drones_launched_at_a_country_are_an_attack(extract):
    event = extract("Russia launched 117 drones at Ukraine overnight.").events[0]
    assert (event.type, event.source[0].country, event.target[0].country) == ("ASSAULT", "RUS", "UKR")


def test_event_sent_trucks_of_food_is_aid(extract):
    event = extract("Egypt sent 40 trucks of food to Sudan on Thursday.").events[0]
    assert (event.type, event.source[0].country, event.target[0].country) == ("AID", "EGY", "SDN")


def test_event_refusal_to_cede_territory_is_a_rejected_concession(extract):
    doc = extract("Zelenskiy said Ukraine would not cede territory.")
    assert ("UKR", "territory", "reject") in {(p.actor.country, p.issue, p.stance) for p in doc.positions}


def test_event_trigger_word_inside_a_name_is_not_an_event(extract):
    assert extract("Albania left the Warsaw Pact in 1968.").events == []


def test_event_threat_aimed_at_the_place_of_the_threatened_act(extract):
    event = extract("Hamas threatened to resume attacks in Israel.").events[0]
    assert (event.type, event.target[0].country) == ("THREATEN", "ISR")


def test_event_receiving_arms_from_a_state_reverses_the_roles(extract):
    event = extract("The rebels received weapons from Iran.").events[0]
    assert (event.type, event.source[0].country) == ("AID", "IRN")


def test_event_quoted_obligation_is_one_request(extract):
    doc = extract('"Russia must withdraw its troops," the French president said.')
    assert [(e.type, e.target[0].country) for e in doc.events] == [("REQUEST", "RUS")]


def test_event_strikes_that_killed_are_one_attack(extract):
    doc = extract("Israeli strikes killed at least 30 people in Gaza on Saturday.")
    assert [e.type for e in doc.events] == ["ASSAULT"]


def test_event_inside_a_condition_is_not_coded(extract):
    doc = extract("Ukraine would only join talks if Russia withdrew its troops.")
    assert "RETREAT" not in {e.type for e in doc.events}
