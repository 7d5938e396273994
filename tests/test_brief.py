"""`parley brief` on the demo corpus (examples/corpus/articles.jsonl ingested into a temporary store): the shifts,
stances and key events it holds, exactly; every quoted sentence is the stored article's; the PDF fits two A4
pages; a period with no reports gives a one-page brief that says so; the server's /brief is the same brief."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from parley.api import create_app
from parley.cli import main

ROOT = Path(__file__).resolve().parents[1]
PARTIES = ["--actor", "Congo", "--actor", "Rwanda", "--actor", "M23"]
PERIOD = ["--since", "2026-03-16", "--until", "2026-04-20"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo corpus in a fresh store (SQLite, or PostgreSQL when PARLEY_TEST_DB names one): its URL."""
    from conftest_store import empty_database

    with empty_database(tmp_path_factory.mktemp("brief")) as url:
        result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "corpus" / "articles.jsonl"),
                                           "--db", url, "--workers", "1", "--quiet"])
        assert result.exit_code == 0, result.output
        yield url


def brief(url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["brief", *args, "--db", url])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def markdown(demo):
    return brief(demo, *PARTIES, *PERIOD)


def section(text: str, heading: str) -> list[str]:
    """The non-empty lines under a Markdown `heading` (## or **bold**) up to the next heading."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    found = []
    for line in lines[start:]:
        if line.startswith("## ") or (line.startswith("**") and found):
            break
        if line.strip():
            found.append(line)
    return found


def test_brief_names_the_process_period_and_corpus(markdown):
    assert markdown.splitlines()[:5] == [
        "# Brief: Democratic Republic of Congo · Rwanda · M23",
        "",
        "2026-03-16 to 2026-04-20 (36 days) · all issues",
        "",
        # Kivu Morning Post's "Rwanda denied any role in the attack" is Rwanda's REJECT (a denial of a role)
        ("Rests on 28 articles published in the period that report events or positions of these parties, from 4 "
        "outlets: Lakes Wire 8, Gulf Dispatch 7, Kivu Morning Post 7, Continental Radio 6."),
    ]


def test_brief_lists_the_stance_shifts_of_the_period_with_their_evidence(markdown):
    # Rwanda's shift on talks (2026-03-12) is before the period: not listed; a stance put another way
    # (propose -> accept) is no shift, and Congo's talks go conditional -> reject (suspended) -> support
    assert section(markdown, "**Stance shifts**") == [
        "- 2026-03-19 · M23 · ceasefire: reject → support — “M23 said it would respect the truce.” [1]",
        ("- 2026-03-20 · M23 · talks: reject → accept — “M23 accepted an invitation to join the talks in Doha on "
        "Friday, reversing its position.” [2]"),
        ("- 2026-03-30 · Democratic Republic of Congo · talks: conditional → reject — “Congo suspended its "
        "participation in the Doha talks on Monday after the strike on Minova.” [3]"),
        ("- 2026-04-02 · Democratic Republic of Congo · talks: reject → support — “Congo agreed on Thursday to return "
        "to the talks in Doha next week.” [4]"),
        ("- 2026-04-07 · Rwanda · withdrawal: oppose → accept — “Rwanda accepted a phased withdrawal of its troops "
        "from Congolese territory on Tuesday.” [5]"),
    ]


def test_brief_lists_a_demand_first_stated_in_the_period(markdown):
    assert section(markdown, "**New proposals, demands and rejections**") == [
        "- 2026-04-13 · M23 · governance: demand — “M23 demanded a place in the transitional government.” [6]"]


def test_brief_compares_violence_with_the_period_before(markdown):
    assert section(markdown, "**Violence** (ASSAULT, COERCE events with a party as source or target; period "
                             "before: 2026-02-08 to 2026-03-15)") == [
        "- ASSAULT: 7 ▲ (3 before)", "- COERCE: 0 = (0 before)", "- all: 7 ▲ (3 before)"]


def test_brief_lists_ceasefire_violations_reported_in_the_period(markdown):
    # (the army's accusation of a violation states no stance on the ceasefire, so the brief, which finds
    # ceasefire events by the positions of their sentence, no longer lists it)
    assert section(markdown, "**Ceasefire: violations, accusations and demands**")[:2] == [
        ("- 2026-04-03 – African Union → M23: ACCUSE (“condemned”) · 1 report, 1 outlet — “The African Union "
        "condemned the attack and called on M23 to respect the ceasefire.” [8]"),
        ("- 2026-04-03 – African Union → M23: REQUEST (“called on”) · 1 report, 1 outlet — “The African Union "
        "condemned the attack and called on M23 to respect the ceasefire.” [8]"),
    ]


def test_brief_shows_who_stands_where_with_since_and_change_in_the_period(markdown):
    rows = section(markdown, "## Who stands where")
    assert rows[2:] == [
        ("| Democratic Republic of Congo | ceasefire | accept | 2026-03-11 | unchanged | “Congo and Rwanda signed a "
        "ceasefire agreement in Doha on Thursday.” [1] |"),
        ("| Democratic Republic of Congo | talks | support | 2026-04-02 | conditional → reject (2026-03-30); reject → "
        "support (2026-04-02) | “Congo agreed on Thursday to return to the talks in Doha next week.” [4] |"),
        ("| Democratic Republic of Congo | withdrawal | demand | 2026-03-03 | unchanged | “Congo demanded the "
        "withdrawal of Rwandan troops and the return of displaced people.” [9] |"),
        ("| Rwanda | ceasefire | accept | 2026-03-19 | new | “Congo and Rwanda signed a ceasefire agreement in Doha on "
        "Thursday.” [1] |"),
        ("| Rwanda | talks | support | 2026-03-12 | unchanged | “Rwanda said on Thursday it was ready to attend talks "
        "in Doha.” [10] |"),
        ("| Rwanda | withdrawal | accept | 2026-04-07 | oppose → accept (2026-04-07) | “Rwanda accepted a phased "
        "withdrawal of its troops from Congolese territory on Tuesday.” [5] |"),
        ("| M23 | ceasefire | support | 2026-03-19 | reject → support (2026-03-19) | “A rebel spokesman said the group "
        "supported the ceasefire.” [2] |"),
        ("| M23 | talks | accept | 2026-03-20 | reject → accept (2026-03-20) | “M23 accepted an invitation to join the "
        "talks in Doha on Friday, reversing its position.” [2] |"),
        "| M23 | governance | demand | 2026-04-13 | new | “M23 demanded a place in the transitional government.” [6] |",
    ]


def test_brief_lists_key_events_with_place_reports_outlets_and_status(markdown):
    events = section(markdown, "## Key events")
    assert len(events) == 10
    # Qatar's hosting and the two parties' talks are one meeting (a host is a participant), told by two outlets
    assert events[0] == ("- 2026-03-16 | Doha – Democratic Republic of Congo ↔ Rwanda: CONSULT (“hosted”) · 4 reports, "
                         "2 outlets — “Qatar hosted talks between Congo and Rwanda in Doha on Monday.” [11]")
    assert events[1].startswith("- 2026-03-18 | Kibumba – M23 → Democratic Republic of Congo: ASSAULT")
    assert events[5] == ("- 2026-03-28 – Rwanda: ASSAULT (“carrying out the strike”) · 2 reports, 2 outlets · alleged "
                         "by Democratic Republic of Congo; denied by Rwanda — “Congo accused Rwanda of carrying out "
                         "the strike.” [15]")


def test_brief_numbers_its_sources_in_the_order_it_quotes_them(markdown):
    sources = section(markdown, "## Sources")
    assert len(sources) == 17  # the clash near Kibumba is among the key events since the Doha talks are one
    assert sources[0] == ("1. 2026-03-19 · Lakes Wire · Truce deal reached · "
                          "<https://lakeswire.example/lw-0319-ceasefire-agreed> (`lw-0319-ceasefire-agreed`)")
    assert sources[14].startswith("15. 2026-03-28 · Lakes Wire · Drone strike hits Minova")


def test_brief_of_one_issue_keeps_only_its_stances(demo):
    text = brief(demo, "--actor", "M23", "--issue", "talks", *PERIOD)
    assert section(text, "## Who stands where")[2:] == [
        ("| M23 | talks | accept | 2026-03-20 | reject → accept (2026-03-20) | “M23 accepted an invitation to join the "
        "talks in Doha on Friday, reversing its position.” [1] |")]
    assert "**Ceasefire" not in text


class Quotes(HTMLParser):
    """Every <q> and <blockquote> of a page: (article id, text as the reader sees it)."""

    def __init__(self):
        super().__init__()
        self.found: list[list] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("q", "blockquote"):
            self.found.append([dict(attrs).get("data-article"), ""])
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("q", "blockquote"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1][1] += data


def test_every_quoted_sentence_is_in_the_article_it_cites(demo, tmp_path):
    from sqlalchemy import text

    from parley.store.connect import make_engine

    out = tmp_path / "brief.html"
    CliRunner().invoke(main, ["brief", *PARTIES, "--since", "2026-03-01", "--output", str(out), "--db", demo])
    parser = Quotes()
    parser.feed(out.read_text(encoding="utf-8"))
    assert len(parser.found) > 40
    engine = make_engine(demo)
    with engine.connect() as conn:
        stored = {r.id: (r.title or "") + "\n" + r.text for r in conn.execute(text("SELECT id, title, text FROM articles"))}
    engine.dispose()
    missing = [(article, quote) for article, quote in parser.found if article not in stored or quote not in stored[article]]
    assert missing == []


def test_brief_of_a_period_with_no_reports_says_so(demo):
    text = brief(demo, *PARTIES, "--since", "2026-05-01", "--until", "2026-05-31")
    assert text.splitlines()[6:10] == [
        "## No reports",
        "",
        ("The store holds no event, stance or ceasefire report about Democratic Republic of Congo, Rwanda, M23 dated "
        "from 2026-05-01 to 2026-05-31."),
        ("The store holds 40 articles, published from 2026-03-02 to 2026-04-20; the last event of these parties "
        "before the period is dated 2026-04-20."),
    ]
    assert "## Key events" not in text


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(data)).pages)


def weasyprint_or_skip():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        pytest.skip(f"PDF output needs WeasyPrint and Pango: {exc}")


@pytest.mark.parametrize("since", ["2026-03-16", "2026-03-01"])
def test_brief_pdf_of_the_demo_corpus_fits_two_a4_pages(demo, tmp_path, since):
    weasyprint_or_skip()
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(main, ["brief", *PARTIES, "--since", since, "--output", str(out), "--db", demo])
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    reader = PdfReader(out)
    assert len(reader.pages) <= 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]  # A4 in points


def test_brief_pdf_of_a_period_with_no_reports_is_one_page(demo, tmp_path):
    weasyprint_or_skip()
    out = tmp_path / "brief.pdf"
    CliRunner().invoke(main, ["brief", *PARTIES, "--since", "2026-05-01", "--output", str(out), "--db", demo])
    assert pdf_pages(out.read_bytes()) == 1


def test_brief_output_needs_a_known_extension(demo):
    result = CliRunner().invoke(main, ["brief", "--actor", "M23", "--since", "2026-03-16", "--output", "brief.txt",
                                       "--db", demo])
    assert result.exit_code == 2
    assert "brief.txt has no extension Parley writes a brief as: name it brief.md, brief.html or brief.pdf." \
        in result.output


def test_brief_of_an_unknown_party_names_the_fix(demo):
    result = CliRunner().invoke(main, ["brief", "--actor", "Atlantis", "--since", "2026-03-16", "--db", demo])
    assert result.exit_code == 2
    assert "No stored actor matches 'Atlantis'." in result.output


def test_brief_since_after_until_is_refused(demo):
    result = CliRunner().invoke(main, ["brief", "--actor", "M23", "--since", "2026-04-01", "--until", "2026-03-01",
                                       "--db", demo])
    assert result.exit_code == 2
    assert "since (2026-04-01) is after until (2026-03-01)" in result.output


def test_server_brief_is_the_cli_brief(demo, markdown):
    client = TestClient(create_app(demo))
    answer = client.get("/brief", params={"actor": ["Congo", "Rwanda", "M23"], "since": "2026-03-16",
                                          "until": "2026-04-20", "format": "md"})
    assert answer.status_code == 200
    assert answer.text == markdown


def test_server_brief_page_is_html_with_the_chart(demo):
    client = TestClient(create_app(demo))
    answer = client.get("/brief", params={"actor": ["M23"], "since": "2026-03-16"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert '<svg class="chart"' in answer.text and "<script" not in answer.text


def test_server_brief_without_parties_is_a_form_that_may_submit_to_itself(demo):
    client = TestClient(create_app(demo))
    answer = client.get("/brief")
    assert answer.status_code == 200
    assert '<input type="checkbox" name="actor" value="org:m23"> M23' in answer.text
    assert "form-action 'self'" in answer.headers["content-security-policy"]


def test_server_brief_without_since_names_the_parameter(demo):
    answer = TestClient(create_app(demo)).get("/brief", params={"actor": "M23"})
    assert answer.status_code == 400
    assert answer.json()["error"] == "A brief needs since=YYYY-MM-DD, the first day of the period."


def test_dashboard_links_to_the_brief(demo):
    assert '<a href="/brief" id="nav-brief">Brief</a>' in TestClient(create_app(demo)).get("/").text


def test_brief_colours_are_the_dashboards():
    from parley.brief.chart import STANCE_COLORS, TYPE_COLORS

    js = (ROOT / "src" / "parley" / "web" / "static" / "js" / "colors.js").read_text(encoding="utf-8")

    def table(name: str) -> dict[str, str]:
        body = re.search(name + r" = \{(.*?)\};", js, re.DOTALL).group(1)
        return dict(re.findall(r'"?(\w+)"?: "(#[0-9a-f]{6})"', body))

    assert table("TYPE_COLORS") == TYPE_COLORS
    assert table("STANCE_COLORS") == STANCE_COLORS


CHROMIUM = Path(__import__("os").environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def served(demo):
    """The app over the demo store in headless Chromium: (server URL, browser). Skipped without Chromium."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    from parley.api.server import BackgroundServer

    with BackgroundServer(create_app(demo)) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield url, browser
        browser.close()


