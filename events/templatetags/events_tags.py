from django import template
from django.utils.html import format_html

from events import dates
from events.models import EventPage

register = template.Library()

ROMAN_NUMERALS = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


@register.simple_tag
def event_dates(event: EventPage) -> str:
    """The event's <time> element, readable in the active language and exact for machines."""
    return format_html('<time datetime="{}">{}</time>', dates.machine_date(event), dates.event_dates(event))


@register.filter
def roman(number: int | None) -> str:
    """The edition of a recurring event as it appears in its name: 3 becomes "III"."""
    if not number or number < 1:
        return ""
    numerals = []
    for value, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        numerals.append(numeral * count)
    return "".join(numerals)
