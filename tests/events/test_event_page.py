"""The event page: facts, organizers, countries, agenda, report, agreements, documents and topics."""

import re
from collections.abc import Iterator
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from countries.models import CountryPage
from events.models import EventAgreement, EventDocument, EventSession
from portals.models import Institution
from tests.conftest import read_again, shared_content
from tests.events.conftest import create_document, event_site

from .test_index import section

# Every test reads the same seminar, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_seminar")


@pytest.fixture(scope="module")
def shared_seminar(django_db_setup, django_db_blocker) -> Iterator[dict]:
    def build() -> dict:
        site = event_site()
        return {"seminar": build_seminar(site.make_event, site.countries, site.topics, create_document)}

    yield from shared_content(django_db_blocker, build)


@pytest.fixture
def seminar(request, db):
    return read_again(request.getfixturevalue("shared_seminar"))["seminar"]


def build_seminar(make_event, countries, topics, make_document):
    """The III Inter-American Seminar, with everything an event page can show."""
    oas = Institution.objects.create(
        name_es="Organización de los Estados Americanos",
        name_en="Organization of American States",
        acronym_es="OEA",
        acronym_en="OAS",
        url="https://www.oas.org/",
    )
    report = make_document("Informe final", kind="report", language="es", file_size=2048)
    slides = make_document("Keynote slides", kind="presentation", language="en", file_size=3 * 1024 * 1024)
    page = make_event(
        "III Seminario Interamericano",
        "3rd Inter-American Seminar",
        kind="seminar",
        edition=3,
        intro_es="Compras públicas sostenibles.",
        intro_en="Sustainable public procurement.",
        city_es="Ciudad de México",
        city_en="Mexico City",
        host_country=countries.MX,
        start_date=date(2023, 10, 2),
        end_date=date(2023, 10, 4),
        organizing_countries=[countries.MX],
        organizing_institutions=[oas],
        participating_countries=[countries.PE, countries.US, countries.BR, countries.CL],
        participants_count=120,
        institutions_count=8,
        sessions=[
            EventSession(
                title_es="Taller de datos",
                title_en="Data workshop",
                kind="workshop",
                topics=[topics.open_data],
            ),
            EventSession(
                title_es="Foro de sostenibilidad",
                title_en="Sustainability forum",
                kind="forum",
                topics=[topics.sustainable],
            ),
            EventSession(title_es="Taller de contratos", title_en="Contracts workshop", kind="workshop"),
            EventSession(
                title_es="Mesa redonda", title_en="Round table", kind="round-table", date=date(2023, 10, 3)
            ),
        ],
        agreements=[
            EventAgreement(
                sort_order=0,
                title_es="Publicar datos abiertos",
                title_en="Publish open data",
                text_es="<p>Los países publicarán.</p>",
                text_en="<p>Countries will publish.</p>",
                topics=[topics.open_data],
                responsible_countries=[countries.PE, countries.CL],
            ),
            EventAgreement(
                sort_order=1,
                title_es="Criterios sostenibles",
                title_en="Sustainable criteria",
                text_es="<p>Criterios.</p>",
                text_en="<p>Criteria.</p>",
                topics=[topics.sustainable],
            ),
        ],
        documents=[
            EventDocument(document=report, sort_order=0),
            EventDocument(document=slides, sort_order=1),
        ],
    )
    page.report_es = [("paragraph", RichText("<p>El seminario reunió a la red.</p>"))]
    page.report_en = [("paragraph", RichText("<p>The seminar gathered the network.</p>"))]
    page.save_revision().publish()
    return page


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)


