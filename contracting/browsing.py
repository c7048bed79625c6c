"""Finding processes: the explorer's filters, facet counts, sorting, pages and downloads.

A ``Selection`` is what the reader asked for in the query string, parsed once; values that
cannot be valid are left out and named back to the reader, never answered with an error
(shared links get truncated). Every filter is a condition on the processes of the datasets in
scope; each facet counts its options with the other filters applied, in one GROUP BY, so that
a page costs the same number of queries at a thousand processes as at a million.

Amounts are the processes' tender values (``tender.value``), which the database holds in a
column per process: they are filtered and sorted within one currency and never added up
across currencies. Awarded values are shown per currency beside them.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Col, Expression, OrderBy
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from contracting import cells
from contracting.cells import COLUMNS, industry_value
from contracting.indicators import AWARDED_STATUSES
from contracting.models.data import Award, Category, Classification, Dataset, Method, Organisation, Process
from network.facets import FacetOption
from network.params import parse_id, parse_year

PAGE_SIZE = 25
# Deep pages cost the database a scan of every row before them; past these, narrow the filters.
MAX_PAGES = 400
# Buyers, suppliers and (where the cells do not hold them) industries are listed with their
# counts only where the selection is this small: they are counted from the processes' links,
# which no index makes cheap for hundreds of thousands of processes.
LARGE_SELECTION = 5_000
NARROW = _("Narrow the selection to list them with their counts.")
ORGANISATION_OPTIONS = 20
MAX_TEXT = 200
MAX_DETAILS = 255
# The largest amount the columns hold (20 digits, 2 of them decimals).
MAX_AMOUNT = Decimal(10) ** 18
CURRENCY = re.compile(r"^[A-Z]{3}$")

# OCDS tender.status (a closed codelist), with the labels readers see.
STATUSES = {
    "planning": _("Planning"),
    "planned": _("Planned"),
    "active": _("Active"),
    "cancelled": _("Cancelled"),
    "unsuccessful": _("Unsuccessful"),
    "complete": _("Complete"),
    "withdrawn": _("Withdrawn"),
}

SORTS: dict[str, tuple[Any, ...]] = {
    "-date": (F("date").desc(), F("pk").desc()),
    "date": (F("date").asc(), F("pk").asc()),
    # Amounts in different currencies are not comparable: they are sorted within each currency
    # (currencies in reverse order of their codes, so that processes without one come last), as
    # the indexes of migration 0003 hold them.
    "-amount": (F("tender_currency").desc(), F("tender_amount").desc(nulls_last=True), F("pk").desc()),
    "amount": (F("tender_currency").desc(), F("tender_amount").asc(nulls_last=True), F("pk").asc()),
}
SORT_LABELS = {
    "-date": _("Newest first"),
    "date": _("Oldest first"),
    "-amount": _("Largest amount first"),
    "amount": _("Smallest amount first"),
}
DEFAULT_SORT = "-date"


@dataclass(frozen=True)
class Selection:
    """The explorer's filters, as parsed from a query string; empty values filter nothing."""

    year: int | None = None
    method: str = ""
    details: str = ""
    category: str = ""
    industry: tuple[str, str] | None = None
    status: str = ""
    currency: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    buyer: int | None = None
    supplier: int | None = None
    text: str = ""
    sort: str = DEFAULT_SORT
    # Not a parameter: what the word cells know of ``text`` (``with_word_cells``), on PostgreSQL.
    frequent: cells.FrequentWord | None = None
    # Not a parameter: the words ``text`` requires, each held by the word sets (``with_word_cells``).
    required: tuple[str, ...] = ()

    @property
    def is_filtered(self) -> bool:
        return replace(self, sort=DEFAULT_SORT) != Selection()

    def without(self, facet: str) -> "Selection":
        """The selection without one facet's filter, for counting that facet's options."""
        return replace(self, **{facet: Selection.__dataclass_fields__[facet].default})

    def query(self) -> dict[str, str]:
        """The selection as query parameters (what ``parse_selection`` reads back)."""
        values = {
            "year": self.year,
            "method": self.method,
            "details": self.details,
            "category": self.category,
            "industry": industry_value(*self.industry) if self.industry else "",
            "status": self.status,
            "currency": self.currency,
            "min": self.amount_min,
            "max": self.amount_max,
            "buyer": self.buyer,
            "supplier": self.supplier,
            "q": self.text,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
        }
        return {key: str(value) for key, value in values.items() if value not in (None, "")}


@dataclass
class Parsed:
    selection: Selection
    # The parameters whose values were left out, as "name=value", to tell the reader.
    ignored: list[str] = field(default_factory=list)


