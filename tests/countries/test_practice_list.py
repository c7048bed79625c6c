"""The good-practices listing: every member's practices, newest first, by country and topic."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from countries.models import CountryIndexPage, PracticePage
from network.models import TopicPage
from tests.countries.conftest import add_live_page

# Every test reads the same member states, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_countries")

SPANISH, ENGLISH = "/es/paises/practicas/", "/en/countries/practices/"


@pytest.fixture
def open_data(section_pages) -> TopicPage:
    return add_live_page(
        section_pages["topics"], TopicPage(title_es="Datos abiertos", title_en="Open data"), "datos", "data"
    )


@pytest.fixture
def make_practice():
    def make(country, number: int, topics=()) -> PracticePage:
        return add_live_page(
            country,
            PracticePage(
                title_es=f"Práctica {number:02}",
                title_en=f"Practice {number:02}",
                date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
                topics=list(topics),
            ),
            f"practica-{number}",
            f"practice-{number}",
        )

    return make


@pytest.fixture
def practices(chile, mexico, open_data, make_practice) -> None:
    """Chile's practices 1 and 3 are on open data; Mexico's practice 2 is not."""
    make_practice(chile, 1, topics=[open_data])
    make_practice(mexico, 2)
    make_practice(chile, 3, topics=[open_data])


def titles(html: str) -> list[str]:
    return re.findall(r"<h2><a href=\"[^\"]+\">([^<]+)</a></h2>", html)


@pytest.mark.django_db
class TestPracticeList:
    def test_lists_every_country_s_practices_newest_first_in_both_languages(self, client, practices):
        spanish = client.get(SPANISH).content.decode()
        english = client.get(ENGLISH).content.decode()
        assert titles(spanish) == ["Práctica 03", "Práctica 02", "Práctica 01"]
        assert titles(english) == ["Practice 03", "Practice 02", "Practice 01"]
        assert '<a href="/en/countries/mexico/">Mexico</a>' in english
        assert '<a class="badge" href="/en/topics/data/">Open data</a>' in english

    def test_filters_by_country_and_topic(self, client, practices, open_data):
        assert titles(client.get(f"{ENGLISH}?country=MX").content.decode()) == ["Practice 02"]
        by_topic = client.get(f"{ENGLISH}?topic={open_data.pk}").content.decode()
        assert titles(by_topic) == ["Practice 03", "Practice 01"]
        assert "Only those on the topic Open data." in by_topic
        assert f'<a href="{ENGLISH}">Show all</a>' in by_topic
        both = client.get(f"{ENGLISH}?country=mx&topic={open_data.pk}").content.decode()
        assert titles(both) == []
        assert "Only those about Mexico on the topic Open data." in both
        assert "No good practice matches this filter." in both

    @pytest.mark.parametrize(
        "query", ["?country=ZZ", "?country=Chile", "?topic=abc", "?topic=99999999", "?topic=-1"]
    )
    def test_a_filter_that_names_nothing_is_ignored(self, client, practices, query):
        html = client.get(ENGLISH + query).content.decode()
        assert titles(html) == ["Practice 03", "Practice 02", "Practice 01"]
        assert "Show all" not in html

    def test_drafts_and_practices_of_unpublished_countries_are_left_out(
        self, client, practices, canada_draft, chile, make_practice
    ):
        make_practice(canada_draft, 4)
        PracticePage.objects.get(title_es="Práctica 01").unpublish()
        assert titles(client.get(ENGLISH).content.decode()) == ["Practice 03", "Practice 02"]

    def test_an_empty_listing_says_so(self, client, country_index):
        assert "No good practice has been published yet." in client.get(ENGLISH).content.decode()

    def test_pages_through_long_lists_keeping_the_filter(self, client, chile, mexico, make_practice):
        for number in range(1, 25):
            make_practice(chile, number)
        make_practice(mexico, 25)
        first = client.get(f"{ENGLISH}?country=CL").content.decode()
        assert len(titles(first)) == CountryIndexPage.practices_per_page == 20
        assert '<a href="?country=CL&amp;page=2" rel="next">Next</a>' in first
        second = client.get(f"{ENGLISH}?country=CL&page=2").content.decode()
        assert titles(second) == ["Practice 04", "Practice 03", "Practice 02", "Practice 01"]
        assert titles(client.get(f"{ENGLISH}?country=CL&page=abc").content.decode()) == titles(first)

    def test_the_language_switcher_keeps_the_listing_and_its_filters(self, client, practices, open_data):
        html = client.get(f"{ENGLISH}?topic={open_data.pk}&page=1").content.decode()
        assert f'<a href="{SPANISH}?topic={open_data.pk}&amp;page=1" hreflang="es" lang="es">' in html
        html = client.get(f"{SPANISH}?country=CL").content.decode()
        assert f'<a href="{ENGLISH}?country=CL" hreflang="en" lang="en">' in html

    def test_many_pages_are_elided_around_the_current_one(self, client, chile, make_practice, monkeypatch):
        monkeypatch.setattr(CountryIndexPage, "practices_per_page", 1)
        for number in range(1, 31):
            make_practice(chile, number)
        html = client.get(f"{ENGLISH}?page=15").content.decode()
        pagination = html[html.index('<nav class="pagination"') :]
        pagination = pagination[: pagination.index("</nav>")]
        linked = [int(number) for number in re.findall(r">(\d+)</a>", pagination)]
        assert linked == [1, 13, 14, 15, 16, 17, 30]
        assert pagination.count("…") == 2
        assert '<a href="?page=15" aria-current="page">15</a>' in pagination

    def test_query_count_does_not_grow_with_the_practices(
        self, client, chile, mexico, open_data, make_practice
    ):
        def queries() -> int:
            client.get(ENGLISH)
            with CaptureQueriesContext(connection) as captured:
                client.get(ENGLISH)
            return len(captured)

        make_practice(chile, 1, topics=[open_data])
        one = queries()
        for number in range(2, 21):
            make_practice(chile if number % 2 else mexico, number, topics=[open_data])
        assert queries() == one
