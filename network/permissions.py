"""Document permissions for editor groups.

Wagtail checks document permissions per collection against wagtaildocs.Document, whatever the
document model; granting them on the root collection covers every collection below it.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission

# Upload documents and edit one's own uploads, and attach any document to a page.
CONTRIBUTE_DOCUMENTS = ("add_document", "choose_document")


def grant_document_permissions(group: Group, codenames: tuple[str, ...] = CONTRIBUTE_DOCUMENTS) -> None:
    root = Collection.get_first_root_node()
    permissions = Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=codenames)
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
