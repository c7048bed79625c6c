import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from rest_framework import serializers

from countries.editors import CountryPermissionTester, CountryProfileForm
from network.address import absolute_url
from network.blocks import BodyStreamBlock
from network.identity import identity_pages
from network.listing import Paginator, filtered_url, index_urls, shortlist
from network.models import BasePage, PageRole, PublicationIndexPage, TopicPage
from network.models.documents import public_documents
from network.ordering import collation_key
from network.params import parse_country_code, parse_id
from network.public import KEYWORDS, TEXT, PublicAPIFields, PublicField, attribute, display, names, page_url
from network.sections import sections
from network.tree import LINK_FIELDS, children_of, descendants_of, linked, visible

year_validators = [MinValueValidator(1900), MaxValueValidator(2100)]
SOURCE_HELP = _("The official page (agency, law, portal) where a reader can check what this section says.")
AS_OF_HELP = _("The date on which what this section says was known to be true.")


def source_field() -> models.URLField:
    return models.URLField(_("source page"), max_length=500, blank=True, help_text=SOURCE_HELP)


def as_of_field() -> models.DateField:
    return models.DateField(_("valid as of"), null=True, blank=True, help_text=AS_OF_HELP)


class Subregion(models.TextChoices):
    NORTH_AMERICA = "north-america", _("North America")
    CENTRAL_AMERICA = "central-america", _("Central America")
    CARIBBEAN = "caribbean", _("Caribbean")
    SOUTH_AMERICA = "south-america", _("South America")


