import datetime as dt

import pytest

from parley.nlp.pipeline import load_spacy
from parley.nlp.setting.dates import DateInfo, resolve_date

TUESDAY = dt.date(2025, 4, 22)


@pytest.fixture(scope="module")
def date_of(sentence_and_trigger):
    def run(text, trigger, published=TUESDAY):
        return resolve_date(*sentence_and_trigger(text, trigger), published)
    return run


def test_weekday_in_past_clause_is_the_last_one(date_of):
    assert date_of("Rockets hit the depot on Saturday.", "hit") == DateInfo("2025-04-19", "day", "Saturday")


def test_weekday_equal_to_publication_day_counts_as_that_day(date_of):
    assert date_of("The envoys landed on Tuesday.", "landed").date == "2025-04-22"


def test_weekday_with_will_is_the_next_one(date_of):
    assert date_of("The envoys will meet on Saturday.", "meet").date == "2025-04-26"


def test_weekday_with_will_on_publication_weekday_is_a_week_later(date_of):
    assert date_of("The envoys will meet on Tuesday.", "meet").date == "2025-04-29"


def test_weekday_with_scheduled_to_is_the_next_one(date_of):
    assert date_of("Talks are scheduled to resume on Friday.", "resume").date == "2025-04-25"


def test_weekday_with_present_progressive_is_the_next_one(date_of):
    assert date_of("The negotiators are meeting on Monday.", "meeting").date == "2025-04-28"


def test_late_on_weekday_keeps_the_whole_expression(date_of):
    assert date_of("Gunmen stormed the village late on Friday.", "stormed") == \
        DateInfo("2025-04-18", "day", "late on Friday")


def test_last_weekday_skips_the_publication_day(date_of):
    assert date_of("The ministers spoke last Tuesday.", "spoke").date == "2025-04-15"


def test_yesterday_is_the_day_before_publication(date_of):
    assert date_of("Artillery pounded the town yesterday.", "pounded").date == "2025-04-21"


def test_overnight_is_the_day_before_publication(date_of):
    assert date_of("Drones struck the refinery overnight.", "struck") == DateInfo("2025-04-21", "day", "overnight")


def test_this_morning_is_the_publication_day(date_of):
    assert date_of("A missile hit the station this morning.", "hit").date == "2025-04-22"


def test_last_week_is_monday_of_previous_week(date_of):
    assert date_of("The rebels shelled the market last week.", "shelled") == \
        DateInfo("2025-04-14", "week", "last week")


def test_the_previous_week_is_monday_of_previous_week(date_of):
    assert date_of("Mediators had proposed a truce the previous week.", "proposed").date == "2025-04-14"


def test_next_week_is_monday_of_next_week(date_of):
    assert date_of("The envoys plan to travel next week.", "travel") == DateInfo("2025-04-28", "week", "next week")


def test_month_before_publication_month_in_past_clause_is_this_year(date_of):
    assert date_of("The militia seized the mine in January.", "seized") == DateInfo("2025-01-01", "month", "January")


def test_month_after_publication_month_in_past_clause_is_last_year(date_of):
    assert date_of("The militia seized the mine in June.", "seized").date == "2024-06-01"


def test_month_in_future_clause_is_the_next_occurrence(date_of):
    assert date_of("The parties will sign the accord in March.", "sign").date == "2026-03-01"


def test_earlier_this_month_is_the_publication_month(date_of):
    assert date_of("Earlier this month, the army retook the bridge.", "retook") == \
        DateInfo("2025-04-01", "month", "Earlier this month")


def test_year_alone_has_year_precision(date_of):
    assert date_of("The army launched the offensive in 2023.", "launched") == DateInfo("2023-01-01", "year", "2023")


def test_explicit_date_with_year_resolves_exactly(date_of):
    assert date_of("The garrison surrendered on March 3, 2024.", "surrendered").date == "2024-03-03"


def test_explicit_day_month_without_year_takes_the_past_occurrence(date_of):
    assert date_of("The garrison surrendered on 30 May.", "surrendered").date == "2024-05-30"


def test_easter_is_western_easter_of_the_year(date_of):
    assert date_of("The guns fell silent at Easter.", "fell") == DateInfo("2025-04-20", "day", "Easter")


