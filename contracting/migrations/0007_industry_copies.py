"""Each industry row (``Classification``) keeps a copy of its process's dataset, buyer and the
values the explorer filters and sorts by (``Sorted``), with an index that holds them.

A selection by an industry and other filters read every process of the industry (15,600 at a
million, from all over the table) to keep those that match the rest; an industry's deep page
read them all to sort them. With the copies, both read only the industry's index: its rows of
one dataset in date order (the explorer's default sort), every copied value beside them, so
that the rows matching the other filters are picked out in the index and a page stops after
its rows. On PostgreSQL the values are included in the index (``INCLUDE``); SQLite, at sample
volumes, gets the key alone. The index replaces migration 0003's ``classification_by_industry``
(scheme, code, process), which its key starts with.

The rows already imported get their process's values here; the importer writes them with
each row from now on. Reversing the migration drops the columns and restores the old index.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_INDEX = "classification_by_industry"
OLD_KEY = "contracting_classification (scheme, code, process_id)"
INDEX = "classification_by_industry_sorted"
KEY = "contracting_classification (scheme, code, dataset_id, date DESC, process_id DESC)"
OWN_COLUMNS = ("id", "process_id", "scheme", "code")


def copied_columns(apps) -> list[str]:
    """The columns of the copies, as this migration's state of the model has them."""
    model = apps.get_model("contracting", "Classification")
    return [field.column for field in model._meta.local_fields if field.column not in OWN_COLUMNS]


def fill(apps, schema_editor) -> None:
    columns = copied_columns(apps)
    assignments = ", ".join(f"{column} = process.{column}" for column in columns)
    schema_editor.execute(
        f"UPDATE contracting_classification SET {assignments} "  # noqa: S608 (constants only)
        "FROM contracting_process AS process WHERE process.id = contracting_classification.process_id"
    )


def create_index(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    if schema_editor.connection.vendor == "postgresql":
        included = [column for column in copied_columns(apps) if column not in ("dataset_id", "date")]
        schema_editor.execute(f"CREATE INDEX {INDEX} ON {KEY} INCLUDE ({', '.join(included)})")
        schema_editor.execute("ANALYZE contracting_classification")
    else:
        schema_editor.execute(f"CREATE INDEX {INDEX} ON {KEY}")


def drop_index(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON {OLD_KEY}")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0006_industry_cells")]

    operations = [
        # Nullable while the rows already imported have no values; required once filled.
        migrations.AddField(
            model_name="classification",
            name="dataset",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contracting.dataset",
            ),
        ),
        migrations.AddField(
            model_name="classification",
            name="buyer",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="contracting.organisation",
            ),
        ),
        migrations.AddField(
            model_name="classification",
            name="method",
            field=models.CharField(
                blank=True,
                choices=[
                    ("open", "Open"),
                    ("selective", "Selective"),
                    ("limited", "Limited"),
                    ("direct", "Direct"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="classification",
            name="method_details",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="classification",
            name="category",
            field=models.CharField(
                blank=True,
                choices=[("goods", "Goods"), ("works", "Works"), ("services", "Services")],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="classification",
            name="status",
            field=models.CharField(blank=True, help_text="tender.status", max_length=20),
        ),
        migrations.AddField(
            model_name="classification",
            name="tender_amount",
            field=models.DecimalField(decimal_places=2, max_digits=20, null=True),
        ),
        migrations.AddField(
            model_name="classification",
            name="tender_currency",
            field=models.CharField(blank=True, max_length=3),
        ),
        migrations.AddField(
            model_name="classification",
            name="date",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="classification",
            name="year",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="classification",
            name="dataset",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contracting.dataset",
            ),
        ),
        migrations.AlterField(
            model_name="classification",
            name="date",
            field=models.DateField(),
        ),
        migrations.AlterField(
            model_name="classification",
            name="year",
            field=models.PositiveSmallIntegerField(),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
