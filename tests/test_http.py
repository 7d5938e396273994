"""HTTP behaviour shared by every route: HEAD, OPTIONS and CORS preflight, security headers, ids with slashes."""

from __future__ import annotations

import warnings

import pytest

from conftest_store import document, event, store
from parley.api import create_app
from parley.api.http import CONTENT_SECURITY_POLICY

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

GET_ROUTES = ["/", "/docs", "/docs/init.js", "/openapi.json", "/api/meta", "/api/events", "/api/actors",
              "/api/positions", "/api/positions/matrix", "/api/articles", "/api/summary",
              "/api/articles/reports/2025/x", "/static/js/app.js"]


@pytest.fixture
def client(db_url):
    store(db_url, document("reports/2025/x", [event()]))
    with TestClient(create_app(db_url)) as client:
        yield client


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_like_get_without_a_body(client, path):
    got, head = client.get(path), client.head(path)
    assert (head.status_code, head.content) == (got.status_code, b"")
    assert got.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))


def test_cors_preflight_is_answered_without_granting_other_origins(client):
    response = client.options("/api/events", headers={"Origin": "https://elsewhere.example",
                                                      "Access-Control-Request-Method": "GET"})
    assert (response.status_code, response.headers["allow"]) == (204, "GET, HEAD, OPTIONS")
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("path", ["/", "/api/meta", "/api/events/nope", "/static/js/app.js"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "script-src 'self';" in CONTENT_SECURITY_POLICY


def test_pages_have_no_inline_script_so_the_policy_allows_them(client):
    for path in ("/", "/docs"):
        page = client.get(path).text
        assert page.count("<script") == page.count("<script src=") + page.count('<script type="module" src=')


def test_an_article_id_with_slashes_round_trips(client):
    listed = client.get("/api/articles").json()["items"]
    assert [a["id"] for a in listed] == ["reports/2025/x"]
    for path in ("/api/articles/reports/2025/x", "/api/articles/reports%2F2025%2Fx"):
        response = client.get(path)
        assert (response.status_code, response.json()["id"]) == (200, "reports/2025/x")
    assert client.get("/api/events", params={"article": "reports/2025/x"}).json()["total"] == 1
