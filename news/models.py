from django import forms
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from countries.models import AboutFilter
from network.blocks import BodyStreamBlock
from network.listing import Paginator
from network.models import BasePage
from network.models.topics import TopicPage
from network.ordering import alphabetical
from network.public import KEYWORDS, TEXT, PublicField
from network.tree import linked, visible, visible_among


class NewsIndexPage(BasePage):
    """News of the network and its members, newest first.

    There is one news index (``max_count``) and news items live only under it
    (``NewsPage.parent_page_types``), so its items are every news item. Asked for
    its children by their tree paths, SQLite read the paths of every news item and
    sorted them all by date (30 ms at 10,000 items); asked for the news items, it
    walks the date index from the newest and stops at the page's end, as the home
    page's latest news do.
    """

    parent_page_types = ["network.HomePage"]
    subpage_types = ["news.NewsPage"]
    subscribe_feeds = ("news",)
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        news = (
            visible(NewsPage.objects.defer_streamfields())
            .order_by("-date", "-pk")
            .prefetch_related(Prefetch("topics", queryset=linked(TopicPage).order_by("title")))
        )
        about = AboutFilter.from_query(request.GET)
        news = about.apply(news, country_lookup="countries", topic_lookup="topics")
        news_page = Paginator(news, self.per_page).get_page(request.GET.get("page"))
        context.update(about=about, news_page=news_page)
        return context


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    source_url = models.URLField(
        _("source"),
        blank=True,
        help_text=_("The original announcement or recording, if published elsewhere."),
    )
    countries = ParentalManyToManyField(
        "countries.CountryPage", blank=True, related_name="news", verbose_name=_("countries")
    )
    topics = ParentalManyToManyField(
        "network.TopicPage", blank=True, related_name="news", verbose_name=_("topics")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("source_url"),
        MultiFieldPanel(
            [
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("What it is about"),
        ),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    public_fields = [
        *BasePage.public_fields,
        PublicField("date", schema="datePublished"),
        PublicField("image"),
        PublicField("body", search=TEXT),
        PublicField("source_url"),
        PublicField("countries", search=KEYWORDS),
        PublicField("topics", search=KEYWORDS),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [models.Index(fields=["date"], name="news_date")]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["countries"] = alphabetical(visible_among(self.countries.all()))
        context["topics"] = alphabetical(visible_among(self.topics.all()))
        return context
