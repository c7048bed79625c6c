"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE=network.settings.production."""

import os
from importlib import import_module

from django.conf import settings
from django.core.checks import Tags, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.production")

application = get_wsgi_application()

# gunicorn runs no system checks: a server whose page cache is not shared would serve stale pages.
if errors := [str(error) for error in run_checks(tags=[Tags.caches]) if error.is_serious()]:
    raise ImproperlyConfigured("\n".join(errors))

# The URL configuration, and every view module it imports, now rather than on the first request:
# gunicorn imports this module in its master process (gunicorn.conf.py), whose workers share it.
import_module(settings.ROOT_URLCONF)
# The workers are forked from this process: none may inherit a database connection opened above.
connections.close_all()
