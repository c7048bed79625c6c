"""What the public search indexes of each kind of page and of each document.

The domain apps know nothing of search: this registry says, per page model, how
to read its title, text, countries, topics and date in each language. The text
and keywords are, unless an adapter says otherwise, the model's public fields
marked ``TEXT`` and ``KEYWORDS`` (``network.public``), then any StreamField not
declared. A model without an adapter of its own uses the one of its nearest
registered ancestor, so any new page type is indexed by title, introduction and
StreamFields.

Only fields really filled in a language are read for that language (no fallback
to Spanish), so an English entry exists only where the page is in English and a
Spanish-only page is found, marked as Spanish, when both languages are searched.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape

from django.conf import settings
from django.db.models import Model, Prefetch, Q, TextField, prefetch_related_objects
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from contracting.models import Dataset
from countries.models import CountryPage, PracticePage
from events.models import EventPage
from network.blocks import HeadingBlock
from network.models import TopicPage
from network.public import KEYWORDS, TEXT, PublicField, public_fields, search_fields
from network.tree import visible, visible_among
from news.models import NewsPage
from portals.models import Institution, Portal
from search.backends.base import IndexEntry

# The longest text indexed per entry: PostgreSQL's tsvector has a 1 MB limit.
MAX_INDEXED_TEXT = 200_000

KIND_LABELS = {
    "page": _("Page"),
    "country": _("Country profile"),
    "practice": _("Good practice"),
    "event": _("Event"),
    "news": _("News"),
    "topic": _("Topic"),
    "document": _("Document"),
}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def kind_name(kind: str, language: str) -> list[str]:
    """What the readers call an entry of ``kind`` in ``language``, as a keyword of every such entry:
    "¿qué *países* usan la subasta inversa?" is answered by the profiles that speak of it, which
    never say "país". A plain page's kind names nothing about it."""
    if kind == "page":
        return []
    with translation.override(language):
        return [str(KIND_LABELS[kind])]


def index_languages() -> list[str]:
    """Every language an entry can be in: the site's, plus those documents may be written in."""
    document_languages = [code for code, _label in document_model()._meta.get_field("language").choices]
    return list(dict.fromkeys(languages() + document_languages))


