"""Creating pages idempotently, shared by every part of the demo content."""

from typing import TypeVar

from django.db import transaction

from wagtail.models import Page, Site

P = TypeVar("P", bound=Page)


def ensure_child(parent: Page, model: type[P], slug_es: str, **fields) -> tuple[P, bool]:
    """The child of ``parent`` whose Spanish slug is ``slug_es``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug_es=slug_es).first()
    if existing is not None:
        return existing, False
    fields.setdefault("slug_en", slug_es)
    page = model(slug=slug_es, slug_es=slug_es, **fields)
    with transaction.atomic():
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page, True


def ensure_home(model: type[P], slug_es: str, **fields) -> tuple[P, bool]:
    """The site's home page, replacing Wagtail's placeholder welcome page on a new site."""
    home = model.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    home, created = ensure_child(root, model, slug_es, **fields)
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="RICG")
    else:
        site.root_page = home
        site.save()
    if placeholder is not None and not isinstance(placeholder.specific, model):
        placeholder.delete()
    return home, created


def paragraphs(*texts: str) -> list[dict]:
    """StreamField data for plain paragraphs of text, one block per paragraph."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]
