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


def bodies(item: Item, name: str = "body") -> dict[str, list[dict]]:
    """The StreamField values of a text given as a list of paragraphs per language."""
    return {f"{name}_{language}": paragraphs(*texts) for language, texts in item.text(name).items()}


def _law(law: Item) -> dict:
    # A law's official title may have no English version yet: the English profile then shows the
    # Spanish one, marked as Spanish (network.i18n.untranslated_rows), rather than an invented one.
    title = law.item("title")
    return {
        "title_es": title["es"],
        "title_en": title.get("en", ""),
        "number": law.get("number", ""),
        "year": law.get("year"),
        "url": law.get("url", ""),
    }


def _figure(figure: Item) -> dict:
    texts = {**figure.translated("label"), **figure.translated("unit"), **figure.translated("source")}
    return {**texts, "value": figure["value"], "year": figure["year"]}


def profile_values(profile: Item) -> dict:
    system = profile.item("system")
    return {
        **profile.translated("intro"),
        **system.translated("name", "system_name"),
        **profile.translated("contact_role"),
        "executive_committee": profile.get("executive_committee", False),
        "system_launch_year": system.get("launch_year"),
        "system_modules": system.get("modules", []),
        "laws": [_law(law) for law in profile.items("laws", required=False)],
        "key_figures": [_figure(figure) for figure in profile.items("key_figures", required=False)],
        **bodies(profile),
    }


def load_practices(data: Item, country: CountryPage) -> None:
    kind = dataclasses.replace(PRACTICES, parent=lambda: country)
    for practice in data.items("practices", required=False):
        # The practice's own date is required: the model's default (today) would date it the day of loading.
        values = {
            **page_values(practice, "intro"),
            **bodies(practice),
            "topics": practice["topics"],
            "date": practice["date"],
        }
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
