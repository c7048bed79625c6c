"""The indicators, computed by the database from hand-written releases imported the real way.

Ten processes (the tender period's start is the month they count in), with
short_submission_days {"default": 15, "Cotización": 7, "Licitación": 10,
"Subasta Inversa Electrónica": null}::

         month    method     details, tender period      category  status     buyer tenderers
    P1   2022-03  open       Licitación 5 d (short)      goods     complete   B1  T1
    P2   2022-03  open       Cotización 21 d             works     complete   B1  T1 T2
    P3   2022-07  selective  Subasta… 4 d (excluded)     services  active     B2  declares 1
    P4   2022-07  limited    Menor cuantía 5 d (short)   goods     cancelled  B2  T3
    P5   2022-11  direct     start only                  -         complete   B3  -
    P6   2022-11  -          30 d (default 15: not)      goods     -          B1  T2 T4
    P7   2023-01  open       Licitación 20 d             works     complete   B3  T1
    P8   2023-01  open       Cotización 3 d (short)      goods     cancelled  B1  T4
    P9   2023-02  selective  Cotización 5 d (short)      services  complete   B2  T2 T3, declares 3
    P10  2023-02  direct     no tender period            -         complete   -   declares 0

    awards (supplier)
    P1   active 1000 USD (S1)
    P2   active 2000 USD (S2), cancelled 500 USD (S3)
    P3   no status 300 EUR (S1)
    P5   active 400 USD (S2)
    P6   pending 700 EUR (S3)
    P7   active 5000 USD (S1), active 100 EUR (S2)
    P9   active 800 USD (S3), active 50 without a currency
    P10  active 250 USD (no supplier)

P10 counts in February 2023 by its release date. The expected figures are worked out by hand
next to each table below.
"""

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Count

import pytest

from contracting.importer import import_files
from contracting.indicators import (
    INDICATORS,
    dataset_figures,
    latest_full_year,
    recompute,
    short_submission_thresholds,
)
from contracting.models import Dataset, Figure, Process
from countries.models import CountryPage
from tests.conftest import shared_content

pytestmark = pytest.mark.usefixtures("imported")

THRESHOLDS = {"default": 15, "Cotización": 7, "Licitación": 10, "Subasta Inversa Electrónica": None}


def party(identifier: str) -> dict[str, str]:
    return {"id": identifier, "name": f"Organisation {identifier}"}


def award(number: int, status: str, amount: float, currency: str | None, *suppliers: str) -> dict[str, Any]:
    value = {"amount": amount} | ({"currency": currency} if currency else {})
    entry = {"id": str(number), "value": value, "suppliers": [party(s) for s in suppliers]}
    return entry | ({"status": status} if status else {})


def release(number: int, day: str, *, buyer: str = "", awards: tuple = (), **tender: Any) -> dict[str, Any]:
    """A release of process ``number`` published on ``day``; ``tender`` holds OCDS tender fields."""
    data = {
        "ocid": f"ocds-test-{number:04}",
        "id": f"ocds-test-{number:04}-1",
        "date": f"{day}T00:00:00Z",
        "tag": ["tender", "award"] if awards else ["tender"],
        "initiationType": "tender",
        "tender": {"id": str(number), "title": f"Process {number}", **tender},
    }
    if buyer:
        data["buyer"] = party(buyer)
    if awards:
        data["awards"] = list(awards)
    return data


def period(start: str, end: str | None = None) -> dict[str, str]:
    return {"startDate": f"{start}T00:00:00Z"} | ({"endDate": f"{end}T00:00:00Z"} if end else {})


def tenderers(*identifiers: str) -> list[dict[str, str]]:
    return [party(identifier) for identifier in identifiers]


