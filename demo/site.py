"""The section index pages the reference data does not create, and the page about the network.

Wagtail's menu follows the page tree, so a new section is moved right after the
section the menu shows before it; the page about the network is created last.
"""

from countries.models import CountryIndexPage
from events.models import EventIndexPage
from network.models import HomePage, PublicationIndexPage, StandardPage, TopicIndexPage
from network.reference import Attr, Item, Kind, Stream, page_values, sync, translated
from network.skeleton import add_section_after, paragraphs
from news.models import NewsIndexPage
from portals.models import PortalDirectoryPage

# Each section's page type, and the type of the section the menu shows before it.
SECTIONS = {
    "events": (EventIndexPage, CountryIndexPage),
    "portals": (PortalDirectoryPage, TopicIndexPage),
    "publications": (PublicationIndexPage, PortalDirectoryPage),
    "news": (NewsIndexPage, PublicationIndexPage),
}
PAGE_FIELDS = (*translated("slug", "title", "intro"), Attr("show_in_menus"))


def section_kind(name: str) -> Kind:
    model, previous = SECTIONS[name]
    return Kind(
        source="demo.sections",
        model=model,
        fields=PAGE_FIELDS,
        find=lambda key, values: model.objects.first(),
        create=add_section_after(HomePage.objects.get, previous),
    )


ABOUT = Kind(
    source="demo.about",
    model=StandardPage,
    fields=(*PAGE_FIELDS, *(Stream(f"body_{language}") for language in ("es", "en"))),
    find=lambda key, values: StandardPage.objects.filter(slug_es=values["slug_es"]).first(),
    parent=lambda: HomePage.objects.first(),
)


def load_sections(data: Item) -> None:
    sections = data.item("sections")
    for name in SECTIONS:
        section = sections.item(name)
        sync(
            section_kind(name), name, {**page_values(section, "intro"), "show_in_menus": True}, section.where
        )


def load_about(data: Item) -> None:
    about = data.item("about")
    body = {f"body_{language}": paragraphs(*texts) for language, texts in about.text("body").items()}
    sync(ABOUT, "about", {**page_values(about, "intro"), "show_in_menus": True, **body}, about.where)
