"""The portal directory: member portals and partner initiatives, grouped by kind and filterable."""

import re

import pytest

from portals.models import Institution, Portal, PortalKind

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")


def row(html: str, name: str) -> str:
    """The directory's table row for the portal called ``name``, with whitespace collapsed."""
    start = html.index(f'rel="external">{name}</a>')
    row_html = html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]
    return re.sub(r"\s+", " ", row_html)


@pytest.fixture
def chilecompra(chile) -> Portal:
    institution = Institution.objects.create(
        name_es="Dirección ChileCompra",
        name_en="ChileCompra Directorate",
        acronym="ChileCompra",
        country=chile,
    )
    return Portal.objects.create(
        name_es="Mercado Público",
        name_en="Public Market",
        kind=PortalKind.EPROCUREMENT,
        url="https://www.mercadopublico.cl/",
        country=chile,
        institution=institution,
        languages="es, en",
        publishes_ocds=True,
        ocds_url="https://api.mercadopublico.cl/ocds",
    )


@pytest.fixture
def compranet(mexico) -> Portal:
    return Portal.objects.create(
        name="CompraNet",
        kind=PortalKind.OPEN_DATA,
        url="https://compranet.gob.mx/",
        country=mexico,
        languages="es",
    )


@pytest.fixture
def regional_initiative(db) -> Portal:
    return Portal.objects.create(
        name_es="Iniciativa regional",
        name_en="Regional initiative",
        kind=PortalKind.INITIATIVE,
        url="https://example.org/",
        languages="es, pt",
    )


@pytest.mark.django_db
class TestPortalDirectory:
    def test_renders_in_both_languages(self, client, portal_directory, chilecompra):
        spanish = client.get("/es/portales/")
        english = client.get("/en/portals/")
        assert spanish.status_code == english.status_code == 200
        assert (
            '<a href="https://www.mercadopublico.cl/" rel="external">Mercado Público</a>'
            in spanish.content.decode()
        )
        assert (
            '<a href="https://www.mercadopublico.cl/" rel="external">Public Market</a>'
            in english.content.decode()
        )

    def test_owner_country_is_linked_and_institution_named(self, client, portal_directory, chilecompra):
        html = client.get("/en/portals/").content.decode()
        assert '<a href="/en/countries/chile/">Chile</a>' in html
        assert "ChileCompra — ChileCompra Directorate" in html

    def test_languages_are_named_in_the_readers_language(self, client, portal_directory, regional_initiative):
        assert "Spanish, Portuguese" in client.get("/en/portals/").content.decode()
        assert "español, portugués" in client.get("/es/portales/").content.decode().lower()

    def test_open_contracting_data_says_yes_and_where_or_no(
        self, client, portal_directory, chilecompra, compranet
    ):
        html = client.get("/en/portals/").content.decode()
        ocds_link = '<a href="https://api.mercadopublico.cl/ocds" rel="external">download the data</a>'
        ocds = '<td data-label="Open contracting data (OCDS)">'
        assert f"{ocds} Yes — {ocds_link} </td>" in row(html, "Public Market")
        assert f"{ocds} No </td>" in row(html, "CompraNet")

    def test_portals_are_grouped_by_kind(
        self, client, portal_directory, chilecompra, compranet, regional_initiative
    ):
        html = client.get("/en/portals/").content.decode()
        order = [
            html.index('<h2 id="portals-e-procurement">'),
            html.index("Public Market"),
            html.index('<h2 id="portals-open-data">'),
            html.index("CompraNet"),
            html.index('<h2 id="portals-initiative">'),
            html.index("Regional initiative"),
        ]
        assert order == sorted(order)

    def test_regional_portals_have_no_owner_country(self, client, portal_directory, regional_initiative):
        assert '<td data-label="Country and institution"> Regional </td>' in row(
            client.get("/en/portals/").content.decode(), "Regional initiative"
        )

    @pytest.mark.parametrize(
        ("query", "shown", "hidden"),
        [
            ("?kind=open-data", ["CompraNet"], ["Public Market", "Regional initiative"]),
            ("?country=cl", ["Public Market"], ["CompraNet", "Regional initiative"]),
            ("?kind=open-data&country=CL", [], ["Public Market", "CompraNet", "Regional initiative"]),
            ("?kind=nonsense&country=%00%ff", ["Public Market", "CompraNet", "Regional initiative"], []),
            ("?country=Chile&kind[]=x", ["Public Market", "CompraNet", "Regional initiative"], []),
        ],
    )
    def test_filters_by_kind_and_country_and_ignore_invalid_values(
        self, client, portal_directory, chilecompra, compranet, regional_initiative, query, shown, hidden
    ):
        response = client.get("/en/portals/" + query)
        html = response.content.decode()
        assert response.status_code == 200
        for name in shown:
            assert f'rel="external">{name}</a>' in html
        for name in hidden:
            assert f'rel="external">{name}</a>' not in html

    def test_filter_form_offers_owner_countries_and_keeps_the_selection(
        self, client, portal_directory, chilecompra, compranet
    ):
        html = client.get("/en/portals/?country=MX").content.decode()
        assert '<option value="MX" selected>Mexico</option>' in html
        assert '<option value="CL">Chile</option>' in html
        assert "No portals match these filters." not in html

    def test_query_count_does_not_grow_with_portals(self, count_queries, portal_directory, make_country):
        def add_portal(number: int) -> None:
            country = make_country(f"pais-{number}", f"País {number}")
            institution = Institution.objects.create(name=f"Agencia {number}", country=country)
            Portal.objects.create(
                name=f"Portal {number}",
                kind=list(PortalKind)[number % 3],
                url=f"https://portal{number}.example/",
                country=country,
                institution=institution,
                languages="es, en",
            )

        add_portal(0)
        one = count_queries("/es/portales/")
        for number in range(1, 6):
            add_portal(number)
        assert count_queries("/es/portales/") == one
