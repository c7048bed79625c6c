"""The explorer's facet counts, precomputed on PostgreSQL: processes per combination of values.

Counting a million processes by year, method, type of contract, category, status and
currency takes the database a scan of a million rows for each facet, however it is indexed.
But those six columns take few distinct combinations (a few thousand per dataset), so
``refresh`` stores the number of processes per combination in ``contracting_process_cell``,
and per industry, year, method and category in ``contracting_industry_cell``, tables
migration 0003 creates on PostgreSQL only. An industry is the same problem again at a smaller
scale (tens of thousands of processes, spread over the whole table), so
``contracting_process_industry_cell`` (migration 0006) holds the first table's counts for
each industry: a selection by an industry and the six columns is summed from the rows of that
industry.

A search by a common word is the same problem again: a word in a fifth of a million titles
leaves 200,000 processes to count. So, for each word that at least ``FREQUENT_WORD`` of a
dataset's processes match (in their title or description, or in their buyer's or a supplier's
name: what the explorer searches), ``contracting_word_cell`` (migration 0005) holds the number
of processes per combination of the six values. A search by one such word, with filters on
those columns only, is summed from them like the others (``frequent_word``).
A tender-value range is the same problem again: a range of a tenth of the amounts leaves
100,000 processes to group. ``contracting_amount_cell`` (migration 0009) holds the first
table's counts per band of amounts (0 and a 1-2-5 series per decade, each limit a band of its
own for the amounts equal to it), so that a range whose bounds are band limits is summed from
its bands' cells (``answer_amounts``); ``contracting_word_amount_cell`` holds, per frequent
word, currency and band, the processes per value of each facet on its own, which answer a
frequent word with such a range and no other filter (``WordAmountCounts``). A range on other
bounds is counted from the processes.
Filters the cells do not hold (a buyer, an industry, a range with other filters) leave the
processes to be counted, and a word had each of them read from the table to be tested. So
``contracting_word_set`` (migration 0010) holds each frequent word's processes as the bits
of their ids (``fill_word_sets``), tested on each process from its id (``in_word_set``),
which the indexes that hold the facets' values hold too; several such words required
together narrow an industry's rows before they are matched (``required_words``).
A selection that filters by nothing else (``answer``) has every facet count and its total
summed from these rows (``CellCounts``), in the time a few thousand rows take, whatever the
number of processes. The cells are rebuilt with the dataset's figures after each import
(``contracting.importer.refresh_dataset``), like ``Figure`` rows: computed, never edited.

SQLite, at sample volumes, counts the processes themselves (``browsing.ProcessCounts``).
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Func, Value
from django.db.models.expressions import RawSQL

from contracting.models.data import Dataset

TABLE = "contracting_process_cell"
AMOUNT_TABLE = "contracting_amount_cell"
WORD_AMOUNT_TABLE = "contracting_word_amount_cell"
WORD_SET_TABLE = "contracting_word_set"
INDUSTRY_TABLE = "contracting_industry_cell"
PROCESS_INDUSTRY_TABLE = "contracting_process_industry_cell"
WORD_TABLE = "contracting_word_cell"

# A word that matches at least this many processes of a dataset gets its cells: below it, the
# processes themselves are counted in about the time the cells would take.
FREQUENT_WORD = 5_000
# The frequent words are sought in a sample of about this many processes of the dataset.
WORD_SAMPLE = 30_000
# A frequent word's processes are held as bits, one per process id, in rows of this many ids
# (``fill_word_sets``): 1 KB a row, stored in the row itself.
SET_CHUNK = 8192

# The words a process is found by, as ``browsing._matching`` matches them: those of its title and
# description, of its buyer's name and of its suppliers' names (a tsvector holds each word once).
PROCESS_WORDS = """
    to_tsvector('simple', COALESCE(process.title, '') || ' ' || COALESCE(process.description, ''))
    || to_tsvector('simple', COALESCE(buyer.name, ''))
    || COALESCE(supplied.words, ''::tsvector)
