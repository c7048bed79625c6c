"""Local development: debug on, a fixed non-secret key, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Manifest storage needs collectstatic; runserver serves app static files directly.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Template and code changes show at once while developing.
PAGE_CACHE_SECONDS = 0
# A reloaded page shows the change just made, not the browser's copy.
BROWSER_CACHE_SECONDS = 0