class ProcurementModule(models.Model):
    """A capability an e-procurement system can offer, named once for every country."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("e-procurement module")
        verbose_name_plural = _("e-procurement modules")

    def __str__(self) -> str:
        return self.name


def group_by_subregion(countries: Iterable["CountryPage"]) -> list[tuple[str, list["CountryPage"]]]:
    """(subregion label, countries by name) in the order of ``Subregion``, empty subregions left out."""
    groups = {value: [] for value in Subregion.values}
    for country in sorted(countries, key=lambda country: collation_key(country.title)):
        groups[country.subregion].append(country)
    return [(Subregion(value).label, members) for value, members in groups.items() if members]


class CountryIndexPage(RoutablePageMixin, BasePage):
    """The 35 member states, by subregion, with a map; and every good practice they shared.

    The practices live under their country's profile; ``practicas/`` (``practices/``
    in English) lists them all, newest first, narrowed by ``?country=`` and ``?topic=``.
    """

    parent_page_types = ["network.HomePage"]
    subpage_types = ["countries.CountryPage"]
    max_count = 1
    open_data_downloads = ("countries",)
    api_listing_type = "countries.CountryPage"
    practices_per_page = 20

    class Meta:
        verbose_name = _("country index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["subregions"] = group_by_subregion(
            visible(CountryPage.objects.filter(children_of(self)).defer_streamfields())
        )
        # What the apps above add about the countries as a whole (``country_index_sections``).
        context["contributions"] = sections("country_index_sections", self, request)
        return context

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """The index; ``?country=CL``, sent by the map's form, opens that country's profile."""
        code = parse_country_code(request.GET.get("country", ""))
        profile = code and visible(CountryPage.objects.filter(children_of(self), iso_alpha2=code)).first()
        if profile:
            return redirect(profile.get_url(request))
        return super().index_route(request, *args, **kwargs)

    @path("practicas/", name="practices-es")
    @path("practices/", name="practices-en")
    def practices(self, request: HttpRequest) -> HttpResponse:
        about = AboutFilter.from_query(request.GET)
        practices = (
            of_live_countries(visible(PracticePage.objects.filter(descendants_of(self)).defer_streamfields()))
            .prefetch_related(Prefetch("topics", queryset=linked(TopicPage).order_by("title")))
            .order_by("-date", "-pk")
        )
        if about.country is not None:
            practices = practices.filter(children_of(about.country))
        if about.topic is not None:
            practices = practices.filter(topics=about.topic)
        practices_page = Paginator(practices, self.practices_per_page).get_page(request.GET.get("page"))
        countries = countries_of(practices_page.object_list)
        items = [(practice, countries.get(parent_path(practice))) for practice in practices_page]
        return self.render(
            request,
            template="countries/practice_list.html",
            context_overrides={
                "about": about,
                "practices_page": practices_page,
                "items": items,
                "unfiltered_url": self.practices_url(),
            },
        )

    def practices_url(self) -> str:
        return self.url + self.practices_route()

    @classmethod
    def practices_route(cls) -> str:
        """The path of the practices listing below the country index, in the active language."""
        return cls.get_resolver().reverse(f"practices-{get_language()}")


class CountryPage(RoutablePageMixin, BasePage):
    """A member state's profile: who buys, under which laws, with which system, and what it shares.

    The page title is the country's name in each language; ``pdf/`` is the profile as a PDF.
    """

    iso_alpha2 = models.CharField(
        _("ISO 3166 alpha-2 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. CL."))],
    )
    iso_alpha3 = models.CharField(
        _("ISO 3166 alpha-3 code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital letters, e.g. CHL."))],
    )
    subregion = models.CharField(_("subregion"), max_length=20, choices=Subregion.choices)

    # --- Membership ---------------------------------------------------------
    member_since = models.PositiveSmallIntegerField(
        _("member since"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_(
            "Year the country's agency first took part in the network's work, e.g. at a seminar; empty if "
            "not recorded. Every OAS member state is a member of the network."
        ),
    )
    executive_committee = models.BooleanField(_("executive committee seat"), default=False)

    # --- Procurement agency --------------------------------------------------
    agency_name = models.CharField(_("agency name"), max_length=255, blank=True)
    agency_acronym = models.CharField(_("agency acronym"), max_length=30, blank=True)
    agency_url = models.URLField(_("agency website"), blank=True)
    agency_source = source_field()
    agency_as_of = as_of_field()

    # --- Legal framework (the laws are CountryLaw rows) ------------------------
    laws_source = source_field()
    laws_as_of = as_of_field()

    # --- E-procurement system ------------------------------------------------
    system_name = models.CharField(_("e-procurement system"), max_length=255, blank=True)
    system_launch_year = models.PositiveSmallIntegerField(
        _("launched in"), null=True, blank=True, validators=year_validators
    )
    system_modules = ParentalManyToManyField(
        ProcurementModule, blank=True, related_name="countries", verbose_name=_("modules")
    )
    system_source = source_field()
    system_as_of = as_of_field()

    # --- Its part in the network's work ----------------------------------------
    topics_led = ParentalManyToManyField(
        "network.TopicPage",
        blank=True,
        related_name="lead_countries",
        verbose_name=_("topics it coordinates"),
        help_text=_("Topics on which the country coordinates the network's work."),
    )
    documents = models.ManyToManyField(
        get_document_model_string(),
        blank=True,
        related_name="countries",
        verbose_name=_("documents about the country"),
    )

    # --- Practices and contact -----------------------------------------------
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("practices shared with the network"),
        help_text=_("How the country buys and what it has learned that others can use."),
    )
    # An institution's public channels only, never a person's private details.
    contact_name = models.CharField(
        _("contact name"), max_length=255, blank=True, help_text=_("The office or institution to write to.")
    )
    contact_role = models.CharField(_("contact role"), max_length=255, blank=True)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("An institutional address, never a person's own.")
    )
    contact_url = models.URLField(
        _("contact page"),
        max_length=500,
        blank=True,
        help_text=_("The page where the agency publishes how the public can reach it."),
    )
    contact_source = source_field()
    contact_as_of = as_of_field()

    base_form_class = CountryProfileForm

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("iso_alpha2"), FieldPanel("iso_alpha3"), FieldPanel("subregion")]),
        MultiFieldPanel(
            [FieldPanel("member_since"), FieldPanel("executive_committee")], heading=_("Membership")
        ),
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("agency_acronym"),
                FieldPanel("agency_url"),
                FieldRowPanel([FieldPanel("agency_source"), FieldPanel("agency_as_of")]),
            ],
            heading=_("Public procurement agency"),
        ),
        InlinePanel("laws", label=_("Legal framework")),
        FieldRowPanel(
            [FieldPanel("laws_source"), FieldPanel("laws_as_of")], heading=_("Legal framework: source")
        ),
        MultiFieldPanel(
            [
                FieldPanel("system_name"),
                FieldPanel("system_launch_year"),
                FieldPanel("system_modules", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("system_source"), FieldPanel("system_as_of")]),
            ],
            heading=_("E-procurement system"),
        ),
        InlinePanel("key_figures", label=_("Key figures")),
        FieldPanel("topics_led", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_url"),
                FieldPanel("contact_email"),
                FieldRowPanel([FieldPanel("contact_source"), FieldPanel("contact_as_of")]),
            ],
            heading=_("Contact point"),
        ),
    ]

    parent_page_types = ["countries.CountryIndexPage"]
    subpage_types = ["countries.PracticePage"]
    feed_subject = "country"
    subscribe_feeds = ("news", "events")

    public_fields = [
        *BasePage.public_fields,
        PublicField("name", _("Country"), read=attribute("title"), api=False),
        PublicField("iso_alpha2", _("ISO 3166 alpha-2 code"), search=KEYWORDS),
        PublicField("iso_alpha3", _("ISO 3166 alpha-3 code"), search=KEYWORDS),
        PublicField("subregion", _("Subregion"), read=display),
        PublicField("member_since", _("Member of the network since")),
        PublicField("executive_committee", _("Seat on the executive committee")),
        PublicField("agency_name", _("Procurement agency"), search=TEXT, schema="name"),
        PublicField("agency_acronym", _("Agency acronym"), search=KEYWORDS, schema="alternateName"),
        PublicField("agency_url", _("Agency website")),
        PublicField("system_name", _("E-procurement system"), search=TEXT),
        PublicField("agency_source", _("Agency: source")),
        PublicField("agency_as_of", _("Agency: as of")),
        PublicField("laws_source", _("Legal framework: source")),
        PublicField("laws_as_of", _("Legal framework: as of")),
        PublicField("system_launch_year", _("System launched in")),
        PublicField(
            "system_modules",
            _("System modules"),
            read=names,
            serializer=serializers.SlugRelatedField(slug_field="name", many=True, read_only=True),
            search=KEYWORDS,
        ),
        PublicField("system_source", _("System: source")),
        PublicField("system_as_of", _("System: as of")),
        PublicField("contact_name", _("Contact"), search=TEXT),
        PublicField("contact_role", _("Contact: role"), search=TEXT),
        PublicField("contact_url", _("Contact page")),
        PublicField("contact_source", _("Contact: source")),
        PublicField("contact_as_of", _("Contact: as of")),
        PublicField("laws", search=TEXT),
        PublicField("key_figures", search=TEXT),
        PublicField("body", search=TEXT),
        PublicField("url", _("Profile on this site"), read=page_url, api=False),
    ]

    class Meta:
        verbose_name = _("country profile")

    def permissions_for_user(self, user: AbstractBaseUser) -> CountryPermissionTester:
        return CountryPermissionTester(user, self)

    @property
    def membership_status(self) -> str:
        """How the country takes part, in one phrase for listings."""
        if self.executive_committee and self.member_since:
            return gettext("Executive committee seat, member since %(year)s") % {"year": self.member_since}
        if self.executive_committee:
            return gettext("Executive committee seat")
        if self.member_since:
            return gettext("Member since %(year)s") % {"year": self.member_since}
        # Every OAS member state belongs to the network, whether or not its agency has taken part yet.
        return gettext("Member of the network")

    def reported(self, laws: Iterable["CountryLaw"]) -> dict[str, "ReportedSection"]:
        """Each section of the profile: whether anything is reported in it, and from which source, as of when.

        ``laws`` are the profile's laws as the page lists them, so that they are read once.
        """
        return {
            "agency": ReportedSection(
                bool(self.agency_name or self.agency_acronym), self.agency_source, self.agency_as_of
            ),
            "laws": ReportedSection(bool(laws), self.laws_source, self.laws_as_of),
            "system": ReportedSection(bool(self.system_name), self.system_source, self.system_as_of),
            "contact": ReportedSection(
                bool(self.contact_url or self.contact_email), self.contact_source, self.contact_as_of
            ),
        }

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(self.related_content(request))
        reported = self.reported(context["laws"])
        context.update(
            reported=reported,
            last_updated=last_updated(reported.values()),
            incomplete=not all(section.reported for section in reported.values()),
            # Where a section is not reported yet, the profile invites the country's editors to write.
            contact_page=identity_pages(request).get(PageRole.CONTACT),
            facts=sections("country_profile_facts", self, request),
            contributions=sections("country_profile_sections", self, request),
        )
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request: HttpRequest) -> HttpResponse:
        """The profile as a PDF in the language of its URL (``/es/paises/chile/pdf/``), to file or send on:
        the page itself under the print stylesheet (``countries.pdf``). The anonymous page cache keeps
        it until the content changes, so each language is laid out once."""
        # Imported here: WeasyPrint takes 0.6 s to import, which no other request should pay; the
        # throttle imports Wagtail's views, which need the models this module defines.
        from countries.pdf import html_to_pdf
        from network.throttling import over_limit

        # Laid out here only when the page cache has none: up to a second of a worker's time each.
        if over_limit(request, "profile-pdf", settings.PDF_RENDERS_PER_MINUTE, 60):
            response = HttpResponse(
                gettext("Too many PDFs requested at once: please try again in a minute."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "60"
            return response

        html = self.render(request).render().content.decode()
        # Links in the PDF lead to the site's configured address, not the host the request came under.
        pdf = html_to_pdf(html, absolute_url(self.get_url(request), request))
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"{self.slug}-{get_language()}.pdf"
        response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
        return response

    @property
    def pdf_url(self) -> str:
        return self.url + self.reverse_subpage("pdf")

    def related_content(self, request: HttpRequest) -> dict:
        """Everything the profile lists of its own, one query per list whatever its length.

        Lists that grow with the network's activity show their newest items and
        link to the listing, filtered to this country, that holds them all. The
        apps standing on this one add their facts and sections (portals, events,
        agreements, news) through the ``country_profile_facts`` and
        ``country_profile_sections`` hooks (see ``network.sections``).
        """
        urls = index_urls(request, CountryIndexPage, PublicationIndexPage)
        country = {"country": self.iso_alpha2}
        live_topics = Prefetch("topics", queryset=visible(TopicPage.objects.defer_streamfields()))
        practices_url = (
            urls[CountryIndexPage] + CountryIndexPage.practices_route() if urls.get(CountryIndexPage) else ""
        )
        if isinstance(self.laws.all(), QuerySet):
            # Read once, for the lists and for the translation notice (network.i18n.untranslated_rows).
            prefetch_related_objects([self], "laws", "key_figures")
        return {
            "laws": self.laws.all(),
            "key_figures": self.key_figures.all(),
            "modules": self.system_modules.all(),
            "practices": shortlist(
                visible(PracticePage.objects.filter(children_of(self)).only(*LINK_FIELDS, "date", "intro"))
                .prefetch_related(live_topics)
                .order_by("-date", "-pk"),
                filtered_url(practices_url, **country),
            ),
            "topics_led": visible(self.topics_led.defer_streamfields()).order_by("path"),
            "documents": shortlist(
                public_documents(self.documents.defer("extracted_text").order_by("-year", "title")),
                filtered_url(urls.get(PublicationIndexPage, ""), **country),
            ),
        }


@dataclass(frozen=True)
class ReportedSection:
    """What a reader needs to trust a section of a profile: that it says something, its source and date."""

    reported: bool
    source: str
    as_of: datetime.date | None


def last_updated(sections: Iterable[ReportedSection]) -> datetime.date | None:
    """The newest "as of" date of the reported sections: when the profile's facts were last confirmed.

    An editorial date, not the page's last publication, which also changes when
    nothing a reader relies on did (a data load, a typo fixed in the intro).
    """
    return max((section.as_of for section in sections if section.reported and section.as_of), default=None)


class CountryLaw(Orderable):
    page = ParentalKey(CountryPage, on_delete=models.CASCADE, related_name="laws")
    title = models.CharField(_("title"), max_length=255)
    number = models.CharField(_("number"), max_length=60, blank=True, help_text=_("e.g. “Ley 19.886”."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=year_validators)
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("year")]),
        FieldPanel("url"),
    ]

    public_fields = [
        PublicField("title", search=TEXT),
        PublicField("number", search=TEXT),
        PublicField("year", search=TEXT),
        PublicField("url"),
    ]
    api_fields = PublicAPIFields()

    class Meta(Orderable.Meta):
        verbose_name = _("law")
        verbose_name_plural = _("laws")


class CountryKeyFigure(Orderable):
    """A dated, sourced fact about the country's procurement."""

    page = ParentalKey(CountryPage, on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(_("what it measures"), max_length=255)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("e.g. “USD million”, “%”."))
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source link"), blank=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
    ]

    public_fields = [
        PublicField("label", search=TEXT),
        PublicField("value"),
        PublicField("unit"),
        PublicField("year"),
        PublicField("source"),
        PublicField("source_url"),
    ]
    api_fields = PublicAPIFields()

    class Meta(Orderable.Meta):
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")


