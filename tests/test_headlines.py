"""Headlines are read as text: re-cased for the parser, spans into the title, no double count with the text."""

import json

import parley
from parley.nlp.text.normalize import normalize_headline


def _title_events(doc):
    return [(e.type, [a.name for a in e.source], [a.name for a in e.target], doc.title[e.span[0]:e.span[1]])
            for e in doc.title_events]


def test_headline_all_caps_is_read_with_spans_into_the_title():
    doc = parley.extract("The war went on.", "2025-04-22", title="RUSSIA ACCUSES UKRAINE OF DRONE STRIKE")
    assert _title_events(doc) == [("ACCUSE", ["Russia"], ["Ukraine"], "ACCUSES"),
                                  ("ASSAULT", ["Ukraine"], ["Russia"], "STRIKE")]


def test_headline_title_case_is_read_like_a_sentence():
    doc = parley.extract("The war went on.", "2025-04-22", title="Russia Accuses Ukraine of Drone Strike")
    assert _title_events(doc) == [("ACCUSE", ["Russia"], ["Ukraine"], "Accuses"),
                                  ("ASSAULT", ["Ukraine"], ["Russia"], "Strike")]


def test_headline_event_the_text_reports_is_not_counted_twice():
    text = "Russia accused Ukraine on Monday of a drone strike on a refinery."
    with_title = parley.extract(text, "2025-04-22", title="RUSSIA ACCUSES UKRAINE OF DRONE STRIKE")
    without = parley.extract(text, "2025-04-22")
    assert with_title.title_events == []
    assert [e.to_json() for e in with_title.events] == [e.to_json() for e in without.events]


def test_headline_party_named_by_its_state_is_the_leader_of_the_text():
    text = "President Vladimir Putin accused Ukraine of sabotage on Monday."
    doc = parley.extract(text, "2025-04-22", title="Russia accuses Ukraine of sabotage")
    assert doc.title_events == []


def test_headline_only_event_is_kept_beside_the_text_events():
    doc = parley.extract("Qatar offered to host talks in Doha.", "2025-04-22", title="Sudan rejects Egypt's proposal")
    assert _title_events(doc) == [("REJECT", ["Sudan"], ["Egypt"], "rejects")]


def test_headline_events_are_a_list_of_their_own_in_jsonl():
    doc = parley.extract("The war went on.", "2025-04-22", title="RUSSIA ACCUSES UKRAINE OF DRONE STRIKE")
    record = json.loads(json.dumps(doc.to_json()))
    assert (record["events"], [e["span"] for e in record["title_events"]]) == ([], [[7, 14], [32, 38]])


def test_headline_case_follows_the_article_text():
    norm = normalize_headline("RSF FIGHTERS SHELL MINOVA", "Fighters of the RSF moved on Minova at dawn.")
    assert norm.text == "RSF fighters shell Minova"


def test_headline_case_keeps_known_names_when_the_text_does_not_use_them():
    assert normalize_headline("UKRAINE AND RUSSIA SWAP PRISONERS", "").text == "Ukraine and Russia swap prisoners"


def test_headline_in_sentence_case_is_left_as_written():
    assert normalize_headline("Putin proposes talks with Ukraine", "").text == "Putin proposes talks with Ukraine"


def test_headline_venue_and_unnamed_parties_do_not_make_a_second_event():
    text = "Congo and Rwanda agreed to a ceasefire in eastern Congo on Thursday."
    assert parley.extract(text, "2025-04-25", title="Ceasefire agreed in Doha").title_events == []


def test_headline_event_on_another_day_than_the_text_is_its_own():
    text = "Russia accused Ukraine of a drone strike on 2 April."
    doc = parley.extract(text, "2025-04-22", title="Russia accuses Ukraine of drone strike on 20 April")
    assert [(e.type, e.date) for e in doc.title_events] == [("ACCUSE", "2025-04-20"), ("ASSAULT", "2025-04-20")]


def test_title_made_from_a_file_name_is_shown_but_not_read(tmp_path):
    from parley.sources import iter_articles
    path = tmp_path / "russia_accuses_ukraine.txt"
    path.write_text("The war went on.", encoding="utf-8")
    [article] = list(iter_articles([str(path)]))
    [doc] = list(parley.extract_many([article]))
    assert (doc.title, doc.title_events) == ("russia accuses ukraine", [])


def test_headline_event_texts_are_as_the_title_writes_them():
    doc = parley.extract("The war went on.", "2025-04-22", title="RUSSIA ACCUSES UKRAINE OF DRONE STRIKE")
    assert [(e.trigger, [a.text for a in e.source], [a.text for a in e.target]) for e in doc.title_events] == [
        ("ACCUSES", ["RUSSIA"], ["UKRAINE"]), ("STRIKE", ["UKRAINE"], ["RUSSIA"])]
