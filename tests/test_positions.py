def _stances(doc):
    return {(p.actor.country or p.actor.name, p.issue, p.stance) for p in doc.positions}


def _held(doc):
    """(holder's name, issue, stance) per position, in order: the exact positions of a Doc."""
    return [(p.actor.name, p.issue, p.stance) for p in doc.positions]


def test_position_demand_from_a_call(extract):
    assert _stances(extract("The United Nations called for humanitarian access to Darfur.")) == {
        ("United Nations", "humanitarian", "demand")}


def test_position_proposal_of_talks(extract):
    assert _stances(extract("Turkey proposed direct talks between Armenia and Azerbaijan.")) == {("TUR", "talks", "propose")}


def test_position_rejection_of_earlier_demands_carries_their_issues(extract):
    doc = extract("Moscow's demands include the annexed territories and permanent neutrality. "
                  "Kyiv has rejected these demands.")
    assert _stances(doc) == {("RUS", "territory", "demand"), ("RUS", "neutrality", "demand"),
                             ("UKR", "territory", "reject"), ("UKR", "neutrality", "reject")}


def test_position_condition_makes_it_conditional(extract):
    assert _stances(extract("Ukraine would only join talks if Russia halted its attacks.")) == {
        ("UKR", "talks", "conditional")}


def test_position_negated_acceptance_is_a_rejection(extract):
    assert _stances(extract("Serbia will never recognise Kosovo's independence.")) == {("SRB", "territory", "reject")}


def test_position_accusing_harm_to_civilians_supports_their_protection(extract):
    assert _stances(extract("Ukraine accused Russia of shelling civilians in Kharkiv.")) == {
        ("UKR", "civilian_protection", "support")}


def test_position_request_content_is_a_demand(extract):
    assert _stances(extract("France urged both sides to accept a truce.")) == {("FRA", "ceasefire", "demand")}


def test_position_rejecting_it_takes_the_issues_of_the_proposal(extract):
    # a humanitarian truce is a truce: "humanitarian" says its kind (kb yields_within), no stake of its own
    assert _held(extract("The RSF proposed a humanitarian truce but the army rejected it.")) == [
        ("Rapid Support Forces", "ceasefire", "propose"), ("Sudan", "ceasefire", "reject")]


def test_position_demanded_withdrawal_is_the_demanders(extract):
    assert _stances(extract("Hamas demanded a full Israeli withdrawal from Gaza.")) == {("PSE", "withdrawal", "demand")}


def test_position_sanctions_count_as_relief_only_when_lifted(extract):
    assert _stances(extract("Moscow demanded the lifting of Western sanctions.")) == {("RUS", "sanctions_relief", "demand")}
    assert _stances(extract("Kyiv called for new sanctions on Moscow.")) == set()


def test_position_talks_as_the_occasion_are_no_stance(extract):
    assert _stances(extract("China and Brazil pledged to deepen trade ties during talks in Beijing.")) == set()


def _positions(doc):
    return sorted((p.actor.name, p.issue, p.stance, p.condition) for p in doc.positions)


def test_position_condition_is_stored_with_a_conditional_stance(extract):
    doc = extract("The FARC said on Monday it would return to the negotiating table if the government released "
                  "its jailed commanders.")
    assert _positions(doc) == [("FARC", "prisoners", "demand", None),
                               ("FARC", "talks", "conditional", "the government released its jailed commanders")]


def test_position_only_if_makes_talks_conditional(extract):
    assert _positions(extract("Kyiv will only engage in talks if Moscow halts its attacks.")) == [
        ("Ukraine", "talks", "conditional", "Moscow halts its attacks")]


def test_position_acceptance_on_condition_that_demands_the_condition(extract):
    doc = extract("Hezbollah said it would accept a truce on condition that Israeli troops leave Lebanon.")
    assert _positions(doc) == [("Hezbollah", "ceasefire", "conditional", "Israeli troops leave Lebanon")]


def test_position_mixed_stances_in_one_sentence_give_two_positions(extract):
    doc = extract("Moldova's president said Chisinau was ready to sign the security pact but rejected any "
                  "foreign troops on its soil.")
    assert _positions(doc) == [("Moldova", "security_guarantees", "accept", None),
                               ("Moldova", "withdrawal", "reject", None)]


def test_position_is_held_by_the_state_not_its_spokesman(extract):
    doc = extract("Kremlin spokesman Dmitry Peskov said Moscow insists on neutrality.")
    assert _positions(doc) == [("Russia", "neutrality", "demand", None)]
    doc = extract("Russian Foreign Minister Sergei Lavrov demanded the lifting of sanctions.")
    assert [(p.actor.name, p.actor.text, p.issue, p.stance) for p in doc.positions] == [
        ("Russia", "Russian Foreign Minister Sergei Lavrov", "sanctions_relief", "demand")]


def test_position_one_sentence_carries_several_issues(extract):
    doc = extract("Ukraine demanded an all-for-all exchange of prisoners and humanitarian access to Mariupol.")
    assert _positions(doc) == [("Ukraine", "humanitarian", "demand", None), ("Ukraine", "prisoners", "demand", None)]


