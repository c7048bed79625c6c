"""The section index pages the reference data does not create, the page about the network and
the other pages of the site's identity (contact, relation to the OAS, privacy notice, accessibility
statement, terms of use, content licence) that every page's footer links to.

Wagtail's menu follows the page tree, so a new section is moved right after the
section the menu shows before it; the page about the network is created after
the sections, and the identity pages, kept out of the menu, last.
"""

from countries.models import CountryIndexPage
from events.models import EventIndexPage
from network.models import HomePage, PageRole, PublicationIndexPage, StandardPage, TopicIndexPage
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


STANDARD_PAGE_FIELDS = (*PAGE_FIELDS, Attr("role"), Stream("body_es"), Stream("body_en"))
ABOUT = Kind(
    source="demo.about",
    model=StandardPage,
    fields=STANDARD_PAGE_FIELDS,
    find=lambda key, values: StandardPage.objects.filter(slug_es=values["slug_es"]).first(),
    parent=lambda: HomePage.objects.first(),
)
IDENTITY = Kind(
    source="demo.identity",
    model=StandardPage,
    fields=STANDARD_PAGE_FIELDS,
    find=lambda key, values: StandardPage.objects.filter(role=key).first(),
    parent=lambda: HomePage.objects.first(),
)


def load_sections(data: Item) -> None:
    sections = data.item("sections")
    for name in SECTIONS:
        section = sections.item(name)
        sync(
            section_kind(name), name, {**page_values(section, "intro"), "show_in_menus": True}, section.where
        )


def body_blocks(texts: list[str]) -> list[dict]:
    """A page body from a data file: a section heading for a text that starts with "## ", else a paragraph."""
    return [
        {"type": "heading", "value": {"text": text.removeprefix("## "), "level": "h2"}}
        if text.startswith("## ")
        else paragraphs(text)[0]
        for text in texts
    ]


def standard_page_values(page: Item, role: str, in_menu: bool) -> dict:
    body = {f"body_{language}": body_blocks(texts) for language, texts in page.text("body").items()}
    return {**page_values(page, "intro"), "show_in_menus": in_menu, "role": role, **body}


def load_about(data: Item) -> None:
    about = data.item("about")
    sync(ABOUT, "about", standard_page_values(about, PageRole.ABOUT, in_menu=True), about.where)


def load_identity(data: Item) -> None:
    """The identity pages, each under its role; a role that is not one of ``PageRole`` fails the page's
    validation, which names the file and the place in it."""
    for page in data.items("identity"):
        sync(IDENTITY, page["role"], standard_page_values(page, page["role"], in_menu=False), page.where)
