"""A year a query names says when: the entries of that year rank above others with the same words."""

import datetime

import pytest

from search.backends import get_search_engine
from search.backends.base import IndexEntry, SearchQuery, named_years

pytestmark = pytest.mark.django_db


def entry(number: int, title: str, text: str, year: int) -> IndexEntry:
    return IndexEntry(
        source=f"page:{number}",
        language="es",
        kind="event",
        title=title,
        text=text,
        url=f"/es/eventos/{number}/",
        date=datetime.date(year, 6, 1),
        year=year,
    )


def test_the_seminar_of_the_year_named_comes_before_one_that_mentions_it_more():
    engine = get_search_engine()
    engine.add(
        [
            # The 2004 seminar says more about seminars and announces the next one, in 2005.
            entry(
                1,
                "Seminario anual de la red",
                "Seminario de Santiago: el seminario de Santiago reunió a las agencias. "
                "El próximo seminario será en Santiago en 2005, de junio de 2005.",
                2004,
            ),
            entry(2, "Seminario regional", "Las agencias se reunieron en Santiago en 2005.", 2005),
        ]
    )

    def ranked(text: str) -> list[str]:
        return [hit.title for hit in engine.search(SearchQuery(text, "es")).hits]

    assert ranked("seminario Santiago") == ["Seminario anual de la red", "Seminario regional"]
    assert ranked("seminario Santiago 2005") == ["Seminario regional", "Seminario anual de la red"]


def test_only_four_digit_years_of_the_last_two_centuries_are_years():
    assert named_years(SearchQuery("seminario 2005 de 19 países, 1990 y 12345", "es")) == ["2005", "1990"]
