"""The explorer of processes, a process's page, buyer and supplier pages, and the downloads.

Six processes, written so that every filter picks a different set (counted by hand below),
are imported once for the module: five of Paraguay (in guaraníes and dollars) and one of
Colombia (in pesos).

no country year method    details                     category status    tender value buyer suppliers UNSPSC
1  PY      2021 open      Licitación Pública Nacional goods    active    1000 PYG     B1    S1        42
2  PY      2022 direct    Contratación Directa        services complete  5000 USD     B2    S2        72
3  PY      2022 open      Licitación Pública Nacional works    cancelled 250000 PYG   B2    S1, S2    72
4  PY      2023 selective Concurso de Ofertas         goods    complete  30000 PYG    B1    S3        44
5  PY      2023 limited   –                           services active    –            B3    –         –
6  CO      2022 open      Licitación Pública          goods    active    1000000 COP  B9    S9        42

Process 1 received a single bid in a five-day tender period: it raises R018 and R003.
"""

import csv
import io
import json
import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from contracting.flags import process_flags
from contracting.importer import import_files
from contracting.models import Dataset, Organisation, Process
from countries.models import CountryPage
from tests.conftest import shared_content

from .conftest import package, write_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("explorer_data")]

PY = "/es/datos-de-compras/explorar/py/"
PY_EN = "/en/procurement-data/explore/py/"
ALL = "/es/datos-de-compras/explorar/"
ALL_EN = "/en/procurement-data/explore/"

BUYERS = {"B1": "Ministerio de Salud", "B2": "Ministerio de Obras", "B3": "Municipalidad de Asunción"}
SUPPLIERS = {"S1": "Farma SA", "S2": "Constructora Norte", "S3": "Papelería Central"}


def process_release(
    number: int,
    *,
    year: int,
    method: str,
    details: str,
    category: str,
    status: str,
    value: tuple[int, str] | None,
    buyer: str,
    suppliers: list[str],
    industry: str | None,
    title: str,
    prefix: str = "ocds-test00",
    days: int = 20,
    tenderers: int = 3,
) -> dict[str, Any]:
    names = {**BUYERS, **SUPPLIERS, "B9": "Alcaldía de Bogotá", "S9": "Droguería Andina"}
    tender: dict[str, Any] = {
        "id": str(number),
        "title": title,
        "description": f"Proceso número {number}",
        "procurementMethod": method,
        "mainProcurementCategory": category,
        "status": status,
        "tenderPeriod": {
            "startDate": f"{year}-03-01T10:00:00Z",
            "endDate": f"{year}-03-{1 + days:02d}T10:00:00Z",
        },
        "numberOfTenderers": tenderers,
        "items": (
            [
                {
                    "id": "1",
                    "description": f"Artículo {number}",
                    "quantity": 2,
                    "unit": {"name": "caja"},
                    "classification": {
                        "scheme": "UNSPSC",
                        "id": f"{industry}101500",
                        "description": "Artículos",
                    },
                }
            ]
            if industry
            else []
        ),
    }
    if details:
        tender["procurementMethodDetails"] = details
    if value:
        tender["value"] = {"amount": value[0], "currency": value[1]}
    awards = [
        {
            "id": f"{number}-award-{supplier}",
            "status": "active",
            "date": f"{year}-04-01T10:00:00Z",
            "value": {"amount": value[0] * 0.9, "currency": value[1]} if value else {},
            "suppliers": [{"id": supplier, "name": names[supplier]}],
        }
        for supplier in suppliers
    ]
    tender_release = {
        "ocid": f"{prefix}-{number}",
        "id": f"{number}-tender",
        "date": f"{year}-03-01T10:00:00Z",
        "tag": ["tender"],
        "buyer": {"id": buyer, "name": names[buyer]},
        "tender": tender,
    }
    if not awards:
        return [tender_release]
    award_release = {
        "ocid": f"{prefix}-{number}",
        "id": f"{number}-award",
        "date": f"{year}-04-02T10:00:00Z",
        "tag": ["award"],
        "awards": awards,
    }
    return [tender_release, award_release]


PARAGUAY = [
    *process_release(
        1,
        year=2021,
        method="open",
        details="Licitación Pública Nacional",
        category="goods",
        status="active",
        value=(1000, "PYG"),
        buyer="B1",
        suppliers=["S1"],
        industry="42",
        title="Compra de medicamentos",
        days=5,
        tenderers=1,
    ),
    *process_release(
        2,
        year=2022,
        method="direct",
        details="Contratación Directa",
        category="services",
        status="complete",
        value=(5000, "USD"),
        buyer="B2",
        suppliers=["S2"],
        industry="72",
        title="Servicio de limpieza",
    ),
    *process_release(
        3,
        year=2022,
        method="open",
        details="Licitación Pública Nacional",
        category="works",
        status="cancelled",
        value=(250000, "PYG"),
        buyer="B2",
        suppliers=["S1", "S2"],
        industry="72",
        title="Construcción de puente",
    ),
    *process_release(
        4,
        year=2023,
        method="selective",
        details="Concurso de Ofertas",
        category="goods",
        status="complete",
        value=(30000, "PYG"),
        buyer="B1",
        suppliers=["S3"],
        industry="44",
        title="Papel de oficina",
    ),
    *process_release(
        5,
        year=2023,
        method="limited",
        details="",
        category="services",
        status="active",
        value=None,
        buyer="B3",
        suppliers=[],
        industry=None,
        title="Consultoría jurídica",
    ),
]
COLOMBIA = process_release(
    6,
    year=2022,
    method="open",
    details="Licitación Pública",
    category="goods",
    status="active",
    value=(1000000, "COP"),
    buyer="B9",
    suppliers=["S9"],
    industry="42",
    title="Compra de medicamentos genéricos",
    prefix="ocds-test01",
)


def new_dataset(country: str, name: str) -> Dataset:
    return Dataset.objects.create(
        country=CountryPage.objects.get(iso_alpha2=country), name=name, publisher=f"Publicador {country}"
    )


