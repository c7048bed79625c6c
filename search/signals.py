"""Index updates on Wagtail's and Django's signals: publish, unpublish, move, delete, privacy, sites, uploads,
and changes to the objects entries are built from (``search.adapters``' ``built_from``).

Updates run in the request that caused them (the index is a table of the same
database, so it commits or rolls back with the change) and never break it: see
``indexing.safely``.
"""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from network.models import TextStatus
from search import indexing
from search.adapters import (
    dependency_models,
    dependency_throughs,
    dependent_sources,
    document_model,
    relation_dependents,
)
from search.models import GlossaryEntry
from search.tasks import extract_document_text, refresh_glossary_terms


@receiver(page_published)
def index_published_page(sender, instance: Page, **kwargs) -> None:
    indexing.safely(_index_page_and_moved_children, instance)


def _index_page_and_moved_children(page: Page) -> None:
    if indexing.index_page(page) and page.get_children().exists():
        indexing.index_subtree(page)


@receiver(page_unpublished)
def index_unpublished_page(sender, instance: Page, **kwargs) -> None:
    indexing.safely(indexing.index_page, instance)


@receiver(post_page_move)
def index_moved_page(sender, instance: Page, **kwargs) -> None:
    indexing.safely(indexing.index_subtree, Page.objects.get(pk=instance.pk))


