from django.db.models.signals import post_save
from django.dispatch import receiver

from events.models import EventIndexPage
from events.moderation import moderate_events_under


@receiver(post_save, sender=EventIndexPage, dispatch_uid="events_moderate_new_event_index")
def moderate_new_event_index(sender, instance: EventIndexPage, created: bool, raw: bool, **kwargs) -> None:
    """A new event index gets the approval workflow and the groups' permissions right away."""
    if created and not raw:
        moderate_events_under(instance)
