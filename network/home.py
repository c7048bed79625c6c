"""What the home page gathers from every part of the site.

The home page sits on top of the other apps (events, countries, topics, news),
so ``network.models`` imports this module only when a home page is rendered;
the apps that build on ``network`` never load it.
"""

from django.utils import timezone

from wagtail.models import Page

from events.listing import as_cards
from events.models import EventIndexPage, EventPage
from events.ordering import alphabetical
from network.models import TopicIndexPage, TopicPage
from network.models.topics import group_by_priority
from network.tree import by_own_table
from news.models import NewsIndexPage, NewsPage

LISTING_SIZE = 3
INDEXES = (("event_index", EventIndexPage), ("news_index", NewsIndexPage), ("topic_index", TopicIndexPage))


def home_context(home: Page) -> dict:
    """The home page's listings, each a fixed number of queries however much content there is."""
    today = timezone.localdate()
    # The section indexes are children of the home page: one query finds them all.
    children = list(home.get_children().live().public().specific().defer_streamfields())
    events = as_cards(EventPage.objects.live().public())
    return {
        "upcoming_events": events.filter(end_date__gte=today).order_by("start_date")[:LISTING_SIZE],
        "recent_events": events.filter(end_date__lt=today).order_by("-start_date")[:LISTING_SIZE],
        "latest_news": NewsPage.objects.live()
        .defer_streamfields()
        .public()
        .order_by("-date", "-pk")[:LISTING_SIZE],
        "topic_groups": group_by_priority(
            alphabetical(by_own_table(TopicPage.objects.live().defer_streamfields().public()))
        ),
        "sections": [child for child in children if child.show_in_menus],
        **{
            name: next((child for child in children if isinstance(child, model)), None)
            for name, model in INDEXES
        },
    }
