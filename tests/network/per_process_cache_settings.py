"""Production's settings with the mistake network.checks refuses: page caching in each process's memory."""

from tests.network.servers_settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
