"""The network's own contributions to the hooks its pages read (see ``network.sections``)."""

from wagtail import hooks

from network.models.documents import KIND_FACET, LANGUAGE_FACET, TOPIC_FACET, YEAR_FACET, Facet


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
