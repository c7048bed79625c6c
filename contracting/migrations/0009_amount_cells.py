"""The explorer's counts of processes per band of tender values (PostgreSQL only, ``contracting.cells``).

- ``contracting_amount_cell``: the processes with an amount per band (0 and a 1-2-5 series per
  decade: ``cells.AMOUNT_LIMITS``), whether the amount is the band's limit, and combination of
  the six facet values; a tender-value range whose bounds are limits is summed from them.
- ``contracting_word_amount_cell``: for each frequent word of the word cells, its processes
  per currency, band and value of each facet on its own; a frequent word with such a range
  is summed from them.

Filled by ``cells.fill_amounts`` and ``cells.fill_word_amounts`` after each import, and here
for the datasets already imported. No foreign keys, like the other cells (migration 0004).
"""

from django.db import migrations

AMOUNT_CELLS = """
CREATE TABLE IF NOT EXISTS contracting_amount_cell (
    dataset_id bigint NOT NULL,
    amount_from numeric(20, 2) NOT NULL,
    amount_exact boolean NOT NULL,
    year smallint NOT NULL,
    method varchar(10) NOT NULL,
    method_details varchar(255) NOT NULL,
    category varchar(10) NOT NULL,
    status varchar(20) NOT NULL,
    tender_currency varchar(3) NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS amount_cell_by_band ON contracting_amount_cell (dataset_id, amount_from);
CREATE TABLE IF NOT EXISTS contracting_word_amount_cell (
    dataset_id bigint NOT NULL,
    word text NOT NULL,
    tender_currency varchar(3) NOT NULL,
    amount_from numeric(20, 2) NOT NULL,
    amount_exact boolean NOT NULL,
    facet varchar(10) NOT NULL,
    value text NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS word_amount_cell_by_word
    ON contracting_word_amount_cell (dataset_id, word, amount_from);
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(AMOUNT_CELLS)
    from contracting.cells import fill_amounts, fill_word_amounts

    for dataset in apps.get_model("contracting", "Dataset").objects.values_list("pk", flat=True):
        fill_amounts(dataset)
        fill_word_amounts(dataset)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS contracting_word_amount_cell")
        schema_editor.execute("DROP TABLE IF EXISTS contracting_amount_cell")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0008_process_words")]

    operations = [migrations.RunPython(create, drop)]
