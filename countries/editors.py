"""Per-country editors: one Wagtail group per country profile, allowed to edit that profile only.

Each group may enter the admin, add, edit and publish pages in its country's subtree (the
profile and its good practices), and upload and attach documents; nothing else. The group is
found again by the country's ISO code at the end of its name, so renaming the country does not
orphan it.

Wagtail lets whoever may edit and publish a page also delete, move, unpublish or restrict it;
for a country profile that is kept to the editors who may create profiles in the first place
(the secretariat, administrators). So are the fields that say which country a profile is and
its place in the network, and an expiry date, which would take the profile off the site.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import GroupPagePermission, Page, PagePermissionTester

from network.models.documents import public_documents
from network.permissions import grant_document_permissions
from network.tree import visible

GROUP_PREFIX = "Country editors: "
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Which country a profile is (the feeds, the map and its editors' group find it by its codes)
# and its place in the network: the secretariat's to set.
IDENTITY_FIELDS = ("iso_alpha2", "iso_alpha3", "member_since", "executive_committee")


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
        return manages_profiles(self.user, self.page.get_parent())


def manages_profiles(user: AbstractBaseUser, country_index: Page | None) -> bool:
    """Whether ``user`` may create country profiles under ``country_index``: the secretariat,
    administrators; not a country's own editors."""
    if user.is_superuser:
        return True
    return country_index is not None and country_index.permissions_for_user(user).can_add_subpage()


class CountryProfileForm(WagtailAdminPageForm):
    """The profile's edit form: a country's own editors see its identity but cannot change it,
    and cannot schedule the profile's unpublishing.

    Disabled fields keep their saved value whatever is posted (Django ignores the posted
    data), so the rule holds for a crafted request too, not only in the form shown.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.manages_profiles = self.for_user is None or manages_profiles(self.for_user, self.parent_page)
        if not self.manages_profiles:
            for name in IDENTITY_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Only the network's secretariat can change this.")

    def clean(self) -> dict:
        cleaned_data = super().clean()
        expire_at = cleaned_data.get("expire_at")
        if not self.manages_profiles and expire_at and expire_at != self.instance.expire_at:
            self.add_error(
                "expire_at",
                _(
                    "Only the network's secretariat can set an expiry date on a country profile: "
                    "it would take the profile off the site."
                ),
            )
        return cleaned_data


def sees_only_its_country(user: AbstractBaseUser, country_index: Page | None) -> bool:
    """Whether ``user`` edits one or more countries' profiles and nothing of the network's own."""
    if manages_profiles(user, country_index):
        return False
    return user.groups.filter(name__startswith=GROUP_PREFIX).exists()


def choosable_pages(pages: QuerySet, user: AbstractBaseUser) -> QuerySet:
    """``pages`` a country's editor may see in the page chooser: their own country's, and those
    readers see, as readers see them.

    The chooser names pages by their newest draft's title, so a page with unpublished changes
    outside the editor's country is left out, as are drafts and private pages.
    """
    own = Q(pk__in=[])
    for path in GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True):
        own |= Q(path__startswith=path)
    published = visible(Page.objects.filter(has_unpublished_changes=False)).values("pk")
    return pages.filter(own | Q(pk__in=published))


def choosable_documents(documents: QuerySet, user: AbstractBaseUser) -> QuerySet:
    """``documents`` a country's editor may see: those readers may download, and their own uploads."""
    return documents.filter(
        Q(pk__in=public_documents(documents.model.objects.all()).values("pk")) | Q(uploaded_by_user=user)
    )
