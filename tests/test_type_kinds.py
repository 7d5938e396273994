"""Event types by construction and sense, one kind of English each (issue 11): the exact events of a
short sentence, with their PLOVER type and mode, and no spurious extra event."""

import pytest


def _typed(doc):
    """(type, mode, trigger text) of every event, in text order."""
    return sorted(((e.type, e.mode, e.trigger) for e in doc.events), key=lambda t: doc.text.find(t[2]))


@pytest.mark.parametrize("text, expected", [
    # hosting a visitor is a meeting; welcoming a decision is support
    ("Xi welcomed Putin to Beijing on Monday.", [("CONSULT", None, "welcomed")]),
    ("Kenya welcomed the ceasefire deal.", [("SUPPORT", None, "welcomed")]),
    ("Putin received the Indian prime minister in the Kremlin.", [("CONSULT", None, "received")]),
    # letting inspectors in is a step back (CAMEO 0862), aid received is the giver's aid
    ("Iran received IAEA inspectors at the Fordow site.", [("RETREAT", "access", "received")]),
    ("Ukraine received weapons from Poland.", [("AID", None, "received")]),
])
def test_receiving_a_visitor_inspectors_or_aid(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_assurances_received_are_the_givers_promise(extract):
    doc = extract("Serbia received assurances from Germany on Friday.")
    assert [(e.type, [a.name for a in e.source], [a.name for a in e.target]) for e in doc.events] == [
        ("AGREE", ["Germany"], ["Serbia"])]


@pytest.mark.parametrize("text, expected", [
    # defying a ban or a curfew is a rejection (PLOVER REJECT, defy norms); breaking a truce an attack
    ("Protesters defied the curfew in Yangon.", [("REJECT", None, "defied")]),
    ("The newspaper violated a ban on reporting from the front.", [("REJECT", None, "violated")]),
    ("The militia violated the truce on Sunday.", [("ASSAULT", None, "violated")]),
])
def test_defying_a_rule_is_a_rejection(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The army suspended the constitution on Tuesday.", [("COERCE", None, "suspended")]),
    ("Germany suspended its aid to Niger.", [("SANCTION", None, "suspended")]),
])
def test_suspending_the_constitution_is_repression(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_mobilising_voters_is_no_show_of_force(extract):
    assert extract("The opposition mobilized its supporters ahead of the vote.").events == []


def test_mobilising_reservists_is(extract):
    assert _typed(extract("Russia mobilized 300,000 reservists.")) == [("MOBILIZE", None, "mobilized")]


def test_signing_a_bill_into_law_is_no_move(extract):
    assert extract("The president signed the bill into law.").events == []


@pytest.mark.parametrize("text, expected", [
    ("Dockers stopped work on Monday over pay.", [("PROTEST", None, "stopped")]),
    ("Miners downed tools in the north.", [("PROTEST", None, "downed tools")]),
    ("Truckers blocked the railway into the port city.", [("PROTEST", None, "blocked")]),
])
def test_workers_stopping_work_is_a_protest(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rebel fighters engaged Malian troops in a firefight near Gao.", [("ASSAULT", None, "engaged")]),
    ("The militia engaged in ethnic cleansing across the eastern districts.", [("ASSAULT", None, "engaged")]),
])
def test_engaging_in_combat_is_an_assault(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_engaging_in_talks_is_the_talks(extract):
    assert _typed(extract("Serbia engaged in talks with Kosovo on Monday.")) == [("CONSULT", None, "talks")]


def test_pushing_for_a_truce_is_a_request(extract):
    assert _typed(extract("Britain is pushing for a truce in Sudan.")) == [("REQUEST", None, "pushing for")]


def test_a_stated_goal_is_no_move_yet(extract):
    assert extract("Kyiv said its priority is to press for a full ceasefire.").events == []


@pytest.mark.parametrize("text, expected", [
    # a promise not to give something back is a refusal; a promise not to attack an agreement
    ("Moscow vowed never to return the Kuril islands to Japan.", [("REJECT", None, "vowed")]),
    ("Hamas pledged not to attack Israeli towns.", [("AGREE", None, "pledged")]),
    ("Tehran vowed to retaliate against Washington.", [("THREATEN", None, "vowed")]),
])
def test_a_promise_not_to_act_turns_its_sense(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_a_refusal_to_accept_is_a_rejection(extract):
    assert _typed(extract("Kyiv condemned Moscow's refusal to recognise the vote.")) == [
        ("ACCUSE", None, "condemned"), ("REJECT", None, "recognise")]


def test_the_wounded_are_people_not_an_attack(extract):
    assert _typed(extract("Paramedics evacuated the injured to a clinic in Mosul.")) == [("AID", None, "evacuated")]


def test_crimes_committed_by_an_army_are_the_crime_not_a_commitment(extract):
    assert _typed(extract("Police detained soldiers accused of atrocities committed by the Wagner group.")) == [
        ("COERCE", None, "detained"), ("ASSAULT", None, "committed")]


def test_what_a_resolution_aims_at_is_its_content(extract):
    doc = extract("Brazil will back a draft resolution that aims to impose an arms embargo on Sudan.")
    assert _typed(doc) == [("SUPPORT", None, "back")]


def test_what_a_proposal_would_permit_is_its_content(extract):
    doc = extract("The cabinet endorsed a proposal that would not permit foreign monitors at the polls.")
    assert _typed(doc) == [("SUPPORT", None, "endorsed")]


def test_an_act_coordinated_inside_a_refusal_is_its_content(extract):
    assert _typed(extract("The militia refused to let the convoy pass and deliver the food.")) == [
        ("REJECT", None, "refused")]


def test_a_party_saying_it_will_act_unless_is_an_ultimatum_even_unnamed(extract):
    # "it" is the speaker, though no list names the party
    doc = extract("The farmers' union said it will boycott the talks unless the minister resigns.")
    assert _typed(doc) == [("THREATEN", None, "will boycott")]


def test_people_protesting_something_are_a_protest(extract):
    doc = extract("Police used water cannon to disperse students protesting the fee rise in Harare.")
    assert _typed(doc) == [("COERCE", None, "disperse"), ("PROTEST", None, "protesting")]


@pytest.mark.parametrize("text, expected", [
    # drills of two states are military cooperation, one side's a show of force
    ("Russia held naval drills with China in the Pacific.", [("COOPERATE", "military", "held naval drills")]),
    ("Iran began military drills near the Strait of Hormuz.", [("MOBILIZE", None, "began military drills")]),
])
def test_drills_of_two_states_are_cooperation(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # readying an attack is a mobilisation; the attack has not happened
    ("Russian troops are preparing to attack Kharkiv.", [("MOBILIZE", None, "attack")]),
    ("The rebels prepared to begin shelling the airport.", [("MOBILIZE", None, "shelling")]),
    # a stated readiness is an offer, not a mobilisation
    ("Georgia is prepared to sign the trade pact with Turkey.", [("AGREE", None, "prepared to sign")]),
])
def test_preparing_an_attack_is_a_mobilisation(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_a_warm_welcome_to_a_visitor_is_hosting(extract):
    assert _typed(extract("The king extended a warm welcome to the visiting Kenyan president.")) == [
        ("CONSULT", None, "extended a warm welcome")]


def test_reiterating_a_demand_is_a_request(extract):
    assert _typed(extract("Teachers repeated their demand that the ministry raise salaries.")) == [
        ("REQUEST", None, "repeated their demand")]


@pytest.mark.parametrize("text, expected", [
    ("Hamas fighters detonated a roadside bomb near an Israeli patrol.", [("ASSAULT", "explosives", "detonated")]),
    # tear gas at a crowd is repression, not an armed attack
    ("Police fired tear gas at protesters in Nairobi.", [("COERCE", None, "fired tear gas at")]),
    ("Washington blacklisted three Chinese firms.", [("SANCTION", None, "blacklisted")]),
    ("Thousands took to the streets of Tbilisi on Sunday.", [("PROTEST", None, "took to the streets")]),
    ("Protesters poured onto the streets of Belgrade.", [("PROTEST", None, "poured onto the streets")]),
])
def test_bombs_tear_gas_blacklists_and_street_protests(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The junta dissolved the main opposition party.", [("COERCE", None, "dissolved")]),
    ("The prime minister dissolved parliament and called elections.", []),
    ("China imposed export controls on rare earths.", [("SANCTION", None, "imposed")]),
    ("The president pardoned 200 political prisoners.", [("RETREAT", "release", "pardoned")]),
    ("Sudan's army regained control of Khartoum.", [("ASSAULT", "occupy", "regained")]),
    ("Russian forces advanced towards Pokrovsk.", [("ASSAULT", None, "advanced")]),
    ("The deal advanced the peace process.", []),
    ("Protesters torched the parliament building.", [("COERCE", None, "torched")]),
    ("The rebels laid siege to the city.", [("COERCE", None, "laid siege")]),
    ("The US announced $500 million in military aid to Ukraine.",
     [("AID", None, "announced $500 million in military aid")]),
])
def test_war_news_verbs_by_sense(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text", [
    "Wildfires killed 12 people in Greece.",
    "Hurricane Milton hit Florida on Wednesday.",
    "Nine villagers were killed in a landslide near Kathmandu.",
    "An earthquake struck eastern Turkey.",
])
def test_what_nature_kills_is_no_attack(extract, text):
    assert extract(text).events == []


