"""Countries side by side: their profiles and their procurement indicators, at a shareable address.

``comparar/?country=PY&country=CO`` (``compare/…`` in English) below the procurement data page
compares 2 to 6 member states: the facts of their profiles (agency, legal framework, e-procurement
system and modules, open contracting publication) and the indicators of each dataset for the
same years, each column dated and sourced. Amounts stay in the currency they were published in,
one line per currency, never converted nor added up; a figure the data cannot support says so,
and a country without data shows the gap. ``&format=csv`` downloads the same figures.

The figures come precomputed (``Figure`` rows), read in one query for all the countries, so
the comparison costs the same few queries at a thousand processes as at a million.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from contracting.definitions import INDICATORS, Indicator
from contracting.formatting import format_value
from contracting.indicators import DatasetFigures, figures_of
from contracting.models.data import Dataset
from countries.models import CountryPage
from network.sections import ComparedFact, compared_facts

MIN_COUNTRIES = 2
MAX_COUNTRIES = 6
# The indicators compared, those of a profile's key figures; the years side by side show these.
COMPARED = (
    "processes",
    "buyers",
    "tenderers",
    "suppliers",
    "value_awarded",
    "competitive_share",
    "single_bid",
    "short_submission",
)
TREND = ("processes", "value_awarded", "competitive_share", "single_bid")
# The years side by side: the latest ones any chosen dataset has.
TREND_YEARS = 6
# More parameters than this is not a person choosing countries.
MAX_PARAMETERS = 20
CODE = re.compile(r"^[A-Za-z]{2}$")


@dataclass(frozen=True)
class Choice:
    """The countries asked for, and what is wrong with the request, if anything."""

    codes: list[str]
    errors: list[str]


@dataclass(frozen=True)
class Column:
    """One dataset of a chosen country (or the country alone, without data) and its figures."""

    country: CountryPage
    dataset: Dataset | None
    figures: DatasetFigures | None


@dataclass(frozen=True)
class Cell:
    """What a column shows for an indicator and year: values (one per currency for amounts), or
    the gap in their place, in words."""

    values: list[str]
    gap: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    anchor: str
    cells: list[Cell]


class ComparisonMixin:
    """The comparison route of ``ProcurementDataPage``."""

    @path("comparar/", name="comparison-es")
    @path("compare/", name="comparison-en")
    def comparison(self, request: HttpRequest) -> HttpResponse:
        choice = chosen_countries(request.GET)
        countries, unknown = _countries(choice.codes) if not choice.errors else ([], [])
        if unknown:
            choice = Choice(choice.codes, [_unknown(unknown)])
        columns = _columns(countries) if countries else []
        if request.GET.get("format") == "csv" and columns:
            return _csv(columns, choice.codes)
        context = {
            "choice": choice,
            "all_countries": _all_countries(),
            "columns": columns,
            "comparison_url": self.comparison_url(),
        }
        if columns:
            context.update(_tables(columns))
            context["profiles"] = _profiles(countries, columns)
            context["facts"] = _facts(compared_facts(countries, request), countries)
            query = urlencode([("country", code) for code in choice.codes] + [("format", "csv")])
            context["csv_url"] = f"{self.comparison_url()}?{query}"
        status = 400 if choice.errors else 200
        response = self.render(request, template="contracting/comparison.html", context_overrides=context)
        response.status_code = status
        return response

    def comparison_url(self) -> str:
        return self.url + self.comparison_route()

    @classmethod
    def comparison_route(cls) -> str:
        """The path of the comparison below the page, in the active language."""
        return cls.get_resolver().reverse(f"comparison-{get_language()}")


def chosen_countries(query: QueryDict) -> Choice:
    """The distinct country codes of ``?country=``, in the order given, or why they cannot be compared."""
    values = [value.strip().upper() for value in query.getlist("country")[:MAX_PARAMETERS]]
    codes = list(dict.fromkeys(value for value in values if CODE.match(value)))
    errors = []
    if len(codes) < len(set(values)):
        errors.append(_("Country codes are two letters, such as PY or CO."))
    if values and len(codes) < MIN_COUNTRIES:
        errors.append(_("Choose at least two countries to compare."))
    if len(codes) > MAX_COUNTRIES:
        errors.append(_("Choose at most six countries to compare."))
    return Choice(codes, errors)


def _countries(codes: list[str]) -> tuple[list[CountryPage], list[str]]:
    """The live member states of ``codes``, in the order chosen, and the codes none has."""
    found = {
        country.iso_alpha2: country
        for country in CountryPage.objects.live()
        .public()
        .filter(iso_alpha2__in=codes)
        .defer_streamfields()
        .prefetch_related("laws", "system_modules")
    }
    return [found[code] for code in codes if code in found], [code for code in codes if code not in found]


def _unknown(codes: list[str]) -> str:
    return ngettext(
        "No member country has the code %(codes)s.", "No member country has the codes %(codes)s.", len(codes)
    ) % {"codes": ", ".join(codes)}


def _all_countries() -> list[tuple[str, str]]:
    countries = CountryPage.objects.live().public().defer_streamfields().only("iso_alpha2", "title")
    return sorted(((country.iso_alpha2, country.title) for country in countries), key=lambda pair: pair[1])


def _columns(countries: list[CountryPage]) -> list[Column]:
    """A column per dataset with processes of each country (one without, for a country with none)."""

    datasets = defaultdict(list)
    for dataset in Dataset.objects.with_processes().filter(country__in=countries).order_by("name"):
        datasets[dataset.country_id].append(dataset)
    figures = figures_of([dataset for found in datasets.values() for dataset in found], COMPARED)
    columns = []
    for country in countries:
        found = datasets.get(country.pk, [])
        columns += [Column(country, dataset, figures[dataset.pk]) for dataset in found]
        if not found:
            columns.append(Column(country, None, None))
    return columns


def _profiles(countries: list[CountryPage], columns: list[Column]) -> list[tuple[CountryPage, list]]:
    """Each country once, with its datasets: the profile facts are the country's, not a dataset's."""
    return [
        (country, [column.dataset for column in columns if column.country == country and column.dataset])
        for country in countries
    ]


@dataclass(frozen=True)
class FactRow:
    """A row another app adds (``country_comparison_facts``): its label, template and a value per country."""

    label: str
    template: str
    values: list


def _facts(facts: list[ComparedFact], countries: list[CountryPage]) -> list[FactRow]:
    return [
        FactRow(str(fact.label), fact.template, [fact.values.get(country.pk) for country in countries])
        for fact in facts
    ]


def common_year(columns: list[Column]) -> int | None:
    """The latest full year every dataset has: the year the indicators are compared in."""
    years = [
        {year for year in column.figures.years if year <= column.figures.latest_full_year}
        for column in columns
        if column.figures is not None and column.figures.latest_full_year is not None
    ]
    if not years:
        return None
    shared = set.intersection(*years)
    return max(shared) if shared else None


def _tables(columns: list[Column]) -> dict:

    year = common_year(columns)
    with_data = [column.figures for column in columns if column.figures is not None]
    years = sorted({found for figures in with_data for found in figures.years})[-TREND_YEARS:]

    def cells(code: str, in_year: int | None) -> list[Cell]:
        return [_cell(column, INDICATORS[code], in_year) for column in columns]

    key_rows = (
        [Row(str(INDICATORS[code].label), code, cells(code, year)) for code in COMPARED]
        if year is not None
        else []
    )
    trend = [
        (INDICATORS[code], [Row(str(row_year), code, cells(code, row_year)) for row_year in years])
        for code in TREND
    ]
    return {"year": year, "key_rows": key_rows, "trend": trend}


def _cell(column: Column, indicator: Indicator, year: int | None) -> Cell:
    """No data where the country publishes none or the dataset has no such year; not computable
    where the year's data cannot support the figure; never a zero in their place."""
    found = column.figures.get(indicator.code, year) if column.figures is not None and year else None
    if found is None:
        return Cell([], _("No data"))
    if not found.computable:
        return Cell([], _("Not computable"))
    currencies = found.currencies if indicator.unit == "amount" else [""]
    return Cell([format_value(indicator, found.value("", currency), currency) for currency in currencies])


