"""Render time and SQL queries of every page type at realistic volume, uncached and from the page cache.

Builds the volume (by default 35 countries, 2,000 events with 18 participating
countries and 10 sessions each, 20,000 news and practice pages, 5,000 documents,
both languages; see ``bench/_volume.py`` for how it is built fast) into a
scratch database, then renders each page type through Django's test client in
Spanish and English and prints p50/p95 render time and queries per page type:

- uncached: ``PAGE_CACHE_SECONDS = 0``, each request renders the page (in a
  warm process: templates compiled, one request per page made beforehand);
- cached: the anonymous page cache on (``network.cache``), as in production.

Targets on the 2-core machines: p95 under 100 ms uncached and under 10 ms cached.
Search results are cached like pages (keyed by the query string), so their cached
figure is a repeated search.

    .venv/bin/python bench/pages.py                      # full volume into /tmp (a few minutes)
    .venv/bin/python bench/pages.py --scale 0.1          # a tenth of the events, news, practices, documents
    .venv/bin/python bench/pages.py --build-only --db /tmp/site.sqlite3   # for bench/http.sh
    .venv/bin/python bench/pages.py --reuse              # measure again the site the last run built
    .venv/bin/python bench/pages.py --compare-scale 0.1 --repeats 3 [--reuse] [--db /tmp/site.sqlite3]
        # p95 at full volume against a tenth of it (--reuse: the two sites an earlier comparison built)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/me .venv/bin/python bench/pages.py
        # PostgreSQL: a scratch database ``me_pages_bench``, dropped at the end

Runs with the test settings (DEBUG off, plain static storage, local-memory cache).
A migrated empty SQLite database is kept in /tmp, keyed by the migrations, and
copied for the next run: migrating takes a minute.
"""

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    # Run as a script, this folder comes first on sys.path and bench/search.py hides the search app.
    sys.path[0] = str(ROOT)

UNCACHED_TARGET_MS = 100
CACHED_TARGET_MS = 10
# A page type's p95 at full volume, at most this many times its p95 at a tenth of it.
VOLUME_RATIO_TARGET = 1.3
DEFAULT_SQLITE = Path(tempfile.gettempdir()) / "compraspublicas-pages-bench.sqlite3"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def scratch_postgres(url: str) -> str:
    """A scratch database next to the one ``url`` names, created empty."""
    import psycopg

    base, _slash, name = url.rpartition("/")
    scratch = f"{name.split('?')[0] or 'postgres'}_pages_bench"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        connection.execute(f'CREATE DATABASE "{scratch}"')
    return f"{base}/{scratch}"


def drop_postgres(url: str) -> None:
    import psycopg

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    import django

    django.setup()


