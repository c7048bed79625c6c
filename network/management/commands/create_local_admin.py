from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105 — development only; refused unless DEBUG is on.


class Command(BaseCommand):
    help = "Create the development superuser admin/admin (only when DEBUG is on; idempotent)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Refusing to create a known-password admin when DEBUG is off.")
        user_model = get_user_model()
        if user_model.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"User “{USERNAME}” already exists.")
            return
        user_model.objects.create_superuser(USERNAME, "admin@example.org", PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Created superuser “{USERNAME}” (password “{PASSWORD}”)."))
