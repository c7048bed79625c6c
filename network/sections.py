"""What a page shows of content that belongs to the apps standing on it.

A page of a lower app — the home page, a topic, a country profile — cannot
import the apps built on top of it, yet it lists their content (a topic's
events, a country's news). Each of those apps contributes instead, the way
Wagtail's own ``construct_main_menu`` hook works: it registers a function
under the page's hook name, which receives the page and the request and
returns a ``Section`` (the template that renders it and its context), or
None when it has nothing to show. The page renders the sections in the hooks'
order (``hooks.register(name, fn, order=…)``).

Hook names, each documented where its page is defined:
- ``home_page_sections`` (network.models.pages.HomePage)
- ``topic_page_facts``, ``topic_page_sections`` and ``topic_card_details`` (network.models.topics)
- ``library_facets`` and ``document_card_details`` (network.models.documents)
- ``country_profile_facts`` and ``country_profile_sections`` (countries.models.CountryPage)
- ``country_index_sections`` (countries.models.CountryIndexPage)
- ``country_comparison_facts``: rows of the comparison of countries (``compared_facts`` below)
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from wagtail import hooks
from wagtail.models import Page


@dataclass(frozen=True)
class Section:
    """A block of a page contributed by another app: rendered by ``template`` with ``context``."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


def sections(hook_name: str, page: Page, request: HttpRequest) -> list[Section]:
    """The sections the apps contribute to ``page``, in hook order, leaving out those with nothing to show."""
    contributed = (contribute(page, request) for contribute in hooks.get_hooks(hook_name))
    return [section for section in contributed if section is not None]


@dataclass(frozen=True)
class ComparedFact:
    """A row an app adds to the comparison of countries: its label, and for each country (by page
    id) the value that ``template`` shows in the country's cell (as ``value``)."""

    label: str
    template: str
    values: dict[int, Any]


def compared_facts(countries: list[Page], request: HttpRequest) -> list[ComparedFact]:
    """The rows the apps add to the comparison of ``countries``, each read in one go for them all."""
    contributed = (
        contribute(countries, request) for contribute in hooks.get_hooks("country_comparison_facts")
    )
    return [fact for fact in contributed if fact is not None]


@dataclass(frozen=True)
class CardDetail:
    """A line an app adds to each card of a listing: the relation it prefetches and the template
    that shows it (rendered with the card's item in the context)."""

    prefetch: tuple[Prefetch | str, ...]
    template: str


def card_details(hook_name: str) -> list[CardDetail]:
    return [contribute() for contribute in hooks.get_hooks(hook_name)]


def prefetches(details: Iterable[CardDetail]) -> list[Prefetch | str]:
    return [lookup for detail in details for lookup in detail.prefetch]
