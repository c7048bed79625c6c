"""Fetching the datasets' publications: patient downloads, and the steps ``fetch_ocds`` runs.

A download goes to a ``.part`` file that outlives the run (``OCDS_DOWNLOAD_DIR``), so a
connection cut mid-way resumes with an HTTP Range request, in this run or the next; the part
remembers which file it belongs to (URL, ETag or Last-Modified, sent as If-Range), so a file
that changed in between is downloaded afresh rather than spliced. A file reaches the importer
only whole: as long as the server said (Content-Length) and, for a ZIP, with its central
directory and checksums intact. A server that asks to wait (429 or 503 with Retry-After) is
waited for, never longer than ``LONGEST_WAIT``; a file gets at most ``ATTEMPTS`` requests, so a
run always ends.

``fetch_dataset`` downloads a dataset's source, imports what changed and records the outcome on
the dataset, whatever happens.
"""

import fcntl
import hashlib
import json
import logging
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

import httpx

from contracting.importer import Summary, import_files
from contracting.models import Dataset, FetchResult, Source

logger = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(30.0, read=120.0)
# Requests per file, waits included, before giving up on it for this run.
ATTEMPTS = 6
# Seconds: the first pause after a failure (doubling after each), and the longest pause of all,
# whatever a Retry-After asks. Module settings, so that tests can make them short.
FIRST_BACKOFF = 2.0
LONGEST_WAIT = 300.0
CHUNK = 1024 * 1024
# SERCOP updates its monthly files daily: the current and the previous month are downloaded
# again on every run, the months before only until they have been imported once.
SERCOP_REFETCHED_MONTHS = 2
SERCOP_DOWNLOAD = "{site}/PLATAFORMA/download?type=json&year={year}&month={month:02d}&method=all"


class FetchError(Exception):
    """A download that could not be completed; the message says what the server answered."""


@dataclass(frozen=True)
class Download:
    """A finished download: the file, or None when the server said it had not changed, and the
    validators to send next time."""

    path: Path | None
    etag: str = ""
    last_modified: str = ""


def download(url: str, directory: Path, *, client: httpx.Client | None = None) -> Path:
    """Download ``url`` into ``directory`` (resuming a part left there) and return the file's path."""
    path = download_if_changed(url, directory / file_name(url), client=client).path
    if path is None:
        raise FetchError(f"{url}: the server answered 304 Not Modified to a request that was not conditional")
    return path