RELEASES = [
    release(
        1,
        "2022-03-10",
        buyer="B1",
        procurementMethod="open",
        procurementMethodDetails="Licitación",
        mainProcurementCategory="goods",
        status="complete",
        tenderPeriod=period("2022-03-10", "2022-03-15"),
        tenderers=tenderers("T1"),
        awards=(award(1, "active", 1000, "USD", "S1"),),
    ),
    release(
        2,
        "2022-03-20",
        buyer="B1",
        procurementMethod="open",
        procurementMethodDetails="Cotización",
        mainProcurementCategory="works",
        status="complete",
        tenderPeriod=period("2022-03-20", "2022-04-10"),
        tenderers=tenderers("T1", "T2"),
        awards=(award(1, "active", 2000, "USD", "S2"), award(2, "cancelled", 500, "USD", "S3")),
    ),
    release(
        3,
        "2022-07-01",
        buyer="B2",
        procurementMethod="selective",
        procurementMethodDetails="Subasta Inversa Electrónica",
        mainProcurementCategory="services",
        status="active",
        tenderPeriod=period("2022-07-01", "2022-07-05"),
        numberOfTenderers=1,
        awards=(award(1, "", 300, "EUR", "S1"),),
    ),
    release(
        4,
        "2022-07-15",
        buyer="B2",
        procurementMethod="limited",
        procurementMethodDetails="Menor cuantía",
        mainProcurementCategory="goods",
        status="cancelled",
        tenderPeriod=period("2022-07-15", "2022-07-20"),
        tenderers=tenderers("T3"),
    ),
    release(
        5,
        "2022-11-02",
        buyer="B3",
        procurementMethod="direct",
        status="complete",
        tenderPeriod=period("2022-11-02"),
        awards=(award(1, "active", 400, "USD", "S2"),),
    ),
    release(
        6,
        "2022-11-20",
        buyer="B1",
        mainProcurementCategory="goods",
        tenderPeriod=period("2022-11-20", "2022-12-20"),
        tenderers=tenderers("T2", "T4"),
        awards=(award(1, "pending", 700, "EUR", "S3"),),
    ),
    release(
        7,
        "2023-01-05",
        buyer="B3",
        procurementMethod="open",
        procurementMethodDetails="Licitación",
        mainProcurementCategory="works",
        status="complete",
        tenderPeriod=period("2023-01-05", "2023-01-25"),
        tenderers=tenderers("T1"),
        awards=(award(1, "active", 5000, "USD", "S1"), award(2, "active", 100, "EUR", "S2")),
    ),
    release(
        8,
        "2023-01-10",
        buyer="B1",
        procurementMethod="open",
        procurementMethodDetails="Cotización",
        mainProcurementCategory="goods",
        status="cancelled",
        tenderPeriod=period("2023-01-10", "2023-01-13"),
        tenderers=tenderers("T4"),
    ),
    release(
        9,
        "2023-02-01",
        buyer="B2",
        procurementMethod="selective",
        procurementMethodDetails="Cotización",
        mainProcurementCategory="services",
        status="complete",
        tenderPeriod=period("2023-02-01", "2023-02-06"),
        tenderers=tenderers("T2", "T3"),
        numberOfTenderers=3,
        awards=(award(1, "active", 800, "USD", "S3"), award(2, "active", 50, None)),
    ),
    release(
        10,
        "2023-02-15",
        procurementMethod="direct",
        procurementMethodDetails="Contratación directa",
        status="complete",
        numberOfTenderers=0,
        awards=(award(1, "active", 250, "USD"),),
    ),
]


def write_package(path: Path, releases: list[dict[str, Any]]) -> Path:
    package = {
        "uri": "https://example.org/test-package.json",
        "version": "1.1",
        "publishedDate": "2023-03-01T00:00:00Z",
        "releases": releases,
    }
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return path


def new_dataset(name: str, **fields: Any) -> Dataset:
    return Dataset.objects.create(
        country=CountryPage.objects.get(iso_alpha2="EC"), name=name, publisher="Test publisher", **fields
    )


