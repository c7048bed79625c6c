"""OpenGraph tags and schema.org JSON-LD, parsed from the pages as a crawler would."""

import json
import re
from html.parser import HTMLParser

from django.contrib.staticfiles import finders

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")


class HeadReader(HTMLParser):
    """Collects <meta property=…> tags and the text of every JSON-LD script."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "property" in attributes:
            self.meta.append((attributes["property"], attributes["content"]))
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)


def read_head(client, url: str) -> tuple[dict[str, list[str]], list[dict]]:
    response = client.get(url)
    assert response.status_code == 200, url
    reader = HeadReader()
    reader.feed(response.content.decode())
    meta: dict[str, list[str]] = {}
    for name, content in reader.meta:
        meta.setdefault(name, []).append(content)
    return meta, [json.loads(script) for script in reader.json_ld]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "name", "place", "organizer", "language"),
    [
        (
            "/es/eventos/xx-seminario/",
            "XX Seminario Interamericano",
            "Santiago de Chile, Chile",
            "Dirección de Compras y Contratación Pública",
            "es",
        ),
        (
            "/en/events/20th-seminar/",
            "20th Inter-American Seminar",
            "Santiago, Chile, Chile",
            "Public Procurement Directorate",
            "en",
        ),
    ],
)
def test_event_page_describes_a_schema_org_event(client, network, url, name, place, organizer, language):
    _meta, [event] = read_head(client, url)
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == name
    assert event["startDate"] == "2099-10-14"
    assert event["endDate"] == "2099-10-16"
    assert event["inLanguage"] == language
    assert event["url"] == f"https://compras.example.org{url}"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == place
    assert event["location"]["address"]["addressCountry"] == "CL"
    [agency] = event["organizer"]
    assert agency["@type"] == "GovernmentOrganization"
    assert agency["name"] == organizer


@pytest.mark.django_db
def test_a_web_conference_happens_online(client, network):
    seminar = network["seminar"]
    seminar.kind = "web-conference"
    seminar.save_revision().publish()
    _meta, [event] = read_head(client, "/en/events/20th-seminar/")
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": "https://compras.example.org/en/events/20th-seminar/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "agency"),
    [
        ("/es/paises/chile/", "Dirección de Compras y Contratación Pública"),
        ("/en/countries/chile/", "Public Procurement Directorate"),
    ],
)
def test_country_page_describes_its_procurement_agency(client, network, url, agency):
    _meta, [organization] = read_head(client, url)
    assert organization["@type"] == "GovernmentOrganization"
    assert organization["name"] == agency
    assert organization["alternateName"] == "ChileCompra"
    assert organization["url"] == "https://www.chilecompra.cl/"
    assert organization["areaServed"] == {"@type": "Country", "name": "Chile", "identifier": "CL"}
    assert organization["memberOf"]["@type"] == "Organization"


@pytest.mark.django_db
def test_a_country_without_an_agency_has_no_json_ld(client, network):
    _meta, scripts = read_head(client, "/es/paises/mexico/")
    assert scripts == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "headline", "topic_title", "country"),
    [
        ("/es/noticias/nueva-ley/", "Chile aprueba una nueva ley de compras", "Compras sostenibles", "Chile"),
        ("/en/news/new-law/", "Chile passes a new procurement law", "Sustainable procurement", "Chile"),
    ],
)
def test_news_page_describes_a_news_article(client, network, url, headline, topic_title, country):
    meta, [article] = read_head(client, url)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == headline
    assert article["datePublished"] == "2099-01-15"
    assert article["dateModified"]
    assert article["mainEntityOfPage"] == f"https://compras.example.org{url}"
    assert article["publisher"]["@type"] == "Organization"
    assert article["about"] == [{"@type": "Country", "name": country, "identifier": "CL"}]
    assert article["keywords"] == [topic_title]
    assert meta["og:type"] == ["article"]
    assert meta["article:published_time"] == ["2099-01-15"]


@pytest.mark.django_db
def test_a_news_image_is_offered_to_link_previews(client, network):
    news = network["news_item"]
    news.image = Image.objects.create(title="Congreso", file=get_test_image_file())
    news.save_revision().publish()
    meta, [article] = read_head(client, "/en/news/new-law/")
    [image] = meta["og:image"]
    assert image.startswith("https://compras.example.org/")
    assert article["image"] == image


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "title", "locale", "alternate"),
    [
        ("/es/paises/chile/", "Chile", "es_LA", ["en_US"]),
        ("/en/countries/peru/", "Peru", "en_US", ["es_LA"]),
        ("/es/paises/mexico/", "México", "es_LA", []),
    ],
)
def test_open_graph_tags(client, network, url, title, locale, alternate):
    meta, _scripts = read_head(client, url)
    assert meta["og:title"] == [title]
    assert meta["og:url"] == [f"https://compras.example.org{url}"]
    assert meta["og:type"] == ["website"]
    assert meta["og:locale"] == [locale]
    assert meta.get("og:locale:alternate", []) == alternate
    assert meta["og:site_name"]
    assert meta["og:description"]


@pytest.mark.django_db
def test_text_cannot_break_out_of_the_script(client, network):
    seminar = network["seminar"]
    seminar.title_en = "Seminar </script><script>alert(1)</script> & more"
    seminar.save_revision().publish()
    html = client.get("/en/events/20th-seminar/").content.decode()
    assert "<script>alert(1)" not in html
    _meta, [event] = read_head(client, "/en/events/20th-seminar/")
    assert event["name"] == "Seminar </script><script>alert(1)</script> & more"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/en/countries/peru/", "Public procurement in Peru."),
        ("/en/", "The Inter-American Government Procurement Network brings together the public"),
        ("/es/buscar/?q=compras", "La Red Interamericana de Compras Gubernamentales reúne a las agencias"),
    ],
    ids=["own summary", "no summary of its own", "not a page"],
)
def test_every_page_has_a_meta_description(client, network, url, description):
    """The page's own summary (its introduction), else what the network is, in the page's language."""
    html = client.get(url).content.decode()
    [content] = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert content.startswith(description)


@pytest.mark.django_db
def test_link_previews_show_the_networks_image_when_the_page_has_none(client, network):
    meta, _scripts = read_head(client, "/en/countries/peru/")
    assert meta["og:image"] == ["https://compras.example.org/static/network/img/share.png"]
    assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
    assert finders.find("network/img/share.png"), "the image is shipped in the static files"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("es", "Red Interamericana de Compras Gubernamentales"),
        ("en", "Inter-American Government Procurement Network"),
    ],
)
def test_the_home_page_describes_the_network(client, network, language, name):
    _meta, scripts = read_head(client, f"/{language}/")
    [organization] = [script for script in scripts if script["@type"] == "Organization"]
    assert organization["name"] == name
    assert organization["url"] == "https://compras.example.org/"
    assert organization["logo"] == "https://compras.example.org/static/network/img/share.png"
    assert "RICG" in organization["alternateName"]
    assert organization["description"]
