"""The adjudication pass over two annotators' labels of the same VOA leads: the decision table and its application.

    python training/voa_leads/adjudicate.py        (rewrites data/training/voa_leads/voa_leads_gold.jsonl)

Inputs: data/training/voa_leads/annotators/annotator_A.jsonl and annotator_B.jsonl (the two independent
labellings, gold format of voa_train_gold.jsonl). DECISIONS lists, for each lead, the events the adjudicator kept:
("A", k) or ("B", k) is annotator A's or B's k-th event as written; a third item overrides fields:
``optional`` (True/False), ``types``, ``trigger`` (the span is recomputed), ``roles`` (source and target
taken from another event), ``source``/``target`` (one role taken from another event). An event neither
annotator wrote is not allowed: the pass only chooses and corrects. Events dropped by the adjudicator
are simply absent. The rules behind the choices are in data/training/voa_leads/README.md.

Actor matchers: each lead has a base annotator (A unless ``base`` says B) whose matchers are kept; an
event taken from the other annotator has each of its roles replaced by the base annotator's role for the
same actor (same country code, or a shared alias), so one lead names each actor one way.
Raises ValueError when a trigger is not in the text or a span does not hold its trigger.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "data" / "training" / "voa_leads"
KEYS = ["types", "trigger", "nth", "source", "target", "optional", "target_optional", "status", "date",
        "location", "span"]
_OPT = {"optional": True}
_FIRM = {"optional": False}
DECISIONS: dict[str, dict] = {}
DECISIONS['voa-8011218'] = {'events': [('A', 1), ('A', 0)]}
DECISIONS['voa-8010779'] = {'events': []}
DECISIONS['voa-8010588'] = {'events': [
    ('A', 3), ('A', 0), ('B', 2), ('A', 5), ('A', 1, {'roles': ('B', 4)}), ('A', 6, _FIRM),
    ('A', 2, {'optional': True, 'types': ['CONSULT', 'REQUEST', 'REJECT']}), ('A', 7, _FIRM), ('A', 8),
    ('B', 9, {'types': ['REJECT', 'PROTEST', 'REQUEST']}), ('A', 10), ('B', 11), ('A', 11)]}
DECISIONS['voa-8009719'] = {'events': [('A', 0), ('B', 5, {'target': ('A', 0, 'target')}), ('A', 5), ('A', 3), ('A', 1), ('A', 2), ('A', 4, _FIRM)]}
DECISIONS['voa-8005797'] = {'events': [('A', 0), ('B', 1), ('A', 1), ('A', 2), ('A', 3)]}
DECISIONS['voa-8010657'] = {'events': [('A', 2), ('A', 3), ('B', 2), ('A', 0), ('A', 4), ('A', 1), ('B', 6), ('A', 5), ('A', 6),
                               ('A', 7), ('A', 8), ('B', 11), ('A', 9), ('A', 10)]}
DECISIONS['voa-8008697'] = {'events': [('A', 0)]}
DECISIONS['voa-8010057'] = {'events': [
    ('A', 6), ('B', 1, _OPT), ('A', 7), ('B', 2, _OPT), ('A', 0), ('A', 8), ('A', 9), ('A', 1), ('A', 2), ('A', 3),
    ('A', 10), ('A', 11), ('A', 12), ('B', 13), ('A', 13), ('A', 14), ('A', 4), ('B', 17), ('A', 15), ('A', 5), ('B', 20)]}
DECISIONS['voa-8009714'] = {'events': [
    ('A', 0), ('A', 3), ('A', 4), ('A', 1, {'types': ['REJECT', 'SUPPORT', 'COERCE']}), ('B', 4), ('A', 2)]}
DECISIONS['voa-6205512'] = {'events': [
    ('A', 0), ('A', 4), ('A', 1), ('A', 5), ('A', 6), ('A', 2), ('A', 7), ('A', 8), ('A', 3)]}
DECISIONS['voa-6205362'] = {'events': [('A', 3, {'roles': ('B', 0)}), ('A', 2), ('A', 0), ('A', 1)]}
DECISIONS['voa-6181316'] = {'events': [('A', 0), ('A', 1), ('A', 2), ('A', 4), ('A', 3)]}
DECISIONS['voa-6181132'] = {'events': [('B', 0), ('B', 1), ('A', 2), ('A', 1), ('A', 0)]}
DECISIONS['voa-6183227'] = {'events': [('A', 1), ('A', 0), ('A', 2), ('A', 3), ('A', 4)]}
DECISIONS['voa-6183074'] = {'events': [
    ('A', 0), ('B', 1), ('A', 1, {'types': ['ACCUSE', 'REQUEST']}), ('A', 2, {'types': ['COERCE', 'REQUEST', 'SUPPORT']}),
    ('B', 4), ('A', 3, {'optional': False, 'types': ['COERCE', 'REQUEST']}), ('A', 4), ('A', 6), ('A', 5), ('A', 7), ('A', 8)]}
DECISIONS['voa-6181245'] = {'events': []}
DECISIONS['voa-6180705'] = {'events': [('A', 0), ('A', 1), ('A', 2), ('A', 3)]}
DECISIONS['voa-6183254'] = {'events': [
    ('A', 4), ('A', 5), ('A', 6), ('A', 0), ('B', 3), ('A', 7), ('A', 1), ('A', 8), ('A', 9), ('A', 10), ('A', 11),
    ('A', 12), ('B', 11), ('A', 13), ('A', 14), ('A', 2), ('A', 15), ('B', 14), ('B', 15), ('B', 16), ('A', 3)]}
DECISIONS['voa-6180790'] = {'events': [('A', 0), ('A', 1), ('A', 3), ('A', 2)]}
DECISIONS['voa-6181522'] = {'events': [
    ('A', 6), ('A', 7), ('A', 0), ('A', 1), ('A', 8), ('A', 9), ('A', 10), ('A', 2), ('B', 7), ('A', 11), ('A', 3),
    ('B', 9), ('A', 12, {'types': ['REQUEST', 'ACCUSE']}), ('A', 4), ('A', 13), ('A', 5), ('A', 14)]}
DECISIONS['voa-7846440'] = {'events': [
    ('A', 0), ('A', 3), ('A', 1), ('A', 4, _FIRM), ('A', 2), ('A', 5), ('A', 6), ('A', 7),
    ('A', 8, {'optional': False, 'types': ['ACCUSE', 'REQUEST', 'REJECT']}), ('A', 9, _FIRM), ('A', 10), ('A', 11),
    ('A', 12), ('A', 13), ('A', 14), ('A', 15), ('B', 17)]}
DECISIONS['voa-7746511'] = {'events': [('A', 1), ('A', 0), ('A', 2, {'roles': ('B', 5)}), ('B', 6)]}
DECISIONS['voa-7810159'] = {'events': [
    ('A', 0, {'types': ['COOPERATE', 'AGREE', 'REQUEST']}), ('A', 6), ('A', 7), ('A', 8),
    ('A', 1, {'trigger': 'South Korea and the United States established as part of the Washington Declaration in April 2023'}),
    ('B', 4), ('A', 9), ('B', 6), ('A', 10), ('A', 2), ('B', 9), ('A', 3), ('A', 11),
    ('A', 4, {'types': ['AGREE', 'COOPERATE']}), ('A', 12), ('A', 13), ('A', 14), ('A', 5), ('A', 15)]}
DECISIONS['voa-7678740'] = {'positions': 'B', 'events': [
    ('A', 0, {'types': ['CONSULT', 'REQUEST']}), ('A', 4), ('A', 5), ('B', 3), ('A', 6), ('A', 7), ('A', 1), ('A', 8),
    ('A', 2), ('A', 9), ('A', 10), ('A', 3), ('B', 12)]}
DECISIONS['voa-7742331'] = {'events': [('A', 1), ('A', 0)]}
DECISIONS['voa-7836916'] = {'events': [
    ('A', 6), ('A', 0), ('A', 7), ('A', 1), ('A', 8), ('A', 10), ('A', 9), ('A', 11), ('A', 12), ('A', 13), ('B', 11),
    ('A', 3), ('A', 4), ('A', 14, _FIRM), ('A', 15), ('A', 16, {'optional': False, 'source': ('B', 16, 'source')}),
    ('A', 2), ('A', 17), ('A', 5), ('B', 21)]}


def _signature(matcher: dict) -> tuple:
    if "country" in matcher:
        return ("country", matcher["country"])
    return ("group", frozenset(alias.lower() for alias in matcher["group"]))


def _same_matcher(m1: dict, m2: dict) -> bool:
    s1, s2 = _signature(m1), _signature(m2)
    if s1[0] != s2[0]:
        return False
    if s1[0] == "country":
        return s1[1] == s2[1] and bool(m1.get("exclude")) == bool(m2.get("exclude"))
    return bool(s1[1] & s2[1])


def _same_role(r1: list[dict] | None, r2: list[dict] | None) -> bool:
    if r1 is None or r2 is None:
        return r1 is None and r2 is None
    if len(r1) != len(r2):
        return False
    used: set[int] = set()
    for m in r1:
        hit = next((j for j, m2 in enumerate(r2) if j not in used and _same_matcher(m, m2)), None)
        if hit is None:
            return False
        used.add(hit)
    return True


def _base_roles(record: dict) -> list[list[dict]]:
    return [r for e in record["events"] for r in (e.get("source"), e.get("target")) if r is not None]


def as_base_role(role: list[dict] | None, base: dict) -> list[dict] | None:
    """ROLE (matchers of one annotator) rewritten with the BASE record's matchers for the same actor(s)."""
    if role is None:
        return None
    roles = _base_roles(base)
    for candidate in roles:
        if _same_role(role, candidate):
            return copy.deepcopy(candidate)
    out = []
    for m in role:
        twin = next((m2 for r in roles for m2 in r if _same_matcher(m, m2)), m)
        out.append(copy.deepcopy(twin))
    return out


