"""A document can be the translation of another: search then indexes them as one document's
versions and shows readers the one in their language. Reversible: going back drops the links.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0013_limits_cache_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="networkdocument",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                help_text="The document in another language that this file translates. Search then shows readers the version in their language.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations",
                to="network.networkdocument",
                verbose_name="translation of",
            ),
        ),
    ]
