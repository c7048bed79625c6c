"""An event's dates as readers see them, in the active language and as precise as they are known."""

from datetime import date
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from events.models import EventPage


def date_range(start: date, end: date) -> str:
    """Naming the month and year the two dates share only once: "20–23 de junio de 2005"."""
    if start == end:
        return date_format(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        # Translators: an event's dates within one month, e.g. "March 12–14, 2025".
        pattern = _("%(start_month)s %(start_day)s–%(end_day)s, %(year)s")
    elif start.year == end.year:
        # Translators: an event's dates across two months, e.g. "March 30 – April 2, 2025".
        pattern = _("%(start_month)s %(start_day)s – %(end_month)s %(end_day)s, %(year)s")
    else:
        # Translators: an event's dates across two years, each a full date.
        pattern = _("%(start_date)s – %(end_date)s")
    return pattern % {
        "start_day": start.day,
        "end_day": end.day,
        "start_month": date_format(start, "F"),
        "end_month": date_format(end, "F"),
        "year": end.year,
        "start_date": date_format(start, "DATE_FORMAT"),
        "end_date": date_format(end, "DATE_FORMAT"),
    }


def event_dates(event: "EventPage") -> str:
    """ "Septiembre de 2004" when the record gives only the month, else the exact range."""
    if event.only_month_known:
        return date_format(event.start_date, "YEAR_MONTH_FORMAT")
    return date_range(event.start_date, event.end_date)


def machine_date(event: "EventPage") -> str:
    """The start in ISO 8601 to the known precision ("2004-09", "2005-06-20"), for <time> and JSON-LD."""
    return event.start_date.strftime("%Y-%m") if event.only_month_known else event.start_date.isoformat()
