"""Computing the indicators declared in ``contracting.definitions``, and reading them back.

``recompute`` replaces a dataset's ``Figure`` rows, per year and per month, with values the
database aggregates (SQL GROUP BY, on PostgreSQL and SQLite alike); ``dataset_figures`` reads
a dataset's yearly figures back for the pages.
"""

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Sum, Value, When

from contracting.definitions import INDICATORS, RANKING_SIZE, RANKINGS, Indicator
from contracting.models.data import COMPETITIVE_METHODS, Award, Dataset, Figure, Process

# Cardinal's default threshold for R003, in whole days, where a dataset sets none.
DEFAULT_SHORT_SUBMISSION_DAYS = 15


# Awards whose value counts as awarded: active ones, and those published without a status.
AWARDED_STATUSES = ("active", "")
# An award's amount counts where it has a currency: amounts in different ones are never added up.
WITH_AMOUNT = Q(amount__isnull=False) & ~Q(currency="")
COMPETITIVE = tuple(method.value for method in COMPETITIVE_METHODS)
BREAKDOWNS = ("method", "category", "status")
SHARE_PLACES = Decimal("0.0001")
# What the Figure columns hold: 20 digits before the decimal point, and signed 64-bit integers.
LARGEST_VALUE = Decimal(10) ** 20
LARGEST_WHOLE = 2**63

# (year, month); month None for the whole year.
Period = tuple[int, int | None]


def recompute(dataset: Dataset) -> None:
    """Replace the dataset's figures with ones computed from its processes.

    The database does the counting, in a handful of GROUP BY queries over the whole dataset
    (``_tallies``, ``_rankings``); Python only adds up their grouped rows, divides and keeps
    each year's largest buyers and suppliers. The old figures are
    replaced in one transaction, so that a reader never sees half of them.

    Cardinal's red flags leave out organisation references without an id and amounts outside
    the dataset's main currency. Neither touches the two computed here: R018 (``single_bid``)
    reads the method, the tender status and the number of tenderers, R003
    (``short_submission``) the tender status, the method details and the tender period. Both
    leave out cancelled tenders; processes without a string ocid never reach the database.
    """
    figures = [
        Figure(
            dataset=dataset,
            indicator=code,
            year=year,
            month=month,
            key=result.key,
            currency=result.currency,
            value=result.value,
            numerator=result.numerator,
            denominator=result.denominator,
            coverage=result.coverage,
        )
        for (year, month), tally in _tallies(dataset).items()
        for code in INDICATORS
        for result in COMPUTATIONS[code](tally)
    ]
    figures += _rankings(dataset)
    with transaction.atomic():
        Figure.objects.filter(dataset=dataset).delete()
        Figure.objects.bulk_create(figures, batch_size=1000)


def short_submission_thresholds(dataset: Dataset) -> tuple[int | None, dict[str, int | None]]:
    """The dataset's R003 thresholds in whole days: its default, and those per method details.

    A null threshold leaves the method out (as the default: every method not listed). A setting
    that is not a whole number of days is ignored, so that a mistyped entry falls back to the
    default instead of breaking every import of the dataset.
    """
    settings = dataset.short_submission_days if isinstance(dataset.short_submission_days, dict) else {}
    thresholds = {details: days for details, days in settings.items() if _is_days(days)}
    default = thresholds.pop("default", DEFAULT_SHORT_SUBMISSION_DAYS)
    return _days(default), {details: _days(days) for details, days in thresholds.items()}


def _is_days(days: Any) -> bool:
    return days is None or (
        isinstance(days, int | float) and not isinstance(days, bool) and days == int(days)
    )


def _days(days: int | float | None) -> int | None:
    return None if days is None else int(days)


# --- Counting in the database ----------------------------------------------------------------


class AwardGroup(NamedTuple):
    method: str
    category: str
    currency: str


