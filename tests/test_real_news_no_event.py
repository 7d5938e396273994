"""Words that name an act without anyone making it, on the English of real reporting (types6): a warning that
something is so, an act in a comparison, what a circumstance "forces", a move an attitude is held about, a generic
activity, an act an adjective weighs, a plan's listed content, an event an anniversary recalls; and the status of
an offered act, a possessed deed acted on, a summit dated ahead. Sentences written for these tests."""

import pytest


def _typed(doc):
    """(type, trigger text, status) of every event, in text order."""
    return sorted(((e.type, e.trigger, e.status) for e in doc.events), key=lambda t: doc.text.find(t[1]))


@pytest.mark.parametrize("text, expected", [
    ("Doctors warned that the floods are spreading cholera in the camps.", []),
    ("The ministry warned that the blaze is simply too large to contain.", []),
    # a warning of what will come is a threat
    ("The army warned that it would strike back.", [("THREATEN", "warned", "asserted")]),
])
def test_a_warning_that_something_is_so_is_no_threat(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_an_act_in_a_comparison_is_no_event(extract):
    assert _typed(extract("The curfew may last longer than the villagers are willing to accept.")) == []


def test_what_a_circumstance_forces_is_no_move(extract):
    assert _typed(extract("The crisis has forced hundreds of Kenyan traders out of business.")) == []


def test_a_deal_one_is_critical_of_is_not_made_there(extract):
    assert _typed(extract("Farmers in Kenya are critical of the agreement.")) == [("ACCUSE", "critical of", "asserted")]


def test_a_gerund_named_as_a_kind_of_act_is_no_event(extract):
    assert _typed(extract("In Mali, negotiating with jihadist groups is considered treason.")) == []


def test_an_act_an_adjective_weighs_is_not_made(extract):
    assert _typed(extract("Chinese support is vital for Pakistan to negotiate the loan.")) == []


def test_what_a_plan_includes_is_its_content(extract):
    assert _typed(extract("The European Union unveiled a plan that includes boosting aid to Ukraine.")) == []
    # a trip's programme is a move
    assert _typed(extract("Modi's trip will include meeting Kenya's President William Ruto.")) == [
        ("CONSULT", "meeting", "future")]


def test_an_event_an_anniversary_recalls_is_history(extract):
    assert _typed(extract("Monday marks the tenth anniversary of the Russian invasion of Crimea.")) == []


def test_an_act_offered_is_hypothetical(extract):
    assert _typed(extract("The rebels said they were ready to free the hostages.")) == [
        ("AGREE", "ready to free", "asserted"), ("RETREAT", "free", "hypothetical")]


def test_a_possessed_deed_acted_on_is_a_given(extract):
    assert _typed(extract("Israel vowed that Hezbollah's rocket attack would be answered.")) == [
        ("THREATEN", "vowed", "asserted"), ("ASSAULT", "attack", "asserted")]


def test_a_summit_dated_ahead_is_future(extract):
    doc = extract("Leaders will meet on the sidelines of the G20 summit in Rome next month.")
    assert [(e.type, e.trigger, e.status) for e in doc.events if e.trigger == "summit"] == [
        ("CONSULT", "summit", "future")]


@pytest.mark.parametrize("text, expected", [
    ("Amnesty International repeated its call for the junta to free all political prisoners.",
     [("REQUEST", "repeated its call", "asserted")]),
    ("The opposition renewed calls for disbanding the militias and freeing the detained activists.",
     [("REQUEST", "renewed calls", "asserted")]),
])
def test_what_a_call_asks_for_is_its_content(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_the_aim_of_a_purpose_clause_has_not_happened(extract):
    assert _typed(extract("The activist's daughter flew to Geneva to win her mother's release.")) == []


def test_a_price_charged_is_no_charge_laid(extract):
    assert _typed(extract("Private hospitals in Thailand charge less.")) == []


def test_supplies_made_impossible_are_no_aid(extract):
    assert _typed(extract("Border closures by Nigeria made regular supplies of grain and fertilizer impossible.")) == []


def test_a_negated_ability_is_a_refusal(extract):
    assert _typed(extract("Ankara did not manage to agree a truce with the Kurdish militants.")) == [
        ("REJECT", "agree a truce", "asserted")]


@pytest.mark.parametrize("text, expected", [
    ("Two of the refugees hail from Xinjiang.", []),
    ("The offensive launched by Puntland forces has met with surprising success.",
     [("ASSAULT", "offensive launched", "asserted")]),
    ("Putin called Xi a true friend.", [("SUPPORT", "called", "asserted")]),
])
def test_idioms_of_origin_reception_and_naming(extract, text, expected):
    assert _typed(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("A Kenyan officer, who requested anonymity, said the convoy was attacked.", [("ASSAULT", "attacked", "asserted")]),
    ("Moscow and Beijing are not marching in lockstep.", []),
    ("The transfer demonstrates a complete disregard for human dignity.", []),
])
def test_idioms_of_sourcing_likeness_and_showing(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_attacking_a_newspaper_is_criticism(extract):
    doc = extract("The president attacked the newspaper over its coverage.")
    assert [(e.type, e.trigger) for e in doc.events] == [("ACCUSE", "attacked")]


@pytest.mark.parametrize("text, expected", [
    ("After the transition, elections will be held to choose a new government.", []),
    ("More than two million Chinese tourists visited Vietnam last year.", []),
    ("The number of refugees in the camp declined to 230,000.", []),
])
def test_plans_tourism_and_figures_are_no_moves(extract, text, expected):
    assert _typed(extract(text)) == expected


def test_held_accountable_is_still_a_threat(extract):
    assert [e.type for e in extract("Those responsible will be held accountable, the minister said.").events] == [
        "THREATEN"]
