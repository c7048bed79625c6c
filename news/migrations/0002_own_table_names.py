from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="newsindexpage",
            table=None,
        ),
        migrations.AlterModelTable(
            name="newspage",
            table=None,
        ),
    ]
