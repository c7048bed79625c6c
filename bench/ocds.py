"""Open contracting data at volume: import rate and memory, indicators and the country profile.

Writes synthetic OCDS files shaped like SERCOP's monthly bulk downloads (a JSON array of
release packages, buyers ``EC-RUC-<RUC>-<n>``, CPC items, USD, methods in Spanish, most 2024
tender periods without an end) or like the vendored samples' release packages (``--shape
package``: Paraguay's DNCP, several releases of one process in one package). Files are written
one release at a time, never held in memory. Then prints, with the machine's facts:

- import rate (releases/s, ``import_files`` whole: read, check, merge, store, recompute) on
  SQLite (a temporary file) and PostgreSQL (a scratch database ``bench_ocds``, created and
  dropped here), each import in a child process, at two file sizes, with its peak memory: the
  importer's ``ru_maxrss`` plus its merge worker's (``RUSAGE_CHILDREN``), an upper bound since
  the forked worker shares pages with it and their peaks need not coincide; the peak of the two
  processes' proportional set sizes added up (``PssPeak``), what they hold in memory between
  them, each page they share counted once; and its CPU seconds:
  the importer's and its worker's, and on PostgreSQL the server's for the import's connection
  (read from /proc when the server runs on this machine), which the clock waits for too;
- on PostgreSQL, indicators recomputed at ``--processes`` processes (1,000,000 by default,
  inserted by bulk SQL, not imported) and a country profile with its data section, p95 of
  uncached renders and the query count of one profile (Ecuador) at 1,000 and at ``--processes``.

Targets (issue 15, 2-core machine): import ≥ 3,000 releases/s, peak memory < 300 MB whatever the
file size; recompute at 1,000,000 processes < 60 s; profile p95 < 100 ms, same query count.

    .venv/bin/python bench/ocds.py                         # 50,000 and 10,000 releases, 1M processes
    .venv/bin/python bench/ocds.py --releases 20000 --processes 100000   # a couple of minutes
    .venv/bin/python bench/ocds.py --big                   # also a 1.5 GB file (SQLite only)
    .venv/bin/python bench/ocds.py --only import --profile # cProfile of one import (SQLite)

PostgreSQL is reached through ``--postgres`` (default: the local socket, user postgres).
"""

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    # Run as a script, this folder comes first on sys.path and bench/search.py hides the search app.
    sys.path[0] = str(ROOT)

from bench.pages import drop_postgres, migrate, percentile, setup_django  # noqa: E402

POSTGRES = "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/bench_ocds"
BIG_BYTES = 1_500_000_000
SEED = 2026
METHODS = [  # (procurementMethod, procurementMethodDetails, category, share)
    ("open", "Subasta Inversa Electrónica", "goods", 0.38),
    ("direct", "Catálogo electrónico", "goods", 0.30),
    ("selective", "Cotización", "goods", 0.12),
    ("open", "Licitación", "works", 0.05),
    ("direct", "Ínfima Cuantía", "services", 0.10),
    ("limited", "Contratación Directa", "services", 0.05),
]
WORDS = [
    *[
        "adquisición",
        "de",
        "insumos",
        "médicos",
        "para",
        "el",
        "hospital",
        "general",
        "servicio",
        "de",
        "mantenimiento",
    ],
    *[
        "preventivo",
        "y",
        "correctivo",
        "de",
        "vehículos",
        "institucionales",
        "construcción",
        "de",
        "aceras",
        "y",
    ],
    *[
        "bordillos",
        "en",
        "la",
        "parroquia",
        "suministro",
        "de",
        "materiales",
        "de",
        "oficina",
        "para",
        "las",
        "dependencias",
    ],
    *[
        "municipales",
        "consultoría",
        "para",
        "el",
        "estudio",
        "de",
        "factibilidad",
        "del",
        "sistema",
        "de",
        "agua",
        "potable",
    ],
]


# --- Synthetic data --------------------------------------------------------------------------


