from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from rest_framework import serializers

from events.calendar import calendar_response
from events.choices import EventKind, SessionKind
from events.details import event_details
from events.listing import EventListing
from network.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from network.models import BasePage
from network.ordering import alphabetical
from network.public import (
    PublicAPIFields,
    PublicField,
    attribute,
    display,
    page_url,
    rich_text,
    through,
    titles,
)
from network.tree import descendants_of, visible, visible_among


class EventIndexPage(BasePage):
    """Upcoming and past events, filterable by year, kind, host country and topic."""

    parent_page_types = ["network.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    open_data_downloads = ("events", "agreements")
    api_listing_type = "events.EventPage"
    subscribe_feeds = ("events",)
    events_per_page = 10

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # An event index holds events only, and events have no subpages, so its events are its
        # descendants. Matched by path range alone, a filtered listing starts from the filter's own
        # index (date, kind, country) rather than from every event by (depth, path).
        events = visible(EventPage.objects.defer_streamfields().filter(descendants_of(self)))
        context["listing"] = EventListing(events, request.GET, per_page=self.events_per_page)
        return context


def host_title(event: "EventPage", name: str, request: HttpRequest | None) -> str | None:
    """The host country's name, if readers may see the country."""
    host = event.visible_host_country()
    return host.title if host is not None else None


def organizers(event: "EventPage", name: str, request: HttpRequest | None) -> list[str]:
    """The organizing countries, alphabetical, then the organizing institutions."""
    institutions = [str(institution) for institution in event.organizing_institutions.all()]
    return [country.title for country in alphabetical(event.organizing_countries.all())] + institutions


def participating_country_codes(event: "EventPage", name: str, request: HttpRequest | None) -> list[str]:
    """The participating countries' ISO codes, in the order of their names."""
    return [country.iso_alpha2 for country in alphabetical(event.participating_countries.all())]


class EventPage(RoutablePageMixin, BasePage):
    """A seminar, conference or workshop of the network, with its agenda, report and agreements."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.SEMINAR)
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("e.g. 3 for the III Inter-American Seminar.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), help_text=_("The same as the start date for a one-day event."))
    only_month_known = models.BooleanField(
        _("only the month is known"),
        default=False,
        help_text=_("The record gives the month but not the days: the site then shows the month and year."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    host_country = models.ForeignKey(
        "countries.CountryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_hosted",
        verbose_name=_("host country"),
        help_text=_("Empty for events held online."),
    )
    organizing_countries = ParentalManyToManyField(
        "countries.CountryPage",
        blank=True,
        related_name="events_organized",
        verbose_name=_("organizing countries"),
    )
    organizing_institutions = ParentalManyToManyField(
        "portals.Institution",
        blank=True,
        related_name="events_organized",
        verbose_name=_("organizing institutions"),
    )
    participating_countries = ParentalManyToManyField(
        "countries.CountryPage",
        blank=True,
        related_name="events_attended",
        verbose_name=_("participating countries"),
    )
    participants_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    institutions_count = models.PositiveSmallIntegerField(
        _("number of institutions"),
        null=True,
        blank=True,
        help_text=_("Multilateral and partner institutions represented, besides the countries."),
    )
    report = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("executive report"))
    topics = models.ManyToManyField(
        "network.TopicPage",
        blank=True,
        editable=False,
        related_name="events",
        verbose_name=_("topics"),
        help_text=_("The topics of its sessions and agreements, kept up to date when the event is saved."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("edition")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("only_month_known")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("host_country")]),
        MultiFieldPanel(
            [
                FieldPanel("organizing_countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organizing_institutions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Organizers"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("participating_countries", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("participants_count"), FieldPanel("institutions_count")]),
            ],
            heading=_("Participation"),
        ),
        InlinePanel("sessions", label=_("Agenda")),
        FieldPanel("report"),
        InlinePanel("agreements", label=_("Agreements")),
        InlinePanel("documents", label=_("Documents")),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    public_fields = [
        *BasePage.public_fields,
        PublicField("title", _("Event"), api=False, schema="name"),
        PublicField("kind", _("Kind of event"), read=display),
        PublicField("edition", _("Edition")),
        PublicField("start_date", _("Start date")),
        PublicField("end_date", _("End date")),
        PublicField("only_month_known"),
        PublicField("city", _("City")),
        PublicField("host_country", _("Host country"), read=host_title),
        PublicField("organizers", _("Organizers"), read=organizers, api=False),
        PublicField("organizing_countries"),
        PublicField("organizing_institutions", serializer=serializers.StringRelatedField(many=True)),
        PublicField("participating_countries", _("Participating countries"), read=titles),
        PublicField(
            "participating_country_codes",
            _("Participating countries (ISO codes)"),
            read=participating_country_codes,
            api=False,
        ),
        PublicField("participants_count", _("Number of participants")),
        PublicField("institutions_count", _("Number of institutions")),
        PublicField("sessions"),
        PublicField("report"),
        PublicField("agreements"),
        PublicField("documents"),
        PublicField("url", _("Page on this site"), read=page_url, api=False),
    ]

    class Meta:
        verbose_name = _("event")
        indexes = [
            models.Index(fields=["start_date"], name="event_start_date"),
            models.Index(fields=["end_date"], name="event_end_date"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def save(self, *args, **kwargs) -> None:
        """Stores the discussed topics as ``topics``, one row per event and topic.

        The event index counts events per topic on every request: through sessions
        and agreements that was a UNION of joins deduplicated on every request
        (28 ms at 2,000 events on SQLite), through ``topics`` a plain GROUP BY (10 ms).
        """
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"sessions", "agreements"} & set(update_fields):
            self.topics.set(self.saved_page_topics())

    def visible_host_country(self) -> "Page | None":
        """The host country if readers may see it: a private country's name shows nowhere.

        Listings annotate ``host_is_visible`` (``with_host_visibility``); a page on its own,
        or a preview, asks once.
        """
        if not self.host_country_id:
            return None
        shown = getattr(self, "host_is_visible", None)
        if shown is None:
            return next(iter(visible_among([self.host_country])), None)
        return self.host_country if shown else None

    def discussed_topics(self) -> list:
        """The topics of the event's sessions and agreements, each once, in agenda order.

        The one definition of an event's topics. It reads the sessions and agreements
        as the page holds them, so a preview's unsaved ones count, and their topics
        as prefetched, if they were (only the live ones, say). The saved, live
        pages' topics are also stored as ``topics``, for queries.
        """
        items = [*self.sessions.all(), *self.agreements.all()]
        return list({topic.pk: topic for item in items for topic in item.topics.all()}.values())

    @staticmethod
    def discussing(topic: Page) -> Q:
        """Events among whose ``discussed_topics`` is ``topic``, as a query; join rows may repeat an event.

        Unlike the stored ``topics``, it holds for sessions and agreements saved on their own.
        """
        return Q(sessions__topics=topic) | Q(agreements__topics=topic)

    def saved_page_topics(self) -> list:
        """``discussed_topics`` as just saved.

        The sessions and agreements are fetched for this once and forgotten again, so
        that later reads (a revision of this instance) see what is saved after.
        """
        self._forget_children()
        prefetch_related_objects([self], "sessions__topics", "agreements__topics")
        topics = self.discussed_topics()
        self._forget_children()
        return topics

    def _forget_children(self) -> None:
        cache = getattr(self, "_prefetched_objects_cache", {})
        for relation in ("sessions", "agreements"):
            cache.pop(relation, None)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(event_details(self, request))
        return context

    @path("ical/", name="ical")
    def ical(self, request: HttpRequest) -> HttpResponse:
        """The event as an iCalendar file, in the language of the URL it was asked for."""
        return calendar_response(self, request)


class EventSession(ClusterableModel, Orderable):
    """One item of an event's agenda, linked to the topics it dealt with."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(
        _("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.WORKSHOP
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    topics = ParentalManyToManyField(
        "network.TopicPage", blank=True, related_name="sessions", verbose_name=_("topics")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]

    public_fields = [
        PublicField("kind"),
        PublicField("title"),
        PublicField("description"),
        PublicField("date"),
        PublicField("topics"),
    ]
    api_fields = PublicAPIFields()

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


class EventAgreement(ClusterableModel, Orderable):
    """An agreement the participants reached; numbered by its place in the event's list."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("title"), max_length=255)
    text = RichTextField(_("text"), features=RICH_TEXT_FEATURES)
    topics = ParentalManyToManyField(
        "network.TopicPage", blank=True, related_name="agreements", verbose_name=_("topics")
    )
    responsible_countries = ParentalManyToManyField(
        "countries.CountryPage",
        blank=True,
        related_name="agreements_responsible",
        verbose_name=_("responsible countries"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("responsible_countries", widget=forms.CheckboxSelectMultiple),
    ]

    public_fields = [
        PublicField("event", _("Event"), read=attribute("page.title"), api=False),
        PublicField("event_date", _("Event date"), read=attribute("page.start_date"), api=False),
        PublicField("number", _("Agreement number"), serializer=serializers.IntegerField(read_only=True)),
        PublicField("title", _("Agreement")),
        PublicField("text", _("Text of the agreement"), read=rich_text),
        PublicField("topics", _("Topics"), read=titles),
        PublicField("responsible_countries", _("Responsible countries"), read=titles),
        PublicField("event_url", _("Event page on this site"), read=through("page", page_url), api=False),
    ]
    api_fields = PublicAPIFields()

    class Meta(Orderable.Meta):
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title

    @property
    def number(self) -> int:
        return (self.sort_order or 0) + 1


class EventDocument(Orderable):
    """A presentation or report attached to the event; the document may belong to several events."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="event_links",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]

    public_fields = [PublicField("document")]
    api_fields = PublicAPIFields()

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
