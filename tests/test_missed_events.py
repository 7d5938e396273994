"""Events the rules used not to find at all on real news, one kind each: a deed in the relative clause of a predicate
noun ("X is among the countries that banned"), a demand a trip or a meeting is made for, a retaliation whose kind is
what it answers with, a court's order, the removal of a ruler, a push against a measure, criticism faced in
petitions; and what a purpose clause would help others do (an aim, no deed). Each asserts the exact events (type,
source, target). Sentences written for these tests."""

import pytest


def _events(doc):
    return [(e.type, tuple(a.country or a.name for a in e.source), tuple(a.country or a.name for a in e.target))
            for e in doc.events]


@pytest.mark.parametrize("text, expected", [
    ("Canada and Belgium are among the countries that have banned imports from Botswana.",
     [("SANCTION", ("CAN", "BEL"), ("BWA",))]),
    ("Egypt is one of the states that condemned Israel.", [("ACCUSE", ("EGY",), ("ISR",))]),
    ("Kenya was the first country to recognise Somaliland.", [("SUPPORT", ("KEN",), ("SOM",))]),
])
def test_a_deed_said_of_a_predicate_noun_is_its_subjects(extract, text, expected):
    assert _events(extract(text)) == expected


def test_a_part_named_by_a_noun_of_no_set_keeps_its_own_doer(extract):
    # the groups attacked, not Hamas as their leader: "leader of" is no partitive
    assert _events(extract("Hamas is the leader of the groups that attacked Israel.")) == [("ASSAULT", (), ("ISR",))]


@pytest.mark.parametrize("text, expected", [
    ("The Kenyan envoy flew to Washington to press for more aid.",
     [("CONSULT", ("KEN",), ("USA",)), ("REQUEST", ("KEN",), ("USA",))]),
    ("The Chinese trade minister visited Brussels and met German officials to lobby the EU to drop the tariffs.",
     [("CONSULT", ("CHN",), ("European Union",)), ("CONSULT", ("CHN",), ("DEU",)),
      ("REQUEST", ("CHN",), ("European Union",))]),
    # the aim of a material move is still no move
    ("Russia announced a truce to support relief efforts.", [("RETREAT", ("RUS",), ())]),
])
def test_a_demand_a_trip_or_meeting_is_made_for_is_made(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Europe quickly retaliated with its own tariffs on American exports.", [("SANCTION", ("European Union",), ("USA",))]),
    ("Iran retaliated with missiles on Israeli bases.", [("ASSAULT", ("IRN",), ("ISR",))]),
    # an event noun answered with is the one event
    ("Iran responded with missile strikes on Israeli bases.", [("ASSAULT", ("IRN",), ("ISR",))]),
])
def test_a_retaliation_is_the_move_it_answers_with(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Malawi's High Court ordered all public schools to admit Rastafarian pupils.", [("REQUEST", ("MWI",), ())]),
    # a leader's order is read through what is ordered
    ("Putin ordered troops to withdraw from the border.", [("RETREAT", ("RUS",), ())]),
])
def test_a_court_order_is_a_demand(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Sudanese army ousted Prime Minister Abdalla Hamdok in October.", [("COERCE", ("SDN",), ("SDN",))]),
    ("Sudan's military removed Abdalla Hamdok from office in 2021.", [("COERCE", ("SDN",), ("SDN",))]),
    ("Workers removed the barricades from the road in Khartoum.", []),
])
def test_a_ruler_removed_is_coerced(extract, text, expected):
    assert _events(extract(text)) == expected


def test_campaigning_against_a_measure_is_a_rejection(extract):
    assert _events(extract("Kenyan farmers campaigned against the import ban imposed by Uganda.")) == [
        ("REJECT", ("KEN",), ())]


def test_what_a_purpose_would_help_others_do_is_an_aim(extract):
    assert _events(extract("Rwanda sent troops to Mozambique to help the army retake the port.")) == [
        ("MOBILIZE", ("RWA",), ("MOZ",))]


def test_petitions_faced_from_a_party_are_its_criticism(extract):
    assert _events(extract("The Kenyan government has faced petitions from Uganda over the border.")) == [
        ("ACCUSE", ("UGA",), ("KEN",))]


