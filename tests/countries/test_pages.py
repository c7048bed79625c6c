"""The public country pages in both languages: index, profile, good practice."""

import datetime
import re

from django.utils import translation

import pytest

from countries.models import CountryPage, PracticePage, Subregion, group_by_subregion

# Every test reads the same member states, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_countries")


def main_html(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def positions(html: str, *texts: str) -> list[int]:
    return [html.index(text) for text in texts]


@pytest.mark.django_db
class TestTranslatedAddresses:
    @pytest.mark.parametrize(
        ("url", "title"),
        [
            ("/es/paises/", "Países miembros"),
            ("/en/countries/", "Member states"),
            ("/es/paises/chile/", "Chile"),
            ("/en/countries/chile/", "Chile"),
            ("/es/paises/santa-lucia/", "Santa Lucía"),
            ("/en/countries/saint-lucia/", "Saint Lucia"),
        ],
    )
    def test_each_language_has_its_own_slug(self, client, countries, url, title):
        assert f"<h1>{title}</h1>" in main_html(client.get(url))

    @pytest.mark.parametrize("url", ["/en/paises/chile/", "/es/countries/chile/", "/es/paises/saint-lucia/"])
    def test_the_other_languages_slug_is_not_found(self, client, countries, url):
        assert client.get(url).status_code == 404

    def test_a_draft_profile_is_not_published(self, client, countries):
        assert client.get("/es/paises/canada/").status_code == 404
        assert "Canadá" not in main_html(client.get("/es/paises/"))


@pytest.mark.django_db
class TestCountryIndex:
    def test_countries_are_grouped_by_subregion_in_the_choices_order(self, client, countries):
        html = main_html(client.get("/en/countries/"))
        headings = re.findall(r'<h2 id="subregion-\d+">([^<]+)</h2>', html)
        assert headings == ["North America", "Caribbean", "South America"]
        mexico, saint_lucia, chile, peru = positions(
            html, ">Mexico</a>", ">Saint Lucia</a>", ">Chile</a>", ">Peru</a>"
        )
        assert mexico < saint_lucia < chile < peru

    def test_names_sort_alphabetically_ignoring_accents(self, countries):
        belize = CountryPage(title_es="Belice", subregion=Subregion.SOUTH_AMERICA)
        uruguay = CountryPage(title_es="Uruguay", subregion=Subregion.SOUTH_AMERICA)
        with translation.override("es"):
            grouped = dict(group_by_subregion([uruguay, countries["PE"], belize, countries["CL"]]))
            names = [page.title for page in grouped[Subregion.SOUTH_AMERICA.label]]
        assert names == [
            "Belice",
            "Chile",
            "Perú",
            "Uruguay",
        ]

    def test_each_country_shows_code_link_agency_and_membership(self, client, countries):
        html = main_html(client.get("/es/paises/"))
        assert (
            '<span class="country-code" aria-hidden="true">CL</span> <a href="/es/paises/chile/">Chile</a>'
            in html
        )
        assert "Dirección de Compras y Contratación Pública (ChileCompra)" in html
        assert "Secretaría Anticorrupción y Buen Gobierno" in html
        english = main_html(client.get("/en/countries/"))
        assert '<a href="/en/countries/peru/">Peru</a>' in english
        assert "Supervisory Body for State Procurement (OSCE)" in english
        assert "Executive committee seat, member since 2005" in english
        assert "Member since 2006" in english
        assert "Member of the network" in english  # every OAS member state, whether active yet or not

    def test_the_index_shows_the_map(self, client, countries):
        html = main_html(client.get("/en/countries/"))
        assert 'class="americas-map__svg"' in html


@pytest.mark.django_db
class TestMembershipStatus:
    @pytest.mark.parametrize(
        ("committee", "since", "status"),
        [
            (True, 2005, "Executive committee seat, member since 2005"),
            (True, None, "Executive committee seat"),
            (False, 2010, "Member since 2010"),
            (False, None, "Member of the network"),
        ],
    )
    def test_status_follows_the_fields(self, committee, since, status):
        page = CountryPage(executive_committee=committee, member_since=since)
        with translation.override("en"):
            assert page.membership_status == status


@pytest.mark.django_db
class TestCountryProfile:
    @pytest.fixture
    def chile_with_everything(self, chile, related_content):
        related_content(chile, 2)
        return chile

    def test_english_profile_lists_every_relation(self, client, chile_with_everything):
        html = main_html(client.get("/en/countries/chile/"))
        for text in (
            "<dd>South America</dd>",
            '<span class="badge">CL</span> <span class="badge">CHL</span>',
            "<dt>Membership</dt>\n      <dd>Executive committee seat, member since 2005</dd>",
            "<dt>Executive committee seat</dt>\n      <dd>Yes</dd>",
            '<a href="https://www.chilecompra.cl/" rel="external">',
            '<th scope="row">Act 1</th>',
            '<td class="nowrap">19002</td>',
            "<strong>Public Market</strong> · launched in 2003",
            '<span class="badge">Module 2</span>',
            '<a href="https://portal1.example.org/" rel="external">Portal 1</a>',
            "Open data portal",
            "Open Contracting Data Standard",
            '<th scope="row">Purchases in year 1</th>',
            '<a href="https://example.org/report" rel="external">Annual report</a>',
            '<a href="/en/countries/chile/practice-',
            '<a href="/en/events/event-',
            ">Seminar 2</a>",
            '<time datetime="2010-01-03">',
            '<a href="/en/topics/topic-',
            "Agreement 1: Agreement 2",
            '<a href="/en/news/news-',
            ">News item 1</a>",
            '.pdf" hreflang="es" lang="es">Informe 2</a>',
            "Head of international affairs",
            '<a href="mailto:internacional@example.org">',
        ):
            assert text in html, text

    def test_spanish_profile_reads_the_spanish_fields(self, client, chile_with_everything):
        html = main_html(client.get("/es/paises/chile/"))
        for text in (
            "<strong>Mercado Público</strong>",
            '<th scope="row">Ley 1</th>',
            '<a href="/es/paises/chile/practica-',
            '<a href="/es/eventos/evento-',
            ">Seminario 2</a>",
            '<a href="/es/temas/tema-',
            ": Acuerdo 2",
            '<a href="/es/noticias/noticia-',
            "Jefa de asuntos internacionales",
            "millones de USD",
        ):
            assert text in html, text

    @pytest.mark.parametrize(
        ("url", "value"), [("/es/paises/chile/", "12\xa0345,50"), ("/en/countries/chile/", "12,345.50")]
    )
    def test_figures_are_formatted_per_language_and_dated_and_sourced(
        self, client, chile_with_everything, url, value
    ):
        html = main_html(client.get(url))
        row = re.search(
            r'<td class="key-figures__value">([^<]+)</td>\s*<td>(\d{4})</td>\s*<td><a href="([^"]+)"', html
        )
        assert row is not None
        assert row.group(1).startswith(value)
        assert row.group(2) == "2020"
        assert row.group(3) == "https://example.org/report"

    def test_events_hosted_and_attended_are_listed_newest_first(self, client, chile_with_everything):
        html = main_html(client.get("/en/countries/chile/"))
        hosted = html[html.index("<h3>Hosted</h3>") : html.index("<h3>Attended</h3>")]
        assert hosted.index(">Seminar 2</a>") < hosted.index(">Seminar 1</a>")
        assert "<dd>2</dd>" in html  # events hosted

    def test_a_country_without_relations_has_no_empty_lists(self, client, peru):
        html = main_html(client.get("/en/countries/peru/"))
        for heading in ("Key figures", "Events", "News", "Documents"):
            assert f">{heading}</h2>" not in html

    def test_each_section_not_reported_says_so_and_the_countrys_editors_are_invited(self, client, peru):
        html = main_html(client.get("/en/countries/peru/"))
        not_reported = r'</h2>\s*<p class="not-reported">Not yet reported.</p>'
        for section in ("laws", "system", "portals", "contact"):
            assert re.search(rf'<h2 id="{section}">[^<]+{not_reported}', html), section
        assert "Supervisory Body for State Procurement (OSCE)" in html  # the agency is reported
        assert "Editors from the procurement agency of Peru are invited to complete it." in html
        assert "<dt>Last updated</dt>\n      <dd>Nothing reported yet</dd>" in html

    def test_each_reported_section_names_its_source_and_as_of_date(self, client, chile):
        chile.agency_source = "https://www.chilecompra.cl/quienes-somos"
        chile.agency_as_of = datetime.date(2024, 3, 1)
        chile.system_source = "https://www.mercadopublico.cl/"
        chile.system_as_of = datetime.date(2025, 1, 31)
        chile.save_revision().publish()
        html = main_html(client.get("/en/countries/chile/"))
        agency = html[html.index('<h2 id="agency">') : html.index('<h2 id="laws">')]
        assert (
            'Source: <a href="https://www.chilecompra.cl/quienes-somos" rel="external">chilecompra.cl</a>'
            ' · as of <time datetime="2024-03-01">March 1, 2024</time>'
        ) in agency
        assert '<a href="https://www.mercadopublico.cl/" rel="external">mercadopublico.cl</a>' in html
        # The newest date a reported section was confirmed, not when the page was last published.
        last_updated = '<dd><time datetime="2025-01-31">Jan. 31, 2025</time></dd>'
        assert f"<dt>Last updated</dt>\n      {last_updated}" in html

    def test_unpublished_related_pages_are_left_out(self, client, chile_with_everything):
        PracticePage.objects.child_of(chile_with_everything).first().unpublish()
        html = main_html(client.get("/en/countries/chile/"))
        assert html.count('href="/en/countries/chile/practice-') == 1


@pytest.mark.django_db
class TestPracticePage:
    def test_practice_links_its_country_date_and_topics(self, client, chile, related_content):
        related_content(chile, 1)
        practice = PracticePage.objects.child_of(chile).get()
        practice.intro_es = "Cómo se compra en línea."
        practice.intro_en = "How buying online works."
        practice.save_revision().publish()
        with translation.override("en"):
            english_url = practice.get_url()
        with translation.override("es"):
            spanish_url = practice.get_url()
        assert english_url.startswith("/en/countries/chile/practice-")
        assert spanish_url.startswith("/es/paises/chile/practica-")
        english = main_html(client.get(english_url))
        assert '<a href="/en/countries/chile/">Chile</a>' in english
        assert f'<time datetime="{practice.date:%Y-%m-%d}">' in english
        assert '<a href="/en/topics/topic-' in english
        assert "How buying online works." in english
        spanish = main_html(client.get(spanish_url))
        assert '<a href="/es/paises/chile/">Chile</a>' in spanish
        assert "Cómo se compra en línea." in spanish
