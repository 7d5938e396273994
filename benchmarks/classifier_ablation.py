"""Event typing with the trigger rules only, the trained classifier only, and the rules with each of the
classifier's actions (veto, recode, add, confidence) alone, its default and all of them, on every open set.

    .venv/bin/python benchmarks/classifier_ablation.py [--eval ../shared/eval] [--calibration]

Each gold set under EVAL (dev/*.jsonl, public/*.jsonl, challenge/open.jsonl) is parsed once up to
`parley_events`; then, for each setting, the rules' candidates are copied, the classifier runs with
that setting's actions (thresholds: the component's defaults), `parley_assemble` and
`parley_positions` run, and EVAL/score.py scores the result. "model only" predicts, for each sentence,
every type the classifier gives at least 0.5, with the sentence as its span (which the scorer accepts).
Prints type F1 per set and setting (P/R/F1 with --detail), and the challenge suite's TYPES family;
--calibration adds the precision of rule events per band of the model's probability of their type, the
figures `confidence` reports. No assertions: it reports.

Real news: real/*.jsonl is scored too. --model PATH runs the settings with another trained model (e.g. one
`make_corpus.py --hold-out FOLD` + `spacy train` built); --held-out FOLD adds, as two more sets, the stories of
that fold of the two labelled VOA study sets (voa_train_gold and data/training/voa_leads, every other story by
id, the split training/event_classifier/voa_sentences.py writes), which a model trained with that fold held out
never saw; --only-held-out scores those alone. --settings picks settings (comma-separated).
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from parley.extract import _joined, _prepared_docs, _shifted, to_document
from parley.nlp import pipeline
from parley.nlp.events import classifier as clf_mod
from parley.nlp.text.normalize import restore_offsets
from parley.sources import iter_articles
from parley.sources.failure import SourceFailure

ROOT = Path(__file__).resolve().parents[1]
MODEL_ONLY_THRESHOLD = 0.5
SETTINGS = {"rules": None, "model only": None, "+veto": "veto", "+recode": "recode", "+add": "add",
            "+confidence": "confidence", "default": clf_mod.DEFAULT_ACTIONS, "all": ",".join(clf_mod.ACTIONS)}
# Doc extensions to_document clears to free the Doc; the benchmark reads the same Doc once per setting
KEPT = ("parley_mentions", "parley_ents", "parley_discourse")


def build(model_path: str | None = None):
    """The rules pipeline (up to parley_events), the steps after it, and one classifier per setting
    (the packaged model, or the one at model_path)."""
    nlp = pipeline.load(None, classifier=False)
    after = [(name, proc) for name, proc in nlp.pipeline if name in ("parley_assemble", "parley_positions")]
    defaults = nlp.get_factory_meta("parley_classifier").default_config
    classifiers = {}
    for setting, actions in SETTINGS.items():
        if actions is not None:
            config = {k: v for k, v in defaults.items() if k not in ("nlp", "name")}
            config["actions"] = actions
            config["model_path"] = model_path
            classifiers[setting] = clf_mod.make_event_classifier(nlp, "parley_classifier", **config)
    return nlp, after, classifiers


def run(nlp, after, classifiers, gold: Path, probs: list) -> dict[str, list[dict]]:
    """{setting: one predicted row per article} for one gold set."""
    articles = [a.with_id() for a in iter_articles([str(gold)], None) if not isinstance(a, SourceFailure)]
    rows: dict[str, list[dict]] = {s: [] for s in SETTINGS}
    scorer = classifiers["+add"]
    # parley_release would drop the rules' candidates and mentions that each setting starts again from
    disabled = [name for name, _ in after] + ["parley_release"]
    with nlp.select_pipes(disable=disabled):
        stream = list(nlp.pipe(_prepared_docs(nlp, articles), as_tuples=True, batch_size=32))
    pieces: dict[str, list] = {s: [] for s in SETTINGS}
    for doc, (article, norm, part, offset, last) in stream:
        if part == "title":  # headlines are read apart (title_events); typing is scored on the text
            continue
        base = list(doc._.parley_candidates or [])
        kept = {k: getattr(doc._, k) for k in KEPT}
        sents = list(doc.sents)
        cats = clf_mod.sentence_scores(scorer.model, sents) if sents else []
        for setting in SETTINGS:
            doc._.parley_candidates = [copy.copy(c) for c in base]
            for k, v in kept.items():
                setattr(doc._, k, v)
            if setting in classifiers:
                classifiers[setting](doc)
            for _, proc in after:
                proc(doc)
            if setting == "rules":
                for event in doc._.parley_events:
                    p = next((c for s, c in zip(sents, cats) if s.start_char <= event.span[0] < s.end_char), {})
                    start, end = norm.span(*event.span)
                    probs.append((article.id, (start + offset, end + offset), event.type, p.get(event.type, 0.0),
                                  max(p.values(), default=0.0)))
            if setting == "model only":
                spans = [norm.span(s.start_char, s.end_char) for s in sents]
                pieces[setting].append([{"type": kind, "span": [span[0] + offset, span[1] + offset],
                                         "confidence": round(p, 3)}
                                        for span, c in zip(spans, cats) for kind, p in c.items()
                                        if p >= MODEL_ONLY_THRESHOLD])
            else:
                document = restore_offsets(to_document(doc, article), norm)
                pieces[setting].append(_shifted(document, offset) if offset else document)
            if not last:
                continue
            if setting == "model only":
                rows[setting].append({"id": article.id, "events": [e for part_events in pieces[setting]
                                                                   for e in part_events], "positions": []})
            else:
                rows[setting].append(_joined(pieces[setting]).to_json())
            pieces[setting] = []
    return rows


def score(eval_dir: Path, gold: Path, rows: list[dict]) -> tuple[dict, tuple[int, int, int] | None]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
        pred = fh.name
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), str(gold), pred, "--json"],
                         capture_output=True, text=True, check=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    summary = dict(figures["type"], full_f1=figures["full"]["f1"])
    types = None
    if gold.name == "open.jsonl":
        lines = subprocess.run([sys.executable, str(eval_dir / "challenge" / "by_phenomenon.py"), str(gold), pred],
                               capture_output=True, text=True, check=True).stdout.splitlines()
        line = next((ln for ln in lines if ln.startswith("TYPES ")), "")
        if "type " in line:
            tp, fp, fn = (int(x) for x in line.split("tp/fp/fn type ")[1].split()[0].split("/"))
            types = (tp, fp, fn)
    Path(pred).unlink()
    return summary, types


def calibration(gold: Path, probs: list) -> list[tuple[float, bool]]:
    """(model probability of its type, right?) per rule event: right when its span overlaps a gold
    trigger of its type."""
    golds = {}
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            golds[row["id"]] = row.get("events") or []
    return [(p, any(kind in g.get("types", []) and g["span"][0] < span[1] and span[0] < g["span"][1]
                    for g in golds.get(aid, [])))
            for aid, span, kind, p, _ in probs]


def print_calibration(points: list[tuple[float, bool]]) -> None:
    print("\nprecision of rule events per band of the model's probability of their type (all open sets)")
    low = -1.0
    for high in (0.01, 0.1, 0.5, 0.9, 1.0):
        hits = [right for p, right in points if low < p <= high]
        share = sum(hits) / len(hits) if hits else float("nan")
        print(f"  p in ({max(low, 0):.2f}, {high:.2f}]: {share:.2f} of {len(hits)}")
        low = high


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def held_out_sets(fold: int, folder: Path) -> list[Path]:
    """Gold files in FOLDER holding the stories of FOLD of each labelled VOA study set (every other story by
    id: the split of training/event_classifier/voa_sentences.py)."""
    shared = Path(default_eval()).parent
    out = []
    for name, path in (("voa_train_gold", shared / "data" / "voa" / "voa_train_gold.jsonl"),
                       ("voa_leads", ROOT / "data" / "training" / "voa_leads" / "voa_leads_gold.jsonl")):
        with open(path, encoding="utf-8") as fh:
            leads = sorted((json.loads(line) for line in fh if line.strip()), key=lambda r: r["id"])
        target = folder / f"{name}_fold{fold}.jsonl"
        with open(target, "w", encoding="utf-8") as fh:
            for lead in leads[fold::2]:
                fh.write(json.dumps(lead) + "\n")
        out.append(target)
    return out


def default_eval() -> str:
    for candidate in (ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval"):
        if candidate.is_dir():
            return str(candidate)
    return str(ROOT.parent / "shared" / "eval")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=default_eval())
    ap.add_argument("--detail", action="store_true", help="print P/R/F1 and full F1 per set and setting")
    ap.add_argument("--model", default=None, help="the trained classifier to use (default: the packaged one)")
    ap.add_argument("--held-out", type=int, choices=(0, 1), default=None,
                    help="also score this fold of the labelled VOA study sets (see the module docstring)")
    ap.add_argument("--only-held-out", action="store_true", help="score the held-out VOA fold only")
    ap.add_argument("--settings", default=None, help=f"comma-separated subset of: {', '.join(SETTINGS)}")
    ap.add_argument("--calibration", action="store_true",
                    help="also print the precision of rule events per band of the model's probability")
    args = ap.parse_args()
    eval_dir = Path(args.eval)
    if not eval_dir.is_dir():
        sys.exit(f"No evaluation kit at {eval_dir}: pass --eval PATH (the folder with score.py).")
    clf_mod.load_model(args.model)  # fail early, with the message, if the model is missing
    if args.settings:
        unknown = set(args.settings.split(",")) - set(SETTINGS)
        if unknown:
            sys.exit(f"Unknown setting(s) {', '.join(sorted(unknown))}: choose from {', '.join(SETTINGS)}.")
        for name in [s for s in SETTINGS if s not in args.settings.split(",") and s != "+add"]:
            del SETTINGS[name]  # +add is kept: its classifier scores the sentences for "model only"
    golds = [] if args.only_held_out else (
        sorted(eval_dir.glob("real/*.jsonl")) + sorted(eval_dir.glob("dev/*.jsonl"))
        + sorted(eval_dir.glob("public/*.jsonl")) + [eval_dir / "challenge" / "open.jsonl"])
    work = tempfile.TemporaryDirectory()
    if args.held_out is not None:
        golds += held_out_sets(args.held_out, Path(work.name))
    nlp, after, classifiers = build(args.model)
    table: dict[str, dict[str, str]] = {s: {} for s in SETTINGS}
    points: list = []
    columns = []
    for gold in golds:
        name = gold.stem if gold.parent == Path(work.name) else f"{gold.parent.name}/{gold.stem}"
        columns.append(name)
        probs: list = []
        rows = run(nlp, after, classifiers, gold, probs)
        points += calibration(gold, probs)
        for setting, predicted in rows.items():
            s, types = score(eval_dir, gold, predicted)
            table[setting][name] = f"{s['f1']:.3f}"
            if args.detail:
                print(f"{name:<22}{setting:<13}P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
                      f"full F1 {s['full_f1']:.3f}")
            if types:
                if "challenge TYPES" not in columns:
                    columns.append("challenge TYPES")
                table[setting]["challenge TYPES"] = f"{prf(*types)[2]:.3f}"
    print(f"type F1 (thresholds: {', '.join(f'{k} {v}' for k, v in classifiers['+add'].thresholds().items())})")
    print("| setting | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for setting, cells in table.items():
        print(f"| {setting} | " + " | ".join(cells.get(c, "-") for c in columns) + " |")
    if args.calibration:
        print_calibration(points)


if __name__ == "__main__":
    main()
