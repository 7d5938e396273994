"""Check that no training sentence equals or nearly equals a sentence of the evaluation texts.

    .venv/bin/python training/event_classifier/check_overlap.py [EVAL_DIR]   (default ../shared/eval)

Training text: the classifier's sentences (data/training/events/sentences.jsonl) and every sentence of the
titles and texts of the team-labelled VOA leads (data/training/voa_leads/**/*.jsonl); no id of those leads may
be the id of an evaluation article either.

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
VOA_LEADS = ROOT / "data" / "training" / "voa_leads"
DEFAULT_EVAL = ROOT.parent.parent / "shared" / "eval" if not (ROOT.parent / "shared").is_dir() else ROOT.parent / "shared" / "eval"
NEAR = 0.85
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
# "The U.S. began sending..." is one sentence: no cut after initials (U.S., U.N., E.U.)
INITIALS_END = re.compile(r"(?:^|\s)(?:[A-Z]\.)+$")


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def training_sentences() -> list[str]:
    """The classifier's training sentences, then every sentence of the labelled VOA leads."""
    with open(TRAINING / "sentences.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()] + voa_lead_sentences()


def voa_lead_sentences() -> list[str]:
    """Every sentence of every title and text in data/training/voa_leads/**/*.jsonl."""
    return [s for row in _rows(VOA_LEADS) for s in _row_sentences(row)]


def voa_lead_ids() -> set[str]:
    """The article ids of the labelled VOA leads."""
    return {row["id"] for row in _rows(VOA_LEADS) if isinstance(row.get("id"), str)}


def eval_sentences(eval_dir: Path) -> list[str]:
    """Every sentence of every text and title in EVAL_DIR/**/*.jsonl."""
    return [s for row in _rows(eval_dir) for s in _row_sentences(row)]


def eval_ids(eval_dir: Path) -> set[str]:
    """The article ids in EVAL_DIR/**/*.jsonl."""
    return {row["id"] for row in _rows(eval_dir) if isinstance(row.get("id"), str)}


def _rows(folder: Path) -> list[dict]:
    """The JSON objects of every line of FOLDER/**/*.jsonl (lines that are not an object are skipped)."""
    out = []
    for path in sorted(folder.rglob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict):
                    out.append(row)
    return out


def _row_sentences(row: dict) -> list[str]:
    return [s for field in ("title", "text") if isinstance(row.get(field), str) for s in split_sentences(row[field])]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, cut after . ! or ? (a plain rule: a missed cut only makes a longer "sentence",
    which a near match still catches); no cut right after initials (U.S., U.N.)."""
    out, start = [], 0
    for cut in SENTENCE_END.finditer(text):
        if INITIALS_END.search(text[start:cut.start()]):
            continue
        out.append(text[start:cut.start()])
        start = cut.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


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
    shared_ids = sorted(voa_lead_ids() & eval_ids(eval_dir))
    for article_id in shared_ids:
        print(f"labelled VOA lead {article_id} is also an evaluation article")
    print(f"{len(train)} training sentences, {len(evaluation)} evaluation sentences, {len(found)} clashes, "
          f"{len(shared_ids)} shared article ids")
    return 1 if found or shared_ids else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
