"""The open contracting samples (contracting/samples/samples.yaml) as datasets of their countries.

Each sample becomes a dataset marked as a sample, with its publisher, licence and source, on
its member state's page, and its files are imported. A dataset is found by its key in the
file, like the other demo content: the file's corrections reach it, an editor's changes stay
and a dataset an editor deleted is not created again. Importing files already imported changes
nothing, so a second load leaves the data as it was.

The OCID prefix and the main currency are read from the imported data, and only filled where
the dataset has none, so that an editor's choice stays.
"""

import re
from pathlib import Path

from django.db.models import Count
from django.db.models.functions import Substr

import contracting
from contracting.importer import import_files, refresh_dataset
from contracting.models import Award, Dataset
from network.reference import Attr, Item, Kind, Ref, sync

SAMPLES = Path(contracting.__file__).resolve().parent / "samples"
DATA_FILE = SAMPLES / "samples.yaml"
# An OCID starts with "ocds-" and the publisher's six-character prefix.
OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")
OCID_PREFIX_LENGTH = len("ocds-") + 6

DATASETS = Kind(
    source="demo.contracting_samples",
    model=Dataset,
    fields=(
        Attr("name"),
        Ref("country", "countries.member_states"),
        Attr("publisher"),
        Attr("licence"),
        Attr("licence_url"),
        Attr("source_url"),
        Attr("is_sample"),
    ),
    find=lambda key, values: Dataset.objects.filter(
        country__iso_alpha2=values["country"], name=values["name"]
    ).first(),
)


def sample_values(sample: Item) -> dict:
    return {
        "name": sample["name"],
        "country": sample["country"],
        "publisher": sample["publisher"],
        "licence": sample["licence"],
        "licence_url": sample.get("licence_url", ""),
        "source_url": sample["source_url"],
        "is_sample": True,
    }


def load_samples(data: Item) -> None:
    for sample in data.items("samples"):
        dataset = sync(DATASETS, sample["key"], sample_values(sample), sample.where)
        if dataset is None:
            continue
        import_files(dataset, [SAMPLES / name for name in sample["files"]])
        fill_from_data(dataset)


def fill_from_data(dataset: Dataset) -> None:
    """The dataset's OCID prefix and main currency, where it has none, as its data shows them:
    the prefix most of its OCIDs start with, the currency most of its awards are in. The figures
    are computed again once the main currency is known: the red flags compare amounts in it."""
    changed = []
    if not dataset.ocid_prefix:
        prefixes = (
            dataset.processes.annotate(prefix=Substr("ocid", 1, OCID_PREFIX_LENGTH))
            .values_list("prefix")
            .annotate(count=Count("pk"))
            .order_by("-count", "prefix")
        )
        prefix = next((prefix for prefix, _count in prefixes if OCID_PREFIX.match(prefix)), "")
        if prefix:
            dataset.ocid_prefix = prefix
            changed.append("ocid_prefix")
    if not dataset.main_currency:
        currencies = (
            Award.objects.filter(process__dataset=dataset)
            .exclude(currency="")
            .values_list("currency")
            .annotate(count=Count("pk"))
            .order_by("-count", "currency")
        )
        if currency := next((currency for currency, _count in currencies), ""):
            dataset.main_currency = currency
            changed.append("main_currency")
    if changed:
        dataset.save(update_fields=changed)
        refresh_dataset(dataset)
