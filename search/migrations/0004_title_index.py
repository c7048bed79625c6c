"""SQLite only: titles get a full-text index of their own, small enough to find title matches and serve
autocomplete quickly; the entry index no longer holds the title words.
"""

from django.db import migrations

INSERT_NEW = """
    INSERT INTO search_searchentry_fts(rowid, title_terms, text_terms, keyword_terms)
    VALUES (new.id, new.title_terms, new.text_terms, new.keyword_terms);
    INSERT INTO search_searchentry_titles(rowid, title_terms, title_words)
    VALUES (new.id, new.title_terms, new.title_words);
"""
DELETE_OLD = """
    INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_terms, text_terms, keyword_terms)
    VALUES ('delete', old.id, old.title_terms, old.text_terms, old.keyword_terms);
    INSERT INTO search_searchentry_titles(search_searchentry_titles, rowid, title_terms, title_words)
    VALUES ('delete', old.id, old.title_terms, old.title_words);
"""
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    "DROP TABLE IF EXISTS search_searchentry_fts",
    """
    CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        title_terms, text_terms, keyword_terms,
        content='search_searchentry', content_rowid='id', tokenize='ascii'
    )
    """,
    """
    CREATE VIRTUAL TABLE search_searchentry_titles USING fts5(
        title_terms, title_words,
        content='search_searchentry', content_rowid='id', tokenize='ascii'
    )
    """,
    "CREATE TRIGGER search_searchentry_index_insert AFTER INSERT ON search_searchentry BEGIN"
    + INSERT_NEW
    + "END",
    "CREATE TRIGGER search_searchentry_index_delete AFTER DELETE ON search_searchentry BEGIN"
    + DELETE_OLD
    + "END",
    "CREATE TRIGGER search_searchentry_index_update AFTER UPDATE ON search_searchentry BEGIN"
    + DELETE_OLD
    + INSERT_NEW
    + "END",
    "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')",
    "INSERT INTO search_searchentry_titles(search_searchentry_titles) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_index_update",
    "DROP TRIGGER IF EXISTS search_searchentry_index_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_index_insert",
    "DROP TABLE IF EXISTS search_searchentry_titles",
    "DROP TABLE IF EXISTS search_searchentry_fts",
    """
    CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        title_terms, text_terms, keyword_terms, title_words,
        content='search_searchentry', content_rowid='id', tokenize='ascii'
    )
    """,
    """
    CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(rowid, title_terms, text_terms, keyword_terms, title_words)
        VALUES (new.id, new.title_terms, new.text_terms, new.keyword_terms, new.title_words);
    END
    """,
    """
    CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_terms, text_terms, keyword_terms, title_words)
        VALUES ('delete', old.id, old.title_terms, old.text_terms, old.keyword_terms, old.title_words);
    END
    """,
    """
    CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_terms, text_terms, keyword_terms, title_words)
        VALUES ('delete', old.id, old.title_terms, old.text_terms, old.keyword_terms, old.title_words);
        INSERT INTO search_searchentry_fts(rowid, title_terms, text_terms, keyword_terms, title_words)
        VALUES (new.id, new.title_terms, new.text_terms, new.keyword_terms, new.title_words);
    END
    """,
    "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')",
]

STATEMENTS = {"sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD)}


def run(schema_editor, direction: int) -> None:
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    for statement in statements[direction] if statements else ():
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    run(schema_editor, 0)


def backward(apps, schema_editor) -> None:
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_version")]

    operations = [migrations.RunPython(forward, backward)]
