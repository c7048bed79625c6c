"""Finding a page by its translated slug with one query.

wagtail-modeltranslation replaces ``Page.route`` so that URLs follow each
language's slug, but its version loads every child of a page and compares
slugs in Python: opening one of 10,000 news items built 10,000 page objects.
This route asks the database for the children whose slug in any language
matches, then applies the same rule to those few (the slug read in the active
language, with its fallback).
"""

import re
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest

from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult
from wagtail_modeltranslation.patch_wagtailadmin import _new_route

# What Wagtail's page URL pattern lets through as one component; anything else names no page.
SLUG = re.compile(r"[\w-]+")


def child_by_slug(page: Page, slug: str) -> Page | None:
    """The first child (in tree order) whose slug, read in the active language, is ``slug``.

    A component no slug can be (the API's ``?html_path=`` is routed here without the URL pattern's
    check) is not looked up: PostgreSQL refuses a NUL byte, for one.
    """
    if not SLUG.fullmatch(slug):
        return None
    in_any_language = reduce(
        or_, (Q(**{build_localized_fieldname("slug", code): slug}) for code, _name in settings.LANGUAGES)
    )
    return next((child for child in page.get_children().filter(in_any_language) if child.slug == slug), None)


def route(page: Page, request: HttpRequest, path_components: list[str]) -> RouteResult:
    if isinstance(page, RoutablePageMixin) and page.live:
        try:
            resolver_match = page.resolve_subpage("/" + "".join(f"{part}/" for part in path_components))
            request.routable_resolver_match = resolver_match
            view, args, kwargs = resolver_match
            return RouteResult(page, args=(view, args, kwargs))
        except Http404:
            pass
    if not path_components:
        if page.live:
            return RouteResult(page)
        raise Http404
    child = child_by_slug(page, path_components[0])
    if child is None:
        raise Http404
    return child.specific.route(request, path_components[1:])


def replace_translated_routing() -> None:
    """Put ``route`` where wagtail-modeltranslation put its own (it runs first: see INSTALLED_APPS)."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Page) and model.__dict__.get("route") is _new_route:
            model.route = route
