"""Documents in a collection with a view restriction stay private: their URL asks for a login, and
no public listing, search, API or cached page names them.

The restriction is set on "Interna"; "Interna › Borradores" inherits it.
"""

import importlib
import io
import json

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import clear_url_caches, reverse
from django.utils import translation

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from network.models import NetworkDocument
from search.models import SearchEntry
from tests.search.conftest import result_titles
from tests.security.conftest import HIDDEN

# Every test reads the same public site, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_public_site")]


def add_document(title: str, collection: Collection, site: dict, year: int) -> NetworkDocument:
    document = NetworkDocument.objects.create(
        title=title,
        file=ContentFile(f"{title}: texto del informe.".encode(), name="informe.txt"),
        collection=collection,
        language="es",
        year=year,
    )
    document.countries.set([site["country"]])
    document.topics.set([site["topic"]])
    return document


@pytest.fixture
def library(public_site) -> dict:
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Interna")
    drafts = internal.add_child(name="Borradores")
    documents = {
        "public": add_document("Informe quetzal", root, public_site, 2020),
        "internal": add_document("Informe zorglub interno", internal, public_site, 2031),
        "nested": add_document("Anexo zorglub", drafts, public_site, 2031),
    }
    return public_site | {"documents": documents, "internal": internal}


@pytest.fixture
def restricted(library) -> dict:
    """The restriction set after the upload, as an editor would on an existing collection."""
    CollectionViewRestriction.objects.create(collection=library["internal"], restriction_type="login")
    return library


def search(client, language: str, query: str) -> list[str]:
    with translation.override(language):
        url = reverse("search")
    return result_titles(client.get(url, {"q": query, "scope": "all"}).content.decode())


def test_a_restricted_document_asks_for_a_login_and_a_public_one_downloads(client, superuser, restricted):
    documents = restricted["documents"]
    assert client.get(documents["public"].url).status_code == 200
    for name in ("internal", "nested"):
        response = client.get(documents[name].url)
        assert response.status_code == 302, name
        assert "login" in response["Location"]
        assert b"texto del informe" not in response.content
    client.force_login(superuser)
    assert b"texto del informe" in b"".join(client.get(documents["internal"].url).streaming_content)


def test_publications_list_neither_restricted_documents_nor_their_facets(client, restricted):
    for url in ("/es/publicaciones/", "/en/publications/", "/es/publicaciones/?country=GT&year=2031"):
        html = client.get(url).content.decode()
        assert HIDDEN not in html.lower(), url
        # The reader's own filter goes along in the page's links (the language switch).
        assert "2031" not in html.replace("year=2031", ""), url
    assert "Informe quetzal" in client.get("/es/publicaciones/").content.decode()


def test_country_and_topic_pages_do_not_list_restricted_documents(client, restricted):
    for language in ("es", "en"):
        with translation.override(language):
            urls = [restricted["country"].url, restricted["topic"].url]
        for url in urls:
            html = client.get(url).content.decode()
            assert "Informe quetzal" in html, url
            assert HIDDEN not in html.lower(), url


def test_search_leaves_out_documents_of_a_collection_restricted_after_the_upload(client, restricted):
    for language in ("es", "en"):
        assert search(client, language, "zorglub") == []
    assert search(client, "es", "informe") == ["Informe quetzal"]
    assert not SearchEntry.objects.filter(title__icontains=HIDDEN).exists()


def test_a_rebuilt_index_leaves_out_documents_of_restricted_parent_collections(client, restricted):
    call_command("rebuild_search_index", no_progress=True, stdout=io.StringIO())
    assert not SearchEntry.objects.filter(title__icontains=HIDDEN).exists()
    assert search(client, "es", "zorglub") == []


def test_lifting_the_restriction_puts_the_documents_back_in_search(client, restricted):
    CollectionViewRestriction.objects.filter(collection=restricted["internal"]).delete()
    assert sorted(search(client, "es", "zorglub")) == ["Anexo zorglub", "Informe zorglub interno"]


def test_the_api_does_not_list_restricted_documents(client, restricted):
    listing = client.get("/api/v2/documents/?fields=*&limit=100").json()
    assert json.dumps(listing).lower().count(HIDDEN) == 0
    assert [item["title"] for item in listing["items"]] == ["Informe quetzal"]
    for name in ("internal", "nested"):
        assert client.get(f"/api/v2/documents/{restricted['documents'][name].pk}/").status_code == 404


def test_a_cached_publications_page_forgets_documents_once_their_collection_is_restricted(
    client, settings, library
):
    settings.PAGE_CACHE_SECONDS = 600
    assert "Informe zorglub interno" in client.get("/es/publicaciones/").content.decode()
    CollectionViewRestriction.objects.create(collection=library["internal"], restriction_type="login")
    assert "Informe zorglub interno" not in client.get("/es/publicaciones/").content.decode()


@pytest.fixture
def development_urls(settings):
    """The site's URLs as ``DEBUG`` builds them, for a development server."""
    settings.DEBUG = True
    import network.urls

    importlib.reload(network.urls)
    settings.ROOT_URLCONF = "network.urls"
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(network.urls)
    clear_url_caches()


def test_the_development_server_serves_no_document_file_directly(client, restricted, development_urls):
    document = restricted["documents"]["internal"]
    assert client.get(document.file.url).status_code == 404
    # Through Wagtail's view, the restriction holds.
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/admin/login/" in response["Location"]


def test_a_download_names_no_encoding_it_does_not_have(client, restricted):
    response = client.get(restricted["documents"]["public"].url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert client.get("/documents/9223372036854775808/informe.txt").status_code == 404
