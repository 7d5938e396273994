"""The identity of one event across reports (store/merge.py `match`): a score with a threshold over types, parties,
dates, places and the evidence, with vetoes; and what the writer stores with it (reasons, reprints, actors)."""

from datetime import date

from conftest_store import RUSSIA, UKRAINE, actor, document, event, rows, store
from parley.records import Location
from parley.store.match import MERGE_THRESHOLD, match
from parley.store.report_keys import Report, party_roots

UKRAINIAN_ARMY = actor("Ukrainian army", "country:UKR", "UKR", "MIL")
RUSSIAN_MINISTER = actor("Sergei Lavrov", "person:sergei-lavrov", "RUS", "GOV")
WAGNER = actor("Wagner", "org:wagner", "RUS", "REB")
MILITANTS = actor("militants", "group:militants", None, "REB")


def report(id="r1", type="ASSAULT", sources="state:RUS", targets="state:UKR", when="2025-04-21", precision="day",
           place="Kyiv", feature="city", adm1=None, country="UKR", evidence="kyiv russia", article=None) -> Report:
    return Report(id, type, "", date.fromisoformat(when), place, None, precision,
                  frozenset(sources.split("+")) if sources else frozenset(),
                  frozenset(targets.split("+")) if targets else frozenset(),
                  country if place else None, adm1, feature if place else None,
                  frozenset(evidence.split()), article or f"art-{id}")


def score(a, b, **kwargs):
    found = match(a, b, **kwargs)
    return None if found is None else found.score


def test_a_state_and_its_army_or_minister_are_one_party():
    assert party_roots([UKRAINIAN_ARMY]) == party_roots([UKRAINE]) == "state:UKR"
    assert party_roots([RUSSIAN_MINISTER]) == "state:RUS"


def test_a_rebel_group_is_not_its_country_and_a_group_noun_is_no_party():
    assert party_roots([WAGNER]) == "org:wagner"
    assert party_roots([MILITANTS]) == ""


def test_a_states_rebels_named_by_its_country_are_a_party_of_their_own():
    # "Gunmen stormed a hotel in Beledweyne": the gunmen are coded Somalia's REB, not the Somali state
    gunmen = actor("Gunmen", "country:SOM", "SOM", "REB")
    police = actor("security forces", "country:SOM", "SOM", "COP")
    assert (party_roots([gunmen]), party_roots([police])) == ("sector:SOM:REB", "state:SOM")
    attack = report("a", sources="sector:SOM:REB", targets="state:SOM", place="Beledweyne", evidence="hotel")
    counter = report("b", sources="state:SOM", targets="sector:SOM:REB", place="Beledweyne", evidence="hotel")
    assert match(counter, attack) is None


def test_a_countrys_unnamed_gunmen_may_be_its_named_rebel_group_but_not_anothers():
    # "Gunmen stormed a hotel in Beledweyne" / "Al-Shabab fighters stormed a hotel in Beledweyne"
    gunmen = report("a", sources="sector:SOM:REB", targets="state:SOM", place="Beledweyne", evidence="hotel")
    shabab = report("b", sources="org:al-shabaab", targets="state:SOM", place="Beledweyne", evidence="hotel")
    assert match(shabab, gunmen).features["parties"] == 1.0
    kenyan_gunmen = report("c", sources="sector:KEN:REB", targets="state:SOM", place="Beledweyne", evidence="hotel")
    assert match(shabab, kenyan_gunmen) is None


def test_a_compound_actor_and_its_member_overlap():
    found = match(report("a", sources="state:RUS+state:BLR"), report("b"))
    assert found.features["parties"] == 1.0 and found.score >= MERGE_THRESHOLD


def test_symmetric_acts_match_either_way_round():
    talks = report("a", type="CONSULT", sources="state:USA", targets="state:UKR", evidence="jeddah")
    other_way = report("b", type="CONSULT", sources="state:UKR", targets="state:USA", evidence="jeddah")
    assert score(talks, other_way) == 1.0


def test_directed_acts_do_not_match_the_other_way_round():
    assert match(report("a"), report("b", sources="state:UKR", targets="state:RUS")) is None


def test_a_ceasefire_agreed_and_a_ceasefire_observed_are_one_family():
    agreed = report("a", type="AGREE", sources="state:UKR", targets="state:RUS", place=None, evidence="30")
    observed = report("b", type="RETREAT", sources="", targets="", place=None, evidence="30")
    found = match(observed, agreed)
    assert (found.features["type_text"], found.score) == ("RETREAT and AGREE one family", 0.74)


