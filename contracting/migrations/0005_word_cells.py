"""The explorer's counts of the processes of each frequent word (PostgreSQL only, ``contracting.cells``).

One row per dataset, word and combination of the six facet values, filled by ``cells.fill_words``
after each import and here for the datasets already imported. Like the other cells, the table
has no foreign key (``flush`` truncates the datasets without knowing it); ``fill_words`` drops
the rows of deleted datasets.
"""

from django.db import migrations

WORD_CELLS = """
CREATE TABLE IF NOT EXISTS contracting_word_cell (
    dataset_id bigint NOT NULL,
    word text NOT NULL,
    year smallint NOT NULL,
    method varchar(10) NOT NULL,
    method_details varchar(255) NOT NULL,
    category varchar(10) NOT NULL,
    status varchar(20) NOT NULL,
    tender_currency varchar(3) NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS word_cell_by_word ON contracting_word_cell (dataset_id, word);
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(WORD_CELLS)
    from contracting.cells import fill_words

    for pk, processes in apps.get_model("contracting", "Dataset").objects.values_list("pk", "process_count"):
        fill_words(pk, processes)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS contracting_word_cell")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0004_cells_without_foreign_keys")]

    operations = [migrations.RunPython(create, drop)]
