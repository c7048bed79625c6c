"""Any input gives a normal page or a clear message, never a server error."""

import json

from django.urls import reverse
from django.utils import translation

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site")]

NASTY_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    "contratación " * 2_000,
    "!!!???...,,,;;;",
    "AND OR NOT NEAR",
    "a AND (b OR NOT c)",
    'NEAR("chile" "datos", 2)',
    "chile*",
    "^chile",
    "title:chile",
    "{title_terms}: chile",
    '"',
    '"chile',
    'chile" datos "',
    '""""""',
    "\x00",
    "chile\x00datos",
    "'; DROP TABLE search_searchentry; --",
    "chile' OR '1'='1",
    "\\",
    "%_%",
    "😀 🇨🇱",
    "中文 検索",
    "<script>alert(1)</script>",
    "-chile",
    "chile:*",
    "!chile & datos | <->",
]
NASTY_PARAMETERS = [
    {"page": "0"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999999999999999999999"},
    {"page": "1e3"},
    {"page": ""},
    {"year": "abc"},
    {"year": "99999"},
    {"year": "2023", "kind": "nonsense"},
    {"country": "chile"},
    {"country": "\x00"},
    {"topic": "not-a-number"},
    {"topic": "1" * 50},
    {"language": "xx"},
    {"sort": "random"},
    {"scope": "everything"},
    {"kind": ["news", "event", "page", "country", "topic", "practice"]},
]


def get(client, language: str, params: dict):
    with translation.override(language):
        url = reverse("search")
    return client.get(url, params)


def test_any_query_gives_a_page(client, site):
    # One site for every case: building it is what takes time.
    for language in ("es", "en"):
        for scope in ("", "all"):
            for query in NASTY_QUERIES:
                response = get(client, language, {"q": query, "scope": scope})
                assert response.status_code == 200, (language, scope, query)
                assert b"<h1>" in response.content


def test_invalid_filters_and_pages_give_a_page_with_results(client, site):
    for params in NASTY_PARAMETERS:
        response = get(client, "en", {"q": "chile", **params})
        assert response.status_code == 200, params
        assert 'role="status"' in response.content.decode(), params


def test_unrecognised_filters_are_reported(client, site):
    html = get(client, "en", {"q": "chile", "year": "abc"}).content.decode()
    assert "were not recognised and were ignored" in html


def test_invalid_page_number_is_reported(client, site):
    html = get(client, "en", {"q": "chile", "page": "abc"}).content.decode()
    assert "The page number in the address was not valid" in html


def test_punctuation_only_explains_itself(client, site):
    html = get(client, "en", {"q": "?!."}).content.decode()
    assert "punctuation alone finds nothing" in html


def test_autocomplete_accepts_anything(client, site):
    for query in NASTY_QUERIES:
        with translation.override("es"):
            response = client.get(reverse("search_autocomplete"), {"q": query})
        assert response.status_code == 200
        assert "suggestions" in json.loads(response.content)


def test_search_rejects_other_methods(client, site):
    with translation.override("en"):
        assert client.post(reverse("search"), {"q": "chile"}).status_code == 405


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(max_size=300),
    page=st.one_of(st.none(), st.text(max_size=12), st.integers(min_value=-5, max_value=10**6).map(str)),
    year=st.one_of(st.none(), st.text(max_size=6), st.integers(min_value=1800, max_value=2200).map(str)),
    kind=st.one_of(st.none(), st.sampled_from(["news", "event", "country", "x", ""]), st.text(max_size=10)),
    scope=st.sampled_from(["", "all", "x"]),
    sort=st.sampled_from(["relevance", "date", "", "x"]),
    language=st.sampled_from(["es", "en"]),
)
def test_property_any_input_never_breaks_the_real_view(
    client, site, query, page, year, kind, scope, sort, language
):
    params = {"q": query, "scope": scope, "sort": sort}
    for name, value in (("page", page), ("year", year), ("kind", kind)):
        if value is not None:
            params[name] = value
    response = get(client, language, params)
    assert response.status_code == 200


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200), language=st.sampled_from(["es", "en"]))
def test_property_autocomplete_never_breaks(client, site, query, language):
    with translation.override(language):
        response = client.get(reverse("search_autocomplete"), {"q": query})
    assert response.status_code == 200
