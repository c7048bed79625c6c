"""Relevance over the demo content, by category: MRR@10 and nDCG@10 of the judged queries, printed.

A judged query scores by its first page of results: reciprocal rank of the
first relevant title, and nDCG with every listed title relevant. A query the
site cannot answer scores 1 only when the page shows no result list at all
(no partial matches, no filler). The floors are for the whole set and for
each category, so a regression anywhere fails, while no single query decides.
"""

import math
from collections import defaultdict

from django.urls import reverse
from django.utils import translation

import pytest

from tests.demo.search_relevance.judgments import CATEGORIES, ENGLISH, JUDGMENTS, SPANISH
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db

REQUIRED_OVERALL = {"MRR@10": 0.85, "nDCG@10": 0.75}
REQUIRED_PER_CATEGORY = 0.6
CUTOFF = 10


def first_page_titles(client, language: str, query: str) -> list[str]:
    with translation.override(language):
        response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return result_titles(response.content.decode())[:CUTOFF]


def reciprocal_rank(titles: list[str], relevant: tuple[str, ...]) -> float:
    if not relevant:
        return float(not titles)
    return next((1 / rank for rank, title in enumerate(titles, 1) if title in relevant), 0.0)


def ndcg(titles: list[str], relevant: tuple[str, ...]) -> float:
    if not relevant:
        return float(not titles)
    # A title listed twice gains once: a duplicate on the page is no second answer.
    first_ranks = {title: rank for rank, title in reversed(list(enumerate(titles, 1)))}
    gain = sum(1 / math.log2(rank + 1) for title, rank in first_ranks.items() if title in relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), CUTOFF) + 1))
    return gain / ideal


def test_judgments_cover_every_category_in_both_languages():
    assert len(JUDGMENTS) >= 150
    assert len(SPANISH) == len(ENGLISH)
    for language in ("es", "en"):
        assert {category for lang, category, _q, _t in JUDGMENTS if lang == language} == set(CATEGORIES)


def test_relevance_by_category_over_the_demo_content(client, demo_site, capsys):
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    misses = []
    for language, category, query, relevant in JUDGMENTS:
        titles = first_page_titles(client, language, query)
        scored = (reciprocal_rank(titles, relevant), ndcg(titles, relevant))
        scores[category].append(scored)
        if scored[0] < 1:
            misses.append(f"  [{language}] {category}: {query!r} → {titles[:3]}")
    table = {category: _means(values) for category, values in sorted(scores.items())}
    overall = _means([value for values in scores.values() for value in values])
    with capsys.disabled():
        print(f"\nSearch relevance over {len(JUDGMENTS)} judged queries")
        for category, (mrr, gain) in [*table.items(), ("overall", overall)]:
            print(f"  {category:<15} MRR@10 {mrr:.3f}  nDCG@10 {gain:.3f}")
        print("Below rank 1:\n" + "\n".join(misses))
    assert overall[0] >= REQUIRED_OVERALL["MRR@10"], misses
    assert overall[1] >= REQUIRED_OVERALL["nDCG@10"], misses
    weak = {category: values for category, values in table.items() if min(values) < REQUIRED_PER_CATEGORY}
    assert not weak, misses


def _means(values: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(mrr for mrr, _gain in values) / len(values), sum(gain for _mrr, gain in values) / len(values))