@receiver(post_delete)
def remove_deleted_page(sender, instance, **kwargs) -> None:
    # Sent once per class of a deleted page (e.g. NewsPage and Page): act on the base class only.
    if sender is Page:
        indexing.safely(indexing.remove_page, instance.pk)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def index_page_behind_new_privacy(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.safely(indexing.index_subtree, page)


@receiver([post_save, post_delete], sender=CollectionViewRestriction)
def index_documents_behind_new_privacy(sender, instance: CollectionViewRestriction, **kwargs) -> None:
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        indexing.safely(indexing.index_collection, collection)


@receiver([post_save, post_delete], sender=GlossaryEntry)
def refresh_glossary_terms_after_change(sender, instance: GlossaryEntry, **kwargs) -> None:
    """The entries hold the glossary's concept terms: rewritten in a task (once after a bulk load)."""
    indexing.safely(refresh_glossary_terms.enqueue)


@receiver(post_save, sender=Site)
def index_new_site_root(sender, instance: Site, raw: bool = False, **kwargs) -> None:
    """A site's root page decides every page's URL (the home page becomes "/es/").

    Not for raw saves: rows loaded from a fixture or a database snapshot arrive before the
    pages they point to, and bring their own index rows.
    """
    # Wagtail clears its cache of root paths on this signal too, but maybe after us.
    Site.clear_site_root_paths_cache()
    if not raw:
        indexing.safely(indexing.index_subtree, instance.root_page)


# --- What entries are built from ----------------------------------------------------


def connect_dependencies() -> None:
    """Connect the handlers to the models and relations the adapters declare (known once apps are ready).

    Pages re-index their dependents when they are published, unpublished or moved
    (``indexing.index_page``); other objects (modules, institutions) when saved.
    Deleted objects name their dependents before the deletion removes their relations.
    """
    for model in dependency_models():
        uid = f"search_dependents_{model._meta.label_lower}"
        pre_delete.connect(remember_dependents, sender=model, dispatch_uid=f"{uid}_pre_delete")
        post_delete.connect(index_dependents_of_deleted, sender=model, dispatch_uid=f"{uid}_post_delete")
        if not issubclass(model, Page):
            post_save.connect(index_dependents_of_saved, sender=model, dispatch_uid=f"{uid}_post_save")
    for through in dependency_throughs():
        m2m_changed.connect(
            index_relation_change, sender=through, dispatch_uid=f"search_relation_{through._meta.label_lower}"
        )


def remember_dependents(sender, instance: Model, **kwargs) -> None:
    instance._search_dependents = dependent_sources(instance)


def index_dependents_of_deleted(sender, instance: Model, **kwargs) -> None:
    indexing.safely(indexing.reindex, getattr(instance, "_search_dependents", []))


def index_dependents_of_saved(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    if not raw:
        indexing.safely(indexing.index_dependents, instance)


def index_relation_change(
    sender, instance: Model, action: str, reverse: bool, model: type[Model], pk_set: set | None, **kwargs
) -> None:
    """Rows of a relation entries are built from were added or removed, on either side's form.

    A page's own relations change when it is saved, and it is indexed when published,
    so only the other side is re-indexed then. A clear names no rows, so the related
    keys are read before it.
    """
    if action == "pre_clear":
        instance._search_cleared = _related_keys(sender, instance, model)
    elif action in ("post_add", "post_remove", "post_clear"):
        keys = getattr(instance, "_search_cleared", []) if action == "post_clear" else pk_set or ()
        sources = relation_dependents(sender, instance, model, keys)
        if isinstance(instance, Page) and not reverse:
            sources = [source for source in sources if source != indexing.page_source(instance.pk)]
        indexing.safely(indexing.reindex, sources)


def _related_keys(through: type[Model], instance: Model, model: type[Model]) -> list:
    own = next(
        field
        for field in through._meta.fields
        if field.is_relation and isinstance(instance, field.related_model)
    )
    other = next(
        field
        for field in through._meta.fields
        if field.is_relation and field is not own and issubclass(model, field.related_model)
    )
    rows = through.objects.filter(**{own.attname: instance.pk})
    return list(rows.values_list(other.attname, flat=True))


# --- Documents --------------------------------------------------------------------


def connect_documents() -> None:
    """Connect the document handlers to the project's document model (a setting, so not a decorator)."""
    model = document_model()
    pre_save.connect(remember_document_file, sender=model, dispatch_uid="search_document_pre_save")
    post_save.connect(extract_and_index_document, sender=model, dispatch_uid="search_document_post_save")
    pre_delete.connect(remember_translations, sender=model, dispatch_uid="search_document_pre_delete")
    post_delete.connect(remove_deleted_document, sender=model, dispatch_uid="search_document_post_delete")


def remember_document_file(sender, instance, **kwargs) -> None:
    """Note the stored file name, so only a new file is read again; keep the text the task stored;
    note whose versions the document was among, so they are indexed without it if that changes.

    The text is written by a task after the upload, so an instance read before it finished
    would otherwise save its empty text over it.
    """
    stored = (
        sender.objects.filter(pk=instance.pk)
        .values_list("file", "extracted_text", "text_status", "translation_of")
        .first()
        if instance.pk
        else None
    )
    instance._search_previous_file = stored[0] if stored else None
    instance._search_previous_original = (stored[3] or instance.pk) if stored else None
    if stored and stored[0] == instance.file.name:
        instance.extracted_text, instance.text_status = stored[1], stored[2]


def extract_and_index_document(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    previous_original = getattr(instance, "_search_previous_original", None)
    if previous_original not in (None, instance.translation_of_id or instance.pk):
        indexing.safely(indexing.index_document_versions, previous_original)
    if created or getattr(instance, "_search_previous_file", None) != instance.file.name:
        # The text of a new file is read by a task (search.tasks), which indexes the document again;
        # update() sends no signal, so recording the wait cannot trigger another extraction.
        instance.extracted_text, instance.text_status = "", TextStatus.PENDING
        sender.objects.filter(pk=instance.pk).update(extracted_text="", text_status=TextStatus.PENDING)
        indexing.safely(indexing.index_document, instance)
        extract_document_text.enqueue(instance.pk, instance.file.name)
        return
    indexing.safely(indexing.index_document, instance)


def remember_translations(sender, instance, **kwargs) -> None:
    """Note the document's translations before its deletion leaves them without an original."""
    instance._search_translations = list(instance.translations.values_list("pk", flat=True))


def remove_deleted_document(sender, instance, **kwargs) -> None:
    indexing.safely(indexing.remove_document, instance)
