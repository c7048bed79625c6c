"""Which shared cache production uses when no Redis is configured: the database's or files.

Times what the page cache does on every request (read the content generation, read a page)
and on every miss (store a page), with a rendered page's size, against Django's database
cache on SQLite and on PostgreSQL and its file cache, each in a scratch location. Prints
p50/p95 per operation; run, never asserted.

    .venv/bin/python bench/cache_backends.py
    PG_URL=postgres://postgres@%2Fvar%2Frun%2Fpostgresql/cache_bench .venv/bin/python bench/cache_backends.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings

ROUNDS = 300
PAGE_BYTES = 60_000


def configure(workdir: Path) -> list[str]:
    databases = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "cache.sqlite3")}}
    database_cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "page_cache"}
    file_cache = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(workdir)}
    caches = {"database (SQLite)": database_cache, "file": file_cache}
    if os.environ.get("PG_URL"):
        import dj_database_url

        databases["pg"] = dj_database_url.parse(os.environ["PG_URL"])
        caches["database (PostgreSQL)"] = database_cache
    settings.configure(
        DATABASES=databases,
        CACHES={"default": caches["file"], **caches},
        DATABASE_ROUTERS=[PostgresCacheRouter()],
    )
    django.setup()
    return list(caches)


class PostgresCacheRouter:
    """Sends the PostgreSQL-labelled cache to the "pg" database; the rest stay on SQLite."""

    current = "default"

    def db_for_read(self, model, **hints):
        return self.current if model._meta.app_label == "django_cache" else None

    db_for_write = db_for_read


def timed(operation) -> list[float]:
    samples = []
    for index in range(ROUNDS):
        start = time.perf_counter()
        operation(index)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    p95 = statistics.quantiles(samples, n=20)[-1]
    print(f"  {label:<24} p50 {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        names = configure(Path(workdir))
        from django.core.cache import caches
        from django.core.management import call_command

        router = settings.DATABASE_ROUTERS[0]
        page = os.urandom(PAGE_BYTES // 2).hex()
        print(f"{ROUNDS} rounds, {PAGE_BYTES // 1000} kB page, load: {os.getloadavg()[0]:.2f}")
        for name in names:
            router.current = "pg" if "PostgreSQL" in name else "default"
            if "database" in name:
                call_command("createcachetable", "page_cache", database=router.current)
            cache = caches[name]
            cache.clear()
            print(name)
            report("store a page", timed(lambda index, cache=cache: cache.set(f"page:{index}", page, 600)))
            report("read a page", timed(lambda index, cache=cache: cache.get(f"page:{index}")))
            report("read the generation", timed(lambda _index, cache=cache: cache.get_or_set("gen", 1, None)))
            cache.clear()


if __name__ == "__main__":
    sys.exit(main())