def download_if_changed(
    url: str, target: Path, *, etag: str = "", last_modified: str = "", client: httpx.Client | None = None
) -> Download:
    """Download ``url`` to ``target`` unless the server says it has not changed since ``etag`` or
    ``last_modified`` (a conditional request); raise FetchError after ``ATTEMPTS`` requests."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _client(client) as http:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                outcome = _attempt(http, url, target, etag, last_modified, attempt)
            except httpx.TransportError as error:
                outcome = Retry(f"{type(error).__name__}: {error}", _backoff(attempt))
            if isinstance(outcome, Download):
                return outcome
            if attempt < ATTEMPTS:
                logger.info("%s: %s; trying again in %.1f s", url, outcome.reason, outcome.wait)
                time.sleep(outcome.wait)
    raise FetchError(f"{url}: {outcome.reason} (gave up after {ATTEMPTS} attempts)")


def file_name(url: str) -> str:
    """A file name for ``url``; URLs that differ only in their query get different names."""
    path = Path(urlsplit(url).path)
    query = urlsplit(url).query
    if not query:
        return path.name or "download"
    digest = hashlib.sha256(query.encode()).hexdigest()[:12]
    return f"{path.stem or 'download'}-{digest}{path.suffix}"


@dataclass(frozen=True)
class Retry:
    """An attempt that failed in a way worth trying again, after ``wait`` seconds."""

    reason: str
    wait: float


@contextmanager
def _client(client: httpx.Client | None) -> Iterator[httpx.Client]:
    if client is not None:
        yield client
        return
    # Named like check_portals' requests, so the publisher's operators know who is downloading.
    agent = (
        "RICG-OCDSFetch/1.0 (Red Interamericana de Compras Gubernamentales; "
        f"+{settings.WAGTAILADMIN_BASE_URL})"
    )
    with httpx.Client(timeout=TIMEOUT, headers={"User-Agent": agent}, follow_redirects=True) as owned:
        yield owned


def _attempt(
    http: httpx.Client, url: str, target: Path, etag: str, last_modified: str, attempt: int
) -> Download | Retry:
    part = Part(target, url)
    # The bytes are counted as they travel, so the server must not compress them on the way.
    headers = {"Accept-Encoding": "identity"}
    if part.size:
        headers["Range"] = f"bytes={part.size}-"
        if part.validator:
            headers["If-Range"] = part.validator
    else:
        headers |= {"If-None-Match": etag} if etag else {}
        headers |= {"If-Modified-Since": last_modified} if last_modified else {}
    with http.stream("GET", url, headers=headers) as response:
        status = response.status_code
        if status == 304:
            return Download(None, etag, last_modified)
        if status in (429, 503):
            return Retry(f"HTTP {status}", _retry_after(response.headers.get("Retry-After"), attempt))
        if status == 416 and part.size:
            if _total_size(response) == part.size:
                return _finish(part, target, attempt)
            part.discard()
            return Retry("HTTP 416: the part kept from before does not fit the file any more", 0)
        if status >= 500 or status == 408:
            return Retry(f"HTTP {status}", _backoff(attempt))
        if status == 206 and _range_start(response) != part.size:
            part.discard()
            return Retry("HTTP 206 from another offset than asked", 0)
        if status not in (200, 206):
            raise FetchError(f"{url}: the server answered HTTP {status}")
        if status == 200:
            part.start(response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))
        expected = _total_size(response)
        part.append(response.iter_raw())
    if expected is not None and part.size != expected:
        if part.size > expected:
            part.discard()
        return Retry(f"the transfer stopped at {part.size:,} of {expected:,} bytes", _backoff(attempt))
    return _finish(part, target, attempt)


def _finish(part: "Part", target: Path, attempt: int) -> Download | Retry:
    """The part made the target, unless it is a broken ZIP (then it is dropped and fetched again)."""
    broken = _broken_zip(part.path)
    if broken:
        part.discard()
        return Retry(f"the ZIP archive is incomplete or corrupt ({broken})", _backoff(attempt))
    part.path.replace(target)
    part.about.unlink(missing_ok=True)
    return Download(target, part.etag, part.last_modified)


def _broken_zip(path: Path) -> str:
    """Why the file, if it is a ZIP archive, cannot be read to the end ("" if it can or is no ZIP).

    A ZIP cut short loses its central directory, at the end; a ZIP spliced from two versions of a
    file fails its checksums. Either would reach the importer as garbage."""
    with open(path, "rb") as file:
        if file.read(2) != b"PK":
            return ""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        return str(error)
    return f"bad checksum of {bad}" if bad else ""


class Part:
    """The unfinished download of a target file: its bytes so far, and a note (``.part.json``) of
    the URL and version they belong to, so that a later run resumes only the same file."""

    def __init__(self, target: Path, url: str) -> None:
        self.path = target.with_name(target.name + ".part")
        self.about = target.with_name(target.name + ".part.json")
        self.url = url
        try:
            note = json.loads(self.about.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            note = {}
        if note.get("url") != url:
            self.discard()
            note = {}
        self.etag: str = note.get("etag", "")
        self.last_modified: str = note.get("last_modified", "")

    @property
    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    @property
    def validator(self) -> str:
        """What If-Range can compare: a strong ETag, else the Last-Modified date."""
        return self.etag if self.etag and not self.etag.startswith("W/") else self.last_modified

    def start(self, etag: str, last_modified: str) -> None:
        self.path.write_bytes(b"")
        self.etag, self.last_modified = etag, last_modified
        note = {"url": self.url, "etag": etag, "last_modified": last_modified}
        self.about.write_text(json.dumps(note), encoding="utf-8")

    def append(self, chunks: Iterator[bytes]) -> None:
        with open(self.path, "ab") as file:
            for chunk in chunks:
                file.write(chunk)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.about.unlink(missing_ok=True)


def _retry_after(value: str | None, attempt: int) -> float:
    """The wait a Retry-After asks for (seconds or an HTTP date), capped at ``LONGEST_WAIT``."""
    value = (value or "").strip()
    if value.isdigit():
        return min(float(value), LONGEST_WAIT)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return _backoff(attempt)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return min(max((moment - datetime.now(UTC)).total_seconds(), 0.0), LONGEST_WAIT)


def _backoff(attempt: int) -> float:
    return min(FIRST_BACKOFF * 2 ** (attempt - 1), LONGEST_WAIT)


def _total_size(response: httpx.Response) -> int | None:
    """The whole file's size, from Content-Range (a partial answer) or Content-Length."""
    content_range = response.headers.get("Content-Range", "")
    total = content_range.rpartition("/")[2]
    if content_range and total.isdigit():
        return int(total)
    length = response.headers.get("Content-Length", "")
    return int(length) if length.isdigit() and response.status_code == 200 else None