def in_language(instance: Model, field: str, language: str) -> str:
    """The value of a translated field in exactly ``language``, no fallback ('' if empty)."""
    value = getattr(instance, f"{field}_{language}", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return " ".join(_stream_text(value))


def with_fallback(instance: Model, field: str, language: str) -> str:
    """A related object's name in ``language``, or Spanish if it has no translation."""
    return in_language(instance, field, language) or in_language(
        instance, field, settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    )


def plain(html: str) -> str:
    """Rich text as plain text."""
    return unescape(strip_tags(html.replace("<", " <"))) if html else ""


def _stream_text(value) -> list[str]:
    stream_block = getattr(value, "stream_block", None)
    if stream_block is None:
        return [plain(str(value))]
    return [plain(str(text)) for text in stream_block.get_searchable_content(value)]


@dataclass(frozen=True)
class Related:
    """An entry is built from the objects at the end of ``lookup`` (a relation path from the indexed model).

    A related page gives its dependents its title and whether readers may see it;
    any other related object (a module, an institution) its name.
    """

    lookup: str

    def target(self, model: type[Model]) -> type[Model]:
        for name in self.lookup.split("__"):
            model = model._meta.get_field(name).related_model
        return model

    def condition(self, instance: Model) -> Q:
        """Which indexed objects read ``instance`` through this relation."""
        return Q(**{self.lookup: instance.pk})

    def first_hop(self, model: type[Model]):
        return model._meta.get_field(self.lookup.split("__")[0])


@dataclass(frozen=True)
class ParentPage:
    """An entry is built from its parent page in the tree (a good practice reads its country)."""

    model: type[Page]

    def target(self, model: type[Model]) -> type[Model]:
        return self.model

    def condition(self, instance: Model) -> Q:
        return Q(path__startswith=instance.path, depth=instance.depth + 1)

    def first_hop(self, model: type[Model]):
        return None


BuiltFrom = Related | ParentPage


class PageAdapter:
    """Any page: title, introduction and every StreamField, in each language it has a title in."""

    kind = "page"
    # The relations the entries read, fetched once for both languages rather than at each read;
    # related pages only as readers may see them, so a private topic's title is never a keyword
    # (a Prefetch narrows other objects to what readers see).
    related: tuple[str | Prefetch, ...] = ()
    # The other objects the entries are built from (beyond the page's own fields and the parts
    # saved with it, such as a country's laws): a change to any of them re-indexes the entries.
    built_from: tuple[BuiltFrom, ...] = ()

    def entries(self, page: Page) -> list[IndexEntry]:
        prefetch_related_objects(
            [page],
            *(
                lookup if isinstance(lookup, Prefetch) else visible_prefetch(type(page), lookup)
                for lookup in self.related
            ),
        )
        return [entry for language in languages() if (entry := self.entry(page, language))]

    def entry(self, page: Page, language: str) -> IndexEntry | None:
        title = in_language(page, "title", language)
        if not title:
            return None
        day = self.date(page)
        text, sections = self.labelled_text(page, language)
        return IndexEntry(
            source=f"page:{page.pk}",
            language=language,
            kind=self.kind,
            title=title,
            text=text,
            sections=sections,
            url=self.url(page, language),
            keywords=_joined(
                [
                    *self.keywords(page, language),
                    *self.headings(page, language),
                    *kind_name(self.kind, language),
                ]
            ),
            date=day,
            year=day.year if day else None,
            countries=tuple(dict.fromkeys(self.countries(page))),
            topics=tuple(dict.fromkeys(str(pk) for pk in self.topics(page))),
        )

    def labelled_text(self, page: Page, language: str) -> tuple[str, tuple[tuple[str, int, int], ...]]:
        """The entry's text, and its labelled sections when the kind shows fields, not running text."""
        return _joined(self.text(page, language))[:MAX_INDEXED_TEXT], ()

    def url(self, page: Page, language: str) -> str:
        with translation.override(language):
            return page.get_url() or ""

    def text(self, page: Page, language: str) -> list[str]:
        declared = {field.name for field in public_fields(page)}
        undeclared = [field.name for field in _stream_fields(page) if field.name not in declared]
        return [
            *_searchable(page, search_fields(page, TEXT), language),
            *(in_language(page, name, language) for name in undeclared),
        ]

    def keywords(self, page: Page, language: str) -> list[str]:
        return _searchable(page, search_fields(page, KEYWORDS), language)

    def headings(self, page: Page, language: str) -> list[str]:
        """The section headings of the page's bodies, which weigh as its keywords do: a heading says
        what its section is about, where a word of the running text may be in passing."""
        return [
            heading
            for field in _stream_fields(page)
            for heading in _stream_headings(getattr(page, f"{field.name}_{language}", None))
        ]

    def countries(self, page: Page) -> Iterable[str]:
        return ()

    def topics(self, page: Page) -> Iterable[int]:
        return ()

    def date(self, page: Page) -> date | None:
        return None


class CountryAdapter(PageAdapter):
    kind = "country"
    related = (
        "laws",
        "key_figures",
        "system_modules",
        "portals",
        "institutions",
        Prefetch("datasets", queryset=Dataset.objects.with_processes().order_by("name")),
    )
    built_from = (
        Related("system_modules"),
        Related("topics_led"),
        Related("portals"),
        Related("institutions"),
        Related("datasets"),
    )

    def labelled_text(self, page: CountryPage, language: str) -> tuple[str, tuple[tuple[str, int, int], ...]]:
        """A profile is fields (agency, system, laws, figures): each one is a section under its label."""
        parts, sections, position = [], [], 0
        for field in search_fields(page, TEXT):
            with translation.override(language):
                label = str(field.label or _field_label(page, field.name))
            for value in _values(page, field.name, language):
                value = value.strip()
                if value:
                    parts.append(value)
                    sections.append((label, position, position + len(value)))
                    position += len(value) + 1
        for label, listed in self.directory(page, language):
            value = "; ".join(
                dict.fromkeys(f"{name}: {about}" if about else name for name, about in listed if name.strip())
            )
            if value:
                parts.append(value)
                sections.append((label, position, position + len(value)))
                position += len(value) + 1
        return "\n".join(parts)[:MAX_INDEXED_TEXT], tuple(sections)

    def keywords(self, page: CountryPage, language: str) -> list[str]:
        """The labels of the facts the profile gives, besides its acronyms and modules, and the
        country's subregion.

        Readers ask by what a fact is ("which e-procurement system does Colombia
        use?", "Peru's procurement agency") while the field holds only its value
        ("SECOP II"); the labels of running text (introduction, body) name nothing.
        They ask by region too ("leyes de compras en Centroamérica", "e-procurement in
        the Caribbean"), which a profile never names.
        """
        labels = []
        for field in search_fields(page, TEXT):
            if _is_running_text(page, field.name) or not any(
                value.strip() for value in _values(page, field.name, language)
            ):
                continue
            with translation.override(language):
                labels.append(str(field.label or _field_label(page, field.name)))
        with translation.override(language):
            region = str(page.get_subregion_display())
        names = [name for _label, listed in self.directory(page, language) for name, _about in listed]
        return [*super().keywords(page, language), *labels, region, *names]

    def directory(self, page: CountryPage, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """The names (and acronyms) of the country's portals, institutions and open contracting
        datasets, under their labels, each with what the profile says about it (a portal's
        description, a dataset's publisher).

        Readers search by a system's or an agency's name ("Guatecompras", "OSCE")
        to reach the country that runs it; the profile's own fields name only some.
        The names are keywords, as an agency's acronym is (PostgreSQL weighs the text
        too little for a name alone to lead to the profile), and, with the descriptions
        the profile shows ("where registered suppliers download the tender documents"),
        sections of the text, so the snippet shows the one that matches.
        """
        portals = [
            (with_fallback(portal, "name", language), in_language(portal, "description", language))
            for portal in page.portals.all()
        ]
        institutions = [
            (name, "")
            for institution in page.institutions.all()
            for name in (
                with_fallback(institution, "name", language),
                with_fallback(institution, "acronym", language),
            )
        ]
        datasets = [(dataset.name, dataset.publisher) for dataset in page.datasets.all()]
        with translation.override(language):
            return [
                (str(capfirst(Portal._meta.verbose_name_plural)), portals),
                (str(capfirst(Institution._meta.verbose_name_plural)), institutions),
                (str(_("Procurement data")), datasets),
            ]

    def countries(self, page: CountryPage) -> Iterable[str]:
        return [page.iso_alpha2]

    def topics(self, page: CountryPage) -> Iterable[int]:
        return visible(page.topics_led.all()).values_list("pk", flat=True)


class PracticeAdapter(PageAdapter):
    kind = "practice"
    related = ("topics",)
    built_from = (ParentPage(CountryPage), Related("topics"))

    def keywords(self, page: PracticePage, language: str) -> list[str]:
        country = page.country
        country_name = with_fallback(country, "title", language) if country else ""
        return [country_name, *super().keywords(page, language)]

    def countries(self, page: PracticePage) -> Iterable[str]:
        country = page.country
        return [country.iso_alpha2] if country else []

    def topics(self, page: PracticePage) -> Iterable[int]:
        return [topic.pk for topic in page.topics.all()]

    def date(self, page: PracticePage) -> date | None:
        return page.date


class EventAdapter(PageAdapter):
    kind = "event"
    related = (
        "sessions__topics",
        "agreements__topics",
        "organizing_countries",
        "participating_countries",
        "organizing_institutions",
    )
    built_from = (
        Related("host_country"),
        Related("organizing_countries"),
        Related("participating_countries"),
        Related("organizing_institutions"),
        Related("sessions__topics"),
        Related("agreements__topics"),
    )

    def text(self, page: EventPage, language: str) -> list[str]:
        sessions = [
            f"{in_language(session, 'title', language)}. {in_language(session, 'description', language)}"
            for session in page.sessions.all()
        ]
        agreements = [
            f"{in_language(agreement, 'title', language)}. {plain(in_language(agreement, 'text', language))}"
            for agreement in page.agreements.all()
        ]
        return [
            in_language(page, "intro", language),
            in_language(page, "city", language),
            *sessions,
            in_language(page, "report", language),
            *agreements,
        ]

    def keywords(self, page: EventPage, language: str) -> list[str]:
        institutions = [
            with_fallback(institution, field, language)
            for institution in page.organizing_institutions.all()
            for field in ("acronym", "name")
        ]
        host = self._host(page)
        return [
            *_titles([*host, *self._taking_part(page)], language),
            *_titles(self._topics(page), language),
            *institutions,
            *self.fact_labels(page, language, host),
        ]

    def fact_labels(self, page: EventPage, language: str, host: list[CountryPage]) -> list[str]:
        """The labels of the facts the event gives (``host``: its visible host country, if any), as a
        profile has its own: readers ask by what a fact is ("who hosted the third seminar?", "¿qué
        países participaron?") while the entry holds only the names ("Chile")."""
        given = {
            "host_country": bool(host),
            "organizers": bool(page.organizing_countries.all() or page.organizing_institutions.all()),
            "participating_countries": bool(page.participating_countries.all()),
        }
        with translation.override(language):
            return [str(field.label) for field in public_fields(page) if given.get(field.name)]

    def countries(self, page: EventPage) -> Iterable[str]:
        return [country.iso_alpha2 for country in [*self._host(page), *self._taking_part(page)]]

    def topics(self, page: EventPage) -> Iterable[int]:
        return [topic.pk for topic in self._topics(page)]

    def date(self, page: EventPage) -> date | None:
        return page.start_date

    def _host(self, page: EventPage) -> list[CountryPage]:
        """The event's host country, if readers may see it (a query: read once per entry)."""
        return visible_among([page.host_country]) if page.host_country_id else []

    def _taking_part(self, page: EventPage) -> list[CountryPage]:
        """The organizing and participating countries (prefetched, visible ones only)."""
        return [*page.organizing_countries.all(), *page.participating_countries.all()]

    def _topics(self, page: EventPage) -> list[TopicPage]:
        return page.discussed_topics()


class NewsAdapter(PageAdapter):
    kind = "news"
    related = ("countries", "topics")
    built_from = (Related("countries"), Related("topics"))

    def countries(self, page: NewsPage) -> Iterable[str]:
        return [country.iso_alpha2 for country in page.countries.all()]

    def topics(self, page: NewsPage) -> Iterable[int]:
        return [topic.pk for topic in page.topics.all()]

    def date(self, page: NewsPage) -> date | None:
        return page.date


class TopicAdapter(PageAdapter):
    kind = "topic"
    related = ("lead_countries",)
    built_from = (Related("lead_countries"),)

    def countries(self, page: TopicPage) -> Iterable[str]:
        return [country.iso_alpha2 for country in page.lead_countries.all()]

    def topics(self, page: TopicPage) -> Iterable[int]:
        return [page.pk]


ADAPTERS: dict[type[Page], PageAdapter] = {
    Page: PageAdapter(),
    CountryPage: CountryAdapter(),
    PracticePage: PracticeAdapter(),
    EventPage: EventAdapter(),
    NewsPage: NewsAdapter(),
    TopicPage: TopicAdapter(),
}


def adapter_for(page: Page) -> PageAdapter:
    """The adapter of the page's model or of its nearest registered ancestor."""
    for model in type(page).__mro__:
        if model in ADAPTERS:
            return ADAPTERS[model]
    return ADAPTERS[Page]


def page_entries(page: Page) -> list[IndexEntry]:
    return adapter_for(page).entries(page)


# What a document's entry is built from besides itself (see ``PageAdapter.built_from``).
DOCUMENT_BUILT_FROM: tuple[BuiltFrom, ...] = (Related("countries"), Related("topics"))


def document_source(original_id: int) -> str:
    """The index source of a document's versions: its original's id, which its translations share."""
    return f"document:{original_id}"


def document_entries(versions: Iterable[Model]) -> list[IndexEntry]:
    """The entries of one document's versions (its original and translations).

    A file's title is not translated: each version is the entry of its file's language.
    Sharing one source, they are shown as pages' translations are: the reader's
    language where there is one. Readers read the site's languages, so those
    versions are the entries; a version in another language is the entry only of a
    document that has none in them. Among versions in one language (the admin refuses
    a second), the original comes first, then the oldest translation.
    """
    ordered = sorted(versions, key=lambda document: (document.translation_of_id is not None, document.pk))
    site_languages, in_site_languages = languages(), {}
    for document in ordered:
        if document.language in site_languages:
            in_site_languages.setdefault(document.language, document)
    return [_document_entry(document) for document in list(in_site_languages.values()) or ordered[:1]]


def _document_entry(document: Model) -> IndexEntry:
    text = _joined([document.description, document.extracted_text])[:MAX_INDEXED_TEXT]
    countries = list(visible(document.countries.all()))
    topics = list(visible(document.topics.all()))
    return IndexEntry(
        source=document_source(document.translation_of_id or document.pk),
        language=document.language,
        kind="document",
        title=document.title,
        text=text,
        url=document.url,
        keywords=_joined(
            [
                *_titles(countries, document.language),
                *_titles(topics, document.language),
                *kind_name("document", document.language),
                # Readers name a document by its format too ("informe ejecutivo pdf").
                document.file_extension.upper(),
            ]
        ),
        year=document.year,
        countries=tuple(country.iso_alpha2 for country in countries),
        topics=tuple(str(topic.pk) for topic in topics),
    )


def indexed_models() -> Iterator[tuple[type[Model], tuple[BuiltFrom, ...]]]:
    """Each indexed model with what its entries are built from."""
    for model, adapter in ADAPTERS.items():
        yield model, adapter.built_from
    yield document_model(), DOCUMENT_BUILT_FROM


def dependent_sources(instance: Model) -> list[str]:
    """The index sources ("page:12", "document:7") whose entries are built from ``instance``.

    One query per indexed model that reads objects of the instance's kind.
    """
    sources = []
    for model, built_from in indexed_models():
        conditions = [
            part.condition(instance) for part in built_from if isinstance(instance, part.target(model))
        ]
        if not conditions:
            continue
        matching = model.objects.filter(_any(conditions))
        if isinstance(instance, model):
            matching = matching.exclude(pk=instance.pk)  # a page is not its own dependent
        prefix = "document" if model is document_model() else "page"
        sources += [f"{prefix}:{pk}" for pk in matching.values_list("pk", flat=True).distinct()]
    return list(dict.fromkeys(sources))


def relation_dependents(
    through: type[Model], instance: Model, model: type[Model], pks: Iterable[int]
) -> list[str]:
    """The sources built from a many-to-many relation whose rows changed.

    The rows link ``instance`` to the objects of ``model`` whose keys are ``pks``; either
    side may read the other (a country its topics, a topic its lead countries).
    """
    sources = []
    for indexed, built_from in indexed_models():
        if not any(_through_of(part.first_hop(indexed)) is through for part in built_from):
            continue
        prefix = "document" if indexed is document_model() else "page"
        if isinstance(instance, indexed):
            sources.append(f"{prefix}:{instance.pk}")
        elif issubclass(model, indexed) or issubclass(indexed, model):
            sources += [f"{prefix}:{pk}" for pk in sorted(pks)]
    return list(dict.fromkeys(sources))


def dependency_models() -> set[type[Model]]:
    """Every model whose objects some entry is built from."""
    return {part.target(model) for model, built_from in indexed_models() for part in built_from}


def dependency_throughs() -> set[type[Model]]:
    """The tables of the many-to-many relations some entry is built from."""
    throughs = (
        _through_of(part.first_hop(model)) for model, built_from in indexed_models() for part in built_from
    )
    return {through for through in throughs if through is not None}


def _through_of(field) -> type[Model] | None:
    if field is None or not field.many_to_many:
        return None
    return field.remote_field.through if not field.auto_created else field.through


def _any(conditions: list[Q]) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def visible_prefetch(model: type[Model], lookup: str) -> Prefetch | str:
    """``lookup`` from ``model``, narrowed to the visible pages when it ends at pages."""
    for name in lookup.split("__"):
        model = model._meta.get_field(name).related_model
    return Prefetch(lookup, queryset=visible(model.objects.all())) if issubclass(model, Page) else lookup


def document_model() -> type[Model]:
    return get_document_model()


# A heading of rich text (the editor offers levels 2 to 4).
RICH_TEXT_HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.DOTALL)


def _stream_headings(value) -> list[str]:
    """The headings of a StreamField's value: its heading blocks and its rich text's headings."""
    headings = []
    for child in value or ():
        if isinstance(child.block, HeadingBlock):
            headings.append(child.value["text"])
        elif isinstance(child.value, RichText):
            headings += [plain(heading) for heading in RICH_TEXT_HEADING.findall(child.value.source)]
    return headings


def _stream_fields(page: Page) -> list[StreamField]:
    """The page's own StreamFields (their translated copies are read by ``in_language``)."""
    return [
        field
        for field in type(page)._meta.get_fields()
        if isinstance(field, StreamField) and not _is_translation(field.name)
    ]


def _searchable(instance: Model, fields: list[PublicField], language: str) -> list[str]:
    """The fields' values in ``language``: a relation gives one value per related object."""
    return [text for field in fields for text in _values(instance, field.name, language)]


def _values(instance: Model, name: str, language: str) -> list[str]:
    model_field = instance._meta.get_field(name)
    if model_field.one_to_many:
        # Parts of the instance (a country's laws): each is its own text fields, in one line.
        return [
            " ".join(_searchable(part, search_fields(part, TEXT), language))
            for part in getattr(instance, name).all()
        ]
    if model_field.many_to_many:
        return [with_fallback(item, _name_field(item), language) for item in getattr(instance, name).all()]
    if hasattr(instance, f"{name}_{language}"):
        return [in_language(instance, name, language)]
    value = getattr(instance, name)
    return [str(value)] if value not in (None, "") else []


def _field_label(instance: Model, name: str) -> str:
    """A field's name for readers: its verbose name, or the related model's plural for a relation."""
    model_field = instance._meta.get_field(name)
    if model_field.one_to_many or model_field.many_to_many:
        return capfirst(model_field.related_model._meta.verbose_name_plural)
    return capfirst(model_field.verbose_name)


def _is_running_text(instance: Model, name: str) -> bool:
    return isinstance(instance._meta.get_field(name), TextField | StreamField)


def _name_field(item: Model) -> str:
    return "title" if isinstance(item, Page) else "name"


def _is_translation(name: str) -> bool:
    return any(name.endswith(f"_{language}") for language in languages())


def _titles(pages: Iterable[Page], language: str) -> list[str]:
    return [with_fallback(page, "title", language) for page in pages]


def _joined(parts: Iterable[str]) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())
