"""Find the time expression that belongs to an event and resolve it against the publication date.

Expressions come from spaCy's DATE/TIME entities and from patterns built from `kb/dates.yaml` for
what the tagger misses ("overnight", "late on Friday", "earlier this month", "Orthodox Easter").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from parley.nlp.setting.calendar import (
    NUMBER_WORDS, YEAR, Expr, anchored_offset, resolve, time_words)
from parley.nlp.language import syntax
from parley.nlp.language.syntax import SHARED_SETTING_DEPS, setting_clause_head
from parley.nlp.language.spans import ents_in

# Dependencies that open a separate proposition: a date inside one is not the governing verb's date.
SEPARATE_CLAUSE = {"ccomp", "csubj", "csubjpass", "parataxis", "relcl"}
# Dependencies that open a subordinate clause whose date may still fall back to the governing event.
NESTED_CLAUSE = {"advcl", "acl", "conj", "pcomp"}
PRESENT_AUX = {"is", "are", "am", "'s", "'re", "'m", "does", "do"}  # "does not recognize" is present
PAST_AUX = {"was", "were", "had", "'d"}


@dataclass(frozen=True)
class DateInfo:
    date: str | None        # ISO day
    precision: str | None   # day | week | month | year | article | None
    text: str | None        # the expression found in the text, kept even when it cannot be resolved


# ---------------------------------------------------------------- vocabulary and patterns


def _alt(words, flags: str = "") -> str:
    """A regex alternation of `words`, longest first so that "Orthodox Easter" beats "Easter"."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, compiled pattern) for every expression shape Parley reads; names are case-sensitive."""
    v = time_words()
    weekday = _alt(v["weekdays"])
    month = _alt(v["months"])
    full_month = _alt([m for m in v["months"] if len(m) > 4 or m in ("May", "June", "July")])
    parts = _alt(v["day_parts"])
    leads = _alt(v["day_leads"], "i")
    optional_weekday = rf"(?:{weekday},?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    shapes = [
        ("explicit", rf"\b{optional_weekday}(?P<month>{month})\.?\s+{day}\b(?:,?\s+(?P<year>{YEAR})\b)?"),
        ("explicit", rf"\b{optional_weekday}{day}\s+(?:of\s+)?(?P<month>{month})\b(?:,?\s+(?P<year>{YEAR})\b)?"),
        ("month", rf"\b(?:(?P<lead>{_alt(v['month_lead_words'], 'i')})[\s-]+)?(?P<month>{month})\.?,?\s+(?P<year>{YEAR})\b"),
        ("month", rf"\b(?P<lead>{_alt(v['month_lead_words'], 'i')})[\s-]+(?P<month>{full_month})\b"),
        ("year", rf"\b(?i:in|since|during|by|until|of|from|before|after|early|late|mid)[\s-]+"
                 rf"(?:(?i:early|late)\s+)?(?P<year>{YEAR})\b(?!\s*-)"),
        ("day_offset", rf"\b(?P<phrase>{_alt(v['day_offsets'], 'i')})\b"),
        ("week", rf"\b(?P<phrase>{_alt(v['week_offsets'], 'i')})\b"),
        ("weekend", rf"\b(?P<phrase>{_alt(v['weekend_offsets'], 'i')})\b"),
        ("month_rel", rf"\b(?P<phrase>{_alt(v['month_offsets'], 'i')})\b"),
        ("year_rel", rf"\b(?P<phrase>{_alt(v['year_offsets'], 'i')})\b"),
        ("weekday", rf"\b(?:(?P<lead>{leads})\s+(?:(?i:on)\s+)?)?(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?"
                    rf"(?P<weekday>{weekday})(?:\s+(?P<part>{parts}))?\b"),
        ("holiday", rf"\b(?P<holiday>{_alt(v['holidays'])})(?:\s+(?P<year>{YEAR})\b)?"),
        ("anchored", rf"\b(?P<phrase>{_alt(v['anchored_offsets'], 'i')})\b(?!\s+(?:the|a|an|his|her|its|their|[A-Z0-9]))"),
        ("anchored", rf"\b(?P<n>\d+|{_alt(NUMBER_WORDS, 'i')})\s+(?P<unit>(?i:day|week))s?\s+"
                     rf"(?P<dir>(?i:earlier|later|before|after))\b(?!\s+(?:the|a|an|his|her|its|their|[A-Z0-9]))"),
        # "came two days after Erdogan denounced Israel": the event of the clause after it, counted back
        ("clause_offset", (rf"\b(?P<n>\d+|{_alt(NUMBER_WORDS, 'i')})\s+(?P<unit>(?i:day|week))s?\s+"
                           rf"(?P<dir>(?i:before|after))\b(?=\s+(?:the|a|an|his|her|its|their|[A-Z0-9]))")),
        ("ago", rf"\b(?P<n>\d+|{_alt(NUMBER_WORDS, 'i')})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"),
    ]
    return tuple((kind, re.compile(rx)) for kind, rx in shapes)


