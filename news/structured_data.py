"""What schema.org and OpenGraph know of a news item: a NewsArticle (see ``network.structured_data``)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from network.public import schema_properties
from network.structured_data import (
    SCHEMA,
    PageSchema,
    description,
    iso,
    page_image_url,
    publisher,
    reference,
    without_empty,
)
from network.tree import visible_among
from news.models import NewsPage


def news_article(page: NewsPage, request: HttpRequest) -> list[dict[str, Any]]:
    url = page.get_full_url(request)
    article = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": description(page),
        **schema_properties(page),
        "dateModified": iso(page.last_published_at),
        "inLanguage": get_language(),
        "url": url,
        "mainEntityOfPage": url,
        "image": page_image_url(page, request),
        "author": publisher(request),
        "publisher": publisher(request),
        "about": [reference(country) for country in visible_among(page.countries.all())],
        "keywords": [topic.title for topic in visible_among(page.topics.all())],
    }
    return [without_empty(article)]


def published_time(page: NewsPage) -> list[tuple[str, str | None]]:
    return [("article:published_time", iso(page.date))]


STRUCTURED_DATA = {NewsPage: PageSchema(json_ld=news_article, og_type="article", og_tags=published_time)}
