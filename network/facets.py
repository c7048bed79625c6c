"""Filter options with the number of items each would give, for every faceted listing.

An option's count applies the listing's other filters but not its own, so a
reader sees what choosing it gives. Counts come from one GROUP BY per facet,
so a listing makes the same number of queries however many items and options
there are; a selected option is offered even when nothing matches it (count 0),
so the reader can see and undo the choice.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from network.memo import remembered


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def count_by(items: QuerySet, lookup: str) -> dict[Hashable, int]:
    """How many of ``items`` have each value of ``lookup``, in one GROUP BY; empty values left out.

    The empty group is dropped here rather than filtered in SQL: a filter on a computed value
    (the year of a date) would compute it twice per row, in Python on SQLite. Counting reads
    every item, so the counts are kept for the content generation (``network.memo``).
    """
    grouped = items.values_list(lookup).annotate(count=Count("pk")).order_by()
    counts = remembered(grouped, "count_by", lambda: dict(grouped))
    counts.pop(None, None)
    return counts


def facet_options(
    labelled: Iterable[tuple[Hashable, str]], counts: dict[Hashable, int], selected: Hashable | None
) -> list[FacetOption]:
    """Options for the ``(value, label)`` pairs that have a count or are selected, in their order."""
    return [
        FacetOption(str(value), str(label), counts.get(value, 0), value == selected)
        for value, label in labelled
        if value in counts or value == selected
    ]
