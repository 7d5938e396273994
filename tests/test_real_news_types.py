"""Event types on the English of real reporting (issue 20), second round: acts real news names by a relative
clause, a passive of need, an idiom of warning or refusal, a naval passage, a cordon; and the words of stories
about health, weather, markets or culture that are no acts (a storm that slams into a coast, a disease
prevented, details provided, a PCR test taken). Sentences written for these tests."""

import pytest


def _typed(doc):
    """(type, mode, trigger text) of every event, in text order."""
    return sorted(((e.type, e.mode, e.trigger) for e in doc.events), key=lambda t: doc.text.find(t[2]))


def test_a_light_verb_in_a_relative_clause_makes_the_noun_an_event(extract):
    assert _typed(extract("The launch followed another engine test North Korea carried out on Friday.")) == [
        ("MOBILIZE", "weapons", "test North Korea carried")]


@pytest.mark.parametrize("text, expected", [
    ("The envoy said a firm international response was urgently needed.", [("REQUEST", None, "needed")]),
    ("The general stressed the urgency of rebuilding the army.", [("REQUEST", None, "stressed the urgency")]),
])
def test_a_need_stated_is_a_call(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_will_not_hesitate_is_a_warning(extract):
    assert _typed(extract("Beijing said it would not hesitate to use force.")) == [("THREATEN", None, "not hesitate")]


def test_a_finding_that_a_deed_is_arbitrary_blames_it(extract):
    # the arrest judged is an act of its own (as in "condemned the strike on Minova")
    assert _typed(extract("The tribunal found that the arrest of the reporter was arbitrary.")) == [
        ("COERCE", None, "arrest"), ("ACCUSE", None, "was arbitrary")]


@pytest.mark.parametrize("text, expected", [
    ("Turkey said the rebels must release the hostages.", [("REQUEST", None, "said")]),
    # "must have" + participle infers a past deed: no duty put on anyone
    ("Turkey said the rebels must have released the hostages.", [("RETREAT", "release", "released")]),
])
def test_must_have_done_is_no_demand(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Two Chinese warships sailed through the strait on Monday.", [("MOBILIZE", "troops", "sailed")]),
    ("The ferry sailed to Crete on Monday.", []),
])
def test_warships_sailing_are_a_show_of_force(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_a_law_approved_at_home_is_no_agreement(extract):
    assert _typed(extract("Parliament approved a law on Tuesday.")) == []


def test_the_withdrawal_of_troops_is_theirs(extract):
    doc = extract("The Taliban leader praised the withdrawal of U.S. troops.")
    assert _typed(doc) == [("SUPPORT", None, "praised"), ("RETREAT", None, "withdrawal")]
    assert [a.name for a in doc.events[1].source] == ["United States"]


def test_exposed_as_a_fraud_is_an_accusation(extract):
    assert _typed(extract("Historians exposed the captain as a fraud.")) == [("ACCUSE", None, "exposed")]


def test_will_not_budge_is_a_refusal(extract):
    assert _typed(extract("The prime minister said he would not budge.")) == [("REJECT", None, "budge")]


def test_peacekeepers_deployed_are_aid(extract):
    assert _typed(extract("Uganda's deployment of peacekeepers to Somalia began on Monday.")) == [
        ("AID", "peacekeeping", "deployment")]


@pytest.mark.parametrize("text", [
    "Tropical Cyclone Jude slammed into parts of southern Africa this week.",
    "The storm cut off the national highway.",
    "Researchers warn that the disease could affect millions more people.",
    "The agency aims to prevent avoidable blindness.",
    "The spokesman offered no evidence for his claims.",
    "He said he was unable to provide additional details.",
    "The ministry refused to comment.",
    "Many weekend sporting activities have been cancelled.",
    "The journey involved more paperwork than I recall.",
    "Workers capture the dogs before the market opens.",
    "Developing countries have growing energy demands.",
    "Travelers need a PCR test taken no more than 72 hours before departure.",
    "The song is being shared along with a report.",
])
def test_words_of_stories_that_are_no_acts(extract, text):
    assert _typed(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    ("The minister slammed the decision as reckless.", [("ACCUSE", None, "slammed")]),
    ("Russia refused to withdraw its troops.", [("REJECT", None, "refused")]),
    ("Turkey recalled its ambassador from Israel.", [("SANCTION", None, "recalled")]),
    ("Cameroon banned the import of chicks from Europe.", [("SANCTION", None, "banned")]),
    ("Qatar offered to mediate between the two sides.", [("AGREE", None, "offered")]),
    ("The United States and India shared intelligence on the militants.", [("COOPERATE", None, "shared")]),
])
def test_the_same_verbs_still_act(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia annexed Crimea in 2014.", [("ASSAULT", "occupy", "annexed")]),
    ("The agency said it closed 12 media outlets linked to the group.", [("COERCE", "censor", "closed")]),
    ("The State Department said it was deeply disappointed by the verdict.", [("ACCUSE", None, "disappointed by")]),
    ("Two U.S. warships passed through the strait last week.", [("MOBILIZE", "troops", "passed")]),
    ("Britain is seeking to finalize a deal with Mauritius.", [("AGREE", None, "finalize")]),
    ("A meeting in Paris on Wednesday gathered the defense ministers of France and Germany.",
     [("CONSULT", None, "gathered")]),
    ("The president contended that the bloc is one of the most hostile trading powers in the world.",
     [("ACCUSE", None, "is one")]),
])
def test_acts_named_in_real_reporting(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text", [
    "The bill passed into law last year.",
    "The family gathered old photographs.",
])
def test_the_same_words_of_no_act(extract, text):
    assert _typed(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    ('The spokesman tweeted, "It is time to stop the attacks on our villages."', [("REQUEST", None, "time to stop")]),
    # a past "it was time to" narrates, it asks no one
    ("It was time to leave the party.", []),
])
def test_it_is_time_to_is_a_call(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_a_deployment_of_a_states_weapons_is_its_own(extract):
    doc = extract("Japan lodged a strong protest with Seoul over the deployment of a U.S. radar system.")
    assert _typed(doc) == [("ACCUSE", None, "lodged"), ("MOBILIZE", None, "deployment")]
    assert [a.name for a in doc.events[1].source] == ["United States"]


@pytest.mark.parametrize("text, expected", [
    ("The governor told city council members to draft regulations.", [("REQUEST", None, "told")]),
    ("The president told reporters to expect a decision soon.", []),
    ("The farmer took the ministry to court.", [("ACCUSE", None, "took the ministry to court")]),
    ("Japan and Australia shared concerns over the missile launches.", [("ACCUSE", None, "shared concerns")]),
    ("The court lifted orders blocking the swearing-in of the nominee.", [("CONCEDE", None, "lifted")]),
    ("The deputy president was impeached in October.", [("COERCE", None, "impeached")]),
    ("The reporter received a courage award from the U.S. secretary of state.", [("SUPPORT", None, "received")]),
    ("The plan faced opposition from several European countries.", [("ACCUSE", None, "faced opposition")]),
])
def test_directives_lawsuits_and_honours(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_crimes_a_third_party_reports_are_its_charge(extract):
    assert _typed(extract("A rights group said government troops committed atrocities in the region.")) == [
        ("ACCUSE", None, "said"), ("ASSAULT", None, "committed")]


def test_a_duty_in_a_second_reported_clause_is_a_demand(extract):
    doc = extract("Macron said there is no way to win the war by force, and that both Russia and Ukraine must "
                  "make concessions.")
    assert _typed(doc) == [("REQUEST", None, "said")]
    assert sorted(a.name for a in doc.events[0].target) == ["Russia", "Ukraine"]


@pytest.mark.parametrize("text, expected", [
    ("The militia was allegedly behind the bombing, according to prosecutors.", [("ACCUSE", None, "was allegedly behind")]),
    ("The envoy said the former governor was involved in corrupt acts.", [("ACCUSE", None, "was involved")]),
    ("The car was parked behind the attack site.", []),
    ("The minister was involved in the talks.", []),
    ("A think tank identified him as a government propagandist.", [("ACCUSE", None, "identified")]),
    ("Police identified the victim as a local teacher.", []),
])
def test_charges_of_being_behind_a_deed(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The minister said the ceasefire was an important step toward peace.", [("SUPPORT", None, "was an important step")]),
    ("He said the road was a long way to go.", []),
])
def test_a_deed_said_to_be_a_positive_step_is_praised(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a truce or peace accord signed settles the fight between the signers
    ("The army and the rebels signed a ceasefire agreement in Nairobi on Sunday.",
     [("AGREE", None, "signed a ceasefire agreement")]),
    # a treaty of trade or friendship signed stays a formal endorsement (CAMEO 057)
    ("Chile and Peru signed a trade agreement on Sunday.", [("SUPPORT", None, "signed a trade agreement")]),
])
def test_signing_a_truce_is_agreeing_to_it(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Britain announced a pause in military aid to Niger.", [("SANCTION", None, "announced a pause")]),
    ("Canada ordered a freeze on arms deliveries to Israel.", [("SANCTION", None, "ordered a freeze")]),
    # a pause in the fighting is a ceasefire, and no fighting goes on in it
    ("Washington announced a pause in the fighting with Hamas.", [("RETREAT", "ceasefire", "announced a pause")]),
])
def test_a_pause_in_aid_is_a_sanction(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # sharing a view or backing a decision is support; agreeing with a party on a deal an agreement
    ("The journalist said she agreed with the minister's concerns.", [("SUPPORT", None, "agreed")]),
    ("Israel agreed with Hamas on a truce.", [("AGREE", None, "agreed with Hamas on a truce")]),
])
def test_agreeing_with_a_view_is_support(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_a_call_for_an_act_is_a_demand(extract):
    assert _typed(extract("The watchdog renewed its call for a ceasefire in Sudan.")) == [
        ("REQUEST", None, "renewed its call")]


def test_a_reporter_requesting_comment_makes_no_request(extract):
    assert _typed(extract("The agency sent an email requesting comment from the ministry.")) == []


@pytest.mark.parametrize("text, expected", [
    ("Government troops surrounded the rebel stronghold on Monday.", [("COERCE", None, "surrounded")]),
    ("Protesters surrounded the parliament building on Monday.", [("PROTEST", None, "surrounded")]),
])
def test_forces_surrounding_a_place_press_on_it(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Members of the banned party can not take part in any political activity for ten years.", []),
    ("Rebels took part of the northern province on Monday.", [("ASSAULT", "occupy", "took")]),
])
def test_taking_part_is_no_taking(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_meeting_a_limit_is_no_meeting(extract):
    assert _typed(extract("The country must sharply cut emissions to meet its climate limits.")) == []


def test_not_going_to_bend_is_a_refusal(extract):
    assert _typed(extract("Trump said he was not going to bend.")) == [("REJECT", None, "bend")]


def test_portraying_as_a_hero_is_praise(extract):
    assert _typed(extract("State television portrayed the pilot as a hero.")) == [("SUPPORT", None, "portrayed")]


@pytest.mark.parametrize("text, expected", [
    ("Critics say the deportation violates Thailand's treaty obligations.", [("ACCUSE", None, "violates")]),
    # what an accusation charges is its content, not a second accusation
    ("Amnesty accused the army of violating human rights.", [("ACCUSE", None, "accused")]),
])
def test_breaking_a_legal_duty_is_what_critics_charge(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Gunmen laid siege to a hotel in Mogadishu.", [("ASSAULT", None, "laid siege")]),
    ("Russian forces laid siege to Mariupol in March.", [("COERCE", None, "laid siege")]),
])
def test_a_siege_of_a_building_is_an_armed_attack(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The hunting season ended amid growing opposition from European countries.", [("REJECT", None, "opposition")]),
    ("The opposition boycotted the vote.", [("PROTEST", None, "boycotted")]),
])
def test_opposition_from_a_party_is_a_rejection(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Relations soured after the Oval Office clash between the two presidents.", [("ACCUSE", None, "clash")]),
    ("Kyiv lost its aid after the Oval Office clash between the two leaders.", [("ACCUSE", None, "clash")]),
    ("Troops clashed with rebels near Goma.", [("ASSAULT", None, "clashed")]),
    ("Police and protesters clashed outside the governor's office.", [("ASSAULT", None, "clashed")]),
])
def test_a_verbal_clash_is_words_not_blows(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The island acceded to independence in 1968.", []),
    ("Kenya acceded to the demands of the strikers.", [("CONCEDE", None, "acceded")]),
])
def test_acceding_to_independence_is_no_concession(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_an_assessment_offered_is_no_offer(extract):
    assert _typed(extract("The envoy offered an impartial assessment of the facts.")) == []


def test_dismantling_a_regime_is_coercion(extract):
    assert _typed(extract("The new authorities dismantled the security apparatus of the former regime.")) == [
        ("COERCE", None, "dismantled")]


@pytest.mark.parametrize("text, expected", [
    ("Japan's prime minister may advocate for forming a nuclear body with the United States.",
     [("REQUEST", None, "advocate for")]),
    ("The party advocated Islamism and Arab nationalism.", []),
])
def test_advocating_for_a_step_is_a_request(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("What did you discuss with the Chinese envoy in Beijing?", []),
    ("Could they call the State Department? Maybe.", []),
    ("Russia attacked Kyiv on Monday.", [("ASSAULT", None, "attacked")]),
])
def test_an_event_asked_about_is_not_reported(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_skepticism_about_a_plan_is_a_grievance(extract):
    assert _typed(extract("Many parents are skeptical about the government's new proposals.")) == [
        ("ACCUSE", None, "skeptical about")]


@pytest.mark.parametrize("text, expected", [
    ("The president is keeping new tariffs in place on Mexico and Canada.", [("SANCTION", None, "keeping new tariffs")]),
    ("The EU still has a travel ban in place for visitors from the United States.", [("SANCTION", None, "has a travel ban")]),
    ("The bank has a new system in place.", []),
])
def test_a_measure_kept_in_place_is_the_measure(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_a_hyphenated_event_noun_is_one_word(extract):
    assert _typed(extract("Traders held a sit-in at the market.")) == [("PROTEST", None, "held a sit-in")]


def test_the_arrest_of_someone_names_whom_it_is_done_to(extract):
    doc = extract("The arrest of the Syrian activist Omar Haddad prompted protests.")
    assert _typed(doc) == [("COERCE", None, "arrest"), ("PROTEST", None, "protests")]
    assert [a.name for a in doc.events[0].source] == []
    assert [a.name for a in doc.events[0].target] == ["Omar Haddad"]
