"""Who did it to whom: one test per kind of role the article-level actor model resolves."""

from parley.nlp.text.normalize import normalize


def _events(doc):
    """(type, source countries, target countries, status, claimant country) per event, in order."""
    return [(e.type, tuple(a.country or a.name for a in e.source), tuple(a.country or a.name for a in e.target),
             e.status, e.claimed_by.country if e.claimed_by else None) for e in doc.events]


def test_coordinated_verbs_and_control_verbs_share_the_subject(extract):
    doc = extract("The Greek and Turkish defence ministers met in Athens on Tuesday and agreed to reopen the hotline.")
    assert _events(doc) == [("CONSULT", ("GRC", "TUR"), ("GRC", "TUR"), "asserted", None),
                            ("AGREE", ("GRC", "TUR"), ("GRC", "TUR"), "asserted", None)]


def test_the_two_ministers_are_the_two_named_before(extract):
    doc = extract("Greek Foreign Minister Giorgos Gerapetritis met Turkish Foreign Minister Hakan Fidan in Ankara. "
                  "The two ministers agreed to expand trade.")
    assert _events(doc) == [("CONSULT", ("GRC",), ("TUR",), "asserted", None),
                            ("AGREE", ("GRC", "TUR"), ("GRC", "TUR"), "asserted", None)]


def test_both_sides_is_the_dyad_in_focus_never_the_host(extract):
    doc = extract("Egypt hosted envoys from Sudan and Chad in Cairo on Monday. "
                  "Both sides accused each other of arming rebels.")
    assert _events(doc) == [("CONSULT", ("EGY",), ("SDN", "TCD"), "asserted", None),
                            ("ACCUSE", ("SDN",), ("TCD",), "asserted", None),
                            ("ACCUSE", ("TCD",), ("SDN",), "asserted", None),
                            ("AID", ("SDN",), ("TCD",), "alleged", "TCD"),
                            ("AID", ("TCD",), ("SDN",), "alleged", "SDN")]


def test_pronouns_prefer_the_subject_and_never_their_own_clause_subject(extract):
    doc = extract("Mexican President Claudia Sheinbaum met Guatemalan President Bernardo Arevalo. "
                  "He asked him to close the border.")
    assert _events(doc) == [("CONSULT", ("MEX",), ("GTM",), "asserted", None),
                            ("REQUEST", ("MEX",), ("GTM",), "asserted", None)]


def test_nominal_event_takes_its_adjectival_agent(extract):
    assert _events(extract("Chadian shelling of the border town continued on Monday.")) == [
        ("ASSAULT", ("TCD",), (), "asserted", None)]


def test_mediator_is_not_a_participant(extract):
    doc = extract("Qatar brokered talks between Rwanda and Congo in Doha.")
    assert _events(doc) == [("CONSULT", ("QAT",), ("RWA", "COD"), "asserted", None),
                            ("CONSULT", ("RWA", "COD"), ("RWA", "COD"), "asserted", None)]


def test_passive_accusation_is_claimed_by_its_agent(extract):
    doc = extract("Moldova was accused by Russia of shelling a hospital.")
    assert _events(doc) == [("ACCUSE", ("RUS",), ("MDA",), "asserted", None),
                            ("ASSAULT", ("MDA",), (), "alleged", "RUS")]


def test_no_self_loop_when_the_object_is_the_other_states_organ(extract):
    doc = extract("Hungary imposed sanctions on Serbia's police chief, accusing the police of beating protesters.")
    assert _events(doc) == [("SANCTION", ("HUN",), ("SRB",), "asserted", None),
                            ("ACCUSE", ("HUN",), ("SRB",), "asserted", None)]


def test_title_and_name_are_one_actor(extract):
    doc = extract("Sudan's army chief Abdel Fattah al-Burhan rejected the plan.")
    [event] = doc.events
    assert [(a.name, a.country, a.type, a.text) for a in event.source] == [
        ("Abdel Fattah al-Burhan", "SDN", "MIL", "Sudan's army chief Abdel Fattah al-Burhan")]


def test_seat_of_an_organ_is_its_state(extract):
    doc = extract("The foreign ministry in Yerevan condemned the Azerbaijani attack.")
    # the attack condemned is an event of its own (issue 20: a deed judged happened)
    assert _events(doc) == [("ACCUSE", ("ARM",), ("AZE",), "asserted", None), ("ASSAULT", ("AZE",), (), "asserted", None)]


