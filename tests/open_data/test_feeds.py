"""RSS, Atom and iCalendar feeds in both languages, for the network, a country and a topic."""

import datetime
from email.utils import parsedate_to_datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import icalendar
import pytest
from defusedxml import ElementTree as ET

from events.models import EventPage
from network.skeleton import ensure_child

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url: str) -> tuple:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = [{child.tag: child.text for child in item} for item in channel.findall("item")]
    return channel, items


def atom_entries(client, url: str) -> tuple:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "link", "category"),
    [
        (
            "es",
            "Chile aprueba una nueva ley de compras",
            "https://compras.example.org/es/noticias/nueva-ley/",
            "Compras sostenibles",
        ),
        (
            "en",
            "Chile passes a new procurement law",
            "https://compras.example.org/en/news/new-law/",
            "Sustainable procurement",
        ),
    ],
)
def test_news_rss_in_each_language(client, network, language, title, link, category):
    channel, [item] = rss_items(client, f"/{language}/feeds/news.rss")
    assert channel.findtext("language") == language
    assert (
        channel.findtext("link")
        == f"https://compras.example.org/{language}/{'noticias' if language == 'es' else 'news'}/"
    )
    assert item["title"] == title
    assert item["link"] == link
    assert item["category"] == category
    assert item["pubDate"].startswith("Thu, 15 Jan 2099")


@pytest.mark.django_db
def test_news_atom(client, network):
    feed, [entry] = atom_entries(client, "/en/feeds/news.atom")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert entry.findtext(f"{ATOM}title") == "Chile passes a new procurement law"
    assert entry.find(f"{ATOM}link").get("href") == "https://compras.example.org/en/news/new-law/"
    assert entry.findtext(f"{ATOM}summary") == "The law modernises public procurement."


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["news", "events"])
def test_feeds_narrowed_to_a_country(client, network, kind):
    _channel, chile_items = rss_items(client, f"/es/feeds/countries/cl/{kind}.rss")
    _channel, mexico_items = rss_items(client, f"/es/feeds/countries/mx/{kind}.rss")
    assert len(chile_items) == 1
    assert mexico_items == []


@pytest.mark.django_db
def test_events_of_a_country_include_those_it_attended(client, network):
    _channel, items = rss_items(client, "/en/feeds/countries/pe/events.rss")
    assert [item["title"] for item in items] == ["20th Inter-American Seminar"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["news", "events"])
def test_feeds_narrowed_to_a_topic(client, network, kind):
    topic = network["topic"]
    channel, items = rss_items(client, f"/en/feeds/topics/{topic.pk}/{kind}.rss")
    assert "Sustainable procurement" in channel.findtext("title")
    assert channel.findtext("link") == "https://compras.example.org/en/topics/sustainable-procurement/"
    assert len(items) == 1
    feed, entries = atom_entries(client, f"/es/feeds/topics/{topic.pk}/{kind}.atom")
    assert "Compras sostenibles" in feed.findtext(f"{ATOM}title")
    assert len(entries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/es/feeds/countries/zz/news.rss",
        "/es/feeds/topics/999999/events.rss",
        "/es/feeds/topics/1/news.rss",
        # Larger than the databases' integers: it overflowed SQLite's.
        "/es/feeds/topics/9223372036854775808/events.atom",
        "/es/feeds/countries/%00/news.rss",
    ],
)
def test_unknown_subjects_are_not_found(client, network, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_event_items_say_when_and_where(client, network):
    _channel, [item] = rss_items(client, "/es/feeds/events.rss")
    assert item["title"] == "XX Seminario Interamericano"
    assert item["link"] == "https://compras.example.org/es/eventos/xx-seminario/"
    assert "Santiago de Chile, Chile" in item["description"]
    assert "2099" in item["description"]


@pytest.mark.django_db
def test_event_items_are_dated_by_the_event_never_by_its_publication(client, network):
    """Publishing (or loading a history of events in one afternoon) does not date an item."""
    _channel, [item] = rss_items(client, "/es/feeds/events.rss")
    assert parsedate_to_datetime(item["pubDate"]).date() == datetime.date(2099, 10, 14)
    _feed, [entry] = atom_entries(client, "/en/feeds/events.atom")
    assert entry.findtext(f"{ATOM}updated").startswith("2099-10-14T00:00:00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "summary"), [("es", "XX Seminario Interamericano"), ("en", "20th Inter-American Seminar")]
)
def test_the_calendar_lists_upcoming_events_only(client, network, language, summary):
    past, _created = ensure_child(
        network["seminar"].get_parent(),
        EventPage,
        "i-seminario",
        title_es="I Seminario",
        title_en="1st Seminar",
        start_date=datetime.date(2004, 9, 1),
        end_date=datetime.date(2004, 9, 3),
    )
    ensure_child(
        network["seminar"].get_parent(),
        EventPage,
        "seminario-de-2100",
        title_es="Seminario de 2100",
        start_date=datetime.date(2100, 6, 1),
        end_date=datetime.date(2100, 6, 1),
        only_month_known=True,
    )
    response = client.get(f"/{language}/feeds/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == summary
    assert event.decoded("DTSTART") == datetime.date(2099, 10, 14)
    assert event.decoded("DTEND") == datetime.date(2099, 10, 17)  # exclusive end of an all-day event
    assert str(calendar["X-WR-CALNAME"])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_advertises_the_feeds_in_its_language(client, network, language):
    html = client.get(f"/{language}/").content.decode()
    for path in ("news.rss", "news.atom", "events.rss", "events.atom", "events.ics"):
        assert f'href="/{language}/feeds/{path}"' in html
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


@pytest.mark.django_db
def test_country_and_topic_pages_advertise_their_own_feeds(client, network):
    chile = client.get("/en/countries/chile/").content.decode()
    assert 'href="/en/feeds/countries/cl/news.rss"' in chile
    assert 'href="/en/feeds/countries/cl/events.atom"' in chile
    topic = network["topic"]
    html = client.get("/es/temas/compras-sostenibles/").content.decode()
    assert f'href="/es/feeds/topics/{topic.pk}/news.rss"' in html
    assert f'href="/es/feeds/topics/{topic.pk}/events.atom"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/feeds/news.rss", "/en/feeds/events.atom"])
def test_feed_queries_do_not_grow_with_the_items(client, network, url):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    before = count()
    index = network["seminar"].get_parent()
    for number in range(10):
        event = EventPage(
            title_es=f"Taller {number}",
            slug_es=f"taller-{number}",
            start_date=datetime.date(2099, 11, number + 1),
            end_date=datetime.date(2099, 11, number + 1),
            host_country=network["chile"],
        )
        index.add_child(instance=event)
    assert count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "links"),
    [
        ("/en/", ["/en/feeds/news.rss", "/en/feeds/events.atom", "/en/feeds/events.ics"]),
        ("/es/paises/chile/", ["/es/feeds/countries/cl/news.rss", "/es/feeds/countries/cl/events.atom"]),
        ("/es/noticias/", ["/es/feeds/news.rss", "/es/feeds/news.atom"]),
    ],
    ids=["home", "country", "news index"],
)
def test_readers_see_where_to_subscribe(client, network, url, links):
    html = client.get(url).content.decode()
    body = html[html.index("<body") :]
    section = body[body.index('aria-labelledby="subscribe-title"') :]
    for link in links:
        assert f'href="{link}"' in section
    assert ("events.ics" in section) == ("events" in " ".join(links))
