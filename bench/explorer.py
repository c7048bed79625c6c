"""The procurement data explorer at a million processes on PostgreSQL: filters, facets, process pages.

Builds, in a scratch PostgreSQL database (``bench_explorer`` next to the one DATABASE_URL
names, kept for ``--reuse``), one country with ``--processes`` processes shaped like
SERCOP's publication (Ecuador: dollars, a dozen types of contract, thousands of buyers, tens
of thousands of suppliers, UNSPSC segments) and a second country with 1,000, with
INSERT … SELECT over generate_series (six minutes at a million on a loaded 2-core machine,
the explorer's indexes built afterwards by migration 0002). Then, through Django's
test client with the page cache off (each request renders its page and counts its facets):

- p50/p95 of the explorer over many filter combinations, facet counts included
  (target p95 < 150 ms);
- p50/p95 of process pages (target p95 < 50 ms);
- the query count of each combination at 1,000 processes and at the full volume;
- EXPLAIN ANALYZE of the slowest query of the slowest combination.

    DATABASE_URL=postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres .venv/bin/python bench/explorer.py
    … bench/explorer.py --processes 100000      # a tenth
    … bench/explorer.py --reuse                 # measure the database the last run built
    … bench/explorer.py --reuse --refresh       # and time the cells' refresh of the large dataset
"""

import argparse
import contextlib
import io
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    # Run as a script, this folder comes first on sys.path and bench/search.py hides the search app.
    sys.path[0] = str(ROOT)

EXPLORER_TARGET_MS = 150
PROCESS_TARGET_MS = 50
SCRATCH = "bench_explorer"
BIG, SMALL = "EC", "PY"


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), load average {load}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def scratch_url(configured: str, reuse: bool) -> str:
    import psycopg

    base, _slash, _name = configured.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH]).fetchone()
        if not (reuse and exists):
            connection.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{SCRATCH}"')
    return f"{base}/{SCRATCH}"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    import django

    django.setup()


# --- Building the data -------------------------------------------------------------------------

DETAILS = [
    "Catálogo Electrónico",
    "Subasta Inversa Electrónica",
    "Ínfima Cuantía",
    "Menor Cuantía",
    "Cotización",
    "Licitación",
    "Régimen Especial",
    "Contratación Directa",
    "Lista Corta",
    "Concurso Público",
    "Feria Inclusiva",
    "Emergencia",
]
WORDS = [
    "adquisición", "servicio", "mantenimiento", "construcción", "medicamentos", "equipos", "vehículos",
    "limpieza", "seguridad", "alimentos", "consultoría", "obras", "materiales", "oficina", "software",
    "combustible", "uniformes", "reactivos", "laboratorio", "hospital", "escuela", "carretera", "agua",
    "energía", "transporte", "papel", "mobiliario", "computadores", "insumos", "capacitación",
]  # fmt: skip


