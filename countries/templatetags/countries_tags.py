import json
from collections import Counter
from functools import cache
from pathlib import Path

from django import template
from django.utils.translation import gettext, gettext_lazy

from countries.models import CountryIndexPage, CountryPage
from network.listing import index_urls
from network.ordering import collation_key
from network.tree import by_own_table, visible

register = template.Library()

MAP_SHAPES = Path(__file__).resolve().parent.parent / "map_shapes.json"

# How a member state takes part, as the map colours it, darkest first; a state without a
# published profile is drawn apart, unlinked.
MEMBERSHIP_LEGEND = {
    "committee": gettext_lazy("Seat on the executive committee"),
    "member": gettext_lazy("Member since a known year"),
    "unreported": gettext_lazy("Year of joining not yet reported"),
    "without-profile": gettext_lazy("No profile published yet"),
}


@cache
def map_shapes() -> dict:
    """The member states' outlines, written by scripts/build_americas_map.py; read once per process."""
    return json.loads(MAP_SHAPES.read_text(encoding="utf-8"))


def membership(profile: CountryPage | None) -> str:
    """The key of ``MEMBERSHIP_LEGEND`` the map colours the country with."""
    if profile is None:
        return "without-profile"
    if profile.executive_committee:
        return "committee"
    return "member" if profile.member_since else "unreported"


@register.inclusion_tag("countries/tags/americas_map.html", takes_context=True)
def americas_map(context: template.Context) -> dict:
    """The clickable map of the Americas, coloured by membership with its legend: each member state
    with a live, public profile links to it. A form names them all, for screens too small to pick a
    small island on the map.

    One query, for the live profiles. Linked countries come first, by name, so that
    keyboard users tab through them alphabetically, as in the list beside the map.
    """
    request = context.get("request")
    current = context.get("page")
    live_profiles = by_own_table(visible(CountryPage.objects.defer_streamfields()))
    profiles = {page.iso_alpha2: page for page in live_profiles}
    shapes = map_shapes()
    countries = [
        {
            "code": code,
            "shape": shape,
            "name": profiles[code].title if code in profiles else "",
            "url": profiles[code].get_url(request) if code in profiles else "",
            "current": code in profiles and current is not None and profiles[code].pk == current.pk,
            "membership": membership(profiles.get(code)),
        }
        for code, shape in shapes["countries"].items()
    ]
    countries.sort(key=lambda country: (not country["url"], collation_key(country["name"]), country["code"]))
    return {
        "view_box": shapes["viewBox"],
        "land": shapes["land"],
        "countries": countries,
        "legend": legend(countries),
        "index_url": index_urls(request, CountryIndexPage).get(CountryIndexPage, "") if request else "",
    }


def legend(countries: list[dict]) -> list[dict]:
    """The legend's entries for the kinds of membership the map shows, with how many states each."""
    counts = Counter(country["membership"] for country in countries)
    return [
        {"key": key, "label": gettext(label), "count": counts[key]}
        for key, label in MEMBERSHIP_LEGEND.items()
        if counts[key]
    ]
