from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from countries.editors import find_editors_group

PASSWORD = "editor"  # noqa: S105 — development only; refused unless DEBUG is on.


class Command(BaseCommand):
    help = (
        "Create a development account in a country's editors' group, to try the admin as a country's "
        "editor: username the country's ISO code in lower case (“uy”), password “editor” "
        "(only when DEBUG is on; idempotent)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--country", default="UY", help="The country's ISO 3166 alpha-2 code (default UY)."
        )

    def handle(self, *args, country: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Refusing to create a known-password account when DEBUG is off.")
        group = find_editors_group(country.upper())
        if group is None:
            raise CommandError(f"No editors' group for {country}: load the reference data first.")
        username = country.lower()
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"“{username}” (password “{PASSWORD}”) edits as {group.name}."))
