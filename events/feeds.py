"""RSS and Atom feeds of the events and an iCalendar feed of the upcoming ones (see ``network.feeds``).

Registered in ``events/wagtail_hooks.py``.
"""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language, gettext

import icalendar

from events.calendar import PRODUCT_ID, event_calendar
from events.dates import event_dates
from events.listing import with_host_visibility
from events.models import EventIndexPage, EventPage
from network.feeds import FEED_LENGTH, NETWORK_NAME, Subject, SubjectFeed, index_url, start_of_day
from network.tree import visible


def events_about(subject: Subject) -> QuerySet[EventPage]:
    """The live events with a country (host, organizer or participant) or on a topic."""
    events = with_host_visibility(visible(EventPage.objects.select_related("host_country")))
    if subject.page is None:
        return events
    if subject.kind == "country":
        country = subject.page
        return events.filter(
            Q(host_country=country) | Q(participating_countries=country) | Q(organizing_countries=country)
        ).distinct()
    return events.filter(EventPage.discussing(subject.page)).distinct()


class EventFeed(SubjectFeed):
    feed_type = Rss201rev2Feed

    def title(self, subject: Subject) -> str:
        if subject.page is None:
            return gettext("Events of the %(network)s") % {"network": NETWORK_NAME}
        if subject.kind == "country":
            return gettext("Events with %(country)s") % {"country": subject.page.title}
        return gettext("Events about %(topic)s") % {"topic": subject.page.title}

    def index_url(self) -> str:
        return index_url(EventIndexPage)

    def description(self, subject: Subject) -> str:
        return gettext("Seminars, conferences and workshops of the network, the latest first.")

    subtitle = description

    def items(self, subject: Subject) -> QuerySet[EventPage]:
        return events_about(subject).order_by("-start_date", "-pk")[:FEED_LENGTH]

    def item_title(self, item: EventPage) -> str:
        return item.title

    def item_description(self, item: EventPage) -> str:
        when = event_dates(item)
        host = item.visible_host_country()
        where = ", ".join(part for part in (item.city, host.title if host else "") if part)
        return escape(" · ".join(part for part in (when, where, item.intro) if part))

    def item_pubdate(self, item: EventPage) -> datetime:
        """The day the event starts (the first of the month when only the month is known): the date
        the item is about and the feed's order, never when the page happened to be saved (a whole
        history loaded in one afternoon would otherwise all carry that afternoon)."""
        return start_of_day(item.start_date)


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed


def upcoming_events_calendar(request: HttpRequest) -> HttpResponse:
    """Every event that has not ended yet, for calendar applications to subscribe to; those known only
    to the month are left out (``events.calendar.has_calendar_dates``)."""
    calendar = icalendar.Calendar.new(
        prodid=PRODUCT_ID,
        method="PUBLISH",
        language=get_language(),
        name=gettext("Events of the %(network)s") % {"network": NETWORK_NAME},
    )
    events = (
        events_about(Subject())
        .filter(end_date__gte=timezone.localdate(), only_month_known=False)
        .order_by("start_date", "pk")
    )
    for event in events:
        for component in event_calendar(event, request).walk("VEVENT"):
            calendar.add_component(component)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


FEEDS = {
    "events.ics": upcoming_events_calendar,
    "events.rss": EventFeed(),
    "events.atom": EventAtomFeed(),
}