def parse_selection(query: QueryDict) -> Parsed:
    """The selection in ``query``; a value that cannot be valid is left out and listed in ``ignored``."""
    found: dict[str, Any] = {}
    ignored: list[str] = []
    for param, (name, parser) in PARSERS.items():
        raw = query.get(param, "").strip()
        if not raw:
            continue
        value = parser(raw)
        if value is None:
            ignored.append(f"{param}={raw[:40]}")
        else:
            found[name] = value
    if ("amount_min" in found or "amount_max" in found) and "currency" not in found:
        # An amount means nothing without its currency, and amounts are never compared across them.
        ignored += [f"{param}={query[param]}" for param in ("min", "max") if query.get(param, "").strip()]
        found.pop("amount_min", None)
        found.pop("amount_max", None)
    return Parsed(Selection(**found), ignored)


def with_word_cells(selection: Selection, datasets: list[Dataset]) -> Selection:
    """``selection`` with the word cells that hold its text, where it is a frequent word.

    Its processes are then too many to collect before they are counted or sorted: the counts
    come from the cells, and the page's rows are matched one by one in the order of the page.
    Several words that the word sets all hold (``cells.required_words``) narrow an industry's
    rows before its processes are read to match them.
    """
    frequent = cells.frequent_word(selection.text, datasets)
    several = not frequent and len(selection.text.split()) > 1
    required = cells.required_words(selection.text, datasets) if several else ()
    return replace(selection, frequent=frequent, required=required)


def _choice(values: Iterable[str]) -> Callable[[str], str | None]:
    allowed = frozenset(values)
    return lambda value: value if value in allowed else None


def _text(limit: int) -> Callable[[str], str | None]:
    return lambda value: value if len(value) <= limit and value.isprintable() else None


def _industry(value: str) -> tuple[str, str] | None:
    scheme, colon, code = value.rpartition(":")
    if (
        not colon
        or not scheme
        or len(scheme) > 100
        or not scheme.isprintable()
        or not (code.isascii() and code.isdigit())
        or len(code) > 20
    ):
        return None
    return scheme, code


def _currency(value: str) -> str | None:
    value = value.upper()
    return value if CURRENCY.match(value) else None


def _amount(value: str) -> Decimal | None:
    if len(value) > 30:
        return None
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and 0 <= amount < MAX_AMOUNT else None


PARSERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "year": ("year", parse_year),
    "method": ("method", _choice(Method.values)),
    "details": ("details", _text(MAX_DETAILS)),
    "category": ("category", _choice(Category.values)),
    "industry": ("industry", _industry),
    "status": ("status", _choice(STATUSES)),
    "currency": ("currency", _currency),
    "min": ("amount_min", _amount),
    "max": ("amount_max", _amount),
    "buyer": ("buyer", parse_id),
    "supplier": ("supplier", parse_id),
    "q": ("text", _text(MAX_TEXT)),
    "sort": ("sort", _choice(SORTS)),
}


# --- Filtering ---------------------------------------------------------------------------------


def processes_in(datasets: Iterable[Dataset]) -> QuerySet[Process]:
    return Process.objects.filter(dataset_id__in=[dataset.pk for dataset in datasets])


def apply(processes: QuerySet[Process], selection: Selection, each: bool = False) -> QuerySet[Process]:
    """``processes`` narrowed by every filter of ``selection``.

    With ``each``, for reading them in date order up to a page (``in_order``), the industry and
    the words (on PostgreSQL) are tested on each process read instead of being collected first.
    Collected, an industry's processes are those of its rows that match the other filters
    (``industry_rows``), so that only those are read. With a supplier, whose processes are
    collected, the industry is tested on each of them: two collected lists made PostgreSQL
    look each of the industry's 15,600 processes up in the supplier's 3,000 one by one (5 s).
    A frequent word that every dataset in scope holds is tested on each process from its id
    (``cells.in_word_set``), which the indexes hold with the facets' values.
    """
    conditions = _copied_filters(selection)
    if selection.industry:
        scheme, code = selection.industry
        if each or selection.supplier:
            industry = Classification.objects.filter(scheme=scheme, code=code, process_id=OuterRef("pk"))
            conditions &= Q(Exists(industry))
        else:
            conditions &= among(industry_rows(selection).values("process_id"))
    if selection.supplier:
        conditions &= among(_supplied_by(Q(organisation_id=selection.supplier)))
    processes = processes.filter(conditions)
    if not selection.text:
        return processes
    if cells.word_sets_answer(selection):
        return processes.filter(cells.in_word_set(F("pk"), F("dataset_id"), selection.frequent.word))
    if selection.frequent or (each and connection.vendor == "postgresql"):
        return _matching_each(processes, selection.text, each)
    return _matching(processes, selection.text)


