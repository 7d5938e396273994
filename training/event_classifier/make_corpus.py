"""Turn data/training/events/sentences.jsonl into spaCy DocBin files for `spacy train`.

Usage: python training/event_classifier/make_corpus.py OUT_DIR  (writes train.spacy and dev.spacy)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "training" / "events" / "sentences.jsonl"
WRITTEN_WEIGHT = 3
LABELS = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def main(out_dir: str) -> None:
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
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for split, docbin in bins.items():
        docbin.to_disk(out / f"{split}.spacy")
        print(f"{split}: {len(docbin)} sentences -> {out / f'{split}.spacy'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/event_classifier")