def _range_start(response: httpx.Response) -> int | None:
    unit, _, spec = response.headers.get("Content-Range", "").partition(" ")
    start = spec.partition("-")[0]
    return int(start) if unit == "bytes" and start.isdigit() else None


# --- Fetching a dataset ------------------------------------------------------------------------


class Busy(Exception):
    """Another fetch of the same dataset is running (an overlapping cron run)."""


@dataclass
class Log:
    """What a dataset's fetch did, line by line, and whether an import reported problems."""

    lines: list[str] = field(default_factory=list)
    problems: bool = False

    def imported(self, label: str, summary: Summary) -> None:
        self.lines.append(f"{label}: {summary}")
        self.problems = self.problems or bool(summary.problems)

    def note(self, line: str) -> None:
        self.lines.append(line)


def download_directory(dataset: Dataset) -> Path:
    return Path(settings.OCDS_DOWNLOAD_DIR) / f"dataset-{dataset.pk}"


def fetch_dataset(dataset: Dataset, *, today: date | None = None, progress: bool = False) -> FetchResult:
    """Download the dataset's source, import what changed, and record the outcome on the dataset.

    Any error is recorded as a failure rather than raised, so that a cron run goes on with the
    next dataset; Busy (another run holds the dataset) is raised and nothing is recorded.
    ``today`` is the day whose month is the last one SERCOP is asked for.
    """
    started = timezone.now()
    directory = download_directory(dataset)
    log = Log()
    with _lock(directory):
        try:
            FETCHERS[dataset.source](dataset, directory, log, today or timezone.localdate(), progress)
        except FetchError as error:
            log.note(f"Failed: {error}")
            result = FetchResult.FAILED
        except Exception as error:  # noqa: BLE001 -- the run must go on with the other datasets
            logger.exception("Fetching %s failed", dataset)
            log.note(f"Failed: {type(error).__name__}: {error}")
            result = FetchResult.FAILED
        else:
            result = FetchResult.PARTIAL if log.problems else FetchResult.OK
    dataset.last_fetch_at = started
    dataset.last_fetch_result = result
    dataset.last_fetch_message = "\n".join(log.lines)
    dataset.save(update_fields=["last_fetch_at", "last_fetch_result", "last_fetch_message"])
    return result


