"""A site that answers "404 Not Found", "Access denied" or a robot check with HTTP 200: the page is skipped with
a warning that names the URL and says what to do, never stored as an article (issue 23, defect 10)."""

from __future__ import annotations

import http.server
import threading

import pytest

from parley.ingest import ingest
from parley.sources.error_pages import error_page

ARTICLE = ("<html><head><title>Talks resume in Doha | Gulf Wire</title></head><body><article><h1>Talks resume "
           "in Doha</h1><p>Qatar hosted talks between Congo and Rwanda in Doha on Monday, the foreign ministry "
           "said. Delegations from both states met for six hours and agreed to meet again next week.</p>"
           "<p>The talks are the first since fighting around Goma resumed in January, officials said.</p>"
           "</article></body></html>")
PAGES = {
    "/talks": ARTICLE,
    "/gone": "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was "
             "not found on this server.</p></body></html>",
    "/denied": "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don't have "
               "permission to access this page on this server. Reference #18.2f3c</p></body></html>",
    "/robot": "<html><head><title>Just a moment...</title></head><body><p>Checking your browser before accessing "
              "the site. This process is automatic.</p></body></html>",
}


class _Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGES[self.path].encode("utf-8")
        self.send_response(200)  # every page, the error pages too: what the defect is about
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_error_pages_served_with_200_are_skipped_with_a_warning_and_the_article_is_stored(db_url, site):
    report = ingest([f"{site}{path}" for path in PAGES], db_url)
    assert (report.new, report.failed) == (1, 3)
    advice = ("so it was skipped. Open the URL in a browser: if the article is there, save the page and ingest the "
              ".html file; else give the article's current address.")
    assert sorted(report.errors) == sorted([
        f'{site}/gone: looks like an error page, not an article (its title is "404 Not Found"), {advice}',
        f'{site}/denied: looks like an error page, not an article (its title is "Access Denied"), {advice}',
        f'{site}/robot: looks like an error page, not an article (its title is "Just a moment..."), {advice}',
    ])


@pytest.mark.parametrize("title", ["Page not found | Gulf Wire", "Error 404 - Gulf Wire", "403 Forbidden",
                                   "Gulf Wire: Page Not Found", "Attention Required! | Cloudflare"])
def test_a_title_that_is_an_error_message_marks_an_error_page(title):
    assert error_page(f"<title>{title}</title><p>Some words.</p>", "Some words.") == f'its title is "{title}"'


@pytest.mark.parametrize("title", ["Missing fishermen not found after storm", "Error in ceasefire maps fixed",
                                   "Access denied to aid convoys in Gaza, UN says", "500 killed in Khartoum"])
def test_a_headline_that_only_mentions_an_error_is_an_article(title):
    assert error_page(f"<title>{title}</title>", "Aid agencies said access was denied to the convoy.") is None


def test_a_short_text_whose_first_line_is_an_error_message_marks_an_error_page():
    assert error_page("<p>x</p>", "Page Not Found\nSorry, we could not find that page.") == \
        'its text begins "Page Not Found"'


def test_a_long_text_that_begins_with_error_words_is_an_article():
    text = "Error\n" + "Sudan's army said it repelled an attack on El Fasher. " * 20
    assert error_page("<p>x</p>", text) is None
