"""Time expressions in a sentence: spaCy's DATE/TIME entities and patterns built from `kb/dates.yaml` for what the
tagger misses ("overnight", "late on Friday", "earlier this month", "Orthodox Easter"), without durations ("for
three days") or overlaps; found once per sentence and Doc."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from parley.nlp.language.spans import ents_in
from parley.nlp.setting.calendar import NUMBER_WORDS, YEAR, Expr, time_words


def _alt(words, flags: str = "") -> str:
    """A regex alternation of `words`, longest first so that "Orthodox Easter" beats "Easter"."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern, re.Pattern | None], ...]:
    """(kind, compiled pattern, gate) for every expression shape Parley reads; names are case-sensitive. The gate
    is a part of the pattern every match holds (a month name, a weekday, a year, "day" or "week"), searched
    first: most sentences hold none, and a shape starting with \b and optional words is tried at every
    character, while a bare alternation of names is found at the speed of a substring search."""
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
                     rf"(?P<dir>(?i:earlier|later))\b(?!\s+(?:the|a|an|his|her|its|their|[A-Z0-9]))"),
        # "two days after," with nothing after it counts from the story's day; "a day after talks in Jeddah", with a
        # phrase or clause after it, is a clause offset
        ("anchored", rf"\b(?P<n>\d+|{_alt(NUMBER_WORDS, 'i')})\s+(?P<unit>(?i:day|week))s?\s+"
                     rf"(?P<dir>(?i:before|after))\b(?!\s+[\w‘“\"'])"),
        # "came two days after Erdogan denounced Israel", "a day after talks in Jeddah": the event of the clause or
        # phrase after it, counted back
        ("clause_offset", (rf"\b(?P<n>\d+|{_alt(NUMBER_WORDS, 'i')})\s+(?P<unit>(?i:day|week))s?\s+"
                           rf"(?P<dir>(?i:before|after))\b(?=\s+[\w‘“\"'])")),
        ("ago", rf"\b(?P<n>\d+|{_alt(NUMBER_WORDS, 'i')})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"),
    ]
    required = {"explicit": month, "month": month, "year": YEAR, "weekday": weekday, "holiday": _alt(v["holidays"]),
                "ago": "(?i:ago)"}
    unit = "(?P<unit>(?i:day|week))"
    return tuple((kind, re.compile(rx), re.compile(unit[9:-1] if unit in rx else required[kind])
                  if unit in rx or kind in required else None) for kind, rx in shapes)


def _pattern_exprs(sent: Span) -> list[Expr]:
    """Every pattern match in the sentence, the longest winning where two overlap; none inside a name.

    Names are told by the parse, not by entity labels: the tagger may call "on Palm Sunday" part of an ORG.
    """
    found = []
    text = sent.text  # rebuilt token by token on each call: read once, not once per pattern
    held: dict[re.Pattern, bool] = {}
    for kind, rx, gate in patterns():
        if gate is not None:
            if gate not in held:
                held[gate] = gate.search(text) is not None
            if not held[gate]:
                continue
        for m in rx.finditer(text):
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


def expression_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text.lower())


def is_duration(text: str, prev_word: str = "") -> bool:
    """True for lengths of time and ages ("for three days", "30-hour", "a 42-year-old"), which are not dates."""
    v = time_words()
    words = expression_words(text)
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


def date_cache(doc) -> dict:
    """Per-Doc memo of expressions by sentence and of the story's day, so that the events of an article
    read its text once, not once each."""
    if doc._.parley_date_cache is None:
        doc._.parley_date_cache = {}
    return doc._.parley_date_cache


def find_expressions(sent: Span) -> list[Expr]:
    """All time expressions of a sentence that could date an event, in text order (memoised per Doc)."""
    cache = date_cache(sent.doc)
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
