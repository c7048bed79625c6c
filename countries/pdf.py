"""A country profile as a PDF: the profile's own page, laid out by WeasyPrint under the print stylesheet.

One template and one set of print rules serve the browser's "Print" and the PDF,
so the two never drift apart. WeasyPrint reads the stylesheets and images the page
refers to through ``SiteFiles``, which reads the site's own static files and media
from disk and refuses anything else: rendering a PDF never makes a request, to
this site (whose workers it would tie up) or to any address an editor's content
names.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class SiteFiles(URLFetcher):
    """Serves WeasyPrint the static files and media of the site at ``base_url``, and nothing else."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.host = urlsplit(base_url).netloc

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.netloc != self.host:
            raise ValueError(f"Not a file of this site: {url}")
        path = unquote(parts.path)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, read_site_file(path), {"Content-Type": content_type})


def read_site_file(path: str) -> bytes:
    """A static file (from the apps' folders, or the collected, hashed copy) or an uploaded one."""
    if path.startswith(settings.STATIC_URL):
        name = path.removeprefix(settings.STATIC_URL)
        found = finders.find(name)
        if found:
            return Path(found).read_bytes()
        with staticfiles_storage.open(name) as static_file:
            return static_file.read()
    if path.startswith(settings.MEDIA_URL):
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as media_file:
            return media_file.read()
    raise ValueError(f"Neither a static file nor media: {path}")


def html_to_pdf(html: str, base_url: str) -> bytes:
    """The PDF of a rendered page; ``base_url`` is the page's address, which its relative links start from."""
    return HTML(string=html, base_url=base_url, url_fetcher=SiteFiles(base_url)).write_pdf()
