"""The form of wire copy and outlet stories (nlp/setting/wire.py and the rules that read its parts): datelines,
bylines and credit lines, attribution tails, headlines, outlet names. Passages written for these tests."""

import pytest

import parley
from parley.nlp.setting.wire import read_wire


def _events(text, published="2025-03-12"):
    """(type, trigger, source names, target names, date, place name) of every event, in text order."""
    doc = parley.extract(text, published=published)
    return [(e.type, e.trigger, [a.name for a in e.source], [a.name for a in e.target], e.date,
             e.location.name if e.location else None) for e in sorted(doc.events, key=lambda e: e.span)]


@pytest.fixture(scope="module", autouse=True)
def _warm():
    parley.extract("Warm-up.", published="2025-03-12")  # loads the pipeline once


# ---------------------------------------------------------------- datelines


def test_a_datelines_country_is_no_party_of_the_lead():
    # "Congo" of the dateline is not the attackers' head noun (the rebels are Congo's, as when the text names it);
    # its city is where the lead's event is told
    doc = parley.extract("KINSHASA, Congo (Wire) — Rebels attacked an army base on Tuesday, killing four soldiers.",
                         published="2025-03-12")
    assert [(e.type, e.trigger, [(a.text, a.country, a.type) for a in e.source],
             [(a.text, a.country, a.type) for a in e.target], e.date, e.location.name) for e in doc.events] == [
        ("ASSAULT", "attacked", [("Rebels", "COD", "REB")], [("base", "COD", "MIL")], "2025-03-11", "Kinshasa")]


def test_a_dateline_in_title_case():
    assert _events("Kyiv, Ukraine — Russia launched dozens of drones at the capital overnight.") == [
        ("ASSAULT", "launched dozens of drones", ["Russia"], ["Ukraine"], "2025-03-11", "Kyiv")]


def test_a_datelines_day_is_the_reports_day():
    # filed on Friday, Oct 3: "on Thursday" is Oct 2, whatever day the record was stored
    assert _events("BEIRUT, Oct 3 (Reuters) - Israeli warplanes struck a town in southern Lebanon on Thursday.",
                   published="2025-10-12") == [
        ("ASSAULT", "struck", ["Israel"], ["Lebanon"], "2025-10-02", "southern Lebanon")]


def test_a_dateline_with_a_colon():
    assert _events("ISLAMABAD: Pakistan on Wednesday expelled two Afghan diplomats.") == [
        ("SANCTION", "expelled", ["Pakistan"], ["Afghanistan"], "2025-03-12", "Islamabad")]


def test_a_datelines_state_owns_the_bare_army_of_its_story():
    # no country is named in the text: "the army" of a story filed from Kinshasa is Congo's
    assert _events("KINSHASA, Congo (Wire) — Gunmen attacked a village on Tuesday. The army later launched an "
                   "operation against the attackers.")[1][:3] == (
        "ASSAULT", "launched an operation", ["Democratic Republic of Congo"])


@pytest.mark.parametrize("text, blanked", [
    ("BEIJING, March 14 (Xinhua) -- China said", ["BEIJING, March 14 (Xinhua) -- "]),
    ("MOSCOW, March 14. /TASS/. Russia said", ["MOSCOW, March 14. /TASS/. "]),
    ("(CNN) — Ukraine said", ["(CNN) — "]),
    ("GAZA CITY (AP) — Israel said", ["GAZA CITY (AP) — "]),
    # a sentence's subject and a label are no datelines
    ("Ukraine — the country at war — said", []),
    ("Sudan – The war goes on.", []),
    ("BREAKING: Israel strikes Beirut", []),
])
def test_what_reads_as_a_dateline(text, blanked):
    header = read_wire(text)
    assert [text[s:e] for s, e in header.blanked] == blanked
    assert len(header.text) == len(text)


# ---------------------------------------------------------------- bylines and credit lines


def test_bylines_and_credit_lines_are_no_events_and_no_actors():
    text = ("By Jane Doe\nWASHINGTON — The United States imposed sanctions on two Iranian officials on Monday.\n"
            "Reporting by Jane Doe; Editing by John Roe")
    doc = parley.extract(text, published="2025-03-11")
    assert [(e.type, e.trigger) for e in doc.events] == [("SANCTION", "imposed sanctions")]
    assert [a.text for a in doc.actors if "Doe" in a.text or "Roe" in a.text] == []


def test_related_links_captions_and_copyright_are_no_events():
    text = ("Israeli aircraft struck a school in Gaza on Sunday.\nRead more: Hamas accuses Israel of blocking aid\n"
            "(AP Photo/Sami Rahman)\nCopyright 2025 The Associated Press. All rights reserved.")
    assert [(e[0], e[1]) for e in _events(text)] == [("ASSAULT", "struck")]


