"""Kinds of position error met in real news leads (VOA, wire copy): who holds a stance said of "his country", a call
to refuse, the cues of alliance membership, a stance said as a predicate, a condition set on the copula, words of
a truce and of people freed, access that is not aid's. Sentences written for these tests."""


def _held(doc):
    """(holder's name, issue, stance) per position, in order: the exact positions of a Doc."""
    return [(p.actor.name, p.issue, p.stance) for p in doc.positions]


def test_his_country_is_the_speakers_state(extract):
    assert _held(extract("Kenyan President William Ruto said his government was ready for talks with the protesters.")) == [
        ("Kenya", "talks", "support")]


def test_a_call_to_reject_a_truce_opposes_it(extract):
    assert _held(extract("The United States urged Israel to reject the truce.")) == [
        ("United States", "ceasefire", "oppose")]


def test_seeking_nato_membership_is_against_neutrality(extract):
    assert _held(extract("Georgia seeks NATO membership.")) == [("Georgia", "neutrality", "reject")]


def test_opposing_a_nato_bid_is_for_neutrality(extract):
    assert _held(extract("Russia opposes Ukraine's membership in NATO.")) == [("Russia", "neutrality", "support")]


def test_a_stake_said_to_be_unacceptable_is_rejected_by_the_speaker(extract):
    doc = extract("Russian Foreign Minister Sergei Lavrov said any deployment of Western peacekeepers in Ukraine would be "
                  "unacceptable to Moscow.")
    assert _held(doc) == [("Russia", "security_guarantees", "reject")]


def test_harm_said_to_be_unacceptable_stands_up_for_civilians(extract):
    doc = extract("The shelling of residential areas is unacceptable, the U.N. secretary-general said.")
    assert _held(doc) == [("United Nations", "civilian_protection", "support")]


def test_a_condition_on_the_copula_holds_for_the_stance_under_it(extract):
    doc = extract("Iran's foreign minister said Tehran was willing to resume nuclear talks if Washington lifted "
                  "sanctions first.")
    assert _held(doc) == [("Iran", "talks", "conditional"), ("Iran", "sanctions_relief", "demand")]


def test_an_agreement_to_cease_hostilities_accepts_a_truce(extract):
    assert _held(extract("Armenia and Azerbaijan agreed to cease hostilities along their border.")) == [
        ("Armenia", "ceasefire", "accept"), ("Azerbaijan", "ceasefire", "accept")]


def test_a_halt_to_strikes_is_a_truce(extract):
    assert _held(extract("Ukraine proposed a halt to strikes on energy infrastructure.")) == [
        ("Ukraine", "ceasefire", "propose")]


def test_releasing_a_named_kind_of_person_is_about_prisoners(extract):
    assert _held(extract("Belarus agreed to release two American citizens.")) == [("Belarus", "prisoners", "accept")]


def test_access_granted_to_a_person_is_no_humanitarian_access(extract):
    assert _held(extract("The Taliban said they would no longer grant the U.N. rapporteur access to Afghanistan.")) == []


def test_what_a_party_wants_it_demands(extract):
    assert _held(extract("Kyiv wants the return of all prisoners of war, a Ukrainian official said.")) == [
        ("Ukraine", "prisoners", "demand")]


def test_a_backstop_for_investment_is_no_security_guarantee(extract):
    assert _held(extract("Investors want a backstop for their loans, Pakistan's finance minister said.")) == []


def test_a_deal_rejected_for_what_it_would_require_rejects_that(extract):
    assert _held(extract("Kyiv rejected any agreement that would require Ukraine to give up land.")) == [
        ("Ukraine", "territory", "reject")]


def test_a_humanitarian_truce_is_a_truce(extract):
    assert _held(extract("The African Union called for a humanitarian ceasefire in Sudan.")) == [
        ("African Union", "ceasefire", "demand")]


def test_a_truce_beside_aid_access_keeps_both(extract):
    assert _held(extract("Egypt called for a truce and humanitarian access to Gaza.")) == [
        ("Egypt", "ceasefire", "demand"), ("Egypt", "humanitarian", "demand")]


def test_insistence_is_a_demand(extract):
    assert _held(extract("Russia's insistence on keeping the annexed regions has stalled the negotiations.")) == [
        ("Russia", "territory", "demand")]


def test_suspending_sanctions_is_relief(extract):
    assert _held(extract("The EU agreed to suspend some sanctions on Syria's banks.")) == [
        ("European Union", "sanctions_relief", "accept")]


def test_ending_the_conflict_is_a_truce(extract):
    assert _held(extract("Ethiopia and Eritrea pledged to end the conflict along their border.")) == [
        ("Ethiopia", "ceasefire", "propose"), ("Eritrea", "ceasefire", "propose")]


def test_an_attribution_set_inside_the_quote_names_the_speaker(extract):
    assert _held(extract("On the other hand, the Iranian foreign minister said, we are open for dialogue.")) == [
        ("Iran", "talks", "support")]


def test_what_a_speaker_says_it_is_time_for_is_demanded(extract):
    assert _held(extract("Now is the time for a ceasefire, the French president said.")) == [
        ("France", "ceasefire", "demand")]


def test_the_first_time_talks_were_held_is_no_call(extract):
    assert _held(extract("It was the first time the two sides had held direct talks since 2022, Turkey said.")) == []


def test_stressing_the_importance_of_talks_supports_them(extract):
    assert _held(extract("Saudi Arabia stressed the importance of dialogue between the two sides.")) == [
        ("Saudi Arabia", "talks", "support")]


def test_no_role_for_mediation_rejects_it(extract):
    assert _held(extract("India has said there is no role for third-party mediation.")) == [("India", "talks", "reject")]


def test_a_truce_told_with_its_broker_is_accepted_by_the_parties(extract):
    assert _held(extract("The truce, brokered by Egypt, was accepted by both Israel and Hamas.")) == [
        ("Egypt", "ceasefire", "accept"), ("Israel", "ceasefire", "accept"), ("Hamas", "ceasefire", "accept")]


def test_a_stance_held_back_until_a_clause_comes_true_is_conditional(extract):
    doc = extract("Hamas said it would agree to a truce only after Israel lifted the blockade.")
    assert _held(doc) == [("Hamas", "ceasefire", "conditional"), ("Hamas", "humanitarian", "demand")]