"""
# The words of the names of each process's suppliers, for the processes of a dataset.
SUPPLIER_WORDS = """
    SELECT award.process_id, to_tsvector('simple', string_agg(supplier.name, ' ')) AS words
    FROM contracting_award AS award
    JOIN contracting_award_suppliers AS link ON link.award_id = award.id
    JOIN contracting_organisation AS supplier ON supplier.id = link.organisation_id
    JOIN contracting_process AS process ON process.id = award.process_id
    WHERE process.dataset_id = %(dataset)s
    GROUP BY award.process_id
"""

# What ``PROCESS_WORDS`` reads besides the process: its buyer and its suppliers' words.
WORD_SOURCES = f"""
    LEFT JOIN contracting_organisation AS buyer ON buyer.id = process.buyer_id
    LEFT JOIN ({SUPPLIER_WORDS}) AS supplied ON supplied.process_id = process.id
"""

# Selection attribute → process column, for the facets counted per value of a process column.
COLUMNS = {
    "year": "year",
    "method": "method",
    "details": "method_details",
    "category": "category",
    "status": "status",
    "currency": "tender_currency",
}
# The columns the industry facet is counted by: summing the options of every industry from
# the cells of all six columns would read about a cell per two processes. Selections by the
# other three count industries from the processes.
INDUSTRY_COLUMNS = {name: COLUMNS[name] for name in ("year", "method", "category")}
# Filters the cells cannot answer: they need the processes (words, organisations, amounts).
OTHER_FILTERS = ("text", "buyer", "supplier", "amount_min", "amount_max")
# The facets the word cells of amounts count, each on its own (``WordAmountCounts``).
WORD_AMOUNT_FACETS = ("year", "method", "details", "category", "status")

# The limits of the tender-value bands that the amount cells count processes by: 0 and a 1-2-5
# series per decade, up to the largest amount the columns hold (``browsing.MAX_AMOUNT``).
# Each limit has two bands: the amounts equal to it, and those between it and the next limit.
AMOUNT_LIMITS = frozenset(
    [Decimal(0), *(Decimal(first) * Decimal(10) ** power for power in range(18) for first in (1, 2, 5))]
)
# A process's band: the limit at or below its amount (-1 for a negative amount, below every
# limit), from the number of digits of its whole part.
AMOUNT_FROM = """
    CASE WHEN {amount} < 0 THEN -1 WHEN {amount} < 1 THEN 0 ELSE
        (CASE WHEN {amount} >= 5 * {unit} THEN 5 WHEN {amount} >= 2 * {unit} THEN 2 ELSE 1 END) * {unit}
    END
