"""Find the time expression that belongs to an event and resolve it against the publication date.

Expressions come from spaCy's DATE/TIME entities and from patterns built from `kb/dates.yaml` for
what the tagger misses ("overnight", "late on Friday", "earlier this month", "Orthodox Easter").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta
from spacy.tokens import Span, Token

from parley.kb import merged_mapping
from parley.nlp.spans import ents_in

YEAR = r"(?:1[89]|20)\d\d"
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Dependencies that open a separate proposition: a date inside one is not the governing verb's date.
SEPARATE_CLAUSE = {"ccomp", "csubj", "csubjpass", "parataxis", "relcl"}
# Dependencies that open a subordinate clause whose date may still fall back to the governing event.
NESTED_CLAUSE = {"advcl", "acl", "conj", "pcomp"}
PRESENT_AUX = {"is", "are", "am", "'s", "'re", "'m"}
PAST_AUX = {"was", "were", "had", "'d"}


@dataclass(frozen=True)
class DateInfo:
    date: str | None        # ISO day
    precision: str | None   # day | week | month | year | article | None
    text: str | None        # the expression found in the text, kept even when it cannot be resolved


@dataclass(frozen=True)
class Expr:
    """A time expression in the document: character offsets, what kind it is and the regex groups."""

    start: int
    end: int
    kind: str
    text: str
    groups: tuple[tuple[str, str], ...] = ()

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


# ---------------------------------------------------------------- vocabulary and patterns


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The time vocabulary from kb/dates.yaml (plus the user's PARLEY_KB folders)."""
    return merged_mapping("dates.yaml")


def _alt(words, flags: str = "") -> str:
    """A regex alternation of `words`, longest first so that "Orthodox Easter" beats "Easter"."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, compiled pattern) for every expression shape Parley reads; names are case-sensitive."""
    v = vocab()
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
    v = vocab()
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
    return lowered in {str(w).lower() for w in vocab()["vague"]}


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
        groups = (("year", ent.text.strip()),) if kind == "year" else ()
        out.append(Expr(ent.start_char, ent.end_char, kind, ent.text, groups))
    return out


def find_expressions(sent: Span) -> list[Expr]:
    """All time expressions of a sentence that could date an event, in text order."""
    found = _pattern_exprs(sent)
    found = [e for e in found if not _is_duration_context(sent, e)]
    return sorted(found + _entity_exprs(sent, found), key=lambda e: e.start)


def _is_duration_context(sent: Span, expr: Expr) -> bool:
    """A pattern match used as a length of time: "for the next week", "over the weekend" stays a date."""
    doc = sent.doc
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].lower_ in ("for", "within") and expr.kind in ("week", "month_rel", "year_rel")


# ---------------------------------------------------------------- attachment to the event


def clause_head(trigger: Token) -> Token:
    """The verb that heads the trigger's clause: the trigger itself, or the nearest verbal ancestor."""
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


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
    head = clause_head(trigger)
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
    # A date on the first of two coordinated clauses also dates the second ("talks collapsed on Monday and
    # fighting resumed"), but only when it hangs directly off the shared verb.
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
        if attachment_level(span.root, head) == 0:
            return 2
    return None


def _names_reference_event(noun: Token) -> bool:
    """True for a noun that another event's date hangs on: "after last week's earthquake"."""
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in vocab()["reference_prepositions"]


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


def _present(token: Token) -> bool:
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & PRESENT_AUX) or (token.tag_ in ("VBZ", "VBP") and not auxes & PAST_AUX)


def clause_is_future(trigger: Token) -> bool:
    """True when the trigger's clause speaks of a planned or scheduled act ("will meet", "is expected to sign")."""
    v = vocab()
    future_aux = {str(a).lower() for a in v["future_auxiliaries"]} | {"'d"}
    governors = set(v["future_governors"])
    if any(c.dep_ == "amod" and (c.lemma_ in governors or c.lower_ in v["future_words"]) for c in trigger.children):
        return True
    token = clause_head(trigger)
    first = True
    while True:
        auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if auxes & future_aux:
            return True
        if (not first and token.lemma_ in governors | {"be"} and _present(token)) or \
                (token.lemma_ in governors and _present(token) and token.tag_ == "VBN"):
            return True
        if first and _present(token) and token.lemma_ not in v["reporting_verbs"]:
            # present progressive ("are meeting on Monday") and the scheduling present ("talks resume on Monday")
            return token.tag_ in ("VBG", "VBZ", "VBP") or token.lemma_ == "be"
        if token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            return False
        token, first = token.head, False


def expr_is_future(expr: Expr, trigger: Token) -> bool:
    """The tense that resolves the expression: its own words ("next", "last") first, then the clause's."""
    v = vocab()
    words = set(_words(expr.text))
    if words & set(v["future_words"]):
        return True
    if words & set(v["past_words"]):
        return False
    return clause_is_future(trigger)


# ---------------------------------------------------------------- resolution