def _copied_filters(selection: Selection) -> Q:
    """The selection's filters on the values that a process and its industries' copies of it
    (``Classification``, ``PROCESS_COPY``) hold under the same names: the six columns, the
    amounts and the buyer."""
    conditions = Q()
    for name, column in COLUMNS.items():
        if getattr(selection, name) not in (None, ""):
            conditions &= Q(**{column: getattr(selection, name)})
    for lookup, value in (
        ("tender_amount__gte", selection.amount_min),
        ("tender_amount__lte", selection.amount_max),
        ("buyer_id", selection.buyer),
    ):
        if value is not None:
            conditions &= Q(**{lookup: value})
    return conditions


# The filters that the industries' copies do not hold: they need the processes (but a frequent
# word that the word sets hold, tested on the rows' process ids).
NOT_COPIED = ("text", "supplier")


def copies_answer(selection: Selection) -> bool:
    """Whether the rows of the selection's industry hold every value its filters read, so that
    its processes (their ids, buyers, values and order) are read from those rows alone."""
    held = {"text"} if cells.word_sets_answer(selection) else set()
    return bool(selection.industry) and not any(
        getattr(selection, name) for name in NOT_COPIED if name not in held
    )


def industry_rows(selection: Selection, datasets: list[int] | None = None) -> QuerySet[Classification]:
    """The rows of the selection's industry (in ``datasets``, or in every dataset) whose copies
    of their process's values match its other filters but suppliers, and words but a frequent
    word that the word sets hold (``cells.word_sets_answer``), tested on their process ids.
    Several words that the sets hold (``Selection.required``) leave the rows whose process is
    in every word's set: those that can match, which ``apply`` then matches.

    Migration 0007's index holds an industry's rows of each dataset in date order with every
    copied value, so that these are picked out of the index alone (the 1,500 processes of an
    industry with a method and a category among its 15,600 at a million, in about 5 ms where
    reading the processes took 70–120), and a page in date order reads the rows up to itself.
    """
    scheme, code = selection.industry
    rows = Classification.objects.filter(_copied_filters(selection), scheme=scheme, code=code)
    if selection.text and cells.word_sets_answer(selection):
        rows = rows.filter(cells.in_word_set(F("process_id"), F("dataset_id"), selection.frequent.word))
    elif selection.text:
        for word in selection.required:
            rows = rows.filter(cells.in_word_set(F("process_id"), F("dataset_id"), word))
    if selection.year is not None:
        # As its range of dates, which the index orders (``in_order`` says why).
        rows = rows.filter(date__range=(date(selection.year, 1, 1), date(selection.year, 12, 31)))
    return rows if datasets is None else rows.filter(dataset_id__in=datasets)


class _Rows(Subquery):
    """A subquery without its parentheses, for ``ARRAY(SELECT …)``."""

    template = "%(subquery)s"


def among(ids: QuerySet | list[int], field: str = "pk") -> Q:
    """Rows whose ``field`` (by default, processes whose id) is among ``ids``: a query of
    process ids (usually a few thousand), or the ids themselves.

    On PostgreSQL as ``id = ANY(ARRAY(SELECT …))``: the ids are found first, from their own
    indexes, then the rows by an index on ``field``. Written as ``id IN (SELECT …)``, the
    planner joined the ids to a full scan of a million processes (a second instead of tens
    of milliseconds for a supplier's 3,000), or of every industry or award of the processes
    (0.17 s and 0.12 s instead of milliseconds for the 4,700 processes of a buyer).

    Ids already read are one array parameter, not thousands, unnested in the same form: given
    the array itself, the planner knew it held 2,500 ids and joined their awards to a scan of
    every award's suppliers (62 ms instead of 23).
    """
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": ids})
    listed = isinstance(ids, list)
    return Q(
        Func(
            F(field),
            Value(ids) if listed else _Rows(ids),
            template="%(expressions)s::bigint[])))" if listed else "%(expressions)s))",
            arg_joiner=" = ANY(ARRAY(SELECT unnest(" if listed else " = ANY(ARRAY(",
            output_field=BooleanField(),
        )
    )


def _supplied_by(organisations: Q) -> QuerySet:
    """The ids of the processes with an award to one of ``organisations`` (a condition on the link rows)."""
    return Award.suppliers.through.objects.filter(organisations).values("award__process_id")


