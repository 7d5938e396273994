"""How a governing word changes the stance below it (a refusal turns it round, a verb of showing takes a stance
noun), and the words of sanctions relief. Sentences written for these tests."""


def _held(doc):
    """(holder's name, issue, stance) per position, in order: the exact positions of a Doc."""
    return [(p.actor.name, p.issue, p.stance) for p in doc.positions]


def test_refusing_to_accept_a_truce_rejects_it(extract):
    assert _held(extract("Serbia refused to accept the truce.")) == [("Serbia", "ceasefire", "reject")]


def test_an_unwilling_party_rejects_what_it_is_unwilling_to_accept(extract):
    assert _held(extract("Armenia is unwilling to accept a ceasefire.")) == [("Armenia", "ceasefire", "reject")]


def test_agreeing_to_extend_sanctions_opposes_their_relief(extract):
    assert _held(extract("Canada agreed to extend sanctions on Iran for a year.")) == [
        ("Canada", "sanctions_relief", "reject")]


def test_keeping_tariffs_in_place_opposes_relief(extract):
    assert _held(extract("Japan is keeping its tariffs on Chinese steel in place.")) == [
        ("Japan", "sanctions_relief", "oppose")]


def test_a_call_to_loosen_trade_restrictions_demands_relief(extract):
    assert _held(extract("Kenya urged the European Union to loosen trade restrictions on its flowers.")) == [
        ("Kenya", "sanctions_relief", "demand")]


def test_a_call_for_an_end_to_an_embargo_demands_relief(extract):
    assert _held(extract("Cuba called for an end to the embargo.")) == [("Cuba", "sanctions_relief", "demand")]


def test_imposing_tariffs_is_no_stance_on_relief(extract):
    assert _held(extract("Brazil imposed tariffs on American ethanol.")) == []


def test_a_shown_stance_noun_is_the_subjects(extract):
    assert _held(extract("Ethiopia signalled openness to talks with Eritrea.")) == [("Ethiopia", "talks", "support")]


def test_no_interest_shown_turns_the_stance_round(extract):
    assert _held(extract("Venezuela has shown no interest in negotiations with Guyana.")) == [
        ("Venezuela", "talks", "oppose")]


def test_an_infinitive_of_a_call_on_someone_is_what_is_called_for(extract):
    assert _held(extract("Chad is calling on its neighbours to lift the embargo on its exports.")) == [
        ("Chad", "sanctions_relief", "demand")]


def test_an_infinitive_after_calling_off_is_a_purpose(extract):
    assert _held(extract("Mali called off the offensive on Monday to allow aid convoys through.")) == []


def test_pleading_for_a_halt_to_the_fighting_demands_a_truce(extract):
    assert _held(extract("Egypt pleaded for a halt to the fighting in Gaza.")) == [("Egypt", "ceasefire", "demand")]


def test_a_demand_for_a_resignation_is_about_governance(extract):
    assert _held(extract("Protesters demanded the resignation of the president.")) == [
        ("Protesters", "governance", "demand")]


def test_barring_aid_from_a_town_opposes_it(extract):
    assert _held(extract("Israel barred aid convoys from entering the town.")) == [("Israel", "humanitarian", "oppose")]


def test_a_refusal_without_a_release_is_conditional_and_demands_the_release(extract):
    assert _held(extract("Eritrea will not sign a truce without the release of its prisoners.")) == [
        ("Eritrea", "ceasefire", "conditional"), ("Eritrea", "prisoners", "demand")]


def test_no_talks_without_a_truce_demands_the_truce(extract):
    assert _held(extract("Armenia said there would be no talks without a ceasefire.")) == [
        ("Armenia", "talks", "conditional"), ("Armenia", "ceasefire", "demand")]


def test_a_refusal_unless_something_is_given_demands_it(extract):
    assert _held(extract("Georgia will not cede any land unless it receives security guarantees.")) == [
        ("Georgia", "territory", "conditional"), ("Georgia", "security_guarantees", "demand")]


def test_talks_without_preconditions_are_no_exception(extract):
    assert _held(extract("Serbia is ready for talks without preconditions.")) == [("Serbia", "talks", "support")]


def test_what_a_speaker_says_must_be_is_the_speakers_demand(extract):
    assert _held(extract('"There must be a truce now," the Jordanian foreign minister said.')) == [
        ("Jordan", "ceasefire", "demand")]


def test_who_should_be_released_is_demanded_by_the_speaker(extract):
    assert _held(extract("Canada said the detainees should be released at once.")) == [("Canada", "prisoners", "demand")]


def test_an_obligation_with_no_speaker_is_no_stance(extract):
    assert _held(extract("The detainees should be released at once.")) == []


def test_the_act_a_ban_keeps_its_object_from_is_no_stake_of_the_banner(extract):
    assert _held(extract("Azerbaijan prohibited journalists from entering the occupied territories.")) == []


def test_schools_told_to_admit_students_are_no_stance_on_civilians(extract):
    assert _held(extract("Kenya's High Court ordered all public schools to admit pregnant students.")) == []


def test_condemning_strikes_on_hospitals_stands_up_for_civilians(extract):
    assert _held(extract("Jordan condemned the strikes on hospitals in Gaza.")) == [
        ("Jordan", "civilian_protection", "support")]


def test_welcoming_the_release_is_about_prisoners(extract):
    assert _held(extract("Human Rights Watch welcomed the release.")) == [
        ("Human Rights Watch", "prisoners", "support")]


def test_the_release_of_a_report_is_no_stance_on_prisoners(extract):
    assert _held(extract("Human Rights Watch welcomed the release of the report.")) == []


def test_condemning_a_crackdown_on_protesters_stands_up_for_civilians(extract):
    assert _held(extract("Canada condemned the crackdown on protesters in Minsk.")) == [
        ("Canada", "civilian_protection", "support")]


def test_protesters_gathering_raise_no_issue(extract):
    assert _held(extract("Protesters gathered outside the Egyptian embassy.")) == []


def test_an_infinitives_own_stance_stands_when_nothing_above_says_one(extract):
    assert _held(extract("Australia decided to maintain sanctions on Myanmar.")) == [
        ("Australia", "sanctions_relief", "oppose")]


def test_hinting_at_lifting_sanctions_proposes_relief(extract):
    assert _held(extract("Paris hinted at lifting sanctions on Damascus.")) == [("France", "sanctions_relief", "propose")]