def test_titled_person_of_unknown_nationality_serves_the_state_in_context(extract):
    doc = extract("President Emmerson Mnangagwa threatened to ban opposition rallies in Harare.")
    [event] = doc.events
    assert [(a.name, a.country) for a in event.source] == [("Emmerson Mnangagwa", "ZWE")]


def test_unnamed_local_groups_take_the_place_country(extract):
    doc = extract("Police in Lahore arrested 12 protesters.")
    [event] = doc.events
    assert (event.type, [(a.country, a.type) for a in event.source], [(a.country, a.type) for a in event.target]) == (
        "COERCE", [("PAK", "COP")], [("PAK", "CVL")])


def test_non_state_group_keeps_its_identity(extract):
    [event] = extract("Hezbollah fighters fired rockets at Israel.").events
    assert [(a.name, a.country, a.type) for a in event.source] == [("Hezbollah", "LBN", "REB")]
    assert [a.name for a in event.target] == ["Israel"]


def test_people_where_they_live_belong_to_that_state(extract):
    doc = extract("Ethnic Hungarians in southern Slovakia demonstrated against the language law.")
    [event] = doc.events
    assert (event.type, [(a.country, a.type) for a in event.source]) == ("PROTEST", [("SVK", "CVL")])


def test_hidden_text_is_read_and_spans_stay_in_the_original(extract):
    text = "Chad&#8217;s army attacked Boko Haram positions.\nHUNGARY ACCUSES SERBIA OF SPY\u00adING"
    doc = extract(text)
    assert [(e.type, text[e.span[0]:e.span[1]]) for e in doc.events] == [
        ("ASSAULT", "attacked"), ("ACCUSE", "ACCUSES")]
    assert [text[a.start:a.end] for a in doc.events[0].source] == ["Chad&#8217;s army"]
    assert [(a.name, text[a.start:a.end]) for a in doc.events[1].source] == [("Hungary", "HUNGARY")]


def test_normalize_maps_every_plain_character_back():
    norm = normalize("A&amp;B\u200b C\u00adD")
    assert norm.text == "A&B CD"
    assert norm.span(0, 3) == (0, 7)  # "A&B" covers the entity
    assert norm.span(4, 6) == (9, 12)  # "CD" spans the soft hyphen


def test_a_call_between_two_states_is_their_consult(extract):
    doc = extract("A phone call between the foreign ministers of Peru and Chile took place on Tuesday.")
    assert _events(doc) == [("CONSULT", ("PER", "CHL"), ("PER", "CHL"), "asserted", None)]


def test_a_complaint_is_aimed_at_who_did_what_it_is_about_not_at_its_addressee(extract):
    [event] = [e for e in extract("Peru complained to the United Nations over Chilean border patrols.").events
               if e.type == "ACCUSE"]
    assert ([a.country for a in event.source], [a.country for a in event.target]) == (["PER"], ["CHL"])


def test_a_list_of_three_states_meets_as_one_compound_actor(extract):
    assert _events(extract("Peru, Chile, and Bolivia met on Monday.")) == [
        ("CONSULT", ("PER", "CHL", "BOL"), ("PER", "CHL", "BOL"), "asserted", None)]


def test_a_bomb_with_no_hand_named_is_an_unidentified_group_of_the_place(extract):
    doc = extract("A roadside bomb killed two Malian soldiers near the town of Gao on Sunday.")
    [event] = doc.events
    assert [(a.name, a.country, a.type, a.text) for a in event.source] == [
        ("unidentified attackers", "MLI", "UAF", "A roadside bomb")]
    assert [(a.country, a.type) for a in event.target] == [("MLI", "MIL")]


def test_a_named_attacker_is_not_replaced_by_the_weapon(extract):
    assert _events(extract("Chadian rebels killed three soldiers with a roadside bomb in Abeche.")) == [
        ("ASSAULT", ("TCD",), ("TCD",), "asserted", None)]


def test_an_anti_prefixed_state_is_a_stance_not_a_party(extract):
    doc = extract("A prominent anti-Kenya journalist was killed in a car bomb explosion in Mogadishu.")
    assert _events(doc) == [("ASSAULT", ("SOM",), ("SOM",), "asserted", None)]


def test_an_international_mediator_serves_no_state(extract):
    doc = extract("U.N. mediator Jan Kubis met Afghan officials.")
    [event] = doc.events
    assert [(a.text, a.country, a.type) for a in event.source] == [("U.N. mediator Jan Kubis", None, "IGO")]
    assert [a.country for a in event.target] == ["AFG"]


