"""Editors work in the real Wagtail admin, in either language, on both translations at once."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

import pytest

from network.models import StandardPage


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.django_db
def test_edit_form_shows_both_languages_side_by_side(admin_client, about_page):
    html = admin_client.get(f"/admin/pages/{about_page.pk}/edit/").content.decode()
    for field in ("title_es", "title_en", "slug_es", "slug_en", "intro_es", "intro_en"):
        assert f'name="{field}"' in html, field
    for stream_field in ("body_es", "body_en"):
        assert f'"fieldName": "{stream_field}", "widget": {{"_type": "wagtail.widgets.BlockWidget"' in html


@pytest.mark.django_db
def test_editor_creates_a_bilingual_page_through_the_admin(admin_client, home):
    data = nested_form_data(
        {
            "title_es": "Cómo participar",
            "title_en": "How to take part",
            "slug_es": "como-participar",
            "slug_en": "how-to-take-part",
            "intro_es": "Pasos para sumarse.",
            "intro_en": "Steps to join.",
            "body_es": streamfield([("paragraph", rich_text("<p>Escriba a la secretaría.</p>"))]),
            "body_en": streamfield([("paragraph", rich_text("<p>Write to the secretariat.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/network/standardpage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug_es="como-participar")
    assert page.live
    assert "Escriba a la secretaría." in admin_client.get("/es/como-participar/").content.decode()
    assert "Write to the secretariat." in admin_client.get("/en/how-to-take-part/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "dashboard_word"), [("es", "Panel de control"), ("en", "Dashboard")])
def test_admin_speaks_the_editors_language(admin_client, home, language, dashboard_word):
    profile = UserProfile.get_for_user(admin_client.user)
    profile.preferred_language = language
    profile.save()
    html = admin_client.get("/admin/").content.decode()
    assert f'lang="{language}"' in html
    assert f"<title>{dashboard_word} - Wagtail</title>" in html


def standard_page_form(**fields) -> dict:
    """The add form of a standard page, published, with ``fields``."""
    return nested_form_data(
        {"body_es": streamfield([]), "body_en": streamfield([]), "action-publish": "publish", **fields}
    )


@pytest.mark.django_db
class TestSlugs:
    """Slugs are plain ASCII in both languages, and each language's comes from its own title."""

    def add(self, admin_client, home, **fields) -> StandardPage:
        response = admin_client.post(
            f"/admin/pages/add/network/standardpage/{home.pk}/", standard_page_form(**fields)
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        return StandardPage.objects.child_of(home).get(title_es=fields["title_es"])

    def test_the_english_slug_comes_from_the_english_title_and_accents_go(self, admin_client, home):
        # Wagtail's script in the browser made the Spanish slug from the title, with its accent.
        page = self.add(
            admin_client, home, title_es="Página de prueba", slug_es="página-de-prueba", title_en="Test page"
        )
        assert (page.slug_es, page.slug_en) == ("pagina-de-prueba", "test-page")
        assert admin_client.get("/es/pagina-de-prueba/").status_code == 200
        assert admin_client.get("/en/test-page/").status_code == 200

    def test_the_slug_fields_transliterate_as_the_editor_types(self, admin_client, home):
        html = admin_client.get(f"/admin/pages/add/network/standardpage/{home.pk}/").content.decode()
        # Django leaves out a false attribute, and Wagtail's slug script then keeps only ASCII.
        assert html.count('data-controller="w-slug"') == 2
        assert "data-w-slug-allow-unicode-value" not in html

    def test_an_english_title_added_later_gives_the_english_slug(self, admin_client, home, about_page):
        page = self.add(admin_client, home, title_es="Sólo en español", slug_es="solo-en-espanol")
        assert not page.slug_en
        assert admin_client.get("/en/solo-en-espanol/").status_code == 200
        response = admin_client.post(
            f"/admin/pages/{page.pk}/edit/",
            standard_page_form(title_es=page.title_es, slug_es=page.slug_es, title_en="Spanish only"),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        page.refresh_from_db()
        assert page.slug_en == "spanish-only"
        assert admin_client.get("/en/spanish-only/").status_code == 200

    def test_an_english_slug_taken_by_a_sibling_gets_a_number(self, admin_client, home, about_page):
        page = self.add(
            admin_client, home, title_es="Otra acerca", slug_es="otra-acerca", title_en="About the network"
        )
        assert page.slug_en == "about-the-network-2"


@pytest.mark.django_db
def test_the_english_admin_names_published_pages_in_english(admin_client, home, about_page):
    profile = UserProfile.get_for_user(admin_client.user)
    profile.preferred_language = "en"
    profile.save()
    html = admin_client.get(f"/admin/pages/{home.pk}/").content.decode()
    assert "About the network" in html
    assert "Acerca de la red" not in html
