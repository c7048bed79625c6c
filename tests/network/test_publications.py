"""The publications library: filters that combine, counts per option, pagination, lenient parameters."""

import re

import pytest

from network.models import PublicationIndexPage

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")


def titles(html: str) -> list[str]:
    """The listed documents' titles, in order."""
    return re.findall(r'<h2><a href="/documents/[^"]+" hreflang="\w+" lang="\w+">([^<]+)</a></h2>', html)


def option(html: str, param: str, value: str) -> str:
    """The text of the ``value`` option of the ``param`` filter."""
    select = html[html.index(f'<select id="filter-{param}"') :]
    select = select[: select.index("</select>")]
    match = re.search(rf'<option value="{re.escape(value)}"( selected)?>([^<]*)</option>', select)
    return match.group(2) if match else ""


@pytest.fixture
def library(publication_index, make_document, chile, mexico, topic, seminar):
    """Four documents across types, languages, years, countries and topics."""
    make_document(
        "Informe de datos abiertos",
        kind="report",
        language="es",
        year=2020,
        countries=[chile],
        topics=[topic],
    )
    make_document("Open data guide", kind="guide", language="en", year=2021, countries=[chile, mexico])
    make_document(
        "Presentación del seminario", kind="presentation", language="es", year=2005, events=[seminar]
    )
    make_document("Lei de licitações", kind="law", language="pt", countries=[mexico], topics=[topic])
    return publication_index


