"""Processes written straight into the tables, for the tests of what is shown from the figures.

The importer has tests of its own; the charts and the comparison only need processes with a
year, a buyer, a method, a category and awards, and the figures ``recompute`` makes of them.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils import timezone

from contracting.indicators import recompute
from contracting.models import Award, Dataset, Organisation, Process
from countries.models import CountryPage


@dataclass(frozen=True)
class Awarded:
    amount: Decimal | int
    currency: str
    supplier: str
    status: str = "active"


@dataclass(frozen=True)
class Bought:
    """One process: when, by whom, how, and what was awarded."""

    year: int
    buyer: str = "Ministerio de Salud"
    method: str = "open"
    category: str = "goods"
    number_of_tenderers: int | None = None
    awards: tuple[Awarded, ...] = field(default_factory=tuple)


def dataset_with(country: str, name: str, processes: list[Bought], **fields) -> Dataset:
    """A dataset of ``country`` holding ``processes``, with its figures recomputed."""
    dataset = Dataset.objects.create(
        country=CountryPage.objects.get(iso_alpha2=country),
        name=name,
        publisher=fields.pop("publisher", f"Publicador de {country}"),
        licence=fields.pop("licence", "CC BY 4.0"),
        **fields,
    )
    add_processes(dataset, processes)
    return dataset


def add_processes(dataset: Dataset, processes: list[Bought]) -> None:
    """Write ``processes`` into the dataset and recompute its figures, as an import would."""
    country = dataset.country.iso_alpha2
    organisations = {organisation.name: organisation for organisation in dataset.organisations.all()}
    first = dataset.processes.count()

    def organisation(name: str) -> Organisation:
        if name not in organisations:
            organisations[name] = Organisation.objects.create(
                dataset=dataset, identifier=f"{country}-{len(organisations)}", name=name
            )
        return organisations[name]

    for number, bought in enumerate(processes, start=first):
        started = datetime(bought.year, 3, 1, tzinfo=UTC)
        process = Process.objects.create(
            dataset=dataset,
            ocid=f"ocds-{country.lower()}-{number}",
            title=f"Proceso {number}",
            buyer=organisation(bought.buyer),
            method=bought.method,
            category=bought.category,
            status="complete",
            number_of_tenderers=bought.number_of_tenderers,
            date=started.date(),
            year=bought.year,
            month=3,
            release_date=started,
            compiled={"ocid": f"ocds-{country.lower()}-{number}"},
        )
        for index, awarded in enumerate(bought.awards):
            award = Award.objects.create(
                process=process,
                award_id=str(index),
                status=awarded.status,
                amount=awarded.amount,
                currency=awarded.currency,
            )
            award.suppliers.add(organisation(awarded.supplier))
    years = dataset.processes.values_list("year", flat=True)
    Dataset.objects.filter(pk=dataset.pk).update(
        process_count=first + len(processes),
        first_date=date(min(years), 3, 1),
        last_date=date(max(years), 3, 1),
        last_import_at=timezone.now(),
    )
    dataset.refresh_from_db()
    recompute(dataset)