class Generator:
    """Releases of SERCOP-like processes: a tender, and for most an award, then a contract.

    Later stages of a process come a few hundred releases after its tender, as in a monthly
    file where a process's releases are spread over the month. 45% of the processes have one
    release, 25% two, 30% three.
    """

    def __init__(self, seed: int = SEED) -> None:
        self.random = random.Random(seed)
        self.buyers = [f"EC-RUC-17{number:08d}001-{number % 3 + 1}" for number in range(3_000)]
        self.suppliers = [f"EC-RUC-09{number:08d}001-1" for number in range(40_000)]

    def text(self, words: int) -> str:
        return " ".join(self.random.choices(WORDS, k=words)).capitalize()

    def party(self, identifier: str, role: str) -> dict[str, Any]:
        kind = "Municipio" if role == "buyer" else "Comercial"
        return {"id": identifier, "name": f"{kind} {identifier[7:15]} (sintético)"}

    def processes(self, number: int) -> dict[str, Any]:
        """The stages of process ``number``: its tender release and the later ones."""
        method, details, category, _share = self.random.choices(METHODS, weights=[m[3] for m in METHODS])[0]
        ocid = f"ocds-5wno2w-{details[:4].upper().replace('Í', 'I')}-{number:08d}"
        day = dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC) + dt.timedelta(minutes=number % 500_000)
        buyer = self.party(self.random.choice(self.buyers), "buyer")
        tenderers = [
            self.party(identifier, "tenderer")
            for identifier in self.random.sample(self.suppliers, self.random.choice((1, 1, 2, 3, 4)))
        ]
        amount = round(self.random.lognormvariate(9, 1.5), 2)
        items = [
            {
                "id": str(index),
                "description": self.text(6),
                "classification": {
                    "scheme": "CPC",
                    "id": f"{self.random.randint(1, 9)}{self.random.randint(0, 99_999_999):08d}",
                    "description": self.text(3),
                },
                "quantity": self.random.randint(1, 500),
                "unit": {"name": "Unidad", "value": {"amount": round(amount / 10, 2), "currency": "USD"}},
            }
            for index in range(1, self.random.randint(1, 4) + 1)
        ]
        end = "" if self.random.random() < 0.6 else (day + dt.timedelta(days=self.random.randint(1, 30)))
        tender = {
            "id": ocid[12:],
            "title": self.text(8),
            "description": self.text(20),
            "status": "active",
            "procurementMethod": method,
            "procurementMethodDetails": details,
            "mainProcurementCategory": category,
            "value": {"amount": amount, "currency": "USD"},
            "tenderPeriod": {"startDate": day.isoformat(), "endDate": end and end.isoformat()},
            "procuringEntity": buyer,
            "items": items,
        }
        base = {"ocid": ocid, "language": "es", "buyer": buyer}
        stages = [
            {
                **base,
                "id": f"{ocid}-1",
                "date": day.isoformat(),
                "tag": ["tender"],
                "initiationType": "tender",
                "parties": [{**buyer, "roles": ["buyer", "procuringEntity"]}],
                "tender": tender,
            }
        ]
        releases = self.random.choices((1, 2, 3), weights=(45, 25, 30))[0]
        winner = tenderers[0]
        award = {
            "id": f"{ocid[12:]}-1",
            "status": "active",
            "date": (day + dt.timedelta(days=20)).isoformat(),
            "value": {"amount": round(amount * 0.93, 2), "currency": "USD"},
            "suppliers": [winner],
        }
        if releases >= 2:
            stages.append(
                {
                    **base,
                    "id": f"{ocid}-2",
                    "date": award["date"],
                    "tag": ["award"],
                    "parties": [
                        {**buyer, "roles": ["buyer", "procuringEntity"]},
                        *({**party, "roles": ["tenderer"]} for party in tenderers),
                    ],
                    "tender": {
                        "id": tender["id"],
                        "status": "complete",
                        "numberOfTenderers": len(tenderers),
                        "tenderers": tenderers,
                    },
                    "awards": [award],
                }
            )
        if releases == 3:
            stages.append(
                {
                    **base,
                    "id": f"{ocid}-3",
                    "date": (day + dt.timedelta(days=28)).isoformat(),
                    "tag": ["contract"],
                    "contracts": [
                        {
                            "id": f"{ocid[12:]}-C1",
                            "awardID": award["id"],
                            "status": "active",
                            "dateSigned": (day + dt.timedelta(days=28)).isoformat(),
                            "value": award["value"],
                        }
                    ],
                }
            )
        return {"ocid": ocid, "stages": stages}

    def releases(self) -> Iterator[dict[str, Any]]:
        """Releases without end: tenders in order, each later stage some 300 releases later."""
        later: deque[tuple[int, dict[str, Any]]] = deque()
        number = 0
        emitted = 0
        while True:
            while later and later[0][0] <= emitted:
                yield later.popleft()[1]
                emitted += 1
            process = self.processes(number)
            number += 1
            first, *rest = process["stages"]
            yield first
            emitted += 1
            for offset, stage in enumerate(rest, 1):
                later.append((emitted + 300 * offset, stage))
            later = deque(sorted(later, key=lambda pair: pair[0])) if rest else later


