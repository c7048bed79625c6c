"""Open contracting data: the datasets member countries publish and the processes they hold.

(The procurement data page, whose routes read these, is in ``procurement_data_page``: the
modules of the explorer, the comparison and the indicators import this one, not the package.)

A ``Dataset`` is one publisher's OCDS publication for one country. Its releases are merged by
OCID into one ``Process`` each (the compiled release is kept whole, for the process page and for
merging later releases), and the facts the indicators need are copied into columns, so that the
database can aggregate them: buyer, method, category, tender status and period, tenderers,
awards with their suppliers, contracts, and the top level of each item classification.
Indicators are recomputed into ``Figure`` rows after each import (``contracting.indicators``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from contracting.definitions import INDICATORS
from countries.models import CountryPage
from network.public import PublicAPIFields, PublicField, attribute, title


class Method(models.TextChoices):
    """OCDS ``tender.procurementMethod`` (a closed codelist)."""

    OPEN = "open", _("Open")
    SELECTIVE = "selective", _("Selective")
    LIMITED = "limited", _("Limited")
    DIRECT = "direct", _("Direct")


COMPETITIVE_METHODS = (Method.OPEN, Method.SELECTIVE)


class Category(models.TextChoices):
    """OCDS ``tender.mainProcurementCategory`` (a closed codelist)."""

    GOODS = "goods", _("Goods")
    WORKS = "works", _("Works")
    SERVICES = "services", _("Services")


class Source(models.TextChoices):
    FILE = "file", _("A file at a URL (release or record packages, JSON Lines, .gz or .zip)")
    SERCOP = "sercop", _("SERCOP monthly bulk downloads (Ecuador)")


class FetchResult(models.TextChoices):
    NEVER = "", _("Never fetched")
    OK = "ok", _("Imported")
    PARTIAL = "partial", _("Imported with errors")
    FAILED = "failed", _("Failed")


class DatasetQuerySet(models.QuerySet):
    def with_processes(self) -> "DatasetQuerySet":
        """The datasets with imported processes: those the site shows readers (a country's profile,
        the comparison, the search entry of the country)."""
        return self.filter(process_count__gt=0)


class Dataset(models.Model):
    """One publisher's OCDS publication for one member country, and where and how it is fetched."""

    country = models.ForeignKey(
        CountryPage, on_delete=models.CASCADE, related_name="datasets", verbose_name=_("country")
    )
    name = models.CharField(
        _("name"), max_length=255, help_text=_("E.g. “Compras públicas de Paraguay (DNCP)”.")
    )
    publisher = models.CharField(_("publisher"), max_length=255)
    source = models.CharField(_("source type"), max_length=10, choices=Source.choices, default=Source.FILE)
    source_url = models.URLField(
        _("source address"),
        max_length=500,
        blank=True,
        help_text=_("The file fetch_ocds downloads; for SERCOP, the site whose monthly ZIPs it downloads."),
    )
    fetch_from = models.DateField(
        _("fetch from"), null=True, blank=True, help_text=_("SERCOP: the first month to download.")
    )
    licence = models.CharField(_("licence"), max_length=255, blank=True)
    licence_url = models.URLField(_("licence address"), max_length=500, blank=True)
    ocid_prefix = models.CharField(_("OCID prefix"), max_length=40, blank=True)
    ocds_version = models.CharField(_("OCDS version"), max_length=10, blank=True)
    main_currency = models.CharField(
        _("main currency"),
        max_length=3,
        blank=True,
        help_text=_("ISO 4217 code of the amounts the red-flag indicators compare, e.g. USD."),
    )
    short_submission_days = models.JSONField(
        _("short submission periods"),
        default=dict,
        blank=True,
        help_text=_(
            "Days under which a tender period counts as short (R003), per procurement method details; "
            "“default” applies to the rest, null excludes a method. "
            'E.g. {"default": 15, "Cotización": 7, "Subasta Inversa Electrónica": null}.'
        ),
    )
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_(
            "A small excerpt of the publication, shown as such: its figures are not the country's totals."
        ),
    )
    first_date = models.DateField(_("first process"), null=True, blank=True, editable=False)
    last_date = models.DateField(_("last process"), null=True, blank=True, editable=False)
    process_count = models.PositiveIntegerField(_("processes"), default=0, editable=False)
    release_count = models.PositiveIntegerField(_("releases"), default=0, editable=False)
    last_import_at = models.DateTimeField(_("last import"), null=True, blank=True, editable=False)
    last_fetch_at = models.DateTimeField(_("last fetch"), null=True, blank=True, editable=False)
    last_fetch_result = models.CharField(
        _("result of the last fetch"), max_length=10, choices=FetchResult.choices, blank=True, editable=False
    )
    last_fetch_message = models.TextField(_("report of the last fetch"), blank=True, editable=False)
    fetch_state = models.JSONField(
        default=dict, blank=True, editable=False, help_text="What fetch_ocds has downloaded, to resume."
    )

    public_fields = [
        PublicField("country", _("Country"), read=title),
        PublicField("country_code", _("Country code (ISO 3166 alpha-2)")),
        PublicField("name", _("Dataset")),
        PublicField("publisher", _("Publisher")),
        PublicField("is_sample", _("Sample (not the country's totals)")),
        PublicField("source_url", _("Source")),
        PublicField("licence", _("Licence")),
        PublicField("licence_url", _("Licence address")),
        PublicField("ocid_prefix", _("OCID prefix")),
        PublicField("ocds_version", _("OCDS version")),
        PublicField("first_date", _("First process")),
        PublicField("last_date", _("Last process")),
        PublicField("process_count", _("Processes")),
        PublicField("release_count", _("Releases")),
        PublicField("last_import_at", _("Last import")),
    ]
    api_fields = PublicAPIFields()

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("open contracting dataset")
        verbose_name_plural = _("open contracting datasets")
        ordering = ["country__title", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def country_code(self) -> str:
        return self.country.iso_alpha2


class Organisation(models.Model):
    """A buyer, tenderer or supplier as a dataset names it.

    ``identifier`` is the party's ``id`` in the data; a party published without one is keyed
    ``name:<name>``, so that it still has one row, and the red flags leave it out.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="organisations")
    identifier = models.CharField(max_length=255)
    name = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "identifier"], name="organisation_per_dataset")
        ]

    def __str__(self) -> str:
        return self.name or self.identifier

    @property
    def has_identifier(self) -> bool:
        return not self.identifier.startswith("name:")


class Sorted(models.Model):
    """The values of a process that the explorer filters and sorts by (but its words, buyer and
    suppliers), declared once for the process and for the copy each of its industries keeps
    (``Classification``)."""

    method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    method_details = models.CharField(max_length=255, blank=True)
    category = models.CharField(max_length=10, choices=Category.choices, blank=True)
    status = models.CharField(max_length=20, blank=True, help_text="tender.status")
    tender_amount = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    tender_currency = models.CharField(max_length=3, blank=True)
    # The period the process counts in: the tender period's start, else its first release.
    date = models.DateField()
    year = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True


class Process(Sorted):
    """One contracting process (one OCID): its compiled release and the facts the indicators read."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="processes")
    ocid = models.CharField(max_length=255)
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=1000, blank=True, help_text="The publisher's own page of the process.")
    buyer = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="processes_bought"
    )
    tender_start = models.DateTimeField(null=True)
    tender_end = models.DateTimeField(null=True)
    submission_days = models.IntegerField(null=True, help_text="Whole days of the tender period (R003).")
    number_of_tenderers = models.PositiveIntegerField(null=True)
    tenderers = models.ManyToManyField(Organisation, related_name="processes_tendered")
    month = models.PositiveSmallIntegerField()
    release_date = models.DateTimeField(help_text="The date of its latest release.")
    compiled = models.JSONField(help_text="The compiled release (OCDS 1.1).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dataset", "ocid"], name="process_per_dataset")]
        indexes = [models.Index(fields=["dataset", "year", "month"], name="process_period")]

    def __str__(self) -> str:
        return self.ocid


