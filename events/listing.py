"""The event index: filters read from the query string, option counts, upcoming-then-past pages.

Every option of a filter counts the events the visitor would get by choosing it,
that is, the events matching all the *other* filters in use. Each filter's counts
come from one aggregate query, so the index makes the same number of queries
however many events, countries and topics there are.
"""

from dataclasses import dataclass, field, replace
from functools import cached_property

from django.core.paginator import Page
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from countries.models import CountryPage
from network.facets import FacetOption, count_by, facet_options
from network.listing import Paginator
from network.models import TopicPage
from network.ordering import alphabetical
from network.params import choice_parser, parse_country_code, parse_id, parse_year
from network.tree import LINK_FIELDS, by_own_table, visible


@dataclass(frozen=True)
class EventFilters:
    """The filters a visitor chose; values that cannot be valid are dropped rather than failing."""

    year: int | None = None
    kind: str | None = None
    country: str | None = None
    participant: str | None = None
    topic: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict, kinds: set[str]) -> "EventFilters":
        return cls(
            year=parse_year(query.get("year", "")),
            kind=choice_parser(kinds)(query.get("kind", "")),
            country=parse_country_code(query.get("country", "")),
            participant=parse_country_code(query.get("participant", "")),
            topic=parse_id(query.get("topic", "")),
        )

    @property
    def active(self) -> dict[str, str]:
        """The filters in use, as query-string parameters."""
        values = {
            "year": self.year,
            "kind": self.kind,
            "country": self.country,
            "participant": self.participant,
            "topic": self.topic,
        }
        return {name: str(value) for name, value in values.items() if value is not None}

    def apply(self, events: QuerySet) -> QuerySet:
        if self.year is not None:
            events = events.filter(start_date__year=self.year)
        if self.kind is not None:
            events = events.filter(kind=self.kind)
        if self.country is not None:
            events = events.filter(host_country__iso_alpha2=self.country)
        if self.participant is not None:
            events = events.filter(participating_countries__iso_alpha2=self.participant)
        if self.topic is not None:
            events = events.filter(topics=self.topic)
        return events

    def without(self, name: str) -> "EventFilters":
        return replace(self, **{name: None})


@dataclass
class Filter:
    name: str
    label: str
    any_label: str
    options: list[FacetOption] = field(default_factory=list)


def events_per_topic(events: QuerySet) -> dict[int, int]:
    """How many of ``events`` have a session or an agreement on each topic, by topic id."""
    through = events.model.topics.through
    return count_by(through.objects.filter(eventpage__in=events.order_by().values("pk")), "topicpage")


# What a one-line mention of an event shows (a link, its dates and city), and an event card
# (events/includes/event_card.html) besides: its kind, and its host country as a link.
EVENT_LINE_FIELDS = (*LINK_FIELDS, "start_date", "end_date", "only_month_known", "city")
CARD_FIELDS = (*EVENT_LINE_FIELDS, "kind", "host_country")


def as_cards(events: QuerySet) -> QuerySet:
    """``events`` with only the fields their cards show, the host country's included.

    Whole events and host countries carry their reports and profiles in both
    languages, which a card never reads.
    """
    host_fields = (f"host_country__{name}" for name in LINK_FIELDS)
    return with_host_visibility(events.select_related("host_country").only(*CARD_FIELDS, *host_fields))


def with_host_visibility(events: QuerySet) -> QuerySet:
    """``events`` knowing, in the same query, whether readers may see their host country."""
    hosts = visible(CountryPage.objects.filter(pk=OuterRef("host_country_id")))
    return events.annotate(host_is_visible=Exists(hosts))


