"""Kinds of position error met in wire and broadcast leads: words of a name, a court's ruling, a crime committed, a
civilian honour, a possessive on a release. Sentences written for these tests."""


def _held(doc):
    """(holder's name, issue, stance) per position, in order: the exact positions of a Doc."""
    return [(p.actor.name, p.issue, p.stance) for p in doc.positions]


def test_a_court_ruling_is_no_refusal(extract):
    assert _held(extract("Kenya's High Court ruled that the ceasefire was illegal.")) == []


def test_ruling_out_a_truce_rejects_it(extract):
    assert _held(extract("Ukraine ruled out a truce on Monday.")) == [("Ukraine", "ceasefire", "reject")]


def test_committing_war_crimes_is_no_commitment(extract):
    assert _held(extract("Kyiv accused Russian troops of committing war crimes in the region.")) == []


def test_committing_to_talks_supports_them(extract):
    assert _held(extract("The rebels committed to returning to the negotiating table.")) == [
        ("rebels", "talks", "support")]


def test_a_cue_word_inside_a_court_name_is_no_issue(extract):
    assert _held(extract("The International Court of Justice rejected the request of the two states.")) == []


def test_a_judge_titled_justice_raises_no_issue(extract):
    assert _held(extract("Justice Tendai Moyo requested more time to study the case.")) == []


def test_a_civilian_honour_is_no_stance_on_civilians(extract):
    assert _held(extract("Kenya conferred its highest civilian honor on the visiting president.")) == []


def test_a_return_to_civilian_rule_is_governance_only(extract):
    assert _held(extract("The protesters demanded a return to civilian rule.")) == [
        ("protesters", "governance", "demand")]


def test_a_call_for_his_release_is_about_prisoners(extract):
    assert _held(extract("Amnesty International called for his release.")) == [
        ("Amnesty International", "prisoners", "demand")]


def test_naming_a_crime_against_humanity_is_no_stance_on_accountability(extract):
    doc = extract("The United Nations says the camps may amount to crimes against humanity. Beijing denies the "
                  "allegations.")
    assert _held(doc) == []


def test_a_truce_whose_existence_the_speaker_denies_is_rejected(extract):
    assert _held(extract("There will be no ceasefire, Putin said.")) == [("Russia", "ceasefire", "reject")]


def test_no_room_for_negotiations_rejects_them(extract):
    assert _held(extract("There would be no room for further negotiations, the Kenyan interior minister said.")) == [
        ("Kenya", "talks", "reject")]


def test_no_peace_without_a_truce_is_no_refusal_of_the_truce(extract):
    # the truce is what the denial makes an exception for: a demand for it (tests/test_positions_composition.py)
    assert _held(extract("There will be no peace without a ceasefire, the Kenyan president said.")) == [
        ("Kenya", "ceasefire", "demand")]


def test_a_delegation_sent_to_an_inauguration_takes_no_part_in_talks(extract):
    assert _held(extract("Japan sent a delegation to attend the inauguration of the new president.")) == []


def test_a_delegation_sent_to_the_next_round_supports_talks(extract):
    assert _held(extract("Sudan's army said it would send a delegation to the next round.")) == [
        ("Sudan", "talks", "support")]


def test_signing_a_constitutional_declaration_accepts_it(extract):
    assert _held(extract("Interim President Ahmed al-Sharaa signed a constitutional declaration on Thursday.")) == [
        ("Syria", "governance", "accept")]


def test_the_first_to_reject_is_the_copulas_subject(extract):
    assert _held(extract("Hamas was the first to reject the truce.")) == [("Hamas", "ceasefire", "reject")]


def test_internet_access_is_no_humanitarian_access(extract):
    assert _held(extract("The Chinese minister called for limits on internet access for young people.")) == []


def test_ceding_to_democracy_gives_up_no_land(extract):
    assert _held(extract("After the regime ceded to a full democracy, Indonesia yielded control of its tax policy.")) == []


def test_ceding_a_region_is_about_territory(extract):
    assert _held(extract("Zelenskiy refused to cede any part of the Donbas region.")) == [("Ukraine", "territory", "reject")]


def test_launching_an_investigation_supports_accountability(extract):
    assert _held(extract("Serbian military police launched an investigation into alleged crimes against civilians.")) == [
        ("Serbia", "accountability", "support"), ("Serbia", "civilian_protection", "support")]


def test_condemning_an_investigation_opposes_accountability(extract):
    assert _held(extract("Russia condemned the ICC investigation.")) == [("Russia", "accountability", "oppose")]


def test_handing_over_suspects_is_no_stance_on_territory(extract):
    assert _held(extract("Libya offered to hand over two suspects to Britain.")) == []


def test_handing_over_villages_is_about_territory(extract):
    assert _held(extract("Azerbaijan demanded that Armenia hand over the villages.")) == [
        ("Azerbaijan", "territory", "demand")]


def test_prohibiting_aid_opposes_it(extract):
    assert _held(extract("The United States announced it would prohibit all aid to the rebels.")) == [
        ("United States", "humanitarian", "oppose")]


def test_blocking_a_resolution_that_calls_for_a_truce_opposes_the_truce(extract):
    assert _held(extract("Russia blocked a resolution calling for a ceasefire.")) == [("Russia", "ceasefire", "oppose")]


def test_a_threat_on_a_condition_demands_no_condition(extract):
    assert _held(extract("Israel threatened to ban voting in the city if Hamas ran in the election.")) == []
