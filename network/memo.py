"""Figures that grow with the site, computed once per content generation.

A listing's facet counts and a profile's "N in all" read every matching row, so
they cost more as the network publishes more, while the rest of a page costs the
same at any volume. Kept in the cache under the content generation (``network.cache``),
they are read once after each publication and shared by every page, language and
filter combination that asks the same query. Any publication starts a new generation,
so a figure is never older than the content it counts.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from network.cache import content_generation

T = TypeVar("T")


def remembered(queryset: QuerySet, purpose: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept for this content generation under ``queryset``'s SQL and ``purpose``.

    ``FRAGMENT_CACHE_SECONDS = 0`` (the tests) computes it every time.
    """
    if not settings.FRAGMENT_CACHE_SECONDS:
        return compute()
    sql, params = queryset.query.sql_with_params()
    return kept(f"network:memo:{content_generation()}", f"{purpose}\n{sql}\n{params!r}", compute)


def kept(generation: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` for as long as ``generation`` names what it read.

    For figures read from something whose changes a token of its own follows rather than
    the content generation (the search index: ``search.backends.database``).
    ``FRAGMENT_CACHE_SECONDS = 0`` computes it every time.
    """
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return compute()
    cache_key = f"{generation}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, seconds)
    return value
