from collections import defaultdict

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from countries.models import CountryPage
from network.exports import Dataset
from network.sections import ComparedFact, Section
from portals import api, exports
from portals.models import BROKEN_LINK, Institution, Portal


class PortalFilterSet(WagtailFilterSet):
    """The portal list filters, including the result of the last link check (`manage.py check_portals`)."""

    link_status = django_filters.ChoiceFilter(
        label=_("Link status"),
        method="filter_link_status",
        empty_label=_("Any"),
        choices=[("broken", _("Broken")), ("working", _("Working")), ("unchecked", _("Not checked yet"))],
    )

    class Meta:
        model = Portal
        fields = ["kind", "publishes_ocds"]

    def filter_link_status(self, queryset: QuerySet[Portal], name: str, value: str) -> QuerySet[Portal]:
        if value == "broken":
            return queryset.filter(BROKEN_LINK)
        if value == "working":
            return queryset.filter(link_checked_at__isnull=False).exclude(BROKEN_LINK)
        return queryset.filter(link_checked_at__isnull=True)


def link_status(portal: Portal) -> str:
    if portal.link_checked_at is None:
        return ""
    return portal.get_link_error_display() or str(portal.link_status_code)


class PortalViewSet(SnippetViewSet):
    model = Portal
    icon = "link-external"
    list_display = [
        "name",
        "kind",
        "country",
        "publishes_ocds",
        Column("link_status", label=_("Link status"), accessor=link_status),
        DateColumn("link_checked_at", label=_("Checked")),
    ]
    filterset_class = PortalFilterSet
    search_fields = ["name_es", "name_en", "url"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    list_display = ["name", "acronym", "country"]
    search_fields = ["name_es", "name_en", "acronym_es", "acronym_en"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "globe"
    items = (PortalViewSet, InstitutionViewSet)


register_snippet(DirectoryViewSetGroup)


class PortalListMenuItem(MenuItem):
    """Shown only to editors allowed to open the portal list it leads to."""

    def is_shown(self, request) -> bool:
        return ModelPermissionPolicy(Portal).user_has_any_permission(
            request.user, ["add", "change", "delete", "view"]
        )


@hooks.register("register_reports_menu_item")
def register_broken_portal_links_report() -> MenuItem:
    """Reports › Broken portal links: the portal list filtered to the last check's failures."""
    return PortalListMenuItem(
        _("Broken portal links"),
        reverse("wagtailsnippets_portals_portal:list") + "?link_status=broken",
        name="broken-portal-links",
        icon_name="warning",
        order=1100,
    )


@hooks.register("country_profile_sections", order=100)
def country_portals(country: CountryPage, request: HttpRequest) -> Section:
    """The portals the country runs, on its profile."""
    return Section(
        "portals/sections/country_portals.html", {"portals": country.portals.select_related("institution")}
    )


@hooks.register("country_comparison_facts", order=100)
def compared_portals(countries: list[CountryPage], request: HttpRequest) -> ComparedFact:
    """The portals of each country compared, from one query."""
    portals = defaultdict(list)
    for portal in Portal.objects.filter(country__in=countries).order_by("name"):
        portals[portal.country_id].append(portal)
    return ComparedFact(_("Portals"), "portals/sections/compared_portals.html", dict(portals))


@hooks.register("register_export_datasets")
def export_datasets() -> dict[str, Dataset]:
    return exports.DATASETS


@hooks.register("register_api_endpoints")
def api_endpoints() -> dict[str, type]:
    return api.API_ENDPOINTS
