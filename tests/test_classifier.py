"""The trained event classifier: its data, the shipped model, and how it acts on the rules' events."""

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import parley
from parley.cli import main
from parley.nlp import pipeline
from parley.nlp.events import classifier

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
if not EVAL_DIR.is_dir():
    EVAL_DIR = ROOT.parent.parent / "shared" / "eval"


def _overlap_module():
    spec = importlib.util.spec_from_file_location("check_overlap", ROOT / "training/event_classifier/check_overlap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _events(doc):
    return [(e.type, [a.name for a in e.source], [a.name for a in e.target]) for e in doc.events]


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason=f"no evaluation texts at {EVAL_DIR} (CI has no ../shared)")
def test_training_sentences_share_no_sentence_with_the_evaluation_texts():
    check = _overlap_module()
    assert check.clashes(check.training_sentences(), check.eval_sentences(EVAL_DIR)) == []


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason=f"no evaluation texts at {EVAL_DIR} (CI has no ../shared)")
def test_labelled_voa_leads_are_no_evaluation_articles():
    check = _overlap_module()
    assert len(check.voa_lead_ids()) == 26
    assert check.voa_lead_ids() & check.eval_ids(EVAL_DIR) == set()


def test_overlap_check_reads_every_sentence_of_the_labelled_voa_leads():
    check = _overlap_module()
    rows = [json.loads(line) for line in open(ROOT / "data/training/voa_leads/voa_leads_gold.jsonl", encoding="utf-8")]
    lead_sentences = [s for row in rows for s in check.split_sentences(row["title"]) + check.split_sentences(row["text"])]
    assert set(lead_sentences) <= set(check.voa_lead_sentences()) <= set(check.training_sentences())


def test_overlap_check_does_not_cut_a_sentence_after_initials():
    check = _overlap_module()
    assert check.split_sentences("The U.S. began flights to the base. The U.N. objected! Talks went on.") == [
        "The U.S. began flights to the base.", "The U.N. objected!", "Talks went on."]


def test_every_trigger_of_the_labelled_voa_leads_is_at_its_span():
    for line in open(ROOT / "data/training/voa_leads/voa_leads_gold.jsonl", encoding="utf-8"):
        row = json.loads(line)
        for event in row["events"]:
            start, end = event["span"]
            assert row["text"][start:end] == event["trigger"]
            assert row["text"].count(event["trigger"]) > event["nth"]


def test_overlap_check_catches_a_sentence_that_differs_only_in_case_and_punctuation():
    check = _overlap_module()
    found = check.clashes(["Rebels shelled the market in Ayod on Tuesday."],
                          check.split_sentences("Officials spoke. REBELS shelled the market in Ayod on Tuesday! Nothing else."))
    assert [(a, b) for a, b, _ in found] == [("Rebels shelled the market in Ayod on Tuesday.",
                                              "REBELS shelled the market in Ayod on Tuesday!")]


def test_training_data_covers_every_type_and_has_hard_negatives():
    rows = [json.loads(line) for line in open(ROOT / "data/training/events/sentences.jsonl", encoding="utf-8")]
    per_type = Counter(t for row in rows for t in row["types"])
    assert sorted(per_type) == sorted(parley.records.EVENT_TYPES)
    assert min(per_type.values()) >= 200
    assert sum(1 for row in rows if row["types"]) >= 3000
    assert sum(1 for row in rows if not row["types"]) >= 1000


@pytest.mark.parametrize("sentence, expected", [
    ("Rebel fighters shelled the town of Ayod on Tuesday, killing six people.", "ASSAULT"),
    ("The two governments signed a deal to exchange prisoners next week.", "AGREE"),
    ("Brussels imposed sanctions on five generals of the junta.", "SANCTION"),
    ("Thousands of students marched through the capital to denounce the war.", "PROTEST"),
])
def test_shipped_model_loads_from_the_package_and_scores_clear_cases(sentence, expected):
    model = classifier.load_model()
    assert Path(model.path) == classifier.MODEL_DIR
    scores = classifier.sentence_scores(model, list(pipeline.load_spacy()(sentence).sents))[0]
    top = max(scores, key=scores.get)
    assert (top, scores[top] > 0.5) == (expected, True)


def test_speech_without_a_move_gets_no_type_from_the_model():
    model = classifier.load_model()
    doc = pipeline.load_spacy()("The minister said the harvest had been good this year.")
    scores = classifier.sentence_scores(model, list(doc.sents))[0]
    assert max(scores.values()) < 0.5


