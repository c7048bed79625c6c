from datetime import date

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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
def date_range(start: date, end: date) -> str:
    """An event's dates in the active language, naming the month and year they share only once."""
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
