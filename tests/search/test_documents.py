"""Document files: text extracted on upload, indexed in the file's language, linked to the file."""

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

import pytest

from network.models import NetworkDocument
from search.models import SearchEntry
from tests.search.conftest import docx_bytes, minimal_pdf, result_titles

pytestmark = pytest.mark.django_db


def search(client, language: str, **params) -> str:
    with translation.override(language):
        response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response.content.decode()


def upload(name: str, content: bytes, **fields) -> NetworkDocument:
    fields.setdefault("title", name)
    return NetworkDocument.objects.create(file=ContentFile(content, name=name), **fields)


def test_pdf_text_is_extracted_and_found(client, home):
    document = upload(
        "informe.pdf", minimal_pdf("Las licitaciones electronicas de Paraguay"), title="Informe 2020"
    )
    document.refresh_from_db()
    assert "licitaciones electronicas de Paraguay" in document.extracted_text
    html = search(client, "es", q="licitación electrónica paraguaya")
    assert f'href="{document.url}"' in html
    assert "Informe 2020" in html


def test_docx_paragraphs_and_tables_are_extracted(client, home):
    content = docx_bytes(["Sustainable procurement criteria."], table_cell="Carbon footprint of suppliers")
    document = upload("criteria.docx", content, title="Green criteria", language="en")
    document.refresh_from_db()
    assert "Sustainable procurement criteria." in document.extracted_text
    assert "Carbon footprint of suppliers" in document.extracted_text
    assert f'href="{document.url}"' in search(client, "en", q="supplier footprint")


def test_documents_are_found_from_the_other_language_marked_with_their_own(client, home):
    upload("guia.txt", "Guía de compras sostenibles".encode(), title="Guía verde", language="es")
    assert "Guía verde" in search(client, "es", q="sostenible")
    english = search(client, "en", q="sostenible")
    assert "Guía verde" in english
    assert "In Spanish" in english
    assert "Guía verde" in search(client, "en", q="sostenible", scope="all")


def test_a_corrupt_pdf_uploads_without_text(client, home):
    document = upload("roto.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog garbage", title="Archivo roto")
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert result_titles(search(client, "es", q="archivo roto")) == ["Archivo roto"]


def test_a_pdf_that_is_not_a_pdf_uploads_without_text(home):
    document = upload("falso.pdf", b"\x00\x01\x02 not a pdf at all" * 100)
    document.refresh_from_db()
    assert document.extracted_text == ""


def test_a_new_file_is_read_again_and_the_old_text_forgotten(client, home):
    document = upload("a.txt", b"primer texto sobre catalogos")
    document.file = ContentFile(b"segundo texto sobre subastas", name="b.txt")
    document.save()
    document.refresh_from_db()
    assert "subastas" in document.extracted_text
    assert document.title in search(client, "es", q="subastas")
    assert document.title not in search(client, "es", q="catalogos")


def test_saving_without_a_new_file_keeps_the_text(home):
    document = upload("a.txt", b"texto sobre convenios marco")
    document.title = "Otro titulo"
    document.save()
    document.refresh_from_db()
    assert "convenios marco" in document.extracted_text
    assert SearchEntry.objects.get(source=f"document:{document.pk}").title == "Otro titulo"


def test_countries_and_topics_set_after_saving_are_facets(client, site):
    document = upload("datos.txt", b"estandar de datos de contrataciones abiertas", title="Estandar OCDS")
    document.countries.set([site["chile"]])
    document.topics.set([site["open_data"]])
    html = search(client, "es", q="estandar", country="CL", topic=str(site["open_data"].pk))
    assert result_titles(html) == ["Estandar OCDS"]


def test_deleted_documents_leave_the_index(client, home):
    document = upload("borrar.txt", b"documento efimero", title="Efimero")
    document.delete()
    assert "Efimero" not in search(client, "es", q="efimero")
    assert not SearchEntry.objects.filter(source__startswith="document:").exists()


def test_documents_can_be_uploaded_through_the_admin(admin_client, client, home):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Manual de compras",
            "file": ContentFile(minimal_pdf("Manual de compras conjuntas"), name="manual.pdf"),
            "collection": 1,
            "kind": "guide",
            "language": "es",
        },
    )
    assert response.status_code in (200, 302)
    document = NetworkDocument.objects.get(title="Manual de compras")
    assert "compras conjuntas" in document.extracted_text
    assert result_titles(search(client, "es", q="compras conjuntas")) == ["Manual de compras"]
