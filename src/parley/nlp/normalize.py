"""Text that hides actors from the parser, made plain before the pipeline: HTML entities left in JSON
text ("Israel&#8217;s army"), zero-width spaces and joiners, soft hyphens, non-breaking spaces, and
ALL-CAPS headlines. Every span Parley reports stays an offset into the original text: `Normalized`
keeps, for each character of the plain text, where it came from.

`html.unescape` (the standard library) reads the entities; the offset map is our own, for no library
both decodes and keeps offsets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from parley import kb as kb_module
from parley.nlp.grammar import grammar

ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}  # zero-width, joiners, BOM, soft hyphen
SPACES = {"\u00a0", "\u202f", "\u2007"}  # non-breaking spaces read as spaces
CAPS_WORD = re.compile(r"[A-Z][A-Z'’.\-]*")


@dataclass(frozen=True)
class Normalized:
    """The plain text and, per plain character i, the original offsets [starts[i], ends[i])."""

    text: str
    starts: list[int]
    ends: list[int]
    original_length: int

    @property
    def changed(self) -> bool:
        return len(self.starts) != self.original_length or any(s != i for i, s in enumerate(self.starts))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a plain-text span [start, end) back to the original text."""
        if start >= len(self.starts):
            return self.original_length, self.original_length
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[min(end, len(self.ends)) - 1]


def normalize(text: str) -> Normalized:
    """Decode entities, drop invisible characters, and case ALL-CAPS lines as titles."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "&":
            m = ENTITY.match(text, i)
            if m:
                decoded = html.unescape(m.group(0))
                if decoded != m.group(0):
                    for c in decoded:
                        if c in INVISIBLE:
                            continue
                        out.append(" " if c in SPACES else c)
                        starts.append(i)
                        ends.append(m.end())
                    i = m.end()
                    continue
        if ch not in INVISIBLE:
            out.append(" " if ch in SPACES else ch)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    plain = _title_case_caps_lines("".join(out))
    return Normalized(plain, starts, ends, n)


def _title_case_caps_lines(text: str) -> str:
    """"HOUTHIS FIRE MISSILES AT U.S. DESTROYER" -> "Houthis fire missiles at U.S. destroyer" (same
    length): a tagger reads an all-caps line as a string of proper nouns. Names the reference data
    knows keep their capital; other words are lower-cased."""
    small = grammar().headline_small_words
    kb = kb_module.load()
    names = kb.aliases.keys() | kb.demonyms.keys()
    lines = text.split("\n")
    for k, line in enumerate(lines):
        letters = [c for c in line if c.isalpha()]
        if len(letters) < 12 or any(c.islower() for c in letters) or len(line.split()) < 3:
            continue

        def recase(m: re.Match) -> str:
            word = m.group(0)
            if ("." in word and len(word) <= 5) or word in names:
                return word  # "U.S.", "U.N.", "RSF"
            title = word[0] + word[1:].lower()
            stem = title[:-2] if title.endswith(("'s", "’s")) else title
            if stem in names and word.lower() not in small:
                return title  # "Serbia", "Russian"
            return word.lower()  # "accuses": a verb, once the tagger can see it

        lines[k] = CAPS_WORD.sub(recase, line)
        lines[k] = lines[k][:1].upper() + lines[k][1:]
    return "\n".join(lines)


def restore_offsets(document, norm: Normalized):
    """Put a Document's spans (events, actors, claimants, positions) back into original offsets."""
    if not norm.changed:
        return document

    def actor(a):
        if a is None:
            return None
        start, end = norm.span(a.start, a.end)
        return replace(a, start=start, end=end)

    for event in document.events:
        event.span = norm.span(*event.span)
        event.sentence_span = norm.span(*event.sentence_span)
        event.source = [actor(a) for a in event.source]
        event.target = [actor(a) for a in event.target]
        event.claimed_by = actor(event.claimed_by)
    document.actors = [actor(a) for a in document.actors]
    document.positions = [replace(p, span=norm.span(*p.span), actor=actor(p.actor)) for p in document.positions]
    return document
