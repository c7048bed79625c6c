"""An event as an iCalendar file, so visitors can add it to their own calendar."""

from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
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


def has_calendar_dates(event: Page) -> bool:
    """Whether the event's days are known. iCalendar cannot say "some days in June": a record that
    gives only the month is shown as the month on the site and left out of calendars, rather than
    written as a month-long event that never took place."""
    return not event.only_month_known


def is_still_to_come(event: Page) -> bool:
    """Whether adding the event to a calendar still makes sense: its days are known and not all past."""
    return has_calendar_dates(event) and event.end_date >= timezone.localdate()


def all_day_span(event: Page) -> tuple[date, date]:
    """DTSTART and the exclusive DTEND of the event's days."""
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
    if not has_calendar_dates(event):
        raise Http404
    response = HttpResponse(
        event_calendar(event, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{event.slug}.ics"
    )
    return response
