"""parley.brief.gather on short stores written for each rule: what counts as a change in the period, since when a
stance holds, what is new, how violence is compared, which events are key, and a period with no reports."""

from __future__ import annotations

from datetime import date

import pytest

from conftest_store import ARMENIA, AZERBAIJAN, document, event, position, store
from parley.brief import BriefRequest, gather
from parley.store import open_existing


def brief_of(url: str, since: str, until: str, *actors: str, issues: tuple[str, ...] = ()) -> dict:
    engine = open_existing(url)
    try:
        with engine.connect() as conn:
            return gather(conn, BriefRequest(actors=actors or ("Armenia", "Azerbaijan"),
                                             since=date.fromisoformat(since), until=date.fromisoformat(until),
                                             issues=issues))
    finally:
        engine.dispose()


@pytest.fixture
def talks(db_url):
    """Armenia rejects a territory deal on 1 March, accepts it on 20 March; Azerbaijan demands a new constitution
    on 1 March and again on 20 March, and demands talks on 12 and 25 March."""
    store(db_url,
          document("march-1", published="2025-03-01", positions=[
              position(ARMENIA, "territory", "reject", "Armenia rejected any handover of villages.", "2025-03-01"),
              position(AZERBAIJAN, "governance", "demand", "Baku demanded a new Armenian constitution.",
                       "2025-03-01")]),
          document("march-12", published="2025-03-12", positions=[
              position(AZERBAIJAN, "talks", "demand", "Baku demanded talks in Washington.", "2025-03-12")]),
          document("march-20", published="2025-03-20", positions=[
              position(ARMENIA, "territory", "accept", "Armenia agreed to return four villages.", "2025-03-20"),
              position(AZERBAIJAN, "governance", "demand", "Baku repeated its demand.", "2025-03-20")]),
          document("march-25", published="2025-03-25", positions=[
              position(AZERBAIJAN, "talks", "demand", "Baku again demanded talks.", "2025-03-25")]))
    return db_url


def test_a_shift_in_the_period_is_listed_with_its_evidence(talks):
    found = brief_of(talks, "2025-03-10", "2025-03-31")
    assert [(s["date"], s["actor"], s["issue"], s["from"], s["stance"], s["evidence"]) for s in found["shifts"]] == [
        ("2025-03-20", "Armenia", "territory", "reject", "accept", "Armenia agreed to return four villages.")]


def test_a_shift_before_the_period_leaves_the_stance_unchanged_in_it(talks):
    found = brief_of(talks, "2025-03-25", "2025-03-31")
    armenia = next(r for r in found["stances"] if r["actor"] == "Armenia")
    assert (armenia["stance"], armenia["since"], armenia["change"], found["shifts"]) == (
        "accept", "2025-03-20", "unchanged", [])


def test_a_stance_holds_since_it_was_first_seen_when_it_never_shifted(talks):
    found = brief_of(talks, "2025-03-10", "2025-03-31")
    governance = next(r for r in found["stances"] if r["issue"] == "governance")
    assert (governance["stance"], governance["since"], governance["change"], governance["evidence"]) == (
        "demand", "2025-03-01", "unchanged", "Baku repeated its demand.")


def test_a_demand_first_stated_in_the_period_is_new_and_a_repeated_one_is_not(talks):
    found = brief_of(talks, "2025-03-10", "2025-03-31")
    assert [(p["actor"], p["issue"], p["stance"]) for p in found["new_positions"]] == [
        ("Azerbaijan", "talks", "demand")]
    assert next(r for r in found["stances"] if r["issue"] == "talks")["change"] == "new"


def test_stances_after_the_period_are_not_the_latest(talks):
    found = brief_of(talks, "2025-03-01", "2025-03-15")
    armenia = next(r for r in found["stances"] if r["actor"] == "Armenia")
    assert (armenia["stance"], armenia["evidence"]) == ("reject", "Armenia rejected any handover of villages.")


def test_issues_keep_only_their_stances(talks):
    found = brief_of(talks, "2025-03-10", "2025-03-31", issues=("talks",))
    assert [(r["actor"], r["issue"]) for r in found["stances"]] == [("Azerbaijan", "talks")]