@pytest.mark.parametrize("text, expected", [
    ("Israeli fire killed three Palestinians near the fence.", [("ASSAULT", None, "fire killed")]),
    ("Three soldiers were killed in an ambush near Gao.", [("ASSAULT", None, "killed")]),
])
def test_what_people_kill_is_still_an_attack(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_attacking_a_bill_is_criticism(extract):
    assert _typed(extract("The senator attacked the bill as wasteful.")) == [("ACCUSE", None, "attacked")]


@pytest.mark.parametrize("text, expected", [
    # weapons sent to a state are military aid, sent at it an attack
    ("Germany will send Patriot missiles to Ukraine.", [("AID", "military", "send Patriot missiles")]),
    ("The US sent tanks to Poland.", [("AID", "military", "sent")]),
    ("Russia sent troops to the border.", [("MOBILIZE", None, "sent")]),
])
def test_weapons_sent_to_a_state_are_aid(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a protest made to a state, or by one, is diplomatic (ACCUSE); people protesting in a city a PROTEST
    ("Seoul protested to Tokyo over the textbooks.", [("ACCUSE", None, "protested")]),
    ("China protested the arms sale to Taiwan.", [("ACCUSE", None, "protested")]),
    ("Thousands of Georgians protested in Tbilisi.", [("PROTEST", None, "protested")]),
])
def test_a_state_protests_in_words(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Israel allowed 50 aid trucks into Gaza.", [("RETREAT", "access", "allowed")]),
    ("The junta allowed opposition leader Tshisekedi to travel abroad.", [("CONCEDE", None, "allowed")]),
])
def test_letting_aid_in_or_an_opponent_act(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_the_one_allowed_to_act_is_the_target(extract):
    doc = extract("The junta allowed opposition leader Tshisekedi to travel abroad.")
    assert [[a.name for a in e.target] for e in doc.events] == [["Felix Tshisekedi"]]


def test_trying_to_broker_a_truce_is_mediation_not_an_agreement(extract):
    doc = extract("Qatari mediators are trying to broker a truce between Israel and Hamas.")
    assert _typed(doc) == [("CONSULT", None, "broker a truce")]


def test_brokering_a_truce_is_an_agreement(extract):
    assert _typed(extract("Egypt brokered a truce between Israel and Hamas.")) == [("AGREE", None, "brokered a truce")]


def test_out_of_the_question_is_a_refusal_by_the_speaker(extract):
    doc = extract("Israeli officials said a withdrawal from the corridor is out of the question.")
    assert [(e.type, e.trigger, [a.name for a in e.source]) for e in doc.events] == [
        ("REJECT", "is out of the question", ["Israel"])]
