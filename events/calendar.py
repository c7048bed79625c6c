"""An event as an iCalendar file, so visitors can add it to their own calendar."""

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from wagtail.models import Page, Site

import icalendar

PRODUCT_ID = "-//Red Interamericana de Compras Gubernamentales//Eventos//ES"


def event_uid(event: Page, request: HttpRequest) -> str:
    """The same identifier in every download and language, so calendars update the event, not duplicate it."""
    site = event.get_site() or Site.find_for_request(request)
    host = site.hostname if site else request.get_host()
    return f"event-{event.pk}@{host}"


def event_location(event: Page) -> str:
    return ", ".join(
        str(part) for part in (event.city, getattr(event.visible_host_country(), "title", "")) if part
    )


def all_day_span(event: Page) -> tuple[date, date]:
    """DTSTART and the exclusive DTEND of the event's days; a record that gives only the month
    spans the whole month, as iCalendar cannot say "some days in June"."""
    if event.only_month_known:
        after = event.end_date.replace(day=28) + timedelta(days=4)
        return event.start_date.replace(day=1), after.replace(day=1)
    return event.start_date, event.end_date + timedelta(days=1)


def event_calendar(event: Page, request: HttpRequest) -> icalendar.Calendar:
    """A one-event calendar in the active language; the dates are all-day, so no time zone applies."""
    start, end = all_day_span(event)
    vevent = icalendar.Event.new(
        uid=event_uid(event, request),
        stamp=event.last_published_at or timezone.now(),
        start=start,
        end=end,
        summary=event.title,
        description=event.intro or None,
        location=event_location(event) or None,
        url=event.get_full_url(request),
    )
    # Built field by field: Calendar.new() would add a random calendar UID to every download.
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(vevent)
    return calendar


def calendar_response(event: Page, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        event_calendar(event, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{event.slug}.ics"
    )
    return response