def migration_key() -> str:
    """What the migrated schema depends on: every migration, the translated fields, the versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("*/migrations/*.py"), *ROOT.glob("*/translation.py")]):
        digest.update(path.read_bytes())
    for package in ("django", "wagtail", "django-modeltranslation", "wagtail-modeltranslation"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


def migrated_template() -> Path:
    return Path(tempfile.gettempdir()) / f"compraspublicas-migrated-{migration_key()}.sqlite3"


def apply_migrations() -> None:
    from django.core.management import call_command

    with contextlib.redirect_stdout(io.StringIO()):  # wagtail-modeltranslation prints its column SQL
        call_command("migrate", interactive=False, verbosity=0)


def migrate(sqlite_path: Path | None) -> None:
    """Migrate the scratch database; a SQLite one is copied from a migrated template when there is one."""
    from django.db import connection

    started = time.perf_counter()
    template = migrated_template() if sqlite_path else None
    if template and template.exists():
        connection.close()
        shutil.copyfile(template, sqlite_path)
        print(f"migrate: copied {template} ({time.perf_counter() - started:.1f} s)", flush=True)
        return
    apply_migrations()
    if template:
        connection.close()
        shutil.copyfile(sqlite_path, template)
    print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)


def build_site(scale: float, search_index: str, sqlite_path: Path | None):
    from bench import _volume

    migrate(sqlite_path)
    volume = _volume.FULL.scaled(scale, only=("events", "news", "practices", "documents"))
    print(f"volume: {volume}", flush=True)
    built = _volume.build(volume, search_index="")
    print(f"built {volume.pages:,} pages and their relations in {built.seconds:.1f} s", flush=True)
    started = time.perf_counter()
    if search_index == "rebuild":
        from search import indexing

        entries = indexing.rebuild()
    else:
        entries = _volume.fill_search_index()
    print(
        f"search index ({search_index}): {entries:,} entries in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return built


def reused_site():
    from bench import _volume

    apply_migrations()
    print("reusing the site built earlier", flush=True)
    return _volume.built_site()


def timed_requests(client, url: str, rounds: int) -> list[float]:
    timings = []
    for _round in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def measure(built, rounds: int) -> list[dict]:
    """Per page type: queries per language, and render times over both languages.

    Three ways a page is served: rendered with the counts and list heads a publication
    leaves in the fragment cache (``network.memo``; what a reader gets for a URL nobody
    asked for since), rendered with every figure computed (the first request after a
    publication), and from the page cache.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench import _volume

    client = Client()
    urls = {language: _volume.page_urls(built, language) for language in _volume.LANGUAGES}
    results = []
    for page_type in urls["es"]:
        row = {"page type": page_type, "queries": {}, "uncached": [], "computed": [], "cached": []}
        for language in _volume.LANGUAGES:
            url = urls[language][page_type]
            with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=600):
                client.get(url)  # the process's first request of a page type fills a few caches
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                row["queries"][language] = len(queries)
                row["uncached"] += timed_requests(client, url, rounds)
            with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
                row["computed"] += timed_requests(client, url, rounds)
            with override_settings(PAGE_CACHE_SECONDS=600):
                client.get(url)  # fills the cache
                row["cached"] += timed_requests(client, url, rounds)
        results.append(row)
        print_row(row)
    return results


def print_header() -> None:
    print(
        f"\n{'page type':<22} {'queries es/en':>13}   {'uncached p50':>12} {'p95':>8}   "
        f"{'computed p50':>12} {'p95':>8}   {'cached p50':>10} {'p95':>8}   "
        f"targets (uncached p95 < {UNCACHED_TARGET_MS} / cached < {CACHED_TARGET_MS} ms)",
        flush=True,
    )


def print_row(row: dict) -> None:
    uncached_p95, cached_p95 = percentile(row["uncached"], 0.95), percentile(row["cached"], 0.95)
    verdict = [
        "ok" if uncached_p95 < UNCACHED_TARGET_MS else "MISS uncached",
        "ok" if cached_p95 < CACHED_TARGET_MS else "MISS cached",
    ]
    queries = f"{row['queries']['es']}/{row['queries']['en']}"
    print(
        f"{row['page type']:<22} {queries:>13}   {statistics.median(row['uncached']):>9.1f} ms "
        f"{uncached_p95:>5.1f} ms   {statistics.median(row['computed']):>9.1f} ms "
        f"{percentile(row['computed'], 0.95):>5.1f} ms   {statistics.median(row['cached']):>7.1f} ms "
        f"{cached_p95:>5.1f} ms   {', '.join(verdict)}",
        flush=True,
    )


