"""The procurement data page, its methodology, the admin listing, the API and the downloads."""

import csv
import io
import json
import re
from pathlib import Path

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from contracting.definitions import INDICATORS
from contracting.importer import import_files
from contracting.models import Dataset, Figure, ProcurementDataPage
from countries.models import CountryPage

pytestmark = pytest.mark.django_db

RELEASES = {
    "version": "1.1",
    "releases": [
        {
            "ocid": "ocds-test00-1",
            "id": "1-tender",
            "date": "2023-03-01T10:00:00Z",
            "tag": ["tender"],
            "buyer": {"id": "B1", "name": "Ministerio de Salud"},
            "tender": {
                "id": "1",
                "title": "Compra de medicamentos",
                "procurementMethod": "open",
                "tenderPeriod": {"startDate": "2023-03-01T10:00:00Z", "endDate": "2023-03-20T10:00:00Z"},
                "numberOfTenderers": 1,
            },
            "awards": [
                {
                    "id": "a1",
                    "status": "active",
                    "value": {"amount": 1500.5, "currency": "PYG"},
                    "suppliers": [{"id": "S1", "name": "Farma SA"}],
                }
            ],
        }
    ],
}


def paraguay_dataset(tmp_path: Path, **fields) -> Dataset:
    dataset = Dataset.objects.create(
        country=CountryPage.objects.get(iso_alpha2="PY"),
        name="Compras públicas de Paraguay",
        publisher="Dirección Nacional de Contrataciones Públicas",
        licence="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        **fields,
    )
    path = tmp_path / "releases.json"
    path.write_text(json.dumps(RELEASES), encoding="utf-8")
    import_files(dataset, [path])
    return dataset


@pytest.mark.parametrize(
    ("url", "heading", "sample_label"),
    [
        ("/es/datos-de-compras/", "Datos de compras públicas", "Muestra"),
        ("/en/procurement-data/", "Procurement data", "Sample"),
    ],
)
def test_the_page_lists_each_dataset_with_its_publisher_licence_and_period(
    client, tmp_path, url, heading, sample_label
):
    paraguay_dataset(tmp_path, is_sample=True)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert "Compras públicas de Paraguay" in html
    assert "Dirección Nacional de Contrataciones Públicas" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert sample_label in html


@pytest.mark.parametrize(
    ("url", "label", "other_language_label"),
    [
        ("/es/datos-de-compras/metodologia/", "Oferta única (R018)", "Single bid received (R018)"),
        ("/en/procurement-data/methodology/", "Single bid received (R018)", "Oferta única (R018)"),
    ],
)
def test_the_methodology_defines_every_indicator_in_the_language_of_the_page(
    client, url, label, other_language_label
):
    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    for code in INDICATORS:
        assert f'id="{code}"' in html
    assert label in html
    assert other_language_label not in html
    assert "Cardinal" in html


def test_the_page_links_to_its_methodology_in_each_language(client):
    page = ProcurementDataPage.objects.get()
    assert 'href="/es/datos-de-compras/metodologia/"' in client.get("/es/datos-de-compras/").content.decode()
    assert 'href="/en/procurement-data/methodology/"' in client.get("/en/procurement-data/").content.decode()
    assert page.live


def test_the_api_lists_datasets_and_filters_figures(client, tmp_path):
    dataset = paraguay_dataset(tmp_path)

    datasets = client.get("/api/v2/procurement-datasets/").json()
    figures = client.get(
        "/api/v2/procurement-indicators/?country=py&indicator=processes&year=2023&month="
    ).json()
    other_country = client.get("/api/v2/procurement-indicators/?country=CL").json()

    assert [item["name"] for item in datasets["items"]] == [dataset.name]
    assert datasets["items"][0]["country_code"] == "PY"
    assert figures["meta"]["total_count"] == 1
    assert figures["items"][0]["value"] in ("1.0000", 1, "1")
    assert figures["items"][0]["month"] is None
    assert other_country["meta"]["total_count"] == 0


def test_the_downloads_hold_the_figures_of_the_country_asked_for(client, tmp_path):
    dataset = paraguay_dataset(tmp_path)
    expected = Figure.objects.filter(dataset=dataset).count()

    response = client.get("/es/exports/procurement-indicators.csv?country=PY")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    document = client.get("/en/exports/procurement-indicators.json?country=CL").json()

    assert response.status_code == 200
    assert expected > 0
    assert len(rows) == expected
    assert {row["País"] for row in rows} == {"Paraguay"}
    assert document["items"] == []


