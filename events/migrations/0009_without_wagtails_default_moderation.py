"""Only the network's own moderation: Wagtail's default workflow and groups go.

A new Wagtail site starts with a *Moderators approval* workflow on the root page and
*Moderators* and *Editors* groups allowed to edit (and moderate) every page. Here they
would put "Submit to Moderators approval" beside a country editor's Publish button and
give whoever is put in them the whole site; the network's moderation is the
secretariat's (0003) and each country's editors' (countries/editors.py).

The workflow stops covering pages and snippets and what it was moderating is
cancelled, as disabling it in the admin does; it is deleted unless it has a history,
which then stays with the disabled workflow. The groups are deleted only while nobody
is in them: a site that put people there keeps them. Undoing the migration gives back
what Wagtail created. The names are written out here, not imported, so that this
migration keeps doing what it did when the code changes.
"""

from django.db import migrations
from django.utils import timezone

WORKFLOW_NAME = "Moderators approval"
MODERATORS = "Moderators"
# Each group's page permissions on the root page, as Wagtail grants them.
PAGE_PERMISSIONS = {
    MODERATORS: ("add_page", "change_page", "lock_page", "publish_page", "unlock_page"),
    "Editors": ("add_page", "change_page"),
}
# Both groups' permissions on images and documents, in every collection (the root collection).
COLLECTION_PERMISSIONS = {
    "wagtailimages.image": ("add_image", "change_image", "choose_image"),
    "wagtaildocs.document": ("add_document", "change_document", "choose_document"),
}
# And as model permissions, with the right to delete their own.
MODEL_PERMISSIONS = {
    "wagtailadmin.admin": ("access_admin",),
    "wagtailimages.image": ("add_image", "change_image", "choose_image", "delete_image"),
    "wagtaildocs.document": ("add_document", "change_document", "choose_document", "delete_document"),
}
ACTIVE_STATES = ("in_progress", "needs_changes")


def remove_default_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    for workflow in Workflow.objects.filter(name=WORKFLOW_NAME):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        WorkflowContentType.objects.filter(workflow=workflow).delete()
        active = WorkflowState.objects.filter(workflow=workflow, status__in=ACTIVE_STATES)
        TaskState.objects.filter(workflow_state__in=active, status="in_progress").update(
            status="cancelled", finished_at=timezone.now()
        )
        active.update(status="cancelled")
        if WorkflowState.objects.filter(workflow=workflow).exists():
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        Task.objects.filter(
            pk__in=task_ids, name=WORKFLOW_NAME, workflow_tasks__isnull=True, task_states__isnull=True
        ).delete()
    Group.objects.filter(name__in=PAGE_PERMISSIONS, user__isnull=True).delete()


def permission(apps, model: str, codename: str) -> int:
    """The id of a permission: they are normally created after migrating; a fresh database needs
    them now.

    Ids rather than instances link the rows: rolled back after other apps' migrations have
    re-rendered the historical models, ``apps`` can hand out a ContentType class other than the
    one its Permission's foreign key was rendered with, and Django refuses such an instance.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, model_name = model.split(".")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    return Permission.objects.get_or_create(
        content_type_id=content_type.pk, codename=codename, defaults={"name": codename.replace("_", " ")}
    )[0].pk


def restore_default_moderation(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        groups[name], created = Group.objects.get_or_create(name=name)
        if not created:
            continue
        for model, codenames in MODEL_PERMISSIONS.items():
            groups[name].permissions.add(*(permission(apps, model, codename) for codename in codenames))
        for codename in page_codenames:
            if root_page is not None:
                GroupPagePermission.objects.create(
                    group=groups[name],
                    page=root_page,
                    permission_id=permission(apps, "wagtailcore.page", codename),
                )
        for model, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                if root_collection is not None:
                    GroupCollectionPermission.objects.create(
                        group=groups[name],
                        collection=root_collection,
                        permission_id=permission(apps, model, codename),
                    )

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        task_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type_id=task_type.pk, active=True)
        task.groups.set([groups[MODERATORS].pk])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    Workflow.objects.filter(pk=workflow.pk).update(active=True)
    if root_page is not None:
        WorkflowPage.objects.get_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0008_organizing_institutions_in_portals"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(remove_default_moderation, restore_default_moderation)]