def _csv(columns: list[Column], codes: list[str]) -> HttpResponse:
    """The compared figures, one line per dataset, indicator, year and currency, with their source."""

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="comparison-{"-".join(codes)}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Country code"),
            _("Country"),
            _("Dataset"),
            _("Publisher"),
            _("Licence"),
            _("Sample (not the country's totals)"),
            _("Last update"),
            _("Indicator code"),
            _("Indicator"),
            _("Year"),
            _("Currency"),
            _("Value (empty: not computable)"),
            _("Coverage of the fields needed"),
        ]
    )
    for column in columns:
        writer.writerows(_csv_rows(column))
    return response


def _csv_rows(column: Column) -> list[list[str]]:
    country, dataset, figures = column.country, column.dataset, column.figures
    if dataset is None or figures is None:
        return [[country.iso_alpha2, country.title, "", "", "", "", "", "", "", "", "", "", ""]]
    source = [
        country.iso_alpha2,
        country.title,
        dataset.name,
        dataset.publisher,
        dataset.licence,
        "yes" if dataset.is_sample else "no",
        dataset.last_import_at.date().isoformat() if dataset.last_import_at else "",
    ]
    rows = []
    for code in COMPARED:
        for year in figures.years:
            found = figures.get(code, year)
            if found is None:
                continue
            for entry in found.entries or ():
                rows.append(
                    [
                        *source,
                        code,
                        str(INDICATORS[code].label),
                        str(year),
                        entry.currency,
                        "" if entry.value is None else _plain(entry.value),
                        "" if found.coverage is None else f"{found.coverage:.4f}",
                    ]
                )
    return rows


def _plain(value: Decimal) -> str:
    """A value as machines read it: a point for decimals, no grouping, no trailing zeros."""
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