"""


def industry_value(scheme: str, code: str) -> str:
    """An industry as the ``industry`` parameter gives it: ``UNSPSC:43``."""
    return f"{scheme}:{code}"


def enabled() -> bool:
    return connection.vendor == "postgresql"


def answer(selection: Any) -> bool:
    """Whether the cells hold the counts of ``selection`` (a ``browsing.Selection``)."""
    return enabled() and not any(getattr(selection, name) not in (None, "") for name in OTHER_FILTERS)


def amount_band(column: str) -> tuple[str, str]:
    """SQL of the band of ``column``'s amount (``AMOUNT_FROM``) and of whether it is the band's limit."""
    unit = f"power(10::numeric, length(trunc({column})::text) - 1)"
    band = AMOUNT_FROM.format(amount=column, unit=unit)
    return band, f"{column} = ({band})"


def on_limits(selection: Any) -> bool:
    """Whether ``selection`` has an amount range whose bounds are band limits (``AMOUNT_LIMITS``),
    so that the amount cells hold its processes whole: the bands between the bounds, and
    the amounts equal to each limit between them, the bounds included."""
    bounds = (selection.amount_min, selection.amount_max)
    return any(bound is not None for bound in bounds) and all(
        bound is None or bound in AMOUNT_LIMITS for bound in bounds
    )


def answer_amounts(selection: Any) -> bool:
    """Whether the amount cells hold the counts of ``selection``: an amount range on band limits,
    with the six columns and nothing else (no words, organisations or industry)."""
    return (
        enabled()
        and on_limits(selection)
        and not selection.industry
        and not any(getattr(selection, name) not in (None, "") for name in ("text", "buyer", "supplier"))
    )


def answer_word_amounts(selection: Any) -> bool:
    """Whether the word cells of amounts hold the counts of ``selection``, a frequent word's: an
    amount range on band limits in its currency, and no other filter. They count each facet on
    its own, so a filter on another of the six columns needs the processes."""
    return (
        enabled()
        and on_limits(selection)
        and not selection.industry
        and not any(getattr(selection, name) not in (None, "") for name in ("buyer", "supplier"))
        and not any(getattr(selection, name) not in (None, "") for name in WORD_AMOUNT_FACETS)
    )


def _bands(selection: Any) -> tuple[str, list[Any]]:
    """The conditions on the amount cells' bands that hold the selection's range (``on_limits``):
    a band between two limits lies within the range if its lower limit does and its upper one
    is at most the upper bound, that is, if its lower limit is below that bound."""
    conditions, params = [], []
    if selection.amount_min is not None:
        conditions.append("amount_from >= %s")
        params.append(selection.amount_min)
    if selection.amount_max is not None:
        conditions.append("(amount_from < %s OR (amount_exact AND amount_from = %s))")
        params += [selection.amount_max, selection.amount_max]
    return " AND ".join(conditions), params


def refresh(dataset: Dataset) -> None:
    """Replace the dataset's cells with counts of its processes (nothing to do on SQLite).

    An industry's cells count the processes that have that industry (a process has each
    industry once, so the counts are exact).
    """
    if enabled():
        # In one transaction: the word sets are read wherever the word cells hold the word.
        with transaction.atomic():
            fill(dataset.pk)
            fill_amounts(dataset.pk)
            fill_words(dataset.pk, dataset.process_count)
            fill_word_amounts(dataset.pk)
            fill_word_sets(dataset.pk)


def fill(dataset: int) -> None:
    """Replace the cells of the dataset with id ``dataset`` (PostgreSQL; migration 0006 calls it too).

    The industry facet's cells are summed from the industries' cells of all six columns, so
    that the processes are joined to their industries once.
    """
    grouped = ", ".join(COLUMNS.values())
    by_process = ", ".join(f"process.{column}" for column in COLUMNS.values())
    industry_columns = ", ".join(INDUSTRY_COLUMNS.values())
    with transaction.atomic(), connection.cursor() as cursor:
        for table in (TABLE, PROCESS_INDUSTRY_TABLE, INDUSTRY_TABLE):
            _clear(cursor, table, dataset)
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
            INSERT INTO {PROCESS_INDUSTRY_TABLE} (dataset_id, scheme, code, {grouped}, processes)
            SELECT process.dataset_id, industry.scheme, industry.code, {by_process}, count(*)
            FROM contracting_classification AS industry
            JOIN contracting_process AS process ON process.id = industry.process_id
            WHERE process.dataset_id = %s
            GROUP BY process.dataset_id, industry.scheme, industry.code, {by_process}
            """,  # noqa: S608 (constants only)
            [dataset],
        )
        cursor.execute(
            f"""
            INSERT INTO {INDUSTRY_TABLE} (dataset_id, {industry_columns}, scheme, code, processes)
            SELECT dataset_id, {industry_columns}, scheme, code, sum(processes) FROM {PROCESS_INDUSTRY_TABLE}
            WHERE dataset_id = %s
            GROUP BY dataset_id, {industry_columns}, scheme, code
            """,  # noqa: S608 (constants only)
            [dataset],
        )


