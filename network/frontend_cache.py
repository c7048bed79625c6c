"""A CDN in front of the site forgets a page, in both languages, as soon as it changes.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a page's URL in the language active when
it is published, and would rewrite ``/es/`` to ``/en/`` for the other language, but slugs are
translated here (``/es/acerca-de-la-red/``, ``/en/about-the-network/``). So the URLs are
computed in each language, for the page and its ancestors (the listings that show it), and
handed to Wagtail's purge with the backends of ``WAGTAILFRONTENDCACHE``, once the change is
committed: purged earlier, the CDN could fetch the old page again. Other pages that mention
it follow within the CDN's lifetime (``CDN_CACHE_SECONDS``).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished


def page_urls(page: Page) -> list[str]:
    """The full URLs, in every language, of ``page`` and of the pages above it."""
    pages = [*page.get_ancestors().filter(depth__gt=1).specific(), page]
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls += [url for each in pages if (url := each.get_full_url())]
    return urls


def purge_page(instance: Page, **_signal_kwargs) -> None:
    """Signal receiver: purge the page's URLs from the CDN when the change commits."""
    # Deleting a page deletes its row in every table of its type: purge once, for the specific one.
    if not settings.WAGTAILFRONTENDCACHE or not isinstance(instance, Page) or not _is_specific(instance):
        return
    urls = page_urls(instance)
    transaction.on_commit(lambda: purge_urls_from_cache(urls))


def _is_specific(page: Page) -> bool:
    return type(page) is page.specific_class


def connect_purge_signals() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(purge_page, dispatch_uid="frontend-cache-purge")