def write_file(path: Path, shape: str, releases: int | None = None, size: int | None = None) -> int:
    """Write ``releases`` releases (or ``size`` bytes' worth) to ``path``; the count written."""
    written = 0
    publisher = {"name": "Servicio Nacional de Contratación Pública (datos sintéticos)"}
    meta = {
        "version": "1.1",
        "publishedDate": "2024-12-31T23:00:00-05:00",
        "publisher": publisher,
        "license": "https://creativecommons.org/licenses/by/3.0/ec/",
    }
    with path.open("w", encoding="utf-8") as file:
        if shape == "package":
            file.write(json.dumps({"uri": "https://bench.example/paquete.json", **meta})[:-1])
            file.write(', "releases": [\n')
        else:
            file.write("[\n")
        for release in Generator().releases():
            if (releases is not None and written >= releases) or (size is not None and file.tell() >= size):
                break
            _write_release(file, shape, release, meta, written)
            written += 1
        file.write("]}\n" if shape == "package" else "]\n")
    return written


def _write_release(file: IO[str], shape: str, release: dict, meta: dict, written: int) -> None:
    separator = ",\n" if written else ""
    if shape == "package":
        file.write(separator + json.dumps(release, ensure_ascii=False))
    else:
        uri = f"https://bench.example/PLATAFORMA/api/record?ocid={release['ocid']}"
        package = {"uri": uri, **meta, "releases": [release]}
        file.write(separator + json.dumps(package, ensure_ascii=False))


# --- Child processes: one Django setup per database ------------------------------------------


def child(command: list[str]) -> tuple[dict[str, Any], float]:
    """Run this script's ``command`` in a child process: what it printed last (JSON) and its peak
    memory in MB (the child's ``ru_maxrss``, its own children included)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", *command], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status:
        sys.exit(f"{' '.join(command)} failed:\n{output}")
    lines = output.strip().splitlines()
    for line in lines[:-1]:
        print(line, flush=True)
    return json.loads(lines[-1]), usage.ru_maxrss / 1024


def prepare(url: str) -> dict[str, Any]:
    """Migrate the scratch database and load the member states (the site's reference data)."""
    from django.core.management import call_command

    sqlite = url.startswith("sqlite")
    migrate(Path(url.removeprefix("sqlite:///")) if sqlite else None)
    call_command("load_reference_data", stdout=io.StringIO())
    return {}


def new_dataset(country: str, name: str):
    from contracting.models import Dataset
    from countries.models import CountryPage

    return Dataset.objects.create(
        country=CountryPage.objects.get(iso_alpha2=country),
        name=name,
        publisher="Datos sintéticos",
        main_currency="USD",
        short_submission_days={
            "default": 15,
            "Cotización": 7,
            "Licitación": 10,
            "Subasta Inversa Electrónica": None,
        },
    )


class PssPeak:
    """The highest sum, sampled every 50 ms, of the proportional set size of this process and its
    children (Linux's ``smaps_rollup``): the memory the importer and its forked merge worker take
    together, where ``ru_maxrss`` counts the pages they share once in each."""

    def __init__(self) -> None:
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "PssPeak":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.mb = max(self.mb, sum(self._pss_kb(pid) for pid in self._family()) / 1024)

    @staticmethod
    def _family() -> list[int]:
        pids = [os.getpid()]
        for task in Path("/proc/self/task").iterdir():
            children = (task / "children").read_text().split()
            pids += [int(pid) for pid in children]
        return pids

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass  # the worker ended between listing and reading
        return 0


def run_import(path: str, name: str, profile: str = "") -> dict[str, Any]:
    from contracting.importer import import_files

    dataset = new_dataset("EC", name)
    server_before = server_cpu()
    profiler = cProfile.Profile() if profile else None
    cpu_before = [
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    ]
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    with PssPeak() as pss:
        summary = import_files(dataset, [Path(path)])
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds = time.perf_counter() - started
    if summary.problems:
        sys.exit(str(summary))
    return {
        "releases": summary.releases_read,
        "processes": summary.processes_created,
        "seconds": seconds,
        # The importer's own peak and its merge worker's (a child it has waited for), in MB.
        # CPU seconds of the importer and its worker: steadier than the clock on a loaded machine.
        "cpu": sum(
            usage.ru_utime + usage.ru_stime - before
            for usage, before in zip(
                (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)),
                cpu_before,
                strict=True,
            )
        ),
        "server_cpu": server_cpu() - server_before,
        "importer_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "pss_mb": pss.mb,
    }


