"""Everything an event page shows about its related objects, fetched in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from wagtail.models import Page

from countries.models import CountryPage
from events.choices import SESSION_KIND_HEADINGS
from network.models import TopicPage
from network.ordering import alphabetical


@dataclass
class AgendaSection:
    """The sessions of one kind (the workshops, the round tables…), in agenda order."""

    kind: str
    heading: str
    sessions: list = field(default_factory=list)


def agenda_sections(sessions: list) -> list[AgendaSection]:
    """Sessions grouped by kind; the kinds come in the order they first appear in the agenda."""
    sections: dict[str, AgendaSection] = {}
    for session in sessions:
        heading = SESSION_KIND_HEADINGS.get(session.kind, session.get_kind_display())
        sections.setdefault(session.kind, AgendaSection(session.kind, heading)).sessions.append(session)
    return list(sections.values())


def live_topics() -> Prefetch:
    return Prefetch("topics", queryset=TopicPage.objects.live())


def fetch(children, *lookups) -> list:
    """A child relation as a list, its own relations prefetched.

    A preview's children are in-memory lists, unsaved: there is nothing to prefetch.
    """
    items = children.all()
    return list(items.prefetch_related(*lookups) if isinstance(items, QuerySet) else items)


def calendar_url(event: Page, request: HttpRequest) -> str | None:
    """Where the event's .ics file is; none for drafts and new pages in preview (which start "live")."""
    page_url = event.get_url(request) if event.pk and event.live else None
    return page_url + event.reverse_subpage("ical") if page_url else None


def event_details(event: Page, request: HttpRequest) -> dict:
    """The event page's related objects, each list fetched once.

    Live pages are picked with ``filter(live=True)`` rather than ``live()``: a preview's
    relations are in-memory lists that support the former only.
    """
    sessions = fetch(event.sessions, live_topics())
    agreements = fetch(
        event.agreements,
        live_topics(),
        Prefetch("responsible_countries", queryset=CountryPage.objects.live()),
    )
    for agreement in agreements:
        agreement.countries_in_order = alphabetical(agreement.responsible_countries.all())
    topics = {topic.pk: topic for item in [*sessions, *agreements] for topic in item.topics.all()}
    return {
        "host_country": event.host_country,
        "organizing_countries": alphabetical(event.organizing_countries.filter(live=True)),
        "organizing_institutions": list(event.organizing_institutions.all()),
        "participating_countries": alphabetical(event.participating_countries.filter(live=True)),
        "agenda": agenda_sections(sessions),
        "agreements": agreements,
        "documents": list(event.documents.select_related("document").defer("document__extracted_text")),
        "event_topics": alphabetical(topics.values()),
        "calendar_url": calendar_url(event, request),
    }
