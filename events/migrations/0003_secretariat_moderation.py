"""The groups and workflow of event moderation: organizers draft, the secretariat approves.

The names are written out here, not imported, so that this migration keeps
doing what it did when the code changes; events/moderation.py uses the same names.
"""

from django.db import migrations

SECRETARIAT = "Secretariat"
EVENT_ORGANIZERS = "Event organizers"
WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Approval by the secretariat"
EVENT_PAGE_PERMISSIONS = {
    SECRETARIAT: ("add_page", "change_page", "publish_page"),
    EVENT_ORGANIZERS: ("add_page", "change_page"),
}
PAGE_PERMISSION_NAMES = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "publish_page": "Publish any page",
}


def permission(apps, app_label, model, codename, name):
    """Permissions are normally created after migrating; a fresh database needs them now."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def create_moderation(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    EventIndexPage = apps.get_model("events", "EventIndexPage")

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    groups = {}
    for name in (SECRETARIAT, EVENT_ORGANIZERS):
        groups[name], _created = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(access_admin)

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        task_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.set([groups[SECRETARIAT]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # An event index that already exists gets what a new one gets from events.signals.
    for index_page in EventIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index_page.pk, defaults={"workflow": workflow})
        for group_name, codenames in EVENT_PAGE_PERMISSIONS.items():
            for codename in codenames:
                page_permission = permission(
                    apps, "wagtailcore", "page", codename, PAGE_PERMISSION_NAMES[codename]
                )
                GroupPagePermission.objects.get_or_create(
                    group=groups[group_name], page_id=index_page.pk, permission=page_permission
                )


def remove_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()
    Group.objects.filter(name__in=[SECRETARIAT, EVENT_ORGANIZERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0002_relations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(create_moderation, remove_moderation)]
