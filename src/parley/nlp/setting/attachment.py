"""Which clause a word belongs to, seen from an event's trigger: its own (0), a subordinate one (1), a governing one
it shares its setting with (2 and up), or another proposition (None). Dates and places both attach by it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from parley.nlp.language.syntax import SHARED_SETTING_DEPS, setting_clause_head
from parley.nlp.language.wordlists import words
from parley.nlp.setting.calendar import Expr, time_words
from parley.nlp.setting.tense import is_present
from parley.nlp.setting.time_expressions import find_expressions

# Dependencies that open a separate proposition: a date inside one is not the governing verb's date.
SEPARATE_CLAUSE = {"ccomp", "csubj", "csubjpass", "parataxis", "relcl"}
# Dependencies that open a subordinate clause whose date may still fall back to the governing event.
NESTED_CLAUSE = {"advcl", "acl", "conj", "pcomp"}


def attachment_level(token: Token, head: Token) -> int | None:
    """0 when `token` sits in `head`'s own clause, 1 in a subordinate clause, None when in another proposition."""
    if token.i != head.i and head not in token.ancestors:
        return None
    level = 0
    while token.i != head.i:
        if token.dep_ in SEPARATE_CLAUSE:
            return None
        if token.dep_ in NESTED_CLAUSE and token.pos_ in ("VERB", "AUX"):
            level = 1
        token = token.head
    return level


def expr_level(expr: Expr, trigger: Token) -> int | None:
    """How closely an expression attaches to the trigger's clause (lower is closer); None if it belongs elsewhere."""
    span = trigger.doc.char_span(expr.start, expr.end, alignment_mode="expand")
    head = setting_clause_head(trigger)
    if expr.kind == "clause_offset":
        # it dates only what happens in the clause or phrase after "after"/"before", never the main clause
        return 0 if _in_offset_scope(span, trigger) else None
    described = _noun_with_relative(span)
    if described is not None:
        # "condemned the strike on Minova on Saturday that killed 11": the date and the relative clause after
        # it belong to the strike, though the parser hangs both on the verb
        noun, clause = described
        if noun.left_edge.i <= trigger.i <= noun.right_edge.i or clause.left_edge.i <= trigger.i <= clause.right_edge.i:
            return 0
        if head.i == noun.head.i:
            return None
    level = attachment_level(span.root, head)
    if level is not None and _in_ordering_clause(span.root, head):
        return None  # "is seeking to finalize a deal after Trump said last month that…": that clause's day
    if level is not None:
        # "after last week's earthquake" dates the earthquake, not the event, unless that noun is the trigger
        noun = span.root.head
        # the trigger itself, or a word inside that noun's phrase ("the Easter ceasefire declared by Russia")
        modifies_other = span.root.dep_ in ("poss", "compound", "nmod", "amod") and \
            not (noun.left_edge.i <= trigger.i <= noun.right_edge.i)
        if modifies_other and _names_reference_event(noun):
            return None
        return max(level, 1) if modifies_other else level
    # "the Easter ceasefire declared by Russia": a date on the noun that the trigger's clause describes
    if head.dep_ in ("acl", "relcl") and span.root.head.i == head.head.i and span.root.dep_ in ("compound", "amod", "poss", "nmod", "prep", "npadvmod"):
        return 1
    # "Fighting, which erupted last Thursday": a relative clause on the event noun dates the event.
    relcl = next((t for t in span.root.ancestors if t.dep_ == "relcl"
                  and trigger.left_edge.i <= t.head.i <= trigger.right_edge.i
                  and any(c.dep_ == "nsubj" and c.lower_ in words().relative_pronouns for c in t.children)), None)
    if relcl is not None and attachment_level(span.root, relcl) == 0:
        return 1
    if _at_place_of(span.root, head):
        return 2
    # A clause that hangs off another shares its date when it names none: the second of two coordinated
    # clauses ("talks collapsed on Monday and fighting resumed"), a purpose or manner clause ("marched on
    # Friday to protest", "expelled them on Monday, accusing them of"), but only a date that hangs
    # directly off the governing verb.
    step = 2
    while head.dep_ in SHARED_SETTING_DEPS and head.head.i != head.i:
        head = setting_clause_head(head.head)
        if attachment_level(span.root, head) == 0:
            return step
        step += 1
    # A reported state or stance at the time of saying is dated by the report ("Russia is ready to talk,
    # Peskov said on Tuesday", "said on Friday it now backed the plan"); a reported past act is not.
    if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_ in time_words()["reporting_verbs"] \
            and (is_present(head) or any(c.lower_ in time_words()["now_words"] for c in head.children)) \
            and attachment_level(span.root, head.head) == 0:
        return 6
    # A reported past act that names no day of its own happened by the day of the report, the nearest day the
    # text gives it ("On March 24, the minister announced Kenya had given the agency 14 days"), not the day the
    # story is published; only a report in the past tense, dated on its own verb.
    if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_ in time_words()["reporting_verbs"] \
            and head.head.tag_ == "VBD" and head.tag_ in ("VBD", "VBN") and not is_present(head) \
            and attachment_level(span.root, head.head) == 0:
        return 7
    return None