def test_types_of_different_families_never_match():
    assert match(report("a"), report("b", type="ACCUSE")) is None


def test_two_types_in_one_article_stay_two_events():
    assert match(report("a", article="x"), report("b", type="COERCE", article="x")) is None


def test_the_same_parties_a_day_apart_need_shared_evidence():
    one = report("a", evidence="kyiv russia 14")
    next_day_plain = report("b", when="2025-04-22", evidence="kyiv russia kharkiv")
    next_day_same_facts = report("c", when="2025-04-22", evidence="kyiv russia 14")
    assert match(one, next_day_plain) is None
    assert score(one, next_day_same_facts) >= MERGE_THRESHOLD


def test_dates_two_days_apart_never_match():
    assert match(report("a"), report("b", when="2025-04-23")) is None


def test_a_report_dated_only_by_its_article_reaches_the_day_before():
    strike = report("a", when="2025-04-21")
    reported = report("b", when="2025-04-22", precision="article")
    assert match(strike, reported).features["date_text"] == "dates overlap"


def test_two_towns_never_match_but_a_town_matches_its_region():
    odesa = report("b", place="Odesa", adm1="Odesa Oblast")
    assert match(report("a", adm1="Kyiv City"), odesa) is None
    oblast = report("c", place="Kyiv Oblast", feature="region", adm1="Kyiv City")
    assert match(report("a", adm1="Kyiv City"), oblast).features["place"] == 0.7


def test_reports_naming_no_party_need_shared_names_or_numbers():
    drone = report("a", sources="", targets="", place="Minova", country="COD", evidence="11 minova")
    market = report("b", sources="", targets="", place=None, evidence="11 minova")
    elsewhere = report("c", sources="", targets="", place=None, evidence="goma")
    assert score(drone, market) >= MERGE_THRESHOLD
    assert match(drone, elsewhere) is None


def test_a_reprint_counts_as_full_evidence():
    a = report("a", sources="", targets="", place=None, evidence="goma")
    b = report("b", sources="", targets="", place=None, evidence="kigali")
    found = match(a, b, reprint=True)
    assert found.features["evidence"] == 1.0 and found.reason().startswith("reprinted article")


def test_the_writer_stores_why_a_report_joined_its_event(db_url):
    store(db_url, document("a", [event(date="2025-04-21")]), document("b", [event(date="2025-04-21", place=None)]))
    assert rows(db_url, "SELECT article_id, merge_score, merge_reason FROM event_mentions ORDER BY article_id") == [
        ("a", None, None),
        ("b", 0.95, "same type; parties overlap; same day; shares article (matched a)")]


def test_an_army_report_joins_its_states_report(db_url):
    store(db_url, document("a", [event(source=[RUSSIA], target=[UKRAINE])]),
          document("b", [event(source=[RUSSIA], target=[UKRAINIAN_ARMY])]))
    assert rows(db_url, "SELECT count(*), max(mention_count) FROM events") == [(1, 2)]


def test_the_same_outlets_copy_of_a_stored_article_is_already_stored(db_url):
    from parley.store.connect import open_engine
    from parley.store.write import content_hash, stored_article_id

    store(db_url, document("wire", text=WIRE))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert stored_article_id(conn, content_hash(" ".join(WIRE.split(" ")), "Test Wire")) == "wire"
        assert stored_article_id(conn, content_hash(WIRE, "Other Daily")) is None
    engine.dispose()


def _reprints(url, article_ids):
    """The reprint pairs the store finds among these articles (store/reprints.py)."""
    from parley.store.connect import open_engine
    from parley.store.reprints import Sketches

    engine = open_engine(url)
    with engine.connect() as conn:
        found = Sketches(conn).pairs_within(article_ids)
        pairs = {frozenset((a, b)) for a in article_ids for b in article_ids if a < b and frozenset((a, b)) in found}
    engine.dispose()
    return pairs


WIRE = ("Rebels shelled the town of Sake on Sunday, killing nine soldiers and wounding dozens of civilians, "
        "an army spokesman told reporters in Goma, adding that the fighting had forced thousands to flee.")


