"""Creating pages: the skeleton the reference data builds, the demo content and the tests' sites.

A page is created under its parent and published at once, the way an editor's
first "Publish" would, so it has a revision in Wagtail's history.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, Site

from network.address import configure_default_site, configured_host

P = TypeVar("P", bound=Page)


def add_page(parent: Page, page: P) -> P:
    """``page`` (not saved yet) added as the last child of ``parent`` and published.

    Adding the page validated it, and publishing validates it again: its first revision is
    not validated a third time (a full clean reads the siblings' slugs in each language).
    """
    with transaction.atomic():
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
    return page


def add_section_after(home: Callable[[], Page], previous_model: type[Page]) -> Callable[[Page], Page]:
    """Creation of a section of the home page (``home()``) that moves it right after the section
    of type ``previous_model``: Wagtail's main menu follows the page tree."""

    def create(page: Page) -> Page:
        add_page(home(), page)
        previous = previous_model.objects.first()
        if previous is not None:
            page.move(previous, pos="right")
        return page

    return create


def ensure_child(parent: Page, model: type[P], slug_es: str, **fields) -> tuple[P, bool]:
    """The child of ``parent`` whose Spanish slug is ``slug_es``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug_es=slug_es).first()
    if existing is not None:
        return existing, False
    fields.setdefault("slug_en", slug_es)
    return add_page(parent, model(slug=slug_es, slug_es=slug_es, **fields)), True


def make_site_root(home: Page) -> None:
    """``home`` becomes the root of the default site, at the configured address, replacing
    Wagtail's placeholder welcome page; a site already rooted there is not saved again (saving
    it re-indexes every page for search)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = configured_host()
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="RICG"
        )
        return
    configure_default_site(site)
    if site.root_page_id == home.pk:
        return
    placeholder = site.root_page
    site.root_page = home
    site.save()
    name_default_site()
    if not isinstance(placeholder.specific, type(home)):
        placeholder.delete()


def ensure_home(model: type[P], slug_es: str, **fields) -> tuple[P, bool]:
    """The site's home page, created on a new site as the root of the default site."""
    home = model.objects.first()
    if home is not None:
        return home, False
    home, created = ensure_child(Page.get_first_root_node(), model, slug_es, **fields)
    make_site_root(home)
    return home, created


def name_default_site() -> None:
    """The default site, which Wagtail creates unnamed, takes the network's name: the admin's
    dashboard is titled with it instead of the host name ("localhost")."""
    Site.objects.filter(is_default_site=True, site_name="").update(site_name=settings.WAGTAIL_SITE_NAME)


def paragraphs(*texts: str) -> list[dict]:
    """StreamField data for plain paragraphs of text, one block per paragraph."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]