# ---------------------------------------------------------------- finding expressions


def _pattern_exprs(sent: Span) -> list[Expr]:
    """Every pattern match in the sentence, the longest winning where two overlap; none inside a name.

    Names are told by the parse, not by entity labels: the tagger may call "on Palm Sunday" part of an ORG.
    """
    found = []
    for kind, rx in patterns():
        for m in rx.finditer(sent.text):
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            if _names_something(sent, start, end):
                continue  # "the Sunday Times", "the Good Friday Agreement"
            groups = tuple((k, v) for k, v in m.groupdict().items() if v)
            found.append(Expr(start, end, kind, m.group(0), groups))
    return _without_overlaps(found)


def _names_something(sent: Span, start: int, end: int) -> bool:
    """True when the time word modifies a capitalised name after it ("the Good Friday Agreement")."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    last = span[-1]
    head = last.head
    return last.dep_ == "compound" and head.i >= span.end and head.pos_ == "PROPN" and head.text[:1].isupper()


def _without_overlaps(exprs: list[Expr]) -> list[Expr]:
    """Keep the longest of overlapping expressions (ties: the earlier pattern)."""
    kept: list[Expr] = []
    for e in sorted(exprs, key=lambda e: e.start - e.end):
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text.lower())


def is_duration(text: str, prev_word: str = "") -> bool:
    """True for lengths of time and ages ("for three days", "30-hour", "a 42-year-old"), which are not dates."""
    v = time_words()
    words = _words(text)
    units = {u for base in v["duration_units"] for u in (base, base + "s")}
    if prev_word.lower() in ("for", "aged", "within", "lasting"):
        return True
    if not units & set(words) or "ago" in words:
        return False
    anchors = {w.lower() for w in v["weekdays"]} | {m.lower() for m in v["months"]}
    anchors |= set(v["past_words"]) | set(v["future_words"]) | {"this"}
    if anchors & set(words):
        return False
    return bool(set(words) & (set(NUMBER_WORDS) | {"several", "few", "couple", "half", "many", "some"})
                or any(w.isdigit() for w in words) or "old" in words or "long" in words)


def is_vague(text: str) -> bool:
    """True for time words that name no day ("recent days", "now")."""
    lowered = " ".join(text.lower().split())
    lowered = re.sub(r"^(in|over|for|during|since|by|at)\s+", "", lowered)
    return lowered in {str(w).lower() for w in time_words()["vague"]}


def _entity_exprs(sent: Span, taken: list[Expr]) -> list[Expr]:
    """spaCy DATE entities that no pattern covered and that are neither durations nor vague."""
    out = []
    for ent in ents_in(sent):
        if ent.label_ != "DATE":
            continue  # TIME entities are clock times ("11 p.m."); "overnight", "tonight" come from the patterns
        if any(ent.start_char < e.end and ent.end_char > e.start for e in taken):
            continue
        prev = ent.doc[ent.start - 1].text if ent.start > 0 else ""
        if is_duration(ent.text, prev) or is_vague(ent.text) or not re.search(r"\d", ent.text):
            continue  # word-only dates the patterns missed are vague ("the time", "this season")
        if not re.search(rf"\b{YEAR}\b|\d[/.-]\d", ent.text):
            out.append(Expr(ent.start_char, ent.end_char, "unresolvable", ent.text))
            continue  # "the 1990s", "the 24th": dateparser would invent a day for them
        kind = "year" if re.fullmatch(YEAR, ent.text.strip()) else "entity"
        if kind == "year" and _bracketed(ent):
            continue  # "talks between Congo and Rwanda (1801)": a number in brackets labels, it does not date
        groups = (("year", ent.text.strip()),) if kind == "year" else ()
        out.append(Expr(ent.start_char, ent.end_char, kind, ent.text, groups))
    return out


def _bracketed(span: Span) -> bool:
    """True when the span alone fills a pair of brackets: "(1801)", "[2019]"."""
    doc = span.doc
    return (span.start > 0 and span.end < len(doc) and doc[span.start - 1].text in ("(", "[")
            and doc[span.end].text in (")", "]"))


def _doc_cache(doc) -> dict:
    """Per-Doc memo of expressions by sentence and of the story's day, so that the events of an article
    read its text once, not once each."""
    if doc._.parley_date_cache is None:
        doc._.parley_date_cache = {}
    return doc._.parley_date_cache


def find_expressions(sent: Span) -> list[Expr]:
    """All time expressions of a sentence that could date an event, in text order (memoised per Doc)."""
    cache = _doc_cache(sent.doc)
    key = ("exprs", sent.start, sent.end)
    if key not in cache:
        cache[key] = _find_expressions(sent)
    return cache[key]


def _find_expressions(sent: Span) -> list[Expr]:
    found = _pattern_exprs(sent)
    found = [e for e in found if not _is_duration_context(sent, e)]
    return sorted(found + _entity_exprs(sent, found), key=lambda e: e.start)


def _is_duration_context(sent: Span, expr: Expr) -> bool:
    """A pattern match used as a length of time: "for the next week", "over the weekend" stays a date."""
    doc = sent.doc
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    if expr.kind not in ("week", "month_rel", "year_rel"):
        return False
    # "for the coming week" is a length of time, "planned for next month" a date
    prev = doc[span.start - 1].lower_
    return prev == "within" or (prev == "for" and expr.text.lower().startswith("the "))


# ---------------------------------------------------------------- attachment to the event


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
        word = span[-1]
        told = word.head if word.dep_ == "mark" else word  # the clause's verb, or the preposition and its object
        return 0 if told.left_edge.i <= trigger.i <= told.right_edge.i and trigger.i > word.i else None
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
                  and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in t.children)), None)
    if relcl is not None and attachment_level(span.root, relcl) == 0:
        return 1
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
    # Peskov said on Tuesday", "said on Tuesday it now accepted the plan"); a reported past act is not.
    if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_ in time_words()["reporting_verbs"] \
            and (_present(head) or any(c.lower_ in time_words()["now_words"] for c in head.children)) \
            and attachment_level(span.root, head.head) == 0:
        return 6
    return None


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
    if pronoun.lower_ not in ("that", "which") or pronoun.dep_ not in ("nsubj", "nsubjpass") \
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
    """The expression attached most closely to the trigger's clause, nearest the trigger on a tie."""
    scored = []
    for expr in find_expressions(sent):
        level = expr_level(expr, trigger)
        if level is not None:
            distance = min(abs(expr.start - trigger.idx), abs(expr.end - trigger.idx))
            scored.append((level, expr.kind == "unresolvable", distance, expr))
    return min(scored, key=lambda s: s[:3])[3] if scored else None