def _at_place_of(token: Token, head: Token) -> bool:
    """True when `head` is a past clause opened by "where" (kb/dates.yaml place_relatives) on the place "in" which
    the clause owning `token` happened: "the unrest began on Monday in the province, where soldiers clashed"."""
    place = head.head
    if head.dep_ != "relcl" or head.tag_ != "VBD" or place.dep_ != "pobj" \
            or place.head.lower_ not in words().containment_prepositions \
            or not any(c.dep_ == "advmod" and c.lower_ in time_words()["place_relatives"] for c in head.children):
        return False
    return attachment_level(token, place.head.head) == 0


def _in_offset_scope(span: Span, token: Token) -> bool:
    """True when `token` sits in the clause or phrase that a clause offset ("two days after") counts back to."""
    word = span[-1]
    told = word.head if word.dep_ == "mark" else word  # the clause's verb, or the preposition and its object
    return told.left_edge.i <= token.i <= told.right_edge.i and token.i > word.i


def _in_ordering_clause(token: Token, head: Token) -> bool:
    """`token` sits in a clause under `head` opened by "after", "before", "since" or "until" (kb/dates.yaml
    reference_prepositions): a clause that happens on another day than `head`'s event."""
    while token.i != head.i:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in time_words()["reference_prepositions"]
                                         for c in token.children):
            return True
        token = token.head
    return False


def _noun_with_relative(span: Span) -> tuple[Token, Token] | None:
    """(noun, clause) when a date phrase on a verb stands between the verb's object and a relative clause
    ("the strike on Minova [on Saturday] that killed 11"): the parser hangs both on the verb, but the clause
    starts with the relative pronoun as its subject, so both describe the object."""
    doc = span.doc
    prep = span.root.head if span.root.dep_ == "pobj" else span.root
    verb = prep.head
    if prep.dep_ not in ("prep", "npadvmod") or verb.pos_ != "VERB" or span.end >= len(doc):
        return None
    pronoun = doc[span.end]
    clause = pronoun.head
    if pronoun.lower_ not in words().relative_pronouns or pronoun.dep_ not in ("nsubj", "nsubjpass") \
            or clause.dep_ not in ("ccomp", "relcl") or clause.pos_ != "VERB":
        return None
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i + 1 == prep.left_edge.i), None)
    if noun is None or clause.head.i not in (verb.i, noun.i):
        return None
    return noun, clause


def _names_reference_event(noun: Token) -> bool:
    """True for a noun that another event's date hangs on: "after last week's earthquake"."""
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in time_words()["reference_prepositions"]


def pick_expression(sent: Span, trigger: Token) -> Expr | None:
    """The expression attached most closely to the trigger's clause, nearest the trigger on a tie; a day the clause
    names itself beats one counted from another clause ("a day after Ukraine agreed to the truce on Tuesday": the
    agreement is Tuesday's)."""
    scored = []
    exprs = find_expressions(sent)
    doc = sent.doc
    # "on Tuesday, a day after talks in Jeddah": for the talks, a day outside the offset's phrase is the main clause's
    scopes = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in exprs if e.kind == "clause_offset"]
    scopes = [span for span in scopes if _in_offset_scope(span, trigger)]
    for expr in exprs:
        if scopes and expr.kind != "clause_offset" and not all(
                _in_offset_scope(scope, doc.char_span(expr.start, expr.end, alignment_mode="expand").root) for scope in scopes):
            continue
        level = expr_level(expr, trigger)
        if level is not None:
            distance = min(abs(expr.start - trigger.idx), abs(expr.end - trigger.idx))
            scored.append((level, expr.kind == "unresolvable", expr.kind == "clause_offset", distance, expr))
    return min(scored, key=lambda s: s[:4])[4] if scored else None
