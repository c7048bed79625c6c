"""What the news app contributes: sections of lower pages (``network.sections``), feeds and JSON-LD
(``network.contributions``)."""

from collections.abc import Callable

from django.http import HttpRequest

from wagtail import hooks
from wagtail.models import Page

from countries.models import CountryPage
from network.home import LISTING_SIZE
from network.listing import filtered_url, index_urls, shortlist
from network.models import TopicPage
from network.sections import Section
from network.structured_data import PageSchema
from network.tree import LINK_FIELDS, visible
from news import feeds, structured_data
from news.models import NewsIndexPage, NewsPage


@hooks.register("home_page_sections", order=200)
def home_news(home: Page, request: HttpRequest) -> Section:
    return Section(
        "news/sections/home_news.html",
        {
            "latest_news": visible(NewsPage.objects.defer_streamfields()).order_by("-date", "-pk")[
                :LISTING_SIZE
            ],
            "news_index_url": index_urls(request, NewsIndexPage).get(NewsIndexPage, ""),
        },
    )


def news_shortlist(news, request: HttpRequest, **about: str | int):
    """The newest of ``news``, linking to the news index filtered the same way."""
    index_url = index_urls(request, NewsIndexPage).get(NewsIndexPage, "")
    return shortlist(
        visible(news.only(*LINK_FIELDS, "date")).order_by("-date", "-pk"),
        filtered_url(index_url, **about),
    )


@hooks.register("topic_page_sections", order=300)
def topic_news(topic: TopicPage, request: HttpRequest) -> Section:
    return Section(
        "news/sections/topic_news.html", {"news": news_shortlist(topic.news, request, topic=topic.pk)}
    )


@hooks.register("country_profile_sections", order=300)
def country_news(country: CountryPage, request: HttpRequest) -> Section:
    news = news_shortlist(country.news, request, country=country.iso_alpha2)
    return Section("news/sections/country_news.html", {"news": news})


@hooks.register("register_feeds")
def news_feeds() -> dict[str, Callable]:
    return feeds.FEEDS


@hooks.register("register_structured_data")
def structured_data_of_pages() -> dict[type[Page], PageSchema]:
    return structured_data.STRUCTURED_DATA
