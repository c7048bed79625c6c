"""Production's settings, served over plain HTTP on loopback by tests/network/test_shared_cache.py.

Only what a loopback test cannot provide differs: static files without collectstatic's
manifest, and cookies sent over HTTP. The cache is production's default (no REDIS_URL: the
database's cache table).
"""

from network.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