class EventListing:
    """One page of an event index: the filtered events, upcoming first, and the filter form's options."""

    def __init__(self, events: QuerySet, query: QueryDict, per_page: int) -> None:
        self.events = events
        self.kind_field = events.model._meta.get_field("kind")
        self.filters = EventFilters.from_query(query, {value for value, _label in self.kind_field.choices})
        self.requested_page = query.get("page")
        self.per_page = per_page

    # --- Results -------------------------------------------------------------

    @cached_property
    def page(self) -> Page:
        """The requested page of results; a missing or malformed number gives the nearest real page."""
        return Paginator(self._ordered(self.filters.apply(self.events)), self.per_page).get_page(
            self.requested_page
        )

    @property
    def upcoming(self) -> list:
        return [event for event in self.page if not event.is_past]

    @property
    def past(self) -> list:
        return [event for event in self.page if event.is_past]

    @property
    def filter_query(self) -> str:
        """The filters in use as a query string, for pagination links."""
        return urlencode(self.filters.active)

    @staticmethod
    def _ordered(events: QuerySet) -> QuerySet:
        """Upcoming events (not yet over) soonest first, then past events newest first."""
        over = Q(end_date__lt=timezone.localdate())
        return (
            as_cards(events)
            .annotate(
                is_past=Case(When(over, then=Value(True)), default=Value(False), output_field=BooleanField()),
                upcoming_start=Case(When(~over, then=F("start_date"))),
                past_start=Case(When(over, then=F("start_date"))),
            )
            .order_by(
                "is_past",
                F("upcoming_start").asc(nulls_last=True),
                F("past_start").desc(nulls_last=True),
                "pk",
            )
        )

    # --- Filter form -----------------------------------------------------------

    @cached_property
    def form_filters(self) -> list[Filter]:
        return [self._years(), self._kinds(), self._countries(), self._participants(), self._topics()]

    def _counted(self, name: str) -> QuerySet:
        """The events an option of filter ``name`` is counted over: all the other filters applied."""
        return self.filters.without(name).apply(self.events)

    def _years(self) -> Filter:
        counts = count_by(self._counted("year").annotate(start_year=ExtractYear("start_date")), "start_year")
        years = sorted({*counts, *([self.filters.year] if self.filters.year else [])}, reverse=True)
        options = facet_options(((year, str(year)) for year in years), counts, self.filters.year)
        return Filter("year", _("Year"), _("All years"), options)

    def _kinds(self) -> Filter:
        counts = count_by(self._counted("kind"), "kind")
        options = facet_options(self.kind_field.choices, counts, self.filters.kind)
        return Filter("kind", _("Kind of event"), _("All kinds"), options)

    def _countries(self) -> Filter:
        hosted = count_by(self._counted("country"), "host_country")
        return self._country_filter("country", _("Host country"), hosted, self.filters.country)

    def _participants(self) -> Filter:
        through = self.events.model.participating_countries.through
        # A (event, country) pair is unique in the through table, so a plain count is a count of
        # events; DISTINCT made PostgreSQL sort the 36,000 rows of a large index.
        attended = count_by(
            through.objects.filter(eventpage__in=self._counted("participant").order_by().values("pk")),
            "countrypage",
        )
        return self._country_filter(
            "participant", _("Participating country"), attended, self.filters.participant
        )

    @cached_property
    def _live_countries(self) -> list[CountryPage]:
        """Every published country, alphabetical, read once for both country filters."""
        return alphabetical(by_own_table(visible(CountryPage.objects.only("title", "iso_alpha2"))))

    def _country_filter(self, name: str, label: str, counts: dict[int, int], selected: str | None) -> Filter:
        """Options for the countries in ``counts`` (events per country id) and the selected one.

        Counting by a GROUP BY over the events is linear; a count per country
        correlated with the events scanned them once per country.
        """
        by_code = {
            country.iso_alpha2: counts[country.pk] for country in self._live_countries if country.pk in counts
        }
        labelled = ((country.iso_alpha2, country.title) for country in self._live_countries)
        return Filter(name, label, _("All countries"), facet_options(labelled, by_code, selected))

    def _topics(self) -> Filter:
        counts = events_per_topic(self._counted("topic"))
        topics = (
            visible(TopicPage.objects.only("title"))
            .filter(Q(pk__in=list(counts)) | Q(pk=self.filters.topic or 0))
            .order_by("pk")
        )
        labelled = ((topic.pk, topic.title) for topic in alphabetical(topics))
        return Filter(
            "topic", _("Topic"), _("All topics"), facet_options(labelled, counts, self.filters.topic)
        )