def test_position_owner_of_a_demand_and_the_party_rejecting_it(extract):
    doc = extract("Azerbaijan rejected Armenia's demand to hand over the border villages.")
    assert _positions(doc) == [("Armenia", "territory", "demand", None), ("Azerbaijan", "territory", "reject", None)]


def test_position_given_up_earlier_is_replaced_by_the_new_one(extract):
    doc = extract("Hamas, which had rejected the proposal for a truce, said on Tuesday it now accepted it.")
    assert _positions(doc) == [("Hamas", "ceasefire", "accept", None)]


def test_position_joining_in_without_an_object_takes_the_stake_before_it(extract):
    doc = extract("The United States welcomed security guarantees for Kyiv, and Britain said it would help.")
    assert _positions(doc) == [("Britain", "security_guarantees", "support", None),
                               ("United States", "security_guarantees", "support", None)]


def test_position_halting_attacks_on_civilians_is_about_civilians(extract):
    doc = extract("Turkey proposed halting attacks on civilians.")
    assert _positions(doc) == [("Turkey", "civilian_protection", "propose", None)]


def test_position_a_ceasefire_named_as_an_occasion_is_no_stance(extract):
    doc = extract("Despite the truce declared by Russia, Ukraine called for talks.")
    assert _positions(doc) == [("Ukraine", "talks", "demand", None)]


def test_position_condition_in_json(extract):
    doc = extract("Kyiv will only engage in talks if Moscow halts its attacks.")
    assert doc.positions[0].to_json()["condition"] == "Moscow halts its attacks"


def test_position_wanting_others_to_act_is_a_demand(extract):
    doc = extract("Trump wants Russia and Ukraine to agree to a ceasefire.")
    assert _positions(doc) == [("United States", "ceasefire", "demand", None)]


def test_position_an_act_offered_on_a_condition_is_conditional(extract):
    doc = extract("Hamas said it would release the remaining hostages only if Israel agreed to end the war.")
    assert _positions(doc) == [("Hamas", "ceasefire", "demand", None),
                               ("Hamas", "prisoners", "conditional", "Israel agreed to end the war")]


def test_position_the_price_of_a_refused_trade_is_no_stance(extract):
    doc = extract("Zelenskiy ruled out ceding any territory to Russia in exchange for a ceasefire.")
    assert _positions(doc) == [("Ukraine", "territory", "reject", None)]


def test_issue_cues_extend_and_remove_with_a_user_file(tmp_path, monkeypatch):
    from parley.nlp.positions.issues import load_issues

    (tmp_path / "issues.yaml").write_text(
        "issues: {talks: [proximity talks]}\nremove: {issues: {humanitarian: [aid]}}\n", encoding="utf-8")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    load_issues.cache_clear()
    try:
        cues = load_issues().issues
        assert "proximity talks" in cues["talks"] and "negotiations" in cues["talks"]
        assert "aid" not in cues["humanitarian"] and "humanitarian access" in cues["humanitarian"]
    finally:
        monkeypatch.delenv("PARLEY_KB")
        load_issues.cache_clear()


def test_position_particle_verb_split_by_its_object_is_a_cue(extract):
    doc = extract("Israel demanded that Hezbollah pull its fighters back from the border.")
    assert _positions(doc) == [("Israel", "withdrawal", "demand", None)]


def test_position_an_act_named_by_the_cue_offered_on_a_condition(extract):
    doc = extract("The Houthis said they would halt attacks on shipping if Israel ended its offensive.")
    assert _positions(doc) == [("Houthis", "ceasefire", "conditional", "Israel ended its offensive")]


def test_position_refusing_to_give_up_land_is_a_rejection(extract):
    doc = extract("Ukraine has repeatedly said it will not trade land for peace.")
    assert _positions(doc) == [("Ukraine", "territory", "reject", None)]


def test_position_calling_something_a_name_is_no_demand(extract):
    # 'called X unfair' is a reproach (ACCUSE, kb reproach words): it opposes what it names, and asks for nothing
    doc = extract("Serbia called the border delimitation unfair.")
    assert _positions(doc) == [("Serbia", "territory", "oppose", None)]


def test_position_agreeing_to_one_takes_up_the_earlier_stake(extract):
    doc = extract("Israel, which had opposed a pause in fighting, said on Monday it would now agree to one.")
    assert _positions(doc) == [("Israel", "ceasefire", "accept", None)]


def test_position_refusing_troops_for_a_peacekeeping_force(extract):
    doc = extract("Poland said it would not send troops as part of any peacekeeping force.")
    assert _positions(doc) == [("Poland", "security_guarantees", "oppose", None)]


def test_position_suspending_ones_part_in_talks_rejects_them(extract):
    assert _stances(extract("Armenia suspended its participation in the Vienna talks on Friday.")) == {
        ("ARM", "talks", "reject")}


def test_position_refusal_lasting_while_a_state_holds_is_conditional(extract):
    doc = extract("Serbia would not negotiate with the militias while they held the bridge.")
    assert [(p.actor.country, p.issue, p.stance, p.condition) for p in doc.positions] == [
        ("SRB", "talks", "conditional", "they held the bridge")]