def _matching(processes: QuerySet[Process], text: str) -> QuerySet[Process]:
    """Processes whose title or description holds the words of ``text``, or whose buyer or a
    supplier is named by them.

    PostgreSQL matches whole words with its full-text search (the processes' stored words and
    their GIN index, migration 0008; the organisations' names, migration 0003); SQLite, the
    embedded default at sample volumes, matches every word as a part of the text. The
    processes of the named buyers and suppliers are one UNION, read from their indexes, and
    the text condition is ORed with them: PostgreSQL combines the text's index and the ids'
    (BitmapOr) and reads each process once. Collected in the same UNION as
    the text's matches, the 13,000 processes of two frequent words were read twice (56 ms
    instead of 25); ORed with the buyers and suppliers as subqueries, every process was read.
    """
    if connection.vendor == "postgresql":
        words = SearchQuery(text, config="simple", search_type="websearch")
        processes = processes.alias(found=_process_text())
        in_text = Q(found=words)
        names = Organisation.objects.annotate(found=SearchVector("name", config="simple")).filter(found=words)
    else:
        in_text, named = Q(), Q()
        for word in text.split():
            in_text &= Q(title__icontains=word) | Q(description__icontains=word)
            named &= Q(name__icontains=word)
        names = Organisation.objects.filter(named)
    matching_names = names.values("pk")
    bought = Process.objects.filter(buyer_id__in=matching_names).values("pk")
    supplied = _supplied_by(Q(organisation_id__in=matching_names))
    return processes.filter(in_text | among(bought.union(supplied)))


def _matching_each(processes: QuerySet[Process], text: str, each: bool) -> QuerySet[Process]:
    """``_matching`` for a frequent word, or for the page of a large selection
    (``in_order``), on PostgreSQL: each process tested in the order read.

    A fifth of the processes match, so a page of 25 in date or amount order is found after
    reading about 125 of them from the sort's index; collecting the 200,000 first, as
    ``_matching`` does, took seconds. For such a page (``each``), the supplier test is a
    scalar subquery, run for each process from the awards' indexes: written as ``IN``,
    PostgreSQL collected every named supplier's processes first, tens of thousands for a
    common word. Where every process the other filters leave is tested (counting a frequent
    word with a buyer, an amount range or an industry, tens of thousands of processes), those
    are collected once and each process is looked up in them (a hashed ``IN``): tested with
    the scalar subquery, 87,000 processes of an amount range took 1.7 s for their suppliers.
    The named suppliers are read first (``among``), so that their links are read from the
    suppliers' index: joined to the names, every link was scanned (the 20,800 processes of
    "medicamentos" in 105 ms, against 58).
    """
    words = SearchQuery(text, config="simple", search_type="websearch")
    named = Organisation.objects.annotate(found=SearchVector("name", config="simple")).filter(found=words)
    if each:
        named_supplier = Award.suppliers.through.objects.filter(
            award__process_id=OuterRef("pk"), organisation_id__in=named.values("pk")
        ).values("organisation_id")[:1]
        processes = processes.alias(named_supplier=Subquery(named_supplier))
        # Only where some organisation is named at all (one test, before the first process):
        # PostgreSQL ran the subquery for each process anyway, reading its awards and their
        # suppliers to find none (40 of the 60 ms of a page of "hospital carretera").
        supplied = Q(Exists(named.values("pk"))) & Q(named_supplier__isnull=False)
    else:
        supplied = Q(pk__in=_supplied_by(among(named.values("pk"), "organisation_id")))
    return processes.alias(found=_process_text()).filter(
        Q(found=words) | Q(buyer_id__in=named.values("pk")) | supplied
    )


# The column of each process's words (its title's and description's), which migration 0008
# adds on PostgreSQL only: the model does not declare it, since SQLite does not have it.
STORED_WORDS = SearchVectorField()
STORED_WORDS.set_attributes_from_name("words")


class _ProcessWords(Expression):
    """The stored words of the processes a query reads, under whatever alias it reads them.

    Matching them is a lookup in the column (and its GIN index, migration 0008): computed from
    the title and description, each process the other filters leave was parsed again, about
    4 µs each (0.4 s of a frequent word's 104,000 processes in a tender-value range).
    """

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        identity = F("pk").resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return Col(identity.alias, STORED_WORDS)


def _process_text() -> Expression:
    """The words of a process's title and description, as its column holds them (PostgreSQL)."""
    return _ProcessWords()


def ordered(rows: QuerySet, selection: Selection, identity: str = "pk") -> QuerySet:
    """``rows`` (processes, or rows whose process is the column ``identity``) in the order of
    the selection's sort, processes of equal values in the order of their ids."""
    return rows.order_by(
        *(
            OrderBy(F(identity), descending=term.descending) if term.expression.name == "pk" else term
            for term in SORTS[selection.sort]
        )
    )


