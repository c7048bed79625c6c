"""Importing OCDS releases into a dataset: check, upgrade, merge by OCID, store the facts.

Releases are read one at a time (``contracting.reading``), checked (an ocid, numeric amounts,
known currencies), upgraded from OCDS 1.0 to 1.1 (ocdskit) and grouped by OCID on disk
(``Spool``), so memory does not grow with the file. Each OCID's new releases are then
merged (ocdsmerge, with the vendored 1.1.5 schema, so nothing is fetched) onto the compiled
release already stored, and the process's facts are written in batches, one transaction each.

A release already stored (same OCID, release id and date) is skipped, so importing the same data
twice changes nothing, and a newer release updates its process.
"""

import gc
import hashlib
import itertools
import json
import logging
import multiprocessing
import pickle
import sqlite3
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from django.db import connection, models, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

import ocdsmerge
from ocdskit.upgrade import upgrade_10_11
from ocdskit.util import is_linked_release
from tqdm import tqdm

from contracting.models import (
    PROCESS_COPY,
    TENDER_FACTS,
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
    with _frozen_heap(), closing(Spool()) as spool:
        bar = tqdm(desc="Reading", unit=" releases", disable=not progress, file=sys.stderr)
        for path in paths:
            summary.files += 1
            for entry in read(path):
                if isinstance(entry, Problem):
                    summary.problems.append(entry)
                    continue
                for release in _releases(entry, summary):
                    spool.add(release)
                    summary.releases_read += 1
                    bar.update()
        bar.close()
        groups = spool.groups()
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


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """The objects that exist before the import left out of Python's garbage collection until
    it ends (``gc.freeze``).

    An import makes millions of short-lived objects (decoded releases, rows), so the collector
    runs often, and each of its full passes walks every object of the process: Django's,
    Wagtail's and the schema's, some 200,000, which the import never frees. Those passes took a
    quarter of the importer's CPU time and a third of its merge worker's (bench/ocds.py, 20,000
    releases: 6.7 → 5.1 and 1.8 → 1.2 CPU s). The worker, forked inside, inherits the freeze.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
    _analyze()
    recompute(dataset)
    cells.refresh(dataset)


def _analyze() -> None:
    """Fresh planner statistics for the tables an import writes (PostgreSQL).

    Autovacuum gathers them only a while after a bulk write; until then a first import's
    tables have none, and the word cells' query joined 10,000 processes to their suppliers'
    words by a nested loop (3.5 s instead of 0.1 s). ANALYZE reads a sample of each table.
    """
    if connection.vendor != "postgresql":
        return
    models_written = (Process, Release, Award, Contract, Classification, Organisation)
    tables = [model._meta.db_table for model in models_written] + [
        Award.suppliers.through._meta.db_table,
        Process.tenderers.through._meta.db_table,
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


class Spool:
    """The releases read, kept on disk (a temporary SQLite file) until all are read, then given
    back grouped by OCID.

    They are kept pickled: the spool is read back by the process that wrote it, and pickling
    costs less than JSON both ways (0.40 against 0.66 CPU s for bench/ocds.py's 20,000
    releases, spooled by ocdskit's packager before).
    """

    def __init__(self) -> None:
        self.file = tempfile.NamedTemporaryFile(suffix=".sqlite3")  # noqa: SIM115 (closed by close)
        self.connection = sqlite3.connect(self.file.name)
        # A scratch file: nothing to recover after a crash.
        self.connection.execute("PRAGMA journal_mode = OFF")
        self.connection.execute("CREATE TABLE releases (ocid TEXT, release BLOB)")
        self.buffer: list[tuple[str, bytes]] = []

    def add(self, release: dict[str, Any]) -> None:
        self.buffer.append((release["ocid"], pickle.dumps(release, pickle.HIGHEST_PROTOCOL)))
        if len(self.buffer) >= SPOOL_FLUSH:
            self.flush()

    def flush(self) -> None:
        self.connection.executemany("INSERT INTO releases VALUES (?, ?)", self.buffer)
        self.buffer = []

    def groups(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Each OCID, in order, with its releases."""
        self.flush()
        self.connection.execute("CREATE INDEX releases_by_ocid ON releases (ocid)")
        rows = self.connection.execute("SELECT ocid, release FROM releases ORDER BY ocid")
        for ocid, group in itertools.groupby(rows, key=itemgetter(0)):
            yield ocid, [pickle.loads(release) for _, release in group]  # noqa: S301 (written above)

    def close(self) -> None:
        self.connection.close()
        self.file.close()


def _batches(groups: Iterator, size: int) -> Iterator[list[tuple[str, list[dict]]]]:
    batch = []
    for group in groups:
        batch.append(group)
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


class Stored(NamedTuple):
    """What the importer needs of a process already stored, besides its compiled release."""

    pk: int
    date: date
    release_date: datetime


@dataclass
class Pending:
    """A process with new releases, before its merge: ``compiled`` is set when no merge is needed."""

    ocid: str
    stored: Stored | None
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
    existing = {
        ocid: Stored(pk, day, moment)
        for ocid, pk, day, moment in dataset.processes.filter(
            ocid__in=[ocid for ocid, _ in batch]
        ).values_list("ocid", "pk", "date", "release_date")
    }
    known: dict[int, set[ReleaseKey]] = {}
    for process_id, release_id, moment in Release.objects.filter(
        process__in=[stored.pk for stored in existing.values()]
    ).values_list("process_id", "release_id", "date"):
        known.setdefault(process_id, set()).add((release_id, moment))

    pending: list[Pending] = []
    for ocid, releases in batch:
        stored = existing.get(ocid)
        stored_keys = known.get(stored.pk, set()) if stored else set()
        keyed = {_release_key(release): release for release in releases}
        new = {key: release for key, release in keyed.items() if key not in stored_keys}
        if not new:
            summary.processes_unchanged += 1
            continue
        fresh = sorted(new.values(), key=lambda release: release["date"])
        compiled = compiled_alone(fresh[0]) if stored is None and len(fresh) == 1 else None
        pending.append(Pending(ocid, stored, fresh, compiled))
    # Only the compiled releases that new releases are merged onto are read.
    compiled_of = dict(
        Process.objects.filter(pk__in=[entry.stored.pk for entry in pending if entry.stored]).values_list(
            "pk", "compiled"
        )
    )
    jobs: list[MergeJob] = [
        (index, ([compiled_of[entry.stored.pk]] if entry.stored else []) + entry.fresh)
        for index, entry in enumerate(pending)
        if entry.compiled is None
    ]
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
        if entry.stored is None:
            summary.processes_created += 1
        else:
            summary.processes_updated += 1
        changes.append(Change(entry.ocid, entry.stored, compiled, entry.fresh))
    if not changes:
        return

    with transaction.atomic():
        organisations = _organisations(dataset, [change.compiled for change in changes])
        rows = {
            change.ocid: (
                organisations.get(_party_key(_buyer(change.compiled))),
                *_facts(change.compiled, change.fresh, change.stored),
            )
            for change in changes
        }
        created = [change.ocid for change in changes if change.stored is None]
        _insert(
            Process,
            ["dataset", "ocid", "buyer", *FACT_FIELDS],
            [(dataset.pk, ocid, *rows[ocid]) for ocid in created],
        )
        pks = dict(dataset.processes.filter(ocid__in=created).values_list("ocid", "pk"))
        pks.update((change.ocid, change.stored.pk) for change in changes if change.stored)
        updated = [change.stored.pk for change in changes if change.stored]
        if updated:
            _update(
                Process,
                ["buyer", *FACT_FIELDS],
                [(*rows[change.ocid], change.stored.pk) for change in changes if change.stored],
            )
            for model in (Award, Contract, Classification, Process.tenderers.through):
                model.objects.filter(process__in=updated).delete()
        copies = {
            change.ocid: _copied(
                dataset.pk, dict(zip(["buyer", *FACT_FIELDS], rows[change.ocid], strict=True))
            )
            for change in changes
        }
        _store_details(sorted(changes, key=lambda change: pks[change.ocid]), pks, organisations, copies)
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

    ocid: str
    stored: Stored | None
    compiled: dict[str, Any]
    fresh: list[dict[str, Any]]


FACT_FIELDS = [
    *TENDER_FACTS,
    "date",
    "year",
    "month",
    "release_date",
    "compiled",
]


def _facts(compiled: dict[str, Any], fresh: list[dict], stored: Stored | None) -> list[Any]:
    """The values of a process's ``FACT_FIELDS``, read from its compiled release."""
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
    stored_date = stored.date if stored else None
    candidates = [moment for moment in (start and start.date(), stored_date, first_release) if moment]
    counted = start.date() if start else min(candidates, default=None) or date(1970, 1, 1)
    latest = max(release_dates, default=None)
    if stored and (latest is None or stored.release_date > latest):
        latest = stored.release_date
    facts = {
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
    return [facts[name] for name in FACT_FIELDS]


def _copied(dataset: int, values: dict[str, Any]) -> tuple:
    """What a process's industries copy of it (``PROCESS_COPY``), from its dataset and the
    ``values`` of its fields."""
    return tuple(dataset if name == "dataset" else values[name] for name in PROCESS_COPY)


def _store_details(
    changes: list[Change], pks: dict[str, int], organisations: dict[str, int], copies: dict[str, tuple]
) -> None:
    """The rows that hang off each process: its new releases, awards with their suppliers,
    contracts, industries (with their ``copies`` of the process's values, per OCID) and
    tenderers.

    ``changes`` come in the order of their processes' ids, so that the awards are written in
    the order in which the database gives them back (by process, then by id).
    """
    releases, contracts, classifications, tenderers = [], [], [], []
    awards: list[tuple] = []
    award_suppliers: list[list[str | None]] = []
    for change in changes:
        pk, compiled = pks[change.ocid], change.compiled
        releases += [
            (
                pk,
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
                    pk,
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
                    pk,
                    _text(entry.get("id"))[:255],
                    _text(entry.get("awardID"))[:255],
                    _text(entry.get("status"))[:20],
                    _datetime(entry.get("dateSigned")),
                    _amount(value.get("amount")),
                    _text(value.get("currency"))[:3],
                )
            )
        classifications += [
            (pk, scheme, code, *copies[change.ocid]) for scheme, code in _industries(compiled)
        ]
        keys = {_party_key(party) for party in _list(_dict(compiled.get("tender")).get("tenderers"))}
        tenderers += [(pk, organisations[key]) for key in sorted(keys - {None})]
    _insert(Release, ["process", "release_id", "date", "tags"], releases)
    _insert(Award, ["process", "award_id", "status", "date", "amount", "currency"], awards)
    written = Award.objects.filter(process__in=pks.values()).order_by("process_id", "pk")
    award_ids = written.values_list("pk", flat=True)
    _insert(
        Contract,
        ["process", "contract_id", "award_id", "status", "date_signed", "amount", "currency"],
        contracts,
    )
    _insert(Classification, ["process", "scheme", "code", *PROCESS_COPY], classifications)
    _insert(Process.tenderers.through, ["process", "organisation"], tenderers)
    _insert(
        Award.suppliers.through,
        ["award", "organisation"],
        [
            (award_id, organisations[key])
            for award_id, keys in zip(award_ids, award_suppliers, strict=True)
            for key in sorted(set(keys) - {None})
        ],
    )


def _insert(model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
    """Write ``rows`` (values of the fields ``names``, in order) into ``model``'s table: through
    COPY on PostgreSQL, one INSERT run over every row (``executemany``) elsewhere.

    The importer writes some five rows per release; model instances and ``bulk_create`` cost
    most of an import. On PostgreSQL, COPY takes the rows as one stream, formatted by psycopg's
    C code: for the 97,000 rows of bench/ocds.py's 20,000 releases, 0.5 s of the importer's CPU
    and 1.8 s of the server's, against 1.9 s and 2.4 s for multi-row INSERT statements (which
    psycopg, binding on the client as Django has it do, parses and quotes in Python) and 2.2 s
    for ``executemany``. SQLite has no COPY; its ``executemany`` loops in C, as fast as
    multi-row statements and without their limit on parameters. Neither gives the new rows'
    ids: the caller reads them back by their natural key (``_store``, ``_store_details``).
    Dates, amounts and JSON go through their field's conversion for the database.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in _prepared(fields, rows):
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",  # noqa: S608
                _prepared(fields, rows),
            )


def _update(model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
    """Set the fields ``names`` of existing rows: each row holds their values, then the row's id."""
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s",
            _prepared([*fields, model._meta.pk], rows),
        )


def _prepared(fields: list[models.Field], rows: list[tuple]) -> Iterator[list[Any]]:
    """The rows with their dates, amounts and JSON converted for the database.

    The values are already of their fields' Python types, so only the database's own
    conversion is applied (``prepared=True``): the fields' checks of what they are given cost
    as much as the rest of the import's writing.
    """
    converters = [
        (index, partial(field.get_db_prep_value, connection=connection, prepared=True))
        for index, field in enumerate(fields)
        if isinstance(field, models.DateField | models.DecimalField | models.JSONField)
    ]
    for row in rows:
        values = list(row)
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        yield values


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


def _organisations(dataset: Dataset, compiled_releases: list[dict]) -> dict[str, int]:
    """The ids of the dataset's organisations named as buyer, tenderer or supplier, by
    identifier (``_party_key``), created where new."""
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
    found = dict(dataset.organisations.filter(identifier__in=names).values_list("identifier", "pk"))
    missing = [(dataset.pk, key, name) for key, name in names.items() if key not in found]
    if missing:
        _insert(Organisation, ["dataset", "identifier", "name"], missing)
        found.update(
            dataset.organisations.filter(identifier__in=[key for _, key, _ in missing]).values_list(
                "identifier", "pk"
            )
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


def _choice(value: Any, choices: type[models.TextChoices]) -> str:
    return value if isinstance(value, str) and value in _choice_values(choices) else ""


@cache
def _choice_values(choices: type[models.TextChoices]) -> frozenset[str]:
    # ``choices.values`` builds its list anew at each call.
    return frozenset(choices.values)


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
