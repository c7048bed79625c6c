"""Linking a document to its translations in the admin: which links the form refuses, and why.

The admin speaks the site's first language, Spanish: the messages are read in it."""

import re

from django.core.files.base import ContentFile

from wagtail.models import Collection

import pytest

from network.models import NetworkDocument

pytestmark = pytest.mark.django_db


def make(title: str, language: str, **fields) -> NetworkDocument:
    return NetworkDocument.objects.create(
        title=title,
        language=language,
        file=ContentFile(b"%PDF-1.4 test", name="documento.pdf"),
        collection=Collection.get_first_root_node(),
        **fields,
    )


def edit(admin_client, document: NetworkDocument, **changes):
    """Post the admin's edit form of ``document`` with its values and ``changes``."""
    values = {
        "title": document.title,
        "collection": document.collection_id,
        "kind": document.kind,
        "language": document.language,
        "translation_of": document.translation_of_id or "",
        **changes,
    }
    return admin_client.post(f"/admin/documents/edit/{document.pk}/", values)


def field_errors(response, name: str) -> str:
    """The text of the error messages shown with a field of the form."""
    return " ".join(str(error) for error in response.context["form"].errors.get(name, []))


def test_the_edit_form_offers_a_document_chooser(admin_client):
    document = make("Informe", "es")
    html = admin_client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert re.search(
        r'<div id="id_translation_of-chooser" [^>]*data-chooser-url="/admin/documents/chooser/"', html
    )


def test_a_translation_is_linked_to_its_original(admin_client):
    original, english = make("Informe", "es"), make("Report", "en")
    assert edit(admin_client, english, translation_of=original.pk).status_code == 302
    english.refresh_from_db()
    assert english.translation_of == original
    assert list(original.translations.all()) == [english]


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_second_version_in_a_language_is_refused(admin_client, language):
    original = make("Informe", "es")
    make("Report", "en", translation_of=original)
    french = make("Rapport", "fr")
    response = edit(admin_client, french, translation_of=original.pk, language=language)
    assert response.status_code == 200
    taken = "Español): «Informe»" if language == "es" else "Inglés): «Report»"
    assert f"Este documento ya tiene una versión en ese idioma ({taken}" in field_errors(
        response, "translation_of"
    )
    french.refresh_from_db()
    assert (french.translation_of, french.language) == (None, "fr")


def test_an_original_cannot_take_the_language_of_one_of_its_translations(admin_client):
    original = make("Informe", "es")
    make("Report", "en", translation_of=original)
    response = edit(admin_client, original, language="en")
    assert "ya tiene una versión en ese idioma (Inglés): «Report»" in field_errors(response, "language")
    original.refresh_from_db()
    assert original.language == "es"


def test_a_translation_names_the_original_not_another_translation(admin_client):
    original = make("Informe", "es")
    english = make("Report", "en", translation_of=original)
    french = make("Rapport", "fr")
    response = edit(admin_client, french, translation_of=english.pk)
    assert "Elija el documento original" in field_errors(response, "translation_of")
    response = edit(admin_client, french, translation_of=french.pk)
    assert "Elija el documento original" in field_errors(response, "translation_of")


def test_a_document_with_translations_cannot_become_one(admin_client):
    original = make("Informe", "es")
    make("Report", "en", translation_of=original)
    other = make("Rapport", "fr")
    response = edit(admin_client, original, translation_of=other.pk)
    assert "Otros documentos son traducciones de este" in field_errors(response, "translation_of")
    original.refresh_from_db()
    assert original.translation_of is None