def test_a_lightly_edited_reprint_is_found_and_its_report_joins_the_original(db_url):
    edited = WIRE.replace("told reporters in Goma", "said in Goma")
    strike = Location("Sake", "COD", -1.57, 29.04, "city")
    store(db_url, document("wire", [event(source=[], target=[], place=strike, date="2025-04-20")], text=WIRE),
          document("copy", [event(source=[], target=[], place=None, date="2025-04-20")], text=edited,
                   published="2025-04-23"))
    assert _reprints(db_url, ["wire", "copy"]) == {frozenset(("copy", "wire"))}
    assert rows(db_url, "SELECT count(DISTINCT event_id) FROM event_mentions") == [(1,)]
    assert rows(db_url, "SELECT merge_reason FROM event_mentions WHERE article_id = 'copy'")[0][0].startswith(
        "reprinted article")


def test_different_stories_are_no_reprints(db_url):
    store(db_url, document("wire", text=WIRE),
          document("other", text="Envoys from Kinshasa and Kigali met in Doha on Monday to discuss a ceasefire "
                                 "and the withdrawal of foreign troops from eastern Congo, mediators said."))
    assert _reprints(db_url, ["wire", "other"]) == set()


def test_an_actors_sector_and_name_do_not_depend_on_which_mention_came_first(db_url):
    # an actor the reference data does not list, coded from how each article names it
    as_army = actor("Kivu Defence Force", "org:kivu-defence-force", "COD", "MIL")
    as_rebels = actor("Kivu Defence Forces", "org:kivu-defence-force", "COD", "REB")
    as_state = actor("KDF", "org:kivu-defence-force", "COD", "GOV")
    store(db_url, document("a", [event(source=[as_rebels], target=[UKRAINE])]),
          document("b", [event(source=[as_army], target=[UKRAINE])]),
          document("c", [event(source=[as_state], target=[UKRAINE])]))
    assert rows(db_url, "SELECT name, country, type FROM actors WHERE id = 'org:kivu-defence-force'") == [
        ("KDF", "COD", "GOV")]


def test_an_actor_of_the_reference_data_keeps_its_own_name_and_sector(db_url):
    # "Congolese troops" read first must not make Congo an army, nor M23 a government when a sentence says so
    store(db_url, document("a", [event(source=[actor("Congo", "country:COD", "COD", "MIL")], target=[UKRAINE])]),
          document("b", [event(source=[actor("M23", "org:m23", "COD", "GOV")], target=[UKRAINE])]))
    assert rows(db_url, "SELECT id, name, country, type FROM actors WHERE id IN ('country:COD', 'org:m23') "
                        "ORDER BY id") == [("country:COD", "Democratic Republic of Congo", "COD", "GOV"),
                                           ("org:m23", "M23", "COD", "REB")]


def test_two_reports_of_one_article_are_two_events():
    # "Gunmen stormed a hotel in Beledweyne ... Security forces killed the attackers.": one writer told two acts
    attack = report("a", sources="", targets="state:SOM", article="x", evidence="beledweyne gunmen", place=None)
    counter = report("b", sources="state:SOM", targets="", article="x", evidence="beledweyne", place=None)
    counter.sentence, attack.sentence = 120, 0
    assert match(attack, counter) is None


def test_one_article_retelling_an_act_of_the_same_parties_with_a_shared_name_is_one_event():
    # "Russian drones struck Kharkiv overnight, killing 7 ... The attack on Kharkiv was the third this week."
    struck = report("a", article="x", evidence="kharkiv 7", place=None)
    attack = report("b", article="x", evidence="kharkiv", place=None)
    struck.sentence, attack.sentence = 0, 90
    assert match(struck, attack).features["shared"] == ["kharkiv"]
    unnamed = report("c", article="x", evidence="", place=None)
    unnamed.sentence = 150
    assert match(struck, unnamed) is None


def test_one_article_naming_the_same_building_in_two_sentences_tells_two_acts():
    # written for this test: "Soldiers shelled the school where militants hid. ... Troops clashed with the
    # militants at the school for hours.": every act at one site shares the site's noun; a writer telling two
    # acts there in two sentences told them apart
    shelled = report("a", article="x", evidence="school", place=None)
    clashed = report("b", article="x", evidence="school", place=None)
    shelled.sentence, clashed.sentence = 0, 60
    assert match(shelled, clashed) is None


def test_one_sentence_telling_one_act_by_two_verbs_is_one_event():
    # "A drone struck a market in Kharkiv, killing seven and wounding 23."
    struck = report("a", article="x", evidence="kharkiv 23")
    wounding = report("b", article="x", evidence="kharkiv 23")
    struck.sentence = wounding.sentence = 0
    assert match(struck, wounding).score == 1.0


