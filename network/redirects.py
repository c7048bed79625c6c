"""Old URLs keep working, in every language, after a page is renamed or moved.

Wagtail's automatic redirects only see the URL in the language active while
publishing; with translated slugs each language has its own URL, so the
English URL of a page renamed from a Spanish admin would simply break. This
compares every language's ``url_path`` before and after each save and creates
a permanent redirect for each URL that changed, for the page and everything
under it. ``WAGTAILREDIRECTS_AUTO_CREATE`` is off so the two do not overlap.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

URL_PATH_FIELDS = {code: f"url_path_{code}" for code, _name in settings.LANGUAGES}


def remember_url_paths(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a page is saved: its URL paths as they are in the database."""
    if not isinstance(instance, Page) or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & {"url_path", *URL_PATH_FIELDS.values()}:
        return
    instance._url_paths_before_save = (
        Page.objects.filter(pk=instance.pk).values(*URL_PATH_FIELDS.values()).first()
    )


def redirect_changed_urls(sender, instance, **kwargs) -> None:
    """After a page is saved: a redirect from each language's old URL whose path changed."""
    before = instance.__dict__.pop("_url_paths_before_save", None)
    if not before or not instance.live:
        return
    for language, field in URL_PATH_FIELDS.items():
        old_path, new_path = before[field], getattr(instance, field)
        if old_path and new_path and old_path != new_path:
            redirect_page_tree(instance, language, old_path, new_path)


def redirect_page_tree(page: Page, language: str, old_path: str, new_path: str) -> None:
    """The page and its live descendants, whose paths started with ``old_path``, now at ``new_path``."""
    field = URL_PATH_FIELDS[language]
    pages = [(page, "")]
    for descendant in page.get_descendants().live().only("pk", field):
        current = getattr(descendant, field) or ""
        prefix = new_path if current.startswith(new_path) else old_path
        pages.append((descendant, current.removeprefix(prefix)))
    for site in Site.objects.select_related("root_page"):
        site_root = getattr(site.root_page, field) or site.root_page.url_path
        if not old_path.startswith(site_root):
            continue
        for target, rest in pages:
            old_url = _url(language, (old_path + rest)[len(site_root) :])
            new_url = _url(language, (new_path + rest)[len(site_root) :])
            _redirect(site, old_url, new_url, target)


def _url(language: str, path_in_site: str) -> str:
    with translation.override(language):
        return Redirect.normalise_path(reverse("wagtail_serve", args=(path_in_site,)))


def _redirect(site: Site, old_url: str, new_url: str, page: Page) -> None:
    # A redirect away from the page's new address would send readers in a loop.
    Redirect.objects.filter(site=site, old_path=new_url, automatically_created=True).delete()
    Redirect.objects.update_or_create(
        site=site,
        old_path=old_url,
        defaults={"redirect_page": page, "is_permanent": True, "automatically_created": True},
    )


def connect_redirect_signals() -> None:
    pre_save.connect(remember_url_paths, dispatch_uid="network-redirects-before")
    post_save.connect(redirect_changed_urls, dispatch_uid="network-redirects-after")