def _clear(cursor: Any, table: str, dataset: int) -> None:
    """Delete the rows of ``table`` of this dataset, and of datasets deleted since (the cells have
    no foreign key: migration 0004)."""
    cursor.execute(
        f"DELETE FROM {table} WHERE dataset_id = %s"  # noqa: S608 (constants only)
        " OR dataset_id NOT IN (SELECT id FROM contracting_dataset)",
        [dataset],
    )


def _celled_words(cursor: Any, dataset: int) -> list[str]:
    """The words the dataset's word cells hold (``fill_words``)."""
    cursor.execute(f"SELECT DISTINCT word FROM {WORD_TABLE} WHERE dataset_id = %s", [dataset])  # noqa: S608
    return [word for (word,) in cursor.fetchall()]


def fill_words(dataset: int, processes: int) -> None:
    """Replace the word cells of the dataset with id ``dataset``, which has ``processes`` processes.

    Two passes: the frequent words are found in a sample of the processes (words the sample
    suggests are at least half as frequent as ``FREQUENT_WORD``: a word left out is only
    counted from the processes, never miscounted), then one pass over every process counts
    the processes of each frequent word per combination of values.
    """
    grouped = ", ".join(COLUMNS.values())
    by_process = ", ".join(f"process.{column}" for column in COLUMNS.values())
    with transaction.atomic(), connection.cursor() as cursor:
        _clear(cursor, WORD_TABLE, dataset)
        if processes < FREQUENT_WORD:
            return
        share = min(1.0, WORD_SAMPLE / processes)
        # Counting a million processes' words by six columns takes more than the default 4 MB.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"""
            SELECT word FROM (
                SELECT unnest(tsvector_to_array({PROCESS_WORDS})) AS word
                FROM contracting_process AS process TABLESAMPLE SYSTEM (%(percent)s)
                {WORD_SOURCES}
                WHERE process.dataset_id = %(dataset)s
            ) AS sampled
            GROUP BY word HAVING count(*) >= %(least)s
            """,  # noqa: S608 (constants only; values are parameters)
            {"dataset": dataset, "percent": 100 * share, "least": FREQUENT_WORD * share / 2},
        )
        words = [word for (word,) in cursor.fetchall()]
        if not words:
            return
        cursor.execute(
            f"""
            INSERT INTO {WORD_TABLE} (dataset_id, word, {grouped}, processes)
            SELECT %(dataset)s, word, {grouped}, count(*) FROM (
                SELECT {by_process}, unnest(tsvector_to_array({PROCESS_WORDS})) AS word
                FROM contracting_process AS process
                {WORD_SOURCES}
                WHERE process.dataset_id = %(dataset)s
            ) AS found
            WHERE word = ANY(%(words)s)
            GROUP BY word, {grouped}
            """,  # noqa: S608 (constants only; values are parameters)
            {"dataset": dataset, "words": words},
        )


def fill_amounts(dataset: int) -> None:
    """Replace the amount cells of the dataset with id ``dataset`` (PostgreSQL; migration 0009
    calls it too): its processes with an amount per band of amounts (``AMOUNT_FROM``), whether
    the amount is the band's limit, and combination of the six values.

    A tender-value range on band limits is then summed from the cells of its bands: read from
    the amount index, a tenth of a million processes in a range took 70 ms to be grouped.
    """
    grouped = ", ".join(COLUMNS.values())
    band, exact = amount_band("tender_amount")
    with transaction.atomic(), connection.cursor() as cursor:
        _clear(cursor, AMOUNT_TABLE, dataset)
        cursor.execute(
            f"""
            INSERT INTO {AMOUNT_TABLE} (dataset_id, amount_from, amount_exact, {grouped}, processes)
            SELECT dataset_id, amount_from, amount_exact, {grouped}, count(*) FROM (
                SELECT {grouped}, dataset_id, {band} AS amount_from, {exact} AS amount_exact
                FROM contracting_process WHERE dataset_id = %s AND tender_amount IS NOT NULL
            ) AS banded
            GROUP BY dataset_id, amount_from, amount_exact, {grouped}
            """,  # noqa: S608 (constants only)
            [dataset],
        )


def fill_word_amounts(dataset: int) -> None:
    """Replace the word cells of amounts of the dataset with id ``dataset`` (PostgreSQL; migration
    0009 calls it too), for the words its word cells hold (``fill_words`` first).

    For each word, currency and band of amounts, the processes per value of each facet but the
    currency, on its own (``WORD_AMOUNT_FACETS``): counted per combination of the six values,
    as the word cells are, the bands made seven times as many rows (72,000 for a word in a
    fifth of a million processes). They answer a frequent word with an amount range
    (``answer_word_amounts``), whose processes were read one by one from all over the table to
    be tested for the word (0.5 s for the 19,000 of 103,000 in a range at a million processes).
    """
    band, exact = amount_band("process.tender_amount")
    columns = [COLUMNS[facet] for facet in WORD_AMOUNT_FACETS]
    facet = (
        "CASE "
        + " ".join(
            f"WHEN GROUPING({column}) = 0 THEN '{name}'"
            for name, column in zip(WORD_AMOUNT_FACETS, columns, strict=True)
        )
        + " END"
    )
    value = f"COALESCE({', '.join(f'{column}::text' for column in columns)})"
    sets = ", ".join(f"({column})" for column in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        _clear(cursor, WORD_AMOUNT_TABLE, dataset)
        words = _celled_words(cursor, dataset)
        if not words:
            return
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"""
            INSERT INTO {WORD_AMOUNT_TABLE}
                (dataset_id, word, tender_currency, amount_from, amount_exact, facet, value, processes)
            SELECT %(dataset)s, word, tender_currency, amount_from, amount_exact, {facet}, {value}, count(*)
            FROM (
                SELECT process.tender_currency, {", ".join(f"process.{column}" for column in columns)},
                    {band} AS amount_from, {exact} AS amount_exact,
                    unnest(tsvector_to_array({PROCESS_WORDS})) AS word
                FROM contracting_process AS process
                {WORD_SOURCES}
                WHERE process.dataset_id = %(dataset)s AND process.tender_amount IS NOT NULL
            ) AS found
            WHERE word = ANY(%(words)s)
            GROUP BY word, tender_currency, amount_from, amount_exact, GROUPING SETS ({sets})
            """,  # noqa: S608 (constants only; values are parameters)
            {"dataset": dataset, "words": words},
        )


def fill_word_sets(dataset: int) -> None:
    """Replace the word sets of the dataset with id ``dataset`` (PostgreSQL; migration 0010 calls
    it too), for the words its word cells hold (``fill_words`` first): each word's processes,
    as the bits of their ids in rows of ``SET_CHUNK`` ids (150 KB for a word in a fifth of a
    million processes).

    They let a frequent word with filters the cells do not hold (a buyer, an industry, an amount
    range with other filters) be tested on each process from its id alone (``in_word_set``):
    the processes are then read from the indexes that hold their facets' values, never from the
    table. Tested on the table's stored words and the buyers' and suppliers' names, the 58,000
    processes of a buyer were each read from the table (0.27 s for "medicamentos"), where the
    buyer's index and the word's bits take 27 ms.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        _clear(cursor, WORD_SET_TABLE, dataset)
        words = _celled_words(cursor, dataset)
        if not words:
            return
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"""
            INSERT INTO {WORD_SET_TABLE} (dataset_id, word, chunk, bits)
            SELECT %(dataset)s, word, id / {SET_CHUNK},
                bit_or(B'1'::bit({SET_CHUNK}) >> mod(id, {SET_CHUNK})::int)
            FROM (
                SELECT process.id, unnest(tsvector_to_array({PROCESS_WORDS})) AS word
                FROM contracting_process AS process
                {WORD_SOURCES}
                WHERE process.dataset_id = %(dataset)s
            ) AS found
            WHERE word = ANY(%(words)s)
            GROUP BY word, id / {SET_CHUNK}
            """,  # noqa: S608 (constants only; values are parameters)
            {"dataset": dataset, "words": words},
        )


