"""What schema.org knows of an event page: an Event (see ``network.structured_data``)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from countries.structured_data import country_place
from events.dates import machine_date
from events.models import EventKind, EventPage
from network.public import schema_properties
from network.structured_data import SCHEMA, PageSchema, description, iso, publisher, without_empty
from network.tree import visible_among


def event_location(event: EventPage, request: HttpRequest) -> dict[str, Any]:
    host = event.visible_host_country()
    if event.kind == EventKind.WEB_CONFERENCE or (not event.city and host is None):
        return {"@type": "VirtualLocation", "url": event.get_full_url(request)}
    address = without_empty(
        {
            "@type": "PostalAddress",
            "addressLocality": event.city,
            "addressCountry": host.iso_alpha2 if host else None,
        }
    )
    name = ", ".join(part for part in (event.city, host and host.title) if part)
    return {"@type": "Place", "name": name, "address": address}


def event_organizers(event: EventPage, request: HttpRequest) -> list[dict[str, Any]]:
    countries = [
        without_empty(
            {
                "@type": "GovernmentOrganization",
                "name": country.agency_name or country.title,
                "areaServed": country_place(country),
            }
        )
        for country in visible_among(event.organizing_countries.all())
    ]
    institutions = [
        without_empty({"@type": "Organization", "name": institution.name, "url": institution.url})
        for institution in sorted(event.organizing_institutions.all(), key=lambda institution: institution.pk)
    ]
    return countries + institutions or [publisher(request)]


def event(page: EventPage, request: HttpRequest) -> list[dict[str, Any]]:
    online = page.kind == EventKind.WEB_CONFERENCE
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        **schema_properties(page),
        "description": description(page),
        "startDate": machine_date(page),
        "endDate": None if page.only_month_known else iso(page.end_date),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/{'Online' if online else 'Offline'}EventAttendanceMode",
        "location": event_location(page, request),
        "organizer": event_organizers(page, request),
        "url": page.get_full_url(request),
        "inLanguage": get_language(),
    }
    return [without_empty(data)]


STRUCTURED_DATA = {EventPage: PageSchema(json_ld=event)}
