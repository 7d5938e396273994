"""`parley watch`: follow sources, and alert when a rule's condition becomes true on newly read articles.

    rules.py     the rules file (YAML): event, shift and surge rules, channels, feed; checked with line numbers
    evaluate.py  the rules against the articles of the ingest runs not evaluated yet
    deliver.py   one grouped apprise message per channel per cycle; failures kept and retried
    feed.py      the Atom feed of alerts (feedgen)
    cycle.py     one cycle (ingest, evaluate, deliver, feed) and the loop around it

The alerts themselves are stored by parley.store.alerts, which the API reads too.
"""

from parley.watch.cycle import CycleReport, parse_every, run_cycle, watch
from parley.watch.rules import Rules, load_rules, parse_rules

__all__ = ["CycleReport", "Rules", "load_rules", "parse_every", "parse_rules", "run_cycle", "watch"]
