def _stances(doc):
    return {(p.actor.country or p.actor.name, p.issue, p.stance) for p in doc.positions}


def test_position_demand_from_a_call(extract):
    assert ("United Nations", "humanitarian", "demand") in _stances(
        extract("The United Nations called for humanitarian access to Darfur."))


def test_position_proposal_of_talks(extract):
    assert ("TUR", "talks", "propose") in _stances(extract("Turkey proposed direct talks between Armenia and Azerbaijan."))


def test_position_rejection_of_earlier_demands_carries_their_issues(extract):
    doc = extract("Moscow's demands include the annexed territories and permanent neutrality. "
                  "Kyiv has rejected these demands.")
    stances = _stances(doc)
    assert ("RUS", "territory", "demand") in stances
    assert ("UKR", "territory", "reject") in stances
    assert ("UKR", "neutrality", "reject") in stances


def test_position_condition_makes_it_conditional(extract):
    assert ("UKR", "talks", "conditional") in _stances(
        extract("Ukraine would only join talks if Russia halted its attacks."))


def test_position_negated_acceptance_is_a_rejection(extract):
    assert ("SRB", "territory", "reject") in _stances(extract("Serbia will never recognise Kosovo's independence."))


def test_position_accusing_harm_to_civilians_supports_their_protection(extract):
    assert ("UKR", "civilian_protection", "support") in _stances(
        extract("Ukraine accused Russia of shelling civilians in Kharkiv."))


def test_position_request_content_is_a_demand(extract):
    assert ("FRA", "ceasefire", "demand") in _stances(extract("France urged both sides to accept a truce."))


def test_position_rejecting_it_takes_the_issues_of_the_proposal(extract):
    stances = _stances(extract("The RSF proposed a humanitarian truce but the army rejected it."))
    assert ("SDN", "ceasefire", "reject") in stances
    assert ("Rapid Support Forces", "ceasefire", "propose") in {(p.actor.name, p.issue, p.stance) for p in
                                                               extract("The RSF proposed a truce.").positions}


def test_position_demanded_withdrawal_is_the_demanders(extract):
    stances = _stances(extract("Hamas demanded a full Israeli withdrawal from Gaza."))
    assert ("PSE", "withdrawal", "demand") in stances
    assert ("ISR", "withdrawal", "support") not in stances


def test_position_sanctions_count_as_relief_only_when_lifted(extract):
    assert ("RUS", "sanctions_relief", "demand") in _stances(extract("Moscow demanded the lifting of Western sanctions."))
    assert not any(p.issue == "sanctions_relief" for p in extract("Kyiv called for new sanctions on Moscow.").positions)


def test_position_talks_as_the_occasion_are_no_stance(extract):
    doc = extract("China and Brazil pledged to deepen trade ties during talks in Beijing.")
    assert not any(p.issue == "talks" for p in doc.positions)
