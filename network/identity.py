"""The site's identity pages (about, contact, privacy notice, terms…), found by their role.

Every page's footer links to them and a country profile invites its editors
through the contact page, so they are read once per request and shared: one
query, whatever asks for them. The query reads the few identity pages from their own
table (``by_own_table``): ordered by tree path, SQLite read every page of the site
in path order to find them, 10 to 25 ms at 22,000 pages on every page view.
"""

from django.http import HttpRequest

from network.models import StandardPage
from network.tree import by_own_table, visible

_CACHE_ATTRIBUTE = "_network_identity_pages"


def identity_pages(request: HttpRequest | None) -> dict[str, StandardPage]:
    """The live identity pages readers may see, by role (``network.models.PageRole``)."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        pages = by_own_table(visible(StandardPage.objects.exclude(role="")).defer_streamfields())
        cached = {page.role: page for page in pages}
        if request is not None:
            setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached
