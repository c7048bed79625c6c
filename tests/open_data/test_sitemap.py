"""/sitemap.xml lists every live page in each language it exists in, with hreflang alternates."""

import pytest
from defusedxml import ElementTree as ET

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """Each <loc> with its alternates, {hreflang: href}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


@pytest.mark.django_db
def test_a_translated_page_is_listed_in_both_languages_with_alternates(client, about_page):
    entries = sitemap_entries(client)
    alternates = {
        "es": "https://compras.example.org/es/acerca-de-la-red/",
        "en": "https://compras.example.org/en/about-the-network/",
        "x-default": "https://compras.example.org/es/acerca-de-la-red/",
    }
    assert entries["https://compras.example.org/es/acerca-de-la-red/"] == alternates
    assert entries["https://compras.example.org/en/about-the-network/"] == alternates


@pytest.mark.django_db
def test_an_untranslated_page_is_listed_only_in_spanish(client, spanish_only_page):
    entries = sitemap_entries(client)
    assert entries["https://compras.example.org/es/solo-en-espanol/"] == {
        "es": "https://compras.example.org/es/solo-en-espanol/",
        "x-default": "https://compras.example.org/es/solo-en-espanol/",
    }
    assert "https://compras.example.org/en/solo-en-espanol/" not in entries


@pytest.mark.django_db
def test_every_live_page_and_nothing_else(client, network, about_page):
    network["mexico"].unpublish()
    locations = set(sitemap_entries(client))
    assert "https://compras.example.org/es/" in locations
    assert "https://compras.example.org/en/" in locations
    assert "https://compras.example.org/en/countries/chile/" in locations
    assert "https://compras.example.org/es/eventos/xx-seminario/" in locations
    assert "https://compras.example.org/en/topics/sustainable-procurement/" in locations
    assert "https://compras.example.org/es/paises/mexico/" not in locations
    assert not any("/admin/" in location for location in locations)


@pytest.mark.django_db
def test_pages_carry_their_last_publication_date(client, about_page):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    dates = [url.findtext(f"{SITEMAP}lastmod") for url in root.findall(f"{SITEMAP}url")]
    assert all(dates)


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://compras.example.org/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
