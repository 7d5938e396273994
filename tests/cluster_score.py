"""Scoring merging on labelled clusters (`from cluster_score import ...`): articles whose events carry a `same_as`
label shared by the reports of one event in several articles (tests/data/merge_clusters/, README there).

Each labelled event names its trigger, as `span` ([start, end] in the text) or as `trigger` (a piece of the text,
its `nth` occurrence counting from 0). It is tied to the stored report of its article (not of the title) whose span
overlaps it. Over the pairs of tied events of different articles: a pair whose labels are equal should be one
stored event (pair recall); a pair stored as one event is a merge, right when the labels are equal (precision).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from parley.store.connect import make_engine


def read_labelled(path: Path) -> list[dict]:
    """The labelled articles of a JSONL file, each event given its `span`; ValueError names an event whose
    trigger is not in its article's text."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article = json.loads(line)
        for event in article["events"]:
            if "span" not in event:
                start = -1
                for _ in range(event.get("nth", 0) + 1):
                    start = article["text"].find(event["trigger"], start + 1)
                if start < 0:
                    raise ValueError(f"{article['id']}: trigger {event['trigger']!r} is not in the text")
                event["span"] = [start, start + len(event["trigger"])]
        found.append(article)
    return found


@dataclass
class Scored:
    """Pairs of tied reports of different articles: those that should be one event, those merged, and which."""

    tied: int = 0
    should: int = 0
    merged_right: int = 0
    merges: int = 0
    wrong: list[tuple] = field(default_factory=list)
    missed: list[tuple] = field(default_factory=list)
    merged_labels: dict[str, int] = field(default_factory=dict)  # right merges by label

    @property
    def recall(self) -> float:
        return self.merged_right / self.should if self.should else 0.0

    @property
    def precision(self) -> float:
        return self.merged_right / self.merges if self.merges else 0.0

    def line(self, name: str) -> str:
        return (f"{name:28} tied {self.tied:3d}  should {self.should:3d}  merged {self.merged_right:3d}  "
                f"merges {self.merges:3d}  recall {self.recall:.3f}  precision {self.precision:.3f}")


def score(url: str, articles: list[dict]) -> Scored:
    """Merging in the store at `url` (where `articles` were ingested) against their labels."""
    engine = make_engine(url)
    with engine.connect() as conn:
        reports = conn.execute(text("SELECT article_id, span_start, span_end, event_id, trigger FROM event_mentions "
                                    "WHERE in_title = 0 ORDER BY article_id, span_start, id")).all()
    engine.dispose()
    by_article: dict[str, list] = {}
    for row in reports:
        by_article.setdefault(row[0], []).append(row)
    tied = []
    for article in articles:
        for event in article["events"]:
            start, end = event["span"]
            hits = [r for r in by_article.get(article["id"], []) if r[1] < end and start < r[2]]
            if hits:
                tied.append((article["id"], event.get("same_as"), hits[0][3], hits[0][4]))
    found = Scored(tied=len(tied))
    for x, y in itertools.combinations(tied, 2):
        if x[0] == y[0]:
            continue
        same = x[1] is not None and x[1] == y[1]
        merged = x[2] == y[2]
        found.should += same
        found.merges += merged
        found.merged_right += same and merged
        if merged and same:
            found.merged_labels[x[1]] = found.merged_labels.get(x[1], 0) + 1
        if merged and not same:
            found.wrong.append((x[0], x[3], x[1], y[0], y[3], y[1]))
        if same and not merged:
            found.missed.append((x[0], x[3], y[0], y[3], x[1]))
    return found