@dataclass
class Tally:
    """What the grouped queries found for one period: a month, or a whole year."""

    processes: int = 0
    # Processes with a given property: coverage, numerators and denominators (see the queries).
    counts: Counter[str] = field(default_factory=Counter)
    # Processes per method, category and status; processes without one are not counted.
    keys: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # Processes with an award value: all of them (""), and those with a known method or category.
    with_award_value: Counter[str] = field(default_factory=Counter)
    # Distinct buyers, tenderers and suppliers, counted by the database for this very period:
    # the months' counts do not add up to the year's.
    distinct: Counter[str] = field(default_factory=Counter)
    awarded: Counter[AwardGroup] = field(default_factory=Counter)

    def coverage(self, count: int) -> float:
        return count / self.processes if self.processes else 0.0

    def add_processes(self, group: dict[str, Any]) -> None:
        """Add one group of ``_process_groups``: processes that share a method, category and status."""
        processes, method, status = group["processes"], group["method"], group["status"]
        self.processes += processes
        for breakdown in BREAKDOWNS:
            if group[breakdown]:
                self.keys[breakdown][group[breakdown]] += processes
        self.counts.update(
            buyers=group["with_buyer"],
            declaring_no_tenderers=group["declaring_no_tenderers"],
            submission_days=group["with_submission_days"],
        )
        if method:
            self.counts["method_and_number_of_tenderers"] += group["with_number_of_tenderers"]
        if status != "cancelled":
            self.counts.update(short_submission_judged=group["judged"], short_submission=group["short"])
            if method in COMPETITIVE:
                self.counts.update(
                    single_bid_judged=group["with_number_of_tenderers"], single_bid=group["single_bid"]
                )

    def add_award_values(self, group: dict[str, Any]) -> None:
        """Add one group of ``_award_value_coverage``."""
        self.with_award_value[""] += group["processes"]
        for breakdown in ("method", "category"):
            if group[breakdown]:
                self.with_award_value[breakdown] += group["processes"]


def _tallies(dataset: Dataset) -> dict[Period, Tally]:
    """The periods with processes, each with what the database counted in it.

    Processes and amounts are counted per month, and the months added up into their years
    (a process counts in one month only). Distinct organisations are counted per month and per
    year separately. Whether a process names a tenderer or a supplier is counted among the
    tenderers and suppliers grouped by month, whether it has an award value by a semi-join:
    looking up each process's rows from inside the aggregate took most of the time at a million
    processes.
    """
    tallies: defaultdict[Period, Tally] = defaultdict(Tally)
    for group in _process_groups(dataset):
        for period in _periods(group):
            tallies[period].add_processes(group)
    for group in _award_value_coverage(dataset):
        for period in _periods(group):
            tallies[period].add_award_values(group)
    for group in _award_sums(dataset):
        award_group = AwardGroup(group["method"], group["category"], group["currency"])
        for period in _periods(group):
            tallies[period].awarded[award_group] += group["awarded"] or 0
    for source in _organisation_sources(dataset):
        found = Count(source.column, distinct=True)
        for group in _per_period(source.rows, source.path, by_month=True).annotate(
            found=found, **source.covered
        ):
            month, year = _periods(group)
            tallies[month].distinct[source.name] = group["found"]
            for period in (month, year):
                tallies[period].counts.update({name: group[name] for name in source.covered})
        for group in _per_period(source.rows, source.path, by_month=False).annotate(found=found):
            tallies[group["period_year"], None].distinct[source.name] = group["found"]
    return dict(tallies)


def _process_groups(dataset: Dataset) -> QuerySet:
    """Processes per month, method, category and status, with the counts the indicators need."""
    processes = Process.objects.filter(dataset=dataset).alias(threshold=_threshold(dataset))
    return (
        _per_period(processes, "", by_month=True)
        .values("period_year", "period_month", *BREAKDOWNS)
        .annotate(
            processes=Count("pk"),
            with_buyer=Count("buyer"),
            declaring_no_tenderers=Count("pk", filter=Q(number_of_tenderers=0)),
            with_number_of_tenderers=Count("number_of_tenderers"),
            single_bid=Count("pk", filter=Q(number_of_tenderers=1)),
            with_submission_days=Count("submission_days"),
            judged=Count("pk", filter=Q(submission_days__isnull=False, threshold__isnull=False)),
            short=Count("pk", filter=Q(submission_days__lt=F("threshold"))),
        )
    )


