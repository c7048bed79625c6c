"""Test settings: every override says why it differs from production."""

from .base import *  # noqa: F403

# Tests need a key but must not depend on the environment providing one.
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
# The test client talks to "testserver"; browser tests to 127.0.0.1.
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Not the host the test client sends, so a link built from the request's host is caught.
SITE_URL = "https://compras.example.org"
# Hashing passwords slowly only slows the suite down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Manifest storage would require collectstatic before every run.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Uploaded test files must not land in the developer's media folder.
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Nor must the open contracting downloads land in the developer's download folder.
OCDS_DOWNLOAD_DIR = BASE_DIR / ".test-media" / "ocds-downloads"  # noqa: F405
# Each test starts from a clean, private cache unless it asks for Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
}
# Tests change content directly and read it back; the page cache has its own tests.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
# A developer's ELASTICSEARCH_URL must not switch the suite to a cluster: the tests that
# need one read it themselves and skip without it.
ELASTICSEARCH_URL = ""
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network.search_backend.DatabaseBackend"}}
# A developer's CDN must not be purged by the suite; the purge test points at its own server.
WAGTAILFRONTENDCACHE = {}
