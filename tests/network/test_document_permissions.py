"""Organizers and country editors upload and attach documents; only the secretariat edits anyone's."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission

import pytest

from countries.editors import ensure_editors_group
from countries.models import CountryPage
from events.moderation import EVENT_ORGANIZERS, SECRETARIAT, moderate_events_under
from network.skeleton import ensure_child
from tests.search.conftest import minimal_pdf

MINIMAL_PDF = minimal_pdf("Informe de prueba")
document_migration = importlib.import_module("events.migrations.0004_document_permissions")


def member(group: Group, username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


def upload(client, title: str):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile("informe.pdf", MINIMAL_PDF),
            "collection": 1,
            "kind": "report",
            "language": "es",
        },
    )


def document_codenames(group_name: str) -> set[str]:
    permissions = GroupCollectionPermission.objects.filter(group__name=group_name)
    return set(permissions.values_list("permission__codename", flat=True))


@pytest.fixture
def event_groups(home) -> dict[str, Group]:
    moderate_events_under(home)
    return {name: Group.objects.get(name=name) for name in (SECRETARIAT, EVENT_ORGANIZERS)}


@pytest.fixture
def chile_editors(home) -> Group:
    chile, _created = ensure_child(
        home,
        CountryPage,
        "chile",
        title_es="Chile",
        iso_alpha2="CL",
        iso_alpha3="CHL",
        subregion="south-america",
    )
    return ensure_editors_group(chile)


@pytest.mark.django_db
class TestGroups:
    def test_the_migration_grants_and_revokes_document_permissions(self, event_groups):
        document_migration.revoke(apps, None)
        assert document_codenames(EVENT_ORGANIZERS) == set()
        document_migration.grant(apps, None)
        assert document_codenames(SECRETARIAT) == {"add_document", "change_document", "choose_document"}
        assert document_codenames(EVENT_ORGANIZERS) == {"add_document", "choose_document"}

    def test_country_editors_may_upload_and_choose(self, chile_editors):
        assert document_codenames(chile_editors.name) == {"add_document", "choose_document"}


@pytest.mark.django_db
class TestEditors:
    def test_an_organizer_uploads_and_then_finds_the_document_in_the_chooser(self, client, event_groups):
        client.force_login(member(event_groups[EVENT_ORGANIZERS], "organizer"))
        assert upload(client, "Presentación de Chile").status_code == 302
        chooser = client.get("/admin/documents/chooser/")
        assert chooser.status_code == 200
        assert "Presentación de Chile" in chooser.json()["html"]

    def test_a_country_editor_uploads_a_document(self, client, chile_editors):
        client.force_login(member(chile_editors, "editora-chile"))
        assert upload(client, "Ley de compras").status_code == 302
        assert get_document_model().objects.filter(title="Ley de compras").exists()

    def test_an_organizer_cannot_edit_someone_elses_document(self, client, event_groups):
        client.force_login(member(event_groups[SECRETARIAT], "secretary"))
        upload(client, "Informe de la secretaría")
        document = get_document_model().objects.get(title="Informe de la secretaría")
        client.force_login(member(event_groups[EVENT_ORGANIZERS], "organizer"))
        response = client.post(
            f"/admin/documents/edit/{document.pk}/", {"title": "Cambiado", "collection": 1}
        )
        assert response.status_code in (302, 403)
        document.refresh_from_db()
        assert document.title == "Informe de la secretaría"

    def test_an_editor_without_a_group_sees_no_chooser(self, client, db):
        client.force_login(get_user_model().objects.create_user("nadie", "nadie@example.org", "pw"))
        assert client.get("/admin/documents/chooser/").status_code == 302
