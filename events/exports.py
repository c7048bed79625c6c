"""Events and their agreements as downloads (see ``network.exports``).

The columns are ``EventPage.public_fields`` and ``EventAgreement.public_fields``;
the rows fetch every relation those columns read, in a fixed number of queries.
"""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from countries.models import CountryPage
from events.listing import with_host_visibility
from events.models import EventAgreement, EventPage
from network.exports import Dataset
from network.models import TopicPage
from network.tree import visible, visible_through


def event_rows(request: HttpRequest) -> QuerySet[EventPage]:
    countries = visible(CountryPage.objects.all())
    return (
        with_host_visibility(visible(EventPage.objects.all()))
        .order_by("-start_date", "pk")
        .select_related("host_country")
        .prefetch_related(
            Prefetch("participating_countries", queryset=countries),
            Prefetch("organizing_countries", queryset=countries),
            "organizing_institutions",
        )
    )


def agreement_rows(request: HttpRequest) -> QuerySet[EventAgreement]:
    return (
        visible_through(EventAgreement.objects.all(), "page")
        .order_by("-page__start_date", "page_id", "sort_order")
        .select_related("page")
        .prefetch_related(
            Prefetch("topics", queryset=visible(TopicPage.objects.all())),
            Prefetch("responsible_countries", queryset=visible(CountryPage.objects.all())),
        )
    )


DATASETS = {
    "events": Dataset(_("Events"), EventPage, event_rows),
    "agreements": Dataset(_("Agreements of the events"), EventAgreement, agreement_rows),
}
