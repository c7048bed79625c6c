"""Reading pages the way the database answers fastest: children and descendants as path ranges,
the pages of a small type from that type's own table, and only what a link to a page needs.

Wagtail's ``child_of`` and ``descendant_of`` match tree paths with LIKE
'path%'. SQLite's LIKE ignores case, so it cannot use the path index and reads
every page of the site: 15 ms to find a country's 300 practices among 22,000
pages. Tree paths are made of the characters 0-9 and A-Z, so the same pages
are those whose path lies between the parent's path followed by the lowest
and by the highest of them.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Left, Length

from wagtail.models import Page, PageViewRestriction

PATH_MAX_LENGTH = Page._meta.get_field("path").max_length


def children_of(parent: Page) -> Q:
    step = Page.steplen
    return Q(
        path__range=(parent.path + Page.alphabet[0] * step, parent.path + Page.alphabet[-1] * step),
        depth=parent.depth + 1,
    )


def descendants_of(parent: Page) -> Q:
    return Q(
        path__gt=parent.path,
        path__lte=parent.path.ljust(PATH_MAX_LENGTH, Page.alphabet[-1]),
    )


def by_own_table(pages: QuerySet) -> QuerySet:
    """``pages`` of a type with few pages (countries, topics) in the order of that type's own table.

    SQLite keeps no table statistics, so for ``TopicPage.objects.live()`` it reads
    every page of the site, to test ``live``, and looks each up among the topics.
    Ordered by the topic table's key, it reads the 17 topics and looks up their
    pages instead: 16 ms down to 0.2 ms at 22,000 pages. Readers see such pages
    alphabetically, which is sorted in Python (``network.ordering.alphabetical``).
    """
    return pages.order_by("pk")


# What ``{% pageurl %}`` and a link's text read of a page.
LINK_FIELDS = ("title", "url_path", "path", "depth", "locale_id", "live")


def visible(pages: QuerySet) -> QuerySet:
    """``pages`` that readers may see: published, and neither they nor an ancestor behind a password,
    a login or a group.

    The one rule for everything a reader sees of a page, its own or its title on
    another (a news item's topic badge, a feed's categories, a filter's options,
    JSON-LD keywords, the API, the downloads, the search index). Wagtail's
    ``public()`` reads the restrictions in a query of its own each time it is
    called; this tests them in a subquery of the same query, so a listing that
    prefetches five relations makes no more queries for it.
    """
    restrictions = PageViewRestriction.objects.filter(page__path=Left(OuterRef("path"), Length("page__path")))
    return pages.live().exclude(Exists(restrictions))


def visible_through(rows: QuerySet, page: str) -> QuerySet:
    """``rows`` whose page (the relation named ``page``) readers may see, by ``visible``'s rule.

    For rows that belong to a page (an event's agreements, sessions, documents): the page
    is joined and tested in the same query. ``page__in=visible(...)`` would list every
    visible page of the site first, which grows with the site rather than with the rows.
    """
    restrictions = PageViewRestriction.objects.filter(
        page__path=Left(OuterRef(f"{page}__path"), Length("page__path"))
    )
    return rows.filter(**{f"{page}__live": True}).exclude(Exists(restrictions))


def visible_among(pages: Iterable[Page]) -> list[Page]:
    """The ``pages`` of a page's relation that readers may see, by id: saved or a preview's in memory.

    A saved relation is a query, narrowed by ``visible``; a preview's unsaved
    relations exist only in memory, so their restrictions are read in one query.
    Not for prefetched relations: prefetch ``visible`` pages and read them as they are.
    """
    if isinstance(pages, QuerySet):
        return list(visible(pages).order_by("pk"))
    live = [page for page in pages if page.live]
    if not live:
        return []
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    sections = tuple(restricted)
    return sorted((page for page in live if not page.path.startswith(sections)), key=lambda page: page.pk)


def linked(page_model: type[Page]) -> QuerySet:
    """Visible pages of ``page_model`` with only what a link to them needs.

    A listing links to hundreds of pages; building each with all its fields (an
    event's report, a country's profile, in both languages) was most of its time.
    """
    return visible(page_model.objects.all()).only(*LINK_FIELDS)
