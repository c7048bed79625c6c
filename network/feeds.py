"""Feeds of the network's news and events: RSS, Atom and iCalendar, at /<language>/feeds/….

Feeds live under the language prefix (/es/feeds/…, /en/feeds/…), so titles,
summaries and links are in the language of the URL, and narrow down to one
country (by its ISO code) or one topic (by page id, the same in both languages).

The apps that hold the content contribute the feeds through two hooks
(``network.contributions``):

- ``register_feeds`` returns ``{file name: view}``. A ``SubjectFeed`` is served for the
  whole network and narrowed to each subject (``feeds/countries/cl/news.rss``); any
  other view, such as the iCalendar file, for the whole network only.
- ``register_feed_subjects`` returns ``{URL keyword: FeedSubject}``: what feeds can be
  narrowed to besides topics, which network holds itself.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from network.address import site_root_url
from network.contributions import Contributions
from network.models import TopicPage
from network.tree import visible

FEED_LENGTH = 30
NETWORK_NAME = _("Inter-American Government Procurement Network")


@dataclass(frozen=True)
class FeedSubject:
    """Something a feed can be narrowed to, found by the value of its URL keyword."""

    url_prefix: str
    pages: Callable[[Any], QuerySet]
    url_value: Callable[[Page], str | int]


FEED_SUBJECTS = Contributions(
    "register_feed_subjects",
    builtin={
        "topic": FeedSubject(
            "topics/<id:topic>/", lambda pk: TopicPage.objects.filter(pk=pk), lambda topic: topic.pk
        )
    },
)
FEEDS = Contributions("register_feeds")


@dataclass(frozen=True)
class Subject:
    """What a feed is narrowed to: the whole network, or the page found by URL keyword ``kind``;
    and where the feed is, on the site's configured address (``network.address``)."""

    page: Page | None = None
    kind: str | None = None
    root_url: str = ""
    path: str = "/"

    def absolute(self, path: str) -> str:
        """``path`` on the site's configured address, so no link depends on the request's host."""
        return path if path.startswith(("http://", "https://")) else self.root_url + path


def find_subject(**url_kwargs: Any) -> Subject:
    """The live page the URL narrows the feed to (404 if there is none), or the whole network."""
    for kind, url_value in url_kwargs.items():
        return Subject(_live_or_404(FEED_SUBJECTS[kind].pages(url_value)), kind)
    return Subject()


def _live_or_404(pages: QuerySet) -> Page:
    page = visible(pages).first()
    if page is None:
        raise Http404
    return page


class SubjectFeed(Feed):
    """A syndication feed of the whole network, or narrowed to the subject in its URL."""

    def get_object(self, request: HttpRequest, **url_kwargs: Any) -> Subject:
        subject = find_subject(**url_kwargs)
        return replace(subject, root_url=site_root_url(request), path=escape_uri_path(request.path))

    def feed_url(self, subject: Subject) -> str:
        # Django's syndication would prefix the request's host; an absolute URL is kept as it is.
        return subject.absolute(subject.path)

    def link(self, subject: Subject) -> str:
        return subject.absolute(subject.page.url if subject.page is not None else self.index_url())

    def index_url(self) -> str:
        """Where the listing of the feed's items is (see ``index_url``)."""
        return "/"

    def item_link(self, item: Page) -> str:
        return item.full_url

    def item_updateddate(self, item: Page) -> datetime:
        """Atom requires an entry's <updated>: the item's own date (``item_pubdate``), the editorial
        one, rather than the time the page was last saved, which a bulk load sets for every item."""
        return self.item_pubdate(item)


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def index_url(model: type[Page]) -> str:
    """Where the listing of a feed's items is; the home page when there is none."""
    index = visible(model.objects.all()).first()
    return index.url if index is not None else "/"


def _url_name(filename: str) -> str:
    return "feed_" + filename.replace(".", "_")


def feed_urlpatterns() -> list[URLPattern]:
    """Every feed for the whole network, and each ``SubjectFeed`` for each subject.

    A function, called by the site's URLs, so the hooks are read once every app is loaded.
    """
    patterns = [path(filename, view, name=_url_name(filename)) for filename, view in FEEDS.items()]
    return patterns + [
        path(subject.url_prefix + filename, view, name=f"{_url_name(filename)}_{kind}")
        for kind, subject in FEED_SUBJECTS.items()
        for filename, view in FEEDS.items()
        if isinstance(view, SubjectFeed)
    ]


def feed_url(filename: str, **subject: Page | None) -> str:
    """A feed's URL in the active language, e.g. ``feed_url("news.rss", country=chile)``."""
    name = _url_name(filename)
    for kind, page in subject.items():
        if page is not None:
            return reverse(f"{name}_{kind}", kwargs={kind: FEED_SUBJECTS[kind].url_value(page)})
    return reverse(name)