@pytest.fixture(scope="module")
def imported(reference_site, django_db_blocker, tmp_path_factory):
    """The ten processes imported once for the module; each test's changes are undone after it."""
    folder = tmp_path_factory.mktemp("indicators")

    def build() -> None:
        import_files(
            new_dataset("Ten processes", short_submission_days=THRESHOLDS),
            [write_package(folder / "ten.json", RELEASES)],
        )
        bare = [
            release(number, day) for number, day in ((1, "2021-05-03"), (2, "2021-05-20"), (3, "2021-08-01"))
        ]
        import_files(new_dataset("Bare processes"), [write_package(folder / "bare.json", bare)])

    yield from shared_content(django_db_blocker, build)


@pytest.fixture
def dataset(db) -> Dataset:
    return Dataset.objects.get(name="Ten processes")


@pytest.fixture
def bare(db) -> Dataset:
    return Dataset.objects.get(name="Bare processes")


Row = tuple[Decimal | int | None, int | None, int | None, float]


def count(value: int | None, coverage: float) -> Row:
    return (value, None, None, coverage)


def share(value: str | None, numerator: int, denominator: int, coverage: float) -> Row:
    return (None if value is None else Decimal(value), numerator, denominator, coverage)


def stored(dataset: Dataset, year: int, month: int | None = None) -> dict[tuple[str, str, str], Row]:
    """The period's indicators by (indicator, key, currency), checking there is one of each (the
    rankings have tests of their own, in test_charts.py)."""
    figures = Figure.objects.filter(dataset=dataset, year=year, month=month, indicator__in=INDICATORS)
    rows = {
        (figure.indicator, figure.key, figure.currency): (
            figure.value,
            figure.numerator,
            figure.denominator,
            figure.coverage,
        )
        for figure in figures
    }
    assert len(rows) == figures.count()
    return rows


# 2022: P1–P6. Buyers B1 B2 B3. Tenderers named: T1 T2 T3 T4 by P1 P2 P4 P6 (4/6; P3 only
# declares a number). Suppliers S1 S2 S3 in P1 P2 P3 P5 P6 (the cancelled award's S3 too).
# Awarded: USD 1000 + 2000 + 400 (P2's cancelled 500 left out); EUR 300 (no status counts,
# P6's pending 700 does not). Award values in P1 P2 P3 P5 P6 (5/6); with a method: P1 P2 P3 P5
# (4/6), with a category: P1 P2 P3 P6 (4/6); P6's goods-EUR awards add up to 0.
# Competitive: 3 of 5 with a method; value USD 3000 / 3400, EUR 300 / 300.
# R018: P1 (1) P2 (2) P3 (1) judged → 2/3; method and number filled by P1–P4 (4/6).
# R003: P1 5 < 10 short, P2 21 ≥ 7, P6 30 ≥ 15; P3 excluded (null), P4 cancelled → 1/3;
# a tender period in P1–P4 and P6 (5/6).
YEAR_2022 = {
    ("processes", "", ""): count(6, 1.0),
    ("buyers", "", ""): count(3, 1.0),
    ("tenderers", "", ""): count(4, 4 / 6),
    ("suppliers", "", ""): count(3, 5 / 6),
    ("value_awarded", "", "USD"): count(3400, 5 / 6),
    ("value_awarded", "", "EUR"): count(300, 5 / 6),
    ("processes_by_method", "open", ""): count(2, 5 / 6),
    ("processes_by_method", "selective", ""): count(1, 5 / 6),
    ("processes_by_method", "limited", ""): count(1, 5 / 6),
    ("processes_by_method", "direct", ""): count(1, 5 / 6),
    ("value_by_method", "open", "USD"): count(3000, 4 / 6),
    ("value_by_method", "selective", "EUR"): count(300, 4 / 6),
    ("value_by_method", "direct", "USD"): count(400, 4 / 6),
    ("processes_by_category", "goods", ""): count(3, 5 / 6),
    ("processes_by_category", "works", ""): count(1, 5 / 6),
    ("processes_by_category", "services", ""): count(1, 5 / 6),
    ("value_by_category", "goods", "USD"): count(1000, 4 / 6),
    ("value_by_category", "goods", "EUR"): count(0, 4 / 6),
    ("value_by_category", "works", "USD"): count(2000, 4 / 6),
    ("value_by_category", "services", "EUR"): count(300, 4 / 6),
    ("processes_by_status", "complete", ""): count(3, 5 / 6),
    ("processes_by_status", "active", ""): count(1, 5 / 6),
    ("processes_by_status", "cancelled", ""): count(1, 5 / 6),
    ("competitive_share", "", ""): share("0.6", 3, 5, 5 / 6),
    ("competitive_value_share", "", "USD"): share("0.8824", 3000, 3400, 4 / 6),
    ("competitive_value_share", "", "EUR"): share("1", 300, 300, 4 / 6),
    ("single_bid", "", ""): share("0.6667", 2, 3, 4 / 6),
    ("short_submission", "", ""): share("0.3333", 1, 3, 5 / 6),
}

