"""Which language versions of a page exist, and where they live.

Languages are translated fields of one page tree (django-modeltranslation), so
"the English page" is the same page read with English active. A field left
empty in English falls back to Spanish; these helpers tell the templates when
that happened so the reader is told and search engines are not misled.
"""

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.urls import ResolverMatch, translate_url
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.http import urlencode

from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from network.cache import ALL_PARAMETERS, ReadParameters

# Fields that are derived or optional metadata: their absence does not make a
# page "untranslated" for a reader.
TECHNICAL_FIELDS = frozenset({"slug", "url_path", "seo_title", "search_description"})


def translated_field_names(model: type[Model]) -> list[str]:
    """Names of a model's translated reader-facing fields, e.g. ``["title", "body"]``."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [name for name in options.all_fields if name not in TECHNICAL_FIELDS]


def is_translated(instance: Model, language: str, names: Iterable[str] = ()) -> bool:
    """True when every field (of ``names``, else every translated one) filled in the default
    language is also filled in ``language``."""
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return True
    return not untranslated_fields(instance, language, names)


def untranslated_fields(instance: Model, language: str, names: Iterable[str] = ()) -> list[str]:
    """The translated fields (of ``names``, else all) ``instance`` has in another language and lacks
    in ``language``."""
    others = [code for code, _name in settings.LANGUAGES if code != language]
    return [
        name
        for name in names or translated_field_names(type(instance))
        if not _has_content(getattr(instance, build_localized_fieldname(name, language)))
        and any(_has_content(getattr(instance, build_localized_fieldname(name, other))) for other in others)
    ]


def untranslated_rows(page: Page, language: str) -> bool:
    """True when an inline row of the page (a law, a key figure, a session…) falls back to Spanish.

    Reads the rows through the page's own relations, so a page that prefetched them (as the
    country profile and the event page do for their lists) makes no query here.
    """
    return any(not is_translated(row, language) for row in translated_rows(page))


def translated_rows(page: Page) -> Iterator[Model]:
    """The page's inline rows (modelcluster child relations) whose model has translated fields."""
    for relation in get_all_child_relations(page):
        if translated_field_names(relation.related_model):
            yield from getattr(page, relation.get_accessor_name()).all()


def _has_content(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def language_urls(request: HttpRequest, page: Page | None = None, keep_query: bool = True) -> dict[str, str]:
    """The URL of the current page in each language, keyed by language code.

    A Wagtail page gives its own translated URL; a route of a routable page named
    ``<name>-<language>`` (one per language) gives the same route in the other
    language, with the same arguments; any other view has its path translated by
    Django's URL resolver (translated URL patterns included). The query string (a listing's
    filters, a search) goes along, so switching language keeps what the reader chose, unless
    ``keep_query`` is false (hreflang alternates name the pages themselves).
    """
    route = getattr(request, "routable_resolver_match", None)
    route_name = route.url_name if route and route.url_name else ""
    translated = route_name.endswith(f"-{translation.get_language()}")
    query = switch_query(request) if keep_query else ""
    urls = {}
    for code, _name in settings.LANGUAGES:
        if page is not None:
            with translation.override(code):
                url = translated_route(request, page, route, code) if translated else page.get_url(request)
        else:
            url = translate_url(escape_uri_path(request.path), code)
        urls[code] = url + query
    return urls


def switch_query(request: HttpRequest) -> str:
    """The query string the language switch carries ("?…" or "").

    Under the page cache (``network.cache.ReadParameters``) only the parameters the page has
    read by then (a listing's filters, a search, all read before its template renders): the
    page is cached under those, and repeating a tracking tag or cache buster of the reader
    who filled the cache would hand it to every later reader.
    """
    parameters = request.GET
    if isinstance(parameters, ReadParameters) and parameters.read_names() != ALL_PARAMETERS:
        names = sorted(parameters.names_read)
        query = urlencode([(name, value) for name in names for value in parameters.getlist(name)])
    else:
        query = parameters.urlencode()
    return f"?{query}" if query else ""


def translated_route(request: HttpRequest, page: Page, route: ResolverMatch, code: str) -> str:
    """The URL of ``page``'s matched route (named ``<name>-<active language>``) in language ``code``,
    with the same arguments (a country's explorer stays that country's)."""
    base, _dash, _language = route.url_name.rpartition("-")
    return page.get_url(request) + page.reverse_subpage(f"{base}-{code}", route.args, route.kwargs)