def test_a_denial_in_the_article_answers_the_act_it_alleges():
    # "Russian forces shelled Kharkiv, the army said. Moscow denied the attack."
    alleged = report("a", article="x", evidence="kharkiv")
    denied = report("b", article="x", evidence="moscow")
    alleged.sentence, denied.sentence = 0, 48
    alleged.status, denied.status = "alleged", "denied"
    assert match(alleged, denied) is not None


def test_the_parties_own_names_are_no_evidence():
    # "Ukraine had agreed to a ceasefire" and "the U.S. resumed cooperation with Ukraine": only "Ukraine" shared
    agreed = report("a", type="AGREE", sources="state:UKR", targets="", place=None, evidence="ukraine europe")
    resumed = report("b", type="AGREE", sources="state:USA", targets="state:UKR", place=None, evidence="ukraine kyiv",
                     when="2025-04-21", precision="article")
    assert match(agreed, resumed) is None
    thirty_days = report("c", type="AGREE", sources="state:UKR", targets="state:USA", place=None,
                         evidence="ukraine 30 jeddah")
    agreed_thirty = report("d", type="AGREE", sources="state:UKR", targets="", place=None, evidence="ukrainian 30")
    found = match(agreed_thirty, thirty_days)
    assert (found.features["shared"], found.score) == (["30"], 0.875)


def test_sides_that_merely_do_not_conflict_need_something_specific():
    # the same type and day and a source each, no place, no shared name: two acts as likely as one
    talks = report("a", type="CONSULT", sources="state:USA", targets="", place=None, evidence="moscow")
    other_talks = report("b", type="CONSULT", sources="state:USA", targets="state:UKR", place=None, evidence="jeddah")
    assert match(talks, other_talks) is None
    both_sides = report("c", type="CONSULT", sources="state:UKR", targets="state:USA", place=None, evidence="riyadh")
    assert match(other_talks, both_sides).features["party_text"] == "parties overlap"


def test_a_town_in_its_region_corroborates_a_town_in_its_country_does_not():
    town = report("a", sources="", targets="state:SOM", place="Beledweyne", country="SOM", adm1="Hiiraan",
                  evidence="gunmen")
    region = report("b", sources="", targets="state:SOM", place="Hiiraan", feature="region", country="SOM",
                    adm1="Hiiraan", evidence="soldiers")
    country = report("c", sources="", targets="state:SOM", place="Somalia", feature="country", country="SOM",
                     evidence="soldiers")
    assert match(town, region).features["place_text"] == "Beledweyne and Hiiraan nest"
    assert match(town, country) is None


def test_a_reprinted_report_matches_its_twin_best():
    # the reprint of "a drone struck a market, killing seven and wounding 23" has a "struck" and a "wounding" too
    struck = report("a", evidence="kharkiv 23")
    struck_again = report("b", evidence="kharkiv 23")
    wounding_again = report("c", evidence="kharkiv 23")
    struck.trigger, struck_again.trigger, wounding_again.trigger = "struck", "struck", "wounding"
    assert score(struck, struck_again, reprint=True) > score(struck, wounding_again, reprint=True)


def test_one_sentence_telling_two_acts_of_other_parties_is_two_events():
    # "Ukraine's army shelled Donetsk as Russia struck Kharkiv": one type, one sentence, no party in common
    shelled = report("a", sources="state:UKR", targets="state:RUS", article="x", evidence="donetsk", place=None)
    struck = report("b", sources="state:RUS", targets="", article="x", evidence="kharkiv", place=None)
    shelled.sentence = struck.sentence = 0
    shelled.sources, shelled.targets = frozenset({"state:UKR"}), frozenset()
    assert match(shelled, struck) is None


def test_both_in_one_country_is_no_specific_place():
    # ground operations against the group "in central Somalia" and airstrikes "in Somalia"
    operations = report("a", sources="state:SOM", targets="org:al-shabaab", place="Somalia", feature="country",
                        country="SOM", evidence="hiran shabelle", when="2025-03-11", precision="article")
    airstrikes = report("b", sources="state:SOM", targets="org:al-shabaab", place="Somalia", feature="country",
                        country="SOM", evidence="50 beledweyne", when="2025-03-12", precision="article")
    assert match(operations, airstrikes) is None


