"""A document and its translations: one source in the index, shown to readers in their language."""

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from network.models import NetworkDocument
from search import indexing
from search.models import SearchEntry
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db

GUIDE_ES = "Guía de compras sostenibles"
GUIDE_EN = "Sustainable procurement guide"
GUIDE_PT = "Guia de compras sustentáveis"


def upload(title: str, language: str, text: str, **fields) -> NetworkDocument:
    return NetworkDocument.objects.create(
        title=title, language=language, file=ContentFile(text.encode(), name="guia.txt"), **fields
    )


def search(client, language: str, **params) -> list[str]:
    with translation.override(language):
        response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return result_titles(response.content.decode())


def indexed() -> set[tuple[str, str, str]]:
    """(source, language, title) of every document entry."""
    return set(SearchEntry.objects.filter(kind="document").values_list("source", "language", "title"))


@pytest.fixture
def original(home) -> NetworkDocument:
    return upload(GUIDE_ES, "es", "Criterios de compras públicas sostenibles para proveedores")


@pytest.fixture
def english(original) -> NetworkDocument:
    return upload(
        GUIDE_EN, "en", "Sustainable public procurement criteria for suppliers", translation_of=original
    )


def test_readers_find_the_version_in_their_language_in_every_scope(client, original, english):
    assert indexed() == {
        (f"document:{original.pk}", "es", GUIDE_ES),
        (f"document:{original.pk}", "en", GUIDE_EN),
    }
    for scope in ({}, {"scope": "all"}):
        assert search(client, "en", q="sustainable procurement", **scope) == [GUIDE_EN]
        assert search(client, "es", q="compras sostenibles", **scope) == [GUIDE_ES]
    # Found through the other language's words: shown in the reader's language, or, when the
    # reader asks for every language, as the version that has them; once either way.
    assert search(client, "es", q="sustainable suppliers") == [GUIDE_ES]
    assert search(client, "es", q="sustainable suppliers", scope="all") == [GUIDE_EN]


def test_a_version_in_another_language_is_the_entry_only_of_a_document_with_none_in_the_sites(
    client, original, english
):
    portuguese = upload(GUIDE_PT, "pt", "Critérios de compras públicas sustentáveis", translation_of=original)
    assert search(client, "en", q="sustainable procurement") == [GUIDE_EN]
    assert search(client, "es", q="compras sostenibles", scope="all") == [GUIDE_ES]
    assert {language for _source, language, _title in indexed()} == {"es", "en"}
    lei = upload("Lei de compras", "pt", "Lei de licitações e contratos")
    upload("Ley de compras (traducción)", "fr", "Loi sur les marchés publics", translation_of=lei)
    assert (f"document:{lei.pk}", "pt", "Lei de compras") in indexed()
    original.delete()
    portuguese.refresh_from_db()
    assert (f"document:{portuguese.pk}", "pt", GUIDE_PT) in indexed()


def test_a_document_and_its_translation_are_one_result_and_unrelated_documents_two(client, home):
    guide = upload("Guía OCDS", "es", "El estándar OCDS para publicar contrataciones")
    upload("OCDS guide", "en", "The OCDS standard to publish contracts", translation_of=guide)
    upload("Informe OCDS", "es", "Informe sobre la adopción del estándar OCDS")
    assert sorted(search(client, "en", q="ocds", scope="all")) == ["Informe OCDS", "OCDS guide"]
    assert sorted(search(client, "es", q="ocds", scope="all")) == ["Guía OCDS", "Informe OCDS"]


def test_linking_and_unlinking_a_translation_moves_its_entry(original):
    later = upload(GUIDE_EN, "en", "Sustainable public procurement criteria")
    assert (f"document:{later.pk}", "en", GUIDE_EN) in indexed()
    later.translation_of = original
    later.save()
    assert indexed() == {
        (f"document:{original.pk}", "es", GUIDE_ES),
        (f"document:{original.pk}", "en", GUIDE_EN),
    }
    later.translation_of = None
    later.save()
    assert indexed() == {
        (f"document:{original.pk}", "es", GUIDE_ES),
        (f"document:{later.pk}", "en", GUIDE_EN),
    }


def test_deleting_a_translation_leaves_its_original(original, english):
    english.delete()
    assert indexed() == {(f"document:{original.pk}", "es", GUIDE_ES)}


def test_deleting_the_original_leaves_each_translation_a_document_of_its_own(client, original, english):
    portuguese = upload(GUIDE_PT, "pt", "Critérios de compras sustentáveis", translation_of=original)
    original.delete()
    assert indexed() == {
        (f"document:{english.pk}", "en", GUIDE_EN),
        (f"document:{portuguese.pk}", "pt", GUIDE_PT),
    }
    assert search(client, "en", q="sustainable procurement") == [GUIDE_EN]


def test_a_change_to_what_a_translation_is_built_from_rewrites_its_versions(site, original, english):
    english.topics.add(site["open_data"])
    entries = SearchEntry.objects.filter(kind="document")
    assert sorted(entries.values_list("source", "language", "topics")) == [
        (f"document:{original.pk}", "en", str(site["open_data"].pk)),
        (f"document:{original.pk}", "es", ""),
    ]


def test_a_restricted_version_leaves_the_index_and_the_others_stay(client, original, english):
    assert search(client, "en", q="compras sostenibles") == [GUIDE_EN]
    internal = Collection.get_first_root_node().add_child(name="Interna")
    english.collection = internal
    english.save()
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    assert indexed() == {(f"document:{original.pk}", "es", GUIDE_ES)}
    # The reader's version is private: the other language's is shown instead.
    assert search(client, "en", q="compras sostenibles") == [GUIDE_ES]


def test_a_rebuild_writes_the_entries_the_updates_wrote(original, english):
    upload(GUIDE_PT, "pt", "Critérios de compras sustentáveis", translation_of=original)
    alone = upload("Ley de compras", "es", "Ley de contrataciones del Estado")
    updated = indexed()
    assert indexing.source_count() == 2 + indexing.indexable_pages().count()
    indexing.rebuild()
    assert indexed() == updated
    assert {source for source, _language, _title in updated} == {
        f"document:{original.pk}",
        f"document:{alone.pk}",
    }


def test_a_rebuild_reads_each_documents_versions_one_after_the_other(original):
    """Elasticsearch tells each entry which languages its source has from the entries that follow
    each other (``with_versions``), and the rebuild's progress counts sources as they change."""
    law = upload("Ley de compras", "es", "Ley de contrataciones del Estado")
    # By id, the guide's translation comes after another document.
    upload(GUIDE_EN, "en", "Sustainable public procurement criteria", translation_of=original)
    upload("Procurement law", "en", "Law on public contracts", translation_of=law)
    sources = [entry.source for entry in indexing.all_entries() if entry.kind == "document"]
    assert sources == [f"document:{original.pk}"] * 2 + [f"document:{law.pk}"] * 2


def test_two_versions_in_one_language_index_the_original(original):
    """The admin refuses a second version in a language; one saved without its checks does not
    break the index: the original stays that language's entry."""
    upload("Otra guía", "es", "Otra guía de compras", translation_of=original)
    assert indexed() == {(f"document:{original.pk}", "es", GUIDE_ES)}
