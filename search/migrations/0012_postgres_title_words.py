"""PostgreSQL only: autocomplete's title words move to a narrow table of their own, with each entry's language.

Autocomplete reads up to 2,000 entries whose title has a word beginning with what
was typed. In the match table those rows sit among the weighted vectors of the
whole text, about seven to a page: at 100,000 entries a two-letter prefix read
3,300 pages (12-15 ms of a 17 ms completion). Here they are the id, the language
and the title's words, about 60 to a page, and the language is asked in the same
query, so every candidate is in the reader's language. Statement triggers fill
the table as they fill the match table.

Like the matches (migration search/0011), the candidates are read through the GIN
index, in a function that keeps the planner off the sequential scan: with
statistics, it scanned the table until it had 2,000 titles with "chil" (45,000
rows tested, 11-15 ms), where the index takes 4-8 ms whatever the prefix.

The match table keeps the dropped column's data in its existing rows until they
are rewritten: ``manage.py rebuild_search_index`` after the upgrade rewrites them.
"""

from django.db import migrations

MATCH_VECTORS = """
    SELECT id,
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', keyword_terms), 'B')
        || setweight(to_tsvector('simple', text_terms), 'D'),
        to_tsvector('simple', title_terms)
"""
INSERT_MATCHES = "INSERT INTO search_searchentry_match (id, search_vector, title_vector)"
# The match table's insert as migration search/0005 wrote it, with the title words.
OLD_MATCH_VECTORS = MATCH_VECTORS + ", to_tsvector('simple', title_words)"
OLD_INSERT_MATCHES = "INSERT INTO search_searchentry_match (id, search_vector, title_vector, word_vector)"
INSERT_WORDS = """
    INSERT INTO search_searchentry_words (id, language, word_vector)
    SELECT id, language, to_tsvector('simple', title_words)
"""


def match_functions(insert: str, vectors: str) -> list[str]:
    """The match table's insert and update trigger functions, writing ``vectors`` with ``insert``."""
    return [
        f"""
        CREATE OR REPLACE FUNCTION search_searchentry_match_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {insert} {vectors} FROM changed_rows;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION search_searchentry_match_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM search_searchentry_match USING removed_rows
            WHERE search_searchentry_match.id = removed_rows.id;
            {insert} {vectors} FROM changed_rows;
            RETURN NULL;
        END $$
        """,  # noqa: S608 (constants only)
    ]


POSTGRES_FORWARD = [
    """
    CREATE TABLE search_searchentry_words (
        id bigint PRIMARY KEY,
        language varchar(8) NOT NULL,
        word_vector tsvector NOT NULL
    )
    """,
    f"""
    CREATE FUNCTION search_searchentry_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {INSERT_WORDS} FROM changed_rows;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION search_searchentry_words_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_searchentry_words USING removed_rows WHERE search_searchentry_words.id = removed_rows.id;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE FUNCTION search_searchentry_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_searchentry_words USING removed_rows WHERE search_searchentry_words.id = removed_rows.id;
        {INSERT_WORDS} FROM changed_rows;
        RETURN NULL;
    END $$
    """,  # noqa: S608 (constants only)
    """
    CREATE FUNCTION search_searchentry_words_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_searchentry_words;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER search_searchentry_words_insert AFTER INSERT ON search_searchentry
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_words_insert()
    """,
    """
    CREATE TRIGGER search_searchentry_words_delete AFTER DELETE ON search_searchentry
    REFERENCING OLD TABLE AS removed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_words_delete()
    """,
    """
    CREATE TRIGGER search_searchentry_words_update AFTER UPDATE ON search_searchentry
    REFERENCING OLD TABLE AS removed_rows NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_words_update()
    """,
    """
    CREATE TRIGGER search_searchentry_words_truncate AFTER TRUNCATE ON search_searchentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchentry_words_truncate()
    """,
    f"{INSERT_WORDS} FROM search_searchentry",
    "CREATE INDEX search_searchentry_words_word ON search_searchentry_words USING gin (word_vector)",
    """
    CREATE FUNCTION search_searchentry_title_words(
        in_language text, prefix_query text, whole_query text, candidates int
    )
    RETURNS TABLE (id bigint, whole boolean)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT w.id, coalesce(w.word_vector @@ to_tsquery('simple', whole_query), false)
        FROM search_searchentry_words w
        WHERE w.language = in_language AND w.word_vector @@ to_tsquery('simple', prefix_query)
        LIMIT candidates
    $$
    """,
    *match_functions(INSERT_MATCHES, MATCH_VECTORS),
    "DROP INDEX search_searchentry_match_word",
    "ALTER TABLE search_searchentry_match DROP COLUMN word_vector",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchentry_match ADD COLUMN word_vector tsvector",
    """
    UPDATE search_searchentry_match m SET word_vector = to_tsvector('simple', e.title_words)
    FROM search_searchentry e WHERE e.id = m.id
    """,
    "ALTER TABLE search_searchentry_match ALTER COLUMN word_vector SET NOT NULL",
    "CREATE INDEX search_searchentry_match_word ON search_searchentry_match USING gin (word_vector)",
    *match_functions(OLD_INSERT_MATCHES, OLD_MATCH_VECTORS),
    "DROP FUNCTION search_searchentry_title_words(text, text, text, int)",
    "DROP TRIGGER search_searchentry_words_truncate ON search_searchentry",
    "DROP TRIGGER search_searchentry_words_update ON search_searchentry",
    "DROP TRIGGER search_searchentry_words_delete ON search_searchentry",
    "DROP TRIGGER search_searchentry_words_insert ON search_searchentry",
    "DROP FUNCTION search_searchentry_words_truncate()",
    "DROP FUNCTION search_searchentry_words_update()",
    "DROP FUNCTION search_searchentry_words_delete()",
    "DROP FUNCTION search_searchentry_words_insert()",
    "DROP TABLE search_searchentry_words",
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
    dependencies = [("search", "0011_postgres_matches_by_index")]

    operations = [migrations.RunPython(forward, backward)]
