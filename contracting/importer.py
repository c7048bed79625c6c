"""Importing OCDS releases into a dataset: check, upgrade, merge by OCID, store the facts.

Releases are read one at a time (``contracting.reading``), checked (an ocid, numeric amounts,
known currencies), upgraded from OCDS 1.0 to 1.1 (ocdskit) and grouped by OCID in ocdskit's
on-disk packager, so memory does not grow with the file. Each OCID's new releases are then
merged (ocdsmerge, with the vendored 1.1.5 schema, so nothing is fetched) onto the compiled
release already stored, and the process's facts are written in batches, one transaction each.

A release already stored (same OCID, release id and date) is skipped, so importing the same data
twice changes nothing, and a newer release updates its process.
"""

import hashlib
import json
import logging
import multiprocessing
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

import ocdsmerge
from ocdskit.packager import Packager
from ocdskit.upgrade import upgrade_10_11
from ocdskit.util import is_linked_release
from tqdm import tqdm

from contracting.models import (
    Award,
    Category,
    Classification,
    Contract,
    Dataset,
    Method,
    Organisation,
    Process,
    Release,
)
from contracting.reading import Item, Problem, read

SCHEMA_PATH = Path(__file__).parent / "schema" / "release-schema-1.1.5.json"
# Processes merged and written per transaction.
BATCH = 500
# Rows per INSERT statement of ``_insert`` (SQLite allows 32,766 parameters a statement).
INSERT_ROWS = 500
# Releases held in memory before they are written to the on-disk spool.
SPOOL_FLUSH = 1000
# ocdskit's 1.0 → 1.1 upgrade logs each organisation published twice with different details;
# that is the publisher's business, not the importer's report.
logging.getLogger("ocdskit").setLevel(logging.ERROR)
LARGEST_AMOUNT = Decimal("1e18")
# Top level of the item classification schemes: the digits that name an industry.
TOP_LEVEL_DIGITS = {"CPC": 1}
DEFAULT_TOP_LEVEL_DIGITS = 2


@cache
def schema() -> dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as file:
        return json.load(file)


@cache
def currencies() -> frozenset[str]:
    return frozenset(
        code for code in schema()["definitions"]["Value"]["properties"]["currency"]["enum"] if code
    )


@cache
def merger() -> ocdsmerge.Merger:
    return ocdsmerge.Merger(schema=schema())


class InvalidRelease(ValueError):
    """A release that cannot be imported as published; the message says why."""