def test_a_states_measure_in_its_own_land_falls_on_the_people_of_the_place(extract):
    [event] = extract("The Bolivian government imposed a curfew in the town of Sucre.").events
    assert (event.type, [(a.country, a.type) for a in event.source], [(a.country, a.type) for a in event.target]) == (
        "COERCE", [("BOL", "GOV")], [("BOL", "CVL")])


def test_an_armed_group_of_the_same_land_is_the_other_side_in_focus(extract):
    doc = extract("The RSF attacked El Fasher. Sudan's army shelled positions in Darfur on Monday.")
    assert [(e.type, [a.name for a in e.source], [a.name for a in e.target]) for e in doc.events][1] == (
        "ASSAULT", ["Sudan"], ["Rapid Support Forces"])


def test_hundreds_of_a_local_group_are_people_of_the_place(extract):
    [event] = extract("Hundreds of farmers blocked roads in Bogota.").events
    assert (event.type, [(a.text, a.country, a.type) for a in event.source]) == (
        "PROTEST", [("farmers", "COL", "CVL")])


def test_an_unlisted_organisation_is_an_actor_of_the_state_its_name_names(extract):
    [event] = extract("The Tanzanian Union of Nurses called off a strike.").events
    assert (event.type, [(a.name, a.country, a.type) for a in event.source]) == (
        "CONCEDE", [("Tanzanian Union of Nurses", "TZA", "LAB")])


def test_an_unlisted_organisation_takes_the_kind_the_noun_before_it_names(extract):
    doc = extract("The rebel Baloch Liberation Front demanded that the Pakistani government free its leader.")
    assert [(e.type, [(a.name, a.country, a.type) for a in e.source], [a.country for a in e.target])
            for e in doc.events] == [("REQUEST", [("Baloch Liberation Front", None, "REB")], ["PAK"])]


def test_the_state_in_front_of_an_unlisted_body_is_its_state(extract):
    assert _events(extract("The US Congress agreed to lift sanctions on Cuba.")) == [
        ("AGREE", ("USA",), ("CUB",), "asserted", None)]


def test_the_people_an_attack_falls_on_are_not_the_attackers_own(extract):
    [event] = extract("Russian strikes killed 20 civilians.").events
    assert [(a.text, a.country, a.type) for a in event.target] == [("civilians", None, "CVL")]


def test_the_people_police_arrest_are_their_own(extract):
    assert _events(extract("Nepalese police arrested 12 political opponents.")) == [
        ("COERCE", ("NPL",), ("NPL",), "asserted", None)]


def test_prisoners_who_riot_are_people_of_the_place(extract):
    [event] = extract("Prisoners rioted at a jail in Lima on Monday.").events
    assert (event.type, [(a.text, a.country, a.type) for a in event.source]) == (
        "PROTEST", [("Prisoners", "PER", "CVL")])


def test_elders_are_a_local_group_of_the_state_in_the_sentence(extract):
    assert _events(extract("Tribal elders demanded that the Afghan government release the men.")) == [
        ("REQUEST", ("AFG",), ("AFG",), "asserted", None)]


def test_the_target_can_be_who_a_thing_acted_on_is_for(extract):
    assert _events(extract("A camp for Sudanese refugees was attacked by Chadian militiamen.")) == [
        ("ASSAULT", ("TCD",), ("SDN",), "asserted", None)]


def test_a_judge_of_unknown_nationality_serves_the_state_of_those_tried(extract):
    [event] = extract("Judge Maria Soto opened investigations against 12 Peruvian officials.").events
    assert [(a.name, a.country, a.type) for a in event.source] == [("Maria Soto", "PER", "JUD")]


def test_an_allegation_is_aimed_at_the_subject_of_what_it_alleges(extract):
    doc = extract("Peru alleged that Chile had armed the rebels.")
    assert [(e.type, [a.country for a in e.source], [a.country for a in e.target]) for e in doc.events][0] == (
        "ACCUSE", ["PER"], ["CHL"])


def test_killed_in_a_named_states_strike_has_that_state_as_source(extract):
    [event] = extract("Two soldiers died in an Israeli strike on Khiam.").events
    assert (event.type, [a.country for a in event.source]) == ("ASSAULT", ["ISR"])


def test_a_visit_with_no_one_named_meets_the_state_of_the_place(extract):
    assert _events(extract("Peruvian President Ana Soto arrived in Santiago on a visit on Monday.")) == [
        ("CONSULT", ("PER",), ("CHL",), "asserted", None)]


