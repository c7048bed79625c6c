"""``manage.py import_ocds COUNTRY FILE_OR_URL…``: import OCDS data into a country's dataset."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracting.fetching import FetchError, download
from contracting.importer import import_files
from contracting.models import Dataset


class Command(BaseCommand):
    help = (
        "Import OCDS release packages, record packages, arrays of packages or JSON Lines (plain, .gz or "
        ".zip; files or URLs) into a country's open contracting dataset. Importing the same data twice "
        "changes nothing; problems are reported with their file and position and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("country", help="ISO 3166 alpha-2 code of the country, e.g. PY")
        parser.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument("--dataset", help="Name of the dataset, when the country has several")

    def handle(self, *args, country: str, sources: list[str], dataset: str | None, **options) -> None:
        datasets = Dataset.objects.filter(country__iso_alpha2=country.upper())
        if dataset:
            datasets = datasets.filter(name=dataset)
        found = list(datasets[:2])
        if not found:
            raise CommandError(
                f"No open contracting dataset for {country.upper()}"
                + (f" named {dataset!r}" if dataset else "")
                + "; add one in the admin (Settings › Open contracting datasets)."
            )
        if len(found) > 1:
            raise CommandError(f"{country.upper()} has several datasets; choose one with --dataset NAME.")
        with tempfile.TemporaryDirectory() as downloads:
            paths = []
            for source in sources:
                if source.startswith(("http://", "https://")):
                    try:
                        paths.append(download(source, Path(downloads)))
                    except FetchError as error:
                        raise CommandError(str(error)) from error
                elif Path(source).is_file():
                    paths.append(Path(source))
                else:
                    raise CommandError(f"{source}: no such file")
            summary = import_files(found[0], paths, progress=options["verbosity"] > 0)
        self.stdout.write(str(summary))
