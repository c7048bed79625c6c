"""Whole-page caching for anonymous readers, invalidated by any change to published content.

Pages cross-link each other (a country lists its events, a topic its agreements),
so publishing one page can change many others. Instead of tracking which, every
cached response is keyed by a *content generation* that any publication, move,
deletion or change to a snippet or document replaces: the next request renders
afresh. Editors never have to think about it, and every process of every server
stays consistent because they share one cache (Redis, or the database's cache table:
network.settings.base; network.checks refuses a cache of each process).
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

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
    if _generation.unsaved:
        _replace_generation()
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def count(key: str, timeout: int | float, store: BaseCache = cache) -> int:
    """Add one to the counter at ``key`` in ``store`` (kept ``timeout`` seconds from its first
    count); its new value.

    The counter can vanish between the two steps: the database cache keeps expiry times to the
    second, so in a counter's last second ``add`` finds it alive and ``incr`` finds it expired;
    and another process can cull it (the database cache drops a third of its entries when full)
    or Redis evict it. Django's ``incr`` then raises ValueError, which was a 500; the count
    starts again from one instead.
    """
    store.add(key, 0, timeout)
    try:
        return store.incr(key)
    except ValueError:
        store.set(key, 1, timeout)
        return 1


def new_content_generation(**_signal_kwargs) -> None:
    """Signal receiver: everything cached so far is outdated.

    The change is not visible to other requests until its transaction commits,
    and one of them may cache the old content in between: the generation is
    replaced again once the transaction commits.
    """
    _replace_generation()
    transaction.on_commit(_replace_generation)


class _Generation:
    """Whether this process replaced the generation while the cache could not store it.

    The cache keeps the pages it held while unreachable (network.cache_backends): the first
    request after it answers again must start a new generation, or they would be served.
    """

    unsaved = False


_generation = _Generation()


def _replace_generation() -> None:
    generation = time.time_ns()
    cache.set(GENERATION_KEY, generation, timeout=None)
    _generation.unsaved = cache.get(GENERATION_KEY) != generation


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


# What a page that reads its whole query string stores instead of the names it read.
ALL_PARAMETERS = "*"


class ReadParameters(QueryDict):
    """A request's query parameters that remember which of them the view read.

    A name asked for counts as read whether the request carries it or not; reading them all
    (iterating, copying, encoding, testing for emptiness) counts every name, present or to come.
    """

    def __init__(self, *args, **kwargs) -> None:
        self.names_read: set[str] = set()
        self.all_read = False
        super().__init__(*args, **kwargs)
        # Building the dictionary asked for every name it holds: nothing is read yet.
        self.names_read.clear()
        self.all_read = False

    def read_names(self) -> tuple[str, ...] | str:
        """What the page cache stores: the names read, or ``ALL_PARAMETERS``."""
        return ALL_PARAMETERS if self.all_read else tuple(sorted(self.names_read))

    def _read(self, key: str) -> None:
        self.names_read.add(key)

    def mark_all_read(self) -> None:
        self.all_read = True

    def __getitem__(self, key):
        self._read(key)
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:
        self._read(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._read(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._read(key)
        return super().getlist(key, default)

    def __iter__(self):
        self.mark_all_read()
        return super().__iter__()

    def __len__(self) -> int:
        self.mark_all_read()
        return super().__len__()

    def keys(self):
        self.mark_all_read()
        return super().keys()

    def __copy__(self):
        self.mark_all_read()
        return super().__copy__()

    def __deepcopy__(self, memo):
        self.mark_all_read()
        return super().__deepcopy__(memo)


def page_cache_key(request: HttpRequest, generation: int, read: tuple[str, ...] | str) -> str:
    """The request's key: its host, its path, and the values of the query parameters the page reads."""
    names = sorted(request.GET.keys()) if read == ALL_PARAMETERS else read
    query = urlencode([(name, value) for name in names for value in request.GET.getlist(name)])
    url = f"{request.get_host()}{request.path}?{query}"
    return f"network:page:{generation}:{request.method}:{hashlib.sha256(url.encode()).hexdigest()}"


