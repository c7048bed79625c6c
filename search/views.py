"""The public search page and the header box's autocomplete."""

from math import ceil
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from countries.models import CountryIndexPage, CountryPage
from network.models import TopicIndexPage, TopicPage
from network.tree import visible
from search.adapters import KIND_LABELS, document_model
from search.analysis import word_spans
from search.backends import get_search_engine
from search.backends.base import (
    FACET_NAMES,
    QUERY_KIND,
    SORT_DATE,
    SORT_RELEVANCE,
    SearchResults,
    SearchUnavailable,
)
from search.forms import EXACT, PAGE_SIZE, SCOPE_ALL, SearchParameters, read_parameters
from search.query import clean_query, parse_query

FACET_LABELS = {
    "kind": _("Type"),
    "country": _("Country"),
    "topic": _("Topic"),
    "year": _("Year"),
    "language": _("Language"),
}
SORT_LABELS = {SORT_RELEVANCE: _("Relevance"), SORT_DATE: _("Date")}
AUTOCOMPLETE_LIMIT = 8
QUERY_LABEL = _("Search")
# Offered when a query finds nothing.
BROWSE_INDEXES = ((CountryIndexPage, _("Browse the countries")), (TopicIndexPage, _("Browse the topics")))


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """The results of a query, which the page cache keeps like any page: the index changes only with
    content, which starts a new cache generation."""
    parameters = read_parameters(request.GET)
    context = {"parameters": parameters, "query": parameters.text, "notices": parameters.notices}
    unavailable = False
    if parameters.text and parse_query(parameters.text).is_empty():
        parameters.notices.append(_("Type some words to search for; punctuation alone finds nothing."))
    elif parameters.text:
        try:
            context |= _results_context(request, parameters)
        except SearchUnavailable:
            parameters.notices.append(_("The search is not available right now. Please try again later."))
            unavailable = True
    context |= _form_context(request, parameters)
    response = TemplateResponse(request, "search/search_page.html", context)
    if unavailable:
        add_never_cache_headers(response)
    return response


@never_cache
@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    """Pages (countries, topics and events first) and whole queries for what the reader is typing,
    from two characters on; a query suggestion links to its results."""
    text = clean_query(request.GET.get("q", ""))[:100]
    try:
        completions = get_search_engine().complete(text, get_language(), AUTOCOMPLETE_LIMIT) if text else []
    except SearchUnavailable:
        completions = []
    search_url = reverse("search")
    suggestions = [
        {
            "title": item.title,
            "url": item.url or f"{search_url}?{urlencode({'q': item.title})}",
            "kind": item.kind,
            "kind_label": str(QUERY_LABEL if item.kind == QUERY_KIND else KIND_LABELS.get(item.kind, "")),
        }
        for item in completions
    ]
    return JsonResponse({"query": text, "suggestions": suggestions})


def _results_context(request: HttpRequest, parameters: SearchParameters) -> dict:
    language = get_language()
    engine = get_search_engine()
    results = engine.search(parameters.query(language))
    pages = max(1, ceil(results.total / PAGE_SIZE))
    if results.total and parameters.page > pages:
        parameters.notices.append(
            ngettext(
                "There is only %(count)d page of results; showing it.",
                "There are only %(count)d pages of results; showing the last one.",
                pages,
            )
            % {"count": pages}
        )
        parameters.page = pages
        results = engine.search(parameters.query(language, page=pages))
    if results.dropped:
        parameters.notices.append(_dropped_notice(parameters.text, results.dropped))
    labels = _labels(results)
    hits = [_hit_context(hit, labels, language) for hit in results.hits]
    first_number = (parameters.page - 1) * PAGE_SIZE + 1
    # With a few complete matches, the partial ones follow them under their own heading.
    complete = max(0, results.complete - (first_number - 1)) if results.complete else len(hits)
    return {
        "results": results,
        "hits": hits[:complete],
        "partial_hits": hits[complete:],
        "first_partial_number": first_number + complete,
        "facets": _facets_context(request.GET, results, labels),
        "active_filters": _active_filters(request.GET, parameters, labels),
        "pagination": _pagination(request.GET, parameters.page, pages),
        "sort_links": _sort_links(request.GET, parameters.sort),
        "suggestion_links": [
            {"text": text, "url": _url_with(request.GET, q=text, page=None)} for text in results.suggestions
        ],
        "correction": results.correction,
        "as_typed_url": _url_with(request.GET, page=None, **{EXACT: "1"}) if results.correction else "",
        "next_steps": _next_steps(request, parameters) if not results.total else [],
        "first_number": first_number,
        "result_count": results.total,
    }


def _dropped_notice(text: str, dropped: list[str]) -> str:
    """Which typed words no page contains (as typed, accents and all), so the results leave them out."""
    typed = [text[start:end] for start, end, pieces in word_spans(text) if "".join(pieces) in dropped]
    shown = ", ".join(f"“{word}”" for word in dict.fromkeys(typed or dropped))
    return _("No page contains %(words)s; these results are for your other words.") % {"words": shown}