class Release(models.Model):
    """A release merged into a process: its id and date make a second import of it a no-op.

    The id alone does not identify a release: Paraguay's DNCP re-publishes a release id with a
    new date when the release changes, so a known id with a new date is a new release.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="releases")
    release_id = models.CharField(max_length=255)
    date = models.DateTimeField(null=True)
    tags = models.CharField(max_length=255, blank=True, help_text="Comma-separated release tags.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "release_id", "date"], name="release_per_process")
        ]
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.release_id


class Classification(Sorted):
    """The top level of a scheme's code among a process's items: the process's industry.

    It keeps a copy of its process's dataset, buyer and ``Sorted`` values (written with it by
    the importer, which rewrites a process's industries whenever it rewrites the process), so
    that a selection by an industry reads only the industry's rows that match its other
    filters, in the order of its page, from one index (migration 0007): read from the
    processes, the 15,600 processes of an industry at a million were each read to keep a
    tenth of them (0.1 s of a 0.15 s page).
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="classifications")
    scheme = models.CharField(max_length=100)
    code = models.CharField(max_length=20)
    # Copies of the process's (``PROCESS_COPY``); the index of migration 0007 holds them.
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+", db_index=False)
    buyer = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "scheme", "code"], name="classification_per_process")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.code}"


# The fields of a process that its industries (``Classification``) hold a copy of.
PROCESS_COPY = ("dataset", "buyer", *(field.name for field in Sorted._meta.local_fields))
# What a process keeps of its compiled release's tender: the importer writes these facts, the
# process page shows them.
TENDER_FACTS = (
    "title",
    "description",
    "url",
    "method",
    "method_details",
    "category",
    "status",
    "tender_start",
    "tender_end",
    "submission_days",
    "number_of_tenderers",
    "tender_amount",
    "tender_currency",
)