@dataclass
class Summary:
    """What an import did, for the command's last lines and the dataset's fetch report."""

    files: int = 0
    releases_read: int = 0
    releases_new: int = 0
    processes_created: int = 0
    processes_updated: int = 0
    processes_unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{self.files} file(s), {self.releases_read:,} release(s) read, {self.releases_new:,} new; "
            f"processes: {self.processes_created:,} created, {self.processes_updated:,} updated, "
            f"{self.processes_unchanged:,} unchanged; {len(self.problems):,} problem(s)"
        ]
        lines += [f"  {problem}" for problem in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  … and {len(self.problems) - 50:,} more")
        return "\n".join(lines)


def import_files(dataset: Dataset, paths: Iterable[Path], *, progress: bool = False) -> Summary:
    """Import the releases and records in ``paths`` into ``dataset``, then refresh its figures."""
    summary = Summary()
    with Packager(force_version="1.1") as packager:
        bar = tqdm(desc="Reading", unit=" releases", disable=not progress, file=sys.stderr)
        for path in paths:
            summary.files += 1
            for entry in read(path):
                if isinstance(entry, Problem):
                    summary.problems.append(entry)
                    continue
                for release in _releases(entry, summary):
                    packager.backend.add_release(release, entry.package.get("uri", ""))
                    summary.releases_read += 1
                    bar.update()
                    if summary.releases_read % SPOOL_FLUSH == 0:
                        packager.backend.flush()
            packager.backend.flush()
        bar.close()
        groups = packager.backend.get_releases_by_ocid()
        bar = tqdm(desc="Merging", unit=" processes", disable=not progress, file=sys.stderr)
        with _merging(in_worker=summary.releases_read > BATCH) as merge:
            # While the worker merges one batch, this process writes the one before.
            waiting: tuple[list[Pending], Future] | None = None
            for batch in _batches(groups, BATCH):
                pending, jobs = _prepare(dataset, batch, summary)
                merged = merge(jobs)
                if waiting:
                    _store(dataset, *waiting, summary)
                    bar.update(len(waiting[0]))
                waiting = (pending, merged)
            if waiting:
                _store(dataset, *waiting, summary)
                bar.update(len(waiting[0]))
        bar.close()
    refresh_dataset(dataset)
    return summary


def refresh_dataset(dataset: Dataset) -> None:
    """Bring the dataset's counts, dates, figures and explorer counts up to date with its processes."""
    from contracting import cells
    from contracting.indicators import recompute

    span = dataset.processes.aggregate(first=Min("date"), last=Max("date"))
    dataset.first_date, dataset.last_date = span["first"], span["last"]
    dataset.process_count = dataset.processes.count()
    dataset.release_count = Release.objects.filter(process__dataset=dataset).count()
    dataset.last_import_at = timezone.now()
    dataset.save()
    recompute(dataset)
    cells.refresh(dataset)


def _batches(groups: Iterator, size: int) -> Iterator[list[tuple[str, list[dict]]]]:
    batch = []
    for ocid, rows in groups:
        batch.append((ocid, [row[-1] for row in rows]))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Checking and upgrading releases ------------------------------------------------------


def _releases(item: Item, summary: Summary) -> Iterator[dict[str, Any]]:
    """The full releases in ``item``, checked and upgraded; problems go to the summary."""
    if item.kind == "record":
        # Linked releases (a url, a date and a tag) only point to the releases: the compiled
        # release then stands for them.
        embedded = [
            release
            for release in item.data["releases"]
            if isinstance(release, dict) and not is_linked_release(release)
        ]
        candidates = embedded or [item.data.get("compiledRelease")]
        # A record's releases may leave their ocid to the record.
        for release in candidates:
            if isinstance(release, dict) and "ocid" not in release and "ocid" in item.data:
                release["ocid"] = item.data["ocid"]
    else:
        candidates = [item.data]
    upgrade = item.package.get("version") != "1.1"
    for release in candidates:
        try:
            yield _checked(release, upgrade)
        except InvalidRelease as error:
            ocid = release.get("ocid") if isinstance(release, dict) else None
            about = f" ({ocid})" if isinstance(ocid, str) else ""
            summary.problems.append(Problem(item.source, item.position, f"{error}{about}; skipped"))


def _checked(release: Any, upgrade: bool) -> dict[str, Any]:
    if not isinstance(release, dict):
        raise InvalidRelease("a record without its releases or compiled release")
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        raise InvalidRelease("a release without an ocid")
    if upgrade:
        upgrade_10_11(release, reorder=False)
    for where, value in _values(release):
        amount = value.get("amount")
        if isinstance(amount, str):
            raise InvalidRelease(f"the amount in {where} is text ({amount[:30]!r}), not a number")
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int | float)):
            raise InvalidRelease(f"the amount in {where} is not a number")
        if amount is not None and abs(amount) >= LARGEST_AMOUNT:
            raise InvalidRelease(f"the amount in {where} is out of range ({amount:g})")
        currency = value.get("currency")
        if currency is not None and currency not in currencies():
            raise InvalidRelease(f"unknown currency {str(currency)[:10]!r} in {where}")
    if not release.get("id"):
        release["id"] = hashlib.sha256(json.dumps(release, sort_keys=True).encode()).hexdigest()[:32]
    if not isinstance(release.get("date"), str):
        release["date"] = ""
    return release


def _values(release: dict[str, Any]) -> Iterator[tuple[str, dict]]:
    """The OCDS Value objects the indicators read, with their place in the release."""
    tender = release.get("tender")
    if isinstance(tender, dict) and isinstance(tender.get("value"), dict):
        yield "tender/value", tender["value"]
    for kind in ("awards", "contracts"):
        for index, entry in enumerate(_list(release.get(kind))):
            if isinstance(entry, dict) and isinstance(entry.get("value"), dict):
                yield f"{kind}/{index}/value", entry["value"]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


# --- Merging and storing -------------------------------------------------------------------


# A merge to do: the process's place in its batch, and its compiled release (if stored) and
# new releases.
MergeJob = tuple[int, list[dict[str, Any]]]


