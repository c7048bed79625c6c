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
