"""The explorer's counts of each industry's processes per combination of the six facet values,
and buyers in the amount index (PostgreSQL only).

- ``contracting_process_industry_cell`` (``contracting.cells``): a selection by an industry
  had its facets counted from its processes, tens of thousands read one by one from all over
  the table (0.2–0.4 s at a million processes); they are now summed from that industry's
  cells. ``cells.fill`` fills it after each import, and here for the datasets already
  imported (with their other cells). No foreign key, like the other cells (migration 0004).
- ``process_by_amount_asc`` gains ``buyer_id``: the buyers of a small tender-value range are
  listed from the index alone, where they were read from the table (0.36 s for a range, a
  year and a method).
"""

from django.db import migrations

PROCESS_INDUSTRY_CELLS = """
CREATE TABLE IF NOT EXISTS contracting_process_industry_cell (
    dataset_id bigint NOT NULL,
    scheme varchar(100) NOT NULL,
    code varchar(20) NOT NULL,
    year smallint NOT NULL,
    method varchar(10) NOT NULL,
    method_details varchar(255) NOT NULL,
    category varchar(10) NOT NULL,
    status varchar(20) NOT NULL,
    tender_currency varchar(3) NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS process_industry_cell_by_industry
    ON contracting_process_industry_cell (dataset_id, scheme, code);
"""
AMOUNT_INDEX = (
    "CREATE INDEX process_by_amount_asc ON contracting_process"
    " (dataset_id, tender_currency DESC, tender_amount ASC NULLS LAST, id)"
    " INCLUDE (year, method, method_details, category, status{buyer})"
)


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PROCESS_INDUSTRY_CELLS)
    schema_editor.execute("DROP INDEX IF EXISTS process_by_amount_asc")
    schema_editor.execute(AMOUNT_INDEX.format(buyer=", buyer_id"))
    from contracting.cells import fill

    for dataset in apps.get_model("contracting", "Dataset").objects.values_list("pk", flat=True):
        fill(dataset)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TABLE IF EXISTS contracting_process_industry_cell")
    schema_editor.execute("DROP INDEX IF EXISTS process_by_amount_asc")
    schema_editor.execute(AMOUNT_INDEX.format(buyer=""))


class Migration(migrations.Migration):
    dependencies = [("contracting", "0005_word_cells")]

    operations = [migrations.RunPython(create, drop)]
