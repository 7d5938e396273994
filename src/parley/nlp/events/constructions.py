"""Multiword constructions (spaCy DependencyMatcher patterns from kb/frames.yaml) and announced
intentions: the parts of trigger reading that look past one word. Mixed into TriggerReader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.matcher import DependencyMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Token

from parley.kb import KBError
from parley.nlp.events.candidate import Candidate
from parley.nlp.language.lexicon import Lexicon, Trigger
from parley.nlp.language.syntax import is_negated
from parley.nlp.language.syntax import condition_of

if TYPE_CHECKING:
    from parley.nlp.actors.phrases import NounPhraseActors

CONSTRUCTIONS_KEY = "parley_constructions"
SELF_PRONOUNS = {"it", "they", "he", "she", "we", "i"}


def keep_whole(nlp, lex: Lexicon) -> None:
    """Tell the tokenizer to keep the kb's hyphenated verbs whole ("test-fired"): split, they parse as nouns."""
    for word in lex.single_tokens:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])



class ConstructionReader:
    """Constructions and intents; needs `lex` and `sense` from TriggerReader."""

    lex: Lexicon

    # -- announced intentions
    def intents(self, candidates: list[Candidate], roles: NounPhraseActors) -> list[Candidate]:
        """"X said it will release the prisoners": X's stated intent, AGREE for a cooperative act and THREATEN
        for a hostile one (PLOVER codes the expression of intent, not the act that has not happened); "X said
        it would not attend the talks" is a refusal (REJECT). Only when the one who says it is the one who
        will act. The act's candidate becomes the intent in place (its span grows to the modal), so the
        announced act is not coded twice; returns no new candidates (kept for the caller's extend)."""
        intent = self.lex.intent
        for cand in candidates:
            verb = cand.trigger
            if (not cand.verbal or cand.type in ("AGREE", "THREATEN") or cand.alleged_by is not None
                    or cand.negation_absorbed):
                continue
            negated = is_negated(verb)
            kind = ("REJECT" if negated and self.lex.cooperative(cand.type) else None if negated else
                    "THREATEN" if cand.type in intent.get("hostile", ()) else
                    "AGREE" if self.lex.cooperative(cand.type) else None)
            if kind is None:
                continue
            modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in intent.get("modals", ())), None)
            planned = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in intent.get("plan_verbs", ())
            if modal is None and not planned:
                continue
            if kind == "REJECT" and modal is not None and any(c.dep_ == "nsubj" and c.lower_ not in ("it", "this", "that")
                                                               for c in verb.children):
                # "Mr. Dodik will not cooperate": a refusal stated of its subject, whoever reports it
                cand.type, cand.mode = kind, None
                cand.tokens = [modal] + [t for t in cand.tokens if t.i != modal.i]
                cand.negation_absorbed = True
                continue
            reporter = self._reporter(verb if modal is not None else verb.head)
            if reporter is None:
                continue
            speakers = [m for s in reporter.children if s.dep_ in ("nsubj", "nsubjpass") for m in roles.at(s)]
            own = {m.actor.country or m.actor.id for m in cand.source}
            # "the party said it will boycott": a pronoun subject is the speaker, even one no list names
            said_of_itself = ((not cand.source or not speakers) and any(s.dep_ == "nsubj" for s in reporter.children)
                              and any(c.dep_ == "nsubj" and c.lower_ in SELF_PRONOUNS for c in verb.children))
            if not said_of_itself and not own & {m.actor.country or m.actor.id for m in speakers}:
                continue  # "Zelenskiy said the terms would surrender Ukraine": not his own move
            cond = condition_of(verb)
            if cond is not None and cond.marker.text.lower() in intent.get("threat_markers", ()):
                kind = "THREATEN"  # "will withdraw its troops unless elections are held": an ultimatum
            elif (kind == "THREATEN" and modal is not None and modal.lower_ == "would"
                  and reporter.lemma_.lower() in intent.get("decision_verbs", ())):
                # "announced that it would cease military aid": a hostile measure reported as decided is the
                # measure (future status), not a threat of it; "announced it will extend the curfew" is still
                # leverage, and a cooperative act announced stays a promise (AGREE)
                continue
            first = modal if modal is not None else verb.head
            cand.type, cand.mode = kind, None
            cand.tokens = [first] + [t for t in cand.tokens if t.i != first.i]
            cand.negation_absorbed = negated  # "would not attend" is a refusal made now
        return []

    def _reporter(self, verb: Token) -> Token | None:
        """The verb of saying that reports the clause ("said it would", "X will..., the minister said")."""
        report = self.lex.intent.get("report_verbs", frozenset())
        if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in report:
            return verb.head
        if verb.dep_ == "ROOT":
            return next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.lemma_.lower() in report), None)
        return None

    # -- multiword constructions
    def _nominal_names(self) -> frozenset[str]:
        names = getattr(self, "_nominal_cache", None)
        if names is None:
            names = self._nominal_cache = frozenset(c.name for c in self.lex.constructions if c.nominal)
        return names

    def constructions(self, doc: Doc) -> dict[int, tuple[Trigger, tuple[int, ...]]]:
        """Matches of the kb constructions in `doc`, by anchor token index: (trigger, indices of the span's
        tokens). Matched once per Doc and cached in doc.user_data (plain ints: no reference cycle to the Doc)."""
        cached = doc.user_data.get(CONSTRUCTIONS_KEY)
        if cached is not None:
            return cached
        found: dict[int, tuple[Trigger, tuple[int, ...]]] = {}
        doc.user_data[CONSTRUCTIONS_KEY] = found  # filled below; a frame check inside sees what is found so far
        if not self.lex.constructions or not doc.has_annotation("DEP"):
            return found
        words = {t.lower_ for t in doc}
        for construction, matcher, required in self._matchers(doc.vocab):
            # a construction one of whose words the Doc lacks cannot match: its matcher is not run (running
            # every pattern over every Doc cost as much as the rest of the typing)
            if not all(needed & words for needed in required):
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

    def construction_at(self, token: Token) -> tuple[Trigger, list[Token]] | None:
        """The construction anchored on `token`, with the tokens of its span, or None."""
        built = self.constructions(token.doc).get(token.i)
        return None if built is None else (built[0], [token.doc[i] for i in built[1]])

    def _matchers(self, vocab) -> list[tuple]:
        """Per kb construction, in kb order: the construction, a DependencyMatcher for it alone, and the word
        sets of its nodes that name their words (LOWER or LOWER IN): a match needs a word of each."""
        cached = getattr(self, "_dependency_matchers", None)
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

    def construction_roles(self, cand: Candidate, trigger: Trigger, roles: NounPhraseActors) -> None:
        """Roles a construction decides: the warned party of an idiomatic threat, both sides of traded blame."""
        if trigger.roles == "reciprocal":
            cand.reciprocal = True
            if len(cand.source) < 2:  # "Russia traded accusations with Ukraine"
                cand.source = cand.source + [m for m in cand.target if m not in cand.source]
                cand.target = []
        elif trigger.roles in ("taken_by", "opposed_by"):
            # "the town fell to the rebels": the rebels took it; "the plan met with opposition from China": China
            # opposes it. The party after "to" ("from") acts on the subject.
            verb = cand.trigger
            word = "to" if trigger.roles == "taken_by" else "from"
            takers = [m for p in verb.subtree if p.dep_ == "prep" and p.lower_ == word
                      for o in p.children if o.dep_ == "pobj" for t in o.subtree for m in roles.at(t)]
            places = [m for s in verb.children if s.dep_ == "nsubj" for t in s.subtree for m in roles.at(t)]
            cand.source, cand.target = takers, [m for m in places if m not in takers]
        elif trigger.roles == "warned_subject":
            warned = cand.source + [m for m in cand.target if m not in cand.source]
            if not warned:  # "lifting the sanctions on Burma is out of the question": the parties the subject names
                subjects = [c for c in cand.trigger.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")]
                warned = [m for s in subjects for t in s.subtree for m in roles.at(t) if m not in warned]
            speaker = [m for s in self._speaker_subjects(cand.trigger) for m in roles.at(s)]
            cand.source = speaker
            cand.target = [m for m in warned if m not in speaker]

    def _speaker_subjects(self, verb: Token) -> list[Token]:
        """Who says the clause: "X will pay, the minister said" (either parse of it)."""
        words = self.lex.speech_verbs | self.lex.promise_verbs | {"warn", "threaten", "vow"}
        heads = [verb.head] if verb.dep_ in ("ccomp", "parataxis", "xcomp") else []
        heads += [c for c in verb.children if c.dep_ in ("parataxis", "ccomp", "advcl")]
        for head in heads:
            if head.lemma_.lower() in words:
                subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    return subjects
        return []
