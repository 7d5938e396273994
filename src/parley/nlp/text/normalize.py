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
from parley.nlp.language.wordlists import grammar

ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}  # zero-width, joiners, BOM, soft hyphen
SPACES = {"\u00a0", "\u202f", "\u2007"}  # non-breaking spaces read as spaces
UNTOUCHED_UNLESS = INVISIBLE | SPACES  # (with "&") the characters `normalize` may change
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
        return len(self.starts) != self.original_length or self.starts != list(range(self.original_length))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a plain-text span [start, end) back to the original text."""
        if start >= len(self.starts):
            return self.original_length, self.original_length
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[min(end, len(self.ends)) - 1]


def normalize(text: str, *, recase_caps: bool = True) -> Normalized:
    """Decode entities, drop invisible characters, and (with `recase_caps`) case ALL-CAPS lines as titles."""
    if "&" not in text and not any(c in text for c in UNTOUCHED_UNLESS):
        # nothing to decode or drop (most articles): each character stays where it is, without the loop below
        n = len(text)
        return Normalized(_recase_lines(text) if recase_caps else text, list(range(n)),
                          list(range(1, n + 1)), n)
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
    plain = "".join(out)
    return Normalized(_recase_lines(plain) if recase_caps else plain, starts, ends, n)


HEADLINE_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’]*")  # "U.S.", "Israel-Hezbollah" as two
BODY_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
SENTENCE_OPENERS = set(".!?:;\"“”'‘’-—–([")


def normalize_headline(title: str, body: str) -> Normalized:
    """A headline made plain for the parser: `normalize`, then an ALL-CAPS or Title Case headline
    ("RUSSIA ACCUSES UKRAINE OF DRONE STRIKE", "Russia Accuses Ukraine of Drone Strike") re-cased as a
    sentence, same length, so its spans stay offsets into the title. A word keeps the capital the
    article's own text gives it in mid-sentence ("Minova", "RSF"); a word the text does not use keeps
    its capital if the reference data knows it as a name; every other word is lower-cased."""
    norm = normalize(title, recase_caps=False)
    recased = _recased_headline(norm.text, lambda: _body_casing(body))
    return norm if recased is None else replace(norm, text=recased)


def _headline_case(text: str) -> tuple[bool, bool]:
    """(all caps, title case) of a headline's words."""
    letters = [c for c in text if c.isalpha()]
    words = HEADLINE_WORD.findall(text)
    long_words = [w for w in words if len(w) >= 4]
    all_caps = bool(letters) and not any(c.islower() for c in letters)
    title_case = len(words) >= 3 and bool(long_words) and all(w[0].isupper() for w in long_words)
    return all_caps, title_case and len(words) >= 2


def _recased_headline(text: str, casing_of, names: set[str] | None = None) -> str | None:
    """An ALL-CAPS or Title Case headline re-cased as a sentence (same length), or None when it is neither;
    `casing_of()` gives the article's mid-sentence capitals (`_body_casing`), asked only when needed; `names`, the
    reference data's names (`_known_names()`, read once by a caller with many lines)."""
    all_caps, title_case = _headline_case(text)
    if not (all_caps or title_case) or len(HEADLINE_WORD.findall(text)) < 2:
        return None
    casing = casing_of()
    small = grammar().headline_small_words
    names = _known_names() if names is None else names

    def recase(m: re.Match) -> str:
        word = m.group(0)
        seen = casing.get(word.lower())
        if seen is not None and len(seen) == len(word):
            return seen  # as the article writes it in mid-sentence
        if word in names or ("." in word and len(word) <= 5) or (not all_caps and word.isupper() and len(word) > 1):
            return word  # "U.S.", "RSF" in a Title Case headline
        title_word = word[0] + word[1:].lower()
        stem = title_word[:-2] if title_word.endswith(("'s", "’s")) else title_word
        if stem in names and word.lower() not in small:
            return title_word
        return word.lower()

    plain = HEADLINE_WORD.sub(recase, text)
    return plain[:1].upper() + plain[1:]


