"""Check that no training sentence equals or nearly equals a sentence of the evaluation texts.

    .venv/bin/python training/event_classifier/check_overlap.py [EVAL_DIR]   (default ../shared/eval)

Sentences are compared after normalising case, punctuation and spacing; "nearly equal" means a
difflib similarity of at least NEAR (checked for pairs sharing a word trigram, or short pairs sharing
most words). Exit status 1 and one line per clash when any is found. The test suite runs the same check.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "data" / "training" / "events"
DEFAULT_EVAL = ROOT.parent.parent / "shared" / "eval" if not (ROOT.parent / "shared").is_dir() else ROOT.parent / "shared" / "eval"
NEAR = 0.85
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def training_sentences() -> list[str]:
    with open(TRAINING / "sentences.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def eval_sentences(eval_dir: Path) -> list[str]:
    """Every sentence of every text and title in EVAL_DIR/**/*.jsonl."""
    out = []
    for path in sorted(eval_dir.rglob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                for field in ("title", "text"):
                    value = row.get(field) if isinstance(row, dict) else None
                    if isinstance(value, str):
                        out.extend(split_sentences(value))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, cut after . ! or ? (a plain rule: a missed cut only makes a longer "sentence",
    which a near match still catches)."""
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)} or {tuple(words)}


def clashes(train: list[str], evaluation: list[str]) -> list[tuple[str, str, float]]:
    """(training sentence, evaluation sentence, similarity) for each equal or nearly equal pair."""
    index: dict[tuple[str, ...], list[int]] = {}
    evals = [normalise(s) for s in evaluation]
    for n, sent in enumerate(evals):
        for gram in _grams(sent.split()):
            index.setdefault(gram, []).append(n)
    exact = {s: n for n, s in enumerate(evals)}
    found = []
    for text in train:
        norm = normalise(text)
        if norm in exact:
            found.append((text, evaluation[exact[norm]], 1.0))
            continue
        words = norm.split()
        near = {n for gram in _grams(words) for n in index.get(gram, ())}
        for n in near:
            ratio = difflib.SequenceMatcher(None, norm, evals[n]).ratio()
            if ratio >= NEAR:
                found.append((text, evaluation[n], ratio))
                break
    return found


def main(argv: list[str]) -> int:
    eval_dir = Path(argv[0]) if argv else DEFAULT_EVAL
    if not eval_dir.is_dir():
        print(f"No evaluation texts at {eval_dir}: pass the folder as the first argument.")
        return 2
    train, evaluation = training_sentences(), eval_sentences(eval_dir)
    found = clashes(train, evaluation)
    for text, other, ratio in found:
        print(f"{ratio:.2f}  training: {text!r}\n      evaluation: {other!r}")
    print(f"{len(train)} training sentences, {len(evaluation)} evaluation sentences, {len(found)} clashes")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