def _weekday(published: dt.date, index: int, future: bool, strict: bool = False) -> dt.date:
    """The weekday `index` on or before publication (past) or strictly after it (future)."""
    if future:
        return published + dt.timedelta(days=(index - published.weekday()) % 7 or 7)
    back = (published.weekday() - index) % 7
    return published - dt.timedelta(days=back or (7 if strict else 0))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_year(month: int, published: dt.date, future: bool) -> int:
    """The year of a bare month: the last occurrence for a past clause, the next for a future one."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def holiday_date(spec: dict, year: int) -> dt.date:
    """The day of a holiday from kb/dates.yaml in `year`."""
    if "easter" in spec:
        sunday = easter(year, EASTER_ORTHODOX if spec["easter"] == "orthodox" else EASTER_WESTERN)
        return sunday + dt.timedelta(days=int(spec.get("offset", 0)))
    return dt.date(year, int(spec["month"]), int(spec["day"]))


def _holiday(expr: Expr, published: dt.date | None, future: bool) -> dt.date | None:
    specs = {" ".join(k.split()).lower(): s for k, s in vocab()["holidays"].items()}
    spec = specs[" ".join(expr.group("holiday").split()).lower()]
    if expr.group("year"):
        return holiday_date(spec, int(expr.group("year")))
    if published is None:
        return None
    # "The Easter ceasefire" is the Easter of the news: this year's, unless it is far on the wrong side.
    day = holiday_date(spec, published.year)
    if not future and day > published + dt.timedelta(days=60):
        return holiday_date(spec, published.year - 1)
    if future and day < published - dt.timedelta(days=60):
        return holiday_date(spec, published.year + 1)
    return day


def _parse(text: str, published: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    """Resolve an explicit date with dateparser; relative to publication, or only when it names a year."""
    if published is None and not re.search(rf"\b{YEAR}\b", text):
        return None
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    data = _parser(tuple(sorted(settings.items()))).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "month":
        return day.replace(day=1), "month"
    if data.period == "year":
        return day.replace(month=1, day=1), "year"
    return day, "day"


@lru_cache(maxsize=8)
def _parser(settings: tuple) -> DateDataParser:
    return DateDataParser(languages=["en"], settings=dict(settings))


def _phrase_offset(table: str, expr: Expr) -> int:
    entries = {" ".join(k.lower().split()): n for k, n in vocab()[table].items()}
    return int(entries[" ".join(expr.group("phrase").lower().split())])


def resolve(expr: Expr, published: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    """The calendar day and precision of an expression, or None when it cannot be fixed."""
    kind = expr.kind
    if kind == "explicit":
        return _parse(expr.text, published, future)
    if kind == "year":
        return dt.date(int(expr.group("year")), 1, 1), "year"
    if kind == "month" and expr.group("year"):
        return dt.date(int(expr.group("year")), _month_number(expr.group("month")), 1), "month"
    if kind == "holiday":
        day = _holiday(expr, published, future)
        return (day, "day") if day else None
    if published is None:
        return None  # everything below is relative to the publication date
    if kind == "month":
        month = _month_number(expr.group("month"))
        return dt.date(_month_year(month, published, future), month, 1), "month"
    if kind == "day_offset":
        return published + dt.timedelta(days=_phrase_offset("day_offsets", expr)), "day"
    if kind == "week":
        return _monday(published) + dt.timedelta(weeks=_phrase_offset("week_offsets", expr)), "week"
    if kind == "weekend":
        n = _phrase_offset("weekend_offsets", expr)
        return _weekday(published, 5, future if n == 0 else n > 0, strict=n < 0), "day"
    if kind == "month_rel":
        return published.replace(day=1) + relativedelta(months=_phrase_offset("month_offsets", expr)), "month"
    if kind == "year_rel":
        return dt.date(published.year + _phrase_offset("year_offsets", expr), 1, 1), "year"
    if kind == "weekday":
        return _resolve_weekday(expr, published, future), "day"
    if kind == "ago":
        return _resolve_ago(expr, published)
    if kind == "entity":
        return _parse(expr.text, published, future)
    return None


def _month_number(name: str) -> int:
    return int({k.lower(): n for k, n in vocab()["months"].items()}[name.lower().rstrip(".")])


def _resolve_weekday(expr: Expr, published: dt.date, future: bool) -> dt.date:
    index = [w.lower() for w in vocab()["weekdays"]].index(expr.group("weekday").lower())
    rel = (expr.group("rel") or "").lower()
    return _weekday(published, index, future, strict=rel == "last")


def _resolve_ago(expr: Expr, published: dt.date) -> tuple[dt.date, str]:
    raw = expr.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = expr.group("unit").lower()
    if unit == "day":
        return published - dt.timedelta(days=n), "day"
    if unit == "week":
        return _monday(published - dt.timedelta(weeks=n)), "week"
    if unit == "month":
        return published.replace(day=1) - relativedelta(months=n), "month"
    return dt.date(published.year - n, 1, 1), "year"


def anchored_offset(expr: Expr) -> int:
    """Days between the story's day and an anchored expression ("two days later" -> 2)."""
    if expr.group("phrase"):
        return _phrase_offset("anchored_offsets", expr)
    raw = expr.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    n *= 7 if expr.group("unit").lower() == "week" else 1
    return -n if expr.group("dir").lower() in ("earlier", "before") else n


def story_date(sent: Span, published: dt.date | None, lookback: int = 3) -> dt.date | None:
    """The day the story has reached before `sent`: the date of the nearest earlier main clause that names
    a day, or the publication date when none does."""
    earlier = [s for s in sent.doc.sents if s.end <= sent.start][-lookback:]
    for prev in reversed(earlier):
        expr = pick_expression(prev, prev.root)
        if expr is None or expr.kind == "anchored":
            continue
        resolved = resolve(expr, published, expr_is_future(expr, prev.root))
        if resolved and resolved[1] == "day":
            return resolved[0]
    return published


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
        return DateInfo(published.isoformat(), "article", None) if published else DateInfo(None, None, None)
    if expr.kind == "anchored":
        anchor = story_date(sent, published)
        resolved = (anchor + dt.timedelta(days=anchored_offset(expr)), "day") if anchor else None
    else:
        resolved = resolve(expr, published, expr_is_future(expr, trigger))
    if resolved is None:
        return DateInfo(None, None, _clean_text(expr.text))
    day, precision = resolved
    return DateInfo(day.isoformat(), precision, _clean_text(expr.text))
