"""Whole-page caching for anonymous readers, invalidated by any change to published content.

Pages cross-link each other (a country lists its events, a topic its agreements),
so publishing one page can change many others. Instead of tracking which, every
cached response is keyed by a *content generation* that any publication, move,
deletion or change to a snippet or document replaces: the next request renders
afresh. Editors never have to think about it, and several application servers
stay consistent when they share one cache (Redis).
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "network:content-generation"
# Content outside the page tree that pages display.
CONTENT_MODELS = (
    "portals.Portal",
    "portals.Institution",
    "network.NetworkDocument",
    "countries.ProcurementModule",
    "wagtailimages.Image",
    "wagtailcore.Site",
    # Making a page or a collection private must take it off cached pages at once.
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
)


def content_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def new_content_generation(**_signal_kwargs) -> None:
    """Signal receiver: everything cached so far is outdated.

    The change is not visible to other requests until its transaction commits,
    and one of them may cache the old content in between: the generation is
    replaced again once the transaction commits.
    """
    _replace_generation()
    transaction.on_commit(_replace_generation)


def _replace_generation() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        new_content_generation()


def connect_invalidation_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(new_content_generation, dispatch_uid="page-cache")
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-page-deleted")
    for model in CONTENT_MODELS:
        post_save.connect(new_content_generation, sender=model, dispatch_uid="page-cache")
        post_delete.connect(new_content_generation, sender=model, dispatch_uid="page-cache")


def page_cache_key(request: HttpRequest, generation: int) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"network:page:{generation}:{request.method}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous readers from the cache.

    Only language-prefixed public URLs (``/es/…``, ``/en/…``) are cached, never
    for a request that carries a session (editors see drafts and the user bar),
    and never a response that sets a cookie, needs a CSRF token, or asked not
    to be cached (the search page when its engine does not answer, for instance).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not self._cacheable_request(request):
            return self.get_response(request)
        key = page_cache_key(request, content_generation())
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            cache.set(key, response, timeout)
        return response

    def _cacheable_request(self, request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefixes)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )
