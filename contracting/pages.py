"""What the explorer's pages show: a selection of processes, one process, one organisation.

Each function builds a template's context with a fixed number of queries (the facets one
each, the rows and their awarded values one each), whatever the number of processes; the
downloads stream the selection in batches, up to ``DOWNLOAD_LIMIT`` rows.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.fields.json import KeyTransform
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from contracting import browsing
from contracting.flags import process_flags
from contracting.indicators import AWARDED_STATUSES
from contracting.models.data import TENDER_FACTS, Award, Classification, Dataset, Organisation, Process
from countries.models import CountryPage
from network.address import absolute_url
from network.exports import FORMATS, csv_cell, json_value
from network.public import Column

DOWNLOAD_FORMATS = ("csv", "json")
# A download is a working file, not a copy of the database: the full data is the publisher's.
DOWNLOAD_LIMIT = 50_000
DOWNLOAD_BATCH = 1000
# What a process page lists of a compiled release that can be long.
MAX_ITEMS = 200
CENTS = Decimal("0.01")

RELEASE_TAGS = {
    "planning": gettext_lazy("Planning"),
    "planningUpdate": gettext_lazy("Planning update"),
    "tender": gettext_lazy("Tender"),
    "tenderAmendment": gettext_lazy("Tender amendment"),
    "tenderUpdate": gettext_lazy("Tender update"),
    "tenderCancellation": gettext_lazy("Tender cancellation"),
    "award": gettext_lazy("Award"),
    "awardUpdate": gettext_lazy("Award update"),
    "awardCancellation": gettext_lazy("Award cancellation"),
    "contract": gettext_lazy("Contract"),
    "contractUpdate": gettext_lazy("Contract update"),
    "contractAmendment": gettext_lazy("Contract amendment"),
    "implementation": gettext_lazy("Implementation"),
    "implementationUpdate": gettext_lazy("Implementation update"),
    "contractTermination": gettext_lazy("Contract termination"),
    "compiled": gettext_lazy("Compiled"),
}


def scope_datasets(country: CountryPage | None) -> list[Dataset]:
    """The datasets the explorer searches: the country's, or those of every live country."""
    datasets = (
        Dataset.objects.filter(country__live=True)
        .select_related("country")
        .order_by("country__title", "name")
    )
    return list(datasets.filter(country=country) if country is not None else datasets)


# --- The explorer ------------------------------------------------------------------------------


def explorer_context(page, request: HttpRequest, country: CountryPage | None) -> dict[str, Any]:
    datasets = scope_datasets(country)
    parsed = browsing.parse_selection(request.GET)
    selection = browsing.with_word_cells(parsed.selection, datasets)
    processes = browsing.processes_in(datasets)
    number = request.GET.get("page", "")
    found = browsing.explore(processes, datasets, selection, number)
    total, facets = found.total, found.facets
    results = browsing.result_page(found.processes, total, number)
    _link_rows(page, results.object_list, datasets)
    query = selection.query()
    return {
        "explorer_country": country,
        "explorer_datasets": datasets,
        "selection": selection,
        "ignored": parsed.ignored,
        "facets": facets,
        "total": total,
        "results": results,
        "capped": total > len(results.paginator.page_range) * browsing.PAGE_SIZE,
        "sorts": [(value, label, value == selection.sort) for value, label in browsing.SORT_LABELS.items()],
        "explorer_url": page.explorer_url(country),
        "all_countries_url": page.explorer_url() if country is not None else "",
        "csv_url": _with_query(page.explorer_url(country), {**query, "format": "csv"}),
        "json_url": _with_query(page.explorer_url(country), {**query, "format": "json"}),
        "download_limit": DOWNLOAD_LIMIT,
        "procurement_data_url": page.url,
    }


def _with_query(url: str, query: dict[str, str]) -> str:
    return f"{url}?{urlencode(query)}" if query else url


