from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_postgres_match_table"),
    ]

    operations = [
        migrations.DeleteModel(
            name="SearchFacet",
        ),
    ]
