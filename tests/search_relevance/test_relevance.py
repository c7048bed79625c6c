"""Relevance over the demo content: every judged query's page must come first, or nearly always.

The figure is the mean reciprocal rank (1 when the judged page is first, 1/2
when second, 0 when it is not on the first page), required to be at least 0.9
on each database.
"""

from django.urls import reverse
from django.utils import translation

import pytest

from tests.search.conftest import result_titles
from tests.search_relevance.judgments import ENGLISH, JUDGMENTS, SPANISH

pytestmark = pytest.mark.django_db

REQUIRED_MRR = 0.9


def first_page_titles(client, language: str, query: str) -> list[str]:
    with translation.override(language):
        response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return result_titles(response.content.decode())


def reciprocal_rank(titles: list[str], expected: str) -> float:
    return 1 / (titles.index(expected) + 1) if expected in titles else 0.0


def test_judgments_cover_both_languages_evenly():
    assert len(JUDGMENTS) >= 40
    assert len(SPANISH) == len(ENGLISH)


def test_mean_reciprocal_rank_over_the_demo_content(client, demo_site, capsys):
    misses = []
    ranks = []
    for language, query, expected in JUDGMENTS:
        titles = first_page_titles(client, language, query)
        rank = reciprocal_rank(titles, expected)
        ranks.append(rank)
        if rank < 1:
            misses.append(f"  [{language}] {query!r}: expected {expected!r}, got {titles[:3]}")
    mrr = sum(ranks) / len(ranks)
    with capsys.disabled():
        print(f"\nSearch relevance: MRR {mrr:.3f} over {len(ranks)} judged queries")
        print("\n".join(misses))
    assert mrr >= REQUIRED_MRR, "\n".join(misses)
