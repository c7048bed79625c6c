from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from rest_framework import serializers

from countries.models import CountryPage
from network.models import BasePage
from network.params import choice_parser, parse_country_code
from network.public import PublicAPIFields, PublicField, attribute, display, text, title

language_codes_validator = RegexValidator(
    r"^[a-z]{2}(, ?[a-z]{2})*$",
    _("Enter two-letter language codes separated by commas, e.g. “es, en”."),
)


class Institution(models.Model):
    """A public agency or multilateral body: organizes events, runs portals, coordinates initiatives."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        "countries.CountryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="institutions",
        verbose_name=_("country"),
        help_text=_("Leave empty for multilateral institutions such as the OAS."),
    )
    url = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("country")]),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["acronym", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return f"{self.acronym} — {self.name}" if self.acronym else self.name


class InstitutionSerializer(serializers.ModelSerializer):
    """An institution as the portals API shows it, nested in the portal."""

    class Meta:
        model = Institution
        fields = ["name", "acronym", "url"]


class PortalKind(models.TextChoices):
    EPROCUREMENT = "e-procurement", _("E-procurement system")
    OPEN_DATA = "open-data", _("Open data portal")
    INITIATIVE = "initiative", _("Network initiative")


class LinkError(models.TextChoices):
    """Why a portal's address could not be read, as recorded by ``manage.py check_portals``."""

    DNS = "dns", _("Host name not found")
    REFUSED = "refused", _("Connection refused")
    TLS = "tls", _("Secure connection failed")
    TIMEOUT = "timeout", _("No answer in time")
    REDIRECT_LOOP = "redirect-loop", _("Too many redirects")
    TOO_LARGE = "too-large", _("Page too large")
    INVALID_URL = "invalid-url", _("Invalid address")
    NETWORK = "network", _("Network error")


# Portals whose last check found them unreachable or answering with an error. Here rather than in
# portals.link_check, whose HTTP client only `manage.py check_portals` needs: the admin's filter
# reads this, and importing the checker would load httpx into every web worker.
BROKEN_LINK = Q(link_checked_at__isnull=False) & (~Q(link_error="") | Q(link_status_code__gte=400))


class Portal(models.Model):
    """A member's public portal or a partner initiative that cross-links with the network's site."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=PortalKind.choices)
    url = models.URLField(_("address"))
    description = models.TextField(_("description"), blank=True)
    country = models.ForeignKey(
        "countries.CountryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portals",
        verbose_name=_("owner country"),
        help_text=_("Leave empty for regional initiatives."),
    )
    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portals",
        verbose_name=_("institution"),
        help_text=_("The institution that runs or coordinates it."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=40,
        default="es",
        validators=[language_codes_validator],
        help_text=_("Languages the portal is available in, as two-letter codes: “es, en”."),
    )
    publishes_ocds = models.BooleanField(
        _("publishes open contracting data"),
        default=False,
        help_text=_("Whether it publishes data in the Open Contracting Data Standard (OCDS)."),
    )
    ocds_url = models.URLField(
        _("open contracting data address"), blank=True, help_text=_("Where the OCDS data can be downloaded.")
    )

    # --- Link check: written by `manage.py check_portals`, never by editors ---
    link_checked_at = models.DateTimeField(_("link checked at"), null=True, blank=True, editable=False)
    link_status_code = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True, editable=False
    )
    link_final_url = models.URLField(_("final address"), max_length=2000, blank=True, editable=False)
    link_response_ms = models.PositiveIntegerField(
        _("response time (ms)"), null=True, blank=True, editable=False
    )
    link_error = models.CharField(
        _("link error"), max_length=20, choices=LinkError.choices, blank=True, editable=False
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("languages")]),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("institution")]),
        MultiFieldPanel([FieldPanel("publishes_ocds"), FieldPanel("ocds_url")], heading=_("Open data")),
    ]

    public_fields = [
        PublicField("name", _("Portal")),
        PublicField("kind", _("Kind of portal"), read=display),
        PublicField("url", _("Address")),
        PublicField("description", _("Description")),
        PublicField("country", _("Owner country"), read=title),
        PublicField(
            "institution",
            _("Institution that runs it"),
            read=text,
            serializer=InstitutionSerializer(read_only=True),
        ),
        PublicField(
            "languages",
            _("Languages (ISO 639-1 codes)"),
            read=attribute("language_codes"),
            serializer=serializers.ListField(source="language_codes", child=serializers.CharField()),
        ),
        PublicField("publishes_ocds", _("Publishes open contracting data (OCDS)")),
        PublicField("ocds_url", _("Open contracting data address")),
        PublicField("link_checked_at", _("Address last checked at")),
        PublicField("link_status_code", _("HTTP status at the last check")),
        PublicField("link_final_url"),
        PublicField("link_error", _("Error at the last check"), read=display),
    ]
    api_fields = PublicAPIFields()

    class Meta:
        ordering = ["name"]
        verbose_name = _("portal")
        verbose_name_plural = _("portals")

    def __str__(self) -> str:
        return self.name

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_names(self) -> list[str]:
        """The portal's languages, named in the reader's language (“inglés” or “English”)."""
        return [language_name(code) for code in self.language_codes]

    @property
    def link_is_broken(self) -> bool:
        """Checked, and either unreachable or answering with an HTTP error."""
        if self.link_checked_at is None:
            return False
        return bool(self.link_error) or (self.link_status_code or 0) >= 400

    def clean(self) -> None:
        if self.ocds_url and not self.publishes_ocds:
            raise ValidationError({"publishes_ocds": _("Tick this box when you give an OCDS data address.")})


class PortalDirectoryPage(BasePage):
    """The directory of cross-linked member portals and partner initiatives."""

    parent_page_types = ["network.HomePage"]
    subpage_types = []
    max_count = 1
    open_data_downloads = ("portals",)

    class Meta:
        verbose_name = _("portal directory")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        kind = choice_parser(PortalKind.values)(request.GET.get("kind", "")) or ""
        country = parse_country_code(request.GET.get("country", "")) or ""
        portals = Portal.objects.select_related("country", "institution").order_by("name")
        if kind:
            portals = portals.filter(kind=kind)
        if country:
            portals = portals.filter(country__iso_alpha2=country)
        context.update(
            portal_groups=group_by_kind(portals),
            kinds=PortalKind.choices,
            owner_countries=owner_countries(),
            selected_kind=kind,
            selected_country=country,
        )
        return context


@dataclass
class PortalGroup:
    kind: str
    label: str
    portals: list[Portal]


def group_by_kind(portals) -> list[PortalGroup]:
    """Portals in groups by kind, in the order the kinds are declared, leaving out empty groups."""
    groups = {kind: PortalGroup(kind, label, []) for kind, label in PortalKind.choices}
    for portal in portals:
        groups[portal.kind].portals.append(portal)
    return [group for group in groups.values() if group.portals]


def owner_countries() -> models.QuerySet:
    """The live countries that own at least one portal, to filter the directory by."""
    owners = Portal.objects.filter(country__isnull=False).values("country")
    return CountryPage.objects.live().filter(pk__in=owners).order_by("title")


def language_name(code: str) -> str:
    """A language's name in the active language, or its code when Django does not know it."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
