"""Multiword constructions: spaCy DependencyMatcher patterns from kb/frames.yaml, matched once per Doc where one
sentence holds their words, the part of trigger reading that looks past one word ("the town fell to the rebels",
"traded accusations")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.matcher import DependencyMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Token

from parley.kb import KBError
from parley.nlp.language.lexicon import Lexicon, Trigger

CONSTRUCTIONS_KEY = "parley_constructions"


def keep_whole(nlp, lex: Lexicon) -> None:
    """Tell the tokenizer to keep the kb's hyphenated verbs whole ("test-fired"): split, they parse as nouns."""
    for word in lex.single_tokens:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


class Constructions:
    """The kb's multiword constructions matched in a Doc, each typed by the trigger reader's `sense` (a
    construction's frames are read like a word's). Held by TriggerReader."""

    def __init__(self, lex: Lexicon, sense: Callable[[Token, Trigger], Trigger | None]):
        self.lex = lex
        self.sense = sense
        self.nominal_names = frozenset(c.name for c in lex.constructions if c.nominal)
        self._dependency_matchers: tuple | None = None

    def matches(self, doc: Doc) -> dict[int, tuple[Trigger, tuple[int, ...]]]:
        """Matches of the kb constructions in `doc`, by anchor token index: (trigger, indices of the span's
        tokens). Matched once per Doc and cached in doc.user_data (plain ints: no reference cycle to the Doc)."""
        cached = doc.user_data.get(CONSTRUCTIONS_KEY)
        if cached is not None:
            return cached
        found: dict[int, tuple[Trigger, tuple[int, ...]]] = {}
        doc.user_data[CONSTRUCTIONS_KEY] = found  # filled below; a frame check inside sees what is found so far
        if not self.lex.constructions or not doc.has_annotation("DEP"):
            return found
        sentences_with = _sentences_by_word(doc)
        words = set(sentences_with)
        for construction, matcher, required in self._matchers(doc.vocab):
            # a match lies in one sentence (one dependency tree), so a construction no sentence holds a word of
            # each of its word-naming nodes for cannot match: its matcher is not run (a DependencyMatcher scans
            # the whole Doc with every node of its pattern; running all of them cost as much as the rest of the typing)
            if not _in_one_sentence(required, words, sentences_with):
                continue
            for _key, token_ids in matcher(doc):
                nodes = {node["RIGHT_ID"]: i for node, i in zip(construction.pattern, token_ids)}
                anchor = doc[nodes[construction.anchor]]
                if anchor.i in found:
                    continue
                trigger = self.sense(anchor, construction.trigger)
                if trigger is not None:
                    found[anchor.i] = (trigger, tuple(sorted({nodes[n] for n in construction.tokens})))
        return found

    def at(self, token: Token) -> tuple[Trigger, list[Token]] | None:
        """The construction anchored on `token`, with the tokens of its span, or None."""
        built = self.matches(token.doc).get(token.i)
        return None if built is None else (built[0], [token.doc[i] for i in built[1]])

    def _matchers(self, vocab) -> list[tuple]:
        """Per kb construction, in kb order: the construction, a DependencyMatcher for it alone, and the word
        sets of its nodes that name their words (LOWER or LOWER IN): a match needs a word of each."""
        cached = self._dependency_matchers
        if cached is not None and cached[0] is vocab:
            return cached[1]
        built = []
        for construction in self.lex.constructions:
            matcher = DependencyMatcher(vocab)
            try:
                matcher.add(construction.name, [construction.pattern])
            except ValueError as exc:
                raise KBError(f"frames.yaml: construction {construction.name!r} has a bad pattern ({exc}); "
                              "see spaCy's DependencyMatcher documentation for the node format") from exc
            required = []
            for node in construction.pattern:
                lower = (node.get("RIGHT_ATTRS") or {}).get("LOWER")
                if isinstance(lower, str):
                    required.append(frozenset([lower.lower()]))
                elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
                    required.append(frozenset(str(w).lower() for w in lower["IN"]))
            built.append((construction, matcher, required))
        self._dependency_matchers = (vocab, built)
        return built




def _sentences_by_word(doc: Doc) -> dict[str, set[int]]:
    """The numbers of the sentences each lower-cased word of `doc` occurs in."""
    found: dict[str, set[int]] = {}
    strings, lowers = doc.vocab.strings, doc.to_array("LOWER").tolist()  # (read as an array: no Token objects made)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            found.setdefault(strings[lowers[i]], set()).add(number)
    return found


def _in_one_sentence(required: list[frozenset[str]], words: set[str], sentences_with: dict[str, set[int]]) -> bool:
    """True when some sentence holds a word of each of the `required` word sets (True when there are none);
    `words`: the Doc's words, `sentences_with`: the sentences each is in."""
    if any(needed.isdisjoint(words) for needed in required):
        return False  # the Doc lacks a word of some node: most constructions end here, with no set built
    common: set[int] | None = None
    for needed in required:
        # (a node's word list can be long, the Doc's words few: intersect first)
        holding = set().union(*(sentences_with[word] for word in words & needed))
        common = holding if common is None else common & holding
        if not common:
            return False
    return True
