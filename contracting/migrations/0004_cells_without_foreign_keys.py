"""The explorer's tables of facet counts (PostgreSQL only, ``contracting.cells``) lose their
foreign keys to the datasets.

Django does not know these tables, so ``flush`` (an operator's, or a test's) truncated the
datasets without them, which PostgreSQL refuses while they reference it. Their rows are
recomputed per dataset after each import, and ``cells.fill`` drops those of deleted datasets.
"""

from django.db import migrations

TABLES = ("contracting_process_cell", "contracting_industry_cell")


def drop_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_dataset_id_fkey")


def add_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"DELETE FROM {table} WHERE dataset_id NOT IN (SELECT id FROM contracting_dataset)"  # noqa: S608 (constants only)
            )
            schema_editor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {table}_dataset_id_fkey "
                "FOREIGN KEY (dataset_id) REFERENCES contracting_dataset (id) ON DELETE CASCADE"
            )


class Migration(migrations.Migration):
    dependencies = [("contracting", "0003_explorer")]

    operations = [migrations.RunPython(drop_foreign_keys, add_foreign_keys)]
