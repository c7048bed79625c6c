"""Which engine serves the public search: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from search.backends.base import SearchEngine

ENGINES = {
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchEngine",
    "sqlite": "search.backends.database.SQLiteEngine",
    "postgresql": "search.backends.database.PostgresEngine",
}


def get_search_engine() -> SearchEngine:
    """The engine for this configuration; cheap to call, engines keep no state of their own."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return import_string(ENGINES["elasticsearch"])()
    if connection.vendor not in ENGINES:
        raise NotImplementedError(f"No search engine for the {connection.vendor} database.")
    return import_string(ENGINES[connection.vendor])()
