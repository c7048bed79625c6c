"""The comparison of six countries and a country profile with its charts, at a million processes.

Builds, in a scratch PostgreSQL database (``bench_compare`` next to the one ``DATABASE_URL``
names, dropped at the end), the reference site and six datasets (PY, CO, EC, MX, CL, PE) whose
processes are written by SQL (``generate_series``; an award with a supplier each, amounts in
two currencies for Paraguay) and whose figures ``recompute`` then computes, as after an import.
It does so twice: at 1,000 processes and at ``--processes`` (1,000,000 by default), and at each
volume prints the queries and p50/p95 render times of:

- the comparison of the six countries (``/es/datos-de-compras/comparar/?country=…``),
- Paraguay's profile with its charts drawn (charts cached, as after the first view),
- the same profile drawing its charts on every view (the chart cache emptied each time),
- Uruguay's profile, which has no procurement data: what any profile costs on the machine.

The page cache is off (``PAGE_CACHE_SECONDS = 0``): every request renders its page. Target:
p95 under 100 ms for the comparison and the profile, and the same queries at both volumes.

    DATABASE_URL=postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres .venv/bin/python bench/comparison.py
    ... bench/comparison.py --processes 100000 --rounds 30
"""

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)

TARGET_MS = 100
SMALL = 1_000
COUNTRIES = ("PY", "CO", "EC", "MX", "CL", "PE")
CURRENCIES = {"PY": "PYG", "CO": "COP", "EC": "USD", "MX": "MXN", "CL": "CLP", "PE": "PEN"}
FIRST_YEAR, YEARS = 2015, 10
SCRATCH = "bench_compare"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def scratch_database(url: str) -> str:
    import psycopg

    base = url.rpartition("/")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{SCRATCH}"')
    return f"{base}/{SCRATCH}"


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(f"{url.rpartition('/')[0]}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # wagtail-modeltranslation prints its column SQL
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference_data", stdout=io.StringIO())
    print(f"migrate and load the reference site: {time.perf_counter() - started:.1f} s", flush=True)


# Per dataset: %(dataset)s its id, %(n)s its processes, %(currency)s its main currency.
BUILD = [
    """INSERT INTO contracting_organisation (dataset_id, identifier, name)
       SELECT %(dataset)s, 'org-' || i, 'Organismo ' || i FROM generate_series(1, %(organisations)s) AS i""",
    """INSERT INTO contracting_process (dataset_id, ocid, title, description, url, buyer_id, method,
           method_details, category, status, submission_days, number_of_tenderers, tender_currency,
           date, year, month, release_date, compiled)
       SELECT %(dataset)s, 'ocds-bench-' || i, 'Proceso ' || i, '', '',
           (SELECT min(id) FROM contracting_organisation WHERE dataset_id = %(dataset)s) + i %% %(buyers)s,
           (ARRAY['open', 'selective', 'limited', 'direct'])[1 + i %% 4], '',
           (ARRAY['goods', 'works', 'services'])[1 + i %% 3], 'complete', 5 + i %% 30, 1 + i %% 5, '',
           make_date(%(first_year)s + i %% %(years)s, 1 + i %% 12, 1 + i %% 28),
           %(first_year)s + i %% %(years)s, 1 + i %% 12, now(), '{}'::jsonb
       FROM generate_series(1, %(n)s) AS i""",
    """INSERT INTO contracting_award (process_id, award_id, status, amount, currency)
       SELECT id, '1', 'active', (id %% 100000) * 10.5,
           CASE WHEN id %% 10 = 0 AND %(mixed)s THEN 'USD' ELSE %(currency)s END
       FROM contracting_process WHERE dataset_id = %(dataset)s""",
    """INSERT INTO contracting_award_suppliers (award_id, organisation_id)
       SELECT a.id, (SELECT min(id) FROM contracting_organisation WHERE dataset_id = %(dataset)s)
           + %(buyers)s + a.id %% (%(organisations)s - %(buyers)s)
       FROM contracting_award a JOIN contracting_process p ON p.id = a.process_id
       WHERE p.dataset_id = %(dataset)s""",
]


def build(total: int) -> dict[str, float]:
    """The six datasets with ``total`` processes between them; seconds spent writing and recomputing."""
    from django.db import connection
    from django.utils import timezone

    from contracting.indicators import recompute
    from contracting.models import Dataset, Process
    from countries.models import CountryPage

    Dataset.objects.all().delete()
    written = recomputed = 0.0
    for code in COUNTRIES:
        started = time.perf_counter()
        dataset = Dataset.objects.create(
            country=CountryPage.objects.get(iso_alpha2=code),
            name=f"Compras públicas ({code})",
            publisher=f"Publicador ({code})",
            licence="CC BY 4.0",
        )
        n = total // len(COUNTRIES)
        parameters = {
            "dataset": dataset.pk,
            "n": n,
            "currency": CURRENCIES[code],
            "mixed": code == "PY",
            "buyers": max(10, n // 500),
            "organisations": max(20, n // 500 + n // 50),
            "first_year": FIRST_YEAR,
            "years": YEARS,
        }
        with connection.cursor() as cursor:
            for statement in BUILD:
                cursor.execute(statement, parameters)
            cursor.execute("ANALYZE")
        processes = Process.objects.filter(dataset=dataset)
        Dataset.objects.filter(pk=dataset.pk).update(
            process_count=n,
            first_date=processes.order_by("date").values_list("date", flat=True).first(),
            last_date=processes.order_by("-date").values_list("date", flat=True).first(),
            last_import_at=timezone.now(),
        )
        written += time.perf_counter() - started
        started = time.perf_counter()
        recompute(Dataset.objects.get(pk=dataset.pk))
        recomputed += time.perf_counter() - started
    return {"write": written, "recompute": recomputed}


def measure(url: str, rounds: int, fresh_charts: bool = False) -> tuple[int, list[float]]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Counted now: the captured queries are read from the connection's log, which the next request empties.
    count = len(queries)
    timings = []
    for _round in range(rounds):
        if fresh_charts:
            cache.clear()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return count, timings


def pages() -> dict[str, tuple[str, bool]]:
    countries = "&".join(f"country={code}" for code in COUNTRIES)
    return {
        "comparison of 6 countries": (f"/es/datos-de-compras/comparar/?{countries}", False),
        "comparison (English)": (f"/en/procurement-data/compare/?{countries}", False),
        "profile, charts cached": ("/es/paises/paraguay/", False),
        "profile, charts drawn": ("/es/paises/paraguay/", True),
        # For scale: a profile without procurement data, on the same machine at the same time.
        "profile without data (UY)": ("/es/paises/uruguay/", False),
    }


def report(volume: int, rounds: int) -> dict[str, int]:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n{volume:,} processes · load average {load}", flush=True)
    print(f"{'page':<28} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}   target p95 < {TARGET_MS} ms")
    counts = {}
    for name, (url, fresh) in pages().items():
        queries, timings = measure(url, rounds, fresh)
        counts[name] = queries
        print(
            f"{name:<28} {queries:>7} {statistics.median(timings):>8.1f} {percentile(timings, 0.95):>8.1f}",
            flush=True,
        )
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--processes", type=int, default=1_000_000, help="processes at full volume")
    parser.add_argument("--rounds", type=int, default=50, help="requests timed per page")
    parser.add_argument("--keep", action="store_true", help=f"keep the {SCRATCH} database")
    arguments = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        parser.error("set DATABASE_URL to a PostgreSQL server (a scratch database is made next to it)")
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} CPUs · load average "
        + ", ".join(f"{value:.2f}" for value in os.getloadavg()),
        flush=True,
    )
    url = scratch_database(database)
    try:
        setup(url)
        from django.db import connection

        print(f"PostgreSQL {connection.cursor().connection.info.server_version}", flush=True)
        counts = {}
        for volume in (SMALL, arguments.processes):
            seconds = build(volume)
            print(
                f"\nbuilt {volume:,} processes in 6 datasets: written in {seconds['write']:.1f} s, "
                f"recomputed in {seconds['recompute']:.1f} s",
                flush=True,
            )
            counts[volume] = report(volume, arguments.rounds)
        same = counts[SMALL] == counts[arguments.processes]
        print(f"\nqueries the same at {SMALL:,} and {arguments.processes:,} processes: {same}")
    finally:
        from django.db import connections

        connections.close_all()
        if not arguments.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