@dataclass
class Pending:
    """A process with new releases, before its merge: ``compiled`` is set when no merge is needed."""

    ocid: str
    process: Process | None
    fresh: list[dict[str, Any]]
    compiled: dict[str, Any] | None


@contextmanager
def _merging(in_worker: bool) -> Iterator[Callable[[list[MergeJob]], Future]]:
    """A function that merges a batch's jobs, in a worker process when the import is large
    enough to be worth one: the merges then use the second core while this process writes.

    The worker is forked: it inherits the merger (schema and rules) and never touches the
    database; a failed merge comes back as its message.
    """
    merger()
    if not in_worker:
        yield _merge_here
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield partial(pool.submit, _merge_all)


def _merge_here(jobs: list[MergeJob]) -> Future:
    done: Future = Future()
    done.set_result(_merge_all(jobs))
    return done


def _merge_all(jobs: list[MergeJob]) -> dict[int, dict[str, Any] | str]:
    """Each job's compiled release, or why it cannot be merged, by the job's place in its batch."""
    merged: dict[int, dict[str, Any] | str] = {}
    for index, releases in jobs:
        try:
            merged[index] = _merged(releases)
        except ocdsmerge.exceptions.OCDSMergeError as error:
            merged[index] = str(error)
    return merged


def _prepare(
    dataset: Dataset, batch: list[tuple[str, list[dict]]], summary: Summary
) -> tuple[list[Pending], list[MergeJob]]:
    """The batch's processes with new releases, and the merges they need."""
    ocids = [ocid for ocid, _ in batch]
    existing = {process.ocid: process for process in dataset.processes.filter(ocid__in=ocids)}
    stored: dict[int, set[ReleaseKey]] = {}
    for process_id, release_id, moment in Release.objects.filter(process__in=existing.values()).values_list(
        "process_id", "release_id", "date"
    ):
        stored.setdefault(process_id, set()).add((release_id, moment))

    pending: list[Pending] = []
    jobs: list[MergeJob] = []
    for ocid, releases in batch:
        process = existing.get(ocid)
        known = stored.get(process.pk, set()) if process else set()
        keyed = {_release_key(release): release for release in releases}
        new = {key: release for key, release in keyed.items() if key not in known}
        if not new:
            summary.processes_unchanged += 1
            continue
        fresh = sorted(new.values(), key=lambda release: release["date"])
        compiled = compiled_alone(fresh[0]) if process is None and len(fresh) == 1 else None
        if compiled is None:
            jobs.append((len(pending), ([process.compiled] if process else []) + fresh))
        pending.append(Pending(ocid, process, fresh, compiled))
    return pending, jobs


def _store(dataset: Dataset, pending: list[Pending], merged: Future, summary: Summary) -> None:
    """Write the batch's processes, once their merges are done, in one transaction."""
    results = merged.result()
    changes: list[Change] = []
    for index, entry in enumerate(pending):
        compiled = entry.compiled if entry.compiled is not None else results[index]
        if isinstance(compiled, str):
            summary.problems.append(Problem(entry.ocid, "", f"cannot be merged ({compiled}); skipped"))
            continue
        process = entry.process
        if process is None:
            process = Process(dataset=dataset, ocid=entry.ocid)
            summary.processes_created += 1
        else:
            summary.processes_updated += 1
        changes.append(Change(process, compiled, entry.fresh))
    if not changes:
        return

    with transaction.atomic():
        organisations = _organisations(dataset, [change.compiled for change in changes])
        for change in changes:
            for name, value in _facts(change.compiled, change.fresh, change.process).items():
                setattr(change.process, name, value)
            change.process.buyer = organisations.get(_party_key(_buyer(change.compiled)))
        created = [change.process for change in changes if change.process.pk is None]
        updated = [change.process for change in changes if change.process.pk is not None]
        ids = _insert(
            Process,
            ["dataset", "ocid", "buyer", *FACT_FIELDS],
            [
                (
                    dataset.pk,
                    process.ocid,
                    process.buyer_id,
                    *(getattr(process, name) for name in FACT_FIELDS),
                )
                for process in created
            ],
            returning=True,
        )
        for process, pk in zip(created, ids, strict=True):
            process.pk = pk
        if updated:
            Process.objects.bulk_update(updated, [*FACT_FIELDS, "buyer"])
            for model in (Award, Contract, Classification, Process.tenderers.through):
                model.objects.filter(process__in=updated).delete()
        _store_details(changes, organisations)
    summary.releases_new += sum(len(change.fresh) for change in changes)


