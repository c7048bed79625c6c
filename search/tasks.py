"""Reading a document's text, and rewriting the index after a glossary change, as tasks outside
the request that caused them.

The tasks run on the ``documents`` task backend: in the request in development and in the tests
(django-tasks' immediate backend), by ``manage.py db_worker --backend documents`` in production
(django-tasks-db), so that an upload never waits for, nor fails because of, its text.
"""

from django_tasks import task

from network.cache import new_content_generation
from search import indexing
from search.extraction import extract_text


@task(backend="documents")
def refresh_glossary_terms() -> None:
    """After a change to the glossary: the index rewritten with its terms (``indexing.refresh_glossary``)."""
    indexing.refresh_glossary()


@task(backend="documents")
def extract_document_text(document_id: int, file_name: str) -> None:
    """Store the text of the document's file, unless the document or its file changed since."""
    from network.models import NetworkDocument

    document = NetworkDocument.objects.filter(pk=document_id, file=file_name).first()
    if document is None:
        return
    extraction = extract_text(document.file)
    NetworkDocument.objects.filter(pk=document_id, file=file_name).update(
        extracted_text=extraction.text, text_status=extraction.status
    )
    document.extracted_text, document.text_status = extraction.text, extraction.status
    indexing.safely(indexing.index_document, document)
    # Written without the model's signals: cached pages (search results) must still be renewed.
    new_content_generation()
