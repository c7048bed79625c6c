"""Production: everything secret or host-specific must come from the environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104

# Static files are served by the application itself, compressed and cached forever.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS, e.g. ALLOWED_HOSTS=compraspublicas.org.")
# Every absolute link (pages, API, exports, feeds, calendars) is built on it: never a local address.
if "SITE_URL" not in os.environ or urlsplit(SITE_URL).hostname in LOCAL_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "Set SITE_URL to the public address, e.g. SITE_URL=https://compraspublicas.org."
    )

# TLS is terminated at the load balancer, which sets X-Forwarded-Proto and appends the client's
# address to X-Forwarded-For: the login and password throttles read it there.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Document text is read by `manage.py db_worker --backend documents`, never in an upload request.
TASKS = {**TASKS, "documents": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
