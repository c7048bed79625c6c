"""The events app's downloads, feeds and JSON-LD, contributed to network (see ``network.contributions``)."""

from collections.abc import Callable

from wagtail import hooks
from wagtail.models import Page

from events import exports, feeds, structured_data
from network.exports import Dataset
from network.structured_data import PageSchema


@hooks.register("register_export_datasets")
def export_datasets() -> dict[str, Dataset]:
    return exports.DATASETS


@hooks.register("register_feeds")
def event_feeds() -> dict[str, Callable]:
    return feeds.FEEDS


@hooks.register("register_structured_data")
def structured_data_of_pages() -> dict[type[Page], PageSchema]:
    return structured_data.STRUCTURED_DATA