class Award(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="awards")
    award_id = models.CharField(max_length=255)
    status = models.CharField(max_length=20, blank=True)
    date = models.DateTimeField(null=True)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    currency = models.CharField(max_length=3, blank=True)
    suppliers = models.ManyToManyField(Organisation, related_name="awards")

    def __str__(self) -> str:
        return self.award_id


class Contract(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="contracts")
    contract_id = models.CharField(max_length=255)
    award_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, blank=True)
    date_signed = models.DateTimeField(null=True)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    currency = models.CharField(max_length=3, blank=True)

    def __str__(self) -> str:
        return self.contract_id


class Figure(models.Model):
    """One indicator's value for a dataset and period, as ``contracting.indicators`` computed it.

    ``month`` is empty for the whole year. ``key`` breaks an indicator down (a method, a
    category, a status); ``currency`` keeps amounts apart. A figure the data cannot support has
    no ``value`` and says how much of the period's processes fill the fields it needs
    (``coverage``), so that it is shown as not computable, never as zero.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="figures")
    indicator = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(null=True)
    key = models.CharField(max_length=100, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    value = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    numerator = models.BigIntegerField(null=True)
    denominator = models.BigIntegerField(null=True)
    coverage = models.FloatField(
        null=True, help_text="Share of the period's processes that fill the fields needed."
    )

    public_fields = [
        PublicField("country", _("Country"), read=attribute("dataset.country.title")),
        PublicField("country_code", _("Country code (ISO 3166 alpha-2)")),
        PublicField("dataset", _("Dataset"), read=attribute("dataset.name")),
        PublicField("indicator", _("Indicator code")),
        PublicField("indicator_label", _("Indicator")),
        PublicField("year", _("Year")),
        PublicField("month", _("Month (empty: the whole year)")),
        PublicField("key", _("Breakdown")),
        PublicField("currency", _("Currency")),
        PublicField("value", _("Value (empty: not computable)")),
        PublicField("numerator", _("Numerator")),
        PublicField("denominator", _("Denominator")),
        PublicField("coverage", _("Coverage of the fields needed")),
        PublicField("source", _("Definition")),
    ]
    api_fields = PublicAPIFields()

    class Meta:
        indexes = [models.Index(fields=["dataset", "indicator", "year"], name="figure_lookup")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"

    @property
    def country_code(self) -> str:
        return self.dataset.country.iso_alpha2

    @property
    def indicator_label(self) -> str:
        declared = INDICATORS.get(self.indicator)
        return str(declared.label) if declared else self.indicator

    @property
    def source(self) -> str:
        declared = INDICATORS.get(self.indicator)
        return str(declared.source) if declared else ""
