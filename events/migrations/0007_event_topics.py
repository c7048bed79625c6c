from django.db import migrations, models


def fill_event_topics(apps, schema_editor) -> None:
    """Each event's topics from its sessions and agreements, as EventPage.save keeps them from now on."""
    EventPage = apps.get_model("events", "EventPage")
    EventSession = apps.get_model("events", "EventSession")
    EventAgreement = apps.get_model("events", "EventAgreement")
    pairs = {
        *EventSession.topics.through.objects.values_list("eventsession__page_id", "topicpage_id"),
        *EventAgreement.topics.through.objects.values_list("eventagreement__page_id", "topicpage_id"),
    }
    EventTopic = EventPage.topics.through
    EventTopic.objects.bulk_create(
        [EventTopic(eventpage_id=event, topicpage_id=topic) for event, topic in sorted(pairs)], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_date_indexes"),
        ("network", "0005_page_depth_path_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="topics",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                help_text="The topics of its sessions and agreements, kept up to date when the event is saved.",
                related_name="events",
                to="network.topicpage",
                verbose_name="topics",
            ),
        ),
        # Undone by removing the field, which drops the rows.
        migrations.RunPython(fill_event_topics, migrations.RunPython.noop),
    ]