def printed(served, query: str) -> tuple[bytes, list[str]]:
    """Open /brief?query in Chromium and print it to PDF (A4, the page's own CSS): (PDF, console errors, failed
    requests and requests that leave the server)."""
    url, browser = served
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("request", lambda request: None if request.url.startswith((url, "data:"))
            else problems.append(f"left the server: {request.url}"))
    answer = page.goto(f"{url}/brief?{query}")
    assert answer.status == 200
    page.wait_for_load_state("load")
    data = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    page.close()
    return data, problems


@pytest.mark.slow
def test_brief_renders_in_chromium_without_errors_and_prints_on_two_a4_pages(served):
    data, problems = printed(served, "actor=Congo&actor=Rwanda&actor=M23&since=2026-03-16&until=2026-04-20")
    assert problems == []
    assert pdf_pages(data) <= 2


@pytest.mark.slow
def test_brief_of_the_whole_demo_corpus_prints_on_two_a4_pages_in_chromium(served):
    data, problems = printed(served, "actor=Congo&actor=Rwanda&actor=M23&since=2026-03-01")
    assert problems == []
    assert pdf_pages(data) <= 2


@pytest.mark.slow
def test_brief_of_a_period_with_no_reports_prints_on_one_page_in_chromium(served):
    data, problems = printed(served, "actor=M23&since=2026-05-01&until=2026-05-31")
    assert problems == []
    assert pdf_pages(data) == 1