def test_a_headline_in_capitals_gives_its_numbers_as_evidence_not_its_words():
    from parley.store.report_keys import evidence_words

    assert evidence_words("RUSSIA ACCUSES UKRAINE OF 3 DRONE STRIKES") == "3"
    assert evidence_words("Russia accused Ukraine of 3 drone strikes in Kharkiv") == "3 kharkiv russia ukraine"


def test_a_denial_in_another_outlet_answers_the_act_alleged_a_day_before():
    # "Congo accused Rwanda of carrying out the strike." / next day, elsewhere: "Rwanda denied carrying out the strike."
    alleged = report("a", sources="state:RWA", targets="", place=None, evidence="congo")
    denied = report("b", sources="state:RWA", targets="", place=None, evidence="", when="2025-04-22")
    alleged.status, denied.status = "alleged", "denied"
    assert match(alleged, denied) is not None
    denied.status = "asserted"  # without the denial the two share nothing specific
    assert match(alleged, denied) is None


def test_a_report_dated_by_its_month_matches_a_day_of_that_month_by_a_shared_fact():
    # "Last month, ICE deported 177 detainees to Honduras." / "On February 12, ICE deported 177 migrants."
    last_month = report("a", type="COERCE", sources="state:USA", targets="state:HND", when="2025-02-01",
                        precision="month", place=None, evidence="177 honduras")
    that_day = report("b", type="COERCE", sources="state:USA", targets="state:HND", when="2025-02-12",
                      place=None, evidence="177")
    found = match(that_day, last_month)
    assert (found.features["date_text"], found.score) == ("within the month", 0.825)


def test_a_report_dated_by_its_month_needs_more_than_its_parties():
    last_month = report("a", type="COERCE", sources="state:USA", targets="state:HND", when="2025-02-01",
                        precision="month", place=None, evidence="177")
    other_flight = report("b", type="COERCE", sources="state:USA", targets="state:HND", when="2025-02-20",
                          place=None, evidence="")
    next_month = report("c", type="COERCE", sources="state:USA", targets="state:HND", when="2025-03-03",
                        place=None, evidence="177")
    assert match(other_flight, last_month) is None
    assert match(next_month, last_month) is None  # February's span ends on the 28th


def test_numbers_written_as_words_are_numbers_and_days_of_dates_are_none():
    from parley.store.report_keys import evidence_words

    assert evidence_words("M23 rebels attacked army positions near Sake, killing five soldiers.") == "5 m23 sake"
    assert evidence_words("Five soldiers died near Sake on March 6, 2025.") == "5 sake"
    assert evidence_words("The two sides met in Doha in 2024.") == "doha"


def test_one_side_misread_matches_on_the_same_day_town_and_toll_only():
    # "M23 rebels attacked army positions near Sake, killing five soldiers": one outlet's target Congo, another's
    # a state named in the sentence before
    congo = report("a", sources="org:m23", targets="state:COD", place="Sake", country="COD", evidence="5 sake")
    misread = report("b", sources="org:m23", targets="state:RWA", place="Sake", country="COD", evidence="5 sake")
    found = match(misread, congo)
    assert (found.features["party_text"], found.score) == ("one side overlaps, one differs", 0.775)
    no_toll = report("c", sources="org:m23", targets="state:RWA", place="Sake", country="COD", evidence="sake")
    next_day = report("d", sources="org:m23", targets="state:RWA", place="Sake", country="COD", evidence="5 sake",
                      when="2025-04-22")
    assert match(no_toll, congo) is None
    assert match(next_day, congo) is None


def test_a_month_dated_report_joins_its_event_in_the_store_whatever_the_order(tmp_path):
    from conftest_store import empty_database
    from parley.records import Event

    def deportation(day, precision):
        return Event(id="e1", type="COERCE", span=(0, 10), trigger="deported", sentence_span=(0, 60),
                     source=[RUSSIA], target=[UKRAINE], status="asserted", date=day, date_precision=precision,
                     location=None, confidence=0.8)

    texts = {"m": "Last month Russia deported 177 people to Ukraine, officials said.",
             "d": "On March 12 Russia deported 177 people to Ukraine, officials said.",
             "x": "On March 30 Russia deported people to Ukraine again, officials said."}
    docs = [document("m", [deportation("2025-03-01", "month")], published="2025-04-02", text=texts["m"]),
            document("d", [deportation("2025-03-12", "day")], published="2025-03-13", text=texts["d"]),
            document("x", [deportation("2025-03-30", "day")], published="2025-03-31", text=texts["x"])]
    found = []
    for name, order in (("forward", docs), ("backward", docs[::-1])):
        (tmp_path / name).mkdir()
        with empty_database(tmp_path / name) as url:
            for doc in order:  # one article a batch
                store(url, doc)
            found.append(rows(url, "SELECT article_id, event_id FROM event_mentions ORDER BY article_id"))
    assert found[0] == found[1]
    by_article = dict(found[0])
    assert by_article["m"] == by_article["d"] != by_article["x"]


