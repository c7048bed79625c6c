"""CSV and JSON downloads: parsed back and compared with the database, in both languages."""

import csv
import io
import json
import string

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from countries.models import CountryPage, ProcurementModule
from events.models import EventPage
from network.exports import DATASETS
from portals.models import Portal, PortalKind

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")

BOM = b"\xef\xbb\xbf"


def download(client, language: str, dataset: str, extension: str):
    response = client.get(f"/{language}/exports/{dataset}.{extension}")
    assert response.status_code == 200, response.content[:500]
    return response


def read_csv(client, language: str, dataset: str) -> tuple[list[str], list[list[str]]]:
    body = download(client, language, dataset, "csv").content
    assert body.startswith(BOM), "Excel needs the byte-order mark to read UTF-8"
    header, *rows = csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))
    return header, rows


def read_json(client, language: str, dataset: str) -> dict:
    return json.loads(download(client, language, dataset, "json").content)


def labels(dataset: str, language: str, request=None) -> list[str]:
    with translation.override(language):
        return [str(column.label) for column in DATASETS[dataset].columns(request)]


COUNTRIES = {
    "es": [
        [
            "Chile",
            "CL",
            "CHL",
            "2004",
            "Sí",
            "Dirección de Compras y Contratación Pública",
            "Mercado Público",
            "Licitaciones; Convenio marco",
            "https://compras.example.org/es/paises/chile/",
        ],
        ["México", "MX", "MEX", "", "No", "", "", "", "https://compras.example.org/es/paises/mexico/"],
        [
            "Perú",
            "PE",
            "PER",
            "",
            "No",
            "Organismo Supervisor de las Contrataciones del Estado",
            "",
            "",
            "https://compras.example.org/es/paises/peru/",
        ],
    ],
    "en": [
        [
            "Chile",
            "CL",
            "CHL",
            "2004",
            "Yes",
            "Public Procurement Directorate",
            "Public Market",
            "Tenders; Framework agreements",
            "https://compras.example.org/en/countries/chile/",
        ],
        ["México", "MX", "MEX", "", "No", "", "", "", "https://compras.example.org/en/countries/mexico/"],
        [
            "Peru",
            "PE",
            "PER",
            "",
            "No",
            "Government Procurement Supervisory Agency",
            "",
            "",
            "https://compras.example.org/en/countries/peru/",
        ],
    ],
}


def pick(header_keys: list[str], row: list[str], keys: list[str]) -> list[str]:
    return [row[header_keys.index(key)] for key in keys]


COUNTRY_KEYS = [
    "name",
    "iso_alpha2",
    "iso_alpha3",
    "member_since",
    "executive_committee",
    "agency_name",
    "system_name",
    "system_modules",
    "url",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
class TestCountries:
    def test_csv_round_trip(self, client, network, language):
        header, rows = read_csv(client, language, "countries")
        assert header == labels("countries", language)
        keys = [column.key for column in DATASETS["countries"].columns(None)]
        assert [pick(keys, row, COUNTRY_KEYS) for row in rows] == COUNTRIES[language]

    def test_json_round_trip(self, client, network, language):
        document = read_json(client, language, "countries")
        assert document["language"] == language
        assert [field["label"] for field in document["fields"]] == labels("countries", language)
        chile = document["items"][0]
        assert chile["member_since"] == 2004
        assert chile["executive_committee"] is True
        assert chile["system_launch_year"] == 2003
        for expected, item in zip(COUNTRIES[language], document["items"], strict=True):
            assert item["name"] == expected[0]
            assert item["agency_name"] == expected[5]
            assert item["url"] == expected[8]
        assert chile["system_modules"] == COUNTRIES[language][0][7].split("; ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "city", "participants"),
    [
        ("es", "XX Seminario Interamericano", "Santiago de Chile", ["Chile", "Perú"]),
        ("en", "20th Inter-American Seminar", "Santiago, Chile", ["Chile", "Peru"]),
    ],
)
def test_events_list_their_participating_countries(client, network, language, title, city, participants):
    header, rows = read_csv(client, language, "events")
    assert header == labels("events", language)
    keys = [column.key for column in DATASETS["events"].columns(None)]
    [row] = rows
    assert pick(keys, row, ["title", "start_date", "end_date", "city", "host_country"]) == [
        title,
        "2099-10-14",
        "2099-10-16",
        city,
        "Chile",
    ]
    assert row[keys.index("participating_countries")] == "; ".join(participants)
    assert row[keys.index("participating_country_codes")] == "CL; PE"

    [item] = read_json(client, language, "events")["items"]
    assert item["participating_countries"] == participants
    assert item["participating_country_codes"] == ["CL", "PE"]
    assert item["participants_count"] == 180
    assert item["start_date"] == "2099-10-14"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "es",
            [
                "XX Seminario Interamericano",
                "1",
                "Medir la sostenibilidad",
                "Los países acuerdan medir, comparar y publicar.",
                "Compras sostenibles",
                "Perú",
            ],
        ),
        (
            "en",
            [
                "20th Inter-American Seminar",
                "1",
                "Measure sustainability",
                "The countries agree to measure, compare and publish.",
                "Sustainable procurement",
                "Peru",
            ],
        ),
    ],
)
def test_agreements_as_plain_text(client, network, language, expected):
    header, rows = read_csv(client, language, "agreements")
    keys = [column.key for column in DATASETS["agreements"].columns(None)]
    [row] = rows
    assert (
        pick(keys, row, ["event", "number", "title", "text", "topics", "responsible_countries"]) == expected
    )
    [item] = read_json(client, language, "agreements")["items"]
    assert item["number"] == 1
    assert item["topics"] == [expected[4]]


