"""The trained event classifier: its data, the shipped model, and how it acts on the rules' events."""

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import parley
from parley.cli import main
from parley.nlp import classifier

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
    scores = classifier.sentence_scores(model, list(parley.nlp.pipeline.load_spacy()(sentence).sents))[0]
    top = max(scores, key=scores.get)
    assert (top, scores[top] > 0.5) == (expected, True)


def test_speech_without_a_move_gets_no_type_from_the_model():
    model = classifier.load_model()
    doc = parley.nlp.pipeline.load_spacy()("The minister said the harvest had been good this year.")
    scores = classifier.sentence_scores(model, list(doc.sents))[0]
    assert max(scores.values()) < 0.5


def test_missing_model_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(classifier.ClassifierError, match="rebuild it with `make train`"):
        classifier.load_model(str(tmp_path / "nowhere"))


@pytest.mark.parametrize("text, rules", [
    # "struck" read as an attack, "offensive" as the attack itself: the model finds no ASSAULT in either
    ("Kenya struck an agreement with Somalia on the border.", [("ASSAULT", ["Kenya"], ["Somalia"])]),
    ("Russia paused its offensive on Kharkiv.", [("ASSAULT", ["Russia"], [])]),
])
def test_a_vetoed_sense_disappears(text, rules):
    assert _events(parley.extract(text, classifier=False)) == rules
    assert _events(parley.extract(text)) == []


def test_a_vetoed_sense_is_recoded_when_the_model_is_sure_of_another():
    text = "The rebels exchanged fire with Malian troops near Gao on Sunday."
    assert _events(parley.extract(text, classifier=False)) == [("COOPERATE", ["rebels"], ["Mali"])]
    assert _events(parley.extract(text)) == [("ASSAULT", ["rebels"], ["Mali"])]


def test_the_model_adds_an_event_no_rule_found_when_it_is_sure_and_the_roles_are_known():
    text = "Chad closed its border with Sudan."
    assert _events(parley.extract(text, classifier=False)) == []
    doc = parley.extract(text)
    assert _events(doc) == [("SANCTION", ["Chad"], ["Sudan"])]
    assert doc.events[0].trigger == "closed"


def test_confidence_comes_from_the_model_when_it_runs():
    text = "Serbia summoned the Croatian ambassador on Monday."
    assert [e.confidence for e in parley.extract(text, classifier=False).events] == [1.0]
    assert [e.confidence for e in parley.extract(text).events] == [0.84]


def test_no_classifier_flag_gives_the_rules_alone(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The rebels exchanged fire with Malian troops near Gao on Sunday.")
    types = {}
    for flag in ([], ["--no-classifier"]):
        result = CliRunner().invoke(main, ["extract", str(path), *flag])
        assert result.exit_code == 0, result.output
        types[bool(flag)] = [e["type"] for e in json.loads(result.stdout)["events"]]
    assert types == {False: ["ASSAULT"], True: ["COOPERATE"]}
