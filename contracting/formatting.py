"""Indicator values in the reader's language, for the profile's section and the comparison alike."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from contracting.definitions import Indicator


def format_value(indicator: Indicator, value: Decimal | None, currency: str = "") -> str:
    """A value in the active language: counts whole, amounts with cents (and their currency, where
    no column heading names it), shares in %."""
    if value is None:
        return ""
    if indicator.unit == "share":
        return percent(value)
    if indicator.unit == "amount":
        return f"{number_format(value, 2, force_grouping=True)} {currency}".strip()
    return number_format(value, 0, force_grouping=True)


def percent(share: Decimal | float) -> str:
    return _("%(percent)s %%") % {"percent": number_format(Decimal(share) * 100, 1)}