DATE_SORTS = ("-date", "date")


def in_order(
    processes: QuerySet[Process], selection: Selection, years: Iterable[int], each: bool
) -> QuerySet[Process]:
    """The processes of ``selection`` in the order of its sort, for reading a page of them: in
    date order, read from the date index, each tested as it comes, and the reading stopped
    after the page. ``years`` are those that hold the selection's processes (the options of
    its year facet), or none where they are not known.

    A year is read as its range of dates, which is what it is (the importer sets the year from
    the date): the planner does not know that the two go together, and walked the whole date
    index from the newest process to reach an earlier year (5 s for 2018 at a million
    processes). Without a year, the reading is bounded by the first and last of ``years``, so
    that a selection whose processes all lie in a few years is not sought in the others.

    With ``each``, an industry and words are tested on each process (``apply``) instead of
    being collected first: the first page of an industry is found among about 1,600 of a
    million processes in date order (7 ms), where collecting its 15,600 processes took 130 ms;
    ``explore`` says when. In amount order they are still collected: a large amount says
    nothing of the industry, and an industry of small amounts would be sought among every
    larger one.
    """
    if selection.sort not in DATE_SORTS:
        return ordered(apply(processes, selection), selection)
    narrowed = apply(processes, selection, each=each)
    held = [selection.year] if selection.year is not None else sorted(years)
    if held:
        narrowed = narrowed.filter(date__range=(date(held[0], 1, 1), date(held[-1], 12, 31)))
    return ordered(narrowed, selection)


# --- Facets ------------------------------------------------------------------------------------


@dataclass
class Facet:
    """One filter of the form: its query parameter, label and options with their counts."""

    param: str
    label: str
    options: list[FacetOption]
    # Why the options are not listed (too many processes to count them by), or "".
    withheld: str = ""


class Counts(Protocol):
    """Where the facet counts come from: the processes themselves, or their precomputed cells."""

    def total(self) -> int: ...

    def per_value(self, facet: str) -> dict[Any, int]:
        """Processes per value of ``facet`` (a key of ``COLUMNS``) with the other filters applied;
        empty values left out."""
        ...


