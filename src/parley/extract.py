"""Articles in, Documents out: the one place that runs the pipeline and turns Docs into records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from parley.nlp.text.normalize import normalize, normalize_headline, restore_offsets
from parley.records import Article, Document
from parley.sources.files import parse_date

BATCH_SIZE = 32
MAX_HEADLINE = 1_000  # characters of a title read as a headline; the rest of an absurd one is left


def _prepared_docs(nlp, articles: Iterable[Article]):
    for article in articles:
        text, warnings = article.text, []
        if len(text) > nlp.max_length:
            # spaCy refuses longer texts; read the first part (offsets stay valid) and say so
            cut = text.rfind("\n", 0, nlp.max_length)
            cut = cut if cut > 0 else nlp.max_length
            warnings.append(f"is {len(text):,} characters long; only the first {cut:,} were read. "
                            "Split it into separate articles.")
            text = text[:cut]
        norm = normalize(text)  # entities, invisible characters, ALL-CAPS headlines; offsets kept
        if article.headline and article.title and article.title.strip():
            # the headline is read as text of its own, just before its article (see headlines.py)
            headline = normalize_headline(article.title[:MAX_HEADLINE], text)
            title_doc = nlp.make_doc(headline.text)
            title_doc._.published = article.published
            title_doc._.parley_warnings = []
            yield title_doc, (article, headline, "title")
        doc = nlp.make_doc(norm.text)
        doc._.published = article.published
        doc._.parley_warnings = warnings
        yield doc, (article, norm, "text")


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
                    warnings=warnings)


def extract_many(articles: Iterable[Article], *, model: str | None = None,
                 batch_size: int = BATCH_SIZE, n_process: int = 1,
                 classifier: bool | str = True) -> Iterator[Document]:
    """Stream Documents for articles, in order, holding only one batch of Docs at a time; n_process > 1
    runs the pipeline in that many processes with spaCy's own `nlp.pipe(n_process=...)` (an article that
    raises then stops the whole stream: engines.local isolates it instead). A title is read as its own Doc
    just before its text; its events the text does not report become the Document's title_events.
    `classifier=False` reads with the trigger rules alone (no trained event classifier); a string such
    as "confidence,add" picks the classifier's actions (see parley.nlp.events.actions.ACTIONS)."""
    from parley.headlines import as_written, headline_events
    from parley.nlp import pipeline  # spaCy is imported only when extraction is asked for

    nlp = pipeline.load(model, classifier)
    stream = nlp.pipe(_prepared_docs(nlp, (a.with_id() for a in articles)), as_tuples=True,
                      batch_size=batch_size, n_process=n_process)
    headline = None
    for doc, (article, norm, part) in stream:
        document = restore_offsets(to_document(doc, article), norm)
        if part == "title":
            headline = document
            continue
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