def test_orthodox_easter_uses_the_orthodox_computus(date_of):
    info = date_of("The sides swapped prisoners before Orthodox Easter.", "swapped", dt.date(2024, 5, 10))
    assert info == DateInfo("2024-05-05", "day", "Orthodox Easter")


def test_easter_ceasefire_means_easter_of_the_year_in_question(date_of):
    assert date_of("Both armies broke the Easter ceasefire.", "broke", dt.date(2024, 4, 2)).date == "2024-03-31"


def test_christmas_in_january_refers_to_the_previous_december(date_of):
    assert date_of("Shelling killed two people on Christmas.", "killed", dt.date(2025, 1, 10)).date == "2024-12-25"


def test_no_expression_falls_back_to_the_article_date(date_of):
    assert date_of("Drones attacked the port.", "attacked") == DateInfo("2025-04-22", "article", None)


def test_no_publication_date_keeps_relative_text_unresolved(date_of):
    assert date_of("Rockets hit the depot on Saturday.", "hit", None) == DateInfo(None, None, "Saturday")


def test_no_publication_date_still_resolves_a_dated_expression(date_of):
    assert date_of("The garrison surrendered on March 3, 2024.", "surrendered", None).date == "2024-03-03"


def test_no_publication_date_and_no_expression_is_all_null(date_of):
    assert date_of("Drones attacked the port.", "attacked", None) == DateInfo(None, None, None)


def test_a_reported_past_act_is_dated_by_its_report(date_of):
    # the strike happened by the day it was reported, not on the day the story ran
    info = date_of("Drones struck the grain terminal, the governor said on Monday.", "struck")
    assert info == DateInfo("2025-04-21", "day", "Monday")


def test_an_act_reported_with_had_is_dated_by_its_announcement(date_of):
    info = date_of("On April 10, the interior minister announced the government had closed the camp.", "closed")
    assert info == DateInfo("2025-04-10", "day", "April 10")


def test_a_reported_future_act_is_not_dated_by_its_report(date_of):
    info = date_of("Drones would strike the grain terminal, the governor said on Monday.", "strike")
    assert info == DateInfo("2025-04-22", "article", None)


def test_reporting_verb_takes_its_own_date(date_of):
    info = date_of("Drones struck the grain terminal, the governor said on Monday.", "said")
    assert info.date == "2025-04-21"


def test_duration_with_for_is_not_a_date(date_of):
    assert date_of("The army held the ridge for three days.", "held").precision == "article"


def test_hyphenated_duration_is_not_a_date(date_of):
    assert date_of("The 30-hour truce collapsed.", "collapsed").precision == "article"


def test_age_is_not_a_date(date_of):
    assert date_of("Soldiers detained a 19-year-old student.", "detained").precision == "article"


def test_days_ago_counts_back_from_publication(date_of):
    assert date_of("The rebels took the airport three days ago.", "took").date == "2025-04-19"


def test_a_day_earlier_counts_from_the_story_date(date_of):
    nlp = load_spacy()
    doc = nlp("The army announced a truce on Friday. The rebels had declared their own pause a day earlier.")
    sent = list(doc.sents)[1]
    trigger = [t for t in sent if t.text == "declared"][0]
    assert resolve_date(sent, trigger, TUESDAY) == DateInfo("2025-04-17", "day", "a day earlier")


def test_the_next_day_without_earlier_date_counts_from_publication(date_of):
    assert date_of("The convoy reached the city the next day.", "reached").date == "2025-04-23"


def test_weekday_inside_a_name_is_not_a_date(date_of):
    assert date_of("The Good Friday Agreement ended the conflict.", "ended").precision == "article"


def test_good_friday_is_two_days_before_easter(date_of):
    assert date_of("Fighting paused on Good Friday.", "paused").date == "2025-04-18"


def test_modal_may_makes_a_month_future(date_of):
    assert date_of("The rebels may attack in May.", "attack").date == "2025-05-01"


def test_decade_is_kept_as_text_without_a_day(date_of):
    assert date_of("The talks collapsed in the 1990s.", "collapsed") == DateInfo(None, None, "the 1990s")