def _threshold(dataset: Dataset) -> Case:
    """R003's threshold of each process, from its method details, as an SQL CASE expression."""
    default, per_details = short_submission_thresholds(dataset)
    return Case(
        *[
            When(method_details=details, then=Value(days, output_field=IntegerField()))
            for details, days in per_details.items()
        ],
        default=Value(default, output_field=IntegerField()),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class OrganisationSource:
    """Where the distinct buyers, tenderers or suppliers are counted, with the coverage they give."""

    name: str
    rows: QuerySet
    # From a row to its process, and the column that names the organisation.
    path: str
    column: str
    # Counts of processes per month, for the coverage (counted in ``Tally.counts``).
    covered: dict[str, Count]


def _organisation_sources(dataset: Dataset) -> list[OrganisationSource]:
    tenderers = Process.tenderers.through.objects.filter(process__dataset=dataset)
    suppliers = Award.suppliers.through.objects.filter(award__process__dataset=dataset)
    return [
        OrganisationSource("buyers", Process.objects.filter(dataset=dataset), "", "buyer", {}),
        OrganisationSource(
            "tenderers",
            tenderers,
            "process__",
            "organisation",
            {
                "naming_tenderers": Count("process", distinct=True),
                "naming_and_declaring_no_tenderers": Count(
                    "process", distinct=True, filter=Q(process__number_of_tenderers=0)
                ),
            },
        ),
        OrganisationSource(
            "suppliers",
            suppliers,
            "award__process__",
            "organisation",
            {"suppliers": Count("award__process", distinct=True)},
        ),
    ]


def _per_period(queryset: QuerySet, path: str, by_month: bool) -> QuerySet:
    """``queryset`` grouped by the year, and the month if ``by_month``, of the process at ``path``."""
    fields = {"period_year": F(f"{path}year")}
    if by_month:
        fields["period_month"] = F(f"{path}month")
    return queryset.values(**fields).order_by()


def _award_value_coverage(dataset: Dataset) -> QuerySet:
    """Processes with an award value, per month, method and category.

    A semi-join (EXISTS in the WHERE clause), which the database runs as one hash join,
    in parallel; counting distinct processes among the awards took three times as long.
    """
    with_value = Exists(Award.objects.filter(WITH_AMOUNT, process=OuterRef("pk")))
    return (
        _per_period(Process.objects.filter(dataset=dataset).filter(with_value), "", by_month=True)
        .values("period_year", "period_month", "method", "category")
        .annotate(processes=Count("pk"))
    )


def _award_sums(dataset: Dataset) -> QuerySet:
    """Value awarded per month, method, category and currency."""
    return (
        _per_period(Award.objects.filter(WITH_AMOUNT, process__dataset=dataset), "process__", by_month=True)
        .values(
            "period_year",
            "period_month",
            "currency",
            method=F("process__method"),
            category=F("process__category"),
        )
        .annotate(awarded=Sum("amount", filter=Q(status__in=AWARDED_STATUSES)))
    )


def _periods(group: dict[str, Any]) -> tuple[Period, Period]:
    """The month of a group, and its year."""
    return (group["period_year"], group["period_month"]), (group["period_year"], None)


# --- The largest buyers and suppliers of each year ---------------------------------------------


def _rankings(dataset: Dataset) -> list[Figure]:
    """Each year's ``RANKING_SIZE`` largest buyers and suppliers, by processes and by value.

    Four GROUP BY queries give every organisation's count or amount per year (and currency);
    only the largest are kept, so that a profile reads its top ten from ``Figure`` rows instead
    of aggregating a million processes on every view.
    """
    awarded = Q(award__status__in=AWARDED_STATUSES, award__amount__isnull=False) & ~Q(award__currency="")
    suppliers = Award.suppliers.through.objects.filter(award__process__dataset=dataset)
    groups = {
        "top_buyers_by_count": Process.objects.filter(dataset=dataset, buyer__isnull=False)
        .values("year", organisation=F("buyer"))
        .annotate(total=Count("pk")),
        "top_buyers_by_value": Award.objects.filter(
            WITH_AMOUNT, status__in=AWARDED_STATUSES, process__dataset=dataset, process__buyer__isnull=False
        )
        .values("currency", year=F("process__year"), organisation=F("process__buyer"))
        .annotate(total=Sum("amount")),
        "top_suppliers_by_count": suppliers.values("organisation", year=F("award__process__year")).annotate(
            total=Count("award__process", distinct=True)
        ),
        "top_suppliers_by_value": suppliers.filter(awarded)
        .values("organisation", year=F("award__process__year"), currency=F("award__currency"))
        .annotate(total=Sum("award__amount")),
    }
    return [
        Figure(
            dataset=dataset,
            indicator=code,
            year=year,
            key=str(row["organisation"]),
            currency=currency,
            value=_amount(row["total"]) if RANKINGS[code].unit == "amount" else row["total"],
        )
        for code, rows in groups.items()
        for (year, currency), largest in _largest(rows.order_by()).items()
        for row in largest
    ]


def _largest(rows: Iterable[dict[str, Any]]) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """The ``RANKING_SIZE`` largest rows per year and currency (ties: the older organisation first)."""
    grouped: defaultdict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["year"], row.get("currency", "")].append(row)
    return {
        period: heapq.nsmallest(RANKING_SIZE, found, key=lambda row: (-row["total"], row["organisation"]))
        for period, found in grouped.items()
    }


