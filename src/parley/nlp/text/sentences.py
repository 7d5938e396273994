"""Bound the length of a sentence before the parser reads it: a run of text with no full stop is cut into pieces."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

#: Longest sentence (tokens) the parser is given. News sentences rarely pass 80 tokens; a run with no full stop
#: (a list, a table flattened to text, a transcript) would make every per-event look at its sentence quadratic.
MAX_SENTENCE_TOKENS = 150
#: Tokens that end a sentence, and places where a run is best cut (after them) when it has to be.
SENTENCE_ENDS = {".", "!", "?"}
SOFT_BREAKS = {";", ":", ",", "—", "–"}


class SentenceCap:
    """Mark a sentence start in every run of more than MAX_SENTENCE_TOKENS tokens without a sentence end, after
    its last comma, colon or semicolon when there is one in the run's second half. The parser keeps preset
    starts, so no sentence it builds is longer; ordinary text is left alone."""

    def __init__(self, max_tokens: int = MAX_SENTENCE_TOKENS):
        self.max_tokens = max_tokens
        # a run of this many characters with no sentence end may hold max_tokens tokens: only then look closer
        self.long_run = re.compile(rf"[^.!?\n]{{{max_tokens * 4},}}")

    def __call__(self, doc: Doc) -> Doc:
        if not self.long_run.search(doc.text):
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


@Language.factory("parley_sentence_cap", default_config={"max_tokens": MAX_SENTENCE_TOKENS},
                  assigns=["token.is_sent_start"])
def make_sentence_cap(nlp: Language, name: str, max_tokens: int):
    """`max_tokens`: the longest sentence (tokens) the parser is given."""
    return SentenceCap(max_tokens)
