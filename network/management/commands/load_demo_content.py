import time

from django.core.management.base import BaseCommand
from django.db import transaction

from network.demo import content


class Command(BaseCommand):
    help = "Load the demo content (idempotent: existing items are left as they are)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            home = content.load()
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under “{home.title}” ({elapsed:.1f} s)."))
