"""SQLite only: the full-text index's vocabulary, one row per occurrence of a term.

A term's postings (its entries, whether it is in their title, and how often in
each column, as bm25 weighs them) are read from it once per index version
(``search.backends.postings``). An fts5vocab table is a view of the index: it
holds no data of its own and needs no trigger.
"""

from django.db import migrations

STATEMENTS = {
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE search_searchentry_fts_instances "
            "USING fts5vocab(search_searchentry_fts, instance)"
        ],
        ["DROP TABLE IF EXISTS search_searchentry_fts_instances"],
    )
}


def run(schema_editor, direction: int) -> None:
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    for statement in statements[direction] if statements else ():
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    run(schema_editor, 0)


def backward(apps, schema_editor) -> None:
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("search", "0012_postgres_title_words")]

    operations = [migrations.RunPython(forward, backward)]