@pytest.mark.django_db
class TestFacts:
    def test_spanish_page(self, client, seminar):
        html = get_html(client, "/es/eventos/evento-1/")
        assert '<html lang="es">' in html
        assert "<h1>III Seminario Interamericano</h1>" in html
        assert '<p class="lead">Compras públicas sostenibles.</p>' in html
        assert "<dd>III</dd>" in html
        assert "<dd>Ciudad de México</dd>" in html
        assert '<dd><a href="/es/paises/mexico/">México</a></dd>' in html
        assert "<dd>120</dd>" in html and "<dd>8</dd>" in html
        assert "octubre" in html

    def test_english_page(self, client, seminar):
        html = get_html(client, "/en/events/event-1/")
        assert '<html lang="en">' in html
        assert "<h1>3rd Inter-American Seminar</h1>" in html
        assert '<span class="badge">Seminar</span>' in html
        assert "<dd>Mexico City</dd>" in html
        assert "October 2–4, 2023" in html
        assert '<dd><a href="/en/countries/mexico/">Mexico</a></dd>' in html

    def test_organizers_are_linked_countries_and_institutions(self, client, seminar):
        html = get_html(client, "/en/events/event-1/")
        organizers = re.search(r"<dt>Organized by</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
        assert links(organizers) == [
            ("/en/countries/mexico/", "Mexico"),
            ("https://www.oas.org/", "Organization of American States"),
        ]
        assert "(OAS)" in organizers
        assert "(OEA)" in get_html(client, "/es/eventos/evento-1/")

    def test_online_event_without_place_or_counts(self, client, make_event):
        make_event("Conferencia web", kind="web-conference")
        html = get_html(client, "/es/eventos/evento-1/")
        assert "Host country" not in html and "<dt>City</dt>" not in html and "Participants" not in html

    def test_unpublished_country_is_named_not_linked(self, client, seminar, countries):
        countries.PE.unpublish()
        html = section(get_html(client, "/es/eventos/evento-1/"), "participating-countries")
        assert ("/es/paises/peru/", "Perú") not in links(html)
        assert "Perú" not in html


@pytest.mark.django_db
class TestCrossLinks:
    def test_participating_countries_alphabetical_in_each_language(self, client, seminar):
        spanish = section(get_html(client, "/es/eventos/evento-1/"), "participating-countries")
        english = section(get_html(client, "/en/events/event-1/"), "participating-countries")
        assert links(spanish) == [
            ("/es/paises/brasil/", "Brasil"),
            ("/es/paises/chile/", "Chile"),
            ("/es/paises/estados-unidos/", "Estados Unidos"),
            ("/es/paises/peru/", "Perú"),
        ]
        assert links(english) == [
            ("/en/countries/brazil/", "Brazil"),
            ("/en/countries/chile/", "Chile"),
            ("/en/countries/peru/", "Peru"),
            ("/en/countries/united-states/", "United States"),
        ]

    def test_event_topics_come_from_sessions_and_agreements(self, client, seminar):
        topics = section(get_html(client, "/en/events/event-1/"), "event-topics")
        assert links(topics) == [
            ("/en/topics/open-data/", "Open data"),
            ("/en/topics/sustainable-procurement/", "Sustainable procurement"),
        ]

    def test_the_country_profiles_link_back_through_the_relations(self, seminar, countries):
        assert list(countries.MX.events_hosted.all()) == [seminar]
        assert seminar in countries.PE.events_attended.all()
        assert seminar in countries.MX.events_organized.all()
        assert {agreement.title_es for agreement in countries.PE.agreements_responsible.all()} == {
            "Publicar datos abiertos"
        }


@pytest.mark.django_db
class TestAgenda:
    def test_sessions_grouped_by_kind_in_agenda_order(self, client, seminar):
        agenda = section(get_html(client, "/en/events/event-1/"), "agenda")
        assert re.findall(r"<h3>([^<]+)</h3>", agenda) == ["Workshops", "Discussion forums", "Round tables"]
        workshops = agenda.split("<h3>Discussion forums</h3>")[0]
        assert re.findall(r"<h4>([^<]+)</h4>", workshops) == ["Data workshop", "Contracts workshop"]

    def test_sessions_link_their_topics(self, client, seminar):
        agenda = section(get_html(client, "/es/eventos/evento-1/"), "agenda")
        data_workshop = agenda.split("<h4>Taller de datos</h4>")[1].split("</li>\n")[0]
        assert ("/es/temas/datos-abiertos/", "Datos abiertos") in links(data_workshop)

    def test_session_dates_are_localized(self, client, seminar):
        assert '<time datetime="2023-10-03">3 de octubre de 2023</time>' in get_html(
            client, "/es/eventos/evento-1/"
        )
        assert '<time datetime="2023-10-03">Oct. 3, 2023</time>' in get_html(client, "/en/events/event-1/")


@pytest.mark.django_db
class TestReportAgreementsDocuments:
    def test_executive_report_in_each_language(self, client, seminar):
        assert "El seminario reunió a la red." in section(get_html(client, "/es/eventos/evento-1/"), "report")
        assert "The seminar gathered the network." in section(
            get_html(client, "/en/events/event-1/"), "report"
        )

    def test_agreements_are_numbered_with_topics_and_responsible_countries(self, client, seminar):
        agreements = section(get_html(client, "/en/events/event-1/"), "agreements")
        assert re.findall(r'<li id="agreement-(\d+)" value="(\d+)">\s*<h3>([^<]+)</h3>', agreements) == [
            ("1", "1", "Agreement 1: Publish open data"),
            ("2", "2", "Agreement 2: Sustainable criteria"),
        ]
        first = agreements.split('id="agreement-2"')[0]
        assert "<p>Countries will publish.</p>" in first
        assert links(first) == [
            ("/en/topics/open-data/", "Open data"),
            ("/en/countries/chile/", "Chile"),
            ("/en/countries/peru/", "Peru"),
        ]

    def test_documents_show_title_kind_language_size_and_link(self, client, seminar):
        documents = section(get_html(client, "/en/events/event-1/"), "documents")
        rows = re.findall(
            r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", documents, re.S
        )
        titles = [re.search(r">([^<]+)</a>", row[0]).group(1) for row in rows]
        assert titles == ["Informe final", "Keynote slides"]
        assert [row[1:] for row in rows] == [
            ("Report", "Spanish", "2.0\xa0KB"),
            ("Presentation", "English", "3.0\xa0MB"),
        ]
        link = seminar.documents.first().document
        assert f'<a href="{link.url}" hreflang="es" lang="es">Informe final</a>' in documents
        assert client.get(link.url).status_code == 200

    def test_a_past_event_offers_no_calendar(self, client, seminar):
        assert "/ical/" not in get_html(client, "/es/eventos/evento-1/")


@pytest.mark.django_db
class TestAddToMyCalendar:
    """Offered only for events still to come whose days are known."""

    def test_an_event_still_to_come_in_each_language(self, client, make_event):
        today = timezone.localdate()
        event = make_event(start_date=today - timedelta(days=1), end_date=today)
        assert f'href="/es/eventos/{event.slug_es}/ical/"' in get_html(
            client, f"/es/eventos/{event.slug_es}/"
        )
        assert f'href="/en/events/{event.slug_en}/ical/"' in get_html(client, f"/en/events/{event.slug_en}/")

    def test_not_for_an_event_known_only_to_the_month(self, client, make_event):
        next_year = timezone.localdate().year + 1
        event = make_event(
            start_date=date(next_year, 6, 1), end_date=date(next_year, 6, 1), only_month_known=True
        )
        html = get_html(client, f"/es/eventos/{event.slug_es}/")
        assert "/ical/" not in html
        assert f'<time datetime="{next_year}-06">junio de {next_year}</time>' in html


@pytest.mark.django_db
def test_query_count_does_not_grow_with_related_objects(client, make_event, countries, topics, make_document):
    """1 or 50 sessions, agreements, participating countries and documents: the same number of queries."""
    many_countries = [countries.BR]
    for number in range(49):
        iso2 = "XY"[number // 26] + chr(ord("A") + number % 26)
        many_countries.append(
            countries.BR.get_parent().add_child(
                instance=CountryPage(
                    title=f"País {number}",
                    slug=f"pais-{number}",
                    slug_es=f"pais-{number}",
                    slug_en=f"country-{number}",
                    title_es=f"País {number}",
                    iso_alpha2=iso2,
                    iso_alpha3=f"Z{iso2}",
                    subregion="caribbean",
                    live=True,
                )
            )
        )

    def event_with(count: int) -> str:
        page = make_event(
            host_country=countries.CL,
            organizing_countries=many_countries[:count],
            participating_countries=many_countries[:count],
            sessions=[
                EventSession(
                    title_es=f"Sesión {n}", kind=["workshop", "forum"][n % 2], topics=[topics.open_data]
                )
                for n in range(count)
            ],
            agreements=[
                EventAgreement(
                    sort_order=n,
                    title_es=f"Acuerdo {n}",
                    text_es="<p>A</p>",
                    topics=[topics.sustainable],
                    responsible_countries=many_countries[:2],
                )
                for n in range(count)
            ],
            documents=[
                EventDocument(document=make_document(f"Documento {n}", file_size=10)) for n in range(count)
            ],
        )
        return page.url

    def count_queries(url: str) -> tuple[int, str]:
        get_html(client, url)  # warm the site and URL caches
        with CaptureQueriesContext(connection) as queries:
            html = get_html(client, url)
        return len(queries), html

    one, one_html = count_queries(event_with(1))
    fifty, fifty_html = count_queries(event_with(50))
    assert len(re.findall(r"<h4>", fifty_html)) == 50 and len(re.findall(r"<h4>", one_html)) == 1
    assert fifty_html.count('id="agreement-') == 50
    assert one == fifty


@pytest.mark.django_db
def test_editor_preview_of_an_unsaved_event_renders(client, event_index, countries, topics):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    data = nested_form_data(
        {
            "title_es": "Vista previa",
            "slug_es": "vista-previa",
            "kind": "seminar",
            "start_date": "2024-05-01",
            "end_date": "2024-05-02",
            "report_es": streamfield([]),
            "report_en": streamfield([]),
            "sessions": inline_formset([{"kind": "workshop", "title_es": "Taller previo"}]),
            "agreements": inline_formset([]),
            "documents": inline_formset([]),
        }
    )
    data.update({"participating_countries": [countries.CL.pk], "sessions-0-topics": [topics.open_data.pk]})
    url = f"/admin/pages/add/events/eventpage/{event_index.pk}/preview/"
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    html = client.get(url).content.decode()
    assert "<h4>Taller previo</h4>" in html
    assert '<a href="/es/paises/chile/">Chile</a>' in html
    assert '<a href="/es/temas/datos-abiertos/">Datos abiertos</a>' in html
    assert "vista-previa/ical/" not in html, "an unpublished event has no calendar file yet"


@pytest.mark.django_db
def test_an_event_known_only_to_the_month_shows_the_month(client, make_event):
    event = make_event(start_date=date(2004, 9, 1), end_date=date(2004, 9, 1), only_month_known=True)
    spanish = get_html(client, event.get_url())
    assert '<time datetime="2004-09">septiembre de 2004</time>' in spanish
    with translation.override("en"):
        english = get_html(client, event.get_url())
    assert '<time datetime="2004-09">September 2004</time>' in english
    assert '"startDate": "2004-09"' in english
    assert "September 1" not in english
    assert '<time datetime="2004-09">September 2004</time>' in get_html(client, "/en/events/")


@pytest.mark.django_db
def test_an_agreement_without_its_english_title_is_marked_spanish(client, make_event):
    event = make_event(
        agreements=[
            EventAgreement(title_es="Publicar datos abiertos", text_es="<p>Los países publicarán.</p>")
        ]
    )
    html = get_html(client, f"/en/events/{event.slug_en}/")
    assert '<span lang="es">Publicar datos abiertos</span>' in html
    assert '<div lang="es"><p>Los países publicarán.</p></div>' in html
    assert "has not been fully translated into English" in html
