"""Anonymous readers see published, public pages only: never a draft, an unpublished page or a
page behind a password, a login or a group, wherever the site shows pages.

Each scenario hides pages whose titles and slugs say "zorglub" next to public ones that say
"quetzal", then reads every public surface: the pages that list others, the RSS, Atom and
iCalendar feeds, the sitemap, the search page, the autocomplete, the API and the CSV/JSON
exports. A surface must show "quetzal" (so it was really read) and never "zorglub".
"""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, PageViewRestriction

import pytest

from countries.models import CountryPage, PracticePage
from events.models import EventAgreement, EventPage, EventSession
from network.models import TopicPage
from news.models import NewsPage
from tests.search.conftest import result_titles
from tests.security.conftest import CONTROL, HIDDEN

# Every test reads the same public site, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_public_site")]


def localized(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def page_text(response) -> str:
    return response.content.decode()


def search_results(response) -> str:
    """Only the results: the page repeats the query itself."""
    return " ".join(result_titles(response.content.decode()))


def suggestions(response) -> str:
    return json.dumps(response.json()["suggestions"])


def api_items(response) -> str:
    return json.dumps(response.json()["items"])


@dataclass(frozen=True)
class Surface:
    url: str
    read: Callable = page_text
    shows_public_content: bool = True


def public_surfaces(site: dict) -> list[Surface]:
    """Every public place that lists or describes pages, in both languages."""
    code = site["country"].iso_alpha2.lower()
    topic = site["topic"].pk
    surfaces = [
        Surface("/sitemap.xml"),
        Surface("/api/v2/pages/?limit=100"),
        Surface("/api/v2/pages/?search=quetzal%20zorglub&search_operator=or&limit=100", api_items),
        Surface("/api/v2/pages/?search=zorglub", api_items, shows_public_content=False),
    ]
    for model in ("news.NewsPage", "events.EventPage", "countries.CountryPage", "network.TopicPage"):
        surfaces.append(Surface(f"/api/v2/pages/?type={model}&fields=*&limit=100"))
    for language in ("es", "en"):
        with translation.override(language):
            pages = [site[name].url for name in ("home", "country_index", "country", "topic_index", "topic")]
            pages += [site[name].url for name in ("news_index", "news", "event_index", "event")]
        surfaces += [Surface(url) for url in pages]
        surfaces += [Surface(f"/{language}/feeds/{feed}") for feed in ("news.rss", "news.atom")]
        surfaces += [
            Surface(f"/{language}/feeds/{feed}") for feed in ("events.rss", "events.atom", "events.ics")
        ]
        for subject in (f"countries/{code}", f"topics/{topic}"):
            surfaces += [
                Surface(f"/{language}/feeds/{subject}/{feed}") for feed in ("news.atom", "events.rss")
            ]
        for dataset in ("countries", "events", "agreements"):
            surfaces += [Surface(f"/{language}/exports/{dataset}.{ext}") for ext in ("csv", "json")]
        search, autocomplete = localized("search", language), localized("search_autocomplete", language)
        surfaces += [
            # Each word on its own: a search shows only entries with most of its words.
            Surface(f"{search}?q=quetzal&scope=all", search_results),
            Surface(f"{search}?q=zorglub&scope=all", search_results, shows_public_content=False),
            Surface(f"{autocomplete}?q=quetz", suggestions),
            Surface(f"{autocomplete}?q=zorgl", suggestions, shows_public_content=False),
        ]
    return surfaces


def leaks(client: Client, site: dict, surfaces: list[Surface] | None = None) -> dict[str, str]:
    """The surfaces that show hidden content or fail to show the public content, and what's wrong."""
    problems = {}
    for surface in surfaces if surfaces is not None else public_surfaces(site):
        response = client.get(surface.url)
        if response.status_code != 200:
            problems[surface.url] = f"status {response.status_code}"
            continue
        text = surface.read(response).lower()
        if HIDDEN in text:
            problems[surface.url] = " | ".join(
                " ".join(text[max(0, found.start() - 100) : found.end() + 20].split())
                for found in re.finditer(HIDDEN, text)
            )
        elif surface.shows_public_content and CONTROL not in text:
            problems[surface.url] = f"does not show {CONTROL!r}, so the check proves nothing"
    return problems


def zorglub_fields(slug_suffix: str = "") -> dict:
    """Titles and slugs in both languages (``slug`` is the Spanish one, as the demo pages do)."""
    return {
        "slug": "zorglub-secreto" + slug_suffix,
        "title_es": "Zorglub secreto",
        "title_en": "Secret zorglub",
        "slug_es": "zorglub-secreto" + slug_suffix,
        "slug_en": "secret-zorglub" + slug_suffix,
    }


def add_unpublished(parent: Page, page: Page) -> Page:
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def add_live(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def hidden_event(site: dict) -> EventPage:
    """An upcoming event in the public country, with a session and an agreement on the public topic."""
    start = timezone.localdate() + datetime.timedelta(days=5)
    return EventPage(
        **zorglub_fields(),
        start_date=start,
        end_date=start,
        city="Zorglub",
        host_country=site["country"],
        participating_countries=[site["country"]],
        sessions=[EventSession(title="Sesión zorglub", topics=[site["topic"]])],
        agreements=[
            EventAgreement(
                title="Acuerdo zorglub",
                text="<p>Zorglub.</p>",
                topics=[site["topic"]],
                responsible_countries=[site["country"]],
            )
        ],
    )


# --- Drafts ------------------------------------------------------------------------


@pytest.fixture
def drafts(public_site) -> dict:
    """The public news item, event and country, each with a newer unpublished revision."""
    for name in ("news", "event", "country"):
        page = public_site[name]
        for field, value in zorglub_fields(f"-{name}").items():
            if field != "slug":
                setattr(page, field, value)
        page.intro_es = page.intro_en = "Texto zorglub sin publicar."
        page.save_revision()
    return public_site


def test_a_page_with_an_unpublished_revision_shows_its_published_text(client, drafts):
    for url, published in [
        ("/es/noticias/quetzal-licitaciones/", "Licitaciones quetzal"),
        ("/en/news/quetzal-tenders/", "Quetzal tenders"),
        ("/es/paises/quetzalandia/", "Quetzalandia"),
        ("/en/events/quetzal-forum/", "Quetzal forum"),
    ]:
        html = client.get(url).content.decode()
        assert f"<h1>{published}</h1>" in html, url
        assert HIDDEN not in html.lower(), url
    assert client.get("/es/noticias/zorglub-secreto-news/").status_code == 404
    assert client.get("/en/news/secret-zorglub-news/").status_code == 404


def test_drafts_show_nowhere(client, drafts):
    assert leaks(client, drafts) == {}


# --- Pages never published -----------------------------------------------------------


@pytest.fixture
def never_published(public_site) -> dict:
    pages = {
        "news": add_unpublished(
            public_site["news_index"],
            NewsPage(**zorglub_fields(), intro_es="Zorglub.", countries=[public_site["country"]]),
        ),
        "event": add_unpublished(public_site["event_index"], hidden_event(public_site)),
        "country": add_unpublished(
            public_site["country_index"],
            CountryPage(**zorglub_fields(), iso_alpha2="HN", iso_alpha3="HND", subregion="central-america"),
        ),
    }
    return public_site | {"hidden": pages}


def test_a_page_never_published_is_not_found(client, never_published):
    for url in (
        "/es/noticias/zorglub-secreto/",
        "/en/news/secret-zorglub/",
        "/es/eventos/zorglub-secreto/",
        "/en/countries/secret-zorglub/",
    ):
        assert client.get(url).status_code == 404, url
    for page in never_published["hidden"].values():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_pages_never_published_show_nowhere(client, never_published):
    assert leaks(client, never_published) == {}


# --- Private pages -------------------------------------------------------------------


@pytest.fixture
def private(public_site) -> dict:
    """A news item behind a password, an event behind a login, a country (and the good practice
    under it) for one group only."""
    news = add_live(public_site["news_index"], NewsPage(**zorglub_fields(), intro_es="Zorglub."))
    news.countries = [public_site["country"]]
    news.topics = [public_site["topic"]]
    news.save_revision().publish()
    event = add_live(public_site["event_index"], hidden_event(public_site))
    country = add_live(
        public_site["country_index"],
        CountryPage(**zorglub_fields(), iso_alpha2="HN", iso_alpha3="HND", subregion="central-america"),
    )
    practice = add_live(
        country,
        PracticePage(title_es="Práctica zorglub", slug="practica-zorglub", slug_es="practica-zorglub"),
    )
    PageViewRestriction.objects.create(page=news, restriction_type="password", password="clave-secreta")
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    restriction = PageViewRestriction.objects.create(page=country, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Comité ejecutivo"))
    return public_site | {"hidden": {"news": news, "event": event, "country": country, "practice": practice}}


def test_a_password_protected_page_shows_only_the_password_form(client, private):
    response = client.get("/es/noticias/zorglub-secreto/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="password"' in html
    assert "Zorglub secreto" not in html and "Zorglub." not in html
    [action] = re.findall(r'<form[^>]*action="([^"]+)"', html)
    wrong = client.post(action, {"password": "adivinanza", "return_url": "/es/noticias/zorglub-secreto/"})
    assert "Zorglub." not in wrong.content.decode()
    assert "Zorglub." not in client.get("/es/noticias/zorglub-secreto/").content.decode()
    client.post(action, {"password": "clave-secreta", "return_url": "/es/noticias/zorglub-secreto/"})
    assert "Zorglub." in client.get("/es/noticias/zorglub-secreto/").content.decode()


def test_login_and_group_restricted_pages_and_their_children_send_readers_to_log_in(client, private):
    for url in (
        "/es/eventos/zorglub-secreto/",
        "/en/events/secret-zorglub/",
        "/es/paises/zorglub-secreto/",
        "/es/paises/zorglub-secreto/practica-zorglub/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"], url
        assert HIDDEN not in response.content.decode().lower()


def test_private_pages_show_nowhere(client, private):
    for page in private["hidden"].values():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get("/api/v2/pages/find/?html_path=/es/noticias/zorglub-secreto/").status_code == 404
    assert leaks(client, private) == {}


def test_a_cached_page_is_not_served_once_it_becomes_private(client, settings, public_site):
    """The anonymous page cache must forget a page as soon as an editor restricts it."""
    settings.PAGE_CACHE_SECONDS = 600
    assert "Published quetzal news." in client.get("/en/news/quetzal-tenders/").content.decode()
    assert "Quetzal tenders" in client.get("/en/news/").content.decode()
    PageViewRestriction.objects.create(page=public_site["news"], restriction_type="login")
    assert client.get("/en/news/quetzal-tenders/").status_code == 302
    assert "Quetzal tenders" not in client.get("/en/news/").content.decode()


# --- A private topic, and filters by private pages --------------------------------------


def filtered_surfaces(site: dict, hidden: dict) -> list[Surface]:
    """The listings, their filter headings and options, narrowed to hidden pages or not."""
    topic, code = hidden["topic"].pk, hidden["country"].iso_alpha2
    surfaces = [Surface("/api/v2/documents/?fields=*&limit=100")]
    for language in ("es", "en"):
        with translation.override(language):
            listings = [site[name].url for name in ("news_index", "event_index", "publications")]
            listings.append(site["country_index"].practices_url())
            details = [site["practice"].url, site["hosted"].url]
        surfaces += [Surface(url) for url in details + listings]
        surfaces += [Surface(f"{url}?topic={topic}") for url in listings]
        surfaces += [Surface(f"{url}?country={code}") for url in listings]
        surfaces += [Surface(f"{localized('search', language)}?q=quetzal&scope=all")]
        for dataset in ("practices", "publications", "news"):
            surfaces += [Surface(f"/{language}/exports/{dataset}.{ext}") for ext in ("csv", "json")]
    return [surface for surface in surfaces if _is_found(surface.url)]


def _is_found(url: str) -> bool:
    """Downloads not every version of the site offers are left out; every page must answer."""
    return "/exports/" not in url or Client().get(url).status_code == 200


@pytest.fixture
def private_topic(public_site, make_practice, make_document, make_event) -> dict:
    """A topic and a country behind a login, tagged on public news, events, practices and documents;
    the country hosts a public event."""
    site = public_site
    topic = add_live(site["topic_index"], TopicPage(**zorglub_fields()))
    country = add_live(
        site["country_index"],
        CountryPage(**zorglub_fields(), iso_alpha2="HN", iso_alpha3="HND", subregion="central-america"),
    )
    for page in (topic, country):
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    site["country"].topics_led = [site["topic"], topic]
    site["country"].save_revision().publish()
    news = site["news"]
    news.topics, news.countries = [site["topic"], topic], [site["country"], country]
    news.save_revision().publish()
    make_event(
        "taller-quetzal",
        "Taller quetzal",
        "Quetzal workshop",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        host_country=site["country"],
        participating_countries=[site["country"], country],
        sessions=[("Sesión quetzal", [site["topic"], topic])],
        agreements=[("Acuerdo quetzal", [site["topic"], topic])],
    )
    hosted = make_event(
        "encuentro-quetzal",
        "Encuentro quetzal",
        "Quetzal meeting",
        start_date=timezone.localdate() + datetime.timedelta(days=40),
        city_es="Ciudad quetzal",
        host_country=country,
    )
    practice = make_practice(
        site["country"], "practica-quetzal", "Práctica quetzal", topics=[site["topic"], topic]
    )
    make_document("Guía quetzal", countries=[site["country"], country], topics=[site["topic"], topic])
    return site | {"practice": practice, "hosted": hosted, "hidden": {"topic": topic, "country": country}}


def private_topic_surfaces(site: dict, in_api: bool) -> list[Surface]:
    surfaces = public_surfaces(site) + filtered_surfaces(site, site["hidden"])
    return [surface for surface in surfaces if surface.url.startswith("/api/") == in_api]


def test_a_private_topic_and_country_show_nowhere(client, private_topic):
    hidden = private_topic["hidden"]
    assert client.get(f"/es/feeds/topics/{hidden['topic'].pk}/news.rss").status_code == 404
    assert client.get("/es/feeds/countries/hn/news.rss").status_code == 404
    assert leaks(client, private_topic, private_topic_surfaces(private_topic, in_api=False)) == {}


def test_a_private_topic_and_country_show_nowhere_in_the_api(client, private_topic):
    for page in private_topic["hidden"].values():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert leaks(client, private_topic, private_topic_surfaces(private_topic, in_api=True)) == {}