def compare_volumes(small_scale: float, rounds: int, repeats: int, full_path: Path, reuse: bool) -> None:
    """Each page type's p95 at full volume against its p95 at ``small_scale`` and against the home page.

    Both sites are built first (``full_path`` and the same name ending in ``.small.sqlite3``;
    ``reuse`` keeps the ones an earlier run built); then each is measured ``repeats`` times,
    alternately, in a process of its own (the settings name one database), so that a change
    in the machine's load weighs on both volumes alike.
    """
    sites = {
        "small": (small_scale, full_path.with_suffix(".small.sqlite3")),
        "full": (1.0, full_path),
    }
    script = str(Path(__file__).resolve())
    for scale, path in sites.values():
        if reuse and path.exists():
            continue
        path.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, script, "--scale", str(scale), "--db", str(path), "--build-only"], check=True
        )
    timings: dict[str, dict[str, dict[str, list[float]]]] = {name: {} for name in sites}
    for _repeat in range(repeats):
        for name, (_scale, path) in sites.items():
            with tempfile.NamedTemporaryFile(suffix=".json") as output:
                subprocess.run(
                    [
                        sys.executable,
                        script,
                        "--reuse",
                        "--db",
                        str(path),
                        "--rounds",
                        str(rounds),
                        "--json",
                        output.name,
                    ],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                for row in json.loads(Path(output.name).read_text()):
                    kept = timings[name].setdefault(row["page type"], {"uncached": [], "computed": []})
                    kept["uncached"] += row["uncached"]
                    kept["computed"] += row["computed"]
    print(
        f"\np95 at full volume against scale {small_scale} and against the home page at full volume "
        f"(targets {VOLUME_RATIO_TARGET}x and 1x), {repeats} alternating runs of {rounds} rounds; {machine()}"
    )
    print(f"{'page type':<22} {'':>10} {'small p95':>10} {'full p95':>9} {'full/small':>10} {'full/home':>9}")
    for kind in ("uncached", "computed"):
        home = percentile(timings["full"]["home"][kind], 0.95)
        for page_type, kept in timings["full"].items():
            small, full = percentile(timings["small"][page_type][kind], 0.95), percentile(kept[kind], 0.95)
            print(
                f"{page_type:<22} {kind:>10} {small:>7.1f} ms {full:>6.1f} ms {full / small:>9.2f}x "
                f"{full / home:>8.2f}x"
            )


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full volume (default 1)")
    parser.add_argument("--rounds", type=int, default=15, help="timed requests per page type and language")
    parser.add_argument("--db", type=Path, default=DEFAULT_SQLITE, help="the scratch SQLite file (rebuilt)")
    parser.add_argument("--build-only", action="store_true", help="build the volume and keep the database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the site an earlier run left in --db instead of rebuilding",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--compare-scale",
        type=float,
        help="build this fraction and the full volume, and print each page type's p95 ratio (SQLite)",
    )
    parser.add_argument(
        "--repeats", type=int, default=2, help="alternating runs per volume with --compare-scale"
    )
    parser.add_argument(
        "--search-index",
        choices=["fill", "rebuild"],
        default="fill",
        help="fill the search index with prefetched reads (default) or time search.indexing.rebuild",
    )
    arguments = parser.parse_args()
    if arguments.compare_scale:
        compare_volumes(
            arguments.compare_scale, arguments.rounds, arguments.repeats, arguments.db, arguments.reuse
        )
        return

    configured = os.environ.get("DATABASE_URL", "")
    postgres = configured.startswith(("postgres://", "postgresql://"))
    if postgres:
        database_url = scratch_postgres(configured)
    else:
        if not arguments.reuse:
            arguments.db.unlink(missing_ok=True)
        database_url = f"sqlite:///{arguments.db}"
    reuse = arguments.reuse and not postgres and arguments.db.exists()
    print(f"Page benchmark on {machine()}; database {database_url}", flush=True)
    setup_django(database_url)
    try:
        built = (
            reused_site()
            if reuse
            else build_site(arguments.scale, arguments.search_index, None if postgres else arguments.db)
        )
        if arguments.build_only:
            return
        print_header()
        results = measure(built, arguments.rounds)
        if arguments.json:
            arguments.json.write_text(json.dumps(results))
        print(f"\nfinished on {machine()}")
    finally:
        if postgres and not arguments.build_only:
            from django.db import connections

            connections.close_all()
            drop_postgres(database_url)


if __name__ == "__main__":
    main()
