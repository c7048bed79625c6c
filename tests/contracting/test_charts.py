"""The charts of a country profile's procurement data, and the rankings of buyers and suppliers
that ``recompute`` stores for them."""

import re
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from contracting.models import Dataset, Figure, Organisation
from tests.conftest import shared_content
from tests.contracting.builders import Awarded, Bought, add_processes, dataset_with

# Paraguay, 2021–2023 (2023 is still being published: the charts' year is 2022). Twelve buyers
# in 2022, "Comprador 1" to "Comprador 12", the n-th with n processes of n × 1,000,000.5 PYG
# each; "Comprador 12" also has one award in USD, shared by two suppliers.
BUYERS = 12


def paraguay() -> list[Bought]:
    processes = [Bought(2021, method="direct", awards=(Awarded(500, "PYG", "Proveedor A"),))]
    for buyer in range(1, BUYERS + 1):
        processes += [
            Bought(
                2022,
                buyer=f"Comprador {buyer}",
                method="open" if buyer % 2 else "direct",
                category="works" if buyer > 6 else "goods",
                awards=(Awarded(Decimal("1000000.5") * buyer, "PYG", f"Proveedor {buyer}"),),
            )
            for _process in range(buyer)
        ]
    processes.append(
        Bought(
            2022,
            buyer=f"Comprador {BUYERS}",
            awards=(Awarded(250, "USD", "Proveedor 1"), Awarded(250, "USD", "Proveedor 2")),
        )
    )
    processes.append(Bought(2023))
    return processes


@pytest.fixture(scope="module")
def charted(reference_site, django_db_blocker):
    def build() -> int:
        return dataset_with("PY", "Compras públicas de Paraguay", paraguay(), is_sample=True).pk

    yield from shared_content(django_db_blocker, build)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("charted")]


@pytest.fixture(autouse=True)
def no_drawn_charts():
    """Charts are cached under their figures' version: each test draws its own."""
    cache.clear()


def ranking(code: str, year: int = 2022, currency: str = "") -> list[tuple[str, Decimal]]:
    """The ranking's organisations, by name, largest first."""
    names = dict(Organisation.objects.values_list("pk", "name"))
    figures = Figure.objects.filter(indicator=code, year=year, currency=currency, month=None)
    return sorted(((names[int(figure.key)], figure.value) for figure in figures), key=lambda row: -row[1])


def test_recompute_keeps_the_ten_buyers_with_the_most_processes():
    top = ranking("top_buyers_by_count")
    assert len(top) == 10
    assert top[0] == ("Comprador 12", 13)
    assert top[-1] == ("Comprador 3", 3)


def test_value_rankings_are_per_currency_never_summed():
    by_value = ranking("top_buyers_by_value", currency="PYG")
    assert by_value[0] == ("Comprador 12", Decimal("1000000.5") * 12 * 12)
    assert ranking("top_buyers_by_value", currency="USD") == [("Comprador 12", Decimal(500))]
    # An award to two suppliers counts in full for each of them.
    assert sorted(ranking("top_suppliers_by_value", currency="USD")) == [
        ("Proveedor 1", Decimal(250)),
        ("Proveedor 2", Decimal(250)),
    ]
    assert ranking("top_suppliers_by_count")[0] == ("Proveedor 12", 12)


def test_rankings_are_kept_for_whole_years_only():
    assert not Figure.objects.filter(indicator__startswith="top_", month__isnull=False).exists()


def charts(html: str) -> dict[str, str]:
    """Each chart's figure element, by its title and by its id (the indicator and currency)."""
    found = re.findall(r'<figure class="chart".*?</figure>', html, flags=re.S)
    by_title = {re.search(r"<figcaption[^>]*>(.*?)</figcaption>", chart).group(1): chart for chart in found}
    by_id = {re.search(r'<svg[^>]* id="chart-\d+-([^"]+)"', chart).group(1): chart for chart in found}
    return by_title | by_id


def table_rows(chart: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr><th scope="row">(.*?)</th><td[^>]*>(.*?)</td></tr>', chart)


@pytest.mark.parametrize(
    ("url", "chart_id", "amount"),
    [
        (
            "/es/paises/paraguay/",
            "top_buyers_by_value-PYG",
            "144\xa0000\xa0072,00",
        ),
        ("/en/countries/paraguay/", "top_buyers_by_value-PYG", "144,000,072.00"),
    ],
)
def test_the_profile_shows_each_chart_with_its_data_as_a_table(client, url, chart_id, amount):
    html = client.get(url).content.decode()

    chart = charts(html)[chart_id]
    assert table_rows(chart)[0] == ("Comprador 12", amount)
    assert len(table_rows(chart)) == 10


def test_the_svg_is_a_named_image_without_script_or_style(client):
    html = client.get("/en/countries/paraguay/").content.decode()

    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == len(re.findall('<figure class="chart"', html)) > 5
    for svg in svgs:
        slug = re.search(r'<svg[^>]* id="([^"]+)"', svg).group(1)
        assert 'role="img"' in svg
        assert f'aria-labelledby="{slug}-title"' in svg
        assert f'<title id="{slug}-title">' in svg
        assert f'<desc id="{slug}-desc">' in svg
        assert "<script" not in svg
        assert "<style" not in svg
        assert "style=" not in svg


def test_the_svg_draws_the_rows_of_its_table(client):
    html = client.get("/en/countries/paraguay/").content.decode()

    chart = charts(html)["Buyers with the most processes, 2022"]
    rows = table_rows(chart)
    assert [value for _name, value in rows] == ["13", "11", "10", "9", "8", "7", "6", "5", "4", "3"]
    svg = re.search(r"<svg.*?</svg>", chart, flags=re.S).group(0)
    assert len(re.findall(r'class="rect reactive', svg)) == len(rows)
    for name, _value in rows:
        assert f">{name}<" in svg


def test_amounts_in_two_currencies_get_a_chart_each(client):
    shown = charts(client.get("/en/countries/paraguay/").content.decode())

    assert "Value awarded per year (PYG)" in shown
    assert "Value awarded per year (USD)" in shown
    usd = table_rows(shown["Value awarded per year (USD)"])
    assert usd == [("2021", "0.00"), ("2022", "500.00"), ("2023", "Not computable")]


def test_the_profile_costs_the_same_queries_with_more_data(client):
    with CaptureQueriesContext(connection) as small:
        client.get("/en/countries/paraguay/")
    more = [Bought(2022, buyer=f"Otro {n}", awards=(Awarded(n, "USD", f"Otro {n}"),)) for n in range(40)]
    add_processes(Dataset.objects.get(country__iso_alpha2="PY"), more)
    cache.clear()
    with CaptureQueriesContext(connection) as larger:
        client.get("/en/countries/paraguay/")
    assert len(larger.captured_queries) == len(small.captured_queries)
