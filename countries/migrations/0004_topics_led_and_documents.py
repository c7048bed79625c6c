import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


def topics_led(**options) -> modelcluster.fields.ParentalManyToManyField:
    return modelcluster.fields.ParentalManyToManyField(
        blank=True,
        help_text="Topics on which the country coordinates the network's work.",
        related_name="lead_countries",
        to="network.topicpage",
        verbose_name="topics it coordinates",
        **options,
    )


def documents(**options) -> models.ManyToManyField:
    return models.ManyToManyField(
        blank=True,
        related_name="countries",
        to=settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="documents about the country",
        **options,
    )


class Migration(migrations.Migration):
    """The relations network/0008 gave up, taken over with their rows.

    The join tables of ``TopicPage.lead_countries`` and ``NetworkDocument.countries``
    have the same columns as those of the new fields: the state takes them over as
    they are, then they get the new fields' table names.
    """

    dependencies = [
        ("countries", "0003_date_indexes"),
        ("network", "0008_country_relations_to_countries"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="countrypage",
                    name="topics_led",
                    field=topics_led(db_table="network_topicpage_lead_countries"),
                ),
                migrations.AddField(
                    model_name="countrypage",
                    name="documents",
                    field=documents(db_table="network_networkdocument_countries"),
                ),
            ],
        ),
        migrations.AlterField(model_name="countrypage", name="topics_led", field=topics_led()),
        migrations.AlterField(model_name="countrypage", name="documents", field=documents()),
    ]