@pytest.fixture(scope="module")
def explorer_data(reference_site, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("explorer")

    def build() -> None:
        import_files(new_dataset("PY", "Paraguay"), [write_json(folder / "py.json", package(PARAGUAY))])
        import_files(new_dataset("CO", "Colombia"), [write_json(folder / "co.json", package(COLOMBIA))])

    yield from shared_content(django_db_blocker, build)


def numbers(client, url: str) -> list[int]:
    """The processes a page lists, by number, in the order listed."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return numbers_in(response.content.decode())


def numbers_in(html: str) -> list[int]:
    return [int(number) for number in re.findall(r'<span class="meta">ocds-test0\d-(\d+)</span>', html)]


def ids(client, url: str) -> set[int]:
    return set(numbers(client, url))


def organisation(identifier: str) -> Organisation:
    return Organisation.objects.get(identifier=identifier)


def process(number: int) -> Process:
    return Process.objects.get(ocid__endswith=f"-{number}")


# --- Filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {1, 2, 3, 4, 5}),
        ("year=2022", {2, 3}),
        ("method=open", {1, 3}),
        ("details=Concurso+de+Ofertas", {4}),
        ("category=services", {2, 5}),
        ("industry=UNSPSC:72", {2, 3}),
        ("status=cancelled", {3}),
        ("currency=PYG", {1, 3, 4}),
        ("currency=pyg&min=1000&max=30000", {1, 4}),
        ("currency=PYG&min=30001", {3}),
        ("q=medicamentos", {1}),
        ("q=MINISTERIO+de+obras", {2, 3}),
        ("q=Papelería", {4}),
        ("q=nada+parecido", set()),
        ("method=open&year=2022", {3}),
        ("category=goods&currency=PYG&max=5000", {1}),
        ("industry=UNSPSC:72&method=direct", {2}),
    ],
)
def test_each_filter_and_combinations_narrow_the_processes(client, query, expected):
    assert ids(client, f"{PY}?{query}") == expected


def test_buyer_and_supplier_filters(client):
    b1, s1, s2 = organisation("B1"), organisation("S1"), organisation("S2")
    assert ids(client, f"{PY}?buyer={b1.pk}") == {1, 4}
    assert ids(client, f"{PY}?supplier={s1.pk}") == {1, 3}
    assert ids(client, f"{PY}?supplier={s2.pk}&buyer={organisation('B2').pk}&year=2022") == {2, 3}
    assert ids(client, f"{PY}?supplier={s2.pk}&method=open") == {3}


def test_the_all_countries_explorer_holds_every_country_and_each_country_its_own(client):
    assert ids(client, ALL) == {1, 2, 3, 4, 5, 6}
    assert ids(client, ALL_EN + "?q=medicamentos") == {1, 6}
    assert ids(client, "/es/datos-de-compras/explorar/co/") == {6}
    assert ids(client, "/es/datos-de-compras/explorar/CO/?currency=PYG") == set()


def test_a_country_without_data_or_an_unknown_code_is_not_found(client):
    assert client.get("/es/datos-de-compras/explorar/cl/").status_code == 404
    assert client.get("/es/datos-de-compras/explorar/zzz/").status_code == 404


# --- Sort, pages, facets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", [5, 4, 3, 2, 1]),
        ("-date", [5, 4, 3, 2, 1]),
        ("date", [1, 2, 3, 4, 5]),
        ("-amount", [3, 4, 1]),
        ("amount", [1, 4, 3]),
    ],
)
def test_sorting_by_date_or_by_amount_within_a_currency(client, sort, expected):
    currency = "&currency=PYG" if "amount" in sort else ""
    listed = numbers(client, f"{PY}?sort={sort}{currency}")
    if sort in ("", "-date", "date"):
        # 2 and 3 share a date; the newer id comes first when newest first.
        assert listed in (expected, [*expected[:2], expected[3], expected[2], *expected[4:]])
    else:
        assert listed == expected


def test_amounts_are_sorted_within_each_currency_never_across(client):
    listed = numbers(client, f"{PY}?sort=-amount")
    assert listed == [2, 3, 4, 1, 5]  # dollars, then guaraníes (largest first), then without a value


def test_pages_of_results(client, monkeypatch):
    monkeypatch.setattr("contracting.browsing.PAGE_SIZE", 2)
    first, second, third = (numbers(client, f"{PY}?sort=date&page={page}") for page in (1, 2, 3))
    html = client.get(f"{PY}?sort=date&method=open&page=1").content.decode()
    assert first == [1, 2]
    assert second == [3, 4]
    assert third == [5]
    assert numbers(client, f"{PY}?sort=date&page=99") == [5]
    assert 'rel="next"' not in html


def facet(html: str, name: str) -> dict[str, int]:
    """The options of a facet's select: value → count."""
    select = re.search(rf'<select id="filter-{name}" name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>', select)
    return {value: int(count) for value, count in options}


def test_facet_counts_apply_the_other_filters_but_not_their_own(client):
    html = client.get(f"{PY}?method=open&year=2022").content.decode()

    assert facet(html, "year") == {"2022": 1, "2021": 1}
    assert facet(html, "method") == {"open": 1, "direct": 1}
    assert facet(html, "category") == {"works": 1}
    assert facet(html, "industry") == {"UNSPSC:72": 1}
    assert facet(html, "status") == {"cancelled": 1}
    assert facet(html, "currency") == {"PYG": 1}
    assert facet(html, "details") == {"Licitación Pública Nacional": 1}
    assert facet(html, "buyer") == {str(organisation("B2").pk): 1}
    assert facet(html, "supplier") == {str(organisation("S1").pk): 1, str(organisation("S2").pk): 1}
    assert ">Ministerio de Obras (1)<" in html


def test_facet_counts_without_filters(client):
    html = client.get(PY).content.decode()
    assert facet(html, "year") == {"2023": 2, "2022": 2, "2021": 1}
    assert facet(html, "industry") == {"UNSPSC:42": 1, "UNSPSC:44": 1, "UNSPSC:72": 2}
    assert facet(html, "currency") == {"PYG": 3, "USD": 1}
    assert facet(html, "supplier")[str(organisation("S1").pk)] == 2


@pytest.mark.parametrize(
    ("query", "total", "years", "currencies"),
    [
        ("currency=PYG&min=1000&max=30000", 2, {"2021": 1, "2023": 1}, {"PYG": 2, "USD": 1}),
        ("currency=PYG&min=1000&max=30000&year=2021", 1, {"2021": 1, "2023": 1}, {"PYG": 1}),
        ("currency=USD&max=5000", 1, {"2022": 1}, {"PYG": 1, "USD": 1}),
    ],
)
def test_facet_counts_of_a_tender_value_range(client, query, total, years, currencies):
    """The range is the same in every currency the currency facet offers: 1,000 to 30,000
    holds processes 1 and 4 in guaraníes and process 2 in dollars."""
    html = client.get(f"{PY}?{query}").content.decode()
    assert len(ids(client, f"{PY}?{query}")) == total
    assert facet(html, "year") == years
    assert facet(html, "currency") == currencies


def test_a_selected_option_without_processes_stays_offered(client):
    html = client.get(f"{PY}?year=2021&category=works").content.decode()
    assert facet(html, "category")["works"] == 0
    assert 'value="works" selected' in html


# --- Small and large selections ----------------------------------------------------------------


def listed(html: str, name: str, identifiers: dict[str, str]) -> list[tuple[str, int]]:
    """A buyer or supplier facet's options in the order shown, by identifier: (identifier, count)."""
    return [(identifiers[value], count) for value, count in facet(html, name).items()]


@pytest.mark.parametrize(("shown", "suppliers"), [(1, "S2:2"), (2, "S2:2 S1:2"), (3, "S2:2 S1:2 S3:1")])
def test_a_facet_shows_the_most_frequent_and_breaks_ties_by_name(client, monkeypatch, shown, suppliers):
    """Ties with the last one shown go by name (Constructora Norte, S2, before Farma, S1)."""
    monkeypatch.setattr("contracting.browsing.ORGANISATION_OPTIONS", shown)
    codes = {identifier: str(organisation(identifier).pk) for identifier in SUPPLIERS}
    html = client.get(f"{PY}?q=ministerio").content.decode()
    names = {pk: identifier for identifier, pk in codes.items()}
    assert " ".join(f"{names[pk]}:{count}" for pk, count in facet(html, "supplier").items()) == suppliers


@pytest.mark.parametrize(
    ("query", "expected", "buyers", "suppliers", "industries"),
    [
        ("industry=UNSPSC:72&year=2022", [3, 2], "B2:2", "S2:2 S1:1", {"UNSPSC:72": 2}),
        ("industry=UNSPSC:72&status=complete", [2], "B2:1", "S2:1", {"UNSPSC:72": 1}),
        ("industry=UNSPSC:72&year=2022&sort=-amount", [2, 3], "B2:2", "S2:2 S1:1", {"UNSPSC:72": 2}),
        ("supplier=S1", [3, 1], "B2:1 B1:1", "S1:2", {"UNSPSC:42": 1, "UNSPSC:72": 1}),
        ("industry=UNSPSC:72&supplier=S1", [3], "B2:1", "S1:1", {"UNSPSC:72": 1}),
        (
            "q=ministerio",
            [4, 3, 2, 1],
            "B2:2 B1:2",
            "S2:2 S1:2 S3:1",
            {"UNSPSC:42": 1, "UNSPSC:44": 1, "UNSPSC:72": 2},
        ),
        ("method=open", [3, 1], "B2:1 B1:1", "S1:2 S2:1", {"UNSPSC:42": 1, "UNSPSC:72": 1}),
        (
            "currency=PYG",
            [4, 3, 1],
            "B1:2 B2:1",
            "S1:2 S2:1 S3:1",
            {"UNSPSC:42": 1, "UNSPSC:44": 1, "UNSPSC:72": 1},
        ),
    ],
)
def test_a_small_selection_lists_every_process_in_its_buyers_suppliers_and_industries(
    client, monkeypatch, query, expected, buyers, suppliers, industries
):
    """Its ids are read once for the lists and the page: the lists count all of them, not the
    page's, most processes first and then by name (Ministerio de Obras, B2, before Ministerio
    de Salud; Constructora Norte, S2, before Farma, S1, before Papelería Central, S3), and
    each page, of one process or of all, holds the next ones in order."""
    codes = {identifier: str(organisation(identifier).pk) for identifier in [*BUYERS, *SUPPLIERS]}
    names = {pk: identifier for identifier, pk in codes.items()}
    query = re.sub(r"supplier=(S\d)", lambda match: f"supplier={codes[match.group(1)]}", query)
    whole = numbers(client, f"{PY}?{query}")
    monkeypatch.setattr("contracting.browsing.PAGE_SIZE", 1)
    html = client.get(f"{PY}?{query}").content.decode()
    pages = [numbers(client, f"{PY}?{query}&page={page}") for page in range(1, len(expected) + 1)]

    assert whole == expected
    assert [number for page in pages for number in page] == expected
    assert " ".join(f"{code}:{count}" for code, count in listed(html, "buyer", names)) == buyers
    assert " ".join(f"{code}:{count}" for code, count in listed(html, "supplier", names)) == suppliers
    assert facet(html, "industry") == industries


SORTED_QUERIES = [
    "industry=UNSPSC:72",
    "industry=UNSPSC:72&sort=date",
    "industry=UNSPSC:72&year=2022&sort=date",
    "industry=UNSPSC:42&currency=PYG&sort=-amount",
    "industry=UNSPSC:44&year=2021",  # no process
    "year=2022",
    "year=2021&sort=date",
    "year=2023&sort=amount&currency=PYG",
    "method=open&sort=date",
    "q=ministerio",
    "q=ministerio&year=2022&sort=date",
    "q=compra+medicamentos&industry=UNSPSC:42",
    # Words that name a supplier only, and words that name no organisation.
    "q=farma",
    "q=medicamentos&sort=date",
]


@pytest.mark.parametrize("query", SORTED_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_a_large_selection_is_paged_in_order_as_a_small_one_is_from_its_ids(client, monkeypatch, query, base):
    """Too large to read its ids (as every selection is with a limit of 0), a selection's page is
    read in the sort's order; in date order, its industry tested on each process and the
    reading bounded by its years, as a range of dates. It holds what the same selection, read
    from its ids, holds, page after page."""
    monkeypatch.setattr("contracting.browsing.PAGE_SIZE", 1)
    small = [numbers(client, f"{base}?{query}&page={page}") for page in range(1, 7)]
    monkeypatch.setattr("contracting.browsing.LARGE_SELECTION", 0)
    with CaptureQueriesContext(connection) as captured:
        large = [numbers(client, f"{base}?{query}&page={page}") for page in range(1, 7)]

    assert large == small
    if any(small):
        read = " ".join(query["sql"] for query in captured)
        # An industry without words is read from its rows' copies, in their index's order,
        # a year as its range of dates.
        copied = "industry" in query and "q=" not in query
        assert ('"date" BETWEEN' in read) == (("year=" in query) if copied else ("amount" not in query))


@pytest.mark.parametrize("query", SORTED_QUERIES)
@pytest.mark.parametrize("scope", ["Paraguay", None])
def test_an_industry_or_words_tested_on_each_process_give_the_processes_collected(query, scope):
    """Read in date order with the industry and words tested on each process, or collected
    first, or in any order, a selection holds the same processes in the same order."""
    from django.http import QueryDict

    from contracting import browsing

    datasets = list(Dataset.objects.filter(name=scope) if scope else Dataset.objects.all())
    processes = browsing.processes_in(datasets)
    selection = browsing.parse_selection(QueryDict(query)).selection
    years = browsing.counts_for(processes, datasets, selection).per_value("year")
    expected = list(browsing.ordered(browsing.apply(processes, selection), selection))
    each = browsing.in_order(processes, selection, years, each=True)
    collected = browsing.in_order(processes, selection, years, each=False)

    assert list(each) == list(collected) == expected
    in_date_order = selection.sort in browsing.DATE_SORTS
    industry_tested = re.compile(r'EXISTS\s*\(SELECT [^()]* FROM "contracting_classification"')
    assert bool(industry_tested.search(str(each.query))) == bool(selection.industry and in_date_order)
    assert "EXISTS" not in str(collected.query)


def test_a_year_holds_the_processes_of_its_first_and_last_days(client, monkeypatch, tmp_path):
    """The year of a process is the year of its date: a year's page, read as a range of dates,
    holds its 1 January and its 31 December and nothing of the days around them."""
    edges = []
    for number, start in (
        (200, "2021-12-31T23:59:00Z"),
        (201, "2022-01-01T00:00:00Z"),
        (202, "2020-12-31T12:00:00Z"),
    ):
        release = process_release(
            number,
            year=2022,
            method="open",
            details="",
            category="goods",
            status="active",
            value=None,
            buyer="B3",
            suppliers=[],
            industry="72",
            title="Borde de año",
        )[0]
        release["tender"]["tenderPeriod"] = {"startDate": start}
        edges.append(release)
    import_files(Dataset.objects.get(name="Paraguay"), [write_json(tmp_path / "edges.json", package(edges))])

    for limit in (5_000, 0):
        monkeypatch.setattr("contracting.browsing.LARGE_SELECTION", limit)
        assert numbers(client, f"{PY}?year=2021&sort=date") == [1, 200]
        assert numbers(client, f"{PY}?year=2022") == [3, 2, 201]
        assert numbers(client, f"{PY}?year=2020") == [202]
        assert numbers(client, f"{PY}?year=2021&industry=UNSPSC:72") == [200]
        assert numbers(client, f"{PY}?year=2022&industry=UNSPSC:72&sort=date")[0] == 201


# --- Frequent words (PostgreSQL) ---------------------------------------------------------------

WORD_QUERIES = [
    "q=de",
    "q=de&sort=amount&currency=PYG",
    "q=de&year=2022&method=open",
    "q=medicamentos",
    "q=ministerio",  # buyers' names
    "q=farma",  # a supplier's name
    "q=Compra&sort=-amount",
]


def page_of(client, url: str) -> tuple[list[int], dict[str, dict[str, int]], str]:
    """What a reader sees of a selection: its processes in order, the facets' counts, the total."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    html = response.content.decode()
    names = ("year", "method", "details", "category", "industry", "status", "currency")
    counted = {name: facet(html, name) for name in names}
    return numbers_in(html), counted, re.search(r'<p class="meta" role="status">([^<]*)', html).group(1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word cells exist on PostgreSQL only")
@pytest.mark.parametrize("frequent", [1, 3])
@pytest.mark.parametrize("query", WORD_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_a_frequent_word_is_counted_from_its_cells_as_from_its_processes(
    client, monkeypatch, frequent, query, base
):
    """With word cells for every word (threshold 1), or for the words of at least two of
    Paraguay's five processes (threshold 3: words at least half as frequent are kept, and
    Colombia's one process is counted from itself), each selection lists and counts what the
    processes themselves give, whether the word cells answer it or not."""
    from contracting import cells

    expected = page_of(client, f"{base}?{query}")
    monkeypatch.setattr(cells, "FREQUENT_WORD", frequent)
    for dataset in Dataset.objects.all():
        cells.refresh(dataset)
    word = re.search(r"q=(\w+)", query).group(1)
    # Every dataset of at least ``frequent`` processes must hold the word: at threshold 1,
    # Colombia too (it has no ministry and no Farma), and a large dataset where the word is
    # rare is counted from its processes.
    if frequent == 3:
        celled = word in {"de", "ministerio", "farma"}
    else:
        celled = base == PY or word.lower() in {"de", "medicamentos", "compra"}
    scope = Dataset.objects.filter(name="Paraguay") if base == PY else Dataset.objects.all()
    assert (cells.frequent_word(word, list(scope)) is not None) == celled

    with CaptureQueriesContext(connection) as captured:
        found = page_of(client, f"{base}?{query}")

    assert found == expected
    assert any(f"processes FROM {cells.WORD_TABLE} WHERE" in query["sql"] for query in captured) == celled


AMOUNT_QUERIES = [
    "currency=PYG&min=1000&max=5000",  # an amount on each bound: 1,000 guaraníes, 5,000 dollars
    "currency=PYG&min=0&max=1000",
    "currency=USD&max=5000",
    "currency=PYG&min=20000",
    "currency=PYG&min=200000&max=500000&year=2022",
    "currency=PYG&min=1000&max=50000&method=open&sort=-amount",
    "currency=COP&min=1000000&category=goods",
    "currency=PYG&min=1000&max=30000",  # 30,000 is no band limit: counted from the processes
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="amount cells exist on PostgreSQL only")
@pytest.mark.parametrize("query", AMOUNT_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_an_amount_range_on_band_limits_is_counted_from_its_cells_as_from_its_processes(
    client, monkeypatch, query, base
):
    """Its bands' cells, the amounts equal to a bound included, count what the processes give."""
    from contracting import cells

    with CaptureQueriesContext(connection) as captured:
        found = page_of(client, f"{base}?{query}")
    monkeypatch.setattr(cells, "AMOUNT_LIMITS", frozenset())
    with CaptureQueriesContext(connection) as counted:
        expected = page_of(client, f"{base}?{query}")

    assert found == expected
    assert any(cells.AMOUNT_TABLE in entry["sql"] for entry in captured) == ("30000" not in query)
    assert not any(cells.AMOUNT_TABLE in entry["sql"] for entry in counted)


WORD_AMOUNT_QUERIES = [
    "q=de&currency=PYG&min=1000&max=50000",
    "q=de&currency=USD&max=5000&sort=-amount",
    "q=de&currency=PYG&min=0",
    "q=medicamentos&currency=PYG&min=1000&max=1000",
    "q=de&currency=PYG&min=1000&max=500000&year=2022",  # a year too: counted from the processes
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word cells exist on PostgreSQL only")
@pytest.mark.parametrize("query", WORD_AMOUNT_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_a_frequent_word_with_an_amount_range_is_counted_from_its_cells_as_from_its_processes(
    client, monkeypatch, query, base
):
    """With word cells for every word, a frequent word with an amount range on band limits
    (and no other filter) is summed from the word cells of its bands, and counts what the
    processes give."""
    from contracting import cells

    monkeypatch.setattr(cells, "FREQUENT_WORD", 1)
    for dataset in Dataset.objects.all():
        cells.refresh(dataset)
    with CaptureQueriesContext(connection) as captured:
        found = page_of(client, f"{base}?{query}")
    monkeypatch.setattr(cells, "AMOUNT_LIMITS", frozenset())
    with CaptureQueriesContext(connection) as counted:
        expected = page_of(client, f"{base}?{query}")

    assert found == expected
    assert any(cells.WORD_AMOUNT_TABLE in entry["sql"] for entry in captured) == ("year" not in query)
    assert not any(cells.WORD_AMOUNT_TABLE in entry["sql"] for entry in counted)


WORD_SET_QUERIES = [
    "q=de&industry=UNSPSC:72",
    "q=de&industry=UNSPSC:72&year=2022&sort=date",
    "q=medicamentos&industry=UNSPSC:42&sort=-amount&currency=PYG",
    "q=de&buyer=B2",
    "q=de&buyer=B1&year=2021",
    "q=de&currency=PYG&min=500&max=2000",
    "q=de&currency=PYG&min=1000&max=500000&year=2022",
    "q=de&supplier=S1",
    "q=de&industry=UNSPSC:72&supplier=S2",  # a supplier: the industry's processes are read
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word sets exist on PostgreSQL only")
@pytest.mark.parametrize("query", WORD_SET_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_a_frequent_word_tested_from_its_word_set_gives_what_its_processes_give(
    client, monkeypatch, query, base
):
    """With word cells for every word, a frequent word with filters the cells do not hold is
    tested on each process from its word set, in the explorer of a country and in that of
    all (every dataset holds these words), and lists, pages and counts what the processes'
    words and names give, as a small selection and a page at a time of a large one."""
    from contracting import browsing, cells

    query = re.sub(
        r"(buyer|supplier)=([BS]\d)",
        lambda match: f"{match.group(1)}={organisation(match.group(2)).pk}",
        query,
    )
    monkeypatch.setattr(cells, "FREQUENT_WORD", 1)
    for dataset in Dataset.objects.all():
        cells.refresh(dataset)
    monkeypatch.setattr(browsing, "PAGE_SIZE", 1)
    for limit in (5_000, 0):
        monkeypatch.setattr(browsing, "LARGE_SELECTION", limit)
        with CaptureQueriesContext(connection) as captured:
            found = page_of(client, f"{base}?{query}"), numbers(client, f"{base}?{query}&page=2")
        with monkeypatch.context() as without:
            without.setattr(cells, "word_sets_answer", lambda selection: False)
            with CaptureQueriesContext(connection) as counted:
                expected = page_of(client, f"{base}?{query}"), numbers(client, f"{base}?{query}&page=2")

        assert found == expected
        assert any(cells.WORD_SET_TABLE in entry["sql"] for entry in captured)
        assert not any(cells.WORD_SET_TABLE in entry["sql"] for entry in counted)


REQUIRED_QUERIES = [
    "q=compra+de&industry=UNSPSC:42",
    "q=ministerio+salud&industry=UNSPSC:42",  # a buyer's name
    "q=de+farma&industry=UNSPSC:42",  # in the title and a supplier's name: no match
    "q=de+ministerio&industry=UNSPSC:72&year=2022",
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word sets exist on PostgreSQL only")
@pytest.mark.parametrize("query", REQUIRED_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_several_words_narrow_an_industry_by_their_word_sets_and_match_as_without(
    client, monkeypatch, query, base
):
    """The word sets of several words leave an industry's rows that can match; the text then
    decides, so that words found in different places (a title and a supplier's name) do not
    match, as without the sets."""
    from django.http import QueryDict

    from contracting import browsing, cells

    monkeypatch.setattr(cells, "FREQUENT_WORD", 1)
    for dataset in Dataset.objects.all():
        cells.refresh(dataset)
    scope = list(Dataset.objects.filter(name="Paraguay") if base == PY else Dataset.objects.all())
    selection = browsing.with_word_cells(browsing.parse_selection(QueryDict(query)).selection, scope)
    found = page_of(client, f"{base}?{query}")
    monkeypatch.setattr(cells, "required_words", lambda text, datasets: ())
    expected = page_of(client, f"{base}?{query}")

    assert found == expected
    words = tuple(re.search(r"q=([\w+]+)", query).group(1).lower().split("+"))
    assert selection.required == (words if base == PY else selection.required)
    assert (cells.WORD_SET_TABLE in str(browsing.industry_rows(selection).query)) == bool(selection.required)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word sets exist on PostgreSQL only")
def test_one_word_or_words_that_need_not_all_be_found_require_nothing_of_the_word_sets(monkeypatch):
    from contracting import cells

    monkeypatch.setattr(cells, "FREQUENT_WORD", 1)
    datasets = list(Dataset.objects.all())
    for dataset in datasets:
        cells.refresh(dataset)
    assert cells.required_words("compra de", datasets[:1]) == ("compra", "de")
    for text in ("compra", "compra or de", '"compra de"', "compra -de", "compra zzzz", ""):
        assert cells.required_words(text, datasets[:1]) == (), text


INDUSTRY_QUERIES = [
    "industry=UNSPSC:72",
    "industry=UNSPSC:72&year=2022",
    "industry=UNSPSC:72&method=open&status=cancelled",
    "industry=UNSPSC:42&currency=PYG&sort=-amount",
    "industry=UNSPSC:42&details=Licitación+Pública+Nacional",
    "industry=UNSPSC:44&year=2021",  # no process
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="industry cells exist on PostgreSQL only")
@pytest.mark.parametrize("query", INDUSTRY_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_an_industry_is_counted_from_its_cells_as_from_its_processes(client, monkeypatch, query, base):
    from contracting import cells

    with CaptureQueriesContext(connection) as captured:
        found = page_of(client, f"{base}?{query}")
    monkeypatch.setattr(cells, "OTHER_FILTERS", (*cells.OTHER_FILTERS, "industry"))
    with CaptureQueriesContext(connection) as counted:
        expected = page_of(client, f"{base}?{query}")

    assert found == expected
    assert any(cells.PROCESS_INDUSTRY_TABLE in query["sql"] for query in captured)
    assert not any(cells.PROCESS_INDUSTRY_TABLE in query["sql"] for query in counted)


COPIED_QUERIES = [
    "industry=UNSPSC:72&year=2022&method=open",
    "industry=UNSPSC:72&buyer=B2&sort=date",
    "industry=UNSPSC:72&status=complete&details=Contratación+Directa",
    "industry=UNSPSC:42&currency=PYG&min=500&max=2000",
    "industry=UNSPSC:42&category=goods&sort=amount&currency=COP",
    "industry=UNSPSC:44&year=2021",  # no process
]


def test_an_industry_keeps_a_copy_of_its_processes_values():
    from contracting.models import Classification

    from .test_import import copies_of

    rows = Classification.objects.select_related("process")

    assert rows.count() == 5
    assert all(copies_of(row.process, row) for row in rows)


@pytest.mark.parametrize("query", COPIED_QUERIES)
@pytest.mark.parametrize("base", [PY, ALL])
def test_an_industry_read_from_its_rows_copies_gives_what_its_processes_give(
    client, monkeypatch, query, base
):
    """Its processes' ids, buyers and order read from the copies its rows keep (of a small
    selection, and a page at a time of a large one, as every selection is with a limit of
    0), and its counts where the cells do not hold them (a buyer, amounts) counted from
    them, are those the processes themselves give."""
    from contracting import browsing

    query = re.sub(r"buyer=(B\d)", lambda match: f"buyer={organisation(match.group(1)).pk}", query)
    monkeypatch.setattr(browsing, "PAGE_SIZE", 1)
    copied = browsing.NOT_COPIED
    for limit in (5_000, 0):
        monkeypatch.setattr(browsing, "LARGE_SELECTION", limit)
        read = []
        for not_copied in (copied, (*copied, "industry")):
            monkeypatch.setattr(browsing, "NOT_COPIED", not_copied)
            with CaptureQueriesContext(connection) as captured:
                seen = page_of(client, f"{base}?{query}")
                pages = numbers(client, f"{base}?{query}&page=2")
            from_rows = any(
                entry["sql"].startswith('SELECT "contracting_classification"."process_id"')
                for entry in captured
            )
            read.append((seen, pages, from_rows))

        (found, found_pages, from_copies), (expected, expected_pages, from_processes) = read
        assert (found, found_pages) == (expected, expected_pages)
        assert from_copies
        assert not from_processes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="industry cells exist on PostgreSQL only")
def test_an_industry_and_a_frequent_word_are_counted_from_the_processes(client, monkeypatch):
    """The word cells do not know industries: the pair is counted from the processes."""
    from contracting import cells

    monkeypatch.setattr(cells, "FREQUENT_WORD", 1)
    for dataset in Dataset.objects.all():
        cells.refresh(dataset)
    found = page_of(client, f"{PY}?q=de&industry=UNSPSC:72")

    assert found[0] in ([3, 2], [2, 3])
    assert found[1]["year"] == {"2022": 2}
    assert found[1]["industry"] == {"UNSPSC:72": 2}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a setting of PostgreSQL's")
def test_postgresql_runs_the_explorers_queries_without_compiling_them():
    """JIT compilation cost the slowest combination at a million processes a sixth of its time."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def stored_words(number: int) -> str | None:
    """The words column of a process (migration 0008), or None where the column does not exist."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'contracting_process' AND column_name = 'words'"
        )
        if cursor.fetchone() is None:
            return None
        cursor.execute("SELECT words::text FROM contracting_process WHERE id = %s", [process(number).pk])
        return cursor.fetchone()[0]


def words_index() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'process_words'")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the words column exists on PostgreSQL only")
def test_a_process_is_found_by_its_stored_words_which_follow_its_text_both_ways_of_the_migration(client):
    """The column is computed by the database from the title and description, whoever writes
    them; migration 0008 adds it and its index to the processes already there, and going back
    restores the index of the words computed from the text."""
    from django.db.migrations.executor import MigrationExecutor

    Process.objects.filter(pk=process(5).pk).update(title="Adquisición de quokkas")
    assert "'quokkas'" in stored_words(5)
    assert numbers(client, f"{PY}?q=quokkas") == [5]
    assert words_index().endswith("USING gin (words)")

    # The rows the module's data wrote are checked now, not at the end of its transaction:
    # PostgreSQL alters no table with checks pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([("contracting", "0007_industry_copies")])
    assert stored_words(5) is None
    assert "to_tsvector" in words_index()

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("contracting"))
    assert "'quokkas'" in stored_words(5)
    assert words_index().endswith("USING gin (words)")
    assert numbers(client, f"{PY}?q=quokkas") == [5]
    assert numbers(client, f"{PY}?q=consultoría") == []


def year_amount_index() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'process_by_year_amount'")
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index exists on PostgreSQL only")
def test_a_year_with_an_amount_range_has_its_index_both_ways_of_its_migration(client):
    """Migration 0011 indexes each year's amounts within a currency, with the ids, buyers and
    facet values beside them; going back drops the index, and the selection is the same."""
    from django.db.migrations.executor import MigrationExecutor

    url = f"{PY}?currency=PYG&min=1&year=2022&method=open"
    assert numbers(client, url) == [3]
    assert "(dataset_id, year, tender_currency, tender_amount) INCLUDE (id," in year_amount_index()

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([("contracting", "0010_word_sets")])
    assert year_amount_index() is None
    assert numbers(client, url) == [3]

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("contracting"))
    assert year_amount_index() is not None
    assert numbers(client, url) == [3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="word cells exist on PostgreSQL only")
def test_only_one_frequent_word_is_answered_from_the_word_cells(monkeypatch):
    from contracting import cells

    monkeypatch.setattr(cells, "FREQUENT_WORD", 1)
    datasets = list(Dataset.objects.all())
    for dataset in datasets:
        cells.refresh(dataset)

    assert cells.frequent_word("Medicamentos", datasets).word == "medicamentos"
    for text in ("compra de", "-medicamentos", "medicamentos OR papel", "zzz", ""):
        assert cells.frequent_word(text, datasets) is None, text


# --- Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999999999999999999",
        "method=bogus",
        "category=%00",
        "industry=nothing",
        "status=x",
        "currency=dollars",
        "currency=USD&min=-5&max=1e999",
        "min=100",
        "buyer=99999999999999999999999",
        "supplier=-1",
        "sort=title",
        "page=-3",
        "page=abc",
        "q=" + "x" * 300,
        "details=%01",
        # PostgreSQL refuses a NUL byte in a query.
        "industry=%00:1",
    ],
)
def test_bad_filter_values_are_left_out_and_named(client, query):
    response = client.get(f"{PY}?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    if not query.startswith("page="):
        assert 'id="ignored-filters"' in html
    assert ids(client, f"{PY}?{query}") <= {1, 2, 3, 4, 5}


def test_an_unknown_download_format_is_a_clear_400(client):
    response = client.get(f"{PY}?format=xml")
    assert response.status_code == 400
    assert "csv" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/es/datos-de-compras/explorar/py/proceso/abc/",
        "/es/datos-de-compras/explorar/py/proceso/99999999999999999999/",
        "/es/datos-de-compras/explorar/py/organizacion/0/",
    ],
)
def test_bad_addresses_of_processes_and_organisations_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_a_process_is_only_found_below_its_own_country(client):
    colombian = process(6)
    assert client.get(f"{PY}proceso/{colombian.pk}/").status_code == 404


# --- Downloads ---------------------------------------------------------------------------------


def test_the_csv_download_holds_the_filtered_processes(client):
    response = client.get(f"{PY}?currency=PYG&sort=-amount&format=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    json_keys = [
        field["key"]
        for field in json.loads(b"".join(client.get(f"{PY}?format=json").streaming_content))["fields"]
    ]
    rows = [dict(zip(json_keys, row, strict=True)) for row in rows]

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "ricg-processes-py-es.csv" in response["Content-Disposition"]
    assert len(header) == len(json_keys)
    assert [row["ocid"] for row in rows] == ["ocds-test00-3", "ocds-test00-4", "ocds-test00-1"]
    assert rows[0]["buyer"] == "Ministerio de Obras"
    assert rows[0]["tender_amount"] == "250000.00"
    assert rows[0]["awarded"] == "450000.00 PYG"
    assert rows[0]["page"].endswith(f"/es/datos-de-compras/explorar/py/proceso/{process(3).pk}/")


def test_the_json_download_holds_the_filtered_processes_with_typed_values(client):
    response = client.get(f"{PY_EN}?method=open&sort=date&format=json")
    document = json.loads(b"".join(response.streaming_content))

    assert response["Content-Type"].startswith("application/json")
    assert document["filters"] == {"method": "open", "sort": "date"}
    assert document["language"] == "en"
    assert [item["ocid"] for item in document["items"]] == ["ocds-test00-1", "ocds-test00-3"]
    first = document["items"][0]
    assert first["tender_amount"] == "1000.00"
    assert first["awarded"] == [{"currency": "PYG", "amount": "900.00"}]
    assert first["buyer_id"] == "B1"
    assert {field["key"] for field in document["fields"]} >= {"ocid", "buyer", "method", "awarded", "url"}


def test_a_years_download_holds_its_processes_in_order(client):
    document = json.loads(b"".join(client.get(f"{ALL}?year=2022&sort=date&format=json").streaming_content))
    assert {item["ocid"] for item in document["items"]} == {"ocds-test00-2", "ocds-test00-3", "ocds-test01-6"}
    assert [item["ocid"] for item in document["items"]][-1] == "ocds-test01-6"


def test_the_downloads_are_capped(client, monkeypatch):
    monkeypatch.setattr("contracting.pages.DOWNLOAD_LIMIT", 2)
    document = json.loads(b"".join(client.get(f"{ALL}?format=json").streaming_content))
    assert len(document["items"]) == 2


# --- Both languages, the language switch -------------------------------------------------------


def test_the_english_explorer_speaks_english_and_the_switch_keeps_the_filters(client):
    html = client.get(f"{PY_EN}?method=open&year=2022").content.decode()
    assert "Contracting processes of Paraguay" in html
    assert 'href="/es/datos-de-compras/explorar/py/?method=open&amp;year=2022"' in html
    spanish = client.get(f"{PY}?method=open").content.decode()
    assert '<html lang="es">' in spanish
    assert 'href="/en/procurement-data/explore/py/?method=open"' in spanish


def test_the_switch_keeps_the_process_page(client):
    pk = process(1).pk
    html = client.get(f"{PY}proceso/{pk}/").content.decode()
    assert f'href="/en/procurement-data/explore/py/process/{pk}/"' in html


# --- The process page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "word"), [(PY + "proceso", "Oferta única (R018)"), (PY_EN + "process", "Single bid")]
)
def test_the_process_page_shows_its_timeline_parties_amounts_items_and_flags(client, base, word):
    first = process(1)
    response = client.get(f"{base}/{first.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Compra de medicamentos</h1>" in html
    assert "1-tender" in html
    assert "1-award" in html
    assert (
        f'/organisation/{organisation("B1").pk}/"' in html
        or f'/organizacion/{organisation("B1").pk}/"' in html
    )
    assert "Farma SA" in html
    assert "Artículo 1" in html
    assert "UNSPSC 42101500" in html
    assert word in html
    spanish = base.startswith("/es/")
    assert ("1\xa0000,00 PYG" if spanish else "1,000.00 PYG") in html
    assert ("900,00 PYG" if spanish else "900.00 PYG") in html


def test_the_flags_of_a_process_are_those_the_indicators_count():
    assert [flag.code for flag in process_flags(process(1))] == ["single_bid", "short_submission"]
    assert process_flags(process(2)) == []
    assert process_flags(process(3)) == []  # cancelled


def test_the_process_page_reads_the_tenders_items_not_the_whole_compiled_release(client):
    first = process(1)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(f"{PY}proceso/{first.pk}/").content.decode()
    assert "Artículo 1" in html
    read = [entry["sql"] for entry in captured.captured_queries if '"compiled"' in entry["sql"]]
    assert len(read) == 1
    # The column is only read through the expression that takes the tender's items from it.
    assert "tender_items" in read[0]
    assert not re.search(r'(SELECT|,)\s*"contracting_process"\."compiled"\s*(,|FROM)', read[0])


@pytest.mark.parametrize("compiled", [{"tender": {"items": "none"}}, {"tender": []}, [], "text"])
def test_a_process_page_shows_no_items_where_the_compiled_release_has_none_to_show(client, compiled):
    first = process(1)
    Process.objects.filter(pk=first.pk).update(compiled=compiled)
    response = client.get(f"{PY}proceso/{first.pk}/")
    assert response.status_code == 200
    assert "Artículo 1" not in response.content.decode()


def test_a_process_of_a_country_that_is_not_live_is_not_found(client):
    first = process(1)
    assert client.get(f"{PY}proceso/{first.pk}/").status_code == 200
    CountryPage.objects.filter(iso_alpha2="PY").update(live=False)
    assert client.get(f"{PY}proceso/{first.pk}/").status_code == 404


def test_the_process_page_links_to_the_publishers_page(client):
    first = process(1)
    Process.objects.filter(pk=first.pk).update(url="https://contrataciones.example.org/1")
    html = client.get(f"{PY}proceso/{first.pk}/").content.decode()
    assert 'href="https://contrataciones.example.org/1"' in html


# --- Buyer and supplier pages ------------------------------------------------------------------


def test_a_buyer_page_lists_its_processes_and_totals_per_currency(client):
    b2 = organisation("B2")
    html = client.get(f"{PY}organizacion/{b2.pk}/").content.decode()
    assert "<h1>Ministerio de Obras</h1>" in html
    assert "450\xa0000,00 PYG" in html  # 90 % of 250 000 for each of two suppliers, of a cancelled tender
    assert "4\xa0500,00 USD" in html
    assert ids(client, f"{PY}organizacion/{b2.pk}/") == {2, 3}


def test_a_supplier_page_lists_the_processes_it_was_awarded(client):
    s1 = organisation("S1")
    url = f"{PY_EN}organisation/{s1.pk}/"
    assert ids(client, url) == {1, 3}
    assert ids(client, url + "?role=buyer") == set()
    html = client.get(url).content.decode()
    assert "225,900.00 PYG" in html  # 900 of process 1 and 225,000 of process 3


# --- Links and queries -------------------------------------------------------------------------


def test_the_procurement_data_page_and_the_profile_link_to_the_explorers(client):
    data_page = client.get("/es/datos-de-compras/").content.decode()
    profile = client.get("/en/countries/paraguay/").content.decode()
    assert f'href="{ALL}"' in data_page
    assert f'href="{PY}"' in data_page
    assert f'href="{PY_EN}"' in profile


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query",
    ["", "?method=open&currency=PYG&min=1&sort=-amount", "?q=ministerio&year=2022", "?industry=UNSPSC:72"],
)
def test_the_query_count_does_not_grow_with_the_data(client, tmp_path, query):
    client.get(PY + query)  # warm the site's own caches
    before = queries(client, PY + query)
    process_before = queries(client, f"{PY}proceso/{process(1).pk}/")
    more = [
        release
        for number in range(100, 130)
        for release in process_release(
            number,
            year=2022,
            method="open",
            details="Licitación Pública Nacional",
            category="works",
            status="active",
            value=(number, "PYG"),
            buyer="B2",
            suppliers=["S1", "S2"],
            industry="72",
            title="Ministerio obra",
        )
    ]
    import_files(Dataset.objects.get(name="Paraguay"), [write_json(tmp_path / "more.json", package(more))])

    assert queries(client, PY + query) == before
    assert queries(client, f"{PY}proceso/{process(1).pk}/") == process_before
