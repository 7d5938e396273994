"""Sense by argument and announced intent: the words around a trigger decide its PLOVER type (issue 11)."""


def _typed(doc):
    return [(e.type, e.mode, e.trigger) for e in doc.events]


def test_easing_a_siege_is_a_step_back(extract):
    assert _typed(extract("The army eased the siege of the town on Monday.")) == [("RETREAT", None, "eased")]


def test_easing_restrictions_is_a_concession(extract):
    assert _typed(extract("The government eased restrictions on travel.")) == [("CONCEDE", None, "eased")]


def test_easing_tensions_is_no_event(extract):
    assert extract("The talks failed to ease tensions.").events == []


def test_returning_seized_goods_is_a_concession(extract):
    assert _typed(extract("The rebels returned the trucks to the aid agency.")) == [("CONCEDE", None, "returned")]


def test_reopening_a_border_is_a_step_back(extract):
    assert _typed(extract("Pakistan reopened its border with Afghanistan.")) == [("RETREAT", None, "reopened")]


def test_opening_an_embassy_is_support(extract):
    assert _typed(extract("Sri Lanka opened an embassy in Tehran.")) == [("SUPPORT", None, "opened")]


def test_resigning_is_a_step_back(extract):
    assert _typed(extract("The prime minister resigned on Sunday.")) == [("RETREAT", None, "resigned")]


def test_resigning_en_masse_is_a_protest(extract):
    assert _typed(extract("Serb officials resigned en masse.")) == [("PROTEST", None, "resigned")]


def test_help_with_a_verb_complement_is_no_event(extract):
    assert extract("The UN helped identify the victims.").events == []


def test_protesting_that_is_a_complaint(extract):
    assert [e.type for e in extract("The group protested that the authorities were failing refugees.").events] == ["ACCUSE"]


def test_refusing_to_meet_demands_is_a_rejection(extract):
    assert _typed(extract("The United States would not meet the kidnappers' demands.")) == [("REJECT", None, "meet")]


def test_seizing_parts_of_a_country_is_occupation(extract):
    assert _typed(extract("The militants seized large parts of Iraq.")) == [("ASSAULT", "occupy", "seized")]


def test_irregular_form_the_lemmatiser_keeps_finds_its_lemma(extract):
    assert _typed(extract("Rebel forces retook the town of Kidal.")) == [("ASSAULT", "occupy", "retook")]


def test_handing_over_a_letter_is_no_event(extract):
    assert extract("The rebels handed over a letter to the envoy.").events == []


def test_handing_over_weapons_is_disarmament(extract):
    assert _typed(extract("The rebels handed over their heavy weapons to the army.")) == [("RETREAT", None, "handed over")]


def test_a_general_strike_is_a_protest(extract):
    assert _typed(extract("Workers began a general strike on Monday.")) == [("PROTEST", None, "began a general strike")]


def test_blowing_up_is_an_assault(extract):
    assert _typed(extract("The guerrillas blew up a bridge in the north.")) == [("ASSAULT", "explosives", "blew up")]


def test_a_hearing_opened_is_an_investigation(extract):
    assert _typed(extract("The court opened a hearing into the abuses.")) == [("ACCUSE", None, "opened a hearing")]


def test_frame_of_no_event_is_accepted_and_a_bad_type_is_reported(tmp_path, monkeypatch):
    import pytest

    from parley.kb import KBError
    from parley.nlp.language import lexicon

    (tmp_path / "triggers.yaml").write_text("verbs:\n  mend: {type: SUPPORT, frames: [{object: [fences], type: nothing}]}\n")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        with pytest.raises(KBError, match=r"'mend' frame .* needs a type, one of: .*, or none \(that sense is no event\)"):
            lexicon.load()
    finally:
        monkeypatch.delenv("PARLEY_KB")
        lexicon.load.cache_clear()


def test_announced_act_under_unless_is_an_ultimatum(extract):
    doc = extract("Kenya announced that it will withdraw its troops from Somalia unless the government holds elections.")
    assert [(e.type, e.trigger) for e in doc.events] == [("THREATEN", "will withdraw")]


def test_what_a_protest_calls_for_is_no_second_event(extract):
    doc = extract("Thousands of Kurds demonstrated in Erbil on Sunday calling for independence.")
    assert [(e.type, e.trigger) for e in doc.events] == [("PROTEST", "demonstrated")]


