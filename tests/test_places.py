import pytest

from parley.nlp.geo.geocode import lookup_place
from parley.nlp.setting.places import find_location


@pytest.fixture(scope="module")
def place_of(sentence_and_trigger):
    def run(text, trigger, context=()):
        return find_location(*sentence_and_trigger(text, trigger), context)
    return run


def test_city_after_in_is_the_place(place_of):
    loc = place_of("Negotiators gathered in Istanbul.", "gathered")
    assert (loc.name, loc.country, loc.feature) == ("Istanbul", "TUR", "city")


def test_city_introduced_as_the_eastern_city_of(place_of):
    loc = place_of("Fighting erupted in the eastern city of Goma.", "erupted")
    assert (loc.name, loc.country) == ("Goma", "COD")


def test_region_from_the_data_file(place_of):
    loc = place_of("Rebels raided a camp in North Kivu.", "raided")
    assert (loc.name, loc.country, loc.feature) == ("North Kivu", "COD", "region")


def test_city_with_oblast_resolves_to_the_region(place_of):
    loc = place_of("Shelling killed two people in Kherson oblast.", "killed")
    assert (loc.name, loc.feature) == ("Kherson region", "region")


def test_directional_region_keeps_its_adjective(place_of):
    assert place_of("Clashes broke out in southern Lebanon.", "broke").name == "southern Lebanon"


def test_ambiguous_city_follows_the_context_country(place_of):
    assert place_of("Troops advanced in Donetsk.", "advanced", ["RUS"]).country == "RUS"


def test_ambiguous_city_without_context_takes_the_most_populous(place_of):
    assert place_of("Troops advanced in Donetsk.", "advanced").country == "UKR"


def test_attacked_city_as_object_is_the_place(place_of):
    assert place_of("Missiles struck Kharkiv before dawn.", "struck").name == "Kharkiv"


def test_possessive_of_a_locative_object_is_the_place(place_of):
    assert place_of("Jets launched strikes on Beirut's southern suburbs.", "launched").name == "Beirut"


def test_metonym_subject_is_not_a_place(place_of):
    assert place_of("Moscow said it had repelled the raid.", "repelled") is None


def test_accused_capital_is_not_a_place(place_of):
    assert place_of("Moscow accused Kyiv of shelling civilians.", "accused") is None


def test_place_in_the_reporting_clause_is_not_the_event_place(place_of):
    assert place_of("Drones hit the depot, the minister said in Paris.", "hit") is None


def test_seat_of_power_places_the_event_in_the_capital(place_of):
    assert place_of("Zelensky met Trump at the White House.", "met").name == "Washington"


def test_sentence_without_a_place_gives_none(place_of):
    assert place_of("Drones attacked the port.", "attacked") is None


def test_lookup_country_name_gives_iso3():
    loc = lookup_place("Sudan")
    assert (loc.country, loc.feature) == ("SDN", "country")


def test_lookup_alternate_spelling_finds_the_city():
    assert lookup_place("Kiev").country == "UKR"


def test_lookup_rejects_lower_case_words():
    assert lookup_place("split") is None


def test_lookup_rejects_common_word_city_unless_introduced():
    assert lookup_place("Split") is None


def test_lookup_accepts_common_word_city_when_introduced():
    assert lookup_place("Split", introduced=True).country == "HRV"


def test_destination_of_aid_is_the_place(place_of):
    assert place_of("The agency sent food to Mandalay.", "sent").name == "Mandalay"


def test_locative_place_beats_the_origin(place_of):
    assert place_of("Drones launched from Belarus hit targets in Lviv.", "hit").name == "Lviv"


def test_unknown_town_introduced_as_a_town_keeps_name_and_demonym_country(place_of):
    loc = place_of("Militias burned homes in the Bosnian town of Zrkvica.", "burned")
    # mapped at its country's point (Sarajevo), and the precision says so
    assert (loc.name, loc.country, round(loc.lat, 1), loc.precision) == ("Zrkvica", "BIH", 43.8, "country")


def test_city_introduced_as_a_province_is_a_region(place_of):
    loc = place_of("Gunmen ambushed a convoy in the western province of Herat.", "ambushed")
    assert (loc.name, loc.country, loc.feature) == ("Herat", "AFG", "region")


def test_city_name_is_spelled_as_in_the_text(place_of):
    assert place_of("Tanks shelled houses near the town of Rafah.", "shelled").name == "Rafah"


def test_region_beats_its_country_in_the_same_phrase(place_of):
    loc = place_of("Ukrainian troops advanced in Russia's Kursk region.", "advanced")
    assert (loc.name, loc.country) == ("Kursk region", "RUS")


def test_small_town_counts_in_a_context_country():
    assert lookup_place("Sudzha", ["RUS"]).country == "RUS"


