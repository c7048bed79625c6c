"""The visitor side of the two languages: URLs, redirects, switcher, hreflang, fallback."""

import re

import pytest

from network.models import StandardPage
from network.skeleton import ensure_child

pytestmark = pytest.mark.usefixtures("shared_small_site")


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.django_db
class TestHomePages:
    def test_spanish_home_renders_in_spanish(self, client, home):
        response = client.get("/es/")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="es">' in html
        assert "<h1>Red Interamericana de Compras Gubernamentales</h1>" in html
        assert "Saltar al contenido principal" in html

    def test_english_home_renders_in_english(self, client, home):
        response = client.get("/en/")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="en">' in html
        assert "<h1>Inter-American Government Procurement Network</h1>" in html
        assert "Skip to main content" in html


@pytest.mark.django_db
class TestRootRedirect:
    @pytest.mark.parametrize(
        ("accept_language", "target"),
        [
            ("en-US,en;q=0.9", "/en/"),
            ("es-CL,es;q=0.9,en;q=0.5", "/es/"),
            ("pt-BR,pt;q=0.9,en;q=0.8", "/en/"),
            ("fr-FR", "/es/"),
            ("", "/es/"),
        ],
    )
    def test_root_follows_accept_language_and_defaults_to_spanish(
        self, client, home, accept_language, target
    ):
        response = client.get("/", headers={"accept-language": accept_language})
        assert response.status_code == 302
        assert response["Location"] == target


@pytest.mark.django_db
class TestTranslatedPages:
    def test_slugs_are_translated_per_language(self, client, about_page):
        assert client.get("/es/acerca-de-la-red/").status_code == 200
        assert client.get("/en/about-the-network/").status_code == 200
        assert client.get("/en/acerca-de-la-red/").status_code == 404
        assert client.get("/es/about-the-network/").status_code == 404

    def test_a_slug_leads_to_the_page_that_has_it_in_the_language_read(self, client, home):
        """One page's Spanish slug is another's English slug: each language finds its own page."""
        ensure_child(home, StandardPage, "guia", slug_en="guide", title_es="Guía")
        ensure_child(home, StandardPage, "manual", slug_en="guia", title_es="Manual")
        assert "<h1>Guía</h1>" in client.get("/es/guia/").content.decode()
        assert "<h1>Manual</h1>" in client.get("/en/guia/").content.decode()
        assert client.get("/en/manual/").status_code == 404

    def test_a_page_without_an_english_slug_is_found_by_its_spanish_one(self, client, home):
        page, _created = ensure_child(home, StandardPage, "glosario", title_es="Glosario")
        StandardPage.objects.filter(pk=page.pk).update(slug_en="")
        assert client.get("/en/glosario/").status_code == 200

    def test_switcher_leads_to_the_same_page_in_the_other_language(self, client, about_page):
        spanish = client.get("/es/acerca-de-la-red/").content.decode()
        english = client.get("/en/about-the-network/").content.decode()
        assert '<a href="/en/about-the-network/" hreflang="en" lang="en">English</a>' in spanish
        assert '<a href="/es/acerca-de-la-red/" hreflang="es" lang="es">Español</a>' in english

    def test_hreflang_lists_both_languages_and_spanish_as_default(self, client, about_page):
        links = alternates(client.get("/en/about-the-network/").content.decode())
        assert links == {
            "es": "https://compras.example.org/es/acerca-de-la-red/",
            "en": "https://compras.example.org/en/about-the-network/",
            "x-default": "https://compras.example.org/es/acerca-de-la-red/",
        }

    def test_switcher_keeps_the_query_string_and_hreflang_names_the_page(self, client, about_page):
        """A reader who filtered a listing keeps the filters in the other language; the hreflang
        alternates and the canonical link name the page itself."""
        html = client.get("/es/acerca-de-la-red/?topic=3&country=CL&page=2").content.decode()
        assert 'href="/en/about-the-network/?topic=3&amp;country=CL&amp;page=2" hreflang="en"' in html
        assert alternates(html)["en"] == "https://compras.example.org/en/about-the-network/"
        assert '<link rel="canonical" href="https://compras.example.org/es/acerca-de-la-red/">' in html

    def test_switcher_keeps_the_query_string_of_a_view_that_is_not_a_page(self, client, home):
        html = client.get("/es/buscar/?q=compras+p%C3%BAblicas&kind=event").content.decode()
        assert 'href="/en/search/?q=compras+p%C3%BAblicas&amp;kind=event" hreflang="en"' in html

    def test_menu_links_carry_the_translated_slug(self, client, about_page):
        english = client.get("/en/").content.decode()
        assert '<a href="/en/about-the-network/">About the network</a>' in english


@pytest.mark.django_db
class TestMissingTranslation:
    NOTICE = "has not been fully translated into English"

    def test_english_reader_sees_spanish_text_with_a_notice(self, client, spanish_only_page):
        html = client.get("/en/solo-en-espanol/").content.decode()
        assert "<h1>Sólo en español</h1>" in html
        assert "Esta página todavía no tiene traducción." in html
        assert self.NOTICE in html
        assert '<main id="main" tabindex="-1" lang="es">' in html

    def test_hreflang_does_not_claim_an_english_version(self, client, spanish_only_page):
        links = alternates(client.get("/en/solo-en-espanol/").content.decode())
        assert set(links) == {"es", "x-default"}

    def test_translated_page_has_no_notice(self, client, about_page):
        html = client.get("/en/about-the-network/").content.decode()
        assert self.NOTICE not in html
        assert '<main id="main" tabindex="-1">' in html

    def test_spanish_reader_never_sees_the_notice(self, client, spanish_only_page):
        html = client.get("/es/solo-en-espanol/").content.decode()
        assert "Esta página" in html
        assert "traducida" not in html
