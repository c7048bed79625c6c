"""Organizers upload and attach their seminar documents; the secretariat may edit anyone's.

Wagtail checks document permissions per collection against wagtaildocs.Document, whatever
the document model; they are granted on the root collection so that they cover every one.
"""

from django.db import migrations

DOCUMENT_PERMISSIONS = {
    "Secretariat": ("add_document", "change_document", "choose_document"),
    "Event organizers": ("add_document", "choose_document"),
}
PERMISSION_NAMES = {
    "add_document": "Can add document",
    "change_document": "Can change document",
    "choose_document": "Can choose document",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    document_type, _created = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    for group_name, codenames in DOCUMENT_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            permission, _created = Permission.objects.get_or_create(
                content_type=document_type, codename=codename, defaults={"name": PERMISSION_NAMES[codename]}
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group_name, codenames in DOCUMENT_PERMISSIONS.items():
        GroupCollectionPermission.objects.filter(
            group__name=group_name,
            permission__content_type__app_label="wagtaildocs",
            permission__codename__in=codenames,
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_secretariat_moderation"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
