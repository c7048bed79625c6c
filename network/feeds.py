"""RSS and Atom feeds of news and events, and an iCalendar feed of upcoming events.

Feeds live under the language prefix (/es/feeds/…, /en/feeds/…), so titles,
summaries and links are in the language of the URL, and narrow down to one
country (by its ISO code) or one topic (by page id, the same in both languages).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

import icalendar

from countries.models import CountryPage
from events.calendar import PRODUCT_ID, event_calendar
from events.dates import event_dates
from events.models import EventIndexPage, EventPage
from network.models import TopicPage
from news.models import NewsIndexPage, NewsPage

FEED_LENGTH = 30
NETWORK_NAME = _("Inter-American Government Procurement Network")


@dataclass(frozen=True)
class Subject:
    """What a feed is narrowed to: the whole network, one country or one topic."""

    page: Page | None = None

    @property
    def is_country(self) -> bool:
        return isinstance(self.page, CountryPage)


def find_subject(country: str | None = None, topic: int | None = None) -> Subject:
    if country is not None:
        return Subject(_live_or_404(CountryPage.objects.filter(iso_alpha2=country.upper())))
    if topic is not None:
        return Subject(_live_or_404(TopicPage.objects.filter(pk=topic)))
    return Subject()


def _live_or_404(pages: QuerySet) -> Page:
    page = pages.live().public().first()
    if page is None:
        raise Http404
    return page


def _start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _index_url(model: type[Page]) -> str:
    index = model.objects.live().public().first()
    return index.url if index is not None else "/"


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, **subject) -> Subject:
        return find_subject(**subject)

    def title(self, subject: Subject) -> str:
        if subject.page is None:
            return gettext("News of the %(network)s") % {"network": NETWORK_NAME}
        return gettext("News about %(subject)s") % {"subject": subject.page.title}

    def link(self, subject: Subject) -> str:
        return subject.page.url if subject.page is not None else _index_url(NewsIndexPage)

    def description(self, subject: Subject) -> str:
        return gettext("The latest news of the network and its member countries.")

    subtitle = description

    def items(self, subject: Subject) -> QuerySet[NewsPage]:
        news = NewsPage.objects.live().public().order_by("-date", "-pk").prefetch_related("topics")
        if subject.page is not None:
            relation = "countries" if subject.is_country else "topics"
            news = news.filter(**{relation: subject.page})
        return news[:FEED_LENGTH]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        # Readers show descriptions (and Atom's type="html" summaries) as HTML; the intro is text.
        return escape(item.intro)

    def item_link(self, item: NewsPage) -> str:
        return item.url

    def item_pubdate(self, item: NewsPage) -> datetime:
        return _start_of_day(item.date)

    def item_updateddate(self, item: NewsPage) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: NewsPage) -> list[str]:
        return [topic.title for topic in item.topics.all() if topic.live]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed


def events_about(subject: Subject) -> QuerySet[EventPage]:
    events = EventPage.objects.live().public().select_related("host_country")
    if subject.page is None:
        return events
    if subject.is_country:
        country = subject.page
        return events.filter(
            Q(host_country=country) | Q(participating_countries=country) | Q(organizing_countries=country)
        ).distinct()
    topic = subject.page
    return events.filter(Q(sessions__topics=topic) | Q(agreements__topics=topic)).distinct()


class EventFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, **subject) -> Subject:
        return find_subject(**subject)

    def title(self, subject: Subject) -> str:
        if subject.page is None:
            return gettext("Events of the %(network)s") % {"network": NETWORK_NAME}
        if subject.is_country:
            return gettext("Events with %(country)s") % {"country": subject.page.title}
        return gettext("Events about %(topic)s") % {"topic": subject.page.title}

    def link(self, subject: Subject) -> str:
        return subject.page.url if subject.page is not None else _index_url(EventIndexPage)

    def description(self, subject: Subject) -> str:
        return gettext("Seminars, conferences and workshops of the network, the latest first.")

    subtitle = description

    def items(self, subject: Subject) -> QuerySet[EventPage]:
        return events_about(subject).order_by("-start_date", "-pk")[:FEED_LENGTH]

    def item_title(self, item: EventPage) -> str:
        return item.title

    def item_description(self, item: EventPage) -> str:
        when = event_dates(item)
        where = ", ".join(part for part in (item.city, item.host_country and item.host_country.title) if part)
        return escape(" · ".join(part for part in (when, where, item.intro) if part))

    def item_link(self, item: EventPage) -> str:
        return item.url

    def item_pubdate(self, item: EventPage) -> datetime:
        """When the event was announced, so readers are told about new events, not only past ones."""
        return item.first_published_at or _start_of_day(item.start_date)

    def item_updateddate(self, item: EventPage) -> datetime | None:
        return item.last_published_at


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed


def upcoming_events_calendar(request: HttpRequest) -> HttpResponse:
    """Every event that has not ended yet, for calendar applications to subscribe to."""
    calendar = icalendar.Calendar.new(
        prodid=PRODUCT_ID,
        method="PUBLISH",
        language=get_language(),
        name=gettext("Events of the %(network)s") % {"network": NETWORK_NAME},
    )
    events = events_about(Subject()).filter(end_date__gte=timezone.localdate()).order_by("start_date", "pk")
    for event in events:
        for component in event_calendar(event, request).walk("VEVENT"):
            calendar.add_component(component)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


# Every feed for the whole network, for one country and for one topic.
FEEDS = {
    "news.rss": NewsFeed(),
    "news.atom": NewsAtomFeed(),
    "events.rss": EventFeed(),
    "events.atom": EventAtomFeed(),
}
SUBJECT_PREFIXES = {"": "", "_country": "countries/<str:country>/", "_topic": "topics/<int:topic>/"}


def _url_name(filename: str) -> str:
    return "feed_" + filename.replace(".", "_")


urlpatterns = [
    path("events.ics", upcoming_events_calendar, name="feed_events_ics"),
    *(
        path(prefix + filename, view, name=_url_name(filename) + suffix)
        for suffix, prefix in SUBJECT_PREFIXES.items()
        for filename, view in FEEDS.items()
    ),
]


def feed_url(filename: str, country: CountryPage | None = None, topic: TopicPage | None = None) -> str:
    """A feed's URL in the active language, e.g. ``feed_url("news.rss", country=chile)``."""
    name = _url_name(filename)
    if country is not None:
        return reverse(f"{name}_country", kwargs={"country": country.iso_alpha2.lower()})
    if topic is not None:
        return reverse(f"{name}_topic", kwargs={"topic": topic.pk})
    return reverse(name)
