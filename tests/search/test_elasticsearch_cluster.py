"""The search's behaviour tests again on a real Elasticsearch cluster, plus what only that engine does.

Skipped unless ELASTICSEARCH_URL names a cluster::

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest tests/search/test_elasticsearch_cluster.py

Each test writes to indexes of its own prefix, deleted when it ends.
"""

import os
import uuid
from collections.abc import Iterator

from django.core.management import call_command

import pytest

from search.backends import get_search_engine
from search.backends.base import QUERY_KIND, IndexedVersion, IndexEntry, SearchQuery
from search.backends.elasticsearch import ElasticsearchEngine, client_for
from tests.search import test_robustness, test_search_page

CLUSTER_URL = os.environ.get("ELASTICSEARCH_URL", "")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not CLUSTER_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test"
    ),
]

# The embedded engines' behaviour tests, collected a second time here to run on Elasticsearch.
for _module in (test_search_page, test_robustness):
    globals().update(
        {name: item for name, item in vars(_module).items() if name.startswith(("test_", "Test"))}
    )


@pytest.fixture(autouse=True)
def index_prefix(request, settings) -> Iterator[str]:
    if marker := request.node.get_closest_marker("database_engines_only"):
        pytest.skip(f"not a behaviour of the Elasticsearch engine: {marker.args[0]}")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_URL = CLUSTER_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    # Wagtail's admin search is not under test: it stays on the database.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    yield prefix
    client = client_for(CLUSTER_URL)
    leftover = list(client.indices.get(index=f"{prefix}-*", expand_wildcards="all"))
    if leftover:
        client.indices.delete(index=leftover)


@pytest.fixture
def engine() -> ElasticsearchEngine:
    engine = get_search_engine()
    assert isinstance(engine, ElasticsearchEngine)
    return engine


def entry(source: str, title: str, language: str = "es", text: str = "") -> IndexEntry:
    return IndexEntry(
        source=source, language=language, kind="page", title=title, text=text, url=f"/{source}/"
    )


def titles(engine: ElasticsearchEngine, text: str, language: str = "es", **options) -> list[str]:
    return [hit.title for hit in engine.search(SearchQuery(text, language, **options)).hits]


def indexes(engine: ElasticsearchEngine) -> set[str]:
    return set(engine.client.indices.get(index=f"{engine.prefix}-*"))


def tokens(engine: ElasticsearchEngine, language: str, text: str) -> list[str]:
    analyzed = engine.client.indices.analyze(index=engine.alias(language), analyzer="language", text=text)
    return [token["token"] for token in analyzed["tokens"]]


class TestIndexes:
    def test_the_first_write_creates_every_language_index_behind_its_alias(self, engine):
        engine.replace("page:1", [entry("page:1", "Chile")])
        aliased = engine.client.indices.get_alias(name=engine.aliases)
        assert {alias for details in aliased.values() for alias in details["aliases"]} == set(engine.aliases)
        assert all(index.startswith(f"{engine.prefix}-") for index in aliased)

    def test_spanish_analysis_folds_accents_drops_stop_words_and_stems_plurals(self, engine):
        engine.replace("page:1", [entry("page:1", "Chile")])
        assert tokens(engine, "es", "contrataciones") == tokens(engine, "es", "Contratación")
        assert tokens(engine, "es", "públicas") == tokens(engine, "es", "publica")
        assert tokens(engine, "es", "de las") == []

    def test_english_analysis_stems_and_drops_possessives(self, engine):
        engine.replace("page:1", [entry("page:1", "Chile")])
        assert tokens(engine, "en", "procurement") == tokens(engine, "en", "procure")
        assert tokens(engine, "en", "agency's") == tokens(engine, "en", "agency")
        assert tokens(engine, "en", "the") == []

    def test_replace_keeps_only_the_given_language_versions(self, engine):
        engine.replace("page:1", [entry("page:1", "Chile"), entry("page:1", "Chile", language="en")])
        assert engine.versions("page:1") == {
            "es": IndexedVersion("/page:1/", "Chile"),
            "en": IndexedVersion("/page:1/", "Chile"),
        }
        engine.replace("page:1", [entry("page:1", "Chile")])
        assert engine.versions("page:1") == {"es": IndexedVersion("/page:1/", "Chile")}
        assert engine.count() == 1
        engine.delete("page:1")
        assert engine.count() == 0


class TestRebuild:
    def test_readers_see_the_old_index_until_the_new_one_is_complete(self, engine):
        engine.replace("page:1", [entry("page:1", "Informe antiguo")])
        before = indexes(engine)

        def new_entries():
            yield entry("page:2", "Informe nuevo")
            assert titles(engine, "informe") == ["Informe antiguo"]

        assert engine.rebuild(new_entries()) == 1
        assert titles(engine, "informe") == ["Informe nuevo"]
        assert indexes(engine).isdisjoint(before)
        assert len(indexes(engine)) == len(engine.languages)

    def test_a_failed_rebuild_keeps_the_old_index_and_leaves_no_new_one(self, engine):
        engine.replace("page:1", [entry("page:1", "Informe antiguo")])
        before = indexes(engine)

        def failing_entries():
            yield entry("page:2", "Informe nuevo")
            raise RuntimeError("the database went away")

        with pytest.raises(RuntimeError):
            engine.rebuild(failing_entries())
        assert indexes(engine) == before
        assert titles(engine, "informe") == ["Informe antiguo"]

    def test_clear_empties_every_language_without_leaving_old_indexes(self, engine):
        engine.replace("page:1", [entry("page:1", "Chile"), entry("page:1", "Chile", language="en")])
        engine.clear()
        assert engine.count() == 0
        assert len(indexes(engine)) == len(engine.languages)

    def test_the_rebuild_command_fills_the_index(self, engine, site):
        engine.clear()
        call_command("rebuild_search_index", "--no-progress", verbosity=0)
        assert engine.count() > 0
        assert titles(engine, "datos abiertos")[0] == "Datos abiertos"


class TestEngine:
    def test_autocomplete_lists_countries_first_and_completes_every_word(self, engine, site):
        assert engine.complete("chi", "es")[0].title == "Chile"
        completions = engine.complete("comp pym", "es")
        assert [item.title for item in completions if item.kind != QUERY_KIND] == [
            "Compras públicas para pymes"
        ]
        assert engine.complete("mexco", "es")[0].title == "México"
        queries = [item.title for item in engine.complete("compras pub", "es") if item.kind == QUERY_KIND]
        assert "compras públicas" in queries

    def test_every_language_shows_each_page_once(self, engine, site):
        results = engine.search(SearchQuery("chile", "en", all_languages=True))
        sources = [hit.source for hit in results.hits]
        assert len(sources) == len(set(sources)) == results.total
        assert sum(count.count for count in results.facets["kind"]) == results.total

    def test_a_country_named_is_told_apart_from_the_other_words(self, engine, site):
        assert engine.named_countries(SearchQuery("elecciones en Mexico y Chile", "es")) == {
            "mexico": "MX",
            "chile": "CL",
        }
        assert engine.country_words(SearchQuery("elecciones en Mexico y Chile", "es")) == {"mexico", "chile"}
        assert engine.country_words(SearchQuery("datos abiertos", "es")) == set()

    def test_nothing_indexed_yet_finds_nothing(self, engine):
        assert engine.search(SearchQuery("chile", "es")).total == 0
        assert engine.complete("chi", "es") == []
        assert engine.count() == 0
