"""Every new country profile gets its own editors' group, whether made in the admin or in code."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from countries.editors import ensure_editors_group
from countries.models import CountryPage


@receiver(post_save, sender=CountryPage, dispatch_uid="countries.country_editors_group")
def create_country_editors_group(
    sender: type[CountryPage], instance: CountryPage, created: bool, raw: bool, **kwargs
) -> None:
    # Fixtures (raw) bring their own groups and permissions.
    if created and not raw:
        ensure_editors_group(instance)
