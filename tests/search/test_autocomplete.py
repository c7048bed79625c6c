"""The header box's suggestions, from two characters on: pages whose title has a word starting with each typed
word, accents and typos forgiven (countries, topics and events first), then whole queries."""

import json

from django.urls import reverse
from django.utils import translation

import pytest

from tests.search.conftest import result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site")]


def suggestions(client, language: str, query: str) -> list[dict]:
    with translation.override(language):
        response = client.get(reverse("search_autocomplete"), {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return json.loads(response.content)["suggestions"]


def test_endpoint_lives_under_the_search_path(site):
    with translation.override("en"):
        assert reverse("search_autocomplete") == "/en/search/suggestions/"


def test_one_character_suggests_nothing(client, site):
    assert suggestions(client, "es", "c") == []


def test_two_characters_suggest_countries_first(client, site):
    found = suggestions(client, "es", "ch")
    assert found[0] == {
        "title": "Chile",
        "url": "/es/paises/chile/",
        "kind": "country",
        "kind_label": "Country profile",
    } or (
        found[0]["title"] == "Chile"
        and found[0]["url"] == "/es/paises/chile/"
        and found[0]["kind"] == "country"
    )


def test_prefix_of_the_last_word_without_accents(client, site):
    found = suggestions(client, "es", "mexi")
    assert pages(found) == ["México", "México estrena su plataforma de compras"]
    assert queries(found)[0] == "méxico"


def test_topics_are_suggested_in_the_readers_language(client, site):
    found = suggestions(client, "en", "open d")
    assert found[0]["title"] == "Open data"
    assert found[0]["kind"] == "topic"
    assert found[0]["url"] == "/en/topics/open-data/"


def test_every_word_must_match(client, site):
    assert pages(suggestions(client, "en", "public procurement f")) == ["Public procurement for SMEs"]


def test_search_box_script_is_served_and_linked(client, site):
    html = client.get("/en/").content.decode()
    assert 'data-autocomplete-url="/en/search/suggestions/"' in html
    assert '<script src="/static/search/js/autocomplete.js" defer></script>' in html


def pages(found: list[dict]) -> list[str]:
    return [item["title"] for item in found if item["kind"] != "query"]


def queries(found: list[dict]) -> list[str]:
    return [item["title"] for item in found if item["kind"] == "query"]


def test_every_word_is_a_prefix_and_the_words_a_query(client, site):
    found = suggestions(client, "es", "compras pub")
    assert pages(found) == ["Compras públicas para pymes"]
    assert queries(found)[0] == "compras públicas"
    assert pages(suggestions(client, "es", "comp pym")) == ["Compras públicas para pymes"]


def test_a_suggested_query_leads_to_its_results(client, site):
    query = next(item for item in suggestions(client, "es", "compras pub") if item["kind"] == "query")
    assert query["url"] == "/es/buscar/?q=compras+p%C3%BAblicas"
    assert query["kind_label"] == "Buscar"
    assert "Compras públicas para pymes" in result_titles(client.get(query["url"]).content.decode())


def test_frequent_words_of_the_index_complete_what_no_title_has(client, site):
    found = suggestions(client, "es", "licita")
    assert pages(found) == []
    assert queries(found) == ["licitaciones"]


@pytest.mark.parametrize(
    ("language", "typed", "first"),
    [
        ("es", "mexco", "México"),
        ("en", "chiel", "Chile"),
        ("es", "compras pubicas", "Compras públicas para pymes"),
    ],
    ids=["letter missed", "letters swapped", "letter missed in the second word"],
)
def test_a_mistyped_word_suggests_what_it_nearly_begins(client, site, language, typed, first):
    assert pages(suggestions(client, language, typed))[0] == first
