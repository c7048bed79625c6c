"""fetch_ocds against real HTTP servers on 127.0.0.1 that play SERCOP and a file publisher.

The SERCOP server zips the made-up monthly files of ``fixtures/sercop/`` (see its README) as
SERCOP's bulk download does; each test scripts what the server answers and reads back the
requests it received, the database and what the fetch recorded on the dataset.
"""

import fcntl
import io
import json
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from contracting import fetching
from contracting.fetching import (
    Busy,
    FetchError,
    download,
    download_directory,
    download_if_changed,
    fetch_dataset,
)
from contracting.models import Award, Dataset, FetchResult, Process, Release, Source
from countries.models import CountryPage

FIXTURES = Path(__file__).parent / "fixtures" / "sercop"
APRIL = date(2024, 4, 15)
COTIZACION = "ocds-5wno2w-COTO-PRUEBA-2024-0001"

pytestmark = pytest.mark.django_db


# --- A publisher on 127.0.0.1 ----------------------------------------------------------------


@dataclass
class Answer:
    """One scripted answer. A 200 honours If-None-Match against ``etag``, and Range and If-Range
    as a static file server does; ``cut_after`` hangs up after that many bytes of the body."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    cut_after: int | None = None


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0


class Publisher:
    """A threaded HTTP server whose paths answer from scripts (each answer in turn, the last one
    repeated; unscripted paths 404), keeping every request it received."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[Answer]] = {}
        self.requests: list[Request] = []
        self.httpd = QuietServer(("127.0.0.1", 0), PublisherHandler)
        self.httpd.daemon_threads = True
        self.httpd.publisher = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def script(self, path: str, *answers: Answer) -> None:
        self.scripts[path] = list(answers)

    def requested(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]

    def __enter__(self) -> "Publisher":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client hanging up on a kept-alive connection is no error of the test; the rest is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PublisherHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:
        """Keep the test output clean."""

    def do_GET(self) -> None:
        publisher = self.server.publisher
        request = Request(self.path, dict(self.headers), time.monotonic())
        publisher.requests.append(request)
        script = publisher.scripts.get(self.path)
        if not script:
            self.reply(request, 404, b"not found", {})
            return
        answer = script.pop(0) if len(script) > 1 else script[0]
        if answer.status != 200:
            self.reply(request, answer.status, answer.body, answer.headers)
            return
        self.serve_file(request, answer)

    def serve_file(self, request: Request, answer: Answer) -> None:
        body, headers = answer.body, dict(answer.headers)
        if answer.etag:
            headers["ETag"] = answer.etag
            if self.headers.get("If-None-Match") == answer.etag:
                self.reply(request, 304, b"", headers)
                return
        asked = self.headers.get("Range", "")
        if asked.startswith("bytes=") and self.headers.get("If-Range", answer.etag) == answer.etag:
            start = int(asked.removeprefix("bytes=").rstrip("-"))
            if start >= len(body):
                self.reply(request, 416, b"", headers | {"Content-Range": f"bytes */{len(body)}"})
                return
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
            self.reply(request, 206, body[start:], headers, answer.cut_after)
            return
        self.reply(request, 200, body, headers, answer.cut_after)

    def reply(
        self, request: Request, status: int, body: bytes, headers: dict, cut_after: int | None = None
    ) -> None:
        request.status = status
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if cut_after is None:
            self.wfile.write(body)
        else:
            self.wfile.write(body[:cut_after])
            self.close_connection = True


def month_path(month: str) -> str:
    """The path of SERCOP's bulk download of a month ("YYYY-MM")."""
    year, number = month.split("-")
    return f"/PLATAFORMA/download?type=json&year={year}&month={number}&method=all"


