"""The Doc extensions Parley's components read and write, registered once, here (importing this module).

Their values are msgpack-serialisable once the pipeline has run (the last component, parley_release, drops
what holds Tokens; records and dates have encoders registered with srsly below), so `Doc.to_bytes()` works
and spaCy's own `nlp.pipe(n_process=N)` can send Parley's Docs back from its worker processes.
"""

from __future__ import annotations

from bisect import bisect_right

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from parley.records import plain_default, plain_hook

#: extension -> what it holds; every one defaults to None but those in DEFAULTS
DOC_EXTENSIONS = {
    "published": "the article's publication date (datetime.date), set before the pipeline runs",
    "parley_warnings": "messages about the article for the user (list of str)",
    "parley_actors": "the actors named in the article (list of records.Actor), from parley_actors",
    "parley_mentions": "actor mentions with their tokens, from parley_actors (dropped by parley_release)",
    "parley_discourse": "the article's actor model (actors.discourse.Discourse), from parley_discourse (dropped)",
    "parley_candidates": "event candidates with their tokens, from parley_events (dropped by parley_release)",
    "parley_type_scores": "the event classifier's (start_char, end_char, {type: probability}) per sentence, from "
                          "parley_classifier, for benchmarks and debugging",
    "parley_events": "the events (list of records.Event), from parley_assemble",
    "parley_positions": "the negotiating positions (list of records.Position), from parley_positions",
    "parley_ents": "Doc.ents read once, with their starts (language.spans.ents_in's cache; dropped)",
    "parley_date_cache": "time expressions per sentence and the story's day (setting.dates' cache; dropped)",
    "parley_place_cache": "resolved places per sentence (setting.locate's cache; dropped)",
    "parley_dateline": "the place of the article's wire dateline (records.Location or None), read once",
    "parley_wire": "the dateline ({'place', 'country'} as written, 'iso3' its country's code), read from the article's text "
                   "before its dateline and credit lines were blanked (setting.wire); None when not read",
}
#: defaults other than None: the dateline is False until read, since None means "read: no dateline"
DEFAULTS = {"parley_dateline": False}
#: working state of the components: Tokens, Spans and caches, which hold the Doc and are not serialisable
WORKING_EXTENSIONS = ("parley_mentions", "parley_candidates", "parley_ents", "parley_discourse",
                      "parley_date_cache", "parley_place_cache")

for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=DEFAULTS.get(_name))


def _encode(obj, chain=None):
    """srsly's msgpack encoder hook: Parley's records and dates as plain maps, anything else down the chain."""
    try:
        return plain_default(obj)
    except TypeError:
        return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    obj = plain_hook(obj)
    return obj if chain is None or not isinstance(obj, dict) else chain(obj)


srsly.msgpack_encoders.register("parley_records", func=_encode)
srsly.msgpack_decoders.register("parley_records", func=_decode)


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy joins every token's text anew on each access, and the text never
    changes once the Doc is made (release() drops the copy with the other "parley_" keys of doc.user_data)."""
    cached = doc.user_data.get("parley_text")
    if cached is None or cached[0] != len(doc):  # (a Span's as_doc copies user_data: not its text)
        cached = doc.user_data["parley_text"] = (len(doc), doc.text)
    return cached[1]


def release(doc: Doc) -> Doc:
    """Drop the components' working state (it holds Tokens, so the Doc, and cannot be serialised): the
    working extensions and the caches kept under "parley_..." keys of doc.user_data (syntax's conditions,
    constructions' matches). The results (parley_actors, parley_events, parley_positions, parley_warnings)
    stay."""
    for name in WORKING_EXTENSIONS:
        if Doc.has_extension(name):
            doc._.set(name, None)
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("parley_")]:
        del doc.user_data[key]
    for hooks, hook in ((doc.user_token_hooks, _token_sent), (doc.user_span_hooks, _span_sent)):
        if hooks.get("sent") is hook:
            del hooks["sent"]
    return doc


# ---------------------------------------------------------------- the sentence index
# spaCy's Token.sent makes a one-token Span and walks its sentence start and end anew on every call, and the
# components ask it tens of thousands of times per batch; its user hooks let a Doc answer from an index instead.

def _sentence_index(doc: Doc) -> tuple[list[int], list[Span]]:
    """The starts and Spans of the Doc's sentences, as Doc.sents gives them, built once (the parser's starts do not
    change after it)."""
    index = doc.user_data.get("parley_sentences")
    if index is None:
        flags = doc.to_array("SENT_START")
        starts = [0, *(i for i in range(1, len(doc)) if flags[i] == 1)] if len(doc) else []
        ends = [*starts[1:], len(doc)]
        index = doc.user_data["parley_sentences"] = (starts, [Span(doc, s, e) for s, e in zip(starts, ends)])
    return index


def _token_sent(token: Token) -> Span:
    starts, spans = _sentence_index(token.doc)
    return spans[bisect_right(starts, token.i) - 1]


def _span_sent(span: Span) -> Span:
    starts, spans = _sentence_index(span.doc)
    return spans[max(bisect_right(starts, span.start) - 1, 0)]


@Language.component("parley_sentence_index", requires=["token.is_sent_start"])
def sentence_index_component(doc: Doc) -> Doc:
    """The first of Parley's components: Token.sent and Span.sent answer from a per-Doc index of the sentences
    (spaCy's user hooks; parley_release takes them off). A Doc with no sentence starts is left alone."""
    if len(doc) and doc.has_annotation("SENT_START"):
        doc.user_token_hooks["sent"] = _token_sent
        doc.user_span_hooks["sent"] = _span_sent
    return doc


@Language.component("parley_release", requires=["doc._.parley_events"])
def release_component(doc: Doc) -> Doc:
    """The last component: see release()."""
    return release(doc)
