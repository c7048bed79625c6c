"""A document's text is read by a task, within a time and a memory limit, and its status says how
it went; in production the task waits for the worker, so an upload never waits for its text."""

import io
import time
import zipfile

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

import pytest

from network.models import NetworkDocument, TextStatus
from search.models import SearchEntry
from tests.search.conftest import docx_bytes, minimal_pdf

pytestmark = pytest.mark.django_db

WORKER_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "documents": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def swollen_docx(paragraphs: int) -> bytes:
    """A small DOCX whose XML unpacks to many megabytes: the kind that took 28 s in the upload."""
    body = "<w:p><w:r><w:t>licitacion</w:t></w:r></w:p>" * paragraphs
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    template = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for item in template.infolist():
            package.writestr(item, xml if item.filename == "word/document.xml" else template.read(item))
    return buffer.getvalue()


def upload(name: str, content: bytes) -> NetworkDocument:
    document = NetworkDocument.objects.create(title=name, file=ContentFile(content, name=name))
    document.refresh_from_db()
    return document


@pytest.mark.parametrize(
    ("name", "content", "status", "text"),
    [
        ("informe.pdf", minimal_pdf("Compras conjuntas"), TextStatus.EXTRACTED, "Compras conjuntas"),
        ("acta.docx", docx_bytes(["Acta de la subasta"]), TextStatus.EXTRACTED, "Acta de la subasta"),
        ("roto.pdf", b"%PDF-1.4 roto", TextStatus.FAILED, ""),
        ("tabla.xlsx", b"PK\x03\x04", TextStatus.NO_TEXT, ""),
    ],
    ids=["pdf", "docx", "broken pdf", "spreadsheet"],
)
def test_the_status_says_how_reading_the_text_went(home, name, content, status, text):
    document = upload(name, content)
    assert document.text_status == status
    assert document.extracted_text == text


def test_a_document_over_the_memory_limit_is_kept_without_its_text(home, settings):
    settings.DOCUMENT_TEXT_MEMORY_MB = 40
    document = upload("hinchado.docx", swollen_docx(400_000))
    assert document.text_status == TextStatus.TOO_LARGE
    assert document.extracted_text == ""
    assert document.file.size < 200_000
    assert SearchEntry.objects.filter(source=f"document:{document.pk}").exists()


def test_a_document_over_the_time_limit_is_kept_without_its_text(home, settings):
    settings.DOCUMENT_TEXT_SECONDS = 0.2
    started = time.monotonic()
    document = upload("lento.docx", swollen_docx(400_000))
    assert time.monotonic() - started < 5
    assert document.text_status == TextStatus.TOO_LARGE


@pytest.fixture
def worker(settings, monkeypatch):
    """django-tasks-db's worker, run in the test's transaction.

    Between tasks the worker closes database connections that are left inside a transaction,
    as every test's is; that housekeeping alone is switched off here.
    """
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = WORKER_TASKS
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--backend", "documents", "--no-startup-delay")


def test_in_production_the_upload_returns_before_the_text_and_the_worker_reads_it(admin_client, home, worker):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Guía hinchada",
            "file": ContentFile(swollen_docx(100_000), name="guia.docx"),
            "collection": 1,
            "kind": "guide",
            "language": "es",
        },
    )
    assert response.status_code == 302
    document = NetworkDocument.objects.get(title="Guía hinchada")
    assert (document.text_status, document.extracted_text) == (TextStatus.PENDING, "")

    worker()

    document.refresh_from_db()
    assert document.text_status == TextStatus.EXTRACTED
    assert document.extracted_text.startswith("licitacion\nlicitacion")
    entry = SearchEntry.objects.get(source=f"document:{document.pk}")
    assert "licitacion" in entry.text


def test_a_cached_search_shows_a_document_once_the_worker_has_read_its_text(client, home, worker, settings):
    """The worker writes the text without saving the document through the ORM's signals: it must
    still start a new content generation, or cached result pages would miss the document."""
    settings.PAGE_CACHE_SECONDS = 600
    upload("guia.docx", docx_bytes(["Subasta electrónica inversa"]))
    assert "guia.docx" not in client.get("/es/buscar/?q=subasta+inversa").content.decode()

    worker()

    assert "guia.docx" in client.get("/es/buscar/?q=subasta+inversa").content.decode()


def test_a_file_replaced_before_the_worker_ran_is_read_once_as_the_new_file(home, worker):
    document = upload("a.txt", b"primera version")
    document.file = ContentFile(b"segunda version", name="b.txt")
    document.save()
    worker()
    document.refresh_from_db()
    assert (document.text_status, document.extracted_text) == (TextStatus.EXTRACTED, "segunda version")


def test_the_document_editor_shows_the_text_status(admin_client, home):
    document = upload("acta.docx", docx_bytes(["Acta"]))
    html = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Texto para la búsqueda" in html
    assert "Texto extraído" in html
