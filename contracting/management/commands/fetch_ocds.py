"""``manage.py fetch_ocds [COUNTRY]``: download and import each dataset's publication (for cron)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracting.fetching import Busy, fetch_dataset
from contracting.models import Dataset, FetchResult


class Command(BaseCommand):
    help = (
        "Download the publication of each open contracting dataset that has a source address (or of "
        "one country's) and import what changed since the last run. The outcome is recorded on each "
        "dataset; a dataset that fails does not stop the others, and the command then exits with an "
        "error. Samples are left alone: they are excerpts, not copies of the publication."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("country", nargs="?", help="ISO 3166 alpha-2 code of one country, e.g. EC")

    def handle(self, *args, country: str | None, **options) -> None:
        datasets = Dataset.objects.exclude(source_url="").filter(is_sample=False).select_related("country")
        if country:
            datasets = datasets.filter(country__iso_alpha2=country.upper())
            if not datasets.exists():
                raise CommandError(f"No open contracting dataset of {country.upper()} has a source address.")
        failed = []
        for dataset in datasets:
            name = f"{dataset.country.iso_alpha2} · {dataset}"
            try:
                result = fetch_dataset(dataset, progress=options["verbosity"] > 1)
            except Busy as error:
                self.stderr.write(f"{name}: skipped, {error}")
                continue
            self.stdout.write(f"{name}: {result.label}\n{dataset.last_fetch_message}")
            if result == FetchResult.FAILED:
                failed.append(name)
        if failed:
            raise CommandError(f"{len(failed)} dataset(s) failed: {'; '.join(failed)}")