# 2023: P7–P10. Buyers B3 B1 B2 (P10 has none: 3/4). Tenderers T1 T4 T2 T3; P10 declares none
# (4/4). Suppliers S1 S2 S3 in P7 P9 (2/4). Awarded USD 5000 + 800 + 250, EUR 100 (P9's 50
# without a currency left out); award values in P7 P9 P10 (3/4), with a category in P7 P9.
# Competitive: 3 of 4; value USD 5800 / 6050, EUR 100 / 100.
# R018: P7 (1) P9 (3) judged, P8 cancelled → 1/2; method and number in all four.
# R003: P7 20 ≥ 10, P9 5 < 7 short, P8 cancelled, P10 no period → 1/2; periods in P7–P9 (3/4).
YEAR_2023 = {
    ("processes", "", ""): count(4, 1.0),
    ("buyers", "", ""): count(3, 0.75),
    ("tenderers", "", ""): count(4, 1.0),
    ("suppliers", "", ""): count(3, 0.5),
    ("value_awarded", "", "USD"): count(6050, 0.75),
    ("value_awarded", "", "EUR"): count(100, 0.75),
    ("processes_by_method", "open", ""): count(2, 1.0),
    ("processes_by_method", "selective", ""): count(1, 1.0),
    ("processes_by_method", "direct", ""): count(1, 1.0),
    ("value_by_method", "open", "USD"): count(5000, 0.75),
    ("value_by_method", "open", "EUR"): count(100, 0.75),
    ("value_by_method", "selective", "USD"): count(800, 0.75),
    ("value_by_method", "direct", "USD"): count(250, 0.75),
    ("processes_by_category", "works", ""): count(1, 0.75),
    ("processes_by_category", "goods", ""): count(1, 0.75),
    ("processes_by_category", "services", ""): count(1, 0.75),
    ("value_by_category", "works", "USD"): count(5000, 0.5),
    ("value_by_category", "works", "EUR"): count(100, 0.5),
    ("value_by_category", "services", "USD"): count(800, 0.5),
    ("processes_by_status", "complete", ""): count(3, 1.0),
    ("processes_by_status", "cancelled", ""): count(1, 1.0),
    ("competitive_share", "", ""): share("0.75", 3, 4, 1.0),
    ("competitive_value_share", "", "USD"): share("0.9587", 5800, 6050, 0.75),
    ("competitive_value_share", "", "EUR"): share("1", 100, 100, 0.75),
    ("single_bid", "", ""): share("0.5", 1, 2, 1.0),
    ("short_submission", "", ""): share("0.5", 1, 2, 0.75),
}

# March 2022: P1 and P2, which fill everything; one short period and one single bid out of two.
MARCH_2022 = {
    ("processes", "", ""): count(2, 1.0),
    ("buyers", "", ""): count(1, 1.0),
    ("tenderers", "", ""): count(2, 1.0),
    ("suppliers", "", ""): count(3, 1.0),
    ("value_awarded", "", "USD"): count(3000, 1.0),
    ("processes_by_method", "open", ""): count(2, 1.0),
    ("value_by_method", "open", "USD"): count(3000, 1.0),
    ("processes_by_category", "goods", ""): count(1, 1.0),
    ("processes_by_category", "works", ""): count(1, 1.0),
    ("value_by_category", "goods", "USD"): count(1000, 1.0),
    ("value_by_category", "works", "USD"): count(2000, 1.0),
    ("processes_by_status", "complete", ""): count(2, 1.0),
    ("competitive_share", "", ""): share("1", 2, 2, 1.0),
    ("competitive_value_share", "", "USD"): share("1", 3000, 3000, 1.0),
    ("single_bid", "", ""): share("0.5", 1, 2, 1.0),
    ("short_submission", "", ""): share("0.5", 1, 2, 1.0),
}

