"""Event typing with the trigger rules only, the trained classifier only, and both, on every open set.

    .venv/bin/python benchmarks/classifier_ablation.py [--eval ../shared/eval] [--veto 0.01] [--add 0.9] [--needs 0.8]

For each gold set under EVAL (dev/, public/, challenge/open.jsonl) it extracts the articles twice
(without and with the `parley_classifier` component, its thresholds set by --veto and --add) and
scores both with EVAL/score.py; "model only" predicts, for each sentence, every type the classifier
gives at least 0.5, with the sentence as its span (which the scorer accepts). Prints type P/R/F1 per
set and setting as a table, and the challenge suite's TYPES family the same way. No assertions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from parley.extract import _prepared_docs, to_document
from parley.nlp import classifier as clf_mod
from parley.nlp import pipeline
from parley.sources import SourceError, iter_articles

ROOT = Path(__file__).resolve().parents[1]
MODEL_ONLY_THRESHOLD = 0.5
NEEDS = 0.8


def build(classifier: bool, veto: float, add: float):
    from parley.nlp import actors, assemble, events, positions  # noqa: F401  (registers the factories)

    nlp = pipeline._load_model(None)
    for name in pipeline.PARLEY_COMPONENTS:
        if name == "parley_classifier":
            if classifier:
                nlp.add_pipe(name, config={"veto_below": veto, "add_above": add, "veto_needs": NEEDS})
            continue
        nlp.add_pipe(name)
    return nlp


def run(nlp, gold: Path, want_model: bool, probs: list | None = None) -> tuple[list[dict], list[dict]]:
    articles = [a.with_id() for a in iter_articles([str(gold)], None) if not isinstance(a, SourceError)]
    rows, model_rows = [], []
    for doc, article in nlp.pipe(_prepared_docs(nlp, articles), as_tuples=True, batch_size=32):
        if probs is not None:
            for event in doc._.parley_events:
                cats = next((c for a, b, c in doc._.parley_type_scores if a <= event.span[0] < b), {})
                probs.append((article.id, event.span, event.type, cats.get(event.type, 0.0)))
        if want_model:
            events = [{"type": kind, "span": [start, end], "confidence": round(p, 3)}
                      for start, end, cats in doc._.parley_type_scores or [] for kind, p in cats.items()
                      if p >= MODEL_ONLY_THRESHOLD]
            model_rows.append({"id": article.id, "events": events, "positions": []})
        rows.append(to_document(doc, article).to_json())
    return rows, model_rows


def score(eval_dir: Path, gold: Path, rows: list[dict]) -> tuple[dict, tuple[int, int, int] | None]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
        pred = fh.name
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), str(gold), pred, "--json"],
                         capture_output=True, text=True, check=True).stdout
    summary = json.loads(out.strip().splitlines()[-1])["type"]
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


def calibration(gold: Path, probs: list, rules: list[dict]) -> list[tuple[str, float, bool]]:
    """(origin, model probability, right?) per event of the "both" run: right when its span overlaps a
    gold trigger of its type; origin "rule" when the rules alone gave the same span and type."""
    golds = {}
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            golds[row["id"]] = row.get("events") or []
    by_rules = {(r["id"], tuple(e["span"]), e["type"]) for r in rules for e in r["events"]}
    out = []
    for aid, span, kind, p in probs:
        right = any(kind in g.get("types", []) and g["span"][0] < span[1] and span[0] < g["span"][1]
                    for g in golds.get(aid, []))
        out.append(("rule" if (aid, tuple(span), kind) in by_rules else "model", p, right))
    return out


def print_calibration(points: list[tuple[str, float, bool]]) -> None:
    print("precision of events per band of the model's probability of their type (all open sets)")
    for origin, bands in (("rule", (0.1, 0.5, 0.9, 1.0)), ("model", (0.95, 1.0))):
        low = 0.0
        for high in bands:
            hits = [right for o, p, right in points if o == origin and low < p <= high or (o == origin and low == 0.0 and p == 0.0)]
            share = sum(hits) / len(hits) if hits else float("nan")
            print(f"  {origin:<6} p in ({low:.2f}, {high:.2f}]: {share:.2f} of {len(hits)}")
            low = high


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=str(ROOT.parent.parent / "shared" / "eval")
                    if not (ROOT.parent / "shared" / "eval").is_dir() else str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--veto", type=float, default=0.01)
    ap.add_argument("--add", type=float, default=0.9)
    ap.add_argument("--needs", type=float, default=0.8)
    ap.add_argument("--calibration", action="store_true",
                    help="also print the precision of events per band of the model's probability")
    args = ap.parse_args()
    global NEEDS
    NEEDS = args.needs
    eval_dir = Path(args.eval)
    if not eval_dir.is_dir():
        sys.exit(f"No evaluation kit at {eval_dir}: pass --eval PATH (the folder with score.py).")
    clf_mod.load_model()  # fail early, with the message, if the model is missing
    golds = sorted(eval_dir.glob("dev/*.jsonl")) + sorted(eval_dir.glob("public/*.jsonl")) + [eval_dir / "challenge" / "open.jsonl"]
    rules_nlp, both_nlp = build(False, args.veto, args.add), build(True, args.veto, args.add)
    print(f"classifier: veto below {args.veto}, add at or above {args.add}; model only: types >= {MODEL_ONLY_THRESHOLD} per sentence")
    print(f"{'set':<22}{'setting':<12}{'P':>7}{'R':>7}{'F1':>7}")
    points: list = []
    for gold in golds:
        name = f"{gold.parent.name}/{gold.stem}"
        rules, _ = run(rules_nlp, gold, False)
        probs: list = []
        both, model = run(both_nlp, gold, True, probs)
        points += calibration(gold, probs, rules)
        family = []
        for setting, rows in (("rules", rules), ("model", model), ("both", both)):
            s, types = score(eval_dir, gold, rows)
            print(f"{name:<22}{setting:<12}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
            if types:
                family.append((setting, types))
        for setting, (tp, fp, fn) in family:
            p, r, f = prf(tp, fp, fn)
            print(f"{'  TYPES family':<22}{setting:<12}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    if args.calibration:
        print_calibration(points)


if __name__ == "__main__":
    main()
