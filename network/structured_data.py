"""What search engines and link previews read about a page: OpenGraph tags and schema.org JSON-LD.

Values come from the translated fields, so they are in the language of the URL;
``inLanguage`` and ``og:locale`` say which one.
"""

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from wagtail.models import Page

from countries.models import CountryPage
from events.dates import machine_date
from events.models import EventKind, EventPage
from network.i18n import is_translated
from news.models import NewsPage

SCHEMA = "https://schema.org"
# OpenGraph wants language_TERRITORY; Spanish here is Latin America's.
OG_LOCALES = {"es": "es_LA", "en": "en_US"}
# Characters that could close the <script> element or open an HTML comment inside it.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _network_name() -> str:
    return gettext("Inter-American Government Procurement Network")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _description(page: Page) -> str:
    return page.search_description or getattr(page, "intro", "") or ""


def _live(pages: Iterable[Page]) -> list[Page]:
    """Published pages only, in a stable order; works on the in-memory relations of a preview too."""
    return sorted((page for page in pages if page.live), key=lambda page: page.pk)


def _page_image_url(page: Page, request: HttpRequest) -> str | None:
    image = getattr(page, "image", None)
    if image is None:
        return None
    return request.build_absolute_uri(image.get_rendition("fill-1200x630").url)


# --- JSON-LD ------------------------------------------------------------------------


def publisher(request: HttpRequest) -> dict[str, Any]:
    return {"@type": "Organization", "name": _network_name(), "url": request.build_absolute_uri("/")}


def country_place(country: CountryPage) -> dict[str, Any]:
    return {"@type": "Country", "name": country.title, "identifier": country.iso_alpha2}


def country_agency(country: CountryPage, request: HttpRequest) -> dict[str, Any] | None:
    """The country's public procurement agency, the member of the network."""
    if not country.agency_name:
        return None
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "GovernmentOrganization",
            "name": country.agency_name,
            "alternateName": country.agency_acronym,
            "url": country.agency_url or country.get_full_url(request),
            "areaServed": country_place(country),
            "address": {"@type": "PostalAddress", "addressCountry": country.iso_alpha2},
            "memberOf": publisher(request),
        }
    )


def event_location(event: EventPage, request: HttpRequest) -> dict[str, Any]:
    if event.kind == EventKind.WEB_CONFERENCE or (not event.city and event.host_country is None):
        return {"@type": "VirtualLocation", "url": event.get_full_url(request)}
    address = _without_empty(
        {
            "@type": "PostalAddress",
            "addressLocality": event.city,
            "addressCountry": event.host_country.iso_alpha2 if event.host_country else None,
        }
    )
    name = ", ".join(part for part in (event.city, event.host_country and event.host_country.title) if part)
    return {"@type": "Place", "name": name, "address": address}


def event_organizers(event: EventPage, request: HttpRequest) -> list[dict[str, Any]]:
    countries = [
        _without_empty(
            {
                "@type": "GovernmentOrganization",
                "name": country.agency_name or country.title,
                "areaServed": country_place(country),
            }
        )
        for country in _live(event.organizing_countries.all())
    ]
    institutions = [
        _without_empty({"@type": "Organization", "name": institution.name, "url": institution.url})
        for institution in sorted(event.organizing_institutions.all(), key=lambda institution: institution.pk)
    ]
    return countries + institutions or [publisher(request)]


def event(page: EventPage, request: HttpRequest) -> dict[str, Any]:
    online = page.kind == EventKind.WEB_CONFERENCE
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": page.title,
            "description": _description(page),
            "startDate": machine_date(page),
            "endDate": None if page.only_month_known else _iso(page.end_date),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/{'Online' if online else 'Offline'}EventAttendanceMode",
            "location": event_location(page, request),
            "organizer": event_organizers(page, request),
            "url": page.get_full_url(request),
            "inLanguage": get_language(),
        }
    )


def news_article(page: NewsPage, request: HttpRequest) -> dict[str, Any]:
    url = page.get_full_url(request)
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": _description(page),
            "datePublished": _iso(page.date),
            "dateModified": _iso(page.last_published_at),
            "inLanguage": get_language(),
            "url": url,
            "mainEntityOfPage": url,
            "image": _page_image_url(page, request),
            "author": publisher(request),
            "publisher": publisher(request),
            "about": [country_place(country) for country in _live(page.countries.all())],
            "keywords": [topic.title for topic in _live(page.topics.all())],
        }
    )


def json_ld(page: Page | None, request: HttpRequest) -> list[dict[str, Any]]:
    """The schema.org objects describing the page, if it is of a kind schema.org knows."""
    if isinstance(page, EventPage):
        return [event(page, request)]
    if isinstance(page, NewsPage):
        return [news_article(page, request)]
    if isinstance(page, CountryPage):
        agency = country_agency(page, request)
        return [agency] if agency else []
    return []


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
    tags = [
        ("og:type", "article" if isinstance(page, NewsPage) else "website"),
        ("og:title", page.seo_title or page.title),
        ("og:description", _description(page)),
        ("og:url", page.get_full_url(request)),
        ("og:site_name", _network_name()),
        ("og:locale", OG_LOCALES.get(language, language)),
        *(
            ("og:locale:alternate", OG_LOCALES.get(code, code))
            for code, _name in settings.LANGUAGES
            if code != language and is_translated(page, code)
        ),
        ("og:image", _page_image_url(page, request)),
    ]
    if isinstance(page, NewsPage):
        tags.append(("article:published_time", _iso(page.date)))
    return [(name, value) for name, value in tags if value]


def open_graph_tags(page: Page | None, request: HttpRequest) -> SafeString:
    return format_html_join("\n", '<meta property="{}" content="{}">', open_graph(page, request))


def head_tags(page: Page | None, request: HttpRequest) -> SafeString:
    return format_html("{}\n{}", open_graph_tags(page, request), json_ld_scripts(page, request))
