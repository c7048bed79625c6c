"""The home page's own listings; the other apps add theirs through the ``home_page_sections`` hook."""

from django.http import HttpRequest

from wagtail.models import Page

from network.listing import remember_index_pages
from network.models.topics import TopicIndexPage, TopicPage, group_by_priority
from network.ordering import alphabetical
from network.sections import sections
from network.tree import by_own_table, visible

# How many items each of the home page's lists shows.
LISTING_SIZE = 3


def home_context(home: Page, request: HttpRequest) -> dict:
    """The home page's listings, each a fixed number of queries however much content there is."""
    # The section indexes are children of the home page: one query finds them all.
    children = list(visible(home.get_children()).specific().defer_streamfields())
    remember_index_pages(request, children)
    return {
        "topic_groups": group_by_priority(
            alphabetical(by_own_table(visible(TopicPage.objects.defer_streamfields())))
        ),
        "topic_index": next((child for child in children if isinstance(child, TopicIndexPage)), None),
        "sections": [child for child in children if child.show_in_menus],
        "features": sections("home_page_features", home, request),
        "contributions": sections("home_page_sections", home, request),
    }
