"""Each frequent word's processes, as the bits of their ids (PostgreSQL only, ``contracting.cells``).

``contracting_word_set`` holds, for each word of the word cells, a row of bits per ``SET_CHUNK``
process ids, a bit set for each process the word finds (in its title, description, buyer's or
suppliers' names). A frequent word with a buyer, an industry or an amount range is tested on
each process from its id (``cells.in_word_set``), so that the processes are read from the
indexes that hold their facets' values. Filled by ``cells.fill_word_sets`` after each import,
and here for the datasets already imported. No foreign key, like the other cells (migration 0004).
"""

from django.db import migrations

WORD_SETS = """
CREATE TABLE IF NOT EXISTS contracting_word_set (
    dataset_id bigint NOT NULL,
    word text NOT NULL,
    chunk integer NOT NULL,
    bits bit(8192) NOT NULL -- cells.SET_CHUNK bits
);
CREATE INDEX IF NOT EXISTS word_set_by_word ON contracting_word_set (dataset_id, word, chunk);
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(WORD_SETS)
    from contracting.cells import fill_word_sets

    for dataset in apps.get_model("contracting", "Dataset").objects.values_list("pk", flat=True):
        fill_word_sets(dataset)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS contracting_word_set")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0009_amount_cells")]

    operations = [migrations.RunPython(create, drop)]