@pytest.fixture
def fighting(db_url):
    """Azerbaijan attacks Armenia twice in the first week of April, once in the last week of March (the period
    before), and Armenia and Azerbaijan hold talks reported by two articles on 3 April."""
    talks = event("talks", "CONSULT", (ARMENIA, AZERBAIJAN), (ARMENIA, AZERBAIJAN), "2025-04-03", place=None,
                  trigger="held talks")
    store(db_url,
          document("a-0328", published="2025-03-28", events=[
              event("s1", "ASSAULT", (AZERBAIJAN,), (ARMENIA,), "2025-03-28", place=None)]),
          document("a-0402", published="2025-04-02", events=[
              event("s2", "ASSAULT", (AZERBAIJAN,), (ARMENIA,), "2025-04-02", place=None)]),
          document("a-0403", published="2025-04-03", events=[talks]),
          document("b-0403", published="2025-04-03", events=[talks]),
          document("a-0405", published="2025-04-05", events=[
              event("s3", "ASSAULT", (AZERBAIJAN,), (ARMENIA,), "2025-04-05", place=None, status="alleged")]))
    return db_url


def test_violence_in_the_period_is_compared_with_the_period_before(fighting):
    violence = brief_of(fighting, "2025-04-01", "2025-04-07")["violence"]
    assert [(v["type"], v["period"], v["before"], v["trend"]) for v in violence["types"]] == [
        ("ASSAULT", 2, 1, "▲"), ("COERCE", 0, 0, "=")]
    assert (violence["before_since"], violence["before_until"]) == ("2025-03-25", "2025-03-31")


def test_key_events_put_the_most_reported_first_and_list_them_by_date(fighting):
    found = brief_of(fighting, "2025-04-01", "2025-04-07")
    assert [(e["date"], e["type"], e["reports"], e["outlets"], e["status"]) for e in found["key_events"]] == [
        ("2025-04-02", "ASSAULT", 1, 1, "asserted"), ("2025-04-03", "CONSULT", 2, 1, "asserted"),
        ("2025-04-05", "ASSAULT", 1, 1, "alleged")]


def test_events_are_counted_per_week_by_type(fighting):
    weeks = brief_of(fighting, "2025-03-26", "2025-04-07")["weeks"]
    assert [(w["start"], w["end"], w["by_type"]) for w in weeks] == [
        ("2025-03-26", "2025-03-30", {"ASSAULT": 1}),
        ("2025-03-31", "2025-04-06", {"ASSAULT": 2, "CONSULT": 1}),
        ("2025-04-07", "2025-04-07", {})]


def test_sources_are_numbered_in_the_order_they_are_quoted(fighting):
    found = brief_of(fighting, "2025-04-01", "2025-04-07")
    assert [(s["n"], s["id"]) for s in found["sources"]] == [(1, "a-0402"), (2, "a-0403"), (3, "a-0405")]
    assert [e["cite"] for e in found["key_events"]] == [1, 2, 3]


def test_a_period_with_no_reports_is_empty_and_names_the_last_event_before_it(fighting):
    found = brief_of(fighting, "2025-05-01", "2025-05-31")
    assert (found["empty"], found["last_before"], found["key_events"], found["stances"]) == (
        True, "2025-04-05", [], [])


def test_served_brief_links_an_article_without_url_to_the_dashboards_article_view(fighting):
    from parley.brief import to_html

    html = to_html(brief_of(fighting, "2025-04-01", "2025-04-07"), dashboard=True)
    assert '<a class="cite" href="/#/article/a-0402"' in html
    assert 'href="/#/article/' not in to_html(brief_of(fighting, "2025-04-01", "2025-04-07"))


def test_brief_html_keeps_its_print_css_as_written(fighting):
    from parley.brief import to_html

    html = to_html(brief_of(fighting, "2025-04-01", "2025-04-07"))
    style = html[html.index("<style>"):html.index("</style>")]
    assert '@bottom-right { content: "page " counter(page) " of " counter(pages);' in style
    assert "&#34;" not in style
