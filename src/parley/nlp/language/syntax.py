"""The clause questions every component asks, answered once: what heads a token's clause, who is its
subject, is it negated, which condition governs it, does it speak of what is still to come.

Events, status, dates and positions all call these functions, so "Russia will attack Kyiv if Ukraine
refuses talks" and "... provided that Ukraine refuses talks" get the same analysis everywhere. The
marker words come from kb/grammar.yaml (extend them with a grammar.yaml of your own in PARLEY_KB).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from parley.kb import KBError, extended_mapping

VERBAL = ("VERB", "AUX")
#: Every subject relation: of an active or a passive verb, a noun or a clause.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
#: The subject of an active verb: its doer ("Russia attacked Kyiv").
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
#: The subject of a passive verb: its undergoer ("Kyiv was shelled").
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: A verb's objects ("attacked Kyiv", "gave Ukraine aid", "became an ally", "declared it void"); a prepositional
#: object ("talks with Kyiv") is not among them.
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Dependencies through which a "to"-complement or coordinated verb shares the subject of the verb above.
SHARED_SUBJECT_DEPS = ("xcomp", "conj", "advcl")


@dataclass(frozen=True)
class ClauseMarkers:
    """kb/grammar.yaml, lowercased; multi-word markers as tuples of words, longest first."""

    negators: frozenset[str]
    negative_determiners: frozenset[str]
    condition_markers: tuple[tuple[str, ...], ...]
    verb_markers: frozenset[str]
    question_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    other_modals: frozenset[str]
    future_governors: frozenset[str]
    progressive_governors: frozenset[str]
    plan_verbs: frozenset[str]
    future_modifiers: frozenset[str]
    anaphors: frozenset[str]
    negating_adverbs: frozenset[str] = frozenset()


def _words(value, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise KBError(f"grammar.yaml: {where} must be a list of words, got {type(value).__name__}")
    return frozenset(str(w).lower() for w in value)


@lru_cache(maxsize=1)
def clause_markers() -> ClauseMarkers:
    """kb/grammar.yaml merged with the user's PARLEY_KB copies (lists extend; `remove:` takes out).
    Raises KBError when a list is not a list."""
    data = extended_mapping("grammar.yaml")
    future = data.get("future") or {}
    markers = sorted({tuple(m.split()) for m in _words(data.get("condition_markers"), "condition_markers")},
                     key=len, reverse=True)
    return ClauseMarkers(
        _words(data.get("negators"), "negators"),
        _words(data.get("negative_determiners"), "negative_determiners"),
        tuple(markers),
        _words(data.get("verb_markers"), "verb_markers"),
        _words(data.get("question_verbs"), "question_verbs"),
        _words(future.get("auxiliaries"), "future.auxiliaries"),
        _words(future.get("hypothetical"), "future.hypothetical"),
        _words(future.get("modals"), "future.modals"),
        _words(future.get("governors"), "future.governors"),
        _words(future.get("progressive_governors"), "future.progressive_governors"),
        _words(future.get("plan_verbs"), "future.plan_verbs"),
        _words(future.get("modifiers"), "future.modifiers"),
        _words(data.get("anaphors"), "anaphors"),
        _words(data.get("negating_adverbs"), "negating_adverbs"),
    )


# ---------------------------------------------------------------- heads and subjects


def clause_head(token: Token) -> Token:
    """The verb that heads `token`'s clause: the token itself if verbal, else its nearest verbal ancestor
    (the sentence root when there is none)."""
    while token.pos_ not in VERBAL and token.head.i != token.i:
        token = token.head
    return token


# Dependencies by which a clause hangs off another whose date and place it shares when it names none
# ("marched in Sanaa to protest", "talks collapsed on Monday and fighting resumed"); never a reported clause (ccomp).
SHARED_SETTING_DEPS = ("advcl", "xcomp", "conj", "pcomp")


def setting_clause_head(trigger: Token) -> Token:
    """The verb whose clause says when and where `trigger` happens: `clause_head`, except that a gerund that is a
    verb's subject with none of its own heads no clause ("Fighting raged in X on Tuesday": the fighting happens
    where and when "raged" says)."""
    token = trigger
    while (token.pos_ not in VERBAL or _gerund_subject(token)) and token.head.i != token.i:
        token = token.head
    return token


def _gerund_subject(token: Token) -> bool:
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children)


def subject(verb: Token, depth: int = 3) -> Token | None:
    """The subject token of `verb`, climbing through "to"-complements, conjuncts and adverbial clauses
    ("Russia said it was ready to [meet]" -> it); None when the clause has none."""
    token = verb
    for _ in range(depth):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if token.dep_ in SHARED_SUBJECT_DEPS and token.head.i != token.i:
            token = token.head
            continue
        break
    return None


def auxiliaries(verb: Token) -> frozenset[str]:
    """The lowercased auxiliaries of a verb ("would", "to", "has"), read once per token and Doc (the components ask
    it of the same verbs again and again)."""
    cache = verb.doc.user_data.setdefault("parley_auxiliaries", {})
    found = cache.get(verb.i)
    if found is None:
        found = cache[verb.i] = frozenset(c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass"))
    return found


# ---------------------------------------------------------------- negation


def is_negated(verb: Token) -> bool:
    """"did not attack", "has never supplied", "will no longer recognize": the verb itself is negated (read once per
    token and Doc)."""
    cache = verb.doc.user_data.setdefault("parley_negated", {})
    found = cache.get(verb.i)
    if found is None:
        found = cache[verb.i] = _negated(verb)
    return found


def _negated(verb: Token) -> bool:
    g = clause_markers()
    return any(c.dep_ == "neg" or c.lower_ in g.negators
               # "will no longer recognize": "no" on an adverb of time or degree
               or (c.lower_ in g.negating_adverbs and any(d.lower_ in g.negative_determiners for d in c.children))
               for c in verb.children)


def negated_subject(verb: Token) -> bool:
    """"No rockets were fired": the clause is negated through its subject (it did not happen), which is not
    a refusal of the act the way "did not accept" is."""
    g = clause_markers()
    return any(c.dep_ in SUBJECT_DEPS and any(d.dep_ == "det" and d.lower_ in g.negative_determiners
                                                for d in c.children)
               for c in verb.children)


# ---------------------------------------------------------------- conditions


@dataclass(frozen=True)
class Condition:
    """A condition clause: its marker ("provided that"), the clause after it, the clause's verb and the
    verb it conditions (None when the parse gives none)."""

    marker: Span
    clause: Span
    verb: Token
    governs: Token | None

    @property
    def text(self) -> str:
        """The condition as written, without its marker: "the government releases its commanders"."""
        return self.clause.text.strip()


@lru_cache(maxsize=8)
def _first_words(markers: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The words the condition markers begin with."""
    return frozenset(marker[0] for marker in markers if marker)