def test_the_target_can_be_who_a_thing_acted_on_goes_to(extract):
    assert _events(extract("France suspended all military aid to Niger on Thursday.")) == [
        ("SANCTION", ("FRA",), ("NER",), "asserted", None)]


def test_a_two_word_state_group_noun_with_no_owner_is_the_main_states(extract):
    doc = extract("FARC rebels attacked a base in Colombia on Sunday. "
                  "They also abducted two police officers in a village nearby, the army said.")
    assert [(a.text, a.country, a.type) for a in doc.events[1].target] == [("police officers", "COL", "COP")]


def test_foreigners_protesting_abroad_protest_to_the_host_state(extract):
    assert _events(extract("Swedish and Danish activists staged a protest in Moscow on Wednesday.")) == [
        ("PROTEST", ("SWE", "DNK"), ("RUS",), "asserted", None)]


def test_a_condemnation_accuses_the_doer_not_the_people_the_act_killed(extract):
    doc = extract("Oman condemned the air raid on Taiz on Friday that killed nine farmers.")
    assert _events(doc) == [("ACCUSE", ("OMN",), (), "asserted", None),
                            ("ASSAULT", (), ("YEM",), "asserted", None)]


def test_the_people_an_act_kills_are_not_the_condemning_states_own(extract):
    doc = extract("Norway condemned the drone strike on Kalimbi on Sunday that killed seven civilians.")
    assert _events(doc) == [("ACCUSE", ("NOR",), (), "asserted", None),
                            ("ASSAULT", (), ("civilians",), "asserted", None)]


def test_a_demand_with_no_one_named_is_made_of_the_other_side_in_focus(extract):
    doc = extract("Ethiopia and Egypt held talks on the dam on Monday. Ethiopia later demanded more time.")
    assert _events(doc) == [("REQUEST", ("ETH",), ("EGY",), "asserted", None),
                            ("CONSULT", ("ETH", "EGY"), ("ETH", "EGY"), "asserted", None)]


def test_a_named_person_with_no_title_is_who_she_is_later(extract):
    doc = extract("Anna Kowalczyk visited Juba on Monday. She urged an end to the fighting.")
    assert _events(doc) == [("CONSULT", ("Anna Kowalczyk",), ("SSD",), "asserted", None),
                            ("REQUEST", ("Anna Kowalczyk",), ("SSD",), "asserted", None)]


def test_the_city_a_guest_is_welcomed_to_is_the_venue_not_a_party(extract):
    assert _events(extract("Erdogan welcomed Aliyev to Ankara.")) == [("CONSULT", ("TUR",), ("AZE",), "asserted", None)]


def test_an_unowned_ministry_is_not_the_state_whose_envoy_it_summons(extract):
    assert _events(extract("The ministry summoned the Dutch ambassador.")) == [
        ("ACCUSE", (), ("NLD",), "asserted", None)]


def test_a_protested_sale_accuses_the_seller_not_the_buyer(extract):
    assert _events(extract("India protested the Turkish drone sale to Pakistan.")) == [
        ("ACCUSE", ("IND",), ("TUR",), "asserted", None)]


def test_a_protested_sale_with_no_seller_named_has_no_target(extract):
    assert _events(extract("India protested the drone sale to Pakistan.")) == [("ACCUSE", ("IND",), (), "asserted", None)]


def test_a_town_retaken_is_not_an_attack_on_its_people(extract):
    assert _events(extract("Ethiopian troops retook Gondar on Monday.")) == [("ASSAULT", ("ETH",), (), "asserted", None)]


def test_an_unnamed_group_is_not_of_the_people_it_attacks(extract):
    assert _events(extract("Gunmen attacked Armenians.")) == [("ASSAULT", ("Gunmen",), ("ARM",), "asserted", None)]


def test_the_warring_parties_are_the_dyad_in_focus(extract):
    doc = extract("Chad and Sudan met in Doha. The UN urged the rival factions to stop fighting.")
    assert _events(doc) == [("CONSULT", ("TCD", "SDN"), ("TCD", "SDN"), "asserted", None),
                            ("REQUEST", ("United Nations",), ("TCD", "SDN"), "asserted", None)]


def test_a_hyphenated_pair_of_states_are_both_parties_to_the_talks(extract):
    assert _events(extract("India-Pakistan talks resumed in Dubai on Monday.")) == [
        ("CONSULT", ("PAK", "IND"), ("PAK", "IND"), "asserted", None)]


