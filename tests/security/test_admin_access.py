"""The admin lets in only those it should, and an editor's session sees no more of the public
site and API than a reader's: no drafts, no pages behind a password or another group.

What country editors may do with their own profile, and that they cannot open, publish, delete
or move another country's, is in tests/countries/test_editors.py; this adds the other ways to
read or change a profile (drafts, previews, revisions, copies, locks, privacy) and the rest of
the admin.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import pytest

from countries.editors import find_editors_group
from network.models import NetworkDocument
from news.models import NewsPage
from tests.countries.test_editors import denied, profile_form
from tests.security.conftest import HIDDEN

# Every test reads the same public site, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_public_site")]


@pytest.fixture
def peru(make_country, public_site):
    """Another country, with a published profile and a newer, unpublished draft."""
    page = make_country("peru", "Perú", "Peru", iso_alpha2="PE", iso_alpha3="PER", intro_es="Publicado.")
    page.intro_es = "Borrador zorglub de Perú."
    page.save_revision()
    return page


@pytest.fixture
def guatemala_editor(client, public_site, peru):
    """An editor in the group made for the public country (GT) alone."""
    user = get_user_model().objects.create_user("editor-gt", "gt@example.org", "pw")
    user.groups.add(find_editors_group("GT"))
    client.force_login(user)
    return client


def admin_urls(page: Page) -> list[str]:
    revision = page.latest_revision
    return [
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page.pk}/revisions/compare/live...{revision.pk}/",
        f"/admin/pages/{page.pk}/privacy/",
        f"/admin/pages/{page.pk}/copy/",
    ]


ADMINISTRATORS_AREAS = [
    "/admin/users/",
    "/admin/users/new/",
    "/admin/groups/new/",
    "/admin/groups/",
    "/admin/sites/",
    "/admin/collections/",
    "/admin/workflows/list/",
    "/admin/snippets/portals/portal/?link_status=broken",
    "/admin/snippets/portals/institution/",
    "/admin/snippets/countries/procurementmodule/",
]


def unchanged(page: Page, revisions: int) -> bool:
    page.refresh_from_db()
    return (
        page.live
        and page.title_es == "Perú"
        and page.revisions.count() == revisions
        and not page.locked
        and not PageViewRestriction.objects.filter(page=page).exists()
    )


class TestAnonymousVisitors:
    def test_every_admin_page_sends_them_to_the_admin_login(self, client, peru):
        for url in [
            "/admin/",
            "/admin/pages/",
            "/admin/documents/",
            *admin_urls(peru),
            *ADMINISTRATORS_AREAS,
        ]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/?next="), url
            assert HIDDEN not in response.content.decode().lower()

    def test_posting_to_the_admin_changes_nothing(self, client, peru):
        revisions = peru.revisions.count()
        revert = f"/admin/pages/{peru.pk}/revisions/{peru.latest_revision.pk}/revert/"
        edit = profile_form(peru, title_es="Pirateado", **{"action-publish": "publish"})
        for url, data in [
            (f"/admin/pages/{peru.pk}/edit/", edit),
            (f"/admin/pages/{peru.pk}/unpublish/", {}),
            (f"/admin/pages/{peru.pk}/delete/", {}),
            (f"/admin/pages/{peru.pk}/lock/", {}),
            (f"/admin/pages/{peru.pk}/privacy/", {"restriction_type": "password", "password": "x"}),
            (revert, {}),
        ]:
            response = client.post(url, data)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/"), url
        assert unchanged(peru, revisions)


class TestCountryEditor:
    def test_cannot_save_a_draft_over_another_country(self, guatemala_editor, peru):
        revisions = peru.revisions.count()
        response = guatemala_editor.post(
            f"/admin/pages/{peru.pk}/edit/", profile_form(peru, title_es="Pirateado")
        )
        assert denied(response)
        assert unchanged(peru, revisions)
        assert "Pirateado" not in json.dumps([revision.content for revision in peru.revisions.all()])

    def test_cannot_read_another_countrys_draft_history_or_revisions(self, guatemala_editor, peru):
        for url in admin_urls(peru):
            response = guatemala_editor.get(url)
            assert denied(response), url
            assert HIDDEN not in response.content.decode().lower(), url
        preview = guatemala_editor.post(f"/admin/pages/{peru.pk}/edit/preview/", profile_form(peru))
        assert denied(preview)

    def test_cannot_revert_copy_lock_or_restrict_another_country(self, guatemala_editor, peru, public_site):
        revisions = peru.revisions.count()
        first_revision = peru.revisions.order_by("pk").first()
        for url, data in [
            (f"/admin/pages/{peru.pk}/revisions/{first_revision.pk}/revert/", {}),
            (f"/admin/pages/{peru.pk}/lock/", {}),
            (f"/admin/pages/{peru.pk}/privacy/", {"restriction_type": "password", "password": "x"}),
            (
                f"/admin/pages/{peru.pk}/copy/",
                {"new_title": "Copia", "new_slug": "copia", "new_parent_page": public_site["country"].pk},
            ),
        ]:
            assert denied(guatemala_editor.post(url, data)), url
        assert unchanged(peru, revisions)
        assert not Page.objects.filter(slug="copia").exists()

    def test_stays_out_of_the_administrators_areas(self, guatemala_editor):
        for url in ADMINISTRATORS_AREAS:
            assert denied(guatemala_editor.get(url)), url
        guatemala_editor.post(
            "/admin/users/new/", {"username": "intruso", "password1": "x", "password2": "x"}
        )
        assert not get_user_model().objects.filter(username="intruso").exists()
        menu = guatemala_editor.get("/admin/").content.decode()
        for url in ("/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/snippets/"):
            assert f'"{url}' not in menu, url


@pytest.fixture
def editor_hidden_pages(public_site, peru) -> dict:
    """The editor's own country with a draft, and news behind a password and for another group."""
    country = public_site["country"]
    country.intro_es = "Borrador zorglub de Guatemala."
    country.save_revision()
    pages = {"peru": peru}
    committee = Group.objects.create(name="Comité ejecutivo")
    for slug, restriction_type in (("zorglub-clave", "password"), ("zorglub-grupo", "groups")):
        news = NewsPage(slug=slug, slug_es=slug, slug_en=slug, title_es=f"Noticia {slug}")
        public_site["news_index"].add_child(instance=news)
        news.save_revision().publish()
        restriction = PageViewRestriction.objects.create(
            page=news, restriction_type=restriction_type, password="x"
        )
        restriction.groups.add(committee)
        pages[slug] = news
    return pages