def _path_key(kind: str, request: HttpRequest, generation: int) -> str:
    url = f"{request.get_host()}{request.path}"
    return f"network:{kind}:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous readers from the cache, and say who else may cache them.

    Only language-prefixed public URLs (``/es/…``, ``/en/…``) are cached, never
    for a request that carries a session (editors see drafts and the user bar),
    and never a response that sets a cookie, needs a CSRF token, or asked not
    to be cached (the search page when its engine does not answer, for instance).

    Query strings: a page's key holds only the parameters its renders read
    (``ReadParameters``), learnt per path and content generation, so junk parameters
    (tracking tags, cache busters) share the page's one entry. A view must therefore ask
    for its parameters whatever the others say, as the listings and the search do. Reading
    the whole query string (a link that repeats it) makes every parameter part of the key.
    At most ``PAGE_CACHE_VARIANTS`` query strings of one path are stored per generation;
    further ones are rendered for each request.

    Every response gets a Cache-Control header unless its view set one: ``public`` with a
    short browser lifetime and ``s-maxage`` for a CDN when anyone may see it, ``private,
    no-store`` when it belongs to one reader (a session, a cookie, a CSRF token), and
    ``no-cache`` otherwise (errors, redirects, answers that asked not to be cached).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_SECONDS or not self._cacheable_request(request):
            return self._with_cache_control(request, self.get_response(request))
        generation = content_generation()
        read = cache.get(_path_key("read", request, generation))
        cached = None if read is None else cache.get(page_cache_key(request, generation, read))
        if cached is not None:
            return cached
        response, now_read = self._render_tracking_parameters(request)
        response = self._with_cache_control(request, response)
        if self._cacheable_response(request, response):
            self._store(request, response, generation, self._union(read, now_read))
        return response

    def _render_tracking_parameters(self, request: HttpRequest) -> tuple[HttpResponse, tuple[str, ...] | str]:
        parameters = ReadParameters(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        query = request.GET
        request.GET = parameters
        # Anything that repeats the whole query string in the page reads every parameter.
        for name in ("get_full_path", "get_full_path_info"):
            setattr(request, name, _reading_all(getattr(request, name), parameters))
        try:
            response = self.get_response(request)
        finally:
            request.GET = query
            for name in ("get_full_path", "get_full_path_info"):
                delattr(request, name)
        return response, parameters.read_names()

    @staticmethod
    def _union(before: tuple[str, ...] | str | None, now: tuple[str, ...] | str) -> tuple[str, ...] | str:
        if ALL_PARAMETERS in (before, now):
            return ALL_PARAMETERS
        return tuple(sorted({*(before or ()), *now}))

    def _store(self, request: HttpRequest, response: HttpResponse, generation: int, read) -> None:
        timeout = settings.PAGE_CACHE_SECONDS
        cache.set(_path_key("read", request, generation), read, timeout)
        key = page_cache_key(request, generation, read)
        if key != page_cache_key(request, generation, ()):
            # Another variant of the path: count it, and keep none beyond the bound.
            variants = count(_path_key("variants", request, generation), timeout)
            if variants > settings.PAGE_CACHE_VARIANTS:
                return
        cache.set(key, response, timeout)

    def _cacheable_request(self, request: HttpRequest) -> bool:
        return self._anonymous_read(request) and request.path.startswith(self.prefixes)

    @staticmethod
    def _anonymous_read(request: HttpRequest) -> bool:
        return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES

    @staticmethod
    def _personal(request: HttpRequest, response: HttpResponse) -> bool:
        """A response that sets a cookie or carries a CSRF token is one reader's."""
        return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))

    def _cacheable_response(self, request: HttpRequest, response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not self._personal(request, response)
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )

    def _with_cache_control(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.has_header("Cache-Control"):
            return response
        if not self._anonymous_read(request) or self._personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code == 200:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.BROWSER_CACHE_SECONDS,
                s_maxage=settings.CDN_CACHE_SECONDS,
            )
        else:
            patch_cache_control(response, no_cache=True)
        return response


def _reading_all(method: Callable[..., str], parameters: ReadParameters) -> Callable[..., str]:
    def read_all(*args, **kwargs) -> str:
        parameters.mark_all_read()
        return method(*args, **kwargs)

    return read_all
