"""Sentence starts set before the parser reads a Doc: a run of text with no full stop is cut into pieces
(`SentenceCap`), and a heading line with no full stop ends where its line does (`HeadingBreaks`)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from parley.nlp.extensions import doc_text

#: Longest sentence (tokens) the parser is given. News sentences rarely pass 80 tokens; a run with no full stop
#: (a list, a table flattened to text, a transcript) would make every per-event look at its sentence quadratic.
MAX_SENTENCE_TOKENS = 150
#: Tokens that end a sentence, and places where a run is best cut (after them) when it has to be.
SENTENCE_ENDS = {".", "!", "?"}
SOFT_BREAKS = {";", ":", ",", "—", "–"}
#: Longest line (tokens) read as a heading when it has no sentence end ("Airstrikes kill 50 militants").
MAX_HEADING_TOKENS = 10
#: Closing quotes and brackets that may follow a sentence end at a line's end.
CLOSERS = {'"', "”", "’", "'", ")", "]"}
#: A line longer than this (characters) is a paragraph, not a line of hard-wrapped text (those stay under ~80).
MIN_PARAGRAPH_CHARS = 85
#: Tags of a last word that leaves its sentence open ("... on", "... the", "... and", "...,"): a line cut by wrapping.
OPEN_ENDED_TAGS = {"IN", "DT", "CC", "TO", ",", ":", "PRP$", "POS", "HYPH", "WDT", "MD"}


class SentenceCap:
    """Mark a sentence start in every run of more than MAX_SENTENCE_TOKENS tokens without a sentence end, after
    its last comma, colon or semicolon when there is one in the run's second half. The parser keeps preset
    starts, so no sentence it builds is longer; ordinary text is left alone."""

    def __init__(self, max_tokens: int = MAX_SENTENCE_TOKENS):
        self.max_tokens = max_tokens
        # a run of this many characters with no sentence end may hold max_tokens tokens: only then look closer
        self.long_run = re.compile(rf"[^.!?\n]{{{max_tokens * 4},}}")

    def __call__(self, doc: Doc) -> Doc:
        if not self.long_run.search(doc_text(doc)):
            return doc
        start, soft = 0, None
        for token in doc:
            if token.text in SENTENCE_ENDS or (token.is_space and "\n" in token.text):
                start, soft = token.i + 1, None
                continue
            if token.text in SOFT_BREAKS:
                soft = token.i + 1
            if token.i + 1 - start >= self.max_tokens and token.i + 1 < len(doc):
                cut = soft if soft is not None and soft - start >= self.max_tokens // 2 else token.i + 1
                doc[cut].is_sent_start = True
                start, soft = cut, None
        return doc


class HeadingBreaks:
    """A short line with no sentence end, after a line that ended one (or at the top), followed by a paragraph that
    starts with a capital is a heading: the next line starts a sentence. A story's subheading ("Airstrikes kill 50
    militants" above a paragraph "Hours after the siege ended, ...") would otherwise be read as the next sentence's subject.
    A line cut in mid-sentence by hard wrapping comes after a line that did not end one, ends on a word that leaves
    it open ("on", "the", a comma) or is followed by another short line, and is left alone. Runs after the tagger,
    before the parser."""

    def __init__(self, max_tokens: int = MAX_HEADING_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if "\n" not in text:
            return doc
        line_start, ended_before = 0, True  # the line's first token; whether the line before ended a sentence
        for token in doc:
            if not (token.is_space and "\n" in token.text):
                continue
            words = [t for t in doc[line_start:token.i] if not t.is_space]
            if words:
                last = next((t for t in reversed(words) if t.text not in CLOSERS), words[-1])
                ends = last.text in SENTENCE_ENDS
                nxt = token.i + 1
                if (not ends and ended_before and len(words) <= self.max_tokens and nxt < len(doc)
                        and last.tag_ not in OPEN_ENDED_TAGS and doc[nxt].text[:1].isupper()
                        and self._paragraph_at(text, doc[nxt].idx)):
                    doc[nxt].is_sent_start = True
                ended_before = ends or (ended_before and len(words) <= self.max_tokens)
            line_start = token.i + 1
        return doc

    @staticmethod
    def _paragraph_at(text: str, start: int) -> bool:
        """The line from `start` is a paragraph (longer than hard wrapping makes a line)."""
        end = text.find("\n", start)
        return (len(text) if end < 0 else end) - start > MIN_PARAGRAPH_CHARS


@Language.factory("parley_heading_breaks", default_config={"max_tokens": MAX_HEADING_TOKENS},
                  assigns=["token.is_sent_start"])
def make_heading_breaks(nlp: Language, name: str, max_tokens: int):
    """`max_tokens`: the longest line (tokens) read as a heading."""
    return HeadingBreaks(max_tokens)


@Language.factory("parley_sentence_cap", default_config={"max_tokens": MAX_SENTENCE_TOKENS},
                  assigns=["token.is_sent_start"])
def make_sentence_cap(nlp: Language, name: str, max_tokens: int):
    """`max_tokens`: the longest sentence (tokens) the parser is given."""
    return SentenceCap(max_tokens)