def _merged(releases: list[dict[str, Any]]) -> dict[str, Any]:
    with warnings.catch_warnings():
        # Publishers often repeat an id within an array; the merge keeps the last, as it should.
        warnings.simplefilter("ignore", ocdsmerge.exceptions.DuplicateIdValueWarning)
        return merger().create_compiled_release(releases)


def compiled_alone(release: dict[str, Any]) -> dict[str, Any] | None:
    """The compiled release of a process that has only this release, without ocdsmerge; None
    where ocdsmerge might give something else than the release itself.

    Merging one release changes only what ``_plain`` rules out: it drops null values and empty
    objects and arrays, merges objects of an array that share an ``id`` and leaves out the
    fields the schema omits when merging (``id``, ``date``, ``tag``); then it sets ``tag`` to
    ``["compiled"]`` and ``id`` to ``<ocid>-<date>``. Where none of that applies, the compiled
    release is the release with those two fields: a third of the import's time on processes of
    one release (bench/ocds.py). tests/contracting/test_import.py checks the equality on every
    release of the samples and of the benchmark's generator.
    """
    rules = merger().merge_rules
    body = {key: value for key, value in release.items() if key not in ("id", "date", "tag")}
    if not _plain(body, (), rules):
        return None
    return {
        **body,
        "tag": ["compiled"],
        "id": f"{release.get('ocid')}-{release.get('date')}",
        "date": release.get("date"),
    }


def _plain(node: dict[str, Any], path: tuple[str, ...], rules: dict) -> bool:
    """Whether ocdsmerge would give ``node`` back as it is (see ``compiled_alone``)."""
    for key, value in node.items():
        here = (*path, key)
        rule = rules.get(here)
        if rule == "omitWhenMerged" or value is None:
            return False
        if rule == "wholeListMerge" or not isinstance(value, dict | list):
            continue
        if not value:
            return False
        if isinstance(value, dict):
            if not _plain(value, here, rules):
                return False
            continue
        objects = [item for item in value if isinstance(item, dict)]
        if not objects:
            continue
        if len(objects) < len(value):
            return False
        identifiers = [item.get("id") for item in objects]
        if not all(isinstance(identifier, str | int) for identifier in identifiers):
            return False
        if len({str(identifier) for identifier in identifiers}) < len(objects):
            return False
        if not all(_plain(item, here, rules) for item in objects):
            return False
    return True


ReleaseKey = tuple[str, datetime | None]


def _release_key(release: dict[str, Any]) -> ReleaseKey:
    """What identifies a release: its id and its date, as the ``Release`` row stores them."""
    return str(release["id"])[:255], _datetime(release["date"])


@dataclass
class Change:
    """A process whose new releases were merged: what to write for it."""

    process: Process
    compiled: dict[str, Any]
    fresh: list[dict[str, Any]]


FACT_FIELDS = [
    "title",
    "description",
    "url",
    "method",
    "method_details",
    "category",
    "status",
    "tender_start",
    "tender_end",
    "submission_days",
    "number_of_tenderers",
    "tender_amount",
    "tender_currency",
    "date",
    "year",
    "month",
    "release_date",
    "compiled",
]


