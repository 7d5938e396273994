"""A run of text with no full stop reaches the parser cut into sentences of at most MAX_SENTENCE_TOKENS tokens; a
heading line with no full stop ends its own sentence."""

import pytest

from parley.nlp import pipeline
from parley.nlp.text.sentences import MAX_SENTENCE_TOKENS


def test_a_run_with_no_full_stop_is_cut_after_commas():
    clause = "the delegation from Qatar met the envoys of both sides in Doha, "
    text = "Talks resumed. " + clause * 200 + "and nobody left"
    doc = pipeline.load()(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert lengths[0] == 3  # "Talks resumed." is left as it was
    # every cut falls just after a comma
    assert all(s[-1].text == "," for s in list(doc.sents)[1:-1])
    assert sum(lengths) == len(doc)


def test_a_run_with_no_punctuation_at_all_is_cut_at_the_limit():
    doc = pipeline.load()("Egypt and Qatar " + "and Jordan " * 400 + "met")
    lengths = [len(s) for s in doc.sents]
    assert lengths[0] == MAX_SENTENCE_TOKENS  # the parser may cut the rest further, never less
    assert max(lengths) <= MAX_SENTENCE_TOKENS


def test_ordinary_sentences_are_split_as_spacy_splits_them():
    text = ("Russia accused Ukraine of shelling Donetsk on Monday, the Kremlin said. Kyiv denied it; "
            "its foreign ministry called the claim a lie, and said talks in Istanbul would go ahead.")
    ours = [s.text for s in pipeline.load()(text).sents]
    assert ours == [s.text for s in pipeline.load_spacy()(text).sents]


def test_the_sentence_cap_takes_its_limit_from_the_pipeline_config():
    import spacy

    import parley.nlp.text.sentences  # noqa: F401  (registers parley_sentence_cap)

    nlp = spacy.blank("en")
    nlp.add_pipe("parley_sentence_cap", config={"max_tokens": 10})
    doc = nlp("Egypt and Qatar " + "and Jordan " * 20 + "met")
    assert [t.i for t in doc if t.is_sent_start] == [0, 10, 20, 30, 40]  # 44 tokens


PARAGRAPH = ("Diplomats from both sides met in Doha on Monday and agreed to meet again next week in Cairo, "
             "officials said.")


def test_a_heading_line_ends_its_sentence():
    doc = pipeline.load()("Talks resume in Doha\n" + PARAGRAPH)
    assert [s.text for s in doc.sents] == ["Talks resume in Doha\n", PARAGRAPH]


@pytest.mark.parametrize("text", [
    # hard-wrapped lines: a line ending on an open word, or followed by another short line, is no heading
    "Russian forces shelled the city of Kharkiv on\nMonday, officials said.",
    "Russian forces shelled the eastern city of Kharkiv\nMonday, officials said.",
])
def test_a_wrapped_line_is_no_heading(text):
    assert len(list(pipeline.load()(text).sents)) == 1


def test_the_sentence_index_gives_each_token_the_sentence_spacy_gives_it():
    text = "Russia shelled Kharkiv on Monday. Kyiv denied it. Talks in Doha resumed, officials said."
    nlp = pipeline.load()
    with nlp.select_pipes(disable=["parley_release"]):
        doc = nlp(text)
    plain = pipeline.load_spacy()(text)
    assert "sent" in doc.user_token_hooks
    assert [(t.sent.start, t.sent.end) for t in doc] == [(t.sent.start, t.sent.end) for t in plain]
    assert (doc[5:9].sent.start, doc[5:9].sent.end) == (plain[5:9].sent.start, plain[5:9].sent.end)


def test_the_released_doc_keeps_no_sentence_hooks():
    doc = pipeline.load()("Kyiv denied it. Talks resumed.")
    assert "sent" not in doc.user_token_hooks and "sent" not in doc.user_span_hooks
