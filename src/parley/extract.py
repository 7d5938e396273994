"""Articles in, Documents out: the one place that runs the pipeline and turns Docs into records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from parley.nlp.text.normalize import normalize, normalize_headline, restore_offsets
from parley.records import Article, Document, stable_id
from parley.sources.files import parse_date

BATCH_SIZE = 32
MAX_HEADLINE = 1_000  # characters of a title read as a headline; the rest of an absurd one is left
#: Characters read as one Doc at most: a longer text is read in parts split at sentence ends. A Doc's memory
#: grows with its length: a 1.08 M-character article read as one Doc peaked near 3 GB, in these parts at 0.74 GB
#: (most of it the 40,000 events read from it).
PART_CHARS = 50_000
#: Characters of text the pipeline holds at once (a batch is cut short when its Docs would pass this).
BATCH_CHARS = 200_000
#: Where a sentence ends: its stop (and closing quotes or brackets) and the space after it, or a line break.
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+|\n")
#: What is said of every article without a publication date (extract and ingest show it; ingest counts them).
UNDATED = ("has no publication date, so relative dates ('on Monday', 'yesterday') stay unresolved and its events "
           "are dated only where the text gives a full date. Pass --published YYYY-MM-DD, or give the article a "
           "\"published\" field.")
#: What is said of a feed entry stored from its summary because its page could not be fetched.
SUMMARY = ("is the feed entry's summary, not its page, which could not be fetched; ingesting the feed again reads "
           "the page and puts it in the summary's place.")


def split_parts(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """The text as (offset, part) pairs of at most `limit` characters, each cut after the last sentence end
    in the second half of its window (else after the last space, else at the limit); one pair when it fits."""
    parts, start = [], 0
    while len(text) - start > limit:
        low, high = start + limit // 2, start + limit
        cut = None
        for found in SENTENCE_END.finditer(text, low, high):
            cut = found.end()
        if cut is None:
            space = text.rfind(" ", low, high)
            cut = space + 1 if space > 0 else high
        parts.append((start, text[start:cut]))
        start = cut
    parts.append((start, text[start:]))
    return parts


def _prepared_docs(nlp, articles: Iterable[Article]):
    from parley.nlp.setting.wire import read_wire  # (it reads the gazetteer: spaCy only when extraction is asked for)

    limit = min(PART_CHARS, nlp.max_length)
    for article in articles:
        parts = split_parts(article.text, limit)
        warnings = ([] if article.published else [UNDATED]) + ([SUMMARY] if article.summary else [])
        if len(parts) > 1:
            warnings.append(f"is {len(article.text):,} characters long, so it was read in {len(parts)} parts of at "
                            f"most {limit:,} characters, split at sentence ends; dates and references do not "
                            "reach from one part into the next.")
        first = normalize(parts[0][1])  # entities, invisible characters, ALL-CAPS headlines; offsets kept
        # the dateline, bylines and credit lines blanked (same length); the dateline's place and day kept: the day
        # is the report's, which relative dates count from ("BEIRUT, Oct 3 (Reuters) - ... on Thursday")
        wire = read_wire(first.text)
        first = replace(first, text=wire.text)
        setting = wire.setting()
        published = wire.report_date(article.published) or article.published
        if article.headline and article.title and article.title.strip():
            # the headline is read as text of its own, just before its article (see headlines.py)
            headline = normalize_headline(article.title[:MAX_HEADLINE], parts[0][1])
            title_doc = nlp.make_doc(headline.text)
            title_doc._.published = published
            title_doc._.parley_warnings = []
            yield title_doc, (article, headline, "title", 0, False)
        for number, (offset, text) in enumerate(parts, start=1):
            norm = first if number == 1 else normalize(text)
            doc = nlp.make_doc(norm.text)
            doc._.published = published
            doc._.parley_wire = setting
            doc._.parley_warnings = warnings if number == 1 else []
            yield doc, (article, norm, "text", offset, number == len(parts))


def _bounded(prepared, size: int, chars: int):
    """Lists of at most `size` (doc, context) pairs holding at most `chars` characters (one pair at least)."""
    group, held = [], 0
    for pair in prepared:
        length = len(pair[1][1].text)  # the text the Doc was made from (Doc.text joins its tokens anew)
        if group and (len(group) >= size or held + length > chars):
            yield group
            group, held = [], 0
        group.append(pair)
        held += length
    if group:
        yield group


def _shifted(document: Document, offset: int) -> Document:
    """A part's Document with its spans moved `offset` characters on, into the whole text; its events get ids
    of their own (a part's ids come from its text, and two parts may have the same text)."""
    def actor(a):
        return replace(a, start=a.start + offset, end=a.end + offset)

    ids = {}
    for event in document.events:
        event.span = (event.span[0] + offset, event.span[1] + offset)
        event.sentence_span = (event.sentence_span[0] + offset, event.sentence_span[1] + offset)
        event.map_actors(actor)
        ids[event.id] = event.id = stable_id(event.id, "part", offset)
    for event in document.events:
        event.links = [replace(link, event=ids.get(link.event, link.event)) for link in event.links]
    document.actors = [actor(a) for a in document.actors]
    document.positions = [replace(p, span=(p.span[0] + offset, p.span[1] + offset), actor=actor(p.actor))
                          for p in document.positions]
    return document


def _joined(parts: list[Document]) -> Document:
    """One article's Document from the Documents of its parts, in order."""
    whole = parts[0]
    for part in parts[1:]:
        whole.events.extend(part.events)
        whole.actors.extend(part.actors)
        whole.positions.extend(part.positions)
        whole.warnings.extend(w for w in part.warnings if w not in whole.warnings)
    return whole


def to_document(doc, article: Article) -> Document:
    """Copy what the components found into plain records; the Doc stays behind."""
    warnings = list(doc._.parley_warnings or [])
    # candidates and mentions hold Tokens, which hold the Doc: drop them so the Doc is freed at once
    doc._.parley_candidates = None
    doc._.parley_mentions = None
    doc._.parley_ents = None  # nlp.spans' entity cache: Spans, which hold the Doc too
    doc._.parley_discourse = None
    return Document(id=article.id, text=article.text, title=article.title, published=article.published,
                    url=article.url, source=article.source, events=list(doc._.parley_events),
                    actors=list(doc._.parley_actors), positions=list(doc._.parley_positions or []),
                    warnings=warnings, summary=article.summary)


def extract_many(articles: Iterable[Article], *, model: str | None = None,
                 batch_size: int = BATCH_SIZE, n_process: int = 1,
                 classifier: bool | str = True) -> Iterator[Document]:
    """Stream Documents for articles, in order, holding only one batch of Docs at a time; n_process > 1
    runs the pipeline in that many processes with spaCy's own `nlp.pipe(n_process=...)` (an article that
    raises then stops the whole stream: engines.local isolates it instead). A title is read as its own Doc
    just before its text; its events the text does not report become the Document's title_events.
    `classifier=False` reads with the trigger rules alone (no trained event classifier); a string such
    as "confidence,add" picks the classifier's actions (see parley.nlp.events.actions.ACTIONS)."""
    from parley.headlines import as_written, date_headline_lines, headline_events
    from parley.nlp import pipeline  # spaCy is imported only when extraction is asked for

    nlp = pipeline.load(model, classifier)
    prepared = _prepared_docs(nlp, (a.with_id() for a in articles))
    if n_process > 1:
        stream = nlp.pipe(prepared, as_tuples=True, batch_size=batch_size, n_process=n_process)
    else:
        # a batch holds at most BATCH_CHARS of text, so a long article's parts pass a few at a time
        stream = (pair for group in _bounded(prepared, batch_size, BATCH_CHARS)
                  for pair in nlp.pipe(group, as_tuples=True, batch_size=len(group)))
    headline, pieces = None, []
    for doc, (article, norm, part, offset, last) in stream:
        document = restore_offsets(to_document(doc, article), norm)
        if part == "title":
            headline = document
            continue
        pieces.append(_shifted(document, offset) if offset else document)
        if not last:
            continue
        document, pieces = _joined(pieces), []
        # triggers and actors as the text writes them ("Strikes" in a headline line re-cased for the parser)
        document.events = date_headline_lines(as_written(document.events, article.text), article.text)
        if headline is not None and headline.id == document.id:
            document.title_events = as_written(headline_events(headline.events, document.events), article.title)
        headline = None
        yield document


def extract(text: str, published: date | str | None = None, *, id: str = "",
            title: str | None = None, model: str | None = None, classifier: bool | str = True) -> Document:
    """Read one article's text into a Document with events, actors and positions
    (`classifier=False`: trigger rules only, no trained event classifier)."""
    article = Article(text=text, id=id, title=title, published=parse_date(published))
    return next(extract_many([article], model=model, classifier=classifier))