def test_missing_model_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(classifier.ClassifierError, match="rebuild it with `make train`"):
        classifier.load_model(str(tmp_path / "nowhere"))


def test_unknown_action_is_refused_with_the_list_of_actions():
    with pytest.raises(ValueError, match=r"Unknown classifier action\(s\) bogus: use a comma-separated list of "
                                         r"veto, recode, add, confidence \(or none\)\."):
        classifier.parse_actions("veto,bogus")


def test_default_action_is_confidence_only():
    assert classifier.parse_actions(classifier.DEFAULT_ACTIONS) == {"confidence"}


def _judged(actions, cats, text="Kenya struck an agreement with Somalia on the border."):
    """Run the real rules on `text`, then the classifier's judgement of its one candidate with the model's
    probabilities set to `cats` (so each action's rule is seen apart from what the model happens to say)."""
    nlp = pipeline.load(classifier=False)
    with nlp.select_pipes(disable=["parley_assemble", "parley_positions", "parley_release"]):
        doc = nlp(text)
    (cand,) = doc._.parley_candidates
    judge = classifier.EventClassifier(classifier.load_model(), classifier.parse_actions(actions),
                                       veto_below=0.01, veto_needs=0.8, recode_above=0.9, add_above=0.9)
    kept = judge._judge(cand, {cand.type}, cats)
    return kept, cand.type, cand.confidence


def test_veto_drops_a_rule_event_the_model_finds_very_unlikely_when_it_names_another_type():
    assert _judged("veto", {"AGREE": 0.005, "ASSAULT": 0.95}) == (False, "AGREE", None)


def test_veto_keeps_a_rule_event_when_the_model_names_no_other_type():
    assert _judged("veto", {"AGREE": 0.005, "ASSAULT": 0.3}) == (True, "AGREE", None)


def test_recode_gives_the_other_type_only_within_word_moves():
    assert _judged("recode", {"AGREE": 0.005, "CONSULT": 0.95}) == (True, "CONSULT", None)
    assert _judged("recode", {"AGREE": 0.005, "ASSAULT": 0.95}) == (True, "AGREE", None)


def test_confidence_alone_changes_no_type_and_reports_the_band_precision():
    assert _judged("confidence", {"AGREE": 0.005, "ASSAULT": 0.95}) == (True, "AGREE", 0.53)


def test_add_makes_an_event_on_the_main_verb_only_above_the_threshold():
    nlp = pipeline.load(classifier=False)
    with nlp.select_pipes(disable=["parley_assemble", "parley_positions", "parley_release"]):
        doc = nlp("Malian troops routed rebel fighters near Gao.")
    assert doc._.parley_candidates == []
    adder = classifier.EventClassifier(classifier.load_model(), classifier.parse_actions("add"),
                                       veto_below=0.01, veto_needs=0.8, recode_above=0.9, add_above=0.9)
    sents = list(doc.sents)
    found = adder._added(doc, sents, [{"ASSAULT": 0.95, "CONSULT": 0.1}], set())
    assert [(c.type, c.trigger.text, [m.actor.name for m in c.source]) for c in found] == [("ASSAULT", "routed", ["Mali"])]
    assert adder._added(doc, sents, [{"ASSAULT": 0.85}], set()) == []


def test_confidence_comes_from_the_model_when_it_runs():
    text = "Serbia summoned the Croatian ambassador on Monday."
    assert [e.confidence for e in parley.extract(text, classifier=False).events] == [1.0]
    assert [e.confidence for e in parley.extract(text).events] == [0.85]


def test_no_classifier_flag_gives_the_rules_alone(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Serbia summoned the Croatian ambassador on Monday.")
    found = {}
    for flag in ([], ["--no-classifier"]):
        result = CliRunner().invoke(main, ["extract", str(path), *flag])
        assert result.exit_code == 0, result.output
        found[bool(flag)] = [(e["type"], e["confidence"]) for e in json.loads(result.stdout)["events"]]
    assert found == {False: [("ACCUSE", 0.85)], True: [("ACCUSE", 1.0)]}


def test_bad_classifier_actions_option_says_what_to_use(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Serbia summoned the Croatian ambassador on Monday.")
    result = CliRunner().invoke(main, ["extract", str(path), "--classifier-actions", "vote"])
    assert result.exit_code == 2
    assert "Unknown classifier action(s) vote: use a comma-separated list of veto, recode, add, confidence" in result.output