# July 2022: P3 and P4. R003 judges neither (P3's method is excluded, P4 is cancelled): not
# computable, although both fill a tender period.
JULY_2022 = {
    ("processes", "", ""): count(2, 1.0),
    ("buyers", "", ""): count(1, 1.0),
    ("tenderers", "", ""): count(1, 0.5),
    ("suppliers", "", ""): count(1, 0.5),
    ("value_awarded", "", "EUR"): count(300, 0.5),
    ("processes_by_method", "selective", ""): count(1, 1.0),
    ("processes_by_method", "limited", ""): count(1, 1.0),
    ("value_by_method", "selective", "EUR"): count(300, 0.5),
    ("processes_by_category", "services", ""): count(1, 1.0),
    ("processes_by_category", "goods", ""): count(1, 1.0),
    ("value_by_category", "services", "EUR"): count(300, 0.5),
    ("processes_by_status", "active", ""): count(1, 1.0),
    ("processes_by_status", "cancelled", ""): count(1, 1.0),
    ("competitive_share", "", ""): share("0.5", 1, 2, 1.0),
    ("competitive_value_share", "", "EUR"): share("1", 300, 300, 0.5),
    ("single_bid", "", ""): share("1", 1, 1, 1.0),
    ("short_submission", "", ""): share(None, 0, 0, 1.0),
}

# November 2022: P5 and P6. A real zero (the one process with a method is direct) beside a
# share with nothing to judge (no open or selective process).
NOVEMBER_2022 = {
    ("processes", "", ""): count(2, 1.0),
    ("buyers", "", ""): count(2, 1.0),
    ("tenderers", "", ""): count(2, 0.5),
    ("suppliers", "", ""): count(2, 1.0),
    ("value_awarded", "", "USD"): count(400, 1.0),
    ("value_awarded", "", "EUR"): count(0, 1.0),
    ("processes_by_method", "direct", ""): count(1, 0.5),
    ("value_by_method", "direct", "USD"): count(400, 0.5),
    ("processes_by_category", "goods", ""): count(1, 0.5),
    ("value_by_category", "goods", "EUR"): count(0, 0.5),
    ("processes_by_status", "complete", ""): count(1, 0.5),
    ("competitive_share", "", ""): share("0", 0, 1, 0.5),
    ("competitive_value_share", "", "USD"): share("0", 0, 400, 0.5),
    ("single_bid", "", ""): share(None, 0, 0, 0.0),
    ("short_submission", "", ""): share("0", 0, 1, 0.5),
}

# February 2023: P9 and P10 (P10 by its release date). P10 declares no tenderers, which covers
# the count of tenderers and R018's number; P9's three tenderers are not a single bid.
FEBRUARY_2023 = {
    ("processes", "", ""): count(2, 1.0),
    ("buyers", "", ""): count(1, 0.5),
    ("tenderers", "", ""): count(2, 1.0),
    ("suppliers", "", ""): count(1, 0.5),
    ("value_awarded", "", "USD"): count(1050, 1.0),
    ("processes_by_method", "selective", ""): count(1, 1.0),
    ("processes_by_method", "direct", ""): count(1, 1.0),
    ("value_by_method", "selective", "USD"): count(800, 1.0),
    ("value_by_method", "direct", "USD"): count(250, 1.0),
    ("processes_by_category", "services", ""): count(1, 0.5),
    ("value_by_category", "services", "USD"): count(800, 0.5),
    ("processes_by_status", "complete", ""): count(2, 1.0),
    ("competitive_share", "", ""): share("0.5", 1, 2, 1.0),
    ("competitive_value_share", "", "USD"): share("0.7619", 800, 1050, 1.0),
    ("single_bid", "", ""): share("0", 0, 1, 1.0),
    ("short_submission", "", ""): share("1", 1, 1, 0.5),
}


