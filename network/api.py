"""The read-only open data API at /api/v2/: Wagtail's API v2 and the endpoints the apps add.

Besides pages, documents and images, an app contributes endpoints for its own
models (the portal directory) through the ``register_api_endpoints`` hook
(``network.contributions``), returning ``{name: view set}``; a view set mixes in
``LanguageMixin`` to answer in the language asked for. The URLs are in
``network.api_urls``.

``?locale=es|en`` (Spanish by default) chooses the language every translated
field, slug and page URL is read in. In Wagtail, ``locale`` would filter pages
by Wagtail locale; here languages are translated fields of one page tree, so it
switches the language instead, and Wagtail's locale filters are left out.
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import AutoField, ForeignKey, IntegerField, Model, Prefetch
from django.http import Http404, HttpRequest
from django.utils import translation

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    SearchFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, RelatedField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from rest_framework import serializers
from rest_framework.response import Response

from network.contributions import Contributions
from network.params import MAX_ID, parse_count
from network.tree import visible, visible_among

# The API's URLs alone, to resolve a missed API request with (see LanguageMixin).
API_URLCONF = "network.api_urls"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Parameters Wagtail converts with int() and hands to the database, which overflowed on a huge
# number; checked here with the site's one parser of numbers, so they answer 400 instead.
COUNT_PARAMETERS = ("offset", "limit", "id")
# The databases' integers: a field filter beyond them overflowed SQLite (OverflowError, a 500).
DATABASE_INTEGERS = range(-(2**63), 2**63)
# The search engines take these operators only and raise ValueError on any other, empty included.
SEARCH_OPERATORS = ("and", "or")


def requested_language(request: HttpRequest) -> str | None:
    """The language asked for with ``?locale=``, the default when absent, None when not offered."""
    language = request.GET.get("locale", settings.LANGUAGE_CODE)
    return language if language in LANGUAGE_CODES else None


class LanguageMixin:
    """Serializes (and renders) the response in the language of ``?locale=``."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> Response:
        language = requested_language(request) or settings.LANGUAGE_CODE
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response["Content-Language"] = language
        if response.status_code == 404:
            # LocaleMiddleware would redirect a miss to /es/api/…, where the page tree answers with
            # an HTML 404; resolving with the API's own URLs (no language prefix) keeps the JSON 404.
            request.urlconf = API_URLCONF
        return response

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if requested_language(request) is None:
            raise BadRequestError(
                "locale must be one of: {} (got '{}')".format(
                    ", ".join(LANGUAGE_CODES), request.GET["locale"]
                )
            )
        for name in COUNT_PARAMETERS:
            if name in request.GET and parse_count(request.GET[name]) is None:
                raise BadRequestError(f"{name} must be a whole number from 0 to {MAX_ID}")
        if "\x00" in request.GET.get("site", ""):
            # Wagtail looks the site up as given, and PostgreSQL refuses a NUL byte.
            raise BadRequestError("null characters are not allowed in site")
        if request.GET.get("search_operator", SEARCH_OPERATORS[0]) not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be one of: {}".format(", ".join(SEARCH_OPERATORS)))

    def filter_queryset(self, queryset):
        check_integer_filters(self, queryset.model, self.request.GET)
        return super().filter_queryset(queryset)


def check_integer_filters(view, model: type[Model], query) -> None:
    """A field filter on an integer or a relation (``?country=7``) holds a number the databases can.

    Wagtail converts it with ``int()`` and filters on it: a number past 64 bits raised OverflowError
    on SQLite. Values ``int()`` refuses are left to Wagtail's own 400.
    """
    fields = set(view.get_available_fields(model, db_fields_only=True))
    for name, value in query.items():
        if name not in fields:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        while isinstance(field, ForeignKey):  # a page's key is its parent's (page_ptr)
            field = field.target_field
        if not isinstance(field, IntegerField | AutoField):
            continue
        try:
            number = int(value)
        except ValueError:
            continue
        if number not in DATABASE_INTEGERS:
            raise BadRequestError(f"{name} must be a whole number the database can hold")


