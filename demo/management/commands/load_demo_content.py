import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from demo import loader
from network.reference import DataFileError


class Command(BaseCommand):
    help = (
        "Load the reference data, then the demo content from demo/data/ (a second run changes nothing; "
        "corrected files reach the site, editors' changes and deletions stay)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            with translation.override(settings.LANGUAGE_CODE):
                home = loader.load()
        except DataFileError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under “{home.title}” ({elapsed:.1f} s)."))
