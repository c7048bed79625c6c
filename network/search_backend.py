"""Wagtail's search backends for the admin and the API, fed plain words only.

Wagtail hands the text a person typed to the database's full-text syntax: on SQLite a lone
quote or a blank query is an FTS5 syntax error, PostgreSQL refuses a NUL byte, and a few hundred
words nest the query deep enough to raise RecursionError — each a 500 in the API's ``?search=``
and in the admin's searches and choosers. Keeping the words alone, at most ``MAX_TERMS`` of them,
answers every input. The site's own search (``search/``) parses its queries itself.
"""

import logging
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from modelsearch.backends.base import BaseSearchBackend
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import MatchAll, Phrase, PlainText, SearchQuery

logger = logging.getLogger(__name__)

MAX_TERMS = 32
WORD = re.compile(r"\w+")


def plain_words(query: str) -> str:
    """The first ``MAX_TERMS`` words of ``query``, space-separated; quotes, operators and NULs dropped."""
    return " ".join(WORD.findall(query)[:MAX_TERMS])


def plain_query(query: str | SearchQuery) -> str | SearchQuery:
    """``query`` reduced to words; "" when it has none, which the backends answer with no results.

    A string, plain text or phrase keeps its kind; a combination (the admin parses ``a OR b``
    into one) becomes plain text of all its words.
    """
    if isinstance(query, MatchAll):
        return query
    if isinstance(query, str):
        return plain_words(query)
    words = plain_words(" ".join(_texts(query)))
    if not words:
        return ""
    if isinstance(query, Phrase):
        return Phrase(words)
    return PlainText(words, operator=getattr(query, "operator", "and"))


def _texts(query: SearchQuery) -> list[str]:
    if hasattr(query, "query_string"):
        return [query.query_string]
    subqueries = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return [text for subquery in subqueries if subquery is not None for text in _texts(subquery)]


class PlainWordQueries:
    """Reduces a query to its words before the backend compiles it."""

    def _search(self, query_compiler_class: type, query: Any, model_or_queryset: Any, **kwargs: Any) -> Any:
        return super()._search(query_compiler_class, plain_query(query), model_or_queryset, **kwargs)


@cache
def _with_plain_words(backend_class: type[BaseSearchBackend]) -> type[BaseSearchBackend]:
    return type(backend_class.__name__, (PlainWordQueries, backend_class), {})


def DatabaseBackend(params: dict[str, Any]) -> BaseSearchBackend:  # noqa: N802 — Wagtail calls it like a class
    """The database's own backend (SQLite FTS5 or PostgreSQL), fed plain words."""
    return _with_plain_words(type(database_backend(params)))(params)


def Elasticsearch8Backend(params: dict[str, Any]) -> BaseSearchBackend:  # noqa: N802 — as above
    """Wagtail's Elasticsearch 8 backend, fed plain words; with the cluster out of reach, the API's
    and the admin's searches find nothing (and say so in the log) instead of failing."""
    return _elasticsearch8_backend()(params)


@cache
def _elasticsearch8_backend() -> type[BaseSearchBackend]:
    from elastic_transport import TransportError
    from modelsearch.backends.elasticsearch8 import SearchBackend

    class Results(SearchBackend.results_class):
        def _do_search(self) -> Iterator:
            try:
                yield from super()._do_search()
            except TransportError:
                logger.warning("Elasticsearch is out of reach: the search found nothing", exc_info=True)

        def _do_count(self) -> int:
            try:
                return super()._do_count()
            except TransportError:
                return 0

        def facet(self, field_name: str) -> dict:
            try:
                return super().facet(field_name)
            except TransportError:
                return {}

    backend = _with_plain_words(SearchBackend)
    return type(backend.__name__, (backend,), {"results_class": Results})