def test_small_town_outside_the_context_is_unknown():
    assert lookup_place("Sudzha") is None


def test_saint_abbreviation_meets_the_full_name():
    assert lookup_place("St. Petersburg").country == "RUS"


def test_dotted_country_abbreviation_resolves():
    assert lookup_place("U.S.").country == "USA"


def test_place_of_a_part_of_a_city_is_the_city(place_of):
    assert place_of("A car bomb exploded in a busy district of eastern Beirut.", "exploded").name == "Beirut"


def test_outside_of_introduces_a_place(place_of):
    assert place_of("A roadside bomb exploded outside of the city of Basra.", "exploded").name == "Basra"


def test_to_after_a_word_without_motion_is_not_a_place(place_of):
    assert place_of("Argentina apologised to Brazil.", "apologised") is None


def test_group_name_that_is_also_a_town_is_not_a_place(place_of):
    assert place_of("Israel struck Hamas again.", "struck") is None


def test_place_describing_the_subject_yields_to_the_event_place(place_of):
    assert place_of("Rebels in Ituri ambushed a convoy near Bunia.", "ambushed").name == "Bunia"


def test_name_inside_a_facility_name_is_the_place(place_of):
    assert place_of("Rebels shelled Goma airport.", "shelled").name == "Goma"


def test_out_of_a_region_after_motion_is_the_place(place_of):
    assert place_of("Troops were pushed out of the Kursk region.", "pushed").name == "Kursk region"


def test_hyphenated_region_name_from_the_data_file(place_of):
    loc = place_of("Jets struck sites in Pakistan-administered Kashmir.", "struck")
    assert (loc.name, loc.country) == ("Pakistan-administered Kashmir", "PAK")


def test_called_on_a_state_is_not_a_place(place_of):
    assert place_of("The premier called on Israel to respect the truce.", "called") is None


def test_talks_on_a_country_name_the_topic_not_the_place(place_of):
    assert place_of("The envoys held talks on Ukraine in Riyadh.", "held").name == "Riyadh"


def test_on_after_an_attack_noun_is_the_place(place_of):
    assert place_of("Jets carried out strikes on Tyre.", "carried").name == "Tyre"


def test_name_the_tagger_takes_for_a_common_noun_after_near(place_of):
    # the tagger reads "Sake" as the noun "sake"; "near" and the gazetteer say it is the town
    loc = place_of("Gunmen ambushed a convoy near Sake on Sunday.", "ambushed")
    assert (loc.name, loc.country, loc.precision) == ("Sake", "COD", "point")


def test_town_shelled_is_the_place_though_tagged_a_noun(place_of):
    loc = place_of("The rebels kept shelling Sake overnight.", "shelling")
    assert (loc.name, loc.country) == ("Sake", "COD")


def test_town_narrowing_a_locative_object_is_the_place(place_of):
    # "in Minova" hangs off "a market", itself the place of the killing
    assert place_of("A grenade killed two traders at a market in Minova.", "killed").name == "Minova"


def test_unknown_town_where_the_articles_only_state_acts_gets_its_point(extract):
    event = extract("M23 fighters clashed with the army near Kibumba on Tuesday.").events[0]
    loc = event.location
    assert (loc.name, loc.country, round(loc.lon, 1), loc.precision) == ("Kibumba", "COD", 15.3, "country")


def test_unknown_town_gets_no_country_from_a_state_acting_elsewhere(extract):
    doc = extract("A drone strike killed nine people at a market in Minova. Rwanda denied any role.")
    loc = doc.events[0].location
    assert (loc.name, loc.country, loc.lat) == ("Minova", None, None)


def test_unknown_town_takes_the_country_of_a_known_place_beside_it(place_of):
    loc = place_of("Gunmen attacked soldiers near Kibumba as families fled to Goma.", "attacked", ("QAT", "COD"))
    assert (loc.name, loc.country, loc.precision) == ("Kibumba", "COD", "country")


def test_a_name_kept_without_coordinates_has_no_precision(extract):
    doc = extract("A drone strike killed nine people at a market in Minova. Rwanda denied any role.")
    assert doc.events[0].location.to_json()["precision"] is None


def test_unknown_name_an_attack_noun_falls_on_is_the_place(place_of):
    loc = place_of("Militants will pay for the attack on Nahal Oz, he said.", "attack")
    assert (loc.name, loc.country, loc.feature) == ("Nahal Oz", None, "city")


def test_actor_an_attack_noun_falls_on_is_no_place(place_of):
    assert place_of("The army condemned the attack on Hamas.", "attack") is None


def test_known_person_an_attack_noun_falls_on_is_no_place(place_of):
    assert place_of("Hamas will pay for the attack on Netanyahu, he said.", "attack") is None