def _next_steps(request: HttpRequest, parameters: SearchParameters) -> list[dict]:
    """Where a reader whose words found nothing can go: the other language, fewer filters, the indexes."""
    steps = []
    for code, name in settings.LANGUAGES:
        if code != get_language():
            with translation.override(code):
                url = f"{reverse('search')}?{request.GET.urlencode()}"
            steps.append({"text": _("Search the site in %(language)s") % {"language": name}, "url": url})
    if parameters.filters:
        steps.append({"text": _("Search without filters"), "url": _url_without_filters(request.GET)})
    for model, text in (
        (CountryIndexPage, _("Browse the countries")),
        (TopicIndexPage, _("Browse the topics")),
    ):
        index = visible(model.objects.all()).first()
        if index and (url := index.get_url(request)):
            steps.append({"text": text, "url": url})
    return steps


def _url_without_filters(data: QueryDict) -> str:
    params = data.copy()
    for name in (*FACET_NAMES, "page"):
        params.pop(name, None)
    return f"{reverse('search')}?{params.urlencode()}"


def _form_context(request: HttpRequest, parameters: SearchParameters) -> dict:
    language = get_language()
    return {
        "search_url": reverse("search"),
        "scope_all": parameters.all_languages,
        "scope_all_value": SCOPE_ALL,
        "reader_language_name": _language_name(language),
        "sort": parameters.sort,
        "other_scope_url": _url_with(
            request.GET, scope=None if parameters.all_languages else SCOPE_ALL, page=None, language=None
        ),
    }


def _labels(results: SearchResults) -> dict[str, dict[str, str]]:
    """Display names of every facet value on the page, in the reader's language (two queries)."""
    countries = {value.value for value in results.facets["country"]}
    countries.update(code for hit in results.hits for code in hit.countries)
    topics = {value.value for value in results.facets["topic"]}
    return {
        "kind": {kind: str(label) for kind, label in KIND_LABELS.items()},
        "country": dict(
            visible(CountryPage.objects.filter(iso_alpha2__in=countries)).values_list("iso_alpha2", "title")
        ),
        "topic": {
            str(pk): title
            for pk, title in visible(TopicPage.objects.filter(pk__in=topics)).values_list("pk", "title")
        },
        "language": {code: _language_name(code) for code in _language_codes()},
    }


def _language_codes() -> list[str]:
    return [code for code, _label in document_model()._meta.get_field("language").choices]


def _language_name(code: str) -> str:
    names = dict(settings.LANGUAGES) | dict(document_model()._meta.get_field("language").choices)
    return str(names.get(code, code))


def _label(labels: dict, name: str, value: str) -> str:
    return labels.get(name, {}).get(value, value)


def _hit_context(hit, labels: dict, language: str) -> dict:
    return {
        "hit": hit,
        "kind_label": _label(labels, "kind", hit.kind),
        "country_names": [_label(labels, "country", code) for code in hit.countries[:5]],
        "other_language": hit.language != language,
        "language_name": _language_name(hit.language),
    }


def _facets_context(data: QueryDict, results: SearchResults, labels: dict) -> list[dict]:
    facets = []
    for name in FACET_NAMES:
        if name == "language" and not results.query.all_languages:
            continue
        selected = set(results.query.filters.get(name, ()))
        values = [
            {
                "label": _label(labels, name, value.value),
                "count": value.count,
                "selected": value.value in selected,
                "url": _url_with(data, page=None, **{name: value.value}, _add=True),
            }
            for value in results.facets[name]
        ]
        if name == "year":
            values.sort(key=lambda item: item["label"], reverse=True)
        if values:
            facets.append({"name": name, "label": FACET_LABELS[name], "values": values})
    return facets


def _active_filters(data: QueryDict, parameters: SearchParameters, labels: dict) -> list[dict]:
    return [
        {
            "facet": FACET_LABELS[name],
            "label": _label(labels, name, value),
            "url": _url_without(data, name, value),
        }
        for name, values in parameters.filters.items()
        for value in values
    ]


def _pagination(data: QueryDict, page: int, pages: int) -> dict:
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "page": page,
        "pages": pages,
        "previous": _url_with(data, page=str(page - 1)) if page > 1 else "",
        "next": _url_with(data, page=str(page + 1)) if page < pages else "",
        "links": [
            {"number": number, "url": _url_with(data, page=str(number)), "current": number == page}
            for number in shown
        ],
    }


def _sort_links(data: QueryDict, current: str) -> list[dict]:
    return [
        {"label": label, "url": _url_with(data, sort=value, page=None), "current": value == current}
        for value, label in SORT_LABELS.items()
    ]


def _url_with(data: QueryDict, _add: bool = False, **changes: str | None) -> str:
    """The search URL with ``changes`` applied (None removes a parameter; ``_add`` appends values)."""
    params = data.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        elif _add and key in FACET_NAMES:
            if value not in params.getlist(key):
                params.appendlist(key, value)
        else:
            params[key] = value
    return f"{reverse('search')}?{params.urlencode()}"


def _url_without(data: QueryDict, name: str, value: str) -> str:
    params = data.copy()
    params.setlist(name, [item for item in params.getlist(name) if item != value])
    params.pop("page", None)
    return f"{reverse('search')}?{params.urlencode()}"
