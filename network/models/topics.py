from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from network.blocks import BodyStreamBlock
from network.listing import Shortlist, filtered_url, index_urls, shortlist
from network.models.documents import PublicationIndexPage, public_documents
from network.models.pages import BasePage
from network.public import KEYWORDS, TEXT, PublicField
from network.tree import LINK_FIELDS, children_of


class TopicIndexPage(BasePage):
    """The network's working-group topics, by priority."""

    parent_page_types = ["network.HomePage"]
    subpage_types = ["network.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = _("topic index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        topics = (
            TopicPage.objects.filter(children_of(self))
            .live()
            .defer_streamfields()
            .public()
            .order_by("title")
            .prefetch_related(Prefetch("lead_countries", queryset=live_countries()))
        )
        context["priority_groups"] = group_by_priority(topics)
        return context


class TopicPriority(models.TextChoices):
    HIGHEST = "highest", _("Highest priority")
    HIGH = "high", _("High priority")
    COMMON = "common", _("Common interest")


class TopicPage(BasePage):
    """A priority topic of the network.

    Everything that happened about the topic (sessions, agreements, practices,
    news, documents) points here from its own side, so the topic page lists
    it without anyone typing it twice.
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
        context.update(lead_countries=self.lead_countries.filter(live=True).order_by("title"))
        context.update(self.related_content(request))
        return context

    def related_content(self, request: HttpRequest) -> dict:
        """What the network did about the topic, newest first, one query per list whatever its length.

        Each list shows its newest items and links to the listing, filtered to
        this topic, that holds them all.
        """
        from countries.models import CountryIndexPage, of_live_countries
        from events.listing import EVENT_LINE_FIELDS
        from events.models import EventIndexPage, EventPage
        from news.models import NewsIndexPage

        urls = index_urls(request, CountryIndexPage, EventIndexPage, NewsIndexPage, PublicationIndexPage)
        topic = {"topic": self.pk}
        practices_url = (
            urls[CountryIndexPage] + CountryIndexPage.practices_route() if urls.get(CountryIndexPage) else ""
        )
        events = shortlist(
            EventPage.objects.live()
            .only(*EVENT_LINE_FIELDS)
            .public()
            .filter(topics=self)
            .order_by("-start_date", "-pk"),
            filtered_url(urls.get(EventIndexPage, ""), **topic),
        )
        live_practices = of_live_countries(self.practices.live().only(*LINK_FIELDS, "date").public())
        practices = shortlist(live_practices.order_by("-date", "-pk"), filtered_url(practices_url, **topic))
        return {
            "events": Shortlist(self.items_at(events.items), events.total, events.all_url),
            "practices": practices,
            "practices_by_country": by_country(practices.items),
            "news": shortlist(
                self.news.live().only(*LINK_FIELDS, "date").public().order_by("-date", "-pk"),
                filtered_url(urls.get(NewsIndexPage, ""), **topic),
            ),
            "documents": shortlist(
                public_documents(
                    self.documents.defer("extracted_text").order_by(F("year").desc(nulls_last=True), "title")
                ),
                filtered_url(urls.get(PublicationIndexPage, ""), **topic),
            ),
        }

    def items_at(self, events: list[Page]) -> list["TopicEvent"]:
        """The sessions and agreements on the topic of each of ``events``, in their order."""
        items = {event.pk: TopicEvent(event) for event in events}
        sessions = self.sessions.filter(page__in=items).only("title", "kind", "sort_order", "page")
        for session in sessions.order_by("sort_order"):
            items[session.page_id].sessions.append(session)
        agreements = self.agreements.filter(page__in=items).only("title", "sort_order", "page")
        for agreement in agreements.order_by("sort_order"):
            items[agreement.page_id].agreements.append(agreement)
        return list(items.values())


@dataclass
class TopicEvent:
    """An event seen from a topic: its sessions and agreements on that topic."""

    event: Page
    sessions: list = field(default_factory=list)
    agreements: list = field(default_factory=list)


@dataclass
class CountryPractices:
    country: Page
    practices: list = field(default_factory=list)


def by_country(practices: list[Page]) -> list[CountryPractices]:
    """Practices grouped under their countries, in the order of each country's newest practice.

    The countries are fetched in one query, not one per practice.
    """
    from countries.models import countries_of, parent_path

    countries = countries_of(practices)
    groups: dict[str, CountryPractices] = {}
    for practice in practices:
        path = parent_path(practice)
        if path in countries:
            groups.setdefault(path, CountryPractices(countries[path])).practices.append(practice)
    return list(groups.values())


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


def live_countries() -> models.QuerySet:
    """Live country profiles by name.

    ``countries`` builds on this app, so it is imported when needed rather than at load time.
    """
    from countries.models import CountryPage

    return CountryPage.objects.live().defer_streamfields().order_by("title")