def nothing_filled(processes: int) -> dict[tuple[str, str, str], Row]:
    """Processes with nothing but an ocid and a date: every other indicator is not computable."""
    return {
        ("processes", "", ""): count(processes, 1.0),
        **{
            (code, "", ""): count(None, 0.0)
            for code in (
                "buyers",
                "tenderers",
                "suppliers",
                "value_awarded",
                "processes_by_method",
                "value_by_method",
                "processes_by_category",
                "value_by_category",
                "processes_by_status",
                "competitive_value_share",
            )
        },
        **{
            (code, "", ""): share(None, 0, 0, 0.0)
            for code in ("competitive_share", "single_bid", "short_submission")
        },
    }


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2022, None, YEAR_2022),
        (2023, None, YEAR_2023),
        (2022, 3, MARCH_2022),
        (2022, 7, JULY_2022),
        (2022, 11, NOVEMBER_2022),
        (2023, 2, FEBRUARY_2023),
    ],
)
def test_every_figure_of_a_period(dataset, year, month, expected):
    assert stored(dataset, year, month) == expected


def test_figures_exist_for_the_periods_with_processes_only(dataset):
    periods = set(Figure.objects.filter(dataset=dataset).values_list("year", "month").distinct())
    assert periods == {(2022, None), (2022, 3), (2022, 7), (2022, 11), (2023, None), (2023, 1), (2023, 2)}
    per_period = (
        Figure.objects.filter(dataset=dataset, indicator__in=INDICATORS)
        .values("year", "month")
        .annotate(codes=Count("indicator", distinct=True))
    )
    assert {row["codes"] for row in per_period} == {len(INDICATORS)}


def test_a_month_counts_distinct_organisations_of_its_own(dataset):
    # January 2023: P7 (B3, T1, S1 S2) and P8 (B1, T4): counted in the month, not taken from the year.
    january = stored(dataset, 2023, 1)
    assert january["buyers", "", ""] == count(2, 1.0)
    assert january["tenderers", "", ""] == count(2, 1.0)
    assert january["suppliers", "", ""] == count(2, 0.5)


def test_fields_no_process_fills_are_not_computable_never_zero(bare):
    assert stored(bare, 2021) == nothing_filled(3)
    assert stored(bare, 2021, 5) == nothing_filled(2)
    assert stored(bare, 2021, 8) == nothing_filled(1)


def test_a_process_that_names_tenderers_and_declares_none_covers_once(db, tmp_path):
    releases = [
        release(1, "2021-05-03", tenderers=tenderers("T1"), numberOfTenderers=0),
        release(2, "2021-05-04", numberOfTenderers=0),
        release(3, "2021-05-05", numberOfTenderers=2),
    ]
    contradictory = new_dataset("Contradictory")
    import_files(contradictory, [write_package(tmp_path / "contradictory.json", releases)])
    assert stored(contradictory, 2021)["tenderers", "", ""] == count(1, 2 / 3)


def test_the_short_submission_thresholds_come_from_the_dataset(dataset):
    # Only Cotización is judged now: P2 (21 days) in 2022, P9 (5 days) in 2023; P8 is cancelled.
    dataset.short_submission_days = {"default": None, "Cotización": 7}
    dataset.save()
    recompute(dataset)
    assert stored(dataset, 2022)["short_submission", "", ""] == share("0", 0, 1, 5 / 6)
    assert stored(dataset, 2023)["short_submission", "", ""] == share("1", 1, 1, 0.75)


def test_thresholds_that_are_not_whole_days_fall_back_to_the_default():
    dataset = Dataset(
        short_submission_days={"Cotización": 7, "Licitación": "ten", "Menor": 2.5, "Subasta": None}
    )
    assert short_submission_thresholds(dataset) == (15, {"Cotización": 7, "Subasta": None})
    assert short_submission_thresholds(Dataset(short_submission_days=[])) == (15, {})


