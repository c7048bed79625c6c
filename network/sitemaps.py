"""/sitemap.xml with every live page in each language it exists in, and /robots.txt pointing to it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from network.address import absolute_url
from network.i18n import is_translated
from network.tree import visible


class PageSitemap(Sitemap):
    """The site's live, public pages, each listed once per language with hreflang alternates.

    A page an editor has not translated is left out of that language, as in the
    page's own hreflang links, so search engines are not sent to Spanish text
    under an English URL.
    """

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, site: Site):
        self.site = site

    def items(self) -> list[Page]:
        return list(visible(self.site.root_page.get_descendants(inclusive=True)).specific().order_by("path"))

    def get_languages_for_item(self, page: Page) -> list[str]:
        return [code for code, _name in settings.LANGUAGES if is_translated(page, code)]

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(self.site.root_url).scheme

    def get_domain(self, site=None) -> str:
        """The configured address (``network.address``), not the host the request came under."""
        return urlsplit(self.site.root_url).netloc

    def location(self, page: Page) -> str:
        _site_id, _root_url, page_path = page.get_url_parts()
        return page_path

    def lastmod(self, page: Page):
        return page.last_published_at

    def get_urls(self, page: int = 1, site=None, protocol: str | None = None) -> list[dict]:
        """Django's x-default drops the language prefix, which with translated slugs leads nowhere;
        x-default is the Spanish page instead, as in the pages' own hreflang links."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE]["location"]
        return urls


def sitemap_view(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        return HttpResponse(status=404)
    return sitemap(request, sitemaps={"pages": PageSitemap(site)})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
