"""A country's demo content, from its file in demo/data/countries/: profile, institutions, portals
and practices. The country page itself comes from the reference data; the profile fills it in."""

import dataclasses

from countries.models import CountryPage, PracticePage
from demo import portals
from network.reference import Attr, Children, Item, Kind, Related, Stream, page_values, sync, translated
from network.skeleton import paragraphs

TOPICS = "network.topics"

PROFILES = Kind(
    source="demo.country_profiles",
    model=CountryPage,
    fields=(
        *translated("intro", "system_name", "contact_role"),
        Attr("executive_committee"),
        Attr("system_launch_year"),
        Attr("system_source"),
        Attr("system_as_of"),
        Attr("laws_source"),
        Attr("laws_as_of"),
        Attr("contact_url"),
        Attr("contact_email"),
        Attr("contact_source"),
        Attr("contact_as_of"),
        Related("system_modules", "countries.procurement_modules"),
        Children("laws", *translated("title"), Attr("number"), Attr("year"), Attr("url")),
        Children("key_figures", *translated("label", "unit", "source"), Attr("value"), Attr("year")),
        *(Stream(f"body_{language}") for language in ("es", "en")),
    ),
    find=lambda key, values: CountryPage.objects.filter(iso_alpha2=key).first(),
)
PRACTICES = Kind(
    source="demo.practices",
    model=PracticePage,
    fields=(
        *translated("slug", "title", "intro"),
        *(Stream(f"body_{language}") for language in ("es", "en")),
        Related("topics", TOPICS),
        Attr("date"),
    ),
    find=lambda key, values: PracticePage.objects.filter(slug_es=values["slug_es"]).first(),
)


def bodies(item: Item, name: str = "body", required: bool = True) -> dict[str, list[dict]]:
    """The StreamField values of a text given as a list of paragraphs per language."""
    texts = item.text(name, required)
    return {f"{name}_{language}": paragraphs(*(texts[language] or [])) for language in texts}


def _law(law: Item) -> dict:
    return {
        **law.translated("title"),
        "number": law.get("number", ""),
        "year": law.get("year"),
        "url": law.get("url", ""),
    }


def _figure(figure: Item) -> dict:
    texts = {**figure.translated("label"), **figure.translated("unit"), **figure.translated("source")}
    return {**texts, "value": figure["value"], "year": figure["year"]}


def sourced(item: Item, prefix: str) -> dict:
    """A section's source and "as of" date: a fact the profile reports must say where it is from and when."""
    return {f"{prefix}_source": item["source"], f"{prefix}_as_of": item["as_of"]}


def _system(profile: Item) -> dict:
    if profile.get("system") is None:
        return {}
    system = profile.item("system")
    return {
        **system.translated("name", "system_name"),
        "system_launch_year": system.get("launch_year"),
        "system_modules": system.get("modules", []),
        **sourced(system, "system"),
    }


def _laws(profile: Item) -> dict:
    laws = profile.items("laws", required=False)
    if not laws:
        return {}
    return {"laws": [_law(law) for law in laws], **sourced(profile.item("laws_source"), "laws")}


def _contact(profile: Item) -> dict:
    """The agency's public channels (its contact page, an institutional address), never a person's."""
    if profile.get("contact") is None:
        return {}
    contact = profile.item("contact")
    return {
        **contact.translated("role", "contact_role"),
        "contact_url": contact.get("url", ""),
        "contact_email": contact.get("email", ""),
        **sourced(contact, "contact"),
    }


def profile_values(profile: Item) -> dict:
    return {
        **profile.translated("intro", required=False),
        "executive_committee": profile.get("executive_committee", False),
        **_system(profile),
        **_laws(profile),
        **_contact(profile),
        "key_figures": [_figure(figure) for figure in profile.items("key_figures", required=False)],
        **bodies(profile, required=False),
    }


def load_practices(data: Item, country: CountryPage) -> None:
    kind = dataclasses.replace(PRACTICES, parent=lambda: country)
    for practice in data.items("practices", required=False):
        values = {**page_values(practice, "intro"), **bodies(practice), "topics": practice["topics"]}
        if practice.get("date"):
            values["date"] = practice["date"]
        sync(kind, values["slug_es"], values, practice.where)


def load_country(data: Item) -> None:
    code = data["country"]
    country = CountryPage.objects.filter(iso_alpha2=code).first()
    if data.get("profile") is not None:
        country = sync(PROFILES, code, profile_values(data.item("profile")), data.where) or country
    portals.load_institutions(data, code)
    portals.load_portals(data, code)
    if country is not None:
        load_practices(data, country)
