"""The indicators: what each one counts, from which OCDS fields, on whose definition.

``INDICATORS`` is the one declaration that the computation (``contracting.indicators``), the
profile section, the methodology page, the API and the downloads all read.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MARKET = _("Market figures as the Open Contracting Partnership defines them for OCDS data")


@dataclass(frozen=True)
class Indicator:
    """One indicator: its code (in Figure rows, the API and downloads) and how it is read."""

    code: str
    label: str | Promise
    definition: str | Promise
    source: str | Promise
    # "count", "amount" (per currency, never summed across currencies) or "share" (0–1)
    unit: str
    # The OCDS fields it needs, for the methodology page and the coverage figure.
    fields: tuple[str, ...]
    # What each figure's ``key`` holds: "" (none), "method", "category", "status", or an
    # organisation's id for the rankings ("buyer", "supplier").
    breakdown: str = ""


INDICATORS: dict[str, Indicator] = {
    indicator.code: indicator
    for indicator in (
        Indicator(
            "processes",
            _("Processes"),
            _("Contracting processes (distinct OCIDs) that started in the period."),
            MARKET,
            "count",
            ("ocid",),
        ),
        Indicator(
            "buyers",
            _("Buyers"),
            _("Distinct buyers (or procuring entities, where no buyer is named) of those processes."),
            MARKET,
            "count",
            ("buyer", "tender.procuringEntity"),
        ),
        Indicator(
            "tenderers",
            _("Tenderers"),
            _("Distinct organisations that submitted a bid in those processes."),
            MARKET,
            "count",
            ("tender.tenderers",),
        ),
        Indicator(
            "suppliers",
            _("Awarded suppliers"),
            _("Distinct suppliers of the processes' awards."),
            MARKET,
            "count",
            ("awards.suppliers",),
        ),
        Indicator(
            "value_awarded",
            _("Value awarded"),
            _("Sum of the values of the awards that are active or carry no status, per currency."),
            MARKET,
            "amount",
            ("awards.value",),
        ),
        Indicator(
            "processes_by_method",
            _("Processes by procurement method"),
            _("Processes per procurement method (open, selective, limited, direct)."),
            MARKET,
            "count",
            ("tender.procurementMethod",),
            breakdown="method",
        ),
        Indicator(
            "value_by_method",
            _("Value awarded by procurement method"),
            _("Value awarded per procurement method and currency."),
            MARKET,
            "amount",
            ("tender.procurementMethod", "awards.value"),
            breakdown="method",
        ),
        Indicator(
            "processes_by_category",
            _("Processes by main category"),
            _("Processes per main procurement category (goods, works, services)."),
            MARKET,
            "count",
            ("tender.mainProcurementCategory",),
            breakdown="category",
        ),
        Indicator(
            "value_by_category",
            _("Value awarded by main category"),
            _("Value awarded per main procurement category and currency."),
            MARKET,
            "amount",
            ("tender.mainProcurementCategory", "awards.value"),
            breakdown="category",
        ),
        Indicator(
            "processes_by_status",
            _("Processes by tender status"),
            _("Processes per tender status (planned, active, complete, cancelled…)."),
            MARKET,
            "count",
            ("tender.status",),
            breakdown="status",
        ),
        Indicator(
            "competitive_share",
            _("Competitive processes"),
            _("Share of the processes with a known method that used an open or selective one."),
            MARKET,
            "share",
            ("tender.procurementMethod",),
        ),
        Indicator(
            "competitive_value_share",
            _("Value awarded competitively"),
            _("Share of the value awarded, per currency, that went through open or selective procedures."),
            MARKET,
            "share",
            ("tender.procurementMethod", "awards.value"),
        ),
        Indicator(
            "single_bid",
            _("Single bid received (R018)"),
            _(
                "Share of the open or selective processes, not cancelled, with a known number of tenderers, "
                "that received exactly one bid."
            ),
            _("Red flag R018 of the Open Contracting Partnership's Cardinal library"),
            "share",
            ("tender.procurementMethod", "tender.numberOfTenderers"),
        ),
        Indicator(
            "short_submission",
            _("Short submission period (R003)"),
            _(
                "Share of the processes, not cancelled, with both ends of the tender period, whose period "
                "lasted fewer whole days than the threshold for their procurement method details (15 unless "
                "the dataset sets another; some methods are left out)."
            ),
            _("Red flag R003 of the Open Contracting Partnership's Cardinal library"),
            "share",
            (
                "tender.tenderPeriod.startDate",
                "tender.tenderPeriod.endDate",
                "tender.procurementMethodDetails",
            ),
        ),
    )
}


# How many organisations a ranking keeps per year (and currency, for amounts).
RANKING_SIZE = 10

# The largest buyers and suppliers of each year, for the profile's charts. Each figure's ``key``
# is the organisation's id in this site's database (``Organisation.pk``); only whole years are
# ranked. Kept apart from ``INDICATORS``: a ranking is a list of organisations, not a figure of
# the market that every period has.
RANKINGS: dict[str, Indicator] = {
    indicator.code: indicator
    for indicator in (
        Indicator(
            "top_buyers_by_count",
            _("Buyers with the most processes"),
            _("The buyers that started the most processes in the year."),
            MARKET,
            "count",
            ("buyer",),
            breakdown="buyer",
        ),
        Indicator(
            "top_buyers_by_value",
            _("Buyers with the most value awarded"),
            _(
                "The buyers of the processes whose awards (active or without a status) add up to most, "
                "per currency."
            ),
            MARKET,
            "amount",
            ("buyer", "awards.value"),
            breakdown="buyer",
        ),
        Indicator(
            "top_suppliers_by_count",
            _("Suppliers awarded the most processes"),
            _("The suppliers named in the awards of the most processes of the year."),
            MARKET,
            "count",
            ("awards.suppliers",),
            breakdown="supplier",
        ),
        Indicator(
            "top_suppliers_by_value",
            _("Suppliers awarded the most value"),
            _(
                "The suppliers whose awards (active or without a status) add up to most, per currency; an "
                "award to several suppliers counts in full for each of them."
            ),
            MARKET,
            "amount",
            ("awards.suppliers", "awards.value"),
            breakdown="supplier",
        ),
    )
}