def server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL server process, when the server runs on this
    machine (its /proc is readable); 0 on SQLite, which works inside the importer."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fill_processes(country: str, name: str, count: int) -> dict[str, Any]:
    """``count`` processes of a dataset by bulk SQL (PostgreSQL): each with a buyer among 5,000,
    one or two tenderers among 50,000, an award to one of them, a release and a CPC industry."""
    from django.db import connection, transaction

    from contracting.models import Award, Classification, Dataset, Organisation, Process, Release

    Dataset.objects.filter(country__iso_alpha2=country).delete()  # the volume before this one
    dataset = new_dataset(country, name)
    started = time.perf_counter()
    tables = {
        "process": Process._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "release": Release._meta.db_table,
        "award": Award._meta.db_table,
        "classification": Classification._meta.db_table,
        "tenderers": Process.tenderers.through._meta.db_table,
        "suppliers": Award.suppliers.through._meta.db_table,
    }
    parameters = {"dataset": dataset.pk, "count": count}
    statements = [
        """INSERT INTO {organisation} (dataset_id, identifier, name)
           SELECT %(dataset)s, 'EC-RUC-' || n, 'Organización ' || n FROM generate_series(1, 55000) n""",
        """INSERT INTO {process} (dataset_id, ocid, title, description, url, buyer_id, method,
               method_details, category, status, tender_start, tender_end, submission_days,
               number_of_tenderers, tender_amount, tender_currency, date, year, month, release_date,
               compiled)
           SELECT %(dataset)s, 'ocds-bench-' || n, 'Proceso ' || n, '', '',
               %(first)s + n %% 5000,
               (ARRAY['open','selective','limited','direct'])[1 + n %% 4],
               (ARRAY['Subasta Inversa Electrónica', 'Cotización', 'Licitación',
                      'Catálogo electrónico'])[1 + n %% 4],
               (ARRAY['goods','works','services'])[1 + n %% 3],
               (ARRAY['active','complete','cancelled','unsuccessful'])[1 + n %% 4],
               t, t + (n %% 30) * interval '1 day', n %% 30, 1 + n %% 4, 1000 + n %% 100000, 'USD',
               t::date, extract(year FROM t), extract(month FROM t), t, '{{}}'::jsonb
           FROM (SELECT n, timestamptz '2015-01-01' + (n::bigint * 3649 / %(count)s) * interval '1 day' AS t
                 FROM generate_series(1, %(count)s) n) s""",
        """INSERT INTO {release} (process_id, release_id, date, tags)
           SELECT id, ocid || '-1', release_date, 'tender' FROM {process} WHERE dataset_id = %(dataset)s""",
        """INSERT INTO {classification} (process_id, scheme, code)
           SELECT id, 'CPC', (id %% 9 + 1)::text FROM {process} WHERE dataset_id = %(dataset)s""",
        """INSERT INTO {tenderers} (process_id, organisation_id)
           SELECT p.id, %(first)s + 5000 + (p.id + 7919 * k) %% 50000
           FROM {process} p, generate_series(1, 2) k
           WHERE p.dataset_id = %(dataset)s AND (k = 1 OR p.id %% 2 = 0)""",
        """INSERT INTO {award} (process_id, award_id, status, date, amount, currency)
           SELECT id, ocid || '-a', 'active', release_date + interval '20 days', 900 + id %% 90000, 'USD'
           FROM {process} WHERE dataset_id = %(dataset)s AND status <> 'cancelled'""",
        """INSERT INTO {suppliers} (award_id, organisation_id)
           SELECT a.id, %(first)s + 5000 + a.process_id %% 50000
           FROM {award} a JOIN {process} p ON p.id = a.process_id
           WHERE p.dataset_id = %(dataset)s""",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.format(**tables), parameters)
            # Fresh statistics, or the planner takes the new rows for none and joins them badly.
            cursor.execute(f"ANALYZE {statement.split()[2].format(**tables)}")
            if "{organisation}" in statement.split()[2]:
                cursor.execute(
                    f"SELECT min(id) FROM {tables['organisation']} WHERE dataset_id = %s",  # noqa: S608
                    [dataset.pk],
                )
                parameters["first"] = cursor.fetchone()[0]
    inserted = time.perf_counter() - started
    from contracting.importer import refresh_dataset

    started = time.perf_counter()
    refresh_dataset(dataset)  # counts, dates, then ``recompute``
    refreshed = time.perf_counter() - started
    from contracting.indicators import recompute

    started = time.perf_counter()
    recompute(dataset)
    return {"inserted": inserted, "refreshed": refreshed, "recompute": time.perf_counter() - started}


