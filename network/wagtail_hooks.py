"""The network's own contributions to its hooks: the library's facets (``network.sections``)
and its reference data (``network.reference``)."""

from wagtail import hooks

from network import datasets
from network.models.documents import KIND_FACET, LANGUAGE_FACET, TOPIC_FACET, YEAR_FACET, Facet
from network.reference import HOOK, Dataset


@hooks.register("library_facets", order=100)
def kind_facet() -> Facet:
    return KIND_FACET


@hooks.register("library_facets", order=200)
def language_facet() -> Facet:
    return LANGUAGE_FACET


@hooks.register("library_facets", order=300)
def year_facet() -> Facet:
    return YEAR_FACET


@hooks.register("library_facets", order=500)
def topic_facet() -> Facet:
    return TOPIC_FACET


# Reference data, in hook order: the home page first, the topics after the apps' own sections
# (countries: order 10), so that the main menu lists the countries first.
@hooks.register(HOOK, order=0)
def register_site_data() -> list[Dataset]:
    return [datasets.SITE_DATA]


@hooks.register(HOOK, order=20)
def register_topic_data() -> list[Dataset]:
    return [datasets.TOPIC_DATA]
