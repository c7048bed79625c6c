"""Everything an event page shows about its related objects, fetched in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest

from wagtail.models import Page

from countries.models import CountryPage
from events.calendar import is_still_to_come
from events.choices import SESSION_KIND_HEADINGS
from network.models import TopicPage
from network.ordering import alphabetical
from network.tree import visible, visible_among


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


def prefetch_children(event: Page) -> None:
    """The sessions and agreements onto the event, with their live topics and countries.

    A preview's children are in-memory lists, unsaved: there is nothing to prefetch.
    """
    if not isinstance(event.sessions.all(), QuerySet):
        return
    live_topics = visible(TopicPage.objects.all())
    prefetch_related_objects(
        [event],
        Prefetch("sessions__topics", queryset=live_topics),
        Prefetch("agreements__topics", queryset=live_topics),
        Prefetch("agreements__responsible_countries", queryset=visible(CountryPage.objects.all())),
    )


def calendar_url(event: Page, request: HttpRequest) -> str | None:
    """Where the event's .ics file is, for an event still to come; none for past events, events
    known only to the month, drafts and new pages in preview (which start "live")."""
    page_url = event.get_url(request) if event.pk and event.live and is_still_to_come(event) else None
    return page_url + event.reverse_subpage("ical") if page_url else None


def event_details(event: Page, request: HttpRequest) -> dict:
    """The event page's related objects, each list fetched once.

    Related pages are those readers may see (``visible_among``), whether saved or a preview's in memory.
    """
    prefetch_children(event)
    sessions = list(event.sessions.all())
    agreements = list(event.agreements.all())
    for agreement in agreements:
        agreement.countries_in_order = alphabetical(agreement.responsible_countries.all())
    return {
        "host_country": event.visible_host_country(),
        "organizing_countries": alphabetical(visible_among(event.organizing_countries.all())),
        "organizing_institutions": list(event.organizing_institutions.all()),
        "participating_countries": alphabetical(visible_among(event.participating_countries.all())),
        "agenda": agenda_sections(sessions),
        "agreements": agreements,
        "documents": list(event.documents.select_related("document").defer("document__extracted_text")),
        "event_topics": alphabetical(event.discussed_topics()),
        "calendar_url": calendar_url(event, request),
    }