def profile_timings(countries: list[str], rounds: int) -> dict[str, Any]:
    """p50/p95 of uncached renders of each country's profile, and its queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from countries.models import CountryPage

    client = Client()
    results = {}
    with override_settings(PAGE_CACHE_SECONDS=0), override("es"):
        for code in countries:
            url = CountryPage.objects.get(iso_alpha2=code).url
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # Counted now: the next request empties the connection's query log.
            count = len(queries)
            assert response.status_code == 200, (url, response.status_code)
            assert _("Procurement data") in response.content.decode(), f"no data section on {url}"
            timings = []
            for _round in range(rounds):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            results[code] = {
                "url": url,
                "queries": count,
                "p50": percentile(timings, 0.5),
                "p95": percentile(timings, 0.95),
            }
    return results


CHILD_COMMANDS = {
    "prepare": prepare,
    "import": run_import,
    "fill": fill_processes,
    "profile": profile_timings,
}


def run_child(arguments: list[str]) -> None:
    url, command, *rest = arguments
    setup_django(url)
    if command == "prepare":
        result = prepare(url)
    elif command == "fill":
        result = fill_processes(rest[0], rest[1], int(rest[2]))
    elif command == "profile":
        result = profile_timings(rest[:-1], int(rest[-1]))
    else:
        result = CHILD_COMMANDS[command](*rest)
    print(json.dumps(result), flush=True)


# --- Orchestration ---------------------------------------------------------------------------


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), load average {load}, {now}"


def scratch_postgres(url: str) -> str:
    """The database ``url`` names, created empty (dropped first if a run left it)."""
    import psycopg

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def databases(options: argparse.Namespace, scratch: Path) -> dict[str, str]:
    found = {}
    if "sqlite" in options.engines:
        found["SQLite"] = f"sqlite:///{scratch / 'bench_ocds.sqlite3'}"
    if "postgres" in options.engines:
        found["PostgreSQL"] = scratch_postgres(options.postgres)
    return found


def bench_import(options: argparse.Namespace, scratch: Path, urls: dict[str, str]) -> None:
    sizes = sorted({options.releases // 5, options.releases})
    files = {}
    for count in sizes:
        path = scratch / f"sintetico-{count}.json"
        started = time.perf_counter()
        write_file(path, options.shape, releases=count)
        files[count] = path
        print(
            f"wrote {path.name}: {count:,} releases, {path.stat().st_size / 1e6:,.1f} MB "
            f"({options.shape} shape) in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
    if options.big:
        path = scratch / "sintetico-big.json"
        started = time.perf_counter()
        count = write_file(path, options.shape, size=BIG_BYTES)
        files[count] = path
        print(
            f"wrote {path.name}: {count:,} releases, {path.stat().st_size / 1e9:.2f} GB in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
    for engine, url in urls.items():
        for count, path in files.items():
            if path.name.endswith("big.json") and engine != "SQLite":
                continue
            profile = str(scratch / f"import-{engine}-{count}.prof") if options.profile else ""
            result, peak = child([url, "import", str(path), f"Importación {count}", profile])
            rate = result["releases"] / result["seconds"]
            print(
                f"import {engine:<10} {result['releases']:>9,} releases "
                f"({path.stat().st_size / 1e6:,.0f} MB) "
                f"{result['processes']:>9,} processes  {result['seconds']:7.1f} s  {rate:7,.0f} releases/s  "
                f"(CPU {result['cpu']:.1f} s"
                + (f" + server {result['server_cpu']:.1f} s" if result["server_cpu"] else "")
                + ")  "
                f"peak memory {result['pss_mb']:4.0f} MB together (PSS; RSS peaks: importer "
                f"{result['importer_mb']:.0f} + merge worker {result['worker_mb']:.0f}; largest "
                f"process {peak:.0f})   load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
            if profile:
                pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
                pstats.Stats(profile).sort_stats("tottime").print_stats(20)


def bench_scale(options: argparse.Namespace, url: str) -> None:
    """Ecuador with 1,000 processes, then with ``--processes``: the same country, its data over
    the same ten years, so that only the volume differs between the two profiles."""
    for count in (1_000, options.processes):
        result, _peak = child([url, "fill", "EC", f"Volumen {count}", str(count)])
        print(
            f"indicators PostgreSQL {count:>10,} processes: inserted in {result['inserted']:.1f} s, "
            f"refresh (counts + recompute) {result['refreshed']:.1f} s, "
            f"recompute {result['recompute']:.1f} s "
            f"(target < 60 s at 1,000,000)   load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        row = child([url, "profile", "EC", str(options.rounds)])[0]["EC"]
        print(
            f"country profile PostgreSQL {count:>10,} processes: {row['queries']} queries, uncached "
            f"p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms over {options.rounds} renders "
            f"(target p95 < 100 ms, same queries)   load {os.getloadavg()[0]:.2f}",
            flush=True,
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", type=int, default=50_000, help="the larger file (the smaller: a fifth)")
    parser.add_argument("--processes", type=int, default=1_000_000, help="processes for indicators/profile")
    parser.add_argument("--big", action="store_true", help="also import a 1.5 GB file (SQLite)")
    parser.add_argument("--shape", choices=("sercop", "package"), default="sercop")
    parser.add_argument(
        "--engines", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"]
    )
    parser.add_argument(
        "--only", choices=("import", "scale"), help="only the import, or only indicators/profile"
    )
    parser.add_argument("--rounds", type=int, default=100, help="renders per profile")
    parser.add_argument("--profile", action="store_true", help="cProfile each import and print the top")
    parser.add_argument("--postgres", default=POSTGRES, help="PostgreSQL server; its database is scratch")
    parser.add_argument("--keep", action="store_true", help="keep the files and databases (in /tmp)")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-ocds-"))
    print(f"machine: {machine()}; scratch files in {scratch}", flush=True)
    urls = databases(options, scratch)
    try:
        for engine, url in urls.items():
            started = time.perf_counter()
            child([url, "prepare"])
            print(
                f"{engine}: migrated, member states loaded in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
        if options.only != "scale":
            bench_import(options, scratch, urls)
        if options.only != "import" and "PostgreSQL" in urls:
            bench_scale(options, urls["PostgreSQL"])
    finally:
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)
            if "PostgreSQL" in urls:
                drop_postgres(urls["PostgreSQL"])
    print(f"machine at the end: {machine()}", flush=True)


if __name__ == "__main__":
    main()
