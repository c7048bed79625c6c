"""Markup typed by editors (titles in both languages, intros, country names, document titles) or
sent by readers (search text, filters, any query parameter) is shown as text, never run.

Each page is checked twice: the payload never appears as markup, and its escaped form does, so
the check cannot pass by the text simply not being shown.
"""

import json
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from wagtail.models import Collection

import pytest
from defusedxml import ElementTree as ET

from network.models import NetworkDocument
from tests.search.conftest import result_titles

# Every test reads the same public site, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_public_site")]

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
AS_MARKUP = ("<script>alert(1)", "<img src=x")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
ATOM = "{http://www.w3.org/2005/Atom}"


def assert_shown_as_text(html: str, where: str) -> None:
    for markup in AS_MARKUP:
        assert markup not in html, f"{where} has {markup!r} as markup"
    assert any(escaped in html for escaped in ESCAPED), f"{where} does not show the payload at all"


def localized(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def hostile(public_site) -> dict:
    """The public site with both payloads in every title and intro, in both languages."""
    fields = {
        "country": {"title_es": f"Quetzalandia {ATTRIBUTE}", "title_en": f"Quetzaland {SCRIPT}"},
        "topic": {"title_es": f"Datos quetzal {SCRIPT}", "title_en": f"Quetzal data {ATTRIBUTE}"},
        "news": {
            "title_es": f"Licitaciones quetzal {SCRIPT} {ATTRIBUTE}",
            "title_en": f"Quetzal tenders {ATTRIBUTE} {SCRIPT}",
            "intro_es": f"Noticia quetzal {SCRIPT} {ATTRIBUTE}",
            "intro_en": f"Quetzal news {ATTRIBUTE} {SCRIPT}",
        },
        "event": {
            "title_es": f"Foro quetzal {ATTRIBUTE} {SCRIPT}",
            "title_en": f"Quetzal forum {SCRIPT} {ATTRIBUTE}",
            "city_es": f"Ciudad {SCRIPT}",
        },
    }
    for name, values in fields.items():
        page = public_site[name]
        for field, value in values.items():
            setattr(page, field, value)
        page.save_revision().publish()
    document = NetworkDocument.objects.create(
        title=f"Informe quetzal {SCRIPT} {ATTRIBUTE}",
        file=ContentFile(b"Informe quetzal sobre compras.", name="informe.txt"),
        collection=Collection.get_first_root_node(),
        year=2024,
    )
    document.countries.set([public_site["country"]])
    document.topics.set([public_site["topic"]])
    return public_site


def test_pages_and_listings_show_titles_and_names_as_text(client, hostile):
    for language in ("es", "en"):
        with translation.override(language):
            urls = [
                hostile[name].url for name in ("home", "country_index", "country", "topic_index", "topic")
            ]
            urls += [
                hostile[name].url for name in ("news_index", "news", "event_index", "event", "publications")
            ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert_shown_as_text(response.content.decode(), url)


def test_the_map_names_countries_as_text(client, hostile):
    html = client.get("/es/paises/").content.decode()
    map_html = html[html.index('<figure class="americas-map">') : html.index("</figure>")]
    assert_shown_as_text(map_html, "the map")
    name = "Quetzalandia &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert f'aria-label="{name}"' in map_html
    assert f"<title>{name}</title>" in map_html


def test_search_results_highlight_matches_and_escape_everything_else(client, hostile):
    for language in ("es", "en"):
        html = client.get(localized("search", language), {"q": "quetzal", "scope": "all"}).content.decode()
        assert_shown_as_text(html, f"search ({language})")
        titles = result_titles(html, as_text=False)
        assert any(ESCAPED[0] in title and ESCAPED[1] in title for title in titles), titles
        assert "<mark>quetzal</mark>" in html.lower()


def test_search_echoes_query_text_filters_and_parameters_as_text(client, hostile):
    country, topic = hostile["country"], hostile["topic"]
    for language in ("es", "en"):
        url = localized("search", language)
        # A valid country and topic filter: the facet labels and "remove filter" links are the
        # country's and topic's hostile names.
        filtered = client.get(url, {"q": "quetzal", "country": country.iso_alpha2, "topic": topic.pk})
        assert_shown_as_text(filtered.content.decode(), f"filtered search ({language})")
        params = {name: [SCRIPT, ATTRIBUTE] for name in ("country", "topic", "kind", "year", "language")}
        params |= {
            "q": f"quetzal {SCRIPT} {ATTRIBUTE}",
            "sort": ATTRIBUTE,
            "scope": SCRIPT,
            "page": ATTRIBUTE,
        }
        response = client.get(f"{url}?{urlencode(params, doseq=True)}")
        assert response.status_code == 200
        assert_shown_as_text(response.content.decode(), f"search with hostile parameters ({language})")


@pytest.mark.parametrize("url", ["/es/publicaciones/", "/en/events/", "/es/noticias/", "/en/countries/"])
def test_listing_filters_and_parameters_are_echoed_as_text(client, hostile, url):
    params = dict.fromkeys(("kind", "language", "year", "country", "topic", "page"), ATTRIBUTE)
    response = client.get(f"{url}?{urlencode(params)}&{urlencode({'q': SCRIPT})}")
    assert response.status_code == 200
    html = response.content.decode()
    for markup in AS_MARKUP:
        assert markup not in html, url


def test_autocomplete_sends_titles_as_json_data_for_the_script_to_show_as_text(client, hostile):
    response = client.get(localized("search_autocomplete", "en"), {"q": "quetz"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
    assert f"Quetzal tenders {ATTRIBUTE} {SCRIPT}" in titles  # the data itself, not escaped twice
    hostile_query = client.get(localized("search_autocomplete", "es"), {"q": f"{SCRIPT} {ATTRIBUTE}"})
    assert hostile_query["Content-Type"] == "application/json"
    script = Path(settings.BASE_DIR, "search/static/search/js/autocomplete.js").read_text()
    assert "textContent = suggestion.title" in script
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


@pytest.mark.parametrize("language", ["es", "en"])
def test_feeds_carry_titles_and_summaries_as_text(client, hostile, language):
    """Feed readers show titles as text and RSS descriptions and Atom html summaries as HTML:
    the payload must come out of the XML as the text typed, and out of a summary as escaped HTML."""
    code = hostile["country"].iso_alpha2.lower()
    for feed in (
        "news.rss",
        "events.rss",
        f"countries/{code}/news.rss",
        f"topics/{hostile['topic'].pk}/events.rss",
    ):
        body = client.get(f"/{language}/feeds/{feed}").content
        channel = ET.fromstring(body).find("channel")
        [item] = channel.findall("item")
        assert SCRIPT in item.findtext("title") and ATTRIBUTE in item.findtext("title"), feed
        description = item.findtext("description")
        for markup in AS_MARKUP:
            assert markup not in description, f"{feed}: {description}"
        assert ESCAPED[0] in description, f"{feed}: {description}"
    for feed in ("news.atom", "events.atom"):
        [entry] = ET.fromstring(client.get(f"/{language}/feeds/{feed}").content).findall(f"{ATOM}entry")
        title, summary = entry.find(f"{ATOM}title"), entry.find(f"{ATOM}summary")
        assert title.get("type", "text") == "text" and SCRIPT in title.text, feed
        assert summary.get("type") == "html", feed
        for markup in AS_MARKUP:
            assert markup not in summary.text, f"{feed}: {summary.text}"
        assert ESCAPED[0] in summary.text, feed


def test_the_api_and_exports_return_the_text_as_typed(client, hostile):
    """JSON is data, not markup: titles come back exactly as typed, for the client to escape."""
    api = client.get("/api/v2/pages/?type=news.NewsPage&locale=en").json()
    assert api["items"][0]["title"] == f"Quetzal tenders {ATTRIBUTE} {SCRIPT}"
    export = json.loads(client.get("/es/exports/countries.json").content)
    assert export["items"][0]["name"] == f"Quetzalandia {ATTRIBUTE}"
