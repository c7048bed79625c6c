"""A small bilingual site for the search tests, indexed by the publish signals as it is built::

Root
└── HomePage                        /es/                  /en/
    ├── CountryIndexPage            /es/paises/           /en/countries/
    │   ├── CountryPage Chile       (agency ChileCompra, law 19.886)
    │   │   └── PracticePage        Compras públicas para pymes / Public procurement for SMEs
    │   └── CountryPage México      /es/paises/mexico/    /en/countries/mexico/
    ├── TopicIndexPage              /es/temas/            /en/topics/
    │   └── TopicPage               Datos abiertos / Open data (led by Chile)
    ├── EventIndexPage              /es/eventos/          /en/events/
    │   └── EventPage               Seminario 2023 in Lima: a session and an agreement on open data
    ├── NewsIndexPage               /es/noticias/         /en/news/
    │   └── NewsPage                about Mexico's e-procurement reform (2024)
    └── StandardPage                /es/solo-en-espanol/  (Spanish only)
"""

import datetime
from collections.abc import Iterator

from django.core.files.base import ContentFile

import pytest

from countries.models import CountryIndexPage, CountryLaw, CountryPage, PracticePage
from events.models import EventAgreement, EventIndexPage, EventPage, EventSession
from network.models import NetworkDocument, StandardPage, TopicIndexPage, TopicPage
from network.skeleton import ensure_child
from news.models import NewsIndexPage, NewsPage
from tests.conftest import ensure_test_home, read_again, shared_content


def paragraph(text: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The site built once for a module whose tests all use it (see ``shared_content``)."""
    yield from shared_content(django_db_blocker, build_site)


@pytest.fixture
def site(request, db) -> dict:
    if "shared_site" in request.fixturenames:
        return read_again(request.getfixturevalue("shared_site"))
    return build_site()


def build_site() -> dict:
    home = ensure_test_home()
    pages = {"home": home}
    countries, _ = ensure_child(
        home, CountryIndexPage, "paises", slug_en="countries", title_es="Países", title_en="Countries"
    )
    chile, _ = ensure_child(
        countries,
        CountryPage,
        "chile",
        title_es="Chile",
        title_en="Chile",
        iso_alpha2="CL",
        iso_alpha3="CHL",
        subregion="south-america",
        agency_acronym="ChileCompra",
        agency_name_es="Dirección de Compras y Contratación Pública",
        agency_name_en="Public Procurement Directorate",
        intro_es="Chile compra a través de Mercado Público.",
        intro_en="Chile buys through Mercado Público.",
    )
    CountryLaw.objects.create(
        page=chile,
        title_es="Ley de compras públicas",
        title_en="Public procurement law",
        number="19.886",
        year=2003,
    )
    chile.save_revision().publish()
    mexico, _ = ensure_child(
        countries,
        CountryPage,
        "mexico",
        title_es="México",
        title_en="Mexico",
        iso_alpha2="MX",
        iso_alpha3="MEX",
        subregion="north-america",
        intro_es="México reformó su sistema de compras electrónicas.",
        intro_en="Mexico reformed its e-procurement system.",
    )
    topics, _ = ensure_child(
        home, TopicIndexPage, "temas", slug_en="topics", title_es="Temas", title_en="Topics"
    )
    open_data, _ = ensure_child(
        topics,
        TopicPage,
        "datos-abiertos",
        slug_en="open-data",
        title_es="Datos abiertos",
        title_en="Open data",
        intro_es="Publicar los datos de las contrataciones en formatos abiertos.",
        intro_en="Publishing procurement data in open formats.",
    )
    open_data.save_revision().publish()
    open_data.lead_countries.set([chile])
    practice, _ = ensure_child(
        chile,
        PracticePage,
        "compras-pymes",
        slug_en="procurement-smes",
        title_es="Compras públicas para pymes",
        title_en="Public procurement for SMEs",
        intro_es="Cómo las PYMEs venden al Estado mediante la contratación pública.",
        intro_en="How SMEs sell to the state through public procurement.",
        body_es=paragraph(
            "Las pequeñas y medianas empresas ganan licitaciones cuando los pliegos son simples."
        ),
        body_en=paragraph("Small and medium enterprises win tenders when bidding documents are simple."),
        date=datetime.date(2022, 5, 10),
    )
    practice.topics = [open_data]
    practice.save_revision().publish()
    events, _ = ensure_child(
        home, EventIndexPage, "eventos", slug_en="events", title_es="Eventos", title_en="Events"
    )
    seminar, _ = ensure_child(
        events,
        EventPage,
        "seminario-2023",
        slug_en="seminar-2023",
        title_es="Seminario Interamericano 2023",
        title_en="Inter-American Seminar 2023",
        intro_es="El seminario anual de la red.",
        intro_en="The network's annual seminar.",
        city_es="Lima",
        city_en="Lima",
        start_date=datetime.date(2023, 10, 4),
        end_date=datetime.date(2023, 10, 6),
        host_country=mexico,
    )
    session = EventSession.objects.create(
        page=seminar,
        title_es="Taller de integridad",
        title_en="Integrity workshop",
        description_es="Riesgos de colusión en licitaciones.",
        description_en="Collusion risks in tenders.",
    )
    session.topics.set([open_data])
    EventAgreement.objects.create(
        page=seminar,
        title_es="Acuerdo sobre interoperabilidad",
        title_en="Agreement on interoperability",
        text_es="<p>Compartir catálogos electrónicos.</p>",
        text_en="<p>Share electronic catalogues.</p>",
    )
    seminar.save_revision().publish()
    news_index, _ = ensure_child(
        home, NewsIndexPage, "noticias", slug_en="news", title_es="Noticias", title_en="News"
    )
    news, _ = ensure_child(
        news_index,
        NewsPage,
        "reforma-mexico",
        slug_en="mexico-reform",
        title_es="México estrena su plataforma de compras",
        title_en="Mexico launches its procurement platform",
        intro_es="La nueva plataforma digital concentra todas las licitaciones federales.",
        intro_en="The new digital platform brings every federal tender together.",
        date=datetime.date(2024, 3, 1),
    )
    news.countries = [mexico]
    news.save_revision().publish()
    spanish_only, _ = ensure_child(
        home,
        StandardPage,
        "solo-en-espanol",
        title_es="Guía de adquisiciones sostenibles",
        intro_es="Criterios ambientales en las adquisiciones del Estado.",
    )
    pages.update(
        countries=countries,
        chile=chile,
        mexico=mexico,
        topics=topics,
        open_data=open_data,
        practice=practice,
        events=events,
        seminar=seminar,
        news_index=news_index,
        news=news,
        spanish_only=spanish_only,
    )
    return pages


@pytest.fixture
def text_document(db) -> NetworkDocument:
    return NetworkDocument.objects.create(
        title="Informe sobre compras verdes",
        file=ContentFile(b"Las compras verdes reducen las emisiones de carbono.", name="informe.txt"),
        language="es",
        year=2021,
    )


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica (ASCII only), with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(output)


def docx_bytes(paragraphs: list[str], table_cell: str = "") -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_cell:
        document.add_table(rows=1, cols=1).cell(0, 0).text = table_cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def result_titles(html: str, *, as_text: bool = True) -> list[str]:
    """Result titles of a search page, in order, without their <mark> tags: as plain text
    (entities decoded), or ``as_text=False`` as the page writes them (escaped)."""
    import re
    from html import unescape

    found = re.findall(r'<h3 class="search-result__title"><a [^>]*>(.*?)</a></h3>', html)
    titles = [re.sub(r"</?mark>", "", title) for title in found]
    return [unescape(title) for title in titles] if as_text else titles