class PracticePage(BasePage):
    """A good practice a member country shares with the network; its country is its parent page."""

    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    topics = ParentalManyToManyField(
        "network.TopicPage", blank=True, related_name="practices", verbose_name=_("topics")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]

    parent_page_types = ["countries.CountryPage"]
    subpage_types = []

    public_fields = [
        *BasePage.public_fields,
        PublicField("date"),
        PublicField("body", search=TEXT),
        PublicField("topics", search=KEYWORDS),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [models.Index(fields=["date"], name="practice_date")]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["country"] = self.country
        context["topics"] = visible(self.topics.all())
        return context

    @cached_property
    def country(self) -> "CountryPage | None":
        """The country profile the practice belongs to: its parent page."""
        return CountryPage.objects.filter(path=parent_path(self)).first()


def parent_path(page: Page) -> str:
    return page.path[: -Page.steplen]


def countries_of(practices: Iterable[PracticePage]) -> dict[str, CountryPage]:
    """The live countries of ``practices`` by tree path, in one query (each is its practices' parent)."""
    paths = {parent_path(practice) for practice in practices}
    return {
        country.path: country
        for country in visible(CountryPage.objects.defer_streamfields().filter(path__in=paths))
    }


@dataclass
class CountryPractices:
    country: CountryPage
    practices: list = field(default_factory=list)


def by_country(practices: list[PracticePage]) -> list[CountryPractices]:
    """Practices grouped under their countries, in the order of each country's newest practice.

    The countries are fetched in one query, not one per practice.
    """
    countries = countries_of(practices)
    groups: dict[str, CountryPractices] = {}
    for practice in practices:
        path = parent_path(practice)
        if path in countries:
            groups.setdefault(path, CountryPractices(countries[path])).practices.append(practice)
    return list(groups.values())


def of_live_countries(practices: models.QuerySet) -> models.QuerySet:
    """The practices whose country profile is published: a draft country has no profile to list them under.

    A practice's country is its parent, so the test is one subquery on tree paths.
    """
    return practices.annotate(
        country_path=Substr("path", 1, Length("path") - Page.steplen),
    ).filter(country_path__in=visible(CountryPage.objects.all()).values("path"))


@dataclass
class AboutFilter:
    """A listing narrowed to one country and/or one topic, read leniently from ``?country=CL&topic=12``.

    A code or id that names no live country or topic is ignored, as the other
    listings of the site do with filters that cannot apply.
    """

    country: CountryPage | None = None
    topic: TopicPage | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "AboutFilter":
        code = parse_country_code(query.get("country", ""))
        topic_id = parse_id(query.get("topic", ""))
        return cls(
            country=visible(CountryPage.objects.filter(iso_alpha2=code)).first() if code else None,
            topic=visible(TopicPage.objects.filter(pk=topic_id)).first() if topic_id else None,
        )

    @property
    def active(self) -> bool:
        return self.country is not None or self.topic is not None

    def apply(self, queryset: QuerySet, country_lookup: str, topic_lookup: str) -> QuerySet:
        if self.country is not None:
            queryset = queryset.filter(**{country_lookup: self.country})
        if self.topic is not None:
            queryset = queryset.filter(**{topic_lookup: self.topic})
        return queryset
