"""What the news app contributes to network's feeds and JSON-LD (see ``network.contributions``)."""

from collections.abc import Callable

from wagtail import hooks
from wagtail.models import Page

from network.structured_data import PageSchema
from news import feeds, structured_data


@hooks.register("register_feeds")
def news_feeds() -> dict[str, Callable]:
    return feeds.FEEDS


@hooks.register("register_structured_data")
def structured_data_of_pages() -> dict[type[Page], PageSchema]:
    return structured_data.STRUCTURED_DATA
