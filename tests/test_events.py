"""Events: one test per kind of trigger or role rule, each asserting the exact events of its sentence (type, source
and target countries or names), so a spurious extra event fails it too."""

import pytest


def _events(doc):
    return [(e.type, tuple(a.country or a.name for a in e.source), tuple(a.country or a.name for a in e.target))
            for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    ("Serbia and Kosovo agreed to resume talks.", [("AGREE", ("SRB", "XKX"), ("SRB", "XKX"))]),
    ("Iranian diplomats met Saudi officials in Baghdad.", [("CONSULT", ("IRN",), ("SAU",))]),
    ("France welcomed the decision by Lebanon.", [("SUPPORT", ("FRA",), ("LBN",))]),
    ("Colombia agreed to cooperate with Venezuela on border security.", [("AGREE", ("COL",), ("VEN",))]),
    ("Egypt sent food and medicine to Sudan.", [("AID", ("EGY",), ("SDN",))]),
    ("Russia released 40 Ukrainian prisoners.", [("RETREAT", ("RUS",), ("UKR",))]),
    # (the talks are their own event; whom the restrictions were on is not read yet)
    ("Israel eased restrictions on Gaza after talks.", [("CONCEDE", ("ISR",), ()), ("CONSULT", ("ISR",), ())]),
    ("Poland urged Germany to send more tanks.", [("REQUEST", ("POL",), ("DEU",))]),
    ("Armenia accused Azerbaijan of shelling border villages.",
     [("ACCUSE", ("ARM",), ("AZE",)), ("ASSAULT", ("AZE",), ())]),
    ("Venezuela rejected the offer from Guyana.", [("REJECT", ("VEN",), ("GUY",))]),
    ("North Korea threatened to strike South Korea.", [("THREATEN", ("PRK",), ("KOR",))]),
    ("Thousands of Serbian students protested against the government.", [("PROTEST", ("SRB",), ("SRB",))]),
    ("The European Union imposed sanctions on Belarus.", [("SANCTION", ("European Union",), ("BLR",))]),
    ("China deployed warships near Taiwan.", [("MOBILIZE", ("CHN",), ("TWN",))]),
    ("Iranian police arrested two French citizens.", [("COERCE", ("IRN",), ("FRA",))]),
    ("Russian forces shelled Kharkiv overnight.", [("ASSAULT", ("RUS",), ("UKR",))]),
    ("Japan and the Philippines will cooperate on maritime patrols.", [("COOPERATE", ("JPN", "PHL"), ("JPN", "PHL"))]),
])
def test_event_each_plover_type_is_coded(extract, text, expected):
    assert _events(extract(text)) == expected


def test_event_active_voice_roles(extract):
    assert _events(extract("Armenia accused Azerbaijan of stalling the talks.")) == [("ACCUSE", ("ARM",), ("AZE",))]


def test_event_passive_voice_swaps_roles(extract):
    assert _events(extract("Kyiv was attacked by Russia on Sunday.")) == [("ASSAULT", ("RUS",), ("UKR",))]


def test_event_called_on_names_the_target(extract):
    assert _events(extract("The United Nations called on Israel to open the crossings.")) == [
        ("REQUEST", ("United Nations",), ("ISR",))]


def test_event_reciprocal_each_other_gives_one_event_per_direction(extract):
    assert _events(extract("Russia and Ukraine accused each other of violating the truce.")) == [
        ("ACCUSE", ("RUS",), ("UKR",)), ("ACCUSE", ("UKR",), ("RUS",)),
        ("ASSAULT", ("RUS",), ("UKR",)), ("ASSAULT", ("UKR",), ("RUS",))]


def test_event_compound_subject_agreement_is_mutual(extract):
    assert _events(extract("Ethiopia and Eritrea agreed on a new border commission.")) == [
        ("AGREE", ("ETH", "ERI"), ("ETH", "ERI"))]


def test_event_nominal_trigger_with_possessive_source(extract):
    assert _events(extract("Moscow's demands remain unacceptable to many.")) == [("REQUEST", ("RUS",), ())]


def test_event_nominal_ceasefire_declared_by_agent(extract):
    assert _events(extract("The truce declared by Russia ended on Monday.")) == [("RETREAT", ("RUS",), ())]


def test_event_talks_with_partner_take_target(extract):
    assert _events(extract("Qatar held talks with Hamas in Doha.")) == [("CONSULT", ("QAT",), ("PSE",))]


def test_event_speech_verb_alone_is_not_an_event(extract):
    assert extract("The Kremlin said the weather was cold in Moscow.").events == []


def test_event_threat_content_is_not_a_second_event(extract):
    assert _events(extract("Israel threatened to strike Hezbollah targets in Beirut.")) == [
        ("THREATEN", ("ISR",), ("LBN",))]


def test_event_trigger_span_points_into_the_text(extract):
    text = "Turkey condemned the attack on the embassy."
    assert [(e.type, text[e.span[0]:e.span[1]]) for e in extract(text).events] == [("ACCUSE", "condemned")]


def test_event_carries_cameo_root_code(extract):
    assert [(e.type, e.cameo) for e in extract("Hungary rejected the proposal.").events] == [("REJECT", "12")]


def test_event_mode_from_trigger(extract):
    assert [(e.type, e.mode) for e in extract("Israel carried out airstrikes on Gaza.").events] == [("ASSAULT", "aerial")]