def in_word_set(identity: Any, dataset: Any, word: str) -> Func:
    """A condition on a row whose process id is ``identity`` and dataset id ``dataset`` (column
    expressions, as ``F``): its process is among the word's (``fill_word_sets``).

    An ``EXISTS`` on the word's rows of bits, which PostgreSQL joins to the rows tested by
    hashing the word's rows (a hundred per million processes) and tests each row's bit.
    """
    return _InWordSet(identity, dataset, Value(word))


class _InWordSet(Func):
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):  # noqa: ANN001, ANN201 (Django's signature)
        (identity, identity_params), (dataset, dataset_params), (word, word_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = (
            f"EXISTS (SELECT 1 FROM {WORD_SET_TABLE} AS word_set WHERE word_set.dataset_id = {dataset}"  # noqa: S608 (constants and compiled columns)
            f" AND word_set.word = {word} AND word_set.chunk = {identity} / {SET_CHUNK}"
            f" AND get_bit(word_set.bits, mod({identity}, {SET_CHUNK})::int) = 1)"
        )
        return sql, (*dataset_params, *word_params, *identity_params, *identity_params)


def word_sets_answer(selection: Any) -> bool:
    """Whether the word sets hold the processes of the selection's words: a frequent word that
    every dataset in scope holds (``FrequentWord.everywhere``)."""
    return selection.frequent is not None and selection.frequent.everywhere


def required_words(text: str, datasets: list[Dataset]) -> tuple[str, ...]:
    """The words a search for ``text`` requires, where it is several words that all must be
    found (``hospital carretera``) and the word sets of every dataset in ``datasets`` hold
    each of them; else none.

    A process that matches such a search holds every one of its words among those of its text
    and its buyer's and suppliers' names, so each word's set holds it: testing the sets first
    leaves the few processes that can match (``browsing.industry_rows``). The sets alone
    would not do: a process whose title holds one word and its buyer's name the other is in
    both, and matches neither's text.
    """
    if not enabled() or not text:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT term, (
                SELECT count(*) FROM unnest(%(datasets)s::bigint[]) AS dataset (id)
                WHERE EXISTS (
                    SELECT 1 FROM {WORD_SET_TABLE} AS word_set
                    WHERE word_set.dataset_id = dataset.id AND word_set.word = btrim(term, chr(39))
                )
            )
            FROM regexp_split_to_table(websearch_to_tsquery('simple', %(text)s)::text, ' & ') AS term
            """,  # noqa: S608 (a constant table; values are parameters)
            {"text": text, "datasets": [dataset.pk for dataset in datasets]},
        )
        rows = cursor.fetchall()
    plain = all(re.fullmatch(r"'[^']+'", term) for term, _held in rows)
    if len(rows) < 2 or not plain or any(held < len(datasets) for _term, held in rows):
        return ()
    return tuple(term.strip("'") for term, _held in rows)


@dataclass(frozen=True)
class FrequentWord:
    """A searched word whose word cells hold the counts of every large dataset in scope."""

    word: str
    # The datasets whose word cells hold it; the others in scope are small enough to count.
    datasets: tuple[int, ...]
    # Whether they are every dataset in scope (so that its word sets hold every process of it).
    everywhere: bool = False


def frequent_word(text: str, datasets: list[Dataset]) -> FrequentWord | None:
    """The word cells that answer a search for ``text`` in ``datasets``, if any.

    ``text`` must be one word (one term of the search syntax, as the database parses it), and
    every dataset of at least ``FREQUENT_WORD`` processes must hold it in its word cells: one
    where the word is rare is better counted from its processes, and so are the others then.
    """
    if not enabled() or not text:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH searched AS (
                SELECT (tsvector_to_array(to_tsvector('simple', %(text)s)))[1] AS word
                WHERE numnode(websearch_to_tsquery('simple', %(text)s)) = 1
                AND array_length(tsvector_to_array(to_tsvector('simple', %(text)s)), 1) = 1
            )
            SELECT searched.word, dataset.id FROM searched, unnest(%(datasets)s::bigint[]) AS dataset (id)
            WHERE EXISTS (
                SELECT 1 FROM {WORD_TABLE} AS cell
                WHERE cell.dataset_id = dataset.id AND cell.word = searched.word
            )
            """,  # noqa: S608 (a constant table; values are parameters)
            {"text": text, "datasets": [dataset.pk for dataset in datasets]},
        )
        rows = cursor.fetchall()
    celled = {pk for _word, pk in rows}
    large = {dataset.pk for dataset in datasets if dataset.process_count >= FREQUENT_WORD}
    if not rows or not large <= celled:
        return None
    return FrequentWord(rows[0][0], tuple(sorted(celled)), celled == {dataset.pk for dataset in datasets})


