"""System checks of the deployment: the page and fragment caches must be one cache for every process."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.caches)
def check_page_cache_is_shared(app_configs=None, **kwargs) -> list[CheckMessage]:
    """A per-process cache keeps serving a page every other process has seen change.

    gunicorn's workers each hold their own local-memory cache: after a publication, or after a
    page was made private, the workers that did not handle it serve the old page for
    PAGE_CACHE_SECONDS, and the old counts of the listings for FRAGMENT_CACHE_SECONDS
    (network.memo). `migrate`, `check` and `runserver` refuse to run with it, and so does
    the WSGI application (network.wsgi), which gunicorn loads without running the checks.
    """
    caching = settings.PAGE_CACHE_SECONDS or settings.FRAGMENT_CACHE_SECONDS
    if not caching or not isinstance(caches["default"], LocMemCache):
        return []
    return [
        Error(
            "The page or fragment cache is on (PAGE_CACHE_SECONDS, FRAGMENT_CACHE_SECONDS) in a "
            "cache each process keeps for itself.",
            hint="Use the default CACHES of network.settings.base (Redis when REDIS_URL is set, "
            "otherwise the database), or set PAGE_CACHE_SECONDS=0 and FRAGMENT_CACHE_SECONDS=0.",
            id="network.E001",
        )
    ]