@dataclass
class ProcessCounts:
    """Counts over the processes that the selection's other filters leave.

    On PostgreSQL one query counts every facet and the total (``_grouped``); SQLite, at sample
    volumes, runs a GROUP BY per facet.
    """

    processes: QuerySet[Process]
    # The ids of the datasets of ``processes``.
    datasets: list[int]
    selection: Selection
    grouped: dict[str, dict[Any, int]] | None = None

    def total(self) -> int:
        if connection.vendor == "postgresql":
            return self._grouped()[""].get("", 0)
        return apply(self.processes, self.selection).count()

    def per_value(self, facet: str) -> dict[Any, int]:
        if connection.vendor == "postgresql":
            return self._grouped()[facet]
        counts = dict(
            apply(self.processes, self.selection.without(facet))
            .values_list(COLUMNS[facet])
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {value: count for value, count in counts.items() if value not in (None, "")}

    def _grouped(self) -> dict[str, dict[Any, int]]:
        """Every facet and the total in one pass over the processes the other filters leave.

        The processes that pass the selection's filters on other things than these columns
        (words, organisations, amounts) are read once, counted per combination of the
        columns' values and summed per value of each column (``cells.grouped``), as the cells
        are; with an industry (and no words or
        supplier), its rows' copies are counted instead, from their index alone.

        With an amount range, the processes are read from the amount index within each
        currency the datasets' cells hold: the index orders amounts within a currency, so
        without the currencies the range bounded nothing and every entry of the datasets was
        read (0.3 s instead of 0.09 s for a tenth of a million processes). Every currency is
        kept, since the currency facet counts the same range in the other currencies.
        """
        if self.grouped is not None:
            return self.grouped
        others = replace(self.selection, **dict.fromkeys(COLUMNS, None))
        if copies_answer(self.selection):
            base = industry_rows(others, self.datasets)
        else:
            base = apply(self.processes, others)
        if self.selection.amount_min is not None or self.selection.amount_max is not None:
            base = base.filter(cells.currency_among(self.datasets))
        base_sql, base_params = base.values(*COLUMNS.values()).order_by().query.sql_with_params()
        combinations = cells.per_combination(base_sql)
        self.grouped = cells.grouped(combinations, list(base_params), self.selection)
        return self.grouped


@dataclass
class SummedCounts:
    """The counts of several sets of datasets, each from its own source, added up."""

    parts: list[Counts]

    def total(self) -> int:
        return sum(part.total() for part in self.parts)

    def per_value(self, facet: str) -> dict[Any, int]:
        summed: Counter = Counter()
        for part in self.parts:
            summed.update(part.per_value(facet))
        return dict(summed)


def counts_for(processes: QuerySet[Process], datasets: list[Dataset], selection: Selection) -> Counts:
    """The cheapest source of the selection's counts: on PostgreSQL, the precomputed cells
    (``contracting.cells``) whenever the selection filters only by what they hold (the six
    columns, and an amount range on the limits of their bands of amounts), or by a frequent
    word and the six columns they hold, or by a frequent word and such an amount range alone
    (the datasets too small to hold the word counted directly)."""
    if cells.answer(selection) or cells.answer_amounts(selection):
        return cells.CellCounts([dataset.pk for dataset in datasets], selection)
    frequent = selection.frequent
    celled: Counts | None = None
    if frequent and not selection.industry and cells.answer(replace(selection, text="")):
        celled = cells.CellCounts(list(frequent.datasets), selection, word=frequent.word)
    elif frequent and cells.answer_word_amounts(selection):
        celled = cells.WordAmountCounts(list(frequent.datasets), selection, frequent.word)
    if celled is not None:
        rest = [dataset for dataset in datasets if dataset.pk not in frequent.datasets]
        if not rest:
            return celled
        rest_counts = ProcessCounts(
            processes_in(rest), [dataset.pk for dataset in rest], replace(selection, frequent=None)
        )
        return SummedCounts([celled, rest_counts])
    return ProcessCounts(processes, [dataset.pk for dataset in datasets], selection)


class ById(Sequence):
    """Processes listed by id, in the order of ``ids``, read a page at a time: ``ids`` are a
    list, or a query of ids in order that gives ``total`` of them and is read a page at a time."""

    def __init__(self, ids: list[int] | QuerySet, total: int | None = None) -> None:
        self.ids = ids
        self.total = total

    def __len__(self) -> int:
        return len(self.ids) if self.total is None else self.total

    def __getitem__(self, index: slice) -> list[Process]:
        chosen = list(self.ids[index])
        rows = Process.objects.select_related("buyer").only(*LIST_FIELDS).in_bulk(chosen)
        return [rows[pk] for pk in chosen if pk in rows]


@dataclass
class Found:
    """A selection as the explorer shows it."""

    # The number of processes it holds.
    total: int
    # Every filter's options, each counted with the other filters applied.
    facets: list[Facet]
    # Its processes in the order of its sort, for its pages of results (``result_page``).
    processes: "QuerySet[Process] | ById"


def explore(
    processes: QuerySet[Process], datasets: list[Dataset], selection: Selection, number: str | int
) -> Found:
    """The selection's total, facets and processes in order, for its page ``number``.

    Where the selection is small enough to list its buyers, suppliers and industries (at most
    ``LARGE_SELECTION`` processes), its ids and buyers are read once, and the lists count
    those: each list collected them again, and for an industry with other filters that meant
    reading its 15,600 processes three times, for the page, the buyers and the suppliers
    (0.25 s each at a million processes). Where they were collected anyway (an industry, a
    supplier, words other than a frequent one), their rows are read to apply the other filters
    and sorting them costs little: they are read in the order of the page, which is then 25 of
    them. Other selections' ids come from indexes without the sort's columns (sorted, a
    tender-value range's took 0.39 s instead of 0.05), so their pages are read from the
    sort's index (``in_order``), stopping after the page.

    A selection by an industry without words or a supplier (``copies_answer``) has its ids,
    buyers and pages read from its industry's rows (``industry_rows``), in the order of the
    page: an industry's fortieth page reads 1,000 entries of their index (under 1 ms), where
    collecting its 15,600 processes took 0.1 s. The page of another large selection by an
    industry or words is read from the date index, each process tested, where that reads
    fewer processes than collecting them would (at least the selection's): about
    ``(offset + page) × processes in scope / total``, if the selection is spread over the dates.
    """
    counts = counts_for(processes, datasets, selection)
    total = counts.total()
    years = counts.per_value("year")
    copied = (
        industry_rows(selection, [dataset.pk for dataset in datasets]) if copies_answer(selection) else None
    )
    if total > LARGE_SELECTION:
        if copied is not None:
            listed: QuerySet[Process] | ById = ById(
                ordered(copied, selection, "process_id").values_list("process_id", flat=True), total
            )
        else:
            offset = (_page_number(number, total) - 1) * PAGE_SIZE
            scope = sum(dataset.process_count for dataset in datasets)
            listed = in_order(processes, selection, years, each=(offset + PAGE_SIZE) * scope <= total * total)
        return Found(total, _facets(datasets, selection, counts, total, years, None), listed)
    frequent = selection.frequent is not None
    collected = bool(selection.industry or selection.supplier or (selection.text and not frequent))
    if copied is not None:
        found = list(ordered(copied, selection, "process_id").values_list("process_id", "buyer_id"))
    else:
        rows = apply(processes, selection)
        if collected:
            rows = ordered(rows, selection)
        found = list(rows.values_list("pk", "buyer_id"))
    ids = [pk for pk, _buyer in found]
    listed = ById(ids) if collected else in_order(processes, selection, years, each=False)
    buyers = Counter(buyer for _pk, buyer in found if buyer is not None)
    return Found(total, _facets(datasets, selection, counts, total, years, ids, buyers), listed)


def _page_number(number: str | int, total: int) -> int:
    """The page that ``result_page`` shows for ``number``, of ``total`` processes."""
    return Paginator(range(min(total, PAGE_SIZE * MAX_PAGES)), PAGE_SIZE).get_page(number).number


def _facets(
    datasets: list[Dataset],
    selection: Selection,
    counts: Counts,
    total: int,
    years: dict[int, int],
    ids: list[int] | None,
    buyers: Counter | None = None,
) -> list[Facet]:
    """Every filter's options; ``ids`` are the selection's processes and ``buyers`` their
    number per buyer, where it is small enough to list its buyers, suppliers and industries,
    else None."""
    found = [
        Facet(
            "year",
            _("Year"),
            _options(((year, str(year)) for year in sorted(years, reverse=True)), years, selection.year),
        ),
        _labelled("method", _("Procurement method"), counts, Method.choices, selection.method),
        _open_list("details", _("Type of contract"), counts, selection.details),
        _labelled("category", _("Main category"), counts, Category.choices, selection.category),
        _industries(datasets, selection, total, ids),
        _labelled("status", _("Tender status"), counts, STATUSES.items(), selection.status),
        _open_list("currency", _("Currency"), counts, selection.currency),
    ]
    return [*found, *_organisation_facets(selection, total, ids, buyers)]


def _options(labelled: Iterable[tuple[Any, str]], counts: dict[Any, int], selected: Any) -> list[FacetOption]:
    """Options with a count, and the selected one even without (so that the reader can undo it)."""
    options = [
        FacetOption(str(value), str(label), counts.get(value, 0), value == selected)
        for value, label in labelled
        if value in counts or value == selected
    ]
    if selected not in (None, "") and not any(option.selected for option in options):
        options.append(FacetOption(str(selected), str(selected), 0, True))
    return options


def _labelled(
    facet: str, label: str, counts: Counts, choices: Iterable[tuple[str, Any]], selected: str
) -> Facet:
    found = counts.per_value(facet)
    known = list(choices)
    unknown = sorted(set(found) - {value for value, _label in known})
    return Facet(facet, label, _options([*known, *((value, value) for value in unknown)], found, selected))


def _open_list(facet: str, label: str, counts: Counts, selected: str) -> Facet:
    """A facet whose values are whatever the data holds (method details, currencies), by name."""
    found = counts.per_value(facet)
    return Facet(facet, label, _options(((value, value) for value in sorted(found)), found, selected))


def _industries(datasets: list[Dataset], selection: Selection, total: int, ids: list[int] | None) -> Facet:
    """Processes per industry: from the cells where they hold the other filters, else from the
    processes where the selection is small enough; a selected industry is kept with its count."""
    label = _("Industry (top level of the item classification)")
    chosen = industry_value(*selection.industry) if selection.industry else ""
    others = selection.without("industry")
    if cells.answer_industries(others):
        found = cells.industry_counts([dataset.pk for dataset in datasets], others)
    elif chosen:
        found = {chosen: total}
    elif ids is None:
        return Facet("industry", label, [], str(NARROW))
    else:
        # From the processes to their industries: the database starts from the few processes
        # (the selection's own, since it has no industry here).
        rows = (
            Classification.objects.filter(among(ids, "process_id"))
            .values_list("scheme", "code")
            .annotate(count=Count("process_id"))
            .order_by()
        )
        found = {industry_value(scheme, code): count for scheme, code, count in rows}
    labelled = [(value, value.replace(":", " ", 1)) for value in sorted(found)]
    return Facet("industry", label, _options(labelled, found, chosen))


def _organisation_facets(
    selection: Selection, total: int, ids: list[int] | None, buyers: Counter | None
) -> list[Facet]:
    """The buyers and suppliers with the most processes in the selection, where it is small
    enough to have its ``ids`` and its processes per buyer (``buyers``) read.

    A selected buyer (supplier) is the facet's one option, with the selection's total as its
    count (which is what its count is): listing the others would count every process the
    other filters leave, which is the whole country for a buyer chosen from its page.
    """
    bought = supplied = None
    if ids is not None and buyers is not None:
        # Buyers are counted as they were read with the ids: reading the processes again for
        # their buyers took 50 ms for 1,560 of them.
        bought = most_frequent(buyers)
        supplied = most_frequent(
            dict(
                Award.suppliers.through.objects.filter(among(ids, "award__process_id"))
                .values_list("organisation_id")
                .annotate(count=Count("award__process", distinct=True))
                .values_list("organisation_id", "count")
            )
        )
    return [
        _organisation_facet("buyer", _("Buyer"), selection.buyer, total, bought),
        _organisation_facet("supplier", _("Supplier"), selection.supplier, total, supplied),
    ]


def most_frequent(counts: dict[int, int]) -> list[tuple[int, str, int]]:
    """The ORGANISATION_OPTIONS organisations with the highest ``counts`` (id → processes), as
    (id, name, count), most processes first, then by name in the database's order.

    Only the names shown are read: those counted more often than the last one shown, and the
    first by name of those counted as often (a small buyer's 2,700 suppliers, most with one
    process, were all named to show 20).
    """
    if not counts:
        return []
    least = sorted(counts.values(), reverse=True)[:ORGANISATION_OPTIONS][-1]
    above = [pk for pk, count in counts.items() if count > least]
    shown = Organisation.objects.filter(among([pk for pk, count in counts.items() if count >= least]))
    if above:
        # Fewer than ORGANISATION_OPTIONS: they come first, then the tied ones by name.
        first = Case(When(among(above), then=Value(0)), default=Value(1), output_field=IntegerField())
        shown = shown.alias(first=first).order_by("first", "name")
    else:
        shown = shown.order_by("name")
    named = shown.values_list("pk", "name")[:ORGANISATION_OPTIONS]
    # A stable sort by count keeps the database's order by name among equal counts.
    return sorted(((pk, name, counts[pk]) for pk, name in named), key=lambda row: -row[2])


def _organisation_facet(param: str, label: str, chosen: int | None, total: int, rows: list | None) -> Facet:
    """The facet of a buyer or supplier: the chosen one, or the ``rows`` of the most frequent
    (None where the selection is too large to list them)."""
    if chosen is not None:
        name = Organisation.objects.filter(pk=chosen).values_list("name", flat=True).first()
        return Facet(param, label, [FacetOption(str(chosen), name or str(chosen), total, True)])
    if rows is None:
        return Facet(param, label, [], str(NARROW))
    options = [FacetOption(str(pk), name or str(pk), count, False) for pk, name, count in rows]
    return Facet(param, label, options)


# --- Pages of results --------------------------------------------------------------------------


# The columns a result row and a download read: never the compiled release.
LIST_FIELDS = (
    "pk",
    "ocid",
    "title",
    "url",
    "method",
    "method_details",
    "category",
    "status",
    "tender_amount",
    "tender_currency",
    "date",
    "dataset_id",
    "buyer_id",
    "buyer__name",
)


def result_page(processes: QuerySet[Process] | ById, total: int, number: str | int):
    """The page ``number`` of ``processes`` (already ordered, or listed by id), counted as ``total``.

    The count is the one the facets were built with, so that the page does not count again;
    pages beyond ``MAX_PAGES`` are not offered.
    """
    if isinstance(processes, QuerySet):
        processes = processes.select_related("buyer").only(*LIST_FIELDS)
    paginator = Paginator(processes, PAGE_SIZE)
    paginator.count = min(total, PAGE_SIZE * MAX_PAGES)
    page = paginator.get_page(number)
    awarded_values(page.object_list)
    return page


def awarded_values(processes: list[Process]) -> None:
    """Give each process its ``awarded`` values, one per currency, in one query."""
    processes = list(processes)
    sums: dict[int, list[tuple[str, Decimal]]] = {process.pk: [] for process in processes}
    rows = (
        Award.objects.filter(process__in=list(sums), status__in=AWARDED_STATUSES, amount__isnull=False)
        .exclude(currency="")
        .values_list("process_id", "currency")
        .annotate(total=Sum("amount"))
        .order_by("process_id", "currency")
    )
    for process_id, currency, total in rows:
        sums[process_id].append((currency, total))
    for process in processes:
        process.awarded = sums[process.pk]


def format_amount(amount: Decimal | None, currency: str) -> str:
    """An amount in the active language's notation, with its currency code."""
    if amount is None:
        return ""
    return f"{number_format(amount, 2, force_grouping=True)} {currency}".strip()
