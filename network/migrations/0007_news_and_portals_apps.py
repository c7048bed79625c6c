from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_organizing_institutions_in_portals"),
        ("network", "0006_document_facets_index"),
        ("news", "0001_initial"),
        ("portals", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="portal",
                    name="institution",
                ),
                migrations.RemoveField(
                    model_name="newsindexpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="newspage",
                    name="countries",
                ),
                migrations.RemoveField(
                    model_name="newspage",
                    name="image",
                ),
                migrations.RemoveField(
                    model_name="newspage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="newspage",
                    name="topics",
                ),
                migrations.RemoveField(
                    model_name="portal",
                    name="country",
                ),
                migrations.RemoveField(
                    model_name="portaldirectorypage",
                    name="page_ptr",
                ),
                migrations.DeleteModel(
                    name="Institution",
                ),
                migrations.DeleteModel(
                    name="NewsIndexPage",
                ),
                migrations.DeleteModel(
                    name="NewsPage",
                ),
                migrations.DeleteModel(
                    name="Portal",
                ),
                migrations.DeleteModel(
                    name="PortalDirectoryPage",
                ),
            ],
        ),
    ]
