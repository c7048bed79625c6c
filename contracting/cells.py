"""The explorer's facet counts, precomputed on PostgreSQL: processes per combination of values.

Counting a million processes by year, method, type of contract, category, status and
currency takes the database a scan of a million rows for each facet, however it is indexed.
But those six columns take few distinct combinations (a few thousand per dataset), so
``refresh`` stores the number of processes per combination — and per combination and
industry — in ``contracting_process_cell``, a table migration 0002 creates on PostgreSQL only.
A selection that filters by nothing else (``answer``) has every facet count and its total
summed from these rows (``CellCounts``), in the time a few thousand rows take, whatever the
number of processes. The cells are rebuilt with the dataset's figures after each import
(``contracting.importer.refresh_dataset``), like ``Figure`` rows: computed, never edited.

SQLite, at sample volumes, counts the processes themselves (``browsing.ProcessCounts``).
"""

from typing import Any

from django.db import connection, transaction

from contracting.models import Dataset

TABLE = "contracting_process_cell"

# Selection attribute → process column, for the facets counted per value of a process column.
COLUMNS = {
    "year": "year",
    "method": "method",
    "details": "method_details",
    "category": "category",
    "status": "status",
    "currency": "tender_currency",
}
# Filters the cells cannot answer: they need the processes (words, organisations, amounts).
OTHER_FILTERS = ("text", "buyer", "supplier", "amount_min", "amount_max")

_GROUPED = ", ".join(COLUMNS.values())


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

    Rows with an empty scheme count processes; rows with a scheme count the processes that
    have that industry (a process has each industry once, so those counts are exact too).
    """
    if enabled():
        fill(dataset.pk)


def fill(dataset: int) -> None:
    """Replace the cells of the dataset with id ``dataset`` (PostgreSQL; migration 0002 calls it too)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE dataset_id = %s", [dataset])  # noqa: S608 (constants only)
        cursor.execute(
            f"""
            INSERT INTO {TABLE} (dataset_id, {_GROUPED}, scheme, code, processes)
            SELECT dataset_id, {_GROUPED}, '', '', count(*)
            FROM contracting_process WHERE dataset_id = %(dataset)s
            GROUP BY dataset_id, {_GROUPED}
            UNION ALL
            SELECT process.dataset_id, {", ".join(f"process.{column}" for column in COLUMNS.values())},
                industry.scheme, industry.code, count(*)
            FROM contracting_classification AS industry
            JOIN contracting_process AS process ON process.id = industry.process_id
            WHERE process.dataset_id = %(dataset)s
            GROUP BY process.dataset_id, {", ".join(f"process.{column}" for column in COLUMNS.values())},
                industry.scheme, industry.code
            """,  # noqa: S608 (constants only)
            {"dataset": dataset},
        )


class CellCounts:
    """The counts of a selection (that ``answer`` accepts) summed from the cells: one query each."""

    def __init__(self, datasets: list[int], selection: Any) -> None:
        self.datasets = datasets
        self.selection = selection

    def total(self) -> int:
        where, params = self._where(skip="")
        with connection.cursor() as cursor:
            sql = f"SELECT coalesce(sum(processes), 0) FROM {TABLE} WHERE {where}"  # noqa: S608 (values are parameters)
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])

    def per_value(self, facet: str) -> dict[Any, int]:
        where, params = self._where(skip=facet)
        grouped = "scheme, code" if facet == "industry" else COLUMNS[facet]
        with connection.cursor() as cursor:
            sql = f"SELECT {grouped}, sum(processes) FROM {TABLE} WHERE {where} GROUP BY {grouped}"  # noqa: S608 (columns are constants, values parameters)
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if facet == "industry":
            return {industry_value(scheme, code): int(count) for scheme, code, count in rows}
        return {value: int(count) for value, count in rows if value not in (None, "")}

    def _where(self, skip: str) -> tuple[str, list[Any]]:
        """The conditions of the selection but ``skip``'s, on the process rows or on those of an
        industry (the selected one; every one when counting the industries)."""
        conditions, params = ["dataset_id = ANY(%s)"], [self.datasets]
        for name, column in COLUMNS.items():
            value = getattr(self.selection, name)
            if name != skip and value not in (None, ""):
                conditions.append(f"{column} = %s")
                params.append(value)
        industry = self.selection.industry if skip != "industry" else None
        if skip == "industry":
            conditions.append("scheme <> ''")
        elif industry:
            conditions.append("scheme = %s AND code = %s")
            params += list(industry)
        else:
            conditions.append("scheme = ''")
        return " AND ".join(conditions), params