def _facts(compiled: dict[str, Any], fresh: list[dict], process: Process) -> dict[str, Any]:
    """The columns of a process, read from its compiled release."""
    tender = _dict(compiled.get("tender"))
    period = _dict(tender.get("tenderPeriod"))
    start, end = _datetime(period.get("startDate")), _datetime(period.get("endDate"))
    value = _dict(tender.get("value"))
    tenderers = [party for party in _list(tender.get("tenderers")) if isinstance(party, dict)]
    declared = tender.get("numberOfTenderers")
    if isinstance(declared, int | float) and not isinstance(declared, bool) and declared >= 0:
        number_of_tenderers = int(declared)
    else:
        number_of_tenderers = len(tenderers) or None
    release_dates = [moment for moment in (_datetime(release["date"]) for release in fresh) if moment]
    first_release = min(release_dates).date() if release_dates else None
    candidates = [moment for moment in (start and start.date(), process.date, first_release) if moment]
    counted = start.date() if start else min(candidates, default=None) or date(1970, 1, 1)
    latest = max(release_dates, default=None)
    if process.release_date and (latest is None or process.release_date > latest):
        latest = process.release_date
    return {
        "title": _text(tender.get("title")) or _text(_dict(compiled.get("planning")).get("project")),
        "description": _text(tender.get("description")),
        "url": _url(tender.get("url")),
        "method": _choice(tender.get("procurementMethod"), Method),
        "method_details": _text(tender.get("procurementMethodDetails"))[:255],
        "category": _choice(tender.get("mainProcurementCategory"), Category),
        "status": _text(tender.get("status"))[:20],
        "tender_start": start,
        "tender_end": end,
        "submission_days": (end - start).days if start and end else None,
        "number_of_tenderers": number_of_tenderers,
        "tender_amount": _amount(value.get("amount")),
        "tender_currency": _text(value.get("currency"))[:3],
        "date": counted,
        "year": counted.year,
        "month": counted.month,
        "release_date": latest or timezone.now(),
        "compiled": compiled,
    }


def _store_details(changes: list[Change], organisations: dict[str, Organisation]) -> None:
    """The rows that hang off each process: its new releases, awards with their suppliers,
    contracts, industries and tenderers."""
    releases, contracts, classifications, tenderers = [], [], [], []
    awards: list[tuple] = []
    award_suppliers: list[list[str | None]] = []
    for change in changes:
        process, compiled = change.process, change.compiled
        releases += [
            (
                process.pk,
                str(release["id"])[:255],
                _datetime(release["date"]),
                ",".join(str(tag) for tag in _list(release.get("tag")))[:255],
            )
            for release in change.fresh
        ]
        for entry in _list(compiled.get("awards")):
            if not isinstance(entry, dict):
                continue
            value = _dict(entry.get("value"))
            awards.append(
                (
                    process.pk,
                    _text(entry.get("id"))[:255],
                    _text(entry.get("status"))[:20],
                    _datetime(entry.get("date")),
                    _amount(value.get("amount")),
                    _text(value.get("currency"))[:3],
                )
            )
            award_suppliers.append([_party_key(party) for party in _list(entry.get("suppliers"))])
        for entry in _list(compiled.get("contracts")):
            if not isinstance(entry, dict):
                continue
            value = _dict(entry.get("value"))
            contracts.append(
                (
                    process.pk,
                    _text(entry.get("id"))[:255],
                    _text(entry.get("awardID"))[:255],
                    _text(entry.get("status"))[:20],
                    _datetime(entry.get("dateSigned")),
                    _amount(value.get("amount")),
                    _text(value.get("currency"))[:3],
                )
            )
        classifications += [(process.pk, scheme, code) for scheme, code in _industries(compiled)]
        keys = {_party_key(party) for party in _list(_dict(compiled.get("tender")).get("tenderers"))}
        tenderers += [(process.pk, organisations[key].pk) for key in sorted(keys - {None})]
    _insert(Release, ["process", "release_id", "date", "tags"], releases)
    award_ids = _insert(
        Award, ["process", "award_id", "status", "date", "amount", "currency"], awards, returning=True
    )
    _insert(
        Contract,
        ["process", "contract_id", "award_id", "status", "date_signed", "amount", "currency"],
        contracts,
    )
    _insert(Classification, ["process", "scheme", "code"], classifications)
    _insert(Process.tenderers.through, ["process", "organisation"], tenderers)
    _insert(
        Award.suppliers.through,
        ["award", "organisation"],
        [
            (award_id, organisations[key].pk)
            for award_id, keys in zip(award_ids, award_suppliers, strict=True)
            for key in sorted(set(keys) - {None})
        ],
    )


