"""Fixtures of the open contracting tests: datasets on the member states of the reference data,
OCDS releases and packages written for a test, the vendored samples, and a snapshot of every
table the importer writes.

The member states are loaded once for the whole package (``reference_site``, whose tests run
in one pytest-xdist worker: see ``tests/conftest.py``); each module's shared content is built in
a savepoint on top of them, and each test runs in its own savepoint, so the datasets and
processes a test imports are gone after it.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps

import pytest
import yaml

import contracting
from contracting.models import Dataset, Process
from countries.models import CountryPage
from tests.conftest import load_reference_data, shared_content

SAMPLES = Path(contracting.__file__).resolve().parent / "samples"


def samples() -> dict[str, dict[str, Any]]:
    """The vendored samples, by key, as contracting/samples/samples.yaml describes them."""
    with (SAMPLES / "samples.yaml").open(encoding="utf-8") as file:
        return {sample["key"]: sample for sample in yaml.safe_load(file)["samples"]}


def sample_paths(key: str) -> list[Path]:
    return [SAMPLES / name for name in samples()[key]["files"]]


def sample_file(key: str, name: str) -> Path:
    """The one file of sample ``key`` whose name contains ``name``."""
    (path,) = [path for path in sample_paths(key) if name in path.name]
    return path


def release(number: int, **fields: Any) -> dict[str, Any]:
    """An OCDS 1.1 tender release of process ``ocds-test00-<number>``; ``fields`` replace its own."""
    return {
        "ocid": f"ocds-test00-{number}",
        "id": f"{number}-tender",
        "date": "2020-03-02T10:00:00Z",
        "tag": ["tender"],
        "buyer": {"id": "buyer-1", "name": "Ministerio de Pruebas"},
        "tender": {
            "id": str(number),
            "title": f"Compra número {number}",
            "procurementMethod": "open",
            "value": {"amount": 1000 + number, "currency": "USD"},
        },
        **fields,
    }


def package(releases: list[dict[str, Any]], version: str = "1.1") -> dict[str, Any]:
    return {
        "uri": "https://datos.example.org/paquete.json",
        "version": version,
        "publishedDate": "2020-03-03T00:00:00Z",
        "publisher": {"name": "Publicador de prueba"},
        "releases": releases,
    }


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def row_counts() -> dict[str, int]:
    """Rows of every table of the contracting app, its many-to-many link tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("contracting").get_models(include_auto_created=True)
    }


def compiled_releases() -> dict[tuple[int, str], dict]:
    """Every process's compiled release, by dataset and OCID."""
    rows = Process.objects.values_list("dataset_id", "ocid", "compiled")
    return {(dataset, ocid): compiled for dataset, ocid, compiled in rows}


@pytest.fixture(scope="package", autouse=True)
def reference_site(django_db_setup, django_db_blocker):
    """The reference data, loaded once for every module of the package: seven loads had cost
    about 30 s of a PostgreSQL pass. Autouse, so that it is the outermost transaction."""
    yield from shared_content(django_db_blocker, load_reference_data)


@pytest.fixture
def make_dataset(reference_site, db) -> Callable[..., Dataset]:
    """Datasets on the member states of the reference data: ``make_dataset("PY", "Muestra")``."""

    def make(country: str = "PY", name: str = "Datos de prueba", **fields: Any) -> Dataset:
        return Dataset.objects.create(
            country=CountryPage.objects.get(iso_alpha2=country),
            name=name,
            publisher=fields.pop("publisher", "Publicador de prueba"),
            **fields,
        )

    return make


@pytest.fixture
def dataset(make_dataset) -> Dataset:
    """An empty dataset of Paraguay."""
    return make_dataset()