def all_figures(dataset: Dataset) -> Counter:
    columns = (
        "indicator",
        "year",
        "month",
        "key",
        "currency",
        "value",
        "numerator",
        "denominator",
        "coverage",
    )
    return Counter(Figure.objects.filter(dataset=dataset).values_list(*columns))


def test_a_second_recompute_replaces_the_figures(dataset):
    before = all_figures(dataset)
    recompute(dataset)
    assert all_figures(dataset) == before

    Process.objects.filter(dataset=dataset, ocid="ocds-test-0010").delete()
    recompute(dataset)
    assert stored(dataset, 2023)["processes", "", ""] == count(3, 1.0)
    assert stored(dataset, 2023)["value_awarded", "", "USD"] == count(5800, 2 / 3)
    assert stored(dataset, 2023, 2)["processes", "", ""] == count(1, 1.0)


def test_an_import_recomputes_the_figures(dataset, tmp_path):
    later = release(
        11,
        "2023-02-20",
        buyer="B9",
        procurementMethod="open",
        tenderPeriod=period("2023-02-20", "2023-03-20"),
        tenderers=tenderers("T9"),
        awards=(award(1, "active", 1000, "USD", "S9"),),
    )
    import_files(dataset, [write_package(tmp_path / "later.json", [later])])
    assert stored(dataset, 2023)["processes", "", ""] == count(5, 1.0)
    assert stored(dataset, 2023)["buyers", "", ""] == count(4, 0.8)
    assert stored(dataset, 2023)["value_awarded", "", "USD"] == count(7050, 0.8)
    assert stored(dataset, 2023)["single_bid", "", ""] == share("0.6667", 2, 3, 1.0)


def test_the_yearly_figures_are_read_in_one_query(dataset, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = dataset_figures(dataset)
    assert figures.years == (2022, 2023)
    # The last process is of February 2023: 2023 is not over in the data.
    assert figures.latest_full_year == 2022
    value_awarded = figures.get("value_awarded", 2022)
    assert value_awarded.computable
    assert value_awarded.currencies == ["EUR", "USD"]
    assert value_awarded.value(currency="USD") == 3400
    assert value_awarded.coverage == 5 / 6
    assert figures.get("processes_by_method", 2022).keys == ["direct", "limited", "open", "selective"]
    assert figures.trend("processes") == [(2022, 6), (2023, 4)]
    # No limited process in 2023, where the methods are known: zero, not missing.
    assert figures.trend("processes_by_method", key="limited") == [(2022, 1), (2023, 0)]
    assert figures.trend("short_submission") == [(2022, Decimal("0.3333")), (2023, Decimal("0.5"))]
    assert figures.trend("competitive_value_share", currency="EUR") == [(2022, 1), (2023, 1)]
    share_entry = figures.get("single_bid", 2023).entries[0]
    assert (share_entry.numerator, share_entry.denominator) == (1, 2)


def test_what_is_not_computable_reads_as_such(bare):
    figures = dataset_figures(bare)
    tenderers_2021 = figures.get("tenderers", 2021)
    assert not tenderers_2021.computable
    assert tenderers_2021.value() is None
    assert tenderers_2021.coverage == 0.0
    assert figures.trend("competitive_share") == [(2021, None)]
    assert figures.get("processes", 2021).value() == 3
    assert figures.latest_full_year is None
    assert figures.get("processes", 2020) is None


@pytest.mark.parametrize(
    ("years", "last_date", "expected"),
    [
        ((2022, 2023), "2023-02-15", 2022),
        ((2022, 2023), "2023-12-31", 2022),
        ((2022, 2023), "2024-01-01", 2023),
        ((2019, 2023), "2023-06-01", 2019),
        ((2023,), "2023-06-01", None),
        ((), None, None),
    ],
)
def test_the_latest_full_year_is_one_the_data_goes_past(years, last_date, expected):
    assert latest_full_year(years, last_date and date.fromisoformat(last_date)) == expected
