"""What the trained event classifier may do to the rules' output (no spaCy import: the CLI checks the
option before any model loads)."""

from __future__ import annotations

# Each can be switched on alone (benchmarks/classifier_ablation.py measures them one by one).
# "confidence" only fills Event.confidence; the others change which events come out.
ACTIONS = ("veto", "recode", "add", "confidence")
# veto and recode lowered type F1 on the open sets they touched; add raised one set's type F1 by one event but
# lowered its place accuracy (the added event's place was wrong), so only confidence is on unless asked for
# (README, "The event classifier", has the ablation).
DEFAULT_ACTIONS = "confidence"


def parse_actions(text: str | None) -> frozenset[str]:
    """"veto,add" -> {"veto", "add"}; "" or "none" -> no action. Raises ValueError on an unknown name."""
    names = {a.strip().lower() for a in (text or "").split(",") if a.strip()} - {"none"}
    unknown = sorted(names - set(ACTIONS))
    if unknown:
        raise ValueError(f"Unknown classifier action(s) {', '.join(unknown)}: use a comma-separated list of "
                         f"{', '.join(ACTIONS)} (or none).")
    return frozenset(names)