# --- From counts to figures ------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One figure of one indicator for one period, before it is stored."""

    value: Decimal | int | None
    coverage: float
    key: str = ""
    currency: str = ""
    numerator: int | None = None
    denominator: int | None = None


def _processes(tally: Tally) -> list[Result]:
    # Every process has an ocid: the count always covers the whole period.
    return [Result(tally.processes, 1.0)]


def _buyers(tally: Tally) -> list[Result]:
    return _organisations(tally, "buyers", tally.counts["buyers"])


def _tenderers(tally: Tally) -> list[Result]:
    """Distinct tenderers, covered by the processes that name one or declare that none bid.

    A process that only gives a number of tenderers does not say who they were, so it does not
    cover the count of distinct tenderers.
    """
    counts = tally.counts
    covered = (
        counts["naming_tenderers"]
        + counts["declaring_no_tenderers"]
        - counts["naming_and_declaring_no_tenderers"]
    )
    return _organisations(tally, "tenderers", covered)


def _suppliers(tally: Tally) -> list[Result]:
    return _organisations(tally, "suppliers", tally.counts["suppliers"])


def _organisations(tally: Tally, name: str, covered: int) -> list[Result]:
    """Distinct organisations; not computable where no process names one."""
    return [Result(tally.distinct[name] if covered else None, tally.coverage(covered))]


def _processes_by(breakdown: str) -> Callable[[Tally], list[Result]]:
    def compute(tally: Tally) -> list[Result]:
        counts = tally.keys[breakdown]
        if not counts:
            return [Result(None, 0.0)]
        coverage = tally.coverage(sum(counts.values()))
        return [Result(count, coverage, key=key) for key, count in sorted(counts.items())]

    return compute


def _value_by(breakdown: str) -> Callable[[Tally], list[Result]]:
    """Value awarded per currency, and per method or category where ``breakdown`` names one."""

    def compute(tally: Tally) -> list[Result]:
        sums: Counter[tuple[str, str]] = Counter()
        for group, amount in tally.awarded.items():
            key = getattr(group, breakdown) if breakdown else ""
            if key or not breakdown:
                sums[key, group.currency] += amount
        coverage = tally.coverage(tally.with_award_value[breakdown])
        if not sums:
            return [Result(None, coverage)]
        return [
            Result(_amount(total), coverage, key=key, currency=currency)
            for (key, currency), total in sorted(sums.items())
        ]

    return compute


