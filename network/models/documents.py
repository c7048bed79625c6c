from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch
from django.db.models.functions import Left, Length
from django.http import HttpRequest, QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import Collection, CollectionViewRestriction

from network.facets import FacetOption, count_by, facet_options
from network.listing import Paginator
from network.models.base import BasePage
from network.params import Parser, choice_parser, parse_id, parse_year
from network.public import PublicAPIFields, PublicField
from network.sections import card_details, prefetches
from network.tree import linked, visible
from network.uploads import validate_document_content


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    PRESENTATION = "presentation", _("Presentation")
    LAW = "law", _("Law or regulation")
    ASSESSMENT = "assessment", _("Assessment")
    OTHER = "other", _("Other")


class FileLanguage(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")


class TextStatus(models.TextChoices):
    """How reading a document's text for the search went (``search.extraction``)."""

    NO_TEXT = "", _("No text to read in this type of file")
    PENDING = "pending", _("Text being extracted")
    EXTRACTED = "extracted", _("Text extracted")
    TOO_LARGE = "too_large", _("Too large: the text was not extracted")
    FAILED = "failed", _("The file could not be read: the text was not extracted")


class NetworkDocument(AbstractDocument):
    """A file in the network's library: a report, a presentation, a law.

    Each file is in one language, so its title is not translated: the Spanish
    and English versions of a report are two documents, the second a
    translation of the first (``translation_of``). Search shows readers one of
    them, in their language where there is one; the library links each to the
    others.
    """

    kind = models.CharField(
        _("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.REPORT
    )
    language = models.CharField(
        _("language of the file"), max_length=2, choices=FileLanguage.choices, default=FileLanguage.SPANISH
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        "network.TopicPage", blank=True, related_name="documents", verbose_name=_("topics")
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_(
            "The document in another language that this file translates. Search then shows readers "
            "the version in their language."
        ),
    )
    extracted_text = models.TextField(
        _("extracted text"), blank=True, editable=False, help_text=_("The file's text, for full-text search.")
    )
    text_status = models.CharField(
        _("text for the search"), max_length=10, choices=TextStatus.choices, blank=True, editable=False
    )

    admin_form_fields = (
        *Document.admin_form_fields,
        "kind",
        "language",
        "year",
        "description",
        "topics",
        "translation_of",
    )

    public_fields = [
        PublicField("kind"),
        PublicField("language"),
        PublicField("year"),
        PublicField("description"),
        PublicField("countries"),
        PublicField("topics"),
    ]
    api_fields = PublicAPIFields()

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["year", "title"], name="document_year_title"),
            # The library counts documents per year, type and language on every visit: from this
            # index alone, rather than from rows that carry each document's extracted text.
            models.Index(fields=["year", "kind", "language", "collection"], name="document_facets"),
        ]

    def clean(self) -> None:
        """Wagtail checks the extension; a new upload must also have content that matches it.

        A translation names the original, never another translation, and each language
        appears once among a document's versions: search indexes them as one source
        with one entry per language.
        """
        super().clean()
        if self.file and not self.file._committed:
            try:
                validate_document_content(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
        self._clean_translation_of()

    def _clean_translation_of(self) -> None:
        original = self.translation_of
        if original is not None and (original.pk == self.pk or original.translation_of_id is not None):
            message = _("Choose the original document, not one of its translations.")
        elif original is not None and self.pk is not None and self.translations.exists():
            message = _("Other documents are translations of this one: it cannot be a translation itself.")
        elif (taken := self._language_taken()) is not None:
            message = _(
                "This document already has a version in that language (%(language)s): “%(title)s”."
            ) % {"language": taken.get_language_display(), "title": taken.title}
        else:
            return
        raise ValidationError({"translation_of" if original is not None else "language": message})

    def _language_taken(self) -> "NetworkDocument | None":
        """Another version of this document (its original or a sibling translation) in this one's language."""
        original_id = self.translation_of_id or self.pk
        if original_id is None:
            return None
        versions = NetworkDocument.objects.filter(
            models.Q(pk=original_id) | models.Q(translation_of_id=original_id), language=self.language
        )
        return versions.exclude(pk=self.pk).first()

    def versions(self) -> list["NetworkDocument"]:
        """The same document in other languages that readers may download, from what
        ``Library.listing`` fetched: its original and the original's other translations,
        or its own translations."""
        if not self.translation_of_id:
            return list(self.translations.all())
        original = self.translation_of
        if original is None:  # the original is in a restricted collection
            return []
        return [original, *(version for version in original.translations.all() if version.pk != self.pk)]


def version_prefetches() -> list[Prefetch]:
    """What ``NetworkDocument.versions`` reads, for every document of a listing at once:
    the versions readers may download, by language."""
    public = public_documents(NetworkDocument.objects.defer("extracted_text")).order_by("language")
    return [
        Prefetch("translations", queryset=public),
        Prefetch("translation_of", queryset=public),
        Prefetch("translation_of__translations", queryset=public),
    ]


def topic_model() -> type[BasePage]:
    """The topic page model, read from the relation: ``network.models.topics`` imports this module."""
    return NetworkDocument._meta.get_field("topics").related_model


def public_documents(documents: models.QuerySet) -> models.QuerySet:
    """``documents`` without those readers may not download: in a collection with a view
    restriction, set on it or on a parent collection (as Wagtail's document view checks)."""
    restrictions = CollectionViewRestriction.objects.filter(
        collection__path=Left(OuterRef("path"), Length("collection__path"))
    )
    # The restricted collections are found once, not once per document: there are few of them.
    return documents.exclude(collection__in=Collection.objects.filter(Exists(restrictions)))


class PublicationIndexPage(BasePage):
    """The network's library of documents, filterable by type, language, year, country and topic."""

    parent_page_types = ["network.HomePage"]
    subpage_types = []
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = _("publications")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        library = Library(request.GET)
        documents = Paginator(library.listing(), self.per_page).get_page(request.GET.get("page"))
        context.update(
            library=library,
            facets=library.facets(),
            documents_page=documents,
            card_details=library.card_details,
        )
        return context


# --- Filtering the library ---------------------------------------------------------
# Every filter is a GET parameter read by the site's one set of parsers (network.params).

# Option labellers take the counts by value and give the (value, label) pairs
# worth offering, in reading order.
Labeller = Callable[[dict], list[tuple]]


def choice_labeller(choices: type[models.TextChoices]) -> Labeller:
    return lambda counts: [(value, label) for value, label in choices.choices if value in counts]


def year_labels(counts: dict) -> list[tuple]:
    return [(year, year) for year in sorted(counts, reverse=True)]


def topic_labels(counts: dict) -> list[tuple]:
    topics = visible(topic_model().objects.filter(pk__in=counts)).only("title").order_by("title")
    return [(topic.pk, topic.title) for topic in topics]


@dataclass(frozen=True)
class Facet:
    """One way to narrow the library: its GET parameter and the document field it filters on."""

    param: str
    label: Promise
    lookup: str
    parse: Parser
    labels: Labeller


KIND_FACET = Facet(
    "kind", _("Type"), "kind", choice_parser(DocumentKind.values), choice_labeller(DocumentKind)
)
LANGUAGE_FACET = Facet(
    "language", _("Language"), "language", choice_parser(FileLanguage.values), choice_labeller(FileLanguage)
)
YEAR_FACET = Facet("year", _("Year"), "year", parse_year, year_labels)
TOPIC_FACET = Facet("topic", _("Topic"), "topics", parse_id, topic_labels)


def library_facets() -> list[Facet]:
    """The library's facets, in order: its own (registered in network's ``wagtail_hooks``) and
    those other apps contribute through the same ``library_facets`` hook (countries: the country)."""
    return [contribute() for contribute in hooks.get_hooks("library_facets")]


@dataclass
class FacetChoices:
    facet: Facet
    options: list[FacetOption]


class Library:
    """The documents a request's filters select, with how many each other option would select.

    Each option's count applies the other filters but not its own facet's, so
    a reader sees what choosing it would give.
    """

    def __init__(self, params: QueryDict):
        self.all_facets = library_facets()
        self.card_details = card_details("document_card_details")
        self.selected = {}
        for facet in self.all_facets:
            value = facet.parse(params.get(facet.param, ""))
            if value is not None:
                self.selected[facet.param] = value

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected)

    def documents(self, ignoring: str = "") -> models.QuerySet[NetworkDocument]:
        documents = public_documents(NetworkDocument.objects.all())
        for facet in self.all_facets:
            if facet.param in self.selected and facet.param != ignoring:
                documents = documents.filter(**{facet.lookup: self.selected[facet.param]})
        return documents

    def listing(self) -> models.QuerySet[NetworkDocument]:
        """The selected documents, newest first, with everything a listing shows fetched up front."""
        return (
            self.documents()
            .defer("extracted_text")
            .order_by(F("year").desc(nulls_last=True), "title", "pk")
            .prefetch_related(
                Prefetch("topics", queryset=linked(topic_model()).order_by("title")),
                *version_prefetches(),
                *prefetches(self.card_details),
            )
        )

    def facets(self) -> list[FacetChoices]:
        return [FacetChoices(facet, self.options(facet)) for facet in self.all_facets]

    def options(self, facet: Facet) -> list[FacetOption]:
        counts = count_by(self.documents(ignoring=facet.param), facet.lookup)
        return facet_options(facet.labels(counts), counts, self.selected.get(facet.param))
