import json
from functools import cache
from pathlib import Path

from django import template

from countries.models import CountryPage
from network.ordering import collation_key
from network.tree import by_own_table, visible

register = template.Library()

MAP_SHAPES = Path(__file__).resolve().parent.parent / "map_shapes.json"


@cache
def map_shapes() -> dict:
    """The member states' outlines, written by scripts/build_americas_map.py; read once per process."""
    return json.loads(MAP_SHAPES.read_text(encoding="utf-8"))


@register.inclusion_tag("countries/tags/americas_map.html", takes_context=True)
def americas_map(context: template.Context) -> dict:
    """The clickable map of the Americas: each member state with a live, public profile links to it.

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
        }
        for code, shape in shapes["countries"].items()
    ]
    countries.sort(key=lambda country: (not country["url"], collation_key(country["name"]), country["code"]))
    return {"view_box": shapes["viewBox"], "land": shapes["land"], "countries": countries}