@pytest.mark.parametrize("text, expected", [
    # the day parsed as the head of the event noun before it
    ("Farmers in Kenya held a two-hour sit-in Monday at the market in Nairobi.", [("PROTEST", ("KEN",), ("KEN",))]),
    # "staged" lemmatised "stag": a strike staged is still a labour protest
    ("Teachers in Kenya staged a one-day strike Tuesday in Nairobi.", [("PROTEST", ("KEN",), ("KEN",))]),
])
def test_an_event_noun_before_a_day_is_the_light_verbs_object(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # said as what will be, a withdrawal is promised (an agreement)
    ("Trump announced that all U.S. soldiers would be out of Syria by December 31.", [("AGREE", ("USA",), ("SYR",))]),
    ("Russian troops were out on patrol in Kherson.", []),
])
def test_troops_out_of_a_place_is_a_withdrawal(extract, text, expected):
    assert _events(extract(text)) == expected


def test_a_deed_called_a_concern_is_blamed(extract):
    assert _events(extract('"The jailing of opposition leaders in Uganda is a deep concern," the South African '
                           "minister said.")) == [("ACCUSE", ("ZAF",), ("UGA",))]


@pytest.mark.parametrize("text, expected", [
    ("The International Court of Justice said that Britain is under an obligation to end its rule of the islands.",
     [("REQUEST", ("International Court of Justice",), ("GBR",))]),
    ("The ICJ said Britain has a duty to return the islands.", [("REQUEST", ("International Court of Justice",), ("GBR",))]),
    ("The ICJ said Britain is obliged to return the islands.", [("REQUEST", ("International Court of Justice",), ("GBR",))]),
])
def test_a_duty_stated_of_a_party_is_a_demand_on_it(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The lawyer for the French victims told reporters he believes the attack was deliberate.", [("ACCUSE", (), ())]),
    ("Others in Abidjan suggest the bombing was a plot by France.", [("ACCUSE", (), ())]),
    ("Analysts believe the talks are a sign of progress.", []),
])
def test_a_deed_believed_or_suggested_to_be_wrong_is_blamed(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The measure already has enough votes to pass, with support from France, Greece and Italy.",
     [("SUPPORT", ("FRA", "GRC", "ITA"), ())]),
    # material support is aid
    ("Mali's new airbase was built with military support from Russia.", [("AID", ("RUS",), ())]),
])
def test_support_a_clause_tells_is_given_with_is_the_givers(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("U.S. Defense Secretary Mark Esper spoke at a news conference in Washington with French Defense Minister "
     "Florence Parly.", [("CONSULT", ("USA",), ("FRA",))]),
    ("Erdogan and Putin held a joint press conference in Sochi.", [("CONSULT", ("TUR", "RUS"), ("TUR", "RUS"))]),
    # one side's own news conference is no meeting
    ("Erdogan held a press conference in Ankara.", []),
])
def test_a_news_conference_held_with_another_party_is_a_meeting(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia announced plans to withdraw from the region.", [("RETREAT", ("RUS",), ())]),
    ("Turkey's decision to withdraw from the region angered its allies.", [("RETREAT", ("TUR",), ())]),
    # "close" a camp people live in: they are forced out
    ("Kenya announced its intention to close two refugee camps.", [("COERCE", ("KEN",), ())]),
    # the instrument an act is done by: a law, a bill, a decree
    ("Russian lawmakers approved a bill to expel foreign journalists.", [("SANCTION", ("RUS",), ())]),
    ("Russia signed a decree to impose sanctions on Poland.", [("SANCTION", ("RUS",), ("POL",))]),
])
def test_an_act_a_noun_of_intent_announces_is_its_owners(extract, text, expected):
    assert _events(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The launch comes after another missile test Iran said it carried out on May 3.", [("MOBILIZE", ("IRN",), ())]),
    ('The drill follows another "major exercise" Iran said it conducted last week.', [("MOBILIZE", ("IRN",), ())]),
    # a report with no noun before it leaves the light verb without an event
    ("Iran said it carried out on May 3.", []),
])
def test_the_noun_a_reported_contact_clause_leaves_out_is_its_light_verbs_object(extract, text, expected):
    assert _events(extract(text)) == expected