def _marker_at(tokens: list[Token], i: int, g: ClauseMarkers) -> int:
    """The length of the condition marker starting at tokens[i], 0 if none."""
    if tokens[i].lower_ not in _first_words(g.condition_markers):
        return 0  # most tokens start no marker: one set lookup instead of a loop over every marker
    for marker in g.condition_markers:
        n = len(marker)
        if i + n <= len(tokens) and all(tokens[i + k].lower_ == marker[k] for k in range(n)):
            return n
    return 0


def _verb_marker_ok(token: Token) -> bool:
    """"provided Kyiv withdraws" opens a condition; "the US provided weapons" does not."""
    if token.dep_ == "mark" or token.pos_ == "SCONJ":
        return True
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "agent", "dobj") for c in token.children):
        return False
    if any(c.dep_ in ("ccomp", "advcl") and c.i > token.i for c in token.children):
        return True
    # "provided Kinshasa stopped its strikes" parsed with the clause elsewhere: a name and a finite verb follow
    nxt = token.nbor(1) if token.i + 1 < token.sent.end else None
    return nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON", "DET") and _finite_after(token, 5) is not None


def _finite_after(token: Token, window: int) -> Token | None:
    for t in token.doc[token.i + 1:min(token.i + 1 + window, token.sent.end)]:
        if t.pos_ in VERBAL and t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return t
    return None


def _clause_verb(doc, start: int, end: int, last_marker: Token) -> Token | None:
    """The verb of the clause that starts at `start`: the one the marker is attached to, else the
    nearest verbal head of the first word."""
    if last_marker.dep_ == "mark" and start <= last_marker.head.i < end:
        return last_marker.head
    for child in last_marker.children:
        if child.dep_ in ("ccomp", "advcl", "pcomp") and start <= child.i < end:
            return child
    token = doc[start]
    for _ in range(8):
        if token.pos_ in VERBAL:
            return token
        if not start <= token.head.i < end or token.head.i == token.i:
            break
        token = token.head
    return _finite_after(last_marker, 5)


