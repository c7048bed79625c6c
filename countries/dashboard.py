"""A country editor's dashboard: their profile, what it lacks in each language, what awaits moderation.

Wagtail's own dashboard lists what the editor has edited recently and their pages in a
workflow, which is empty on their first visit; this panel starts from their country.
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, IntegerField, OuterRef, QuerySet
from django.db.models.functions import Cast

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from countries.editors import GROUP_PREFIX
from countries.models import CountryPage
from network.translation_status import Gap, translation_gaps


@dataclass
class EditedCountry:
    """One profile the editor looks after, as their latest draft has it."""

    page: CountryPage
    draft: CountryPage
    gaps: list[Gap]
    in_moderation: list[WorkflowState]


def edited_countries(user: AbstractBaseUser) -> QuerySet:
    """The profiles ``user`` edits as a member of their countries' editors' groups."""
    return (
        CountryPage.objects.filter(
            group_permissions__group__user=user, group_permissions__group__name__startswith=GROUP_PREFIX
        )
        .distinct()
        .order_by("title")
    )


def in_moderation(country: Page) -> list[WorkflowState]:
    """The workflows under way on the profile and its good practices, oldest task first."""
    # A workflow state names its page by a text id: PostgreSQL needs the cast to compare it.
    in_country = Exists(
        Page.objects.descendant_of(country, inclusive=True).filter(
            pk=Cast(OuterRef("object_id"), output_field=IntegerField())
        )
    )
    states = (
        WorkflowState.objects.active()
        .filter(in_country, base_content_type=get_default_page_content_type())
        .select_related("current_task_state__task")
        .prefetch_related("content_object")
        .order_by("current_task_state__started_at")
    )
    return list(states)


class CountryEditorPanel(Component):
    name = "country_editor"
    template_name = "countries/admin/country_editor_panel.html"
    order = 50

    def __init__(self, countries: list[CountryPage]) -> None:
        self.countries = countries

    def get_context_data(self, parent_context: dict | None = None) -> dict:
        edited = []
        for country in self.countries:
            draft = country.get_latest_revision_as_object()
            edited.append(EditedCountry(country, draft, translation_gaps(draft), in_moderation(country)))
        return {"countries": edited}