def _link_rows(page, processes: list[Process], datasets: list[Dataset]) -> None:
    """Give each row the addresses of its process and buyer pages, and its amounts formatted."""
    codes = {dataset.pk: dataset.country.iso_alpha2 for dataset in datasets}
    for process in processes:
        code = codes[process.dataset_id]
        process.page_url = page.process_url(code, process.pk)
        process.buyer_url = page.organisation_url(code, process.buyer_id) if process.buyer_id else ""
        process.tender_value = browsing.format_amount(process.tender_amount, process.tender_currency)
        process.awarded_values = [
            browsing.format_amount(amount, currency) for currency, amount in process.awarded
        ]


# --- Downloads ---------------------------------------------------------------------------------


def download_columns(page, request: HttpRequest, codes: dict[int, str]) -> list[Column]:
    def process_page(process: Process) -> str:
        return absolute_url(page.process_url(codes[process.dataset_id], process.pk), request)

    return [
        Column("ocid", _("OCID"), lambda process: process.ocid),
        Column(
            "country_code", _("Country code (ISO 3166 alpha-2)"), lambda process: codes[process.dataset_id]
        ),
        Column("title", _("Title"), lambda process: process.title),
        Column("buyer", _("Buyer"), lambda process: process.buyer.name if process.buyer else ""),
        Column(
            "buyer_id",
            _("Buyer identifier"),
            lambda process: process.buyer.identifier if process.buyer else "",
        ),
        Column("method", _("Procurement method"), lambda process: process.method),
        Column("method_details", _("Type of contract"), lambda process: process.method_details),
        Column("category", _("Main category"), lambda process: process.category),
        Column("status", _("Tender status"), lambda process: process.status),
        Column("date", _("Date"), lambda process: process.date),
        Column("tender_amount", _("Tender value"), lambda process: process.tender_amount),
        Column("tender_currency", _("Tender value currency"), lambda process: process.tender_currency),
        Column(
            "awarded",
            _("Value awarded, per currency"),
            lambda process: [
                {"currency": currency, "amount": amount} for currency, amount in process.awarded
            ],
        ),
        Column("url", _("Publisher's page"), lambda process: process.url),
        Column("page", _("Page on this site"), process_page),
    ]


def download(
    page, request: HttpRequest, country: CountryPage | None, extension: str
) -> StreamingHttpResponse:
    """The selection as CSV or JSON, streamed in batches, at most ``DOWNLOAD_LIMIT`` processes."""
    datasets = scope_datasets(country)
    selection = browsing.with_word_cells(browsing.parse_selection(request.GET).selection, datasets)
    # In the page's order, a year read as its range of dates; up to 50,000 rows are collected.
    rows = browsing.in_order(browsing.processes_in(datasets), selection, years=(), each=False)
    rows = rows.select_related("buyer").only(*browsing.LIST_FIELDS, "buyer__identifier")[:DOWNLOAD_LIMIT]
    columns = download_columns(
        page, request, {dataset.pk: dataset.country.iso_alpha2 for dataset in datasets}
    )
    body = _csv(columns, rows) if extension == "csv" else _json(columns, rows, selection)
    response = StreamingHttpResponse(body, content_type=FORMATS[extension])
    scope = country.iso_alpha2.lower() if country is not None else "all"
    filename = f"ricg-processes-{scope}-{get_language()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _batches(rows: QuerySet[Process]) -> Iterator[list[Process]]:
    found = rows.iterator(chunk_size=DOWNLOAD_BATCH)
    while processes := list(islice(found, DOWNLOAD_BATCH)):
        browsing.awarded_values(processes)
        yield processes


def _csv(columns: list[Column], rows: QuerySet[Process]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, as the site's other downloads (network.exports)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode()

    writer.writerow([str(column.label) for column in columns])
    yield "\ufeff".encode() + flush()
    for batch in _batches(rows):
        for process in batch:
            writer.writerow([csv_cell(_csv_value(column.value(process))) for column in columns])
        yield flush()


def _csv_value(value: Any) -> Any:
    """Awarded values as "1500.50 USD; 20.00 PYG"; the rest as the site's other downloads."""
    if isinstance(value, list):
        return [f"{_decimal(entry['amount'])} {entry['currency']}" for entry in value]
    return _decimal(value) if isinstance(value, Decimal) else value


def _decimal(amount: Decimal) -> str:
    """An amount with its cents, as the columns hold it (SQLite's sums lose the trailing zeros)."""
    return str(amount.quantize(CENTS))


def _json(columns: list[Column], rows: QuerySet[Process], selection: browsing.Selection) -> Iterator[bytes]:
    head = {
        "dataset": "procurement-processes",
        "title": _("Contracting processes"),
        "language": get_language(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "filters": selection.query(),
        "limit": DOWNLOAD_LIMIT,
        "fields": [{"key": column.key, "label": str(column.label)} for column in columns],
    }
    yield json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "items": ['
    separator = b""
    for batch in _batches(rows):
        for process in batch:
            item = {column.key: _json_value(column.value(process)) for column in columns}
            yield separator + json.dumps(item, ensure_ascii=False).encode()
            separator = b", "
    yield b"]}"


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, list):
        return [{key: _json_value(entry) for key, entry in item.items()} for item in value]
    return json_value(value)


# --- One process -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    name: str
    url: str


# What a process page shows of a process's industries and parties (never their copies of the
# process's values, ``Classification``'s, nor their datasets).
INDUSTRY_FIELDS = ("process_id", "scheme", "code")
PARTY_FIELDS = ("pk", "identifier", "name")
# The columns a process page reads of the process, its dataset, country and buyer: not the
# compiled release (but its items, ``process_context``), nor the dataset's fetching state, nor
# the country page's own fields (it is the page's title and code the page names).
PROCESS_FIELDS = (
    "ocid",
    *TENDER_FACTS,
    "dataset__publisher",
    "dataset__licence",
    "dataset__licence_url",
    "dataset__is_sample",
    "dataset__short_submission_days",
    *(f"dataset__country__{name}" for name in ("title", "title_es", "title_en", "iso_alpha2")),
    "buyer__identifier",
    "buyer__name",
)


def process_context(page, request: HttpRequest, code: str, pk: int) -> dict[str, Any]:
    """The process ``pk`` of the live country whose ISO code is ``code`` (else 404), with its
    dataset, country and buyer in the same query, and its releases, awards, contracts,
    tenderers and industries in one query each.

    The country is read with the process, not first on its own: that was a query (and a wide
    one, the country page's every column) more per page. The compiled release is not read
    whole: only its tender's items, which are all the page shows of it (a compiled release of
    a national publisher is often tens of kilobytes of JSON, decoded for a few lines).
    """
    suppliers = Prefetch("suppliers", queryset=Organisation.objects.only(*PARTY_FIELDS).order_by("name"))
    process = (
        Process.objects.filter(pk=pk, dataset__country__live=True, dataset__country__iso_alpha2=code)
        .select_related("dataset__country", "buyer")
        .only(*PROCESS_FIELDS)
        .annotate(tender_items=KeyTransform("items", KeyTransform("tender", "compiled")))
        .prefetch_related(
            "releases",
            Prefetch("awards", queryset=Award.objects.order_by("date", "pk").prefetch_related(suppliers)),
            "contracts",
            Prefetch("tenderers", queryset=Organisation.objects.only(*PARTY_FIELDS).order_by("name")),
            Prefetch("classifications", queryset=Classification.objects.only(*INDUSTRY_FIELDS)),
        )
        .first()
    )
    if process is None:
        raise Http404
    country = process.dataset.country

    def party(organisation: Organisation) -> Party:
        return Party(str(organisation), page.organisation_url(code, organisation.pk))

    awards = list(process.awards.all())
    for award in awards:
        award.value = browsing.format_amount(award.amount, award.currency)
        award.parties = [party(supplier) for supplier in award.suppliers.all()]
    contracts = list(process.contracts.all())
    for contract in contracts:
        contract.value = browsing.format_amount(contract.amount, contract.currency)
    return {
        "process": process,
        "dataset": process.dataset,
        "explorer_country": country,
        "explorer_url": page.explorer_url(country),
        "buyer": party(process.buyer) if process.buyer else None,
        "timeline": [(release, _tag_labels(release.tags)) for release in process.releases.all()],
        "tender_value": browsing.format_amount(process.tender_amount, process.tender_currency),
        "awards": awards,
        "awarded": _awarded_totals(awards),
        "contracts": contracts,
        "tenderers": [party(tenderer) for tenderer in process.tenderers.all()],
        "items": _items(process.tender_items),
        "classifications": process.classifications.all(),
        "flags": process_flags(process),
        "methodology_url": page.methodology_url(),
        "status_label": browsing.STATUSES.get(process.status, process.status),
    }


def _tag_labels(tags: str) -> list[str]:
    return [str(RELEASE_TAGS.get(tag, tag)) for tag in tags.split(",") if tag]


def _awarded_totals(awards: list[Award]) -> list[str]:
    """The value awarded (active awards, or those without a status), per currency."""
    totals: dict[str, Decimal] = {}
    for award in awards:
        if award.status in AWARDED_STATUSES and award.amount is not None and award.currency:
            totals[award.currency] = totals.get(award.currency, Decimal(0)) + award.amount
    return [browsing.format_amount(amount, currency) for currency, amount in sorted(totals.items())]


@dataclass(frozen=True)
class Item:
    description: str
    quantity: str
    unit: str
    classification: str


def _items(entries: Any) -> list[Item]:
    """The tender's items as published (``tender.items`` of the compiled release, whatever its
    shape), with their classification (scheme, code, description)."""
    items = []
    for entry in entries[:MAX_ITEMS] if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        classification = entry.get("classification") if isinstance(entry.get("classification"), dict) else {}
        unit = entry.get("unit") if isinstance(entry.get("unit"), dict) else {}
        described = " ".join(
            str(classification[key]) for key in ("scheme", "id", "description") if classification.get(key)
        )
        items.append(
            Item(
                str(entry.get("description") or ""),
                "" if entry.get("quantity") is None else str(entry["quantity"]),
                str(unit.get("name") or ""),
                described,
            )
        )
    return items


# --- One organisation --------------------------------------------------------------------------


ROLES = ("buyer", "supplier")


def organisation_context(page, request: HttpRequest, country: CountryPage, pk: int) -> dict[str, Any]:
    organisation = (
        Organisation.objects.filter(pk=pk, dataset__country=country).select_related("dataset").first()
    )
    if organisation is None:
        raise Http404
    bought = _totals(
        Process.objects.filter(buyer=organisation).count(), Award.objects.filter(process__buyer=organisation)
    )
    supplied_awards = Award.objects.filter(suppliers=organisation)
    supplied = _totals(
        supplied_awards.aggregate(count=Count("process", distinct=True))["count"], supplied_awards
    )
    role = request.GET.get("role", "")
    if role not in ROLES:
        role = "buyer" if bought["processes"] or not supplied["processes"] else "supplier"
    selection = browsing.Selection(**{role: organisation.pk})
    processes = browsing.apply(Process.objects.filter(dataset=organisation.dataset), selection)
    total = bought["processes"] if role == "buyer" else supplied["processes"]
    results = browsing.result_page(browsing.ordered(processes, selection), total, request.GET.get("page", ""))
    _link_rows(page, results.object_list, [organisation.dataset])
    explorer_url = page.explorer_url(country)
    return {
        "organisation": organisation,
        "explorer_country": country,
        "explorer_url": explorer_url,
        "role": role,
        "bought": bought,
        "supplied": supplied,
        "results": results,
        "total": total,
        "role_urls": {other: f"?{urlencode({'role': other})}" for other in ROLES},
        "explorer_filtered_url": _with_query(explorer_url, {role: str(organisation.pk)}),
    }


def _totals(processes: int, awards: QuerySet[Award]) -> dict[str, Any]:
    """The processes counted, and the value of ``awards`` awarded per currency (never summed across)."""
    rows = (
        awards.filter(status__in=AWARDED_STATUSES, amount__isnull=False)
        .exclude(currency="")
        .values_list("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )
    return {
        "processes": processes,
        "values": [browsing.format_amount(total, currency) for currency, total in rows],
    }
