"""Countries side by side: profiles, indicators of the same years, gaps, currencies, CSV, bad input."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from contracting.models import Dataset
from countries.models import CountryPage
from portals.models import Portal, PortalKind
from tests.conftest import shared_content
from tests.contracting.builders import Awarded, Bought, add_processes, dataset_with

ES = "/es/datos-de-compras/comparar/"
EN = "/en/procurement-data/compare/"


def build() -> None:
    """Paraguay 2021–2023 (a sample; PYG and USD), Colombia 2021–2023 (COP), Ecuador 2020–2022
    (USD). No process names its tenderers. Chile, Mexico and Brazil publish nothing here."""
    dataset_with(
        "PY",
        "Compras públicas de Paraguay",
        [
            Bought(2021, awards=(Awarded(1000, "PYG", "Proveedor A"),)),
            Bought(2022, method="open", awards=(Awarded(2000, "PYG", "Proveedor A"),)),
            Bought(2022, method="direct", awards=(Awarded(30, "USD", "Proveedor B"),)),
            Bought(2023),
        ],
        is_sample=True,
    )
    dataset_with(
        "CO",
        "SECOP II",
        [
            Bought(year, awards=(Awarded(5_000_000, "COP", "Proveedor C"),))
            for year in (2021, 2022, 2022, 2023)
        ],
    )
    dataset_with("EC", "SERCOP", [Bought(2020), Bought(2021, method="direct"), Bought(2022)])
    Portal.objects.create(
        name="Portal de Contrataciones Públicas",
        kind=PortalKind.EPROCUREMENT,
        url="https://www.contrataciones.gov.py/",
        country=CountryPage.objects.get(iso_alpha2="PY"),
        publishes_ocds=True,
    )


@pytest.fixture(scope="module")
def compared(reference_site, django_db_blocker):
    yield from shared_content(django_db_blocker, build)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compared")]


def url(base: str, *codes: str, **extra: str) -> str:
    query = "&".join(
        [f"country={code}" for code in codes] + [f"{key}={value}" for key, value in extra.items()]
    )
    return f"{base}?{query}"


def table(html: str, table_id: str) -> dict[str, list[str]]:
    """A comparison table's rows: label → the text of each column's cell."""
    found = re.search(rf'aria-labelledby="{table_id}">(.*?)</table>', html, flags=re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", found, flags=re.S):
        label, _sep, cells = row.partition("</th>")
        text = [
            re.sub(r"<br>", " | ", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, flags=re.S)
        ]
        rows[re.sub(r"<[^>]+>", "", label).strip()] = [re.sub(r"<[^>]+>", "", cell).strip() for cell in text]
    return rows


@pytest.mark.parametrize(
    ("base", "heading", "processes"),
    [(ES, "Compare countries", "Processes"), (EN, "Compare countries", "Processes")],
)
def test_two_countries_side_by_side_in_their_latest_common_full_year(client, base, heading, processes):
    response = client.get(url(base, "PY", "CO"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Paraguay" in html
    assert "Colombia" in html
    indicators = table(html, "indicators")
    assert re.search(r'<h2 id="indicators">[^<]*2022</h2>', html)
    assert indicators[processes if base == EN else "Procesos"] == ["2", "2"]


def test_three_countries_are_compared_in_the_latest_year_all_of_them_cover(client):
    html = client.get(url(EN, "PY", "CO", "EC")).content.decode()

    assert '<h2 id="indicators">Indicators, 2021</h2>' in html
    assert table(html, "indicators")["Processes"] == ["1", "1", "1"]
    # Ecuador has no 2023: a gap in the years side by side, not a zero.
    assert table(html, "years-processes")["2023"] == ["1", "1", "No data"]


def test_six_countries_show_those_without_data_as_gaps(client):
    response = client.get(url(EN, "PY", "CO", "EC", "CL", "MX", "BR"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("No data on this site") == 3
    assert table(html, "indicators")["Processes"] == ["1", "1", "1", "No data", "No data", "No data"]


def test_amounts_stay_in_their_currencies(client):
    html = client.get(url(EN, "PY", "CO")).content.decode()

    awarded = table(html, "indicators")["Value awarded"]
    assert awarded == ["2,000.00 PYG | 30.00 USD", "10,000,000.00 COP"]
    assert "2,030" not in html


def test_a_figure_the_data_cannot_support_is_not_computable(client):
    indicators = table(client.get(url(EN, "PY", "EC")).content.decode(), "indicators")

    assert indicators["Tenderers"] == ["Not computable", "Not computable"]
    assert indicators["Value awarded"][1] == "Not computable"


def test_samples_are_labelled_as_such(client):
    html = client.get(url(EN, "PY", "CO")).content.decode()
    header = re.search(r'aria-labelledby="indicators">.*?</thead>', html, flags=re.S).group(0)
    assert header.count("Sample") == 1
    assert re.search(r"Paraguay <span class=\"badge badge--notice\">Sample</span>", header)


def test_the_profile_facts_are_side_by_side(client):
    profiles = table(client.get(url(EN, "PY", "CO")).content.decode(), "profiles")

    assert profiles["Portals"][0].startswith("Portal de Contrataciones Públicas")
    assert "OCDS" in profiles["Portals"][0]
    assert profiles["Portals"][1] == "None listed"
    assert set(profiles) >= {
        "Public procurement agency",
        "Legal framework",
        "E-procurement system",
        "Modules",
    }


def test_each_column_names_its_source_licence_and_date(client):
    html = client.get(url(EN, "PY", "CO")).content.decode()

    assert "Publicador de PY" in html
    assert "CC BY 4.0" in html
    assert html.count("as of <time") == 2


def test_the_csv_has_every_compared_figure_with_its_source(client):
    response = client.get(url(EN, "PY", "CO", "CL", format="csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="comparison-PY-CO-CL.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    awarded = {
        (row["Country code"], row["Currency"]): row["Value (empty: not computable)"]
        for row in rows
        if row["Indicator code"] == "value_awarded" and row["Year"] == "2022"
    }
    assert awarded == {("PY", "PYG"): "2000", ("PY", "USD"): "30", ("CO", "COP"): "10000000"}
    tenderers = [row for row in rows if row["Indicator code"] == "tenderers" and row["Country code"] == "PY"]
    assert {row["Value (empty: not computable)"] for row in tenderers} == {""}
    assert {row["Sample (not the country's totals)"] for row in rows if row["Country code"] == "PY"} == {
        "yes"
    }
    assert [row["Dataset"] for row in rows if row["Country code"] == "CL"] == [""]


def test_the_spanish_csv_has_spanish_headings(client):
    response = client.get(url(ES, "PY", "CO", format="csv"))
    assert response.status_code == 200
    assert response.content.decode().splitlines()[1].startswith("PY,Paraguay,")


def test_without_countries_the_page_offers_the_form(client):
    response = client.get(EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="country" value="PY"' in html
    assert 'role="alert"' not in html


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (("PY",), "Choose at least two countries to compare."),
        (("PY", "CO", "EC", "CL", "MX", "BR", "AR"), "Choose at most six countries to compare."),
        (("PY", "ZZ"), "No member country has the code ZZ."),
        (("PY", "<script>"), "Country codes are two letters, such as PY or CO."),
        (("PY", "PYX", "CO"), "Country codes are two letters, such as PY or CO."),
        (("py", "py"), "Choose at least two countries to compare."),
    ],
)
def test_bad_choices_get_the_form_and_a_clear_message(client, codes, message):
    response = client.get(url(EN, *codes))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'role="alert"' in html
    assert "<script>" not in html.split("<main", 1)[-1]


def test_bad_choices_get_no_csv(client):
    assert client.get(url(EN, "PY", format="csv")).status_code == 400


def test_the_spanish_page_explains_in_spanish(client):
    response = client.get(url(ES, "PY"))
    assert response.status_code == 400
    assert '<html lang="es">' in response.content.decode()


def test_profiles_and_the_country_index_lead_to_the_comparison(client):
    profile = client.get("/en/countries/paraguay/").content.decode()
    assert 'action="/en/procurement-data/compare/"' in profile
    assert '<input type="hidden" name="country" value="PY">' in profile
    index = client.get("/es/paises/").content.decode()
    assert 'href="/es/datos-de-compras/comparar/"' in index


def test_the_comparison_costs_the_same_queries_whatever_the_volume_and_countries(client):
    client.get(EN)  # Wagtail reads the site's settings once per client
    with CaptureQueriesContext(connection) as two:
        client.get(url(EN, "PY", "CO"))
    add_processes(
        Dataset.objects.get(country__iso_alpha2="PY"),
        [
            Bought(year, buyer=f"B{n}", awards=(Awarded(n, "EUR", "S"),))
            for year in (2019, 2020)
            for n in range(30)
        ],
    )
    with CaptureQueriesContext(connection) as six:
        response = client.get(url(EN, "PY", "CO", "EC", "CL", "MX", "BR"))
    assert response.status_code == 200
    assert len(six.captured_queries) == len(two.captured_queries)
