"""Only real documents of the allowed types get in; a refusal says why and keeps the form."""

import io
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model

import pytest

from tests.search.conftest import docx_bytes, minimal_pdf

MINIMAL_PDF = minimal_pdf("Informe de prueba")


@pytest.fixture
def editor_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("docs", "docs@example.org", "pw"))
    return client


def upload(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Informe de prueba",
            "file": SimpleUploadedFile(name, content),
            "collection": 1,
            "kind": "report",
            "language": "es",
        },
    )


def package(parts: dict[str, str]) -> bytes:
    """A ZIP file of ``parts`` (name: text)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("informe.pdf", MINIMAL_PDF),
        ("informe.docx", docx_bytes(["Acta de la reunión"])),
        (
            "texto.odt",
            package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
        ),
        ("datos.csv", "país;monto\nChile;10\n".encode()),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_real_documents_are_accepted(editor_client, name, content):
    response = upload(editor_client, name, content)
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Informe de prueba").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("informe.pdf", b"MZ\x90\x00" + b"\x00" * 64, "Programs and scripts cannot be uploaded"),
        ("informe.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "Programs and scripts cannot be uploaded"),
        ("datos.csv", b"#!/bin/sh\nrm -rf /\n", "Programs and scripts cannot be uploaded"),
        ("informe.pdf", b"<html>not a pdf</html>", "content is not a .pdf document"),
        ("tabla.xlsx", b"%PDF-1.4 wrong container", "content is not a .xlsx document"),
        ("programa.exe", b"MZ\x90\x00", "File extension “exe” is not allowed"),
        # Right first bytes, wrong structure: a program behind a PDF header, a Java archive renamed.
        ("informe.pdf", b"%PDF-1.7\n\x7fELF\x02\x01\x01" + b"\x00" * 256, "content is not a .pdf document"),
        (
            "informe.docx",
            package({"META-INF/MANIFEST.MF": "Manifest-Version: 1.0"}),
            "content is not a .docx",
        ),
        ("tabla.xlsx", docx_bytes(["Una carta"]), "content is not a .xlsx document"),
        ("texto.odt", package({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "not a .odt"),
        ("datos.csv", MINIMAL_PDF, "content is not a .csv document"),
        ("pagina.html", b"<script>alert(1)</script>", "File extension “html” is not allowed"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_disallowed_uploads_are_refused_with_a_clear_message(editor_client, name, content, message):
    with override_settings(LANGUAGE_CODE="en"):
        editor_client.cookies["django_language"] = "en"
        response = upload(editor_client, name, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Informe de prueba"' in html
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_files_over_the_size_limit_are_refused(editor_client):
    response = upload(editor_client, "grande.pdf", MINIMAL_PDF + b"0" * 2048)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()
