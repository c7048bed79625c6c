"""Reading the search page's query string: anything a browser or a bot sends becomes a valid query.

Nothing here raises on bad input: values that make no sense are dropped and
reported back as notices, so the reader sees why a filter was ignored.
"""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from network.params import parse_country_code, parse_id, parse_year
from search.adapters import KIND_LABELS, index_languages
from search.backends.base import FACET_NAMES, SORT_DATE, SORT_RELEVANCE, SearchQuery
from search.query import clean_query

PAGE_SIZE = 10
MAX_PAGE = 1000
MAX_FILTER_VALUES = 5
SCOPE_ALL = "all"
EXACT = "exact"


@dataclass
class SearchParameters:
    text: str
    all_languages: bool
    filters: dict[str, tuple[str, ...]]
    sort: str
    page: int
    notices: list[str] = field(default_factory=list)
    # The reader asked for exactly what they typed ("search instead for …"): no correction.
    exact: bool = False

    def query(self, language: str, page: int | None = None) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            language=language,
            all_languages=self.all_languages,
            filters=self.filters,
            sort=self.sort,
            page=page or self.page,
            page_size=PAGE_SIZE,
            exact=self.exact,
        )


def read_parameters(data: QueryDict) -> SearchParameters:
    """The search parameters in ``data``, whatever it holds."""
    notices = []
    filters, dropped = _filters(data)
    if dropped:
        notices.append(_("Some filters in the address were not recognised and were ignored."))
    page = _page(data.get("page", "1"))
    if page is None:
        notices.append(_("The page number in the address was not valid; showing the first page."))
    sort = data.get("sort", SORT_RELEVANCE)
    return SearchParameters(
        text=clean_query(data.get("q", "")),
        all_languages=data.get("scope") == SCOPE_ALL,
        filters=filters,
        sort=sort if sort in (SORT_RELEVANCE, SORT_DATE) else SORT_RELEVANCE,
        page=page or 1,
        notices=notices,
        exact=data.get(EXACT) == "1",
    )


def _page(value: str) -> int | None:
    try:
        page = int(value.strip())
    except (TypeError, ValueError, OverflowError):
        return None
    return page if 1 <= page <= MAX_PAGE else None


def _filters(data: QueryDict) -> tuple[dict[str, tuple[str, ...]], bool]:
    filters, dropped = {}, False
    for name in FACET_NAMES:
        values = [clean_query(value) for value in data.getlist(name)]
        valid = [value for value in values if VALIDATORS[name](value)]
        dropped = dropped or len(valid) < len(values)
        if valid:
            filters[name] = tuple(dict.fromkeys(valid))[:MAX_FILTER_VALUES]
    return filters, dropped


# Facet values as engines store them: type and language from closed lists, ISO
# country codes, topic page ids, years.
VALIDATORS = {
    "kind": lambda value: value in KIND_LABELS,
    "language": lambda value: value in index_languages(),
    "country": lambda value: parse_country_code(value) == value,
    "topic": lambda value: parse_id(value) is not None,
    "year": lambda value: parse_year(value) is not None,
}
