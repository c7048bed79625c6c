"""Benchmark of the embedded search engines: index build rate and query latency at 1k, 10k and 100k entries.

Builds synthetic bilingual procurement text (generated, deterministic) into a
scratch database, then times a mix of real-looking queries through the engine
the site uses (facets, highlighting and paging included, as the view asks).

    .venv/bin/python bench/search.py                 # SQLite, plus PostgreSQL if DATABASE_URL is one
    .venv/bin/python bench/search.py --sizes 1000    # a quick run
    … bench/search.py --glossary old-glossary.yaml    # another glossary file than the site's

SQLite runs in a scratch file under /tmp; PostgreSQL in a scratch database
(``<name>_search_bench``) created on the server DATABASE_URL points to and
dropped afterwards.
"""

import argparse
import contextlib
import dataclasses
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    # Run as a script, this folder comes first on sys.path and this file's name hides the search app.
    sys.path[0] = str(ROOT)
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUERY_ROUNDS = 3

COUNTRIES = [
    "AR",
    "BO",
    "BR",
    "CA",
    "CL",
    "CO",
    "CR",
    "DO",
    "EC",
    "GT",
    "HN",
    "JM",
    "MX",
    "PA",
    "PE",
    "PY",
    "SV",
    "US",
    "UY",
]
KINDS = ["page", "country", "practice", "event", "news", "topic", "document"]
VOCABULARY = {
    "es": {
        "subjects": [
            "La contratación pública",
            "El sistema de compras electrónicas",
            "La agencia de compras",
            "El convenio marco",
            "La licitación pública",
            "El registro de proveedores",
            "La subasta inversa",
            "El catálogo electrónico",
            "La red interamericana",
            "La dirección de contrataciones",
            "Las pequeñas y medianas empresas",
            "Las pymes",
            "Los compradores públicos",
            "El observatorio",
        ],
        "verbs": [
            "mejora",
            "simplifica",
            "fortalece",
            "publica",
            "evalúa",
            "reduce",
            "amplía",
            "transforma",
            "promueve",
            "coordina",
            "moderniza",
            "audita",
        ],
        "objects": [
            "la transparencia de los procesos",
            "los datos abiertos de contrataciones",
            "la integridad de los funcionarios",
            "las compras sostenibles",
            "la participación de las mujeres proveedoras",
            "los plazos de pago",
            "la interoperabilidad de los sistemas",
            "el estándar de datos OCDS",
            "la profesionalización de los compradores",
            "los riesgos de colusión",
            "las compras conjuntas entre países",
            "la innovación en el sector público",
            "los criterios ambientales",
            "la gestión de contratos",
            "las adquisiciones de salud",
        ],
        "places": [
            "en Chile",
            "en México",
            "en Colombia",
            "en el Perú",
            "en Panamá",
            "en la región",
            "en el Caribe",
            "en Centroamérica",
            "en Paraguay",
            "en el Uruguay",
            "en Costa Rica",
            "en Brasil",
        ],
        "titles": [
            "Compras públicas sostenibles",
            "Datos abiertos y transparencia",
            "Seminario interamericano",
            "Taller de integridad",
            "Reforma de la ley de compras",
            "Profesionalización de compradores",
            "Compras electrónicas para pymes",
            "Convenios marco regionales",
            "Observatorio de contrataciones",
            "Innovación en adquisiciones",
            "Subastas inversas electrónicas",
            "Gestión de riesgos",
        ],
    },
    "en": {
        "subjects": [
            "Public procurement",
            "The e-procurement system",
            "The procurement agency",
            "The framework agreement",
            "The open tender",
            "The supplier registry",
            "The reverse auction",
            "The electronic catalogue",
            "The inter-American network",
            "The contracting directorate",
            "Small and medium enterprises",
            "SMEs",
            "Public buyers",
            "The observatory",
        ],
        "verbs": [
            "improves",
            "simplifies",
            "strengthens",
            "publishes",
            "assesses",
            "reduces",
            "extends",
            "transforms",
            "promotes",
            "coordinates",
            "modernises",
            "audits",
        ],
        "objects": [
            "the transparency of tenders",
            "open contracting data",
            "the integrity of officials",
            "sustainable purchasing",
            "the participation of women-owned suppliers",
            "payment times",
            "the interoperability of systems",
            "the OCDS data standard",
            "the professionalisation of buyers",
            "collusion risks",
            "joint purchases between countries",
            "public sector innovation",
            "environmental criteria",
            "contract management",
            "health procurement",
        ],
        "places": [
            "in Chile",
            "in Mexico",
            "in Colombia",
            "in Peru",
            "in Panama",
            "across the region",
            "in the Caribbean",
            "in Central America",
            "in Paraguay",
            "in Uruguay",
            "in Costa Rica",
            "in Brazil",
        ],
        "titles": [
            "Sustainable public procurement",
            "Open data and transparency",
            "Inter-American seminar",
            "Integrity workshop",
            "Procurement law reform",
            "Professionalising buyers",
            "E-procurement for SMEs",
            "Regional framework agreements",
            "Procurement observatory",
            "Innovation in purchasing",
            "Electronic reverse auctions",
            "Risk management",
        ],
    },
}
QUERIES = {
    "es": [
        "contratacion publica",
        "compras sostenibles",
        "pymes",
        "datos abiertos chile",
        '"compras publicas"',
        "licitaciones electronicas",
        "integridad funcionarios",
        "convenio marco",
        "subasta inversa mexico",
        "ocds",
        "colusion",
        "mujeres proveedoras",
        "interoperabilidad sistemas",
        "licitacoines",
        "gestion de contratos 2019",
        "observatorio",
        "AND OR",
        "compras conjuntas entre paises",
    ],
    "en": [
        "public procurement",
        "sustainable purchasing",
        "SMEs",
        "open data chile",
        '"framework agreement"',
        "e-procurement",
        "integrity officials",
        "reverse auction mexico",
        "ocds",
        "collusion",
        "women suppliers",
        "interoperability",
        "procurment",
        "contract management 2019",
        "observatory",
        "joint purchases",
    ],
}
# What readers type into the header box: two letters, word beginnings, several words, typos.
COMPLETIONS = [
    ("es", "co"),
    ("es", "compras pu"),
    ("es", "comp pub"),
    ("es", "lic"),
    ("es", "conv mar"),
    ("es", "datos ab"),
    ("es", "subasta inv"),
    ("es", "paraguy"),
    ("es", "transparecia"),
    ("es", "mexco"),
    ("en", "ch"),
    ("en", "chil"),
    ("en", "procure"),
    ("en", "open da"),
    ("en", "seminar"),
    ("en", "reverse auc"),
    ("en", "urugay"),
    ("en", "sustainabel"),
]
FILTERS = [
    {},
    {},
    {},
    {"kind": ("news",)},
    {"country": ("CL",)},
    {"year": ("2019",)},
    {"kind": ("event",), "country": ("MX",)},
]


