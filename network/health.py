"""``/health/``: whether the parts the site depends on answer, for the load balancer and monitoring."""

import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

PROBE_KEY = "network:health-probe"


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """503 without the database, which nothing can be served without; 200 otherwise.

    An unreachable cache only slows the site down (network.cache_backends), so it is reported
    ("cache": "unreachable") for monitoring to alert on, without taking the server out of
    the load balancer.
    """
    database = _database_answers()
    report = {"database": _state(database), "cache": _state(_cache_answers())}
    return JsonResponse(report, status=200 if database else 503)


def _state(answers: bool) -> str:
    return "ok" if answers else "unreachable"


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _cache_answers() -> bool:
    """A value written and read back: a cache that fails answers as an empty one."""
    key = f"{PROBE_KEY}:{secrets.token_hex(8)}"
    cache.set(key, True, timeout=10)
    answers = cache.get(key, False)
    cache.delete(key)
    return answers
