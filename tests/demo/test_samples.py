"""The demo content loads each vendored sample as a dataset of its country, labelled as a sample,
with its data imported; loading it again changes nothing."""

import pytest

from contracting.models import Dataset, Release
from tests.contracting.conftest import compiled_releases, row_counts, samples
from tests.contracting.test_import import EXPECTED
from tests.demo.conftest import load_demo_content

# The OCID prefix most OCIDs of each sample start with, and the currency of most of its awards
# (GACM's OCIDs are bare numbers: no prefix).
FROM_THE_DATA = {
    "paraguay": ("ocds-03ad3f", "PYG"),
    "colombia": ("ocds-k50g02", "COP"),
    "mexico-jalisco": ("ocds-xs1qbl", "MXN"),
    "mexico-gacm": ("", "MXN"),
    "canada-montreal": ("ocds-a12345", "CAD"),
}


pytestmark = pytest.mark.usefixtures("demo_site")


def sample_dataset(key: str) -> Dataset:
    sample = samples()[key]
    return Dataset.objects.get(country__iso_alpha2=sample["country"], name=sample["name"])


def dataset_fields() -> list[dict]:
    """Every dataset's fields but the time of its last import, which a new import moves."""
    return list(
        Dataset.objects.order_by("pk").values(
            *(field.attname for field in Dataset._meta.concrete_fields if field.name != "last_import_at")
        )
    )


@pytest.mark.parametrize("key", EXPECTED)
def test_each_sample_is_a_dataset_of_its_country_labelled_as_a_sample(db, key):
    sample, expected = samples()[key], EXPECTED[key]

    dataset = sample_dataset(key)

    assert dataset.is_sample
    described = {name: sample.get(name, "") for name in ("publisher", "licence", "licence_url", "source_url")}
    assert {name: getattr(dataset, name) for name in described} == described
    assert (dataset.ocid_prefix, dataset.main_currency) == FROM_THE_DATA[key]
    assert (dataset.process_count, dataset.release_count) == (expected.processes, expected.releases)
    assert dataset.processes.count() == expected.processes
    assert Release.objects.filter(process__dataset=dataset).count() == expected.releases
    assert dataset.first_date is not None and dataset.last_date is not None


def test_one_dataset_per_sample(db):
    assert Dataset.objects.filter(is_sample=True).count() == len(samples())
    assert set(Dataset.objects.filter(country__iso_alpha2="MX").values_list("name", flat=True)) == {
        samples()["mexico-jalisco"]["name"],
        samples()["mexico-gacm"]["name"],
    }


def test_loading_the_demo_again_changes_no_open_contracting_data(db):
    counts, compiled, fields = row_counts(), compiled_releases(), dataset_fields()

    load_demo_content()

    assert row_counts() == counts
    assert compiled_releases() == compiled
    assert dataset_fields() == fields


def test_an_editors_choices_stay_and_a_deleted_sample_is_not_created_again(db):
    paraguay = sample_dataset("paraguay")
    paraguay.main_currency = "USD"
    paraguay.licence = "CC BY 4.0"
    paraguay.save()
    sample_dataset("canada-montreal").delete()

    load_demo_content()

    paraguay.refresh_from_db()
    assert (paraguay.main_currency, paraguay.licence) == ("USD", "CC BY 4.0")
    assert not Dataset.objects.filter(country__iso_alpha2="CA").exists()
