"""The shared cache's table (settings CACHES), so that `migrate` alone prepares a deployment.

`createcachetable` does nothing for a cache that is not in the database (Redis, or the tests'
local memory) and skips a table that exists; the table holds only what can be recomputed, so
migrating backwards leaves it.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("network", "0011_standard_page_roles")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
