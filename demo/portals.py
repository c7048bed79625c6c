"""Institutions and portals, from the country files and demo/data/regional.yaml.

An institution is identified by its Spanish acronym, a portal by its address.
"""

from network.reference import Attr, Item, Kind, Ref, sync, translated
from portals.models import Institution, Portal

COUNTRY = "countries.member_states"

INSTITUTIONS = Kind(
    source="demo.institutions",
    model=Institution,
    fields=(*translated("acronym", "name"), Ref("country", COUNTRY), Attr("url")),
    find=lambda key, values: Institution.objects.filter(acronym_es=key).first(),
)
PORTALS = Kind(
    source="demo.portals",
    model=Portal,
    fields=(
        Attr("url"),
        Attr("kind"),
        *translated("name", "description"),
        Ref("country", COUNTRY),
        Ref("institution", "demo.institutions"),
        Attr("languages"),
        Attr("publishes_ocds"),
    ),
    find=lambda key, values: Portal.objects.filter(url=key).first(),
)


def load_institutions(data: Item, country: str | None) -> None:
    for institution in data.items("institutions", required=False):
        values = {
            **institution.translated("acronym"),
            **institution.translated("name"),
            "country": country,
            "url": institution.get("url", ""),
        }
        sync(INSTITUTIONS, values["acronym_es"], values, institution.where)


def load_portals(data: Item, country: str | None) -> None:
    for portal in data.items("portals", required=False):
        values = {
            "url": portal["url"],
            "kind": portal["kind"],
            **portal.translated("name"),
            **portal.translated("description"),
            "country": country,
            "institution": portal.get("institution"),
            "languages": portal.get("languages", "es"),
            "publishes_ocds": portal.get("publishes_ocds", False),
        }
        sync(PORTALS, portal["url"], values, portal.where)


def load_regional(data: Item) -> None:
    """The institutions and portals of no single country."""
    load_institutions(data, None)
    load_portals(data, None)
