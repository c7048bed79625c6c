"""The portal directory in the read-only API (/api/v2/portals/), registered in ``portals/wagtail_hooks.py``.

Portals are snippets, not pages; the fields are ``Portal.public_fields``, with the
result of the last link check.
"""

from django.db.models import QuerySet

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet

from network.api import LanguageMixin
from portals.models import Portal


class PortalsEndpoint(LanguageMixin, BaseAPIViewSet):
    model = Portal
    name = "portals"
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "kind", "url", "country"]

    def get_queryset(self) -> QuerySet[Portal]:
        return Portal.objects.select_related("country", "institution").order_by("pk")


API_ENDPOINTS = {"portals": PortalsEndpoint}
