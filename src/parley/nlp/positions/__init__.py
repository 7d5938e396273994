"""The positions each party takes on negotiating issues: the issue lexicon of kb/issues.yaml (issues), which cues
count (cues), what stance a word states (stances), how a governing word changes it (composition), who holds it (holders)
and the parley_positions component (reader). May import: language, actors, events, identity."""

from parley.nlp.lazy import face

__all__ = ["IssueLexicon", "PositionReader", "holder", "load_issues"]

__getattr__ = face(__name__, {"PositionReader": "reader", "IssueLexicon": "issues", "load_issues": "issues",
                              "holder": "holders"})
