"""A trained sentence classifier beside the trigger rules: it vetoes rule events of an unlikely type,
adds an event where no rule fired but the model is sure, and gives each event a confidence.

The model (spaCy `textcat_multilabel`, 16 PLOVER types, trained by `make train` on
data/training/events) ships in parley/models/event_classifier and is read from there; nothing is
downloaded. It scores whole sentences, so it decides *which types a sentence holds*; the rules keep
deciding the trigger, the roles and the status.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from parley.errors import ModelError
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.actions import ACTIONS, DEFAULT_ACTIONS, parse_actions  # noqa: F401
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.filters import under_condition
from parley.nlp.events.roles import RoleReader
from parley.nlp.language import lexicon as lexicon_mod
from parley.nlp.language.syntax import is_negated

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "event_classifier"
COMPONENT = "textcat_multilabel"

# PLOVER's verbal moves (CAMEO quad classes 1 and 3); the rest are material acts.
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


class ClassifierError(ModelError):
    """The packaged event classifier is missing or unreadable."""


@lru_cache(maxsize=2)
def load_model(path: str | None = None):
    """The trained textcat pipeline (a blank English tokenizer plus `textcat_multilabel`).

    Raises ClassifierError when the folder does not hold a model (rebuild it with `make train`)."""
    folder = Path(path) if path else MODEL_DIR
    try:
        nlp = spacy.load(folder)
    except OSError as exc:
        raise ClassifierError(f"No event classifier at {folder}: rebuild it with `make train`, "
                              "or turn the classifier off (--no-classifier / classifier=False).") from exc
    if COMPONENT not in nlp.pipe_names:
        raise ClassifierError(f"The model at {folder} has no {COMPONENT} component: rebuild it with `make train`.")
    return nlp


def sentence_scores(model, sents: list[Span]) -> list[dict[str, float]]:
    """{PLOVER type: probability} for each sentence, scored on the sentence's own tokens."""
    tokens: dict[int, tuple[list[str], list[bool]]] = {}  # per Doc: its words and spaces, read as arrays once
    docs = []
    for s in sents:
        words, spaces = tokens.get(id(s.doc)) or tokens.setdefault(id(s.doc), _words_and_spaces(s.doc))
        docs.append(Doc(model.vocab, words=words[s.start:s.end], spaces=spaces[s.start:s.end]))
    textcat = model.get_pipe(COMPONENT)
    return [dict(d.cats) for d in textcat.pipe(docs, batch_size=256)]