def _insert(
    model: type[models.Model],
    names: list[str],
    rows: list[tuple],
    *,
    returning: bool = False,
    ignore_conflicts: bool = False,
) -> list[int]:
    """Write ``rows`` (values of the fields ``names``, in order) in multi-row INSERTs; the new
    rows' ids, in order, when ``returning``.

    The importer writes some ten rows per process. Model instances and ``bulk_create`` cost
    40% of an import on SQLite (building the instances, compiling the SQL), and more on
    PostgreSQL, where ``bulk_create`` sends columns as arrays through UNNEST that psycopg, with
    Django's client-side binding, quotes in Python value by value (24 s of a 62 s import of
    15,000 releases; bench/ocds.py's profiles). Here the rows go as plain VALUES lists, one
    statement per ``INSERT_ROWS``, and RETURNING gives the ids in the order of the rows, as
    ``bulk_create`` relies on too. Dates, amounts and JSON still go through their field's own
    conversion for the database.
    """
    fields = [model._meta.get_field(name) for name in names]
    converters = [
        (index, field.get_db_prep_save)
        for index, field in enumerate(fields)
        if isinstance(field, models.DateField | models.DecimalField | models.JSONField)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    suffix = (" ON CONFLICT DO NOTHING" if ignore_conflicts else "") + (
        f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    )
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_ROWS):
            chunk = rows[start : start + INSERT_ROWS]
            values = [value for row in chunk for value in row]
            for offset in range(0, len(values), len(fields)):
                for index, convert in converters:
                    values[offset + index] = convert(values[offset + index], connection)
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
                f"VALUES {', '.join([row_placeholders] * len(chunk))}{suffix}",
                values,
            )
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
    return ids


def _industries(compiled: dict[str, Any]) -> set[tuple[str, str]]:
    """The top-level codes of the classifications of the process's items, per scheme."""
    items = _list(_dict(compiled.get("tender")).get("items"))
    for kind in ("awards", "contracts"):
        for entry in _list(compiled.get(kind)):
            items = items + _list(_dict(entry).get("items"))
    found = set()
    for item in items:
        classification = _dict(_dict(item).get("classification"))
        scheme, code = _text(classification.get("scheme")), _text(classification.get("id"))
        digits = "".join(char for char in code if char.isdigit())
        if scheme and digits:
            found.add(
                (scheme[:100], digits[: TOP_LEVEL_DIGITS.get(scheme.upper(), DEFAULT_TOP_LEVEL_DIGITS)])
            )
    return found


def _organisations(dataset: Dataset, compiled_releases: list[dict]) -> dict[str, Organisation]:
    """The dataset's organisations named as buyer, tenderer or supplier, created where new."""
    names: dict[str, str] = {}
    for compiled in compiled_releases:
        party_names = {
            _text(party.get("id")): _text(party.get("name"))
            for party in _list(compiled.get("parties"))
            if isinstance(party, dict)
        }
        tender = _dict(compiled.get("tender"))
        references = [_buyer(compiled), *_list(tender.get("tenderers"))]
        for award in _list(compiled.get("awards")):
            references += _list(_dict(award).get("suppliers"))
        for reference in references:
            key = _party_key(reference)
            if key:
                name = _text(reference.get("name")) or party_names.get(_text(reference.get("id")), "")
                if name or key not in names:
                    names[key] = name[:500]
    found = {org.identifier: org for org in dataset.organisations.filter(identifier__in=names)}
    missing = [(dataset.pk, key, name) for key, name in names.items() if key not in found]
    if missing:
        _insert(Organisation, ["dataset", "identifier", "name"], missing, ignore_conflicts=True)
        found.update(
            (org.identifier, org)
            for org in dataset.organisations.filter(identifier__in=[key for _, key, _ in missing])
        )
    return found


def _buyer(compiled: dict[str, Any]) -> Any:
    """The buyer, or where a publisher names none, the procuring entity (often the same body)."""
    return (
        _party_key(compiled.get("buyer"))
        and compiled["buyer"]
        or _dict(compiled.get("tender")).get("procuringEntity")
    )


def _party_key(reference: Any) -> str | None:
    """An organisation's identifier: its id, else its name (see ``Organisation``)."""
    if not isinstance(reference, dict):
        return None
    identifier = _text(reference.get("id"))
    if identifier:
        return identifier[:255]
    name = _text(reference.get("name"))
    return f"name:{name}"[:255] if name else None


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _url(value: Any) -> str:
    text = _text(value)
    return text[:1000] if text.startswith(("http://", "https://")) else ""


def _choice(value: Any, choices: type) -> str:
    return value if value in choices.values else ""


def _amount(value: Any) -> Decimal | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return Decimal(repr(float(value))).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _datetime(value: Any) -> datetime | None:
    """An OCDS date-time, made aware (a bare date counts as midnight UTC)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value[:10])
            moment = datetime(day.year, day.month, day.day) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment
