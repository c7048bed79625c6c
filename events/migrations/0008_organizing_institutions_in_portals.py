import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_event_topics"),
        ("portals", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="eventpage",
                    name="organizing_institutions",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="events_organized",
                        to="portals.institution",
                        verbose_name="organizing institutions",
                    ),
                ),
            ],
        ),
    ]