@contextmanager
def _lock(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise Busy(f"another fetch_ocds run is fetching into {directory}") from error
        yield


def _fetch_file(dataset: Dataset, directory: Path, log: Log, today: date, progress: bool) -> None:
    """A file at a URL: downloaded and imported when the server or its checksum says it changed."""
    if not dataset.source_url:
        raise FetchError("the dataset has no source address")
    state = dataset.fetch_state if dataset.fetch_state.get("url") == dataset.source_url else {}
    target = directory / file_name(dataset.source_url)
    dataset.fetch_state = _fetch_and_import(dataset, dataset.source_url, target, state, log, progress)
    dataset.save(update_fields=["fetch_state"])


def _fetch_sercop(dataset: Dataset, directory: Path, log: Log, today: date, progress: bool) -> None:
    """SERCOP's monthly ZIPs from ``fetch_from`` to this month, each imported once it is whole.

    Months are imported one by one, oldest first, and each is recorded in ``fetch_state`` as soon
    as it is in: the first run of a publication that started in 2015 takes hours, and an
    interruption then costs one month, not the run. It also keeps the merge in time order, as
    the monthly files are deltas of the same processes; so the first month that fails stops the
    run, and the next run starts again from it. A month imported with problems counts as imported:
    they are in the published file, and downloading it again would bring them back.
    """
    site = urlsplit(dataset.source_url)
    if not (site.scheme and site.netloc):
        raise FetchError(
            "the dataset has no source address (SERCOP's site, e.g. https://datosabiertos.compraspublicas.gob.ec)"
        )
    if dataset.fetch_from is None:
        raise FetchError("the dataset has no first month to fetch (fetch from)")
    done = dict(dataset.fetch_state.get("months", {}))
    months = _months(dataset.fetch_from, today)
    recent = months[-SERCOP_REFETCHED_MONTHS:]
    skipped = [month for month in months if month in done and month not in recent]
    if skipped:
        log.note(
            f"{len(skipped)} month(s) imported before, not downloaded again ({skipped[0]} to {skipped[-1]})"
        )
    with _client(None) as http:
        for month in months:
            if month in skipped:
                continue
            year, number = (int(part) for part in month.split("-"))
            url = SERCOP_DOWNLOAD.format(site=f"{site.scheme}://{site.netloc}", year=year, month=number)
            target = directory / f"sercop-{month}.zip"
            done[month] = _fetch_and_import(
                dataset, url, target, done.get(month, {}), log, progress, month, http
            )
            dataset.fetch_state = {**dataset.fetch_state, "months": done}
            dataset.save(update_fields=["fetch_state"])


def _months(first: date, last: date) -> list[str]:
    """The months from ``first`` to ``last``, both included, as "YYYY-MM"."""
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(start, end + 1)]


def _fetch_and_import(
    dataset: Dataset,
    url: str,
    target: Path,
    state: dict,
    log: Log,
    progress: bool,
    label: str = "",
    http: httpx.Client | None = None,
) -> dict:
    """Download ``url`` and import it unless unchanged since ``state``; the file's new state.

    Unchanged means the server answered 304 to the stored ETag or Last-Modified, or, for servers
    that send neither, the file has the checksum of the one imported last time: importing it
    again would change nothing and recompute every figure.
    """
    label = label or url
    fetched = download_if_changed(
        url, target, etag=state.get("etag", ""), last_modified=state.get("last_modified", ""), client=http
    )
    if fetched.path is None:
        log.note(f"{label}: not modified since the last import")
        return state
    try:
        checksum = _sha256(fetched.path)
        new_state = {
            **state,
            "url": url,
            "etag": fetched.etag,
            "last_modified": fetched.last_modified,
            "sha256": checksum,
        }
        if checksum == state.get("sha256"):
            log.note(f"{label}: the same file as imported last time")
            return new_state
        summary = import_files(dataset, [fetched.path], progress=progress)
    finally:
        fetched.path.unlink(missing_ok=True)
    log.imported(label, summary)
    return new_state | {
        "imported_at": timezone.now().isoformat(),
        "releases": summary.releases_read,
        "problems": len(summary.problems),
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


FETCHERS: dict[str, Callable[[Dataset, Path, Log, date, bool], None]] = {
    Source.FILE: _fetch_file,
    Source.SERCOP: _fetch_sercop,
}