@pytest.mark.django_db
class TestPublicationIndex:
    def test_renders_in_both_languages(self, client, library):
        spanish = client.get("/es/publicaciones/")
        english = client.get("/en/publications/")
        assert spanish.status_code == english.status_code == 200
        assert len(titles(spanish.content.decode())) == 4
        assert "4 documents" in english.content.decode()

    def test_newest_first_and_undated_last(self, client, library):
        assert titles(client.get("/en/publications/").content.decode()) == [
            "Open data guide",
            "Informe de datos abiertos",
            "Presentación del seminario",
            "Lei de licitações",
        ]

    def test_each_document_shows_type_language_year_countries_topics_and_events(self, client, library):
        html = client.get("/en/publications/").content.decode()
        assert 'hreflang="pt" lang="pt">Lei de licitações</a>' in html
        assert '<span class="badge">Law or regulation</span>' in html
        assert "Portuguese" in html
        assert '<a href="/en/countries/chile/">Chile</a>, <a href="/en/countries/mexico/">Mexico</a>' in html
        assert '<a href="/en/topics/open-data/">Open data</a>' in html
        assert '<a href="/en/events/iii-seminar/">III Inter-American Seminar</a>' in html

    def test_an_unpublished_event_is_not_named(self, client, library, seminar):
        seminar.unpublish()
        assert "III Inter-American Seminar" not in client.get("/en/publications/").content.decode()

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("?kind=guide", ["Open data guide"]),
            ("?language=es", ["Informe de datos abiertos", "Presentación del seminario"]),
            ("?year=2005", ["Presentación del seminario"]),
            ("?country=mx", ["Open data guide", "Lei de licitações"]),
            ("?country=CL&language=en", ["Open data guide"]),
            ("?country=MX&kind=report", []),
        ],
    )
    def test_filters_combine(self, client, library, query, expected):
        assert titles(client.get("/en/publications/" + query).content.decode()) == expected

    def test_filters_by_topic(self, client, library, topic):
        html = client.get(f"/en/publications/?topic={topic.pk}").content.decode()
        assert titles(html) == ["Informe de datos abiertos", "Lei de licitações"]

    @pytest.mark.parametrize(
        "query",
        [
            "?kind=novel",
            "?language=xx",
            "?year=abc",
            "?year=99999999999999999999",
            "?country=Chile",
            "?topic=-1",
            "?topic=99999999999999999999",
            "?topic=%00",
            "?topic=١٢",
            "?kind=&language=&year=&country=&topic=",
            "?page=abc",
            "?page=999",
        ],
    )
    def test_invalid_values_are_ignored(self, client, library, query):
        response = client.get("/en/publications/" + query)
        assert response.status_code == 200
        assert len(titles(response.content.decode())) == 4

    def test_a_valid_value_nothing_matches_says_so(self, client, library):
        html = client.get("/en/publications/?country=ZZ").content.decode()
        assert titles(html) == []
        assert "No publications match these filters." in html

    def test_options_count_what_choosing_them_would_give(self, client, library, topic):
        html = client.get("/en/publications/?country=CL").content.decode()
        # The other filters' counts are within Chile's two documents…
        assert option(html, "kind", "report") == "Report (1)"
        assert option(html, "kind", "law") == ""
        assert option(html, "language", "en") == "English (1)"
        assert option(html, "year", "2021") == "2021 (1)"
        assert option(html, "topic", str(topic.pk)) == "Open data (1)"
        # …while the country filter counts across every country and keeps the choice.
        assert option(html, "country", "CL") == "Chile (2)"
        assert option(html, "country", "MX") == "Mexico (2)"
        assert '<option value="CL" selected>' in html

    def test_option_labels_follow_the_readers_language(self, client, library):
        html = client.get("/es/publicaciones/").content.decode()
        assert option(html, "country", "MX") == "México (2)"

    def test_each_version_of_a_document_links_to_the_others(self, client, publication_index, make_document):
        original = make_document("Informe anual", language="es", year=2024)
        english = make_document("Annual report", language="en", year=2024, translation_of=original)
        portuguese = make_document("Relatório anual", language="pt", year=2024, translation_of=original)
        make_document("Guía sin traducir", language="es", year=2023)
        html = client.get("/en/publications/").content.decode()
        links = {
            title: re.findall(r'<a href="(/documents/[^"]+)" hreflang="(\w+)">(\w+)</a>', versions)
            for title, versions in re.findall(r'lang="\w+">([^<]+)</a></h2>(.*?)</li>', html, re.S)
        }
        assert links == {
            "Annual report": [(original.url, "es", "Spanish"), (portuguese.url, "pt", "Portuguese")],
            "Informe anual": [(english.url, "en", "English"), (portuguese.url, "pt", "Portuguese")],
            "Relatório anual": [(original.url, "es", "Spanish"), (english.url, "en", "English")],
            "Guía sin traducir": [],
        }
        assert "Otros idiomas" in client.get("/es/publicaciones/").content.decode()

    def test_paginates_and_keeps_the_filters(self, client, publication_index, make_document):
        for number in range(25):
            make_document(f"Guía {number:02d}", kind="guide", year=2000 + number)
        make_document("Otro informe", kind="report", year=2030)
        first = client.get("/es/publicaciones/?kind=guide").content.decode()
        second = client.get("/es/publicaciones/?kind=guide&page=2").content.decode()
        assert len(titles(first)) == 20
        assert titles(second) == ["Guía 04", "Guía 03", "Guía 02", "Guía 01", "Guía 00"]
        assert '<a href="?kind=guide&amp;page=2" rel="next">' in first
        assert "Otro informe" not in first + second

    def test_a_topic_page_links_to_its_filtered_publications(self, client, library, topic, make_document):
        for number in range(9):
            make_document(f"Nota {number}", topics=[topic])
        topic_html = client.get("/en/topics/open-data/").content.decode()
        link = re.search(
            r'<a href="(/en/publications/\?topic=\d+)">All 11 documents on this topic</a>', topic_html
        )
        assert len(titles(client.get(link.group(1)).content.decode())) == 11

    def test_query_count_does_not_grow_with_documents(
        self, count_queries, publication_index, make_document, make_country, make_event, topic, monkeypatch
    ):
        monkeypatch.setattr(PublicationIndexPage, "per_page", 2)

        def add_document(number: int) -> None:
            country = make_country(f"pais-{number}", f"País {number}")
            event = make_event(f"evento-{number}", f"Evento {number}")
            document = make_document(
                f"Documento {number}",
                year=2000 + number,
                kind="guide" if number % 2 else "report",
                countries=[country],
                topics=[topic],
                events=[event],
            )
            # Listed beside it: each page has an original and a translation.
            make_document(
                f"Document {number}",
                language="en",
                year=2000 + number,
                topics=[topic],
                translation_of=document,
            )

        add_document(0)
        url = f"/en/publications/?topic={topic.pk}"
        one = count_queries(url)
        for number in range(1, 6):
            add_document(number)
        assert count_queries(url) == one
        assert count_queries(url + "&page=2") == one
