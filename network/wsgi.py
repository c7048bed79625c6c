"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE=network.settings.production."""

import os

from django.core.checks import Tags, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.production")

application = get_wsgi_application()

# gunicorn runs no system checks: a server whose page cache is not shared would serve stale pages.
if errors := [str(error) for error in run_checks(tags=[Tags.caches]) if error.is_serious()]:
    raise ImproperlyConfigured("\n".join(errors))