def zipped(text: str, name: str = "datos.json") -> bytes:
    """A ZIP holding one JSON file, as SERCOP serves each month.

    The entry's date is fixed so that the same text always gives the same bytes: a ZIP made a
    second later would otherwise differ in its timestamp.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def month_file(month: str) -> str:
    path = FIXTURES / f"{month}.json"
    return path.read_text(encoding="utf-8") if path.exists() else "[]"


def month_zip(month: str) -> bytes:
    return zipped(month_file(month), f"{month}.json")


def serve_months(publisher: Publisher, months: list[str]) -> None:
    for month in months:
        publisher.script(month_path(month), Answer(body=month_zip(month)))


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def short_waits(monkeypatch, settings, tmp_path):
    """Waits of milliseconds instead of minutes, and a download folder of the test's own."""
    monkeypatch.setattr(fetching, "FIRST_BACKOFF", 0.01)
    monkeypatch.setattr(fetching, "LONGEST_WAIT", 2.0)
    settings.OCDS_DOWNLOAD_DIR = tmp_path / "downloads"


@pytest.fixture
def publisher():
    with Publisher() as server:
        yield server


def ecuador() -> CountryPage:
    return CountryPage.objects.get(iso_alpha2="EC")


def sercop_dataset(publisher: Publisher, fetch_from: date = date(2024, 1, 1), **fields) -> Dataset:
    return Dataset.objects.create(
        **{
            "country": ecuador(),
            "name": "Compras públicas de Ecuador (prueba)",
            "publisher": "SERCOP",
            "source": Source.SERCOP,
            "source_url": publisher.url("/"),
            "fetch_from": fetch_from,
            "main_currency": "USD",
            **fields,
        }
    )


def file_dataset(publisher: Publisher, path: str, name: str = "Archivo de prueba", **fields) -> Dataset:
    return Dataset.objects.create(
        country=ecuador(),
        name=name,
        publisher="Publicador de prueba",
        source_url=publisher.url(path),
        **fields,
    )


def ocids(dataset: Dataset) -> set[str]:
    return set(dataset.processes.values_list("ocid", flat=True))


# --- SERCOP's months -------------------------------------------------------------------------


def test_months_are_merged_across_files(publisher):
    serve_months(publisher, ["2024-01", "2024-02", "2024-03", "2024-04"])
    dataset = sercop_dataset(publisher)

    fetch_dataset(dataset, today=APRIL)

    assert [request.path for request in publisher.requests] == [
        month_path(month) for month in ("2024-01", "2024-02", "2024-03", "2024-04")
    ]
    process = Process.objects.get(dataset=dataset, ocid=COTIZACION)
    # Tendered in January ...
    assert process.title == "Adquisición de útiles de oficina"
    assert process.method_details == "Cotización"
    assert process.tender_amount == 48500
    assert process.submission_days == 8
    # ... awarded in February.
    assert process.status == "complete"
    assert process.number_of_tenderers == 2
    [award] = Award.objects.filter(process=process)
    assert (award.amount, award.currency) == (45200, "USD")
    assert list(award.suppliers.values_list("identifier", flat=True)) == ["EC-RUC-0999999999001-1"]
    assert process.buyer.identifier == "EC-RUC-1799999999001-1"
    assert list(process.releases.values_list("release_id", flat=True)) == [
        f"{COTIZACION}-1",
        f"{COTIZACION}-2",
    ]
    assert list(process.classifications.values_list("scheme", "code")) == [("CPC", "3")]
    dataset.refresh_from_db()
    assert dataset.process_count == 6
    assert set(dataset.fetch_state["months"]) == {"2024-01", "2024-02", "2024-03", "2024-04"}


def test_a_release_with_an_unescaped_quote_is_reported_and_the_others_imported(publisher):
    serve_months(publisher, ["2024-03", "2024-04"])
    dataset = sercop_dataset(publisher, fetch_from=date(2024, 3, 1))

    assert fetch_dataset(dataset, today=APRIL) == FetchResult.PARTIAL

    assert ocids(dataset) == {"ocds-5wno2w-COTS-PRUEBA-2024-0005", "ocds-5wno2w-LICO-PRUEBA-2024-0007"}
    dataset.refresh_from_db()
    assert dataset.last_fetch_result == FetchResult.PARTIAL
    assert (
        "sercop-2024-03.zip/2024-03.json, byte 3,142: invalid JSON in release 2, byte 2,387 "
        "(Expecting ',' delimiter); skipped"
    ) in dataset.last_fetch_message
    assert dataset.fetch_state["months"]["2024-03"]["problems"] == 1


