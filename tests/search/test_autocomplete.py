"""The header box's suggestions: titles, countries and topics, from two characters on."""

import json

from django.urls import reverse
from django.utils import translation

import pytest

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
    titles = [item["title"] for item in suggestions(client, "es", "mexi")]
    assert titles[0] == "México"
    assert "México estrena su plataforma de compras" in titles


def test_topics_are_suggested_in_the_readers_language(client, site):
    found = suggestions(client, "en", "open d")
    assert found[0]["title"] == "Open data"
    assert found[0]["kind"] == "topic"
    assert found[0]["url"] == "/en/topics/open-data/"


def test_earlier_words_must_all_match(client, site):
    titles = [item["title"] for item in suggestions(client, "en", "public procurement f")]
    assert titles == ["Public procurement for SMEs"]


def test_search_box_script_is_served_and_linked(client, site):
    html = client.get("/en/").content.decode()
    assert 'data-autocomplete-url="/en/search/suggestions/"' in html
    assert '<script src="/static/search/js/autocomplete.js" defer></script>' in html
