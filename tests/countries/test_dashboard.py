"""A country editor's dashboard starts from their country: the profile, what it lacks in each
language, what awaits moderation; it is titled with the network's name."""

import re

from django.contrib.auth import get_user_model

from wagtail.models import Workflow, WorkflowPage
from wagtail.users.models import UserProfile

import pytest

from countries.editors import find_editors_group

pytestmark = pytest.mark.usefixtures("shared_countries")

NETWORK = "Red Interamericana de Compras Gubernamentales"


@pytest.fixture
def chile_editor(client, chile):
    user = get_user_model().objects.create_user("editora-chile", "chile@example.org", "pw")
    user.groups.add(find_editors_group("CL"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    client.user = user
    return client


def panel(html: str) -> str:
    """The text of the country editor's panel, on one line."""
    match = re.search(r"<div data-country-editor>(.*?)</div>", html, re.S)
    assert match, "the country editor's panel"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.mark.django_db
class TestCountryEditorsDashboard:
    def test_is_titled_with_the_networks_name(self, chile_editor):
        html = chile_editor.get("/admin/").content.decode()
        assert re.search(rf"<h1[^>]*>\s*{NETWORK}\s*</h1>", html)
        assert "localhost" not in html

    def test_shows_the_profile_with_a_link_to_edit_it(self, chile_editor, chile, peru):
        html = chile_editor.get("/admin/").content.decode()
        text = panel(html)
        assert text.startswith("Chile Edit the profile See it on the site")
        assert f'href="/admin/pages/{chile.pk}/edit/"' in html
        assert "Perú" not in text and "Peru" not in text
        assert "Complete in Spanish and English." in text
        assert "Nothing of your country awaits moderation." in text

    def test_says_what_the_draft_lacks_in_english(self, chile_editor, chile):
        chile.intro_es = "Compras abiertas."
        chile.contact_role_en = "Head of international relations"
        chile.contact_role_es = ""
        chile.save_revision()
        text = panel(chile_editor.get("/admin/").content.decode())
        assert "Spanish missing: Contact role English missing: Introduction" in text

    def test_lists_what_awaits_moderation(self, chile_editor, chile, django_user_model):
        workflow = Workflow.objects.get(name="Secretariat approval")
        WorkflowPage.objects.create(page=chile, workflow=workflow)
        workflow.start(chile, chile_editor.user)
        text = panel(chile_editor.get("/admin/").content.decode())
        assert "Chile : Approval by the secretariat (in progress)" in text

    def test_is_not_shown_to_the_secretariat(self, client, chile, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("secretaria", "s@example.org", "pw"))
        assert "data-country-editor" not in client.get("/admin/").content.decode()
