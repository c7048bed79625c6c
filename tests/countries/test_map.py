"""The clickable map of the Americas: served by the site, linked per language, usable by keyboard."""

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

import pytest

from countries.templatetags.countries_tags import MAP_SHAPES

# Every test reads the same member states, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_countries")

# The 35 member states of the OAS.
MEMBER_STATES = {
    *("AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CA", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "SV", "GD"),
    *(
        "GT",
        "GY",
        "HT",
        "HN",
        "JM",
        "MX",
        "NI",
        "PA",
        "PY",
        "PE",
        "KN",
        "LC",
        "VC",
        "SR",
        "TT",
        "US",
        "UY",
        "VE",
    ),
}


def render_map(language: str, page=None, request=None) -> str:
    request = request or RequestFactory().get(f"/{language}/")
    with translation.override(language):
        return Template("{% load countries_tags %}{% americas_map %}").render(
            Context({"request": request, "page": page})
        )


def links(html: str) -> dict[str, tuple[str, str]]:
    """code -> (href, accessible name) of every linked country."""
    found = re.findall(
        r'<a class="americas-map__country" href="([^"]+)" aria-label="([^"]+)"[^>]*data-code="(\w\w)"', html
    )
    return {code: (href, name) for href, name, code in found}


class TestShapes:
    def test_every_member_state_has_an_outline_or_a_marker(self):
        data = json.loads(Path(MAP_SHAPES).read_text())
        assert set(data["countries"]) == MEMBER_STATES
        for code, shape in data["countries"].items():
            assert shape["d"] or shape["marker"], code

    def test_small_island_states_get_a_marker(self):
        countries = json.loads(Path(MAP_SHAPES).read_text())["countries"]
        for code in ("AG", "BB", "DM", "GD", "KN", "LC", "VC", "TT", "JM"):
            assert countries[code]["marker"] is not None, code

    def test_the_geometry_stays_small(self):
        assert Path(MAP_SHAPES).stat().st_size < 40_000


@pytest.mark.django_db
class TestMapTag:
    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("es", {"CL": ("/es/paises/chile/", "Chile"), "PE": ("/es/paises/peru/", "Perú")}),
            ("en", {"CL": ("/en/countries/chile/", "Chile"), "PE": ("/en/countries/peru/", "Peru")}),
        ],
    )
    def test_live_profiles_link_in_the_current_language(self, countries, language, expected):
        found = links(render_map(language))
        for code, link in expected.items():
            assert found[code] == link
        assert set(found) == {"CL", "PE", "MX", "LC"}

    def test_links_are_in_alphabetical_order_for_keyboard_users(self, countries):
        assert list(links(render_map("en"))) == ["CL", "MX", "PE", "LC"]

    def test_countries_without_a_live_profile_are_drawn_but_not_linked(self, countries):
        html = render_map("es")
        assert 'aria-hidden="true" data-code="CA"' in html  # a draft
        assert 'aria-hidden="true" data-code="BR"' in html  # no profile at all
        assert "/paises/canada/" not in html

    def test_small_islands_are_labelled_markers_inside_their_link(self, countries):
        html = render_map("en")
        saint_lucia = re.search(r'<a [^>]*data-code="LC">(.*?)</a>', html, re.DOTALL).group(1)
        assert "<title>Saint Lucia</title>" in saint_lucia
        assert '<circle class="americas-map__marker"' in saint_lucia
        assert ">LC</text>" in saint_lucia

    def test_the_map_has_an_accessible_name_and_its_own_stylesheet(self, countries):
        html = render_map("en")
        assert 'role="group" aria-label="Map of the member states"' in html
        assert '<link rel="stylesheet" href="/static/countries/css/americas-map.css">' in html

    def test_the_current_country_is_marked(self, countries):
        html = render_map("en", page=countries["PE"])
        assert re.search(r'aria-label="Peru" aria-current="page"', html)

    def test_one_query_of_its_own(self, countries, django_assert_num_queries):
        request = RequestFactory().get("/es/")
        # The site and its root paths are looked up once per request (the menu needs them too).
        render_map("es", request=request)
        with django_assert_num_queries(1):
            render_map("es", request=request)

    def test_index_page_map_links_per_language(self, client, countries):
        spanish = client.get("/es/paises/").content.decode()
        english = client.get("/en/countries/").content.decode()
        assert (
            '<a class="americas-map__country" href="/es/paises/santa-lucia/" aria-label="Santa Lucía, LC"'
            in spanish
        )
        assert (
            '<a class="americas-map__country" href="/en/countries/saint-lucia/" aria-label="Saint Lucia, LC"'
            in english
        )

    def test_markers_name_includes_the_code_they_show(self, client, countries):
        """WCAG 2.5.3: a marker shows "LC", so its accessible name must contain "LC" too."""
        html = client.get("/en/countries/").content.decode()
        assert 'aria-label="Saint Lucia, LC"' in html
        assert 'aria-label="Peru"' in html

    def test_the_stylesheet_gives_links_a_visible_focus(self):
        css = Path(finders.find("countries/css/americas-map.css")).read_text()
        assert "a.americas-map__country:focus-visible .americas-map__shape" in css


@pytest.mark.django_db
class TestMembership:
    """The map's colours, its legend, and its form for screens too small to pick a country on it."""

    def test_each_linked_country_carries_its_kind_of_membership(self, countries):
        found = re.findall(r'data-membership="([\w-]+)" data-code="(\w\w)"', render_map("en"))
        by_code = {code: kind for kind, code in found}
        assert {code: by_code[code] for code in ("CL", "PE", "MX", "LC")} == {
            "CL": "committee",
            "PE": "member",
            "MX": "member",
            "LC": "unreported",
        }

    def test_the_legend_names_and_counts_each_kind_shown(self, countries):
        legend = re.search(r'<ul class="americas-map__legend"[^>]*>(.*?)</ul>', render_map("en"), re.DOTALL)
        entries = [" ".join(text.split()) for text in re.findall(r"</span>([^<]+)</li>", legend.group(1))]
        unlinked = len(MEMBER_STATES) - 4
        assert entries == [
            "Seat on the executive committee (1)",
            "Member since a known year (2)",
            "Year of joining not yet reported (1)",
            f"No profile published yet ({unlinked})",
        ]

    def test_the_form_names_every_linked_country_and_sends_to_the_index(self, client, countries):
        html = client.get("/es/").content.decode()
        form = re.search(
            r'<form class="country-finder" method="get" action="([^"]+)">(.*?)</form>', html, re.DOTALL
        )
        assert form.group(1) == "/es/paises/"
        assert re.findall(r'<option value="(\w\w)">', form.group(2)) == ["CL", "MX", "PE", "LC"]

    @pytest.mark.parametrize(
        ("url", "profile"),
        [
            ("/es/paises/?country=pe", "/es/paises/peru/"),
            ("/en/countries/?country=LC", "/en/countries/saint-lucia/"),
            ("/es/paises/?country=CA", None),  # a draft
            ("/es/paises/?country=zz", None),
            ("/es/paises/?country=", None),
        ],
        ids=["es", "en", "draft", "unknown", "empty"],
    )
    def test_the_index_opens_the_chosen_profile(self, client, countries, url, profile):
        response = client.get(url)
        if profile is None:
            assert response.status_code == 200
        else:
            assert response.status_code == 302
            assert response["Location"] == profile
