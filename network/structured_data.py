"""What search engines and link previews read about a page: OpenGraph tags and schema.org JSON-LD.

Values come from the translated fields, so they are in the language of the URL;
``inLanguage`` and ``og:locale`` say which one.

The apps contribute what schema.org knows of their pages through the
``register_structured_data`` hook (``network.contributions``), returning
``{page model: PageSchema}``; a page model without one is described by its
nearest registered ancestor's, or by OpenGraph alone.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from wagtail.models import Page

from network.address import absolute_url
from network.contributions import Contributions
from network.i18n import is_translated
from network.models import HomePage

SCHEMA = "https://schema.org"
# OpenGraph wants language_TERRITORY; Spanish here is Latin America's.
OG_LOCALES = {"es": "es_LA", "en": "en_US"}
# Characters that could close the <script> element or open an HTML comment inside it.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# The network's own image for link previews, shipped in static (1200 × 630, the size they show).
DEFAULT_IMAGE = "network/img/share.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def _network_name() -> str:
    return gettext("Inter-American Government Procurement Network")


def network_summary() -> str:
    """What the network is, in one sentence: the description of a page that has none of its own."""
    return gettext(
        "The Inter-American Government Procurement Network brings together the public procurement "
        "agencies of the member states of the Organization of American States."
    )


def iso(value: date | datetime | None) -> str | None:
    """A date as schema.org and OpenGraph write it (ISO 8601)."""
    return value.isoformat() if value is not None else None


def without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the properties the page does not fill in: schema.org reads absent as unknown."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def description(page: Page) -> str:
    """The editor's search description, or else the page's introduction (schema.org's description)."""
    return page.search_description or getattr(page, "intro", "") or ""


def summary(page: Page | None) -> str:
    """The page's description, or else what the network is: every page has a meta description and
    a link preview text, while schema.org is never told the network's sentence describes an event."""
    return (description(page) if page is not None else "") or network_summary()


def default_image_url(request: HttpRequest) -> str:
    return absolute_url(static(DEFAULT_IMAGE), request)


def page_image_url(page: Page, request: HttpRequest) -> str | None:
    """The page's image at the size link previews show, if it has one."""
    image = getattr(page, "image", None)
    if image is None:
        return None
    return absolute_url(image.get_rendition("fill-1200x630").url, request)


def share_image(page: Page, request: HttpRequest) -> list[tuple[str, str | None]]:
    """og:image tags: the page's own image, else the network's, with its size and description."""
    own = page_image_url(page, request)
    if own is not None:
        return [("og:image", own)]
    width, height = DEFAULT_IMAGE_SIZE
    return [
        ("og:image", default_image_url(request)),
        ("og:image:width", str(width)),
        ("og:image:height", str(height)),
        ("og:image:alt", _network_name()),
    ]


# --- JSON-LD ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSchema:
    """What search engines and link previews are told about one kind of page.

    ``json_ld`` gives the page's schema.org objects; ``reference`` the short object that
    names the page inside another page's (a news item is *about* a country); ``og_type``
    and ``og_tags`` its OpenGraph type and extra tags.
    """

    json_ld: Callable[[Page, HttpRequest], list[dict[str, Any]]] = lambda page, request: []
    reference: Callable[[Page], dict[str, Any]] | None = None
    og_type: str = "website"
    og_tags: Callable[[Page], list[tuple[str, str | None]]] = lambda page: []


def organization(page: Page, request: HttpRequest) -> list[dict[str, Any]]:
    """The network itself, described on its home page, in the language of the URL."""
    with translation.override(settings.LANGUAGE_CODE):
        spanish_name = _network_name()
    names = dict.fromkeys([_network_name(), spanish_name, "RICG"])
    return [
        without_empty(
            {
                "@context": SCHEMA,
                "@type": "Organization",
                "name": _network_name(),
                "alternateName": [name for name in names if name != _network_name()],
                "url": absolute_url("/", request),
                "logo": default_image_url(request),
                "description": network_summary(),
                "areaServed": {"@type": "Place", "name": gettext("The Americas")},
                "inLanguage": get_language(),
            }
        )
    ]


STRUCTURED_DATA = Contributions(
    "register_structured_data",
    builtin={HomePage: PageSchema(json_ld=organization)},
)
NO_SCHEMA = PageSchema()


def page_schema(page: Page | None) -> PageSchema:
    """The schema of the page's model or of its nearest registered ancestor."""
    for model in type(page).__mro__:
        if model in STRUCTURED_DATA:
            return STRUCTURED_DATA[model]
    return NO_SCHEMA


def publisher(request: HttpRequest) -> dict[str, Any]:
    """The network, as the publisher of every page."""
    return {"@type": "Organization", "name": _network_name(), "url": absolute_url("/", request)}


def reference(page: Page) -> dict[str, Any]:
    """The schema.org object naming ``page`` inside another page's JSON-LD."""
    refer = page_schema(page).reference
    return refer(page) if refer is not None else {"@type": "Thing", "name": page.title}


def json_ld(page: Page | None, request: HttpRequest) -> list[dict[str, Any]]:
    """The schema.org objects describing the page, if it is of a kind schema.org knows."""
    return page_schema(page).json_ld(page, request)


def json_ld_scripts(page: Page | None, request: HttpRequest) -> SafeString:
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            (mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)),)  # noqa: S308
            for data in json_ld(page, request)
        ),
    )


# --- OpenGraph ------------------------------------------------------------------------


def open_graph(page: Page | None, request: HttpRequest) -> list[tuple[str, str]]:
    """(property, content) pairs; the page's other languages are offered as alternate locales."""
    if page is None:
        return []
    language = get_language()
    schema = page_schema(page)
    tags = [
        ("og:type", schema.og_type),
        ("og:title", page.seo_title or page.title),
        ("og:description", summary(page)),
        ("og:url", page.get_full_url(request)),
        ("og:site_name", _network_name()),
        ("og:locale", OG_LOCALES.get(language, language)),
        *(
            ("og:locale:alternate", OG_LOCALES.get(code, code))
            for code, _name in settings.LANGUAGES
            if code != language and is_translated(page, code)
        ),
        *share_image(page, request),
        *schema.og_tags(page),
    ]
    return [(name, value) for name, value in tags if value]


def open_graph_tags(page: Page | None, request: HttpRequest) -> SafeString:
    return format_html_join("\n", '<meta property="{}" content="{}">', open_graph(page, request))


def head_tags(page: Page | None, request: HttpRequest) -> SafeString:
    return format_html("{}\n{}", open_graph_tags(page, request), json_ld_scripts(page, request))
