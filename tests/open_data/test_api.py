"""The read-only API at /api/v2/, in the language asked for with ?locale=."""

import datetime
from urllib.parse import quote

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from events.models import EventPage
from portals.models import Portal

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url, headers={"accept": "application/json"})
    assert response.status_code == status, response.content[:500]
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("locale", "title", "html_url", "slug"),
    [
        (
            "es",
            "Compras sostenibles",
            "https://compras.example.org/es/temas/compras-sostenibles/",
            "compras-sostenibles",
        ),
        (
            "en",
            "Sustainable procurement",
            "https://compras.example.org/en/topics/sustainable-procurement/",
            "sustainable-procurement",
        ),
    ],
)
def test_pages_are_read_in_the_requested_language(client, network, locale, title, html_url, slug):
    data = get_json(client, f"/api/v2/pages/?type=network.TopicPage&locale={locale}")
    [topic] = data["items"]
    assert topic["title"] == title
    assert topic["meta"]["html_url"] == html_url
    assert topic["meta"]["slug"] == slug


@pytest.mark.django_db
def test_spanish_is_the_default_language(client, network):
    response = client.get("/api/v2/pages/?type=network.TopicPage", headers={"accept-language": "en"})
    assert response["Content-Language"] == "es"
    assert response.json()["items"][0]["title"] == "Compras sostenibles"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "documents", "images", "portals"])
def test_an_unknown_locale_is_a_clear_error(client, network, endpoint):
    data = get_json(client, f"/api/v2/{endpoint}/?locale=fr", status=400)
    assert data == {"message": "locale must be one of: es, en (got 'fr')"}


@pytest.mark.django_db
def test_an_untranslated_page_falls_back_to_spanish(client, network):
    data = get_json(client, f"/api/v2/pages/{network['mexico'].pk}/?locale=en")
    assert data["title"] == "México"
    assert data["meta"]["html_url"] == "https://compras.example.org/en/countries/mexico/"


@pytest.mark.django_db
def test_listings_are_paginated(client, network):
    first = get_json(client, "/api/v2/pages/?type=countries.CountryPage&limit=2&order=id")
    second = get_json(client, "/api/v2/pages/?type=countries.CountryPage&limit=2&offset=2&order=id")
    assert first["meta"]["total_count"] == 3
    assert len(first["items"]) == 2
    assert len(second["items"]) == 1
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(set(ids)) == 3
    get_json(client, "/api/v2/pages/?limit=1000", status=400)


@pytest.mark.django_db
def test_types_can_be_filtered(client, network):
    events = get_json(client, "/api/v2/pages/?type=events.EventPage&locale=en")["items"]
    assert [item["title"] for item in events] == ["20th Inter-American Seminar"]
    unknown = get_json(client, "/api/v2/pages/?type=events.EventPage,news.NoSuchPage", status=400)
    assert "type" in unknown["message"]
    both = get_json(client, "/api/v2/pages/?type=events.EventPage,news.NewsPage")["items"]
    assert {item["meta"]["type"] for item in both} == {"events.EventPage", "news.NewsPage"}


@pytest.mark.django_db
def test_drafts_are_not_exposed(client, network):
    network["mexico"].unpublish()
    titles = [
        item["title"] for item in get_json(client, "/api/v2/pages/?type=countries.CountryPage")["items"]
    ]
    assert "México" not in titles
    get_json(client, f"/api/v2/pages/{network['mexico'].pk}/", status=404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "locale", "title"),
    [("/es/paises/peru/", "es", "Perú"), ("/en/countries/peru/", "en", "Peru")],
)
def test_a_page_is_found_by_its_url_in_either_language(client, network, path, locale, title):
    response = client.get(f"/api/v2/pages/find/?html_path={path}&locale={locale}")
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"https://compras.example.org/api/v2/pages/{network['peru'].pk}/?locale={locale}"
    )
    assert get_json(client, response["Location"])["title"] == title


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/es/paises/%00/", "/es/paises/peru/%00/", "/es/..%2f/"])
def test_a_url_no_page_can_have_is_not_found(client, network, path):
    """Routed without the URL pattern's check: PostgreSQL refused the NUL byte with a 500."""
    get_json(client, f"/api/v2/pages/find/?html_path={path}", status=404)


