import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from network.reference import DataFileError, load, registered_datasets


class Command(BaseCommand):
    help = (
        "Load the reference data every site needs (member states, e-procurement modules, topics) from the "
        "apps' data files. Run it after every deployment: corrections in the files reach the database, "
        "and what editors changed or deleted stays as they left it."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            with translation.override(settings.LANGUAGE_CODE):
                names = load(registered_datasets())
        except DataFileError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {', '.join(names)} ({elapsed:.1f} s)."))
