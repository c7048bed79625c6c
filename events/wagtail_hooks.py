"""What the events app contributes: sections of lower pages (``network.sections``), downloads,
feeds and JSON-LD (``network.contributions``)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Page

from countries.models import CountryPage
from events import exports, feeds, structured_data
from events.listing import EVENT_LINE_FIELDS, as_cards
from events.models import EventAgreement, EventDocument, EventIndexPage, EventPage, EventSession
from network.exports import Dataset
from network.home import LISTING_SIZE
from network.listing import Shortlist, filtered_url, index_urls, shortlist
from network.models import TopicPage
from network.sections import CardDetail, Section
from network.structured_data import PageSchema
from network.tree import linked, visible, visible_through


@hooks.register("home_page_sections", order=100)
def home_events(home: Page, request: HttpRequest) -> Section:
    """The next events, and the ones that ended last.

    Recent events are ordered by their end, the column they are filtered on, so the
    database walks that index back from today and stops at the third: ordered by their
    start it sorted every past event of the site first.
    """
    today = timezone.localdate()
    events = as_cards(visible(EventPage.objects.all()))
    return Section(
        "events/sections/home_events.html",
        {
            "upcoming_events": events.filter(end_date__gte=today).order_by("start_date")[:LISTING_SIZE],
            "recent_events": events.filter(end_date__lt=today).order_by("-end_date", "-pk")[:LISTING_SIZE],
            "event_index_url": index_urls(request, EventIndexPage).get(EventIndexPage, ""),
        },
    )


@dataclass
class TopicEvent:
    """An event seen from a topic: its sessions and agreements on that topic."""

    event: EventPage
    sessions: list[EventSession] = field(default_factory=list)
    agreements: list[EventAgreement] = field(default_factory=list)


def items_at(topic: TopicPage, events: list[EventPage]) -> list[TopicEvent]:
    """The sessions and agreements on ``topic`` of each of ``events``, in their order."""
    items = {event.pk: TopicEvent(event) for event in events}
    sessions = topic.sessions.filter(page__in=items).only("title", "kind", "sort_order", "page")
    for session in sessions.order_by("sort_order"):
        items[session.page_id].sessions.append(session)
    agreements = topic.agreements.filter(page__in=items).only("title", "sort_order", "page")
    for agreement in agreements.order_by("sort_order"):
        items[agreement.page_id].agreements.append(agreement)
    return list(items.values())


@hooks.register("topic_page_sections", order=100)
def topic_events(topic: TopicPage, request: HttpRequest) -> Section:
    """The events where the topic was discussed, newest first, with the sessions and agreements on it."""
    index_url = index_urls(request, EventIndexPage).get(EventIndexPage, "")
    events = shortlist(
        visible(EventPage.objects.only(*EVENT_LINE_FIELDS))
        .filter(topics=topic)
        .order_by("-start_date", "-pk"),
        filtered_url(index_url, topic=topic.pk),
    )
    return Section(
        "events/sections/topic_events.html",
        {"events": Shortlist(items_at(topic, events.items), events.total, events.all_url)},
    )


def events_hosted(country: CountryPage, request: HttpRequest) -> Shortlist:
    """The newest events the country hosted and how many: read once per request, as both the
    profile's facts and its events section show them."""
    hosted = getattr(request, "_events_hosted", None)
    if hosted is None or hosted[0] != country.pk:
        index_url = index_urls(request, EventIndexPage).get(EventIndexPage, "")
        listing = shortlist(
            # With the host country's id, which the manager checks on each event it hands out.
            visible(country.events_hosted.only(*EVENT_LINE_FIELDS, "host_country")).order_by(
                "-start_date", "-pk"
            ),
            filtered_url(index_url, country=country.iso_alpha2),
        )
        hosted = request._events_hosted = (country.pk, listing)
    return hosted[1]


@hooks.register("country_profile_facts", order=100)
def country_events_hosted(country: CountryPage, request: HttpRequest) -> Section:
    count = events_hosted(country, request).total
    return Section("events/sections/country_events_hosted.html", {"events_hosted_count": count})


@hooks.register("country_profile_sections", order=200)
def country_events(country: CountryPage, request: HttpRequest) -> Section:
    """The events the country hosted and attended, and the agreements it is responsible for."""
    index_url = index_urls(request, EventIndexPage).get(EventIndexPage, "")
    return Section(
        "events/sections/country_events.html",
        {
            "events_hosted": events_hosted(country, request),
            "events_attended": shortlist(
                visible(country.events_attended.only(*EVENT_LINE_FIELDS)).order_by("-start_date", "-pk"),
                filtered_url(index_url, participant=country.iso_alpha2),
            ),
            "agreements": shortlist(
                visible_through(country.agreements_responsible.all(), "page")
                .select_related("page")
                .only("title", "sort_order", "page", *(f"page__{name}" for name in EVENT_LINE_FIELDS))
                .order_by("-page__start_date", "-page_id", "sort_order"),
            ),
        },
    )


@hooks.register("document_card_details", order=200)
def document_card_events() -> CardDetail:
    links = Prefetch("event_links", queryset=visible_through(EventDocument.objects.all(), "page"))
    pages = Prefetch("event_links__page", queryset=linked(EventPage))
    return CardDetail((links, pages), "events/sections/document_card_events.html")


@hooks.register("register_export_datasets")
def export_datasets() -> dict[str, Dataset]:
    return exports.DATASETS


@hooks.register("register_feeds")
def event_feeds() -> dict[str, Callable]:
    return feeds.FEEDS


@hooks.register("register_structured_data")
def structured_data_of_pages() -> dict[type[Page], PageSchema]:
    return structured_data.STRUCTURED_DATA
