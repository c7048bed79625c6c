"""An index of each year's tender values within a currency (PostgreSQL only).

A tender-value range with a year (``currency=USD&min=1000&max=5000&year=2024&method=open``)
had its processes' ids and buyers read from ``process_by_amount_asc``, whose range holds
every year's processes: 103,000 index entries read at a million processes to keep the 2,500
of one year and method (50–90 ms). ``process_by_year_amount`` orders each dataset's
processes by year, then currency and amount, with the id, buyer and the other facet columns
beside them, so that such a selection reads the entries of its year's range alone (about
10,000, 4 ms), from the index alone. An index, not a table: PostgreSQL keeps it as the
processes are written, so nothing refreshes it. Reversed by dropping it.
"""

from django.db import migrations

INDEX = "process_by_year_amount"
DEFINITION = (
    "contracting_process (dataset_id, year, tender_currency, tender_amount)"
    " INCLUDE (id, method, method_details, category, status, buyer_id)"
)


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {DEFINITION}")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0010_word_sets")]

    operations = [migrations.RunPython(create, drop)]