def test_month_with_year_after_since_keeps_the_year(date_of):
    assert date_of("The war has displaced millions since April 2023.", "displaced") == \
        DateInfo("2023-04-01", "month", "since April 2023")


def test_palm_sunday_is_a_week_before_easter(date_of):
    assert date_of("A missile hit the city of Sumy on Palm Sunday.", "hit").date == "2025-04-13"


def test_date_of_another_noun_yields_to_the_events_own(date_of):
    assert date_of("Rescuers reached the town after last week's flood on Friday.", "reached").date == "2025-04-18"


def test_possessive_date_on_the_trigger_noun_dates_it(date_of):
    assert date_of("Monday's strike killed nine civilians.", "strike").date == "2025-04-21"


def test_publication_date_may_be_given_as_iso_text(date_of):
    assert date_of("Artillery pounded the town yesterday.", "pounded", "2025-04-22").date == "2025-04-21"


def test_date_of_a_reference_event_is_not_the_events_date(date_of):
    assert date_of("The junta announced a truce after last week's flood.", "announced").precision == "article"


def test_date_on_the_noun_a_participle_describes_dates_it(date_of):
    assert date_of("Both sides broke the Easter truce announced by the president.", "announced").date == "2025-04-20"


def test_clock_time_does_not_hide_the_day(date_of):
    assert date_of("The truce began at 11 p.m. on Monday.", "began").date == "2025-04-21"