def test_the_place_of_an_act_named_by_a_common_noun_is_evidence():
    from parley.store.report_keys import evidence_words

    # "six militants who attacked a hotel" / "Gunmen stormed the hotel at dawn": one hotel; "this week's hotel
    # siege" names another act, not the place of this one
    assert evidence_words("Troops killed six militants who attacked a hotel where elders met.") == "6 hotel troops"
    assert evidence_words("Gunmen stormed the hotel at dawn.") == "gunmen hotel"
    assert evidence_words("Hours after ending this week's hotel siege, airstrikes killed 50.") == "50 hours"
    assert evidence_words("Drones hit the crowded markets of Kharkiv.") == "drones kharkiv market"


def test_a_months_summary_sharing_only_the_town_is_no_one_act_of_that_month():
    # "Russian strikes killed 40 civilians in Kharkiv in March" / "A Russian missile struck Kharkiv on March 3"
    summary = report("a", when="2025-03-01", precision="month", place="Kharkiv", evidence="40 kharkiv")
    one_strike = report("b", when="2025-03-03", place="Kharkiv", evidence="4 kharkiv")
    assert match(one_strike, summary) is None


def test_a_small_number_alone_needs_a_side_known_to_both():
    # "the three countries" / "three days of talks": no one fact when neither report knows a side of the other's
    one = report("a", type="ACCUSE", sources="", targets="", place=None, evidence="3 tariffs")
    other = report("b", type="ACCUSE", sources="", targets="", place=None, evidence="3 ecowas")
    assert match(one, other) is None
    known = report("c", type="ACCUSE", sources="state:RUS", targets="", place=None, evidence="3")
    also_known = report("d", type="ACCUSE", sources="state:RUS", targets="", place=None, evidence="3 ecowas")
    assert match(known, also_known) is not None


def test_a_month_dated_report_needs_a_side_known_to_both():
    # "Last month the delegation met in Washington" / another meeting in Washington that month
    last_month = report("a", type="CONSULT", sources="", targets="", when="2024-07-01", precision="month",
                        place=None, evidence="washington")
    meeting = report("b", type="CONSULT", sources="state:JPN", targets="", when="2024-07-20", place=None,
                     evidence="washington")
    assert match(meeting, last_month) is None


def test_one_side_misread_in_a_report_with_no_place_matches_when_its_sentence_names_the_town():
    # "A Russian drone struck a crowded market in Kharkiv on Tuesday, killing seven people" / "Kharkiv held a day
    # of mourning after Russian forces hit a market in the city on Tuesday, killing seven civilians" (read with
    # Russia as the target)
    struck = report("a", place="Kharkiv", evidence="7 kharkiv market syniehubov")
    misread = report("b", targets="state:RUS", place=None, evidence="7 kharkiv market syniehubov")
    assert match(misread, struck).features["party_text"] == "one side overlaps, one differs"
    elsewhere = report("c", targets="state:RUS", place=None, evidence="7 market syniehubov")
    assert match(elsewhere, struck) is None


def test_an_actor_named_in_capitals_is_known_by_its_capitals():
    from parley.store.report_keys import evidence_words

    # "NISA said ..." in one sentence and "Somalia's NISA" in another name a party, not a fact of the act
    assert evidence_words("ECOWAS", name=True) == "ecowas"
    assert evidence_words("ECOWAS") == ""  # a headline in capitals tells no name from a word


def test_two_reports_that_share_only_the_name_of_a_party_stay_apart():
    from parley.store.report_keys import evidence_words

    # written for this test: two raids of one war on adjacent days, the group named by both, no role given to it
    first = evidence_words("Army commandos killed 14 Hamas fighters in a raid, the military said.")
    second = evidence_words("An air raid on Tuesday killed 9 Hamas members, officials said.")
    assert "hamas" in set(first.split()) & set(second.split())
    one = report("a", sources="", targets="state:ISR", place=None, when="2025-04-21", precision="article",
                 evidence=first)
    other = report("b", sources="state:ISR", targets="", place=None, when="2025-04-22", precision="article",
                   evidence=second)
    assert match(one, other) is None