def _competitive_share(tally: Tally) -> list[Result]:
    methods = tally.keys["method"]
    known = sum(methods.values())
    return [_share(sum(methods[method] for method in COMPETITIVE), known, tally.coverage(known))]


def _competitive_value_share(tally: Tally) -> list[Result]:
    known: Counter[str] = Counter()
    competitive: Counter[str] = Counter()
    for group, amount in tally.awarded.items():
        if group.method:
            known[group.currency] += amount
            if group.method in COMPETITIVE:
                competitive[group.currency] += amount
    coverage = tally.coverage(tally.with_award_value["method"])
    if not known:
        return [Result(None, coverage)]
    return [_share(competitive[currency], known[currency], coverage, currency) for currency in sorted(known)]


def _single_bid(tally: Tally) -> list[Result]:
    counts = tally.counts
    coverage = tally.coverage(counts["method_and_number_of_tenderers"])
    return [_share(counts["single_bid"], counts["single_bid_judged"], coverage)]


def _short_submission(tally: Tally) -> list[Result]:
    counts = tally.counts
    coverage = tally.coverage(counts["submission_days"])
    return [_share(counts["short_submission"], counts["short_submission_judged"], coverage)]


def _share(
    numerator: Decimal | int, denominator: Decimal | int, coverage: float, currency: str = ""
) -> Result:
    """A share, with no value where nothing was counted under it (not computable, never zero)."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(SHARE_PLACES) if denominator else None
    return Result(
        value, coverage, currency=currency, numerator=_whole(numerator), denominator=_whole(denominator)
    )


def _amount(total: Decimal) -> Decimal | None:
    """A sum the Figure can hold; none beyond it (only amounts published in error add up so far)."""
    return total if abs(total) < LARGEST_VALUE else None


def _whole(number: Decimal | int) -> int | None:
    whole = round(number)
    return whole if abs(whole) < LARGEST_WHOLE else None


COMPUTATIONS: dict[str, Callable[[Tally], list[Result]]] = {
    "processes": _processes,
    "buyers": _buyers,
    "tenderers": _tenderers,
    "suppliers": _suppliers,
    "value_awarded": _value_by(""),
    "processes_by_method": _processes_by("method"),
    "value_by_method": _value_by("method"),
    "processes_by_category": _processes_by("category"),
    "value_by_category": _value_by("category"),
    "processes_by_status": _processes_by("status"),
    "competitive_share": _competitive_share,
    "competitive_value_share": _competitive_value_share,
    "single_bid": _single_bid,
    "short_submission": _short_submission,
}


# --- Reading the figures back ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One stored figure: a value, for a key and a currency where the indicator has them."""

    key: str
    currency: str
    value: Decimal | None
    numerator: int | None
    denominator: int | None


@dataclass(frozen=True)
class YearFigures:
    """One indicator's figures for one year of a dataset."""

    indicator: Indicator
    year: int
    # Share of the year's processes that fill the fields the indicator needs (0–1).
    coverage: float | None
    entries: tuple[Entry, ...]

    @property
    def computable(self) -> bool:
        """Whether the year's data supports a value at all: if not, say so, never show zero."""
        return any(entry.value is not None for entry in self.entries)

    @property
    def keys(self) -> list[str]:
        return sorted({entry.key for entry in self.entries if entry.key})

    @property
    def currencies(self) -> list[str]:
        return sorted({entry.currency for entry in self.entries if entry.currency})

    def value(self, key: str = "", currency: str = "") -> Decimal | None:
        """The value for ``key`` (a method, category or status) and ``currency``.

        Only what was found is stored, so a count or an amount that a computable year does not
        list is zero (no process used that method, nothing was awarded in that currency); a
        share it does not list had nothing to divide by, and has no value.
        """
        for entry in self.entries:
            if entry.key == key and entry.currency == currency:
                return entry.value
        return Decimal(0) if self.computable and self.indicator.unit != "share" else None


