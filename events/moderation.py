"""Who may write and who may publish events: organizers draft, the network secretariat approves.

The groups and the workflow are created by a data migration; the functions here
recreate whatever is missing (a new site, a flushed test database) so that
creating an event index never fails, and give the groups their permissions on it.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from network.permissions import CONTRIBUTE_DOCUMENTS, grant_document_permissions

# Names are looked up by the code and the data migration: keep them stable.
SECRETARIAT = "Secretariat"
EVENT_ORGANIZERS = "Event organizers"
WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Approval by the secretariat"

# What each group may do on the event index and every event below it. Organizers
# cannot publish: submitting starts the workflow, which the secretariat approves.
EVENT_PAGE_PERMISSIONS = {
    SECRETARIAT: ("add_page", "change_page", "publish_page"),
    EVENT_ORGANIZERS: ("add_page", "change_page"),
}
# Organizers upload their seminar's documents; the secretariat may also edit anyone's.
DOCUMENT_PERMISSIONS = {
    SECRETARIAT: (*CONTRIBUTE_DOCUMENTS, "change_document"),
    EVENT_ORGANIZERS: CONTRIBUTE_DOCUMENTS,
}


def admin_group(name: str) -> Group:
    """The group, created if missing, with access to the Wagtail admin."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def secretariat_workflow() -> Workflow:
    """The one-step workflow in which the secretariat approves what organizers submit."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([admin_group(SECRETARIAT)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def moderate_events_under(index_page: Page) -> None:
    """Send every event created under ``index_page`` through the secretariat's approval."""
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": secretariat_workflow()})
    page_type = ContentType.objects.get_for_model(Page)
    for group_name, codenames in EVENT_PAGE_PERMISSIONS.items():
        group = admin_group(group_name)
        for permission in Permission.objects.filter(content_type=page_type, codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=permission)
        grant_document_permissions(group, DOCUMENT_PERMISSIONS[group_name])
