"""The event index: filters read from the query string, option counts, upcoming-then-past pages.

Every option of a filter counts the events the visitor would get by choosing it,
that is, the events matching all the *other* filters in use. Each filter's counts
come from one aggregate query, so the index makes the same number of queries
however many events, countries and topics there are.
"""

from dataclasses import dataclass, field, replace
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
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
from network.models import TopicPage
from network.models.documents import parse_country_code
from network.ordering import alphabetical
from network.tree import LINK_FIELDS, by_own_table

# Page ids and years outside these bounds cannot match and would overflow the database's integers.
LARGEST_ID = 2**31 - 1
YEARS = range(1, 10_000)


def _bounded_int(value: str | None, allowed: range) -> int | None:
    """The value as an integer when it is one within ``allowed``; malformed values are ignored."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number in allowed else None


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
        kind = query.get("kind")
        return cls(
            year=_bounded_int(query.get("year"), YEARS),
            kind=kind if kind in kinds else None,
            country=parse_country_code(query.get("country", "")),
            participant=parse_country_code(query.get("participant", "")),
            topic=_bounded_int(query.get("topic"), range(1, LARGEST_ID + 1)),
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
class FilterOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Filter:
    name: str
    label: str
    any_label: str
    options: list[FilterOption] = field(default_factory=list)


def events_per_topic(events: QuerySet) -> dict[int, int]:
    """How many of ``events`` have a session or an agreement on each topic, by topic id."""
    through = events.model.topics.through
    return dict(
        through.objects.filter(eventpage__in=events.order_by().values("pk"))
        .values_list("topicpage")
        .annotate(count=Count("eventpage"))
        .order_by()
    )


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
    return events.select_related("host_country").only(*CARD_FIELDS, *host_fields)


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
        rows = (
            self._counted("year")
            .annotate(start_year=ExtractYear("start_date"))
            .values("start_year")
            .annotate(count=Count("pk", distinct=True))
            .order_by("-start_year")
        )
        counts = {row["start_year"]: row["count"] for row in rows}
        if self.filters.year is not None:
            counts.setdefault(self.filters.year, 0)
        options = [
            FilterOption(str(year), str(year), counts[year], year == self.filters.year)
            for year in sorted(counts, reverse=True)
        ]
        return Filter("year", _("Year"), _("All years"), options)

    def _kinds(self) -> Filter:
        rows = self._counted("kind").values("kind").annotate(count=Count("pk", distinct=True)).order_by()
        counts = {row["kind"]: row["count"] for row in rows}
        options = [
            FilterOption(value, str(label), counts.get(value, 0), value == self.filters.kind)
            for value, label in self.kind_field.choices
            if counts.get(value) or value == self.filters.kind
        ]
        return Filter("kind", _("Kind of event"), _("All kinds"), options)

    def _countries(self) -> Filter:
        hosted = (
            self._counted("country")
            .filter(host_country__isnull=False)
            .values_list("host_country")
            .annotate(count=Count("pk", distinct=True))
            .order_by()
        )
        return self._country_filter("country", _("Host country"), dict(hosted), self.filters.country)

    def _participants(self) -> Filter:
        through = self.events.model.participating_countries.through
        # A (event, country) pair is unique in the through table, so a plain count is a count of
        # events; DISTINCT made PostgreSQL sort the 36,000 rows of a large index.
        attended = (
            through.objects.filter(eventpage__in=self._counted("participant").order_by().values("pk"))
            .values_list("countrypage")
            .annotate(count=Count("eventpage"))
            .order_by()
        )
        return self._country_filter(
            "participant", _("Participating country"), dict(attended), self.filters.participant
        )

    @cached_property
    def _live_countries(self) -> list[CountryPage]:
        """Every published country, alphabetical, read once for both country filters."""
        return alphabetical(by_own_table(CountryPage.objects.live().only("title", "iso_alpha2")))

    def _country_filter(self, name: str, label: str, counts: dict[int, int], selected: str | None) -> Filter:
        """Options for the countries in ``counts`` (events per country id) and the selected one.

        Counting by a GROUP BY over the events is linear; a count per country
        correlated with the events scanned them once per country.
        """
        options = [
            FilterOption(
                country.iso_alpha2, country.title, counts.get(country.pk, 0), country.iso_alpha2 == selected
            )
            for country in self._live_countries
            if country.pk in counts or country.iso_alpha2 == selected
        ]
        return Filter(name, label, _("All countries"), options)

    def _topics(self) -> Filter:
        counts = events_per_topic(self._counted("topic"))
        topics = (
            TopicPage.objects.live()
            .only("title")
            .filter(Q(pk__in=list(counts)) | Q(pk=self.filters.topic or 0))
            .order_by("pk")
        )
        options = [
            FilterOption(str(topic.pk), topic.title, counts[topic.pk], topic.pk == self.filters.topic)
            for topic in alphabetical(topics)
        ]
        return Filter("topic", _("Topic"), _("All topics"), options)
