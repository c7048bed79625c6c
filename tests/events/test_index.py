"""The event index: both languages, upcoming and past events, filters with counts, pagination."""

import re
from collections.abc import Iterator
from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from events.models import EventAgreement, EventIndexPage, EventPage, EventSession
from tests.conftest import ensure_test_home, read_again, shared_content
from tests.events.conftest import build_event_index, event_maker, event_site


def event_titles(html: str) -> list[str]:
    return re.findall(r'<li class="card event-card">\s*<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def section(html: str, heading_id: str) -> str:
    """The HTML of the section labelled by ``heading_id``, or "" when there is none."""
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def options(html: str, name: str) -> dict[str, str]:
    """A filter's options as {value: label}, without the "all" option."""
    select = re.search(rf'<select id="event-filter-{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select))


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select id="event-filter-{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def get_html(client, url: str, params: dict | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture(scope="class")
def shared_programme(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The programme built once for a class whose tests all read it (see ``shared_content``)."""

    def build() -> dict:
        site = event_site()
        return build_programme(site.make_event, site.countries, site.topics, timezone.localdate())

    yield from shared_content(django_db_blocker, build)


@pytest.fixture
def programme(request, make_event, countries, topics, today) -> dict:
    if "shared_programme" in request.fixturenames:
        return read_again(request.getfixturevalue("shared_programme"))
    return build_programme(make_event, countries, topics, today)


def build_programme(make_event, countries, topics, today) -> dict:
    """Two upcoming and four past events of different kinds, places and topics.

    ============  ==========  ==========  ======  ==========================
    event         kind        year        host    topics
    ============  ==========  ==========  ======  ==========================
    Próximo A     seminar     in 60 days  CL      sustainable (session)
    Próximo B     workshop    in 10 days  PE      -
    Pasado 2023   seminar     2023        CL      open data (agreement)
    Pasado 2022   workshop    2022        MX      sustainable + open data
    Pasado 2021   conference  2021        PE      open data (session)
    En línea      web-conf.   2021        -       -
    ============  ==========  ==========  ======  ==========================
    """

    def in_days(days: int) -> dict:
        return {"start_date": today + timedelta(days=days), "end_date": today + timedelta(days=days + 1)}

    return {
        "upcoming_late": make_event(
            "Próximo A",
            "Upcoming A",
            slug_es="proximo-a",
            slug_en="upcoming-a",
            kind="seminar",
            host_country=countries.CL,
            sessions=[EventSession(title_es="Taller", kind="workshop", topics=[topics.sustainable])],
            **in_days(60),
        ),
        "upcoming_soon": make_event(
            "Próximo B",
            "Upcoming B",
            slug_es="proximo-b",
            slug_en="upcoming-b",
            kind="workshop",
            host_country=countries.PE,
            **in_days(10),
        ),
        "past_2023": make_event(
            "Pasado 2023",
            "Past 2023",
            slug_es="pasado-2023",
            slug_en="past-2023",
            kind="seminar",
            host_country=countries.CL,
            start_date=date(2023, 10, 2),
            end_date=date(2023, 10, 4),
            agreements=[
                EventAgreement(title_es="Acuerdo", text_es="<p>Abrir datos.</p>", topics=[topics.open_data])
            ],
        ),
        "past_2022": make_event(
            "Pasado 2022",
            "Past 2022",
            slug_es="pasado-2022",
            slug_en="past-2022",
            kind="workshop",
            host_country=countries.MX,
            start_date=date(2022, 6, 1),
            sessions=[
                EventSession(title_es="Foro", kind="forum", topics=[topics.sustainable, topics.open_data]),
                EventSession(title_es="Mesa", kind="round-table", topics=[topics.open_data]),
            ],
            agreements=[
                EventAgreement(title_es="Acuerdo", text_es="<p>Datos.</p>", topics=[topics.open_data])
            ],
        ),
        "past_2021": make_event(
            "Pasado 2021",
            "Past 2021",
            slug_es="pasado-2021",
            slug_en="past-2021",
            kind="conference",
            host_country=countries.PE,
            start_date=date(2021, 3, 1),
            sessions=[EventSession(title_es="Panel", kind="plenary", topics=[topics.open_data])],
        ),
        "online_2021": make_event(
            "En línea",
            "Online",
            slug_es="en-linea",
            slug_en="online",
            kind="web-conference",
            start_date=date(2021, 1, 20),
        ),
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("shared_programme")
class TestLanguages:
    def test_spanish_index_lists_spanish_titles_and_links(self, client, programme):
        html = get_html(client, "/es/eventos/")
        assert '<html lang="es">' in html
        assert "<h1>Eventos</h1>" in html
        assert '<a href="/es/eventos/pasado-2023/">Pasado 2023</a>' in html
        assert '<dd><a href="/es/paises/chile/">Chile</a></dd>' in html

    def test_english_index_lists_english_titles_and_links(self, client, programme):
        html = get_html(client, "/en/events/")
        assert '<html lang="en">' in html
        assert "<h1>Events</h1>" in html
        assert '<a href="/en/events/past-2023/">Past 2023</a>' in html
        assert '<dd><a href="/en/countries/peru/">Peru</a></dd>' in html
        assert "Upcoming events" in html and "Past events" in html

    def test_each_event_shows_kind_localized_dates_and_city(self, client, make_event, countries):
        make_event(
            "Seminario de Lima",
            "Lima Seminar",
            kind="conference",
            city_es="Lima",
            city_en="Lima",
            host_country=countries.PE,
            start_date=date(2023, 3, 12),
            end_date=date(2023, 3, 14),
        )
        spanish = get_html(client, "/es/eventos/")
        english = get_html(client, "/en/events/")
        assert '<time datetime="2023-03-12">' in english
        assert "March 12–14, 2023" in english
        assert "marzo" in spanish and "March" not in spanish
        assert "<dd>Lima</dd>" in english and "<dd>Lima</dd>" in spanish
        assert '<span class="badge">Conference</span>' in english
        assert '<dd><a href="/es/paises/peru/">Perú</a></dd>' in spanish

    def test_single_day_events_use_the_languages_date_format(self, client, make_event):
        make_event(start_date=date(2022, 11, 3))
        assert "3 de noviembre de 2022" in get_html(client, "/es/eventos/")
        assert "Nov. 3, 2022" in get_html(client, "/en/events/")

    def test_unpublished_events_are_not_listed(self, client, programme):
        programme["past_2022"].unpublish()
        assert "Pasado 2022" not in get_html(client, "/es/eventos/")


@pytest.mark.django_db
class TestUpcomingAndPast:
    def test_upcoming_soonest_first_then_past_newest_first(self, client, programme):
        html = get_html(client, "/es/eventos/")
        assert event_titles(section(html, "upcoming-events")) == ["Próximo B", "Próximo A"]
        assert event_titles(section(html, "past-events")) == [
            "Pasado 2023",
            "Pasado 2022",
            "Pasado 2021",
            "En línea",
        ]

    def test_an_event_ending_today_is_still_upcoming(self, client, make_event, today):
        make_event("Hoy termina", start_date=today - timedelta(days=2), end_date=today)
        make_event("Ayer terminó", start_date=today - timedelta(days=2), end_date=today - timedelta(days=1))
        html = get_html(client, "/es/eventos/")
        assert event_titles(section(html, "upcoming-events")) == ["Hoy termina"]
        assert event_titles(section(html, "past-events")) == ["Ayer terminó"]

    def test_without_upcoming_events_the_index_says_so(self, client, make_event):
        make_event("Antiguo", start_date=date(2019, 1, 1))
        html = get_html(client, "/en/events/")
        assert "No upcoming events are scheduled for now." in html
        assert 'id="upcoming-events"' not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("shared_programme")
class TestFilters:
    def test_year(self, client, programme):
        html = get_html(client, "/es/eventos/", {"year": 2021})
        assert event_titles(html) == ["Pasado 2021", "En línea"]
        assert selected(html, "year") == ["2021"]

    def test_kind(self, client, programme):
        html = get_html(client, "/en/events/", {"kind": "seminar"})
        assert event_titles(html) == ["Upcoming A", "Past 2023"]

    def test_host_country_by_iso_code_in_any_case(self, client, programme):
        assert event_titles(get_html(client, "/es/eventos/", {"country": "pe"})) == [
            "Próximo B",
            "Pasado 2021",
        ]
        assert event_titles(get_html(client, "/es/eventos/", {"country": "PE"})) == [
            "Próximo B",
            "Pasado 2021",
        ]

    def test_topic_from_sessions_or_agreements(self, client, programme, topics):
        html = get_html(client, "/es/eventos/", {"topic": topics.open_data.pk})
        assert event_titles(html) == ["Pasado 2023", "Pasado 2022", "Pasado 2021"]
        html = get_html(client, "/es/eventos/", {"topic": topics.sustainable.pk})
        assert event_titles(html) == ["Próximo A", "Pasado 2022"]

    def test_filters_combine(self, client, programme, topics):
        params = {"topic": topics.open_data.pk, "country": "CL"}
        assert event_titles(get_html(client, "/es/eventos/", params)) == ["Pasado 2023"]
        params = {"kind": "workshop", "year": 2022, "country": "MX", "topic": topics.sustainable.pk}
        assert event_titles(get_html(client, "/es/eventos/", params)) == ["Pasado 2022"]

    def test_options_count_events_unfiltered(self, client, programme, topics, today):
        html = get_html(client, "/es/eventos/")
        years = options(html, "year")
        assert list(years) == sorted(years, reverse=True)
        assert {year: years[year] for year in ("2023", "2022", "2021")} == {
            "2023": "2023 (1)",
            "2022": "2022 (1)",
            "2021": "2021 (2)",
        }
        upcoming_years = [(today + timedelta(days=days)).year for days in (10, 60)]
        assert (
            sum(int(re.search(r"\((\d+)\)", years[str(year)]).group(1)) for year in set(upcoming_years)) == 2
        )
        assert options(html, "country") == {"CL": "Chile (2)", "MX": "México (1)", "PE": "Perú (2)"}
        assert options(html, "topic") == {
            str(topics.sustainable.pk): "Compras sostenibles (2)",
            str(topics.open_data.pk): "Datos abiertos (3)",
        }
        assert options(get_html(client, "/en/events/"), "kind") == {
            "seminar": "Seminar (2)",
            "conference": "Conference (1)",
            "workshop": "Workshop (2)",
            "web-conference": "Web conference (1)",
        }

    def test_options_count_what_choosing_them_would_give(self, client, programme, topics):
        """With a country chosen, the other filters count within it; the country filter offers the others."""
        html = get_html(client, "/en/events/", {"country": "PE"})
        assert options(html, "kind") == {"conference": "Conference (1)", "workshop": "Workshop (1)"}
        assert options(html, "topic") == {str(topics.open_data.pk): "Open data (1)"}
        assert options(html, "country") == {"CL": "Chile (2)", "MX": "Mexico (1)", "PE": "Peru (2)"}
        assert selected(html, "country") == ["PE"]

    def test_combined_filters_narrow_each_others_counts(self, client, programme, topics):
        html = get_html(client, "/en/events/", {"topic": topics.open_data.pk, "kind": "seminar"})
        assert event_titles(html) == ["Past 2023"]
        assert options(html, "year") == {"2023": "2023 (1)"}
        assert options(html, "country") == {"CL": "Chile (1)"}
        # Kinds count with the topic only; topics with the kind only.
        assert options(html, "kind") == {
            "seminar": "Seminar (1)",
            "workshop": "Workshop (1)",
            "conference": "Conference (1)",
        }
        assert options(html, "topic") == {
            str(topics.sustainable.pk): "Sustainable procurement (1)",
            str(topics.open_data.pk): "Open data (1)",
        }

    def test_a_value_that_matches_nothing_says_no_events(self, client, programme):
        html = get_html(client, "/en/events/", {"year": 1990})
        assert event_titles(html) == []
        assert "No events match the selected filters." in html
        assert '<a href="/en/events/">Show all events</a>' in html
        assert options(html, "year")["1990"] == "1990 (0)"
        assert selected(html, "year") == ["1990"]
        assert "No events match" in get_html(client, "/en/events/", {"country": "ZZ"})

    def test_a_chosen_topic_that_the_other_filters_exclude_is_offered_with_no_events(
        self, client, programme, topics
    ):
        html = get_html(client, "/en/events/", {"topic": topics.sustainable.pk, "country": "PE"})
        assert event_titles(html) == []
        assert options(html, "topic")[str(topics.sustainable.pk)] == "Sustainable procurement (0)"
        assert selected(html, "topic") == [str(topics.sustainable.pk)]

    def test_malformed_values_give_a_normal_page(self, client, programme):
        malformed = [
            {"year": "abc"},
            {"year": "99999999999999999999"},
            {"year": "-5"},
            {"kind": "party"},
            {"country": "Chile\x00"},
            {"country": "<script>"},
            {"topic": "x"},
            {"topic": "99999999999999999999"},
            {"page": "abc"},
            {"page": "-1"},
            {"page": "999"},
            {"year": ["2021", "2022"]},
        ]
        for params in malformed:
            html = get_html(client, "/es/eventos/", params)
            assert "<h1>Eventos</h1>" in html, params
            assert event_titles(html), params

    def test_malformed_values_are_ignored_not_applied(self, client, programme):
        html = get_html(client, "/es/eventos/", {"year": "abc", "kind": "party"})
        assert len(event_titles(html)) == 6
        assert selected(html, "year") == [] and selected(html, "kind") == []

    def test_form_is_semantic_and_works_without_javascript(self, client, programme):
        html = get_html(client, "/en/events/")
        form = re.search(
            r'<form class="event-filters" method="get" action="/en/events/">(.*?)</form>', html, re.S
        )
        assert form, "the filter form submits to the index itself with GET"
        body = form.group(1)
        assert "<fieldset>" in body and "<legend>Filter events</legend>" in body
        for name in ("year", "kind", "country", "topic"):
            assert f'<label for="event-filter-{name}">' in body
        assert '<button type="submit">Apply filters</button>' in body
        assert "Clear filters" not in body


@pytest.mark.django_db
class TestFiltersOverTheirOwnEvents:
    def test_participating_country(self, client, make_event, countries):
        make_event(
            "Con Chile y Perú",
            participating_countries=[countries.CL, countries.PE],
            start_date=date(2020, 1, 1),
        )
        make_event("Con Perú", participating_countries=[countries.PE], start_date=date(2019, 1, 1))
        make_event("Sin participantes", host_country=countries.PE, start_date=date(2018, 1, 1))
        html = get_html(client, "/es/eventos/", {"participant": "pe"})
        assert event_titles(html) == ["Con Chile y Perú", "Con Perú"]
        assert selected(html, "participant") == ["PE"]
        assert options(html, "participant") == {"CL": "Chile (1)", "PE": "Perú (2)"}
        assert options(html, "country") == {}, "no event Peru attended was hosted by a member"
        assert event_titles(get_html(client, "/es/eventos/", {"participant": "CL"})) == ["Con Chile y Perú"]
        both = get_html(client, "/es/eventos/", {"participant": "PE", "country": "PE"})
        assert event_titles(both) == []
        assert "No events match" in get_html(client, "/en/events/", {"participant": "ZZ"})
        for malformed in ("Perú", "P", "PER"):
            assert len(event_titles(get_html(client, "/es/eventos/", {"participant": malformed}))) == 3

    def test_countries_and_topics_are_alphabetical_in_each_language(self, client, make_event, countries):
        for code in ("US", "BR", "MX"):
            make_event(host_country=getattr(countries, code))
        assert list(options(get_html(client, "/es/eventos/"), "country").values()) == [
            "Brasil (1)",
            "Estados Unidos (1)",
            "México (1)",
        ]
        assert list(options(get_html(client, "/en/events/"), "country").values()) == [
            "Brazil (1)",
            "Mexico (1)",
            "United States (1)",
        ]


@pytest.fixture(scope="class")
def seven_events(django_db_setup, django_db_blocker) -> Iterator[None]:
    """An event a year from 2010 to 2016, built once for the class (see ``shared_content``)."""

    def build() -> None:
        make = event_maker(build_event_index(ensure_test_home()))
        for year in range(2010, 2017):
            make(f"Evento {year}", start_date=date(year, 1, 1))

    yield from shared_content(django_db_blocker, build)


@pytest.mark.django_db
@pytest.mark.usefixtures("seven_events")
class TestPagination:
    @pytest.fixture(autouse=True)
    def three_per_page(self, monkeypatch) -> None:
        monkeypatch.setattr(EventIndexPage, "events_per_page", 3)

    def test_pages_split_the_list(self, client):
        assert event_titles(get_html(client, "/es/eventos/")) == ["Evento 2016", "Evento 2015", "Evento 2014"]
        assert event_titles(get_html(client, "/es/eventos/", {"page": 3})) == ["Evento 2010"]

    def test_pagination_is_a_labelled_navigation_with_the_current_page_marked(self, client):
        html = get_html(client, "/en/events/", {"page": 2})
        nav = re.search(
            r'<nav class="pagination" aria-label="Pages of events">(.*?)</nav>', html, re.S
        ).group(1)
        assert '<a href="?page=2" aria-current="page">2</a>' in nav
        assert '<a href="?page=1" rel="prev">Previous</a>' in nav
        assert '<a href="?page=3" rel="next">Next</a>' in nav

    def test_pagination_links_keep_the_filters(self, client, make_event):
        for year in range(2010, 2014):
            make_event(f"Taller {year}", kind="workshop", start_date=date(year, 6, 1))
        html = get_html(client, "/es/eventos/", {"kind": "workshop"})
        assert event_titles(html) == ["Taller 2013", "Taller 2012", "Taller 2011"]
        assert '<a href="?kind=workshop&amp;page=2" rel="next">' in html

    @pytest.mark.parametrize(
        ("page", "first"), [("abc", "Evento 2016"), ("0", "Evento 2010"), ("999", "Evento 2010")]
    )
    def test_invalid_page_numbers_give_the_nearest_page(self, client, page, first):
        assert event_titles(get_html(client, "/es/eventos/", {"page": page}))[0] == first


@pytest.mark.django_db
def test_no_pagination_when_everything_fits(client, make_event):
    make_event()
    assert 'class="pagination"' not in get_html(client, "/es/eventos/")


@pytest.mark.django_db
def test_an_empty_index_says_there_are_no_events_yet(client, event_index):
    html = get_html(client, "/en/events/")
    assert "No events have been published yet." in html
    assert "0 events" in html


@pytest.mark.django_db
def test_query_count_does_not_grow_with_events(client, make_event, countries, topics, monkeypatch):
    """Listing and counting 1 or 10 events, each with its country and topics, takes the same queries."""
    monkeypatch.setattr(EventIndexPage, "events_per_page", 100)

    def make_one(number: int):
        make_event(
            host_country=list(vars(countries).values())[number % 5],
            kind=["seminar", "workshop", "conference"][number % 3],
            start_date=date(2000 + number % 20, 1, 1),
            sessions=[EventSession(title_es="Sesión", topics=[topics.open_data])],
            agreements=[EventAgreement(title_es="Acuerdo", text_es="<p>A</p>", topics=[topics.sustainable])],
        )

    def count_queries(params: dict) -> int:
        client.get("/es/eventos/", params)  # warm the site and URL caches
        with CaptureQueriesContext(connection) as queries:
            html = get_html(client, "/es/eventos/", params)
        return len(queries), len(event_titles(html))

    make_one(0)
    one = count_queries({})
    one_filtered = count_queries({"topic": topics.open_data.pk, "country": "BR"})
    for number in range(1, 10):
        make_one(number)
    ten = count_queries({})
    ten_filtered = count_queries({"topic": topics.open_data.pk, "country": "BR"})
    assert ten == (one[0], 10) and one[1] == 1
    assert ten_filtered[0] == one_filtered[0] and ten_filtered[1] == 2


@pytest.mark.django_db
def test_topics_follow_the_published_agenda_not_the_draft(client, make_event, topics):
    """An event is listed under the topics of its published sessions and agreements."""
    event = make_event(
        "Seminario",
        "Seminar",
        sessions=[EventSession(title_es="Taller", kind="workshop", topics=[topics.open_data])],
    )

    def topic_options() -> dict[str, str]:
        return options(get_html(client, "/en/events/"), "topic")

    assert topic_options() == {str(topics.open_data.pk): "Open data (1)"}

    draft = EventPage.objects.get(pk=event.pk)
    draft.sessions = [EventSession(title_es="Taller", kind="workshop", topics=[topics.sustainable])]
    draft.agreements = [EventAgreement(title_es="Acuerdo", text_es="<p>A</p>", topics=[topics.open_data])]
    revision = draft.save_revision()
    assert topic_options() == {str(topics.open_data.pk): "Open data (1)"}, "a draft changes nothing"

    revision.publish()
    assert topic_options() == {
        str(topics.sustainable.pk): "Sustainable procurement (1)",
        str(topics.open_data.pk): "Open data (1)",
    }
    assert event_titles(get_html(client, "/en/events/", {"topic": topics.sustainable.pk})) == ["Seminar"]

    draft.sessions, draft.agreements = [], []
    draft.save_revision().publish()
    assert topic_options() == {}
    assert set(event.topics.all()) == set()


@pytest.mark.django_db
def test_counts_are_read_once_per_publication(client, make_event, countries, settings):
    """With counts kept for the content generation, a second reading of the index counts nothing
    again, and publishing an event counts afresh, in both languages."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    make_event("Seminario en Chile", host_country=countries.CL, start_date=date(2021, 3, 1))

    def read(url: str) -> tuple[int, dict[str, str]]:
        with CaptureQueriesContext(connection) as queries:
            html = get_html(client, url)
        return len(queries), options(html, "year")

    first_queries, first_years = read("/es/eventos/")
    again_queries, again_years = read("/es/eventos/")
    english_queries, _years = read("/en/events/")
    assert first_years == again_years == {"2021": "2021 (1)"}
    assert again_queries < first_queries and english_queries == again_queries

    make_event("Seminario en Perú", host_country=countries.PE, start_date=date(2022, 3, 1))
    assert read("/es/eventos/")[1] == {"2022": "2022 (1)", "2021": "2021 (1)"}