def related_lookups(model: type[Model], prefix: str = "") -> list[str | Prefetch]:
    """prefetch_related lookups for the relations among a model's API fields, nested ones included;
    related pages narrowed to those readers may see (``network.tree.visible``)."""
    lookups: list[str | Prefetch] = []
    for api_field in getattr(model, "api_fields", ()):
        name = getattr(api_field, "name", api_field)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        related = field.related_model if field.is_relation else None
        if related is None:
            continue
        if issubclass(related, Page):
            lookups.append(Prefetch(prefix + name, queryset=visible(related.objects.all())))
        else:
            lookups.append(prefix + name)
        if field.one_to_many:
            lookups += related_lookups(related, f"{prefix}{name}__")
    return lookups


class VisiblePageField(RelatedField):
    """A related page in the API, or none when readers may not see it (``network.tree.visible``).

    The listings prefetch the visible pages of each relation (``related_lookups``), which are read
    as they are; a detail view reads its page afresh, so its relations are narrowed here.
    """

    def get_attribute(self, instance: Model) -> Page | None:
        page = super().get_attribute(instance)
        if page is None or self.source in instance._state.fields_cache:
            return page
        return next(iter(visible_among([page])), None)

    @classmethod
    def many_init(cls, *args, **kwargs) -> "VisiblePagesField":
        return VisiblePagesField(child_relation=cls(*args, **kwargs), read_only=True)


class VisiblePagesField(serializers.ManyRelatedField):
    def get_attribute(self, instance: Model) -> list[Page]:
        if self.source in getattr(instance, "_prefetched_objects_cache", {}):
            return list(getattr(instance, self.source).all())
        return visible_among(getattr(instance, self.source).all())


class VisibleRelations:
    """A Wagtail API serializer whose related pages are narrowed to those readers may see."""

    def build_relational_field(self, field_name: str, relation_info) -> tuple[type, dict]:
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is RelatedField and issubclass(relation_info.related_model, Page):
            return VisiblePageField, kwargs
        return field_class, kwargs


class VisiblePageSerializer(VisibleRelations, PageSerializer):
    pass


class VisibleDocumentSerializer(VisibleRelations, DocumentSerializer):
    pass


class PagesEndpoint(LanguageMixin, PagesAPIViewSet):
    base_serializer_class = VisiblePageSerializer
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        SearchFilter,  # last, as Wagtail requires: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"translation_of"}
    # Wagtail's "locale" would name the page tree's single Wagtail locale, not the language served.
    meta_fields = [field for field in PagesAPIViewSet.meta_fields if field != "locale"]

    @classmethod
    def get_detail_default_fields(cls, model):
        return BaseAPIViewSet.get_detail_default_fields.__func__(cls, model)

    def get_queryset(self):
        """With ?type=, the type's related objects are fetched in a few queries, not one per page."""
        queryset = super().get_queryset()
        return queryset.prefetch_related(*related_lookups(queryset.model))

    def find_object(self, queryset, request):
        """``?html_path=`` accepts the page's URL in either language, language prefix included."""
        path = request.GET.get("html_path")
        language, _slash, rest = (path or "").strip("/").partition("/")
        site = Site.find_for_request(request)
        if path is None or language not in LANGUAGE_CODES or site is None:
            return super().find_object(queryset, request)
        try:
            with translation.override(language):
                route = site.root_page.specific.route(request, [part for part in rest.split("/") if part])
        except Http404:
            return None
        return queryset.filter(pk=route.page.pk).first()


class DocumentsEndpoint(LanguageMixin, DocumentsAPIViewSet):
    base_serializer_class = VisibleDocumentSerializer
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters | {"locale"}

    def get_queryset(self):
        """Documents with their visible related pages, fetched in a few queries, not one per document."""
        return super().get_queryset().prefetch_related(*related_lookups(self.model))


class ImagesEndpoint(LanguageMixin, ImagesAPIViewSet):
    known_query_parameters = ImagesAPIViewSet.known_query_parameters | {"locale"}


CORE_ENDPOINTS = {"pages": PagesEndpoint, "documents": DocumentsEndpoint, "images": ImagesEndpoint}
ENDPOINTS = Contributions("register_api_endpoints", builtin=CORE_ENDPOINTS)


@cache
def api_router() -> WagtailAPIRouter:
    """The router of every endpoint, built on first use so that each app's hooks are registered."""
    router = WagtailAPIRouter("wagtailapi")
    for name, endpoint in ENDPOINTS.items():
        router.register_endpoint(name, endpoint)
    return router