def test_event_failed_agreement_is_a_rejection(extract):
    assert _events(extract("Armenia and Azerbaijan failed to agree on a peace treaty.")) == [
        ("REJECT", ("ARM", "AZE"), ())]


def test_event_phone_call_to_a_named_leader(extract):
    doc = extract("Emmanuel Macron called Vladimir Putin on Friday.")
    assert [(e.type, e.mode) for e in doc.events] == [("CONSULT", "phone")]
    assert _events(doc) == [("CONSULT", ("FRA",), ("RUS",))]


def test_event_possessive_pronoun_group_resolves_to_its_owner(extract):
    assert _events(extract("Moscow said its forces had captured the village.")) == [("ASSAULT", ("RUS",), ())]


def test_event_temporal_clause_is_not_content_of_a_warning(extract):
    doc = extract("Ethiopia warned Eritrea on Monday, days after Tigrayan rebels accused Asmara of stalling the talks.")
    assert _events(doc) == [("THREATEN", ("ETH",), ("ERI",)), ("ACCUSE", ("rebels",), ("ERI",))]


def test_event_stopping_attacks_is_a_step_back(extract):
    doc = extract("The Houthis said they would stop attacking ships if the truce held.")
    assert [(e.type, e.status) for e in doc.events] == [("RETREAT", "hypothetical")]
    assert _events(doc) == [("RETREAT", ("YEM",), ())]


def test_event_relative_clause_rejection_targets_the_proposer(extract):
    assert _events(extract("Kyiv proposed a 30-day ceasefire, which Moscow turned down.")) == [
        ("AGREE", ("UKR",), ()), ("REJECT", ("RUS",), ("UKR",))]


def test_event_purpose_of_a_deal_is_not_a_second_event(extract):
    assert _events(extract("Israel and Hamas reached a deal to halt the fighting and exchange prisoners.")) == [
        ("AGREE", ("ISR", "PSE"), ("ISR", "PSE"))]


def test_event_unnamed_target_of_an_attack_is_the_place(extract):
    doc = extract("Russian drones hit a power plant in Odesa on Monday.")
    assert _events(doc) == [("ASSAULT", ("RUS",), ("UKR",))]
    assert [e.location.name for e in doc.events] == ["Odesa"]


def test_event_vow_to_attack_is_a_threat(extract):
    # (the RSF is a Sudanese armed group: a side of its own in Sudan)
    assert [(e.type, [a.name for a in e.target]) for e in extract(
        "Sudan's army chief vowed to retake the city from the RSF.").events] == [("THREATEN", ["Rapid Support Forces"])]


def test_event_meeting_named_after_its_city_is_placed_there(extract):
    doc = extract("A London meeting between Britain and France ended without a deal.")
    assert _events(doc) == [("CONSULT", ("GBR", "FRA"), ("GBR", "FRA"))]
    assert [e.location.name for e in doc.events] == ["London"]


def test_event_gerund_with_an_article_is_a_nominal_trigger(extract):
    assert _events(extract("Diplomats from Kenya attended a gathering with Somalia.")) == [("CONSULT", ("KEN",), ("SOM",))]


def test_event_truce_violation_alleged_as_an_assault(extract):
    doc = extract("Thailand accused Cambodian forces of violating the truce.")
    assert [(e.type, e.status) for e in doc.events] == [("ACCUSE", "asserted"), ("ASSAULT", "alleged")]
    assert _events(doc) == [("ACCUSE", ("THA",), ("KHM",)), ("ASSAULT", ("KHM",), ())]


def test_event_drones_launched_at_a_country_are_an_attack(extract):
    assert _events(extract("Russia launched 117 drones at Ukraine overnight.")) == [("ASSAULT", ("RUS",), ("UKR",))]


def test_event_sent_trucks_of_food_is_aid(extract):
    assert _events(extract("Egypt sent 40 trucks of food to Sudan on Thursday.")) == [("AID", ("EGY",), ("SDN",))]


def test_event_refusal_to_cede_territory_is_a_rejected_concession(extract):
    doc = extract("Zelenskiy said Ukraine would not cede territory.")
    assert _events(doc) == [("REJECT", ("UKR",), ())]
    assert [(p.actor.country, p.issue, p.stance) for p in doc.positions] == [("UKR", "territory", "reject")]


def test_event_trigger_word_inside_a_name_is_not_an_event(extract):
    assert extract("Albania left the Warsaw Pact in 1968.").events == []


def test_event_threat_aimed_at_the_place_of_the_threatened_act(extract):
    assert _events(extract("Hamas threatened to resume attacks in Israel.")) == [("THREATEN", ("PSE",), ("ISR",))]


def test_event_receiving_arms_from_a_state_reverses_the_roles(extract):
    assert _events(extract("The rebels received weapons from Iran.")) == [("AID", ("IRN",), ("rebels",))]


def test_event_quoted_obligation_is_one_request(extract):
    doc = extract('"Russia must withdraw its troops," the French president said.')
    assert _events(doc) == [("REQUEST", ("FRA",), ("RUS",))]


def test_event_strikes_that_killed_are_one_attack(extract):
    assert _events(extract("Israeli strikes killed at least 30 people in Gaza on Saturday.")) == [
        ("ASSAULT", ("ISR",), ("PSE",))]


def test_event_inside_a_condition_is_not_coded(extract):
    assert _events(extract("Ukraine would only join talks if Russia withdrew its troops.")) == [("CONSULT", ("UKR",), ())]
