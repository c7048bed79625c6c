"""The site's public address, from which every absolute URL is built.

One address, set once: ``SITE_URL`` in the environment (``settings.SITE_URL``) is written
into the default Wagtail ``Site`` (its hostname and port) whenever the reference data is
loaded, and at run time every absolute URL — a page's own (Wagtail's ``get_full_url``),
the API's, the exports', the feeds', the calendars', the sitemap's, the head's — starts
with that site's ``root_url``. The host a request happened to arrive under (a load
balancer's internal name, ``localhost`` behind a proxy) never leaks into a link.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def configured_host() -> tuple[str, int]:
    """The hostname and port of ``settings.SITE_URL``, as Wagtail's ``Site`` stores them.

    Wagtail writes port 443 as ``https://`` and any other as ``http://``, so an address on
    https must use the default port.
    """
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname or "", parts.port or DEFAULT_PORTS[parts.scheme]


def configure_default_site(site: Site) -> None:
    """``site`` answers at the configured address (saved only when it changes)."""
    hostname, port = configured_host()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])


def site_root_url(request: HttpRequest | None = None) -> str:
    """``https://host`` (no trailing slash) of the site ``request`` is for, else of the default site."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.SITE_URL.rstrip("/")


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """``path`` (starting with /) on the site's configured address; a full URL is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root_url(request) + path
