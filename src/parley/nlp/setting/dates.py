"""The date of an event: the time expression its clause owns (attachment, time_expressions), resolved against the
publication date in the clause's tense (tense, calendar); with none, the day the story has reached, or for a
news lead's undated deed the day a paragraph below names."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from parley.nlp.language.syntax import setting_clause_head
from parley.nlp.setting.attachment import expr_level, pick_expression
from parley.nlp.setting.calendar import Expr, anchored_offset, resolve, time_words
from parley.nlp.setting.tense import expr_is_future
from parley.nlp.setting.time_expressions import date_cache, find_expressions


@dataclass(frozen=True)
class DateInfo:
    date: str | None        # ISO day
    precision: str | None   # day | week | month | year | article | None
    text: str | None        # the expression found in the text, kept even when it cannot be resolved


def story_date(sent: Span, published: dt.date | None, lookback: int = 3) -> dt.date | None:
    """The day the story has reached before `sent`: the date of the nearest earlier main clause that names
    a day, or the publication date when none does."""
    cache = date_cache(sent.doc)
    key = ("story", sent.start, published)
    if key not in cache:
        cache[key] = _story_date(sent, published, lookback)
    return cache[key]


def _story_date(sent: Span, published: dt.date | None, lookback: int) -> dt.date | None:
    sents = _sents(sent.doc)
    index = bisect.bisect_left(date_cache(sent.doc)["starts"], sent.start)
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


def _lead_day(sent: Span, trigger: Token, published: dt.date | None, lead: int = 2, ahead: int = 3) -> dt.date | None:
    """"Somalia's president has signed a measure extending his term. ... He signed the legislation late Tuesday.":
    a news lead tells a done deed without its day and a paragraph below names it. An undated past or perfect
    clause in the first sentences, before any day is named, took place on the first past day that a main clause
    of the next few sentences names (not later than publication, within the week before it)."""
    if published is None:
        return None
    sents = _sents(sent.doc)
    index = bisect.bisect_left(date_cache(sent.doc)["starts"], sent.start)
    head = setting_clause_head(trigger)
    perfect = head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                         for c in head.children)
    if index >= lead or not (head.tag_ == "VBD" or perfect) or any(
            pick_expression(s, s.root) is not None for s in sents[:index]):
        return None
    for later in sents[index + 1:index + 1 + ahead]:
        expr = pick_expression(later, later.root)
        if expr is None or expr.kind in ("anchored", "clause_offset", "unresolvable"):
            continue
        resolved = resolve(expr, published, expr_is_future(expr, later.root))
        if resolved and resolved[1] == "day":
            day = resolved[0]
            return day if published - dt.timedelta(days=6) <= day <= published else None
    return None


def _sents(doc) -> list[Span]:
    """The Doc's sentences, listed once (with their starts, for bisecting) in the Doc's date cache."""
    cache = date_cache(doc)
    if "sents" not in cache:
        cache["sents"] = list(doc.sents)
        cache["starts"] = [s.start for s in cache["sents"]]
    return cache["sents"]


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
        told = _told_on(sent, trigger, published) or _lead_day(sent, trigger, published)
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
