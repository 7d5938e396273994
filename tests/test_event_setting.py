"""Where and when an event happened, one kind of English construction per test (issue 13)."""

import pytest

import parley


def _setting(text, published="2025-04-22"):
    """(type, trigger, date, (place name, country, precision) or None, status) for every event."""
    doc = parley.extract(text, published=published)
    return [(e.type, e.trigger, e.date,
             (e.location.name, e.location.country, e.location.precision) if e.location else None, e.status)
            for e in doc.events]


@pytest.fixture(scope="module", autouse=True)
def _warm():
    parley.extract("Warm-up.", published="2025-04-22")  # loads the pipeline (and its irregular past forms) once


def test_gerund_subject_happens_where_and_when_its_verb_says():
    # Tuesday 2025-04-22: "on Monday" in a past clause is the day before
    assert _setting("Shelling resumed in Kramatorsk on Monday.") == [
        ("ASSAULT", "Shelling", "2025-04-21", ("Kramatorsk", "UKR", "point"), "asserted")]


def test_on_the_outskirts_of_a_town_is_the_town():
    assert _setting("Clashes continued on the outskirts of Kupiansk.") == [
        ("ASSAULT", "Clashes", "2025-04-22", ("Kupiansk", "UKR", "point"), "asserted")]


def test_place_of_an_earlier_event_after_a_reference_preposition_is_not_the_events():
    assert _setting("After days of clashes near Kherson, Russian troops opened an offensive in the Luhansk region.") == [
        ("ASSAULT", "opened an offensive", "2025-04-22", ("Luhansk region", "UKR", "region"), "asserted")]


def test_unknown_name_after_near_is_kept_as_a_place_whatever_the_tagger_calls_it():
    # the tagger calls the name an organisation; "near" only takes places
    assert _setting("Insurgents ambushed a patrol near Mamadou Kouyate.") == [
        ("ASSAULT", "ambushed", "2025-04-22", ("Mamadou Kouyate", None, None), "asserted")]


def test_residents_of_a_town_act_in_that_town():
    assert _setting("Residents of Bunia marched on Saturday to demand protection.") == [
        ("PROTEST", "marched", "2025-04-19", ("Bunia", "COD", "point"), "asserted")]


def test_irregular_past_the_tagger_reads_as_present_still_takes_its_place_object():
    assert _setting("Syrian troops retook Palmyra on Sunday.") == [
        ("ASSAULT", "retook", "2025-04-20", ("Palmyra", "SYR", "point"), "asserted")]


def test_threat_voiced_in_reported_speech_is_made_when_it_is_said():
    assert _setting("Iran will regret any attack, Israel's army chief said on Sunday.") == [
        ("THREATEN", "will regret", "2025-04-20", None, "asserted")]


def test_reported_past_act_keeps_its_own_date_not_the_reports():
    # the doer is inside the reported clause: the report's day does not date the attack
    assert _setting("Russian troops attacked Kupiansk last Thursday, Ukraine's army said on Sunday.") == [
        ("ASSAULT", "attacked", "2025-04-17", ("Kupiansk", "UKR", "point"), "asserted")]


def test_small_town_after_in_on_a_verb_is_a_place_whatever_the_tagger_calls_it():
    # no country in the sentence to vouch for a town this small; the tagger calls it an organisation
    assert _setting("Fighting between government troops and rebels erupted in Bentiu on Saturday.") == [
        ("ASSAULT", "Fighting", "2025-04-19", ("Bentiu", "SSD", "point"), "asserted")]


def test_city_that_also_names_an_organisation_is_the_city_after_in():
    # "Brussels" alone is the EU; "in Brussels" is the city
    assert _setting("Serbian and Kosovar leaders will meet in Brussels next week.") == [
        ("CONSULT", "meet", "2025-04-28", ("Brussels", "BEL", "point"), "future")]


def test_shot_down_over_a_region_is_the_place():
    assert _setting("Rebels shot down a helicopter over Darfur on Monday.") == [
        ("ASSAULT", "shot down", "2025-04-21", ("Darfur", "SDN", "region"), "asserted")]


def test_compass_word_of_a_city_gives_the_city():
    assert _setting("Russian troops shelled a village 10 km north of Kharkiv.") == [
        ("ASSAULT", "shelled", "2025-04-22", ("Kharkiv", "UKR", "point"), "asserted")]


def test_name_after_a_place_noun_the_parser_split_off_is_still_introduced():
    assert _setting("Clashes in the Sudanese capital Khartoum killed 30 people on Saturday.") == [
        ("ASSAULT", "Clashes in the Sudanese capital Khartoum killed", "2025-04-19", ("Khartoum", "SDN", "point"),
         "asserted")]


