"""Places from the offline gazetteer (GeoNames towns of 500+, ISO 3166-2 regions) and the event's place."""

import pytest

import parley
from parley.nlp.geo.geocode import lookup_place
from parley.nlp.setting.places import find_location


@pytest.fixture(scope="module")
def place_of(sentence_and_trigger):
    def run(text, trigger, context=()):
        return find_location(*sentence_and_trigger(text, trigger), context)
    return run


def test_small_town_introduced_as_one_carries_adm1_and_geonames_id(place_of):
    loc = place_of("Shelling hit the town of Vuhledar.", "hit")
    assert (loc.name, loc.country, loc.adm1, loc.geonameid, loc.precision) == \
        ("Vuhledar", "UKR", "Donetska oblast", 690823, "point")


def test_first_order_region_from_iso_3166_2(place_of):
    loc = place_of("Gunmen attacked a convoy in Zamfara state.", "attacked")
    assert (loc.name, loc.country, loc.feature, loc.precision) == ("Zamfara state", "NGA", "region", "region")


def test_ambiguous_town_follows_the_articles_country():
    assert lookup_place("Tripoli", ["LBN"]).country == "LBN"


def test_ambiguous_town_without_context_is_the_most_populous():
    assert lookup_place("Tripoli").country == "LBY"


def test_georgia_beside_an_american_context_is_the_state():
    loc = lookup_place("Georgia", ["USA"])
    assert (loc.name, loc.country, loc.feature) == ("Georgia", "USA", "region")


def test_georgia_beside_russia_is_the_country():
    loc = lookup_place("Georgia", ["RUS"])
    assert (loc.name, loc.country, loc.feature) == ("Georgia", "GEO", "country")


def test_a_country_is_placed_at_its_capital():
    loc = lookup_place("Ukraine")
    assert (loc.country, loc.lat, loc.lon, loc.precision) == ("UKR", 50.45466, 30.5238, "country")


def test_near_a_town_gives_the_town(place_of):
    assert place_of("Clashes erupted near Kupiansk.", "erupted").name == "Kupiansk"


def test_district_of_a_city_gives_the_city(place_of):
    assert place_of("A drone hit Kharkiv's Kyivskyi district.", "hit").name == "Kharkiv"


def test_unknown_village_falls_back_to_the_region_the_text_names(place_of):
    loc = place_of("Shelling killed two people in the village of Zorivkastan in Donetsk oblast.", "killed")
    assert (loc.name, loc.country, loc.precision) == ("Zorivkastan", "UKR", "region")


def test_unknown_name_does_not_block_a_known_place(place_of):
    loc = place_of("Rebels raided Qwertyville and Goma.", "raided")
    assert (loc.name, loc.country) == ("Goma", "COD")


def test_purpose_clause_takes_the_place_of_the_clause_it_hangs_off(place_of):
    loc = place_of("Hundreds rallied in Amman to protest against the siege of Mariupol.", "protest")
    assert (loc.name, loc.country) == ("Amman", "JOR")


def test_dateline_places_an_event_with_no_place_in_its_sentence():
    doc = parley.extract("KHARKIV, Ukraine (Reuters) - Russia accused Ukraine of lying about the talks.",
                         published="2025-04-22")
    assert [(e.type, e.location.name if e.location else None) for e in doc.events] == [("ACCUSE", "Kharkiv")]


def test_event_noun_that_is_the_subject_takes_its_verbs_place():
    doc = parley.extract("Peace talks between Russia and Ukraine resumed in Geneva on Monday.", published="2025-04-22")
    assert [(e.type, e.location.name) for e in doc.events] == [("CONSULT", "Geneva")]


def test_location_json_carries_adm1_geonames_id_and_precision(place_of):
    assert place_of("Missiles struck Kharkiv.", "struck").to_json() == {
        "name": "Kharkiv", "country": "UKR", "adm1": "Kharkivska oblast", "lat": 49.98177, "lon": 36.25475,
        "geonameid": 706483, "precision": "point", "feature": "city"}


def test_article_countries_include_those_of_the_places_it_names():
    from parley.nlp.pipeline import load_spacy
    from parley.nlp.setting.locate import article_countries

    doc = load_spacy()("Police detained protesters in Atlanta on Monday.")
    assert article_countries(doc, ["RUS"]) == ["RUS", "USA"]


def test_named_front_line_from_the_regions_file(place_of):
    loc = place_of("Hezbollah fired rockets across the Blue Line.", "fired")
    assert (loc.name, loc.country, loc.precision) == ("Blue Line", "LBN", "region")


def test_apposition_introduces_a_town_and_its_region_places_it(place_of):
    loc = place_of("Rebels seized Mbokoville, a mining town in North Kivu.", "seized")
    assert (loc.name, loc.country, loc.precision) == ("Mbokoville", "COD", "region")


def test_event_noun_after_for_takes_the_place_of_its_verb():
    doc = parley.extract("Ukrainian negotiators travelled to Istanbul for talks with Russia.", published="2025-04-22")
    # the trip and the talks it was made for are one meeting, told by its verb
    assert [(e.type, e.trigger, e.location.name) for e in doc.events] == [("CONSULT", "travelled", "Istanbul")]


def test_unwritable_cache_folder_says_what_to_do(tmp_path, monkeypatch):
    from parley.nlp.geo import gazetteer

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PARLEY_CACHE", str(blocker / "cache"))
    gazetteer.connection.cache_clear()
    try:
        with pytest.raises(gazetteer.GazetteerError,
                           match=r"cannot build the gazetteer index at .*a-file/cache/gazetteer-.*"
                                 r"set PARLEY_CACHE to a writable folder"):
            gazetteer.connection()
    finally:
        gazetteer.connection.cache_clear()


def test_a_people_is_no_place_but_the_region_they_are_in_is(place_of):
    loc = place_of("Settlers attacked Palestinians in the occupied West Bank.", "attacked")
    assert (loc.name, loc.country, loc.precision) == ("West Bank", "PSE", "region")


def test_region_suffix_follows_the_regions_own_type(place_of):
    loc = place_of("Gunmen killed five villagers in Plateau state.", "killed")
    assert (loc.name, loc.country, loc.adm1) == ("Plateau state", "NGA", "Plateau")