def generated_entries(count: int, seed: int = 7) -> Iterator:
    """``count`` page-language entries: half of the pages in both languages, like the real site."""
    from search.backends.base import IndexEntry

    rng = random.Random(seed)
    page = 0
    produced = 0
    while produced < count:
        page += 1
        kind = rng.choice(KINDS)
        countries = tuple(rng.sample(COUNTRIES, rng.randint(0, 3)))
        topics = tuple(str(topic) for topic in rng.sample(range(1, 13), rng.randint(0, 2)))
        year = rng.randint(2005, 2025)
        languages = ["es", "en"] if rng.random() < 0.5 else [rng.choice(["es", "en"])]
        # A page is about a couple of subjects and places, as real pages are, so specific words
        # are rare across the index while the network's generic vocabulary is everywhere.
        focus = rng.sample(range(15), 2), rng.sample(range(12), 2)
        for language in languages[: count - produced]:
            words = VOCABULARY[language]
            yield IndexEntry(
                source=f"page:{page}",
                language=language,
                kind=kind,
                title=f"{rng.choice(words['titles'])} {rng.choice(words['places'])} {year}",
                text=" ".join(_sentence(rng, words, focus) for _ in range(rng.randint(6, 18))),
                url=f"/{language}/bench/{page}/",
                keywords=" ".join(countries),
                year=year,
                countries=countries,
                topics=topics,
            )
            produced += 1


def _sentence(rng: random.Random, words: dict, focus: tuple[list[int], list[int]]) -> str:
    objects, places = focus
    thing = words["objects"][rng.choice(objects)] if rng.random() < 0.95 else rng.choice(words["objects"])
    place = words["places"][rng.choice(places)] if rng.random() < 0.95 else rng.choice(words["places"])
    return f"{rng.choice(words['subjects'])} {rng.choice(words['verbs'])} {thing} {place}."