@pytest.mark.django_db
def test_the_api_is_read_only(client, network):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/portals/{network['portals'][0].pk}/").status_code == 405


@pytest.mark.django_db
class TestPortals:
    def test_listing_in_both_languages(self, client, network):
        spanish = get_json(client, "/api/v2/portals/?locale=es&order=id")["items"]
        english = get_json(client, "/api/v2/portals/?locale=en&order=id")["items"]
        assert [portal["name"] for portal in spanish] == ["Mercado Público", "SEACE"]
        assert [portal["name"] for portal in english] == ["Public Market", "SEACE"]
        assert english[0]["country"]["title"] == "Chile"
        assert english[1]["country"]["title"] == "Peru"
        assert english[0]["url"] == "https://www.mercadopublico.cl/"

    def test_detail_with_the_last_link_check(self, client, network):
        portal = network["portals"][1]
        Portal.objects.filter(pk=portal.pk).update(link_status_code=404)
        data = get_json(client, f"/api/v2/portals/{portal.pk}/?locale=en")
        assert data["languages"] == ["es", "en"]
        assert data["link_status_code"] == 404
        assert data["institution"] is None
        agency = get_json(client, f"/api/v2/portals/{network['portals'][0].pk}/")["institution"]
        assert agency == {"name": "Dirección ChileCompra", "acronym": "ChileCompra", "url": ""}

    def test_filter_by_kind_and_country(self, client, network):
        assert get_json(client, "/api/v2/portals/?kind=open-data")["items"] == []
        chile = network["chile"].pk
        [portal] = get_json(client, f"/api/v2/portals/?country={chile}&fields=name")["items"]
        assert portal["name"] == "Mercado Público"
        get_json(client, "/api/v2/portals/?colour=red", status=400)


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_documents_and_images_endpoints(client, network, endpoint):
    assert get_json(client, f"/api/v2/{endpoint}/?locale=en")["meta"]["total_count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("locale", "agency", "module_names", "city", "agreement", "topic_title"),
    [
        (
            "es",
            "Dirección de Compras y Contratación Pública",
            ["Licitaciones", "Convenio marco"],
            "Santiago de Chile",
            "Medir la sostenibilidad",
            "Compras sostenibles",
        ),
        (
            "en",
            "Public Procurement Directorate",
            ["Tenders", "Framework agreements"],
            "Santiago, Chile",
            "Measure sustainability",
            "Sustainable procurement",
        ),
    ],
)
def test_structured_fields_in_each_language(
    client, network, locale, agency, module_names, city, agreement, topic_title
):
    chile = get_json(client, f"/api/v2/pages/{network['chile'].pk}/?locale={locale}")
    assert chile["iso_alpha2"] == "CL"
    assert chile["member_since"] == 2004
    assert chile["agency_name"] == agency
    assert chile["system_modules"] == module_names
    assert "locale" not in chile["meta"]

    event = get_json(client, f"/api/v2/pages/{network['seminar'].pk}/?locale={locale}")
    assert event["start_date"] == "2099-10-14"
    assert event["city"] == city
    assert event["host_country"]["title"] == "Chile"
    assert sorted(country["id"] for country in event["participating_countries"]) == sorted(
        [network["chile"].pk, network["peru"].pk]
    )
    [first_agreement] = event["agreements"]
    assert first_agreement["number"] == 1
    assert first_agreement["title"] == agreement
    assert [item["title"] for item in first_agreement["topics"]] == [topic_title]

    topics = get_json(client, f"/api/v2/pages/?type=network.TopicPage&fields=*&locale={locale}")
    [topic_page] = topics["items"]
    assert topic_page["title"] == topic_title
    assert [country["title"] for country in topic_page["lead_countries"]] == ["Chile"]


