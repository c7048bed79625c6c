"""Where the reader is and how to get back: breadcrumbs, the menu's current item, the way to the practices.

The countries' pages are the deepest of the site (home › countries › a profile › a
practice) and have a route of their own (the good practices), so they show every case.
"""

import datetime
import re

from wagtail.models import Page

import pytest

from countries.models import PracticePage
from tests.countries.conftest import add_live_page

pytestmark = pytest.mark.usefixtures("shared_countries")


def breadcrumbs(html: str) -> list[tuple[str, str | None]]:
    """(name, link or None for the current place) of each crumb, in order; checks their positions."""
    found = re.search(r'<nav class="breadcrumbs" aria-label="[^"]+">(.*?)</nav>', html, re.DOTALL)
    if found is None:
        return []
    items = re.findall(r'<li itemprop="itemListElement"[^>]*>(.*?)</li>', found.group(1), re.DOTALL)
    positions = [int(re.search(r'itemprop="position" content="(\d+)"', item).group(1)) for item in items]
    assert positions == list(range(1, len(items) + 1))
    crumbs = []
    for item in items:
        link = re.search(r'<a href="([^"]+)" itemprop="item">', item)
        name = re.search(r'<span itemprop="name"[^>]*>([^<]+)</span>', item).group(1)
        crumbs.append((name, link.group(1) if link else None))
    return crumbs


def menu(html: str) -> list[tuple[str, str, str]]:
    """(title, link, aria-current or "") of each item of the main menu."""
    nav = re.search(r'<nav class="main-menu".*?</nav>', html, re.DOTALL).group(0)
    return [
        (title, href, current)
        for href, current, title in re.findall(
            r'<a href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', nav
        )
    ]


@pytest.fixture
def pregon(chile) -> PracticePage:
    return add_live_page(
        chile,
        PracticePage(title_es="Subasta inversa", title_en="Reverse auction", date=datetime.date(2020, 5, 1)),
        "subasta-inversa",
        "reverse-auction",
    )


@pytest.fixture
def countries_in_menu(country_index) -> None:
    Page.objects.filter(pk=country_index.pk).update(show_in_menus=True)


@pytest.mark.django_db
class TestBreadcrumbs:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("/es/paises/chile/", [("Inicio", "/es/"), ("Países miembros", "/es/paises/"), ("Chile", None)]),
            ("/en/countries/peru/", [("Home", "/en/"), ("Member states", "/en/countries/"), ("Peru", None)]),
            (
                "/en/countries/chile/reverse-auction/",
                [
                    ("Home", "/en/"),
                    ("Member states", "/en/countries/"),
                    ("Chile", "/en/countries/chile/"),
                    ("Reverse auction", None),
                ],
            ),
            (
                "/es/paises/practicas/",
                [("Inicio", "/es/"), ("Países miembros", "/es/paises/"), ("Buenas prácticas", None)],
            ),
        ],
        ids=["profile-es", "profile-en", "practice-en", "practices-route-es"],
    )
    def test_the_way_down_from_the_home_page(self, client, pregon, url, expected):
        assert breadcrumbs(client.get(url).content.decode()) == expected

    def test_they_are_a_schema_org_breadcrumb_list(self, client):
        html = client.get("/en/countries/chile/").content.decode()
        assert '<ol class="container" itemscope itemtype="https://schema.org/BreadcrumbList">' in html
        assert html.count('itemtype="https://schema.org/ListItem"') == 3
        assert '<span itemprop="name" aria-current="page">Chile</span>' in html

    def test_a_view_that_is_no_page_names_itself(self, client):
        assert breadcrumbs(client.get("/en/search/?q=chile").content.decode()) == [
            ("Home", "/en/"),
            ("Search", None),
        ]

    @pytest.mark.parametrize("url", ["/es/", "/en/"], ids=["es", "en"])
    def test_none_on_the_home_page(self, client, url):
        assert breadcrumbs(client.get(url).content.decode()) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("countries_in_menu")
class TestMainMenu:
    def test_the_good_practices_follow_the_countries(self, client):
        items = menu(client.get("/en/").content.decode())
        titles = [title for title, _link, _current in items]
        assert titles[:3] == ["Home", "Member states", "Good practices"]
        assert items[2][1] == "/en/countries/practices/"

    @pytest.mark.parametrize(
        ("url", "current"),
        [
            ("/es/", [("Inicio", "page")]),
            ("/es/paises/", [("Países miembros", "page")]),
            ("/es/paises/chile/", [("Países miembros", "true")]),
            ("/es/paises/practicas/", [("Buenas prácticas", "page")]),
            ("/es/paises/chile/subasta-inversa/", [("Buenas prácticas", "true")]),
            ("/es/buscar/?q=chile", []),
        ],
        ids=["home", "index", "profile", "practices", "practice", "search"],
    )
    def test_the_item_the_reader_is_in_is_current(self, client, pregon, url, current):
        items = menu(client.get(url).content.decode())
        assert [(title, mark) for title, _link, mark in items if mark] == current

    def test_on_small_screens_it_folds_into_a_disclosure_that_needs_no_script(self, client):
        html = client.get("/en/").content.decode()
        assert re.search(
            r'<nav class="main-menu" aria-label="Main">\s*<details class="main-menu__disclosure">'
            r'\s*<summary class="main-menu__toggle">Menu</summary>',
            html,
        )


@pytest.mark.django_db
class TestWayToThePractices:
    def test_from_the_country_index(self, client):
        html = client.get("/en/countries/").content.decode()
        assert '<a href="/en/countries/practices/">Good practices the member states have shared</a>' in html

    def test_from_a_profile_with_a_single_practice(self, client, pregon):
        html = client.get("/en/countries/chile/").content.decode()
        assert '<a href="/en/countries/practices/?country=CL">All 1 good practice</a>' in html