def test_place_inside_what_is_asked_is_not_where_the_asking_happened():
    assert _setting("Egypt's foreign minister condemned the raids and urged Washington to rein in Israel.") == [
        ("ACCUSE", "condemned", "2025-04-22", None, "asserted"),
        ("REQUEST", "urged", "2025-04-22", None, "asserted")]


def test_place_inside_what_is_alleged_is_the_alleged_acts_not_the_accusations():
    assert _setting("Russia accused Ukraine of shelling Donetsk on Monday.") == [
        ("ACCUSE", "accused", "2025-04-21", None, "asserted"),
        ("ASSAULT", "shelling", "2025-04-21", ("Donetsk", "UKR", "point"), "alleged")]


def test_country_named_in_another_clause_is_not_the_events_place():
    assert _setting("The U.N. envoy, who lives in Ethiopia, met rebel leaders on Monday.") == [
        ("CONSULT", "met", "2025-04-21", None, "asserted")]


def test_relative_clause_of_the_event_noun_says_where_it_happened():
    # the doers' country is only a fallback; the strike's own clause names the city
    assert _setting("Opposition parties in Bolivia organized a general strike that paralysed La Paz on Monday.") == [
        ("PROTEST", "organized a general strike", "2025-04-21", ("La Paz", "BOL", "point"), "asserted")]


def test_region_suffix_makes_a_name_the_tagger_took_for_a_people_a_place():
    assert _setting("Rebels killed 50 villagers in Ituri province.") == [
        ("ASSAULT", "killed", "2025-04-22", ("Ituri", "COD", "region"), "asserted")]


def test_the_city_stands_for_the_city_named_before():
    assert _setting("Russian troops shelled Kramatorsk on Monday. A missile attack on the city later killed two people.") == [
        ("ASSAULT", "shelled", "2025-04-21", ("Kramatorsk", "UKR", "point"), "asserted"),
        ("ASSAULT", "attack on the city later killed", "2025-04-22", ("Kramatorsk", "UKR", "point"), "asserted")]


def test_the_city_in_the_first_sentence_stands_for_the_datelines():
    assert _setting("BUNIA, Congo (Reuters) - Gunmen attacked a camp for displaced people outside the town on Monday.") == [
        ("ASSAULT", "attacked", "2025-04-21", ("Bunia", "COD", "point"), "asserted")]


def test_a_town_name_of_two_countries_follows_the_other_actors_not_itself():
    # "Tripoli" read as a government names no country of its own: Lebanon's army says which Tripoli
    assert _setting("Heavy fighting broke out near Tripoli on Monday, Lebanon's army said.") == [
        ("ASSAULT", "fighting", "2025-04-21", ("Tripoli", "LBN", "point"), "asserted")]


def test_a_known_group_after_near_is_no_place():
    assert _setting("Gunmen attacked a convoy near Hamas on Monday.") == [
        ("ASSAULT", "attacked", "2025-04-21", None, "asserted")]


def test_place_in_a_relative_clause_on_what_is_refused_is_not_the_refusals():
    assert _setting("Russia rejected a plan that would deploy European troops in Ukraine.")[0] == (
        "REJECT", "rejected", "2025-04-22", None, "asserted")


def test_request_made_by_telling_reporters_is_dated_and_placed_by_the_telling(extract):
    doc = extract("Serbia rejected the ruling, telling reporters in Belgrade on Sunday that it was unjust and that it "
                  "would ask China to block the resolution.", "2025-04-22")
    request = next(e for e in doc.events if e.type == "REQUEST")
    assert (request.date, request.location.name) == ("2025-04-20", "Belgrade")


def test_he_goes_on_telling_of_the_sentence_before_on_its_day(extract):
    doc = extract("Mujahid spoke to reporters in Kabul late on Sunday. He accused the United Nations of lying.",
                  "2025-04-22")
    assert [(e.type, e.date) for e in doc.events if e.type == "ACCUSE"] == [("ACCUSE", "2025-04-20")]


def test_a_date_in_a_clause_opened_by_after_dates_that_clause_not_the_governing_event():
    # Tuesday 2025-04-22: "last week" is when Kenya spoke; the withdrawal comes after it
    assert [(t, d) for t, _, d, _, _ in _setting(
        "Ethiopia pulled its troops out of the border town after Kenya protested last week.")] == [
        ("RETREAT", "2025-04-22"), ("ACCUSE", "2025-04-14")]