def test_mistagged_past_form_is_read_as_past_narration(sentence_and_trigger):
    from parley.nlp.pipeline import load_spacy
    from parley.nlp.setting.tense import learn_past_forms

    learn_past_forms(load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"])
    sent, trigger = sentence_and_trigger("Syrian troops retook the town on Sunday.", "retook")
    assert trigger.tag_ == "VBP"  # the tagger's mistake this test is about
    assert resolve_date(sent, trigger, TUESDAY) == DateInfo("2025-04-20", "day", "Sunday")


def test_planned_for_next_month_is_next_month(date_of):
    assert date_of("The vote is planned for next month.", "planned") == DateInfo("2025-05-01", "month", "next month")


def test_will_resume_next_week_is_next_weeks_monday(date_of):
    assert date_of("Negotiations will resume next week.", "resume") == DateInfo("2025-04-28", "week", "next week")


def test_background_event_keeps_its_own_year(date_of):
    assert date_of("Protesters marked the 2014 abduction of the students.", "abduction") == \
        DateInfo("2014-01-01", "year", "2014")


def test_purpose_clause_shares_the_date_of_the_clause_it_hangs_off(date_of):
    assert date_of("Crowds gathered on Friday to protest against the blockade.", "protest") == \
        DateInfo("2025-04-18", "day", "Friday")


def test_reported_present_state_takes_the_day_of_the_report(date_of):
    assert date_of("Moscow is ready for talks, the spokesman said on Monday.", "ready") == \
        DateInfo("2025-04-21", "day", "Monday")


def test_anchored_offset_counts_from_the_day_of_its_sentence(date_of):
    info = date_of("Police said on Monday that gunmen had attacked a checkpoint two days earlier.", "attacked")
    assert info == DateInfo("2025-04-19", "day", "two days earlier")


def test_relative_clause_on_the_event_noun_dates_it(date_of):
    assert date_of("The clashes, which erupted last Thursday, have killed 20 people.", "clashes") == \
        DateInfo("2025-04-17", "day", "last Thursday")


def test_weekday_of_talks_a_party_hopes_for_is_the_next_one(date_of):
    # "hopes" (which the lemmatizer reads as "hop") governs a plan
    assert date_of("Paris hopes to settle the quarrel during talks Thursday with Rome.", "talks").date == "2025-04-24"


def test_date_between_an_object_and_its_relative_clause_dates_the_object(date_of):
    text = "Jordan condemned the rocket attack on Irbid on Sunday that wounded six children."
    assert date_of(text, "wounded").date == "2025-04-20"
    assert date_of(text, "condemned") == DateInfo("2025-04-22", "article", None)


def test_reported_present_stance_takes_the_interviews_weekday(date_of):
    text = "In an interview Monday with the radio, his lawyer said Rossi does not accept the verdict."
    assert date_of(text, "accept").date == "2025-04-21"


def test_event_of_a_clause_n_days_after_is_counted_back_from_the_sentence(date_of):
    text = "The strike on Monday came two days after Jordan recalled its envoy."
    assert date_of(text, "recalled") == DateInfo("2025-04-19", "day", "two days after")
    assert date_of(text, "strike").date == "2025-04-21"


def test_a_day_after_a_bare_noun_counts_back_from_the_main_clauses_day(date_of):
    text = "Drones struck the port on Monday, a day after talks in Geneva."
    assert date_of(text, "talks") == DateInfo("2025-04-20", "day", "a day after")


def test_a_day_after_a_bare_noun_leaves_the_main_clause_undated(date_of):
    assert date_of("Drones struck the port a day after talks in Geneva.", "struck") == DateInfo(
        "2025-04-22", "article", None)


def test_a_day_the_later_clause_names_itself_beats_the_offset(date_of):
    text = "Drones struck the port a day after the rebels agreed to a truce on Sunday."
    assert date_of(text, "agreed") == DateInfo("2025-04-20", "day", "Sunday")


def test_two_days_after_at_the_end_of_a_phrase_counts_from_the_story_day():
    nlp = load_spacy()
    doc = nlp("The army announced a truce on Friday. Two days after, the rebels shelled the port.")
    sent = list(doc.sents)[1]
    trigger = [t for t in sent if t.text == "shelled"][0]
    assert resolve_date(sent, trigger, TUESDAY) == DateInfo("2025-04-20", "day", "Two days after")


def test_undated_perfect_deed_in_the_lead_takes_the_day_a_later_paragraph_names(date_of):
    text = "The governor has signed a decree closing the border. Lawmakers have criticised the move. " \
           "He signed the decree late Sunday."
    assert date_of(text, "signed") == DateInfo("2025-04-20", "day", None)


def test_undated_past_deed_in_the_lead_takes_the_next_sentences_day(date_of):
    text = "Farmers blocked the main highway with tractors. They stayed on the road on Monday to protest prices."
    assert date_of(text, "blocked") == DateInfo("2025-04-21", "day", None)


def test_undated_present_lead_keeps_the_publication_day(date_of):
    text = "Rebels hold the river port. They seized it on Sunday."
    assert date_of(text, "hold") == DateInfo("2025-04-22", "article", None)


def test_undated_future_lead_keeps_the_publication_day(date_of):
    text = "Rebels will free the hostages. They freed two others on Sunday."
    assert date_of(text, "free") == DateInfo("2025-04-22", "article", None)


def test_lead_does_not_borrow_a_day_more_than_a_week_old(date_of):
    text = "Rebels seized the river port. The town first fell to them on March 3."
    assert date_of(text, "seized") == DateInfo("2025-04-22", "article", None)


def test_lead_does_not_borrow_a_day_from_far_below(date_of):
    text = "Rebels seized the river port. Residents fled. Shops closed. Aid stopped. The army shelled it on Sunday."
    assert date_of(text, "seized") == DateInfo("2025-04-22", "article", None)


def test_past_clause_where_another_event_happened_takes_its_day(date_of):
    text = "Fighting erupted on Friday in the border town, where militants attacked a police post."
    assert date_of(text, "attacked") == DateInfo("2025-04-18", "day", "Friday")


def test_where_clause_on_the_place_of_talks_takes_their_day(date_of):
    text = "The talks opened on Monday in Doha, where both sides exchanged proposals."
    assert date_of(text, "exchanged") == DateInfo("2025-04-21", "day", "Monday")


def test_where_clause_on_a_place_left_keeps_its_own_time(date_of):
    text = "Refugees arrived on Monday from the port, where troops shelled homes."
    assert date_of(text, "shelled") == DateInfo("2025-04-22", "article", None)


def test_perfect_where_clause_is_background_not_the_events_day(date_of):
    text = "The envoy arrived on Monday in the capital, where troops have shelled homes for weeks."
    assert date_of(text, "shelled") == DateInfo("2025-04-22", "article", None)
