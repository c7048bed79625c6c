"""Keeping the search index in step with the site: one call per page or document, and full rebuilds.

Only live pages readers may see are indexed (pages behind a password or login
are not), and documents outside restricted collections.

Entries also carry what other objects give them (a practice its country's name,
a country the topics it leads): ``search.adapters`` declares those relations,
and ``index_dependents`` rewrites the entries built from an object that changed.
A page's dependents are rewritten only when readers see it under another title,
or see it appear or disappear: publishing a country's new text leaves its
practices', events' and news items' entries alone. Dependents are rewritten
once, never in a cascade: no entry reads a dependent's title.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import groupby

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce

from wagtail.models import Page

from network.models.documents import public_documents
from network.tree import visible
from search.adapters import dependent_sources, document_entries, document_model, document_source, page_entries
from search.backends import get_search_engine
from search.backends.base import IndexedVersion, IndexEntry, SearchUnavailable

logger = logging.getLogger(__name__)


def page_source(page_id: int) -> str:
    return f"page:{page_id}"


def indexable_pages():
    """The pages readers may see below the root, as their specific classes."""
    return visible(Page.objects.filter(depth__gt=1)).specific()


def index_page(page: Page) -> bool:
    """Index ``page`` (or drop it if it is no longer public) and, if needed, its dependents.

    True when its URLs changed.
    """
    is_public = indexable_pages().filter(pk=page.pk).exists()
    return _write_page(page, page_entries(page.specific) if is_public else [])


def index_subtree(page: Page) -> None:
    """Index a page and everything below it: after a move, a slug change or a privacy change."""
    public = {
        descendant.pk: descendant for descendant in indexable_pages().descendant_of(page, inclusive=True)
    }
    for descendant in Page.objects.descendant_of(page, inclusive=True):
        match = public.get(descendant.pk)
        _write_page(match or descendant, page_entries(match) if match else [])


def _write_page(page: Page, entries: list[IndexEntry]) -> bool:
    """Make ``entries`` the page's; rewrite its dependents if its titles changed; True if its URLs did."""
    engine = get_search_engine()
    source = page_source(page.pk)
    before = engine.versions(source)
    engine.replace(source, entries)
    after = {entry.language: IndexedVersion(entry.url, entry.title) for entry in entries}
    if _titles(before) != _titles(after):
        index_dependents(page.specific)
    return _urls(before) != _urls(after)


def _titles(versions: dict[str, IndexedVersion]) -> dict[str, str]:
    return {language: version.title for language, version in versions.items()}


def _urls(versions: dict[str, IndexedVersion]) -> dict[str, str]:
    return {language: version.url for language, version in versions.items()}


def index_dependents(instance) -> None:
    """Rewrite the entries built from ``instance`` (a page, a module, an institution)."""
    reindex(dependent_sources(instance))


def reindex(sources: Iterable[str]) -> None:
    """Index again the pages and documents named ("page:12", "document:7"), dropping those gone.

    Never rewrites their own dependents: that is the changed object's job.
    """
    ids = {"page": [], "document": []}
    for source in sources:
        kind, _colon, pk = source.partition(":")
        ids[kind].append(int(pk))
    engine = get_search_engine()
    public = {page.pk: page for page in indexable_pages().filter(pk__in=ids["page"])}
    for pk in ids["page"]:
        engine.replace(page_source(pk), page_entries(public[pk]) if pk in public else [])
    documents = document_model().objects.in_bulk(ids["document"])
    originals = [(documents[pk].translation_of_id or pk) if pk in documents else pk for pk in ids["document"]]
    for original_id in dict.fromkeys(originals):
        index_document_versions(original_id)


def remove_page(page_id: int) -> None:
    get_search_engine().delete(page_source(page_id))


def index_document(document) -> None:
    """Index a document with its other versions: they share one source (``document_source``)."""
    index_document_versions(document.translation_of_id or document.pk)