def _governed(verb: Token, marker: Span, clause_end: int) -> Token | None:
    """The verb a condition clause is attached to, outside the marker and the clause."""
    token = verb
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        inside = marker.start <= token.i < clause_end
        if not inside and (token.pos_ in VERBAL or token.pos_ == "ADJ"):
            return token
    return None


def _is_question(verb: Token, g: ClauseMarkers) -> bool:
    """"asked if Kyiv would come": an indirect question, not a condition."""
    return verb.dep_ in ("ccomp", "dobj") and verb.head.lemma_.lower() in g.question_verbs


def conditions(sent: Span) -> list[Condition]:
    """Every condition clause in a sentence, in order (computed once per sentence and cached on the Doc)."""
    doc = sent.doc
    cache = doc.user_data.setdefault("parley_conditions", {})
    if sent.start in cache:
        return cache[sent.start]
    g = clause_markers()
    tokens = list(sent)
    found: list[Condition] = []
    i = 0
    while i < len(tokens):
        n = _marker_at(tokens, i, g)
        if not n:
            i += 1
            continue
        first, last = tokens[i], tokens[i + n - 1]
        if n == 1 and first.lower_ in g.verb_markers and not _verb_marker_ok(first):
            i += 1
            continue
        start = last.i + 1
        verb = _clause_verb(doc, start, sent.end, last) if start < sent.end else None
        if verb is None or _is_question(verb, g):
            i += n
            continue
        right = max([t.i for t in verb.subtree if t.i >= start] + [verb.i])
        while right > start and doc[right].is_punct:
            right -= 1
        marker = doc[first.i:last.i + 1]
        # a marker attached inside the main clause ("accept a truce [on condition that]", "a ceasefire
        # [provided] ...") names the clause it conditions; one inside its own clause ("if") does not
        outside = not (start <= first.head.i <= right) and first.head.i != first.i
        governs = (_governed(first, marker, right + 1) if outside else None) or _governed(verb, marker, right + 1)
        found.append(Condition(marker, doc[start:right + 1], verb, governs))
        i = right - sent.start + 1
    cache[sent.start] = found
    return found


def condition_of(verb: Token) -> Condition | None:
    """The condition set on `verb`'s clause ("would agree [if Russia released...]"), or None."""
    for cond in conditions(verb.sent):
        if cond.governs is not None and cond.governs.i == verb.i:
            return cond
    return None


def in_condition(token: Token) -> Condition | None:
    """The condition clause (marker included) that `token` sits in, or None."""
    for cond in conditions(token.sent):
        if cond.marker.start <= token.i < cond.clause.end:
            return cond
    return None


# ---------------------------------------------------------------- futurity


def has_future_aux(verb: Token) -> bool:
    """"will meet", "'ll sign"."""
    return bool(auxiliaries(verb) & clause_markers().future_auxiliaries)


def hypothetical_aux(verb: Token) -> frozenset[str]:
    """The hypothetical modals of a verb ("would", "could") as written."""
    return auxiliaries(verb) & clause_markers().hypothetical_auxiliaries


def points_forward(verb: Token) -> bool:
    """Any auxiliary that puts the act after the moment of speaking: future, hypothetical or other modal
    ("must withdraw by Friday"), for resolving dates."""
    g = clause_markers()
    return bool(auxiliaries(verb) & (g.future_auxiliaries | g.hypothetical_auxiliaries | g.other_modals))


def is_future_governor(verb: Token) -> bool:
    """"plans", "wants", "is expected", "is going" (to do something)."""
    g, lemma = clause_markers(), verb.lemma_.lower()
    # the lemmatizer reads "hopes" as a form of "hop": the -s form's stem is tried too
    stem = verb.lower_[:-1] if verb.tag_ == "VBZ" and verb.lower_.endswith("es") else lemma
    return bool({lemma, stem} & g.future_governors) or (lemma in g.progressive_governors and verb.tag_ == "VBG")


def governed_future(verb: Token) -> bool:
    """A "to"-complement of a future governor: "wants [to hold] talks", "is expected [to sign]"."""
    return "to" in auxiliaries(verb) and verb.head.i != verb.i and is_future_governor(verb.head)


def has_future_modifier(noun: Token) -> bool:
    """"the upcoming talks", "planned negotiations"."""
    return any(c.dep_ == "amod" and c.lower_ in clause_markers().future_modifiers for c in noun.children)
