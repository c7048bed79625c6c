"""The embedded engines' in-memory facts: sets of entries as arrays, ordering, facet counts."""

import datetime

import numpy as np

from search.backends.database import EntryFacts

# (id, source, language, kind, year, date, countries, topics), as the index table gives them.
ROWS = [
    (3, "page:1", "es", "news", 2020, datetime.date(2020, 5, 1), "CL", "7"),
    (4, "page:1", "en", "news", 2020, datetime.date(2020, 5, 1), "CL", "7"),
    (9, "page:2", "en", "event", None, None, "MX AR", ""),
    (12, "page:3", "es", "practice", 2021, datetime.date(2021, 3, 2), "MX", "7 8"),
]


def ids(array) -> list[int]:
    return array.tolist()


def facts() -> EntryFacts:
    return EntryFacts(ROWS, ["es", "en"])


def test_every_entry_and_only_entries_are_known():
    known = facts()
    assert sorted(ids(known.ids(known.everything()))) == [3, 4, 9, 12]


def test_newest_first_and_undated_last():
    known = facts()
    assert ids(known.newest(known.everything(), 10)) == [12, 4, 3, 9]
    assert ids(known.newest(known.everything(), 1)) == [12]
    assert ids(known.newest(known.mask(np.array([9, 3])), 10)) == [3, 9]


def test_facet_counts_cover_multi_valued_facets():
    known = facts()
    counts = known.counts(known.mask(np.array([3, 9, 12])))
    assert counts[("country", "MX")] == 2
    assert counts[("country", "CL")] == counts[("country", "AR")] == 1
    assert counts[("topic", "7")] == 2 and counts[("topic", "8")] == 1
    assert counts[("language", "es")] == 2 and ("year", "2020") in counts and ("kind", "news") in counts


def test_the_other_language_version_of_a_page_is_dropped_when_the_readers_matches():
    known = facts()
    spanish, english = known.mask(np.array([3, 12])), known.mask(np.array([4, 9]))
    assert ids(known.ids(known.without_siblings_of(english, spanish, "en", "es"))) == [9]
    assert ids(known.ids(known.without_siblings_of(spanish, english, "es", "en"))) == [12]


def test_ids_written_after_the_facts_were_read_mark_the_set_incomplete():
    known = facts()
    assert known.knows_all(known.mask(np.array([3, 12])))
    assert not known.knows_all(known.mask(np.array([3, 13])))
    assert not known.knows_all(known.mask(np.array([5])))  # an id between known ones


def test_no_entries():
    empty = EntryFacts([], ["es", "en"])
    assert ids(empty.ids(empty.everything())) == []
    assert ids(empty.newest(empty.everything(), 5)) == []
    assert empty.counts(empty.everything()) == {}
