"""English as Parley reads it, with no component of its own: the clause questions (syntax), the closed-class word
lists of kb/wordlists.yaml and kb/roles.yaml (wordlists: `words()`, `grammar()`), the trigger lexicon of kb/triggers.yaml and kb/frames.yaml (lexicon, loaded by
`lexicon.load()`), and per-Doc entity spans (spans). May import: kb."""

from parley.nlp.lazy import face

__all__ = ["NO_EVENT", "Frame", "Lexicon", "Trigger", "ents_in", "grammar", "lexicon", "syntax", "wordlists",
           "words"]

__getattr__ = face(__name__, {
    "syntax": None, "wordlists": None, "lexicon": None,
    "Lexicon": "lexicon", "Trigger": "lexicon", "Frame": "lexicon", "NO_EVENT": "lexicon",
    "ents_in": "spans", "words": "wordlists", "grammar": "wordlists",
})