# ---------------------------------------------------------------- tense


# Irregular past forms ("retook" -> "retake") from the pipeline's lemmatizer, set by the assembler.
PAST_FORMS: dict[str, str] = {}


def learn_past_forms(verb_exceptions) -> None:
    """Keep the lemmatizer's irregular verb forms whose lemma differs (past tenses and participles)."""
    PAST_FORMS.update({form: lemmas[0] for form, lemmas in dict(verb_exceptions).items()
                       if lemmas and lemmas[0] != form and lemmas[0] not in ("be", "have", "do")})


def mistagged_past(token: Token) -> bool:
    """A past form the tagger took for a present ("Syrian troops retook the town on Sunday")."""
    word = token.lower_
    return token.tag_ == "VBP" and (word in PAST_FORMS or (word.endswith("ed") and not word.endswith("eed")))


def _present(token: Token) -> bool:
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if not auxes and mistagged_past(token):
        return False  # the narration is in the past; the tag is wrong
    return bool(auxes & PRESENT_AUX) or (token.tag_ in ("VBZ", "VBP") and not auxes & PAST_AUX)


def clause_is_future(trigger: Token) -> bool:
    """True when the trigger's clause speaks of a planned or scheduled act ("will meet", "is expected to sign")."""
    v = time_words()
    if syntax.has_future_modifier(trigger) or any(
            c.dep_ == "amod" and (syntax.is_future_governor(c) or c.lower_ in v["future_words"]) for c in trigger.children):
        return True
    token = setting_clause_head(trigger)
    first = True
    while True:
        if syntax.points_forward(token):
            return True
        governor = syntax.is_future_governor(token)
        if (not first and (governor or token.lemma_ == "be") and _present(token)) or \
                (governor and _present(token) and token.tag_ == "VBN"):
            return True
        if first and _present(token) and token.lemma_ not in v["reporting_verbs"]:
            # present progressive ("are meeting on Monday") and the scheduling present ("talks resume on Monday")
            return token.tag_ in ("VBG", "VBZ", "VBP") or token.lemma_ == "be"
        if token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            return False
        token, first = token.head, False