def test_a_second_run_downloads_the_last_two_months_only_and_imports_nothing_new(publisher):
    months = ["2024-01", "2024-02", "2024-03", "2024-04"]
    serve_months(publisher, months)
    dataset = sercop_dataset(publisher)
    fetch_dataset(dataset, today=APRIL)
    dataset.refresh_from_db()
    imported_at, releases = dataset.last_import_at, Release.objects.filter(process__dataset=dataset).count()
    publisher.requests.clear()

    assert fetch_dataset(dataset, today=APRIL) == FetchResult.OK

    assert [request.path for request in publisher.requests] == [month_path("2024-03"), month_path("2024-04")]
    dataset.refresh_from_db()
    assert dataset.last_import_at == imported_at
    assert Release.objects.filter(process__dataset=dataset).count() == releases
    assert dataset.last_fetch_message.splitlines() == [
        "2 month(s) imported before, not downloaded again (2024-01 to 2024-02)",
        "2024-03: the same file as imported last time",
        "2024-04: the same file as imported last time",
    ]


def test_the_months_fetched_again_bring_in_what_sercop_added_since(publisher):
    serve_months(publisher, ["2024-03", "2024-04"])
    dataset = sercop_dataset(publisher, fetch_from=date(2024, 3, 1))
    fetch_dataset(dataset, today=APRIL)
    cleaning = "ocds-5wno2w-COTS-PRUEBA-2024-0005"
    award = {
        "uri": f"https://sercop.example/PLATAFORMA/api/record?ocid={cleaning}",
        "version": "1.1",
        "releases": [
            {
                "ocid": cleaning,
                "id": f"{cleaning}-2",
                "date": "2024-03-28T12:00:00-05:00",
                "tag": ["award"],
                "awards": [
                    {
                        "id": "1",
                        "status": "active",
                        "value": {"amount": 59900.0, "currency": "USD"},
                        "suppliers": [{"id": "EC-RUC-0999999997001-1", "name": "Limpiezas de Prueba S.A."}],
                    }
                ],
            }
        ],
    }
    # Added at the end of the array, the month's file as SERCOP rewrites it the next day.
    updated = month_file("2024-03").rstrip().removesuffix("]") + "," + json.dumps(award) + "]"
    publisher.script(month_path("2024-03"), Answer(body=zipped(updated)))

    fetch_dataset(dataset, today=APRIL)

    [awarded] = Award.objects.filter(process__dataset=dataset, process__ocid=cleaning)
    assert awarded.amount == 59900
    assert (
        Process.objects.get(dataset=dataset, ocid=cleaning).title
        == "Servicio de limpieza de las áreas comunes"
    )


def test_months_from_fetch_from_to_this_month(publisher):
    serve_months(publisher, ["2023-11", "2023-12", "2024-01", "2024-02"])
    dataset = sercop_dataset(publisher, fetch_from=date(2023, 11, 20))

    assert fetch_dataset(dataset, today=date(2024, 2, 1)) == FetchResult.OK

    assert [request.path for request in publisher.requests] == [
        month_path(month) for month in ("2023-11", "2023-12", "2024-01", "2024-02")
    ]


def test_a_sercop_dataset_without_a_first_month_fails_clearly(publisher):
    dataset = sercop_dataset(publisher, fetch_from=None)

    assert fetch_dataset(dataset, today=APRIL) == FetchResult.FAILED

    dataset.refresh_from_db()
    assert dataset.last_fetch_message == "Failed: the dataset has no first month to fetch (fetch from)"
    assert publisher.requests == []


# --- Downloads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "retry_after",
    [lambda: "1", lambda: format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)],
    ids=["seconds", "http-date"],
)
def test_a_rate_limit_is_waited_out(publisher, retry_after):
    publisher.script(
        month_path("2024-01"),
        Answer(429, b"Too Many Requests", {"Retry-After": retry_after()}),
        Answer(body=month_zip("2024-01")),
    )
    dataset = sercop_dataset(publisher)

    assert fetch_dataset(dataset, today=date(2024, 1, 31)) == FetchResult.OK

    limited, served = publisher.requests
    assert (limited.status, served.status) == (429, 200)
    assert served.at - limited.at >= 1.0
    assert len(ocids(dataset)) == 3


