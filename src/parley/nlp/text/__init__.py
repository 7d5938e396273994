"""Text before and at the start of the pipeline: plain text with offsets kept (normalize), and no sentence over the
cap (sentences, the parley_sentence_cap component). `normalize()` itself is on `parley.nlp` (here the name is taken
by its module). May import: kb, language."""

from parley.nlp.lazy import face

__all__ = ["MAX_SENTENCE_TOKENS", "Normalized", "SentenceCap", "normalize_headline", "restore_offsets"]

__getattr__ = face(__name__, {
    "Normalized": "normalize", "normalize_headline": "normalize", "restore_offsets": "normalize",
    "MAX_SENTENCE_TOKENS": "sentences", "SentenceCap": "sentences",
})
