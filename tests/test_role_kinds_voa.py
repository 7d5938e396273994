"""Who is the source and who the target on the English of real reporting (roles6): an owned attack's "of" is
whom it fell on, an act told as what came before the clause is not the clause subject's, people of a calling
act as a group of their own. Sentences written for these tests."""


def _roles(doc):
    """(type, trigger, source names, target names) of every event, in order."""
    return [(e.type, e.trigger, tuple(a.name for a in e.source), tuple(a.name for a in e.target)) for e in doc.events]


def test_an_owned_invasion_of_a_state_is_aimed_at_that_state(extract):
    doc = extract("Colombia condemned Venezuela's invasion of Guyana.")
    assert _roles(doc) == [("ACCUSE", "condemned", ("Colombia",), ("Venezuela",)),
                           ("ASSAULT", "invasion", ("Venezuela",), ("Guyana",))]


def test_an_attack_the_clause_follows_is_not_the_clause_subjects(extract):
    doc = extract("Mali expelled the French ambassador after the strike on Malian soldiers.")
    assert _roles(doc) == [("SANCTION", "expelled", ("Mali",), ("France",)),
                           ("ASSAULT", "strike", (), ("Mali",))]


def test_people_of_a_calling_are_a_group_of_their_own(extract):
    doc = extract("Several researchers accused the Brazilian government of hiding data.")
    assert _roles(doc) == [("ACCUSE", "accused", ("Several researchers",), ("Brazil",))]
    assert [(a.country, a.type) for a in doc.events[0].source] == [(None, "EDU")]


def test_a_court_with_no_name_that_acts_is_the_articles_states(extract):
    doc = extract("Uganda's opposition leader Kizza Besigye spoke to reporters. A court later sentenced him to a year in prison.")
    assert _roles(doc) == [("COERCE", "sentenced", ("Uganda",), ("Kizza Besigye",))]


def test_the_possessor_of_a_release_is_whom_it_frees_not_who_orders_it(extract):
    doc = extract("Police detained opposition leader Kizza Besigye in Kampala. A judge later ordered his release.")
    assert _roles(doc) == [("COERCE", "detained", ("Uganda",), ("Kizza Besigye",)),
                           ("RETREAT", "ordered his release", ("Uganda",), ("Kizza Besigye",))]


def test_the_possessor_of_an_arrest_is_not_its_doer(extract):
    # with no doer named, the criticism of the deportation accuses no one
    doc = extract("Rights groups criticised the activist's deportation.")
    assert _roles(doc) == [("ACCUSE", "criticised", ("Rights groups",), ())]


def test_i_in_a_quote_of_several_sentences_is_the_speaker_it_is_attributed_to(extract):
    doc = extract("Kenyan President William Ruto spoke on Friday. “We have waited long enough. "
                  "We will never negotiate with al-Shabab,” Ruto said.")
    assert _roles(doc) == [("REJECT", "will never negotiate", ("William Ruto",), ("al-Shabaab",))]


def test_i_in_a_quote_introduced_by_its_speaker_is_that_speaker(extract):
    doc = extract("Kenyan President William Ruto spoke on Friday. He said: “The talks failed. "
                  "We will never negotiate with al-Shabab.”")
    assert _roles(doc) == [("REJECT", "will never negotiate", ("William Ruto",), ("al-Shabaab",))]


def test_the_countrys_president_is_the_state_the_article_is_about(extract):
    doc = extract("Venezuela held elections on Sunday. Colombia criticized the country's president.")
    assert _roles(doc) == [("ACCUSE", "criticized", ("Colombia",), ("Venezuela",))]


def test_a_person_titled_by_a_province_is_of_the_provinces_state(extract):
    doc = extract("Texas Governor Greg Abbott criticized Mexico.")
    assert _roles(doc) == [("ACCUSE", "criticized", ("Greg Abbott",), ("Mexico",))]
    assert [a.country for a in doc.events[0].source] == ["USA"]


def test_the_articles_countries_choose_between_a_province_and_a_town_of_one_name(extract):
    # "Ontario" is also a Californian town; with Canada named, the province
    doc = extract("Canada imposed new tariffs. Ontario Premier Doug Ford criticized the United States.")
    assert [(e.type, [a.country for a in e.source]) for e in doc.events if e.type == "ACCUSE"] == [("ACCUSE", ["CAN"])]
