"""The portal directory as a download (see ``network.exports``); the columns are ``Portal.public_fields``."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from network.exports import Dataset
from network.ordering import collation_key
from portals.models import Portal


def portal_rows(request: HttpRequest) -> list[Portal]:
    portals = Portal.objects.order_by("pk").select_related("country", "institution")
    return sorted(portals, key=lambda portal: collation_key(portal.name))


DATASETS = {"portals": Dataset(_("Portals and initiatives"), Portal, portal_rows)}