class _Summed:
    """Counts of a selection in ``datasets`` summed from cells in one query, on first use: the
    total and each facet's counts per value (``browsing.Counts``)."""

    def __init__(self, datasets: list[int], selection: Any, word: str = "") -> None:
        self.datasets = datasets
        self.selection = selection
        self.word = word
        self.counted: dict[str, dict[Any, int]] | None = None

    def total(self) -> int:
        return self._counted()[""].get("", 0)

    def per_value(self, facet: str) -> dict[Any, int]:
        return self._counted()[facet]

    def _counted(self) -> dict[str, dict[Any, int]]:
        if self.counted is None:
            self.counted = self._count()
        return self.counted

    def _count(self) -> dict[str, dict[Any, int]]:
        raise NotImplementedError


class CellCounts(_Summed):
    """The counts of a selection (that ``answer`` accepts) summed from the cells, every facet
    and the total in one query (``grouped``).

    With an industry, from that industry's cells; with ``word``, from the word cells of that
    word (the selection's text is that word, and it has no industry); with an amount range on
    band limits (``answer_amounts``), from the amount cells of its bands.
    """

    def _count(self) -> dict[str, dict[Any, int]]:
        table, where, params = self._source()
        columns = ", ".join(COLUMNS.values())
        source = f"SELECT {columns}, processes FROM {table} WHERE {where}"  # noqa: S608 (constants; values are parameters)
        return grouped(source, params, self.selection)

    def _source(self) -> tuple[str, str, list[Any]]:
        """The table to sum and the conditions of the selection on it but its columns' (which
        ``grouped`` applies to each facet but its own)."""
        where, params = _where(self.datasets, self.selection, {}, skip="")
        if on_limits(self.selection):
            bands, limits = _bands(self.selection)
            return AMOUNT_TABLE, f"{where} AND {bands}", [*params, *limits]
        if self.word:
            return WORD_TABLE, f"{where} AND word = %s", [*params, self.word]
        if self.selection.industry:
            scheme, code = self.selection.industry
            return PROCESS_INDUSTRY_TABLE, f"{where} AND scheme = %s AND code = %s", [*params, scheme, code]
        return TABLE, where, params


