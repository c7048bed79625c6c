"""The home page: introduction, events, news, map, topics and the site's sections."""

import datetime

from django.utils import timezone

import pytest


@pytest.fixture
def site_sections(country_index, topic_index, event_index, news_index, publication_index, portal_directory):
    """Every section index, shown in menus as editors would set it."""
    for index in (country_index, topic_index, event_index, news_index, publication_index, portal_directory):
        index.show_in_menus = True
        index.save_revision().publish()


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.mark.django_db
class TestHomePage:
    def test_renders_in_both_languages_with_its_introduction(self, client, home):
        home.intro_es = "Las agencias comparten cómo compran."
        home.intro_en = "Agencies share how they buy."
        home.save_revision().publish()
        assert "Las agencias comparten cómo compran." in client.get("/es/").content.decode()
        assert "Agencies share how they buy." in client.get("/en/").content.decode()

    def test_upcoming_events_soonest_first_and_recent_events_latest_first(self, client, make_event):
        make_event("pasado", "Seminario pasado", "Past seminar", start_date=days_from_today(-30))
        make_event("lejano", "Taller lejano", "Later workshop", start_date=days_from_today(60))
        make_event("proximo", "Taller próximo", "Next workshop", start_date=days_from_today(10))
        make_event("antiguo", "Seminario antiguo", "Old seminar", start_date=days_from_today(-400))
        html = client.get("/en/").content.decode()
        upcoming = html[html.index("Upcoming events") : html.index("Recent events")]
        recent = html[html.index("Recent events") :]
        assert upcoming.index("Next workshop") < upcoming.index("Later workshop")
        assert "Past seminar" not in upcoming
        assert recent.index("Past seminar") < recent.index("Old seminar")
        assert '<a href="/en/events/proximo/">Next workshop</a>' in html

    def test_an_event_under_way_is_upcoming(self, client, make_event):
        make_event(
            "hoy", "En curso", "Under way", start_date=days_from_today(-1), end_date=days_from_today(1)
        )
        html = client.get("/en/").content.decode()
        assert html.index("Upcoming events") < html.index("Under way")
        assert "Recent events" not in html

    def test_latest_news_newest_first_and_at_most_three(self, client, make_news):
        for number in range(5):
            make_news(f"n-{number}", f"Noticia {number}", date=datetime.date(2024, 1, 1 + number))
        html = client.get("/es/").content.decode()
        assert html.index("Noticia 4") < html.index("Noticia 3") < html.index("Noticia 2")
        assert "Noticia 1" not in html

    def test_topics_highest_priority_first(self, client, make_topic, topic):
        make_topic("compras-verdes", "Compras verdes", "Green procurement", priority="common")
        make_topic("pymes", "Pymes", "Small businesses", priority="high")
        html = client.get("/en/").content.decode()
        assert html.index("Open data") < html.index("Small businesses") < html.index("Green procurement")
        assert '<a href="/en/topics/open-data/">Open data</a>' in html

    def test_map_links_the_member_states_with_a_profile(self, client, chile):
        html = client.get("/en/").content.decode()
        assert 'class="americas-map' in html
        assert 'href="/en/countries/chile/"' in html

    def test_links_to_the_sections_in_the_readers_language(self, client, site_sections):
        spanish = client.get("/es/").content.decode()
        english = client.get("/en/").content.decode()
        for path in ("paises", "temas", "eventos", "noticias", "publicaciones", "portales"):
            assert f'<h3><a href="/es/{path}/">' in spanish
        for path in ("countries", "topics", "events", "news", "publications", "portals"):
            assert f'<h3><a href="/en/{path}/">' in english

    def test_query_count_does_not_grow_with_content(
        self, count_queries, site_sections, make_event, make_news, make_topic, make_country
    ):
        def add_content(number: int) -> None:
            country = make_country(f"pais-{number}", f"País {number}")
            make_event(
                f"futuro-{number}",
                f"Futuro {number}",
                start_date=days_from_today(number + 1),
                host_country=country,
            )
            make_event(
                f"pasado-{number}",
                f"Pasado {number}",
                start_date=days_from_today(-number - 1),
                host_country=country,
            )
            make_news(f"noticia-{number}", f"Noticia {number}")
            make_topic(f"tema-{number}", f"Tema {number}", f"Topic {number}", lead_countries=[country])

        add_content(0)
        one = count_queries("/es/")
        for number in range(1, 6):
            add_content(number)
        assert count_queries("/es/") == one
