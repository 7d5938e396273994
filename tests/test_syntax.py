import pytest

from parley.nlp.language import syntax


def _events(doc):
    return [(e.type, [a.name for a in e.source], [a.name for a in e.target], e.status) for e in doc.events]


@pytest.mark.parametrize("marker", ["if", "provided that", "on condition that", "as long as"])
def test_condition_markers_give_one_analysis(extract, marker):
    doc = extract(f"Israel will attack Gaza {marker} Hamas refuses talks.")
    assert _events(doc) == [("ASSAULT", ["Israel"], ["Palestine"], "hypothetical")]


def test_condition_clause_its_verb_and_what_it_governs(sentence_and_trigger):
    sent, verb = sentence_and_trigger("Israel will attack Gaza provided that Hamas refuses talks.", "attack")
    [cond] = syntax.conditions(sent)
    assert (cond.marker.text, cond.text, cond.verb.text, cond.governs.text) == (
        "provided that", "Hamas refuses talks", "refuses", "attack")
    assert syntax.condition_of(verb) == cond


def test_provided_as_a_verb_opens_no_condition(sentence_and_trigger):
    sent, _ = sentence_and_trigger("The United States provided weapons to Ukraine.", "provided")
    assert syntax.conditions(sent) == []


def test_if_after_ask_is_a_question_not_a_condition(sentence_and_trigger):
    sent, _ = sentence_and_trigger("Reporters asked if Russia would attend the talks.", "asked")
    assert syntax.conditions(sent) == []


def test_act_inside_a_condition_is_hypothetical(extract):
    doc = extract("Colombia will resume negotiations with the ELN provided that the guerrillas release their captives.")
    assert [(e.type, e.status) for e in doc.events] == [("CONSULT", "hypothetical")]


def test_wanting_to_meet_on_a_weekday_dates_the_next_one(extract):
    doc = extract("Russia wants to hold talks with Ukraine on Friday.", published="2025-04-22")  # a Tuesday
    assert [(e.type, e.status, e.date) for e in doc.events] == [("CONSULT", "future", "2025-04-25")]


def test_no_before_the_subject_negates_the_clause(sentence_and_trigger):
    _, verb = sentence_and_trigger("No rockets were fired overnight.", "fired")
    assert syntax.negated_subject(verb) and not syntax.is_negated(verb)


def test_grammar_lists_extend_and_remove(tmp_path, monkeypatch):
    (tmp_path / "grammar.yaml").write_text(
        "condition_markers: [assuming that]\nremove: {condition_markers: [unless]}\n", encoding="utf-8")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    syntax.clause_markers.cache_clear()
    try:
        markers = syntax.clause_markers().condition_markers
        assert ("assuming", "that") in markers and ("if",) in markers and ("unless",) not in markers
    finally:
        monkeypatch.delenv("PARLEY_KB")
        syntax.clause_markers.cache_clear()


def test_grammar_list_that_is_not_a_list_is_reported(tmp_path, monkeypatch):
    (tmp_path / "grammar.yaml").write_text("negators: not\n", encoding="utf-8")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    syntax.clause_markers.cache_clear()
    try:
        with pytest.raises(Exception, match="grammar.yaml: negators must be a list of words, got str"):
            syntax.clause_markers()
    finally:
        monkeypatch.delenv("PARLEY_KB")
        syntax.clause_markers.cache_clear()


def test_bare_provided_opens_a_condition_on_the_main_clause(sentence_and_trigger):
    sent, _ = sentence_and_trigger("The rebels said they were ready to observe a truce provided Kinshasa stopped its air strikes.",
                                   "observe")
    assert [(c.marker.text, c.text, c.governs.text) for c in syntax.conditions(sent)] == [
        ("provided", "Kinshasa stopped its air strikes", "observe")]


def test_on_condition_that_conditions_the_verb_it_hangs_from(sentence_and_trigger):
    sent, _ = sentence_and_trigger("Hamas said it would accept a truce on condition that Israeli troops withdraw.", "accept")
    assert [(c.marker.text, c.text, c.governs.text) for c in syntax.conditions(sent)] == [
        ("on condition that", "Israeli troops withdraw", "accept")]