def test_a_statement_that_demands_is_its_issuers_demand(extract):
    assert _events(extract("Iran issued a statement demanding that Israel halt its strikes.")) == [
        ("REQUEST", ("IRN",), ("ISR",), "asserted", None)]


def test_the_city_a_summit_is_named_after_is_no_party_to_it(extract):
    doc = extract("Seoul and Pyongyang have been at odds since talks failed at the Hanoi summit in February.")
    assert _events(doc) == [("CONSULT", ("KOR", "PRK"), ("KOR", "PRK"), "asserted", None)]


def test_those_who_come_under_attack_are_its_target(extract):
    doc = extract("Government troops near Aleppo came under an attack from Islamic State fighters.")
    assert _events(doc) == [("ASSAULT", ("Islamic State",), ("SYR",), "asserted", None)]


def test_unnamed_victims_take_no_state_from_a_later_sentence(extract):
    doc = extract("Norway condemned the drone strike on Kalimbi on Sunday that killed seven civilians. "
                  "Uganda denied carrying out the strike.")
    assert _events(doc) == [("ACCUSE", ("NOR",), (), "asserted", None),
                            ("ASSAULT", (), ("civilians",), "asserted", None),
                            ("ASSAULT", ("UGA",), (), "denied", "UGA")]


def test_an_unnamed_group_after_a_party_preposition_is_the_target(extract):
    doc = extract("Nigerian troops clashed with gunmen in a village in Zamfara state.")
    assert [(e.type, [a.country for a in e.source], [(a.text, a.country) for a in e.target]) for e in doc.events] == [
        ("ASSAULT", ["NGA"], [("gunmen", None)])]


def test_a_terrorist_cell_is_an_armed_group_target(extract):
    doc = extract("Moroccan police broke up a terrorist cell in Tangier on Tuesday.")
    assert [(e.type, [a.country for a in e.source], [(a.text, a.country) for a in e.target]) for e in doc.events] == [
        ("COERCE", ["MAR"], [("terrorist cell", None)])]


def test_plain_people_arrested_are_the_target_when_nothing_else_is(extract):
    doc = extract("Myanmar's army has arrested at least 2,400 people since the coup.")
    assert [(e.type, [a.country for a in e.source], [(a.text, a.country) for a in e.target]) for e in doc.events] == [
        ("COERCE", ["MMR"], [("people", None)])]


def test_the_place_attacked_comes_before_the_people_killed(extract):
    doc = extract("Israeli strikes on the Syrian city of Homs killed at least 12 people on Monday.")
    assert [(e.type, [a.country for a in e.source], [a.country for a in e.target]) for e in doc.events] == [
        ("ASSAULT", ["ISR"], ["SYR"])]


def test_people_killed_in_fighting_between_two_sides_are_no_side(extract):
    doc = extract("Clashes between Thai and Cambodian troops have killed at least 35 people.")
    assert [(e.type, [a.country for a in e.source], [a.text for a in e.target]) for e in doc.events] == [
        ("ASSAULT", ["THA", "KHM"], [])]


def test_an_unlisted_agency_after_a_possessive_state_is_that_states(extract):
    doc = extract("The raid was an operation conducted by Kenya's National Intelligence and Security Agency, officials said.")
    assert [(e.type, [(a.text, a.country) for a in e.source], [a.text for a in e.target]) for e in doc.events] == [
        ("ASSAULT", [("Kenya's National Intelligence and Security Agency", "KEN")], [])]


def test_the_object_of_an_operations_purpose_clause_is_its_target(extract):
    doc = extract("The army began an offensive to drive Houthi rebels out of the port.")
    assert [(e.type, [a.text for a in e.source], [(a.text, a.name) for a in e.target]) for e in doc.events] == [
        ("ASSAULT", ["army"], [("Houthi rebels", "Houthis")])]


def test_us_immigration_enforcement_is_a_us_body(extract):
    doc = extract("ICE arrested 40 migrants in Chicago on Tuesday.")
    assert [(e.type, [(a.name, a.country) for a in e.source]) for e in doc.events] == [
        ("COERCE", [("Immigration and Customs Enforcement", "USA")])]


def test_those_hurt_in_a_clash_with_a_side_are_its_targets(extract):
    doc = extract("Churches prayed for Palestinians injured in violent confrontations with Israeli troops in Hebron.")
    assert [(e.type, [a.country for a in e.source], [(a.text, a.country) for a in e.target]) for e in doc.events] == [
        ("ASSAULT", ["ISR"], [("Palestinians", "PSE")])]
