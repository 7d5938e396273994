"""Turn the labelled VOA leads into training sentences for the event classifier.

    .venv/bin/python training/event_classifier/voa_sentences.py [VOA_TRAIN_GOLD]
        (default ../shared/data/voa/voa_train_gold.jsonl beside the checkout; writes
         data/training/events/voa_sentences.jsonl)

Sources (both VOA, public domain; credit voanews.com / Voice of America / VOA): the 32 leads of
`voa_train_gold.jsonl` labelled by the evaluation kit's authors (given for training, not an evaluation set)
and the 26 team-labelled leads of data/training/voa_leads/voa_leads_gold.jsonl. Each lead's text is cut into
sentences (check_overlap.split_sentences, the plain rule the overlap check uses); a sentence's `types` are the
types of the firm (non-optional) gold events whose trigger starts in it. A sentence with no gold event at all
is a negative (`types: []`); a sentence holding only optional events is left out (a careful reader might or
might not code it, so it teaches neither way). Titles are left out: the gold codes the text.

Each output line: {"text", "types", "story" (article id), "set" ("voa_train_gold" | "voa_leads"),
"fold" (0 | 1: every other story of each set, by id, for 2-fold held-out measurement)}.
The file is committed, so `make train` builds from the repository's data alone.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "training" / "events" / "voa_sentences.jsonl"
VOA_LEADS = ROOT / "data" / "training" / "voa_leads" / "voa_leads_gold.jsonl"


def _default_train_gold() -> Path:
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (shared / "data" / "voa").is_dir():
            return shared / "data" / "voa" / "voa_train_gold.jsonl"
    return ROOT.parent / "shared" / "data" / "voa" / "voa_train_gold.jsonl"


def _splitter():
    spec = importlib.util.spec_from_file_location("check_overlap", Path(__file__).with_name("check_overlap.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sentence_spans


def lead_sentences(row: dict, sentence_spans) -> list[dict]:
    """The labelled sentences of one gold lead (see the module docstring for the rule)."""
    out = []
    events = row.get("events") or []
    for start, end in sentence_spans(row["text"]):
        inside = [e for e in events if start <= e["span"][0] < end]
        firm = sorted({t for e in inside if not e.get("optional") for t in e["types"]})
        if inside and not firm:
            continue  # only optional events: neither an example nor a counter-example
        out.append({"text": row["text"][start:end].strip(), "types": firm, "story": row["id"]})
    return out


def build(train_gold: Path) -> list[dict]:
    """All labelled VOA sentences, voa_train_gold first, then voa_leads, stories in id order."""
    spans = _splitter()
    rows = []
    for name, path in (("voa_train_gold", train_gold), ("voa_leads", VOA_LEADS)):
        with open(path, encoding="utf-8") as fh:
            leads = sorted((json.loads(line) for line in fh if line.strip()), key=lambda r: r["id"])
        for n, lead in enumerate(leads):
            for sent in lead_sentences(lead, spans):
                rows.append({**sent, "set": name, "fold": n % 2})
    return rows


def main(argv: list[str]) -> int:
    train_gold = Path(argv[0]) if argv else _default_train_gold()
    if not train_gold.is_file():
        print(f"No {train_gold}: pass the path of voa_train_gold.jsonl as the first argument.")
        return 2
    rows = build(train_gold)
    with open(OUT, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    positives = sum(bool(r["types"]) for r in rows)
    print(f"{len(rows)} VOA sentences ({positives} with an event, {len(rows) - positives} negatives) -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
