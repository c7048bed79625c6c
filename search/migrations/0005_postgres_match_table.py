"""PostgreSQL only: the tsvectors move from search_searchentry to a narrow table kept in step by triggers.

Finding the entries that match a word reads each matching row from the table
(GIN indexes cannot answer on their own), so with the displayed text beside the
vectors a common word read most of a wide table. The narrow table holds only the
id and the vectors: the weighted one for matching and ranking, the title's
stemmed terms (title matches need no weight, so no row is checked twice) and its
folded words for autocomplete. Statement triggers fill it from each statement's
changed rows, as SQLite's triggers fill its FTS5 tables. The entry table keeps
the dropped columns' data in its existing rows until they are rewritten:
``manage.py rebuild_search_index`` after the upgrade rewrites them all.
"""

from django.db import migrations

VECTORS = """
    SELECT id,
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', keyword_terms), 'B')
        || setweight(to_tsvector('simple', text_terms), 'D'),
        to_tsvector('simple', title_terms),
        to_tsvector('simple', title_words)
"""
INSERT_VECTORS = "INSERT INTO search_searchentry_match (id, search_vector, title_vector, word_vector)"

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_searchentry_title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    "DROP INDEX IF EXISTS search_searchentry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    """
    CREATE TABLE search_searchentry_match (
        id bigint PRIMARY KEY,
        search_vector tsvector NOT NULL,
        title_vector tsvector NOT NULL,
        word_vector tsvector NOT NULL
    )
    """,
    f"""
    CREATE FUNCTION search_searchentry_match_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {INSERT_VECTORS} {VECTORS} FROM changed_rows;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION search_searchentry_match_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_searchentry_match USING removed_rows WHERE search_searchentry_match.id = removed_rows.id;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE FUNCTION search_searchentry_match_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_searchentry_match USING removed_rows WHERE search_searchentry_match.id = removed_rows.id;
        {INSERT_VECTORS} {VECTORS} FROM changed_rows;
        RETURN NULL;
    END $$
    """,  # noqa: S608 (constants only)
    """
    CREATE FUNCTION search_searchentry_match_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_searchentry_match;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER search_searchentry_match_insert AFTER INSERT ON search_searchentry
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_match_insert()
    """,
    """
    CREATE TRIGGER search_searchentry_match_delete AFTER DELETE ON search_searchentry
    REFERENCING OLD TABLE AS removed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_match_delete()
    """,
    """
    CREATE TRIGGER search_searchentry_match_update AFTER UPDATE ON search_searchentry
    REFERENCING OLD TABLE AS removed_rows NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_match_update()
    """,
    """
    CREATE TRIGGER search_searchentry_match_truncate AFTER TRUNCATE ON search_searchentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_match_truncate()
    """,
    f"{INSERT_VECTORS} {VECTORS} FROM search_searchentry",
    "CREATE INDEX search_searchentry_match_search ON search_searchentry_match USING gin (search_vector)",
    "CREATE INDEX search_searchentry_match_title ON search_searchentry_match USING gin (title_vector)",
    "CREATE INDEX search_searchentry_match_word ON search_searchentry_match USING gin (word_vector)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_match_truncate ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_searchentry_match_update ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_searchentry_match_delete ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_searchentry_match_insert ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_searchentry_match_truncate()",
    "DROP FUNCTION IF EXISTS search_searchentry_match_update()",
    "DROP FUNCTION IF EXISTS search_searchentry_match_delete()",
    "DROP FUNCTION IF EXISTS search_searchentry_match_insert()",
    "DROP TABLE IF EXISTS search_searchentry_match",
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', keyword_terms), 'B')
        || setweight(to_tsvector('simple', text_terms), 'D')
    ) STORED
    """,
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING gin (search_vector)",
    """
    ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', title_words)
    ) STORED
    """,
    "CREATE INDEX search_searchentry_title_vector ON search_searchentry USING gin (title_vector)",
]

STATEMENTS = {"postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD)}


def run(schema_editor, direction: int) -> None:
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    for statement in statements[direction] if statements else ():
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    run(schema_editor, 0)


def backward(apps, schema_editor) -> None:
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_index")]

    operations = [migrations.RunPython(forward, backward)]