def test_the_json_download_holds_the_figures_as_numbers(client, tmp_path):
    dataset = paraguay_dataset(tmp_path)
    expected = {
        (figure.indicator, figure.key, figure.currency, figure.year, figure.month): figure.value
        for figure in Figure.objects.filter(dataset=dataset)
    }

    response = client.get("/en/exports/procurement-indicators.json?country=PY")

    assert response.status_code == 200
    items = response.json()["items"]
    found = {item_key(item): item["value"] for item in items}
    assert len(items) == len(expected) > 0
    assert found == {key: None if value is None else float(value) for key, value in expected.items()}
    assert all(isinstance(value, int | float | None) for value in found.values())


@pytest.mark.parametrize("indicator", ["%00", "nope", "x" * 100])
def test_an_indicator_none_has_finds_no_figures(client, tmp_path, indicator):
    """Checked against the indicators' codes: PostgreSQL refused a NUL byte with a 500."""
    paraguay_dataset(tmp_path)

    api = client.get(f"/api/v2/procurement-indicators/?indicator={indicator}")
    download = client.get(f"/es/exports/procurement-indicators.csv?indicator={indicator}")

    assert api.status_code == 200
    assert api.json()["meta"]["total_count"] == 0
    assert download.status_code == 200
    assert len(download.content.decode("utf-8-sig").splitlines()) == 1


def item_key(item: dict) -> tuple:
    return item["indicator"], item["key"], item["currency"], item["year"], item["month"]


def test_the_admin_lists_the_datasets_with_their_counts_and_last_fetch(client, tmp_path):
    dataset = paraguay_dataset(tmp_path)
    Dataset.objects.filter(pk=dataset.pk).update(
        last_fetch_result="failed",
        last_fetch_message="https://example.org/a.zip: the server answered HTTP 500\nmore",
    )
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "secret"))

    html = client.get("/admin/snippets/contracting/dataset/").content.decode()

    assert "Compras públicas de Paraguay" in html
    assert "the server answered HTTP 500" in html
    assert "more" not in html.split("the server answered HTTP 500")[1][:40]


def section_text(html: str) -> str:
    start = html.index('id="procurement-data"')
    # Regular whitespace only: numbers are grouped with no-break spaces in Spanish.
    return re.sub(r"[ \t\n]+", " ", html[start : html.index("</section>", start)])


def test_a_profile_with_data_shows_its_key_figures_dated_and_sourced(client, tmp_path):
    paraguay_dataset(tmp_path, is_sample=True, source_url="https://www.contrataciones.gov.py/datos/")

    html = client.get("/en/countries/paraguay/").content.decode()
    section = section_text(html)

    assert "Key figures, 2023" in section
    assert 'href="https://www.contrataciones.gov.py/datos/" rel="external">Dirección Nacional' in section
    assert 'rel="external license">CC BY 4.0</a>' in section
    assert "1 Mar 2023" in section
    # One open process with one bid: single bid 100 %, awarded 1,500.50 in guaraníes.
    assert "1,500.50 PYG" in section
    assert "100.0 %" in section
    assert "These figures come from a small excerpt" in section
    # No process names its tenderers: the figure is not computable, not zero.
    tenderers = section.split(">Tenderers</a>")[1].split("</tr>")[0]
    assert "Not computable" in tenderers
    assert 'href="/en/exports/procurement-indicators.csv?country=PY"' in section


def test_the_figures_are_in_the_language_of_the_page(client, tmp_path):
    paraguay_dataset(tmp_path)

    section = section_text(client.get("/es/paises/paraguay/").content.decode())

    assert "Cifras clave, 2023" in section
    assert "1\xa0500,50 PYG" in section
    assert "No calculable" in section


def test_a_profile_without_data_has_no_procurement_data_section(client, tmp_path):
    paraguay_dataset(tmp_path)

    assert 'id="procurement-data"' not in client.get("/en/countries/chile/").content.decode()


def test_the_profile_reads_the_same_number_of_queries_whatever_the_volume(client, tmp_path):
    dataset = paraguay_dataset(tmp_path)
    client.get("/en/countries/paraguay/")
    with CaptureQueriesContext(connection) as small:
        client.get("/en/countries/paraguay/")
    releases = [
        dict(
            RELEASES["releases"][0],
            ocid=f"ocds-test00-{n}",
            id=f"{n}-tender",
            date=f"{2015 + n % 8}-05-01T00:00:00Z",
        )
        for n in range(2, 60)
    ]
    more = tmp_path / "more.json"
    more.write_text(json.dumps({"version": "1.1", "releases": releases}), encoding="utf-8")
    import_files(dataset, [more])
    with CaptureQueriesContext(connection) as large:
        client.get("/en/countries/paraguay/")

    assert Dataset.objects.get(pk=dataset.pk).process_count == 59
    assert len(large) == len(small)
