"""The "Procurement data" section of a country profile: key figures, trend, charts, source and terms.

The figures come precomputed (``Figure`` rows, one query per dataset of the country), so the
profile costs the same at a thousand processes as at a million. Values are formatted here, in
the reader's language, so that the template only lays them out; a figure the data cannot
support says so, with the coverage of the fields it needs, and is never shown as zero.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpRequest

from contracting.charts import Chart, dataset_charts
from contracting.definitions import INDICATORS, Indicator
from contracting.formatting import format_value, percent
from contracting.indicators import DatasetFigures, YearFigures, dataset_figures
from contracting.models import Dataset, ProcurementDataPage
from countries.models import CountryIndexPage, CountryPage
from network.exports import export_url
from network.listing import index_urls
from network.sections import Section

# The key figures a profile shows, in this order; the methodology defines each.
KEY_INDICATORS = (
    "processes",
    "buyers",
    "tenderers",
    "suppliers",
    "value_awarded",
    "competitive_share",
    "single_bid",
    "short_submission",
)
# The trend's columns (value awarded gets one per currency).
TREND_INDICATORS = ("processes", "value_awarded", "competitive_share", "single_bid")


@dataclass(frozen=True)
class Shown:
    """One figure as the page shows it: the values (one per currency for amounts), or why not."""

    indicator: Indicator
    values: list[str]
    coverage: str

    @property
    def computable(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class DatasetSection:
    dataset: Dataset
    year: int | None
    key_figures: list[Shown]
    trend_columns: list[tuple[Indicator, str]]
    trend: list[tuple[int, list[str]]]
    charts: list[Chart]


def country_data(country: CountryPage, request: HttpRequest) -> Section | None:
    """The section, or None for a country without imported data."""
    datasets = list(country.datasets.with_processes().order_by("name"))
    if not datasets:
        return None
    urls = index_urls(request, ProcurementDataPage)
    page_url = urls.get(ProcurementDataPage, "")
    code = country.iso_alpha2
    return Section(
        "contracting/sections/country_data.html",
        {
            "procurement_datasets": [_dataset_section(dataset) for dataset in datasets],
            "procurement_data_url": page_url,
            "methodology_url": page_url + ProcurementDataPage.methodology_route() if page_url else "",
            "comparison_url": page_url + ProcurementDataPage.comparison_route() if page_url else "",
            "other_countries": _other_countries(country),
            "explorer_url": page_url + ProcurementDataPage.country_explorer_route(code) if page_url else "",
            "figures_csv_url": f"{export_url('procurement-indicators', 'csv')}?country={code}",
            "figures_json_url": f"{export_url('procurement-indicators', 'json')}?country={code}",
        },
    )


def _other_countries(country: CountryPage) -> list[tuple[str, str]]:
    """The member states a reader may compare ``country`` with, by name."""
    others = CountryPage.objects.live().public().exclude(pk=country.pk).values_list("iso_alpha2", "title")
    return sorted(others, key=lambda pair: pair[1])


def comparison_link(page: CountryIndexPage, request: HttpRequest) -> Section | None:
    """The country index's way to the comparison of countries."""
    page_url = index_urls(request, ProcurementDataPage).get(ProcurementDataPage, "")
    if not page_url:
        return None
    return Section(
        "contracting/sections/country_index_comparison.html",
        {"comparison_url": page_url + ProcurementDataPage.comparison_route()},
    )


def _dataset_section(dataset: Dataset) -> DatasetSection:
    figures = dataset_figures(dataset)
    year = figures.latest_full_year or (figures.years[-1] if figures.years else None)
    key_figures = (
        [_shown(INDICATORS[code], figures.get(code, year)) for code in KEY_INDICATORS] if year else []
    )
    columns = _trend_columns(figures)
    trend = [
        (
            row_year,
            [
                format_value(indicator, _value(figures.get(indicator.code, row_year), currency))
                for indicator, currency in columns
            ],
        )
        for row_year in figures.years
    ]
    return DatasetSection(dataset, year, key_figures, columns, trend, dataset_charts(dataset, figures, year))


def _trend_columns(figures: DatasetFigures) -> list[tuple[Indicator, str]]:
    columns = []
    for code in TREND_INDICATORS:
        indicator = INDICATORS[code]
        if indicator.unit == "amount":
            found = (figures.get(code, year) for year in figures.years)
            currencies = sorted(
                {currency for year in found if year is not None for currency in year.currencies}
            )
            columns += [(indicator, currency) for currency in currencies]
        else:
            columns.append((indicator, ""))
    return columns


def _value(found: YearFigures | None, currency: str) -> Decimal | None:
    return found.value("", currency) if found is not None and found.computable else None


def _shown(indicator: Indicator, found: YearFigures | None) -> Shown:
    coverage = percent(found.coverage) if found is not None and found.coverage is not None else percent(0)
    if found is None or not found.computable:
        return Shown(indicator, [], coverage)
    currencies: Iterable[str] = found.currencies if indicator.unit == "amount" else [""]
    values = [format_value(indicator, found.value("", currency), currency) for currency in currencies]
    return Shown(indicator, [value for value in values if value], coverage)
