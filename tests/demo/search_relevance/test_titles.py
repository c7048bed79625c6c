"""Every title of the demo content, typed as a query, brings its page first: as written, on the
other language's site, and with two neighbouring letters of its longest word swapped.

A page's name is the most navigational of queries. These audits read every entry of the index
rather than a judged list, so a page added to the demo is checked without anyone writing a query
for it.
"""

import re
from collections import defaultdict

import pytest

from search.backends import get_search_engine
from search.backends.base import SearchQuery
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

SITE_LANGUAGES = ("es", "en")


def titles_by_page() -> dict[str, dict[str, str]]:
    """Each indexed page's (or document's) titles, by language, in the site's languages."""
    pages: dict[str, dict[str, str]] = defaultdict(dict)
    entries = SearchEntry.objects.filter(language__in=SITE_LANGUAGES).order_by("source", "language")
    for source, language, title in entries.values_list("source", "language", "title"):
        pages[source][language] = title
    return pages


def misses(typed: list[tuple[str, str, str]]) -> list[str]:
    """The (reader's language, query, expected first title) whose search does not put it first.

    Asked of the engine the search page calls, as the page asks it (the judged queries go
    through the page itself): 400 searches, each a few milliseconds rather than a rendered page.
    """
    engine = get_search_engine()
    missed = []
    for language, query, expected in typed:
        found = [hit.title for hit in engine.search(SearchQuery(query, language)).hits[:2]]
        if not found or found[0] != expected:
            missed.append(f"[{language}] {query!r} → {found}, not {expected!r}")
    return missed


def with_swapped_letters(title: str) -> str | None:
    """``title`` with the two letters at the middle of its longest word (six letters or more) swapped."""
    words = title.split()
    longest = max(range(len(words)), key=lambda position: len(re.sub(r"\W", "", words[position])))
    word = words[longest]
    if len(word) < 6:
        return None
    middle = len(word) // 2
    words[longest] = word[:middle] + word[middle + 1] + word[middle] + word[middle + 2 :]
    return " ".join(words)


def test_each_title_typed_brings_its_page_first(demo_site):
    typed = [
        (language, title, title)
        for versions in titles_by_page().values()
        for language, title in versions.items()
    ]
    assert len(typed) > 100
    assert not misses(typed)


def test_each_title_typed_on_the_other_languages_site_brings_its_page_first(demo_site):
    typed = [
        (reader, versions[other], versions[reader])
        for versions in titles_by_page().values()
        if len(versions) == 2 and versions["es"] != versions["en"]
        for reader, other in (("es", "en"), ("en", "es"))
    ]
    assert len(typed) > 100
    assert not misses(typed)


def test_each_title_typed_with_two_letters_swapped_brings_its_page_first(demo_site):
    typed = [
        (language, misspelt, title)
        for versions in titles_by_page().values()
        for language, title in versions.items()
        if (misspelt := with_swapped_letters(title))
    ]
    assert len(typed) > 100
    assert not misses(typed)
