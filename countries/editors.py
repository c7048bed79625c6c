"""Per-country editors: one Wagtail group per country profile, allowed to edit that profile only.

Each group may enter the admin, add, edit and publish pages in its country's subtree (the
profile and its good practices), and upload and attach documents; nothing else. The group is
found again by the country's ISO code at the end of its name, so renaming the country does not
orphan it.

Wagtail lets whoever may edit and publish a page also delete, move, unpublish or restrict it;
for a country profile that is kept to the editors who may create profiles in the first place.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import GroupPagePermission, Page, PagePermissionTester

from network.permissions import grant_document_permissions

GROUP_PREFIX = "Country editors: "
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def editors_group_name(iso_alpha2: str, name: str) -> str:
    return f"{GROUP_PREFIX}{name} ({iso_alpha2})"


def find_editors_group(iso_alpha2: str) -> Group | None:
    """The editors' group of the country with this ISO code, if it exists."""
    return (
        Group.objects.filter(name__startswith=GROUP_PREFIX, name__endswith=f"({iso_alpha2})")
        .order_by("pk")
        .first()
    )


@transaction.atomic
def ensure_editors_group(country: Page) -> Group:
    """The country's editors' group, created with its permissions when missing.

    The name uses the Spanish title: Spanish is the network's first language and the
    admin's group list has no translated names.
    """
    group = find_editors_group(country.iso_alpha2)
    if group is None:
        group = Group.objects.create(name=editors_group_name(country.iso_alpha2, country.title_es))
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(access_admin)
    page_type = ContentType.objects.get_for_model(Page)
    for permission in Permission.objects.filter(content_type=page_type, codename__in=PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=country, permission=permission)
    grant_document_permissions(group)
    return group


class CountryPermissionTester(PagePermissionTester):
    """A country's own editors may change its profile but not take it off the site."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return super().can_delete(ignore_bulk) and self._manages_profiles()

    def can_move(self) -> bool:
        return super().can_move() and self._manages_profiles()

    def can_unpublish(self) -> bool:
        return super().can_unpublish() and self._manages_profiles()

    def can_set_view_restrictions(self) -> bool:
        return super().can_set_view_restrictions() and self._manages_profiles()

    def _manages_profiles(self) -> bool:
        if self.user.is_superuser:
            return True
        parent = self.page.get_parent()
        return parent is not None and parent.permissions_for_user(self.user).can_add_subpage()
