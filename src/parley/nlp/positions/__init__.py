"""The positions each party takes on negotiating issues: the issue lexicon of kb/issues.yaml and the
parley_positions component (reader). May import: language, actors, events, identity."""

from parley.nlp.lazy import face

__all__ = ["IssueLexicon", "PositionReader", "load_issues"]

__getattr__ = face(__name__, {"PositionReader": "reader", "IssueLexicon": "reader", "load_issues": "reader"})