@pytest.mark.django_db
def test_portals_in_both_languages(client, network):
    spanish = read_json(client, "es", "portals")["items"]
    english = read_json(client, "en", "portals")["items"]
    assert [item["name"] for item in spanish] == ["Mercado Público", "SEACE"]
    assert [item["name"] for item in english] == ["Public Market", "SEACE"]
    assert english[0]["description"] == "Chile's government procurement system."
    assert english[0]["country"] == "Chile"
    assert english[1]["country"] == "Peru"
    assert english[1]["languages"] == ["es", "en"]
    assert english[0]["publishes_ocds"] is True


@pytest.mark.django_db
def test_csv_cells_never_start_a_spreadsheet_formula(client, network):
    _header, rows = read_csv(client, "es", "portals")
    keys = [column.key for column in DATASETS["portals"].columns(None)]
    seace = rows[1]
    assert seace[keys.index("description")] == "'=Sistema Electrónico de Contrataciones del Estado"
    # JSON is for programs: the text is left as it is.
    assert read_json(client, "es", "portals")["items"][1]["description"].startswith("=Sistema")


@pytest.mark.django_db
def test_csv_is_excel_friendly(client, network):
    response = download(client, "es", "countries", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ricg-countries-es.csv"'
    body = response.content
    assert body.startswith(BOM)
    assert body.count(b"\r\n") == 4  # header and three countries, CRLF as RFC 4180 and Excel expect
    assert "México".encode() in body


@pytest.mark.django_db
def test_drafts_and_private_pages_are_left_out(client, network):
    network["mexico"].unpublish()
    PageViewRestriction.objects.create(page=network["peru"], restriction_type="password", password="x")
    names = [item["name"] for item in read_json(client, "es", "countries")["items"]]
    assert names == ["Chile"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/es/exports/unknown.csv", "/es/exports/countries.xlsx"])
def test_unknown_downloads_are_not_found(client, network, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", ["countries", "events", "agreements", "portals"])
def test_the_number_of_queries_does_not_grow_with_the_data(client, network, dataset):
    def count_queries() -> list[int]:
        counts = []
        for extension in ("csv", "json"):
            with CaptureQueriesContext(connection) as queries:
                download(client, "en", dataset, extension)
            counts.append(len(queries))
        return counts

    count_queries()  # the site's root paths are cached on the first request
    before = count_queries()
    add_forty_eight_countries(network)
    assert count_queries() == before


def add_forty_eight_countries(network) -> None:
    """To the seminar, its agreement, Chile's modules and a portal; codes from ISO 3166's
    user-assigned ranges (QA…QZ, XA…XV), which no real country has."""
    index = network["chile"].get_parent()
    codes = [f"{first}{second}" for first in "QX" for second in string.ascii_uppercase][:48]
    countries = [
        index.add_child(
            instance=CountryPage(
                title_es=code,
                slug_es=code.lower(),
                iso_alpha2=code,
                iso_alpha3=f"{code}Z",
                subregion="caribbean",
            )
        )
        for code in codes
    ]
    seminar = EventPage.objects.get(pk=network["seminar"].pk)
    seminar.participating_countries = [*seminar.participating_countries.all(), *countries]
    seminar.save_revision().publish()
    agreement = seminar.agreements.get()
    agreement.responsible_countries.set([*agreement.responsible_countries.all(), *countries])
    agreement.save()
    chile = CountryPage.objects.get(pk=network["chile"].pk)
    chile.system_modules = [
        *chile.system_modules.all(),
        *(ProcurementModule.objects.create(code=f"module-{code}", name_es=code) for code in codes),
    ]
    chile.save_revision().publish()
    Portal.objects.bulk_create(
        Portal(name_es=code, kind=PortalKind.OPEN_DATA, url=f"https://{code}.example/", country=country)
        for code, country in zip(codes, countries, strict=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "downloads"),
    [
        ("/es/paises/", ["/es/exports/countries.csv", "/es/exports/countries.json"]),
        ("/en/countries/", ["/en/exports/countries.csv", "/en/exports/countries.json"]),
        ("/es/eventos/", ["/es/exports/events.csv", "/es/exports/agreements.json"]),
        ("/en/topics/", ["/en/exports/agreements.csv", "/en/exports/agreements.json"]),
        ("/en/portals/", ["/en/exports/portals.csv", "/en/exports/portals.json"]),
    ],
)
def test_index_pages_link_to_their_downloads(client, network, url, downloads):
    html = client.get(url).content.decode()
    for href in downloads:
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/es/", "/en/countries/chile/", "/es/noticias/nueva-ley/"])
def test_other_pages_offer_no_downloads(client, network, url):
    assert "/exports/" not in client.get(url).content.decode()
