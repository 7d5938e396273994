"""The actor resolver's working list of mentions for its group-noun pass (nlp/actors/resolver.py), with the indexes
that keep the pass linear in an article's length."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from parley.nlp.actors.mention import Mention


class LiveMentions:
    """The group pass's mentions in list order: appended to, those a group noun swallows marked dead rather
    than filtered out, and the latest organisation, organisation subject or armed group before a token found
    through indexes sorted by start. Filtering and scanning the whole list for each group noun made the pass
    quadratic in an article's length; this keeps its results (ties on a start go to the earlier-listed)."""

    def __init__(self, doc: Doc, mentions: list[Mention], speech: frozenset | set):
        self.doc, self.speech = doc, speech
        self.items: list[Mention] = []
        self.dead: set[int] = set()
        self.by_start: dict[int, list[int]] = {}
        self.sorted: dict[str, list[tuple[int, int]]] = {"org": [], "subject": [], "armed": []}
        for mention in mentions:
            self.append(mention)

    def append(self, mention: Mention) -> None:
        n = len(self.items)
        self.items.append(mention)
        self.by_start.setdefault(mention.start, []).append(n)
        if not mention.actor.id.startswith("org:"):
            return
        kinds = ["org"]
        root = self.doc[mention.start:mention.end].root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() not in self.speech:
            kinds.append("subject")
        if mention.actor.type == "REB":
            kinds.append("armed")
        for kind in kinds:
            bisect.insort(self.sorted[kind], (mention.start, n))

    def drop_inside(self, start: int, end: int) -> None:
        """Mark dead every live mention within tokens [start, end)."""
        for first in range(start, end):
            for n in self.by_start.get(first, ()):
                if self.items[n].end <= end:
                    self.dead.add(n)

    def latest(self, kind: str, before: int) -> Mention | None:
        """The live mention of `kind` ending at or before token `before` with the greatest start."""
        keys = self.sorted[kind]
        k = bisect.bisect_left(keys, (before, -1)) - 1  # the last one starting before `before`
        best = None
        while k >= 0:
            start, n = keys[k]
            if best is not None and start != best[0]:
                break
            if n not in self.dead and self.items[n].end <= before:
                best = (start, n)
            k -= 1
        return self.items[best[1]] if best else None

    def latest_org_where(self, before: int, fits) -> Mention | None:
        """The live organisation mention ending at or before token `before`, nearest first, for which
        `fits(mention)` holds; None when none does."""
        keys = self.sorted["org"]
        for k in range(bisect.bisect_left(keys, (before, -1)) - 1, -1, -1):
            n = keys[k][1]
            if n not in self.dead and self.items[n].end <= before and fits(self.items[n]):
                return self.items[n]
        return None

    def alive_reversed(self):
        return (m for n, m in zip(range(len(self.items) - 1, -1, -1), reversed(self.items)) if n not in self.dead)

    def alive(self) -> list[Mention]:
        return [m for n, m in enumerate(self.items) if n not in self.dead]