def _words_and_spaces(doc: Doc) -> tuple[list[str], list[bool]]:
    """Each token's text and whether a space follows it, from the Doc's arrays (no Token objects made)."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array("ORTH").tolist()], doc.to_array("SPACY").astype(bool).tolist()


class EventClassifier:
    """Runs between `parley_events` (which leaves candidates on the Doc) and `parley_assemble`.

    actions: which of ACTIONS to take.
    veto: a rule event is dropped when the model gives its type less than veto_below and some type no
    rule found in the sentence at least veto_needs (a sense the model can name, not mere doubt).
    recode: such an event takes that other type instead, when the model gives it at least recode_above
    (a word move stays a word move).
    add: in a sentence with no rule event, the model's top type at or above add_above becomes an event
    on the sentence's main verb, if that verb is no trigger word of the lexicon and the role machinery
    finds its source.
    confidence: each event's confidence is the measured precision of its band of model probability.
    """

    def __init__(self, model, actions: frozenset[str], veto_below: float, veto_needs: float,
                 recode_above: float, add_above: float):
        self.model = model
        self.actions = actions
        self.veto_below = veto_below
        self.veto_needs = veto_needs
        self.recode_above = recode_above
        self.add_above = add_above
        self.lex = lexicon_mod.load()
        self.roles = RoleReader.of(self.lex)

    def thresholds(self) -> dict[str, float]:
        """The probability thresholds the actions use, by name (for reports)."""
        return {"veto_below": self.veto_below, "veto_needs": self.veto_needs, "recode_above": self.recode_above,
                "add_above": self.add_above}

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Score the sentences of a whole batch of Docs in one pass of the model (many small passes
        cost far more), then act on each Doc."""
        for batch in minibatch(docs, batch_size):
            work = [self._sentences(doc) for doc in batch]
            flat = [s for _, sents in work for s in sents] if self.actions else []
            scores = iter(sentence_scores(self.model, flat)) if flat else iter(())
            for doc, (sent_of, sents) in zip(batch, work):
                self._act(doc, sent_of, sents, [next(scores) for _ in sents] if self.actions else [])
                yield doc

    def _sentences(self, doc: Doc) -> tuple[list[int], list[Span]]:
        """Each candidate's sentence start, and the sentences the chosen actions look at: without "add",
        only those holding a rule event."""
        sent_of = [c.trigger.sent.start for c in doc._.parley_candidates or []]
        busy = set(sent_of)
        # a sentence with no rule event is scored only when an event could be added to it
        return sent_of, [s for s in doc.sents
                         if s.start in busy or ("add" in self.actions and self._add_verb(s) is not None)]

    def _act(self, doc: Doc, sent_of: list[int], sents: list[Span], scores: list[dict]) -> None:
        doc._.parley_type_scores = [(s.start_char, s.end_char, c) for s, c in zip(sents, scores)]
        if not sents or not self.actions:
            return
        candidates = doc._.parley_candidates or []
        by_start = {s.start: c for s, c in zip(sents, scores)}
        present: dict[int, set[str]] = {}
        for cand, start in zip(candidates, sent_of):
            present.setdefault(start, set()).add(cand.type)
        kept = [c for c, start in zip(candidates, sent_of) if self._judge(c, present[start], by_start[start])]
        if "add" in self.actions:
            kept += self._added(doc, sents, scores, set(sent_of))
        doc._.parley_candidates = kept

    def _judge(self, cand: Candidate, present: set[str], cats: dict[str, float]) -> bool:
        """Whether a rule event stays (vetoed ones do not); recodes it and sets its confidence in place.
        `present`: the types the rules found in its sentence."""
        p = cats.get(cand.type, 0.0)
        others = {k: v for k, v in cats.items() if k not in present}
        if p < self.veto_below and others and max(others.values()) >= self.veto_needs:
            # the model finds this sense very unlikely and another one, which no rule saw here, likely
            # ("exchanged fire" is no COOPERATE); a word move stays a word move
            sure = {k: v for k, v in others.items() if v >= self.recode_above}
            alike = {k: v for k, v in sure.items() if (k in VERBAL_TYPES) == (cand.type in VERBAL_TYPES)}
            if "recode" in self.actions and alike:
                kind = max(alike, key=alike.get)
                cand.type, cand.mode, p = kind, None, alike[kind]
            elif "veto" in self.actions:
                return False
        if "confidence" in self.actions:
            cand.confidence = calibrated(p, rule=True)
        return True

    def _added(self, doc: Doc, sents: list[Span], scores: list[dict], busy: set[int]) -> list[Candidate]:
        added, roles = [], None
        for sent, cats in zip(sents, scores):
            if sent.start in busy:
                continue
            kind, p = max(cats.items(), key=lambda kv: kv[1])
            if p < self.add_above:
                continue
            verb = self._add_verb(sent)
            if verb is None:
                continue
            roles = roles or NounPhraseActors(doc)
            cand = Candidate(verb, [verb], kind, None)
            self.roles.verb_roles(cand, roles)
            if cand.source:  # no event without an actor the rules can name
                if "confidence" in self.actions:
                    cand.confidence = calibrated(p, rule=False)
                added.append(cand)
        return added

    def _add_verb(self, sent: Span) -> Token | None:
        """The verb an added event would sit on, or None. A trigger word the rules read and found no event
        in ("called the delimitation unfair") stays theirs to decide: the model only speaks for verbs the
        lexicon does not know."""
        verb = self._main_verb(sent)
        return None if verb is None or verb.lemma_.lower() in self.lex.verbs else verb

    def _main_verb(self, sent: Span) -> Token | None:
        """The verb that carries a sentence's move: its root, or the clause a speech verb reports
        ("officials said [troops shelled the town]"). None for negated, conditional or verbless ones."""
        verb = sent.root
        for _ in range(2):
            if verb.lemma_.lower() in self.lex.speech_verbs:
                reported = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
                if not reported:
                    return None
                verb = reported[0]
        if verb.pos_ != "VERB" or verb.lemma_.lower() in self.lex.speech_verbs:
            return None
        if is_negated(verb) or under_condition(verb):
            return None
        return verb


def calibrated(p: float, rule: bool) -> float:
    """A confidence in [0, 1] for an event from the model's probability of its type.

    A rule event the model agrees with is right more often than the model alone; an event the model
    added has only the model behind it. The figures are precision per probability band measured on
    the open evaluation sets (see benchmarks/classifier_ablation.py --calibration)."""
    table = RULE_PRECISION if rule else MODEL_PRECISION
    for upper, precision in table:
        if p <= upper:
            return precision
    return table[-1][1]


# (upper bound of the model's probability, precision of events in that band), measured on all open
# evaluation sets with `benchmarks/classifier_ablation.py --calibration` (680 rule events; the public sets
# code one event per sentence, so these are lower bounds). Added events: 4 of the 6 the model added at
# p >= 0.8 on those sets were right, too few to split into bands.
RULE_PRECISION = [(0.01, 0.53), (0.1, 0.68), (0.5, 0.81), (0.9, 0.85), (1.0, 0.90)]
MODEL_PRECISION = [(1.0, 0.67)]


@Language.factory("parley_classifier", default_config={
    "actions": DEFAULT_ACTIONS, "veto_below": 0.01, "veto_needs": 0.8, "recode_above": 0.9, "add_above": 0.9,
    "model_path": None}, assigns=["doc._.parley_candidates", "doc._.parley_type_scores"],
    requires=["doc._.parley_candidates"])
def make_event_classifier(nlp: Language, name: str, actions: str, veto_below: float, veto_needs: float,
                          recode_above: float, add_above: float, model_path: str | None):
    """`actions` is a comma-separated subset of ACTIONS ("none": a no-op); the rest are thresholds on the
    model's probabilities (see EventClassifier)."""
    return EventClassifier(load_model(model_path), parse_actions(actions), veto_below, veto_needs,
                           recode_above, add_above)
