"""Write sentences.jsonl from the hand-written templates and slot lists in this folder.

Each template (templates/<TYPE>.txt, one per line, optionally prefixed with "LABELS | " where LABELS
is "TYPE[/mode][+TYPE...]" or "-" for none) is filled several times with actors, places and times of
one conflict drawn from slots.yaml; a seeded random generator makes the output the same on every run.
written.txt holds sentences written one by one (always in train).
Sentences are split into train and dev by template, so dev measures sentences whose wording the model
never saw. Run: python data/training/events/generate.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEED = 11
DEV_SHARE = 0.15
TARGET = {"ASSAULT": 320, "NONE": 1150}  # sentences per type; others DEFAULT_TARGET
DEFAULT_TARGET = 215
GENERIC_SHARE = 0.35  # share of sentences whose actors are any two states rather than a known conflict
COMPOSITES = 900  # long sentences made by joining two generated ones
CITIES = ["Doha", "Cairo", "Istanbul", "Geneva", "Riyadh", "Jeddah", "Nairobi", "Oslo", "Vienna", "Abu Dhabi",
          "Muscat", "Washington", "Brussels", "Luanda", "Kuala Lumpur", "Ankara", "Baku", "Beijing", "Rome",
          "Paris", "Berlin", "Djibouti", "Kampala", "Tashkent", "Havana", "Dakar"]
REPORTERS = ["Officials said", "The ministry said", "State media reported that", "Witnesses said",
             "A military spokesman said", "Local officials said", "Diplomats said", "The agency said"]
ATTRIBUTIONS: list[str] = []
JOINS = [", while ", " as ", ", and ", "; meanwhile, ", " after ", ", even as "]
SLOT = re.compile(r"\{(\w+)\}")


def read_templates() -> list[tuple[str, list[str], str | None, str]]:
    """(template id, types, mode, text) for every template line."""
    out = []
    for path in sorted((HERE / "templates").glob("*.txt")):
        default = path.stem
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            labels = default
            if " | " in line:
                labels, line = (part.strip() for part in line.split(" | ", 1))
            types, mode = [], None
            if labels not in ("-", "NONE"):
                for part in labels.split("+"):
                    kind, _, m = part.partition("/")
                    types.append(kind)
                    mode = mode or (m or None)
            out.append((f"{path.stem}:{n}", types, mode, line))
    return out


def generic_conflict(slots: dict, rng: random.Random) -> dict:
    """Two states drawn from the whole list, for the everyday diplomacy of any pair of countries."""
    (a, da), (b, db) = rng.sample(slots["states"], 2)

    def side(name, dem):
        return {"gov": [name, f"the {dem} government"], "mil": [f"{dem} troops", f"{dem} forces", f"the {dem} army"],
                "who": [f"{dem} officials", f"the {dem} foreign minister", f"the {dem} president", f"{dem} diplomats"]}
    return {"a": side(a, da), "b": side(b, db), "places": slots["generic_places"]}


def fill(template: str, slots: dict, rng: random.Random) -> str:
    conflict = generic_conflict(slots, rng) if rng.random() < GENERIC_SHARE else rng.choice(slots["conflicts"])
    a, b = (conflict["a"], conflict["b"]) if rng.random() < 0.5 else (conflict["b"], conflict["a"])
    mediators = rng.sample(slots["mediators"], 2)
    values = {
        "A": rng.choice(a["gov"]), "Am": rng.choice(a["mil"]), "Ao": rng.choice(a["who"]),
        "B": rng.choice(b["gov"]), "Bm": rng.choice(b["mil"]), "Bo": rng.choice(b["who"]),
        "M": mediators[0], "M2": mediators[1], "M2city": rng.choice(CITIES),
        "P": rng.choice(conflict["places"]), "D": rng.choice(slots["times"]),
        "N": rng.choice(slots["numbers"]), "S": rng.choice(slots["speakers"]),
    }
    text = SLOT.sub(lambda m: str(values[m.group(1)]), template)
    text = re.sub(r"\s+([,.])", r"\1", re.sub(r" {2,}", " ", text)).strip()
    text = text.replace(",,", ",").replace(", .", ".")
    return text[0].upper() + text[1:]


def vary(text: str, types: list[str], rng: random.Random) -> str:
    """Reported speech or a fronted time phrase now and then, so the model sees the same move in other frames."""
    roll = rng.random()
    if roll > 0.7 and text.endswith(".") and not re.search(r"\b(said|told|according|reported)\b", text):
        return f"{text[:-1]}, {rng.choice(ATTRIBUTIONS)}."
    if roll < 0.15 and text.endswith(".") and not re.search(r"\b(said|told|according)\b", text):
        first = text.split()[0]
        lower = text[0].lower() + text[1:] if first in ("The", "A", "An") else text
        return f"{rng.choice(REPORTERS)} {lower}"
    if roll < 0.25 and not re.search(r"\bon (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", text):
        day = rng.choice(["On Monday", "On Tuesday", "Late on Friday", "Earlier this week", "On Sunday"])
        first = text.split()[0]
        lower = text[0].lower() + text[1:] if first in ("The", "A", "An") else text
        return f"{day}, {lower}"
    return text


def generate() -> list[dict]:
    rng = random.Random(SEED)
    slots = yaml.safe_load((HERE / "slots.yaml").read_text(encoding="utf-8"))
    ATTRIBUTIONS[:] = slots["attributions"]
    templates = read_templates()
    by_file: dict[str, list] = {}
    for t in templates:
        by_file.setdefault(t[0].split(":")[0], []).append(t)
    rows, seen = [], set()
    for name, group in sorted(by_file.items()):
        target = TARGET.get(name, DEFAULT_TARGET)
        dev_ids = {t[0] for t in rng.sample(group, max(1, round(len(group) * DEV_SHARE)))}
        count, attempts = 0, 0
        while count < target and attempts < target * 40:
            tid, types, mode, template = group[attempts % len(group)]
            attempts += 1
            text = vary(fill(template, slots, rng), types, rng)
            key = " ".join(text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            rows.append({"text": text, "types": types, "mode": mode, "template": tid,
                         "split": "dev" if tid in dev_ids else "train"})
            count += 1
    # long sentences of two clauses, as news writes them: the labels of both (one is often a negative)
    singles = [r for r in rows if r["split"] == "train"]
    for _ in range(COMPOSITES):
        first, second = rng.sample(singles, 2)
        if not first["text"].endswith(".") or second["text"].startswith(("On ", "Late ", "Earlier ")):
            continue
        tail = second["text"]
        tail = tail[0].lower() + tail[1:] if tail.split()[0] in ("The", "A", "An", "Thousands", "Hundreds") else tail
        text = first["text"][:-1] + rng.choice(JOINS) + tail
        key = " ".join(text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        types = sorted(set(first["types"]) | set(second["types"]))
        rows.append({"text": text, "types": types, "mode": first["mode"] or second["mode"],
                     "template": f"{first['template']}&{second['template']}", "split": "train"})
    for n, line in enumerate((HERE / "written.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        labels, text = (part.strip() for part in line.split(" | ", 1))
        types = [] if labels == "-" else labels.split("+")
        if " ".join(text.lower().split()) not in seen:
            seen.add(" ".join(text.lower().split()))
            rows.append({"text": text, "types": types, "mode": None, "template": f"written:{n}", "split": "train"})
    return rows


if __name__ == "__main__":
    rows = generate()
    with open(HERE / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for row in rows:
        for t in row["types"] or ["NONE"]:
            counts[t] = counts.get(t, 0) + 1
    print(len(rows), "sentences;", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