def place(text: str, trigger: str, nth: int) -> list[int]:
    """[start, end] of the NTH occurrence (from 0) of TRIGGER in TEXT; ValueError when there is none."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(trigger, pos + 1)
        if pos < 0:
            raise ValueError(f"trigger {trigger!r} (occurrence {nth}) is not in the text: fix the decision table")
    return [pos, pos + len(trigger)]


def _event(item: tuple, records: dict[str, dict], base: dict, text: str) -> dict:
    who, k = item[0], item[1]
    overrides = item[2] if len(item) > 2 else {}
    event = copy.deepcopy(records[who]["events"][k])

    def role(w: str, j: int, name: str):
        value = records[w]["events"][j].get(name)
        return copy.deepcopy(value) if records[w] is base else as_base_role(value, base)

    if records[who] is not base:
        event["source"] = as_base_role(event.get("source"), base)
        event["target"] = as_base_role(event.get("target"), base)
    for key, value in overrides.items():
        if key == "roles":
            event["source"], event["target"] = role(*value, "source"), role(*value, "target")
            event.pop("target_optional", None)
            if records[value[0]]["events"][value[1]].get("target_optional"):
                event["target_optional"] = True
        elif key in ("source", "target"):
            event[key] = role(*value)
        elif value is False and key in ("optional", "target_optional"):
            event.pop(key, None)
        else:
            event[key] = value
    if "trigger" in overrides or "nth" in overrides:
        event["span"] = place(text, event["trigger"], event.get("nth", 0))
    start, end = event["span"]
    if text[start:end] != event["trigger"] or place(text, event["trigger"], event["nth"]) != event["span"]:
        raise ValueError(f"span {event['span']} does not hold the trigger {event['trigger']!r}")
    return {key: event[key] for key in KEYS if key in event}


def adjudicate(a_record: dict, b_record: dict, decision: dict) -> dict:
    """One lead's gold record from its two labellings and the adjudicator's DECISION (firm events first)."""
    records = {"A": a_record, "B": b_record}
    base = records[decision.get("base", "A")]
    text = a_record["text"]
    if b_record["text"] != text:
        raise ValueError(f"{a_record['id']}: the two annotators labelled different texts")
    events = [_event(item, records, base, text) for item in decision["events"]]
    events = (sorted((e for e in events if not e.get("optional")), key=lambda e: e["span"][0])
              + sorted((e for e in events if e.get("optional")), key=lambda e: e["span"][0]))
    record = {key: a_record[key] for key in ("id", "published", "title", "url", "source")}
    record["note"] = decision.get("note", a_record.get("note"))
    record["annotators"] = "A,B adjudicated"
    record["text"] = text
    record["events"] = events
    record["positions"] = copy.deepcopy(records[decision.get("positions", "A")].get("positions") or [])
    return record


def main(argv: list[str]) -> int:
    out_path = Path(argv[0]) if argv else HERE / "voa_leads_gold.jsonl"
    a = [json.loads(line) for line in open(HERE / "annotators" / "annotator_A.jsonl", encoding="utf-8")]
    b = {r["id"]: r for r in (json.loads(line) for line in open(HERE / "annotators" / "annotator_B.jsonl",
                                                                 encoding="utf-8"))}
    missing = [r["id"] for r in a if r["id"] not in DECISIONS]
    if missing:
        print(f"no decision for {', '.join(missing)}: add them to DECISIONS")
        return 1
    gold = [adjudicate(r, b[r["id"]], DECISIONS[r["id"]]) for r in a]
    with open(out_path, "w", encoding="utf-8") as fh:
        for record in gold:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    firm = sum(1 for r in gold for e in r["events"] if not e.get("optional"))
    total = sum(len(r["events"]) for r in gold)
    print(f"{len(gold)} leads, {total} events: {firm} firm, {total - firm} optional -> {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
