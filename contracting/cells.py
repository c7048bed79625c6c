"""The explorer's facet counts, precomputed on PostgreSQL: processes per combination of values.

Counting a million processes by year, method, type of contract, category, status and
currency takes the database a scan of a million rows for each facet, however it is indexed.
But those six columns take few distinct combinations (a few thousand per dataset), so
``refresh`` stores the number of processes per combination in ``contracting_process_cell``,
and per industry, year, method and category in ``contracting_industry_cell``, tables
migration 0002 creates on PostgreSQL only.
A selection that filters by nothing else (``answer``) has every facet count and its total
summed from these rows (``CellCounts``), in the time a few thousand rows take, whatever the
number of processes. The cells are rebuilt with the dataset's figures after each import
(``contracting.importer.refresh_dataset``), like ``Figure`` rows: computed, never edited.

SQLite, at sample volumes, counts the processes themselves (``browsing.ProcessCounts``).
"""

from typing import Any

from django.db import connection, transaction

from contracting.models.data import Dataset

TABLE = "contracting_process_cell"
INDUSTRY_TABLE = "contracting_industry_cell"

# Selection attribute → process column, for the facets counted per value of a process column.
COLUMNS = {
    "year": "year",
    "method": "method",
    "details": "method_details",
    "category": "category",
    "status": "status",
    "currency": "tender_currency",
}
# The columns industries are counted by: with all six, there would be nearly a cell per
# process and industry. Selections by the other three count industries from the processes.
INDUSTRY_COLUMNS = {name: COLUMNS[name] for name in ("year", "method", "category")}
# Filters the cells cannot answer: they need the processes (words, organisations, amounts),
# or are narrow enough to count from them (an industry is a few percent of the processes).
OTHER_FILTERS = ("text", "buyer", "supplier", "amount_min", "amount_max", "industry")


def industry_value(scheme: str, code: str) -> str:
    """An industry as the ``industry`` parameter gives it: ``UNSPSC:43``."""
    return f"{scheme}:{code}"


def enabled() -> bool:
    return connection.vendor == "postgresql"


def answer(selection: Any) -> bool:
    """Whether the cells hold the counts of ``selection`` (a ``browsing.Selection``)."""
    return enabled() and not any(getattr(selection, name) for name in OTHER_FILTERS)


def refresh(dataset: Dataset) -> None:
    """Replace the dataset's cells with counts of its processes (nothing to do on SQLite).

    An industry cell counts the processes that have that industry (a process has each
    industry once, so the counts are exact).
    """
    if enabled():
        fill(dataset.pk)


def fill(dataset: int) -> None:
    """Replace the cells of the dataset with id ``dataset`` (PostgreSQL; migration 0002 calls it too)."""
    grouped = ", ".join(COLUMNS.values())
    industry_columns = ", ".join(INDUSTRY_COLUMNS.values())
    by_industry = ", ".join(f"process.{column}" for column in INDUSTRY_COLUMNS.values())
    with transaction.atomic(), connection.cursor() as cursor:
        for table in (TABLE, INDUSTRY_TABLE):
            # The cells of this dataset, and of datasets deleted since (no foreign key: migration 0004).
            cursor.execute(
                f"DELETE FROM {table} WHERE dataset_id = %s"  # noqa: S608 (constants only)
                " OR dataset_id NOT IN (SELECT id FROM contracting_dataset)",
                [dataset],
            )
        cursor.execute(
            f"""
            INSERT INTO {TABLE} (dataset_id, {grouped}, processes)
            SELECT dataset_id, {grouped}, count(*) FROM contracting_process WHERE dataset_id = %s
            GROUP BY dataset_id, {grouped}
            """,  # noqa: S608 (constants only)
            [dataset],
        )
        cursor.execute(
            f"""
            INSERT INTO {INDUSTRY_TABLE} (dataset_id, {industry_columns}, scheme, code, processes)
            SELECT process.dataset_id, {by_industry}, industry.scheme, industry.code, count(*)
            FROM contracting_classification AS industry
            JOIN contracting_process AS process ON process.id = industry.process_id
            WHERE process.dataset_id = %s
            GROUP BY process.dataset_id, {by_industry}, industry.scheme, industry.code
            """,  # noqa: S608 (constants only)
            [dataset],
        )


class CellCounts:
    """The counts of a selection (that ``answer`` accepts) summed from the cells: one query each."""

    def __init__(self, datasets: list[int], selection: Any) -> None:
        self.datasets = datasets
        self.selection = selection

    def total(self) -> int:
        where, params = _where(self.datasets, self.selection, COLUMNS, skip="")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(sum(processes), 0) FROM {TABLE} WHERE {where}", params)  # noqa: S608 (values are parameters)
            return int(cursor.fetchone()[0])

    def per_value(self, facet: str) -> dict[Any, int]:
        where, params = _where(self.datasets, self.selection, COLUMNS, skip=facet)
        column = COLUMNS[facet]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {column}, sum(processes) FROM {TABLE} WHERE {where} GROUP BY {column}",  # noqa: S608 (a constant column; values are parameters)
                params,
            )
            return {value: int(count) for value, count in cursor.fetchall() if value not in (None, "")}


def answer_industries(selection: Any) -> bool:
    """Whether the industry cells hold the counts of ``selection`` (without its industry filter)."""
    return answer(selection) and not any(
        getattr(selection, name) for name in COLUMNS.keys() - INDUSTRY_COLUMNS.keys()
    )


def industry_counts(datasets: list[int], selection: Any) -> dict[str, int]:
    """Processes per industry, for a selection that ``answer_industries`` accepts."""
    where, params = _where(datasets, selection, INDUSTRY_COLUMNS, skip="")
    with connection.cursor() as cursor:
        # A constant table, conditions on constant columns; the values are parameters.
        sql = f"SELECT scheme, code, sum(processes) FROM {INDUSTRY_TABLE} WHERE {where} GROUP BY 1, 2"  # noqa: S608
        cursor.execute(sql, params)
        return {industry_value(scheme, code): int(count) for scheme, code, count in cursor.fetchall()}


def _where(datasets: list[int], selection: Any, columns: dict[str, str], skip: str) -> tuple[str, list[Any]]:
    """The conditions of the selection on ``columns``, but ``skip``'s."""
    conditions, params = ["dataset_id = ANY(%s)"], [datasets]
    for name, column in columns.items():
        value = getattr(selection, name)
        if name != skip and value not in (None, ""):
            conditions.append(f"{column} = %s")
            params.append(value)
    return " AND ".join(conditions), params
