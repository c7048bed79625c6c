from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import F, Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from network.blocks import BodyStreamBlock
from network.models.documents import PublicationIndexPage, public_documents
from network.models.pages import BasePage


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
            TopicPage.objects.child_of(self)
            .live()
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
    lead_countries = ParentalManyToManyField(
        "countries.CountryPage",
        blank=True,
        related_name="topics_led",
        verbose_name=_("lead countries"),
        help_text=_("Countries that coordinate the network's work on this topic."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("priority"),
        FieldPanel("lead_countries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]

    parent_page_types = ["network.TopicIndexPage"]
    subpage_types = []

    api_fields = [*BasePage.api_fields, APIField("priority"), APIField("lead_countries"), APIField("body")]

    class Meta:
        verbose_name = _("topic")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(
            lead_countries=self.lead_countries.filter(live=True).order_by("title"),
            events=self.events_discussed(),
            practices_by_country=self.practices_by_country(),
            news=self.news.live().public().order_by("-date", "-pk"),
            documents=public_documents(self.documents.order_by(F("year").desc(nulls_last=True), "title")),
            publications_page=publications_page(),
        )
        return context

    def events_discussed(self) -> list["TopicEvent"]:
        """The live events whose sessions or agreements dealt with the topic, newest first."""
        events: dict[int, TopicEvent] = {}
        for session in on_live_events(self.sessions):
            events.setdefault(session.page_id, TopicEvent(session.page)).sessions.append(session)
        for agreement in on_live_events(self.agreements):
            events.setdefault(agreement.page_id, TopicEvent(agreement.page)).agreements.append(agreement)
        return sorted(events.values(), key=lambda item: item.event.start_date, reverse=True)

    def practices_by_country(self) -> list["CountryPractices"]:
        """The countries that shared practices on the topic, each with its practices.

        A practice's country is its parent page, so the countries are fetched in
        one query by the practices' parent paths rather than one query per practice.
        """
        practices = list(self.practices.live().public().order_by("-date", "title"))
        parent_paths = {practice.path[: -Page.steplen] for practice in practices}
        groups = {
            country.path: CountryPractices(country)
            for country in live_countries().filter(path__in=parent_paths)
        }
        for practice in practices:
            group = groups.get(practice.path[: -Page.steplen])
            if group is not None:
                group.practices.append(practice)
        return list(groups.values())


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


def on_live_events(items: models.Manager) -> models.QuerySet:
    """An event's child items (sessions, agreements) whose event is published and public, in agenda order."""
    public_pages = Page.objects.live().public().values("pk")
    return items.filter(page__in=public_pages).select_related("page").order_by("sort_order")


def live_countries() -> models.QuerySet:
    """Live country profiles by name.

    ``countries`` builds on this app, so it is imported when needed rather than at load time.
    """
    from countries.models import CountryPage

    return CountryPage.objects.live().order_by("title")


def publications_page() -> PublicationIndexPage | None:
    """The publications library, to link to it filtered by a topic or a country."""
    return PublicationIndexPage.objects.live().first()