def test_waits_are_capped_and_attempts_bounded(publisher, monkeypatch, tmp_path):
    monkeypatch.setattr(fetching, "LONGEST_WAIT", 0.1)
    publisher.script("/datos.json", Answer(429, b"", {"Retry-After": "3600"}))

    with pytest.raises(FetchError, match=r"HTTP 429 \(gave up after 6 attempts\)"):
        download_if_changed(publisher.url("/datos.json"), tmp_path / "datos.json")

    assert len(publisher.requests) == fetching.ATTEMPTS
    assert publisher.requests[-1].at - publisher.requests[0].at < 30


def test_a_download_cut_midway_resumes_with_range(publisher):
    whole = month_zip("2024-01")
    publisher.script(month_path("2024-01"), Answer(body=whole, cut_after=500), Answer(body=whole))
    dataset = sercop_dataset(publisher)

    assert fetch_dataset(dataset, today=date(2024, 1, 31)) == FetchResult.OK

    cut, resumed = publisher.requests
    assert "Range" not in cut.headers
    assert (resumed.headers["Range"], resumed.status) == ("bytes=500-", 206)
    assert len(ocids(dataset)) == 3


def test_an_interrupted_download_resumes_in_the_next_run(publisher, monkeypatch):
    monkeypatch.setattr(fetching, "ATTEMPTS", 2)
    whole = month_zip("2024-01")
    publisher.script(
        month_path("2024-01"),
        Answer(body=whole, cut_after=400),
        Answer(body=whole, cut_after=400),
        Answer(body=whole),
    )
    dataset = sercop_dataset(publisher)

    assert fetch_dataset(dataset, today=date(2024, 1, 31)) == FetchResult.FAILED

    dataset.refresh_from_db()
    assert dataset.last_fetch_message.startswith("Failed: ")
    assert "RemoteProtocolError" in dataset.last_fetch_message
    assert dataset.processes.count() == 0
    assert dataset.fetch_state == {}
    assert (download_directory(dataset) / "sercop-2024-01.zip.part").stat().st_size == 800

    assert fetch_dataset(dataset, today=date(2024, 1, 31)) == FetchResult.OK

    assert publisher.requests[-1].headers["Range"] == "bytes=800-"
    assert len(ocids(dataset)) == 3
    assert not list(download_directory(dataset).glob("sercop-*"))


def test_a_truncated_zip_is_never_imported(publisher):
    publisher.script(month_path("2024-01"), Answer(body=month_zip("2024-01")[:-60]))
    dataset = sercop_dataset(publisher)

    assert fetch_dataset(dataset, today=date(2024, 1, 31)) == FetchResult.FAILED

    assert len(publisher.requests) == fetching.ATTEMPTS
    assert all("Range" not in request.headers for request in publisher.requests)
    assert dataset.processes.count() == 0
    dataset.refresh_from_db()
    assert "the ZIP archive is incomplete or corrupt (File is not a zip file)" in dataset.last_fetch_message
    assert "2024-01" not in dataset.fetch_state.get("months", {})


def test_a_truncated_zip_is_downloaded_again(publisher):
    whole = month_zip("2024-01")
    publisher.script(month_path("2024-01"), Answer(body=whole[:-60]), Answer(body=whole))
    dataset = sercop_dataset(publisher)

    assert fetch_dataset(dataset, today=date(2024, 1, 31)) == FetchResult.OK

    assert [request.status for request in publisher.requests] == [200, 200]
    assert len(ocids(dataset)) == 3


def test_a_part_of_a_file_that_changed_since_is_not_resumed(publisher, monkeypatch):
    monkeypatch.setattr(fetching, "ATTEMPTS", 1)
    publisher.script("/ocds.zip", Answer(body=month_zip("2024-01"), etag='"v1"', cut_after=300))
    dataset = file_dataset(publisher, "/ocds.zip")
    assert fetch_dataset(dataset) == FetchResult.FAILED
    publisher.script("/ocds.zip", Answer(body=month_zip("2024-02"), etag='"v2"'))

    assert fetch_dataset(dataset) == FetchResult.OK

    last = publisher.requests[-1]
    assert (last.headers["Range"], last.headers["If-Range"], last.status) == ("bytes=300-", '"v1"', 200)
    assert ocids(dataset) == {COTIZACION, "ocds-5wno2w-CE-PRUEBA-2024-0004"}


