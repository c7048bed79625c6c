"""Settings shared by every environment; anything secret or host-specific comes from the environment."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must precede the apps whose fields it translates;
    # its makemigrations/migrate keep Page's translated columns out of wagtailcore's migrations.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "network",
    "countries",
    "news",
    "portals",
    "contracting",
    "events",
    "search",
    "demo",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees every failed login the authentication backends report.
    "axes.middleware.AxesMiddleware",
    # Innermost: a cached page still passes through every middleware above, so
    # security headers are applied to it on every request.
    "network.cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query it plans as costly (JIT), which pays off on long analytic
    # runs, not on a page's queries: the explorer's slowest query at a million processes spent
    # 115 of its 702 ms compiling; with JIT off, its 43 combinations went from p50/p95
    # 89.8/770 ms to 73.4/522 ms (bench/explorer.py, 5 Dec 2026, two runs in turn).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes SQLite's write lock when it begins, waiting its turn (the busy timeout):
    # begun as a reader, two workers' failed logins (django-axes reads, then writes) deadlocked,
    # and SQLite answered one of them "database is locked" at once, a 500 (about 3 in 100
    # concurrent wrong passwords under gunicorn; none with this).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses further attempts once the limit is reached.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security -------------------------------------------------------------------
# Five wrong passwords for one username from one address lock that pair out for
# 15 minutes; other editors and addresses are not affected.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "network/lockout.html"
# The client's address is the one the trusted proxies in front of the site saw (network.throttling):
# none in development; the load balancer in production.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "network.throttling.client_address"

# Public pages load nothing from other origins and run no inline script. The
# admin is excluded: Wagtail's editing interface relies on inline styles.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Languages -------------------------------------------------------------
# Spanish is the network's first language: the default, and the fallback for
# any field an editor has not translated yet.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Santiago"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_LANGUAGES = ("es", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("es",)
# Languages live in translated fields of one page tree, not in Wagtail locales.
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español"), ("en", "English")]

# --- Static and media --------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static_root"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Where `manage.py fetch_ocds` keeps its downloads, unfinished ones included, so that the next
# run resumes them; outside MEDIA_ROOT, which the web server publishes.
OCDS_DOWNLOAD_DIR = Path(os.environ.get("OCDS_DOWNLOAD_DIR", BASE_DIR / ".ocds-downloads"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache ---------------------------------------------------------------------
# One cache shared by every process and server, so that a publication invalidates the page
# cache everywhere at once: Redis when REDIS_URL is set, otherwise a table in the site's
# database (created by `migrate`), which every server sharing the database shares too.
# Both answer as an empty cache while they fail (network.cache_backends): the site is
# served uncached, never with an error. Measured against the file cache, the database cache
# stores a page as fast and reads it as fast (bench/cache_backends.py).
# "limits" holds the counts of the limits per client (network.throttling) apart from the
# content: a flood of cached pages, which anyone can cause by asking for many of them, would
# otherwise push the counts of wrong passwords out with the pages and reopen the guessing.
if os.environ.get("REDIS_URL"):
    _REDIS = {
        "BACKEND": "network.cache_backends.FaultTolerantRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # A Redis that does not answer costs a request at most this long, once per RETRY_SECONDS.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {**_REDIS, "KEY_PREFIX": "compraspublicas"},
        "limits": {**_REDIS, "KEY_PREFIX": "compraspublicas-limits"},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "network.cache_backends.FaultTolerantDatabaseCache",
            "LOCATION": "network_cache",
            # Both languages of every often-read page. When it is full, the expired entries go,
            # then a third of the rest in the order of their keys (Django's cull), not the oldest.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "limits": {
            "BACKEND": "network.cache_backends.FaultTolerantDatabaseCache",
            "LOCATION": "network_limits",
            # A count per client and limit, a few dozen bytes each; only expired ones go first.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }

# Country profiles laid out as PDFs per client address and minute (the page cache serves the
# PDFs it holds without counting): a layout takes up to a second of a worker's time.
PDF_RENDERS_PER_MINUTE = int(os.environ.get("PDF_RENDERS_PER_MINUTE", "10"))
# Anonymous readers get whole pages from the cache; any publication invalidates them.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Counts and long-list heads that grow with the site, kept until the next publication.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
# The embedded search keeps each term's entries in memory per index version, up to this many bytes
# per process (100,000 entries: about 1.5 MB for a term nearly all of them have).
SEARCH_POSTINGS_BYTES = int(os.environ.get("SEARCH_POSTINGS_BYTES", str(64 * 1024 * 1024)))
# At most this many query strings of one page are cached (its pages of results, its filters).
PAGE_CACHE_VARIANTS = 50
# What public responses tell browsers and a CDN (Cache-Control): a CDN keeps a page this long
# unless it is purged (FRONTEND_CACHE_PURGE_URL below), a browser for a minute.
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "300"))
BROWSER_CACHE_SECONDS = 60
# A CDN in front of the site forgets a page in both languages when it is published, unpublished
# or deleted (network.frontend_cache): an HTTP purge endpoint (Varnish, Fastly, nginx), or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
# The URLs to purge are computed in each language (translated slugs); Wagtail's own rewriting
# of /es/ to /en/ would purge English URLs that do not exist.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Wagtail ---------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Red Interamericana de Compras Gubernamentales"
# Slugs in plain ASCII (/es/pagina-de-prueba/, not /es/p%C3%A1gina-de-prueba/): the admin's
# slug fields transliterate as editors type, and BasePage.fill_slugs on saving.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The public address every absolute URL is built on (network.address): pages, API, exports, feeds,
# calendars and the sitemap. Written into the default Wagtail Site by load_reference_data.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Several sites (or staging and production) can share one cluster under different prefixes.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "compraspublicas-search")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "network.search_backend.Elasticsearch8Backend",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": "compraspublicas-admin",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network.search_backend.DatabaseBackend"}}

# A document's text is read for the search by a task (search/tasks.py), in a child process
# held to these limits. "documents" runs it in the request here; production hands it to a worker.
DOCUMENT_TEXT_SECONDS = 60
DOCUMENT_TEXT_MEMORY_MB = 512
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "documents": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILDOCS_DOCUMENT_MODEL = "network.NetworkDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "countries.forms.CountryDocumentForm"

# --- Open data: API, redirects, portal link check ------------------------------
# The read-only API (/api/v2/) returns at most this many items per request.
WAGTAILAPI_LIMIT_MAX = 100
# Wagtail would create redirects only for the URL in the language active while
# publishing; network.redirects creates them for every language's slug instead.
WAGTAILREDIRECTS_AUTO_CREATE = False
# Named in the User-Agent of `manage.py check_portals`, so portal operators can reach us.
PORTAL_CHECK_CONTACT_URL = os.environ.get("PORTAL_CHECK_CONTACT_URL", WAGTAILADMIN_BASE_URL)
