"""The database's full-text index follows every write to the entries, whoever makes it.

The FTS5 tables (SQLite) and the match table (PostgreSQL) are kept in step by
triggers, so these tests write with plain SQL and the ORM, not only the engine.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from search.analysis import analyze
from search.backends import get_search_engine
from search.backends.base import IndexEntry, SearchQuery
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the match table and its triggers exist on PostgreSQL only"
)


def entry(source: str, title: str, text: str) -> IndexEntry:
    return IndexEntry(source=source, language="en", kind="page", title=title, text=text, url=f"/en/{source}/")


def found(word: str) -> list[str]:
    results = get_search_engine().search(SearchQuery(text=word, language="en"))
    return [hit.source for hit in results.hits]


def matching_ids(word: str) -> list[int]:
    """What the database's full-text index itself answers for ``word``'s term, read past every cache."""
    (term,) = analyze(word, "en")
    return get_search_engine()._postings((term,)).ids.tolist()


def completed_pages(typed: str) -> list[str]:
    return [completion.title for completion in get_search_engine().complete(typed, "en") if completion.url]


def counted(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def rows_in(table: str) -> int:
    return counted(f"SELECT count(*) FROM {table}")  # noqa: S608 (the tests' own table names)


def index_table_rows() -> set[int]:
    """The row counts of PostgreSQL's match and title-word tables: one row per entry in each."""
    return {rows_in("search_searchentry_match"), rows_in("search_searchentry_words")}


def migrate_search(to: str | None = None) -> None:
    """The search app's migrations back to ``to``, or forward to the latest."""
    executor = MigrationExecutor(connection)
    executor.migrate([("search", to)] if to else executor.loader.graph.leaf_nodes("search"))


def index_two_entries() -> None:
    get_search_engine().add(
        [
            entry("page:1", "Framework agreements", "Quokkas negotiate framework agreements."),
            entry("page:2", "Reverse auctions", "Wombats run reverse auctions."),
        ]
    )


@pytest.fixture
def indexed() -> None:
    index_two_entries()


@pytest.fixture
def indexed_in_fresh_tables() -> None:
    """The two entries in tables of one page each: the pages earlier tests wrote and rolled back stay
    in the tables' files, and the planner weighs a scan by them. Truncated in this test's
    transaction, the tables start from new files."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchentry")
    index_two_entries()


@pytest.mark.usefixtures("indexed")
def test_added_entries_are_found_by_their_words():
    assert found("quokkas") == ["page:1"]
    assert found("wombats") == ["page:2"]


@pytest.mark.usefixtures("indexed")
def test_an_entry_updated_in_place_is_found_by_its_new_words_only():
    SearchEntry.objects.filter(source="page:1").update(
        text="Platypuses", text_terms=" ".join(analyze("Platypuses", "en"))
    )
    assert found("platypuses") == ["page:1"]
    assert found("quokkas") == [] and matching_ids("quokkas") == []


@pytest.mark.usefixtures("indexed")
def test_a_deleted_entry_is_no_longer_found():
    get_search_engine().replace("page:1", [])
    SearchEntry.objects.filter(source="page:2").delete()
    get_search_engine().replace("page:3", [entry("page:3", "Catalogues", "Electronic catalogues.")])
    assert found("quokkas") == found("wombats") == []
    assert matching_ids("quokkas") == matching_ids("wombats") == []
    assert found("catalogues") == ["page:3"]


@on_postgresql
@pytest.mark.usefixtures("indexed")
def test_truncating_the_entries_empties_the_match_and_title_word_tables():
    assert index_table_rows() == {SearchEntry.objects.count()} != {0}
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchentry")
    assert index_table_rows() == {0}


@on_postgresql
@pytest.mark.usefixtures("indexed")
def test_autocomplete_follows_titles_renamed_and_entries_deleted_with_sql():
    assert completed_pages("rever") == ["Reverse auctions"]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_searchentry SET title = 'Wombats', title_words = 'wombats' WHERE source = 'page:2'"
        )
    assert completed_pages("rever") == []
    assert completed_pages("wom") == ["Wombats"]
    SearchEntry.objects.filter(source="page:2").delete()
    assert completed_pages("wom") == []
    assert rows_in("search_searchentry_words") == SearchEntry.objects.count() == 1


@on_postgresql
@pytest.mark.usefixtures("indexed")
def test_the_migration_moves_the_vectors_both_ways():
    migrate_search("0004_title_index")
    assert counted("SELECT count(*) FROM search_searchentry WHERE search_vector @@ 'quokka'::tsquery") == 1
    # Forward through 0005 (which moves the vectors) to the latest, whose tables the search reads.
    migrate_search()
    assert index_table_rows() == {SearchEntry.objects.count()}
    assert found("quokkas") == ["page:1"]
    assert completed_pages("framew") == ["Framework agreements"]


@on_postgresql
@pytest.mark.usefixtures("indexed")
def test_the_title_words_move_back_to_the_match_table_and_forward_again():
    migrate_search("0011_postgres_matches_by_index")
    assert counted("SELECT count(*) FROM search_searchentry_match WHERE word_vector @@ 'reverse'") == 1
    # Written while the title words are in the match table, and found after they move again.
    get_search_engine().replace("page:3", [entry("page:3", "Catalogues", "Electronic catalogues.")])
    migrate_search()
    assert rows_in("search_searchentry_words") == SearchEntry.objects.count() == 3
    assert completed_pages("catal") == ["Catalogues"]


def analysed_scans(table: str) -> tuple[int, int]:
    """``table`` analysed, then its sequential and index scans so far in this transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")  # noqa: S608 (the tests' own table names)
        cursor.execute("SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()


def plan(sql: str, params: list) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(line for (line,) in cursor.fetchall())


@on_postgresql
@pytest.mark.usefixtures("indexed_in_fresh_tables")
def test_matches_are_read_through_the_index_once_the_table_has_statistics():
    """Analysed, a table this small (like a common word's share of a large one) looks cheaper to scan
    whole; the matches are still read through the GIN index (migration search/0011)."""
    sequential, by_index = analysed_scans("search_searchentry_match")
    with connection.cursor() as cursor:
        cursor.execute("SELECT matches FROM search_searchentry_matches(%s)", analyze("quokkas", "en"))
        assert cursor.fetchone()[0]
    assert analysed_scans("search_searchentry_match") == (sequential, by_index + 1)
    # The same query planned with the table's statistics alone is a sequential scan.
    query = "SELECT id FROM search_searchentry_match WHERE search_vector @@ to_tsquery('simple', %s)"
    assert "Seq Scan" in plan(query, analyze("quokkas", "en"))


@on_postgresql
@pytest.mark.usefixtures("indexed_in_fresh_tables")
def test_autocomplete_reads_title_words_through_the_index_once_the_table_has_statistics():
    """As the matches (above): the planner, with statistics, would test every row's title words until
    it had enough candidates (migration search/0012)."""
    sequential, by_index = analysed_scans("search_searchentry_words")
    assert completed_pages("rev") == ["Reverse auctions"]
    assert analysed_scans("search_searchentry_words") == (sequential, by_index + 1)
    query = (
        "SELECT id FROM search_searchentry_words "
        "WHERE language = 'en' AND word_vector @@ to_tsquery('simple', %s) LIMIT 2000"
    )
    assert "Seq Scan" in plan(query, ["rev:*"])
