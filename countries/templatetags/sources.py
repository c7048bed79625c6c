"""How a profile names its sources: by the official site they are on."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def url_host(url: str) -> str:
    """The host of ``url`` without "www.", e.g. "bcn.cl": short, and enough to tell who publishes it."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
