"""Turn the classifier's training sentences into spaCy DocBin files for `spacy train`.

Usage: python training/event_classifier/make_corpus.py OUT_DIR [--voa-weight N] [--hold-out FOLD]  (writes train.spacy and dev.spacy)

Two sources: the generated and written sentences of data/training/events/sentences.jsonl (their own
train/dev split), and, with --voa-weight N, the real VOA sentences of data/training/events/voa_sentences.jsonl
(built by voa_sentences.py), all in train, each counted N times so that some 700 real sentences weigh next
to 5,600 written ones. VOA_WEIGHT is 0: a model trained with them (weight 3 or 8) raised no real-news figure
without lowering an open set (README, "The event classifier"), so the shipped model and `make train` leave them
out. --hold-out FOLD leaves out the VOA stories of that fold (0 or 1), for measuring a model on real stories it
was not trained on (benchmarks/classifier_ablation.py --held-out FOLD).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "training" / "events" / "sentences.jsonl"
VOA = ROOT / "data" / "training" / "events" / "voa_sentences.jsonl"
WRITTEN_WEIGHT = 3
VOA_WEIGHT = 0
LABELS = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def main(out_dir: str, hold_out: int | None = None, voa_weight: int = VOA_WEIGHT) -> None:
    nlp = spacy.blank("en")
    bins = {"train": DocBin(), "dev": DocBin()}
    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            doc = nlp.make_doc(row["text"])
            doc.cats = {label: float(label in row["types"]) for label in LABELS}
            # the few sentences written one by one for hard senses count three times
            for _ in range(WRITTEN_WEIGHT if row["template"].startswith("written:") else 1):
                bins[row["split"]].add(doc)
    with open(VOA, encoding="utf-8") as fh:  # read even at weight 0, so a broken file fails `make train`
        for line in fh:
            row = json.loads(line)
            if row["fold"] == hold_out:
                continue
            doc = nlp.make_doc(row["text"])
            doc.cats = {label: float(label in row["types"]) for label in LABELS}
            for _ in range(voa_weight):
                bins["train"].add(doc)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for split, docbin in bins.items():
        docbin.to_disk(out / f"{split}.spacy")
        print(f"{split}: {len(docbin)} sentences -> {out / f'{split}.spacy'}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", nargs="?", default="build/event_classifier")
    ap.add_argument("--hold-out", type=int, choices=(0, 1), default=None,
                    help="leave out the VOA stories of this fold (for held-out measurement)")
    ap.add_argument("--voa-weight", type=int, default=VOA_WEIGHT, help="times each VOA sentence counts")
    args = ap.parse_args()
    main(args.out_dir, args.hold_out, args.voa_weight)
