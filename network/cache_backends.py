"""Cache backends that let the site run, uncached, while the cache cannot be reached.

Everything the site caches (pages, the content generation, Wagtail's site root paths, the
contracting charts, password throttles) can be recomputed, so a cache that does not answer
must cost speed, never a 500. Each backend here answers as an empty cache would (a read
misses, a write is dropped) when its server fails, logs it, and leaves the cache alone for
``RETRY_SECONDS`` before trying again: one error line per process and interval rather than
one per cache call, and no connection timeout paid on every call while it is down.
``/health/`` reports the cache as unreachable meanwhile.
"""

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connections, router, transaction

from redis.exceptions import RedisError

logger = logging.getLogger("network.cache")
RETRY_SECONDS = 5.0
T = TypeVar("T")


class FaultTolerantCacheMixin:
    """Turns the backend's own errors into misses, and pauses the backend after one."""

    unreachable_errors: tuple[type[Exception], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._down_until = 0.0

    def _attempt(self, fallback: T, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return operation(*args, **kwargs)
        except self.unreachable_errors as error:
            logger.error("The cache is unreachable; serving uncached for %s s: %s", RETRY_SECONDS, error)
            self._down_until = time.monotonic() + RETRY_SECONDS
            return fallback

    def get(self, key, default=None, version=None):
        return self._attempt(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(None, super().set, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(list(data), super().set_many, data, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().add, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().touch, key, timeout, version=version)

    def incr(self, key, delta=1, version=None):
        # As if the counter had just been created: a throttle counting on it lets the request through.
        return self._attempt(delta, super().incr, key, delta, version)

    def delete(self, key, version=None):
        return self._attempt(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._attempt(None, super().delete_many, keys, version)

    def clear(self):
        return self._attempt(None, super().clear)


class FaultTolerantRedisCache(FaultTolerantCacheMixin, RedisCache):
    """Django's Redis cache, run without Redis while Redis is down."""

    unreachable_errors = (RedisError,)


class FaultTolerantDatabaseCache(FaultTolerantCacheMixin, DatabaseCache):
    """Django's database cache, run without it when its table is missing (``createcachetable`` not run).

    Inside a transaction (a publication), a failed statement would abort the whole transaction
    on PostgreSQL: there each cache call runs in a savepoint, which the failure rolls back alone.
    """

    unreachable_errors = (DatabaseError,)

    def _attempt(self, fallback: T, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        database = router.db_for_write(self.cache_model_class)
        if not connections[database].in_atomic_block:
            return super()._attempt(fallback, operation, *args, **kwargs)

        def in_savepoint(*args: Any, **kwargs: Any) -> T:
            with transaction.atomic(using=database):
                return operation(*args, **kwargs)

        return super()._attempt(fallback, in_savepoint, *args, **kwargs)