def test_with_both_sides_the_same_a_name_neither_gives_a_role_is_shared_evidence():
    from parley.store.report_keys import evidence_words

    # written for this test: a feed's summary and a wire's lead of one meeting, the summary with no place and dated
    # by its entry; the talks' reports name Sudan and Ethiopia as the sides, and both sentences name their host
    first = evidence_words("Egypt hosted talks between Sudan and Ethiopia.")
    second = evidence_words("Egypt hosted talks between Sudan and Ethiopia in Cairo on Saturday.")
    summary = report("a", type="CONSULT", sources="state:SDN+state:ETH", targets="state:SDN+state:ETH", place=None,
                     when="2025-04-19", precision="article", evidence=first)
    wire = report("b", type="CONSULT", sources="state:SDN+state:ETH", targets="state:SDN+state:ETH", place="Cairo",
                  country="EGY", evidence=second, when="2025-04-19")
    assert "egypt" in set(first.split()) & set(second.split())
    assert match(summary, wire) is not None

def test_a_meeting_told_by_its_host_alone_joins_the_meeting_of_the_sides_in_that_town():
    # written for this test: "Kenya hosted the talks in Nairobi on Friday." / "Ethiopian and Eritrean envoys
    # met in Nairobi on Friday.": the host is a participant, the sides it does not name are unknown, not absent
    host = report("a", type="CONSULT", sources="state:KEN", targets="", place="Nairobi", country="KEN",
                  evidence="nairobi")
    sides = report("b", type="CONSULT", sources="state:ETH+state:ERI", targets="state:ETH+state:ERI",
                   place="Nairobi", country="KEN", evidence="ethiopian eritrean nairobi")
    found = match(host, sides)
    assert (found.features["parties"], found.score >= MERGE_THRESHOLD) == (0.5, True)


def test_a_host_naming_other_guests_or_another_town_is_another_meeting():
    sides = report("b", type="CONSULT", sources="state:ETH+state:ERI", targets="state:ETH+state:ERI",
                   place="Nairobi", country="KEN", evidence="nairobi")
    # "Kenya's president met Somalia's president in Nairobi": other guests named, so another meeting
    assert match(report("a", type="CONSULT", sources="state:KEN", targets="state:SOM", place="Nairobi",
                        country="KEN", evidence="nairobi"), sides) is None
    # "Kenya hosted a summit in Mombasa": the host's state, another town
    assert match(report("c", type="CONSULT", sources="state:KEN", targets="", place="Mombasa", country="KEN",
                        evidence="mombasa"), sides) is None


def test_two_strikes_of_one_day_on_different_things_in_one_town_stay_apart():
    from parley.store.report_keys import evidence_words

    # written for this test: the same parties, the same day and town, but one hit a market and the other a hospital
    market = report("a", evidence=evidence_words("A Russian drone struck a market in Kyiv, killing 12 people."))
    hospital = report("b", evidence=evidence_words("Russian missiles hit a hospital in Kyiv, killing 12 people."))
    assert match(market, hospital) is None
    retold = report("c", evidence=evidence_words("Twelve shoppers died when Russia's drone hit the Kyiv market."))
    assert match(market, retold) is not None


def test_one_sentence_telling_one_act_by_two_verbs_may_share_only_a_partys_name():
    from parley.store.report_keys import evidence_words

    # written for this test: "Washington imposed sanctions on Sudan on Monday, blocking the assets of RSF
    # commanders.": RSF is given no role, yet the two verbs are one act of the same parties
    words = evidence_words("Washington imposed sanctions on Sudan on Monday, blocking the assets of RSF commanders.")
    imposed = report("a", type="SANCTION", sources="state:USA", targets="state:SDN", place=None, article="x",
                     evidence=words)
    blocking = report("b", type="SANCTION", sources="state:USA", targets="", place=None, article="x", evidence=words)
    imposed.sentence = blocking.sentence = 0
    assert match(imposed, blocking) is not None


