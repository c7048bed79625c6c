"""PostgreSQL only: the entries matching a full-text query are read through the GIN index, always.

Once the match table has statistics (autovacuum analyses it in every ordinary
deployment), the planner reads a common word's matches by scanning the whole
table: 60 % of the rows, it reckons, are cheaper to read in order than through
the index. It is not so: the scan decompresses every row's vector to test it,
where the index names the matching rows without reading any vector. At 100,000
entries, "observatory" took 186 ms scanned and 65 ms through the index, and the
benchmark's p95 went from 163 to 457 ms after ``ANALYZE``. The query is a
function whose own setting keeps the planner off the sequential scan while it
runs, and only then.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION search_searchentry_matches(expression text)
    RETURNS TABLE (matches text, titles text)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT string_agg(m.id::text, ','),
            string_agg(m.id::text, ',') FILTER (WHERE m.title_vector @@ q.query)
        FROM search_searchentry_match m, to_tsquery('simple', expression) AS q(query)
        WHERE m.search_vector @@ q.query
    $$
    """,
]
POSTGRES_BACKWARD = ["DROP FUNCTION IF EXISTS search_searchentry_matches(text)"]

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
    dependencies = [("search", "0010_index_glossary")]

    operations = [migrations.RunPython(forward, backward)]