@pytest.mark.parametrize("who", ["country editor", "superuser"])
def test_an_editors_session_sees_no_drafts_or_private_pages_on_the_site_or_the_api(
    client, guatemala_editor, superuser, public_site, editor_hidden_pages, who
):
    if who == "superuser":
        client.force_login(superuser)
    for url in (
        "/api/v2/pages/?fields=*&type=countries.CountryPage",
        "/api/v2/pages/?fields=*&type=news.NewsPage",
        "/api/v2/pages/?search=zorglub",
        f"/api/v2/pages/{public_site['country'].pk}/?fields=*",
        f"/api/v2/pages/{editor_hidden_pages['peru'].pk}/?fields=*",
        "/es/paises/quetzalandia/",
        "/es/paises/peru/",
        "/es/noticias/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode().lower()
        if who == "superuser":  # a superuser belongs to every group, so may read the group's news
            text = text.replace("zorglub-grupo", "")
        assert HIDDEN not in text, url
    assert client.get(f"/api/v2/pages/{editor_hidden_pages['zorglub-clave'].pk}/").status_code == 404


@pytest.mark.parametrize("query", ['"', " ", "\x00", 'acta"><b', "palabra " * 600])
@pytest.mark.parametrize(
    "search", ["/admin/pages/search/", "/admin/documents/", "/admin/choose-page/search/", "/admin/images/"]
)
def test_the_admins_searches_answer_any_query(client, superuser, search, query):
    client.force_login(superuser)
    assert client.get(search, {"q": query}).status_code == 200


@pytest.fixture
def others_hidden_work(public_site, peru, superuser) -> dict:
    """Titles a country's editor must not read in the admin: another country's draft title, a
    private news item, a page never published, a document in a restricted collection."""
    peru.title_es = "Perú zorglub borrador"
    peru.save_revision()
    news_index = public_site["news_index"]
    private = NewsPage(slug="zorglub-privada", slug_es="zorglub-privada", title_es="Noticia zorglub privada")
    news_index.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = NewsPage(
        slug="zorglub-nunca", slug_es="zorglub-nunca", title_es="Noticia zorglub nunca", live=False
    )
    news_index.add_child(instance=draft)
    restricted = Collection.get_first_root_node().add_child(name="Comité")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type="login")
    document = NetworkDocument.objects.create(
        title="Acta zorglub", file=ContentFile(b"%PDF-1.4 acta", name="acta.pdf"), collection=restricted
    )
    document.uploaded_by_user = superuser
    document.save()
    return public_site


def test_a_country_editors_choosers_and_reports_show_no_titles_of_others_drafts_private_pages_or_documents(
    guatemala_editor, others_hidden_work
):
    site = others_hidden_work
    urls = [
        "/admin/choose-page/",
        f"/admin/choose-page/{site['country_index'].pk}/",
        f"/admin/choose-page/{site['news_index'].pk}/",
        "/admin/choose-page/search/?q=noticia",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=acta",
        "/admin/reports/page-types-usage/",
        "/admin/reports/page-types-usage/results/",
    ]
    for url in urls:
        response = guatemala_editor.get(url)
        assert response.status_code == 200, url
        assert HIDDEN not in response.content.decode().lower(), url
    own = guatemala_editor.get(f"/admin/choose-page/{site['country_index'].pk}/").content.decode()
    assert "Quetzalandia" in own
    assert (
        "Licitaciones quetzal"
        in guatemala_editor.get(f"/admin/choose-page/{site['news_index'].pk}/").content.decode()
    )


def test_a_country_editor_cannot_open_the_chooser_below_a_page_they_may_not_choose(
    guatemala_editor, client, superuser, others_hidden_work
):
    # A private news item, one never published, and Peru with a draft title (its newest revision).
    hidden = Page.objects.filter(slug__in=["zorglub-privada", "zorglub-nunca", "peru"])
    assert hidden.count() == 3
    # Answered as a page that does not exist (a 404, which the language middleware redirects).
    nowhere = guatemala_editor.get("/admin/choose-page/99999999/")
    for page in hidden:
        response = guatemala_editor.get(f"/admin/choose-page/{page.pk}/")
        assert response.status_code == nowhere.status_code != 200, page.slug
        assert HIDDEN not in response.content.decode().lower()
    country_index = others_hidden_work["country_index"]
    assert guatemala_editor.get(f"/admin/choose-page/{country_index.pk}/").status_code == 200
    client.force_login(superuser)
    for page in hidden:
        assert client.get(f"/admin/choose-page/{page.pk}/").status_code == 200


def test_an_administrators_choosers_show_everything(client, superuser, others_hidden_work):
    client.force_login(superuser)
    assert (
        "Noticia zorglub privada"
        in client.get(f"/admin/choose-page/{others_hidden_work['news_index'].pk}/").content.decode()
    )
    assert "Acta zorglub" in client.get("/admin/documents/chooser/").content.decode()
