"""A bulk load (the reference data, the demo content) writes the search index once, at its end."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from countries.models import CountryPage
from search import indexing
from search.models import SearchEntry
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db


def load_reference_data() -> list[str]:
    """The statements that wrote the index while the reference data loaded."""
    with CaptureQueriesContext(connection) as queries:
        call_command("load_reference_data", stdout=io.StringIO())
    index_table = SearchEntry._meta.db_table
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(("INSERT", "UPDATE", "DELETE")) and index_table in query["sql"]
    ]


def test_the_reference_data_is_indexed_once_not_page_by_page_and_not_again_when_unchanged(client):
    writes = load_reference_data()
    assert 0 < len(writes) < CountryPage.objects.count()
    assert SearchEntry.objects.count() == sum(1 for _entry in indexing.all_entries())
    with translation.override("en"):
        response = client.get(reverse("search"), {"q": "Guatemala"})
    assert result_titles(response.content.decode())[0] == "Guatemala"

    assert load_reference_data() == []
