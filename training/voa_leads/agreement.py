"""Agreement between two annotators of the same VOA leads, measured with the project's scorer.

    python training/voa_leads/agreement.py ANN_A.jsonl ANN_B.jsonl [SCORE_PY]

Each annotator's file is in the gold format of data/training/voa_leads/voa_leads_gold.jsonl. The scorer
(../shared/eval/score.py, or SCORE_PY) reads GOLD and PRED; this module turns one annotator's FIRM events
into Parley's prediction format and scores them against the other annotator's gold (firm and optional),
in both directions:

- type: the annotator's first (preferred) type; span: the span of the trigger; date/location/status as given;
- source/target: one actor built from the FIRST matcher of the role: a country matcher gives
  {"country": C}, a group matcher gives {"name": first alias, "aliases": all its aliases}; a null role
  gives null. Matching against the other annotator's matchers is then the scorer's own.

Two readings of "agreement on firm events":
- lenient (the scorer's rule): the other annotator's gold keeps its optional events, so a firm event of one
  that overlaps an optional event of the other costs nothing;
- strict: the other annotator's optional events are dropped, so firm must meet firm (a firm-vs-optional
  disagreement counts as a miss or an extra).
Prints each table and the mean F1 of the two directions (type and full level).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the evaluation kit sits beside the checkout (/work/shared next to /work/main) or beside the worktrees' folder
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else ROOT.parent.parent / "shared"
DEFAULT_SCORER = SHARED / "eval" / "score.py"


def actor_from_matchers(matchers: list[dict] | None) -> dict | None:
    """One prediction actor from the first matcher of a gold role (None stays None)."""
    if not matchers:
        return None
    first = matchers[0]
    if "group" in first:
        return {"name": first["group"][0], "aliases": list(first["group"])}
    return {"country": first["country"]}


def as_prediction(record: dict) -> dict:
    """An annotated article as Parley's prediction line: its firm events only, one type each."""
    events = []
    for event in record["events"]:
        if event.get("optional"):
            continue
        events.append({"type": event["types"][0], "span": list(event["span"]),
                       "source": actor_from_matchers(event.get("source")),
                       "target": actor_from_matchers(event.get("target")),
                       "date": event.get("date"), "location": event.get("location"),
                       "status": event.get("status")})
    return {"id": record["id"], "events": events, "positions": []}


def firm_only(record: dict) -> dict:
    """The annotated article with its optional events dropped (the strict reading)."""
    return {**record, "events": [e for e in record["events"] if not e.get("optional")]}


def _write(records: list[dict]) -> Path:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return Path(fh.name)


def score(gold_records: list[dict], pred_records: list[dict], scorer: Path) -> dict:
    """The scorer's table (printed) and its JSON summary (returned) for PRED_RECORDS against GOLD_RECORDS."""
    gold_path, pred_path = _write(gold_records), _write(pred_records)
    try:
        out = subprocess.run([sys.executable, str(scorer), str(gold_path), str(pred_path)],
                             capture_output=True, text=True, check=True).stdout
    finally:
        gold_path.unlink()
        pred_path.unlink()
    print(out)
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    a_path, b_path = Path(argv[0]), Path(argv[1])
    scorer = Path(argv[2]) if len(argv) > 2 else DEFAULT_SCORER
    a = [json.loads(line) for line in a_path.open(encoding="utf-8") if line.strip()]
    b = [json.loads(line) for line in b_path.open(encoding="utf-8") if line.strip()]
    lines = []
    for reading, as_gold in (("lenient", lambda r: r), ("strict", firm_only)):
        print(f"== {reading}: {a_path.name} firm events as predictions, {b_path.name} as gold")
        ab = score([as_gold(r) for r in b], [as_prediction(r) for r in a], scorer)
        print(f"== {reading}: {b_path.name} firm events as predictions, {a_path.name} as gold")
        ba = score([as_gold(r) for r in a], [as_prediction(r) for r in b], scorer)
        for level in ("type", "full"):
            mean = (ab[level]["f1"] + ba[level]["f1"]) / 2
            lines.append(f"{reading:<8} {level:<5} F1 {a_path.stem} as predictions {ab[level]['f1']:.3f}, "
                         f"{b_path.stem} as predictions {ba[level]['f1']:.3f}, mean {mean:.3f}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
