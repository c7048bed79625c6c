# The glossary whose concept terms every index entry holds (search.glossary). Existing indexes start
# without one: searches match the glossary's expressions as phrases until the index is rebuilt.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_glossary_place"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchindexversion",
            name="glossary",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
    ]
