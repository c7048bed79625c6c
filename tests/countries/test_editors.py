"""Editors of one country edit that country's profile in the real admin, and nothing else."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from countries.editors import ensure_editors_group, find_editors_group
from countries.models import CountryPage, PracticePage
from network.models import StandardPage


def profile_form(page: CountryPage, **changes) -> dict:
    """The edit form of a country profile as the admin would post it, with ``changes``."""
    fields = {
        "title_es": page.title_es,
        "title_en": page.title_en,
        "slug_es": page.slug_es,
        "slug_en": page.slug_en,
        "intro_es": page.intro_es or "",
        "intro_en": page.intro_en or "",
        "iso_alpha2": page.iso_alpha2,
        "iso_alpha3": page.iso_alpha3,
        "subregion": page.subregion,
        "member_since": page.member_since or "",
        "agency_acronym": page.agency_acronym,
        "laws": inline_formset([]),
        "key_figures": inline_formset([]),
        "body_es": streamfield([]),
        "body_en": streamfield([]),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(fields)


def denied(response) -> bool:
    """Wagtail answers a forbidden admin page with 403, or by sending the editor back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def chile_editor(client, chile, peru):
    user = get_user_model().objects.create_user("editora-chile", "chile@example.org", "pw")
    user.groups.add(find_editors_group("CL"))
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestEditorsGroup:
    def test_a_profile_made_in_code_gets_its_group(self, chile):
        group = Group.objects.get(name="Country editors: Chile (CL)")
        assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]
        granted = GroupPagePermission.objects.filter(group=group)
        assert {grant.page_id for grant in granted} == {chile.pk}
        assert sorted(grant.permission.codename for grant in granted) == [
            "add_page",
            "change_page",
            "publish_page",
        ]

    def test_each_country_has_its_own_group(self, chile, peru):
        assert find_editors_group("CL") != find_editors_group("PE")
        assert find_editors_group("PE").name == "Country editors: Perú (PE)"

    def test_ensuring_twice_changes_nothing(self, chile):
        group = ensure_editors_group(chile)
        assert ensure_editors_group(chile) == group
        assert Group.objects.filter(name__startswith="Country editors:").count() == 1
        assert GroupPagePermission.objects.filter(group=group).count() == 3

    def test_the_group_survives_a_new_title(self, chile):
        chile.title_es = "República de Chile"
        chile.save_revision().publish()
        assert ensure_editors_group(chile).name == "Country editors: Chile (CL)"


