"""The main menu and the breadcrumbs: where the reader is, and the way back up.

The menu lists the home page's sections (its children shown in menus). A place
that is not a page of its own, such as the good practices (a route of the country
index), is added by the app that owns it through the ``main_menu_links`` hook, the
way Wagtail's ``construct_main_menu`` works: the function receives the menu's
sections and the request and returns a ``MenuLink`` placed right after its
section, or None.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.models import Page

from network.tree import LINK_FIELDS, visible

MENU_LINKS_HOOK = "main_menu_links"

# Wagtail's root is at depth 1, a site's home page at 2.
HOME_DEPTH = 2


@dataclass(frozen=True)
class MenuLink:
    """A link an app adds to the main menu after ``section``; the pages of ``page_types`` belong to it
    (a practice belongs to the good practices, not to the country it sits under)."""

    title: str
    url: str
    section: Page
    page_types: tuple[type[Page], ...] = ()


@dataclass
class MenuItem:
    title: str
    url: str
    page_types: tuple[type[Page], ...] = ()
    # aria-current: "page" on the item that is where the reader is, "true" on the section they are in.
    current: str = ""

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


def menu_items(
    home: Page, sections: Iterable[Page], request: HttpRequest, page: Page | None
) -> list[MenuItem]:
    """The home page, its sections and the links the apps add to them, the current one marked."""
    sections = list(sections)
    added: dict[int, list[MenuLink]] = {}
    for contribute in hooks.get_hooks(MENU_LINKS_HOOK):
        link = contribute(sections, request)
        if link is not None:
            added.setdefault(link.section.pk, []).append(link)
    items = [MenuItem(gettext("Home"), home.get_url(request))]
    for section in sections:
        items.append(MenuItem(section.title, section.get_url(request)))
        items.extend(MenuItem(link.title, link.url, link.page_types) for link in added.get(section.pk, []))
    mark_current(items, request.path, page)
    return items


def mark_current(items: list[MenuItem], path: str, page: Page | None) -> None:
    """Mark the item the reader is on, else the section they are in: the item that claims the page's
    type, or the longest item path that starts the request's (the home page's, which starts every
    path, only for itself)."""
    here = next((item for item in items if item.path == path), None)
    if here is not None:
        here.current = "page"
        return
    claiming = [item for item in items if page is not None and isinstance(page, item.page_types)]
    within = claiming or [item for item in items[1:] if path.startswith(item.path)]
    if within:
        max(within, key=lambda item: len(item.path)).current = "true"


def trail(page: Page) -> list[Page]:
    """The pages readers may see from the home page down to ``page``'s parent, in one query."""
    ancestors = page.get_ancestors().filter(depth__gte=HOME_DEPTH).only(*LINK_FIELDS)
    return list(visible(ancestors).order_by("path"))


def on_route(request: HttpRequest) -> bool:
    """Whether the request is for a route of a routable page (good practices, a PDF), not the page itself."""
    route = getattr(request, "routable_resolver_match", None)
    return route is not None and route.url_name != "index_route"
