"""Event organizers draft and submit events; the secretariat approves them through a Wagtail workflow.

Everything goes through the real admin with the test client, as the editors would.
"""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from events.models import EventIndexPage, EventPage
from events.moderation import EVENT_ORGANIZERS, SECRETARIAT, WORKFLOW_NAME
from network.skeleton import ensure_child

moderation_migration = importlib.import_module("events.migrations.0003_secretariat_moderation")
default_moderation = importlib.import_module("events.migrations.0009_without_wagtails_default_moderation")


def member_of(group_name: str, username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def organizer(db):
    return member_of(EVENT_ORGANIZERS, "organizer")


@pytest.fixture
def secretary(db):
    return member_of(SECRETARIAT, "secretary")


def event_form(countries, topics, **overrides) -> dict:
    """The admin's add form for an event, in both languages, with a session and an agreement."""
    fields = {
        "title_es": "IV Seminario Interamericano",
        "title_en": "4th Inter-American Seminar",
        "slug_es": "iv-seminario",
        "slug_en": "4th-seminar",
        "intro_es": "Compras públicas e innovación.",
        "intro_en": "Public procurement and innovation.",
        "kind": "seminar",
        "edition": "4",
        "start_date": "2030-09-10",
        "end_date": "2030-09-12",
        "city_es": "Lima",
        "city_en": "Lima",
        "host_country": countries.PE.pk,
        "participants_count": "90",
        "report_es": streamfield([]),
        "report_en": streamfield([]),
        "sessions": inline_formset(
            [
                {
                    "kind": "workshop",
                    "title_es": "Taller de innovación",
                    "title_en": "Innovation workshop",
                }
            ]
        ),
        "agreements": inline_formset(
            [
                {
                    "title_es": "Red de innovación",
                    "title_en": "Innovation network",
                    "text_es": rich_text("<p>Crear la red.</p>"),
                    "text_en": rich_text("<p>Create the network.</p>"),
                }
            ]
        ),
        "documents": inline_formset([]),
    }
    fields.update(overrides)
    data = nested_form_data(fields)
    # Multiple choices go in as lists; nested_form_data would number them like formset forms.
    data.update(
        {
            "participating_countries": [countries.CL.pk, countries.MX.pk],
            "sessions-0-topics": [topics.open_data.pk],
            "agreements-0-topics": [topics.sustainable.pk],
            "agreements-0-responsible_countries": [countries.CL.pk],
        }
    )
    return data


def add_event(client, event_index, countries, topics, action: str) -> EventPage:
    response = client.post(
        f"/admin/pages/add/events/eventpage/{event_index.pk}/",
        event_form(countries, topics, **{action: action}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return EventPage.objects.get(slug_es="iv-seminario")


@pytest.mark.django_db
class TestSetUp:
    def test_migration_creates_the_groups_and_the_workflow(self):
        secretariat = Group.objects.get(name=SECRETARIAT)
        organizers = Group.objects.get(name=EVENT_ORGANIZERS)
        for group in (secretariat, organizers):
            assert group.permissions.filter(codename="access_admin").exists()
        workflow = Workflow.objects.get(name=WORKFLOW_NAME)
        (task,) = [task.specific for task in workflow.tasks]
        assert isinstance(task, GroupApprovalTask)
        assert list(task.groups.all()) == [secretariat]

    def test_migration_is_reversible(self):
        moderation_migration.remove_moderation(apps, None)
        assert not Group.objects.filter(name__in=[SECRETARIAT, EVENT_ORGANIZERS]).exists()
        assert not Workflow.objects.filter(name=WORKFLOW_NAME).exists()
        assert not GroupApprovalTask.objects.filter(name=moderation_migration.TASK_NAME).exists()
        moderation_migration.create_moderation(apps, None)
        assert Group.objects.filter(name__in=[SECRETARIAT, EVENT_ORGANIZERS]).count() == 2
        assert Workflow.objects.get(name=WORKFLOW_NAME).tasks.count() == 1

    def test_a_new_event_index_gets_the_workflow_and_the_permissions(self, event_index):
        assert WorkflowPage.objects.get(page=event_index).workflow.name == WORKFLOW_NAME
        assert event_index.get_workflow().name == WORKFLOW_NAME

        def codenames(group_name: str) -> set[str]:
            permissions = GroupPagePermission.objects.filter(page=event_index, group__name=group_name)
            return set(permissions.values_list("permission__codename", flat=True))

        assert codenames(SECRETARIAT) == {"add_page", "change_page", "publish_page"}
        assert codenames(EVENT_ORGANIZERS) == {"add_page", "change_page"}

    def test_the_set_up_is_recreated_if_the_groups_were_deleted(self, home):
        """A flushed database (or a deleted group) must not make creating the event index fail."""
        moderation_migration.remove_moderation(apps, None)
        index, _created = ensure_child(home, EventIndexPage, "eventos", slug_en="events", title_es="Eventos")
        assert index.get_workflow().name == WORKFLOW_NAME
        assert GroupPagePermission.objects.filter(page=index, group__name=EVENT_ORGANIZERS).count() == 2


@pytest.mark.django_db
class TestOrganizers:
    def test_organizer_drafts_and_submits_an_event(self, client, organizer, event_index, countries, topics):
        client.force_login(organizer)
        page = add_event(client, event_index, countries, topics, "action-submit")
        assert not page.live
        assert page.current_workflow_state.status == "in_progress"
        assert page.current_workflow_task.name == moderation_migration.TASK_NAME
        draft = page.get_latest_revision_as_object()
        assert [session.title_en for session in draft.sessions.all()] == ["Innovation workshop"]
        assert [agreement.title_es for agreement in draft.agreements.all()] == ["Red de innovación"]
        assert set(draft.participating_countries.all()) == {countries.CL, countries.MX}
        assert list(draft.sessions.first().topics.all()) == [topics.open_data]
        assert list(draft.agreements.first().responsible_countries.all()) == [countries.CL]
        client.logout()
        assert client.get("/es/eventos/iv-seminario/").status_code == 404
        assert client.get("/en/events/4th-seminar/").status_code == 404
        assert "IV Seminario" not in client.get("/es/eventos/").content.decode()

    def test_organizer_can_save_a_draft_without_submitting(
        self, client, organizer, event_index, countries, topics
    ):
        client.force_login(organizer)
        page = add_event(client, event_index, countries, topics, "action-save")
        assert not page.live and page.current_workflow_state is None

    def test_organizer_cannot_publish(self, client, organizer, event_index, countries, topics):
        client.force_login(organizer)
        page = add_event(client, event_index, countries, topics, "action-publish")
        assert not page.live
        assert not page.get_latest_revision_as_object().live
        edit_form = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert 'name="action-submit"' in edit_form
        assert 'name="action-publish"' not in edit_form
        response = client.post(
            f"/admin/pages/{page.pk}/edit/", event_form(countries, topics, **{"action-publish": "1"})
        )
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert not page.live
        assert client.get("/es/eventos/iv-seminario/").status_code == 404

    def test_organizer_cannot_approve_their_own_submission(
        self, client, organizer, event_index, countries, topics
    ):
        client.force_login(organizer)
        page = add_event(client, event_index, countries, topics, "action-submit")
        task_state = page.current_workflow_task_state
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
        )
        assert response.status_code in (302, 403)
        page.refresh_from_db()
        assert not page.live
        assert page.current_workflow_task_state.status == "in_progress"

    def test_organizer_cannot_add_pages_elsewhere(self, client, organizer, home, event_index):
        client.force_login(organizer)
        assert client.get(f"/admin/pages/add/network/standardpage/{home.pk}/").status_code in (302, 403)


@pytest.mark.django_db
class TestSecretariat:
    def test_secretariat_approves_and_the_event_goes_live_in_both_languages(
        self, client, organizer, secretary, event_index, countries, topics
    ):
        client.force_login(organizer)
        page = add_event(client, event_index, countries, topics, "action-submit")
        task_state = page.current_workflow_task_state

        client.force_login(secretary)
        dashboard = client.get("/admin/").content.decode()
        assert "IV Seminario Interamericano" in dashboard, "the task waits on the secretariat's dashboard"
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "OK"}
        )
        assert response.status_code == 302

        page.refresh_from_db()
        assert page.live
        assert page.current_workflow_state is None
        task_state.refresh_from_db()
        assert task_state.status == "approved"
        client.logout()
        spanish = client.get("/es/eventos/iv-seminario/").content.decode()
        english = client.get("/en/events/4th-seminar/").content.decode()
        assert "<h1>IV Seminario Interamericano</h1>" in spanish and "Taller de innovación" in spanish
        assert "<h1>4th Inter-American Seminar</h1>" in english and "Innovation network" in english
        assert '<a href="/en/countries/mexico/">Mexico</a>' in english
        assert '<a href="/es/temas/datos-abiertos/">Datos abiertos</a>' in spanish
        assert "4th Inter-American Seminar" in client.get("/en/events/").content.decode()

    def test_secretariat_can_send_an_event_back(
        self, client, organizer, secretary, event_index, countries, topics
    ):
        client.force_login(organizer)
        page = add_event(client, event_index, countries, topics, "action-submit")
        task_state = page.current_workflow_task_state
        client.force_login(secretary)
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
            {"comment": "Falta el programa."},
        )
        page.refresh_from_db()
        assert not page.live
        assert page.current_workflow_state.status == "needs_changes"

    def test_secretariat_publishes_directly(self, client, secretary, event_index, countries, topics):
        client.force_login(secretary)
        page = add_event(client, event_index, countries, topics, "action-publish")
        assert page.live
        assert client.get("/en/events/4th-seminar/").status_code == 200