def test_what_a_protest_says_must_happen_is_no_second_event(extract):
    doc = extract("Students staged rallies in Gaza against the leader, saying he must resign.")
    assert [(e.type, e.trigger) for e in doc.events] == [("PROTEST", "staged rallies")]


def test_what_an_offer_is_for_is_its_content(extract):
    doc = extract("Pakistan rejected an offer from India for direct talks.")
    assert [(e.type, e.trigger) for e in doc.events] == [("REJECT", "rejected")]


def test_preparing_an_offensive_is_mobilisation(extract):
    doc = extract("The army is preparing a major offensive against the rebels.")
    assert [(e.type, e.trigger) for e in doc.events] == [("MOBILIZE", "preparing a major offensive")]


def test_participating_in_an_attack_is_an_assault(extract):
    doc = extract("Militiamen participated in the attack on the village.")
    assert [(e.type, e.trigger) for e in doc.events] == [("ASSAULT", "participated in the attack")]


def test_reopening_a_bridge_is_a_step_back(extract):
    doc = extract("Uzbekistan reopened the bridge on Monday.")
    assert [(e.type, e.trigger) for e in doc.events] == [("RETREAT", "reopened")]


def test_dispersing_protesters_is_coercion(extract):
    doc = extract("Police dispersed the protesters with water cannon.")
    assert [(e.type, e.trigger) for e in doc.events] == [("COERCE", "dispersed")]


def test_put_under_investigation_is_an_investigation(extract):
    doc = extract("A journalist was put under investigation in Italy.")
    assert [(e.type, e.trigger) for e in doc.events] == [("ACCUSE", "put under investigation")]


def test_placed_under_house_arrest_is_coercion(extract):
    doc = extract("The opposition leader was placed under house arrest.")
    assert [(e.type, e.trigger) for e in doc.events] == [("COERCE", "placed under house arrest")]


def test_seeking_refuge_is_a_request(extract):
    doc = extract("Thousands of Kurds sought refuge in Germany last month.")
    assert [(e.type, e.trigger) for e in doc.events] == [("REQUEST", "sought")]


def test_deploying_peacekeepers_is_aid_and_troops_mobilisation(extract):
    assert [(e.type, e.mode) for e in extract("The UN deployed peacekeepers in southern Lebanon.").events] == [("AID", "peacekeeping")]
    assert [(e.type, e.mode) for e in extract("Russia deployed troops to the border.").events] == [("MOBILIZE", None)]


def test_joint_exercises_are_cooperation(extract):
    doc = extract("India and France began joint exercises in the Indian Ocean.")
    assert [(e.type, e.mode) for e in doc.events] == [("COOPERATE", "military")]


def test_lifting_a_curfew_is_a_concession_and_sanctions_a_step_back(extract):
    assert [e.type for e in extract("The government lifted the curfew in the capital.").events] == ["CONCEDE"]
    assert [e.type for e in extract("The United States lifted its sanctions on Sudan.").events] == ["RETREAT"]


def test_letting_aid_in_is_a_step_back(extract):
    doc = extract("Khartoum allowed aid convoys into Darfur.")
    assert [(e.type, e.mode) for e in doc.events] == [("RETREAT", "access")]


def test_withdrawing_peacekeepers_is_a_sanction_and_troops_a_step_back(extract):
    assert [e.type for e in extract("The UN withdrew its peacekeepers from Mali.").events] == ["SANCTION"]
    assert [e.type for e in extract("Russia withdrew its troops from the region.").events] == ["RETREAT"]


def test_announcing_a_withdrawal_of_inspectors_is_a_threat(extract):
    doc = extract("The UN chief said he will withdraw the inspectors from Iraq.")
    assert [(e.type, e.trigger) for e in doc.events] == [("THREATEN", "will withdraw")]


def test_signing_a_treaty_is_support(extract):
    doc = extract("Libya and Bulgaria signed a treaty of friendship.")
    assert [(e.type, e.trigger) for e in doc.events] == [("SUPPORT", "signed a treaty")]


def test_ready_to_sign_is_one_agreement(extract):
    doc = extract("Azerbaijan is prepared to sign the border treaty with Armenia.")
    assert [(e.type, e.trigger) for e in doc.events] == [("AGREE", "prepared to sign")]
