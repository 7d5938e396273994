"""A trained sentence classifier beside the trigger rules: it vetoes rule events of an unlikely type,
adds an event where no rule fired but the model is sure, and gives each event a confidence.

The model (spaCy `textcat_multilabel`, 16 PLOVER types, trained by `make train` on
data/training/events) ships in parley/models/event_classifier and is read from there; nothing is
downloaded. It scores whole sentences, so it decides *which types a sentence holds*; the rules keep
deciding the trigger, the roles and the status.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from parley.nlp import lexicon as lexicon_mod
from parley.nlp.events import Candidate, EventExtractor, Roles, _in_condition
from parley.nlp.status import is_negated

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "event_classifier"
COMPONENT = "textcat_multilabel"

# PLOVER's verbal moves (CAMEO quad classes 1 and 3); the rest are material acts.
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})

if not Doc.has_extension("parley_type_scores"):
    # one (start_char, end_char, {type: probability}) per sentence, for benchmarks and debugging
    Doc.set_extension("parley_type_scores", default=None)


class ClassifierError(RuntimeError):
    """The packaged event classifier is missing or unreadable."""


@lru_cache(maxsize=2)
def load_model(path: str | None = None):
    """The trained textcat pipeline (a blank English tokenizer plus `textcat_multilabel`).

    Raises ClassifierError when the folder does not hold a model (rebuild it with `make train`)."""
    folder = Path(path) if path else MODEL_DIR
    try:
        nlp = spacy.load(folder)
    except (OSError, IOError) as exc:
        raise ClassifierError(f"No event classifier at {folder}: rebuild it with `make train`, "
                              "or turn the classifier off (--no-classifier / classifier=False).") from exc
    if COMPONENT not in nlp.pipe_names:
        raise ClassifierError(f"The model at {folder} has no {COMPONENT} component: rebuild it with `make train`.")
    return nlp


def sentence_scores(model, sents: list[Span]) -> list[dict[str, float]]:
    """{PLOVER type: probability} for each sentence, scored on the sentence's own tokens."""
    docs = [Doc(model.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s]) for s in sents]
    textcat = model.get_pipe(COMPONENT)
    return [dict(d.cats) for d in textcat.pipe(docs, batch_size=64)]


class EventClassifier:
    """Runs between `parley_events` (which leaves candidates on the Doc) and `parley_assemble`.

    veto_below: a rule event is dropped when the model gives its type a lower probability
    and gives some other type at least veto_needs (a sense the model can name, not mere doubt).
    add_above: with no rule event in a sentence, the model's top type at or above this figure becomes
    an event on the sentence's main verb, if the role machinery finds its source.
    """

    def __init__(self, model, veto_below: float, add_above: float, veto_needs: float = 0.0):
        self.model = model
        self.veto_below = veto_below
        self.veto_needs = veto_needs
        self.add_above = add_above
        self.lex = lexicon_mod.load()
        self.extractor = EventExtractor(self.lex)

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents)
        if not sents:
            doc._.parley_type_scores = []
            return doc
        scores = sentence_scores(self.model, sents)
        doc._.parley_type_scores = [(s.start_char, s.end_char, c) for s, c in zip(sents, scores)]
        by_start = {s.start: c for s, c in zip(sents, scores)}
        candidates = doc._.parley_candidates or []
        kept: list[Candidate] = []
        for cand in candidates:
            cats = by_start[cand.trigger.sent.start]
            p = cats.get(cand.type, 0.0)
            present = {c.type for c in candidates if c.trigger.sent.start == cand.trigger.sent.start}
            others = {k: v for k, v in cats.items() if k not in present}
            if p < self.veto_below and others and max(others.values()) >= self.veto_needs:
                # the model finds this sense very unlikely and another one, which no rule saw here, likely
                # ("exchanged fire" is no COOPERATE): recode the trigger when the model is sure, else drop it
                sure = {k: v for k, v in others.items() if v >= self.add_above}
                if not sure:
                    continue
                # a word move stays a word move ("vowed to avenge the killing": THREATEN, not ASSAULT)
                alike = {k: v for k, v in sure.items() if (k in VERBAL_TYPES) == (cand.type in VERBAL_TYPES)} or sure
                kind = max(alike, key=alike.get)
                cand.type, cand.mode, p = kind, None, alike[kind]
            cand.confidence = calibrated(p, rule=True)
            kept.append(cand)
        busy = {c.trigger.sent.start for c in candidates}
        roles = None
        for sent, cats in zip(sents, scores):
            if sent.start in busy:
                continue
            kind, p = max(cats.items(), key=lambda kv: kv[1])
            if p < self.add_above:
                continue
            verb = self._main_verb(sent)
            if verb is None:
                continue
            roles = roles or Roles(doc)
            cand = Candidate(verb, [verb], kind, None)
            self.extractor._verb_roles(cand, roles)
            if cand.source:  # no event without an actor the rules can name
                cand.confidence = calibrated(p, rule=False)
                kept.append(cand)
        doc._.parley_candidates = kept
        return doc

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
        if is_negated(verb) or _in_condition(verb):
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
# evaluation sets with `benchmarks/classifier_ablation.py --calibration` (584 rule events, 11 added ones;
# the public sets code one event per sentence, so these are lower bounds)
RULE_PRECISION = [(0.1, 0.57), (0.5, 0.81), (0.9, 0.84), (1.0, 0.87)]
MODEL_PRECISION = [(0.95, 0.5), (1.0, 0.78)]


@Language.factory("parley_classifier", default_config={"enabled": True, "veto_below": 0.01, "add_above": 0.9,
                                                       "veto_needs": 0.8, "model_path": None})
def make_event_classifier(nlp: Language, name: str, enabled: bool, veto_below: float, add_above: float,
                          veto_needs: float, model_path: str | None):
    """`enabled=False` makes the component a no-op (rules only)."""
    if not enabled:
        return lambda doc: doc
    return EventClassifier(load_model(model_path), veto_below, add_above, veto_needs)