def test_urls_that_differ_in_their_query_are_downloaded_to_different_files(publisher, tmp_path):
    serve_months(publisher, ["2024-01", "2024-02"])

    january = download(publisher.url(month_path("2024-01")), tmp_path)
    february = download(publisher.url(month_path("2024-02")), tmp_path)

    assert january != february
    assert (january.read_bytes(), february.read_bytes()) == (month_zip("2024-01"), month_zip("2024-02"))


# --- A file at a URL ---------------------------------------------------------------------------


def test_an_unchanged_file_is_neither_downloaded_nor_imported_again(publisher):
    publisher.script("/ocds.json", Answer(body=month_file("2024-01").encode(), etag='"v1"'))
    dataset = file_dataset(publisher, "/ocds.json")
    assert fetch_dataset(dataset) == FetchResult.OK
    dataset.refresh_from_db()
    imported_at = dataset.last_import_at
    assert dataset.fetch_state["etag"] == '"v1"'
    assert len(ocids(dataset)) == 3

    assert fetch_dataset(dataset) == FetchResult.OK

    last = publisher.requests[-1]
    assert (last.headers["If-None-Match"], last.status) == ('"v1"', 304)
    dataset.refresh_from_db()
    assert dataset.last_import_at == imported_at
    assert dataset.last_fetch_message == f"{dataset.source_url}: not modified since the last import"

    publisher.script("/ocds.json", Answer(body=month_file("2024-02").encode(), etag='"v2"'))
    assert fetch_dataset(dataset) == FetchResult.OK
    dataset.refresh_from_db()
    assert dataset.last_import_at > imported_at
    assert dataset.fetch_state["etag"] == '"v2"'
    assert Process.objects.get(dataset=dataset, ocid=COTIZACION).status == "complete"


def test_fetch_ocds_records_a_failure_and_goes_on_with_the_other_datasets(publisher):
    publisher.script("/caido.json", Answer(500, b"Internal Server Error"))
    publisher.script("/ocds.json", Answer(body=month_file("2024-01").encode()))
    broken = file_dataset(publisher, "/caido.json", name="A · servidor caído")
    working = file_dataset(publisher, "/ocds.json", name="B · servidor en línea")
    this_month = timezone.localdate().replace(day=1)
    publisher.script(month_path(f"{this_month:%Y-%m}"), Answer(body=month_zip("2024-01")))
    sercop = sercop_dataset(publisher, fetch_from=this_month, name="C · SERCOP")
    file_dataset(publisher, "/muestra.json", name="D · muestra", is_sample=True)
    output = io.StringIO()

    with pytest.raises(CommandError, match="1 dataset.s. failed: EC · A · servidor caído"):
        call_command("fetch_ocds", "ec", stdout=output)

    assert len(publisher.requested("/caido.json")) == fetching.ATTEMPTS
    assert publisher.requested("/muestra.json") == []
    broken.refresh_from_db()
    assert broken.last_fetch_result == FetchResult.FAILED
    assert broken.last_fetch_message == (
        f"Failed: {broken.source_url}: HTTP 500 (gave up after {fetching.ATTEMPTS} attempts)"
    )
    assert broken.last_fetch_at is not None
    for dataset in (working, sercop):
        dataset.refresh_from_db()
        assert (dataset.last_fetch_result, dataset.process_count) == (FetchResult.OK, 3)
    assert f"EC · B · servidor en línea: {FetchResult.OK.label}" in output.getvalue()


def test_a_dataset_another_run_is_fetching_is_left_to_it(publisher):
    publisher.script("/ocds.json", Answer(body=month_file("2024-01").encode()))
    dataset = file_dataset(publisher, "/ocds.json")
    directory = download_directory(dataset)
    directory.mkdir(parents=True)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(Busy):
            fetch_dataset(dataset)
        errors = io.StringIO()
        call_command("fetch_ocds", stdout=io.StringIO(), stderr=errors)

    assert "skipped, another fetch_ocds run is fetching" in errors.getvalue()
    assert publisher.requests == []
    dataset.refresh_from_db()
    assert dataset.last_fetch_result == FetchResult.NEVER
