def _actors(doc):
    return {(a.text, a.name, a.country, a.type) for a in doc.actors}


def test_actor_capital_is_a_metonym_for_the_state(extract):
    doc = extract("Moscow rejected the plan on Tuesday.")
    assert ("Moscow", "Russia", "RUS", "GOV") in _actors(doc)


def test_actor_seat_of_power_is_a_metonym_for_the_state(extract):
    doc = extract("The Kremlin dismissed the report.")
    assert any(a.country == "RUS" and "Kremlin" in a.text for a in doc.actors)


def test_actor_unknown_person_is_coded_from_title_and_nationality(extract):
    doc = extract("Ukrainian Deputy Minister Olena Hrytsenko criticised the decision.")
    person = next(a for a in doc.actors if a.name == "Olena Hrytsenko")
    assert (person.country, person.type) == ("UKR", "GOV")
    assert person.text == "Ukrainian Deputy Minister Olena Hrytsenko"


def test_actor_possessive_country_and_military_title_give_mil(extract):
    doc = extract("Sudan's army chief Kamal Osman accused the paramilitaries of looting.")
    person = next(a for a in doc.actors if a.name == "Kamal Osman")
    assert (person.country, person.type) == ("SDN", "MIL")


def test_actor_surname_later_resolves_to_full_mention(extract):
    doc = extract("Ukrainian President Volodymyr Petrenko met troops. Later, Petrenko criticised Moscow.")
    later = [a for a in doc.actors if a.text == "Petrenko"]
    assert later and later[0].name == "Volodymyr Petrenko" and later[0].country == "UKR"


def test_actor_spelling_variants_resolve_to_one_person(extract):
    ids = {a.id for a in extract("Zelensky spoke. Zelenskyy spoke again. Zelenskiy left.").actors}
    assert len(ids) == 1


def test_actor_group_noun_with_demonym_takes_country_and_sector(extract):
    doc = extract("Israeli troops entered the town.")
    assert any(a.country == "ISR" and a.type == "MIL" for a in doc.actors)


def test_actor_armed_group_is_named(extract):
    doc = extract("Hezbollah fired rockets at Israel.")
    group = next(a for a in doc.actors if a.text == "Hezbollah")
    assert group.country == "LBN"


def test_actor_the_group_is_the_organisation_last_acting(extract):
    doc = extract("Hezbollah fired rockets at Israel, the Red Cross said. The group called on Israel to withdraw.")
    request = next(e for e in doc.events if e.type == "REQUEST")
    assert request.source[0].name == "Hezbollah"


def test_actor_pronoun_in_reported_clause_is_the_reporter(extract):
    doc = extract("Hamas accused Israel of breaking the truce and said it remained committed to negotiations.")
    assert ("PSE", "talks") in {(p.actor.country, p.issue) for p in doc.positions}
    assert ("ISR", "talks") not in {(p.actor.country, p.issue) for p in doc.positions}


def test_actor_coordinated_titled_leaders_are_both_sources(extract):
    doc = extract("Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan signed a peace deal.")
    agree = next(e for e in doc.events if e.type == "AGREE")  # signing a peace deal: agreeing to stop fighting
    assert {a.country for a in agree.source} == {"AZE", "ARM"}


def test_actor_pronoun_bound_to_a_coordinated_reporter_keeps_both(extract):
    doc = extract("China and Brazil said they supported the truce.")
    support = next(e for e in doc.events if e.type == "SUPPORT")
    assert {a.country for a in support.source} == {"CHN", "BRA"}


def test_actor_rebels_named_after_a_region_belong_to_its_state(extract):
    doc = extract("Sudan accused Darfur rebels of attacking a convoy.")
    accusation = next(e for e in doc.events if e.type == "ACCUSE")
    assert (accusation.target[0].country, accusation.target[0].type) == ("SDN", "REB")


def test_actor_official_of_an_armed_group_takes_the_groups_sector(extract):
    person = next(a for a in extract("Senior Hamas official Basem Naim rejected the plan.").actors if a.name == "Basem Naim")
    assert (person.country, person.type) == ("PSE", "REB")


def test_actor_title_without_a_name_stands_for_the_office(extract):
    doc = extract("Israel struck Gaza again. Unless Hamas disarms, Israel will resume its offensive, the defence minister warned.")
    threat = next(e for e in doc.events if e.type == "THREATEN")
    assert (threat.source[0].country, threat.target[0].name) == ("ISR", "Hamas")
    assert [e.type for e in doc.events].count("ASSAULT") == 1