def index_document_versions(original_id: int) -> None:
    """Write the entries of the document ``original_id`` and of its translations, those readers may
    download; none once it is deleted or is itself a translation (its versions are then another's)."""
    versions = _public_documents().filter(
        Q(pk=original_id, translation_of=None) | Q(translation_of_id=original_id)
    )
    get_search_engine().replace(document_source(original_id), document_entries(versions))


def remove_document(document) -> None:
    """After a deletion: its versions are indexed without it, and each of its translations, which the
    deletion left without an original, as a document of its own (``signals.remember_translations``)."""
    translations = getattr(document, "_search_translations", [])
    for original_id in [document.translation_of_id or document.pk, *translations]:
        index_document_versions(original_id)


# Set while a bulk load runs (``deferred``): updates are noted there instead of written.
_deferred: ContextVar[list[bool] | None] = ContextVar("search_index_deferred", default=None)


@contextmanager
def deferred() -> Iterator[None]:
    """Index updates held back while a bulk load runs, then the whole index rebuilt once.

    Loading the reference data and the demo saves hundreds of pages and objects, and each
    save would rewrite its entries and its dependents' (a fifth of the demo's load time);
    one rebuild at the end writes each entry once. Nothing changed, nothing is rebuilt.
    """
    if _deferred.get() is not None:
        yield
        return
    changes: list[bool] = []
    token = _deferred.set(changes)
    try:
        yield
    finally:
        _deferred.reset(token)
    if changes:
        safely(rebuild)


def safely(action: Callable, *args) -> None:
    """Run an index update without letting a failure undo the editor's publish or upload."""
    changes = _deferred.get()
    if changes is not None:
        changes.append(True)
        return
    try:
        with transaction.atomic():
            action(*args)
    except (DatabaseError, SearchUnavailable):
        logger.exception("The search index could not be updated; run rebuild_search_index.")


def all_entries() -> Iterator[IndexEntry]:
    for page in indexable_pages().iterator(chunk_size=200):
        yield from page_entries(page)
    yield from document_versions_entries(_public_documents().prefetch_related("countries", "topics"))


def document_versions_entries(documents) -> Iterator[IndexEntry]:
    """The entries of ``documents``, each document's versions together (``adapters.document_entries``)."""
    ordered = documents.annotate(original=Coalesce("translation_of_id", "pk")).order_by("original", "pk")
    rows = ordered.iterator(chunk_size=200)
    for _original, versions in groupby(rows, key=lambda document: document.original):
        yield from document_entries(versions)


def source_count() -> int:
    """How many pages and documents a rebuild reads (for its progress bar)."""
    documents = _public_documents().annotate(original=Coalesce("translation_of_id", "pk"))
    return indexable_pages().count() + documents.values("original").distinct().count()


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Empty the index and fill it again from every public page and document; returns the entry count."""
    return get_search_engine().rebuild(_reporting(all_entries(), progress))


def refresh_glossary() -> None:
    """Bring the index to the glossary in force if its entries were written with another one.

    The database engines write each glossary entry's concept term into the entries
    (``search.glossary``); until they are rewritten, searches look for the glossary's
    expressions one by one, as complete but slower. They rewrite those terms from the terms the
    entries hold; an engine that cannot is rebuilt from the pages and documents.
    """
    engine = get_search_engine()
    if not engine.holds_glossary() and not engine.rewrite_glossary_terms():
        rebuild()


def _reporting(entries: Iterator[IndexEntry], progress: Callable[[int], None] | None) -> Iterator[IndexEntry]:
    last_source = None
    for entry in entries:
        if progress and entry.source != last_source:
            progress(1)
        last_source = entry.source
        yield entry


def index_collection(collection) -> None:
    """Index (or drop) every document in a collection and the collections below it: after a privacy change."""
    for document in document_model().objects.filter(collection__path__startswith=collection.path):
        index_document(document)


def _public_documents():
    return public_documents(document_model().objects.all())