def expr_is_future(expr: Expr, trigger: Token) -> bool:
    """The tense that resolves the expression: its own words ("next", "last") first, then the clause's."""
    v = time_words()
    words = set(_words(expr.text))
    if words & set(v["future_words"]):
        return True
    if words & set(v["past_words"]):
        return False
    return clause_is_future(trigger)


def story_date(sent: Span, published: dt.date | None, lookback: int = 3) -> dt.date | None:
    """The day the story has reached before `sent`: the date of the nearest earlier main clause that names
    a day, or the publication date when none does."""
    cache = _doc_cache(sent.doc)
    key = ("story", sent.start, published)
    if key not in cache:
        cache[key] = _story_date(sent, published, lookback)
    return cache[key]


def _story_date(sent: Span, published: dt.date | None, lookback: int) -> dt.date | None:
    cache = _doc_cache(sent.doc)
    if "sents" not in cache:
        cache["sents"] = list(sent.doc.sents)
        cache["starts"] = [s.start for s in cache["sents"]]
    sents = cache["sents"]
    index = bisect.bisect_left(cache["starts"], sent.start)
    earlier = sents[max(0, index - lookback):index]
    for prev in reversed(earlier):
        expr = pick_expression(prev, prev.root)
        if expr is None or expr.kind in ("anchored", "clause_offset"):
            continue
        resolved = resolve(expr, published, expr_is_future(expr, prev.root))
        if resolved and resolved[1] == "day":
            return resolved[0]
    return published


def _sentence_day(sent: Span, anchored: Expr, published: dt.date | None) -> dt.date | None:
    """The day named by another expression of the same sentence, which an anchored one counts from."""
    for expr in find_expressions(sent):
        if expr is anchored or expr.kind in ("anchored", "clause_offset", "unresolvable"):
            continue
        span = sent.doc.char_span(expr.start, expr.end, alignment_mode="expand")
        resolved = resolve(expr, published, expr_is_future(expr, span.root))
        if resolved and resolved[1] == "day":
            return resolved[0]
    return None


def _told_on(sent: Span, trigger: Token, published: dt.date | None) -> dt.date | None:
    """"Mujahid disclosed the decision late Tuesday. He accused the envoy of ...": a main clause in the past
    whose subject is "he", "she" or "they" goes on telling of the one before, on the day that one named."""
    head = setting_clause_head(trigger)
    if head.dep_ != "ROOT" or head.tag_ != "VBD" or sent.start == 0 or not any(
            c.dep_ == "nsubj" and c.lower_ in time_words()["continuing_pronouns"] for c in head.children):
        return None
    previous = sent.doc[sent.start - 1].sent
    expr = pick_expression(previous, previous.root)
    if expr is None or expr.kind in ("anchored", "clause_offset", "unresolvable"):
        return None
    resolved = resolve(expr, published, expr_is_future(expr, previous.root))
    return resolved[0] if resolved and resolved[1] == "day" else None


def _clean_text(text: str) -> str:
    """The expression as written, without a leading preposition that only links it to the verb."""
    return re.sub(r"^(?:in|on|at|during|of)\s+", "", " ".join(text.split()), flags=re.I)


def resolve_date(sent: Span, trigger: Token, published: dt.date | None) -> DateInfo:
    """The date of the event that `trigger` names in `sent`, resolved against the publication date."""
    if isinstance(published, dt.datetime):
        published = published.date()
    elif isinstance(published, str):
        published = dt.date.fromisoformat(published[:10]) if published else None
    expr = pick_expression(sent, trigger)
    if expr is None:
        told = _told_on(sent, trigger, published)
        if told is not None:
            return DateInfo(told.isoformat(), "day", None)
        return DateInfo(published.isoformat(), "article", None) if published else DateInfo(None, None, None)
    if expr.kind in ("anchored", "clause_offset"):
        # "said on Wednesday that ... two days earlier": counted from the sentence's own day first;
        # "came two days after X denounced": X's day is two days before the sentence's
        anchor = _sentence_day(sent, expr, published) or story_date(sent, published)
        offset = anchored_offset(expr) * (-1 if expr.kind == "clause_offset" else 1)
        resolved = (anchor + dt.timedelta(days=offset), "day") if anchor else None
    else:
        # a date borrowed from a governing clause ("X is ready, Y said on Tuesday") takes that clause's tense
        span = sent.doc.char_span(expr.start, expr.end, alignment_mode="expand")
        tense_of = span.root if (expr_level(expr, trigger) or 0) >= 2 else trigger
        resolved = resolve(expr, published, expr_is_future(expr, tense_of))
    if resolved is None:
        return DateInfo(None, None, _clean_text(expr.text))
    day, precision = resolved
    return DateInfo(day.isoformat(), precision, _clean_text(expr.text))