class WordAmountCounts(_Summed):
    """The counts of a frequent word (``word``) with an amount range (``answer_word_amounts``),
    summed from the word cells of amounts of its bands, in one query: each facet's counts in the
    selection's currency, and the currency facet's from the counts of every currency by year
    (each process has one year)."""

    def _count(self) -> dict[str, dict[Any, int]]:
        bands, limits = _bands(self.selection)
        found: dict[str, dict[Any, int]] = {facet: {} for facet in [*COLUMNS, ""]}
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT tender_currency, facet, value, sum(processes) FROM {WORD_AMOUNT_TABLE}
                WHERE dataset_id = ANY(%s) AND word = %s AND {bands}
                GROUP BY tender_currency, facet, value
                """,  # noqa: S608 (constants; values are parameters)
                [self.datasets, self.word, *limits],
            )
            rows = cursor.fetchall()
        currencies: dict[str, int] = {}
        for currency, facet, value, processes in rows:
            if facet == "year":
                currencies[currency] = currencies.get(currency, 0) + int(processes)
            if currency != self.selection.currency or value in (None, ""):
                continue
            key = int(value) if facet == "year" else value
            found[facet][key] = found[facet].get(key, 0) + int(processes)
        found["currency"] = {currency: count for currency, count in currencies.items() if currency and count}
        found[""][""] = currencies.get(self.selection.currency, 0)
        return found


def per_combination(source: str) -> str:
    """SQL counting the rows of ``source`` (SQL selecting the six ``COLUMNS``) per combination of
    their values, in a ``processes`` column: the shape of the cells, for ``grouped`` to sum.

    A tender-value range leaves 104,000 processes of a million, but a few thousand combinations:
    grouping them once and then summing them per facet took 61 ms, where each facet's count
    filtered every process took 80 ms.
    """
    columns = ", ".join(COLUMNS.values())
    return f"SELECT {columns}, count(*) AS processes FROM ({source}) AS rows GROUP BY {columns}"  # noqa: S608 (constants; values are parameters)


def grouped(source: str, params: list[Any], selection: Any) -> dict[str, dict[Any, int]]:
    """Every facet's counts per value and the total (under ``""``), of the rows of ``source``
    (SQL with ``params``, selecting the six ``COLUMNS`` and the ``processes`` each row counts,
    as the cells and ``per_combination`` do), in one pass (PostgreSQL).

    The rows are grouped by each column in turn (GROUPING SETS), each grouping counting the
    rows that pass the selection's filters on the other columns (``FILTER``). Six GROUP BYs
    over the same processes took six times as long; over the cells, the seven queries of a
    page each read every cell of the dataset (some 10,000 rows).
    """
    chosen = {name: value for name in COLUMNS if (value := getattr(selection, name)) not in (None, "")}
    counts, filters = [], []
    for facet in [*COLUMNS, ""]:
        others = {name: value for name, value in chosen.items() if name != facet}
        condition = " AND ".join(f"{COLUMNS[name]} = %s" for name in others) or "TRUE"
        counts.append(f"coalesce(sum(processes) FILTER (WHERE {condition}), 0)")
        filters += others.values()
    columns = ", ".join(COLUMNS.values())
    flags = ", ".join(f"GROUPING({column})" for column in COLUMNS.values())
    sets = ", ".join(f"({column})" for column in COLUMNS.values())
    sql = (
        f"SELECT {columns}, {flags}, {', '.join(counts)} FROM ({source}) AS base "  # noqa: S608 (constants; values are parameters)
        f"GROUP BY GROUPING SETS ({sets}, ())"
    )
    found: dict[str, dict[Any, int]] = {facet: {} for facet in [*COLUMNS, ""]}
    width = len(COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*filters, *params])
        for row in cursor.fetchall():
            values, flags_found, totals = row[:width], row[width : 2 * width], row[2 * width :]
            if all(flags_found):
                found[""][""] = int(totals[-1])
                continue
            position = flags_found.index(0)
            value = values[position]
            if value not in (None, "") and totals[position]:
                found[list(COLUMNS)[position]][value] = int(totals[position])
    return found


def currency_among(datasets: list[int]) -> RawSQL:
    """A condition on a process: its currency is one of those the cells of ``datasets`` hold.

    It holds for every process with a currency; written out, it lets PostgreSQL read a
    range of amounts from the amount index (ordered by amount within each currency) one
    currency after another.
    """
    held = f"SELECT DISTINCT tender_currency FROM {TABLE} WHERE dataset_id = ANY(%s)"  # noqa: S608 (a constant table)
    return RawSQL(  # noqa: S611 (constants only; the ids are a parameter)
        f"tender_currency = ANY(ARRAY({held}))",
        [datasets],
        output_field=BooleanField(),
    )


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