def query_mix(seed: int = 11) -> list:
    from search.backends.base import SORT_DATE, SORT_RELEVANCE, SearchQuery

    rng = random.Random(seed)
    mix = []
    for language, texts in QUERIES.items():
        for text in texts:
            mix.append(
                SearchQuery(
                    text=text,
                    language=language,
                    all_languages=rng.random() < 0.25,
                    filters=rng.choice(FILTERS),
                    sort=SORT_DATE if rng.random() < 0.2 else SORT_RELEVANCE,
                    page=rng.choice([1, 1, 1, 2, 5]),
                )
            )
    return mix


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_engine(sizes: list[int], glossary: Path | None) -> None:
    """In a process whose DATABASE_URL is the scratch database: build each size and time queries."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from network.reference import load
    from search.backends import get_search_engine
    from search.datasets import GLOSSARY_DATA
    from search.models import GlossaryEntry

    with contextlib.redirect_stdout(io.StringIO()):  # wagtail-modeltranslation prints its column SQL
        call_command("migrate", interactive=False, verbosity=0)
    # The site's glossary, as every deployment loads it: queries expand with its equivalents.
    load([dataclasses.replace(GLOSSARY_DATA, path=glossary) if glossary else GLOSSARY_DATA])
    print(f"glossary: {GlossaryEntry.objects.count()} entries", flush=True)
    engine = get_search_engine()
    mix = query_mix()
    for size in sizes:
        engine.clear()
        started = time.perf_counter()
        engine.add(generated_entries(size))
        build = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # As autovacuum does in a deployment, soon after a large write: the planner then has
            # statistics, which change the plans of a common word's queries.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # The first search of each query after the build reads its terms' postings; the site then
        # serves from a warm process, which the timed rounds measure.
        first_searches = []
        for query in mix:
            started = time.perf_counter()
            engine.search(query)
            first_searches.append((time.perf_counter() - started) * 1000)
        for language, text in COMPLETIONS:
            engine.complete(text, language)
        latencies, cpu_times, completions, completion_cpu = [], [], [], []
        for _round in range(QUERY_ROUNDS):
            for query in mix:
                started, started_cpu = time.perf_counter(), time.process_time()
                engine.search(query)
                latencies.append((time.perf_counter() - started) * 1000)
                cpu_times.append((time.process_time() - started_cpu) * 1000)
            for language, text in COMPLETIONS:
                started, started_cpu = time.perf_counter(), time.process_time()
                engine.complete(text, language)
                completions.append((time.perf_counter() - started) * 1000)
                completion_cpu.append((time.process_time() - started_cpu) * 1000)
        print(
            f"{engine.name:<11} {size:>7,} entries  build {size / build:>7,.0f} entries/s ({build:6.1f} s)  "
            f"search p50 {statistics.median(latencies):6.1f} ms  p95 {percentile(latencies, 0.95):6.1f} ms  "
            f"(process CPU p50 {statistics.median(cpu_times):5.1f} p95 {percentile(cpu_times, 0.95):5.1f})  "
            f"autocomplete p50 {statistics.median(completions):5.1f} ms  "
            f"p95 {percentile(completions, 0.95):5.1f} ms  "
            f"(process CPU p95 {percentile(completion_cpu, 0.95):5.1f})  "
            f"first search after the build p50 {statistics.median(first_searches):6.1f} ms  "
            f"p95 {percentile(first_searches, 0.95):6.1f} ms  "
            f"({len(latencies)} queries, {len(completions)} completions)",
            flush=True,
        )


def scratch_databases() -> list[tuple[str, str]]:
    """(label, DATABASE_URL) of each scratch database to run in."""
    sqlite_path = Path(tempfile.gettempdir()) / "search-bench.sqlite3"
    sqlite_path.unlink(missing_ok=True)
    databases = [("sqlite", f"sqlite:///{sqlite_path}")]
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        base, _slash, name = configured.rpartition("/")
        databases.append(("postgresql", f"{base}/{name.split('?')[0] or 'postgres'}_search_bench"))
    return databases


def create_postgres(url: str, drop: bool = False) -> None:
    import psycopg

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop:
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument(
        "--glossary", type=Path, help="a glossary file to load instead of search/data/glossary.yaml"
    )
    parser.add_argument("--engine-process", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.engine_process:
        run_engine(arguments.sizes, arguments.glossary)
        return
    print(f"Search benchmark on {os.cpu_count()} CPUs; latency is the engine call the search page makes.")
    # Wall-clock latency includes waiting for a CPU when other work runs; the process's CPU time
    # does not (for SQLite it is the whole query; PostgreSQL's own work runs in the server).
    print(f"Load average at start: {os.getloadavg()[0]:.1f}")
    for label, url in scratch_databases():
        if label == "postgresql":
            create_postgres(url)
        try:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--engine-process",
                    "--sizes",
                    *map(str, arguments.sizes),
                    *(["--glossary", str(arguments.glossary.resolve())] if arguments.glossary else []),
                ],
                env={**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)},
                cwd=ROOT,
                check=True,
            )
        finally:
            if label == "postgresql":
                create_postgres(url, drop=True)


if __name__ == "__main__":
    main()
