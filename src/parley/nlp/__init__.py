"""The spaCy pipeline and Parley's components: text in, Doc extensions out (never leaves this package).

One sub-package per pipeline stage, each importing only the stages before it (tests/test_layout.py):
text (normalize, sentence cap) · language (syntax, word lists, lexicon, spans) · geo (gazetteer, geocode) ·
setting (status, dates, calendar, places) · actors · events · positions. `pipeline.py` loads the model and adds the
components in order; `extensions.py` registers the Doc extensions. This face is lazy: importing it loads no spaCy.
"""

from parley.nlp.lazy import face

__all__ = ["Normalized", "load", "load_spacy", "model_name", "normalize", "normalize_headline", "restore_offsets"]

__getattr__ = face(__name__, {
    "load": "pipeline", "load_spacy": "pipeline", "model_name": "pipeline",
    "Normalized": "text.normalize", "normalize": "text.normalize", "normalize_headline": "text.normalize",
    "restore_offsets": "text.normalize",
})