@dataclass(frozen=True)
class DatasetFigures:
    """A dataset's yearly figures, read in one query, for the pages that present them.

    E.g. for a profile's headline figures and their trend::

        figures = dataset_figures(dataset)
        year = figures.latest_full_year
        awarded = figures.get("value_awarded", year)   # None if the dataset has no such year
        awarded.computable, awarded.coverage, awarded.currencies
        awarded.value(currency="USD")
        figures.get("processes_by_method", year).keys  # ["direct", "open", …]
        figures.trend("single_bid")                    # [(2021, Decimal("0.21")), (2022, None), …]

    Months are not read here: the presentation shows years.
    """

    # The years with processes, oldest first.
    years: tuple[int, ...]
    # The latest year the data covers to its end (see ``latest_full_year``), or None.
    latest_full_year: int | None
    by_indicator: dict[str, dict[int, YearFigures]]
    # The largest id among the figures read: ``recompute`` replaces every row, so it changes with
    # each recompute, and what is drawn from the figures can be cached under it.
    version: int = 0

    def get(self, code: str, year: int) -> YearFigures | None:
        return self.by_indicator.get(code, {}).get(year)

    def trend(self, code: str, key: str = "", currency: str = "") -> list[tuple[int, Decimal | None]]:
        """The indicator's value in each year, oldest first; None where it is not computable."""
        return [
            (year, figures.value(key, currency) if (figures := self.get(code, year)) else None)
            for year in self.years
        ]


# What ``dataset_figures`` reads: the indicators and the rankings.
DECLARED = {**INDICATORS, **RANKINGS}


def dataset_figures(dataset: Dataset) -> DatasetFigures:
    """The dataset's figures per indicator and ranking and year, from one query of its yearly
    Figure rows."""
    return figures_of([dataset])[dataset.pk]


def figures_of(datasets: list[Dataset], codes: Iterable[str] = tuple(DECLARED)) -> dict[int, DatasetFigures]:
    """The yearly figures of several datasets, by dataset id, from one query (none for no dataset).

    ``codes`` narrows the indicators read; each dataset's years are those of its figures read.
    The rows are read as tuples: a comparison reads thousands, and model instances cost most.
    """
    rows: defaultdict[int, list[tuple]] = defaultdict(list)
    if datasets:
        for row in (
            Figure.objects.filter(dataset__in=datasets, month__isnull=True, indicator__in=list(codes))
            .order_by("dataset", "indicator", "year", "key", "currency")
            .values_list(*FIGURE_COLUMNS)
        ):
            rows[row[0]].append(row)
    return {dataset.pk: _read_figures(dataset, rows[dataset.pk]) for dataset in datasets}


# What ``figures_of`` reads of each Figure row, in this order.
FIGURE_COLUMNS = (
    "dataset",
    "pk",
    "indicator",
    "year",
    "coverage",
    "key",
    "currency",
    "value",
    "numerator",
    "denominator",
)


def _read_figures(dataset: Dataset, rows: list[tuple]) -> DatasetFigures:
    grouped: defaultdict[tuple[str, int], list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[2], row[3]].append(row)
    by_indicator: defaultdict[str, dict[int, YearFigures]] = defaultdict(dict)
    for (code, year), figures in grouped.items():
        entries = tuple(Entry(*row[5:]) for row in figures)
        by_indicator[code][year] = YearFigures(DECLARED[code], year, figures[0][4], entries)
    years = tuple(sorted({year for _code, year in grouped}))
    version = max((row[1] for row in rows), default=0)
    return DatasetFigures(years, latest_full_year(years, dataset.last_date), dict(by_indicator), version)


def latest_full_year(years: tuple[int, ...], last_date: date | None) -> int | None:
    """The latest of ``years`` the data covers to its end: one its last process comes after.

    The year of the last process is still being published, and comparing it with full years
    would show a fall that is only missing data.
    """
    if last_date is None:
        return None
    return max((year for year in years if year < last_date.year), default=None)
