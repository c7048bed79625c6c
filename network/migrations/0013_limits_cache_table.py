"""The table of the counts of the limits per client (settings CACHES "limits"), on a deployment
migrated before they had a table of their own.

`createcachetable` creates every database cache's table that is missing and skips the others;
the table holds only counts that expire, so migrating backwards leaves it.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("network", "0012_shared_cache_table")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