def test_one_article_retelling_its_act_by_the_same_verb_at_the_same_site_is_one_event():
    # written for this test: "Gunmen stormed a hotel in Garowe on Monday. ... 'They stormed the hotel at dawn,' a
    # witness said.": the same verb, the same sides, the same day, the same hotel
    first = report("a", sources="sector:SOM:REB", targets="state:SOM", article="x", evidence="garowe hotel",
                   place="Garowe", country="SOM")
    again = report("b", sources="sector:SOM:REB", targets="state:SOM", article="x", evidence="hotel", place=None)
    first.sentence, again.sentence = 0, 80
    first.trigger, again.trigger = "stormed", "stormed"
    assert match(first, again).features["shared"] == ["hotel"]
    again.trigger = "shelled"  # another verb at the same site is another act
    assert match(first, again) is None


def test_one_article_telling_its_acts_toll_again_with_no_party_is_that_act():
    # written for this test: "Gunmen stormed a hotel, leaving at least seven people dead. ... At least seven
    # people, among them two elders, were killed."
    stormed = report("a", sources="sector:SOM:REB", targets="state:SOM", article="x", evidence="7 hotel", place=None)
    killed = report("b", sources="", targets="", article="x", evidence="7", place=None)
    stormed.sentence, killed.sentence = 0, 70
    assert match(stormed, killed).features["shared"] == ["7"]
    # across articles a small number alone, with no side known to both, is no fact of one act
    killed.article = "y"
    assert match(stormed, killed) is None


def test_a_member_sharing_nothing_with_a_report_does_not_keep_it_from_its_event():
    # written for this test: "Gunmen stormed a hotel, leaving at least seven people dead." / "They stormed the
    # hotel at dawn." / "At least seven people were killed.": the toll shares nothing with the second sentence
    from parley.store.merge import Group

    stormed = report("a", sources="sector:SOM:REB", targets="state:SOM", article="x", evidence="7 hotel", place=None)
    again = report("b", sources="sector:SOM:REB", targets="state:SOM", article="x", evidence="hotel", place=None)
    killed = report("c", sources="", targets="", article="x", evidence="7", place=None)
    for n, r in enumerate((stormed, again, killed)):
        r.sentence, r.trigger = n * 50, "killed" if r is killed else "stormed"
    assert match(again, killed) is None
    assert Group([stormed, again]).best(killed, frozenset()).features["shared"] == ["7"]


def test_a_fight_is_compared_with_its_sides_either_way_round_by_a_fact_beyond_its_site():
    # written for this test: "Troops killed five gunmen at the hotel in Garowe" / "five gunmen were still fighting
    # with troops inside the hotel"
    from dataclasses import replace

    killed = report("a", sources="state:SOM", targets="sector:SOM:REB", evidence="5 garowe hotel", place=None)
    attacked = report("b", sources="sector:SOM:REB", targets="state:SOM", evidence="5 hotel", place=None)
    assert match(killed, replace(attacked, trigger="attacked")) is None
    assert match(killed, replace(attacked, trigger="fighting")).features["parties"] == 1.0
    # the hotel alone: the attack on it and the fight against its attackers were both there
    assert match(killed, replace(attacked, trigger="fighting", evidence=frozenset({"hotel"}))) is None


def test_one_article_telling_one_act_as_to_come_and_another_as_going_on_tells_two():
    # written for this test: "The envoy will join talks in Doha on Friday as the president pushes to broker an end
    # to the war.": one sentence, one type, the same sides, one act future and one asserted
    talks = report("a", type="CONSULT", sources="state:USA", targets="state:UKR", article="x", evidence="doha",
                   place=None)
    broker = report("b", type="CONSULT", sources="state:USA", targets="state:UKR", article="x", evidence="doha",
                    place=None)
    talks.sentence = broker.sentence = 0
    assert match(talks, broker) is not None
    talks.status = "future"
    assert match(talks, broker) is None


def test_the_same_parties_on_two_days_each_sure_of_its_day_are_two_acts_in_one_town():
    # written for this test: "Russian missiles struck Zaporizhzhia on Monday" / "... struck Zaporizhzhia on
    # Tuesday, killing 14": the town both name is no fact of one act; a toll both give is
    monday = report("a", place="Zaporizhzhia", evidence="zaporizhzhia 14")
    tuesday = report("b", when="2025-04-22", place="Zaporizhzhia", evidence="zaporizhzhia")
    assert match(monday, tuesday) is None
    tuesday_toll = report("c", when="2025-04-22", place="Zaporizhzhia", evidence="zaporizhzhia 14")
    assert score(monday, tuesday_toll) >= MERGE_THRESHOLD