@pytest.mark.django_db
class TestChileEditor:
    def test_opens_edits_and_publishes_chile(self, chile_editor, chile):
        assert chile_editor.get(f"/admin/pages/{chile.pk}/edit/").status_code == 200
        data = profile_form(
            chile,
            intro_es="Compras públicas transparentes.",
            intro_en="Transparent public procurement.",
            **{"action-publish": "publish"},
        )
        response = chile_editor.post(f"/admin/pages/{chile.pk}/edit/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert "Compras públicas transparentes." in chile_editor.get("/es/paises/chile/").content.decode()
        assert "Transparent public procurement." in chile_editor.get("/en/countries/chile/").content.decode()

    def test_publishes_with_no_workflow_to_submit_to(self, chile_editor, chile):
        """Only the network's moderation applies: nothing covers a country's profile."""
        edit_form = chile_editor.get(f"/admin/pages/{chile.pk}/edit/").content.decode()
        assert 'name="action-publish"' in edit_form
        assert 'name="action-submit"' not in edit_form
        assert "Moderators approval" not in edit_form

    def test_adds_a_good_practice_under_chile(self, chile_editor, chile):
        data = nested_form_data(
            {
                "title_es": "Convenios marco",
                "title_en": "Framework agreements",
                "slug_es": "convenios-marco",
                "slug_en": "framework-agreements",
                "date": "2024-05-02",
                "body_es": streamfield([("paragraph", rich_text("<p>Catálogo electrónico.</p>"))]),
                "body_en": streamfield([("paragraph", rich_text("<p>Electronic catalogue.</p>"))]),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = chile_editor.post(f"/admin/pages/add/countries/practicepage/{chile.pk}/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert PracticePage.objects.child_of(chile).get().live
        assert (
            "Electronic catalogue."
            in chile_editor.get("/en/countries/chile/framework-agreements/").content.decode()
        )

    def test_cannot_open_or_change_peru(self, chile_editor, peru):
        assert denied(chile_editor.get(f"/admin/pages/{peru.pk}/edit/"))
        response = chile_editor.post(
            f"/admin/pages/{peru.pk}/edit/",
            profile_form(peru, title_es="Pirateado", **{"action-publish": "1"}),
        )
        assert denied(response)
        peru.refresh_from_db()
        assert peru.title_es == "Perú"

    def test_cannot_add_pages_elsewhere(self, chile_editor, home, country_index):
        for url in (
            f"/admin/pages/add/countries/countrypage/{country_index.pk}/",
            f"/admin/pages/add/network/standardpage/{home.pk}/",
            f"/admin/pages/{home.pk}/add_subpage/",
        ):
            assert denied(chile_editor.get(url)), url
        response = chile_editor.post(
            f"/admin/pages/add/network/standardpage/{home.pk}/",
            nested_form_data(
                {
                    "title_es": "Intrusa",
                    "slug_es": "intrusa",
                    "body_es": streamfield([]),
                    "body_en": streamfield([]),
                    "action-publish": "1",
                }
            ),
        )
        assert denied(response)
        assert not StandardPage.objects.filter(slug_es="intrusa").exists()

    def test_cannot_delete_or_move_another_country(self, chile_editor, peru, country_index):
        assert denied(chile_editor.get(f"/admin/pages/{peru.pk}/delete/"))
        assert denied(chile_editor.post(f"/admin/pages/{peru.pk}/delete/"))
        assert denied(chile_editor.get(f"/admin/pages/{peru.pk}/move/"))
        assert denied(chile_editor.post(f"/admin/pages/{peru.pk}/move/{country_index.pk}/confirm/"))
        assert Page.objects.filter(pk=peru.pk).exists()

    def test_cannot_take_its_own_profile_off_the_site(self, chile_editor, chile):
        assert denied(chile_editor.post(f"/admin/pages/{chile.pk}/delete/"))
        assert denied(chile_editor.post(f"/admin/pages/{chile.pk}/unpublish/"))
        chile.refresh_from_db()
        assert chile.live

    def test_sees_no_edit_action_for_other_countries(self, chile_editor, chile, peru, country_index):
        explorer = chile_editor.get(f"/admin/pages/{chile.pk}/")
        html = explorer.content.decode()
        assert explorer.status_code == 200
        assert f"/admin/pages/{chile.pk}/edit/" in html
        assert f"/admin/pages/{peru.pk}/" not in html
        index = chile_editor.get(f"/admin/pages/{country_index.pk}/")
        assert denied(index) or f"/admin/pages/{peru.pk}/edit/" not in index.content.decode()
        dashboard = chile_editor.get("/admin/").content.decode()
        assert f"/admin/pages/{peru.pk}/edit/" not in dashboard
        search = chile_editor.get("/admin/pages/search/", {"q": "Perú"}).content.decode()
        assert f"/admin/pages/{peru.pk}/edit/" not in search


@pytest.mark.django_db
class TestWhatOnlyTheSecretariatChanges:
    """A country's editors cannot change which country the profile is, its membership or its
    executive-committee seat, nor schedule it off the site; administrators can."""

    IDENTITY = {"iso_alpha2": "ZZ", "iso_alpha3": "ZZZ", "member_since": "1999", "executive_committee": ""}

    def identity(self, country: CountryPage) -> tuple:
        country.refresh_from_db()
        return (country.iso_alpha2, country.iso_alpha3, country.member_since, country.executive_committee)

    def test_a_country_editor_cannot_change_the_identity_fields(self, chile_editor, chile):
        form = profile_form(chile, intro_es="Cambio permitido.", **self.IDENTITY, **{"action-publish": "1"})
        response = chile_editor.post(f"/admin/pages/{chile.pk}/edit/", form)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert self.identity(chile) == ("CL", "CHL", 2005, True)
        assert chile.intro_es == "Cambio permitido."
        assert find_editors_group("CL") is not None
        assert chile_editor.get("/es/feeds/countries/cl/news.rss").status_code == 200

    def test_a_country_editor_cannot_schedule_the_profile_off_the_site(self, chile_editor, chile):
        form = profile_form(chile, expire_at="2099-01-01 10:00", **{"action-publish": "1"})
        response = chile_editor.post(f"/admin/pages/{chile.pk}/edit/", form)
        assert response.status_code == 200
        # The admin speaks the editor's language, Spanish by default.
        assert (
            "Solo la secretaría de la red puede fijar una fecha de vencimiento" in response.content.decode()
        )
        chile.refresh_from_db()
        assert chile.expire_at is None
        assert all(revision.content.get("expire_at") is None for revision in chile.revisions.all())
        call_command("publish_scheduled", stdout=io.StringIO())
        assert chile_editor.get("/es/paises/chile/").status_code == 200

    def test_an_administrator_changes_them(self, client, chile, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("secretaria", "s@example.org", "pw"))
        form = profile_form(chile, expire_at="2099-01-01 10:00", **self.IDENTITY, **{"action-publish": "1"})
        response = client.post(f"/admin/pages/{chile.pk}/edit/", form)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert self.identity(chile) == ("ZZ", "ZZZ", 1999, False)
        assert chile.expire_at is not None