def test_a_byline_on_the_datelines_line():
    # a text whose lines were joined: the byline runs into the dateline
    text = "By Amina Yusuf, Reuters ABUJA, Nigeria (Reuters) - Gunmen abducted 30 students"
    header = read_wire(text)
    assert ([text[s:e] for s, e in header.blanked], header.place) == (
        ["By Amina Yusuf, Reuters ", "ABUJA, Nigeria (Reuters) - "], "ABUJA")


def test_a_sentence_that_starts_with_by_is_no_byline():
    assert read_wire("By Monday, the army had retaken the town.").blanked == []


# ---------------------------------------------------------------- headlines in the text


def test_a_title_case_headline_line_is_read_as_a_sentence():
    # "Strikes" read as a proper noun made the headline no event and took the next line's subject with it
    text = ("Russia Strikes Kyiv Overnight; 12 Dead\n"
            "Russia launched a barrage of missiles and drones at Kyiv overnight, killing at least 12 people.")
    assert [(e[0], e[1], e[2], e[3]) for e in _events(text)] == [
        ("ASSAULT", "Strikes", ["Russia"], ["Ukraine"]),
        ("ASSAULT", "launched a barrage", ["Russia"], ["Ukraine"])]


def test_a_headline_line_that_ends_in_an_ellipsis():
    text = ("Israel Kills Hamas Commander In Gaza Strike...\n"
            "The Israeli military said on Tuesday it had killed a senior Hamas commander in southern Gaza.")
    assert [(e[0], e[1], e[2], e[3]) for e in _events(text)] == [
        ("ASSAULT", "Kills", ["Israel"], ["Hamas"]), ("ASSAULT", "killed", ["Israel"], ["Hamas"])]


@pytest.mark.parametrize("text, plain", [
    # the story's own case for a name; the dateline's capitals are not a name's case
    ("Russia Strikes Odesa Port Overnight; 4 Dead\nODESA, Ukraine (AP) — Russian missiles hit port facilities in Odesa.",
     "Russia strikes Odesa port overnight; 4 dead\nODESA, Ukraine (AP) — Russian missiles hit port facilities in Odesa."),
    # a line cut by hard wrapping goes on in lower case: no headline
    ("The United Nations Security Council\nmet on Monday.", "The United Nations Security Council\nmet on Monday."),
    # a line with a stop is a sentence
    ("Talks Resumed In Doha On Monday.\nBoth sides attended.", "Talks Resumed In Doha On Monday.\nBoth sides attended."),
])
def test_which_lines_are_recased_as_headlines(text, plain):
    from parley.nlp.text.normalize import normalize

    assert normalize(text).text == plain


# ---------------------------------------------------------------- outlets


def test_an_outlet_acted_on_is_a_party():
    assert _events("Israel banned Al Jazeera from operating in the country on Sunday.") == [
        ("COERCE", "banned", ["Israel"], ["Al Jazeera"], "2025-03-09", None)]


@pytest.mark.parametrize("text, expected", [
    # the outlet told is no antecedent of "the group" and no party of the refusal
    ("A senior Hamas official told Reuters that the group had rejected the latest proposal.",
     [("REJECT", "rejected", ["Hamas"], [], "2025-03-12", None)]),
    ("The minister told Al Jazeera that Israel would not accept a ceasefire.",
     [("REJECT", "accept", ["Israel"], [], "2025-03-12", None)]),
    ("In an interview with CNN, Zelensky accused Russia of shelling Kharkiv.",
     [("ACCUSE", "accused", ["Volodymyr Zelenskiy"], ["Russia"], "2025-03-12", None),
      ("ASSAULT", "shelling", ["Russia"], ["Ukraine"], "2025-03-12", "Kharkiv")]),
])
def test_an_outlet_that_hears_a_report_is_no_party(text, expected):
    assert _events(text) == expected


def test_an_outlet_that_tells_a_report_is_no_party():
    doc = parley.extract("Qatar condemned the attack, Al Jazeera reported.", published="2025-03-12")
    assert [(e.type, [a.name for a in e.source], [a.name for a in e.target]) for e in doc.events] == [
        ("ACCUSE", ["Qatar"], [])]
    assert "Al Jazeera" not in {a.name for a in doc.actors}


def test_no_word_of_a_reporting_outlets_name_is_an_actor():
    # "Press" of "the Associated Press" is not the group noun "press"
    doc = parley.extract("Rebels seized the town, the Associated Press reported.", published="2025-03-12")
    assert [a.text for a in doc.actors] == ["Rebels"]


def test_a_present_tense_headline_line_tells_the_deed_below_it():
    text = ("Israel Kills Hamas Commander In Gaza Strike...\n"
            "The Israeli military said on Tuesday it had killed a senior Hamas commander in southern Gaza.")
    assert [(e[1], e[4]) for e in _events(text, published="2025-03-14")] == [
        ("Kills", "2025-03-11"), ("killed", "2025-03-11")]