@pytest.mark.slow
def test_brief_form_renders_in_chromium_and_submits_to_the_brief(served):
    url, browser = served
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{url}/brief")
    page.check('input[name="actor"][value="org:m23"]')
    page.fill('input[name="since"]', "2026-03-16")
    page.fill('input[name="until"]', "2026-03-31")
    page.click('button[type="submit"]')
    page.wait_for_url(re.compile(r"/brief\?actor=org%3Am23"))
    assert page.locator("h1").inner_text() == "M23"
    page.close()
    assert problems == []


def readme_brief_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.split("  #")[0].strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
            for line in block.splitlines() if line.startswith("parley brief ")]


@pytest.mark.parametrize("command", readme_brief_commands())
def test_readme_brief_command_makes_a_brief_of_the_demo_corpus(demo, command, tmp_path, monkeypatch):
    import shlex

    args = shlex.split(command)[1:]
    if "brief.pdf" in args:
        weasyprint_or_skip()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "--db", demo])
    assert result.exit_code == 0, result.output
    if "--output" in args:
        assert (tmp_path / args[args.index("--output") + 1]).stat().st_size > 10_000
    else:
        assert result.stdout.startswith("# Brief: M23\n")


def test_readme_shows_page_one_of_the_brief():
    assert len(readme_brief_commands()) == 2
    assert "![Page one of the brief of the demo corpus](docs/brief.png)" in (ROOT / "README.md").read_text()
    assert (ROOT / "docs" / "brief.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_dashboard_brief_link_asks_for_the_actor_and_dates_in_focus(served):
    from playwright.sync_api import expect

    url, browser = served
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{url}/")
    expect(page.locator("#nav-brief")).to_have_attribute("href", "/brief")
    expect(page.locator("#timeline rect.bar[data-date='2026-03-20']").first).to_be_visible()
    first = page.locator("#timeline rect.bar[data-date='2026-03-16']").first.bounding_box()
    last = page.locator("#timeline rect.bar[data-date='2026-03-20']").first.bounding_box()
    y = first["y"] + first["height"] - 3
    page.mouse.move(first["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, y, steps=5)
    page.mouse.move(last["x"] + last["width"] - 1, y, steps=5)
    page.mouse.up()
    expect(page.locator("#focus-dates")).to_contain_text("2026-03-16 – 2026-03-20")
    expect(page.locator("#nav-brief")).to_have_attribute("href", "/brief")  # dates alone: the form
    page.locator("#network g.node[data-actor='org:m23'] circle").click()
    expect(page.locator("#nav-brief")).to_have_attribute(
        "href", "/brief?actor=org%3Am23&since=2026-03-16&until=2026-03-20")
    page.locator("#nav-brief").click()
    expect(page.locator("h1")).to_have_text("M23")
    expect(page.locator("p.period strong")).to_have_text("2026-03-16 to 2026-03-20")
    page.close()