@pytest.mark.django_db
def test_nested_fields_can_be_asked_for(client, network):
    url = f"/api/v2/pages/{network['seminar'].pk}/?fields=participating_countries(iso_alpha2)&locale=en"
    codes = sorted(country["iso_alpha2"] for country in get_json(client, url)["participating_countries"])
    assert codes == ["CL", "PE"]


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_related_objects(client, network):
    url = "/api/v2/pages/?type=events.EventPage&fields=*&locale=en"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            get_json(client, url)
        return len(queries)

    count()
    before = count()
    seminar = network["seminar"]
    index = seminar.get_parent()
    for number in range(5):
        event = EventPage(
            title_es=f"Taller {number}",
            slug_es=f"taller-{number}",
            start_date=datetime.date(2099, 11, number + 1),
            end_date=datetime.date(2099, 11, number + 1),
            host_country=network["chile"],
        )
        index.add_child(instance=event)
        event.participating_countries = [network["chile"], network["peru"], network["mexico"]]
        event.save_revision().publish()
    assert count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "sostenibles",
        '"sostenibles"',
        'sostenibles">',
        "(compras) sostenibles*",
        "sostenibles\x00",
        # Hundreds of words nested the database query deep enough to raise RecursionError.
        "sostenibles " + " ".join(["compras"] * 600),
    ],
)
def test_search_reads_the_words_of_any_query(client, network, query):
    data = get_json(client, f"/api/v2/pages/?type=network.TopicPage&search={quote(query)}")
    assert [item["title"] for item in data["items"]] == ["Compras sostenibles"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", [" ", '"', "*", "\x00", "(-)"])
def test_a_search_without_words_finds_nothing(client, network, query):
    assert get_json(client, f"/api/v2/pages/?search={quote(query)}")["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v2/pages/?offset=9223372036854775808", "offset must be a whole number from 0 to 2147483647"),
        ("/api/v2/pages/?limit=99999999999999999999", "limit must be a whole number from 0 to 2147483647"),
        ("/api/v2/pages/find/?id=abc", "id must be a whole number from 0 to 2147483647"),
        ("/api/v2/documents/find/?id=-1", "id must be a whole number from 0 to 2147483647"),
        ("/api/v2/pages/?site=%00:1", "null characters are not allowed in site"),
        (
            "/api/v2/portals/?country=99999999999999999999",
            "country must be a whole number the database can hold",
        ),
        (
            "/api/v2/pages/?type=events.EventPage&host_country=-9223372036854775809",
            "host_country must be a whole number the database can hold",
        ),
    ],
)
def test_numbers_the_databases_cannot_hold_are_clear_errors(client, network, url, message):
    assert get_json(client, url, status=400) == {"message": message}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("operator", ["", "''", "xor", "AND"])
def test_an_unknown_search_operator_is_a_clear_error(client, network, endpoint, operator):
    url = f"/api/v2/{endpoint}/?search=compras&search_operator={quote(operator)}"
    assert get_json(client, url, status=400) == {"message": "search_operator must be one of: and, or"}


@pytest.fixture
def unreachable_elasticsearch(settings, network):
    """Wagtail's search on an Elasticsearch cluster that does not answer (a closed local port)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "network.search_backend.Elasticsearch8Backend",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX": "compraspublicas-unreachable",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        }
    }


@pytest.mark.django_db
def test_with_elasticsearch_out_of_reach_the_api_search_finds_nothing_instead_of_failing(
    client, unreachable_elasticsearch
):
    assert get_json(client, "/api/v2/pages/?search=compras")["items"] == []
    assert get_json(client, "/api/v2/documents/?search=informe")["items"] == []


@pytest.mark.django_db
def test_with_elasticsearch_out_of_reach_the_admin_searches_answer(admin_client, unreachable_elasticsearch):
    for url in ("/admin/pages/search/?q=compras", "/admin/documents/?q=informe", "/admin/images/?q=mapa"):
        assert admin_client.get(url).status_code == 200, url