def _body_casing(body: str) -> dict[str, str]:
    """Lower-cased word -> its capitalised form, for the words an article writes with a capital in
    mid-sentence more often than without (names: "Minova", "RSF"). Linear in the text."""
    capital: dict[str, tuple[str, int]] = {}
    lower: dict[str, int] = {}
    for m in BODY_WORD.finditer(body):
        word = m.group(0)
        key = word.lower()
        if word[0].islower():
            lower[key] = lower.get(key, 0) + 1
            continue
        before = body[max(0, m.start() - 8):m.start()].rstrip()[-1:]
        initial = not before or before in SENTENCE_OPENERS  # a sentence's first capital says nothing
        if not initial or (word.isupper() and len(word) > 1):
            form, n = capital.get(key, (word, 0))
            if form.isupper() and not word.isupper():
                form = word  # "Odesa" in mid-sentence over a dateline's "ODESA"
            capital[key] = (form, n + 1)
    return {key: form for key, (form, n) in capital.items() if n > lower.get(key, 0)}


#: Most words of a line read as a headline above a story's text.
MAX_HEADLINE_WORDS = 20
#: How a headline line may end: with no stop, or with an ellipsis ("Israel Kills Hamas Commander In Gaza...").
ELLIPSES = ("...", "…")


def _recase_lines(text: str) -> str:
    """ALL-CAPS lines, then Title Case headline lines, re-cased as sentences (same length)."""
    text = _title_case_caps_lines(text)
    return _title_case_headlines(text) if "\n" in text else text


def _title_case_headlines(text: str) -> str:
    """"Russia Strikes Odesa Port Overnight; 4 Dead" above the story's first paragraph -> "Russia strikes Odesa port
    overnight; 4 dead" (same length): a tagger reads a Title Case line as a run of proper nouns, and the verb of the
    headline, and the next line's subject with it, are lost. A headline line is short, ends with no stop (or with an
    ellipsis) and has a line after it; its words take the case the story gives them (`_recased_headline`)."""
    lines = text.split("\n")
    # the next line with words after each line (one pass from the end: a long text has thousands of lines)
    following, after = [""] * len(lines), ""
    for k in range(len(lines) - 1, -1, -1):
        following[k] = after
        after = lines[k].strip() or after
    heads = [k for k, line in enumerate(lines) if _headline_line(line, following[k])]
    if not heads:
        return text
    # the case the story's own lines give a word (not the headlines', whose every word has a capital)
    headed = set(heads)
    body = "\n".join(line for k, line in enumerate(lines) if k not in headed)
    casing: dict[str, str] | None = None

    def body_casing() -> dict[str, str]:
        nonlocal casing
        if casing is None:
            casing = _body_casing(body)
        return casing

    names = _known_names()
    for k in heads:
        recased = _recased_headline(lines[k], body_casing, names)
        if recased is not None:
            lines[k] = recased
    return "\n".join(lines)


def _known_names() -> set[str]:
    """The names and demonyms of the reference data."""
    kb = kb_module.load()
    return kb.aliases.keys() | kb.demonyms.keys()


def _headline_line(line: str, following: str) -> bool:
    """A short line in Title Case (not ALL CAPS) with no stop at its end but an ellipsis, above a line (`following`,
    the next one with words) that starts with a capital."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > MAX_HEADLINE_WORDS or not following[:1].isupper():
        return False  # (a line cut by hard wrapping goes on in lower case: "The United Nations Security Council\nmet")
    if stripped[-1] in ".!?\"”" and not stripped.endswith(ELLIPSES):
        return False
    return _headline_case(stripped) == (False, True)


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
        start, end = norm.span(a.start, a.end)
        return replace(a, start=start, end=end)

    for event in document.events:
        event.span = norm.span(*event.span)
        event.sentence_span = norm.span(*event.sentence_span)
        event.map_actors(actor)
    document.actors = [actor(a) for a in document.actors]
    document.positions = [replace(p, span=norm.span(*p.span), actor=actor(p.actor)) for p in document.positions]
    return document