@pytest.mark.django_db
class TestWagtailsDefaultModeration:
    """Wagtail's own *Moderators approval* workflow and *Moderators*/*Editors* groups are gone;
    undoing the migration gives them back as Wagtail made them."""

    WAGTAIL_GROUPS = ["Editors", "Moderators"]

    def wagtail_groups(self) -> list[str]:
        return sorted(Group.objects.filter(name__in=self.WAGTAIL_GROUPS).values_list("name", flat=True))

    def test_only_the_networks_workflows_and_groups_are_left(self, home, event_index):
        assert list(Workflow.objects.values_list("name", flat=True)) == [WORKFLOW_NAME]
        assert home.get_workflow() is None
        assert self.wagtail_groups() == []

    def test_undoing_restores_them_and_redoing_removes_them(self, home):
        default_moderation.restore_default_moderation(apps, None)
        assert home.get_workflow().name == default_moderation.WORKFLOW_NAME
        moderators = Group.objects.get(name="Moderators")
        root = GroupPagePermission.objects.filter(group=moderators, page=Page.get_first_root_node())
        assert root.count() == 5
        assert moderators.collection_permissions.count() == 6
        assert self.wagtail_groups() == self.WAGTAIL_GROUPS
        default_moderation.remove_default_moderation(apps, None)
        assert home.get_workflow() is None
        assert not Workflow.objects.filter(name=default_moderation.WORKFLOW_NAME).exists()
        assert not GroupApprovalTask.objects.filter(name=default_moderation.WORKFLOW_NAME).exists()
        assert self.wagtail_groups() == []

    def test_a_group_with_people_in_it_and_a_workflow_with_history_stay(self, client, home, about_page):
        default_moderation.restore_default_moderation(apps, None)
        moderator = member_of("Moderators", "moderator")
        client.force_login(moderator)
        about_page.save_revision(user=moderator)
        workflow = about_page.get_workflow()
        workflow.start(about_page, moderator)
        default_moderation.remove_default_moderation(apps, None)
        workflow.refresh_from_db()
        assert not workflow.active
        assert home.get_workflow() is None
        about_page.refresh_from_db()
        assert about_page.workflow_in_progress is False
        assert self.wagtail_groups() == ["Moderators"]
