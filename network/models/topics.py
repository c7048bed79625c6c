from dataclasses import dataclass

from django.db import models
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from network.blocks import BodyStreamBlock
from network.listing import Shortlist, filtered_url, index_urls, shortlist
from network.models.base import BasePage
from network.models.documents import PublicationIndexPage, public_documents
from network.public import KEYWORDS, TEXT, PublicField
from network.sections import card_details, prefetches, sections
from network.tree import children_of, visible


class TopicIndexPage(BasePage):
    """The network's working-group topics, by priority.

    Each topic's card shows what the apps add to it through the ``topic_card_details``
    hook (the countries app: its lead countries).
    """

    parent_page_types = ["network.HomePage"]
    subpage_types = ["network.TopicPage"]
    max_count = 1
    open_data_downloads = ("agreements",)
    api_listing_type = "network.TopicPage"

    class Meta:
        verbose_name = _("topic index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        topics = visible(TopicPage.objects.filter(children_of(self)).defer_streamfields()).order_by("title")
        details = card_details("topic_card_details")
        context.update(
            priority_groups=group_by_priority(topics.prefetch_related(*prefetches(details))),
            card_details=details,
        )
        return context


class TopicPriority(models.TextChoices):
    HIGHEST = "highest", _("Highest priority")
    HIGH = "high", _("High priority")
    COMMON = "common", _("Common interest")


class TopicPage(BasePage):
    """A priority topic of the network.

    Everything that happened about the topic (sessions, agreements, practices,
    news, documents) points here from its own side, so the topic page lists
    it without anyone typing it twice. The apps that own those relations show
    them through the ``topic_page_facts`` and ``topic_page_sections`` hooks
    (see ``network.sections``); the documents are the network's own.
    """

    priority = models.CharField(
        _("priority"), max_length=10, choices=TopicPriority.choices, default=TopicPriority.COMMON
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("priority"),
        FieldPanel("body"),
    ]

    parent_page_types = ["network.TopicIndexPage"]
    subpage_types = []
    feed_subject = "topic"
    subscribe_feeds = ("news", "events")

    public_fields = [
        *BasePage.public_fields,
        PublicField("priority"),
        PublicField("lead_countries", search=KEYWORDS),
        PublicField("body", search=TEXT),
    ]

    class Meta:
        verbose_name = _("topic")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(
            facts=sections("topic_page_facts", self, request),
            contributions=sections("topic_page_sections", self, request),
            documents=self.documents_shortlist(request),
        )
        return context

    def documents_shortlist(self, request: HttpRequest) -> Shortlist:
        """The topic's newest documents, linking to the library filtered to the topic."""
        urls = index_urls(request, PublicationIndexPage)
        return shortlist(
            public_documents(
                self.documents.defer("extracted_text").order_by(F("year").desc(nulls_last=True), "title")
            ),
            filtered_url(urls.get(PublicationIndexPage, ""), topic=self.pk),
        )


@dataclass
class PriorityGroup:
    priority: str
    label: str
    topics: list[TopicPage]


def group_by_priority(topics) -> list[PriorityGroup]:
    """Topics in groups by priority level, highest first, leaving out empty levels."""
    groups = {priority: PriorityGroup(priority, label, []) for priority, label in TopicPriority.choices}
    for topic in topics:
        groups[topic.priority].topics.append(topic)
    return [group for group in groups.values() if group.topics]