def test_position_withdrawing_from_territory_is_no_stance_on_territory(extract):
    assert _stances(extract("Armenia agreed to pull its troops out of Azerbaijani territory.")) == {
        ("ARM", "withdrawal", "accept")}


def test_position_accusing_a_party_of_breaking_a_truce_is_no_stance_on_it(extract):
    assert _stances(extract("The army accused the rebels of violating the truce near Goma.")) == set()


def test_position_welcoming_news_of_anothers_agreement_supports_it_too(extract):
    assert _stances(extract("Canadian lawmakers welcomed the news that Armenia had agreed to a truce.")) == {
        ("ARM", "ceasefire", "accept"), ("CAN", "ceasefire", "support")}


def test_position_dismissing_a_claim_of_anothers_agreement_is_no_stance_on_it(extract):
    assert _stances(extract("Moscow dismissed the claim that Kyiv had agreed to a truce.")) == {
        ("UKR", "ceasefire", "accept")}


def test_position_not_yet_agreed_in_the_perfect_is_no_refusal(extract):
    assert _stances(extract("Azerbaijan has not agreed to the truce yet.")) == set()


def test_position_of_a_clause_does_not_pass_to_the_subject_of_the_clause_before(extract):
    assert _stances(extract("Armenia has signed the truce, but Baku said its envoys would go to Geneva for discussions.")) == {
        ("ARM", "ceasefire", "accept")}


def test_position_recognising_a_person_in_office_is_no_stance_on_territory(extract):
    assert _stances(extract("Regional leaders said they will no longer recognize Hassan as president.")) == set()


def test_position_military_aid_is_no_humanitarian_stake(extract):
    assert _stances(extract("Germany announced that it would send military aid to Kyiv.")) == set()


def test_position_withdrawal_of_foreign_troops_is_about_the_withdrawal(extract):
    assert {(i, s) for _, i, s in _stances(extract("Iran praised the withdrawal of foreign troops from Iraq."))} == {
        ("withdrawal", "support")}


def test_position_accusing_of_a_deed_is_no_stance_on_what_the_deed_names(extract):
    assert _stances(extract("Ankara accused the militia of collusion with foreign forces.")) == set()


def test_position_condemning_attacks_on_civilians_stands_up_for_them(extract):
    assert _stances(extract("Jordan condemned the attacks on civilians in Gaza.")) == {
        ("JOR", "civilian_protection", "support")}


def test_position_called_for_a_party_to_do_is_the_callers_demand(extract):
    assert _stances(extract("The UN envoy called for the junta to open a genuine dialogue.")) == {
        ("United Nations", "talks", "demand")}


def test_position_of_a_truce_a_party_rejected_in_a_relative_clause(extract):
    assert _stances(extract("Analysts said the truce Hamas rejected would have freed twenty hostages.")) == {
        ("PSE", "ceasefire", "reject")}


def test_position_of_a_process_a_state_has_pursued_the_parser_hangs_on_the_verb(extract):
    assert _stances(extract("Observers see an end to the diplomatic process Tokyo has pursued with Seoul.")) == {
        ("JPN", "talks", "support")}


def test_position_of_we_in_a_quote_is_the_speakers(extract):
    assert _stances(extract("“We are hoping both sides return to the table,” the Kremlin spokesman told reporters.")) == {
        ("RUS", "talks", "support")}


def test_position_alleged_of_another_party_is_not_its_stance(extract):
    assert _stances(extract("Kyiv alleges the militia has not kept its promise to join peace talks.")) == set()


def test_position_a_party_claims_for_itself_stands(extract):
    assert _stances(extract("Moscow claims it supports the truce.")) == {("RUS", "ceasefire", "support")}


def test_position_alleging_harm_to_civilians_stands_up_for_them(extract):
    assert _stances(extract("Jordan alleged that the militia had shelled civilians in Irbid.")) == {
        ("JOR", "civilian_protection", "support")}


def test_position_call_for_a_detained_persons_release_is_about_prisoners(extract):
    assert _stances(extract("The European Union called for Navalny's immediate release.")) == {
        ("European Union", "prisoners", "demand")}


def test_position_releasing_a_statement_is_no_stance_on_prisoners(extract):
    assert _stances(extract("The European Union urged Moscow to release a statement.")) == set()


def test_position_protest_over_food_prices_is_no_stance_on_relief(extract):
    assert _stances(extract("Thousands of Kenyans protested on Monday over rising food prices.")) == set()


def test_position_not_yet_accepting_what_was_proposed_is_no_refusal(extract):
    assert _stances(extract("Kyiv proposed a truce on Monday. Moscow has not accepted it.")) == {
        ("UKR", "ceasefire", "propose")}


def test_position_refusing_what_was_proposed_is_a_rejection_not_negated_twice(extract):
    assert _stances(extract("Kyiv proposed a truce on Monday. Moscow would not accept it.")) == {
        ("UKR", "ceasefire", "propose"), ("RUS", "ceasefire", "reject")}
