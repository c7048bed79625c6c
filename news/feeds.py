"""RSS and Atom feeds of the news, registered in ``news/wagtail_hooks.py`` (see ``network.feeds``)."""

from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext

from network.feeds import FEED_LENGTH, NETWORK_NAME, Subject, SubjectFeed, index_url, start_of_day
from network.models import TopicPage
from network.tree import linked, visible
from news.models import NewsIndexPage, NewsPage

# The relation of a news item to each kind of subject a feed is narrowed to.
SUBJECT_RELATIONS = {"country": "countries", "topic": "topics"}


class NewsFeed(SubjectFeed):
    feed_type = Rss201rev2Feed

    def title(self, subject: Subject) -> str:
        if subject.page is None:
            return gettext("News of the %(network)s") % {"network": NETWORK_NAME}
        return gettext("News about %(subject)s") % {"subject": subject.page.title}

    def index_url(self) -> str:
        return index_url(NewsIndexPage)

    def description(self, subject: Subject) -> str:
        return gettext("The latest news of the network and its member countries.")

    subtitle = description

    def items(self, subject: Subject) -> QuerySet[NewsPage]:
        topics = Prefetch("topics", queryset=linked(TopicPage).order_by("title"))
        news = visible(NewsPage.objects.all()).order_by("-date", "-pk").prefetch_related(topics)
        if subject.page is not None:
            news = news.filter(**{SUBJECT_RELATIONS[subject.kind]: subject.page})
        return news[:FEED_LENGTH]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        # Readers show descriptions (and Atom's type="html" summaries) as HTML; the intro is text.
        return escape(item.intro)

    def item_pubdate(self, item: NewsPage) -> datetime:
        return start_of_day(item.date)

    def item_categories(self, item: NewsPage) -> list[str]:
        return [topic.title for topic in item.topics.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed


FEEDS = {"news.rss": NewsFeed(), "news.atom": NewsAtomFeed()}