def build(processes: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from contracting.importer import refresh_dataset
    from contracting.models import Dataset
    from countries.models import CountryPage

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference_data", stdout=io.StringIO())
    print(f"migrated and loaded the reference data in {time.perf_counter() - started:.1f} s", flush=True)
    # Without the explorer's indexes while inserting: building them afterwards is much faster.
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "contracting", "0001", interactive=False, verbosity=0)
    datasets = []
    for code, count, currency in ((BIG, processes, "USD"), (SMALL, 1000, "PYG")):
        started = time.perf_counter()
        dataset = Dataset.objects.create(
            country=CountryPage.objects.get(iso_alpha2=code),
            name=f"Synthetic {code}",
            publisher="bench/explorer.py",
            main_currency=currency,
        )
        with connection.cursor() as cursor:
            fill(cursor, dataset.pk, count, currency)
        print(f"{code}: {count:,} processes inserted in {time.perf_counter() - started:.1f} s", flush=True)
        datasets.append(dataset)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "contracting", interactive=False, verbosity=0)
    print(f"migration 0002 (indexes, cells) in {time.perf_counter() - started:.1f} s", flush=True)
    for dataset in datasets:
        started = time.perf_counter()
        refresh_dataset(dataset)
        print(
            f"{dataset.country.iso_alpha2}: counts, indicators and cells refreshed "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s", flush=True)


def migrate() -> None:
    """The reused database brought to this code's migrations, timed with the VACUUM ANALYZE after
    them (a migration that rewrites a table leaves its old rows to vacuum and its new
    statistics to gather: without them, index-only scans read the table)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    pending = MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
    if not pending:
        return
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    names = ", ".join(f"{migration.app_label} {migration.name}" for migration, _backwards in pending)
    print(f"migrated ({names}) in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s", flush=True)


def refresh() -> None:
    """The large dataset's cells refreshed, as after each of its imports, timed."""
    from contracting import cells
    from contracting.models import Dataset

    dataset = Dataset.objects.get(country__iso_alpha2=BIG)
    started = time.perf_counter()
    cells.refresh(dataset)
    print(f"{BIG}: cells refreshed in {time.perf_counter() - started:.1f} s", flush=True)


def fill(cursor, dataset: int, count: int, currency: str) -> None:
    """Organisations, processes, releases, awards with suppliers and industries, all in SQL."""
    buyers, suppliers = max(10, count // 200), max(50, count // 20)
    cursor.execute("SELECT setseed(0.42)")
    cursor.execute(
        """
        INSERT INTO contracting_organisation (dataset_id, identifier, name)
        SELECT %(dataset)s, 'B' || i, 'Entidad compradora ' || i || ' ' || (%(words)s::text[])[1 + i %% 30]
        FROM generate_series(1, %(buyers)s) AS i
        UNION ALL
        SELECT %(dataset)s, 'S' || i,
            'Proveedor ' || i || ' ' || (%(words)s::text[])[1 + (i * 7) %% 30] || ' S.A.'
        FROM generate_series(1, %(suppliers)s) AS i
        """,
        {"dataset": dataset, "buyers": buyers, "suppliers": suppliers, "words": WORDS},
    )
    cursor.execute(
        "SELECT min(id) FROM contracting_organisation WHERE dataset_id = %s AND identifier LIKE 'B%%'",
        [dataset],
    )
    first_buyer = cursor.fetchone()[0]
    cursor.execute(
        "SELECT min(id) FROM contracting_organisation WHERE dataset_id = %s AND identifier LIKE 'S%%'",
        [dataset],
    )
    first_supplier = cursor.fetchone()[0]
    # Skewed choices (a few methods, buyers and types of contract hold most processes), as in real data.
    cursor.execute(
        """
        INSERT INTO contracting_process (
            dataset_id, ocid, title, description, url, buyer_id, method, method_details, category, status,
            tender_start, tender_end, submission_days, number_of_tenderers, tender_amount, tender_currency,
            date, year, month, release_date, compiled)
        SELECT %(dataset)s, ocid, title, description, '', buyer, method, details, category, status,
            start, start + (days || ' days')::interval, days, tenderers, amount, %(currency)s,
            start::date, extract(year FROM start), extract(month FROM start), start + interval '30 days',
            jsonb_build_object('ocid', ocid, 'tender', jsonb_build_object(
                'title', title, 'description', description,
                'items', jsonb_build_array(jsonb_build_object('id', '1', 'description', title, 'quantity', 1,
                    'classification', jsonb_build_object('scheme', 'UNSPSC', 'id', segment || '101500')))))
        FROM (
            SELECT 'ocds-bench-' || %(dataset)s || '-' || i AS ocid,
                initcap((%(words)s::text[])[1 + (random() * 29)::int]) || ' de '
                    || (%(words)s::text[])[1 + (random() * 29)::int] || ' ' || i AS title,
                'Proceso para ' || (%(words)s::text[])[1 + (random() * 29)::int] || ' y '
                    || (%(words)s::text[])[1 + (random() * 29)::int] AS description,
                %(first_buyer)s + floor(%(buyers)s * power(random(), 3))::int AS buyer,
                (ARRAY['open', 'open', 'selective', 'limited', 'direct', 'direct', ''])
                    [1 + (random() * 6)::int]
                    AS method,
                (%(details)s::text[])[1 + floor(12 * power(random(), 2))::int] AS details,
                (ARRAY['goods', 'goods', 'services', 'works', ''])[1 + (random() * 4)::int] AS category,
                (ARRAY['complete', 'complete', 'complete', 'active', 'cancelled', 'unsuccessful'])
                    [1 + (random() * 5)::int] AS status,
                timestamptz '2015-01-01' + random() * interval '3650 days' AS start,
                (random() * 30)::int AS days,
                CASE WHEN random() < 0.8 THEN 1 + (random() * 6)::int END AS tenderers,
                CASE WHEN random() < 0.9 THEN round((exp(random() * 14))::numeric, 2) END AS amount,
                10 + (random() * 85)::int AS segment,
                i
            FROM generate_series(1, %(count)s) AS i
        ) AS generated
        """,
        {
            "dataset": dataset,
            "count": count,
            "currency": currency,
            "words": WORDS,
            "details": DETAILS,
            "first_buyer": first_buyer,
            "buyers": buyers,
        },
    )
    cursor.execute(
        """
        INSERT INTO contracting_release (process_id, release_id, date, tags)
        SELECT id, ocid || '-tender', tender_start, 'tender'
        FROM contracting_process WHERE dataset_id = %(dataset)s
        UNION ALL
        SELECT id, ocid || '-award', tender_end, 'award' FROM contracting_process
        WHERE dataset_id = %(dataset)s AND status = 'complete'
        """,
        {"dataset": dataset},
    )
    cursor.execute(
        """
        INSERT INTO contracting_classification (process_id, scheme, code)
        SELECT id, 'UNSPSC', (compiled #>> '{tender,items,0,classification,id}')::text::varchar(2)
        FROM contracting_process WHERE dataset_id = %(dataset)s
        UNION
        SELECT id, 'UNSPSC', (10 + (id * 31) %% 85)::text FROM contracting_process
        WHERE dataset_id = %(dataset)s AND id %% 3 = 0
        """,
        {"dataset": dataset},
    )
    cursor.execute(
        """
        INSERT INTO contracting_award (process_id, award_id, status, date, amount, currency)
        SELECT id, ocid || '-a', 'active', tender_end, round(tender_amount * 0.95, 2), tender_currency
        FROM contracting_process
        WHERE dataset_id = %(dataset)s AND status IN ('complete', 'active') AND tender_amount IS NOT NULL
        """,
        {"dataset": dataset},
    )
    cursor.execute(
        """
        INSERT INTO contracting_award_suppliers (award_id, organisation_id)
        SELECT award.id, %(first_supplier)s + floor(%(suppliers)s * power(random(), 2))::int
        FROM contracting_award AS award JOIN contracting_process AS process ON process.id = award.process_id
        WHERE process.dataset_id = %(dataset)s
        """,
        {"dataset": dataset, "first_supplier": first_supplier, "suppliers": suppliers},
    )
    cursor.execute(
        """
        INSERT INTO contracting_process_tenderers (process_id, organisation_id)
        SELECT DISTINCT award.process_id, link.organisation_id
        FROM contracting_award_suppliers AS link JOIN contracting_award AS award ON award.id = link.award_id
        JOIN contracting_process AS process ON process.id = award.process_id
        WHERE process.dataset_id = %(dataset)s
        """,
        {"dataset": dataset},
    )


# --- Measuring ---------------------------------------------------------------------------------


def combinations(code: str) -> list[str]:
    """Filter combinations a reader would try, from broad to narrow, with each sort."""
    from contracting.models import Organisation, Process

    dataset_filter = {"dataset__country__iso_alpha2": code}
    buyer = (
        Organisation.objects.filter(**dataset_filter, identifier="B1").values_list("pk", flat=True).first()
    )
    small_buyer = (
        Organisation.objects.filter(**dataset_filter, identifier="B9").values_list("pk", flat=True).first()
    )
    supplier = (
        Organisation.objects.filter(**dataset_filter, identifier="S1").values_list("pk", flat=True).first()
    )
    year = Process.objects.filter(**dataset_filter).values_list("year", flat=True).order_by("-year").first()
    currency = "USD" if code == BIG else "PYG"
    queries = [
        "",
        f"year={year}",
        f"year={year - 6}",
        "method=open",
        "details=Cotización",
        "category=works",
        "status=cancelled",
        "industry=UNSPSC:43",
        f"currency={currency}",
        f"currency={currency}&min=1000&max=5000",
        f"currency={currency}&min=500000",
        f"buyer={buyer}",
        f"buyer={small_buyer}",
        f"supplier={supplier}",
        "q=medicamentos",
        "q=hospital+carretera",
        "q=Proveedor+17",
        f"year={year}&method=open",
        f"year={year}&method=direct&category=goods",
        "method=open&details=Licitación&status=complete",
        f"industry=UNSPSC:43&year={year}",
        "industry=UNSPSC:43&method=open&category=goods",
        "industry=UNSPSC:43&category=goods",
        "industry=UNSPSC:43&page=40",
        f"buyer={buyer}&year={year}",
        f"supplier={supplier}&method=direct",
        f"q=medicamentos&year={year}",
        "q=medicamentos&method=open&category=goods",
        f"currency={currency}&min=1000&max=5000&year={year}&method=open",
        f"currency={currency}&sort=-amount",
        f"currency={currency}&sort=amount&category=services",
        "sort=date",
        f"year={year}&sort=-amount&currency={currency}",
        "page=40",
        f"method=open&page=20&sort=-amount&currency={currency}",
        # An industry with each filter the others do not cover above.
        "q=medicamentos&industry=UNSPSC:43",
        "q=hospital+carretera&industry=UNSPSC:43",
        f"industry=UNSPSC:43&buyer={buyer}",
        f"industry=UNSPSC:43&supplier={supplier}",
        f"industry=UNSPSC:43&currency={currency}&min=1000&max=5000",
        f"industry=UNSPSC:43&currency={currency}&sort=-amount",
        f"q=medicamentos&buyer={buyer}",
        f"q=medicamentos&currency={currency}&min=1000&max=5000",
    ]
    return queries


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def measure(rounds: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from contracting.models import Dataset, Process

    client = Client()
    big = Dataset.objects.get(country__iso_alpha2=BIG)
    print(f"\n{BIG}: {big.process_count:,} processes; {SMALL}: 1,000 processes", flush=True)
    base = {code: f"/es/datos-de-compras/explorar/{code.lower()}/" for code in (BIG, SMALL)}
    with override_settings(PAGE_CACHE_SECONDS=0):
        big_queries = combinations(BIG)
        small_queries = combinations(SMALL)
        for query in big_queries[:3]:
            client.get(f"{base[BIG]}?{query}")  # templates compiled, connections open
        print(f"\n{'explorer: combination':<62} {'p50 ms':>7} {'max ms':>7}  queries 1k / full", flush=True)
        all_times, slowest = [], (0.0, "")
        for query, small_query in zip(big_queries, small_queries, strict=True):
            times = [timed(client, f"{base[BIG]}?{query}") for _round in range(rounds)]
            all_times += times
            counts = (
                query_count(client, f"{base[SMALL]}?{small_query}"),
                query_count(client, f"{base[BIG]}?{query}"),
            )
            flag = "" if counts[0] == counts[1] else "  (differs)"
            print(
                f"{query or '(no filter)':<62} {statistics.median(times):>7.1f} {max(times):>7.1f}  "
                f"{counts[0]:>3} / {counts[1]:<3}{flag}",
                flush=True,
            )
            slowest = max(slowest, (statistics.median(times), query))
        p50, p95 = statistics.median(all_times), percentile(all_times, 0.95)
        verdict = "meets" if p95 < EXPLORER_TARGET_MS else "MISSES"
        print(
            f"\nexplorer, {len(big_queries)} combinations × {rounds} rounds: "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"({verdict} the {EXPLORER_TARGET_MS} ms target)",
            flush=True,
        )

        pks = list(
            Process.objects.filter(dataset=big).values_list("pk", flat=True)[
                :: max(1, big.process_count // 300)
            ]
        )
        random.Random(7).shuffle(pks)
        urls = [f"{base[BIG]}proceso/{pk}/" for pk in pks[:200]]
        client.get(urls[0])
        times = [timed(client, url) for url in urls]
        small_pk = (
            Process.objects.filter(dataset__country__iso_alpha2=SMALL).values_list("pk", flat=True).first()
        )
        counts = (query_count(client, f"{base[SMALL]}proceso/{small_pk}/"), query_count(client, urls[0]))
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        verdict = "meets" if p95 < PROCESS_TARGET_MS else "MISSES"
        print(
            f"process page, {len(urls)} processes: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"({verdict} the {PROCESS_TARGET_MS} ms target); "
            f"queries {counts[0]} at 1k, {counts[1]} at full volume",
            flush=True,
        )
        floor = [timed(client, "/es/datos-de-compras/metodologia/") for _round in range(30)]
        print(
            f"for reference, the methodology page (reads no data): p50 {statistics.median(floor):.1f} ms, "
            f"p95 {percentile(floor, 0.95):.1f} ms: what any page of the site costs on this machine now",
            flush=True,
        )

        print(
            f"\nslowest combination: {slowest[1] or '(no filter)'} ({slowest[0]:.1f} ms); its queries:",
            flush=True,
        )
        with CaptureQueriesContext(connection) as captured:
            client.get(f"{base[BIG]}?{slowest[1]}")
        explained = []
        with connection.cursor() as cursor:
            for entry in captured.captured_queries:
                sql = entry["sql"]
                if not sql.lstrip().upper().startswith("SELECT") or "contracting_" not in sql:
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
                total = float(plan[-1].split(":")[1].split()[0])
                explained.append((total, sql, plan))
        for total, sql, _plan in sorted(explained, reverse=True):
            print(f"  {total:>8.1f} ms  {sql[:150]}", flush=True)
        total, sql, plan = max(explained)
        print(f"\nEXPLAIN ANALYZE of the slowest ({total:.1f} ms):\n{sql}\n", flush=True)
        print("\n".join(plan), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--processes", type=int, default=1_000_000, help="processes of the large country")
    parser.add_argument("--rounds", type=int, default=5, help="timed requests per combination")
    parser.add_argument("--reuse", action="store_true", help="measure the database an earlier run built")
    parser.add_argument("--refresh", action="store_true", help="time the large dataset's cells refresh")
    arguments = parser.parse_args()
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the benchmark builds its own database there.")
    database_url = scratch_url(configured, arguments.reuse)
    print(f"Explorer benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, on {machine()}", flush=True)
    print(f"database {database_url}", flush=True)
    setup_django(database_url)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(cursor.fetchone()[0], flush=True)
    if arguments.reuse:
        migrate()
    else:
        build(arguments.processes)
    if arguments.refresh:
        refresh()
    measure(arguments.rounds)
    print(f"\nfinished on {machine()}", flush=True)


if __name__ == "__main__":
    main()
