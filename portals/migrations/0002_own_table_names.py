from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="institution",
            table=None,
        ),
        migrations.AlterModelTable(
            name="portal",
            table=None,
        ),
        migrations.AlterModelTable(
            name="portaldirectorypage",
            table=None,
        ),
    ]
