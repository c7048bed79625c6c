"""Which language versions of a page exist, and where they live.

Languages are translated fields of one page tree (django-modeltranslation), so
"the English page" is the same page read with English active. A field left
empty in English falls back to Spanish; these helpers tell the templates when
that happened so the reader is told and search engines are not misled.
"""

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.urls import ResolverMatch, translate_url
from django.utils import translation

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

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


def is_translated(instance: Model, language: str) -> bool:
    """True when every field filled in the default language is also filled in ``language``."""
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return True
    return not untranslated_fields(instance, language)


def untranslated_fields(instance: Model, language: str) -> list[str]:
    """The translated fields ``instance`` has in another language and lacks in ``language``."""
    others = [code for code, _name in settings.LANGUAGES if code != language]
    return [
        name
        for name in translated_field_names(type(instance))
        if not _has_content(getattr(instance, build_localized_fieldname(name, language)))
        and any(_has_content(getattr(instance, build_localized_fieldname(name, other))) for other in others)
    ]


def _has_content(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def language_urls(request: HttpRequest, page: Page | None = None) -> dict[str, str]:
    """The URL of the current page in each language, keyed by language code.

    A Wagtail page gives its own translated URL; a route of a routable page named
    ``<name>-<language>`` (one per language) gives the same route in the other
    language, with the same arguments and filters; any other view has its path translated by
    Django's URL resolver (translated URL patterns included).
    """
    route = getattr(request, "routable_resolver_match", None)
    route_name = route.url_name if route and route.url_name else ""
    translated = route_name.endswith(f"-{translation.get_language()}")
    urls = {}
    for code, _name in settings.LANGUAGES:
        if page is not None:
            with translation.override(code):
                urls[code] = (
                    translated_route(request, page, route, code) if translated else page.get_url(request)
                )
        else:
            urls[code] = translate_url(request.get_full_path(), code)
    return urls


def translated_route(request: HttpRequest, page: Page, route: ResolverMatch, code: str) -> str:
    """The URL of ``page``'s matched route (named ``<name>-<active language>``) in language ``code``,
    with the same arguments (a country's explorer stays that country's) and query string."""
    base, _dash, _language = route.url_name.rpartition("-")
    url = page.get_url(request) + page.reverse_subpage(f"{base}-{code}", route.args, route.kwargs)
    return f"{url}?{request.GET.urlencode()}" if request.GET else url
