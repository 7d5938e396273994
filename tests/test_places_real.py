"""Where events happen in real reporting: names of institutions are no places. Sentences written for these tests."""


def _places(doc):
    return [(e.type, e.location.name if e.location else None) for e in doc.events]


def test_a_think_tank_speakers_venue_is_no_place(extract):
    doc = extract("Speaking at the Halvorsen Council on Tuesday, the minister condemned the strike on the port.")
    assert _places(doc) == [("ACCUSE", None)]


def test_parliament_is_no_place(extract):
    doc = extract("Berisha, who remained in Parliament after his defeat, rejected the allegations on Thursday.")
    assert _places(doc) == [("REJECT", None)]


def test_an_unknown_town_introduced_as_one_is_still_a_place(extract):
    doc = extract("Gunmen attacked a police post in the town of Kallamberi on Friday.")
    assert _places(doc) == [("ASSAULT", "Kallamberi")]


def test_a_town_introduced_as_one_beats_the_known_town_it_is_near(extract):
    doc = extract("The gang leader was killed in a gun battle in the town of Kallamberi, near Gonaives, on Friday.")
    assert _places(doc) == [("ASSAULT", "Kallamberi")]


def test_a_known_city_beats_the_sea_that_describes_it(extract):
    doc = extract("The king met the envoy in the Red Sea port city of Aqaba on Sunday.")
    assert _places(doc) == [("CONSULT", "Aqaba")]


def test_an_attack_the_subject_comes_under_is_where_the_subject_is(extract):
    doc = extract("Syrian troops near Latakia came under an attack from insurgents.")
    assert _places(doc) == [("ASSAULT", "Latakia")]
